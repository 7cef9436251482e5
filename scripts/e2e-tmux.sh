#!/usr/bin/env bash
# End-to-end checks of tandem in real tmux panes, a round the way trainers
# run it:
#   pair     the partner's brief, then a round in which the organizer's
#            screen never shows the private persona; a debrief with four
#            ratings each, the checks, the partner's yes/maybe/no and a
#            commitment with a date; the next round's header shows the last
#            "one thing to change"
#   fit      `--fit 30m` for a triad: the plan shown, three rounds, roles
#            rotated, each saved with its plan
#   scales   deep canvassing's 0-10 rating at the open and the close, and
#            the shift on the summary
#   sync     two data dirs share five sessions each through a bare git
#            repository, both ways, on a "fresh machine" (no git identity);
#            run directly, not in tmux (needs git and scripts/gen-sessions)
#
# Usage: scripts/e2e-tmux.sh
#   TANDEM_BIN=/path/to/tandem  use this binary instead of building one
#   E2E_TRIES=N                 polls per wait (default 250, 40 ms apart)
#
# Uses its own tmux server (socket tandem-e2e-<pid>) and temp data dirs,
# so it never touches your tmux sessions or your tandem data. The helpers
# (build, tmux server, waits, cleanup) are in scripts/lib/e2e-common.sh.
set -Eeuo pipefail

e2e_name=e2e-tmux
e2e_tag=tandem-e2e
# shellcheck source=scripts/lib/e2e-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/e2e-common.sh"

# start NAME ARGS...: tandem in a new 100x30 pane named NAME, on the data
# dir $work/NAME (kept across starts of the same NAME); the pane closes
# when tandem ends and leaves its exit status in $work/NAME.status.
start() {
    local name=$1
    shift
    mkdir -p "$work/$name/data" "$work/$name/config" "$work/home"
    rm -f "$work/$name.status"
    local args
    printf -v args '%q ' "$@"
    tm new-session -d -s "$name" -x 100 -y 30 \
        "cd '$work' && env HOME='$work/home' TERM=xterm-256color \
TANDEM_DATA_DIR='$work/$name/data' TANDEM_CONFIG_DIR='$work/$name/config' \
'$bin' $args --no-bell; echo \$? > '$work/$name.status'"
    session=$name
}

# finish NAME: waits for tandem in pane NAME to exit 0.
finish() {
    local name=$1 i
    for ((i = 0; i < tries; i++)); do
        [[ -s $work/$name.status ]] && break
        sleep "$poll"
    done
    [[ -s $work/$name.status ]] || fail "$name: tandem did not exit"
    local code
    code=$(<"$work/$name.status")
    [[ $code == 0 ]] || fail "$name: tandem exited with status $code"
}

# sessions NAME: the saved session files of NAME's data dir, one a line.
sessions() { find "$work/$1/data/sessions" -name '*.toml' | sort; }

# field FILE KEY: the first `KEY = value` of FILE, quotes dropped.
field() { sed -n "s/^$2 = \"\{0,1\}\([^\"]*\)\"\{0,1\}$/\1/p" "$1" | head -n 1; }

# organizer FILE: the organizer's name in a session file.
organizer() { sed -n '/^\[people\]/,/^\[/s/^organizer = "\(.*\)"$/\1/p' "$1"; }

# no_private: fails when the screen holds any remembered private text.
no_private() {
    local text
    for text in "${private[@]}"; do
        [[ $last_screen != *"$text"* ]] || fail "the organizer sees the private brief: $text"
    done
}

