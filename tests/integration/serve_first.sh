#!/bin/sh
# fabrique serve on a large site (600 pages, bench/gen-site.py): the page
# open in the browser is rebuilt and shown first.  When its reload event
# comes, it already has the new text while the rest of the site (the
# workshops' list) is still the previous build's; a page served from the
# previous build meanwhile makes the pages reload once more when the whole
# build is in, and then every page has the new text.  Without a page
# served from the old build, the whole build makes no second reload.  A
# save while the whole build runs stops it and starts the next at once.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkdir -p "$R"
python3 "$TOP/bench/gen-site.py" 600 "$R/site" >/dev/null
(cd "$R" && $GIT init -q && $GIT add -A && $GIT commit -qm "Site initial")
cd "$R" || exit 1
SERVE_TRIES=1200
serve_start site || exit 0

# wait_events FILE N: until the event stream saved in FILE holds N events
wait_events() {
	for _ in $(seq 1 1200); do
		[ "$(grep -c '^event: build' "$1")" -ge "$2" ] && return 0
		sleep 0.02
	done
	return 1
}

F=$(ls site/ateliers | head -n 1)
page=/ateliers/${F%.md}/
# save NEWTITLE: an editor's save of the page, through a renamed file
save() {
	sed "s/^titre: .*/titre: \"$1\"/" "site/ateliers/$F" >"$WORK/new.md" &&
		mv "$WORK/new.md" "site/ateliers/$F"
}

# 1. no page open: one event, after the whole build (first: an event
# stream closed by its client is only forgotten when next written to)
curl -sN "$url/_fabrique/events" >"$WORK/ev3" &
cpid=$!
wait_events "$WORK/ev3" 1
save "Troisième titre mesuré"
wait_events "$WORK/ev3" 2
curl -s "$url/ateliers/" >"$WORK/list3.html"
contains "without a page given, the event comes once the whole site is rebuilt" "$WORK/list3.html" "Troisième titre mesuré"
kill "$cpid" 2>/dev/null

# 2. the open page first; the list, fetched at once, is the old one
curl -sN "$url/_fabrique/events?page=$page" >"$WORK/ev1" &
cpid=$!
wait_events "$WORK/ev1" 1
n=$(builds)
save "Premier titre mesuré"
wait_events "$WORK/ev1" 2
curl -s "$url/ateliers/" >"$WORK/list1.html"
curl -s "$url$page" >"$WORK/page1.html"
contains "the open page has the new text when its reload event comes" "$WORK/page1.html" "Premier titre mesuré"
wait_builds $((n + 1))
contains "the server showed the open page before the rest of the site" "$WORK/serve.log" "the open pages were shown after"
# the list, asked at once, is the previous build's while the rest is
# rebuilt, and then the pages reload once more when the whole build is
# in; on a fast machine the whole build may be in already, and then it
# makes no second reload
if grep -q "Premier titre mesuré" "$WORK/list1.html"; then
	echo "# the whole build was in before the list was fetched"
	sleep 0.5
	status "the list served from the whole build: no second reload" 2 "$(grep -c '^event: build' "$WORK/ev1")"
else
	wait_events "$WORK/ev1" 3
	count=$(grep -c '^event: build' "$WORK/ev1")
	status "a page served from the previous build meanwhile: one more reload when the whole build is in" 3 "$count"
fi
curl -s "$url/ateliers/" >"$WORK/list1b.html"
contains "then the list has the new text too" "$WORK/list1b.html" "Premier titre mesuré"
kill "$cpid" 2>/dev/null

# 3. nothing else fetched during the rebuild but the page's own assets
# (what a browser does on reloading it): a single reload
css=$(grep -o '/assets/css/style\.[0-9a-f]*\.css' "$WORK/page1.html" | head -n 1)
curl -sN "$url/_fabrique/events?page=$page" >"$WORK/ev2" &
cpid=$!
wait_events "$WORK/ev2" 1
n=$(builds)
save "Second titre mesuré"
wait_events "$WORK/ev2" 2
code=$(curl -s -o /dev/null -w '%{http_code}' "$url$css")
[ "$(builds)" -gt "$n" ] && echo "# the whole build was in before the stylesheet was fetched"
status "the page's stylesheet is served during the rebuild ($css)" 200 "$code"
wait_builds $((n + 1))
sleep 0.5
count=$(grep -c '^event: build' "$WORK/ev2")
status "nothing but the theme's assets served meanwhile: the whole build makes no second reload" 2 "$count"
curl -s "$url$page" >"$WORK/page2.html"
curl -s "$url/ateliers/" >"$WORK/list2.html"
contains "the open page has the second text" "$WORK/page2.html" "Second titre mesuré"
contains "and so has the list" "$WORK/list2.html" "Second titre mesuré"
kill "$cpid" 2>/dev/null

# 4. a second save while the first one's whole build runs: that build
# stops, the second is built at once, and in full.  The first is the
# commune's name in site.yaml, which every page shows.  Its whole build
# can take a tenth of a second here, less than a save takes to reach
# the server: once its open page is shown the server is paused
# (SIGSTOP), the second save is made, and the server resumes with the
# build unfinished and the save waiting, as on a slower machine.  On
# resuming, the build may still finish before it sees the save; the
# test tries three times and needs one build cut short.
curl -sN "$url/_fabrique/events?page=$page" >"$WORK/ev4" &
cpid=$!
wait_events "$WORK/ev4" 1
cut=0
for try in 1 2 3; do
	n=$(builds)
	e=$(grep -c '^event: build' "$WORK/ev4")
	sed "s/^  nom: .*/  nom: \"Saint-Martin-Renommé $try\"/" site/site.yaml >"$WORK/site.yaml" &&
		mv "$WORK/site.yaml" site/site.yaml
	wait_events "$WORK/ev4" $((e + 1))
	kill -STOP "$pid"
	save "Titre qui reste $try"
	sleep 0.3
	kill -CONT "$pid"
	for _ in $(seq 1 600); do
		curl -s "$url$page" | grep -q "Titre qui reste $try" && break
		sleep 0.05
	done
	wait_builds $((n + 1))
	sleep 1
	curl -s "$url/ateliers/" >"$WORK/list4.html"
	contains "the list has the second save's text" "$WORK/list4.html" "Titre qui reste $try"
	contains "and the first's, built in the same build or before" "$WORK/list4.html" "Saint-Martin-Renommé $try"
	if [ "$(builds)" -eq $((n + 1)) ]; then
		cut=1
		break
	fi
	echo "# try $try: the first save's build finished before it saw the second ($((n + 2)) builds)"
done
status "the first save's whole build stopped for the second (one build finished)" 1 "$cut"
kill "$cpid" 2>/dev/null

lacks "no error reported while serving" "$WORK/serve.log" "error"
