#!/bin/sh
# tests/module-graph.sh [SRC] - fails if the modules' includes form a cycle.
#
# Data flows one way (source -> content -> site model -> render ->
# outputs), so the graph of `#include "x.h"` between modules must have no
# cycle.  A module is one .c with its .h; a private X_int.h (the shared
# types of a split module) counts as module X.  Prints the edges of each
# cycle found, and "ok - ..." otherwise.  Run by make lint (so by make
# check).
SRC=${1:-src}
edges=$(mktemp)
trap 'rm -f "$edges"' EXIT
for f in "$SRC"/*.c "$SRC"/*.h; do
	from=$(basename "$f" | sed 's/\.[ch]$//; s/_.*$//')
	# the file itself is a node, so a module without includes counts too
	echo "$from $from"
	sed -n 's/^#include "\([a-z0-9_]*\)\.h".*/\1/p' "$f" | sed 's/_.*$//' |
	    while read -r to; do
		[ "$to" = "$from" ] || echo "$from $to"
	    done
done >"$edges"
if loops=$(tsort "$edges" 2>&1 >/dev/null) && [ -z "$loops" ]; then
	echo "ok - no include cycle between the $(cut -d' ' -f1 "$edges" | sort -u | wc -l) modules of $SRC"
	exit 0
fi
echo "not ok - include cycle between modules of $SRC (each must depend one way):"
echo "$loops" | sed 's/^tsort: /#   /'
exit 1
