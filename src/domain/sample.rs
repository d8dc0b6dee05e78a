//! Deterministic generated workshops of any size, for benches, tests and
//! trying the app on a big meeting.

use super::axis::pacte_axes;
use super::ids::{ParticipantId, ProposalId};
use super::participant::{College, Participant};
use super::proposal::Proposal;
use super::round::{Ballot, Mode, Round, Scope, Voter};
use super::time::{Date, Stamp};
use super::workshop::{Details, Workshop};
use std::collections::BTreeMap;

const STARTS: [&str; 8] = [
    "Créer un guichet unique pour",
    "Renforcer l'accompagnement des",
    "Développer l'aller-vers auprès des",
    "Former les professionnels à l'accueil des",
    "Simplifier l'accès aux droits des",
    "Mettre en place des petits-déjeuners pour les",
    "Financer la mobilité solidaire des",
    "Ouvrir un tiers-lieu pour les",
];
const PUBLICS: [&str; 8] = [
    "familles monoparentales",
    "jeunes de 16 à 25 ans",
    "allocataires du RSA",
    "personnes sans domicile",
    "travailleurs pauvres",
    "enfants de l'école primaire",
    "femmes isolées en zone rurale",
    "personnes âgées précaires",
];

/// A small tiny pseudo-random generator: reproducible without a crate.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % bound.max(1)
    }
}

/// A workshop with `proposals` proposals, `voters` participants, and one
/// revealed ballot round over everything when `voters > 0`.
pub fn generated(proposals: usize, voters: usize) -> Workshop {
    let mut rng = Lcg(42);
    let mut w = Workshop::new(Details {
        title: format!("Atelier généré — {proposals} propositions"),
        territory: "Drôme (26)".into(),
        date: Date::from_ymd(2024, 3, 14),
        place: "Valence".into(),
        facilitator: "Camille Martin".into(),
        question: "Quelles priorités pour notre territoire ?".into(),
    });
    w.axes = pacte_axes();
    let start = Stamp::from_ymd_hms(2024, 3, 14, 9, 0, 0).expect("valid time");
    for i in 0..proposals {
        let text = format!(
            "{} {} ({})",
            STARTS[rng.next(8) as usize],
            PUBLICS[rng.next(8) as usize],
            i + 1
        );
        let axis = (rng.next(5)) as u8; // 0: untagged
        w.proposals.push(std::sync::Arc::new(Proposal {
            id: ProposalId(i as u32 + 1),
            text,
            axes: if axis == 0 { vec![] } else { vec![axis] },
            author: ["CAF", "France Travail", "CCAS", "Secours populaire", ""]
                [rng.next(5) as usize]
                .to_string(),
            created: Some(Stamp(start.0 + chrono::Duration::seconds(i as i64 * 7))),
            merged_into: None,
            origin: None,
            from_phone: false,
        }));
    }
    for i in 0..voters {
        w.participants.push(Participant {
            id: ParticipantId(i as u32 + 1),
            name: format!("Participant {}", i + 1),
            organisation: String::new(),
            college: Some(College::ALL[i % 4]),
            code: None,
        });
    }
    if voters > 0 && proposals > 0 {
        // Ten dots each, fewer when there are too few proposals to place them.
        let dots = (proposals as u32 * 3).min(10);
        let ballots = (0..voters)
            .map(|v| {
                let mut d = BTreeMap::new();
                let mut left = dots;
                while left > 0 {
                    let id = ProposalId(rng.next(proposals as u64) as u32 + 1);
                    let slot = d.entry(id).or_insert(0);
                    if *slot < 3 {
                        *slot += 1;
                        left -= 1;
                    }
                }
                Ballot {
                    voter: Voter::Participant(ParticipantId(v as u32 + 1)),
                    dots: d,
                    cast: Some(start),
                    void: false,
                    device: None,
                }
            })
            .collect();
        w.rounds.push(Round {
            id: super::ids::RoundId(1),
            name: "Tour 1".into(),
            scope: Scope::All,
            mode: Mode::Ballots,
            method: super::round::Method::Dots,
            dots_per_voter: dots,
            max_per_proposal: 3,
            winners: 10,
            open: false,
            revealed: true,
            runoff_of: None,
            settled_by: None,
            origin: None,
            created: Some(start),
            ballots,
            tallies: Vec::new(),
            phones: crate::domain::round::PhoneVoters::default(),
            order_seed: None,
        });
    }
    w.repair_counters();
    w
}

/// A generated workshop of its own, as another group's would be: its title,
/// its texts and its times all carry `tag`, so it shares no proposal with
/// another one (a synthesis would take that for two copies of one file).
pub fn generated_for(tag: &str, proposals: usize, voters: usize) -> Workshop {
    let mut w = generated(proposals, voters);
    w.workshop.title = format!("Atelier {tag}");
    let seed: i64 = tag.bytes().map(i64::from).sum();
    let shift = chrono::Duration::minutes(seed % 600 + 1);
    for p in &mut w.proposals {
        let p = std::sync::Arc::make_mut(p);
        p.text = format!("{} — {tag}", p.text);
        p.created = p.created.map(|s| Stamp(s.0 + shift));
    }
    w
}

/// For benches: a synthesis of `n` generated workshops of 300 proposals, 5 rounds of
/// 36 ballots each: about what a department's meetings produce.
pub fn synthesis(n: usize) -> Workshop {
    let parts: Vec<Workshop> = (0..n)
        .map(|i| {
            let mut w = generated_for(&format!("g{i}"), 300, 180);
            let round = w.rounds.remove(0);
            for (k, chunk) in round.ballots.chunks(36).enumerate() {
                let mut r = round.clone();
                r.id = super::RoundId(k as u32 + 1);
                r.ballots = chunk.to_vec();
                w.rounds.push(r);
            }
            w.repair_counters();
            w
        })
        .collect();
    if n == 1 {
        return parts
            .into_iter()
            .next()
            .unwrap_or_else(|| generated(300, 0));
    }
    let names: Vec<String> = (0..n).map(|i| format!("g{i}.toml")).collect();
    let inputs: Vec<super::synthesis::Input> = parts
        .iter()
        .zip(&names)
        .map(|(w, f)| super::synthesis::Input {
            file: f,
            workshop: w,
        })
        .collect();
    super::synthesis::combine(
        &inputs,
        Details {
            title: "Synthèse".into(),
            ..Details::default()
        },
    )
    .expect("distinct workshops combine")
}
