#!/bin/sh
# tests/module-graph.sh [SRC] - fails if the modules' includes form a cycle
# or go against the order of the stages.
#
# Data flows one way (source -> content -> site model -> outputs), so
# the graph of `#include "x.h"` between modules must have no cycle, and a
# module may include only modules of its own layer or of an earlier one
# (LAYERS below; docs/architecture.md draws them).  A module is one .c
# with its .h; a private X_int.h (the shared types of a split module)
# counts as module X.  A new module must be given its layer here.  Prints
# the offending edges, and "ok - ..." otherwise.  Run by make lint (so by
# make check); `tests/module-graph.sh --self-test` checks that it catches
# a cycle, an include against the order and a module without a layer.
SRC=${1:-src}

# layer: modules.  Helpers first, the commands that drive a build last.
# The render pass (render.c) comes after the outputs because it runs
# them once the pages are written (extras_write).
LAYERS='0 helpers: arena bytes xalloc buf strmap value path fsutil scratch slug alttext date utf8 json url urlbase diag msgcat hash interrupt stagetime geo
1 engines: tplmark markdown mdmem rendercache recstore loadcache blobmemo phonelink mustache outguard journal output ics jsonld qrcode contrast imgvips imgcache imgstrip jsonschema filetype themescan filemeta zipmeta zflate cachedir watch overlay viewhash viewrec mhdload
2 source: source gitclean history submodule
3 content: conflictmark textenc frontmatter yamldoc siteyaml schema
4 model: theme site siteaddr view details signup placeholder photos imgcodec archetype wholesite eventrev slotid revtable
5 outputs: extras calendar feeds search opendata offline geomap
6 render: render
7 commands: build oldids incremental deploy hook serve init reseau oldaddr usage main'

if [ "$SRC" = --self-test ]; then
	t=$(mktemp -d)
	trap 'rm -rf "$t"' EXIT
	printf '#include "site.h"\n' >"$t/arena.c"
	printf '#include "arena.h"\n' >"$t/site.c"
	if sh "$0" "$t" >/dev/null; then
		echo "not ok - module-graph: a cycle went unseen"; exit 1
	fi
	printf '' >"$t/arena.c"
	printf '#include "render.h"\n' >"$t/site_url.c"
	if sh "$0" "$t" >/dev/null; then
		echo "not ok - module-graph: site -> render went unseen"; exit 1
	fi
	rm "$t/site_url.c"
	printf '#include "arena.h"\n' >"$t/newthing.c"
	if sh "$0" "$t" >/dev/null; then
		echo "not ok - module-graph: a module without a layer went unseen"
		exit 1
	fi
	rm "$t/newthing.c"
	if ! sh "$0" "$t" >/dev/null; then
		echo "not ok - module-graph: a sound graph was refused"; exit 1
	fi
	echo "ok - module-graph: catches cycles, includes against the layers, modules without one"
	exit 0
fi

edges=$(mktemp)
layers=$(mktemp)
trap 'rm -f "$edges" "$layers"' EXIT
echo "$LAYERS" | awk '{ for (i = 3; i <= NF; i++) print $i, $1 }' >"$layers"
for f in "$SRC"/*.c "$SRC"/*.h; do
	[ -f "$f" ] || continue
	from=$(basename "$f" | sed 's/\.[ch]$//; s/_.*$//')
	# the file itself is a node, so a module without includes counts too
	echo "$from $from"
	sed -n 's/^#include "\([a-z0-9_]*\)\.h".*/\1/p' "$f" | sed 's/_.*$//' |
	    while read -r to; do
		[ "$to" = "$from" ] || echo "$from $to"
	    done
done | sort -u >"$edges"

status=0
if ! loops=$(tsort "$edges" 2>&1 >/dev/null) || [ -n "$loops" ]; then
	echo "not ok - include cycle between modules of $SRC (each must depend one way):"
	echo "$loops" | sed 's/^tsort: /#   /'
	status=1
fi
# Each module has a layer, and includes only its own or earlier ones.
if ! awk 'NR == FNR { layer[$1] = $2; next }
	$1 == $2 && !($1 in layer) {
		print "not ok - module " $1 " has no layer: give it one in " \
		    "tests/module-graph.sh (and docs/architecture.md)"
		bad = 1
	}
	$1 != $2 && ($1 in layer) && ($2 in layer) && layer[$2] > layer[$1] {
		print "not ok - " $1 " (layer " layer[$1] ") includes " $2 \
		    " (layer " layer[$2] "): against the order of the stages"
		bad = 1
	}
	END { exit bad }' "$layers" "$edges"; then
	status=1
fi
[ $status -eq 0 ] &&
	echo "ok - no include cycle between the $(cut -d' ' -f1 "$edges" | sort -u | wc -l) modules of $SRC, each includes only its layer or earlier ones"
exit $status
