#!/bin/sh
# The authors a site publishes with 'historique: auteurs: oui' (outside
# tester 20): a git user.name that is, or holds, an e-mail address or a
# phone number is never published, and said once (F10); a name from a
# commit in ISO-8859-1 is published as UTF-8 (F11).  Default theme.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
OUT=$WORK/out
mkmini "$R"
cd "$R" || exit 1
printf '\nhistorique:\n  auteurs: oui\n' >>site/site.yaml
commit_all "$R" "auteurs publiés" >/dev/null

# edit FILE NAME: appends a line to FILE and commits it as NAME.
edit() {
	echo "Une ligne de plus." >>"$1"
	git add -A
	git -c user.name="$2" -c user.email=h@example.invalid commit -qm "$2"
}
edit site/pages/contact.md "helene.martin@mairie-herbiers.fr"
edit site/pages/contact.md "Paul Durand 06 12 34 56 78"
edit site/pages/contact.md "Claire Petit"
edit site/patrimoine/lavoir.md "helene.martin@mairie-herbiers.fr"

"$FABRIQUE" build site --out "$OUT" 2>"$WORK/.err"
status "the site builds" 0 $?
P=$OUT/contact/index.html
contains "a real name is published" "$P" "Claire Petit"
lacks "an e-mail address given as git user.name is not published" "$P" "mairie-herbiers"
lacks "a name holding a phone number is not published" "$P" "06 12 34 56 78"
lacks "nor on the other page" "$OUT/patrimoine/lavoir/index.html" "mairie-herbiers"
if grep -rqF "mairie-herbiers" "$OUT"; then
	not_ok "no published file holds the address" "$(grep -rlF mairie-herbiers "$OUT" | head -3)"
else ok "no published file holds the address"; fi
n=$(grep -c "helene.martin@mairie-herbiers.fr.*is not published" "$WORK/.err")
status "the address is warned about once, not once per page" 1 "$n"
contains "the warning says what to do" "$WORK/.err" "git config user.name"
contains "the phone number's author is warned about" "$WORK/.err" "'Paul Durand 06 12 34 56 78'"

# --strict (the pre-receive hook) refuses the publication.
"$FABRIQUE" check site --strict >"$WORK/strict" 2>&1
status "check --strict refuses" 1 $?

# In French.
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check site >"$WORK/fr" 2>&1
contains "the warning in French" "$WORK/fr" "n’est pas publié parmi les auteurs"

# Without historique.auteurs no name is published: nothing to say.
git clone -q "file://$R" "$WORK/anon"
(cd "$WORK/anon" && sed -i '/^historique:/,$d' site/site.yaml &&
	git add -A && git -c user.name=Test -c user.email=t@example.invalid commit -qm anon &&
	"$FABRIQUE" check site) >"$WORK/anon.out" 2>&1
lacks "no warning when names are not published" "$WORK/anon.out" "git config user.name"

# F11: a commit made by git set to i18n.commitEncoding=ISO-8859-1.
echo "Encore une ligne." >>site/pages/contact.md
git add -A
git -c i18n.commitEncoding=ISO-8859-1 -c user.name="$(printf 'H\351l\350ne Martin')" \
	-c user.email=h@example.invalid commit -qm "$(printf 'corrig\351')"
"$FABRIQUE" build site --out "$OUT" -q 2>"$WORK/.err"
status "the site builds with a Latin-1 commit" 0 $?
contains "the Latin-1 name is published as UTF-8" "$P" "Hélène Martin"
if iconv -f UTF-8 -t UTF-8 "$P" >/dev/null 2>&1; then ok "the page is valid UTF-8"
else not_ok "the page is valid UTF-8"; fi
