//! The server's keys: its own host key, kept in the data dir, and the
//! client keys `--authorized-keys` admits.
//!
//! The host key is an Ed25519 key made on the first `tandem serve` and kept
//! in `<data dir>/serve/host_key` (OpenSSH format), so that participants'
//! `ssh` recognises the server from one workshop to the next. It is created
//! 0600 in a 0700 dir, never through a symlink, and, as OpenSSH does, a key
//! file that others may read is refused rather than used.

use std::fmt;
use std::io::{self, Read};
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use russh::keys::ssh_key::authorized_keys::Entry;
use russh::keys::ssh_key::{LineEnding, public::KeyData};
use russh::keys::{Algorithm, PrivateKey, PublicKey};

use super::from_patterns::FromPatterns;
use crate::store;
use crate::tr;

/// Where the host key lives, under the data dir.
pub const HOST_KEY_FILE: &str = "serve/host_key";

/// The largest key file read: an Ed25519 key is about 400 bytes, a large
/// authorized_keys file a few hundred lines.
const MAX_KEY_FILE_BYTES: u64 = 1024 * 1024;

/// What can go wrong with the server's keys.
#[derive(Debug)]
pub enum KeyError {
    /// Reading or creating a key file failed.
    Io { path: PathBuf, source: io::Error },
    /// Others than the owner may read the host key.
    Unprotected { path: PathBuf, mode: u32 },
    /// Not a regular file: a symlink, a FIFO, a dir...
    NotRegular { path: PathBuf },
    /// The file is larger than any key file.
    TooLarge { path: PathBuf },
    /// The host key file does not hold a usable private key.
    InvalidHostKey { path: PathBuf, reason: String },
    /// A line of the authorized keys is not a public key.
    InvalidAuthorizedKey {
        path: PathBuf,
        line: usize,
        reason: String,
    },
    /// An option of an authorized key cannot be applied.
    AuthorizedKeyOption {
        path: PathBuf,
        line: usize,
        reason: String,
    },
    /// The authorized keys hold no key at all: nobody could join.
    NoAuthorizedKey { path: PathBuf },
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = |path: &Path| path.display().to_string();
        let text = match self {
            KeyError::Io { path, source } => {
                tr!(
                    "serve-key-io",
                    path = shown(path),
                    error = source.to_string()
                )
            }
            KeyError::Unprotected { path, mode } => tr!(
                "serve-key-unprotected",
                path = shown(path),
                mode = format!("{mode:04o}")
            ),
            KeyError::NotRegular { path } => tr!("serve-key-not-regular", path = shown(path)),
            KeyError::TooLarge { path } => tr!("serve-key-too-large", path = shown(path)),
            KeyError::InvalidHostKey { path, reason } => tr!(
                "serve-host-key-invalid",
                path = shown(path),
                error = reason.clone()
            ),
            KeyError::InvalidAuthorizedKey { path, line, reason } => tr!(
                "serve-authorized-key-invalid",
                path = shown(path),
                line = line.to_string(),
                error = reason.clone()
            ),
            KeyError::AuthorizedKeyOption { path, line, reason } => tr!(
                "serve-authorized-key-option",
                path = shown(path),
                line = line.to_string(),
                error = reason.clone()
            ),
            KeyError::NoAuthorizedKey { path } => {
                tr!("serve-authorized-keys-empty", path = shown(path))
            }
        };
        f.write_str(&text)
    }
}

impl std::error::Error for KeyError {}

/// The host key of the server using `data_dir`: the one kept there, or a
/// new one made and kept there now.
pub fn load_or_create(data_dir: &Path) -> Result<PrivateKey, KeyError> {
    let path = data_dir.join(HOST_KEY_FILE);
    match read_key_file(&path, true) {
        Ok(text) => parse_host_key(&path, &text),
        Err(KeyError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
            create(&path)
        }
        Err(err) => Err(err),
    }
}

fn create(path: &Path) -> Result<PrivateKey, KeyError> {
    let io_error = |source| KeyError::Io {
        path: path.to_owned(),
        source,
    };
    let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519)
        .map_err(|err| io_error(io::Error::other(err.to_string())))?;
    let text = key
        .to_openssh(LineEnding::LF)
        .map_err(|err| io_error(io::Error::other(err.to_string())))?;
    if let Some(dir) = path.parent() {
        store::create_private_dir(dir).map_err(|err| io_error(io::Error::other(err)))?;
    }
    match store::write_new(path, text.as_bytes()) {
        Ok(()) => Ok(key),
        // Another server made one first: use that one.
        Err(err) if err.is_already_there() => parse_host_key(path, &read_key_file(path, true)?),
        Err(err) => Err(io_error(io::Error::other(err))),
    }
}

