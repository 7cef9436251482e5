#!/usr/bin/env bash
# End-to-end check of `tandem serve` with the real OpenSSH client, the way
# an online breakout runs: an organizer (100x30) and a partner (80x24) in
# room 1, the facilitator's board (100x30), each in its own tmux pane.
#
#   refused   an exec request (`ssh CODE@host some-command`) and a wrong
#             code are refused: ssh exits non-zero, never prompting
#   join      the organizer joins, then the partner, whose first screen
#             offers the partner role; the partner reads the private brief
#             while the organizer waits in the lobby
#   language  a visitor whose ssh sends LANG=fr_FR.UTF-8 (SetEnv) gets
#             the join form in French while the others stay in English
#   round     the partner starts the round: both panes show the same stage
#             and the same clock, which ticks; a mark keyed by one and the
#             talk meter keyed by the other show on both screens
#   board     the facilitator logs in with the code (keyboard-interactive
#             prompt), sees the room, pauses and resumes every round, and
#             broadcasts a line that appears on both room screens
#   rejoin    the partner's ssh is killed mid-round; the board shows them
#             away, the organizer moves on a stage; a new ssh rejoins as
#             the same role and finds the same stage and marks
#   debrief   the last stages, the debrief's parts filled in on both
#             screens at once and handed in; both see the saved summary,
#             the server logs the save, and exactly one session file holds
#             both names and the organizer's "what worked"
#   end       the facilitator ends the breakout: every pane shows the
#             farewell, every ssh exits, the server exits 0 by itself, and
#             never printed a panic
# Throughout, the organizer's screen (and at the end its pane's history)
# never shows a line of the partner's private brief, which the partner's
# screen does show.
#
# Usage: scripts/e2e-serve.sh
#   TANDEM_BIN=/path/to/tandem  use this binary instead of building one
#   E2E_TRIES=N                 polls per wait (default 250, 40 ms apart)
#
# Needs tmux and the OpenSSH client (`ssh`). The server listens on a free
# port of 127.0.0.1 (port 0, the port read back from its output), with
# temp data, cache and config dirs; ssh runs with no config file (-F
# /dev/null), no known hosts and no agent, so your own tmux sessions, ssh
# setup and tandem data are never touched.
set -Eeuo pipefail

e2e_name=e2e-serve
e2e_tag=tandem-e2e-serve
# shellcheck source=scripts/lib/e2e-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/e2e-common.sh"

command -v ssh >/dev/null 2>&1 || fail "the OpenSSH client (ssh) is not installed"

data=$work/data
server_out=$work/server.out
server_err=$work/server.err
server_pid=
mkdir -p "$work/home" "$work/cache" "$work/config"

# fail: as the common helper's, and the server's output too.
fail() {
    echo "$e2e_name: FAILED: $*" >&2
    echo "--- last screen ($session) ---" >&2
    printf '%s\n' "$last_screen" >&2
    echo "--- server stdout ---" >&2
    cat "$server_out" >&2 2>/dev/null || true
    echo "--- server stderr ---" >&2
    cat "$server_err" >&2 2>/dev/null || true
    echo "---------------------" >&2
    exit 1
}

stop_server() {
    if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
}
trap 'stop_server; cleanup' EXIT

# on NAME: the following waits and keys act on pane NAME.
on() { session=$1; }

# server_says TEXT: the server's stdout holds TEXT.
server_says() { grep -qF -- "$1" "$server_out"; }

server_running() { kill -0 "$server_pid" 2>/dev/null; }

