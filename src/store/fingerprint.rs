//! What the app last read or wrote, to notice when someone else changed
//! the file: its metadata (device, inode, size, modification and change
//! times) and its bytes. Metadata is compared first, which costs a `stat`;
//! only when it differs is the file read and compared, so a `touch` or a
//! copy with the same bytes is not taken for an edit, while any real edit,
//! or another file renamed over this one, is. Saving costs no hashing.

use std::io;
use std::path::Path;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meta {
    dev: u64,
    ino: u64,
    len: u64,
    modified_ns: i128,
    changed_ns: i128,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    pub meta: Meta,
    /// The bytes last read or written (shared with the writer's text).
    pub bytes: Arc<[u8]>,
}

/// The metadata of `path`, `None` when there is no such file.
pub fn meta(path: &Path) -> io::Result<Option<Meta>> {
    let m = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let id = crate::platform::identity(&m);
    Ok(Some(Meta {
        dev: id.dev,
        ino: id.ino,
        len: m.len(),
        modified_ns: id.modified_ns,
        changed_ns: id.changed_ns,
    }))
}

/// How the file on disk compares with what the app expects.
#[derive(Debug, PartialEq, Eq)]
pub enum OnDisk {
    /// The bytes the app last read or wrote (their metadata, refreshed).
    Same(Fingerprint),
    /// No file any more.
    Gone,
    /// Someone else's bytes.
    Changed(Vec<u8>),
}

/// Compares the file at `path` with `expected`.
pub fn compare(path: &Path, expected: &Fingerprint) -> io::Result<OnDisk> {
    let Some(now) = meta(path)? else {
        return Ok(OnDisk::Gone);
    };
    if now == expected.meta {
        return Ok(OnDisk::Same(expected.clone()));
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(OnDisk::Gone),
        Err(e) => return Err(e),
    };
    if *bytes == *expected.bytes {
        // Touched, or copied over with the same content: still ours.
        return Ok(OnDisk::Same(Fingerprint {
            meta: now,
            bytes: expected.bytes.clone(),
        }));
    }
    Ok(OnDisk::Changed(bytes))
}

/// The fingerprint of `bytes` just read from, or written to, `path`.
pub fn of(path: &Path, bytes: Arc<[u8]>) -> io::Result<Option<Fingerprint>> {
    Ok(meta(path)?.map(|meta| Fingerprint { meta, bytes }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_a_rename_over_and_a_deletion_are_told_apart_from_a_touch() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "mine").unwrap();
        let fp = of(&path, Arc::from(&b"mine"[..])).unwrap().unwrap();
        assert!(matches!(compare(&path, &fp).unwrap(), OnDisk::Same(_)));
        // Same bytes rewritten (a touch, a copy): still ours.
        std::thread::sleep(std::time::Duration::from_millis(5));
        std::fs::write(&path, "mine").unwrap();
        assert!(matches!(compare(&path, &fp).unwrap(), OnDisk::Same(_)));
        // Another file renamed over it.
        let other = dir.path().join("b.toml");
        std::fs::write(&other, "theirs").unwrap();
        std::fs::rename(&other, &path).unwrap();
        assert_eq!(
            compare(&path, &fp).unwrap(),
            OnDisk::Changed(b"theirs".to_vec())
        );
        std::fs::remove_file(&path).unwrap();
        assert_eq!(compare(&path, &fp).unwrap(), OnDisk::Gone);
    }
}
