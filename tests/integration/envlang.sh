#!/bin/sh
# Messages in the site's language when the environment names none (a
# cron job, a shared host's shell, env -i: LANG, LC_ALL and LC_MESSAGES
# unset, empty, C, POSIX or C.UTF-8, Debian containers' default); a
# language the environment names wins (LANGUAGE as gettext reads it).
# Outside tester: fabrique spoke English there to a French town hall.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkrepo "$R"
# the example's .example address is a warning (tester19 F13): a public one
(cd "$R" && sed -i 's|^url: .*|url: https://journee.saint-aubin-des-levees.fr|' content/site.yaml && $GIT commit -qa --amend --no-edit) # the public address from the first commit: a site that never moved
(cd "$R" && echo 'Voir [rien](absent.md).' >>content/pages/contact.md && $GIT commit -qam "lien cassé")
# run ENV... : check in an emptied environment with ENV only
run() { (cd "$R" && envi PATH="$PATH" HOME="$HOME" XDG_CACHE_HOME="$XDG_CACHE_HOME" "$@" "$FABRIQUE" check content >"$WORK/out" 2>&1; echo $? >"$WORK/rc"); }

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
contains "env -i, no error: the summary in French" "$WORK/out" "fabrique : aucun avertissement, aucune erreur"
(cd "$R" && envi PATH="$PATH" HOME="$HOME" XDG_CACHE_HOME="$XDG_CACHE_HOME" "$FABRIQUE" build content --out "$WORK/public" >"$WORK/out" 2>&1)
contains "env -i, build: in French" "$WORK/out" "fabrique : construit : "
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

# Commands that speak outside a build follow the site's language too,
# under C.UTF-8 (Debian containers) as under env -i.
S=$WORK/s2
mkrepo "$S"
# fr ARGS...: the command in the site's folder, the environment naming
# no language
fr() { (cd "$S/content" && envi PATH="$PATH" HOME="$HOME" XDG_CACHE_HOME="$XDG_CACHE_HOME" LANG=C.UTF-8 "$FABRIQUE" "$@" >"$WORK/out" 2>&1); }
fr new atelier "Nettoyer la mare"
fr new atelier "Nettoyer la mare"
contains "new, C.UTF-8: in the site's French" "$WORK/out" "erreur : ce fichier existe déjà"
fr new zzz "Rien"
contains "new, an unknown kind: in French" "$WORK/out" "erreur : « zzz » n’est pas un genre de page"
fr new atelier ""
contains "new, a title without letters: in French (tester15 F5)" "$WORK/out" "erreur : aucun nom de fichier ne peut être tiré de ce titre"
lacks "new, a title without letters: no English" "$WORK/out" "no file name"
(cd "$S/content" && LC_ALL=en_GB.UTF-8 LANGUAGE= "$FABRIQUE" new zzz "Rien" >"$WORK/out" 2>&1)
contains "new, LC_ALL=en_GB.UTF-8: English, as asked" "$WORK/out" "error: 'zzz' is not a kind of page"
rm -f "$S"/content/ateliers/nettoyer-la-mare.md
# init writes a French site (langue: fr): its messages are French
fr init .
contains "init, C.UTF-8: in the French of the site it writes" "$WORK/out" "fabrique init n’écrase jamais rien"
(cd "$S/content" && LC_ALL=en_GB.UTF-8 LANGUAGE= "$FABRIQUE" init . >"$WORK/out" 2>&1)
contains "init, LC_ALL=en_GB.UTF-8: English, as asked" "$WORK/out" "fabrique init never overwrites: choose a new folder"

# a contrast in French: "1,9:1", a decimal comma
(cd "$S" && sed -i 's/^  accent: .*/  accent: "#f2a541"/' content/site.yaml && $GIT commit -qam "couleur claire")
fr check
check "check, C.UTF-8: a contrast with a decimal comma (1,9:1)" grep -Eq 'contraste de [0-9],[0-9]:1 avec' "$WORK/out"
(cd "$S/content" && LC_ALL=en_GB.UTF-8 LANGUAGE= "$FABRIQUE" check >"$WORK/out" 2>&1)
check "check, LC_ALL=en_GB.UTF-8: with a decimal point (1.9:1)" grep -Eq 'contrast of only [0-9]\.[0-9]:1 with' "$WORK/out"

# rollback: a deploy folder has no site.yaml; its pages say the language
D=$WORK/www
(cd "$S" && "$FABRIQUE" publish content --out "$D" -q && echo x >>content/pages/contact.md &&
	$GIT commit -qam "deux" && "$FABRIQUE" publish content --out "$D" -q)
