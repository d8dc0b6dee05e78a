//! The phase timer. It runs against the agenda's timeboxes, keeps going
//! whatever screen the facilitator is on, warns once two minutes before the
//! end and once at the end. Time is passed in, so tests use a fake clock.

use crate::domain::Phase;
use crate::domain::workshop::TimeSpent;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

pub const WARNING: Duration = Duration::from_secs(120);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// Two minutes left.
    Warning,
    /// The timebox is over.
    End,
}

#[derive(Debug, Clone)]
pub struct Timer {
    /// The phase the timer runs for.
    pub phase: Phase,
    /// Its timebox.
    pub planned: Duration,
    /// Time spent on each phase, including the current run.
    spent: BTreeMap<Phase, Duration>,
    running_since: Option<Instant>,
    warned: bool,
    ended: bool,
}

impl Timer {
    pub fn new(phase: Phase, planned: Duration) -> Timer {
        Timer {
            phase,
            planned,
            spent: BTreeMap::new(),
            running_since: None,
            warned: false,
            ended: false,
        }
    }

    /// A timer for `record`'s phase with its time spent, paused: what a
    /// workshop opened again starts from.
    pub fn restore(record: &TimeSpent, planned: impl Fn(Phase) -> Duration) -> Timer {
        let phase = record.phase.unwrap_or(Phase::Capture);
        let mut t = Timer::new(phase, planned(phase));
        t.spent = record
            .seconds
            .iter()
            .filter(|(_, s)| **s > 0)
            .map(|(p, s)| (*p, Duration::from_secs(*s)))
            .collect();
        let spent = t.spent.get(&phase).copied().unwrap_or_default();
        let left = t.planned.as_secs() as i64 - spent.as_secs() as i64;
        // What already fired before the restart does not fire again.
        t.warned = left <= WARNING.as_secs() as i64;
        t.ended = left <= 0;
        t
    }

    /// The record to keep in the workshop, counted up to `now`.
    pub fn record(&self, now: Instant) -> TimeSpent {
        if !self.is_used() {
            return TimeSpent::default();
        }
        let mut phases: Vec<Phase> = self.spent.keys().copied().collect();
        phases.push(self.phase);
        TimeSpent {
            phase: Some(self.phase),
            seconds: phases
                .into_iter()
                .map(|p| (p, self.spent(p, now).as_secs()))
                .filter(|(_, s)| *s > 0)
                .collect(),
        }
    }

    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }

    /// Whether the timer has ever been started (it is shown only then).
    pub fn is_used(&self) -> bool {
        self.is_running() || !self.spent.is_empty()
    }

    /// Time spent on `phase`, up to `now`.
    pub fn spent(&self, phase: Phase, now: Instant) -> Duration {
        let past = self.spent.get(&phase).copied().unwrap_or_default();
        match self.running_since {
            Some(since) if phase == self.phase => past + now.saturating_duration_since(since),
            _ => past,
        }
    }

    /// Seconds left in the current timebox; negative once it is over.
    pub fn remaining(&self, now: Instant) -> i64 {
        self.planned.as_secs() as i64 - self.spent(self.phase, now).as_secs() as i64
    }

    pub fn start(&mut self, now: Instant) {
        if self.running_since.is_none() {
            self.running_since = Some(now);
        }
    }

    pub fn pause(&mut self, now: Instant) {
        if let Some(since) = self.running_since.take() {
            *self.spent.entry(self.phase).or_default() += now.saturating_duration_since(since);
        }
    }

    /// Runs the timer for `phase` (with its timebox), keeping what was spent
    /// on the previous one.
    pub fn switch(&mut self, phase: Phase, planned: Duration, now: Instant) {
        let was_running = self.is_running();
        self.pause(now);
        self.phase = phase;
        self.planned = planned;
        self.warned = false;
        self.ended = false;
        if was_running {
            self.start(now);
        }
        self.rearm(now);
    }

    /// The current phase starts again from zero, paused.
    pub fn reset(&mut self, now: Instant) {
        self.pause(now);
        self.spent.remove(&self.phase);
        self.warned = false;
        self.ended = false;
    }

    /// Adds (or, negative, removes) minutes to the timebox.
    pub fn add_minutes(&mut self, minutes: i64, now: Instant) {
        let secs = (self.planned.as_secs() as i64 + minutes * 60).max(60);
        self.planned = Duration::from_secs(secs as u64);
        self.rearm(now);
    }

    /// A longer timebox can warn and end again; a shorter one does not
    /// repeat what already fired.
    fn rearm(&mut self, now: Instant) {
        let left = self.remaining(now);
        if left > WARNING.as_secs() as i64 {
            self.warned = false;
        }
        if left > 0 {
            self.ended = false;
        }
    }

    /// What happened since the last tick: each event fires once.
    pub fn tick(&mut self, now: Instant) -> Vec<Event> {
        let mut events = Vec::new();
        if !self.is_running() {
            return events;
        }
        let left = self.remaining(now);
        if !self.warned && left <= WARNING.as_secs() as i64 && left > 0 {
            self.warned = true;
            events.push(Event::Warning);
        }
        if !self.ended && left <= 0 {
            self.ended = true;
            self.warned = true;
            events.push(Event::End);
        }
        events
    }
}

