#!/usr/bin/env bash
# The idle-CPU and memory bars: the timer screen idles under 0.5% of one
# core; resident memory stays under 30 MB with 10,000 sessions.
#
# Usage: scripts/measure-idle.sh
#   TANDEM_BIN=/path/to/tandem  use this binary instead of building one
#   IDLE_SECS=N                 length of each CPU sample (default 30)
#   SESSIONS=N                  sessions generated for the memory runs
#                               (default 10000)
#
# Each run is a real tandem in an 80x24 pane of a private tmux server
# (socket tandem-idle-<pid>), on a temp data dir:
#   1. tandem practice --organizer A --partner B --no-bell, on an empty data
#      dir: waits 3 s, then samples the process's CPU time over IDLE_SECS
#      (utime+stime from /proc/PID/stat, and the ns counter of
#      /proc/PID/schedstat) and prints it as % of one core, then VmRSS and
#      VmHWM from /proc/PID/status.
#   2. tandem (the home screen, which loads every session at start) on a
#      data dir with SESSIONS generated sessions (scripts/gen-sessions,
#      seed 1): time until the home screen shows, idle CPU, VmRSS, VmHWM.
#   3. tandem review on the same data dir, if this tandem has `review`.
set -Eeuo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
idle_secs=${IDLE_SECS:-30}
sessions=${SESSIONS:-10000}

if [[ -n ${TANDEM_BIN:-} ]]; then
    bin=$TANDEM_BIN
else
    target=${CARGO_TARGET_DIR:-$repo/target}
    (cd "$repo" && CARGO_TARGET_DIR=$target cargo build --release --quiet --bin tandem)
    bin=$target/release/tandem
fi
[[ -x $bin ]] || {
    echo "measure-idle: no binary at $bin" >&2
    exit 1
}
command -v tmux >/dev/null 2>&1 || {
    echo "measure-idle: needs tmux (apt-get install tmux)" >&2
    exit 1
}

work=$(mktemp -d "${TMPDIR:-/tmp}/tandem-idle.XXXXXX")
socket=tandem-idle-$$
unset TMUX
tm() { tmux -L "$socket" -f /dev/null "$@"; }
pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        if grep -qa tandem "/proc/$pid/cmdline" 2>/dev/null; then
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
    tm kill-server >/dev/null 2>&1 || true
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$socket"
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/config" "$work/empty"
ticks=$(getconf CLK_TCK)

# start NAME DATA ARGS...: runs tandem in its own 80x24 window; prints its pid.
start() {
    local name=$1 data=$2
    shift 2
    local cmd
    cmd=$(printf '%q ' env TANDEM_CONFIG_DIR="$work/config" "$bin" --data-dir "$data" "$@")
    if tm has-session 2>/dev/null; then
        tm new-window -d -t idle -n "$name" "exec $cmd"
    else
        tm new-session -d -s idle -n "$name" -x 80 -y 24 "exec $cmd"
    fi
    tm list-panes -t "idle:$name" -F '#{pane_pid}'
}

# quit NAME PID: Ctrl-C, as a user would, then waits for the process to
# end. A tandem whose terminal is simply closed can outlive it spinning on
# EOF (crossterm's mio event source), so it is never left to the pane.
quit() {
    local name=$1 pid=$2
    tm send-keys -t "idle:$name" C-c
    for _ in $(seq 1 250); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.02
    done
    echo "measure-idle: $name (pid $pid) did not quit on Ctrl-C within 5 s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
}

# wait_for NAME TEXT: polls the window until TEXT shows; prints the seconds
# it took.
wait_for() {
    local name=$1 text=$2 begun now
    begun=$(date +%s%N)
    for _ in $(seq 1 1500); do
        if tm capture-pane -p -t "idle:$name" 2>/dev/null | grep -qF -- "$text"; then
            now=$(date +%s%N)
            awk -v ns=$((now - begun)) 'BEGIN { printf "%.2f", ns / 1e9 }'
            return 0
        fi
        sleep 0.02
    done
    echo "measure-idle: '$text' never showed in $name; last screen:" >&2
    tm capture-pane -p -t "idle:$name" >&2 || true
    return 1
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
cpu_ns() { awk '{ print $1 }' "/proc/$1/schedstat" 2>/dev/null || echo 0; }
mem() { awk '/^(VmRSS|VmHWM):/ { printf "%s %s %s  ", $1, $2, $3 }' "/proc/$1/status"; }

# idle PID: CPU use over IDLE_SECS as % of one core.
idle() {
    local pid=$1 t0 n0 w0 t1 n1 w1
    t0=$(cpu_ticks "$pid") n0=$(cpu_ns "$pid") w0=$(date +%s%N)
    sleep "$idle_secs"
    t1=$(cpu_ticks "$pid") n1=$(cpu_ns "$pid") w1=$(date +%s%N)
    awk -v dt=$((t1 - t0)) -v dn=$((n1 - n0)) -v dw=$((w1 - w0)) -v hz="$ticks" 'BEGIN {
        printf "CPU over %.1f s: %.3f%% of one core (schedstat: %.1f ms on CPU)", dw / 1e9,
            (dn > 0 ? dn / dw : dt / hz * 1e9 / dw) * 100, dn / 1e6
        printf " [stat: %d ticks of 1/%d s]\n", dt, hz
    }'
}

echo "measure-idle: $bin on $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))"

echo "== practice screen (empty data dir), 80x24"
pid=$(start practice "$work/empty" practice --organizer A --partner B --no-bell)
pids+=("$pid")
wait_for practice "Purpose" >/dev/null
sleep 3
echo "practice: $(idle "$pid")"
echo "practice: $(mem "$pid")"
quit practice "$pid"

echo "== generating $sessions sessions"
"$repo/scripts/gen-sessions" "$sessions" "$work/data" --seed 1

echo "== home screen with $sessions sessions, 80x24"
pid=$(start home "$work/data")
pids+=("$pid")
took=$(wait_for home "Last session")
echo "home: on screen after ${took} s (loads every session first)"
sleep 3
echo "home: $(idle "$pid")"
echo "home: $(mem "$pid")"
quit home "$pid"

if "$bin" review --help >/dev/null 2>&1; then
    echo "== review with $sessions sessions, 80x24"
    pid=$(start review "$work/data" review)
    pids+=("$pid")
    sleep 5
    echo "review: $(mem "$pid")"
    quit review "$pid"
else
    echo "== review: this tandem has no review command yet; skipped"
fi
