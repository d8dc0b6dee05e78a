//! `atelier.exe` itself, run under Wine: the Windows build checks, creates,
//! exports, merges and reports a broken file as the Linux one does, and
//! what it writes is read back with the library.
//!
//! `.ci/run` builds the executable first
//! (`cargo build --release --target x86_64-pc-windows-gnu`) and installs
//! Debian's `wine` and `gcc-mingw-w64-x86-64`. Wine 8 lacks
//! `bcryptprimitives.dll`'s `ProcessPrng`, which Rust's standard library
//! imports: this test builds a stand-in with mingw, next to a copy of the
//! executable (test-only: nothing of it ships). Without the executable or
//! Wine the test says it was skipped; under `CI=true` that fails.
#![allow(clippy::unwrap_used, clippy::panic)] // A test or bench fails by panicking.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SHIM: &str = r"#include <windows.h>
#define SystemFunction036 NTAPI SystemFunction036
#include <ntsecapi.h>
#undef SystemFunction036
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE p, SIZE_T n) {
    while (n) { ULONG k = n > 0x10000000 ? 0x10000000 : (ULONG)n;
                if (!RtlGenRandom(p, k)) return FALSE; p += k; n -= k; }
    return TRUE; }
";

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target"),
        PathBuf::from,
    )
}

/// Wine's 64-bit loader: on PATH, or where Debian puts it.
fn wine() -> Option<PathBuf> {
    let on_path = ["wine64", "wine"].iter().find_map(|name| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join(name))
                .find(|p| p.is_file())
        })
    });
    on_path.or_else(|| {
        [
            "/usr/lib/wine/wine64",
            "/usr/lib/x86_64-linux-gnu/wine/wine64",
        ]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
    })
}

/// Where the test runs the executable from: a copy of it beside the
/// stand-in DLL, and a Wine prefix of its own.
struct Windows {
    wine: PathBuf,
    exe: PathBuf,
    prefix: PathBuf,
}

fn skip(why: &str) -> Option<Windows> {
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must run the Windows executable: {why}"
    );
    eprintln!("skipped: {why}");
    None
}

fn windows() -> Option<Windows> {
    let built = target_dir().join("x86_64-pc-windows-gnu/release/atelier.exe");
    if !built.is_file() {
        return skip(&format!(
            "no {} (cargo build --release --target x86_64-pc-windows-gnu)",
            built.display()
        ));
    }
    let Some(wine) = wine() else {
        return skip("no wine (apt-get install wine wine64)");
    };
    let dir = target_dir().join("wine");
    std::fs::create_dir_all(&dir).unwrap();
    let exe = dir.join("atelier.exe");
    std::fs::copy(&built, &exe).unwrap();
    let dll = dir.join("bcryptprimitives.dll");
    if !dll.is_file() {
        let source = dir.join("shim.c");
        std::fs::write(&source, SHIM).unwrap();
        let made = Command::new("x86_64-w64-mingw32-gcc")
            .args(["-shared", "-O2", "-o"])
            .arg(&dll)
            .arg(&source)
            .arg("-ladvapi32")
            .status();
        if !made.is_ok_and(|s| s.success()) {
            return skip("no mingw compiler for the ProcessPrng stand-in");
        }
    }
    Some(Windows {
        wine,
        exe,
        prefix: dir.join("prefix"),
    })
}

/// A path as the Windows program reads it: Wine maps `/` to `Z:\`.
fn win(path: &Path) -> String {
    format!("Z:{}", path.display().to_string().replace('/', "\\"))
}