fn parse_host_key(path: &Path, text: &str) -> Result<PrivateKey, KeyError> {
    let invalid = |reason: String| KeyError::InvalidHostKey {
        path: path.to_owned(),
        reason,
    };
    let key = PrivateKey::from_openssh(text).map_err(|err| invalid(err.to_string()))?;
    if key.is_encrypted() {
        return Err(invalid(tr!("serve-host-key-encrypted")));
    }
    Ok(key)
}

/// A key `--authorized-keys` admits, and where from.
#[derive(Debug, Clone)]
pub struct AuthorizedKey {
    pub key: PublicKey,
    /// Its `from="…"` option: the addresses it may be used from.
    pub from: Option<FromPatterns>,
}

/// The keys of an OpenSSH `authorized_keys` file. `from="…"` is applied
/// (addresses, wildcards and blocks; no DNS, as OpenSSH's default);
/// `expiry-time=` is refused, as it would not be applied; the other
/// options (`command=`, `restrict`, …) change nothing, as the server offers
/// only its interface, to holders of a join code.
pub fn load_authorized_keys(path: &Path) -> Result<Vec<AuthorizedKey>, KeyError> {
    let text = read_key_file(path, false)?;
    let mut keys = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let entry: Entry = line.parse().map_err(|err: russh::keys::ssh_key::Error| {
            KeyError::InvalidAuthorizedKey {
                path: path.to_owned(),
                line: index + 1,
                reason: err.to_string(),
            }
        })?;
        let from = from_option(&entry).map_err(|reason| KeyError::AuthorizedKeyOption {
            path: path.to_owned(),
            line: index + 1,
            reason,
        })?;
        keys.push(AuthorizedKey {
            key: entry.public_key().clone(),
            from,
        });
    }
    if keys.is_empty() {
        return Err(KeyError::NoAuthorizedKey {
            path: path.to_owned(),
        });
    }
    Ok(keys)
}

/// The `from="…"` of an entry, if it has one; why an option cannot be
/// applied otherwise.
fn from_option(entry: &Entry) -> Result<Option<FromPatterns>, String> {
    let mut from = None;
    for option in entry.config_opts().iter() {
        let (name, value) = option.split_once('=').unwrap_or((option, ""));
        match name.to_ascii_lowercase().as_str() {
            "from" => {
                let list = value.trim_matches('"');
                let patterns = FromPatterns::parse(list)
                    .map_err(|pattern| tr!("serve-from-invalid", pattern = pattern))?;
                from = Some(patterns);
            }
            "expiry-time" => return Err(tr!("serve-expiry-unsupported")),
            _ => {}
        }
    }
    Ok(from)
}

/// Whether `key`, offered from `address`, is one of `authorized` (their
/// comments aside) that may be used from there.
pub fn is_authorized(authorized: &[AuthorizedKey], key: &PublicKey, address: IpAddr) -> bool {
    let offered: &KeyData = key.key_data();
    authorized.iter().any(|known| {
        known.key.key_data() == offered
            && known.from.as_ref().is_none_or(|from| from.allows(address))
    })
}

