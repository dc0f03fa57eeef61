//! The addon's futures run on the JavaScript thread, driven by Node's event loop.
//!
//! A statement used to cross threads twice (JS thread → tokio worker → JS
//! thread); on a small VM each crossing is a kernel wake-up of an idle CPU,
//! measured at 50–60 µs, which made every small query slower than node-postgres
//! (which reads its sockets on the JS thread). Now each JS thread that loads the
//! addon owns a current-thread tokio runtime that nothing else polls:
//!
//! - libuv watches the runtime's epoll descriptor (`uv_poll`): when a socket
//!   the runtime waits on becomes ready, or a task is woken from another thread
//!   (DNS lookups run on tokio's blocking pool), the loop calls [`from_loop`],
//!   which polls every woken task until none is left ([`crate::core::rt`]), then
//!   resolves the promises of the operations that finished.
//! - A native call that starts an operation spawns it and drives the runtime
//!   at once, so the statement is written to the socket before the call returns.
//! - A repeating `uv_timer` runs while promises are pending: it keeps Node alive
//!   until they settle (like a pending socket) and lets tokio's timers
//!   (connect/acquire timeouts) fire. An unreferenced slow timer serves the
//!   pool's idle-connection reaper without keeping an idle process alive.
//!
//! libuv's functions are looked up in the running `node` binary (`dlsym`), as
//! napi-rs does for N-API, so `cargo test` links without Node.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::ffi::{c_char, c_int, c_void, CStr};
use std::future::Future;
use std::ptr;
use std::rc::Rc;
use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, OnceLock};

use napi::bindgen_prelude::*;
use napi::sys;

use crate::core::rt::{self, Counter};

const UV_READABLE: c_int = 1;
const UV_POLL: c_int = 8;
const UV_TIMER: c_int = 13;
/// While promises are pending: how often timers and stray wake-ups are served.
const BUSY_TICK_MS: u64 = 4;
/// Without an epoll descriptor to watch (not found): the only way to make progress.
const FALLBACK_TICK_MS: u64 = 1;
/// The pool reaper's clock while nothing is pending.
const IDLE_TICK_MS: u64 = 250;
/// Upper bound on scheduler rounds per drive (a backstop; the busy timer resumes).
const MAX_ROUNDS: usize = 4096;

type PollCb = unsafe extern "C" fn(*mut c_void, c_int, c_int);
type TimerCb = unsafe extern "C" fn(*mut c_void);
type CloseCb = unsafe extern "C" fn(*mut c_void);

type HandleSizeFn = unsafe extern "C" fn(c_int) -> usize;
type PollInitFn = unsafe extern "C" fn(*mut c_void, *mut c_void, c_int) -> c_int;
type PollStartFn = unsafe extern "C" fn(*mut c_void, c_int, PollCb) -> c_int;
type TimerInitFn = unsafe extern "C" fn(*mut c_void, *mut c_void) -> c_int;
type TimerStartFn = unsafe extern "C" fn(*mut c_void, TimerCb, u64, u64) -> c_int;
type TimerStopFn = unsafe extern "C" fn(*mut c_void) -> c_int;
type UnrefFn = unsafe extern "C" fn(*mut c_void);
type CloseFn = unsafe extern "C" fn(*mut c_void, Option<CloseCb>);

/// The libuv functions used, resolved from the process.
struct Uv {
    handle_size: HandleSizeFn,
    poll_init: PollInitFn,
    poll_start: PollStartFn,
    timer_init: TimerInitFn,
    timer_start: TimerStartFn,
    timer_stop: TimerStopFn,
    unref: UnrefFn,
    close: CloseFn,
}

fn sym(name: &CStr) -> Option<*mut c_void> {
    // SAFETY: dlsym with RTLD_DEFAULT and a NUL-terminated name has no preconditions.
    let p = unsafe { libc::dlsym(libc::RTLD_DEFAULT, name.as_ptr()) };
    (!p.is_null()).then_some(p)
}

