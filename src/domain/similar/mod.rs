//! Proposals that say the same thing, found offline for the facilitator
//! to confirm: nothing is merged without them, nothing leaves the laptop.
//!
//! Two proposals are compared by their content words (French stems, each
//! synonym group as one term), weighted by how rare each is in the
//! workshop (TF-IDF, cosine), and by their letter trigrams (Dice), which
//! catch typos and word forms the stemmer misses. The score is a weighted
//! mean of the two; pairs at or above the threshold are suggested.

mod words;

pub use super::dismissed::Dismissed;

pub use words::{Analysed, Analyser, fold};

use super::{Axis, AxisKey, ProposalId, Workshop};
use std::collections::{BTreeMap, HashMap};

/// How the score is made and where suggestions start. Data, so the
/// config can change them; the defaults are measured on the labelled set
/// in `tests/data/similar.toml` (see `tests/similar.rs`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// A pair at or above this score is suggested.
    pub threshold: f32,
    /// The words' share of the score; the trigrams have the rest.
    pub word_weight: f32,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            threshold: 0.48,
            word_weight: 0.80,
        }
    }
}

/// A proposal like another one, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub other: ProposalId,
    pub score: f32,
    /// The words both say (as the other proposal writes them, folded).
    pub shared: Vec<String>,
}

/// Proposals that all look alike: a suggestion to merge them.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The oldest first: the one the others would be merged into.
    pub members: Vec<ProposalId>,
    /// The best pair's score.
    pub score: f32,
    pub shared: Vec<String>,
}

/// One proposal as compared: small, since every live proposal has one.
#[derive(Debug, Clone)]
struct Entry {
    /// The text's hash: an edit is noticed without keeping a copy.
    hash: u64,
    /// Term ids, with how often each occurs.
    terms: Box<[(u32, f32)]>,
    /// Its letter trigrams, for a text not in the index only; an indexed
    /// proposal's are its terms' (`Term::grams`).
    grams: Option<Box<[u32]>>,
}

/// A word of the workshop, once for all the proposals that use it.
#[derive(Debug, Clone)]
struct Term {
    /// As first written (lower case, accents kept): the reason shown.
    word: String,
    grams: Box<[u32]>,
}