/// Reads a key file: a regular file, not through a symlink, of a key
/// file's size; a `private` one must be readable by its owner only.
fn read_key_file(path: &Path, private: bool) -> Result<String, KeyError> {
    let io_error = |source| KeyError::Io {
        path: path.to_owned(),
        source,
    };
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        &mut options,
        libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC,
    );
    let file = options.open(path).map_err(|err| {
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        if is_link {
            KeyError::NotRegular {
                path: path.to_owned(),
            }
        } else {
            io_error(err)
        }
    })?;
    let meta = file.metadata().map_err(io_error)?;
    if !meta.is_file() {
        return Err(KeyError::NotRegular {
            path: path.to_owned(),
        });
    }
    #[cfg(unix)]
    if private {
        let mode = std::os::unix::fs::PermissionsExt::mode(&meta.permissions()) & 0o7777;
        if mode & 0o077 != 0 {
            return Err(KeyError::Unprotected {
                path: path.to_owned(),
                mode,
            });
        }
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut bytes = Vec::new();
    file.take(MAX_KEY_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_KEY_FILE_BYTES {
        return Err(KeyError::TooLarge {
            path: path.to_owned(),
        });
    }
    String::from_utf8(bytes).map_err(|_| KeyError::InvalidHostKey {
        path: path.to_owned(),
        reason: tr!("serve-key-not-text"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode_of(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn the_first_start_makes_a_private_ed25519_key_and_the_next_reuses_it() {
        let dir = tempfile::tempdir().unwrap();
        let key = load_or_create(dir.path()).unwrap();
        assert_eq!(key.algorithm(), Algorithm::Ed25519);
        let path = dir.path().join(HOST_KEY_FILE);
        assert_eq!(mode_of(&path), 0o600);
        assert_eq!(mode_of(path.parent().unwrap()), 0o700);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----"),
            "{text}"
        );
        let again = load_or_create(dir.path()).unwrap();
        assert_eq!(again.public_key().key_data(), key.public_key().key_data());
    }

    #[test]
    fn a_key_others_may_read_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        load_or_create(dir.path()).unwrap();
        let path = dir.path().join(HOST_KEY_FILE);
        for mode in [0o644, 0o640, 0o604, 0o660] {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
            let err = load_or_create(dir.path()).unwrap_err();
            assert!(
                matches!(err, KeyError::Unprotected { mode: m, .. } if m == mode),
                "{err:?}"
            );
            let message = err.to_string();
            assert!(message.contains(&format!("0{mode:o}")), "{message}");
            assert!(message.contains("chmod 600"), "{message}");
        }
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o400)).unwrap();
        assert!(load_or_create(dir.path()).is_ok());
    }

    #[test]
    fn a_symlink_in_place_of_the_key_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("serve")).unwrap();
        let target = dir.path().join("elsewhere");
        let path = dir.path().join(HOST_KEY_FILE);
        // A dangling link: creating the key must not write through it.
        std::os::unix::fs::symlink(&target, &path).unwrap();
        let err = load_or_create(dir.path()).unwrap_err();
        assert!(matches!(err, KeyError::NotRegular { .. }), "{err:?}");
        assert!(!target.exists());
        // A link to a real key is refused too.
        let real = tempfile::tempdir().unwrap();
        load_or_create(real.path()).unwrap();
        std::fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink(real.path().join(HOST_KEY_FILE), &path).unwrap();
        let err = load_or_create(dir.path()).unwrap_err();
        assert!(matches!(err, KeyError::NotRegular { .. }), "{err:?}");
    }

    #[test]
    fn a_file_that_is_no_key_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(HOST_KEY_FILE);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "not a key").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        let err = load_or_create(dir.path()).unwrap_err();
        assert!(matches!(err, KeyError::InvalidHostKey { .. }), "{err:?}");
        assert!(err.to_string().contains(&path.display().to_string()));
        // Left as it was: never replaced by a new key.
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "not a key");
    }

    #[test]
    fn a_directory_in_place_of_the_key_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(HOST_KEY_FILE)).unwrap();
        let err = load_or_create(dir.path()).unwrap_err();
        assert!(matches!(err, KeyError::NotRegular { .. }), "{err:?}");
    }

    fn public_line(comment: &str) -> (PublicKey, String) {
        let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).unwrap();
        let mut public = key.public_key().clone();
        public.set_comment(comment);
        let line = public.to_openssh().unwrap();
        (public, line)
    }

    #[test]
    fn authorized_keys_are_read_line_by_line() {
        let dir = tempfile::tempdir().unwrap();
        let (first, first_line) = public_line("ana@laptop");
        let (second, second_line) = public_line("ben");
        let (stranger, _) = public_line("eve");
        let path = dir.path().join("authorized_keys");
        std::fs::write(
            &path,
            format!("# the workshop\n\n{first_line}\nrestrict,pty {second_line}\n"),
        )
        .unwrap();
        let keys = load_authorized_keys(&path).unwrap();
        assert_eq!(keys.len(), 2);
        assert!(is_authorized(&keys, &first, ANYWHERE));
        assert!(is_authorized(&keys, &second, ANYWHERE));
        assert!(!is_authorized(&keys, &stranger, ANYWHERE));
        // The comment is not part of the key.
        let mut renamed = first.clone();
        renamed.set_comment("someone else");
        assert!(is_authorized(&keys, &renamed, ANYWHERE));
    }

    /// Some client address.
    const ANYWHERE: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(203, 0, 113, 9));

    #[test]
    fn a_keys_from_option_admits_it_only_from_those_addresses() {
        let dir = tempfile::tempdir().unwrap();
        let (ana, ana_line) = public_line("ana");
        let (ben, ben_line) = public_line("ben");
        let path = dir.path().join("authorized_keys");
        std::fs::write(
            &path,
            format!(
                "from=\"10.0.0.0/8,!10.0.0.1\",restrict {ana_line}\nFROM=\"192.168.1.*\" {ben_line}\n"
            ),
        )
        .unwrap();
        let keys = load_authorized_keys(&path).unwrap();
        let at = |address: &str| address.parse::<IpAddr>().unwrap();
        assert!(is_authorized(&keys, &ana, at("10.20.30.40")));
        assert!(!is_authorized(&keys, &ana, at("10.0.0.1")));
        assert!(!is_authorized(&keys, &ana, ANYWHERE));
        assert!(is_authorized(&keys, &ben, at("192.168.1.77")));
        assert!(!is_authorized(&keys, &ben, at("10.20.30.40")));
    }

    #[test]
    fn an_option_that_cannot_be_applied_is_refused_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let (_, line) = public_line("ana");
        let path = dir.path().join("authorized_keys");
        for (options, said) in [
            ("from=\"10.0.0.0/99\"", "10.0.0.0/99"),
            ("from=\"\"", "from="),
            ("expiry-time=\"20261231\"", "expiry-time"),
        ] {
            std::fs::write(&path, format!("{line}\n{options} {line}\n")).unwrap();
            let err = load_authorized_keys(&path).unwrap_err();
            assert!(
                matches!(err, KeyError::AuthorizedKeyOption { line: 2, .. }),
                "{err:?}"
            );
            let text = err.to_string();
            assert!(text.contains(":2") && text.contains(said), "{text}");
        }
    }

    /// An RSA key, as most `~/.ssh/id_rsa.pub` still are (public: made for
    /// this test).
    const RSA_LINE: &str = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCF89NEeLk/wq5Q0qJQancwF4ZMWzMJwy2eBzlJDa9DQF+4JILyF6JrlJ/AaNqGIGwH8797UxH1cCoh8iT9LX5E6w6v6AKXpvWpcNAqnzR4WPJGfZnJnfnC4MXutdOm8Kiy2wZKvzo4Rq/JnAnVVpjkVfFmDF+Zu87wpfviY5u4iw3sIpJ2flVa3p3mKQTZPSct8ucJ5gZq2Kz+aFsT7NT8W2BP8IDGjLjMpezh4E2397JWnDx0SVORRwfwP27dTB+rmssjjdseEP9hbesZF+nOdwt2baFLLaDKzyvZPE3R/BvXaip7M8PEAZsgbK4l94Ki3jGCtaogQYROmUmIkgfP ben@laptop";

    #[test]
    fn rsa_keys_are_authorized_keys_too() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("authorized_keys");
        std::fs::write(&path, format!("{RSA_LINE}\n")).unwrap();
        let keys = load_authorized_keys(&path).unwrap();
        assert_eq!(keys.len(), 1);
        assert_eq!(keys[0].key.algorithm(), Algorithm::Rsa { hash: None });
        let same: PublicKey = RSA_LINE.parse().unwrap();
        assert!(is_authorized(&keys, &same, ANYWHERE));
    }

    #[test]
    fn a_broken_authorized_keys_line_is_reported_with_its_number() {
        let dir = tempfile::tempdir().unwrap();
        let (_, line) = public_line("ana");
        let path = dir.path().join("authorized_keys");
        std::fs::write(&path, format!("{line}\n\nssh-ed25519 AAAAnotbase64!\n")).unwrap();
        let err = load_authorized_keys(&path).unwrap_err();
        assert!(
            matches!(err, KeyError::InvalidAuthorizedKey { line: 3, .. }),
            "{err:?}"
        );
        assert!(err.to_string().contains(":3"), "{err}");
    }

    #[test]
    fn authorized_keys_without_a_key_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("authorized_keys");
        std::fs::write(&path, "# nobody yet\n").unwrap();
        let err = load_authorized_keys(&path).unwrap_err();
        assert!(matches!(err, KeyError::NoAuthorizedKey { .. }), "{err:?}");
        let missing = load_authorized_keys(&dir.path().join("missing")).unwrap_err();
        assert!(matches!(missing, KeyError::Io { .. }), "{missing:?}");
    }

    #[test]
    fn the_messages_speak_french_too() {
        let _french = crate::i18n::scoped("fr");
        let err = KeyError::Unprotected {
            path: PathBuf::from("/d/serve/host_key"),
            mode: 0o644,
        };
        let english = {
            let _english = crate::i18n::scoped("en");
            err.to_string()
        };
        assert_ne!(err.to_string(), english);
        assert!(err.to_string().contains("chmod 600"));
    }
}