fn uv() -> Option<&'static Uv> {
    static UV: OnceLock<Option<Uv>> = OnceLock::new();
    UV.get_or_init(|| {
        // SAFETY: each symbol is libuv's exported function with the declared C signature
        // (libuv ≥ 1.0, as shipped in every Node release napi6 targets).
        unsafe {
            Some(Uv {
                handle_size: std::mem::transmute::<*mut c_void, HandleSizeFn>(sym(
                    c"uv_handle_size",
                )?),
                poll_init: std::mem::transmute::<*mut c_void, PollInitFn>(sym(c"uv_poll_init")?),
                poll_start: std::mem::transmute::<*mut c_void, PollStartFn>(sym(c"uv_poll_start")?),
                timer_init: std::mem::transmute::<*mut c_void, TimerInitFn>(sym(c"uv_timer_init")?),
                timer_start: std::mem::transmute::<*mut c_void, TimerStartFn>(sym(
                    c"uv_timer_start",
                )?),
                timer_stop: std::mem::transmute::<*mut c_void, TimerStopFn>(sym(c"uv_timer_stop")?),
                unref: std::mem::transmute::<*mut c_void, UnrefFn>(sym(c"uv_unref")?),
                close: std::mem::transmute::<*mut c_void, CloseFn>(sym(c"uv_close")?),
            })
        }
    })
    .as_ref()
}

type Convert = Box<dyn FnOnce(&Env, Box<dyn Any + Send>) -> Result<sys::napi_value>>;

struct Pending {
    deferred: sys::napi_deferred,
    convert: Convert,
    progress: Option<(sys::napi_ref, ProgressConvert)>,
}

/// Turns one progress item into the arguments of the operation's JS callback.
pub(crate) type ProgressConvert =
    Box<dyn Fn(&Env, Box<dyn Any + Send>) -> Result<Vec<sys::napi_value>>>;

struct Local {
    rt: RefCell<Option<tokio::runtime::Runtime>>,
    env: sys::napi_env,
    uv: &'static Uv,
    counter: Counter,
    async_ctx: sys::napi_async_context,
    poll: *mut c_void,
    busy: *mut c_void,
    idle: *mut c_void,
    busy_on: Cell<bool>,
    busy_tick: u64,
    pending: RefCell<HashMap<u64, Pending>>,
    next_id: Cell<u64>,
    driving: Cell<bool>,
    /// Set while promise reactions run inside [`Local::resolve`].
    batching: Cell<bool>,
    /// Operations started meanwhile, spawned together afterwards.
    deferred: RefCell<Vec<Task>>,
}

type Task = std::pin::Pin<Box<dyn Future<Output = ()> + Send>>;

thread_local! {
    static LOCAL: RefCell<Option<Rc<Local>>> = const { RefCell::new(None) };
    /// Outcomes of finished operations, waiting to be handed to their promises.
    static DONE: RefCell<Vec<(u64, Box<dyn Any + Send>)>> = const { RefCell::new(Vec::new()) };
    /// Progress of running operations (e.g. the first rows of a large result), for their callbacks.
    static PROGRESS: RefCell<Vec<(u64, Box<dyn Any + Send>)>> = const { RefCell::new(Vec::new()) };
}

fn status(s: sys::napi_status, what: &str) -> Result<()> {
    if s == sys::Status::napi_ok {
        Ok(())
    } else {
        Err(Error::from_reason(format!(
            "{what} failed (napi status {s})"
        )))
    }
}

/// The `anon_inode:[eventpoll]` descriptors of this process.
fn epoll_fds() -> Vec<c_int> {
    let Ok(dir) = std::fs::read_dir("/proc/self/fd") else {
        return Vec::new();
    };
    dir.filter_map(|e| e.ok())
        .filter_map(|e| {
            let fd: c_int = e.file_name().to_str()?.parse().ok()?;
            let target = std::fs::read_link(e.path()).ok()?;
            (target.to_str()? == "anon_inode:[eventpoll]").then_some(fd)
        })
        .collect()
}

