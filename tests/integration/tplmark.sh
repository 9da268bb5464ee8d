#!/bin/sh
# A site's copy of a theme template goes stale (outside tester 22 F6): a
# webmaster copies themes/commune/templates/atelier.mustache into the
# site's theme/templates/ to adjust it; a later fabrique improves the
# theme's (an accessibility fix, a new button) and the copy kept building
# silently with the old one.  Each theme template now carries a version
# marker on its first line ({{! fabrique:commune/atelier 1 }}, src/tplmark.h),
# copies keep it, and the build notes a copy whose theme template has a
# newer version; a note, so the hooks (--strict) still accept it.
# Also: tests/fixtures/theme-versions.txt holds each template's version
# and content; changing a template without raising its number fails here
# (UPDATE_VERSIONS=1 records a raised number's new content).
. "$(dirname "$0")/../lib.sh"

# ---- the theme's templates and their recorded versions ------------------
MAN=$TOP/tests/fixtures/theme-versions.txt
new=$WORK/versions
: >"$new"
bad=
for f in $(cd "$TOP/themes/commune" && find templates -name '*.mustache' | sort); do
	n=${f#templates/}
	n=commune/${n%.mustache}
	first=$(head -n 1 "$TOP/themes/commune/$f")
	v=$(printf '%s\n' "$first" | sed -n "s|^{{! fabrique:$n \([0-9][0-9]*\) }}\$|\1|p")
	if [ -z "$v" ]; then
		bad="$bad
themes/commune/$f: its first line must be {{! fabrique:$n N }} (N its version), not: $first"
		continue
	fi
	id=$(git hash-object "$TOP/themes/commune/$f")
	echo "$n $v $id" >>"$new"
	old=$(grep "^$n " "$MAN" 2>/dev/null)
	if [ -n "$old" ] && [ "$old" != "$n $v $id" ]; then
		case $old in
		"$n $v "*) bad="$bad
themes/commune/$f changed but its version is still $v: raise the number in its first line (sites' copies of it are then told to catch up), then UPDATE_VERSIONS=1 sh tests/integration/tplmark.sh" ;;
		*) [ -z "${UPDATE_VERSIONS:-}" ] && bad="$bad
