#!/bin/sh
# Preparing next year's Journée in advance leaves this year's alone
# (outside tester 18 F19): the current edition, to which the workshops
# without date nor edition belong, is the next one to happen, not the
# highest year; once its day is past, the next file takes over.  The
# mini site: editions 2025 and 2026 (23 May 2026), committed in January
# 2026, its workshops « repeindre-le-preau » without date nor edition.
. "$(dirname "$0")/../lib.sh"

day() { date -u -d "$1T09:00:00Z" +%s; }
R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
"$FABRIQUE" new edition 2027 site >"$WORK/.out" 2>&1
status "new edition 2027 succeeds" 0 $?
sed -i 's/^  lieu: .*/  lieu: Salle des fêtes/' site/editions/2027.yaml
(cd "$R" && $GIT add -A &&
	GIT_COMMITTER_DATE=2026-02-01T10:00:00+01:00 $GIT commit -qm "Édition 2027")
W=ateliers/repeindre-le-preau/index.html
OUT=$WORK/public
"$FABRIQUE" build site --out "$OUT" >"$WORK/.out" 2>"$WORK/.err"
status "February 2026, with the 2027 file written: the build succeeds" 0 $?
contains "the workshop without date stays on 23 May 2026" "$OUT/$W" "samedi 23 mai 2026"
lacks "it is not moved to 2027" "$OUT/$W" "mai 2027"
contains "the programme is still 2026's" "$OUT/programme/index.html" "23 mai 2026"
contains "the programme lists the workshop" "$OUT/programme/index.html" "Repeindre le préau"
contains "its calendar file keeps the 2026 day" "$OUT/ateliers/repeindre-le-preau/atelier.ics" "20260523"
contains "the home announces 2026" "$OUT/index.html" "23 mai 2026"

# The day itself, the Journée is still the current one.
SOURCE_DATE_EPOCH=$(day 2026-05-23) "$FABRIQUE" build site --out "$OUT" >"$WORK/.out" 2>"$WORK/.err"
status "on the day: the build succeeds" 0 $?
contains "on the day: the workshop is still on 23 May 2026" "$OUT/$W" "samedi 23 mai 2026"

# The day after, next year's file takes over.
SOURCE_DATE_EPOCH=$(day 2026-05-24) "$FABRIQUE" build site --out "$OUT" >"$WORK/.out" 2>"$WORK/.err"
status "the day after: the build succeeds" 0 $?
contains "the day after: the programme is 2027's" "$OUT/programme/index.html" "2027"
contains "the day after: 2025's workshop stays in 2025" \
	"$OUT/ateliers/nettoyer-le-lavoir-2025/index.html" "2025"
# The workshops written before the 2026 day, without date nor edition,
# are now counted in 2027: a warning at each says so, with the line to
# write either way (they moved without a word before).
contains "the day after: a workshop written before the 2026 day is said to be counted in 2027" "$WORK/.err" \
	"site/ateliers/repeindre-le-preau.md:1:1: warning: this workshop has neither 'date' nor 'edition': it is counted in the 2027 edition, the current one, but its file was written before the 2026 Journée (2026-05-23); write 'edition: 2026' in its front matter if it was for that one, else 'edition: 2027'"
contains "the other one too" "$WORK/.err" "site/ateliers/planter-des-haies.md:1:1: warning: this workshop has neither"
check "said once for each" test "$(grep -c "neither 'date' nor 'edition'" "$WORK/.err")" = 2
(LANGUAGE= LC_ALL=fr_FR.UTF-8 SOURCE_DATE_EPOCH=$(day 2026-05-24) "$FABRIQUE" check site >"$WORK/fr.out" 2>&1)
contains "check says it, in French" "$WORK/fr.out" \
	"site/ateliers/repeindre-le-preau.md:1:1: avertissement : cet atelier n’a ni « date » ni « edition » : il est compté dans l’édition 2027, l’édition en cours, mais son fichier a été écrit avant la Journée 2026 (2026-05-23) ; écrivez « edition: 2026 » dans son en-tête s’il était pour celle-là, sinon « edition: 2027 »"
SOURCE_DATE_EPOCH=$(day 2026-05-23) "$FABRIQUE" check site >"$WORK/.out" 2>&1
lacks "on the day itself, nothing moved: no warning" "$WORK/.out" "neither 'date' nor 'edition'"
# a workshop written after the 2026 day, for 2027, is not warned
printf -- '---\ntitre: Tailler les haies\nresume: Les haies du Moulin.\ndebut: "14:00"\nfin: "17:00"\nlieu: Chemin du Moulin\n---\nTexte.\n' >site/ateliers/tailler.md
(cd "$R" && $GIT add -A && GIT_AUTHOR_DATE=2026-06-01T10:00:00+02:00 \
	GIT_COMMITTER_DATE=2026-06-01T10:00:00+02:00 $GIT commit -qm "2027")
