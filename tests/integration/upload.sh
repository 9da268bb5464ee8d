#!/bin/sh
# Publishing to shared hosting as docs/deploy.md section 7 says: build,
# then rsync the built folder, dry run first.  The host is an rsync
# daemon on 127.0.0.1, on a free port, serving a temporary folder.
. "$(dirname "$0")/../lib.sh"

if ! command -v rsync >/dev/null 2>&1; then
	echo "ok - upload # SKIP rsync is not installed (tests/deps.sh check installs it)"
	exit 0
fi

HOST=$WORK/hebergeur
mkdir -p "$HOST/www"
cat >"$WORK/rsyncd.conf" <<CONF
use chroot = false
pid file = $WORK/rsyncd.pid
log file = $WORK/rsyncd.log
[site]
path = $HOST/www
read only = false
CONF
if [ "$(id -u)" -eq 0 ]; then
	printf 'uid = root\ngid = root\n' >>"$WORK/rsyncd.conf"
fi
port=
for try in 1 2 3 4 5 6 7 8 9 10; do
	p=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	rsync --daemon --no-detach --address=127.0.0.1 --port="$p" --config="$WORK/rsyncd.conf" &
	dpid=$!
	n=0
	while [ $n -lt 50 ] && ! rsync "rsync://127.0.0.1:$p/" >/dev/null 2>&1; do
		kill -0 $dpid 2>/dev/null || break
		sleep 0.1
		n=$((n + 1))
	done
	if rsync "rsync://127.0.0.1:$p/" >/dev/null 2>&1; then port=$p; break; fi
	kill $dpid 2>/dev/null
	wait $dpid 2>/dev/null
done
trap 'kill $dpid 2>/dev/null; wait $dpid 2>/dev/null; rm -rf "$WORK"' EXIT
check "the rsync daemon listens on 127.0.0.1" test -n "$port"
DEST=rsync://127.0.0.1:$port/site/

R=$WORK/repo
mkmini "$R"
sed 's/^titre:.*/titre: Horaires/' "$R/site/pages/contact.md" >"$R/site/pages/horaires.md"
commit_all "$R" "Horaires"
cd "$WORK" || exit 1
# upload [--dry-run]: the command of docs/deploy.md.
upload() {
	rsync -rlt --checksum --delete --delay-updates --itemize-changes --stats "$@" public/ "$DEST" >"$WORK/.up" 2>&1
}
sent() { sed -n 's/^Number of regular files transferred: *\([0-9,]*\).*/\1/p' "$WORK/.up" | tr -d ,; }

"$FABRIQUE" build "$R/site" --out public -q
upload
status "the first upload succeeds" 0 $?
same_tree "the host holds the whole site" public "$HOST/www"
total=$(find public -type f | wc -l)

# One page changes, one is removed.
echo "Nouvelle ligne." >>"$R/site/pages/contact.md"
git -C "$R" rm -q site/pages/horaires.md
commit_all "$R" "Contact, horaires retirés"
"$FABRIQUE" build "$R/site" --out public -q
before=$(snapshot "$HOST/www")
upload --dry-run
status "the dry run succeeds" 0 $?
contains "the dry run lists the changed page" "$WORK/.up" "contact/index.html"
contains "the dry run lists the removed page" "$WORK/.up" "deleting   horaires/index.html"
check "the dry run changes nothing on the host" test "$before" = "$(snapshot "$HOST/www")"
upload
status "the second upload succeeds" 0 $?
n=$(sent)
check "only changed files are sent ($n of $total)" test "$n" -gt 0 -a "$n" -lt $((total / 2))
same_tree "the host holds the new site" public "$HOST/www"
check "the removed page is gone from the host" test ! -e "$HOST/www/horaires/index.html"
echo "# second upload sent $n of $total files"
