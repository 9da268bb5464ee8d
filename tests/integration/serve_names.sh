#!/bin/sh
# fabrique serve names the file the editor changed, never the temporary
# files editors save through: each save below replays, with the same
# system calls, what an editor does (vim, gedit/VS Code, sed -i, kate,
# emacs, an editor writing NAME.new), and the terminal's line must name the
# real page; a removed page is named too.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
serve_start site || exit 0
D=site/ateliers
P=$D/repeindre-le-preau.md
n=1
# named EDITOR: the last rebuild names $P
named() {
	n=$((n + 1))
	wait_builds $n
	line=$(grep 'rebuilt after' "$WORK/serve.log" | tail -n 1)
	case $line in
	"fabrique: rebuilt after a change to $P in "*) ok "$1: the terminal names the page" ;;
	*) not_ok "$1: the terminal names the page" "$line" ;;
	esac
}
new_text() { sed "s/^titre: .*/titre: $1/" "$P"; }

# vim: its swap file, the 4913 probe, the page renamed to a backup, the
# new page written, the backup removed
new_text "Vim" >"$WORK/t"
printf 'swap' >"$D/.repeindre-le-preau.md.swp"
: >"$D/4913" && rm "$D/4913"
mv "$P" "$P~"
cat "$WORK/t" >"$P"
rm "$P~"
printf 'swap2' >"$D/.repeindre-le-preau.md.swp"
named "vim"
rm -f "$D/.repeindre-le-preau.md.swp"
sleep 0.5
n=$(builds)

# gedit, VS Code and GLib programs: a hidden temporary file renamed over it
new_text "Gedit" >"$D/.goutputstream-X1Y2Z3"
mv "$D/.goutputstream-X1Y2Z3" "$P"
named "gedit"

# sed -i: a visible temporary file (sedXXXXXX) renamed over it
sed -i 's/^titre: .*/titre: Sed/' "$P"
named "sed -i"

# an editor writing NAME.new, then renaming it a moment later
new_text "Nouveau" >"$P.new"
sleep 0.2
mv "$P.new" "$P"
named "an editor saving through repeindre-le-preau.md.new"

# Kate, KWrite (Qt's QSaveFile): NAME.XXXXXX, a visible temporary file
# with no telling ending, written then renamed at once
new_text "Kate" >"$WORK/t"
python3 - "$P" "$WORK/t" <<'EOS'
import os, sys
page, text = sys.argv[1], open(sys.argv[2], 'rb').read()
tmp = page + '.aBc123'
with open(tmp, 'wb') as f:
	f.write(text)
os.rename(tmp, page)
EOS
named "kate (QSaveFile)"

# emacs: its lock link, a backup, the page written in place
ln -s "test@machine.1234" "$D/.#repeindre-le-preau.md"
cp "$P" "$P~"
new_text "Emacs" >"$WORK/t" && cat "$WORK/t" >"$P"
rm "$D/.#repeindre-le-preau.md" "$P~"
named "emacs"

# a page removed: named, though it is gone
rm "$P"
named "a removed page"
