#!/bin/sh
# Photos committed with git LFS (outside tester 20 F3): the repository
# holds a pointer (« version https://git-lfs.github.com/spec/v1 », oid,
# size) in place of each photo, and the build said « ce fichier n’est pas
# une image d’un format pris en charge » of a JPEG that opens fine on the
# editor's computer.  It now says it is a git LFS pointer and what to do.
# (Written as git lfs writes it: git-lfs itself is not needed.)
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
printf 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 1048576\n' >site/retours/fete-2025/lavoir.png
commit_all "$R" "photos (LFS)" >/dev/null
(LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" build site --out "$WORK/out") >"$WORK/.out" 2>&1
status "the build fails" 1 $?
contains "it says the photo is a git LFS pointer" "$WORK/.out" "retours/fete-2025/lavoir.png: erreur : ce fichier est un pointeur git LFS"
contains "and how to turn LFS off" "$WORK/.out" "git lfs migrate export"
lacks "not « pas une image »" "$WORK/.out" "pas une image"

# The same photo, and a linked PDF, committed as pointers: check (and so
# the pre-receive hook) says it of both, not only the build; the PDF was
# « porte le nom d’un fichier de type PDF mais son contenu n’en est pas un ».
printf 'version https://git-lfs.github.com/spec/v1\noid sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\nsize 2097152\n' >site/retours/fete-2025/plan.pdf
printf '\n[Le plan](plan.pdf)\n' >>site/retours/fete-2025/index.md
commit_all "$R" "plan (LFS)" >/dev/null
(LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site --strict) >"$WORK/.out" 2>&1
status "check --strict fails" 1 $?
contains "check says the photo is a pointer" "$WORK/.out" "retours/fete-2025/lavoir.png: erreur : ce fichier est un pointeur git LFS"
contains "check says the linked PDF is a pointer" "$WORK/.out" "retours/fete-2025/plan.pdf: erreur : ce fichier est un pointeur git LFS"
lacks "not « son contenu n’en est pas un »" "$WORK/.out" "son contenu n’en est pas un"

# check --worktree, the step before a commit (tester 20 F3: « aucune
# erreur », then the build of the commit failed): the photo on disk is a
# real one, which git lfs will commit as a pointer.  With git lfs itself.
if command -v git-lfs >/dev/null 2>&1; then
	IMGTOOL=$(dirname "$FABRIQUE")/build/imgtool
	[ -x "$IMGTOOL" ] || IMGTOOL=$TOP/build/imgtool
	W=$WORK/lfsrepo
	mkmini "$W"
	cd "$W" || exit 1
	git lfs install --local >/dev/null && git lfs track "*.png" >/dev/null
	"$IMGTOOL" make site/retours/fete-2025/lavoir.png 640 480 >/dev/null
	(LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site --strict --worktree) >"$WORK/.out" 2>&1
	status "check --worktree fails before the commit" 1 $?
	contains "it says git LFS will keep the photo" "$WORK/.out" "retours/fete-2025/lavoir.png: erreur : git LFS garde ce fichier (filter=lfs dans .gitattributes)"
	contains "and how to turn it off" "$WORK/.out" "git lfs migrate export"
	commit_all "$W" "photo (LFS)" >/dev/null
	if git cat-file -p HEAD:site/retours/fete-2025/lavoir.png | grep -q git-lfs; then ok "git lfs committed a pointer"
	else not_ok "git lfs committed a pointer"; fi
	(LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site) >"$WORK/.out" 2>&1
	status "check of the commit fails" 1 $?
	contains "it says the committed photo is a pointer" "$WORK/.out" "ce fichier est un pointeur git LFS"
	# LFS off for the site: the same photo is checked as any other
	git lfs untrack "*.png" >/dev/null && git rm -q --cached site/retours/fete-2025/lavoir.png && git add site/retours/fete-2025/lavoir.png .gitattributes && $GIT commit -qm "sans LFS"
	"$FABRIQUE" check site --strict --worktree >"$WORK/.out" 2>&1
	status "without LFS, check --worktree passes" 0 $?
	"$FABRIQUE" check site --strict >"$WORK/.out" 2>&1
	status "and check of the commit" 0 $?
else
	for t in "check --worktree fails before the commit" "it says git LFS will keep the photo" "and how to turn it off" "git lfs committed a pointer" "check of the commit fails" "it says the committed photo is a pointer" "without LFS, check --worktree passes" "and check of the commit"; do
		ok "$t # skip git-lfs is not installed"
	done
fi
