#!/bin/sh
# Messages in the site's language when the environment names none (a
# cron job, a shared host's shell, env -i: LANG, LC_ALL and LC_MESSAGES
# unset, empty, C, POSIX or C.UTF-8, Debian containers' default); a
# language the environment names wins (LANGUAGE as gettext reads it).
# Outside tester: fabrique spoke English there to a French town hall.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkrepo "$R"
(cd "$R" && echo 'Voir [rien](absent.md).' >>content/pages/contact.md && $GIT commit -qam "lien cassé")
# run ENV... : check in an emptied environment with ENV only
run() { (cd "$R" && env -i PATH="$PATH" HOME="$HOME" XDG_CACHE_HOME="$XDG_CACHE_HOME" "$@" "$FABRIQUE" check content >"$WORK/out" 2>&1; echo $? >"$WORK/rc"); }

run
status "env -i: exit status 1" 1 "$(cat "$WORK/rc")"
contains "env -i: in the site's French" "$WORK/out" "erreur : le lien « absent.md »"
lacks "env -i: no English" "$WORK/out" "error: the link"
run LANG=
contains "LANG empty: French" "$WORK/out" "erreur : le lien « absent.md »"
run LANG=C
contains "LANG=C: French" "$WORK/out" "erreur : le lien « absent.md »"
run LC_ALL=POSIX LANG=en_GB.UTF-8
contains "LC_ALL=POSIX: French" "$WORK/out" "erreur : le lien « absent.md »"
run LANG=en_GB.UTF-8
contains "LANG=en_GB.UTF-8: English, as asked" "$WORK/out" "error: the link 'absent.md'"
run LC_ALL=C.UTF-8
contains "LC_ALL=C.UTF-8 names no language: French" "$WORK/out" "erreur : le lien « absent.md »"
run LANG=C.UTF-8
contains "LANG=C.UTF-8 (Debian containers) names no language: French" "$WORK/out" "erreur : le lien « absent.md »"
run LANG=C.utf8
contains "LANG=C.utf8: French" "$WORK/out" "erreur : le lien « absent.md »"
run LC_ALL=C.UTF-8 LANGUAGE=en
contains "LC_ALL=C.UTF-8 LANGUAGE=en: English, as asked" "$WORK/out" "error: the link 'absent.md'"
run LANG=C LANGUAGE=en
contains "LANG=C LANGUAGE=en: French (gettext ignores LANGUAGE under C)" "$WORK/out" "erreur : le lien « absent.md »"
run LC_MESSAGES=fr_FR.UTF-8 LANG=C
contains "LC_MESSAGES=fr_FR.UTF-8: French" "$WORK/out" "erreur : le lien « absent.md »"

# a site in English (langue: en) stays in English under env -i
(cd "$R" && sed -i 's/^langue: fr/langue: en/' content/site.yaml && $GIT commit -qam "en")
run
contains "env -i, langue: en: English" "$WORK/out" ": error: "
lacks "env -i, langue: en: no French" "$WORK/out" "erreur"

# a site without error: the last line in French too, and build as check
(cd "$R" && $GIT reset -q --hard HEAD~2)
run
status "env -i, no error: exit status 0" 0 "$(cat "$WORK/rc")"
contains "env -i, no error: the summary in French" "$WORK/out" "fabrique: aucun avertissement, aucune erreur"
(cd "$R" && env -i PATH="$PATH" HOME="$HOME" XDG_CACHE_HOME="$XDG_CACHE_HOME" "$FABRIQUE" build content --out "$WORK/public" >"$WORK/out" 2>&1)
contains "env -i, build: in French" "$WORK/out" "fabrique: construit : "
# figures as each language writes them: a decimal comma in French
check "env -i, build: the time with a decimal comma (0,30 s)" grep -Eq ' en [0-9]+,[0-9][0-9] s' "$WORK/out"
(cd "$R" && "$FABRIQUE" build content --out "$WORK/public" --full >"$WORK/out" 2>&1)
check "English build: the time with a decimal point (0.30 s)" grep -Eq ' in [0-9]+\.[0-9][0-9] s' "$WORK/out"

# A site.yaml without langue: the site is French (the default), so are
# the messages; one that is not YAML: the default too (it cannot be read).
(cd "$R" && echo 'Voir [rien](absent.md).' >>content/pages/contact.md &&
	sed -i '/^langue:/d' content/site.yaml && $GIT commit -qam "sans langue")
run
contains "env -i, no langue: French, the site's default" "$WORK/out" "erreur : le lien « absent.md »"
(cd "$R" && printf 'theme: [commune\n' >>content/site.yaml && $GIT commit -qam "yaml cassé")
run
status "env -i, site.yaml not YAML: exit status 1" 1 "$(cat "$WORK/rc")"
contains "env -i, site.yaml not YAML: said in French" "$WORK/out" "erreur : clé en double « theme »"
