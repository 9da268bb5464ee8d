#!/bin/sh
# fabrique serve's own words (tester19 F14): a port already taken is said
# in the editor's language with what to do (the C library's English
# "Address already in use" was printed inside the French sentence), and
# --bind 0.0.0.0 prints an address a browser opens, not
# http://0.0.0.0:PORT/, with a warning that the whole network can read
# the preview, drafts included.  Real HTTP on this computer.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
serve_start site || exit 0
port=${url##*:}

LANGUAGE= LC_ALL=fr_FR.UTF-8 timeout 20 "$FABRIQUE" serve site --port "$port" >"$WORK/.err" 2>&1
rc=$?
check "a port already taken: the second serve stops with an error" test "$rc" -ne 0 -a "$rc" -ne 124
contains "a port already taken: said in French, with what to do" "$WORK/.err" \
	"fabrique : impossible d’écouter sur 127.0.0.1 port $port : ce port est déjà utilisé (un autre fabrique serve tourne peut-être) ; choisissez-en un autre avec --port N, comme --port $((port + 1))"
lacks "no English from the C library" "$WORK/.err" "Address already in use"

kill -INT "$pid" 2>/dev/null
wait "$pid" 2>/dev/null

LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" serve site --bind 0.0.0.0 --port 0 >"$WORK/serve.log" 2>&1 &
pid=$!
wait_builds 1
lacks "--bind 0.0.0.0: no http://0.0.0.0 address printed" "$WORK/serve.log" "http://0.0.0.0"
contains "--bind 0.0.0.0: a warning that the network can read the preview" "$WORK/serve.log" \
	"fabrique : avertissement : avec --bind 0.0.0.0, tout appareil des réseaux de cet ordinateur (le Wi-Fi d’un café ou de la mairie) peut lire l’aperçu, brouillons et pages non validées compris ; retirez --bind pour le garder à cet ordinateur"
addr=$(sed -n 's/.*\(http:\/\/[0-9.]*:[0-9]*\)\/.*/\1/p' "$WORK/serve.log" | head -n 1)
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$addr/")
check "--bind 0.0.0.0: the printed address opens the home page ($addr)" test "$code" = 200
