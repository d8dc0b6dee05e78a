//! An open workshop: the domain, its undo history, its writer, and the
//! state of the screens that show it.

use super::derived::Derived;
use super::effect::Fx;
use super::saver::{Report, Resolve, Saver};
use super::{Clock, SaveMode};
use crate::domain::{DomainError, History, Op, Workshop};
use crate::i18n::{Lang, Localize};
use crate::store::draft::{Draft, FormText, Typed};
use crate::store::{Access, Saved, Session, StoreError};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How long a failed save waits before it is tried again.
const SAVE_RETRY_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

/// A phase's timebox from `w`'s agenda (the usual one if it has none).
fn planned(w: &Workshop, phase: crate::domain::Phase) -> std::time::Duration {
    let usual = crate::domain::workshop::default_agenda();
    let minutes = w
        .agenda()
        .iter()
        .chain(usual.iter())
        .find(|a| a.phase == phase)
        .map_or(10, |a| a.minutes);
    std::time::Duration::from_secs(u64::from(minutes) * 60)
}

/// What the header says about saving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    Saving,
    Failed(String),
    ReadOnly,
    /// Someone else changed the file: saves go to the conflict copy.
    Conflict,
}

/// Someone else changed the workshop file while it was open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileConflict {
    /// Their version, kept in the backups.
    pub theirs: PathBuf,
    /// Ours, kept beside the workshop while the conflict lasts.
    pub mine: PathBuf,
}

/// What a report from the writer means for the facilitator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Someone else changed the file: ask what to do.
    Conflict,
    /// The file had been deleted: it was written again.
    Recreated,
    /// Their version is loaded; ours stays in its conflict copy.
    Reloaded(PathBuf),
    /// Ours was written over theirs; theirs stays in the backups.
    KeptMine(PathBuf),
    Error(String),
}

/// The events a watcher gets for the workshop's folder become one report
/// each: the writer then looks at the file (a `stat`, and a read only when
/// it changed).
fn watch(
    path: &Path,
    notify: Arc<dyn Fn(Report) + Send + Sync>,
) -> Option<notify::RecommendedWatcher> {
    use notify::Watcher;
    let real = crate::store::paths::resolve(path);
    let name = real.file_name()?.to_os_string();
    let dir = real
        .parent()
        .filter(|d| !d.as_os_str().is_empty())?
        .to_path_buf();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let ours = event.is_ok_and(|e| e.paths.iter().any(|p| p.file_name() == Some(&name)));
        if ours {
            notify(Report::Touched);
        }
    })
    .ok()?;
    watcher
        .watch(&dir, notify::RecursiveMode::NonRecursive)
        .ok()?;
    Some(watcher)
}

/// What was entered and is not durable yet: kept in the draft until the
/// save that holds it is reported written.
#[derive(Debug, Clone)]
pub enum Pending {
    /// A proposal added: put back as it was if the file lacks it.
    Proposal(crate::domain::Proposal),
    /// Texts typed into a form or a field: shown back if the file lacks them.
    Fields(Vec<FormText>),
}

