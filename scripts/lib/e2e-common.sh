# Shared helpers for the tmux end-to-end scripts (scripts/e2e-*.sh).
# Source it from a script that runs under `set -Eeuo pipefail`.
#
# Set before sourcing:
#   e2e_name  prefix of the messages, e.g. "e2e-tmux" (default: script name)
#   e2e_tag   names the tmux socket (<tag>-<pid>) and the temp dir
#             (<tag>.XXXXXX); default "tandem-e2e"
#
# Environment:
#   TANDEM_BIN=/path/to/tandem  use this binary instead of building one
#   E2E_TRIES=N                 polls per wait (default 250, 40 ms apart)
#
# Provides: $repo, $bin, $work (removed on exit), $socket, $session (the
# tmux target the helpers act on; callers may change it), $tries, $poll,
# $last_screen and tm, cleanup, snap, fail, wait_for, wait_until, screen_has,
# keys, type_text, read_private.
# Everything runs on a private tmux server, so your own tmux sessions and
# tandem data are never touched.

e2e_name=${e2e_name:-$(basename "$0" .sh)}
e2e_tag=${e2e_tag:-tandem-e2e}

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tries=${E2E_TRIES:-250}
poll=0.04

if [[ -n ${TANDEM_BIN:-} ]]; then
    bin=$TANDEM_BIN
else
    target=${CARGO_TARGET_DIR:-$repo/target}
    (cd "$repo" && CARGO_TARGET_DIR=$target cargo build --release --quiet --bin tandem)
    bin=$target/release/tandem
fi
[[ -x $bin ]] || { echo "$e2e_name: no binary at $bin" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/$e2e_tag.XXXXXX")
socket=$e2e_tag-$$
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
    echo "$e2e_name: FAILED: $*" >&2
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

# wait_until WHAT COMMAND...: polls until COMMAND succeeds ($tries polls).
wait_until() {
    local what=$1 i
    shift
    for ((i = 0; i < tries; i++)); do
        if "$@"; then
            return 0
        fi
        sleep "$poll"
    done
    snap
    fail "timed out waiting for $what"
}

# screen_has TEXT: refreshes $last_screen and looks for TEXT in it.
screen_has() {
    snap
    [[ $last_screen == *"$1"* ]]
}

keys() { tm send-keys -t "$session" "$@"; }
type_text() { tm send-keys -t "$session" -l -- "$1"; }

# read_private: fills $private with the start of each private line of the
# partner's brief shown in $last_screen: the lines the organizer must
# never see.
read_private() {
    private=()
    local label line
    for label in "Cares about" "Could bring" "Holds back" "How to play"; do
        line=$(grep -o "$label: .*" <<<"$last_screen" | head -n 1 || true)
        [[ -n $line ]] && private+=("${line:${#label}+2:30}")
    done
    return 0
}