SOURCE_DATE_EPOCH=$(day 2026-06-02) "$FABRIQUE" check site >"$WORK/.out" 2>&1
lacks "a workshop written after the 2026 day is not warned" "$WORK/.out" "tailler.md:1:1: warning: this workshop"
contains "the old one still is" "$WORK/.out" "repeindre-le-preau.md:1:1: warning: this workshop"

# site.yaml's edition_courante still decides when it is given.
printf 'edition_courante: 2027\n' >>site/site.yaml
"$FABRIQUE" build site --worktree --out "$OUT" >"$WORK/.out" 2>"$WORK/.err"
status "edition_courante: 2027: the build succeeds" 0 $?
lacks "edition_courante: 2027 moves the workshop without date" "$OUT/$W" "23 mai 2026"

# A site from fabrique init: its example workshop and the archetype's
# name their edition, so a workshop written this year stays in it even
# once next year's file has taken over.  The new edition's day offered
# is a Saturday, as this year's, not the same date on a Tuesday.
I=$WORK/init
mkdir -p "$I" && cd "$I" && $GIT init -q || exit 1
"$FABRIQUE" init . >"$WORK/.out" 2>&1
status "init succeeds" 0 $?
Y=$(basename editions/*.yaml .yaml)
contains "init's example workshop names its edition" \
	ateliers/nettoyer-les-abords-de-l-ecole.md "edition: $Y"
"$FABRIQUE" new atelier "Repair café" . >"$WORK/.out" 2>&1
status "new atelier succeeds" 0 $?
check "a new workshop names the coming edition, not in a comment" \
	grep -q "^edition: $Y " ateliers/repair-cafe.md
N=$((Y + 1))
"$FABRIQUE" new edition "$N" . >"$WORK/.out" 2>&1
status "new edition $N succeeds" 0 $?
D=$(sed -n 's/^date: *\([0-9-]*\).*/\1/p' "editions/$N.yaml")
check "next year's day offered ($D) is a Saturday, as this year's" \
	test "$(date -u -d "$D" +%u)" = 6
check "and in late May, as this year's" test "${D#"$N"-05-}" != "$D"
"$FABRIQUE" new atelier "Après" . >"$WORK/.out" 2>&1
check "with next year's file written, a new workshop is still this year's" \
	grep -q "^edition: $Y " ateliers/apres.md

# An edition's date_limite copied from last year, or after the day
# (outside tester 25 F10): a warning at its line, which --strict refuses.
export SOURCE_DATE_EPOCH=$(day 2026-12-01) # the day of the tester's build
cd "$WORK" && rm -rf dl && "$FABRIQUE" init dl --commune "Sainte-Hélène" --insee 33406 \
	--url https://journee.sainte-helene.fr >/dev/null 2>&1 && cd dl || exit 1
printf 'inscription:\n  url: https://www.helloasso.com/x\n  date_limite: 2026-05-10\n' >>editions/2027.yaml
$GIT add -A && $GIT commit -qm "copie de 2026"
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check . >"$WORK/dl.out" 2>&1
contains "date_limite of last year: a warning at its line, in French" "$WORK/dl.out" \
	"editions/2027.yaml:18:16: avertissement : date_limite : le 2026-05-10 est en 2026, 384 jours avant le jour de cette édition (2027-05-29)"
"$FABRIQUE" check --strict . >"$WORK/dl.out" 2>&1
contains "date_limite of last year: --strict (the hooks) makes it an error" "$WORK/dl.out" \
	"editions/2027.yaml:18:16: error: date_limite: 2026-05-10 is in 2026"
sed -i 's/2026-05-10/2027-06-10/' editions/2027.yaml
$GIT commit -qam "après"
"$FABRIQUE" check . >"$WORK/dl.out" 2>&1
contains "date_limite after the day: a warning" "$WORK/dl.out" \
	"editions/2027.yaml:18:16: warning: date_limite: 2027-06-10 is after the day of this edition (2027-05-29)"
sed -i 's/2027-06-10/2027-05-10/' editions/2027.yaml
$GIT commit -qam "juste"
"$FABRIQUE" check . >"$WORK/dl.out" 2>&1
lacks "date_limite before the day, in its year: nothing said" "$WORK/dl.out" "date_limite"
