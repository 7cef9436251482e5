//! End-to-end reliability: signals, `kill -9`, panics, two instances and
//! hostile input, each against the real binary in a pseudo-terminal.

mod support;

use std::time::Duration;

use support::{Dirs, PRACTICE, TIMEOUT, Tui, rfind};
use tandem::store::Store;

/// The terminal was handed back: after the last switch to the alternate
/// screen, the program left it and showed the cursor again, and stopped
/// reporting the mouse (on by default) after it last asked for it.
fn assert_terminal_restored(raw: &[u8]) {
    let entered = rfind(raw, b"\x1b[?1049h").expect("entered the alternate screen");
    let left = rfind(raw, b"\x1b[?1049l").expect("left the alternate screen");
    let shown = rfind(raw, b"\x1b[?25h").expect("showed the cursor");
    assert!(
        left > entered && shown > entered,
        "terminal not restored last"
    );
    let mouse_on = rfind(raw, MOUSE_ON).expect("turned the mouse on");
    let mouse_off = rfind(raw, MOUSE_OFF).expect("turned the mouse off");
    assert!(mouse_off > mouse_on, "the mouse left captured");
}

/// Mouse click reporting, as crossterm turns it on and off.
const MOUSE_ON: &[u8] = b"\x1b[?1000h";
const MOUSE_OFF: &[u8] = b"\x1b[?1000l";

/// Seconds spent in the current stage, as the timer box shows them.
fn spent_secs(screen: &str) -> u64 {
    let at = screen.find("spent ").expect("a timer on screen") + "spent ".len();
    let text: String = screen[at..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':')
        .collect();
    let (m, s) = text.split_once(':').expect("m:ss");
    m.parse::<u64>().unwrap() * 60 + s.parse::<u64>().unwrap()
}

fn in_progress(dirs: &Dirs) -> tandem::practice::InProgress {
    Store::open(&dirs.data())
        .unwrap()
        .load_in_progress()
        .unwrap()
        .expect("an in-progress round on disk")
}

#[test]
fn kill_9_loses_at_most_five_seconds_and_the_round_resumes() {
    let dirs = Dirs::new();
    let mut tui = Tui::spawn(&dirs, PRACTICE, 80, 24);
    tui.past_brief();
    tui.wait_for("stage 1 of 4");
    tui.send(" ");
    tui.send("2");
    tui.send("n");
    tui.wait_for_all(&["stage 2 of 4", "Marks (1)"]);
    // Real time has to pass for the periodic save; wait for the clock.
    tui.wait_until("7 s in stage 2", Duration::from_secs(15), |s| {
        s.contains("stage 2 of 4") && spent_secs(s) >= 7
    });
    let shown = spent_secs(&tui.screen());
    tui.signal("KILL");
    tui.wait_exit(TIMEOUT);

    let mut again = Tui::spawn(&dirs, &[], 80, 24);
    again.wait_for("Resume: Ana with Ben");
    again.send("\r");
    again.wait_for_all(&["PAUSED · stage 2 of 4", "Marks (1)", "Ana talking"]);
    let resumed = spent_secs(&again.screen());
    assert!(
        resumed + 5 >= shown && resumed <= shown,
        "showed {shown}s before kill -9, resumed at {resumed}s"
    );
    again.send("p");
    again.wait_for("Ana talking");
    again.send("\x03");
    assert!(again.wait_exit(TIMEOUT).success());
}

fn signal_saves_the_round_and_restores_the_terminal(signal: &str) {
    let dirs = Dirs::new();
    let mut tui = Tui::spawn(&dirs, PRACTICE, 80, 24);
    tui.past_brief();
    tui.wait_for("stage 1 of 4");
    tui.send("3");
    tui.wait_for("Marks (1)");
    tui.signal(signal);
    tui.wait_exit(TIMEOUT);
    let raw = tui.raw_output();
    assert_terminal_restored(&raw);
    let text = String::from_utf8_lossy(&raw);
    assert!(text.contains("the unfinished round is saved in"), "{text}");
    assert_eq!(in_progress(&dirs).practice.marks().len(), 1);
}

