//! Task spawning with a "work left" count, so the host that drives the
//! runtime can tell when every woken task has run.
//!
//! The addon runs its futures on a current-thread tokio runtime that the
//! JavaScript thread drives from libuv (see `src/binding/uvloop.rs`): each
//! drive polls until no task is left with an unprocessed wake-up. Every task
//! the core spawns goes through [`spawn`], which wraps it so that a wake-up
//! increments a counter and the poll that consumes it decrements it again.
//! [`settle`] yields to the scheduler until that counter is zero.
//!
//! Counters are per thread that drives a runtime ([`set_counter`]); elsewhere
//! (e.g. `cargo test` on a multi-thread runtime) a shared default is used and
//! nothing waits on it.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll, Wake, Waker};

/// Wake-ups not yet consumed by a poll, for one runtime.
pub type Counter = Arc<AtomicUsize>;

thread_local! {
    static CURRENT: RefCell<Option<Counter>> = const { RefCell::new(None) };
}

fn default_counter() -> Counter {
    static C: OnceLock<Counter> = OnceLock::new();
    C.get_or_init(|| Arc::new(AtomicUsize::new(0))).clone()
}

/// Makes `counter` the one tasks spawned from this thread report to.
pub fn set_counter(counter: Counter) {
    CURRENT.with(|c| *c.borrow_mut() = Some(counter));
}

fn current() -> Counter {
    CURRENT
        .with(|c| c.borrow().clone())
        .unwrap_or_else(default_counter)
}

/// Spawns `fut` on the current tokio runtime, tracked.
pub fn spawn<F>(fut: F)
where
    F: Future<Output = ()> + Send + 'static,
{
    drop(tokio::spawn(Tracked::new(fut, current())));
}

/// Yields to the scheduler until no tracked task has a pending wake-up (at
/// most `max_rounds` times). Returns whether everything settled.
pub async fn settle(counter: &Counter, max_rounds: usize) -> bool {
    for _ in 0..max_rounds {
        tokio::task::yield_now().await;
        if counter.load(Ordering::Acquire) == 0 {
            return true;
        }
    }
    false
}

struct Flag {
    woken: AtomicBool,
    counter: Counter,
}

impl Flag {
    fn mark(&self) {
        if !self.woken.swap(true, Ordering::AcqRel) {
            self.counter.fetch_add(1, Ordering::AcqRel);
        }
    }

    fn clear(&self) {
        if self.woken.swap(false, Ordering::AcqRel) {
            self.counter.fetch_sub(1, Ordering::AcqRel);
        }
    }
}

/// The waker handed to a tracked task: marks the task woken, then wakes it.
struct TrackingWaker {
    flag: Arc<Flag>,
    inner: Waker,
}

impl Wake for TrackingWaker {
    fn wake(self: Arc<Self>) {
        self.flag.mark();
        self.inner.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.flag.mark();
        self.inner.wake_by_ref();
    }
}

struct Tracked<F> {
    fut: Pin<Box<F>>,
    flag: Arc<Flag>,
    /// The wrapping waker of the last poll, reused while the runtime's waker is the same.
    waker: Option<Waker>,
    inner: Option<Waker>,
}

impl<F> Tracked<F> {
    fn new(fut: F, counter: Counter) -> Self {
        let flag = Arc::new(Flag {
            woken: AtomicBool::new(false),
            counter,
        });
        // A new task is scheduled: that counts as a wake-up until its first poll.
        flag.mark();
        Tracked {
            fut: Box::pin(fut),
            flag,
            waker: None,
            inner: None,
        }
    }
}

impl<F: Future<Output = ()>> Future for Tracked<F> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = &mut *self;
        this.flag.clear();
        let reuse = matches!(&this.inner, Some(w) if w.will_wake(cx.waker()));
        if !reuse {
            this.inner = Some(cx.waker().clone());
            this.waker = Some(Waker::from(Arc::new(TrackingWaker {
                flag: this.flag.clone(),
                inner: cx.waker().clone(),
            })));
        }
        let Some(waker) = this.waker.as_ref() else {
            return this.fut.as_mut().poll(cx);
        };
        let mut tracked_cx = Context::from_waker(waker);
        this.fut.as_mut().poll(&mut tracked_cx)
    }
}

impl<F> Drop for Tracked<F> {
    fn drop(&mut self) {
        // A task dropped with a pending wake-up (runtime shutdown) must not leave the count up.
        self.flag.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "current_thread")]
    async fn settle_waits_for_woken_tasks() {
        let counter: Counter = Arc::new(AtomicUsize::new(0));
        set_counter(counter.clone());
        let (tx, rx) = tokio::sync::oneshot::channel::<u32>();
        let done = Arc::new(AtomicUsize::new(0));
        let d = done.clone();
        spawn(async move {
            if let Ok(v) = rx.await {
                d.store(v as usize, Ordering::SeqCst);
            }
        });
        assert_eq!(counter.load(Ordering::SeqCst), 1, "spawned = woken");
        assert!(settle(&counter, 16).await);
        assert_eq!(counter.load(Ordering::SeqCst), 0);
        tx.send(7).ok();
        assert_eq!(counter.load(Ordering::SeqCst), 1, "the send woke the task");
        assert!(settle(&counter, 16).await);
        assert_eq!(done.load(Ordering::SeqCst), 7);
        assert_eq!(counter.load(Ordering::SeqCst), 0);
    }
}
