//! `tandem sync` as a process: data dirs of "machines" sharing a local bare
//! repository through the real `git`. HOME and git's global config point
//! into each test's temp dir, so neither the user's home nor their git
//! identity is ever read or touched (and commits need tandem's fallback
//! identity, as on a fresh machine).

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{DateTime, Duration, Utc};
use tandem::practice::People;
use tandem::record::{
    CoachNote, DeckRef, SCHEMA_VERSION, SessionRecord, StageRecord, new_session_id,
};
use tandem::store::Store;
use tempfile::TempDir;

/// A temp dir holding the bare remote, a home and the machines' data dirs.
struct World {
    root: TempDir,
}

impl World {
    fn new() -> World {
        let world = World {
            root: tempfile::tempdir().expect("temp dir"),
        };
        std::fs::create_dir_all(world.home()).unwrap();
        let remote = world.remote();
        world.git(world.root.path(), &["init", "-q", "--bare", path(&remote)]);
        world
    }

    fn home(&self) -> PathBuf {
        self.root.path().join("home")
    }

    fn remote(&self) -> PathBuf {
        self.root.path().join("remote.git")
    }

    /// The data dir of machine `name` (not created).
    fn data(&self, name: &str) -> PathBuf {
        self.root.path().join(name)
    }

    /// A command with only this world's environment.
    fn command(&self, program: impl AsRef<std::ffi::OsStr>, search: &OsString) -> Command {
        let mut command = Command::new(program);
        command
            .env_clear()
            .env("PATH", search)
            .env("HOME", self.home())
            .env("XDG_CONFIG_HOME", self.home().join(".config"))
            .env("GIT_CONFIG_GLOBAL", self.home().join(".gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("TANDEM_CONFIG_DIR", self.root.path().join("config"))
            .env("LANG", "C.UTF-8")
            .current_dir(self.root.path());
        command
    }

    /// `tandem ARGS` on the data dir `data`.
    fn tandem(&self, data: &Path, args: &[&str]) -> Output {
        self.tandem_with_path(data, &system_path(), args)
    }

    /// `tandem ARGS` with `search` as PATH.
    fn tandem_with_path(&self, data: &Path, search: &OsString, args: &[&str]) -> Output {
        self.command(env!("CARGO_BIN_EXE_tandem"), search)
            .env("TANDEM_DATA_DIR", data)
            .args(args)
            .output()
            .expect("tandem runs")
    }

    /// `tandem sync`, which must succeed; its stdout.
    #[track_caller]
    fn sync(&self, data: &Path, args: &[&str]) -> String {
        let output = self.tandem(data, &[&["sync"], args].concat());
        assert!(
            output.status.success(),
            "tandem sync failed:\n{}",
            stderr(&output)
        );
        stdout(&output)
    }

    /// The first sync of `data`, with the remote.
    #[track_caller]
    fn join(&self, data: &Path) -> String {
        self.sync(data, &["--remote", path(&self.remote())])
    }

    /// Plain `git ARGS` in `dir` (with an identity of its own), which must
    /// succeed; its stdout.
    #[track_caller]
    fn git(&self, dir: &Path, args: &[&str]) -> String {
        let output = self
            .command("git", &system_path())
            .current_dir(dir)
            .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
            .args(args)
            .output()
            .expect("git runs");
        assert!(
            output.status.success(),
            "git {args:?} failed:\n{}",
            stderr(&output)
        );
        stdout(&output)
    }

    /// The session and note files the remote's default branch holds.
    fn remote_files(&self) -> Vec<String> {
        let listing = self.git(
            &self.remote(),
            &["ls-tree", "-r", "--name-only", "HEAD", "sessions", "notes"],
        );
        listing.lines().map(str::to_owned).collect()
    }
}

fn path(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temp path")
}

fn system_path() -> OsString {
    std::env::var_os("PATH").expect("PATH is set")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A small finished pair round started at `started`.
fn session(started: DateTime<Utc>, organizer: &str) -> SessionRecord {
    SessionRecord {
        schema: SCHEMA_VERSION,
        plan: None,
        scales: Vec::new(),
        checks: Vec::new(),
        checked_by: None,
        id: new_session_id(started),
        mode: tandem::practice::Mode::Pair,
        seed: 1,
        started,
        ended: started + Duration::minutes(20),
        persona: None,
        deck: DeckRef {
            skill: None,
            id: "relational-1on1".into(),
            version: 1,
        },
        people: People::pair(organizer, "Ben"),
        commitment: Default::default(),
        stages: vec![StageRecord {
            id: "purpose".into(),
            talk: tandem::deck::TalkBand::default_for("purpose"),
            planned_secs: 180,
            actual_secs: 200,
            paused_secs: 0,
            organizer_talk_secs: 100,
            partner_talk_secs: 50,
            prompts_shown: vec!["Why did you agree to meet?".into()],
        }],
        marks: Vec::new(),
        feedback: Vec::new(),
    }
}

/// Saves `count` sessions organized by `organizer` in the data dir
/// `data`, the way tandem saves a round; their file names, relative to
/// the data dir.
fn save_sessions(data: &Path, organizer: &str, count: usize) -> Vec<String> {
    let store = Store::open(data).expect("open the data dir");
    let start = DateTime::parse_from_rfc3339("2026-11-02T10:00:00Z")
        .unwrap()
        .to_utc();
    (0..count)
        .map(|i| {
            let record = session(start + Duration::hours(i as i64), organizer);
            let saved = store.save_session(&record).expect("save a session");
            relative(data, &saved)
        })
        .collect()
}

/// Saves a coach note on session `on` (a session file name).
fn save_note(data: &Path, on: &str) -> String {
    let id = on.trim_start_matches("sessions/").trim_end_matches(".toml");
    let note = CoachNote::new(id, "Coach", "Ask why once more.", Utc::now());
    let saved = Store::open(data)
        .unwrap()
        .save_note(&note)
        .expect("save a note");
    relative(data, &saved)
}

fn relative(data: &Path, file: &Path) -> String {
    path(file.strip_prefix(data).unwrap()).to_owned()
}

/// Every session and note file (`*.toml`) of a data dir with its bytes.
fn files(data: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for dir in ["sessions", "notes"] {
        let Ok(entries) = std::fs::read_dir(data.join(dir)) else {
            continue;
        };
        for entry in entries {
            let file = entry.unwrap().path();
            if file.extension().is_none_or(|ext| ext != "toml") {
                continue;
            }
            files.insert(relative(data, &file), std::fs::read(&file).unwrap());
        }
    }
    files
}

/// How many sessions and notes the store reads there, with no problems.
#[track_caller]
fn readable(data: &Path) -> (usize, usize) {
    let store = Store::reader(data);
    let (sessions, notes) = (store.load_sessions(), store.load_notes());
    assert!(sessions.problems.is_empty(), "{:?}", sessions.problems);
    assert!(notes.problems.is_empty(), "{:?}", notes.problems);
    (sessions.sessions.len(), notes.notes.len())
}

#[test]
fn machines_that_both_saved_sessions_end_with_all_of_them() {
    let world = World::new();
    let (a, b, c) = (world.data("a"), world.data("b"), world.data("c"));
    let from_a = save_sessions(&a, "Ana", 3);
    let note = save_note(&a, &from_a[0]);
    let from_b = save_sessions(&b, "Bo", 2);
    // What stays on A: the unfinished round, a store temp file, a cache.
    std::fs::write(a.join("in-progress.toml"), "unfinished").unwrap();
    std::fs::write(a.join("sessions/.tmp-half"), "half written").unwrap();
    std::fs::create_dir_all(a.join("cache")).unwrap();
    std::fs::write(a.join("cache/index"), "cache").unwrap();

    let first = world.tandem(&a, &["sync", "--remote", path(&world.remote())]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stdout(&first).contains("sent 3 sessions, 1 note"),
        "{}",
        stdout(&first)
    );
    assert!(
        stderr(&first).contains("private repository"),
        "the first sync warns about private remotes: {}",
        stderr(&first)
    );
    let gitignore = std::fs::read_to_string(a.join(".gitignore")).unwrap();
    for line in [
        "/in-progress.toml",
        "/in-progress.lock",
        "/in-progress.unreadable-*",
        ".tmp-*",
        "/cache/",
    ] {
        assert!(
            gitignore.lines().any(|l| l == line),
            "{line} in {gitignore}"
        );
    }

    let out = world.join(&b);
    assert!(
        out.contains("sent 2 sessions; received 3 sessions, 1 note"),
        "{out}"
    );
    let second = world.tandem(&a, &["sync"]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(
        stdout(&second).contains("received 2 sessions"),
        "{}",
        stdout(&second)
    );
    assert!(
        !stderr(&second).contains("private repository"),
        "the warning is shown once: {}",
        stderr(&second)
    );

    // A new machine with nothing yet: everything arrives.
    let out = world.join(&c);
    assert!(out.contains("received 5 sessions, 1 note"), "{out}");
    for file in files(&c).keys() {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(c.join(file))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{file} arrives private");
    }
    assert!(world.sync(&c, &[]).contains("up to date"));

    let expected: Vec<String> = {
        let mut all = [from_a, from_b, vec![note]].concat();
        all.sort();
        all
    };
    assert_eq!(world.remote_files(), expected);
    for data in [&a, &b, &c] {
        assert_eq!(files(data).keys().cloned().collect::<Vec<_>>(), expected);
        assert_eq!(files(data), files(&a), "the same bytes everywhere");
        assert_eq!(readable(data), (5, 1));
    }
    // The local files stayed local, and stayed.
    let tracked = world.git(&world.remote(), &["ls-tree", "-r", "--name-only", "HEAD"]);
    assert_eq!(
        tracked
            .lines()
            .filter(|l| !l.starts_with("sessions/") && !l.starts_with("notes/"))
            .collect::<Vec<_>>(),
        [".gitignore"]
    );
    assert_eq!(
        std::fs::read_to_string(a.join("in-progress.toml")).unwrap(),
        "unfinished"
    );
    assert!(a.join("sessions/.tmp-half").exists());
}

/// A `git` first on PATH that lets "another machine" push (by running
/// `hook`) just before each of the first `times` pushes, then runs the
/// real git. Returns the PATH to use and the file counting the races.
fn racing_git(world: &World, hook: &str, times: u32) -> (OsString, PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let real_git = std::env::split_paths(&system_path())
        .map(|dir| dir.join("git"))
        .find(|git| git.is_file())
        .expect("git on PATH");
    let bin = world.root.path().join("racing-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let count = world.root.path().join("races");
    let hook_file = world.root.path().join("race-hook.sh");
    std::fs::write(&hook_file, hook).unwrap();
    let script = format!(
        "#!/bin/sh\n\
         for arg in \"$@\"; do\n\
           if [ \"$arg\" = push ]; then\n\
             n=$(cat '{count}' 2>/dev/null || echo 0)\n\
             if [ \"$n\" -lt {times} ]; then\n\
               echo $((n + 1)) > '{count}'\n\
               PATH='{system}' sh '{hook}' >> '{count}.log' 2>&1 || exit 99\n\
             fi\n\
             break\n\
           fi\n\
         done\n\
         exec '{git}' \"$@\"\n",
        count = path(&count),
        system = system_path().to_str().unwrap(),
        hook = path(&hook_file),
        git = path(&real_git),
    );
    let wrapper = bin.join("git");
    std::fs::write(&wrapper, script).unwrap();
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut search = OsString::from(bin.as_os_str());
    search.push(":");
    search.push(system_path());
    (search, count)
}

#[test]
fn a_push_that_loses_a_race_is_pulled_rebased_and_pushed_again() {
    let world = World::new();
    let (a, b) = (world.data("a"), world.data("b"));
    save_sessions(&a, "Ana", 1);
    world.join(&a);
    save_sessions(&b, "Bo", 1);
    world.join(&b);
    // Both machines save rounds; B pushes while A is about to.
    save_sessions(&a, "Ana", 2);
    save_sessions(&b, "Bo", 3);
    let hook = format!(
        "TANDEM_DATA_DIR='{}' '{}' sync\n",
        path(&b),
        env!("CARGO_BIN_EXE_tandem")
    );
    let (search, races) = racing_git(&world, &hook, 1);
    let output = world.tandem_with_path(&a, &search, &["sync"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(&races).unwrap().trim(),
        "1",
        "B pushed first"
    );
    let log = std::fs::read_to_string(races.with_extension("log")).unwrap();
    assert!(log.contains("sent 3 sessions"), "B's sync: {log}");
    let out = stdout(&output);
    assert!(
        out.contains("sent 2 sessions; received 4 sessions")
            && out.contains("pulled and pushed again, 1 time"),
        "{out}"
    );

    assert!(world.sync(&b, &[]).contains("received 2 sessions"));
    assert_eq!(files(&a), files(&b));
    assert_eq!(readable(&a), (7, 0));
    assert_eq!(world.remote_files().len(), 7);
    // A's commits were rebased, not merged: a straight line.
    let merges = world.git(&a, &["rev-list", "--merges", "HEAD"]);
    assert!(merges.trim().is_empty(), "merge commits: {merges}");
}

#[test]
fn a_push_rejected_on_every_attempt_is_reported_and_kept() {
    let world = World::new();
    let a = world.data("a");
    save_sessions(&a, "Ana", 1);
    world.join(&a);
    // Another machine that pushes before every one of A's pushes.
    let other = world.data("other");
    world.git(
        world.root.path(),
        &["clone", "-q", path(&world.remote()), path(&other)],
    );
    let hook = format!(
        "cd '{}' && git pull -q --rebase && echo $$ > extra-$$.txt && git add . && \
         git -c user.name=O -c user.email=o@example.org commit -qm other && git push -q\n",
        path(&other)
    );
    let (search, races) = racing_git(&world, &hook, 100);
    let new = save_sessions(&a, "Ana", 2);
    let before = files(&a);

    let output = world.tandem_with_path(&a, &search, &["sync"]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.contains("rejected 3 times"), "{err}");
    assert!(err.contains("run `tandem sync` again"), "{err}");
    assert_eq!(std::fs::read_to_string(&races).unwrap().trim(), "3");
    // Nothing lost: the files as they were, committed on A, not on the remote.
    assert_eq!(files(&a), before);
    let committed = world.git(&a, &["ls-tree", "-r", "--name-only", "HEAD", "sessions"]);
    for file in &new {
        assert!(
            committed.lines().any(|l| l == file),
            "{file} committed on A"
        );
        assert!(!world.remote_files().contains(file));
    }
    // Once the others are quiet, the next sync sends them.
    assert!(world.sync(&a, &[]).contains("sent 2 sessions"));
    assert_eq!(world.remote_files().len(), 3);
}

#[test]
fn an_unreachable_remote_is_reported_and_nothing_is_lost() {
    let world = World::new();
    let a = world.data("a");
    let saved = save_sessions(&a, "Ana", 2);
    let before = files(&a);
    let missing = world.root.path().join("no-such-repo.git");

    let output = world.tandem(&a, &["sync", "--remote", path(&missing)]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.contains("cannot reach"), "{err}");
    assert!(
        err.contains("does not appear to be a git repository"),
        "{err}"
    );
    assert!(err.contains("kept"), "{err}");
    assert_eq!(files(&a), before);
    // The next sync tries the same remote again.
    let again = world.tandem(&a, &["sync"]);
    assert!(
        stderr(&again).contains("cannot reach"),
        "{}",
        stderr(&again)
    );
    // Another URL is not taken silently...
    let other = world.tandem(&a, &["sync", "--remote", path(&world.remote())]);
    assert!(!other.status.success());
    assert!(
        stderr(&other).contains("already syncs with"),
        "{}",
        stderr(&other)
    );
    // ...but the user can change it, and then everything goes out.
    world.git(&a, &["remote", "set-url", "origin", path(&world.remote())]);
    assert!(world.sync(&a, &[]).contains("sent 2 sessions"));
    let mut expected = saved;
    expected.sort();
    assert_eq!(world.remote_files(), expected);
    assert_eq!(files(&a), before);
}

#[test]
fn a_session_edited_by_hand_is_reported_not_sent_and_kept() {
    let world = World::new();
    let (a, b) = (world.data("a"), world.data("b"));
    let saved = save_sessions(&a, "Ana", 2);
    world.join(&a);
    world.join(&b);
    let edited = &saved[0];
    let original = std::fs::read_to_string(a.join(edited)).unwrap();
    let changed = format!("{original}# fixed a typo by hand\n");
    std::fs::write(a.join(edited), &changed).unwrap();
    let new = save_sessions(&a, "Ana", 1);

    let output = world.tandem(&a, &["sync"]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.contains("changed here by hand"), "{err}");
    assert!(err.contains(edited.as_str()), "{err}");
    // Kept here, not sent: the remote and B still hold the shared version.
    assert_eq!(std::fs::read_to_string(a.join(edited)).unwrap(), changed);
    let shared = world.git(&world.remote(), &["show", &format!("HEAD:{edited}")]);
    assert_eq!(shared, original);
    assert!(!world.remote_files().contains(&new[0]));
    assert!(world.sync(&b, &[]).contains("up to date"));
    assert_eq!(std::fs::read_to_string(b.join(edited)).unwrap(), original);
    assert!(a.join(&new[0]).exists());
}

#[test]
fn a_file_changed_on_both_sides_is_reported_and_left_as_it_was() {
    let world = World::new();
    let (a, b) = (world.data("a"), world.data("b"));
    let saved = save_sessions(&a, "Ana", 1);
    world.join(&a);
    world.join(&b);
    // Each side commits its own edit with git by hand; B pushes first.
    let file = &saved[0];
    for (dir, text) in [(&b, "# B's edit\n"), (&a, "# A's edit\n")] {
        let mut content = std::fs::read_to_string(dir.join(file)).unwrap();
        content.push_str(text);
        std::fs::write(dir.join(file), content).unwrap();
        world.git(dir, &["commit", "-qam", "edit by hand"]);
    }
    world.git(&b, &["push", "-q"]);
    let a_edit = std::fs::read_to_string(a.join(file)).unwrap();
    let a_head = world.git(&a, &["rev-parse", "HEAD"]);
    let new = save_sessions(&a, "Ana", 1);

    let output = world.tandem(&a, &["sync"]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.contains("changed both here and on"), "{err}");
    assert!(err.contains(file.as_str()), "{err}");
    assert!(err.contains("rebase was undone"), "{err}");
    // The rebase is undone: A's edit and commits as they were, plus the
    // new round committed on top; nothing half done.
    assert_eq!(std::fs::read_to_string(a.join(file)).unwrap(), a_edit);
    assert_eq!(world.git(&a, &["rev-parse", "HEAD~1"]), a_head);
    let committed = world.git(&a, &["ls-tree", "-r", "--name-only", "HEAD", "sessions"]);
    assert!(committed.lines().any(|l| l == new[0]));
    assert!(world.git(&a, &["status", "--porcelain"]).trim().is_empty());
    assert!(!a.join(".git/rebase-merge").exists() && !a.join(".git/rebase-apply").exists());
}

#[test]
fn sync_before_any_remote_says_how_to_set_one_up() {
    let world = World::new();
    let a = world.data("a");
    save_sessions(&a, "Ana", 1);
    let output = world.tandem(&a, &["sync"]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.contains("not shared yet"), "{err}");
    assert!(err.contains("tandem sync --remote URL"), "{err}");
    assert!(!a.join(".git").exists());
}

#[test]
fn without_git_the_message_says_to_install_it() {
    let world = World::new();
    let a = world.data("a");
    save_sessions(&a, "Ana", 1);
    let before = files(&a);
    let empty = world.root.path().join("empty-bin");
    std::fs::create_dir_all(&empty).unwrap();
    let output = world.tandem_with_path(
        &a,
        &empty.into_os_string(),
        &["sync", "--remote", path(&world.remote())],
    );
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.contains("git is not installed"), "{err}");
    assert!(!a.join(".git").exists());
    assert_eq!(files(&a), before);
}

#[test]
fn a_remote_set_up_by_hand_on_another_branch_is_joined_not_split() {
    let world = World::new();
    // A coach made the repository with a README on `main`; this git's
    // default branch for new repositories is `master`.
    let coach = world.data("coach");
    let remote = world.root.path().join("cohort.git");
    world.git(
        world.root.path(),
        &["init", "-q", "--bare", "-b", "main", path(&remote)],
    );
    world.git(
        world.root.path(),
        &["init", "-q", "-b", "main", path(&coach)],
    );
    std::fs::write(coach.join("README.md"), "Our cohort's rounds.\n").unwrap();
    world.git(&coach, &["add", "README.md"]);
    world.git(&coach, &["commit", "-qm", "readme"]);
    world.git(&coach, &["push", "-q", path(&remote), "main"]);

    let a = world.data("a");
    let saved = save_sessions(&a, "Ana", 2);
    let out = world.sync(&a, &["--remote", path(&remote)]);
    assert!(out.contains("sent 2 sessions"), "{out}");
    let branches = world.git(&remote, &["branch", "--format=%(refname:short)"]);
    assert_eq!(branches.trim(), "main", "one branch for the cohort");
    let shared = world.git(&remote, &["ls-tree", "-r", "--name-only", "main"]);
    for file in saved
        .iter()
        .map(String::as_str)
        .chain(["README.md", ".gitignore"])
    {
        assert!(shared.lines().any(|l| l == file), "{file} in {shared}");
    }
    assert!(a.join("README.md").exists());
    assert!(world.sync(&a, &[]).contains("up to date"));
}
