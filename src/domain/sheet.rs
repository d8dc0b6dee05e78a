//! Draft *fiches actions*: what a territory's consultation delivers. Each is
//! tied to one axis, co-funded at most 50% by the State, with a pilot,
//! partners, a public, a calendar, a budget and yearly indicators.

use super::ids::{AxisKey, ProposalId, RoundId};
use super::participant::fold;
use serde::{Deserialize, Serialize};

/// A constat or a description may be long; past this it is refused, not cut.
pub const MAX_SHEET_FIELD_CHARS: usize = 100_000;

/// The State funds at most half of an action.
pub const STATE_SHARE_LIMIT_PERCENT: u64 = 50;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sheet {
    /// `FA-01`, `FA-02`…
    pub id: String,
    /// The intitulé.
    pub title: String,
    /// The Pacte axis; a sheet drafted from an untagged proposal has none
    /// until the room chooses ("à compléter").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub axis: Option<AxisKey>,
    #[serde(default)]
    pub nature: Nature,
    /// The measure of the national référentiel the action answers (what
    /// the official template asks first).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub referentiel: String,
    /// The territorial priority of the diagnostic it answers.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub priorite: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub constat: String,
    /// One to three objectives.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objectifs: Vec<String>,
    #[serde(default)]
    pub public_cible: PublicCible,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub territoire: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default)]
    pub pilote: Pilote,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partenaires: Vec<Partner>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub gouvernance: String,
    #[serde(default)]
    pub calendrier: Calendar,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub budget: Vec<BudgetLine>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicateurs: Vec<Indicator>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evaluation: String,
    /// How people with lived experience take part in the action.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub participation: String,
    #[serde(default)]
    pub origin: Origin,
    /// Open to a group that writes it from its page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drafting: Option<super::drafting::Drafting>,
    /// Texts written over by a later one in the same field, kept.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept: Vec<super::drafting::KeptVersion>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NatureKind {
    /// Not decided yet: a blank fiche must not read as a new action.
    #[default]
    #[serde(rename = "a_preciser")]
    APreciser,
    Nouvelle,
    Renforcee,
}

impl NatureKind {
    pub const ALL: [NatureKind; 3] = [
        NatureKind::APreciser,
        NatureKind::Nouvelle,
        NatureKind::Renforcee,
    ];

    /// Its name on a fiche's page; empty while undecided.
    pub fn key(self) -> &'static str {
        match self {
            NatureKind::APreciser => "",
            NatureKind::Nouvelle => "nouvelle",
            NatureKind::Renforcee => "renforcee",
        }
    }

    pub fn from_key(key: &str) -> Option<NatureKind> {
        NatureKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// Its catalogue key; "à compléter" while undecided.
    pub fn label_key(self) -> &'static str {
        match self {
            NatureKind::APreciser => "sheet.to_complete",
            NatureKind::Nouvelle => "sheet.nouvelle",
            NatureKind::Renforcee => "sheet.renforcee",
        }
    }
}

impl Nature {
    /// How the action is reinforced, in the template's order: only a
    /// reinforced action is (ticks kept while it is said « nouvelle »
    /// come back if it is reinforced again).
    pub fn reinforcements(&self) -> Vec<Reinforcement> {
        Reinforcement::ALL
            .into_iter()
            .filter(|r| self.kind == NatureKind::Renforcee && self.renforcement.contains(r))
            .collect()
    }
}

impl Tick for Reinforcement {
    const ALL: &'static [Self] = &Reinforcement::ALL;

    fn label_key(self) -> &'static str {
        Reinforcement::label_key(self)
    }

    fn key(self) -> &'static str {
        match self {
            Reinforcement::PlusDePersonnes => "plus_de_personnes",
            Reinforcement::NouveauxPublics => "nouveaux_publics",
            Reinforcement::NouveauxTerritoires => "nouveaux_territoires",
        }
    }
}

/// How an existing action is reinforced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reinforcement {
    PlusDePersonnes,
    NouveauxPublics,
    NouveauxTerritoires,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Nature {
    #[serde(default)]
    pub kind: NatureKind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub renforcement: Vec<Reinforcement>,
}

/// The priority publics of the Pacte des solidarités.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriorityPublic {
    Enfants,
    Femmes,
    FamillesMonoparentales,
    TravailleursPauvres,
}