#[test]
fn sigterm_saves_the_round_and_restores_the_terminal() {
    signal_saves_the_round_and_restores_the_terminal("TERM");
}

#[test]
fn sighup_saves_the_round_and_restores_the_terminal() {
    signal_saves_the_round_and_restores_the_terminal("HUP");
}

#[test]
fn sigusr1_saves_the_round_and_restores_the_terminal() {
    signal_saves_the_round_and_restores_the_terminal("USR1");
}

#[test]
fn sigusr2_saves_the_round_and_restores_the_terminal() {
    signal_saves_the_round_and_restores_the_terminal("USR2");
}

/// Ctrl-Z (`suspend` sends the key or the signal): the terminal is handed
/// back in cooked mode on the main screen and the process stops; once
/// continued, raw mode and the screen are back and the round is paused.
fn suspend_and_continue(suspend: impl Fn(&mut Tui)) {
    let dirs = Dirs::new();
    let mut tui = Tui::spawn(&dirs, PRACTICE, 80, 24);
    tui.past_brief();
    tui.wait_for("stage 1 of 4");
    tui.send(" ");
    tui.wait_for("Ana talking");
    assert!(tui.is_raw());
    suspend(&mut tui);
    tui.wait_for_state("tandem to stop", Tui::is_stopped);
    assert!(!tui.is_raw(), "stopped with the terminal still raw");
    // The reader thread may not have caught up with what tandem wrote
    // before it stopped.
    tui.wait_for_state("the terminal handed back", |t| {
        let raw = t.raw_output();
        matches!(
            (rfind(&raw, b"\x1b[?1049h"), rfind(&raw, b"\x1b[?1049l"), rfind(&raw, b"\x1b[?25h")),
            (Some(entered), Some(left), Some(shown)) if left > entered && shown > entered
        ) && rfind(&raw, MOUSE_OFF) > rfind(&raw, MOUSE_ON)
    });
    let raw = tui.raw_output();
    assert_terminal_restored(&raw);
    let before = raw.len();
    // Something else uses the screen while tandem is stopped.
    tui.signal("CONT");
    tui.wait_for_state("tandem to run again", |t| !t.is_stopped());
    tui.wait_for_state("raw mode back", Tui::is_raw);
    tui.wait_for_all(&["PAUSED · stage 1 of 4", "Marks (0)"]);
    let after = tui.raw_output();
    let entered = rfind(&after, b"\x1b[?1049h").expect("alternate screen");
    assert!(
        entered >= before,
        "the alternate screen was not entered again"
    );
    assert!(
        rfind(&after, MOUSE_ON).is_some_and(|at| at >= before),
        "the mouse was not taken again"
    );
    // The whole screen is drawn again, not only what changed.
    assert!(rfind(&after[before..], b"Goal").is_some());
    tui.send("\x03");
    assert!(tui.wait_exit(TIMEOUT).success());
}

#[test]
fn ctrl_z_key_suspends_restores_and_redraws() {
    suspend_and_continue(|tui| tui.send("\x1a"));
}

#[test]
fn sigtstp_suspends_restores_and_redraws() {
    suspend_and_continue(|tui| tui.signal("TSTP"));
}

/// Starts a round, opens the feedback form, types, then makes the
/// in-progress file unwritable (a non-empty directory in its place, which
/// stops root too, like a full disk).
fn typing_feedback_that_cannot_be_saved() -> (Dirs, Tui) {
    let dirs = Dirs::new();
    let mut tui = Tui::spawn(&dirs, PRACTICE, 100, 30);
    tui.past_brief();
    tui.wait_for("stage 1 of 4");
    for stage in 2..=4 {
        tui.send("n");
        tui.wait_for(&format!("stage {stage} of 4"));
    }
    tui.send("n");
    tui.wait_for("End the round");
    tui.send("y");
    tui.wait_for("▶ What worked");
    let path = dirs.data().join("in-progress.toml");
    std::fs::remove_file(&path).unwrap();
    std::fs::create_dir(&path).unwrap();
    std::fs::write(path.join("blocker"), "").unwrap();
    tui.send("Listened well");
    tui.wait_for("Listened well");
    (dirs, tui)
}

