//! What is being typed, kept beside the workshop in `.<name>.draft` so
//! that a crash mid-sentence loses nothing — nor a proposal entered with
//! Entrée whose workshop save has not reached the disk yet.
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
//!
//! What it holds is [`Typed`]: the capture field, the texts of an open
//! form, and what was entered but is not yet durable in the workshop
//! file. The app writes it from its own thread (a write to the page
//! cache: a killed process loses nothing of it), so it never lags the
//! screen; the writer thread only syncs it.

use crate::domain::Proposal;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const MAGIC: &str = "atelier-draft";
/// Drafts that hold a [`Typed`] record rather than a bare text.
const MAGIC2: &str = "atelier-draft2";

/// A text typed into a form, with where it was going.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormText {
    /// What the facilitator saw: the form's title and the field's label.
    pub label: String,
    pub text: String,
}

/// Everything typed that is not yet safe in the workshop file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Typed {
    /// The capture field (a new proposal being typed).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// Texts being typed elsewhere: an open form, a sheet field, an edit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FormText>,
    /// Proposals entered (new or edited) whose save is not durable yet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proposals: Vec<Proposal>,
}

impl Typed {
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
            && self.fields.iter().all(|f| f.text.trim().is_empty())
            && self.proposals.is_empty()
    }
}

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

fn frame(magic: &str, text: &str) -> Vec<u8> {
    let mut out = format!("{magic} {} {:016x}\n", text.len(), hash(text.as_bytes())).into_bytes();
    out.extend_from_slice(text.as_bytes());
    out
}

#[cfg(test)]
fn encode(text: &str) -> Vec<u8> {
    frame(MAGIC, text)
}

fn encode_typed(typed: &Typed) -> Vec<u8> {
    // A record of strings and proposals always serializes; should it not,
    // the capture text alone is still worth keeping.
    match toml::to_string(typed) {
        Ok(body) => frame(MAGIC2, &body),
        Err(_) => frame(MAGIC, &typed.text),
    }
}

/// What a draft file holds, if it holds a whole one.
fn decode_typed(bytes: &[u8]) -> Option<Typed> {
    if let Some(rest) = bytes.strip_prefix(MAGIC2.as_bytes()) {
        let body = unframe(rest)?;
        return toml::from_str(&body).ok();
    }
    decode(bytes).map(|text| Typed {
        text,
        ..Typed::default()
    })
}

/// The text a bare draft file holds, if it holds a whole one.
fn decode(bytes: &[u8]) -> Option<String> {
    let Some(rest) = bytes.strip_prefix(MAGIC.as_bytes()) else {
        // Drafts written before the header existed: the whole file.
        return String::from_utf8(bytes.to_vec()).ok();
    };
    unframe(rest)
}

/// The text after a header's length and hash, if whole.
fn unframe(rest: &[u8]) -> Option<String> {
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

/// What the last session left typed beside `workshop`, if anything.
pub fn read(workshop: &Path) -> Option<Typed> {
    let bytes = std::fs::read(path_for(workshop)).ok()?;
    decode_typed(&bytes).filter(|t| !t.is_empty())
}

/// The draft file of one open workshop, kept open while it is.
#[derive(Debug)]
pub struct Draft {
    path: PathBuf,
    /// Shared with the writer thread, which syncs it.
    file: Option<Arc<File>>,
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

    fn open(&mut self) -> io::Result<&Arc<File>> {
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
            self.file = Some(Arc::new(file));
        }
        Ok(self.file.as_ref().expect("opened above"))
    }

    /// Puts `typed` in the file, in the page cache: from here a killed
    /// process loses nothing; `sync` makes it survive a power cut.
    pub fn write(&mut self, typed: &Typed) -> io::Result<()> {
        let empty = typed.is_empty();
        if empty && self.empty && self.file.is_none() {
            return Ok(());
        }
        let bytes = encode_typed(typed);
        let mut file: &File = self.open()?;
        // One write from the first byte (no `pwrite`: this builds on every
        // platform), then the cut to length.
        file.seek(SeekFrom::Start(0))?;
        file.write_all(&bytes)?;
        file.set_len(bytes.len() as u64)?;
        self.unsynced = true;
        self.empty = empty;
        Ok(())
    }

    /// The open file, for a sync made on another thread.
    pub fn handle(&self) -> Option<Arc<File>> {
        self.file.clone()
    }

    /// A sync made elsewhere covered what was written.
    pub fn mark_synced(&mut self) {
        self.unsynced = false;
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

    fn typed(text: &str) -> Typed {
        Typed {
            text: text.to_string(),
            ..Typed::default()
        }
    }

    fn text_of(workshop: &Path) -> Option<String> {
        read(workshop).map(|t| t.text)
    }

    #[test]
    fn a_draft_is_rewritten_in_place_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let workshop = dir.path().join("atelier.toml");
        let mut d = Draft::new(&workshop);
        d.write(&typed(
            "Une proposition assez longue, avec des accents é à ç",
        ))
        .unwrap();
        d.write(&typed("Plus court 🌱")).unwrap();
        assert!(d.unsynced());
        d.sync().unwrap();
        assert!(!d.unsynced());
        assert_eq!(text_of(&workshop).as_deref(), Some("Plus court 🌱"));
        d.write(&typed("")).unwrap();
        assert_eq!(text_of(&workshop), None);
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
        d.write(&typed("")).unwrap();
        d.close().unwrap();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_draft_left_with_text_stays_for_the_next_session() {
        let dir = tempfile::tempdir().unwrap();
        let workshop = dir.path().join("atelier.toml");
        let mut d = Draft::new(&workshop);
        d.write(&typed("à reprendre")).unwrap();
        d.close().unwrap();
        assert_eq!(text_of(&workshop).as_deref(), Some("à reprendre"));
    }

    #[test]
    fn drafts_from_before_the_header_are_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let workshop = dir.path().join("atelier.toml");
        std::fs::write(path_for(&workshop), "ancien brouillon").unwrap();
        assert_eq!(text_of(&workshop).as_deref(), Some("ancien brouillon"));
    }

    #[test]
    fn proposals_and_form_texts_are_kept_with_the_text() {
        let dir = tempfile::tempdir().unwrap();
        let workshop = dir.path().join("atelier.toml");
        let mut d = Draft::new(&workshop);
        let kept = Typed {
            text: "la suite, en cours".into(),
            fields: vec![FormText {
                label: "Fiche FA-01 — Constat".into(),
                text: "Un constat \"entre guillemets\"\nsur deux lignes".into(),
            }],
            proposals: vec![Proposal {
                id: crate::domain::ProposalId(30),
                text: "Un référent unique pour les allocataires du RSA 🌱".into(),
                axes: vec![2],
                author: "France Travail".into(),
                created: None,
                merged_into: None,
                origin: None,
                from_phone: false,
            }],
        };
        d.write(&kept).unwrap();
        assert_eq!(read(&workshop), Some(kept));
        d.write(&Typed::default()).unwrap();
        assert_eq!(read(&workshop), None);
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
