#!/bin/sh
# Bad input: a clear file:line:col error, exit status 1, and the site
# already published left exactly as it was, with no temporary folder.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
OUT=$WORK/public
"$FABRIQUE" build site --out "$OUT" -q || echo "not ok - initial build failed"
before=$(snapshot "$OUT")

# expect_failure NAME EXPECTED-MESSAGE: builds HEAD, which must fail
# with that message and leave $OUT untouched; then undoes the commit.
expect_failure() {
	commit_all "$R" "$1" >/dev/null
	"$FABRIQUE" build site --out "$OUT" 2>"$WORK/.err"
	status "$1: exit status 1" 1 $?
	contains "$1: message" "$WORK/.err" "$2"
	if [ "$(snapshot "$OUT")" = "$before" ]; then ok "$1: previous site unchanged"
	else not_ok "$1: previous site unchanged"; fi
	leftovers=$(find "$WORK" -maxdepth 1 -name '.public.fabrique-*' | wc -l)
	status "$1: no temporary folder left" 0 "$leftovers"
	(cd "$R" && $GIT reset -q --hard HEAD~1)
}

printf -- '---\ntitre: Haies\nlieu: Salle: des fêtes\n---\nTexte\n' >site/ateliers/planter-des-haies.md
expect_failure "bad YAML" "site/ateliers/planter-des-haies.md:3:7: error: the value of 'lieu' contains ': '; put the value between quotes"

mkdir -p site/theme/templates
printf '<h1>{{page.titre}}</h1>\n{{#page.tags}}\n<p>{{nom}}</p>\n' >site/theme/templates/page.mustache
expect_failure "bad template" "site/theme/templates/page.mustache:2:1: error:"

printf -- '---\ntitre: Doublon\nslug: repeindre-le-preau\n---\nTexte\n' >site/ateliers/doublon.md
expect_failure "duplicate slug" "the URL /ateliers/repeindre-le-preau/ is already taken by site/ateliers/"

printf -- '---\ntitre: Lien\n---\nPremier paragraphe.\n\nVoir [ici](../patrimoine/absent.md).\n' >site/pages/lien.md
expect_failure "broken internal link" "site/pages/lien.md:6:12: error: the link '../patrimoine/absent.md' points to site/patrimoine/absent.md, which does not exist"

printf -- '---\ntitre: Evasion\nslug: ../../etc\n---\nTexte\n' >site/pages/evasion.md
expect_failure "slug escaping the output" "site/pages/evasion.md:3:7: error: slug may only hold lowercase letters"
check "nothing written outside the output" test ! -e "$WORK/etc"

# A build killed with SIGKILL midway leaves the previous site untouched;
# the next build succeeds and sweeps the leftover temporary folder.
i=0
while [ $i -lt 4000 ]; do
	printf -- '---\ntitre: Atelier %d\ncategorie: nature\n---\nUn texte assez long pour occuper le rendu, %d fois.\n' $i $i \
		>site/ateliers/genere-$i.md
	i=$((i + 1))
done
commit_all "$R" "beaucoup de pages" >/dev/null
"$FABRIQUE" build site --out "$OUT" --jobs 1 -q 2>/dev/null &
pid=$!
n=0
until ls -d "$WORK"/.public.fabrique-* >/dev/null 2>&1 || [ $n -gt 3000 ]; do
	n=$((n + 1))
	sleep 0.01
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
if ls -d "$WORK"/.public.fabrique-* >/dev/null 2>&1; then ok "SIGKILL: the build was stopped midway"
else not_ok "SIGKILL: the build was stopped midway" "no temporary folder was seen"; fi
if [ "$(snapshot "$OUT")" = "$before" ]; then ok "SIGKILL: previous site unchanged"
else not_ok "SIGKILL: previous site unchanged"; fi
"$FABRIQUE" build site --out "$OUT" -q
status "SIGKILL: the next build succeeds" 0 $?
leftovers=$(find "$WORK" -maxdepth 1 -name '.public.fabrique-*' | wc -l)
status "SIGKILL: the leftover temporary folder is swept" 0 "$leftovers"
check "SIGKILL: the new site is in place" test -f "$OUT/ateliers/genere-3999/index.html"