fn hash_of(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// The live proposals of one workshop, read for comparison. Kept up to
/// date in place (`sync`): only the proposals whose text changed are read
/// again.
#[derive(Debug, Default)]
pub struct Index {
    analyser: Analyser,
    pub params: Params,
    vocabulary: HashMap<String, u32>,
    /// Each term's word and trigrams, by id.
    terms: Vec<Term>,
    /// In how many entries each term occurs, by id.
    df: Vec<u32>,
    entries: BTreeMap<ProposalId, Entry>,
}

impl Index {
    pub fn new(analyser: Analyser, params: Params) -> Index {
        Index {
            analyser,
            params,
            ..Index::default()
        }
    }

    /// An index of `w`'s live proposals.
    pub fn of(w: &Workshop) -> Index {
        let mut index = Index::default();
        index.sync(w);
        index
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Brings the index up to `w`: new and edited proposals are read, the
    /// removed and merged ones leave.
    pub fn sync(&mut self, w: &Workshop) {
        let live: BTreeMap<ProposalId, &str> = w
            .live_proposals()
            .map(|p| (p.id, p.text.as_str()))
            .collect();
        let gone: Vec<ProposalId> = self
            .entries
            .keys()
            .filter(|id| !live.contains_key(id))
            .copied()
            .collect();
        for id in gone {
            self.remove(id);
        }
        for (id, text) in live {
            if self
                .entries
                .get(&id)
                .is_none_or(|e| e.hash != hash_of(text))
            {
                self.upsert(id, text);
            }
        }
    }

    /// Reads at most `max` of `w`'s live proposals not read yet: the index
    /// is built a little at a time while the room talks, so the first hint
    /// does not wait for the whole workshop. True once all are in.
    pub fn warm(&mut self, w: &Workshop, max: usize) -> bool {
        let mut read = 0;
        for p in w.live_proposals() {
            if self.entries.contains_key(&p.id) {
                continue;
            }
            if read == max {
                return false;
            }
            self.upsert(p.id, &p.text);
            read += 1;
        }
        true
    }

    /// Reads `text` as proposal `id` (again, if it was there).
    pub fn upsert(&mut self, id: ProposalId, text: &str) {
        self.remove(id);
        let analysed = self.analyser.analyse(text);
        let mut counts: BTreeMap<u32, f32> = BTreeMap::new();
        let read = analysed
            .terms
            .into_iter()
            .zip(analysed.words)
            .zip(analysed.letters);
        for ((term, word), letters) in read {
            let t = if let Some(t) = self.vocabulary.get(&term) {
                *t
            } else {
                let t = self.terms.len() as u32;
                self.vocabulary.insert(term, t);
                let grams = words::trigrams(std::slice::from_ref(&letters)).into();
                self.terms.push(Term { word, grams });
                self.df.push(0);
                t
            };
            *counts.entry(t).or_default() += 1.0;
        }
        for t in counts.keys() {
            self.df[*t as usize] += 1;
        }
        self.entries.insert(
            id,
            Entry {
                hash: hash_of(text),
                terms: counts.into_iter().collect(),
                grams: None,
            },
        );
    }

    pub fn remove(&mut self, id: ProposalId) {
        if let Some(e) = self.entries.remove(&id) {
            for (t, _) in e.terms {
                if let Some(n) = self.df.get_mut(t as usize) {
                    *n = n.saturating_sub(1);
                }
            }
        }
    }

    fn idf(&self, term: u32) -> f32 {
        let n = self.entries.len() as f32;
        let df = self.df.get(term as usize).copied().unwrap_or(0) as f32;
        ((n + 1.0) / (df + 1.0)).ln() + 1.0
    }

    fn norm(&self, e: &Entry) -> f32 {
        e.terms
            .iter()
            .map(|(t, tf)| (tf * self.idf(*t)).powi(2))
            .sum::<f32>()
            .sqrt()
    }

    /// An entry's letter trigrams: its own, or the union of its terms'.
    fn grams<'a>(&'a self, e: &'a Entry) -> std::borrow::Cow<'a, [u32]> {
        if let Some(g) = &e.grams {
            return std::borrow::Cow::Borrowed(g);
        }
        let mut all: Vec<u32> = e
            .terms
            .iter()
            .flat_map(|(t, _)| self.terms[*t as usize].grams.iter().copied())
            .collect();
        all.sort_unstable();
        all.dedup();
        std::borrow::Cow::Owned(all)
    }

    /// The score of two entries (with their norms and trigrams), with the
    /// terms they share.
    fn compare(&self, (a, norm_a, ga): Side<'_>, (b, norm_b, gb): Side<'_>) -> (f32, Vec<u32>) {
        let mut dot = 0.0;
        let mut shared = Vec::new();
        let (mut i, mut j) = (0, 0);
        while i < a.terms.len() && j < b.terms.len() {
            let ((ta, fa), (tb, fb)) = (a.terms[i], b.terms[j]);
            match ta.cmp(&tb) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += fa * fb * self.idf(ta).powi(2);
                    shared.push(ta);
                    i += 1;
                    j += 1;
                }
            }
        }
        let cosine = if norm_a > 0.0 && norm_b > 0.0 {
            dot / (norm_a * norm_b)
        } else {
            0.0
        };
        let w = self.params.word_weight;
        (w * cosine + (1.0 - w) * dice(ga, gb), shared)
    }

    fn shared_words(&self, terms: &[u32]) -> Vec<String> {
        terms
            .iter()
            .filter_map(|t| self.terms.get(*t as usize).map(|t| t.word.clone()))
            .collect()
    }

    /// The proposals like `id`, best first, at or above the threshold.
    pub fn like(&self, id: ProposalId) -> Vec<Match> {
        let Some(a) = self.entries.get(&id) else {
            return Vec::new();
        };
        self.like_entry(a, Some(id))
    }

    /// The proposals like a text that is not in the index (yet).
    pub fn like_text(&self, text: &str) -> Vec<Match> {
        self.like_entry(&self.probe(text), None)
    }

    fn like_entry(&self, a: &Entry, own: Option<ProposalId>) -> Vec<Match> {
        let norm_a = self.norm(a);
        let ga = self.grams(a);
        let mut out: Vec<Match> = self
            .entries
            .iter()
            .filter(|(other, _)| Some(**other) != own)
            .filter_map(|(other, b)| {
                let side = (b, self.norm(b), &*self.grams(b));
                let (score, shared) = self.compare((a, norm_a, &ga), side);
                (score >= self.params.threshold).then(|| Match {
                    other: *other,
                    score,
                    shared: self.shared_words(&shared),
                })
            })
            .collect();
        out.sort_by(|x, y| y.score.total_cmp(&x.score).then(x.other.cmp(&y.other)));
        out
    }

    /// Every pair at or above the threshold, best first: `(older, newer,
    /// score, shared words)`. Pairs are looked for among proposals that
    /// share a word, leaving out the words a quarter of the workshop uses
    /// (they decide little and would make every pair a candidate).
    pub fn pairs(&self) -> Vec<(ProposalId, ProposalId, f32, Vec<String>)> {
        self.pairs_except(&Dismissed::default())
    }

    /// The pairs, but those the facilitator kept apart.
    pub fn pairs_except(
        &self,
        dismissed: &Dismissed,
    ) -> Vec<(ProposalId, ProposalId, f32, Vec<String>)> {
        let ids: Vec<ProposalId> = self.entries.keys().copied().collect();
        let at: HashMap<ProposalId, usize> =
            ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let common = (self.entries.len() / 4).max(8) as u32;
        let mut postings: HashMap<u32, Vec<usize>> = HashMap::new();
        for (id, e) in &self.entries {
            for (t, _) in &e.terms {
                if self.df.get(*t as usize).copied().unwrap_or(0) <= common {
                    postings.entry(*t).or_default().push(at[id]);
                }
            }
        }
        let entries: Vec<&Entry> = self.entries.values().collect();
        let norms: Vec<f32> = entries.iter().map(|e| self.norm(e)).collect();
        // Read once for this pass, let go after it.
        let grams: Vec<_> = entries.iter().map(|e| self.grams(e)).collect();
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for list in postings.values() {
            for (k, &i) in list.iter().enumerate() {
                for &j in &list[k + 1..] {
                    let (i, j) = (i.min(j), i.max(j));
                    if !seen.insert((i, j)) || dismissed.pair(ids[i], ids[j]) {
                        continue;
                    }
                    let (score, shared) = self.compare(
                        (entries[i], norms[i], &grams[i]),
                        (entries[j], norms[j], &grams[j]),
                    );
                    if score >= self.params.threshold {
                        let words = self.shared_words(&shared);
                        out.push((ids[i], ids[j], score, words));
                    }
                }
            }
        }
        out.sort_by(|a, b| b.2.total_cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
        out
    }

    /// The pairs joined into groups (a proposal like two others brings
    /// them together), best first.
    pub fn groups(&self) -> Vec<Group> {
        self.groups_except(&Dismissed::default())
    }

    /// The groups, without the pairs the facilitator kept apart.
    pub fn groups_except(&self, dismissed: &Dismissed) -> Vec<Group> {
        let pairs = self.pairs_except(dismissed);
        let mut parent: HashMap<ProposalId, ProposalId> = HashMap::new();
        fn root(parent: &mut HashMap<ProposalId, ProposalId>, id: ProposalId) -> ProposalId {
            let mut r = id;
            while let Some(&p) = parent.get(&r).filter(|p| **p != r) {
                r = p;
            }
            parent.insert(id, r);
            r
        }
        for (a, b, _, _) in &pairs {
            let (ra, rb) = (root(&mut parent, *a), root(&mut parent, *b));
            if ra != rb {
                parent.insert(ra.max(rb), ra.min(rb));
            }
        }
        let mut groups: BTreeMap<ProposalId, Group> = BTreeMap::new();
        for (a, b, score, shared) in pairs {
            let r = root(&mut parent, a);
            let g = groups.entry(r).or_insert_with(|| Group {
                members: Vec::new(),
                score,
                shared,
            });
            for id in [a, b] {
                if !g.members.contains(&id) {
                    g.members.push(id);
                }
            }
        }
        let mut out: Vec<Group> = groups
            .into_values()
            .map(|mut g| {
                g.members.sort();
                g
            })
            .collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.members.cmp(&b.members)));
        out
    }
}