start_server() {
    # Port 0: the system picks a free port, which the server prints.
    env HOME="$work/home" LC_ALL=C.UTF-8 RUST_BACKTRACE=1 \
        TANDEM_CACHE_DIR="$work/cache" TANDEM_CONFIG_DIR="$work/config" \
        "$bin" --lang en --data-dir "$data" \
        serve --listen 127.0.0.1:0 --rooms 2 --deck quick-round \
        >"$server_out" 2>"$server_err" &
    server_pid=$!
    local i
    for ((i = 0; i < tries; i++)); do
        server_says "Facilitator's board:" && break
        server_running || fail "the server exited at start"
        sleep "$poll"
    done
    server_says "Facilitator's board:" || fail "the server printed no join lines"
    port=$(sed -n 's/^Room 1: ssh -p \([0-9]*\) [^ ]*@127\.0\.0\.1$/\1/p' "$server_out")
    code=$(sed -n 's/^Room 1: ssh -p [0-9]* \([^ @]*\)@127\.0\.0\.1$/\1/p' "$server_out")
    password=$(sed -n "s/^Facilitator's board: ssh -p $port facilitator@127\.0\.0\.1 (password: \(.*\))$/\1/p" "$server_out")
    [[ -n $port && -n $code && -n $password ]] ||
        fail "cannot read the port, room 1's code and the facilitator's code"
}

# ssh_args: the real ssh client with nothing of this machine's ssh setup.
ssh_args() {
    ssh_opts=(-F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
        -o LogLevel=ERROR -o ConnectTimeout=10 -o IdentityAgent=none -p "$port")
}

# The command of an ssh pane: `pane.sh NAME SSH-ARG...` runs the real ssh,
# leaving its pid in NAME.pid and its exit status in NAME.status, then
# keeps the pane's terminal open, as a terminal is after ssh ends: the
# farewell stays readable. (A pane whose only process exits may lose the
# last bytes ssh wrote before tmux read them.)
cat >"$work/pane.sh" <<'EOF_PANE'
name=$1
shift
sh -c 'echo $$ >"$0.pid"; exec "$@"' "$name" env LC_ALL=C.UTF-8 TERM=xterm-256color ssh "$@"
echo $? >"$name.status"
exec sleep 86400
EOF_PANE

# pane_command NAME USER [SSH OPTION...]: the real ssh logged in as USER.
pane_command() {
    local name=$1 user=$2
    shift 2
    rm -f "$work/$name.pid" "$work/$name.status"
    printf '%q ' sh "$work/pane.sh" "$work/$name" "${ssh_opts[@]}" "$@" -tt "$user@127.0.0.1"
}

# open_pane NAME W H USER [SSH OPTION...]: a new tmux session NAME (W x H)
# whose pane runs the real ssh as USER.
open_pane() {
    local name=$1 width=$2 height=$3 user=$4
    shift 4
    tm new-session -d -s "$name" -x "$width" -y "$height" "$(pane_command "$name" "$user" "$@")"
    on "$name"
}

# reopen_pane NAME USER: ssh again in pane NAME (after its ssh ended).
reopen_pane() {
    local name=$1 user=$2
    tm respawn-pane -k -t "$name" "$(pane_command "$name" "$user")"
    on "$name"
}

# ssh_ended NAME: the ssh of pane NAME has exited.
ssh_ended() { [[ -s $work/$1.status ]]; }

ssh_started() { [[ -s $work/$1.pid ]]; }

# clock NAME: the "M:SS left" the pane shows (empty when none).
clock() {
    tm capture-pane -p -t "$1" | grep -o '[0-9]*:[0-9][0-9] left' | head -n 1 || true
}

