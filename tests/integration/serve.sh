#!/bin/sh
# fabrique serve against a real server on a free port of 127.0.0.1: after
# each edit, every file it serves is the one a clean build of the same
# working tree gives (pages carry only the injected reload script more),
# a removed page is gone (404), and nothing is written in the repository.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
# dates in feeds and calendars are the build's: the same for both
export SOURCE_DATE_EPOCH=1768467600
cd "$R" || exit 1
SERVE_TRIES=600
serve_start site || exit 0

# same_as_clean NAME: every file of a clean build of the working tree,
# fetched from the server, byte for byte (HTML: once the reload script
# the server adds is taken out; sw.js: the preview serves its own).
same_as_clean() {
	rm -rf "$WORK/clean"
	"$FABRIQUE" build site --worktree --out "$WORK/clean" -q 2>"$WORK/.err"
	if python3 - "$url" "$WORK/clean" >"$WORK/.cmp" 2>&1 <<'EOS'
import os, re, sys, urllib.request
url, root = sys.argv[1], sys.argv[2]
bad, n = [], 0
for d, _, files in os.walk(root):
	for f in files:
		rel = os.path.relpath(os.path.join(d, f), root)
		if rel in ('.fabrique-site', 'sw.js'):
			continue
		want = open(os.path.join(root, rel), 'rb').read()
		got = urllib.request.urlopen(url + '/' + urllib.request.quote(rel)).read()
		if rel.endswith('.html'):
			got = re.sub(rb'<script src="/_fabrique/live.js" data-version="[0-9]+"></script>', b'', got, count=1)
		n += 1
		if got != want:
			bad.append(rel)
print(n, 'files compared;', len(bad), 'differ:', ' '.join(bad[:10]))
sys.exit(1 if bad or n < 20 else 0)
EOS
	then ok "$1 ($(cat "$WORK/.cmp"))"; else not_ok "$1" "$(tail -n 5 "$WORK/.cmp")"; fi
}

same_as_clean "first build: the server serves what a clean build writes"

# an editor's save: a temporary file renamed over the page
P=site/ateliers/repeindre-le-preau.md
sed 's/^titre: .*/titre: Repeindre le préau en bleu/' "$P" >"$P.tmp" && mv "$P.tmp" "$P"
wait_builds 2
curl -s "$url/ateliers/" >"$WORK/list.html"
contains "the edited title is served on the workshops' list" "$WORK/list.html" "Repeindre le préau en bleu"
same_as_clean "after an edit: every file equals a clean build's"

# a new page, then the same removed: in the preview, then gone
sed 's/^titre: .*/titre: Tailler les haies/' site/ateliers/planter-des-haies.md >"$WORK/new.md"
mv "$WORK/new.md" site/ateliers/tailler-les-haies.md
wait_builds 3
code=$(curl -s -o /dev/null -w '%{http_code}' "$url/ateliers/tailler-les-haies/")
status "a new page is served" 200 "$code"
same_as_clean "after a new page: every file equals a clean build's"
rm site/ateliers/tailler-les-haies.md
wait_builds 4
code=$(curl -s -o /dev/null -w '%{http_code}' "$url/ateliers/tailler-les-haies/")
status "a removed page answers 404" 404 "$code"
same_as_clean "after a removal: every file equals a clean build's"

kill -INT "$pid"
wait "$pid"
status "Ctrl-C stops it: exit 0" 0 $?
check "it never wrote public/" test ! -e "$R/public"
