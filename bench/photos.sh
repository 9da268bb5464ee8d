#!/usr/bin/env bash
# bench/photos.sh - times the photo pipeline against Hugo's image
# processing on the same photos, same widths and formats, cold and warm.
#
#   bench/photos.sh [N]      N photos of 4000x3000 (default 200)
#   bench/photos.sh --quick  20 photos
#
# IMGTOOL=path to the driver (default: build/imgtool; "make build/imgtool").
# JOBS=worker threads for fabrique (default: nproc).
# Work folder: ${TMPDIR:-/tmp}/fabrique-photos-N; the photos are kept
# between runs (they take a while to make), everything else is redone.
#
# Until "fabrique build" processes photos itself, the fabrique side is
# tests/imgtool's batch mode: the same module, reading each photo only
# when it is not cached, as the build will read blobs from git.

if [ -z "${BASH_VERSION:-}" ]; then
	exec bash "$0" "$@"
fi
set -u

N=200
for arg in "$@"; do
	case "$arg" in
	--quick) N=20 ;;
	-h | --help)
		sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	*[!0-9]* | '')
		echo "usage: bench/photos.sh [--quick] [N]" >&2
		exit 2
		;;
	*) N=$arg ;;
	esac
done

ROOT=$(cd "$(dirname "$0")/.." && pwd)
IMGTOOL=${IMGTOOL:-$ROOT/build/imgtool}
JOBS=${JOBS:-$(nproc)}
WIDTHS="480 960 1600"
QUALITY=80
WORK=${TMPDIR:-/tmp}/fabrique-photos-$N
REPO=$WORK/repo
ALBUM=content/retours/fete-2025
HUGO_SITE=$WORK/hugo-site
say() { printf '%s\n' "$*" >&2; }

[ -x "$IMGTOOL" ] || { say "bench: $IMGTOOL missing: make build/imgtool"; exit 1; }
if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ]; then
	say "bench: installing GNU time (apt-get install time)"
	apt-get install -y -qq time >/dev/null 2>&1 || true
fi
[ -x /usr/bin/time ] || { say "bench: GNU time (/usr/bin/time) is needed"; exit 1; }

# --- the photos: a texture made once, then seeded crops, tints, grain ----

make_photos() {
	mkdir -p "$REPO/$ALBUM"
	if [ "$(ls "$REPO/$ALBUM" 2>/dev/null | grep -c '\.jpg$')" = "$N" ]; then
		say "bench: reusing the $N photos in $REPO/$ALBUM"
		return
	fi
	say "bench: making $N photos of 4000x3000 (kept for the next runs)"
	"$IMGTOOL" make "$WORK/texture.tif" 4800 3600 --texture 5 || exit 1
	seq 1 "$N" | xargs -P "$JOBS" -I{} "$IMGTOOL" make \
		"$REPO/$ALBUM/photo-{}.jpg" 4000 3000 --from "$WORK/texture.tif" \
		--texture {} || exit 1
	rm -f "$WORK/texture.tif"
	(cd "$REPO" && git init -q 2>/dev/null && git add -A &&
		git -c user.name=Bench -c user.email=bench@example.invalid \
			commit -qm photos) || exit 1
}

# --- the Hugo site: one page bundle whose template resizes each photo ----

