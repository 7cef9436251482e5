//! Sharing a data dir through git (`tandem sync`).
//!
//! Runs the user's own `git` as a subprocess, so their credentials, ssh
//! config and hooks apply. Sessions and notes are immutable files with
//! unique names, so a sync only ever adds files: it commits new
//! `sessions/*.toml` and `notes/*.toml`, rebases on what others pushed and
//! pushes. Anything else (an edited or deleted file, a conflict, a refused
//! push) is reported and left for the user: nothing is ever deleted,
//! overwritten or resolved here.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use thiserror::Error;

/// How many times a push is tried when another machine pushed meanwhile.
pub const PUSH_ATTEMPTS: u32 = 3;

/// What stays on this machine: the unfinished round, its lock, the aside
/// copies of an unreadable one, the store's temp files (`.tmp-*`, see
/// `atomic.rs`) and any cache.
const GITIGNORE: &str = "\
# Written by tandem sync: what stays on this machine.
/in-progress.toml
/in-progress.lock
/in-progress.unreadable-*
.tmp-*
/cache/
";

/// In the repository's git dir once the private-remote warning was shown.
const WARNED_MARKER: &str = "tandem-warned";

/// The remote `--remote` sets up.
const DEFAULT_REMOTE: &str = "origin";

/// Used for commits only when git has no identity configured.
const FALLBACK_NAME: &str = "tandem";
const FALLBACK_EMAIL: &str = "tandem@localhost";

/// Why a sync stopped. Each says what was kept and what the user can do.
#[derive(Debug, Error)]
pub enum SyncError {
    #[error(
        "git is not installed (or not on PATH): tandem sync runs your own git; install git and run it again"
    )]
    GitMissing,
    #[error("cannot run git: {0}")]
    Spawn(#[source] std::io::Error),
    #[error(
        "{dir} is not shared yet: run `tandem sync --remote URL` once, with a private git repository that only your cohort can read"
    )]
    NoRemote { dir: PathBuf },
    #[error(
        "{dir} already syncs with {current}, not {given}; tandem does not change it: to switch, run `git -C {dir} remote set-url {DEFAULT_REMOTE} {given}`"
    )]
    RemoteDiffers {
        dir: PathBuf,
        current: String,
        given: String,
    },
    #[error(
        "{dir} is not on a branch (a rebase or checkout left unfinished?); finish it with git, then sync again"
    )]
    NotOnBranch { dir: PathBuf },
    #[error(
        "not synced: these files were changed here by hand (edited, deleted or staged) after they were shared: {}; a saved session or note is never rewritten, so nothing was sent or received. Keep a copy if you need the change, then restore the shared version with `git -C {dir} checkout -- FILE`", .files.join(", ")
    )]
    Dirty { dir: PathBuf, files: Vec<String> },
    #[error(
        "not synced: these files were changed both here and on {remote}: {}; the rebase was undone and your local commits are intact. tandem never picks a version: compare them with git in {dir}", .files.join(", ")
    )]
    Conflict {
        dir: PathBuf,
        remote: String,
        files: Vec<String>,
    },
    #[error(
        "git could not sign in to {remote}: {detail}. tandem runs git without a password prompt: set up an ssh key or a credential helper (a plain `git -C {dir} fetch` shows what is missing). Your files and local commits are kept"
    )]
    Auth {
        dir: PathBuf,
        remote: String,
        detail: String,
    },
    #[error(
        "cannot reach {remote}: {detail}. Check the URL and the network; your files and local commits are kept and go out with the next sync"
    )]
    Unreachable { remote: String, detail: String },
    #[error(
        "the push to {remote} was rejected {PUSH_ATTEMPTS} times because other machines kept pushing meanwhile; your local commits are kept: run `tandem sync` again"
    )]
    StillRejected { remote: String },
    #[error(
        "{remote} refused: {detail}. Your files and local commits are kept; ask whoever runs the repository"
    )]
    Refused { remote: String, detail: String },
    #[error("`git {command}` failed in {dir}: {detail}")]
    Git {
        dir: PathBuf,
        command: String,
        detail: String,
    },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Session and note files, counted.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub sessions: usize,
    pub notes: usize,
}

