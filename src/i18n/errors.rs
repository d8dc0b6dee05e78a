//! Errors in the facilitator's language.

use super::Lang;
use crate::domain::DomainError;
use std::io;

pub trait Localize {
    fn localize(&self, lang: Lang) -> String;
}

impl Localize for DomainError {
    fn localize(&self, lang: Lang) -> String {
        use DomainError as E;
        let t = |key: &str, args: &[(&str, &dyn std::fmt::Display)]| lang.tf(key, args);
        match self {
            E::EmptyText => t("err.empty_text", &[]),
            E::TextTooLong { chars, max } => {
                t("err.text_too_long", &[("chars", chars), ("max", max)])
            }
            E::EmptyName => t("err.empty_name", &[]),
            E::EmptyTitle => t("err.empty_title", &[]),
            E::UnknownAxis(k) => t("err.unknown_axis", &[("axis", k)]),
            E::DuplicateAxis(k) => t("err.duplicate_axis", &[("axis", k)]),
            E::AxisKeyOutOfRange(k) => t("err.axis_key_range", &[("axis", k)]),
            E::NoAxis => t("err.no_axis", &[]),
            E::TooManyAxes => t("err.too_many_axes", &[]),
            E::AxisInUse { key, uses } => t("err.axis_in_use", &[("axis", key), ("n", uses)]),
            E::UnknownProposal(p) => t("err.unknown_proposal", &[("id", p)]),
            E::DuplicateProposal(p) => t("err.duplicate_proposal", &[("id", p)]),
            E::ProposalHasVotes(p) => t("err.proposal_has_votes", &[("id", p)]),
            E::ProposalMerged(p, into) => t("err.proposal_merged", &[("id", p), ("into", into)]),
            E::ProposalHoldsMerges(p) => t("err.proposal_holds_merges", &[("id", p)]),
            E::MergeNeedsTwo => t("err.merge_needs_two", &[]),
            E::NotMergedInto(p, into) => t("err.not_merged_into", &[("id", p), ("into", into)]),
            E::MergeLoop(p) => t("err.merge_loop", &[("id", p)]),
            E::UnknownParticipant(p) => t("err.unknown_participant", &[("id", p)]),
            E::DuplicateParticipant(p) => t("err.duplicate_participant", &[("id", p)]),
            E::ParticipantHasVoted(p) => t("err.participant_has_voted", &[("id", p)]),
            E::UnknownRound(r) => t("err.unknown_round", &[("id", r)]),
            E::DuplicateRound(r) => t("err.duplicate_round", &[("id", r)]),
            E::RoundHasVotes(r) => t("err.round_has_votes", &[("id", r)]),
            E::RoundClosed(r) => t("err.round_closed", &[("id", r)]),
            E::WrongMode(r) => t("err.wrong_mode", &[("id", r)]),
            E::ModeLocked => t("err.mode_locked", &[]),
            E::NoSuchGrade { proposal, grade } => {
                t("err.no_such_grade", &[("id", proposal), ("grade", grade)])
            }
            E::NotInScope(p) => t("err.not_in_scope", &[("id", p)]),
            E::OverBudget { spent, budget } => {
                t("err.over_budget", &[("spent", spent), ("budget", budget)])
            }
            E::OverCap {
                proposal,
                dots,
                cap,
            } => t(
                "err.over_cap",
                &[("id", proposal), ("dots", dots), ("cap", cap)],
            ),
            E::AlreadyVoted(v) => t("err.already_voted", &[("voter", v)]),
            E::DeviceVoted => t("err.device_voted", &[]),
            E::UnknownReceived(id) => t("err.unknown_received", &[("id", id)]),
            E::PhoneVotersLocked => t("err.phone_voters_locked", &[]),
            E::BadCode(c) => t("err.bad_code", &[("code", c)]),
            E::BadPhoneKey => t("err.bad_phone_key", &[]),
            E::DuplicateCode(c) => t("err.duplicate_code", &[("code", c)]),
            E::BadDevice(d) => t("err.bad_device", &[("device", d)]),
            E::EmptyBallot => t("err.empty_ballot", &[]),
            E::ZeroBudget => t("err.zero_budget", &[]),
            E::ZeroCap => t("err.zero_cap", &[]),
            E::CapAboveBudget { cap, budget } => {
                t("err.cap_above_budget", &[("cap", cap), ("budget", budget)])
            }
            E::ZeroWinners => t("err.zero_winners", &[]),
            E::EmptyShortlist => t("err.empty_shortlist", &[]),
            E::UnknownBallot(i) => t("err.unknown_ballot", &[("n", i)]),
            E::UnknownSheet(s) => t("err.unknown_sheet", &[("id", s)]),
            E::DuplicateSheet(s) => t("err.duplicate_sheet", &[("id", s)]),
            E::BadPosition(i) => t("err.bad_position", &[("n", i)]),
            E::DraftingClosed => t("err.drafting_closed", &[]),
            E::FieldLocked => t("err.field_locked", &[]),
            E::ItemMismatch => t("err.item_mismatch", &[]),
            E::NotAChoice => t("err.not_a_choice", &[]),
        }
    }
}

