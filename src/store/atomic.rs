//! Atomic, private file writes: a temp file in the target dir (created 0600,
//! new, never through a symlink), fsync, rename into place, fsync of the
//! dir. A rename replaces a symlink at the target rather than writing
//! through it.

use std::io::Write;
use std::path::Path;

use tempfile::NamedTempFile;

use super::StoreError;

/// Creates `dir` and its missing parents with mode 0700.
pub fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(StoreError::io(dir))
}

/// Writes a new file at `path`; fails if one is already there.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let temp = write_temp(path, bytes)?;
    temp.persist_noclobber(path)
        .map_err(|err| StoreError::io(path)(err.error))?;
    sync_parent(path)
}

/// Writes `path`, replacing any file already there.
pub fn write_replace(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let temp = write_temp(path, bytes)?;
    temp.persist(path)
        .map_err(|err| StoreError::io(path)(err.error))?;
    sync_parent(path)
}

fn write_temp(path: &Path, bytes: &[u8]) -> Result<NamedTempFile, StoreError> {
    let dir = parent(path);
    let mut temp = tempfile::Builder::new()
        .prefix(".tmp-")
        .make_in(dir, |name| {
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            super::safe::no_follow(&mut options).open(name)
        })
        .map_err(StoreError::io(dir))?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(StoreError::io(temp.path()))?;
    Ok(temp)
}

fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Makes the rename itself durable.
fn sync_parent(path: &Path) -> Result<(), StoreError> {
    let dir = parent(path);
    #[cfg(unix)]
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(StoreError::io(dir))?;
    Ok(())
}