pub struct Doc {
    pub w: Workshop,
    /// The live proposals read for comparison, brought up to date when
    /// asked (`similar_to`).
    similar: crate::domain::similar::Index,
    /// Whether every live proposal is in `similar` (built in the ticks).
    similar_warm: bool,
    /// The proposal each one waiting from phones looks like.
    pub received_like:
        std::collections::BTreeMap<crate::domain::ReceivedId, crate::domain::ProposalId>,
    pub history: History,
    pub path: PathBuf,
    pub read_only: bool,
    /// Bumped by every change; `saved` is the last generation on disk.
    pub generation: u64,
    pub saved: u64,
    pub save_error: Option<String>,
    /// Set when someone else changed the file, until the facilitator
    /// chooses a version.
    pub conflict: Option<FileConflict>,
    saver: Saver,
    /// Tells the app when the file changes under it (the app's own run).
    _watcher: Option<notify::RecommendedWatcher>,
    /// What saves made at once (inline) have to tell the facilitator.
    pub notices: Vec<Notice>,
    /// Answers to the room's phones, waiting for their change to be on disk.
    acks: Vec<super::remote::PendingAck>,
    /// A change not yet handed to the writer.
    dirty: bool,
    /// A snapshot is with the writer thread and not reported yet.
    in_flight: bool,
    /// A save failed: the next try waits until then.
    retry_at: Option<std::time::Instant>,
    /// The round the facilitator works on (the one last opened, created
    /// or selected): the results screen shows it.
    pub round: Option<crate::domain::RoundId>,
    /// The proposals marked on the tag screen: a round's shortlist.
    pub marked: std::collections::BTreeSet<crate::domain::ProposalId>,
    /// Bumped whenever the workshop changed: a screen rebuilds its rows
    /// when it finds them older.
    pub revision: u64,
    /// The count of every round, kept while voting or results are shown.
    counts: Vec<(crate::domain::RoundId, crate::domain::Tally)>,
    pub derived: Derived,
    /// The timer of this workshop's agenda.
    pub timer: super::timer::Timer,
    /// When the timer's time spent was last kept in the workshop.
    time_kept: Option<std::time::Instant>,
    /// The phase on screen: only its rows are rebuilt after a change.
    pub shown: crate::domain::Phase,
    /// Whether `counts` lag the workshop.
    counts_stale: bool,
    /// Text restored from a draft left by the previous session.
    pub restored_draft: bool,
    /// That text, for the capture field to take when its screen is made.
    pub draft_text: Option<String>,
    /// Proposals of the last session that had not reached the file, put back.
    pub restored: Vec<crate::domain::ProposalId>,
    /// Texts typed in the last session that the file lacks, shown back (and
    /// kept in the draft) until the facilitator has read them.
    pub recovered: Vec<FormText>,
    /// What was entered and is not on disk yet, by its generation.
    pending: Vec<(u64, Pending)>,
    /// The draft file (none when read-only), and what it holds.
    draft: Option<Draft>,
    written_typed: Typed,
    /// The texts being typed outside the capture field, as last told.
    typing: Vec<FormText>,
    /// The capture field's text, as last told.
    capture_text: String,
}

impl Doc {
    pub fn open(
        path: &Path,
        access: Access,
        mode: SaveMode,
        notify: Option<Arc<dyn Fn(Report) + Send + Sync>>,
        lang: Lang,
    ) -> Result<Doc, StoreError> {
        Doc::open_with(path, access, None, mode, notify, lang)
    }

    /// Opens with the workshop's lock already `held`, if it is.
    pub fn open_with(
        path: &Path,
        access: Access,
        held: Option<crate::store::lock::Lock>,
        mode: SaveMode,
        notify: Option<Arc<dyn Fn(Report) + Send + Sync>>,
        lang: Lang,
    ) -> Result<Doc, StoreError> {
        let (session, w) = Session::open_with(path, access, held)?;
        let read_only = session.is_read_only();
        let watcher = match (&notify, read_only) {
            (Some(n), false) => watch(path, n.clone()),
            _ => None,
        };
        let saver = if read_only {
            Saver::read_only()
        } else {
            match (mode, notify) {
                (SaveMode::Thread, Some(notify)) => {
                    Saver::thread(session, Box::new(move |r| notify(r)))
                }
                _ => Saver::inline(session),
            }
        };
        let mut doc = Doc {
            history: History::default(),
            path: path.to_path_buf(),
            read_only,
            generation: 0,
            saved: 0,
            save_error: None,
            conflict: None,
            saver,
            _watcher: watcher,
            notices: Vec::new(),
            acks: Vec::new(),
            dirty: false,
            in_flight: false,
            retry_at: None,
            revision: 0,
            round: None,
            marked: std::collections::BTreeSet::new(),
            counts: Vec::new(),
            derived: Derived::default(),
            timer: super::timer::Timer::new(
                crate::domain::Phase::Capture,
                std::time::Duration::ZERO,
            ),
            time_kept: None,
            shown: crate::domain::Phase::Capture,
            similar: crate::domain::similar::Index::default(),
            received_like: std::collections::BTreeMap::new(),
            similar_warm: false,
            counts_stale: true,
            restored_draft: false,
            draft_text: None,
            restored: Vec::new(),
            recovered: Vec::new(),
            pending: Vec::new(),
            draft: (!read_only).then(|| Draft::new(path)),
            written_typed: Typed::default(),
            typing: Vec::new(),
            capture_text: String::new(),
            w,
        };
        doc.timer = super::timer::Timer::restore(doc.w.time_spent(), |p| planned(&doc.w, p));
        doc.refresh();
        doc.compare_received();
        if let Some(typed) = crate::store::draft::read(path).filter(|_| !read_only) {
            doc.restore_typed(typed, lang);
        }
        Ok(doc)
    }

