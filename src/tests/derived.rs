//! The lists' derived values are updated in place after each change,
//! reading again only the proposals whose allocation moved: after any
//! sequence of changes and undos they equal values computed afresh.

use crate::app::derived::Derived;
use crate::domain::History;
use crate::domain::tests::{gesture, perform, workshop};
use proptest::prelude::*;

fn same(a: &Derived, b: &Derived) -> Result<(), TestCaseError> {
    prop_assert_eq!(&a.slots, &b.slots);
    prop_assert_eq!(a.live, b.live);
    prop_assert_eq!(&a.per_axis, &b.per_axis);
    prop_assert_eq!(a.untagged, b.untagged);
    prop_assert_eq!(&a.children, &b.children);
    Ok(())
}

proptest! {
    #[test]
    fn derived_values_updated_in_place_equal_fresh_ones(
        steps in prop::collection::vec(gesture(), 1..60)
    ) {
        let mut w = workshop();
        let mut history = History::default();
        let mut derived = Derived::of(&w);
        for g in steps {
            perform(&mut w, &mut history, g);
            derived.update(&w);
            same(&derived, &Derived::of(&w))?;
        }
    }
}
