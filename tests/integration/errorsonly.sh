#!/bin/sh
# --errors-only (outside tester 25 F2): a webmaster's nightly cron job
# mails whatever fabrique prints (MAILTO), and should mail only when the
# publication failed.  The newcomer's site (fabrique init) has warnings
# of its own (init's sentences for the editor); --quiet prints them,
# --errors-only does not, and still prints every error, in the site's
# language, with the exit status that says so.
. "$(dirname "$0")/../lib.sh"

starter_site
W=ateliers/nettoyer-les-abords-de-l-ecole.md
"$FABRIQUE" build . --out "$WORK/public" --quiet >"$WORK/out" 2>"$WORK/.err"
status "--quiet: the starter site builds" 0 $?
contains "--quiet: ... and prints its warnings" "$WORK/.err" ": warning: "
"$FABRIQUE" build . --out "$WORK/public" --errors-only >"$WORK/out" 2>"$WORK/.err"
status "--errors-only: the site builds" 0 $?
check "--errors-only: nothing printed, on either output" \
	test ! -s "$WORK/.err" -a ! -s "$WORK/out"

# The nightly publication of the deploy folder, as docs/deploy.md says.
"$FABRIQUE" publish . --out "$WORK/www" --today --errors-only >"$WORK/out" 2>"$WORK/.err"
status "publish --today --errors-only: published" 0 $?
check "publish --errors-only: nothing printed" test ! -s "$WORK/.err" -a ! -s "$WORK/out"
check "publish: the site is live" test -s "$WORK/www/current/index.html"

# An editor's mistake: printed, alone, in the site's language.
sed -i 's/^fin: .*/fin: "25:00"/' "$W"
commit_all "$S" "heure impossible"
before=$(snapshot "$WORK/public")
"$FABRIQUE" build . --out "$WORK/public" --errors-only >"$WORK/out" 2>"$WORK/.err"
status "--errors-only, an error: exit status 1" 1 $?
contains "... the error is printed at its file and line" "$WORK/.err" "$W:"
lacks "... and no warning" "$WORK/.err" "warning"
lacks "... and no note" "$WORK/.err" "note:"
check "... the previous output is as it was" test "$before" = "$(snapshot "$WORK/public")"
(LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" publish . --out "$WORK/www" --today --errors-only \
	>"$WORK/out" 2>"$WORK/.err")
status "publish --errors-only, an error, in French: exit status 1" 1 $?
contains "... « erreur : » at the workshop's file" "$WORK/.err" "$W:"
contains "... in French" "$WORK/.err" "erreur : "
lacks "... no « avertissement »" "$WORK/.err" "avertissement"
lacks "... no note" "$WORK/.err" "note :"

# --strict makes the editor's warnings errors: printed, then.
$GIT checkout -q HEAD~1 -- "$W" && commit_all "$S" "heure corrigée"
"$FABRIQUE" check . --strict --errors-only >"$WORK/out" 2>"$WORK/.err"
status "check --strict --errors-only: the warnings are errors" 1 $?
contains "... and printed as such" "$WORK/.err" ": error: "
lacks "... none as a warning" "$WORK/.err" ": warning: "
exit 0