scenario_pair() {
    start pair practice --organizer Ana --partner Ben --seed 7
    wait_for "Ben, read this — Ana, look away."
    read_private
    ((${#private[@]} >= 3)) || fail "the brief shows too little: ${private[*]}"
    keys Enter
    wait_for "stage 1 of 4"
    no_private
    keys Space
    wait_for "Ana talking"
    keys 2
    wait_for "Marks (1)"
    local stage
    for stage in 2 3 4; do
        keys n
        wait_for "stage $stage of 4"
        no_private
    done
    keys n
    wait_for "End the round and start the debrief?"
    keys y
    wait_for "▶ What worked?"

    type_text "Asked why twice"
    keys Tab
    type_text "Ask why at least twice"
    for score in 4 3 4 5; do
        keys Tab
        type_text "$score"
    done
    keys PageDown
    wait_for "▶ Would you have said yes?"
    type_text m
    keys Tab
    type_text "A date I could keep"
    keys Tab
    type_text 4
    for score in 5 4 4 3; do
        keys Tab
        type_text "$score"
    done
    keys PageDown
    wait_for "Ben ticks them"
    keys Space Down Space
    keys PageDown
    wait_for "▶ The ask"
    type_text "Will you come to Thursday's meeting?"
    keys Tab
    type_text y
    keys Tab
    type_text "Bring two neighbours"
    keys Tab
    type_text "2026-12-03"
    wait_for "2026-12-03"
    keys C-s
    wait_for "Round saved"
    keys q
    finish pair

    local file
    file=$(sessions pair)
    [[ $(wc -l <<<"$file") == 1 ]] || fail "expected one session file: $file"
    [[ $(field "$file" schema) == 2 ]] || fail "not a schema-2 file"
    [[ $(grep -c '^score = ' "$file") == 8 ]] || fail "expected 4 ratings each: $(cat "$file")"
    [[ $(grep -c '^observed = true' "$file") == 2 ]] || fail "expected two checks ticked"
    [[ $(field "$file" would_say_yes) == maybe ]] || fail "the partner's maybe is missing"
    [[ $(field "$file" felt_heard) == 4 ]] || fail "felt heard is missing"
    [[ $(field "$file" answer) == yes ]] || fail "the answer is missing"
    [[ $(field "$file" date) == 2026-12-03 ]] || fail "the action's date is missing"
    [[ $(field "$file" to_change) == "Ask why at least twice" ]] || fail "to_change missing"
    grep -q '^play = ' "$file" || fail "the persona's private part is not kept"

    # Ana's next round shows her lesson in the header.
    start pair practice --organizer Ana --partner Ben --seed 8
    wait_for "look away"
    keys Enter
    wait_for "Last time: Ask why at least twice"
    keys C-c
    finish pair
    echo "$e2e_name: pair ok"
}

scenario_fit() {
    start fit practice --mode triad --organizer Ana --partner Ben --observer Cy \
        --fit 30m --seed 3
    wait_for "3 rounds × ("
    wait_for "Ana, then Ben, then Cy organize"
    keys Enter
    local round names=(Ana Ben Cy)
    for round in 1 2 3; do
        wait_for "look away"
        keys Enter
        wait_for "round $round of 3 · stage 1 of 4"
        wait_for "${names[round - 1]} (organizer)"
        keys n n n n
        wait_for "End the round"
        keys y
        wait_for "▶ What worked?"
        keys C-s
        wait_for "gave no feedback. Save anyway?"
        keys y
        wait_for "Round saved"
        ((round < 3)) && keys s
    done
    wait_for "The plan's 3 rounds are done."
    keys q
    finish fit

    local files file
    files=$(sessions fit)
    [[ $(wc -l <<<"$files") == 3 ]] || fail "expected three sessions: $files"
    while read -r file; do
        round=$(field "$file" round)
        [[ $(organizer "$file") == "${names[round - 1]}" ]] ||
            fail "round $round was organized by $(organizer "$file")"
        [[ $(field "$file" rounds) == 3 && $(field "$file" minutes) == 30 ]] ||
            fail "the plan is not saved with round $round"
    done <<<"$files"
    echo "$e2e_name: fit ok"
}

scenario_scales() {
    start scales practice --deck deep-canvass --organizer Ana --partner Ben --seed 2
    wait_for "look away"
    keys Enter
    wait_for "stage 1 of 5"
    keys n
    wait_for "Enter record"
    type_text 4
    keys Enter
    wait_for "stage 2 of 5"
    keys n n n
    wait_for "stage 5 of 5"
    keys n
    wait_for "Enter record"
    type_text 6
    keys Enter
    wait_for "End the round"
    keys y
    wait_for "▶ What worked?"
    keys C-s
    wait_for "Save anyway?"
    keys y
    wait_for "Round saved"
    wait_for "4 → 6 (+2)"
    keys q
    finish scales
    local file
    file=$(sessions scales)
    grep -q '^value = 4' "$file" && grep -q '^value = 6' "$file" ||
        fail "the scale readings are not saved: $(cat "$file")"
    echo "$e2e_name: scales ok"
}

# sync_run DIR ARGS...: `tandem sync ARGS` on the data dir DIR, with git's
# global and system config left out (no identity, as on a fresh machine).
sync_run() {
    local dir=$1
    shift
    env HOME="$work/home" GIT_CONFIG_GLOBAL="$work/home/.gitconfig" GIT_CONFIG_NOSYSTEM=1 \
        TANDEM_DATA_DIR="$dir" "$bin" sync "$@" 2>&1
}

scenario_sync() {
    command -v git >/dev/null 2>&1 || fail "sync: git is not installed"
    local remote=$work/sync/remote.git a=$work/sync-a/data b=$work/sync-b/data out
    mkdir -p "$work/sync" "$work/home"
    git init -q --bare "$remote"
    "$repo/scripts/gen-sessions" 5 "$a" --seed 11
    "$repo/scripts/gen-sessions" 5 "$b" --seed 12
    [[ $(sessions sync-a | wc -l) == 5 && $(sessions sync-b | wc -l) == 5 ]] ||
        fail "sync: gen-sessions did not write five sessions each"

    out=$(sync_run "$a" --remote "$remote") || { last_screen=$out; fail "sync: A's first sync failed"; }
    last_screen=$out
    [[ $out == *"sent 5 sessions"* ]] || fail "sync: A did not send its five sessions"
    out=$(sync_run "$b" --remote "$remote") || { last_screen=$out; fail "sync: B's first sync failed"; }
    last_screen=$out
    [[ $out == *"sent 5 sessions; received 5 sessions"* ]] || fail "sync: B did not swap five for five"
    out=$(sync_run "$a") || { last_screen=$out; fail "sync: A's second sync failed"; }
    last_screen=$out
    [[ $out == *"received 5 sessions"* ]] || fail "sync: A did not receive B's five sessions"

    [[ $(sessions sync-a | wc -l) == 10 ]] || fail "sync: A has $(sessions sync-a | wc -l) sessions, not 10"
    last_screen=$(diff -r "$a/sessions" "$b/sessions" 2>&1) ||
        fail "sync: A's and B's sessions differ"
    local shared
    shared=$(git --git-dir="$remote" ls-tree --name-only HEAD sessions/ | wc -l)
    [[ $shared == 10 ]] || fail "sync: the remote holds $shared sessions, not 10"
    echo "$e2e_name: sync ok"
}

scenario_pair
scenario_fit
scenario_scales
scenario_sync
echo "$e2e_name: ok"