impl Counts {
    fn of<'a>(paths: impl IntoIterator<Item = &'a String>) -> Counts {
        let mut counts = Counts::default();
        for path in paths {
            match kind(path) {
                Some(Kind::Session) => counts.sessions += 1,
                Some(Kind::Note) => counts.notes += 1,
                None => {}
            }
        }
        counts
    }
}

/// What a sync did.
#[derive(Debug, Default)]
pub struct SyncReport {
    /// Files added on this machine that the remote now has.
    pub sent: Counts,
    /// Files that arrived from the remote.
    pub received: Counts,
    /// Pushes rejected because another machine pushed first, then retried.
    pub retries: u32,
    /// New files under `sessions/` or `notes/` left out because they are
    /// not regular files (a symlink, a FIFO).
    pub not_regular: Vec<String>,
}

/// A data dir that is a git repository with a remote.
#[derive(Debug)]
pub struct Repo {
    git: Git,
    /// Whether this run made the data dir a repository.
    pub created: bool,
}

impl Repo {
    /// The repository of data dir `dir`. With `remote`, makes `dir` a
    /// repository first if it is not one (with a `.gitignore` for what
    /// stays local) and sets the remote up; without it, the data dir must
    /// already be shared.
    pub fn open(dir: &Path, remote: Option<&str>) -> Result<Repo, SyncError> {
        let mut git = Git {
            dir: dir.to_owned(),
            identity: Vec::new(),
        };
        // Checked apart from the data dir, which may not exist yet.
        Command::new("git")
            .arg("--version")
            .stdout(Stdio::null())
            .output()
            .map_err(spawn_error)?;
        let is_repo = std::fs::symlink_metadata(dir.join(".git")).is_ok();
        let created = match remote {
            None if !is_repo => {
                return Err(SyncError::NoRemote {
                    dir: dir.to_owned(),
                });
            }
            None => false,
            Some(url) => {
                if !is_repo {
                    git.run(&["init", "-q"])?;
                }
                git.write_gitignore()?;
                match git.config(&format!("remote.{DEFAULT_REMOTE}.url"))? {
                    Some(current) if current != url => {
                        return Err(SyncError::RemoteDiffers {
                            dir: dir.to_owned(),
                            current: redact(&current),
                            given: url.to_owned(),
                        });
                    }
                    Some(_) => {}
                    None => {
                        // `--`: a URL that starts with `-` is never an option.
                        git.run(&["remote", "add", "--", DEFAULT_REMOTE, url])?;
                    }
                }
                !is_repo
            }
        };
        git.identity = git.missing_identity()?;
        Ok(Repo { git, created })
    }

