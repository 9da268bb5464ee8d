#!/bin/sh
# site.yaml's url must be where residents reach the site: an address of
# this computer (localhost, 127.0.0.1), of a private network, a name kept
# for examples and tests (.example, .test, .invalid, .localhost) or plain
# http:// is a warning saying what to write, so check --strict and the
# server's strict pre-receive hook refuse it (tester19 F13: only the
# exact address fabrique init writes was caught; the repository's own
# example was accepted and published with its .example address).
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1

"$FABRIQUE" check --strict site 2>"$WORK/.err"
status "the fixture's public https address passes check --strict" 0 $?

for u in "http://localhost:8000" "http://127.0.0.1/" "https://ma-commune.example" \
	"https://journee.lhay.fr.invalid" "https://jc.essai.test/" "https://x.localhost" \
	"https://192.168.1.20/journee/"; do
	sed -i "s|^url: .*|url: \"$u\"|" site/site.yaml
	host=$(printf '%s' "$u" | sed 's|^[a-z]*://||; s|[:/].*||')
	LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check --strict --worktree site >"$WORK/.err" 2>&1
	status "$u: check --strict refuses it" 1 $?
	contains "$u: at its line, saying it is no public address and what to write" "$WORK/.err" \
		"site/site.yaml:5:6: erreur : « url » ($u) désigne $host, qui n’est pas une adresse publique d’Internet"
	"$FABRIQUE" check --worktree site >"$WORK/.err" 2>&1
	status "$u: without --strict, a warning (exit 0)" 0 $?
	contains "$u: a warning, in English" "$WORK/.err" \
		"site/site.yaml:5:6: warning: 'url' ($u) names $host, which is not an address on the Internet"
done

sed -i 's|^url: .*|url: "http://journee.villeneuve.fr"|' site/site.yaml
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check --strict --worktree site >"$WORK/.err" 2>&1
status "plain http://: check --strict refuses it" 1 $?
contains "plain http://: says to write https://" "$WORK/.err" \
	"site/site.yaml:5:6: erreur : « url » (http://journee.villeneuve.fr) commence par http:// : navigateurs et applications d’agenda signalent un tel site comme non sécurisé"
contains "plain http://: the address to write" "$WORK/.err" "écrivez https://"
(cd "$R" && $GIT checkout -q -- site/site.yaml)

# The repository's own example site, pushed as is to a server whose
# pre-receive hook is the strict one of docs/deploy.md: refused, the
# reason said; with its own address written, accepted.
BARE=$WORK/site.git
mkbare "$BARE" main
hook_install "$BARE" pre-receive
E=$WORK/exemple
mkrepo "$E"
cd "$E" || exit 1
$GIT remote add origin "file://$BARE"
env -u LANGUAGE $GIT push origin main >"$WORK/.push" 2>&1
pst=$?
check "the example's .example address is refused by the hook" test "$pst" -ne 0
contains "the hook says why, at its line" "$WORK/.push" \
	"content/site.yaml:7:6: erreur : « url » (https://journee-citoyenne.saint-aubin-des-levees.example) désigne journee-citoyenne.saint-aubin-des-levees.example"
sed -i 's|^url: .*|url: https://journee.saint-aubin-des-levees.fr|' content/site.yaml
$GIT commit -qam "Adresse publique"
env -u LANGUAGE $GIT push origin main >"$WORK/.push" 2>&1
status "with a public address, the same example is accepted" 0 $?
