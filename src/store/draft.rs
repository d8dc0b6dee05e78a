//! What is being typed, kept beside the workshop in `.<name>.draft` so
//! that a crash mid-sentence loses nothing.
//!
//! A draft changes at every key, so it is not written like the workshop
//! (temp file, rename, two fsyncs): the one file is rewritten in place, a
//! single write from its first byte, then cut to length. A process killed
//! at any instant leaves either the old text or the new one, because the
//! first line says how long the text is and what it hashes to: whatever
//! follows that length is the end of an older, longer draft, and a text
//! that does not match its hash (a write torn by a power cut) is not
//! offered back. The data reaches the disk with one `fdatasync`; the
//! folder is synced once, when the file is created.

use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

const MAGIC: &str = "atelier-draft";

/// `.<name>.draft` beside the workshop.
pub fn path_for(workshop: &Path) -> PathBuf {
    let name = workshop.file_name().unwrap_or_default().to_string_lossy();
    workshop.with_file_name(format!(".{name}.draft"))
}

/// FNV-1a: enough to tell a torn write from a whole one.
fn hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn encode(text: &str) -> Vec<u8> {
    let mut out = format!("{MAGIC} {} {:016x}\n", text.len(), hash(text.as_bytes())).into_bytes();
    out.extend_from_slice(text.as_bytes());
    out
}

/// The text a draft file holds, if it holds a whole one.
fn decode(bytes: &[u8]) -> Option<String> {
    let Some(rest) = bytes.strip_prefix(MAGIC.as_bytes()) else {
        // Drafts written before the header existed: the whole file.
        return String::from_utf8(bytes.to_vec()).ok();
    };
    let end = rest.iter().position(|b| *b == b'\n')?;
    let head = std::str::from_utf8(&rest[..end]).ok()?;
    let mut fields = head.split_whitespace();
    let len: usize = fields.next()?.parse().ok()?;
    let sum = u64::from_str_radix(fields.next()?, 16).ok()?;
    let text = rest.get(end + 1..end + 1 + len)?;
    (hash(text) == sum)
        .then(|| String::from_utf8(text.to_vec()).ok())
        .flatten()
}

/// The draft left beside `workshop` by the last session, if it has text.
pub fn read(workshop: &Path) -> Option<String> {
    let bytes = std::fs::read(path_for(workshop)).ok()?;
    decode(&bytes).filter(|t| !t.trim().is_empty())
}

/// The draft file of one open workshop, kept open while it is.
#[derive(Debug)]
pub struct Draft {
    path: PathBuf,
    file: Option<File>,
    /// Written since the last `fdatasync`.
    unsynced: bool,
    /// The file holds no text (or is not there).
    empty: bool,
}

impl Draft {
    pub fn new(workshop: &Path) -> Draft {
        let path = path_for(workshop);
        Draft {
            // A draft left by the last session is emptied like any other.
            empty: !path.exists(),
            path,
            file: None,
            unsynced: false,
        }
    }

    /// Whether something written is not yet on disk.
    pub fn unsynced(&self) -> bool {
        self.unsynced
    }

    fn open(&mut self) -> io::Result<&File> {
        if self.file.is_none() {
            let existed = self.path.exists();
            let file = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&self.path)?;
            if !existed && let Some(dir) = self.path.parent() {
                // The file's name must survive a power cut too: once.
                let dir = if dir.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    dir
                };
                File::open(dir)?.sync_all()?;
            }
            self.file = Some(file);
        }
        Ok(self.file.as_ref().expect("opened above"))
    }

    /// Puts `text` in the file, in the page cache: from here a killed
    /// process loses nothing; `sync` makes it survive a power cut.
    pub fn write(&mut self, text: &str) -> io::Result<()> {
        if text.is_empty() && self.empty && self.file.is_none() {
            return Ok(());
        }
        let bytes = encode(text);
        let file = self.open()?;
        file.write_all_at(&bytes, 0)?;
        file.set_len(bytes.len() as u64)?;
        self.unsynced = true;
        self.empty = text.is_empty();
        Ok(())
    }

    /// One `fdatasync` for everything written since the last.
    pub fn sync(&mut self) -> io::Result<()> {
        if let (true, Some(file)) = (self.unsynced, &self.file) {
            file.sync_data()?;
        }
        self.unsynced = false;
        Ok(())
    }

    /// When the workshop closes: an empty draft leaves no file behind.
    pub fn close(&mut self) -> io::Result<()> {
        self.sync()?;
        let written = self.file.take().is_some();
        if self.empty && written {
            std::fs::remove_file(&self.path)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_draft_is_rewritten_in_place_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let workshop = dir.path().join("atelier.toml");
        let mut d = Draft::new(&workshop);
        d.write("Une proposition assez longue, avec des accents é à ç")
            .unwrap();
        d.write("Plus court 🌱").unwrap();
        assert!(d.unsynced());
        d.sync().unwrap();
        assert!(!d.unsynced());
        assert_eq!(read(&workshop).as_deref(), Some("Plus court 🌱"));
        d.write("").unwrap();
        assert_eq!(read(&workshop), None);
        d.close().unwrap();
        assert!(
            !path_for(&workshop).exists(),
            "an empty draft leaves no file"
        );
    }

    #[test]
    fn nothing_typed_creates_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let workshop = dir.path().join("atelier.toml");
        let mut d = Draft::new(&workshop);
        d.write("").unwrap();
        d.close().unwrap();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_draft_left_with_text_stays_for_the_next_session() {
        let dir = tempfile::tempdir().unwrap();
        let workshop = dir.path().join("atelier.toml");
        let mut d = Draft::new(&workshop);
        d.write("à reprendre").unwrap();
        d.close().unwrap();
        assert_eq!(read(&workshop).as_deref(), Some("à reprendre"));
    }

    #[test]
    fn drafts_from_before_the_header_are_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let workshop = dir.path().join("atelier.toml");
        std::fs::write(path_for(&workshop), "ancien brouillon").unwrap();
        assert_eq!(read(&workshop).as_deref(), Some("ancien brouillon"));
    }

    #[test]
    fn a_torn_draft_is_not_offered_back() {
        let mut bytes = encode("une phrase entière");
        let last = bytes.len() - 1;
        bytes[last] = b'X';
        assert_eq!(decode(&bytes), None);
        assert_eq!(decode(&encode("une phrase entière")[..20]), None);
    }

    proptest! {
        /// A process killed between the write and the cut leaves the new
        /// text followed by the end of the old one: the new text is read.
        #[test]
        fn a_write_not_yet_cut_to_length_reads_as_the_new_text(
            old in "\\PC{0,60}", new in "\\PC{0,60}"
        ) {
            let mut file = encode(&old);
            let fresh = encode(&new);
            if file.len() < fresh.len() {
                file.resize(fresh.len(), 0);
            }
            file[..fresh.len()].copy_from_slice(&fresh);
            prop_assert_eq!(decode(&file), Some(new));
        }
    }
}
