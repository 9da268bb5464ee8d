#!/bin/sh
# The broken-input corpus: each folder of tests/errors/ overlays the
# fixture site with one problem.  The build must print exactly the
# diagnostics of tests/errors/NAME.expected (English) and NAME.fr
# (French), exit with the status its first line gives, and leave the
# previously published site untouched.  Regenerate after an intended
# change with UPDATE_GOLDEN=1 (and review every message).
. "$(dirname "$0")/../lib.sh"

CASES=$TOP/tests/errors
R=$WORK/repo
mkmini "$R"
OUT=$WORK/public
(cd "$R" && "$FABRIQUE" build site --out "$OUT" -q) || echo "not ok - fixture build"
before=$(snapshot "$OUT")

# run_case NAME LANG: the diagnostics (summary line excluded) and status
run_case() {
	(cd "$R" && LANGUAGE= LC_ALL=$2 LANG=$2 "$FABRIQUE" build site --full --out "$OUT" 2>&1 >/dev/null
	 echo "exit $?") | grep -v '^fabrique: built \|^fabrique : construit : '
}

for dir in "$CASES"/*/; do
	name=$(basename "$dir")
	(cd "$R" && $GIT reset -q --hard && $GIT clean -qfdx)
	cp -R "$dir". "$R/site/"
	commit_all "$R" "cas $name" >/dev/null
	for lang in en fr; do
		exp=$CASES/$name.$lang
		run_case "$name" "$([ $lang = fr ] && echo fr_FR.UTF-8 || echo en_GB.UTF-8)" >"$WORK/got"
		if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
			cp "$WORK/got" "$exp"
		fi
		if cmp -s "$exp" "$WORK/got"; then ok "$name ($lang): expected diagnostics"
		else not_ok "$name ($lang): expected diagnostics" "$(diff "$exp" "$WORK/got" 2>&1 | head -n 8)"; fi
	done
	if tail -n 1 "$CASES/$name.en" | grep -q '^exit 0'; then
		# a warning alone publishes: put the fixture's site back
		(cd "$R" && $GIT reset -q --hard HEAD~1 && "$FABRIQUE" build site --out "$OUT" -q)
		continue
	fi
	if [ "$(snapshot "$OUT")" = "$before" ]; then ok "$name: published site untouched"
	else not_ok "$name: published site untouched"; fi
	(cd "$R" && $GIT reset -q --hard HEAD~1)
done
n=$(ls -d "$CASES"/*/ | wc -l)
if [ "$n" -ge 30 ]; then ok "the corpus has $n cases"; else not_ok "the corpus has at least 30 cases ($n)"; fi