impl PriorityPublic {
    pub const ALL: [PriorityPublic; 4] = [
        PriorityPublic::Enfants,
        PriorityPublic::Femmes,
        PriorityPublic::FamillesMonoparentales,
        PriorityPublic::TravailleursPauvres,
    ];
}

/// A box a fiche's part is ticked with (a priority public, a way of
/// reinforcing): the choices in the template's order, each one's name in
/// the file and on a fiche's page, and its words' catalogue key.
pub trait Tick: Copy + PartialEq + 'static {
    const ALL: &'static [Self];
    fn key(self) -> &'static str;
    fn label_key(self) -> &'static str;
}

impl Tick for PriorityPublic {
    const ALL: &'static [Self] = &PriorityPublic::ALL;

    fn label_key(self) -> &'static str {
        PriorityPublic::label_key(self)
    }

    fn key(self) -> &'static str {
        match self {
            PriorityPublic::Enfants => "enfants",
            PriorityPublic::Femmes => "femmes",
            PriorityPublic::FamillesMonoparentales => "familles_monoparentales",
            PriorityPublic::TravailleursPauvres => "travailleurs_pauvres",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicCible {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prioritaires: Vec<PriorityPublic>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pilote {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub institution: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contact: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contribution: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    /// Free text such as `2025-01` or `T1 2025`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub debut: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fin: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub jalons: Vec<Milestone>,
}

/// The measures of the national référentiel of the Pacte des solidarités
/// a fiche most often answers, offered in the sheet's form (← →) beside
/// free text; the config's `referentiel = [...]` adds the département's own.
pub const REFERENTIEL: [&str; 10] = [
    "Petits-déjeuners à l'école",
    "Tarification sociale des cantines",
    "Crèches à vocation d'insertion professionnelle (AVIP)",
    "Accueil du jeune enfant dans les quartiers et territoires prioritaires",
    "Accompagnement rénové des allocataires du RSA (France Travail)",
    "Mobilité solidaire vers l'emploi",
    "Aller-vers et accès aux droits",
    "Points conseil budget",
    "Lutte contre la précarité alimentaire",
    "Transition écologique solidaire (logement, énergie, alimentation)",
];

/// The next entry of `list` after `current` (or before it, backwards),
/// "" (none) between the last and the first: how a text picked from a
/// short list is cycled. A text not in the list goes to the first.
pub fn cycle_text(list: &[String], current: &str, forward: bool) -> String {
    let mut all: Vec<&str> = vec![""];
    all.extend(list.iter().map(String::as_str));
    let at = all.iter().position(|t| *t == current.trim());
    let next = match (at, forward) {
        (None, true) => 1,
        (None, false) => all.len() - 1,
        (Some(i), true) => (i + 1) % all.len(),
        (Some(i), false) => (i + all.len() - 1) % all.len(),
    };
    all.get(next).copied().unwrap_or("").to_string()
}

/// A month as people write it in a calendar — "2024-09", "09/2024",
/// "9/2024", "septembre 2024", "sept. 2024", "September 2024" — as the
/// first day of that month; `None` for anything else (kept as typed).
pub fn parse_month(text: &str) -> Option<chrono::NaiveDate> {
    let t = fold(text.trim());
    let numbers: Vec<&str> = t
        .split(['-', '/', '.', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let date = |year: &str, month: u32| {
        let year: i32 = year.parse().ok().filter(|y| (1900..=2100).contains(y))?;
        chrono::NaiveDate::from_ymd_opt(year, month, 1)
    };
    match numbers.as_slice() {
        [a, b] if a.len() == 4 && a.chars().all(|c| c.is_ascii_digit()) => date(a, b.parse().ok()?),
        [a, b] if b.len() == 4 && a.chars().all(|c| c.is_ascii_digit()) => date(b, a.parse().ok()?),
        [name, year] if year.len() == 4 => {
            const MONTHS: [(&str, &str); 12] = [
                ("janv", "jan"),
                ("fevr", "feb"),
                ("mars", "mar"),
                ("avr", "apr"),
                ("mai", "may"),
                ("juin", "jun"),
                ("juil", "jul"),
                ("aout", "aug"),
                ("sept", "sep"),
                ("oct", "oct"),
                ("nov", "nov"),
                ("dec", "dec"),
            ];
            let month = MONTHS.iter().position(|(fr, en)| {
                let full = |short: &str| {
                    name.starts_with(short) || short.starts_with(*name) && name.len() >= 3
                };
                full(fr) || full(en)
            })?;
            date(year, month as u32 + 1)
        }
        _ => None,
    }
}

#[cfg(test)]
mod month_tests {
    use super::{BudgetLine, Sheet, parse_month};

    #[test]
    fn a_referentiel_measure_is_picked_round_and_round() {
        let list: Vec<String> = ["A", "B"].map(String::from).to_vec();
        assert_eq!(super::cycle_text(&list, "", true), "A");
        assert_eq!(super::cycle_text(&list, "A", true), "B");
        assert_eq!(super::cycle_text(&list, "B", true), "");
        assert_eq!(super::cycle_text(&list, "", false), "B");
        assert_eq!(super::cycle_text(&list, "texte libre", true), "A");
        assert_eq!(super::cycle_text(&list, "texte libre", false), "B");
        assert_eq!(super::cycle_text(&[], "x", true), "");
    }

    #[test]
    fn budget_years_outside_the_calendar_are_found() {
        let mut s = Sheet::blank(1, "Mobilité".into(), None);
        for year in [2023, 2025, 2028] {
            s.budget.push(BudgetLine {
                year,
                funder: "État".into(),
                kind: None,
                amount: 1,
            });
        }
        assert!(
            s.budget_years_off_calendar().is_empty(),
            "no calendar, no judgement"
        );
        s.calendrier.debut = "septembre 2024".into();
        assert_eq!(s.budget_years_off_calendar(), [2023]);
        s.calendrier.fin = "2027-12".into();
        assert_eq!(s.budget_years_off_calendar(), [2023, 2028]);
    }

    #[test]
    fn months_are_read_as_people_write_them_and_nothing_else_is() {
        let sept = chrono::NaiveDate::from_ymd_opt(2024, 9, 1);
        for typed in [
            "2024-09",
            "2024-9",
            "09/2024",
            "9/2024",
            "09-2024",
            "septembre 2024",
            "Sept. 2024",
            "sept 2024",
            "September 2024",
            " 2024/09 ",
        ] {
            assert_eq!(parse_month(typed), sept, "{typed}");
        }
        assert_eq!(
            parse_month("juin 2025"),
            chrono::NaiveDate::from_ymd_opt(2025, 6, 1)
        );
        assert_eq!(
            parse_month("juillet 2025"),
            chrono::NaiveDate::from_ymd_opt(2025, 7, 1)
        );
        assert_eq!(
            parse_month("mars 2026"),
            chrono::NaiveDate::from_ymd_opt(2026, 3, 1)
        );
        assert_eq!(
            parse_month("mai 2025"),
            chrono::NaiveDate::from_ymd_opt(2025, 5, 1)
        );
        for not_a_month in [
            "",
            "2024",
            "13/2024",
            "rentrée 2024",
            "T3 2024",
            "2024-09-15",
            "fin 2025",
        ] {
            assert_eq!(parse_month(not_a_month), None, "{not_a_month}");
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub date: String,
    pub label: String,
}

/// Who pays a budget line: chosen in the form, not guessed from a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FunderKind {
    /// The State: crédits Pacte (DDETS, préfecture, BOP 304…).
    Etat,
    Departement,
    /// A métropole or another EPCI (communauté de communes, agglomération).
    Epci,
    Caf,
    FranceTravail,
    Ars,
    Commune,
    Association,
    Autre,
}

impl FunderKind {
    pub const ALL: [FunderKind; 9] = [
        FunderKind::Etat,
        FunderKind::Departement,
        FunderKind::Epci,
        FunderKind::Caf,
        FunderKind::FranceTravail,
        FunderKind::Ars,
        FunderKind::Commune,
        FunderKind::Association,
        FunderKind::Autre,
    ];

    /// Its catalogue key.
    pub fn key(self) -> &'static str {
        match self {
            FunderKind::Etat => "funder.etat",
            FunderKind::Departement => "funder.departement",
            FunderKind::Epci => "funder.epci",
            FunderKind::Caf => "funder.caf",
            FunderKind::FranceTravail => "funder.france_travail",
            FunderKind::Ars => "funder.ars",
            FunderKind::Commune => "funder.commune",
            FunderKind::Association => "funder.association",
            FunderKind::Autre => "funder.autre",
        }
    }

    /// The kind a label written by hand most likely names, when it is
    /// plain enough to say: what files made before kinds existed migrate
    /// with. Conservative: a label it cannot place stays unplaced (and
    /// `check` lists it), never counted as the State's by a guess.
    pub fn recognise(label: &str) -> Option<FunderKind> {
        let folded = fold(label).replace(['\'', '’'], " ");
        let words: Vec<&str> = folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let has = |w: &str| words.contains(&w);
        let phrase = |p: &str| {
            let p: Vec<&str> = p.split(' ').collect();
            words.windows(p.len()).any(|win| win == p.as_slice())
        };
        let state = has("etat")
            || has("state")
            || has("ddets")
            || has("dreets")
            || has("ddcs")
            || has("dgcs")
            || has("prefecture")
            || has("prefet")
            || has("sgar")
            || has("ministere")
            || phrase("bop 304")
            || phrase("bop 177")
            || phrase("credits pacte");
        let kinds = [
            (state, FunderKind::Etat),
            (
                phrase("conseil departemental") || has("departement") || has("cd"),
                FunderKind::Departement,
            ),
            (
                has("metropole")
                    || has("epci")
                    || has("agglo")
                    || has("agglomeration")
                    || phrase("communaute de communes"),
                FunderKind::Epci,
            ),
            (
                has("caf") || phrase("allocations familiales"),
                FunderKind::Caf,
            ),
            (
                phrase("france travail") || phrase("pole emploi"),
                FunderKind::FranceTravail,
            ),
            (
                has("ars") || phrase("agence regionale de sante"),
                FunderKind::Ars,
            ),
            (
                has("commune") || has("mairie") || has("ville") || has("ccas"),
                FunderKind::Commune,
            ),
            (
                has("association") || has("fondation") || has("asso"),
                FunderKind::Association,
            ),
        ];
        let found: Vec<FunderKind> = kinds
            .iter()
            .filter(|(hit, _)| *hit)
            .map(|(_, k)| *k)
            .collect();
        // Two kinds in one label ("CAF et Département") is no one kind.
        match found.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }
}

/// One funder's contribution for one year, in whole euros.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetLine {
    pub year: u16,
    /// The funder's name as written ("DDETS de la Drôme (BOP 304)").
    pub funder: String,
    /// What kind of funder it is; a line from a file made before kinds
    /// existed has none, and takes the kind its label plainly names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<FunderKind>,
    pub amount: u64,
}

impl BudgetLine {
    /// The line's kind: the one chosen, else the one its label plainly
    /// names; `None` when neither says.
    pub fn kind(&self) -> Option<FunderKind> {
        self.kind.or_else(|| FunderKind::recognise(&self.funder))
    }

    /// Whether this line is the State's share: the one rule every output
    /// asks.
    pub fn is_state(&self) -> bool {
        self.kind() == Some(FunderKind::Etat)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    /// What was done (people reached, sessions held).
    #[default]
    Realisation,
    /// What changed (people back in work, rights opened).
    Resultat,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub label: String,
    #[serde(default)]
    pub kind: IndicatorKind,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub baseline: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub target: String,
    /// Yearly targets, e.g. `{ 2025 = "120", 2026 = "200" }`.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub yearly: std::collections::BTreeMap<u16, String>,
}

/// Where a sheet came from: the room's words and votes, kept with it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Origin {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub workshop: String,
    /// Its id and file in that workshop, when a synthesis renumbered it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sheet: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<RoundId>,
    #[serde(default)]
    pub votes: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proposals: Vec<SourceProposal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceProposal {
    pub id: ProposalId,
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
}

/// The budget seen whole: totals and the State's share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BudgetSummary {
    pub total: u64,
    pub state: u64,
}

/// What the State's share calls for, if anything: every output says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateWarning {
    /// A budget with no line of the State: not a Pacte co-funding.
    NoState,
    /// More than half paid by the State.
    OverHalf,
}

impl BudgetSummary {
    /// The warning this budget calls for.
    pub fn warning(&self) -> Option<StateWarning> {
        if self.total == 0 {
            None
        } else if self.state == 0 {
            Some(StateWarning::NoState)
        } else if self.state_share_too_high() {
            Some(StateWarning::OverHalf)
        } else {
            None
        }
    }

    /// The State's share in tenths of a percent, rounded to the nearest
    /// (42,857 % is 42,9 %). A share just off the 50 % limit never reads
    /// as 50,0 %: 50,04 % is 50,1 % and 49,96 % is 49,9 %, so the figure and
    /// the "over 50 %" flag always agree.
    pub fn state_permille(&self) -> Option<u64> {
        if self.total == 0 {
            return None;
        }
        let rounded = (self.state * 2000 + self.total) / (2 * self.total);
        let limit = STATE_SHARE_LIMIT_PERCENT * 10;
        Some(
            match (self.state * 100).cmp(&(self.total * STATE_SHARE_LIMIT_PERCENT)) {
                std::cmp::Ordering::Greater if rounded <= limit => limit + 1,
                std::cmp::Ordering::Less if rounded >= limit => limit - 1,
                _ => rounded,
            },
        )
    }

    /// More than half paid by the State: not eligible as such.
    pub fn state_share_too_high(&self) -> bool {
        self.state * 100 > self.total * STATE_SHARE_LIMIT_PERCENT
    }
}

impl Sheet {
    /// A blank sheet; the id is `FA-NN`.
    pub fn blank(number: u32, title: String, axis: Option<AxisKey>) -> Sheet {
        Sheet {
            id: format!("FA-{number:02}"),
            title,
            axis,
            nature: Nature::default(),
            constat: String::new(),
            objectifs: Vec::new(),
            public_cible: PublicCible::default(),
            territoire: String::new(),
            referentiel: String::new(),
            priorite: String::new(),
            description: String::new(),
            pilote: Pilote::default(),
            partenaires: Vec::new(),
            gouvernance: String::new(),
            calendrier: Calendar::default(),
            budget: Vec::new(),
            indicateurs: Vec::new(),
            evaluation: String::new(),
            participation: String::new(),
            origin: Origin::default(),
            drafting: None,
            kept: Vec::new(),
        }
    }

    pub fn budget_summary(&self) -> BudgetSummary {
        self.budget_summary_for(None)
    }

    /// One year's budget, or all years with `None`.
    pub fn budget_summary_for(&self, year: Option<u16>) -> BudgetSummary {
        let lines = self
            .budget
            .iter()
            .filter(|l| year.is_none_or(|y| l.year == y));
        let mut summary = BudgetSummary::default();
        for line in lines {
            summary.total += line.amount;
            if line.is_state() {
                summary.state += line.amount;
            }
        }
        summary
    }

    /// The years the budget covers, in order.
    /// The budget's years that fall outside the calendar (before the
    /// start's year or after the end's), when the calendar gives months.
    pub fn budget_years_off_calendar(&self) -> Vec<u16> {
        use chrono::Datelike;
        let year = |t: &str| parse_month(t).and_then(|d| u16::try_from(d.year()).ok());
        let (start, end) = (year(&self.calendrier.debut), year(&self.calendrier.fin));
        self.budget_years()
            .into_iter()
            .filter(|y| start.is_some_and(|s| *y < s) || end.is_some_and(|e| *y > e))
            .collect()
    }

    pub fn budget_years(&self) -> Vec<u16> {
        let mut years: Vec<u16> = self.budget.iter().map(|l| l.year).collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// The fields still to complete, as catalogue keys (`sheet.field.*`).
    /// Missing fields never block anything; they are shown "à compléter".
    pub fn missing_fields(&self) -> Vec<&'static str> {
        let checks: [(&str, bool); 14] = [
            ("referentiel", self.referentiel.trim().is_empty()),
            ("priorite", self.priorite.trim().is_empty()),
            ("constat", self.constat.trim().is_empty()),
            ("objectifs", self.objectifs.is_empty()),
            (
                "public_cible",
                self.public_cible.description.trim().is_empty(),
            ),
            ("territoire", self.territoire.trim().is_empty()),
            ("description", self.description.trim().is_empty()),
            ("pilote", self.pilote.institution.trim().is_empty()),
            ("partenaires", self.partenaires.is_empty()),
            ("gouvernance", self.gouvernance.trim().is_empty()),
            ("calendrier", self.calendrier.debut.trim().is_empty()),
            ("budget", self.budget.is_empty()),
            ("indicateurs", self.indicateurs.is_empty()),
            ("evaluation", self.evaluation.trim().is_empty()),
        ];
        checks
            .into_iter()
            .filter(|(_, missing)| *missing)
            .map(|(k, _)| k)
            .collect()
    }
}

/// The lists of a sheet, edited item by item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Objectifs,
    Partenaires,
    Jalons,
    Budget,
    Indicateurs,
}

/// What part of a sheet one edit is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetPart {
    New,
    Pilote,
    Calendar,
    /// An item of a list: a new one (`None`) or the one at an index.
    Item(ListKind, Option<usize>),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(funder: &str, amount: u64) -> BudgetLine {
        BudgetLine {
            year: 2025,
            funder: funder.into(),
            kind: None,
            amount,
        }
    }

    #[test]
    fn the_usual_ways_of_naming_the_state_are_the_state() {
        for f in [
            "DDETS de la Drôme (crédits Pacte, BOP 304)",
            "État/DDETS",
            "État-DDETS",
            "Préfecture de la Drôme",
            "BOP 304",
            "Crédits État (Pacte)",
            "l'État",
            "L’État",
            "Ministère des solidarités (DGCS)",
            "crédits Pacte",
        ] {
            assert_eq!(FunderKind::recognise(f), Some(FunderKind::Etat), "{f}");
        }
        let others = [
            ("Conseil départemental de la Drôme", FunderKind::Departement),
            ("CAF de la Drôme", FunderKind::Caf),
            ("France Travail", FunderKind::FranceTravail),
            ("Pôle emploi", FunderKind::FranceTravail),
            ("ARS Auvergne-Rhône-Alpes", FunderKind::Ars),
            ("Valence Romans Agglo", FunderKind::Epci),
            ("Ville de Romans", FunderKind::Commune),
            ("Association Diaconat protestant", FunderKind::Association),
        ];
        for (f, k) in others {
            assert_eq!(FunderKind::recognise(f), Some(k), "{f}");
        }
        for unplaced in ["Fonds social européen", "CAF et Département", "Mécénat", ""] {
            assert_eq!(FunderKind::recognise(unplaced), None, "{unplaced}");
        }
    }

    #[test]
    fn a_kind_chosen_wins_over_the_label() {
        let mut l = line("Partenaire X", 10);
        assert!(!l.is_state());
        l.kind = Some(FunderKind::Etat);
        assert!(l.is_state(), "chosen in the form");
        let mut ddets = line("DDETS", 10);
        ddets.kind = Some(FunderKind::Autre);
        assert!(!ddets.is_state(), "the choice decides, not the label");
    }

    #[test]
    fn a_budget_says_when_the_state_is_missing_or_over_half() {
        let sum = |lines: Vec<BudgetLine>| {
            let mut sheet = Sheet::blank(1, "x".into(), Some(1));
            sheet.budget = lines;
            sheet.budget_summary()
        };
        assert_eq!(sum(vec![]).warning(), None);
        assert_eq!(
            sum(vec![line("CAF", 10), line("Département", 10)]).warning(),
            Some(StateWarning::NoState)
        );
        assert_eq!(
            sum(vec![line("DDETS", 60), line("CAF", 40)]).warning(),
            Some(StateWarning::OverHalf)
        );
        assert_eq!(
            sum(vec![
                line("DDETS", 30),
                line("Préfecture", 20),
                line("CAF", 50)
            ])
            .state,
            50,
            "several State lines add up"
        );
        assert_eq!(
            sum(vec![line("BOP 304", 50), line("CAF", 50)]).warning(),
            None
        );
    }

    #[test]
    fn the_state_is_recognised_however_it_is_written() {
        for f in ["État", "etat", "ETAT (BOP 304)", "Etat(BOP 177)", " état "] {
            assert!(line(f, 1).is_state(), "{f}");
        }
        for f in ["Département", "CAF", "Etablissement X"] {
            assert!(!line(f, 1).is_state(), "{f}");
        }
    }

    #[test]
    fn a_state_share_above_half_is_flagged() {
        let mut sheet = Sheet::blank(1, "x".into(), Some(1));
        sheet.budget = vec![line("État", 50_000), line("Département", 50_000)];
        let s = sheet.budget_summary();
        assert_eq!(s.state_permille(), Some(500));
        assert!(!s.state_share_too_high());
        sheet.budget.push(line("État", 1));
        assert!(sheet.budget_summary().state_share_too_high());
    }

    #[test]
    fn the_state_share_is_rounded_and_agrees_with_the_limit() {
        let share = |state, total| BudgetSummary { total, state }.state_permille();
        assert_eq!(share(3, 7), Some(429), "42,857 % reads 42,9 %");
        assert_eq!(share(1, 3), Some(333));
        assert_eq!(share(2, 3), Some(667));
        assert_eq!(
            share(5004, 10000),
            Some(501),
            "over the limit, never 50,0 %"
        );
        assert!(
            BudgetSummary {
                total: 10000,
                state: 5004
            }
            .state_share_too_high()
        );
        assert_eq!(
            share(4996, 10000),
            Some(499),
            "under the limit, never 50,0 %"
        );
        assert_eq!(share(1, 2), Some(500));
        assert_eq!(share(0, 5), Some(0));
        assert_eq!(share(5, 5), Some(1000));
        assert_eq!(share(0, 0), None);
    }

    #[test]
    fn a_blank_sheet_lists_everything_to_complete() {
        let sheet = Sheet::blank(3, "x".into(), Some(1));
        assert_eq!(sheet.id, "FA-03");
        assert_eq!(sheet.missing_fields().len(), 14);
    }
}