impl Windows {
    fn run(&self, home: &Path, args: &[&str]) -> Output {
        let mut cmd = Command::new(&self.wine);
        cmd.arg(&self.exe).args(args);
        for var in common::LOCALE_VARS {
            cmd.env_remove(var);
        }
        cmd.env("WINEPREFIX", &self.prefix)
            .env("WINEDEBUG", "-all")
            .env("WINEDLLOVERRIDES", "mscoree,mshtml=")
            .env("ATELIER_HOME", win(home))
            // Wine turns the arguments into Windows text with the Unix
            // locale's encoding: a UTF-8 one that every machine has (the
            // app itself speaks French unless told otherwise).
            .env("LC_ALL", "C.UTF-8")
            .output()
            .expect("wine runs")
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).replace("\r\n", "\n")
}

#[test]
fn the_windows_executable_checks_creates_exports_merges_and_reports_a_broken_file() {
    let Some(w) = windows() else { return };
    let home = common::home_with_example();
    let example = common::example_in(home.path());

    let version = w.run(home.path(), &["--version"]);
    assert!(version.status.success(), "{}", text(&version.stderr));
    assert!(text(&version.stdout).starts_with("atelier "));

    let check = w.run(home.path(), &["check", &win(&example)]);
    assert!(check.status.success(), "{}", text(&check.stderr));
    let out = text(&check.stdout);
    assert!(
        out.contains("Concertation Pacte local des solidarités — Drôme"),
        "{out}"
    );
    assert!(out.contains("Fichier valide."), "{out}");
    assert!(!out.contains(r"\\?\"), "no verbatim path printed: {out}");

    // A new workshop with accents and spaces in its name.
    let new = w.run(
        home.path(),
        &[
            "new",
            "Atelier Émploi — Romans",
            "--territory",
            "Drôme (26)",
        ],
    );
    assert!(new.status.success(), "{}", text(&new.stderr));
    let said = text(&new.stdout);
    assert!(
        said.contains(r"sessions\atelier-emploi-romans.toml"),
        "the path as Windows writes it: {said}"
    );
    let created = home.path().join("sessions/atelier-emploi-romans.toml");
    let made = atelier::store::load(&created)
        .unwrap_or_else(|e| panic!("the Windows build's file loads here: {e:?}\n{said}"));
    assert_eq!(made.details().title, "Atelier Émploi — Romans");

    // Every export, read back.
    let dir = home.path().join("export é");
    let export = w.run(
        home.path(),
        &[
            "export",
            &win(&example),
            "--format",
            "all",
            "-o",
            &win(&dir),
        ],
    );
    assert!(export.status.success(), "{}", text(&export.stderr));
    let csv = std::fs::read(dir.join("propositions.csv")).expect("the CSV is written");
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "French Excel's BOM");
    let html = std::fs::read_to_string(dir.join("rapport.html")).unwrap();
    assert!(html.contains("Concertation Pacte local des solidarités"));
    for name in ["rapport.md", "resultats.xlsx", "rapport.docx"] {
        assert!(dir.join(name).is_file(), "{name} is written");
    }
    let sheet = std::fs::read_to_string(dir.join("fiches/FA-01.toml")).unwrap();
    assert!(sheet.contains("FA-01"));

    // A synthesis of the example and the new workshop.
    let merged = home.path().join("synthese.toml");
    let merge = w.run(
        home.path(),
        &["merge", &win(&example), &win(&created), "-o", &win(&merged)],
    );
    assert!(merge.status.success(), "{}", text(&merge.stderr));
    let synthesis = atelier::store::load(&merged).unwrap();
    assert_eq!(synthesis.proposals().len(), 29);

    // A broken file: its line, and nothing written over it.
    let broken = home.path().join("cassé.toml");
    let bad = std::fs::read_to_string(&example).unwrap().replacen(
        "id = 2\ntext",
        "id = \"deux\"\ntext",
        1,
    );
    std::fs::write(&broken, &bad).unwrap();
    let refused = w.run(home.path(), &["check", &win(&broken)]);
    assert!(!refused.status.success());
    let err = text(&refused.stderr);
    assert!(err.contains("cassé.toml") && err.contains("ligne"), "{err}");
    assert_eq!(std::fs::read_to_string(&broken).unwrap(), bad);
}
