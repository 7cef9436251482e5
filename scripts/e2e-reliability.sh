#!/usr/bin/env bash
# Reliability checks of tandem in real tmux panes, each scenario in its own
# data dir and its own pane running an interactive bash (so the pane
# outlives the app and the terminal state it leaves can be inspected):
#
#   sigterm  SIGTERM mid-round: the round is saved, the app says where, and
#            the terminal is back in cooked mode (stty -a) on the main screen.
#   kill9    kill -9 mid-round, after the periodic save: the next start
#            offers to resume and reopens the round, paused, at stage 2.
#   tiny     a 50x15 pane shows "Make the window larger"; after growing it
#            the home screen appears.
#   deck     a deck whose prompt card holds an OSC title sequence cannot set
#            the pane title.
#   hangup   closing the window mid-round (a real SIGHUP, the terminal gone):
#            the app saves the round and ends at once, instead of spinning.
#   suspend  Ctrl-Z mid-round under bash's job control: tandem stops and
#            the shell gets the terminal back on the main screen; `fg`
#            brings tandem back in raw mode (stty -a -F on the pane's tty),
#            redrawn over what the shell printed, with the round paused.
#            (bash itself resets the modes of a job that stops, so cooked
#            mode while stopped is checked by tests/e2e_reliability.rs.)
#
# Usage: scripts/e2e-reliability.sh
#   TANDEM_BIN=/path/to/tandem  use this binary instead of building one
#   E2E_TRIES=N                 polls per wait (default 250, 40 ms apart)
#
# Uses its own tmux server (socket tandem-e2e-rel-<pid>) and temp dirs, so
# it never touches your tmux sessions or your tandem data.
set -Eeuo pipefail

e2e_name=e2e-reliability
e2e_tag=tandem-e2e-rel
# shellcheck source=scripts/lib/e2e-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/e2e-common.sh"

prompt='e2e$ '
practice_args="practice --organizer Ana --partner Ben --seed 7 --no-bell"

pane_format() { tm display-message -p -t "$session" "$1"; }

# shell_in_front: the pane's foreground process is its shell again.
shell_in_front() { [[ $(pane_format '#{pane_current_command}') == bash ]]; }

# shell_idle: the shell is in front and the pane's last non-blank line is
# a bare prompt. Refreshes $last_screen.
shell_idle() {
    shell_in_front || return 1
    snap
    local last
    last=$(printf '%s\n' "$last_screen" | sed -e 's/[[:space:]]*$//' -e '/^$/d' | tail -n 1)
    [[ $last == "${prompt% }" ]]
}

# run_line LINE: types LINE into the pane's shell and presses Enter.
run_line() {
    type_text "$1"
    keys Enter
}

# start_shell NAME W H: a new session NAME (W x H) running an interactive
# bash in a fresh scenario dir $dir, with its own data and config dirs.
start_shell() {
    session=$1
    dir=$work/$1
    mkdir -p "$dir/data" "$dir/config" "$dir/home"
    tm new-session -d -s "$session" -x "$2" -y "$3" -c "$dir" \
        "env -u PROMPT_COMMAND HOME='$dir/home' TERM=xterm-256color PS1='$prompt' \
HISTFILE=/dev/null TANDEM_DATA_DIR='$dir/data' TANDEM_CONFIG_DIR='$dir/config' \
bash --norc --noprofile"
    wait_until "the shell prompt in $session" shell_idle
}

# find_pid: sets $pid to the tandem started by this pane's shell.
find_pid() {
    local shell_pid i child args
    shell_pid=$(pane_format '#{pane_pid}')
    for ((i = 0; i < tries; i++)); do
        for child in $(pgrep -P "$shell_pid" || true); do
            args=$(ps -o args= -p "$child" 2>/dev/null) || continue
            if [[ $args == "$bin "* ]]; then
                pid=$child
                return 0
            fi
        done
        sleep "$poll"
    done
    fail "no tandem process under the shell (pid $shell_pid) of $session"
}

status_count=0
# shell_status: sets $status to the exit status of the shell's last command.
shell_status() {
    status_count=$((status_count + 1))
    local mark="status-$status_count="
    run_line "echo \"$mark\$?.\""
    status_seen() {
        snap
        [[ $last_screen =~ $mark([0-9]+)\. ]]
    }
    wait_until "the output of \"echo $mark\$?.\"" status_seen
    status=${BASH_REMATCH[1]}
}

