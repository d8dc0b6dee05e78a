//! What an export error says to the facilitator, in their language.

use crate::i18n::{Lang, Localize, io_reason};

impl Localize for super::ExportError {
    fn localize(&self, lang: Lang) -> String {
        lang.tf(
            "export.cannot_write",
            &[
                ("path", &self.path.display()),
                ("reason", &io_reason(lang, &self.source)),
            ],
        )
    }
}
