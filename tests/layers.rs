//! The layers hold: each part of the crate uses only the parts below it,
//! read from the source (tests included), and the domain's own modules
//! form no circle. A phone page, a booth and an export can then share the
//! voting rules without reaching into the terminal, and the domain stays
//! plain Rust that any front end can use.
#![allow(clippy::unwrap_used, clippy::panic)] // A test or bench fails by panicking.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// From the inside out: a layer may use those before it, never after.
const LAYERS: &[&str] = &[
    "platform",
    "domain",
    "clock",
    "i18n",
    "store",
    "export",
    "app",
    "ui",
    "web",
    "event_loop",
    "cli",
    "subcommands",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The top-level module a source file belongs to (`None`: the crate root).
fn layer_of(file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src()).unwrap();
    let first = rel.components().next()?.as_os_str().to_string_lossy();
    let name = first.trim_end_matches(".rs").to_string();
    (!matches!(name.as_str(), "lib" | "main")).then_some(name)
}

/// The modules named after `crate::` in `text`, including in groups like
/// `use crate::{domain, store}`.
fn crate_paths(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for piece in text.split("crate::").skip(1) {
        if let Some(group) = piece.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or_default();
            for item in inner.split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                found.insert(name);
            }
        } else {
            let name: String = piece
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            found.insert(name);
        }
    }
    found.retain(|n| !n.is_empty());
    found
}

#[test]
fn each_layer_uses_only_the_layers_below_it() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let rank = |name: &str| LAYERS.iter().position(|l| *l == name);
    let mut broken = Vec::new();
    let mut checked = 0;
    for file in &files {
        let Some(layer) = layer_of(file) else {
            continue;
        };
        // The crate-level tests drive everything, by design.
        if layer == "tests" {
            continue;
        }
        let own = rank(&layer)
            .unwrap_or_else(|| panic!("{}: a layer missing from LAYERS", file.display()));
        let text = std::fs::read_to_string(file).unwrap();
        for used in crate_paths(&text) {
            checked += 1;
            if let Some(theirs) = rank(&used)
                && theirs > own
            {
                broken.push(format!("{} ({layer}) uses {used}", file.display()));
            }
        }
    }
    assert!(checked > 100, "the scan found too little: {checked}");
    assert!(
        broken.is_empty(),
        "layers crossed upward:\n{}",
        broken.join("\n")
    );
}

/// A file's text without its `#[cfg(test)]` module (tests may use any
/// sibling; only the code itself must not go round in circles).
fn without_tests(text: &str) -> &str {
    text.find("#[cfg(test)]\nmod tests")
        .map_or(text, |at| &text[..at])
}

/// The modules directly inside `folder` (files and folders, but `mod.rs`
/// and test modules).
fn children(folder: &Path) -> BTreeSet<String> {
    std::fs::read_dir(folder)
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            let stem = p.file_stem()?.to_string_lossy().to_string();
            let module = p.extension().is_some_and(|x| x == "rs") || p.join("mod.rs").exists();
            (module && stem != "mod" && !stem.starts_with("tests")).then_some(stem)
        })
        .collect()
}

/// The names `marker` is followed by in `code`, one or a `{…}` group.
fn names_after(code: &str, marker: &str) -> Vec<String> {
    let mut out = Vec::new();
    for piece in code.split(marker).skip(1) {
        match piece.strip_prefix('{') {
            Some(group) => out.extend(
                group
                    .split('}')
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .map(|s| s.trim().split("::").next().unwrap_or_default().to_string()),
            ),
            None => out.push(
                piece
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect(),
            ),
        }
    }
    out
}