/// What an I/O error means for a facilitator: the common cases by name.
pub fn io_reason(lang: Lang, e: &io::Error) -> String {
    if crate::platform::is_held_by_another_program(e) {
        return lang.t("io.held").to_string();
    }
    if crate::platform::is_out_of_descriptors(e) {
        return lang.t("io.no_descriptors").to_string();
    }
    let key = match e.kind() {
        io::ErrorKind::AlreadyExists => "io.exists",
        io::ErrorKind::ResourceBusy => "io.busy",
        io::ErrorKind::TimedOut => "io.timed_out",
        io::ErrorKind::DirectoryNotEmpty => "io.not_empty",
        io::ErrorKind::NotFound => "io.not_found",
        io::ErrorKind::PermissionDenied => "io.permission_denied",
        io::ErrorKind::ReadOnlyFilesystem => "io.read_only",
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => "io.full",
        io::ErrorKind::IsADirectory => "io.is_a_directory",
        io::ErrorKind::InvalidData => "io.invalid_data",
        _ => return lang.tf("io.other", &[("error", e)]),
    };
    lang.t(key).to_string()
}

impl Localize for crate::domain::synthesis::SynthesisError {
    fn localize(&self, lang: Lang) -> String {
        use crate::domain::synthesis::SynthesisError as E;
        match self {
            E::TooFew => lang.t("synthesis.too_few").to_string(),
            E::SameWorkshop { a, b } => lang.tf("synthesis.same", &[("a", a), ("b", b)]),
            E::SharedHistory { a, b, shared } => {
                lang.tf("synthesis.shared", &[("a", a), ("b", b), ("n", shared)])
            }
            E::AlreadyIncluded { synthesis, source } => lang.tf(
                "synthesis.already",
                &[("synthesis", synthesis), ("source", source)],
            ),
            E::AxisConflicts(conflicts) => {
                let parts: Vec<String> = conflicts
                    .iter()
                    .map(|c| {
                        let titles: Vec<String> = c
                            .titles
                            .iter()
                            .map(|(file, title)| format!("« {title} » ({file})"))
                            .collect();
                        if c.titles.len() == 1 {
                            lang.tf(
                                "synthesis.axis_missing",
                                &[("axis", &c.key), ("title", &titles[0])],
                            )
                        } else {
                            lang.tf(
                                "synthesis.axis_differs",
                                &[("axis", &c.key), ("titles", &titles.join(", "))],
                            )
                        }
                    })
                    .collect();
                lang.tf("synthesis.axes", &[("list", &parts.join(" ; "))])
            }
        }
    }
}

impl Localize for crate::domain::items::ItemError {
    /// What is wrong with an item typed in a form, with what to type: the
    /// same words in the terminal and on a group's page.
    fn localize(&self, lang: Lang) -> String {
        use crate::domain::items::ItemError as E;
        use crate::domain::sheet::AmountError as A;
        match self {
            E::EmptyName => lang.t("err.empty_name").to_string(),
            E::EmptyText => lang.t("err.empty_text").to_string(),
            E::BadYear(value) => lang.tf("sheet.bad_year", &[("value", value)]),
            E::Amount(e, value) => {
                let key = match e {
                    A::Empty => "sheet.amount_empty",
                    A::Negative => "sheet.amount_negative",
                    A::NotANumber => "sheet.amount_letters",
                    A::TooLarge => "sheet.amount_too_large",
                };
                lang.tf(key, &[("value", value)])
            }
            E::FunderEmpty => lang.t("sheet.funder_empty").to_string(),
            E::Yearly(e) => {
                let understood = if e.understood.is_empty() {
                    lang.t("sheet.nothing_understood").to_string()
                } else {
                    crate::domain::sheet::format_yearly(&e.understood)
                };
                lang.tf(
                    "sheet.bad_yearly",
                    &[("value", &e.unclear), ("understood", &understood)],
                )
            }
        }
    }
}
