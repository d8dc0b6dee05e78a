//! What a store error says to the facilitator, in their language.

use super::StoreError;
use super::format::Problem;
use crate::i18n::{Lang, Localize, io_reason};

impl Localize for StoreError {
    fn localize(&self, lang: Lang) -> String {
        use StoreError as E;
        match self {
            E::NotFound { path } => lang.tf("store.not_found", &[("path", &path.display())]),
            E::Read { path, source } => lang.tf(
                "store.cannot_read",
                &[
                    ("path", &path.display()),
                    ("reason", &io_reason(lang, source)),
                ],
            ),
            E::Bad { path, located } => {
                let what = match &located.problem {
                    Problem::Syntax(m) => lang.tf(
                        "store.syntax",
                        &[("message", &crate::i18n::parser::parser_message(lang, m))],
                    ),
                    Problem::Invalid(i) => i.error.localize(lang),
                    Problem::NotUtf8 => lang.t("store.not_utf8").to_string(),
                    Problem::TooNew { found } => lang.tf(
                        "store.too_new",
                        &[
                            ("found", found),
                            ("supported", &crate::domain::workshop::FORMAT),
                        ],
                    ),
                };
                lang.tf(
                    "store.bad_file",
                    &[
                        ("path", &path.display()),
                        ("line", &located.line),
                        ("column", &located.column),
                        ("what", &what),
                    ],
                )
            }
            E::Write { path, source } => lang.tf(
                "store.cannot_write",
                &[
                    ("path", &path.display()),
                    ("reason", &io_reason(lang, source)),
                ],
            ),
            E::Locked { path, holder } => match holder {
                Some(h) => lang.tf(
                    "store.locked_by",
                    &[
                        ("path", &path.display()),
                        ("pid", &h.pid),
                        ("host", &h.host),
                        ("since", &h.since),
                    ],
                ),
                None => lang.tf("store.locked", &[("path", &path.display())]),
            },
            E::LockIo { path, source } => lang.tf(
                "store.lock_failed",
                &[
                    ("path", &path.display()),
                    ("reason", &io_reason(lang, source)),
                ],
            ),
            E::Exists { path } => lang.tf("store.exists", &[("path", &path.display())]),
            E::ReadOnly { path } => lang.tf("store.read_only", &[("path", &path.display())]),
            E::Serialize { message } => lang.tf("store.serialize", &[("message", message)]),
            E::Conflict { path, theirs, mine } => lang.tf(
                "store.conflict",
                &[
                    ("path", &path.display()),
                    ("theirs", &theirs.display()),
                    ("mine", &mine.display()),
                ],
            ),
        }
    }
}