/// Why an amount typed by the facilitator was not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountError {
    Empty,
    Negative,
    NotANumber,
    TooLarge,
}

/// Reads an amount in whole euros as people type it: `120000`, `120 000`,
/// `120 000 €`, `120.000`, `1 200,00`. Cents are dropped only when zero.
pub fn parse_amount(text: &str) -> Result<u64, AmountError> {
    let t = text
        .trim()
        .trim_end_matches('€')
        .trim_start_matches('€')
        .trim();
    if t.is_empty() {
        return Err(AmountError::Empty);
    }
    if t.starts_with('-') || t.starts_with('−') {
        return Err(AmountError::Negative);
    }
    // "1 200,00" or "1200.00": whole euros with zero cents.
    let t = t
        .strip_suffix(",00")
        .or_else(|| t.strip_suffix(".00"))
        .unwrap_or(t);
    let digits: String = t
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '.' | '\''))
        .collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(AmountError::NotANumber);
    }
    digits.parse::<u64>().map_err(|_| AmountError::TooLarge)
}

/// Yearly targets that could not be read whole: the part not understood,
/// and what was (so the message can show both).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearlyError {
    pub unclear: String,
    pub understood: std::collections::BTreeMap<u16, String>,
}

/// Reads yearly targets as people write them: `2025: 120; 2026: 200`,
/// `2025 : 400, 2026 : 950`, `2025=120` one per line… Each year (2000 to
/// 2100) followed by `:` or `=` starts a target that runs to the next
/// year; separators around it (`,` `;` line breaks) are dropped, commas
/// inside a value (`12,5 %`) stay. Anything before the first year, a year
/// given twice or a year without a value is refused, never guessed.
pub fn parse_yearly(text: &str) -> Result<std::collections::BTreeMap<u16, String>, YearlyError> {
    let mut out = std::collections::BTreeMap::new();
    let marks = year_marks(text);
    let fail = |unclear: &str, out: &std::collections::BTreeMap<u16, String>| YearlyError {
        unclear: unclear.trim().to_string(),
        understood: out.clone(),
    };
    let before = marks.first().map_or(text, |(start, ..)| &text[..*start]);
    if !before.trim_matches(SEPARATORS).is_empty() {
        return Err(fail(before, &out));
    }
    for (n, (start, value_at, year)) in marks.iter().enumerate() {
        let end = marks.get(n + 1).map_or(text.len(), |(next, ..)| *next);
        let value = text[*value_at..end].trim_matches(SEPARATORS);
        if value.is_empty() || out.contains_key(year) {
            return Err(fail(&text[*start..end], &out));
        }
        out.insert(*year, value.to_string());
    }
    Ok(out)
}