/// Which sibling each module directly inside `folder` uses, read from its
/// code without its tests: `super::x` from a file beside it, deeper files
/// through as many `super::` or the module's full `crate::` path. A name
/// re-exported by `mod.rs` (`pub use round::{Ballot, …}`) counts as the
/// module it comes from.
fn module_graph(folder: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let rel = folder.strip_prefix(src()).unwrap();
    let path: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect();
    let full = format!("crate::{}::", path.join("::"));
    let modules = children(folder);
    let mut home: BTreeMap<String, String> = BTreeMap::new();
    let root = std::fs::read_to_string(folder.join("mod.rs")).unwrap_or_default();
    for line in root.lines() {
        if let Some(rest) = line.strip_prefix("pub use ") {
            let (module, names) = rest.split_once("::").unwrap_or((rest, ""));
            let names = names.trim_end_matches(';').trim_matches(['{', '}']);
            for name in names.split(',') {
                home.insert(name.trim().to_string(), module.to_string());
            }
        }
    }
    let mut edges = BTreeMap::new();
    for module in &modules {
        let mut files = Vec::new();
        let file = folder.join(format!("{module}.rs"));
        if file.exists() {
            files.push(file);
        } else {
            rust_files(&folder.join(module), &mut files);
            // A module's own test files may use anything, like its
            // `#[cfg(test)] mod tests`.
            files.retain(|f| {
                !f.file_stem()
                    .is_some_and(|s| s.to_string_lossy().starts_with("tests"))
            });
        }
        let mut uses = BTreeSet::new();
        for file in files {
            let depth = file.strip_prefix(folder).unwrap().components().count() - 1;
            let own = usize::from(file.file_name().is_some_and(|n| n == "mod.rs"));
            let up = "super::".repeat(depth + 1 - own.min(depth));
            let text = std::fs::read_to_string(&file).unwrap();
            let code = without_tests(&text).replace(&full, "@@::");
            let code = code.replace(&up, "@@::");
            for name in names_after(&code, "@@::") {
                let target = if modules.contains(&name) {
                    Some(name)
                } else {
                    home.get(&name).cloned()
                };
                if let Some(t) = target.filter(|t| t != module) {
                    uses.insert(t);
                }
            }
        }
        edges.insert(module.clone(), uses);
    }
    edges
}

/// A circle among `edges`, if there is one, as the path that closes it.
fn find_circle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        m: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == m) {
            let mut circle = path[at..].to_vec();
            circle.push(m.to_string());
            return Some(circle);
        }
        if done.contains(m) {
            return None;
        }
        path.push(m.to_string());
        for next in edges.get(m).into_iter().flatten() {
            if let Some(c) = visit(next, edges, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(m.to_string());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|m| visit(m, edges, &mut Vec::new(), &mut done))
}

#[test]
fn the_domain_modules_form_no_circle() {
    let edges = module_graph(&src().join("domain"));
    let linked: usize = edges.values().map(BTreeSet::len).sum();
    assert!(linked > 20, "the scan found too few links: {linked}");
    if let Some(circle) = find_circle(&edges) {
        panic!("domain modules in a circle: {}", circle.join(" → "));
    }
}

/// Every folder of the crate, at every depth: its modules use each other
/// without a circle, so each can be read (and changed) from the ones it
/// stands on.
#[test]
fn no_folder_of_the_crate_has_a_circle() {
    let mut folders = vec![src()];
    let mut checked = 0;
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if path.join("mod.rs").exists() && name != "tests" {
                folders.push(path);
            }
        }
        if folder == src() {
            continue; // the top level: `each_layer_uses_only_the_layers_below_it`
        }
        let edges = module_graph(&folder);
        checked += edges.values().map(BTreeSet::len).sum::<usize>();
        if let Some(circle) = find_circle(&edges) {
            panic!(
                "{}: modules in a circle: {}",
                folder.display(),
                circle.join(" → ")
            );
        }
    }
    assert!(checked > 100, "the scan found too few links: {checked}");
}

