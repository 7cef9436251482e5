#!/usr/bin/env bash
# End-to-end check of tandem in a real tmux pane: plays one whole round
# (talk, a mark, four stages, the feedback form), saves it and quits.
#
# Usage: scripts/e2e-tmux.sh
#   TANDEM_BIN=/path/to/tandem  use this binary instead of building one
#   E2E_TRIES=N                 polls per wait (default 250, 40 ms apart)
#
# Uses its own tmux server (socket tandem-e2e-<pid>) and a temp data dir,
# so it never touches your tmux sessions or your tandem data. The helpers
# (build, tmux server, waits, cleanup) are in scripts/lib/e2e-common.sh.
set -Eeuo pipefail

e2e_name=e2e-tmux
e2e_tag=tandem-e2e
# shellcheck source=scripts/lib/e2e-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/e2e-common.sh"

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
