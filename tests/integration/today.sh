#!/bin/sh
# The date-dependent parts of a site (sign-up deadline, past workshops,
# the announcement's end date) follow the days without a new commit:
# `fabrique publish --today`, run daily by cron or a systemd timer
# (docs/deploy.md), rebuilds a commit already live once the day changed,
# and only then.  "Today" is set with SOURCE_DATE_EPOCH, as the build
# reads it.  The example site: deadline 15 May 2026, the day 23 May,
# announcement until 15 May.
. "$(dirname "$0")/../lib.sh"

day() { date -u -d "$1T09:00:00Z" +%s; }
R=$WORK/repo
mkdir -p "$R"
cp -R "$TOP/content" "$R/content"
cp -R "$TOP/themes" "$R/themes"
(cd "$R" && $GIT init -q && $GIT add -A &&
	GIT_COMMITTER_DATE=2026-05-10T10:00:00+02:00 $GIT commit -qm "Programme 2026")
head=$(git -C "$R" rev-parse HEAD)
WWW=$WORK/www
P=ateliers/repeindre-le-preau/index.html
pub() { (cd "$R" && "$FABRIQUE" publish content --out "$WWW" "$@") >"$WORK/.out" 2>"$WORK/.err"; }

pub
status "publish: the commit of 10 May is published" 0 $?
contains "10 May: the workshop offers to sign up" "$WWW/current/$P" 'class="moyens-inscription'
contains "10 May: the announcement is shown" "$WWW/current/$P" 'class="annonce"'

# The next day without --today: the commit is live, nothing is rebuilt
# (what publish always did), so the page still says what it said.
SOURCE_DATE_EPOCH=$(day 2026-05-16) pub
status "16 May, publish without --today succeeds" 0 $?
contains "16 May, without --today: the commit is said to be already live" "$WORK/.err" "current is already"
contains "16 May, without --today: the page is as on the 10th" "$WWW/current/$P" 'class="moyens-inscription'
check "16 May, without --today: current did not move" test "$(readlink "$WWW/current")" = "releases/$head"

SOURCE_DATE_EPOCH=$(day 2026-05-16) pub --today
status "16 May, publish --today succeeds" 0 $?
check "16 May, --today: a new release for the day" test "$(readlink "$WWW/current")" = "releases/$head.2026-05-16"
contains "16 May, --today: the workshop says sign-up is closed" "$WWW/current/$P" "Inscriptions closes"
lacks "16 May, --today: no way to sign up any more" "$WWW/current/$P" 'class="moyens-inscription'
lacks "16 May, --today: the announcement ended on the 15th" "$WWW/current/$P" 'class="annonce"'
check "16 May, --today: the day before's release is kept" test -d "$WWW/releases/$head"

# Later the same day: already up to date, nothing rebuilt.
before=$(stat -c %Y "$WWW/releases/$head.2026-05-16/index.html")
SOURCE_DATE_EPOCH=$(($(day 2026-05-16) + 3600 * 8)) pub --today
status "16 May again, publish --today succeeds" 0 $?
contains "16 May again: already live, not rebuilt" "$WORK/.err" "current is already"
check "16 May again: current did not move" test "$(readlink "$WWW/current")" = "releases/$head.2026-05-16"
check "16 May again: the release was not rewritten" \
	test "$(stat -c %Y "$WWW/releases/$head.2026-05-16/index.html")" = "$before"

# After the day: the workshops are past.
SOURCE_DATE_EPOCH=$(day 2026-05-24) pub --today
status "24 May, publish --today succeeds" 0 $?
contains "24 May, --today: the workshop is in the past" "$WWW/current/$P" "bandeau-passe"

# Going back follows the days' releases, then the commit's own.
(cd "$R" && "$FABRIQUE" rollback "$WWW") >"$WORK/.out" 2>"$WORK/.err"
status "rollback after daily releases succeeds" 0 $?
check "rollback: back to the 16 May release" test "$(readlink "$WWW/current")" = "releases/$head.2026-05-16"

# A new commit is still published by its own id.
sed -i 's/^titre: Repeindre le préau.*/titre: Repeindre le préau de l’école/' "$R/content/ateliers/repeindre-le-preau.md"
(cd "$R" && $GIT add -A && GIT_COMMITTER_DATE=2026-05-11T10:00:00+02:00 $GIT commit -qm "Titre")
head2=$(git -C "$R" rev-parse HEAD)
pub
status "publish of a new commit succeeds" 0 $?
check "a new commit without --today is published under its id" test "$(readlink "$WWW/current")" = "releases/$head2"

# build --today: the day is part of what makes an output up to date.
(cd "$R" && SOURCE_DATE_EPOCH=$(day 2026-05-12) "$FABRIQUE" build content --out "$WORK/out" --today -q) 2>"$WORK/.err"
status "build --today on 12 May" 0 $?
lacks "build --today, 12 May: sign-up still open" "$WORK/out/$P" "Inscriptions closes"
(cd "$R" && SOURCE_DATE_EPOCH=$(day 2026-05-17) "$FABRIQUE" build content --out "$WORK/out" --today -q) 2>"$WORK/.err"
status "build --today on 17 May" 0 $?
contains "build --today, 17 May: the same commit's output now says sign-up is closed" "$WORK/out/$P" "Inscriptions closes"

# The post-receive hook with --today: a commit pushed days after it was
# made is published as of the day of the push.
BARE=$WORK/site.git
WWW2=$WORK/www2
git init -q --bare "$BARE"
git -C "$BARE" symbolic-ref HEAD refs/heads/main
git -C "$BARE" config fabrique.site content
git -C "$BARE" config fabrique.out "$WWW2"
printf '#!/bin/sh\nexec "%s" hook post-receive --today\n' "$FABRIQUE" >"$BARE/hooks/post-receive"
chmod +x "$BARE/hooks/post-receive"
(cd "$R" && SOURCE_DATE_EPOCH=$(day 2026-05-16) $GIT push -q "file://$BARE" main) >"$WORK/.out" 2>"$WORK/.err"
status "a push to a repository whose hook has --today is accepted" 0 $?
check "hook --today: the release is the commit's of the push's day" \
	test "$(readlink "$WWW2/current")" = "releases/$head2.2026-05-16"
contains "hook --today: the page says sign-up is closed on 16 May" "$WWW2/current/$P" "Inscriptions closes"
