//! `tandem config …` as a process, and the config fixtures:
//! `tests/valid_configs/` (each must be read without a word on stderr) and
//! `tests/invalid_configs/` (each file's first line says what it must
//! report, after `file:`; the command still runs, on the defaults).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn config_dir(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    fn config_file(&self) -> PathBuf {
        self.config_dir().join("config.toml")
    }

    fn write_config(&self, text: &str) {
        std::fs::create_dir_all(self.config_dir()).unwrap();
        std::fs::write(self.config_file(), text).unwrap();
    }

    /// Runs tandem with a known, empty locale and no `NO_COLOR`, plus `vars`.
    fn run_with(&self, args: &[&str], vars: &[(&str, &str)]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_tandem"));
        command
            .args(args)
            .current_dir(self.dir.path())
            .env("TANDEM_DATA_DIR", self.dir.path().join("data"))
            .env("TANDEM_CONFIG_DIR", self.config_dir())
            .env("HOME", self.dir.path().join("home"));
        for var in ["LC_ALL", "LC_MESSAGES", "LANG", "NO_COLOR"] {
            command.env_remove(var);
        }
        command.envs(vars.iter().copied()).output().unwrap()
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_with(args, &[])
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn fixtures(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// The row of `config show` for `key`, split into value and source.
fn row(show: &str, key: &str) -> (String, String) {
    let line = show
        .lines()
        .find(|l| l.split_whitespace().next() == Some(key))
        .unwrap_or_else(|| panic!("no `{key}` row in:\n{show}"));
    let rest = line[key.len()..].trim();
    let (value, source) = rest.rsplit_once("  (").unwrap();
    (
        value.trim().to_owned(),
        source.trim_end_matches(')').to_owned(),
    )
}

#[test]
fn path_prints_the_file_in_the_config_dir() {
    let env = Env::new();
    let output = env.run(&["config", "path"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        format!("{}\n", env.config_file().display())
    );
    let elsewhere = env.dir.path().join("elsewhere");
    let output = env.run(&[
        "--config-dir",
        elsewhere.to_str().unwrap(),
        "config",
        "path",
    ]);
    assert_eq!(
        text(&output.stdout).trim(),
        elsewhere.join("config.toml").display().to_string()
    );
}

#[test]
fn show_reflects_the_config_file_and_says_where_each_value_comes_from() {
    let env = Env::new();
    let defaults = text(&env.run(&["config", "show"]).stdout);
    assert!(defaults.contains("(not found"), "{defaults}");
    assert_eq!(
        row(&defaults, "theme"),
        ("default".into(), "default".into())
    );
    assert_eq!(row(&defaults, "language"), ("en".into(), "default".into()));

    env.write_config("theme = \"high-contrast\"\nmouse = false\ndeck = \"quick-round\"\norganizer = \"Ana\"\nfit = 30\n");
    let output = env.run(&["config", "show"]);
    let show = text(&output.stdout);
    assert!(
        output.status.success() && output.stderr.is_empty(),
        "{}",
        text(&output.stderr)
    );
    assert!(show.contains("(read)"), "{show}");
    assert_eq!(
        row(&show, "theme"),
        ("high-contrast".into(), "config file".into())
    );
    assert_eq!(row(&show, "mouse"), ("false".into(), "config file".into()));
    assert_eq!(
        row(&show, "deck"),
        ("quick-round".into(), "config file".into())
    );
    assert_eq!(
        row(&show, "organizer"),
        ("Ana".into(), "config file".into())
    );
    assert_eq!(row(&show, "fit"), ("30".into(), "config file".into()));
    assert_eq!(row(&show, "bell"), ("true".into(), "default".into()));
    assert_eq!(row(&show, "partner").1, "default");
}

#[test]
fn flags_beat_the_config_which_beats_the_environment() {
    let env = Env::new();
    env.write_config("theme = \"high-contrast\"\n");
    let show = |args: &[&str], vars: &[(&str, &str)]| {
        let mut all = args.to_vec();
        all.extend(["config", "show"]);
        let output = env.run_with(&all, vars);
        assert!(output.status.success(), "{}", text(&output.stderr));
        text(&output.stdout)
    };
    let locale = [("LANG", "fr_FR.UTF-8"), ("NO_COLOR", "1")];
    // The locale makes the interface French, sources included.
    let from_env = show(&[], &locale);
    assert_eq!(
        row(&from_env, "language"),
        ("fr".into(), "environnement LANG".into())
    );
    assert_eq!(
        row(&from_env, "theme"),
        ("high-contrast".into(), "fichier de configuration".into())
    );

    env.write_config("language = \"de\"\n");
    let from_env = show(&[], &locale);
    assert_eq!(
        row(&from_env, "language"),
        ("de".into(), "config file".into())
    );
    assert_eq!(
        row(&from_env, "theme"),
        ("mono".into(), "environment NO_COLOR".into())
    );

    let from_flags = show(
        &["--lang", "it", "--no-mouse", "--no-bell", "--high-contrast"],
        &locale,
    );
    assert_eq!(
        row(&from_flags, "language"),
        ("it".into(), "flag --lang".into())
    );
    assert_eq!(
        row(&from_flags, "mouse"),
        ("false".into(), "flag --no-mouse".into())
    );
    assert_eq!(
        row(&from_flags, "bell"),
        ("false".into(), "flag --no-bell".into())
    );
    assert_eq!(
        row(&from_flags, "theme"),
        ("high-contrast".into(), "flag --high-contrast".into())
    );
}

#[test]
fn lang_must_be_a_language_tag() {
    let env = Env::new();
    let output = env.run(&["--lang", "fr_FR!", "config", "show"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("BCP 47"),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn init_writes_a_private_file_that_show_reads_and_never_overwrites_it() {
    let env = Env::new();
    let output = env.run(&["config", "init"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let written = std::fs::read_to_string(env.config_file()).unwrap();
    for key in [
        "language",
        "theme",
        "bell",
        "mouse",
        "deck",
        "mode",
        "organizer",
        "fit",
    ] {
        assert!(
            written.contains(&format!("# {key} = ")),
            "{key} missing:\n{written}"
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&env.config_file()), 0o600);
        assert_eq!(mode(&env.config_dir()), 0o700);
    }
    let show = env.run(&["config", "show"]);
    assert!(show.stderr.is_empty(), "{}", text(&show.stderr));
    assert!(
        text(&show.stdout).contains("(read)"),
        "{}",
        text(&show.stdout)
    );

    std::fs::write(env.config_file(), "bell = false\n").unwrap();
    let again = env.run(&["config", "init"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("never overwritten"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(env.config_file()).unwrap(),
        "bell = false\n"
    );
}

#[test]
fn every_valid_config_is_read_without_a_word() {
    let files = fixtures("tests/valid_configs");
    assert!(files.len() >= 3, "the corpus is incomplete");
    for file in files {
        let env = Env::new();
        env.write_config(&std::fs::read_to_string(&file).unwrap());
        // In English whatever language the file asks for.
        let output = env.run(&["--lang", "en", "config", "show"]);
        assert!(
            output.status.success() && output.stderr.is_empty(),
            "{}: {}",
            file.display(),
            text(&output.stderr)
        );
        assert!(
            text(&output.stdout).contains("(read)"),
            "{}",
            file.display()
        );
    }
}

#[test]
fn every_broken_config_is_reported_with_its_place_and_the_command_still_runs() {
    let files = fixtures("tests/invalid_configs");
    assert!(files.len() >= 6, "the corpus is incomplete");
    for file in files {
        let content = std::fs::read_to_string(&file).unwrap();
        let expected = content
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# expect: "))
            .unwrap_or_else(|| panic!("{} has no `# expect:` line", file.display()));
        let env = Env::new();
        env.write_config(&content);
        for args in [&["config", "show"][..], &["decks", "list"]] {
            let output = env.run(args);
            let stderr = text(&output.stderr);
            assert!(output.status.success(), "{}: {stderr}", file.display());
            let wanted = format!(
                "tandem: {}:{expected}; using the defaults",
                env.config_file().display()
            );
            assert!(
                stderr.lines().any(|line| line == wanted),
                "{}: expected\n  {wanted}\ngot\n{stderr}",
                file.display()
            );
            assert!(!output.stdout.is_empty(), "{}", file.display());
        }
        let show = text(&env.run(&["config", "show"]).stdout);
        assert!(show.contains("(not used"), "{show}");
        assert!(
            show.lines().skip(1).all(|l| l.ends_with("(default)")),
            "{}: {show}",
            file.display()
        );
    }
}
