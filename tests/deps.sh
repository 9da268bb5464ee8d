#!/bin/sh
# tests/deps.sh build|check - installs the Debian packages fabrique needs
# to build (and, with "check", to run its tests), if they are missing.
# Runs apt-get as root, or through sudo.
set -eu

build_pkgs="gcc make pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev libgit2-dev zlib1g-dev libmbedtls-dev libvips-dev libqrencode-dev libmicrohttpd-dev"
# Browser tests (tests/browser/): Chromium, a JRE for the Nu HTML Checker,
# fonts for stable screenshots; Node.js and npm come with the machine.
check_pkgs="$build_pkgs git libcmocka-dev clang valgrind faketime chromium default-jre-headless fonts-dejavu-core"
# Residents' tools (tests/integration/extras.sh, tests/browser/offline.sh):
# strict iCalendar parsers, YAML for the front matter, xmllint, Chromium.
check_pkgs="$check_pkgs python3-vobject python3-icalendar python3-yaml libxml2-utils chromium"
check_pkgs="$check_pkgs libimage-exiftool-perl"
# Deploy tests: strace kills publish at each step (killpoints.sh); sshd
# and rsync serve as the commune's shared hosting (upload.sh).
check_pkgs="$check_pkgs strace openssh-server openssh-client rsync"
# URLs fetched back over HTTP (urls.sh, serve.sh); disk full (diskfull.sh)
# mounts a small tmpfs with unshare, from util-linux.
check_pkgs="$check_pkgs curl util-linux"
# docs/deploy.md's nginx configuration served for real (nginx.sh).
check_pkgs="$check_pkgs nginx-light"
# docs/deploy.md's .htaccess served by Apache (apache.sh).
check_pkgs="$check_pkgs apache2-bin"
# Photos and files kept by git LFS (lfs.sh): git lfs itself.
check_pkgs="$check_pkgs git-lfs"
# Open data (tests/integration/opendata.sh, reseau.sh): JSON Schema checks.
check_pkgs="$check_pkgs python3-jsonschema"
# The printed programme read back (tests/browser/site.mjs): pdfinfo,
# pdftotext, pdftoppm.
check_pkgs="$check_pkgs poppler-utils"
# Office documents and PDF object streams made by real tools, read back
# (docmeta.sh): python-docx, python-openpyxl, python-odf, qpdf.
check_pkgs="$check_pkgs python3-docx python3-openpyxl python3-odf qpdf"
# A printed workshop's QR code read back from the PDF's image (site.mjs).
check_pkgs="$check_pkgs zbar-tools"
# make lint, run by make check: Debian 12's clang-format is 14; the style
# in .clang-format is checked against that version (tests/run.sh says it).
check_pkgs="$check_pkgs clang-format cppcheck"

case "${1:-build}" in
build) want=$build_pkgs ;;
check) want=$check_pkgs ;;
*) echo "usage: tests/deps.sh build|check" >&2; exit 2 ;;
esac

missing=
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "fabrique: installing missing Debian packages:$missing"
if [ "$(id -u)" -eq 0 ]; then
	sudo=
elif command -v sudo >/dev/null 2>&1; then
	sudo=sudo
else
	echo "fabrique: run as root, or install:$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