    /// Takes back what the last session had typed or entered: the capture
    /// text into its field, proposals the file lacks back into the
    /// workshop (as undo steps), other texts the file lacks for the
    /// facilitator to read. What the file already holds is dropped, so a
    /// kill between the save and the draft's rewrite never makes a double.
    fn restore_typed(&mut self, typed: Typed, lang: Lang) {
        if !typed.text.trim().is_empty() {
            self.draft_text = Some(typed.text.clone());
            self.restored_draft = true;
        }
        for p in typed.proposals {
            let op = match self.w.proposal(p.id) {
                Some(q) if q.text == p.text && q.author == p.author && q.axes == p.axes => continue,
                Some(q) => {
                    let mut edited = q.clone();
                    edited.text.clone_from(&p.text);
                    edited.author.clone_from(&p.author);
                    edited.axes.clone_from(&p.axes);
                    Op::ReplaceProposal(edited)
                }
                None => Op::InsertProposal {
                    index: self.w.proposals().len(),
                    proposal: crate::domain::Proposal {
                        merged_into: None,
                        ..p.clone()
                    },
                },
            };
            if self.run(op, lang).is_ok() {
                self.restored.push(p.id);
                self.entered(Pending::Proposal(p));
            }
        }
        if typed.fields.is_empty() {
            return;
        }
        let held = crate::store::strings_of(&self.w);
        self.recovered = typed
            .fields
            .into_iter()
            .filter(|f| {
                let t = f.text.trim();
                !t.is_empty() && !held.iter().any(|h| h.contains(t))
            })
            .collect();
    }

    /// Keeps `pending` in the draft until the current generation is on disk.
    pub fn entered(&mut self, pending: Pending) {
        if self.generation > self.saved {
            self.pending.push((self.generation, pending));
        }
    }

    /// Writes what is typed and what waits for the disk into the draft, if
    /// it changed: from the app's thread, so the draft never lags the
    /// screen; the writer syncs it.
    /// `text` is the capture field's new proposal (empty while it edits
    /// another); `typing`, what the other fields hold.
    pub fn keep_typed(&mut self, text: String, typing: Vec<FormText>) {
        self.typing = typing;
        self.capture_text = text;
        let mut typed = Typed {
            text: self.capture_text.clone(),
            fields: self.typing.clone(),
            proposals: Vec::new(),
        };
        typed.fields.extend(self.recovered.iter().cloned());
        for (_, p) in &self.pending {
            match p {
                Pending::Proposal(p) => typed.proposals.push(p.clone()),
                Pending::Fields(f) => typed.fields.extend(f.iter().cloned()),
            }
        }
        if typed == self.written_typed {
            return;
        }
        let Some(draft) = self.draft.as_mut() else {
            return;
        };
        // Best effort: a folder that cannot be written already shows its
        // error for the workshop itself.
        if draft.write(&typed).is_ok() {
            self.written_typed = typed;
            if let Some(file) = draft.handle()
                && self.saver.sync_draft(file)
            {
                draft.mark_synced();
            }
        }
    }

