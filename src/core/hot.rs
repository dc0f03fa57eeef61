//! Keeps the runtime's worker thread awake for a moment after each statement.
//!
//! A statement crosses threads twice (JS thread → worker → JS thread) on top of
//! the round trip to the server. When the worker parks between statements, each
//! crossing pays a kernel wake-up; for sequential small queries that doubles the
//! latency. After a statement finishes, a task yields in a loop for a short
//! window (`WINDOW`) so the next statement, usually sent a few microseconds
//! later, finds the worker running. Idle processes spin at most `WINDOW` once.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

static SPINNING: AtomicBool = AtomicBool::new(false);
/// Statements in flight (process-wide). The spinner only helps a sequential
/// caller; with several statements in flight the worker is busy anyway and a
/// spinner would only take turns from real work.
static IN_FLIGHT: AtomicU64 = AtomicU64::new(0);

/// A statement starts.
pub fn begin() {
    IN_FLIGHT.fetch_add(1, Ordering::Relaxed);
}

/// A statement ended: keep the worker awake if it was the only one.
pub fn end() {
    if IN_FLIGHT.fetch_sub(1, Ordering::Relaxed) <= 1 {
        touch();
    }
}
static LAST_ACTIVITY_US: AtomicU64 = AtomicU64::new(0);

/// How long the worker stays awake after the last statement.
const WINDOW: Duration = Duration::from_micros(300);

fn now_us(origin: Instant) -> u64 {
    u64::try_from(origin.elapsed().as_micros()).unwrap_or(u64::MAX)
}

fn origin() -> Instant {
    static ORIGIN: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    *ORIGIN.get_or_init(Instant::now)
}

/// Records activity and, if no spinner runs, starts one on the current runtime.
fn touch() {
    let o = origin();
    LAST_ACTIVITY_US.store(now_us(o), Ordering::Relaxed);
    if SPINNING.swap(true, Ordering::AcqRel) {
        return;
    }
    tokio::spawn(async move {
        let window = u64::try_from(WINDOW.as_micros()).unwrap_or(300);
        loop {
            tokio::task::yield_now().await;
            let last = LAST_ACTIVITY_US.load(Ordering::Relaxed);
            if IN_FLIGHT.load(Ordering::Relaxed) > 1 || now_us(o).saturating_sub(last) > window {
                break;
            }
        }
        SPINNING.store(false, Ordering::Release);
    });
}
