#!/bin/sh
# Golden-output runner: runs every command line of a list against firmnet and
# compares stdout, stderr and the exit code with tests/cli/golden/NAME.out.
#   sh golden.sh LIST            compare (exit 1 on any difference, with a diff)
#   REGEN=1 sh golden.sh LIST    rewrite the golden files instead
#   GOLDEN_VALGRIND=1 ...        run each command under $VALGRIND (memcheck, leaks
#                                included); an error changes the exit code to 86
# A list line is "NAME ARGS...": NAME names the golden file, ARGS are the words
# after "firmnet", quoted as in the shell. Blank lines and #-lines are skipped.
# The dataset defaults to the bundled data/wenzhou (FIRMNET_DATASET).
list=$1
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${FIRMNET:=${top_builddir:-.}/firmnet}"
LC_ALL=C.UTF-8 TZ=UTC NO_COLOR=1
FIRMNET_DATASET=$top_srcdir/data/wenzhou
export LC_ALL TZ NO_COLOR FIRMNET_DATASET
golden=$top_srcdir/tests/cli/golden
if [ ! -f "$FIRMNET_DATASET/firms.csv" ]; then
    echo "no bundled dataset at $FIRMNET_DATASET: skipping" >&2
    exit 77
fi
if [ ! -x "$FIRMNET" ]; then
    echo "no firmnet binary at $FIRMNET" >&2
    exit 99
fi
run=
if [ -n "$GOLDEN_VALGRIND" ]; then
    # the suppressions cover only what the dynamic loader keeps after core/xmllib's dlopen
    run="${VALGRIND:-valgrind} -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=86"
    run="$run --suppressions=$top_srcdir/tests/valgrind.supp"
    # PCRE2's JIT reads a few bytes past a subject's end, harmlessly, and memcheck says so
    FIRMNET_NO_JIT=1
    export FIRMNET_NO_JIT
fi
# Floating-point results may differ in their last digits between builds (a sanitizer
# or another compiler changes the order of operations), so a number with more than 12
# significant digits is compared rounded to 12; everything else stays exact text.
# Applied to both sides only when they differ byte for byte.
normalise_numbers() {
    awk '{
        out = ""; s = $0
        while (match(s, /[0-9]+\.[0-9]+([eE][-+]?[0-9]+)?/)) {
            num = substr(s, RSTART, RLENGTH)
            digits = num
            sub(/[eE].*/, "", digits)
            sub(/\./, "", digits)
            sub(/^0+/, "", digits)
            if (length(digits) > 12)
                num = sprintf("%.12g", num + 0)
            out = out substr(s, 1, RSTART - 1) num
            s = substr(s, RSTART + RLENGTH)
        }
        print out s
    }' "$1"
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/firmnet-golden.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
failed=0 total=0
while IFS= read -r line || [ -n "$line" ]; do
    case $line in '' | '#'*) continue ;; esac
    name=${line%%[ 	]*}
    args=${line#"$name"}
    args=${args#"${args%%[! 	]*}"}
    total=$((total + 1))
    out=$tmp/$name.out
    # the dataset directory is run from the source tree so relative -d paths in
    # the list (data/examples/...) mean the same everywhere
    (
        cd "$top_srcdir" || exit 99
        eval "set -- $args"
        printf '$ firmnet %s\n' "$args"
        $run "$FIRMNET" "$@" 2>"$tmp/stderr"
        rc=$?
        echo "--- stderr"
        cat "$tmp/stderr"
        echo "--- exit $rc"
    ) >"$out"
    if [ -n "$REGEN" ]; then
        cp "$out" "$golden/$name.out"
    elif ! cmp -s "$golden/$name.out" "$out"; then
        normalise_numbers "$golden/$name.out" >"$tmp/want.norm"
        normalise_numbers "$out" >"$tmp/got.norm"
        if ! diff -u --label "$golden/$name.out" --label "$out" "$tmp/want.norm" "$tmp/got.norm"; then
            echo "FAIL: $name" >&2
            failed=$((failed + 1))
        fi
    fi
done <"$list"
if [ -n "$REGEN" ]; then
    echo "rewrote $total golden files in $golden"
    exit 0
fi
echo "$((total - failed)) of $total command lines match their golden output"
[ "$failed" -eq 0 ]