    /// Whether something entered still waits for the disk.
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Forgets what the disk now holds.
    fn prune_pending(&mut self) {
        let saved = self.saved;
        self.pending.retain(|(g, _)| *g > saved);
    }

    pub fn save_state(&self) -> SaveState {
        if self.read_only {
            SaveState::ReadOnly
        } else if self.conflict.is_some() {
            SaveState::Conflict
        } else if let Some(e) = &self.save_error {
            SaveState::Failed(e.clone())
        } else if self.saved < self.generation {
            SaveState::Saving
        } else {
            SaveState::Saved
        }
    }

    /// Applies a change that is no undo step (a phone's ballot: the phone
    /// was told it is recorded), then saves.
    pub fn record(&mut self, op: Op, lang: Lang) -> Result<(), DomainError> {
        crate::domain::apply(&mut self.w, op)?;
        self.changed(lang);
        Ok(())
    }

    /// Answers `reply` with `view` once the current generation is on disk
    /// (at once if it already is).
    pub fn ack_when_saved(
        &mut self,
        reply: tokio::sync::oneshot::Sender<super::remote::PhoneView>,
        view: super::remote::PhoneView,
    ) {
        self.acks.push(super::remote::PendingAck {
            generation: self.generation,
            reply,
            view,
        });
        self.release_acks();
    }

    /// Answers the requests whose change is on disk.
    fn release_acks(&mut self) {
        let saved = self.saved;
        let (done, waiting): (Vec<_>, Vec<_>) = std::mem::take(&mut self.acks)
            .into_iter()
            .partition(|a| a.generation <= saved);
        self.acks = waiting;
        for ack in done {
            let _ = ack.reply.send(ack.view);
        }
    }

    /// The save of `generation` failed: the requests it carried are told
    /// so (they may try again; the change stays and is written later).
    fn fail_acks(&mut self, generation: u64) {
        use super::remote::{Outcome, Refusal};
        let (failed, waiting): (Vec<_>, Vec<_>) = std::mem::take(&mut self.acks)
            .into_iter()
            .partition(|a| a.generation <= generation);
        self.acks = waiting;
        for mut ack in failed {
            ack.view.outcome = Some(Outcome::Refused(Refusal::NotSaved));
            let _ = ack.reply.send(ack.view);
        }
    }