/// The descriptors registered in epoll instance `fd` (from `/proc/self/fdinfo`).
fn epoll_targets(fd: c_int) -> Option<Vec<String>> {
    let info = std::fs::read_to_string(format!("/proc/self/fdinfo/{fd}")).ok()?;
    Some(
        info.lines()
            .filter_map(|l| l.trim_start().strip_prefix("tfd:"))
            .filter_map(|rest| rest.split_whitespace().next().map(str::to_string))
            .collect(),
    )
}

/// The runtime's epoll descriptor among those its construction created: mio
/// keeps a duplicate of it, so several may appear; they must all be the same
/// instance (same registrations, including the runtime's waker).
fn runtime_epoll(created: &[c_int]) -> Option<c_int> {
    let first = *created.first()?;
    let targets = epoll_targets(first)?;
    if targets.is_empty() {
        return None;
    }
    created[1..]
        .iter()
        .all(|fd| epoll_targets(*fd).as_ref() == Some(&targets))
        .then_some(first)
}

fn alloc_handle(uv: &Uv, kind: c_int) -> *mut c_void {
    // SAFETY: uv_handle_size is a pure function; calloc's result is checked by callers.
    unsafe { libc::calloc(1, (uv.handle_size)(kind)) }
}

unsafe extern "C" fn free_handle(h: *mut c_void) {
    libc::free(h);
}

unsafe extern "C" fn on_poll(_h: *mut c_void, _status: c_int, _events: c_int) {
    from_loop();
}

unsafe extern "C" fn on_timer(_h: *mut c_void) {
    from_loop();
}

/// Called by libuv on the JS thread: run what is ready, settle finished promises.
fn from_loop() {
    let Some(local) = LOCAL.with(|l| l.borrow().clone()) else {
        return;
    };
    local.loop_turn();
}

unsafe extern "C" fn cleanup(_arg: *mut c_void) {
    let Some(local) = LOCAL.with(|l| l.borrow_mut().take()) else {
        return;
    };
    local.shutdown();
}

impl Local {
    fn create(env: &Env) -> Result<Rc<Local>> {
        let uv =
            uv().ok_or_else(|| Error::from_reason("libuv functions not found in the process"))?;
        let raw = env.raw();
        let before = epoll_fds();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::from_reason(format!("cannot start the runtime: {e}")))?;
        let created: Vec<c_int> = epoll_fds()
            .into_iter()
            .filter(|fd| !before.contains(fd))
            .collect();
        let counter: Counter = Arc::new(AtomicUsize::new(0));
        rt::set_counter(counter.clone());

        let mut uv_loop: *mut sys::uv_loop_s = ptr::null_mut();
        // SAFETY: plain N-API calls on the calling (JS) thread with a valid env.
        unsafe {
            status(
                sys::napi_get_uv_event_loop(raw, &mut uv_loop),
                "napi_get_uv_event_loop",
            )?
        };
        let uv_loop = uv_loop as *mut c_void;

        let mut async_ctx: sys::napi_async_context = ptr::null_mut();
        unsafe {
            let mut resource = ptr::null_mut();
            status(
                sys::napi_create_object(raw, &mut resource),
                "napi_create_object",
            )?;
            let mut name = ptr::null_mut();
            let n = "sequelize-rs";
            status(
                sys::napi_create_string_utf8(
                    raw,
                    n.as_ptr() as *const c_char,
                    n.len() as isize,
                    &mut name,
                ),
                "napi_create_string_utf8",
            )?;
            status(
                sys::napi_async_init(raw, resource, name, &mut async_ctx),
                "napi_async_init",
            )?;
        }

