//! Small forms: a new workshop, a participant, an axis, a workshop detail.
//! Fields are text or a choice among labels.

use super::field::Field;

#[derive(Debug, Clone)]
pub enum FieldKind {
    Text(Box<Field>),
    /// Labels already in the facilitator's language.
    Choice {
        options: Vec<String>,
        selected: usize,
    },
}

#[derive(Debug, Clone)]
pub struct FormField {
    /// Catalogue key of the label.
    pub label: &'static str,
    pub kind: FieldKind,
}

/// What a form is for: decides what submitting it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    NewWorkshop,
    Participant(Option<crate::domain::ParticipantId>),
    Axis(Option<crate::domain::AxisKey>),
    /// One field of the workshop details, by index.
    Detail(usize),
    /// A voting round's rules: a new round, or one to change.
    Round(Option<crate::domain::RoundId>),
    /// How many winners per axis to choose on the results screen.
    TopPerAxis,
    /// A phase's timebox in the agenda.
    Agenda(crate::domain::Phase),
    /// Part of an action sheet, by the sheet's id.
    Sheet(String, crate::domain::sheet::SheetPart),
    /// Export: formats, names, CSV style, folder.
    Export,
    /// Import the proposals of another workshop: the files listed.
    Import(Vec<std::path::PathBuf>),
    /// A proposal sent from a phone, merged into the one whose number is
    /// typed.
    MergeReceived(crate::domain::ReceivedId),
    /// A proposal sent from a phone, set aside: why.
    SetAside(crate::domain::ReceivedId),
}

#[derive(Debug, Clone)]
pub struct Form {
    pub purpose: Purpose,
    /// Catalogue key of the title.
    pub title: &'static str,
    pub fields: Vec<FormField>,
    pub focus: usize,
}

impl Form {
    pub fn new(purpose: Purpose, title: &'static str, fields: Vec<FormField>) -> Form {
        Form {
            purpose,
            title,
            fields,
            focus: 0,
        }
    }

    pub fn text(label: &'static str, value: &str) -> FormField {
        FormField {
            label,
            kind: FieldKind::Text(Box::new(Field::single(value))),
        }
    }

    /// A text field holding a value offered, which typing replaces.
    pub fn suggested(label: &'static str, value: &str) -> FormField {
        FormField {
            label,
            kind: FieldKind::Text(Box::new(Field::suggestion(value))),
        }
    }

    pub fn choice(label: &'static str, options: Vec<String>, selected: usize) -> FormField {
        FormField {
            label,
            kind: FieldKind::Choice {
                selected: selected.min(options.len().saturating_sub(1)),
                options,
            },
        }
    }

    pub fn value(&self, i: usize) -> String {
        match self.fields.get(i).map(|f| &f.kind) {
            Some(FieldKind::Text(f)) => f.text(),
            Some(FieldKind::Choice { options, selected }) => {
                options.get(*selected).cloned().unwrap_or_default()
            }
            None => String::new(),
        }
    }

    pub fn choice_index(&self, i: usize) -> usize {
        match self.fields.get(i).map(|f| &f.kind) {
            Some(FieldKind::Choice { selected, .. }) => *selected,
            _ => 0,
        }
    }

    pub fn next(&mut self, delta: isize) {
        let n = self.fields.len() as isize;
        if n > 0 {
            self.focus = (self.focus as isize + delta).rem_euclid(n) as usize;
        }
    }

    /// Moves the focused choice; `Some` when the focus is a choice.
    pub fn cycle(&mut self, delta: isize) -> bool {
        if let Some(FormField {
            kind: FieldKind::Choice { options, selected },
            ..
        }) = self.fields.get_mut(self.focus)
        {
            let n = options.len() as isize;
            *selected = (*selected as isize + delta).rem_euclid(n.max(1)) as usize;
            return true;
        }
        false
    }

    /// Whether the focused field is a choice (not text).
    pub fn focused_is_choice(&self) -> bool {
        matches!(
            self.fields.get(self.focus).map(|f| &f.kind),
            Some(FieldKind::Choice { .. })
        )
    }

    /// The focused text field, if the focus is on one.
    pub fn focused_text(&mut self) -> Option<&mut Field> {
        match self.fields.get_mut(self.focus).map(|f| &mut f.kind) {
            Some(FieldKind::Text(f)) => Some(f),
            _ => None,
        }
    }
}