#[test]
fn ctrl_c_with_an_unsaved_round_warns_then_quits_non_zero() {
    let (_dirs, mut tui) = typing_feedback_that_cannot_be_saved();
    tui.send("\x03");
    tui.wait_for_all(&["Round NOT saved", "Ctrl-C again"]);
    tui.send("\x03");
    let status = tui.wait_exit(TIMEOUT);
    assert!(!status.success());
    let text = String::from_utf8_lossy(&tui.raw_output()).into_owned();
    assert!(text.contains("could NOT be saved"), "{text}");
    assert!(text.contains("in-progress.toml"), "{text}");
    assert!(!text.contains("is saved in"), "{text}");
}

#[test]
fn sigterm_with_an_unsaved_round_never_claims_it_saved() {
    let (_dirs, mut tui) = typing_feedback_that_cannot_be_saved();
    tui.signal("TERM");
    let status = tui.wait_exit(TIMEOUT);
    assert!(!status.success());
    let raw = tui.raw_output();
    assert_terminal_restored(&raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    assert!(text.contains("could NOT be saved"), "{text}");
    assert!(!text.contains("is saved in"), "{text}");
}

#[test]
fn a_panic_restores_the_terminal_and_keeps_the_round() {
    let dirs = Dirs::new();
    let mut tui = Tui::spawn_with_env(&dirs, PRACTICE, 80, 24, &[("TANDEM_TEST_PANIC", "1")]);
    tui.past_brief();
    tui.wait_for("stage 1 of 4");
    tui.send("4");
    tui.wait_for("Marks (1)");
    tui.send("\x1b[24~"); // F12
    let status = tui.wait_exit(TIMEOUT);
    assert!(!status.success());
    let raw = tui.raw_output();
    assert_terminal_restored(&raw);
    let text = String::from_utf8_lossy(&raw);
    assert!(text.contains("test panic requested"), "{text}");
    assert!(text.contains("the unfinished round is saved in"), "{text}");
    assert_eq!(in_progress(&dirs).practice.marks()[0].kind, 3);
}

#[test]
fn a_second_instance_cannot_take_over_a_running_round() {
    let dirs = Dirs::new();
    let mut first = Tui::spawn(&dirs, PRACTICE, 80, 24);
    first.past_brief();
    first.wait_for("stage 1 of 4");
    let mut second = Tui::spawn(&dirs, &[], 80, 24);
    second.wait_for("Resume: Ana with Ben");
    second.send("\r");
    second.wait_for("another tandem (pid");
    second.send("s");
    second.wait_for("Start a new round?");
    second.send("y");
    second.wait_for("New practice round");
    second.send("Cy\tDee\r");
    second.wait_for("Cannot start: another tandem");
    second.send("\x03");
    second.wait_exit(TIMEOUT);
    // The first instance still owns its round and can save it.
    first.send("1");
    first.wait_for("Marks (1)");
    assert_eq!(in_progress(&dirs).practice.people.organizer, "Ana");
    first.send("\x03");
    first.wait_exit(TIMEOUT);
}

#[test]
fn escape_sequences_in_a_deck_or_a_name_never_reach_the_terminal() {
    let dirs = Dirs::new();
    let deck = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/prompts/relational-1on1.toml"
    ))
    .unwrap()
    .replacen(
        "Thanks for making the time.",
        "Thanks\\u001b]0;pwned-title\\u0007 for\\u001b[2J making the time.",
        1,
    )
    .replacen(
        "name = \"Purpose\"",
        "name = \"Purpose\\u001b]0;pwned-stage\\u0007\"",
        1,
    );
    let path = dirs.root().join("hostile.toml");
    std::fs::write(&path, deck).unwrap();
    let args = [
        "practice",
        "--deck",
        path.to_str().unwrap(),
        "--organizer",
        "\u{1b}]0;pwned-name\u{7}Ana",
        "--partner",
        "../../Ben",
        "--no-bell",
    ];
    let mut tui = Tui::spawn(&dirs, &args, 80, 24);
    tui.past_brief();
    tui.wait_for("stage 1 of 4");
    // Show every purpose card, so the hostile one is drawn whatever the seed.
    for _ in 0..10 {
        tui.send("\t");
    }
    tui.wait_for("]0;pwned-nameAna (organizer)");
    tui.send("\x03");
    tui.wait_exit(TIMEOUT);
    let raw = tui.raw_output();
    assert!(
        rfind(&raw, b"\x1b]0;pwned").is_none(),
        "an OSC sequence got through"
    );
    assert!(rfind(&raw, b"\x1b[2J making").is_none());
    let saved = in_progress(&dirs);
    assert_eq!(saved.practice.people.partner, "../../Ben");
    let names: Vec<String> = std::fs::read_dir(dirs.data())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(
        names.iter().all(
            |n| ["sessions", "notes", "in-progress.toml", "in-progress.lock"].contains(&n.as_str())
        ),
        "{names:?}"
    );
}