    /// Applies a change as one undo step, then saves.
    pub fn run(&mut self, op: Op, lang: Lang) -> Result<&'static str, DomainError> {
        let label = self.history.run(&mut self.w, op)?;
        self.changed(lang);
        Ok(label)
    }

    /// Runs a change asked for on a screen; a refusal (or a read-only
    /// file, where nothing would reach the disk) becomes the message.
    /// Whether it was applied.
    pub fn apply(&mut self, op: Result<Op, DomainError>, lang: Lang, fx: &mut Fx) -> bool {
        if self.read_only {
            fx.error(lang.tf("store.read_only", &[("path", &self.path.display())]));
            return false;
        }
        match op.and_then(|op| self.run(op, lang)) {
            Ok(_) => true,
            Err(e) => {
                fx.error(e.localize(lang));
                false
            }
        }
    }

    /// Takes the last step back; what it was, in words (a page's change
    /// names its device).
    pub fn undo(&mut self, lang: Lang) -> Option<Result<String, DomainError>> {
        let by = self.history.next_undo().and_then(Op::by).map(String::from);
        let r = self.history.undo(&mut self.w)?;
        Some(self.stepped(r, by, lang))
    }

    pub fn redo(&mut self, lang: Lang) -> Option<Result<String, DomainError>> {
        let by = self.history.next_redo().and_then(Op::by).map(String::from);
        let r = self.history.redo(&mut self.w)?;
        Some(self.stepped(r, by, lang))
    }

    fn stepped(
        &mut self,
        r: Result<&'static str, DomainError>,
        by: Option<String>,
        lang: Lang,
    ) -> Result<String, DomainError> {
        let label = r?;
        self.changed(lang);
        Ok(match by {
            Some(by) => lang.tf("op.by", &[("what", &lang.t(label)), ("by", &by)]),
            None => lang.t(label).to_string(),
        })
    }

    fn changed(&mut self, lang: Lang) {
        self.generation += 1;
        self.dirty = true;
        if self.saver.is_inline() {
            self.flush(lang);
        }
        self.refresh();
        self.compare_received();
    }

    /// Reads each proposal waiting from phones against the workshop: the
    /// queue shows the one it looks like. Nothing is read while none waits.
    pub fn compare_received(&mut self) {
        self.received_like.clear();
        if crate::domain::moderation::pending(&self.w) == 0 {
            return;
        }
        self.similar.sync(&self.w);
        for r in self.w.received().iter().filter(|r| r.is_pending()) {
            if let Some(m) = self.similar.like_text(&r.text).first() {
                self.received_like.insert(r.id, m.other);
            }
        }
    }

    /// A phase's timebox from the agenda (the usual one if it has none).
    pub fn planned(&self, phase: crate::domain::Phase) -> std::time::Duration {
        planned(&self.w, phase)
    }

    /// Keeps the timer's time spent in the workshop, so that a restart
    /// (or a crash) finds it. Not an undo step: time is measured.
    pub fn keep_time(&mut self, now: std::time::Instant, lang: Lang) {
        self.time_kept = Some(now);
        let record = self.timer.record(now);
        if self.read_only || record == *self.w.time_spent() {
            return;
        }
        if crate::domain::apply(&mut self.w, Op::SetTimeSpent(record)).is_ok() {
            self.changed(lang);
        }
    }

    /// Whether the running timer's time was last kept more than `every` ago.
    pub fn time_to_keep(&self, now: std::time::Instant, every: std::time::Duration) -> bool {
        self.timer.is_running()
            && self
                .time_kept
                .is_none_or(|at| now.saturating_duration_since(at) >= every)
    }

    /// Whether a snapshot is with the writer and not reported yet.
    pub fn writer_busy(&self) -> bool {
        self.in_flight
    }

    /// Hands the latest workshop to the writer, if it is idle. The event
    /// loop calls this after drawing, so the screen answers a key before
    /// the snapshot is taken; a save in progress is never queued behind.
    pub fn flush(&mut self, lang: Lang) {
        if !self.dirty || self.in_flight {
            return;
        }
        if let Some(at) = self.retry_at {
            if std::time::Instant::now() < at && !self.saver.is_inline() {
                return;
            }
            self.retry_at = None;
        }
        self.dirty = false;
        match self.saver.save(self.generation, &self.w) {
            Some(report) => {
                if let Some(n) = self.on_report(report, lang) {
                    self.notices.push(n);
                }
            }
            None => self.in_flight = !self.read_only,
        }
    }

    /// Recomputes what the screens derive from the workshop: the shared
    /// counts now, the rounds' counts when shown, and the screens' rows
    /// when they find the revision moved.
    pub fn refresh(&mut self) {
        self.derived.update(&self.w);
        let w = &self.w;
        self.marked
            .retain(|id| w.proposal(*id).is_some_and(|p| !p.is_merged()));
        self.revision += 1;
        self.counts_stale = true;
        self.show(self.shown);
    }

    /// The phase on show becomes `phase`; the rounds' counts are rebuilt
    /// for the screens that show them, if stale.
    pub fn show(&mut self, phase: crate::domain::Phase) {
        use crate::domain::Phase;
        self.shown = phase;
        if self.counts_stale && matches!(phase, Phase::Vote | Phase::Results) {
            // Recounted from the stored ballots after every change.
            self.counts = self
                .w
                .rounds()
                .iter()
                .map(|r| (r.id, crate::domain::Tally::compute(&self.w, r)))
                .collect();
            self.counts_stale = false;
        }
    }

    /// The round the results screen shows: the current one, the last
    /// when none was chosen.
    pub fn current_round(&self) -> Option<crate::domain::RoundId> {
        self.round
            .filter(|id| self.w.round(*id).is_some())
            .or_else(|| self.w.rounds().last().map(|r| r.id))
    }

    /// The count kept for a round. Private: what may be shown of it is
    /// `public`'s to say.
    fn tally(&self, round: crate::domain::RoundId) -> Option<&crate::domain::Tally> {
        self.counts
            .iter()
            .find(|(r, _)| *r == round)
            .map(|(_, t)| t)
    }

    /// What may be shown of a round now (participation only until it is
    /// revealed): every screen asks this.
    pub fn public(&self, round: crate::domain::RoundId) -> Option<crate::domain::Public<'_>> {
        let r = self.w.round(round)?;
        Some(crate::domain::Public::of(&self.w, r, self.tally(round)?))
    }

    /// A revealed round's result; `None` while it is hidden.
    pub fn revealed(&self, round: crate::domain::RoundId) -> Option<crate::domain::Revealed<'_>> {
        match self.public(round)? {
            crate::domain::Public::Revealed(shown) => Some(shown),
            crate::domain::Public::Hidden(_) => None,
        }
    }

    /// Takes in what the writer (or the watcher) reports; what it means
    /// for the facilitator, if anything.
    pub fn on_report(&mut self, report: Report, lang: Lang) -> Option<Notice> {
        match report {
            Report::Touched => {
                let report = self.saver.check(&self.w)?;
                self.on_report(report, lang)
            }
            Report::Save { generation, result } => {
                if generation.is_some() {
                    self.in_flight = false;
                }
                match result {
                    Ok(done) => {
                        if let Some(g) = generation {
                            self.saved = self.saved.max(g);
                            if g >= self.generation {
                                self.save_error = None;
                            }
                            self.release_acks();
                            self.prune_pending();
                        }
                        (done == Some(Saved::Recreated)).then_some(Notice::Recreated)
                    }
                    Err(StoreError::Conflict { theirs, mine, .. }) => {
                        let first = self.conflict.is_none();
                        self.conflict = Some(FileConflict { theirs, mine });
                        // Ours is safe in its copy: nothing waits for disk.
                        if let Some(g) = generation {
                            self.saved = self.saved.max(g);
                            self.release_acks();
                            self.prune_pending();
                        }
                        // Asked again at each change until settled.
                        (first || generation.is_some()).then_some(Notice::Conflict)
                    }
                    Err(e) => {
                        let mut text = e.localize(lang);
                        if let Some(g) = generation {
                            self.fail_acks(g);
                            // Tried again by itself (a full disk, no file
                            // descriptor left, a file held by another
                            // program): the next flush after a pause.
                            if g >= self.saved {
                                self.dirty = true;
                                self.retry_at = Some(std::time::Instant::now() + SAVE_RETRY_EVERY);
                            }
                            text = format!("{text} {}", lang.t("store.kept_in_memory"));
                        }
                        self.save_error = Some(text.clone());
                        generation.is_none().then_some(Notice::Error(text))
                    }
                }
            }
            Report::Theirs(Ok(w)) => {
                let mine = self.conflict.take().map(|c| c.mine).unwrap_or_default();
                self.w = *w;
                // The history undid changes to our version, not theirs.
                self.history = History::default();
                self.saved = self.generation;
                self.save_error = None;
                self.refresh();
                self.compare_received();
                Some(Notice::Reloaded(mine))
            }
            Report::Theirs(Err(e)) => Some(Notice::Error(e.localize(lang))),
        }
    }

    /// Settles a file conflict with our version (written over theirs) or
    /// theirs (read back). What it did comes back as a notice.
    pub fn resolve(&mut self, keep_mine: bool, lang: Lang) -> Option<Notice> {
        let theirs = self.conflict.as_ref().map(|c| c.theirs.clone());
        let how = if keep_mine {
            self.generation += 1;
            Resolve::KeepMine(self.generation, Box::new(self.w.clone()))
        } else {
            Resolve::TakeTheirs
        };
        if keep_mine {
            self.conflict = None;
        }
        let notice = if let Some(report) = self.saver.resolve(how) {
            self.on_report(report, lang)
        } else {
            self.in_flight = keep_mine;
            None
        };
        match (keep_mine, notice, theirs) {
            (true, None, Some(theirs)) => Some(Notice::KeptMine(theirs)),
            (_, notice, _) => notice,
        }
    }

    /// Hands over the last change and waits for the pending saves; the
    /// lock is released after. The draft keeps what did not reach the disk.
    pub fn close(&mut self) {
        self.in_flight = false;
        if self.dirty {
            self.dirty = false;
            let _ = self.saver.save(self.generation, &self.w);
        }
        if let Some(written) = self.saver.close() {
            self.saved = self.saved.max(written);
            self.prune_pending();
        }
        let typing = std::mem::take(&mut self.typing);
        let text = std::mem::take(&mut self.capture_text);
        self.keep_typed(text, typing);
        if let Some(mut draft) = self.draft.take() {
            let _ = draft.close();
        }
    }
}