/// `mm:ss`, or `-mm:ss` once over.
pub fn clock(seconds: i64) -> String {
    let sign = if seconds < 0 { "-" } else { "" };
    let s = seconds.unsigned_abs();
    format!("{sign}{:02}:{:02}", s / 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minutes(n: u64) -> Duration {
        Duration::from_secs(n * 60)
    }

    #[test]
    fn warning_and_end_fire_once_each() {
        let t0 = Instant::now();
        let mut t = Timer::new(Phase::Capture, minutes(10));
        t.start(t0);
        assert!(t.tick(t0 + minutes(7)).is_empty());
        assert_eq!(t.tick(t0 + minutes(8)), vec![Event::Warning]);
        assert!(t.tick(t0 + minutes(9)).is_empty(), "the warning fires once");
        assert_eq!(t.tick(t0 + minutes(10)), vec![Event::End]);
        assert!(t.tick(t0 + minutes(11)).is_empty(), "the end fires once");
        assert_eq!(t.remaining(t0 + minutes(11)), -60);
        assert_eq!(clock(t.remaining(t0 + minutes(11))), "-01:00");
    }

    #[test]
    fn a_jump_past_the_end_fires_only_the_end() {
        let t0 = Instant::now();
        let mut t = Timer::new(Phase::Vote, minutes(5));
        t.start(t0);
        assert_eq!(t.tick(t0 + minutes(6)), vec![Event::End]);
    }

    #[test]
    fn pause_stops_time() {
        let t0 = Instant::now();
        let mut t = Timer::new(Phase::Capture, minutes(10));
        t.start(t0);
        t.pause(t0 + minutes(3));
        assert_eq!(t.remaining(t0 + minutes(30)), 7 * 60);
        assert!(
            t.tick(t0 + minutes(30)).is_empty(),
            "a paused timer does not fire"
        );
        t.start(t0 + minutes(30));
        assert_eq!(t.remaining(t0 + minutes(31)), 6 * 60);
    }

    #[test]
    fn adding_a_minute_extends_and_rearms() {
        let t0 = Instant::now();
        let mut t = Timer::new(Phase::Capture, minutes(10));
        t.start(t0);
        assert_eq!(t.tick(t0 + minutes(10)), vec![Event::End]);
        t.add_minutes(5, t0 + minutes(10));
        assert_eq!(t.remaining(t0 + minutes(10)), 5 * 60);
        assert_eq!(
            t.tick(t0 + minutes(13)),
            vec![Event::Warning],
            "warns again for the new end"
        );
        assert_eq!(t.tick(t0 + minutes(15)), vec![Event::End]);
        t.add_minutes(-100, t0 + minutes(15));
        assert_eq!(t.planned, minutes(1), "never below one minute");
    }

    #[test]
    fn the_timer_keeps_each_phase_s_time() {
        let t0 = Instant::now();
        let mut t = Timer::new(Phase::Capture, minutes(45));
        t.start(t0);
        t.switch(Phase::Tag, minutes(20), t0 + minutes(40));
        assert!(t.is_running(), "switching keeps it running");
        assert_eq!(t.spent(Phase::Capture, t0 + minutes(50)), minutes(40));
        assert_eq!(t.spent(Phase::Tag, t0 + minutes(50)), minutes(10));
        t.reset(t0 + minutes(50));
        assert_eq!(t.spent(Phase::Tag, t0 + minutes(60)), Duration::ZERO);
        assert_eq!(
            t.spent(Phase::Capture, t0 + minutes(60)),
            minutes(40),
            "reset touches only the current phase"
        );
        assert!(!t.is_running());
    }
}
