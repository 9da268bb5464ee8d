#!/bin/sh
# Git's conflict marks committed as they are (outside tester 20 F4): two
# editors change the same sentence, the second one's "git pull" stops on a
# conflict and the file is committed with "<<<<<<< HEAD", "=======" and
# ">>>>>>> <commit>" in it.  They were published as a heading and nested
# quotes, through --strict and the pre-receive hook; in the front matter
# libyaml's English said nothing of a conflict.  Now an error at the first
# mark, in the body, the front matter, an edition and site.yaml, made by a
# real failed merge between two clones.
. "$(dirname "$0")/../lib.sh"

SRV=$WORK/srv.git
R=$WORK/repo
mkmini "$R"
git clone -q --bare "$R" "$SRV"
git clone -q "$SRV" "$WORK/ed1"
git clone -q "$SRV" "$WORK/ed2"
A=site/ateliers/repeindre-le-preau.md
for e in ed1 ed2; do
	git -C "$WORK/$e" config user.name "$e"
	git -C "$WORK/$e" config user.email "$e@mairie.invalid"
done
printf '\nNous repeignons ensemble.\n' >>"$WORK/ed1/$A"
git -C "$WORK/ed1" commit -qam ed1 && git -C "$WORK/ed1" push -q
printf '\nEnsemble, nous repeignons.\n' >>"$WORK/ed2/$A"
git -C "$WORK/ed2" commit -qam ed2
git -C "$WORK/ed2" pull -q --no-rebase --no-edit >/dev/null 2>&1
status "the pull stops on a conflict" 1 $?
git -C "$WORK/ed2" commit -qam "fusion" # as it is, marks and all
grep -q '^<<<<<<< ' "$WORK/ed2/$A"
status "the committed file holds the marks" 0 $?
line=$(grep -n '^<<<<<<< ' "$WORK/ed2/$A" | cut -d: -f1)
cd "$WORK/ed2" || exit 1
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check site >"$WORK/.err" 2>&1
status "check: an error" 1 $?
contains "at the first mark, in French, with what to do" "$WORK/.err" \
	"$A:$line:1: erreur : des marques de conflit de git sont restées dans ce fichier (lignes $line à $((line + 4)))"
"$FABRIQUE" build site --out "$WORK/out" >"$WORK/.err" 2>&1
status "build: refused" 1 $?
test ! -e "$WORK/out/ateliers/repeindre-le-preau/index.html"
status "nothing published" 0 $?

# a line of '=' alone is Markdown's heading underline: not a conflict
git show "HEAD^1:$A" >"$A"
printf '\nLe matin\n=======\n\nOn repeint.\n' >>"$A"
commit_all "$WORK/ed2" "titre souligné" >/dev/null
"$FABRIQUE" check site >"$WORK/.err" 2>&1
status "a setext heading alone: no error" 0 $?

# in the front matter, an edition and site.yaml
for f in "$A" site/editions/2026.yaml site/site.yaml; do
	sed -i '2i <<<<<<< HEAD\ntitre: une\n=======\ntitre: deux\n>>>>>>> 0123abc' "$f"
	commit_all "$WORK/ed2" "conflit dans $f" >/dev/null
	"$FABRIQUE" check site >"$WORK/.err" 2>&1
	status "$f: an error" 1 $?
	contains "$f: at line 2, not libyaml's words" "$WORK/.err" \
		"$f:2:1: error: git's conflict marks were left in this file (lines 2 to 6)"
	lacks "$f: no libyaml text" "$WORK/.err" "invalid YAML"
	git revert --no-edit HEAD >/dev/null
done