    /// Marks the warning about private remotes as shown; true the first
    /// time for this repository, when the caller should show it.
    pub fn first_warning(&self) -> Result<bool, SyncError> {
        let git_dir = PathBuf::from(self.git.run(&["rev-parse", "--absolute-git-dir"])?);
        let marker = git_dir.join(WARNED_MARKER);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&marker)
        {
            Ok(_) => Ok(true),
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
            Err(source) => Err(SyncError::Io {
                path: marker,
                source,
            }),
        }
    }

    /// The remote's URL for messages, without a password it may hold.
    pub fn remote_url(&self) -> Result<String, SyncError> {
        let (remote, _) = self.upstream_config()?;
        Ok(redact(
            &self
                .git
                .config(&format!("remote.{remote}.url"))?
                .unwrap_or(remote),
        ))
    }

    /// Commits new session and note files, then pulls with rebase and
    /// pushes, trying the push again (up to [`PUSH_ATTEMPTS`] in all) when
    /// another machine pushed meanwhile. Stops before committing anything
    /// if a shared file was changed or deleted here.
    pub fn sync(&self) -> Result<SyncReport, SyncError> {
        let git = &self.git;
        let mut report = SyncReport::default();
        let (remote, configured_branch) = self.upstream_config()?;
        if git.config(&format!("remote.{remote}.url"))?.is_none() {
            return Err(SyncError::NoRemote {
                dir: git.dir.clone(),
            });
        }

        let status = git.run_raw(&["status", "--porcelain=v1", "-z", "--untracked-files=all"])?;
        let entries = parse_status(&status);
        let dirty: Vec<String> = entries
            .iter()
            .filter(|e| !e.is_new())
            .map(|e| e.path.clone())
            .collect();
        if !dirty.is_empty() {
            return Err(SyncError::Dirty {
                dir: git.dir.clone(),
                files: dirty,
            });
        }
        let mut new = Vec::new();
        for entry in entries
            .into_iter()
            .filter(|e| e.path == ".gitignore" || kind(&e.path).is_some())
        {
            let regular = std::fs::symlink_metadata(git.dir.join(&entry.path))
                .is_ok_and(|meta| meta.is_file());
            if regular {
                new.push(entry.path);
            } else {
                report.not_regular.push(entry.path);
            }
        }
        if !new.is_empty() {
            git.add(&new)?;
            let counts = Counts::of(&new);
            let message = format!(
                "tandem sync: {}",
                describe(counts).unwrap_or_else(|| "set up".to_owned())
            );
            git.run(&["commit", "-q", "-m", &message])?;
        }

        let mut received = BTreeSet::new();
        let mut branch = configured_branch.clone();
        for attempt in 1..=PUSH_ATTEMPTS {
            git.remote_call(&remote, &["fetch", "-q", &remote])
                .map_err(PushFailure::into_error)?;
            let remote_branch = match &branch {
                Some(branch) => branch.clone(),
                None => self.remote_default_branch(&remote)?,
            };
            branch = Some(remote_branch.clone());
            let tracking = format!("refs/remotes/{remote}/{remote_branch}");
            let upstream = git.commit_of(&tracking)?;
            if let Some(upstream) = &upstream {
                if let Some(head) = git.commit_of("HEAD")? {
                    received.extend(git.added(&head, upstream)?);
                }
                self.rebase(&remote, upstream)?;
            }
            let head = git.commit_of("HEAD")?;
            if head.is_none() || head == upstream {
                break;
            }
            let sent = match &upstream {
                Some(upstream) => git.added(upstream, "HEAD")?,
                None => git.tracked("HEAD")?,
            };
            let refspec = format!("HEAD:refs/heads/{remote_branch}");
            match git.remote_call(&remote, &["push", "-q", &remote, &refspec]) {
                Ok(_) => {
                    report.sent = Counts::of(&sent);
                    break;
                }
                Err(PushFailure::Raced(_)) if attempt < PUSH_ATTEMPTS => report.retries += 1,
                Err(PushFailure::Raced(_)) => return Err(SyncError::StillRejected { remote }),
                Err(PushFailure::Other(err)) => return Err(err),
            }
        }
        report.received = Counts::of(&received);
        // From now on plain git (`git status`, `git pull`) knows the
        // branch it shares, as tandem does.
        if configured_branch.is_none()
            && let Some(branch) = &branch
            && git
                .commit_of(&format!("refs/remotes/{remote}/{branch}"))?
                .is_some()
        {
            git.run(&[
                "branch",
                "-q",
                &format!("--set-upstream-to={remote}/{branch}"),
            ])?;
        }
        Ok(report)
    }

    /// The remote and remote branch this branch syncs with: the branch's
    /// upstream once set, else `origin` and (None) a branch to find out.
    fn upstream_config(&self) -> Result<(String, Option<String>), SyncError> {
        let git = &self.git;
        let Some(branch) = git.output_ok(&["symbolic-ref", "-q", "--short", "HEAD"])? else {
            return Err(SyncError::NotOnBranch {
                dir: git.dir.clone(),
            });
        };
        let remote = git
            .config(&format!("branch.{branch}.remote"))?
            .unwrap_or_else(|| DEFAULT_REMOTE.to_owned());
        let merge = git
            .config(&format!("branch.{branch}.merge"))?
            .map(|merge| merge.trim_start_matches("refs/heads/").to_owned());
        Ok((remote, merge))
    }

    /// The branch to share on a first sync: the remote's default branch
    /// if it has one, else the local branch's name.
    fn remote_default_branch(&self, remote: &str) -> Result<String, SyncError> {
        let git = &self.git;
        // Fails on an empty remote, which has no default branch yet.
        let _ = git.remote_call(remote, &["remote", "set-head", remote, "--auto"]);
        let head = format!("refs/remotes/{remote}/HEAD");
        let prefix = format!("{remote}/");
        if let Some(target) = git.output_ok(&["symbolic-ref", "-q", "--short", &head])?
            && let Some(branch) = target.strip_prefix(&prefix)
        {
            return Ok(branch.to_owned());
        }
        // No default named (a bare repository whose HEAD names a branch
        // nobody pushed): its only branch, so that the cohort never splits.
        let branches = git.run(&[
            "for-each-ref",
            "--format=%(refname:strip=3)",
            &format!("refs/remotes/{remote}/"),
        ])?;
        let branches: Vec<&str> = branches.lines().filter(|b| *b != "HEAD").collect();
        if let [only] = branches[..] {
            return Ok(only.to_owned());
        }
        git.output_ok(&["symbolic-ref", "-q", "--short", "HEAD"])?
            .ok_or_else(|| SyncError::NotOnBranch {
                dir: git.dir.clone(),
            })
    }

    /// Replays local commits on `upstream`; on a conflict, undoes the
    /// rebase and names the files.
    fn rebase(&self, remote: &str, upstream: &str) -> Result<(), SyncError> {
        let git = &self.git;
        let output = git.output(&["rebase", "-q", upstream])?;
        if output.status.success() {
            return Ok(());
        }
        let conflicted = git.output(&["diff", "--name-only", "-z", "--diff-filter=U"])?;
        let files = split_nul(&String::from_utf8_lossy(&conflicted.stdout));
        let _ = git.output(&["rebase", "--abort"]);
        if files.is_empty() {
            return Err(git.failure("rebase", &output));
        }
        Err(SyncError::Conflict {
            dir: git.dir.clone(),
            remote: remote.to_owned(),
            files,
        })
    }
}

