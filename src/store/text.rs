//! The workshop file's text, written record by record. The `toml` crate
//! builds one big document by inserting each table into a growing string,
//! which costs the square of the document's size (a 37 MB national
//! synthesis took seconds to write). Here each record — a proposal, a
//! participant, a round with its ballots, a sheet — is written on its
//! own, as `[[proposals]]` and the lines under it, and the records are
//! put one after the other: the same TOML, in linear time.
//!
//! A [`TextCache`] remembers each record's text, so that saving after a
//! change writes again only the records the change touched: a new
//! proposal among 10,000 costs one proposal's serialisation and a
//! concatenation, not the whole file's.

use crate::domain::dismissed::Dismissed;
use crate::domain::ids::{ParticipantId, ProposalId, ReceivedId, RoundId};
use crate::domain::participant::Participant;
use crate::domain::proposal::Proposal;
use crate::domain::received::Received;
use crate::domain::round::Round;
use crate::domain::sheet::Sheet;
use crate::domain::workshop::{AgendaItem, Details, PhoneSettings, TimeSpent, Workshop};
use crate::domain::{Axis, ids::Counters};
use serde::Serialize;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;

/// Everything before the proposals (small, written each time).
#[derive(Serialize)]
struct Head<'a> {
    format: u32,
    workshop: &'a Details,
    next: &'a Counters,
    axes: &'a [Axis],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    agenda: &'a [AgendaItem],
    #[serde(skip_serializing_if = "Option::is_none")]
    join: Option<&'a str>,
}

/// What comes after the sheets.
#[derive(Serialize)]
struct Tail<'a> {
    #[serde(skip_serializing_if = "TimeSpent::is_empty")]
    time_spent: &'a TimeSpent,
    #[serde(skip_serializing_if = "PhoneSettings::is_empty")]
    phones: &'a PhoneSettings,
    #[serde(skip_serializing_if = "Dismissed::is_empty")]
    dismissed: &'a Dismissed,
}

/// One record of an array of tables, as `[[key]]` and its lines.
/// Characters that could drive a terminal are escaped here, record by
/// record, so the cached text is already safe (see `escape`).
fn record<T: Serialize>(key: &'static str, item: &T) -> Result<String, toml::ser::Error> {
    let one = HashMap::from([(key, [item])]);
    Ok(super::escape::escape_active(&toml::to_string(&one)?))
}

/// The text of each record of one list, in the order last written, with
/// the value it was written from (a record equal to the remembered one
/// reuses its text).
#[derive(Debug)]
struct Records<K, T> {
    key: &'static str,
    last: Vec<(K, T, String)>,
}

impl<K: Hash + Eq + Clone, T: Serialize + Clone> Records<K, T> {
    fn new(key: &'static str) -> Self {
        Records {
            key,
            last: Vec::new(),
        }
    }

    /// Appends the records of `items` to `out`, writing only those that
    /// changed, and forgets the ones that are gone. A record is looked for
    /// where it was last time; only when the list was reordered are the
    /// old records found by id.
    fn write(
        &mut self,
        items: &[T],
        id: impl Fn(&T) -> K,
        same: impl Fn(&T, &T) -> bool,
        out: &mut String,
    ) -> Result<(), toml::ser::Error> {
        let mut old: Vec<Option<(K, T, String)>> = std::mem::take(&mut self.last)
            .into_iter()
            .map(Some)
            .collect();
        let mut by_id: Option<HashMap<K, usize>> = None;
        let mut fresh = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let k = id(item);
            let at = match old.get(i) {
                Some(Some((key, _, _))) if *key == k => Some(i),
                _ => by_id
                    .get_or_insert_with(|| {
                        old.iter()
                            .enumerate()
                            .filter_map(|(j, o)| o.as_ref().map(|(key, _, _)| (key.clone(), j)))
                            .collect()
                    })
                    .get(&k)
                    .copied(),
            };
            let text = match at.and_then(|j| old[j].take()) {
                Some((_, was, text)) if same(&was, item) => text,
                _ => record(self.key, item)?,
            };
            out.push('\n');
            out.push_str(&text);
            fresh.push((k, item.clone(), text));
        }
        self.last = fresh;
        Ok(())
    }
}

/// Remembers what each record of a workshop was written as.
#[derive(Debug)]
pub struct TextCache {
    participants: Records<ParticipantId, Participant>,
    proposals: Records<ProposalId, Arc<Proposal>>,
    rounds: Records<RoundId, Round>,
    sheets: Records<String, Sheet>,
    received: Records<ReceivedId, Received>,
}

impl Default for TextCache {
    fn default() -> Self {
        TextCache {
            participants: Records::new("participants"),
            proposals: Records::new("proposals"),
            rounds: Records::new("rounds"),
            sheets: Records::new("sheets"),
            received: Records::new("received"),
        }
    }
}

impl TextCache {
    /// The TOML text of `w`, after `header` (a comment).
    pub fn write(&mut self, header: &str, w: &Workshop) -> Result<String, toml::ser::Error> {
        let head = toml::to_string(&Head {
            format: w.format(),
            workshop: w.details(),
            next: w.next(),
            axes: w.axes(),
            agenda: w.agenda(),
            join: w.join(),
        })?;
        // Records take about as much room as their share of the last file.
        let mut out = String::with_capacity(head.len() + w.proposals().len() * 220 + 4096);
        out.push_str(header);
        out.push_str(&super::escape::escape_active(&head));
        self.participants
            .write(w.participants(), |p| p.id, |a, b| a == b, &mut out)?;
        // A proposal is shared, not copied, until something changes it:
        // the same allocation is the same proposal.
        self.proposals.write(
            w.proposals(),
            |p| p.id,
            |a, b| Arc::ptr_eq(a, b) || a == b,
            &mut out,
        )?;
        self.rounds
            .write(w.rounds(), |r| r.id, |a, b| a == b, &mut out)?;
        self.sheets
            .write(w.sheets(), |s| s.id.clone(), |a, b| a == b, &mut out)?;
        self.received
            .write(w.received(), |r| r.id, |a, b| a == b, &mut out)?;
        let tail = toml::to_string(&Tail {
            time_spent: w.time_spent(),
            phones: w.phone_settings(),
            dismissed: w.dismissed(),
        })?;
        if !tail.is_empty() {
            out.push('\n');
            out.push_str(&super::escape::escape_active(&tail));
        }
        Ok(out)
    }
}
