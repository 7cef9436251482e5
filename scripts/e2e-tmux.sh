#!/usr/bin/env bash
# End-to-end check of tandem in a real tmux pane: plays one whole round
# (talk, a mark, four stages, the feedback form), saves it and quits.
#
# Usage: scripts/e2e-tmux.sh
#   TANDEM_BIN=/path/to/tandem  use this binary instead of building one
#   E2E_TRIES=N                 polls per wait (default 250, 40 ms apart)
#
# Uses its own tmux server (socket tandem-e2e-<pid>) and a temp data dir,
# so it never touches your tmux sessions or your tandem data.
set -Eeuo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tries=${E2E_TRIES:-250}
poll=0.04

if [[ -n ${TANDEM_BIN:-} ]]; then
    bin=$TANDEM_BIN
else
    target=${CARGO_TARGET_DIR:-$repo/target}
    (cd "$repo" && CARGO_TARGET_DIR=$target cargo build --release --quiet --bin tandem)
    bin=$target/release/tandem
fi
[[ -x $bin ]] || { echo "e2e-tmux: no binary at $bin" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/tandem-e2e.XXXXXX")
socket=tandem-e2e-$$
session=e2e
unset TMUX

tm() { tmux -L "$socket" -f /dev/null "$@"; }

cleanup() {
    tm kill-server >/dev/null 2>&1 || true
    # tmux leaves its socket file behind; remove ours (and only ours).
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$socket"
    rm -rf "$work"
}
trap cleanup EXIT

last_screen=""
# snap: reads the pane into $last_screen (kept when the pane is gone).
snap() {
    local screen
    if screen=$(tm capture-pane -p -t "$session" 2>/dev/null); then
        last_screen=$screen
    fi
}

fail() {
    echo "e2e-tmux: FAILED: $*" >&2
    echo "--- last screen ---" >&2
    printf '%s\n' "$last_screen" >&2
    echo "-------------------" >&2
    exit 1
}

trap 'fail "line $LINENO: \`$BASH_COMMAND\` failed"' ERR

# wait_for TEXT: polls the pane until TEXT shows (fixed string).
wait_for() {
    local text=$1 i
    for ((i = 0; i < tries; i++)); do
        snap
        if [[ $last_screen == *"$text"* ]]; then
            return 0
        fi
        sleep "$poll"
    done
    fail "timed out waiting for \"$text\""
}

keys() { tm send-keys -t "$session" "$@"; }
type_text() { tm send-keys -t "$session" -l -- "$1"; }

mkdir -p "$work/data" "$work/config" "$work/home"
status_file=$work/exit-status
# The pane closes when tandem ends; its exit status is left in a file.
tm new-session -d -s "$session" -x 100 -y 30 \
    "cd '$work' && env HOME='$work/home' TERM=xterm-256color \
TANDEM_DATA_DIR='$work/data' TANDEM_CONFIG_DIR='$work/config' \
'$bin' practice --organizer Ana --partner Ben --seed 7 --no-bell; \
echo \$? > '$status_file'"

wait_for "stage 1 of 4"
keys Space
wait_for "Ana talking"
keys 2
wait_for "Marks (1)"
for stage in 2 3 4; do
    keys n
    wait_for "stage $stage of 4"
done
keys n
wait_for "Feedback from"

keys Tab
wait_for "▶ What worked"
type_text "Asked why twice"
wait_for "Asked why twice"
keys Tab
wait_for "▶ What to improve"
type_text "Ask sooner"
wait_for "Ask sooner"
keys Tab
wait_for "▶ Commitment reached"
type_text "Come on Thursday"
wait_for "Come on Thursday"
keys Enter
type_text "Yes"
wait_for "Agreed    Yes"
keys Enter
type_text "2026-12-03"
wait_for "Follow-up 2026-12-03"
keys Tab
wait_for "▶ Ratings"
keys 4
keys C-s
wait_for "Round saved"
snap
final_screen=$last_screen
keys q

for ((i = 0; i < tries; i++)); do
    [[ -s $status_file ]] && break
    sleep "$poll"
done
[[ -s $status_file ]] || fail "tandem did not exit after q"
code=$(<"$status_file")
[[ $code == 0 ]] || fail "tandem exited with status $code"

shopt -s nullglob
files=("$work"/data/sessions/*.toml)
shopt -u nullglob
[[ ${#files[@]} == 1 ]] || fail "expected one session file, found ${#files[@]}"
grep -qF 'organizer = "Ana"' "${files[0]}" ||
    fail "session file lacks organizer = \"Ana\": $(cat "${files[0]}")"
[[ ! -e $work/data/in-progress.toml ]] || fail "in-progress.toml was left behind"

printf '%s\n' "$final_screen"
echo "e2e-tmux: ok"
