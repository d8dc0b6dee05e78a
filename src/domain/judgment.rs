//! Majority judgment (Balinski & Laraki, *PNAS* 2007): each voter grades
//! each item on one scale; an item's **majority grade** is the median of
//! its grades (the lower of the two middle ones for an even count: the
//! grade that a majority gives *at least*); items are ranked by majority
//! grade, and items with the same one by the standard tie-break: take one
//! grade equal to the majority grade away from each, compare the new
//! majority grades, and again, until they differ (the "majority value",
//! compared grade by grade). Items whose grades are all the same tie, in
//! the order of their keys, so a ranking never depends on the order the
//! items were given in.
//!
//! The scale runs from 0, the best ("Excellent"), to [`WORST`] ("À
//! rejeter"); its words are the catalogue's (`grade.*`). An item graded by
//! fewer voters than another (a grade left out, a paper count that does
//! not add up) is read as if the missing grades were the worst, as
//! majority judgment counts a missing grade.

use std::cmp::Ordering;

/// How many grades the scale has: Excellent, Très bien, Bien, Assez bien,
/// Passable, Insuffisant, À rejeter.
pub const GRADES: usize = 7;
/// The worst grade, "À rejeter".
pub const WORST: u8 = (GRADES - 1) as u8;

/// The keys of the grades' words in the catalogue, best first.
pub const GRADE_KEYS: [&str; GRADES] = [
    "grade.excellent",
    "grade.tres_bien",
    "grade.bien",
    "grade.assez_bien",
    "grade.passable",
    "grade.insuffisant",
    "grade.a_rejeter",
];

/// The grade a ballot's mark stands for: marks run from 1 ("Excellent")
/// to [`GRADES`] ("À rejeter"); 0 or past the scale is no grade.
pub fn grade_of_mark(mark: u32) -> Option<u8> {
    (1..=GRADES as u32)
        .contains(&mark)
        .then(|| (mark - 1) as u8)
}

/// How many voters gave an item each grade (`counts[0]`: Excellent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Merit {
    pub counts: [u32; GRADES],
}

impl Merit {
    /// From grades (0 = best); a grade past the scale is read as the worst.
    pub fn of(grades: impl IntoIterator<Item = u8>) -> Merit {
        let mut m = Merit::default();
        for g in grades {
            m.counts[usize::from(g.min(WORST))] += 1;
        }
        m
    }

    pub fn total(&self) -> u32 {
        self.counts.iter().sum()
    }

    /// The majority grade: the lower median; `None` before any grade.
    pub fn majority_grade(&self) -> Option<u8> {
        let total = self.total();
        if total == 0 {
            return None;
        }
        // The (total/2 + 1)-th grade from the best: a majority of the
        // voters give it or better, and at least half give it or worse.
        let wanted = total / 2 + 1;
        let mut seen = 0;
        for (g, n) in self.counts.iter().enumerate() {
            seen += n;
            if seen >= wanted {
                return Some(g as u8);
            }
        }
        Some(WORST)
    }

    /// `self` with the missing grades up to `total` counted as the worst.
    fn padded_to(mut self, total: u32) -> Merit {
        let missing = total.saturating_sub(self.total());
        self.counts[usize::from(WORST)] += missing;
        self
    }
}

/// Which of two items ranks first: `Less` when `a` does (a better
/// majority value), `Equal` when their grades are the same.
pub fn compare(a: &Merit, b: &Merit) -> Ordering {
    let total = a.total().max(b.total());
    let (mut a, mut b) = (a.padded_to(total), b.padded_to(total));
    loop {
        let (Some(ga), Some(gb)) = (a.majority_grade(), b.majority_grade()) else {
            return Ordering::Equal;
        };
        if ga != gb {
            return ga.cmp(&gb);
        }
        a.counts[usize::from(ga)] -= 1;
        b.counts[usize::from(gb)] -= 1;
    }
}

/// An item's place in the ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ranked<K> {
    pub key: K,
    pub merit: Merit,
    /// Competition ranking: items with the same grades share a rank.
    pub rank: u32,
    pub majority: Option<u8>,
}