# expect_status N WHAT: the shell's last command exited with N.
expect_status() {
    shell_status
    [[ $status == "$1" ]] || fail "$2 exited with status $status, expected $1"
}

# spent_at_least SECONDS: the practice screen shows "spent M:SS" >= SECONDS.
spent_at_least() {
    spent="?"
    snap
    [[ $last_screen =~ spent\ ([0-9]+):([0-9][0-9]) ]] || return 1
    spent=$((10#${BASH_REMATCH[1]} * 60 + 10#${BASH_REMATCH[2]}))
    ((spent >= $1))
}

scenario_sigterm() {
    start_shell sigterm 100 30
    run_line "'$bin' $practice_args"
    wait_for "look away"
    keys Enter
    wait_for "stage 1 of 4"
    keys 2
    wait_for "Marks (1)"
    find_pid
    kill -TERM "$pid"
    wait_until "the prompt after SIGTERM" shell_idle
    wait_for "the unfinished round is saved in"
    [[ $(pane_format '#{alternate_on}') == 0 ]] ||
        fail "the pane is still on the alternate screen after SIGTERM"
    [[ $(pane_format '#{cursor_flag}') == 1 ]] ||
        fail "the cursor is still hidden after SIGTERM"
    [[ -s $dir/data/in-progress.toml ]] || fail "no in-progress.toml after SIGTERM"

    run_line "stty -a"
    stty_done() { screen_has "icanon" && shell_idle; }
    wait_until "the output of stty -a" stty_done
    local line flag words=" " in_output=0
    while IFS= read -r line; do
        if [[ $line == "${prompt}stty -a"* ]]; then
            in_output=1 words=" "
        elif ((in_output)); then
            words+="${line//;/ } "
        fi
    done < <(tm capture-pane -p -J -t "$session" -S -100)
    words=${words//$'\t'/ }
    for flag in icanon echo isig icrnl opost; do
        [[ $words == *" $flag "* ]] ||
            fail "stty -a after SIGTERM lacks \"$flag\" (terminal not restored)"
    done
}

scenario_kill9() {
    start_shell kill9 100 30
    run_line "'$bin' $practice_args"
    wait_for "look away"
    keys Enter
    wait_for "stage 1 of 4"
    keys Space
    wait_for "Ana talking"
    keys n
    wait_for "stage 2 of 4"
    # Real time has to pass for the periodic (5 s) save.
    local tries_before=$tries
    tries=$((tries * 2))
    wait_until "\"spent 0:06\" in stage 2" spent_at_least 6
    tries=$tries_before
    [[ $last_screen == *"stage 2 of 4"* ]] || fail "left stage 2 while waiting"
    find_pid
    kill -KILL "$pid"
    # A killed TUI cannot restore the terminal: the shell comes back on
    # whatever it left behind, so only the foreground process is checked.
    wait_until "the shell after kill -9" shell_in_front
    run_line "stty sane"
    expect_status 0 "stty sane"

    run_line "'$bin'"
    wait_for "Resume: Ana with Ben"
    # The killed run left its screen behind; the new one must not show it.
    [[ $last_screen != *"Goal:"* && $last_screen != *"Marks ("* ]] ||
        fail "text from the killed run is still on the home screen"
    keys Enter
    wait_for "PAUSED · stage 2 of 4"
    spent_at_least 5 ||
        fail "the resumed round lost the periodic save (spent: ${spent}s, expected >= 5s)"
    keys C-c
    wait_until "the shell after Ctrl-C" shell_in_front
    expect_status 0 "tandem (Ctrl-C on the resumed round)"
}

scenario_tiny() {
    start_shell tiny 50 15
    run_line "'$bin'"
    wait_for "Make the window larger"
    wait_for "this is 50×15"
    tm resize-window -t "$session" -x 100 -y 30
    wait_for "Start practice"
    keys q
    wait_until "the prompt after q" shell_idle
    expect_status 0 "tandem (q on home)"
}

scenario_deck() {
    start_shell deck 100 30
    local deck=$dir/hostile.toml title k card seen=0
    sed 's/"Thanks for making the time\./"\\u001b]0;pwned\\u0007Thanks for making the time./' \
        "$repo/prompts/relational-1on1.toml" >"$deck"
    grep -qF '"\u001b]0;pwned\u0007Thanks' "$deck" ||
        fail "could not plant the escape sequence in $deck"

    # Control: this pane does take titles from OSC 0, and starts known.
    run_line "printf '\\033]0;%s\\007' probe-title"
    title_is() { [[ $(pane_format '#{pane_title}') == "$1" ]]; }
    wait_until "the OSC 0 probe to set the pane title" title_is probe-title
    tm select-pane -t "$session" -T e2e-known-title
    wait_until "the pane title to be reset" title_is e2e-known-title

    run_line "'$bin' practice --deck '$deck' --organizer Ana --partner Ben --no-bell"
    wait_for "look away"
    keys Enter
    wait_for "card 1 of 9"
    [[ $last_screen != *pwned* ]] || seen=1
    for ((k = 1; k <= 10; k++)); do
        keys Tab
        card=$((k % 9 + 1))
        wait_for "card $card of 9"
        [[ $last_screen != *pwned* ]] || seen=1
    done
    ((seen)) || fail "the planted prompt card never showed while cycling the cards"
    title=$(pane_format '#{pane_title}')
    [[ $title != *pwned* ]] || fail "the deck set the pane title to \"$title\""
    keys C-c
    wait_until "the prompt after Ctrl-C" shell_idle
    expect_status 0 "tandem (Ctrl-C with the hostile deck)"
}

# not_running: the process $pid is gone.
not_running() { ! kill -0 "$pid" 2>/dev/null; }

scenario_hangup() {
    start_shell hangup 80 24
    run_line "'$bin' $practice_args"
    wait_for "look away"
    keys Enter
    wait_for "stage 1 of 4"
    find_pid
    keys 5
    wait_for "Marks (1)"
    tm kill-window -t "$session"
    wait_until "tandem (pid $pid) to end after its window closed" not_running
    grep -q '^kind = 4$' "$dir/data/in-progress.toml" ||
        fail "the round was not saved with its mark when the window closed"
}

# stty_words: the words of `stty -a` for the pane's terminal.
stty_words() {
    local words
    words=$(stty -a -F "$(pane_format '#{pane_tty}')" 2>/dev/null) || return 1
    words=${words//;/ }
    printf ' %s ' "${words//$'\n'/ }"
}

# pane_raw: raw mode as crossterm sets it (bash's readline also clears
# icanon and echo at its prompt, but keeps isig and opost).
pane_raw() {
    local words
    words=$(stty_words) || return 1
    [[ $words == *" -icanon "* && $words == *" -echo "* && $words == *" -isig "* &&
        $words == *" -opost "* ]]
}
alternate_is() { [[ $(pane_format '#{alternate_on}') == "$1" ]]; }

scenario_suspend() {
    start_shell suspend 100 30
    run_line "'$bin' $practice_args"
    wait_for "look away"
    keys Enter
    wait_for "stage 1 of 4"
    keys Space
    wait_for "Ana talking"
    wait_until "raw mode while tandem runs" pane_raw
    keys C-z
    wait_until "the prompt after Ctrl-Z" shell_idle
    wait_for "Stopped"
    alternate_is 0 || fail "the pane is still on the alternate screen after Ctrl-Z"
    # The shell uses the screen meanwhile; tandem must redraw over it.
    run_line "echo between-suspend-and-fg"
    wait_for "between-suspend-and-fg"
    run_line "fg"
    wait_for "PAUSED · stage 1 of 4"
    wait_until "the alternate screen after fg" alternate_is 1
    wait_until "raw mode after fg" pane_raw
    [[ $last_screen == *"Goal"* ]] || fail "the screen was not redrawn after fg"
    [[ $last_screen != *"between-suspend-and-fg"* ]] ||
        fail "text from the shell is still on tandem's screen after fg"
    keys C-c
    wait_until "the prompt after Ctrl-C" shell_idle
    expect_status 0 "tandem (Ctrl-C after fg)"
}

scenario_sigterm
scenario_suspend
scenario_kill9
scenario_tiny
scenario_deck
scenario_hangup

echo "e2e-reliability: ok"