/// An axis suggested for a proposal without one, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct AxisGuess {
    pub axis: AxisKey,
    pub score: f32,
    /// The tagged proposals it is closest to on that axis.
    pub near: Vec<ProposalId>,
    /// The words that decided it.
    pub because: Vec<String>,
}

/// What the tag screen offers, one at a time, for the facilitator to
/// accept, turn down or pass.
#[derive(Debug, Clone, PartialEq)]
pub enum Suggestion {
    /// These proposals say the same thing: merge them into the first.
    Merge(Group),
    /// This proposal without an axis likely belongs to this one.
    Axis(ProposalId, AxisGuess),
}

impl Suggestion {
    /// Whether it still applies to `w`: every proposal live, the axis
    /// still missing.
    pub fn applies(&self, w: &Workshop) -> bool {
        let live = |id| w.proposal(id).is_some_and(|p| p.merged_into.is_none());
        let d = w.dismissed();
        match self {
            Suggestion::Merge(g) => {
                let apart = g
                    .members
                    .iter()
                    .enumerate()
                    .any(|(i, a)| g.members[i + 1..].iter().any(|b| d.pair(*a, *b)));
                g.members.iter().all(|id| live(*id)) && !apart
            }
            Suggestion::Axis(id, guess) => {
                live(*id)
                    && w.proposal(*id).is_some_and(|p| p.axes.is_empty())
                    && !d.axes.contains(&(*id, guess.axis))
            }
        }
    }
}