/// The items ranked best first: by majority value, then, for the same
/// grades, by key.
pub fn rank<K: Ord + Copy>(items: impl IntoIterator<Item = (K, Merit)>) -> Vec<Ranked<K>> {
    let mut items: Vec<(K, Merit)> = items.into_iter().collect();
    let total = items.iter().map(|(_, m)| m.total()).max().unwrap_or(0);
    for (_, m) in &mut items {
        *m = m.padded_to(total);
    }
    items.sort_by(|(ka, a), (kb, b)| compare(a, b).then(ka.cmp(kb)));
    let mut out: Vec<Ranked<K>> = Vec::with_capacity(items.len());
    for (i, (key, merit)) in items.into_iter().enumerate() {
        let rank = match out.last() {
            Some(prev) if compare(&prev.merit, &merit) == Ordering::Equal => prev.rank,
            _ => i as u32 + 1,
        };
        out.push(Ranked {
            key,
            merit,
            rank,
            majority: merit.majority_grade(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A tally written as the MieuxVoter libraries write it: counts from
    /// the worst grade up, on a scale of `counts.len()` grades (mapped on
    /// the best end of ours — the ranking does not depend on unused grades).
    fn worst_first(counts: &[u32]) -> Merit {
        let mut m = Merit::default();
        for (i, n) in counts.iter().rev().enumerate() {
            m.counts[i] = *n;
        }
        m
    }

    fn ranks(tallies: &[&[u32]]) -> Vec<u32> {
        let ranked = rank(tallies.iter().enumerate().map(|(i, t)| (i, worst_first(t))));
        let mut by_item = vec![0; tallies.len()];
        for r in ranked {
            by_item[r.key] = r.rank;
        }
        by_item
    }

    /// The worked example of MieuxVoter's majority-judgment library (its
    /// README's demo, `majority-judgment-library-go`): ten judges, five
    /// grades, five proposals; B, C, D, then A and E tied.
    #[test]
    fn the_published_worked_example_ranks_b_c_d_then_a_and_e() {
        let tallies: [&[u32]; 5] = [
            &[2, 2, 2, 2, 2],
            &[2, 1, 1, 1, 5],
            &[2, 1, 1, 2, 4],
            &[2, 1, 5, 0, 2],
            &[2, 2, 2, 2, 2],
        ];
        assert_eq!(ranks(&tallies), [4, 1, 2, 3, 4]);
        // B and C share their majority grade (the second best): the
        // tie-break, one median grade taken away, puts B first.
        let b = worst_first(tallies[1]);
        let c = worst_first(tallies[2]);
        assert_eq!(b.majority_grade(), c.majority_grade());
        assert_eq!(compare(&b, &c), Ordering::Less);
    }

    /// The same library's basic case: three judges, three grades.
    #[test]
    fn the_published_basic_case_ranks_the_third_then_the_first() {
        let tallies: [&[u32]; 3] = [&[1, 1, 1], &[1, 2, 0], &[0, 2, 1]];
        assert_eq!(ranks(&tallies), [2, 3, 1]);
    }

    #[test]
    fn the_majority_grade_is_the_lower_median() {
        // Grades 0, 0, 3, 3: the lower middle one is 3.
        assert_eq!(Merit::of([0, 0, 3, 3]).majority_grade(), Some(3));
        assert_eq!(Merit::of([0, 1, 6]).majority_grade(), Some(1));
        assert_eq!(Merit::of([2]).majority_grade(), Some(2));
        assert_eq!(Merit::default().majority_grade(), None);
        // A grade past the scale counts as "À rejeter".
        assert_eq!(Merit::of([9]).counts[usize::from(WORST)], 1);
    }

    #[test]
    fn a_missing_grade_counts_as_the_worst() {
        // Two of four voters graded A "Excellent", the others nothing;
        // B got "Passable" from all four. A's majority is "À rejeter".
        let a = Merit::of([0, 0]);
        let b = Merit::of([4, 4, 4, 4]);
        assert_eq!(compare(&a, &b), Ordering::Greater);
        let ranked = rank([("A", a), ("B", b)]);
        assert_eq!(ranked[0].key, "B");
        assert_eq!(ranked[1].majority, Some(WORST));
    }

    fn merit() -> impl Strategy<Value = Merit> {
        prop::collection::vec(0u8..GRADES as u8, 1..40).prop_map(Merit::of)
    }

    proptest! {
        #[test]
        fn a_grade_moved_up_never_lowers_the_item(
            grades in prop::collection::vec(0u8..GRADES as u8, 1..40),
            which in any::<prop::sample::Index>(),
            others in prop::collection::vec(merit(), 0..6),
        ) {
            let i = which.index(grades.len());
            prop_assume!(grades[i] > 0);
            let before = Merit::of(grades.iter().copied());
            let mut up = grades.clone();
            up[i] -= 1;
            let after = Merit::of(up);
            prop_assert!(after.majority_grade() <= before.majority_grade());
            prop_assert_ne!(compare(&after, &before), Ordering::Greater);
            // Nor does it fall behind an item it was ahead of.
            for o in &others {
                if compare(&before, o) == Ordering::Less {
                    prop_assert_eq!(compare(&after, o), Ordering::Less);
                }
            }
        }

        #[test]
        fn the_ranking_is_consistent_and_ignores_the_input_order(
            merits in prop::collection::vec(merit(), 1..12),
            rotate in 0usize..12,
        ) {
            let keyed: Vec<(usize, Merit)> = merits.iter().copied().enumerate().collect();
            let ranked = rank(keyed.clone());
            let mut turned = keyed;
            let by = rotate % turned.len();
            turned.rotate_left(by);
            prop_assert_eq!(rank(turned), ranked.clone());
            for pair in ranked.windows(2) {
                let order = compare(&pair[0].merit, &pair[1].merit);
                prop_assert_ne!(order, Ordering::Greater);
                prop_assert_eq!(order == Ordering::Equal, pair[0].rank == pair[1].rank);
                if order == Ordering::Equal {
                    prop_assert!(pair[0].key < pair[1].key, "ties in key order");
                }
            }
        }

        #[test]
        fn comparing_is_antisymmetric(a in merit(), b in merit()) {
            prop_assert_eq!(compare(&a, &b), compare(&b, &a).reverse());
        }
    }
}
