//! Key bindings as data: tables of bindings, one per context, read from
//! `keymap.toml` and overridable in the user's config. The footer and the
//! help overlay read the same tables as the key lookup.

use super::command::Command;
use super::context::Context;
use crate::i18n::Lang;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;

/// A key with its modifiers, as written in the keymap: `ctrl-z`, `f1`,
/// `alt-enter`, `?`, `é`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Chord {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub keys: Vec<Chord>,
    pub command: Command,
    /// Catalogue key of the description shown in the footer and help.
    pub desc: String,
    pub footer: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Keymap {
    tables: HashMap<Context, Vec<Binding>>,
}

/// A binding as written in TOML.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBinding {
    pub on: Vec<String>,
    pub run: String,
    pub desc: String,
    #[serde(default = "yes")]
    pub footer: bool,
}

fn yes() -> bool {
    true
}

pub type RawTables = HashMap<String, Vec<RawBinding>>;

const DEFAULT: &str = include_str!("keymap.toml");

impl Chord {
    /// Normalises a key event: Shift is part of the character for
    /// printable keys (`?`, `A`), so it is dropped there.
    pub fn from_event(e: &KeyEvent) -> Chord {
        let mut mods =
            e.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match e.code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c)
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Chord { code, mods }
    }

    pub fn parse(text: &str) -> Result<Chord, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = text;
        // A lone "-" is the minus key, not a separator.
        while let Some((prefix, tail)) = rest.split_once('-').filter(|(_, t)| !t.is_empty()) {
            match prefix {
                "ctrl" => mods |= KeyModifiers::CONTROL,
                "alt" => mods |= KeyModifiers::ALT,
                "shift" => mods |= KeyModifiers::SHIFT,
                _ => break,
            }
            rest = tail;
        }
        let code = match rest {
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "delete" => KeyCode::Delete,
            "insert" => KeyCode::Insert,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "space" => KeyCode::Char(' '),
            f if f.starts_with('f') && f.len() > 1 && f[1..].parse::<u8>().is_ok() => {
                KeyCode::F(f[1..].parse().map_err(|_| format!("bad key {text:?}"))?)
            }
            c if c.chars().count() == 1 => KeyCode::Char(c.chars().next().unwrap_or(' ')),
            _ => return Err(format!("unknown key {text:?}")),
        };
        if matches!(code, KeyCode::Char(_)) && mods.contains(KeyModifiers::SHIFT) {
            // "shift-a" means "A"; for symbols the shifted char is written.
            if let KeyCode::Char(c) = code
                && c.is_ascii_lowercase()
            {
                mods.remove(KeyModifiers::SHIFT);
                return Ok(Chord {
                    code: KeyCode::Char(c.to_ascii_uppercase()),
                    mods,
                });
            }
        }
        Ok(Chord { code, mods })
    }

    /// The key as shown to the facilitator: `Ctrl+Z`, `F1`, `Entrée`, `↑`.
    pub fn label(&self, lang: Lang) -> String {
        let mut s = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            s.push_str("Ctrl+");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            s.push_str("Alt+");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            s.push_str(lang.t("keyname.shift"));
            s.push('+');
        }
        let name = match self.code {
            KeyCode::Enter => lang.t("keyname.enter").to_string(),
            KeyCode::Esc => lang.t("keyname.esc").to_string(),
            KeyCode::Tab => lang.t("keyname.tab").to_string(),
            KeyCode::BackTab => format!("{}+{}", lang.t("keyname.shift"), lang.t("keyname.tab")),
            KeyCode::Backspace => "⌫".to_string(),
            KeyCode::Delete => lang.t("keyname.delete").to_string(),
            KeyCode::Insert => lang.t("keyname.insert").to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => lang.t("keyname.home").to_string(),
            KeyCode::End => lang.t("keyname.end").to_string(),
            KeyCode::PageUp => lang.t("keyname.pageup").to_string(),
            KeyCode::PageDown => lang.t("keyname.pagedown").to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Char(' ') => lang.t("keyname.space").to_string(),
            // "Ctrl+Z", as keyboards print it; a bare "z" stays lower case.
            KeyCode::Char(c) if !self.mods.is_empty() => c.to_ascii_uppercase().to_string(),
            KeyCode::Char(c) => c.to_string(),
            other => format!("{other:?}"),
        };
        s.push_str(&name);
        s
    }
}

