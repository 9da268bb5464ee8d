#!/bin/sh
# Last year's workshop edited in place for next year (outside tester 25
# F1): its file was of the 2026 edition on its day (statut: realise
# recorded), and a commit of December says `edition: 2027`.  The 2026
# edition lost it without a word; now a warning at its edition's line,
# saying README's yearly rule, which the strict check (the hooks) refuses,
# the same in a clean build, an incremental one and the check.  The
# documented fix (git mv to -2026, then a copy) ends it, and a workshop
# postponed before its day is not one.
. "$(dirname "$0")/../lib.sh"

# at REPO DATE MESSAGE: every change committed at DATE (author and
# committer), as an editor's commits of that day.
at() {
	(cd "$1" && $GIT add -A &&
	 GIT_AUTHOR_DATE="$2" GIT_COMMITTER_DATE="$2" $GIT commit -qm "$3")
}

# edition_2026 REPO: the fixture site's workshops of 2026 say so.
edition_2026() {
	sed -i 's/^titre: .*$/&\nedition: 2026/' "$1/site/ateliers/planter-des-haies.md" \
	    "$1/site/ateliers/repeindre-le-preau.md"
	printf 'date: 2027-05-29\ninscription: {email: mairie@villeneuve-test.fr}\n' \
	    >"$1/site/editions/2027.yaml"
}

# past_2026 REPO [norealise]: the fixture site, planter-des-haies.md a
# 2026 workshop, marked realise three days after the 2026 Journée
# (2026-05-23) (not with norealise), and the 2027 edition's file written
# in November.
past_2026() {
	mkmini "$1"
	edition_2026 "$1"
	sed -i 's/^edition: 2026$/&\nstatut: confirme/' "$1/site/ateliers/planter-des-haies.md"
	mv "$1/site/editions/2027.yaml" "$WORK/2027.yaml"
	at "$1" 2026-03-01T10:00:00+01:00 "Les haies, pour 2026"
	if [ "$2" != norealise ]; then
		sed -i 's/^statut: confirme$/statut: realise/' "$1/site/ateliers/planter-des-haies.md"
		at "$1" 2026-05-26T18:00:00+02:00 "Les haies sont plantées"
	fi
	mv "$WORK/2027.yaml" "$1/site/editions/2027.yaml"
	at "$1" 2026-11-20T10:00:00+01:00 "Édition 2027"
}

R=$WORK/repo
past_2026 "$R"
F=$R/site/ateliers/planter-des-haies.md
sed -i 's/^edition: 2026$/edition: 2027/; s/^statut: realise$/statut: confirme/' "$F"
at "$R" 2026-12-01T10:00:00+01:00 "Préparation 2027"
line=$(grep -n '^edition:' "$F" | cut -d: -f1)

(cd "$R" && "$FABRIQUE" check site) >"$WORK/.out" 2>"$WORK/.err"
status "check passes (a warning)" 0 $?
contains "a warning at its edition's line" "$WORK/.err" \
    "site/ateliers/planter-des-haies.md:$line:10: warning: this workshop took place in 2026 (its file said 'statut: realise' for the 2026 edition), and it is now of the 2027 edition: the 2026 edition has lost it. For 2027, rename this file site/ateliers/planter-des-haies-2026.md (git mv) with its 2026 version back (git log -p site/ateliers/planter-des-haies.md shows it) and commit; then copy it to site/ateliers/planter-des-haies.md for 2027"
n=$(grep -c "took place in" "$WORK/.err")
status "said once" 1 "$n"
lacks "the other workshops are not named" "$WORK/.err" "repeindre"

(cd "$R" && LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site) >"$WORK/.out" 2>"$WORK/.err"
contains "in French" "$WORK/.err" \
    "avertissement : cet atelier a eu lieu en 2026 (son fichier disait « statut: realise » pour l’édition 2026), et il est maintenant de l’édition 2027 : l’édition 2026 l’a perdu. Pour 2027, renommez ce fichier site/ateliers/planter-des-haies-2026.md (git mv)"