        let busy = alloc_handle(uv, UV_TIMER);
        let idle = alloc_handle(uv, UV_TIMER);
        let mut poll = ptr::null_mut();
        if busy.is_null() || idle.is_null() {
            return Err(Error::from_reason("out of memory"));
        }
        // SAFETY: freshly allocated handles of the right size, initialised on the loop's thread.
        unsafe {
            if (uv.timer_init)(uv_loop, busy) != 0 || (uv.timer_init)(uv_loop, idle) != 0 {
                return Err(Error::from_reason("uv_timer_init failed"));
            }
            (uv.timer_start)(idle, on_timer, IDLE_TICK_MS, IDLE_TICK_MS);
            (uv.unref)(idle);
            if let Some(fd) = runtime_epoll(&created) {
                let p = alloc_handle(uv, UV_POLL);
                if !p.is_null() && (uv.poll_init)(uv_loop, p, fd) == 0 {
                    (uv.poll_start)(p, UV_READABLE, on_poll);
                    (uv.unref)(p);
                    poll = p;
                } else if !p.is_null() {
                    libc::free(p);
                }
            }
            status(
                sys::napi_add_env_cleanup_hook(raw, Some(cleanup), ptr::null_mut()),
                "napi_add_env_cleanup_hook",
            )?;
        }
        Ok(Rc::new(Local {
            rt: RefCell::new(Some(runtime)),
            env: raw,
            uv,
            counter,
            async_ctx,
            busy_tick: if poll.is_null() {
                FALLBACK_TICK_MS
            } else {
                BUSY_TICK_MS
            },
            poll,
            busy,
            idle,
            busy_on: Cell::new(false),
            pending: RefCell::new(HashMap::new()),
            next_id: Cell::new(1),
            driving: Cell::new(false),
            batching: Cell::new(false),
            deferred: RefCell::new(Vec::new()),
        }))
    }

    /// Spawns `tasks` and polls the runtime until every woken task has run.
    fn drive(&self, tasks: Vec<Task>) {
        if self.driving.replace(true) {
            // Re-entered (cannot happen from JS, which never runs inside a drive): queue only.
            self.deferred.borrow_mut().extend(tasks);
            return;
        }
        let counter = self.counter.clone();
        let settled = match self.rt.borrow().as_ref() {
            Some(runtime) => runtime.block_on(async move {
                if !tasks.is_empty() {
                    // Socket events that arrived since the loop last ran first: a
                    // connection the server has closed must be seen as closed before
                    // the new operations pick one.
                    rt::settle(&counter, MAX_ROUNDS).await;
                    for t in tasks {
                        rt::spawn(t);
                    }
                }
                rt::settle(&counter, MAX_ROUNDS).await
            }),
            None => true,
        };
        self.driving.set(false);
        if !settled {
            self.set_busy(true);
        }
    }

    /// Starts `task`: now, or — while promise reactions of a loop callback run —
    /// together with the other operations they start, once they have all run
    /// (statements for one connection then leave in one write).
    fn start(&self, task: Task) {
        if self.batching.get() {
            self.deferred.borrow_mut().push(task);
            return;
        }
        self.drive(vec![task]);
        self.resolve(true);
    }

    /// From libuv: drive, settle promises, and repeat for the operations their
    /// reactions started.
    fn loop_turn(&self) {
        let mut tasks = Vec::new();
        loop {
            self.drive(tasks);
            if !self.resolve(false) {
                return;
            }
            tasks = std::mem::take(&mut *self.deferred.borrow_mut());
            if tasks.is_empty() {
                return;
            }
        }
    }

    /// Nothing pending or queued: the busy timer (and its hold on the loop) stops.
    fn stop_busy_if_idle(&self) {
        if self.pending.borrow().is_empty() && self.deferred.borrow().is_empty() {
            self.set_busy(false);
        }
    }

    fn set_busy(&self, on: bool) {
        if on == self.busy_on.get() {
            return;
        }
        // SAFETY: the timer was initialised on this loop and is only touched on this thread.
        unsafe {
            if on {
                (self.uv.timer_start)(self.busy, on_timer, self.busy_tick, self.busy_tick);
            } else {
                (self.uv.timer_stop)(self.busy);
            }
        }
        self.busy_on.set(on);
    }

    /// Hands finished operations' outcomes to their promises. From libuv
    /// (`in_call == false`) inside a callback scope, so that promise reactions
    /// and `process.nextTick` callbacks run when it closes.
    fn resolve(&self, in_call: bool) -> bool {
        let done = DONE.with(|d| std::mem::take(&mut *d.borrow_mut()));
        let progress = PROGRESS.with(|d| std::mem::take(&mut *d.borrow_mut()));
        if done.is_empty() && progress.is_empty() {
            self.stop_busy_if_idle();
            return false;
        }
        let env = self.env;
        // SAFETY: N-API calls on the JS thread; scopes are closed in reverse order below.
        unsafe {
            let mut hs: sys::napi_handle_scope = ptr::null_mut();
            if sys::napi_open_handle_scope(env, &mut hs) != sys::Status::napi_ok {
                return false;
            }
            let mut cs: sys::napi_callback_scope = ptr::null_mut();
            if !in_call {
                let mut resource = ptr::null_mut();
                if sys::napi_create_object(env, &mut resource) == sys::Status::napi_ok {
                    sys::napi_open_callback_scope(env, resource, self.async_ctx, &mut cs);
                }
            }
            let napi_env = Env::from_raw(env);
            for (id, item) in progress {
                self.report(&napi_env, id, item);
            }
            for (id, out) in done {
                let Some(p) = self.pending.borrow_mut().remove(&id) else {
                    continue;
                };
                if let Some((func, _)) = p.progress {
                    sys::napi_delete_reference(env, func);
                }
                match (p.convert)(&napi_env, out) {
                    Ok(v) => {
                        sys::napi_resolve_deferred(env, p.deferred, v);
                    }
                    Err(e) => {
                        let msg = e.reason.clone();
                        let mut s = ptr::null_mut();
                        let mut err = ptr::null_mut();
                        sys::napi_create_string_utf8(
                            env,
                            msg.as_ptr() as *const c_char,
                            msg.len() as isize,
                            &mut s,
                        );
                        sys::napi_create_error(env, ptr::null_mut(), s, &mut err);
                        sys::napi_reject_deferred(env, p.deferred, err);
                    }
                }
            }
            self.stop_busy_if_idle();
            if !cs.is_null() {
                // Reactions run here; the operations they start are batched.
                self.batching.set(true);
                sys::napi_close_callback_scope(env, cs);
                self.batching.set(false);
            }
            sys::napi_close_handle_scope(env, hs);
        }
        true
    }

    /// Calls operation `id`'s progress callback with `item` (JS thread, inside scopes).
    fn report(&self, env: &Env, id: u64, item: Box<dyn Any + Send>) {
        let pending = self.pending.borrow();
        let Some((func_ref, convert)) = pending.get(&id).and_then(|p| p.progress.as_ref()) else {
            return;
        };
        let func_ref = *func_ref;
        let args = convert(env, item);
        drop(pending);
        let raw = env.raw();
        // SAFETY: N-API calls on the JS thread; the reference is alive until the
        // operation completes. A throwing callback must not leave an exception pending.
        unsafe {
            let Ok(args) = args else { return };
            let mut func = ptr::null_mut();
            let mut recv = ptr::null_mut();
            if sys::napi_get_reference_value(raw, func_ref, &mut func) != sys::Status::napi_ok
                || sys::napi_get_undefined(raw, &mut recv) != sys::Status::napi_ok
            {
                return;
            }
            let mut result = ptr::null_mut();
            let s =
                sys::napi_call_function(raw, recv, func, args.len(), args.as_ptr(), &mut result);
            if s != sys::Status::napi_ok {
                let mut exc = ptr::null_mut();
                sys::napi_get_and_clear_last_exception(raw, &mut exc);
            }
        }
    }

    fn shutdown(&self) {
        // SAFETY: the handles belong to this loop; uv_close frees them through the callback.
        unsafe {
            (self.uv.timer_stop)(self.busy);
            (self.uv.timer_stop)(self.idle);
            (self.uv.close)(self.busy, Some(free_handle));
            (self.uv.close)(self.idle, Some(free_handle));
            if !self.poll.is_null() {
                (self.uv.close)(self.poll, Some(free_handle));
            }
            sys::napi_async_destroy(self.env, self.async_ctx);
        }
        self.pending.borrow_mut().clear();
        self.deferred.borrow_mut().clear();
        DONE.with(|d| d.borrow_mut().clear());
        PROGRESS.with(|d| d.borrow_mut().clear());
        if let Some(runtime) = self.rt.borrow_mut().take() {
            // Never wait for a blocking DNS lookup at exit.
            runtime.shutdown_background();
        }
    }
}