impl fmt::Display for Chord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.label(Lang::En))
    }
}

fn build(raw: Vec<RawBinding>, table: &str) -> Result<Vec<Binding>, String> {
    raw.into_iter()
        .map(|b| {
            let keys =
                b.on.iter()
                    .map(|k| Chord::parse(k))
                    .collect::<Result<Vec<_>, _>>()?;
            let command = b
                .run
                .parse()
                .map_err(|e| format!("[{table}] {:?}: {e}", b.run))?;
            Ok(Binding {
                keys,
                command,
                desc: b.desc,
                footer: b.footer,
            })
        })
        .collect()
}

/// A binding of the user's config that was not understood (and skipped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindingProblem {
    pub table: String,
    pub on: String,
    pub run: String,
}

impl BindingProblem {
    pub fn describe(&self, lang: Lang) -> String {
        lang.tf(
            "app.bad_binding",
            &[("table", &self.table), ("on", &self.on), ("run", &self.run)],
        )
    }
}

impl Keymap {
    /// Each description of `table` once, with the keys that do it: a run
    /// such as the nine axis digits reads `1…9 / &…ç`, others list every
    /// key. What the help screen and the README show.
    pub fn described(&self, table: Context, lang: Lang) -> Vec<(String, &str)> {
        let bindings = self.table(table);
        let mut out: Vec<(String, &str)> = Vec::new();
        for b in bindings {
            if out.iter().any(|(_, d)| *d == b.desc) {
                continue;
            }
            let same: Vec<&Binding> = bindings.iter().filter(|x| x.desc == b.desc).collect();
            let keys = if same.len() > 3 {
                let label = |x: &Binding, i: usize| x.keys.get(i).map(|k| k.label(lang));
                let run = |i| {
                    Some(format!(
                        "{}…{}",
                        label(same[0], i)?,
                        label(same[same.len() - 1], i)?
                    ))
                };
                [run(0), run(1)]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" / ")
            } else {
                same.iter()
                    .flat_map(|x| x.keys.iter().map(|k| k.label(lang)))
                    .collect::<Vec<_>>()
                    .join(" / ")
            };
            out.push((keys, &b.desc));
        }
        out
    }

    /// The key reference as a Markdown table, generated from the bindings:
    /// the README carries it, and a test keeps the two equal.
    pub fn reference_markdown(&self, lang: Lang) -> String {
        let mut md = String::from("| where | keys |\n| --- | --- |\n");
        for &table in Context::ALL {
            let entries: Vec<String> = self
                .described(table, lang)
                .into_iter()
                .map(|(keys, desc)| {
                    let keys = keys
                        .split(" / ")
                        .map(|k| format!("`{}`", k.replace('`', "\\`")))
                        .collect::<Vec<_>>()
                        .join("/");
                    format!("{keys} {}", lang.t(desc))
                })
                .collect();
            if entries.is_empty() {
                continue;
            }
            md.push_str(&format!(
                "| {} | {} |\n",
                lang.t(&table.heading_key()),
                entries.join(" · ").replace('|', "\\|")
            ));
        }
        md
    }

    /// The built-in bindings.
    pub fn builtin() -> Keymap {
        let raw: RawTables = toml::from_str(DEFAULT).expect("keymap.toml is valid (tested)");
        let mut map = Keymap::default();
        for (name, bindings) in raw {
            let context: Context = name.parse().expect("keymap.toml is valid (tested)");
            let built = build(bindings, &name).expect("keymap.toml is valid (tested)");
            map.tables.insert(context, built);
        }
        map
    }

    /// The built-in bindings with the user's put first: a user binding wins
    /// over a built-in one on the same key. Returns the problems found in the
    /// user's bindings, which are skipped.
    pub fn with_overrides(raw: RawTables) -> (Keymap, Vec<BindingProblem>) {
        let mut map = Keymap::builtin();
        let mut problems = Vec::new();
        for (name, bindings) in raw {
            for b in bindings {
                let problem = BindingProblem {
                    table: name.clone(),
                    on: b.on.join(", "),
                    run: b.run.clone(),
                };
                let context = name.parse::<Context>();
                match context.and_then(|c| Ok((c, build(vec![b], &name)?))) {
                    Ok((context, mut built)) => {
                        let table = map.tables.entry(context).or_default();
                        table.insert(0, built.remove(0));
                    }
                    Err(_) => problems.push(problem),
                }
            }
        }
        (map, problems)
    }

    /// The first binding for `key` in `tables`, in order.
    pub fn lookup(&self, tables: &[Context], key: &KeyEvent) -> Option<&Binding> {
        let chord = Chord::from_event(key);
        tables
            .iter()
            .filter_map(|t| self.tables.get(t))
            .find_map(|bindings| bindings.iter().find(|b| b.keys.contains(&chord)))
    }

    /// The first key that runs `command` in `tables`, as the lookup would
    /// find it: what a message names when it says which key to press.
    pub fn key_for(&self, tables: &[Context], command: Command) -> Option<&Chord> {
        tables
            .iter()
            .flat_map(|t| self.table(*t))
            .find(|b| b.command == command)
            .and_then(|b| b.keys.first())
    }

    /// The bindings of `table`, in file order (user overrides first).
    pub fn table(&self, table: Context) -> &[Binding] {
        self.tables.get(&table).map_or(&[], Vec::as_slice)
    }

    /// Bindings to show for `tables`: each key once (the one that wins),
    /// each description once.
    pub fn visible(&self, tables: &[Context], footer_only: bool) -> Vec<(&Chord, &Binding)> {
        let mut seen_keys = Vec::new();
        let mut seen_desc: Vec<&str> = Vec::new();
        let mut out = Vec::new();
        for t in tables {
            for b in self.table(*t) {
                let live: Vec<&Chord> = b.keys.iter().filter(|k| !seen_keys.contains(*k)).collect();
                seen_keys.extend(b.keys.iter().copied());
                let Some(first) = live.first() else { continue };
                if (footer_only && !b.footer) || seen_desc.contains(&b.desc.as_str()) {
                    continue;
                }
                seen_desc.push(&b.desc);
                out.push((*first, b));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventKind;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers: mods,
            kind: KeyEventKind::Press,
            state: ratatui::crossterm::event::KeyEventState::NONE,
        }
    }

    #[test]
    fn the_builtin_keymap_parses() {
        let map = Keymap::builtin();
        for t in [
            "global",
            "doc",
            "nav",
            "ends",
            "home",
            "capture",
            "capture_list",
            "tag",
            "setup",
            "form",
            "dialog",
            "viewer",
            "search",
        ] {
            assert!(!map.table(t.parse().unwrap()).is_empty(), "{t}");
        }
    }

    #[test]
    fn chords_parse_and_match_events() {
        assert_eq!(
            Chord::parse("ctrl-z").unwrap(),
            Chord {
                code: KeyCode::Char('z'),
                mods: KeyModifiers::CONTROL
            }
        );
        assert_eq!(Chord::parse("-").unwrap().code, KeyCode::Char('-'));
        assert_eq!(
            Chord::parse("alt--").unwrap(),
            Chord {
                code: KeyCode::Char('-'),
                mods: KeyModifiers::ALT
            }
        );
        assert_eq!(Chord::parse("f12").unwrap().code, KeyCode::F(12));
        assert_eq!(Chord::parse("shift-k").unwrap().code, KeyCode::Char('K'));
        assert!(Chord::parse("hyper-x").is_err());
        // A terminal may report '?' with Shift: it is still '?'.
        let map = Keymap::builtin();
        let b = map
            .lookup(
                &["global".parse::<Context>().unwrap()],
                &key(KeyCode::Char('?'), KeyModifiers::SHIFT),
            )
            .unwrap();
        assert_eq!(b.command, Command::Help);
    }

    #[test]
    fn azerty_digits_tag_like_digits() {
        let map = Keymap::builtin();
        let amp = map
            .lookup(
                &["tag".parse::<Context>().unwrap()],
                &key(KeyCode::Char('&'), KeyModifiers::NONE),
            )
            .unwrap();
        let one = map
            .lookup(
                &["tag".parse::<Context>().unwrap()],
                &key(KeyCode::Char('1'), KeyModifiers::SHIFT),
            )
            .unwrap();
        assert_eq!(amp.command, Command::Tag(1));
        assert_eq!(one.command, Command::Tag(1));
        let e = map
            .lookup(
                &["tag".parse::<Context>().unwrap()],
                &key(KeyCode::Char('é'), KeyModifiers::ALT),
            )
            .unwrap();
        assert_eq!(e.command, Command::Secondary(2));
    }

    #[test]
    fn user_bindings_win_and_bad_ones_are_reported() {
        let raw: RawTables = toml::from_str(
            "[[global]]\non = [\"ctrl-u\"]\nrun = \"undo\"\ndesc = \"key.undo\"\n\n[[global]]\non = [\"ctrl-x\"]\nrun = \"fly\"\ndesc = \"x\"\n",
        )
        .unwrap();
        let (map, problems) = Keymap::with_overrides(raw);
        let b = map
            .lookup(
                &["global".parse::<Context>().unwrap()],
                &key(KeyCode::Char('u'), KeyModifiers::CONTROL),
            )
            .unwrap();
        assert_eq!(b.command, Command::Undo);
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].describe(Lang::Fr),
            "Raccourci ignoré dans [keys.global] : « fly » sur ctrl-x n'est pas compris."
        );
    }

    /// A misspelt table in the config is said, not kept where no key is
    /// ever looked up.
    #[test]
    fn a_binding_in_an_unknown_table_is_a_problem() {
        let raw: RawTables =
            toml::from_str("[[captur]]\non = [\"ctrl-u\"]\nrun = \"undo\"\ndesc = \"key.undo\"\n")
                .unwrap();
        let (map, problems) = Keymap::with_overrides(raw);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].describe(Lang::Fr).contains("[keys.captur]"));
        let typed = key(KeyCode::Char('u'), KeyModifiers::CONTROL);
        assert!(map.lookup(Context::ALL, &typed).is_none());
    }

    /// The README's key table is generated from the bindings; run
    /// `UPDATE_README=1 cargo test readme` after changing `keymap.toml`.
    #[test]
    fn the_readme_key_table_is_the_keymap() {
        const START: &str = "<!-- keys:start -->\n";
        const END: &str = "<!-- keys:end -->";
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
        let readme = std::fs::read_to_string(path).unwrap();
        let from = readme.find(START).expect("the README marks its key table") + START.len();
        let to = readme
            .find(END)
            .expect("the README marks its key table's end");
        let table = Keymap::builtin().reference_markdown(Lang::En);
        if std::env::var_os("UPDATE_README").is_some() {
            let updated = format!("{}{table}{}", &readme[..from], &readme[to..]);
            std::fs::write(path, updated).unwrap();
            return;
        }
        assert!(
            readme[from..to] == table,
            "README.md's key table differs from keymap.toml: run UPDATE_README=1 cargo test readme"
        );
    }

    #[test]
    fn the_footer_shows_each_key_once() {
        let map = Keymap::builtin();
        let shown = map.visible(
            &[
                Context::Capture,
                Context::Nav,
                Context::Doc,
                Context::Global,
            ],
            true,
        );
        let descs: Vec<&str> = shown.iter().map(|(_, b)| b.desc.as_str()).collect();
        assert!(descs.contains(&"key.save_proposal"));
        // Tab is captured by the capture table, so "next phase" is not shown.
        assert!(!descs.contains(&"key.next_phase"));
        assert_eq!(descs.iter().filter(|d| **d == "key.undo").count(), 1);
    }
}
