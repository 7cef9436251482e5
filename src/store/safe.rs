//! Opening files safely: never through a symlink, only regular files, and
//! never more than [`MAX_FILE_BYTES`] read into memory.
//!
//! A symlink in the data dir (or an import source) could point at
//! `/dev/zero`, a FIFO, or a file elsewhere that tandem must not truncate;
//! every open here refuses to follow one (`O_NOFOLLOW`), and reads look at
//! the opened handle (`fstat`), so nothing can be swapped in between a
//! check and the open.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use super::StoreError;

/// The largest session, note or in-progress file read: far above any real
/// one (a few KiB), small enough that a hostile file costs nothing.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Extra open flags: never follow a symlink at the last component, never
/// leak the descriptor into a child process.
#[cfg(unix)]
pub fn no_follow(options: &mut OpenOptions) -> &mut OpenOptions {
    std::os::unix::fs::OpenOptionsExt::custom_flags(options, libc::O_NOFOLLOW | libc::O_CLOEXEC)
}

#[cfg(not(unix))]
pub fn no_follow(options: &mut OpenOptions) -> &mut OpenOptions {
    options
}

/// What kind of thing stands at `path`, for a message about it.
pub fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let kind = meta.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_symlink() {
        "a symbolic link"
    } else if kind.is_dir() {
        "a directory"
    } else if kind.is_file() {
        "a regular file"
    } else {
        "not a regular file"
    }
}

/// The error for a failed open: a symlink (`ELOOP` under `O_NOFOLLOW`) is
/// named as such rather than "too many levels of symbolic links".
pub fn open_error(path: &Path, err: io::Error) -> StoreError {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link {
        StoreError::NotRegular {
            path: path.to_owned(),
            kind: "a symbolic link",
        }
    } else {
        StoreError::io(path)(err)
    }
}

/// Opens `path` for reading if it is a regular file, not through a
/// symlink, without blocking on a FIFO or a device.
pub fn open_regular(path: &Path) -> Result<(File, u64), StoreError> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        &mut options,
        libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC,
    );
    let file = options.open(path).map_err(|err| open_error(path, err))?;
    let meta = file.metadata().map_err(StoreError::io(path))?;
    if !meta.is_file() {
        return Err(StoreError::NotRegular {
            path: path.to_owned(),
            kind: kind_of(&meta),
        });
    }
    Ok((file, meta.len()))
}

/// Reads a regular file of at most [`MAX_FILE_BYTES`] as UTF-8 text.
pub fn read_text(path: &Path) -> Result<String, StoreError> {
    let (file, size) = open_regular(path)?;
    let too_large = |size| StoreError::TooLarge {
        path: path.to_owned(),
        size,
    };
    if size > MAX_FILE_BYTES {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // The file may grow after the fstat: never read past the limit.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(StoreError::io(path))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|_| StoreError::Parse {
        path: path.to_owned(),
        message: "not UTF-8 text".to_owned(),
    })
}