const SEPARATORS: &[char] = &[' ', '\t', '\n', '\r', ',', ';', '\u{a0}', '\u{202f}'];

/// Where each `YEAR:` / `YEAR =` starts, where its value starts, the year.
fn year_marks(text: &str) -> Vec<(usize, usize, u16)> {
    let bytes = text.as_bytes();
    let mut marks = Vec::new();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let boundary = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let digits = bytes[i..i + 4].iter().all(u8::is_ascii_digit);
        let after_digits = bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit());
        if boundary && digits && after_digits {
            let year: u16 = text[i..i + 4].parse().unwrap_or(0);
            let mut j = i + 4;
            while j < bytes.len() && matches!(bytes[j], b' ' | b'\t') {
                j += 1;
            }
            if (2000..=2100).contains(&year) && matches!(bytes.get(j), Some(b':' | b'=')) {
                marks.push((i, j + 1, year));
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    marks
}

/// The yearly targets as they are typed back: `2025: 120; 2026: 200`.
pub fn format_yearly(yearly: &std::collections::BTreeMap<u16, String>) -> String {
    yearly
        .iter()
        .map(|(y, v)| format!("{y}: {v}"))
        .collect::<Vec<_>>()
        .join("; ")
}

impl PriorityPublic {
    pub fn label_key(self) -> &'static str {
        match self {
            PriorityPublic::Enfants => "sheet.public_enfants",
            PriorityPublic::Femmes => "sheet.public_femmes",
            PriorityPublic::FamillesMonoparentales => "sheet.public_familles",
            PriorityPublic::TravailleursPauvres => "sheet.public_travailleurs",
        }
    }
}