/// Inside the app and the terminal's views, the same rule as between the
/// crate's layers: a module uses its own layer and those below, never one
/// above. The app: the kit (fields, forms, lists, keys) knows no screen;
/// the session (an open workshop and its writer) knows no screen, not
/// even their states; the screens know no router.
#[test]
fn the_app_and_its_views_keep_their_sub_layers() {
    let app: &[&[&str]] = &[
        &[
            "keys", "field", "form", "list", "theme", "layout", "config", "timer", "remote",
            "saver", "derived", "input", "cx", "effect", "viewer",
        ],
        &["doc", "lifecycle"],
        &["screens", "phones", "fiches", "conflict", "exchange"],
        &["keypress", "apply", "opening"],
        &["global", "dialogs", "pointer"],
        &["update", "drive"],
    ];
    let ui: &[&[&str]] = &[
        &["widgets", "qr", "memory"],
        &[
            "capture", "tag", "setup", "vote", "results", "sheets", "home",
        ],
        &["overlay", "projection"],
    ];
    let mut broken = Vec::new();
    for (folder, layers) in [("app", app), ("ui", ui)] {
        let edges = module_graph(&src().join(folder));
        let rank = |m: &str| layers.iter().position(|l| l.contains(&m));
        for (module, uses) in &edges {
            let own = rank(module).unwrap_or_else(|| {
                panic!("{folder}/{module}: a module missing from its sub-layers")
            });
            for used in uses {
                if rank(used).is_some_and(|r| r > own) {
                    broken.push(format!("{folder}/{module} uses {used}, a layer above"));
                }
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

/// "Now" has one source: `src/clock.rs`. The domain is given its stamps
/// and a test can fix the time; no other module reads the wall clock
/// (tests aside).
#[test]
fn only_the_clock_reads_the_wall_clock() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut readers = Vec::new();
    for file in files {
        let name = file
            .strip_prefix(src())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if name == "clock.rs" || name.starts_with("tests/") || name.ends_with("tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for read in ["Local::now()", "Utc::now()", "SystemTime::now()"] {
            if without_tests(&text).contains(read) {
                readers.push(format!("{name}: {read}"));
            }
        }
    }
    assert!(readers.is_empty(), "{}", readers.join("\n"));
}

/// The views only draw: no file of `src/ui/` changes the app, runs an op
/// on the workshop or names what a handler returns. State changes go
/// through `update`, one direction.
#[test]
fn the_views_only_draw() {
    let mut files = Vec::new();
    rust_files(&src().join("ui"), &mut files);
    let mut found = Vec::new();
    for file in &files {
        if file.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        let code = without_tests(&text);
        for name in [
            "&mut App",
            "Effect",
            "Fx",
            "Op::",
            "run_op",
            "update::",
            "app::apply",
            "app::dialogs",
            "app::global",
        ] {
            if code.contains(name) {
                found.push(format!("{}: {name}", file.display()));
            }
        }
    }
    assert!(files.len() > 10, "the scan found too few views");
    assert!(found.is_empty(), "views that act:\n{}", found.join("\n"));
}

/// Each screen is one folder (its state, its handler) that knows no other
/// screen: what one asks of another goes through the effects it returns
/// or the open workshop, so a screen is changed without reading the rest.
#[test]
fn a_screen_knows_no_other_screen() {
    let edges = module_graph(&src().join("app/screens"));
    let screens = [
        "capture", "tag", "setup", "vote", "results", "sheets", "home",
    ];
    assert!(
        screens.iter().all(|s| edges.contains_key(*s)),
        "a screen's folder is missing: {:?}",
        edges.keys()
    );
    let linked: usize = edges.values().map(BTreeSet::len).sum();
    assert!(linked > 0, "the scan found no link at all");
    let mut found = Vec::new();
    for (screen, uses) in &edges {
        for used in uses {
            if screens.contains(&used.as_str()) {
                found.push(format!("{screen} uses {used}"));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// A screen's view draws from its own state, the open workshop and the
/// context (`draw(frame, &State, &Doc, &Cx, area)`), never from the whole
/// app: what it shows is what it is given, and a test can give it that.
#[test]
fn a_screen_view_is_given_its_state_not_the_app() {
    let views = [
        "capture", "tag", "setup", "vote", "results", "sheets", "home",
    ];
    let mut found = Vec::new();
    for view in views {
        let file = src().join("ui").join(format!("{view}.rs"));
        let text = std::fs::read_to_string(&file).unwrap();
        let code = without_tests(&text);
        assert!(
            code.contains("pub fn draw(") && code.contains("cx: &Cx"),
            "{view}: no view drawn from a context"
        );
        for name in ["&App", "app::App", "app.screens", "app.doc"] {
            if code.contains(name) {
                found.push(format!("ui/{view}.rs: {name}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "views given the whole app:\n{}",
        found.join("\n")
    );
}

/// Only the router touches the whole app: no screen's handler, nor the
/// phones', the exchanges' or the file conflicts', takes `App`; each is
/// given what it needs and returns effects.
#[test]
fn only_the_router_touches_the_app() {
    let mut files = Vec::new();
    rust_files(&src().join("app/screens"), &mut files);
    for name in ["phones.rs", "exchange.rs", "conflict.rs"] {
        files.push(src().join("app").join(name));
    }
    assert!(files.len() > 15, "the scan found too few handlers");
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let code = without_tests(&text);
        for name in ["&mut App", "&App", "app::App", "app::{App", ", App,"] {
            if code.contains(name) {
                found.push(format!("{}: {name}", file.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "handlers given the whole app:\n{}",
        found.join("\n")
    );
}