/// Why a call to the remote failed.
enum PushFailure {
    /// Another machine pushed first: pull and try again (the error is
    /// git's own, for when a retry makes no sense).
    Raced(SyncError),
    Other(SyncError),
}

impl From<SyncError> for PushFailure {
    fn from(err: SyncError) -> PushFailure {
        PushFailure::Other(err)
    }
}

impl PushFailure {
    /// The error, for a call where a rejected ref is no race (a fetch).
    fn into_error(self) -> SyncError {
        match self {
            PushFailure::Raced(err) | PushFailure::Other(err) => err,
        }
    }
}

/// The user's git, run in the data dir.
#[derive(Debug)]
struct Git {
    dir: PathBuf,
    /// `-c user.name=… -c user.email=…` when git has none of its own.
    identity: Vec<String>,
}

impl Git {
    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new("git");
        command
            .arg("-C")
            .arg(&self.dir)
            .args(&self.identity)
            .args(args)
            // A missing credential fails instead of waiting for a password.
            .env("GIT_TERMINAL_PROMPT", "0")
            // File names are names, never patterns.
            .env("GIT_LITERAL_PATHSPECS", "1")
            // Messages are matched in English.
            .env("LC_ALL", "C")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE")
            .stdin(Stdio::null());
        command
    }

    fn output(&self, args: &[&str]) -> Result<Output, SyncError> {
        self.command(args).output().map_err(spawn_error)
    }

    /// Runs git; its trimmed stdout, or an error with its stderr.
    fn run(&self, args: &[&str]) -> Result<String, SyncError> {
        Ok(self.run_raw(args)?.trim().to_owned())
    }

    /// Runs git; its stdout as it is (`-z` lists, whose names may start
    /// or end with a space), or an error with its stderr.
    fn run_raw(&self, args: &[&str]) -> Result<String, SyncError> {
        let output = self.output(args)?;
        if output.status.success() {
            Ok(String::from_utf8_lossy(&output.stdout).into_owned())
        } else {
            Err(self.failure(&args.join(" "), &output))
        }
    }

    /// Runs git; its trimmed stdout, or None when it exits non-zero (a
    /// query whose answer is "none").
    fn output_ok(&self, args: &[&str]) -> Result<Option<String>, SyncError> {
        let output = self.output(args)?;
        Ok(output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned()))
    }

    fn failure(&self, command: &str, output: &Output) -> SyncError {
        SyncError::Git {
            dir: self.dir.clone(),
            command: command.to_owned(),
            detail: detail(&output.stderr),
        }
    }

    /// A call that talks to `remote`, its failure sorted out.
    fn remote_call(&self, remote: &str, args: &[&str]) -> Result<String, PushFailure> {
        let output = self.output(args)?;
        if output.status.success() {
            return Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned());
        }
        let stderr = String::from_utf8_lossy(&output.stderr);
        let url = redact(
            &self
                .config(&format!("remote.{remote}.url"))?
                .unwrap_or_else(|| remote.to_owned()),
        );
        Err(match classify(&stderr) {
            Failure::Raced => PushFailure::Raced(self.failure(&args.join(" "), &output)),
            Failure::Auth => PushFailure::Other(SyncError::Auth {
                dir: self.dir.clone(),
                remote: url,
                detail: detail(&output.stderr),
            }),
            Failure::Unreachable => PushFailure::Other(SyncError::Unreachable {
                remote: url,
                detail: detail(&output.stderr),
            }),
            Failure::Refused => PushFailure::Other(SyncError::Refused {
                remote: url,
                detail: detail(&output.stderr),
            }),
            Failure::Other => PushFailure::Other(self.failure(&args.join(" "), &output)),
        })
    }

    /// A config value, or None when it is not set.
    fn config(&self, key: &str) -> Result<Option<String>, SyncError> {
        Ok(self
            .output_ok(&["config", "--get", key])?
            .filter(|value| !value.is_empty()))
    }

    /// `-c` options for the identity git lacks, so that commits work on
    /// a fresh machine; nothing when the user has one.
    fn missing_identity(&self) -> Result<Vec<String>, SyncError> {
        let mut args = Vec::new();
        for (key, fallback) in [("user.name", FALLBACK_NAME), ("user.email", FALLBACK_EMAIL)] {
            if self.config(key)?.is_none() {
                args.push("-c".to_owned());
                args.push(format!("{key}={fallback}"));
            }
        }
        Ok(args)
    }

    /// Writes the `.gitignore` unless the data dir already has one.
    fn write_gitignore(&self) -> Result<(), SyncError> {
        let path = self.dir.join(".gitignore");
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => file
                .write_all(GITIGNORE.as_bytes())
                .and_then(|()| file.sync_all())
                .map_err(|source| SyncError::Io { path, source }),
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            Err(source) => Err(SyncError::Io { path, source }),
        }
    }

    /// `git add` of `paths`, given on stdin so that any number fits.
    fn add(&self, paths: &[String]) -> Result<(), SyncError> {
        let mut child = self
            .command(&["add", "--pathspec-from-file=-", "--pathspec-file-nul"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(spawn_error)?;
        let mut list = Vec::new();
        for path in paths {
            list.extend_from_slice(path.as_bytes());
            list.push(0);
        }
        if let Some(mut stdin) = child.stdin.take() {
            // A failed write shows as git's own failure below.
            let _ = stdin.write_all(&list);
        }
        let output = child.wait_with_output().map_err(spawn_error)?;
        if output.status.success() {
            Ok(())
        } else {
            Err(self.failure("add", &output))
        }
    }

    /// The commit `name` points at, or None.
    fn commit_of(&self, name: &str) -> Result<Option<String>, SyncError> {
        self.output_ok(&["rev-parse", "-q", "--verify", &format!("{name}^{{commit}}")])
    }

    /// Files that `to` has and `from` has not.
    fn added(&self, from: &str, to: &str) -> Result<Vec<String>, SyncError> {
        let out = self.run_raw(&[
            "diff",
            "--name-only",
            "-z",
            "--no-renames",
            "--diff-filter=A",
            from,
            to,
        ])?;
        Ok(split_nul(&out))
    }

    /// Every file of commit `at`.
    fn tracked(&self, at: &str) -> Result<Vec<String>, SyncError> {
        Ok(split_nul(&self.run(&[
            "ls-tree",
            "-r",
            "-z",
            "--name-only",
            at,
        ])?))
    }
}

fn spawn_error(err: std::io::Error) -> SyncError {
    if err.kind() == std::io::ErrorKind::NotFound {
        SyncError::GitMissing
    } else {
        SyncError::Spawn(err)
    }
}

/// What git said went wrong, on one line: its `fatal:`/`error:` lines
/// (at most three), else its last lines.
fn detail(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("hint:"))
        .collect();
    let errors: Vec<&str> = lines
        .iter()
        .filter_map(|line| {
            line.strip_prefix("fatal: ")
                .or_else(|| line.strip_prefix("error: "))
        })
        .take(3)
        .collect();
    let chosen = if errors.is_empty() {
        &lines[lines.len().saturating_sub(3)..]
    } else {
        &errors[..]
    };
    let chosen: Vec<&str> = chosen.iter().map(|l| l.trim_end_matches('.')).collect();
    if chosen.is_empty() {
        "git gave no reason".to_owned()
    } else {
        chosen.join("; ")
    }
}