(cd "$R" && "$FABRIQUE" check site --strict) >"$WORK/.out" 2>"$WORK/.err"
status "check --strict refuses it (as the hooks do)" 1 $?

# the hooks: a push of that commit to a bare repository is refused
B=$WORK/site.git
mkbare "$B" main site=site
hook_install "$B" pre-receive
(cd "$R" && $GIT push -q "$B" HEAD~1:refs/heads/main) >"$WORK/.out" 2>&1
status "the commit before is accepted" 0 $?
(cd "$R" && $GIT push -q "$B" HEAD:refs/heads/main) >"$WORK/.out" 2>&1
status "the pre-receive hook refuses the edited workshop" 1 $?
contains "and says why, in the site's language" "$WORK/.out" "cet atelier a eu lieu en 2026"

# clean and incremental builds say it the same
(cd "$R" && "$FABRIQUE" build site --out "$WORK/o1") >"$WORK/.out" 2>"$WORK/.err"
status "a clean build succeeds" 0 $?
grep 'took place' "$WORK/.err" >"$WORK/clean"
(cd "$R" && $GIT checkout -q HEAD~1 && "$FABRIQUE" build site --out "$WORK/o2" &&
 $GIT checkout -q main && "$FABRIQUE" build site --out "$WORK/o2") >"$WORK/.out" 2>"$WORK/.err"
status "an incremental build succeeds" 0 $?
grep 'took place' "$WORK/.err" >"$WORK/incr"
if [ -s "$WORK/clean" ] && cmp -s "$WORK/clean" "$WORK/incr"; then
	ok "the incremental build warns as the clean one"
else
	not_ok "the incremental build warns as the clean one" "$(cat "$WORK/clean")" "$(cat "$WORK/incr")"
fi

# the fix README gives, in two commits: the file renamed with its 2026
# version back, then a copy for 2027 under the plain name
(cd "$R" && $GIT mv site/ateliers/planter-des-haies.md site/ateliers/planter-des-haies-2026.md &&
 $GIT show HEAD~1:site/ateliers/planter-des-haies.md >site/ateliers/planter-des-haies-2026.md)
at "$R" 2026-12-02T10:00:00+01:00 "Les haies de 2026 retrouvent leur année"
sed 's/^edition: 2026$/edition: 2027/; s/^statut: realise$/statut: confirme/' \
    "$R/site/ateliers/planter-des-haies-2026.md" >"$F"
at "$R" 2026-12-02T10:05:00+01:00 "Les haies de 2027"
(cd "$R" && "$FABRIQUE" check site --strict) >"$WORK/.out" 2>"$WORK/.err"
status "fixed as README says: check --strict passes" 0 $?
lacks "and nothing is said" "$WORK/.err" "took place"

# the fix in one commit, this year's file left as it was: last year's
# is back in its edition, nothing to say either
R2=$WORK/repo2
past_2026 "$R2"
F2=$R2/site/ateliers/planter-des-haies.md
cp "$F2" "$R2/site/ateliers/planter-des-haies-2026.md"
sed -i 's/^edition: 2026$/edition: 2027/; s/^statut: realise$/statut: confirme/' "$F2"
at "$R2" 2026-12-01T10:00:00+01:00 "Préparation 2027"
(cd "$R2" && "$FABRIQUE" check site) >"$WORK/.out" 2>"$WORK/.err"
lacks "a copy made in the same commit: no warning" "$WORK/.err" "took place"

# without statut: realise, the day passed is enough
R3=$WORK/repo3
past_2026 "$R3" norealise
F3=$R3/site/ateliers/planter-des-haies.md
sed -i 's/^edition: 2026$/edition: 2027/' "$F3"
at "$R3" 2026-12-01T10:00:00+01:00 "Préparation 2027"
(cd "$R3" && "$FABRIQUE" check site) >"$WORK/.out" 2>"$WORK/.err"
contains "still of 2026 after its day: the same warning" "$WORK/.err" \
    "warning: this workshop took place in 2026 (its file was of the 2026 edition on its day, 2026-05-23), and it is now of the 2027 edition"

