//! Real version-1 session files (as tandem wrote them before schema 2)
//! open in every command: stats, export and import read them, converted
//! in memory, and never rewrite them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1")
}

fn tandem(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args(args)
        .env("TANDEM_DATA_DIR", data)
        .env("TANDEM_CACHE_DIR", data.with_extension("cache"))
        .env("TANDEM_CONFIG_DIR", data.join("config"))
        // English whatever the developer's locale: the tests read its words.
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap()
}

/// A data dir holding only the version-1 fixtures, and their bytes.
fn data_dir() -> (tempfile::TempDir, Vec<(PathBuf, Vec<u8>)>) {
    let dir = tempfile::tempdir().unwrap();
    let sessions = dir.path().join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    let mut files = Vec::new();
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let copy = sessions.join(path.file_name().unwrap());
        std::fs::write(&copy, &bytes).unwrap();
        files.push((copy, bytes));
    }
    (dir, files)
}

#[test]
fn stats_export_and_import_read_version_one_files() {
    let (dir, files) = data_dir();
    let stats = tandem(dir.path(), &["stats", "--format", "json"]);
    assert!(
        stats.status.success(),
        "{}",
        String::from_utf8_lossy(&stats.stderr)
    );
    assert!(
        stats.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&stats.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(report["sessions"], 4, "{report}");

    let export = tandem(dir.path(), &["export", "--format", "json"]);
    assert!(export.status.success());
    let sessions: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    assert_eq!(sessions.as_array().unwrap().len(), 4);
    // Exported as today's records: the old `agreed` is the action.
    assert!(
        sessions
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["commitment"]["action"] == "Will think about it and call back by Friday."),
        "{sessions}"
    );

    let other = tempfile::tempdir().unwrap();
    let import = tandem(other.path(), &["import", dir.path().to_str().unwrap()]);
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    let copied = std::fs::read_dir(other.path().join("sessions"))
        .unwrap()
        .count();
    assert_eq!(copied, 4);

    for (path, bytes) in files {
        assert_eq!(
            std::fs::read(path).unwrap(),
            bytes,
            "a version-1 file was rewritten"
        );
    }
}