/// A URL with any password or token (`https://user:token@host/…`)
/// replaced by `***`, so that a message never shows a credential.
fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        // `user:password@`, or a token alone as the user name.
        Some(at) => match rest[..at].split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***{}", &rest[at..]),
            None => format!("{scheme}://***{}", &rest[at..]),
        },
        None => url.to_owned(),
    }
}

fn split_nul(text: &str) -> Vec<String> {
    text.split('\0')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The kinds of file a sync carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Session,
    Note,
}

/// `sessions/NAME.toml` or `notes/NAME.toml`, directly in the dir.
fn kind(path: &str) -> Option<Kind> {
    let (dir, name) = path.split_once('/')?;
    if name.contains('/') || !name.ends_with(".toml") || name == ".toml" {
        return None;
    }
    match dir {
        "sessions" => Some(Kind::Session),
        "notes" => Some(Kind::Note),
        _ => None,
    }
}

/// "3 sessions, 1 note", or None for nothing.
pub fn describe(counts: Counts) -> Option<String> {
    let mut parts = Vec::new();
    for (n, one, many) in [
        (counts.sessions, "session", "sessions"),
        (counts.notes, "note", "notes"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {}", if n == 1 { one } else { many }));
        }
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// One line of `git status --porcelain=v1 -z`.
#[derive(Debug, PartialEq, Eq)]
struct StatusEntry {
    code: [u8; 2],
    path: String,
}

impl StatusEntry {
    /// A file git does not track yet (or that a stopped sync staged):
    /// the only kind a sync adds. Everything else is a change to a shared
    /// file.
    fn is_new(&self) -> bool {
        match self.code {
            [b'?', b'?'] => true,
            [b'A', b' ' | b'M'] => self.path == ".gitignore" || kind(&self.path).is_some(),
            _ => false,
        }
    }
}

fn parse_status(text: &str) -> Vec<StatusEntry> {
    let mut entries = Vec::new();
    let mut fields = text.split('\0').filter(|f| !f.is_empty());
    while let Some(field) = fields.next() {
        let bytes = field.as_bytes();
        if bytes.len() < 4 {
            continue;
        }
        let code = [bytes[0], bytes[1]];
        // A rename or copy is followed by its old name.
        if matches!(code[0], b'R' | b'C') {
            fields.next();
        }
        entries.push(StatusEntry {
            code,
            path: field[3..].to_owned(),
        });
    }
    entries
}

/// What a failed remote call means.
#[derive(Debug, PartialEq, Eq)]
enum Failure {
    Raced,
    Auth,
    Unreachable,
    Refused,
    Other,
}

fn classify(stderr: &str) -> Failure {
    let has = |needles: &[&str]| needles.iter().any(|n| stderr.contains(n));
    if has(&[
        "[rejected]",
        "non-fast-forward",
        "fetch first",
        "cannot lock ref",
        "failed to update ref",
        "incorrect old value",
    ]) {
        Failure::Raced
    } else if has(&[
        "Authentication failed",
        "terminal prompts disabled",
        "could not read Username",
        "could not read Password",
        "Permission denied",
        "Access denied",
        "HTTP Basic",
    ]) {
        Failure::Auth
    } else if has(&["[remote rejected]", "denied", "declined"]) {
        Failure::Refused
    } else if has(&[
        "does not appear to be a git repository",
        "Could not read from remote repository",
        "Could not resolve host",
        "unable to access",
        "Connection refused",
        "Connection timed out",
        "repository not found",
        "Repository not found",
        "No such file or directory",
        "not found",
    ]) {
        Failure::Unreachable
    } else {
        Failure::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_directly_in_sessions_or_notes_are_carried() {
        assert_eq!(kind("sessions/2026-x.toml"), Some(Kind::Session));
        assert_eq!(kind("notes/n.toml"), Some(Kind::Note));
        assert_eq!(kind("sessions/sub/x.toml"), None);
        assert_eq!(kind("sessions/x.txt"), None);
        assert_eq!(kind("in-progress.toml"), None);
        assert_eq!(kind("other/x.toml"), None);
    }

    #[test]
    fn status_entries_keep_names_and_tell_new_from_changed() {
        let text = "?? sessions/a b.toml\0 M sessions/old.toml\0R  notes/new.toml\0notes/old.toml\0A  notes/n.toml\0 D notes/gone.toml\0";
        let entries = parse_status(text);
        let summary: Vec<(&str, bool)> = entries
            .iter()
            .map(|e| (e.path.as_str(), e.is_new()))
            .collect();
        assert_eq!(
            summary,
            [
                ("sessions/a b.toml", true),
                ("sessions/old.toml", false),
                ("notes/new.toml", false),
                ("notes/n.toml", true),
                ("notes/gone.toml", false),
            ]
        );
    }

    #[test]
    fn remote_failures_are_sorted_by_what_the_user_can_do() {
        let raced =
            " ! [rejected]        main -> main (fetch first)\nerror: failed to push some refs";
        assert_eq!(classify(raced), Failure::Raced);
        let locked = " ! [remote rejected] main -> main (cannot lock ref 'refs/heads/main': is at 1 but expected 2)";
        assert_eq!(classify(locked), Failure::Raced);
        let https =
            "fatal: could not read Username for 'https://example.org': terminal prompts disabled";
        assert_eq!(classify(https), Failure::Auth);
        let ssh = "git@example.org: Permission denied (publickey).\nfatal: Could not read from remote repository.";
        assert_eq!(classify(ssh), Failure::Auth);
        let hook = " ! [remote rejected] main -> main (pre-receive hook declined)";
        assert_eq!(classify(hook), Failure::Refused);
        let missing = "fatal: '/nowhere' does not appear to be a git repository\nfatal: Could not read from remote repository.";
        assert_eq!(classify(missing), Failure::Unreachable);
        assert_eq!(classify("fatal: something new"), Failure::Other);
    }

    #[test]
    fn urls_in_messages_hide_passwords() {
        assert_eq!(
            redact("https://ana:s3cret@git.example.org/cohort.git"),
            "https://ana:***@git.example.org/cohort.git"
        );
        assert_eq!(
            redact("https://token@git.example.org/a@b.git"),
            "https://***@git.example.org/a@b.git"
        );
        for plain in [
            "git@example.org:cohort/data.git",
            "/srv/cohort.git",
            "https://git.example.org/a@b.git",
        ] {
            assert_eq!(redact(plain), plain);
        }
    }

    #[test]
    fn counts_read_as_a_sentence() {
        assert_eq!(describe(Counts::default()), None);
        let counts = Counts::of(&[
            "sessions/a.toml".to_owned(),
            "sessions/b.toml".to_owned(),
            "notes/c.toml".to_owned(),
            ".gitignore".to_owned(),
        ]);
        assert_eq!(
            counts,
            Counts {
                sessions: 2,
                notes: 1
            }
        );
        assert_eq!(describe(counts).as_deref(), Some("2 sessions, 1 note"));
    }

    #[test]
    fn details_skip_hints_and_keep_the_last_lines() {
        let stderr = b"hint: do this\nfatal: one.\nerror: two\n\nfatal: three\nfatal: four\n";
        assert_eq!(detail(stderr), "one; two; three");
        let stderr = b"To /r.git\n ! [rejected] main -> main (fetch first)\nhint: pull\n";
        assert_eq!(
            detail(stderr),
            "To /r.git; ! [rejected] main -> main (fetch first)"
        );
        assert_eq!(detail(b""), "git gave no reason");
    }
}