# postponed before its day: a workshop moved to 2027 in April is not one
R4=$WORK/repo4
mkmini "$R4"
F4=$R4/site/ateliers/planter-des-haies.md
edition_2026 "$R4"
at "$R4" 2026-03-01T10:00:00+01:00 "Les haies, pour 2026"
sed -i 's/^edition: 2026$/edition: 2027/' "$F4"
at "$R4" 2026-04-10T10:00:00+02:00 "Les haies reportées à 2027"
printf '\nReportées.\n' >>"$F4"
at "$R4" 2026-12-01T10:00:00+01:00 "Les haies : un mot"
(cd "$R4" && "$FABRIQUE" check site --strict) >"$WORK/.out" 2>"$WORK/.err"
status "postponed before its day: check --strict passes" 0 $?
lacks "and says nothing of it" "$WORK/.err" "took place"

# fabrique new for next year, last year's file in the way: said as
# README's rule, not « or edit it », and nothing written
R5=$WORK/repo5
past_2026 "$R5"
cp "$R5/site/ateliers/planter-des-haies.md" "$WORK/before"
(cd "$R5" && "$FABRIQUE" new atelier "Planter des haies" site) >"$WORK/.out" 2>"$WORK/.err"
status "new atelier over last year's file: exit 1" 1 $?
contains "it says the file is last year's and the rename" "$WORK/.err" \
    "site/ateliers/planter-des-haies.md: error: this file exists already: it is the workshop of the 2026 edition. For 2027, rename it with its year (git mv site/ateliers/planter-des-haies.md site/ateliers/planter-des-haies-2026.md), as a workshop that comes back every year is one file per year, then run this command again; or, for another workshop with this title, give its file another name with --name"
lacks "not « or edit it »" "$WORK/.err" "or edit it"
if cmp -s "$WORK/before" "$R5/site/ateliers/planter-des-haies.md"; then
	ok "last year's file is left as it was"