# seconds M:SS
seconds() {
    local t=${1% left}
    echo $((10#${t%:*} * 60 + 10#${t#*:}))
}

# no_private: the organizer's screen holds no line of the private brief.
no_private() {
    local keep=$session text
    on organizer
    snap
    for text in "${private[@]}"; do
        [[ $last_screen != *"$text"* ]] || fail "the organizer sees the private brief: $text"
    done
    on "$keep"
}

# ssh_refused WHAT EXPECTED ARGS...: a batch ssh with ARGS exits non-zero
# and says EXPECTED on stderr.
ssh_refused() {
    local what=$1 expected=$2 status=0 out
    shift 2
    out=$(timeout 20 ssh "${ssh_opts[@]}" -o BatchMode=yes -o PubkeyAuthentication=no \
        "$@" </dev/null 2>&1) || status=$?
    last_screen=$out
    ((status != 0)) || fail "$what: ssh exited 0"
    ((status != 124)) || fail "$what: ssh hung"
    [[ $out == *"$expected"* ]] || fail "$what: ssh did not say \"$expected\""
}

scenario_refused() {
    ssh_refused "an exec request" "exec request failed" "$code@127.0.0.1" echo hello
    ssh_refused "a wrong code" "Permission denied" "zzzz-zzzz-zzzz@127.0.0.1"
    echo "$e2e_name: refused ok"
}

scenario_join() {
    open_pane organizer 100 30 "$code"
    wait_for "Room 1 · Quick round"
    wait_for "▶ organizer"
    type_text Ana
    keys Enter
    wait_for "Waiting for an organizer and a partner to join."

    open_pane partner 80 24 "$code"
    wait_for "Already here: Ana (organizer)"
    wait_for "▶ partner"
    type_text Ben
    keys Enter
    wait_for "Your brief: only you (and an observer) see it."
    wait_for "Partner only"
    read_private
    ((${#private[@]} >= 3)) || fail "the partner's brief shows too little: ${private[*]}"

    on organizer
    wait_for "The partner is reading their brief."
    no_private
    echo "$e2e_name: join ok"
}

scenario_language() {
    open_pane visitor 80 24 "$code" -o SetEnv=LANG=fr_FR.UTF-8
    wait_for "Déjà là : Ana (organisateur), Ben (partenaire)"
    wait_for "Votre nom"
    tm kill-session -t visitor
    on organizer
    wait_for "The partner is reading their brief."
    echo "$e2e_name: language ok"
}

scenario_round() {
    on partner
    keys Enter
    wait_for "Quick round · Ana (organizer) with Ben (partner)"
    wait_for "stage 1 of 4"
    on organizer
    wait_for "Quick round · Ana (organizer) with Ben (partner)"
    wait_for "stage 1 of 4"
    no_private
    # The partner's round screen shows the private brief.
    on partner
    wait_for "${private[0]}"

    # One shared clock: both panes show it within a second of each other,
    # and it ticks.
    local first ours theirs
    wait_until "the organizer's clock" eval '[[ -n $(clock organizer) ]]'
    wait_until "the partner's clock" eval '[[ -n $(clock partner) ]]'
    first=$(clock organizer)
    wait_until "the clock to tick (it shows $first)" eval '[[ $(clock organizer) != "$first" ]]'
    ours=$(seconds "$(clock organizer)")
    theirs=$(seconds "$(clock partner)")
    ((ours - theirs <= 1 && theirs - ours <= 1)) ||
        fail "the organizer's clock says $ours s left, the partner's $theirs s"

    # A mark keyed by the organizer, the talk meter by the partner.
    on organizer
    keys 2
    on partner
    wait_for "Marks (1)"
    wait_for "Latest: "
    wait_for "story surfaced"
    keys Space
    on organizer
    wait_for "Ana talking"
    on partner
    keys 1
    on organizer
    wait_for "Marks (2)"
    no_private
    echo "$e2e_name: round ok"
}

scenario_board() {
    open_pane facilitator 100 30 facilitator -o PubkeyAuthentication=no
    wait_for "Facilitator code:"
    type_text "$password"
    keys Enter
    wait_for "2 rooms, 1 with a round under way"
    wait_for "$code"
    wait_for "Ana, Ben"
    wait_for "Purpose"

    keys p
    on organizer
    wait_for "PAUSED"
    on partner
    wait_for "PAUSED"
    on facilitator
    wait_for "Purpose (paused)"
    keys c
    on organizer
    wait_until "the organizer's round to go on" eval '! screen_has PAUSED'
    on partner
    wait_until "the partner's round to go on" eval '! screen_has PAUSED'

    on facilitator
    keys w
    wait_for "Message to every room"
    type_text "2 minutes left, move to your ask"
    wait_for "2 minutes left, move to your ask"
    keys Enter
    wait_until "the message box to close" eval '! screen_has "Message to every room"'
    on organizer
    wait_for "Facilitator: 2 minutes left, move to your ask"
    on partner
    wait_for "Facilitator: 2 minutes left, move to your ask"
    no_private
    echo "$e2e_name: board ok"
}

scenario_rejoin() {
    # The partner's connection drops: its ssh is killed.
    wait_until "the partner's ssh to start" ssh_started partner
    kill "$(<"$work/partner.pid")"
    wait_until "the partner's ssh to exit" ssh_ended partner
    on facilitator
    wait_for "Ben (away)"
    # The round goes on without them.
    on organizer
    keys n
    wait_for "stage 2 of 4"

    reopen_pane partner "$code"
    wait_for "Already here: Ana (organizer), Ben (partner)"
    wait_for "▶ partner — rejoin as Ben"
    keys Enter
    wait_for "Quick round · Ana (organizer) with Ben (partner)"
    wait_for "stage 2 of 4"
    wait_for "Marks (2)"
    on facilitator
    wait_until "the board to show Ben back" eval '! screen_has "Ben (away)"'
    echo "$e2e_name: rejoin ok"
}

# hand_in DONE: Ctrl-S hands in this pane's part of the debrief; a
# question about empty fields is answered yes; then waits for DONE.
hand_in() {
    local done_text=$1
    keys C-s
    wait_until "$session's part to be handed in" eval \
        'screen_has "$done_text" || screen_has "Save anyway?"'
    if [[ $last_screen == *"Save anyway?"* ]]; then
        keys y
        wait_for "$done_text"
    fi
}

scenario_debrief() {
    on organizer
    keys n
    wait_for "stage 3 of 4"
    no_private
    keys n
    wait_for "stage 4 of 4"
    on partner
    wait_for "stage 4 of 4"
    on organizer
    no_private
    keys n
    wait_for "End the round and start the debrief?"
    keys y
    wait_for "What worked?"
    no_private
    on partner
    wait_for "Ben · partner"
    wait_for "▶ Would you have said yes?"

    # Both fill in their own parts at once.
    on organizer
    type_text "Asked why twice"
    on partner
    type_text m
    on organizer
    wait_for "Asked why twice"
    on partner
    hand_in "Your part is in. Waiting for: Ana (organizer)."
    on organizer
    hand_in "Round saved"
    on partner
    wait_for "Round saved"
    wait_until "the server to log the save" server_says "Room 1: session saved to "

    local files file
    files=$(find "$data/sessions" -name '*.toml')
    last_screen=$files
    [[ -n $files && $(wc -l <<<"$files") == 1 ]] || fail "expected one session file in $data/sessions"
    file=$files
    last_screen=$(cat "$file")
    grep -q 'Ana' "$file" && grep -q 'Ben' "$file" || fail "the session lacks a name: $file"
    grep -qF 'Asked why twice' "$file" || fail "the organizer's \"what worked\" is not saved: $file"
    grep -q '^would_say_yes = "maybe"' "$file" || fail "the partner's maybe is not saved: $file"
    server_says "session saved to $file" || fail "the server logged another path than $file"
    echo "$e2e_name: debrief ok"
}

scenario_end() {
    on facilitator
    wait_for "saved"
    keys e
    wait_for "End the breakout?"
    keys y
    local name text farewell="The facilitator ended the breakout. Thank you for practising!"
    for name in organizer partner facilitator; do
        on "$name"
        wait_for "$farewell"
        wait_until "$name's ssh to exit" ssh_ended "$name"
    done

    local i status
    for ((i = 0; i < tries; i++)); do
        server_running || break
        sleep "$poll"
    done
    server_running && fail "the server still runs after the facilitator ended the breakout"
    status=0
    wait "$server_pid" || status=$?
    server_pid=
    ((status == 0)) || fail "the server exited with status $status"
    server_says "The breakout is over." || fail "the server did not say the breakout is over"
    if grep -q 'room-01' "$server_out"; then
        fail "room 1's saved round was kept as unfinished too"
    fi
    if grep -q 'panicked' "$server_err"; then
        fail "the server panicked"
    fi

    # The organizer's pane, history included (its main screen, once ssh
    # is gone), never held a private line.
    last_screen=$(tm capture-pane -p -S - -t organizer)
    for text in "${private[@]}"; do
        [[ $last_screen != *"$text"* ]] || fail "the organizer's pane history holds: $text"
    done
    last_screen=$(tm capture-pane -p -S - -t partner)
    echo "$e2e_name: end ok"
}

start_server
ssh_args
scenario_refused
scenario_join
scenario_language
scenario_round
scenario_board
scenario_rejoin
scenario_debrief
scenario_end
echo "$e2e_name: ok"