themes/commune/$f is now version $v (recorded: ${old#"$n "}): record it with UPDATE_VERSIONS=1 sh tests/integration/tplmark.sh" ;;
		esac
	elif [ -z "$old" ] && [ -z "${UPDATE_VERSIONS:-}" ]; then
		bad="$bad
themes/commune/$f is not in tests/fixtures/theme-versions.txt: record it with UPDATE_VERSIONS=1 sh tests/integration/tplmark.sh"
	fi
done
if [ -n "$bad" ]; then
	not_ok "every theme template is marked, and changed only with a new version" "$bad"
else
	ok "every theme template is marked, and changed only with a new version"
	[ -n "${UPDATE_VERSIONS:-}" ] && cp "$new" "$MAN"
fi

# ---- a site's copy of atelier.mustache ----------------------------------
R=$WORK/repo
mkmini "$R"
S=$R/site
mkdir -p "$S/theme/templates"
# the webmaster's adjustment: the workshop's title in capitals
sed 's|<h1>|<h1 style="text-transform:uppercase">|' \
    "$R/themes/commune/templates/atelier.mustache" >"$S/theme/templates/atelier.mustache"
commit_all "$R" "Notre gabarit d’atelier"
(cd "$R" && "$FABRIQUE" build site --out "$WORK/out") >"$WORK/.out" 2>"$WORK/.err"
status "the copy builds" 0 $?
lacks "a copy of the current version gets no note" "$WORK/.err" "atelier.mustache"

# a later fabrique: the theme's template gains a button, version W
V=$(sed -n '1s/^{{! fabrique:commune\/atelier \([0-9]*\) }}$/\1/p' "$R/themes/commune/templates/atelier.mustache")
W=$((V + 1))
sed -i -e "1s/ $V }}\$/ $W }}/" -e 's|{{/contenu}}|<p class="nouveau">Nouveauté du thème</p>\n&|' \
    "$R/themes/commune/templates/atelier.mustache"
commit_all "$R" "fabrique plus récent"
(cd "$R" && "$FABRIQUE" build site --out "$WORK/out") >"$WORK/.out" 2>"$WORK/.err"
status "the stale copy still builds" 0 $?
contains "a note at the copy: the theme's template changed, and what to do" "$WORK/.err" \
    "site/theme/templates/atelier.mustache:1:1: note: theme/templates/atelier.mustache replaces the theme's template 'atelier', which changed since you copied it: your copy started from its version $V, the theme's is now version $W. Compare the two (the theme's is themes/commune/templates/atelier.mustache), carry the theme's changes over into your copy, then write $W in its first line"
if grep -q 'Nouveauté du thème' "$WORK/out/ateliers/"*/index.html; then
	not_ok "the copy is what builds (the theme's new button is not in it)"
else ok "the copy is what builds (the theme's new button is not in it)"; fi
(cd "$R" && LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check --strict site) >"$WORK/.out" 2>"$WORK/.err"
status "check --strict (the hooks) accepts it: a note, not a warning" 0 $?
contains "the note speaks French" "$WORK/.err" \
    "site/theme/templates/atelier.mustache:1:1: note : theme/templates/atelier.mustache remplace le gabarit « atelier » du thème, qui a changé depuis que vous l’avez copié : votre copie part de sa version $V, le thème en est à la version $W. Comparez les deux (celui du thème est themes/commune/templates/atelier.mustache), reportez dans votre copie les changements du thème, puis écrivez $W dans sa première ligne"

# the webmaster carries the change over and writes W
sed -i "1s/ $V }}\$/ $W }}/" "$S/theme/templates/atelier.mustache"
commit_all "$R" "Gabarit à jour"
(cd "$R" && "$FABRIQUE" build site --out "$WORK/out") >"$WORK/.out" 2>"$WORK/.err"
status "the updated copy builds" 0 $?
lacks "no note once the copy says the new version" "$WORK/.err" "atelier.mustache"

# ---- copies from before the markers, and templates of one's own ---------
# a copy of base.mustache made with an older fabrique: no marker line
# (the note gives the theme's first line, whatever its version now)
tail -n +2 "$R/themes/commune/templates/base.mustache" |
    sed 's|<main|<main data-commune="oui"|' >"$S/theme/templates/base.mustache"
# a page template written from scratch
printf '{{<base}}\n{{$contenu}}\n<article class="page-libre">\n<h1>{{page.titre}}</h1>\n{{{page.contenu}}}\n</article>\n{{/contenu}}\n{{/base}}\n' \
    >"$S/theme/templates/page.mustache"
commit_all "$R" "Gabarits anciens et à nous"
(cd "$R" && "$FABRIQUE" build site --out "$WORK/out") >"$WORK/.out" 2>"$WORK/.err"
status "they build" 0 $?
contains "an unmarked copy gets one note, with the line to put at its top" "$WORK/.err" \
    "site/theme/templates/base.mustache:1:1: note: theme/templates/base.mustache replaces the theme's template 'base' and seems to be a copy of it made before fabrique numbered its templates' versions: the theme's may have changed since. Compare the two (the theme's is themes/commune/templates/base.mustache), carry the theme's changes over into your copy, then put the theme's first line at the top of yours: $(head -n 1 "$TOP/themes/commune/templates/base.mustache")"
lacks "a template of one's own gets none" "$WORK/.err" "page.mustache"
n=$(grep -c 'note:' "$WORK/.err")
status "one note for the old copy, none else" 1 "$n"
(cd "$R" && "$FABRIQUE" check site) >"$WORK/.out" 2>"$WORK/.err"
contains "check says it again" "$WORK/.err" \
    "site/theme/templates/base.mustache:1:1: note:"

# ---- the installed theme (no themes/ in the site's repository) ---------
R2=$WORK/repo2
mkmini "$R2"
mkdir -p "$WORK/installed"
mv "$R2/themes/commune" "$WORK/installed/commune"
rm -rf "$R2/themes"
mkdir -p "$R2/site/theme/templates"
sed '1s/ [0-9]* }}$/ 0 }}/' "$WORK/installed/commune/templates/atelier.mustache" \
    >"$R2/site/theme/templates/atelier.mustache"
commit_all "$R2" "Thème installé"
(cd "$R2" && FABRIQUE_THEMES=$WORK/installed "$FABRIQUE" build site --out "$WORK/out2") >"$WORK/.out" 2>"$WORK/.err"
status "a site on an installed theme builds" 0 $?
contains "the note names the installed theme's file, to compare with" "$WORK/.err" \
    "(the theme's is $WORK/installed/commune/templates/atelier.mustache)"

# fabrique run from its source tree (not installed): the themes folder
# is inside a git checkout; the note names the file where it is, not
# with the folder's path twice (outside tester 29 F5)
git init -q "$WORK/checkout" && mkdir -p "$WORK/checkout/themes" &&
	cp -R "$WORK/installed/commune" "$WORK/checkout/themes/commune" &&
	(cd "$WORK/checkout" && $GIT add -A && $GIT commit -qm fabrique)
(cd "$R2" && FABRIQUE_THEMES=$WORK/checkout/themes "$FABRIQUE" build site --out "$WORK/out3") >"$WORK/.out" 2>"$WORK/.err"
status "a site on the themes of a source tree builds" 0 $?
contains "the note names that theme's file as it is on disk" "$WORK/.err" \
    "(the theme's is $WORK/checkout/themes/commune/templates/atelier.mustache)"
f=$(sed -n 's/.*(the theme.s is \([^)]*\)).*/\1/p' "$WORK/.err" | head -1)
[ -n "$f" ] && [ -f "$f" ] && ok "a file that exists, to compare with" || not_ok "a file that exists, to compare with" "$f"