make_hugo_site() {
	rm -rf "$HUGO_SITE"
	mkdir -p "$HUGO_SITE/layouts/_default" "$HUGO_SITE/$ALBUM"
	cat >"$HUGO_SITE/config.yaml" <<EOF
baseURL: https://example.invalid/
disableKinds: [taxonomy, term, RSS, sitemap, robotsTXT, 404]
imaging:
  quality: $QUALITY
EOF
	# The originals are not published on either side.
	printf -- '---\ntitle: Fête 2025\n_build:\n  publishResources: false\n---\n' \
		>"$HUGO_SITE/$ALBUM/index.md"
	ln "$REPO/$ALBUM"/*.jpg "$HUGO_SITE/$ALBUM/" 2>/dev/null ||
		cp "$REPO/$ALBUM"/*.jpg "$HUGO_SITE/$ALBUM/"
	echo '<!doctype html><title>{{ .Title }}</title>' >"$HUGO_SITE/layouts/index.html"
	echo '<!doctype html><title>{{ .Title }}</title>' >"$HUGO_SITE/layouts/_default/list.html"
	cat >"$HUGO_SITE/layouts/_default/single.html" <<EOF
<!doctype html><title>{{ .Title }}</title>
{{ range .Resources.ByType "image" }}{{ \$img := . }}<picture>
{{ range slice $(echo $WIDTHS | sed 's/ /, /g' | tr -d ,) }}{{ \$w := . }}
{{ with \$img.Resize (printf "%dx webp" \$w) }}<source srcset="{{ .RelPermalink }} {{ .Width }}w" type="image/webp">{{ end }}
{{ with \$img.Resize (printf "%dx jpg" \$w) }}<img src="{{ .RelPermalink }}" width="{{ .Width }}" height="{{ .Height }}" loading="lazy">{{ end }}
{{ end }}</picture>
{{ end }}
EOF
}

# --- timing ----------------------------------------------------------------

RESULTS=$WORK/results.txt
# timed LABEL OUTDIR CMD...: runs CMD, records wall, CPU, peak RSS and
# the number of images in OUTDIR.
timed() {
	label=$1 outdir=$2
	shift 2
	sync
	/usr/bin/time -f '%e %U %S %M' -o "$WORK/.time" "$@" \
		>"$WORK/$label.out" 2>"$WORK/$label.err"
	rc=$?
	read -r wall user sys rss <"$WORK/.time"
	files=$(find "$outdir" -type f \( -name '*.webp' -o -name '*.jpg' \) 2>/dev/null | wc -l)
	cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
	printf '%-16s %8s %8s %8d %7d\n' "$label" "$wall" "$cpu" \
		"$((rss / 1024))" "$files" >>"$RESULTS"
	[ "$rc" = 0 ] || { say "bench: $label failed:"; tail -n 5 "$WORK/$label.err" >&2; }
	if [ -s "$WORK/$label.out" ] && grep -q '^images=' "$WORK/$label.out"; then
		say "bench: $label: $(head -n 1 "$WORK/$label.out")"
	fi
}

fabrique_run() { # fabrique_run LABEL: the album, through the module
	rm -rf "$WORK/out-fabrique"
	(cd "$REPO" && git ls-tree -r HEAD "$ALBUM") >"$WORK/list"
	timed "$1" "$WORK/out-fabrique" sh -c "cd '$REPO' && exec '$IMGTOOL' batch \
		--out '$WORK/out-fabrique' --cache '$WORK/cache' --jobs $JOBS \
		--widths $(echo $WIDTHS | tr ' ' ,) --quality $QUALITY \
		--progress off <'$WORK/list'"
}

hugo_run() { # hugo_run LABEL
	rm -rf "$WORK/out-hugo"
	timed "$1" "$WORK/out-hugo" hugo --source "$HUGO_SITE" \
		--destination "$WORK/out-hugo" --quiet
}

mkdir -p "$WORK"
make_photos
rm -f "$RESULTS"
printf '%-16s %8s %8s %8s %7s\n' run wall_s cpu_s rss_MiB images >"$RESULTS"

rm -rf "$WORK/cache"
fabrique_run fabrique-cold
fabrique_run fabrique-warm
if command -v hugo >/dev/null 2>&1; then
	make_hugo_site
	rm -rf "$HUGO_SITE/resources"
	hugo_run hugo-cold
	hugo_run hugo-warm
else
	say "bench: hugo not found, only fabrique was timed"
fi

echo "$N photos of 4000x3000, widths $WIDTHS, WebP + JPEG, quality $QUALITY, $JOBS jobs"
cat "$RESULTS"
awk 'NR > 1 { w[$1] = $2 } END {
	if (w["hugo-cold"] && w["fabrique-cold"])
		printf "cold: fabrique is %.1fx faster than Hugo\n", w["hugo-cold"] / w["fabrique-cold"]
	if (w["hugo-warm"] && w["fabrique-warm"])
		printf "warm: fabrique is %.1fx faster than Hugo\n", w["hugo-warm"] / w["fabrique-warm"]
}' "$RESULTS"