fr rollback "$D"
contains "rollback, C.UTF-8: in the site's French" "$WORK/out" "fabrique : $D/current est revenu à "
# (the commit taken down is published again past the rollback's record,
# as docs/deploy.md says)
(cd "$S" && rm -f "$D/rollbacks.list" && "$FABRIQUE" publish content --out "$D" -q && LC_ALL=en_GB.UTF-8 LANGUAGE= "$FABRIQUE" rollback "$D" >"$WORK/out" 2>&1)
contains "rollback, LC_ALL=en_GB.UTF-8: English" "$WORK/out" "fabrique: $D/current is back to "
# publish with nothing to build (the nightly run, a commit already live):
# its one line in the site's French too, not only the builds' (past the
# record of the rollback above, which would hold the commit back)
rm -f "$D/rollbacks.list"
fr publish content --out "$D"
fr publish content --out "$D"
contains "publish of the live commit, C.UTF-8: in the site's French" "$WORK/out" "fabrique : $D/current est déjà "
lacks "publish of the live commit, C.UTF-8: no English" "$WORK/out" "is already"
# publish's refusal of a folder it did not write, said before the commit
# is read: French too, as build --out says it (tester15 F5)
mkdir -p "$WORK/docs" && echo a >"$WORK/docs/a.txt"
fr publish content --out "$WORK/docs"
contains "publish into a folder not fabrique's, C.UTF-8: in French" "$WORK/out" "n’est pas un site écrit par fabrique (il contient a.txt)"
fr build --out "$WORK/docs"
contains "build into it, C.UTF-8: in French as well" "$WORK/out" "n’est pas un site écrit par fabrique (il contient a.txt)"
# one run, one typography: « fabrique : » on publish's build line and on
# its own (the build's was « fabrique: »)
fr publish content --out "$WORK/www2"
contains "publish, C.UTF-8: the build's line with « fabrique : »" "$WORK/out" "fabrique : construit : "
contains "publish, C.UTF-8: and its own" "$WORK/out" "fabrique : $WORK/www2/current est maintenant "
lacks "publish, C.UTF-8: no « fabrique: » beside « fabrique : »" "$WORK/out" "fabrique: "

# A repository with no commit yet (git init, then fabrique init or the
# files copied): build says so in the French of the site.yaml on disk,
# not in English before the commit's site.yaml could be read (F5)
N=$WORK/nocommit
mkdir -p "$N" && cp -R "$TOP/content" "$N/content" && cp -R "$TOP/themes" "$N/themes" && (cd "$N" && $GIT init -q)
(cd "$N/content" && envi PATH="$PATH" HOME="$HOME" XDG_CACHE_HOME="$XDG_CACHE_HOME" LANG=C.UTF-8 "$FABRIQUE" build --out "$WORK/nc" >"$WORK/out" 2>&1; echo $? >"$WORK/rc")
status "no commit yet: exit status 3" 3 "$(cat "$WORK/rc")"
contains "no commit yet, C.UTF-8: in the site's French" "$WORK/out" "HEAD: erreur : le dépôt n’a encore aucun commit"
lacks "no commit yet, C.UTF-8: no English" "$WORK/out" "error: the repository"
(cd "$N/content" && LC_ALL=en_GB.UTF-8 LANGUAGE= "$FABRIQUE" build --out "$WORK/nc" >"$WORK/out" 2>&1)
contains "no commit yet, LC_ALL=en_GB.UTF-8: English, as asked" "$WORK/out" "HEAD: error: the repository has no commit yet"

# serve: its own lines (address, timings, stop) in the site's French
(cd "$S/content" && exec env -i PATH="$PATH" HOME="$HOME" XDG_CACHE_HOME="$XDG_CACHE_HOME" LANG=C.UTF-8 "$FABRIQUE" serve --port 0 >"$WORK/serve.log" 2>&1) &
spid=$!
for _ in $(seq 1 900); do grep -q 'construit en\|built in' "$WORK/serve.log" && break; sleep 0.1; done
kill -INT $spid
wait $spid
contains "serve, C.UTF-8: the address in French" "$WORK/serve.log" "fabrique : aperçu de . sur http://127.0.0.1:"
check "serve, C.UTF-8: the build's time in French, with a decimal comma" grep -Eq 'construit en [0-9]+,[0-9][0-9] s' "$WORK/serve.log"

# The nightly publish of a server repository whose branch is master, run
# with docs' --ref main (tester17 F9): said in the site's French under
# cron's environment, naming the branches there are
B=$WORK/site.git
$GIT init -q --bare -b master "$B" && (cd "$R" && $GIT push -q "$B" HEAD:master)
(envi PATH="$PATH" HOME="$HOME" XDG_CACHE_HOME="$XDG_CACHE_HOME" "$FABRIQUE" publish --repo "$B" --ref main --out "$WORK/wwwb" --today --quiet >"$WORK/out" 2>&1; echo $? >"$WORK/rc")
status "publish --ref main on a master repository: exit status 3" 3 "$(cat "$WORK/rc")"
contains "cron: in the site's French, with the branches there are" "$WORK/out" \
	"main: erreur : aucune branche, étiquette ou commit de ce nom dans le dépôt ; ses branches : master"
(envi PATH="$PATH" HOME="$HOME" XDG_CACHE_HOME="$XDG_CACHE_HOME" "$FABRIQUE" publish --repo "$B" --out "$WORK/wwwb" --today --quiet >"$WORK/out" 2>&1; echo $? >"$WORK/rc")
check "without --ref: the published branch (HEAD) is read (not exit status 3)" test "$(cat "$WORK/rc")" != 3
lacks "without --ref: no word of a missing branch" "$WORK/out" "aucune branche"
