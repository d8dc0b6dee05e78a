//! The layers hold: each part of the crate uses only the parts below it,
//! read from the source (tests included), and the domain's own modules
//! form no circle. A phone page, a booth and an export can then share the
//! voting rules without reaching into the terminal, and the domain stays
//! plain Rust that any front end can use.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// From the inside out: a layer may use those before it, never after.
const LAYERS: &[&str] = &[
    "platform",
    "domain",
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

#[test]
fn the_domain_modules_form_no_circle() {
    let domain = src().join("domain");
    let root = std::fs::read_to_string(domain.join("mod.rs")).unwrap();
    // `pub use round::{Ballot, …}` in mod.rs: which module each name is.
    let mut home: BTreeMap<String, String> = BTreeMap::new();
    for line in root.lines() {
        if let Some(rest) = line.strip_prefix("pub use ") {
            let (module, names) = rest.split_once("::").unwrap_or((rest, ""));
            let names = names.trim_end_matches(';').trim_matches(['{', '}']);
            for name in names.split(',') {
                home.insert(name.trim().to_string(), module.to_string());
            }
        }
    }
    let modules: BTreeSet<String> = std::fs::read_dir(&domain)
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            let stem = p.file_stem()?.to_string_lossy().to_string();
            (stem != "mod" && !stem.starts_with("tests")).then_some(stem)
        })
        .collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for module in &modules {
        let file = domain.join(format!("{module}.rs"));
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue; // a folder module (synthesis/): its own files below
        };
        let code = without_tests(&text).replace("crate::domain::", "super::");
        let mut uses = BTreeSet::new();
        for piece in code.split("super::").skip(1) {
            let names: Vec<String> = match piece.strip_prefix('{') {
                Some(group) => group
                    .split('}')
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .map(|s| s.trim().split("::").next().unwrap_or_default().to_string())
                    .collect(),
                None => vec![
                    piece
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect(),
                ],
            };
            for name in names {
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
    // Depth-first search for a back edge.
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
    let linked: usize = edges.values().map(BTreeSet::len).sum();
    assert!(linked > 20, "the scan found too few links: {linked}");
    for m in edges.keys() {
        if let Some(circle) = visit(m, &edges, &mut Vec::new(), &mut done) {
            panic!("domain modules in a circle: {}", circle.join(" → "));
        }
    }
}