impl Reinforcement {
    pub const ALL: [Reinforcement; 3] = [
        Reinforcement::PlusDePersonnes,
        Reinforcement::NouveauxPublics,
        Reinforcement::NouveauxTerritoires,
    ];

    pub fn label_key(self) -> &'static str {
        match self {
            Reinforcement::PlusDePersonnes => "sheet.more_people",
            Reinforcement::NouveauxPublics => "sheet.new_publics",
            Reinforcement::NouveauxTerritoires => "sheet.new_areas",
        }
    }
}

#[cfg(test)]
mod input_tests {
    use super::*;

    #[test]
    fn amounts_are_read_as_people_type_them() {
        for (text, amount) in [
            ("120000", 120_000),
            ("120 000 €", 120_000),
            ("1 200,00", 1_200),
            ("€ 50", 50),
            ("12.500", 12_500),
        ] {
            assert_eq!(parse_amount(text), Ok(amount), "{text}");
        }
        assert_eq!(parse_amount("douze mille"), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("12 k€"), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("-5000"), Err(AmountError::Negative));
        assert_eq!(parse_amount("  "), Err(AmountError::Empty));
        assert_eq!(
            parse_amount("99999999999999999999999"),
            Err(AmountError::TooLarge)
        );
        assert_eq!(
            parse_amount("1 200,50"),
            Err(AmountError::NotANumber),
            "cents are not rounded away"
        );
    }