impl Doc {
    /// The live proposal `id` looks most like, if one is close enough.
    pub fn similar_to(
        &mut self,
        id: crate::domain::ProposalId,
    ) -> Option<crate::domain::similar::Match> {
        self.similar.sync(&self.w);
        self.similar.like(id).into_iter().next()
    }

    /// Compares proposals with `index` from now on (the config's settings).
    pub fn set_similarity(&mut self, index: crate::domain::similar::Index) {
        self.similar = index;
        self.similar_warm = false;
        self.compare_received();
    }

    /// A step of building the similarity index, on a tick: a few hundred
    /// proposals (a few milliseconds), until the workshop is read.
    pub fn warm_similar(&mut self) {
        if !self.similar_warm {
            self.similar_warm = self.similar.warm(&self.w, 300);
        }
    }

    /// What the tag screen suggests now (the index brought up to date).
    pub fn suggestions(&mut self) -> Vec<crate::domain::similar::Suggestion> {
        use crate::domain::similar::Suggestion;
        self.similar.sync(&self.w);
        let mut all = self.similar.suggestions(&self.w);
        // The shared words as the oldest proposal of a group writes them,
        // accents and all: the room reads its own words.
        for s in &mut all {
            if let Suggestion::Merge(g) = s
                && let [first, second, ..] = g.members[..]
                && let Some(p) = self.w.proposal(first)
            {
                let words = self.similar.words_shared_with(&p.text, second);
                if !words.is_empty() {
                    g.shared = words;
                }
            }
        }
        all
    }

    /// The older proposal `id` (just saved) looks like, and the words
    /// both say as `id` writes them: the room reads its own words.
    pub fn looks_like(
        &mut self,
        id: crate::domain::ProposalId,
    ) -> Option<(crate::domain::ProposalId, Vec<String>)> {
        let like = self.similar_to(id)?;
        let text = self
            .w
            .proposal(id)
            .map(|p| p.text.clone())
            .unwrap_or_default();
        Some((
            like.other,
            self.similar.words_shared_with(&text, like.other),
        ))
    }

    pub fn now(&self, clock: &Clock) -> crate::domain::Stamp {
        clock.now()
    }
}

/// However the app ends (the terminal gone, an error, a panic), the last
/// change is handed to the writer and written before the workshop goes.
impl Drop for Doc {
    fn drop(&mut self) {
        self.close();
    }
}