fn local(env: &Env) -> Result<Rc<Local>> {
    if let Some(l) = LOCAL.with(|l| l.borrow().clone()) {
        return Ok(l);
    }
    let l = Local::create(env)?;
    LOCAL.with(|slot| *slot.borrow_mut() = Some(l.clone()));
    Ok(l)
}

/// Starts `fut` on this thread's runtime and returns a promise for its
/// outcome, converted to JS by `convert` on the JS thread. The future is
/// polled before this returns (a statement is on the wire by then).
pub(crate) fn spawn_promise<T, F, C>(env: &Env, fut: F, convert: C) -> Result<sys::napi_value>
where
    T: Send + 'static,
    F: Future<Output = T> + Send + 'static,
    C: FnOnce(&Env, T) -> Result<sys::napi_value> + 'static,
{
    spawn_promise_with(env, move |_| fut, convert, None)
}

/// [`spawn_promise`] for a future that reports progress: `make` receives the
/// operation's id for [`progress`]; each item reaches `callback` (a JS
/// function) through `convert_progress`, before the promise settles.
pub(crate) fn spawn_promise_with<T, F, C>(
    env: &Env,
    make: impl FnOnce(u64) -> F,
    convert: C,
    progress: Option<(sys::napi_value, ProgressConvert)>,
) -> Result<sys::napi_value>
where
    T: Send + 'static,
    F: Future<Output = T> + Send + 'static,
    C: FnOnce(&Env, T) -> Result<sys::napi_value> + 'static,
{
    let local = local(env)?;
    let mut deferred: sys::napi_deferred = ptr::null_mut();
    let mut promise: sys::napi_value = ptr::null_mut();
    // SAFETY: N-API calls on the JS thread inside a native call.
    let progress = unsafe {
        status(
            sys::napi_create_promise(env.raw(), &mut deferred, &mut promise),
            "napi_create_promise",
        )?;
        match progress {
            Some((func, conv)) => {
                let mut r: sys::napi_ref = ptr::null_mut();
                status(
                    sys::napi_create_reference(env.raw(), func, 1, &mut r),
                    "napi_create_reference",
                )?;
                Some((r, conv))
            }
            None => None,
        }
    };
    let id = local.next_id.get();
    local.next_id.set(id.wrapping_add(1));
    let convert: Convert = Box::new(move |env, any| match any.downcast::<T>() {
        Ok(v) => convert(env, *v),
        Err(_) => Err(Error::from_reason(
            "internal error: unexpected outcome type",
        )),
    });
    local.pending.borrow_mut().insert(
        id,
        Pending {
            deferred,
            convert,
            progress,
        },
    );
    local.set_busy(true);
    let fut = make(id);
    let task = async move {
        let out = fut.await;
        DONE.with(|d| {
            d.borrow_mut()
                .push((id, Box::new(out) as Box<dyn Any + Send>))
        });
    };
    local.start(Box::pin(task));
    Ok(promise)
}

/// Progress of operation `id` (called from its future, on the JS thread).
pub(crate) fn progress(id: u64, item: Box<dyn Any + Send>) {
    PROGRESS.with(|p| p.borrow_mut().push((id, item)));
}

/// Runs `f` inside this thread's runtime context (for calls that may wake
/// tasks, such as giving a connection back), then lets the woken tasks run.
pub(crate) fn with_runtime<R>(env: &Env, f: impl FnOnce() -> R) -> Result<R> {
    let local = local(env)?;
    let out = {
        let guard = local.rt.borrow();
        match guard.as_ref() {
            Some(runtime) => {
                let _g = runtime.enter();
                f()
            }
            None => f(),
        }
    };
    local.drive(Vec::new());
    local.resolve(true);
    Ok(out)
}
