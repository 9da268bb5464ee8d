#!/bin/sh
# A repository run by another user than its owner (a cron job as
# www-data on the webmaster's clone, a hook user after `sudo git clone`):
# git and libgit2 refuse it (the safe.directory rule).  fabrique must say
# so, naming who owns it, who runs, and the two fixes, never « not in a
# git repository … git init ».  Real repository, run as nobody with
# setpriv (the suite needs root).
. "$(dirname "$0")/../lib.sh"

if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null 2>&1; then
	echo "ok - another user's repository # SKIP needs root and setpriv"
	exit 0
fi
chmod 755 "$WORK"
# nobody must reach the binary: a clone in a private folder (mktemp -d,
# as CI makes) is not, so run a copy from the test's own folder
# (with the photo module it loads from beside itself)
cp "$FABRIQUE" "$WORK/fabrique" && chmod 755 "$WORK/fabrique"
if [ -f "$(dirname "$FABRIQUE")/fabrique-vips.so" ]; then
	cp "$(dirname "$FABRIQUE")/fabrique-vips.so" "$WORK/"
	chmod 755 "$WORK/fabrique-vips.so"
fi
FABRIQUE=$WORK/fabrique
R=$WORK/mairie
mkmini "$R"
H=$WORK/home
mkdir -p "$H"
chown 65534:65534 "$H"

# as_nobody LANG COMMAND...: COMMAND as nobody (HOME $H), messages in
# $WORK/.err, status in $rc.
as_nobody() {
	_l=$1
	shift
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		env HOME="$H" XDG_CACHE_HOME="$H/.cache" LANGUAGE= LC_ALL="$_l" LANG="$_l" \
		"$@" >"$WORK/.err" 2>&1
	rc=$?
}

as_nobody fr_FR.UTF-8 "$FABRIQUE" check "$R/site"
status "check as another user fails" 3 $rc
contains "it says who owns the repository and who runs" "$WORK/.err" "$R: erreur : ce dépôt git appartient à root, et fabrique tourne en tant que nobody"
contains "it names git's rule" "$WORK/.err" "safe.directory"
contains "it says to run as the owner" "$WORK/.err" "lancez fabrique en tant que root"
contains "it gives the command to trust the repository" "$WORK/.err" "git config --global --add safe.directory $R"
lacks "it does not advise git init" "$WORK/.err" "git init"
lacks "it does not say it is no repository" "$WORK/.err" "pas dans un dépôt git"

# From inside the site, and with --repo (a cron line).
as_nobody fr_FR.UTF-8 sh -c "cd '$R/site' && '$FABRIQUE' check"
contains "run from inside the site: the same" "$WORK/.err" "ce dépôt git appartient à root, et fabrique tourne en tant que nobody"
as_nobody C.UTF-8 "$FABRIQUE" build "$R/site" --repo "$R" --out "$WORK/out"
status "build --repo as another user fails" 3 $rc
contains "--repo: said in English too" "$WORK/.err" "$R: error: this git repository belongs to root, and fabrique runs as nobody"
lacks "--repo: no raw libgit2 text" "$WORK/.err" "config value"
check "nothing was written" test ! -e "$WORK/out"

# The files on disk (check --worktree, what serve and new read): the
# same message, not « theme not found » from a folder read outside git.
as_nobody fr_FR.UTF-8 "$FABRIQUE" check --worktree "$R/site"
status "check --worktree as another user fails" 3 $rc
contains "--worktree: it says who owns the repository" "$WORK/.err" "ce dépôt git appartient à root, et fabrique tourne en tant que nobody"
lacks "--worktree: no « thème introuvable »" "$WORK/.err" "introuvable"
as_nobody fr_FR.UTF-8 timeout 20 "$FABRIQUE" serve "$R/site" --port 0
contains "serve: the build shows the same message" "$WORK/.err" "ce dépôt git appartient à root, et fabrique tourne en tant que nobody"
lacks "serve: no « thème introuvable »" "$WORK/.err" "introuvable"

# A hook run by another user than the repository's owner, as git runs
# it (GIT_DIR set, the pushed refs on stdin): the same message, not
# « cannot open the git repository of this hook: config value … ».
head=$(git -C "$R" rev-parse HEAD)
printf '0000000000000000000000000000000000000000 %s refs/heads/main\n' "$head" >"$WORK/.refs"
as_nobody fr_FR.UTF-8 sh -c "cd '$R/.git' && GIT_DIR=. '$FABRIQUE' hook pre-receive <'$WORK/.refs'"
check "the hook refuses" test $rc -ne 0
contains "the hook says who owns the repository" "$WORK/.err" "ce dépôt git appartient à root, et fabrique tourne en tant que nobody"
lacks "the hook: no raw libgit2 text" "$WORK/.err" "config value"

# safe.directory = * (git's advice for a shared server): git reads the
# repository, so fabrique does too; an empty value after it clears it,
# for both.
as_nobody C.UTF-8 git config --global --add safe.directory '*'
as_nobody C.UTF-8 git -C "$R" log -1
status "git reads it under safe.directory = *" 0 $rc
as_nobody C.UTF-8 "$FABRIQUE" check "$R/site"
status "so does fabrique check" 0 $rc
as_nobody C.UTF-8 git config --global --add safe.directory ''
as_nobody C.UTF-8 "$FABRIQUE" check "$R/site"
status "after an empty value, fabrique refuses again, as git does" 3 $rc
as_nobody C.UTF-8 git config --global --unset-all safe.directory

# The second fix works: trusting the repository, as nobody.
as_nobody C.UTF-8 git config --global --add safe.directory "$R"
as_nobody C.UTF-8 "$FABRIQUE" check "$R/site"
status "after git config --global --add safe.directory, check passes" 0 $rc

# A folder that really is no repository keeps its own advice.
mkdir -p "$WORK/plain"
cp -R "$TOP/tests/fixtures/mini/." "$WORK/plain/"
as_nobody fr_FR.UTF-8 "$FABRIQUE" check "$WORK/plain"
contains "a site outside git is still told to make a repository" "$WORK/.err" "ce site n’est pas dans un dépôt git"

# A deploy folder nobody may write (made by root for a hook that runs as
# the repository's user; outside tester 25 F13): one line naming the
# folder's owner, who runs, and the command that fixes it, in French,
# exit 4; no « Permission denied » alone.  safe.directory still trusts $R.
mkdir -p "$WORK/srv/www"
as_nobody fr_FR.UTF-8 "$FABRIQUE" publish "$R/site" --out "$WORK/srv/www"
status "publish into root's deploy folder: exit 4" 4 $rc
contains "it says who owns the folder and who runs, in French" "$WORK/.err" \
	"impossible d’écrire dans ce dossier : il appartient à root et fabrique tourne en tant que nobody"
contains "and the command that fixes it" "$WORK/.err" "chown -R nobody: $WORK/srv/www"
lacks "no raw system message" "$WORK/.err" "Permission denied"
check "nothing was written in it" test -z "$(ls -A "$WORK/srv/www")"
as_nobody C.UTF-8 "$FABRIQUE" build "$R/site" --out "$WORK/srv/public"
status "build into a folder under root's: exit 4" 4 $rc
contains "it names the folder to give (the nearest that exists)" "$WORK/.err" \
	"$WORK/srv: erreur : impossible d’écrire dans ce dossier : il appartient à root"
chown 65534:65534 "$WORK/srv/www"
as_nobody C.UTF-8 "$FABRIQUE" publish "$R/site" --out "$WORK/srv/www"
status "once given to nobody, publish succeeds" 0 $rc