/// Ctrl-C mid-round used to leave without a word: once the terminal is
/// back, one line says the round is kept, where, and how to resume it.
#[test]
fn ctrl_c_says_where_the_round_is_kept_and_how_to_resume_it() {
    let dirs = Dirs::new();
    let mut tui = Tui::spawn(&dirs, PRACTICE, 80, 24);
    tui.past_brief();
    tui.wait_for("stage 1 of 4");
    tui.send("\x03");
    assert!(tui.wait_exit(TIMEOUT).success());
    let text = String::from_utf8_lossy(&tui.raw_output()).into_owned();
    let path = dirs.data().join("in-progress.toml");
    assert!(
        text.contains(&format!(
            "the unfinished round is saved in {}",
            path.display()
        )),
        "{text}"
    );
    assert!(text.contains("run `tandem` and press Enter"), "{text}");
}

#[test]
fn no_mouse_leaves_the_mouse_to_the_terminal() {
    let dirs = Dirs::new();
    let mut args = vec!["--no-mouse"];
    args.extend_from_slice(PRACTICE);
    let mut tui = Tui::spawn(&dirs, &args, 80, 24);
    tui.past_brief();
    tui.wait_for("stage 1 of 4");
    tui.send("\x03");
    assert!(tui.wait_exit(TIMEOUT).success());
    let raw = tui.raw_output();
    assert!(rfind(&raw, b"\x1b[?1049l").is_some(), "tandem ran");
    assert_eq!(rfind(&raw, MOUSE_ON), None, "--no-mouse took the mouse");
}

/// A click as a terminal reports it (SGR, 1-based) on home's second menu
/// entry opens the review list.
#[test]
fn a_click_from_the_terminal_opens_a_menu_entry() {
    let dirs = Dirs::new();
    let mut tui = Tui::spawn(&dirs, &[], 80, 24);
    tui.wait_for("Start practice");
    let raw = tui.raw_output();
    assert!(
        rfind(&raw, b"\x1b[?1006h").is_some(),
        "no SGR mouse reports asked"
    );
    assert_eq!(rfind(&raw, b"\x1b[?1003h"), None, "every motion asked for");
    tui.send("\x1b[<0;6;6M\x1b[<0;6;6m");
    tui.wait_for("No sessions yet");
    tui.send("\x03");
    assert!(tui.wait_exit(TIMEOUT).success());
}