    #[test]
    fn yearly_targets_are_read_as_people_write_them() {
        let two = |a: &str, b: &str| {
            std::collections::BTreeMap::from([(2025, a.to_string()), (2026, b.to_string())])
        };
        for text in [
            "2025: 400, 2026: 950",
            "2025 : 400 ; 2026 : 950",
            "2025=400\n2026=950",
            "2025: 400,\r\n2026: 950.",
        ] {
            let got = parse_yearly(text).unwrap();
            let want = if text.ends_with('.') {
                two("400", "950.")
            } else {
                two("400", "950")
            };
            assert_eq!(got, want, "{text:?}");
        }
        // A comma inside a value stays: French decimals.
        assert_eq!(
            parse_yearly("2025: 12,5 %, 2026: 15 %").unwrap(),
            two("12,5 %", "15 %")
        );
        // Values that mention a year without a colon are values.
        assert_eq!(
            parse_yearly("2025: 1 200 (bilan 2024), 2026: 2 400").unwrap(),
            two("1 200 (bilan 2024)", "2 400")
        );
        // The ambiguous is refused, saying what was understood.
        let e = parse_yearly("400, 950").unwrap_err();
        assert_eq!((e.unclear.as_str(), e.understood.len()), ("400, 950", 0));
        let e = parse_yearly("2025: 400; 2025: 500").unwrap_err();
        assert_eq!(e.unclear, "2025: 500");
        assert_eq!(e.understood.get(&2025).map(String::as_str), Some("400"));
        assert_eq!(
            parse_yearly("2025: ; 2026: 3").unwrap_err().unclear,
            "2025: ;"
        );
    }

    #[test]
    fn yearly_targets_read_back_what_they_write() {
        let y = parse_yearly("2025: 1 200; 2026 = 2 400\n2027: 3 000").unwrap();
        assert_eq!(y.len(), 3);
        assert_eq!(format_yearly(&y), "2025: 1 200; 2026: 2 400; 2027: 3 000");
        assert_eq!(
            parse_yearly("vingt-cinq: 3").unwrap_err().unclear,
            "vingt-cinq: 3"
        );
        assert!(parse_yearly("").unwrap().is_empty());
    }
}
