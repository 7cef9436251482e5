#!/usr/bin/env bash
# The `stats` performance bar: `tandem stats` over 10,000 saved sessions
# within 3x of the time `cat` needs just to read those files.
#
# Usage: scripts/bench-stats.sh [--cat-only] [COUNT]
#   COUNT                       sessions to generate (default 10000)
#   --cat-only                  measure only the `cat` yardstick
#   TANDEM_BIN=/path/to/tandem  use this binary instead of building one
#   RUNS=N                      timed runs of each command (default 10)
#
# Generates COUNT sessions with scripts/gen-sessions (seed 1) into a temp
# data dir, then times, with a warm cache (one warm-up run each):
#   cat:   find DIR/sessions -name '*.toml' -exec cat {} + > /dev/null
#   stats: tandem --data-dir DIR stats > /dev/null
# with hyperfine when it is installed, else with a loop over `date +%s%N`.
# Prints both means and the ratio. Installs nothing.
set -Eeuo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cat_only=false
count=10000
for arg in "$@"; do
    case $arg in
        --cat-only) cat_only=true ;;
        -h | --help)
            sed -n '2,16s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
            exit 0
            ;;
        *[!0-9]* | '')
            echo "bench-stats: unknown argument '$arg' (see --help)" >&2
            exit 2
            ;;
        *) count=$arg ;;
    esac
done
runs=${RUNS:-10}
target=${CARGO_TARGET_DIR:-$repo/target}

if ! $cat_only; then
    if [[ -n ${TANDEM_BIN:-} ]]; then
        bin=$TANDEM_BIN
    else
        (cd "$repo" && CARGO_TARGET_DIR=$target cargo build --release --quiet --bin tandem)
        bin=$target/release/tandem
    fi
    if ! "$bin" stats --help >/dev/null 2>&1; then
        echo "bench-stats: '$bin stats --help' failed: this tandem has no stats command yet." >&2
        echo "bench-stats: build one that has it (or set TANDEM_BIN), or run with --cat-only." >&2
        exit 1
    fi
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/tandem-bench-stats.XXXXXX")
trap 'rm -rf "$work"' EXIT
data=$work/data
mkdir -p "$work/config"

echo "bench-stats: generating $count sessions into $data"
"$repo/scripts/gen-sessions" "$count" "$data" --seed 1
files=$(find "$data/sessions" -name '*.toml' | wc -l)
bytes=$(find "$data/sessions" -name '*.toml' -exec cat {} + | wc -c)
echo "bench-stats: $files files, $bytes bytes"

cat_cmd="find '$data/sessions' -name '*.toml' -exec cat {} + > /dev/null"
stats_cmd="TANDEM_CONFIG_DIR='$work/config' '${bin:-tandem}' --data-dir '$data' stats > /dev/null"

if ! $cat_only; then
    # One plain run first, so that a failing stats shows its own message.
    if ! TANDEM_CONFIG_DIR=$work/config "$bin" --data-dir "$data" stats >/dev/null; then
        echo "bench-stats: 'tandem stats' failed on the generated data (message above)." >&2
        exit 1
    fi
fi

names=(cat)
commands=("$cat_cmd")
if ! $cat_only; then
    names+=(stats)
    commands+=("$stats_cmd")
fi
declare -A mean

if command -v hyperfine >/dev/null 2>&1; then
    args=()
    for i in "${!names[@]}"; do
        args+=(--command-name "${names[$i]}" "${commands[$i]}")
    done
    hyperfine --warmup 1 --runs "$runs" --export-csv "$work/times.csv" "${args[@]}"
    # command,mean,stddev,median,user,system,min,max (seconds)
    while IFS=, read -r name m _; do
        mean[$name]=$m
    done < <(tail -n +2 "$work/times.csv")
else
    echo "bench-stats: hyperfine not found (apt-get install hyperfine); timing with a shell loop" >&2
    for i in "${!names[@]}"; do
        bash -c "${commands[$i]}" # warm-up
        total=0
        best=
        for ((r = 0; r < runs; r++)); do
            start=$(date +%s%N)
            bash -c "${commands[$i]}"
            took=$(($(date +%s%N) - start))
            total=$((total + took))
            if [[ -z $best ]] || ((took < best)); then best=$took; fi
        done
        mean[${names[$i]}]=$(awk -v t="$total" -v n="$runs" 'BEGIN { printf "%.6f", t / n / 1e9 }')
        printf '%-6s mean %s s, best %s s over %d runs\n' "${names[$i]}" \
            "${mean[${names[$i]}]}" "$(awk -v b="$best" 'BEGIN { printf "%.6f", b / 1e9 }')" "$runs"
    done
fi

echo
printf 'cat   (%d files): mean %.1f ms\n' "$files" "$(awk -v s="${mean[cat]}" 'BEGIN { print s * 1000 }')"
if $cat_only; then
    exit 0
fi
printf 'stats (%d files): mean %.1f ms\n' "$files" "$(awk -v s="${mean[stats]}" 'BEGIN { print s * 1000 }')"
ratio=$(awk -v a="${mean[stats]}" -v b="${mean[cat]}" 'BEGIN { printf "%.2f", a / b }')
if awk -v r="$ratio" 'BEGIN { exit !(r <= 3) }'; then
    echo "stats / cat = ${ratio}x: within the 3x bar (met)"
else
    echo "stats / cat = ${ratio}x: over the 3x bar (not met)"
fi