impl Index {
    /// Every suggestion for `w`, best merges first, then the axes for the
    /// proposals without one, in their order; none the facilitator turned
    /// down.
    pub fn suggestions(&self, w: &Workshop) -> Vec<Suggestion> {
        let mut out: Vec<Suggestion> = self
            .groups_except(w.dismissed())
            .into_iter()
            .map(Suggestion::Merge)
            .collect();
        out.extend(
            w.live_proposals()
                .filter(|p| p.axes.is_empty())
                .filter_map(|p| Some(Suggestion::Axis(p.id, self.suggest_axis(w, p.id)?))),
        );
        out
    }
}

/// The shipped words of the Pacte's axes, by the start of their title.
const AXES: &str = include_str!("axes.toml");

#[derive(serde::Deserialize)]
struct AxisWords {
    axis: Vec<AxisWordsOf>,
}

#[derive(serde::Deserialize)]
struct AxisWordsOf {
    title: String,
    words: String,
}

/// How many tagged neighbours vote for an axis.
const NEIGHBOURS: usize = 5;
/// Below this, no axis is suggested: better none than a guess.
const AXIS_MIN: f32 = 0.12;

impl Index {
    /// What `axis` is read as: its title and short name, and the shipped
    /// words of the Pacte axis it is.
    fn axis_entry(&self, axis: &Axis) -> Entry {
        // Read once: the shipped words, by folded title.
        static SHIPPED: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
        let shipped = SHIPPED.get_or_init(|| {
            toml::from_str::<AxisWords>(AXES)
                .map(|s| {
                    s.axis
                        .into_iter()
                        .map(|a| (fold(&a.title), a.words))
                        .collect()
                })
                .unwrap_or_default()
        });
        let title = fold(&axis.title);
        let words = shipped
            .iter()
            .filter(|(start, _)| title.starts_with(start.as_str()))
            .map(|(_, words)| words.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        self.probe(&format!("{} {} {words}", axis.title, axis.short))
    }

    /// The words of `text` that `other` says too, as `text` writes them
    /// (the index keeps a word as first seen in the workshop, which may
    /// be the other form of a synonym).
    pub fn words_shared_with(&self, text: &str, other: ProposalId) -> Vec<String> {
        let Some(b) = self.entries.get(&other) else {
            return Vec::new();
        };
        let analysed = self.analyser.analyse(text);
        let mut out: Vec<String> = Vec::new();
        for (term, word) in analysed.terms.iter().zip(analysed.words) {
            let shared = self
                .vocabulary
                .get(term)
                .is_some_and(|t| b.terms.iter().any(|(bt, _)| bt == t));
            if shared && !out.contains(&word) {
                out.push(word);
            }
        }
        out
    }

    /// An entry for a text not in the index, on its vocabulary.
    fn probe(&self, text: &str) -> Entry {
        let analysed = self.analyser.analyse(text);
        let mut counts: BTreeMap<u32, f32> = BTreeMap::new();
        for term in &analysed.terms {
            // A word the workshop never used cannot be shared: skipped.
            if let Some(t) = self.vocabulary.get(term) {
                *counts.entry(*t).or_default() += 1.0;
            }
        }
        Entry {
            hash: hash_of(text),
            terms: counts.into_iter().collect(),
            grams: Some(analysed.grams.into()),
        }
    }

    /// The axis `id` most likely belongs to, from the proposals already
    /// tagged in `w` (its nearest neighbours vote) and from the axes' own
    /// words; none when nothing is close enough or the facilitator already
    /// turned that axis down for it.
    pub fn suggest_axis(&self, w: &Workshop, id: ProposalId) -> Option<AxisGuess> {
        let a = self.entries.get(&id)?;
        let norm_a = self.norm(a);
        let ga = self.grams(a);
        let mut near: Vec<(f32, AxisKey, ProposalId, Vec<u32>)> = self
            .entries
            .iter()
            .filter(|(other, _)| **other != id)
            .filter_map(|(other, b)| {
                let axis = w.proposal(*other)?.primary_axis()?;
                let side = (b, self.norm(b), &*self.grams(b));
                let (score, shared) = self.compare((a, norm_a, &ga), side);
                (score > 0.0 && !shared.is_empty()).then_some((score, axis, *other, shared))
            })
            .collect();
        near.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.2.cmp(&y.2)));
        near.truncate(NEIGHBOURS);
        let mut votes: BTreeMap<AxisKey, (f32, Vec<ProposalId>, Vec<String>)> = BTreeMap::new();
        for (score, axis, other, shared) in near {
            let v = votes.entry(axis).or_default();
            v.0 += score;
            v.1.push(other);
            v.2.extend(self.shared_words(&shared));
        }
        for axis in w.axes() {
            let b = self.axis_entry(axis);
            let side = (&b, self.norm(&b), &*self.grams(&b));
            let (score, shared) = self.compare((a, norm_a, &ga), side);
            if !shared.is_empty() {
                let v = votes.entry(axis.key).or_default();
                v.0 += score;
                v.2.extend(self.shared_words(&shared));
            }
        }
        let dismissed = w.dismissed();
        votes
            .into_iter()
            .filter(|(axis, (score, _, _))| {
                *score >= AXIS_MIN && !dismissed.axes.contains(&(id, *axis))
            })
            .max_by(|x, y| x.1.0.total_cmp(&y.1.0).then(y.0.cmp(&x.0)))
            .map(|(axis, (score, near, mut because))| {
                let mut seen = std::collections::HashSet::new();
                because.retain(|w| seen.insert(w.clone()));
                AxisGuess {
                    axis,
                    score,
                    near,
                    because,
                }
            })
    }
}

/// An entry as compared: with its norm and its trigrams.
type Side<'a> = (&'a Entry, f32, &'a [u32]);

/// Dice's coefficient of two sorted sets.
fn dice(a: &[u32], b: &[u32]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut both) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * both as f32 / (a.len() + b.len()) as f32
}

#[cfg(test)]
mod tests;
