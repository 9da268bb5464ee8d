#!/bin/sh
# fabrique serve rebuilds on every save: a warning it already printed is
# not printed again while it still applies (a low-contrast colour in
# site.yaml would otherwise fill the terminal, one copy per save); the
# rebuild's line says how many it did not repeat.  A changed warning is
# new and printed; one that went away and came back is printed again.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
printf 'couleurs:\n  accent: "#f2a541"\n' >>site/site.yaml
$GIT commit -qam "Couleur claire"
P=site/ateliers/repeindre-le-preau.md
W='warning: couleurs.accent #f2a541 has a contrast'
W2='warning: couleurs.accent #f2a542 has a contrast'
AGAIN='1 message shown above still applies (not repeated)'
serve_start site || exit 0
n=1
is() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got $2, expected $3" "$(cat "$WORK/serve.log")"; fi; }
count() { grep -c "$1" "$WORK/serve.log"; }
# save: the next build's lines are all there (its last comes just after
# the build's own line)
save() {
	n=$((n + 1))
	wait_builds $n || not_ok "the save is rebuilt" "$(cat "$WORK/serve.log")"
	sleep 0.3
}
is "the first build prints the warning" "$(count "$W")" 1

printf '\nUne ligne de plus.\n' >>"$P"
save
is "a save does not print it again" "$(count "$W")" 1
is "the rebuild says one message still applies" "$(count "$AGAIN")" 1

sed -i 's/#f2a541/#f2a542/' site/site.yaml
save
is "a changed warning is printed" "$(count "$W2")" 1
is "with nothing repeated, no count" "$(count "$AGAIN")" 1

sed -i 's/#f2a542/#1f4e79/' site/site.yaml
save
is "a site without the warning prints none" "$(count "$W2")" 1
is "and says nothing still applies" "$(count "$AGAIN")" 1

sed -i 's/#1f4e79/#f2a541/' site/site.yaml
save
is "a warning that comes back is printed again" "$(count "$W")" 2

# in French too (the server's own lines are French: wait for them)
kill -INT $pid && wait $pid
LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" serve site --port 0 \
	>"$WORK/serve.log" 2>&1 &
pid=$!
# until: wait (up to 30 s) for a line of the log
until_line() {
	for _ in $(seq 1 300); do
		grep -q "$1" "$WORK/serve.log" && return 0
		sleep 0.1
	done
	return 1
}
until_line 'construit en'
printf '\nEncore une ligne.\n' >>"$P"
until_line 'reconstruit après' && sleep 0.3
is "in French: the rebuild says one message still applies" \
	"$(count '1 message affiché plus haut est toujours d’actualité (non répété)')" 1