else not_ok "last year's file is left as it was"; fi
(cd "$R5" && LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" new atelier "Planter des haies" site) >"$WORK/.out" 2>"$WORK/.err"
contains "in French" "$WORK/.err" \
    "erreur : ce fichier existe déjà : c’est l’atelier de l’édition 2026. Pour 2027, renommez-le avec son année (git mv site/ateliers/planter-des-haies.md site/ateliers/planter-des-haies-2026.md)"
(cd "$R5" && $GIT mv site/ateliers/planter-des-haies.md site/ateliers/planter-des-haies-2026.md &&
 "$FABRIQUE" new atelier "Planter des haies" site) >"$WORK/.out" 2>"$WORK/.err"
status "renamed as told, the command run again writes this year's" 0 $?
contains "under the plain name" "$WORK/.out" "site/ateliers/planter-des-haies.md"
# a file of the coming edition keeps the message it had
(cd "$R5" && "$FABRIQUE" new atelier "Planter des haies" site) >"$WORK/.out" 2>"$WORK/.err"
contains "this year's file in the way: « or edit it », as before" "$WORK/.err" \
    "site/ateliers/planter-des-haies.md: error: this file exists already; choose another title, or edit it"

# the copy made, its edition not changed (the other half of the slip):
# two workshops of 2026 with one title, said at the copy's title, also
# before it is committed (--worktree)
R6=$WORK/repo6
past_2026 "$R6"
cp "$R6/site/ateliers/planter-des-haies.md" "$R6/site/ateliers/planter-des-haies-copie.md"
tline=$(grep -n '^titre:' "$R6/site/ateliers/planter-des-haies-copie.md" | cut -d: -f1)
(cd "$R6" && "$FABRIQUE" check site --worktree) >"$WORK/.out" 2>"$WORK/.err"
contains "a copy of one edition with the same title: a warning (--worktree)" "$WORK/.err" \
    "Planter des haies is also the title of site/ateliers/planter-des-haies"
contains "saying what was probably meant" "$WORK/.err" \
    "of the same 2026 edition: if one of them is a copy for the 2027 edition, write 'edition: 2027' in that one (and its statut, its dates); else give one of them another title"
n=$(grep -c "is also the title" "$WORK/.err")
status "said once for the pair" 1 "$n"
# a namesake at another place is no copy (« Ramassage des déchets » in
# two quartiers): nothing said, the strict hook would refuse it
sed 's/^lieu: .*/lieu: Place de la Mairie/' "$R6/site/ateliers/planter-des-haies.md" \
    >"$R6/site/ateliers/planter-des-haies-mairie.md"
(cd "$R6" && "$FABRIQUE" check site --worktree) >"$WORK/.out" 2>"$WORK/.err"
lacks "the same title at another place: no warning" "$WORK/.err" \
    "planter-des-haies-mairie.md"
rm "$R6/site/ateliers/planter-des-haies-mairie.md"
at "$R6" 2026-12-01T10:00:00+01:00 "Copie des haies"
(cd "$R6" && "$FABRIQUE" check site --strict) >"$WORK/.out" 2>"$WORK/.err"
status "committed, the strict check refuses it" 1 $?
contains "at the title of the file added last" "$WORK/.err" \
    "site/ateliers/planter-des-haies-copie.md:$tline:8: error: Planter des haies is also the title of site/ateliers/planter-des-haies.md, of the same 2026 edition"
(cd "$R6" && LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site) >"$WORK/.out" 2>"$WORK/.err"
contains "in French" "$WORK/.err" \
    "avertissement : Planter des haies est aussi le titre de site/ateliers/planter-des-haies.md, de la même édition 2026 : si l’un d’eux est une copie pour l’édition 2027"
sed -i 's/^edition: 2026$/edition: 2027/; s/^statut: realise$/statut: confirme/' \
    "$R6/site/ateliers/planter-des-haies-copie.md"
at "$R6" 2026-12-01T11:00:00+01:00 "Les haies de 2027"
(cd "$R6" && "$FABRIQUE" check site --strict) >"$WORK/.out" 2>"$WORK/.err"
status "the copy given its edition: check --strict passes" 0 $?

# a copy given another title, its edition still 2026, added in December
# once the 2027 edition's file was written: a warning at its edition line
R7=$WORK/repo7
past_2026 "$R7"
C7=$R7/site/ateliers/haies-du-moulin.md
sed 's/^titre: .*/titre: Les haies du Moulin/' "$R7/site/ateliers/planter-des-haies.md" >"$C7"
at "$R7" 2026-12-01T10:00:00+01:00 "Les haies du Moulin"
eline=$(grep -n '^edition:' "$C7" | cut -d: -f1)
(cd "$R7" && "$FABRIQUE" check site) >"$WORK/.out" 2>"$WORK/.err"
contains "added after its edition's day, the next one begun: a warning" "$WORK/.err" \
    "site/ateliers/haies-du-moulin.md:$eline:10: warning: this workshop is of the 2026 edition, whose day (2026-05-23) had passed when its file was added (2026-12-01), after the 2027 edition's file: if it is for 2027, write 'edition: 2027' (and its statut, its dates); if it took place on the 2026 Journée, name it in that edition's recap (ateliers:)"
lacks "last year's own file is not named" "$WORK/.err" "planter-des-haies.md:"
(cd "$R7" && LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site) >"$WORK/.out" 2>"$WORK/.err"
contains "in French" "$WORK/.err" \
    "avertissement : cet atelier est de l’édition 2026, dont le jour (2026-05-23) était passé quand son fichier a été ajouté (2026-12-01), après le fichier de l’édition 2027"
# recorded late, named by its edition's recap: nothing to say
mkdir -p "$R7/site/retours/fete-2026"
printf -- '---\ntitre: La fête 2026\nedition: 2026\nateliers:\n  - ateliers/haies-du-moulin\n  - ateliers/planter-des-haies\n---\nMerci.\n' \
    >"$R7/site/retours/fete-2026/index.md"
at "$R7" 2026-12-01T11:00:00+01:00 "Le retour de 2026"
(cd "$R7" && "$FABRIQUE" check site --strict) >"$WORK/.out" 2>"$WORK/.err"
status "named by the 2026 recap: check --strict passes" 0 $?
lacks "and nothing is said" "$WORK/.err" "had passed when its file was added"
