//! The connection pool: deadpool's managed pool with Sequelize's options
//! mapped onto it (`max`, `min`, `idle`, `acquire`, `evict`, `maxUses`).
//!
//! - Connections are opened lazily (none before the first query; `min` is
//!   kept only once reached, as sequelize-pool does).
//! - LIFO reuse, like sequelize-pool.
//! - A connection is checked before it is handed out (closed by the server,
//!   or marked broken by a failed query → dropped and replaced).
//! - `acquire` bounds waiting *and* creating; a create failure reaches the
//!   caller with its own error (refused, bad password, TLS…).
//! - A reaper task runs every `evict` ms and closes connections idle for
//!   longer than `idle` (counted from release), keeping at least `min`.
//!   Idle connections and the reaper never keep Node's event loop alive.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use deadpool::managed::{
    self, Metrics, Object, PoolError, QueueMode, RecycleError, RecycleResult, Timeouts,
};
use deadpool::Runtime;

use crate::core::config::{ConnectConfig, PoolSettings};
use crate::core::conn::{self, Conn};
use crate::core::error::{CoreError, CoreResult, ErrorKind};
use crate::core::tls::TlsContext;

pub struct Manager {
    cfg: Arc<ConnectConfig>,
    tls: Option<TlsContext>,
    max_uses: Option<u64>,
}

impl managed::Manager for Manager {
    type Type = Conn;
    type Error = CoreError;

    async fn create(&self) -> Result<Conn, CoreError> {
        conn::open(&self.cfg, self.tls.as_ref()).await
    }

    async fn recycle(&self, conn: &mut Conn, _: &Metrics) -> RecycleResult<CoreError> {
        if !conn.is_usable() {
            return Err(RecycleError::message("connection closed"));
        }
        if let Some(max) = self.max_uses {
            if conn.uses >= max {
                return Err(RecycleError::message("maxUses reached"));
            }
        }
        Ok(())
    }
}

pub type PooledConn = Object<Manager>;

/// A checked-out connection other queries may pipeline onto.
struct Busy {
    id: u64,
    client: Arc<tokio_postgres::Client>,
    in_flight: Arc<AtomicUsize>,
}

/// What a query runs on: its own checked-out connection, or a share of one
/// that another query holds (pipelined: sent right behind it on the wire).
pub enum Lease {
    Owned {
        conn: PooledConn,
        id: u64,
    },
    Shared {
        client: Arc<tokio_postgres::Client>,
        in_flight: Arc<AtomicUsize>,
    },
}

impl Lease {
    pub fn client(&self) -> &tokio_postgres::Client {
        match self {
            Lease::Owned { conn, .. } => &conn.client,
            Lease::Shared { client, .. } => client,
        }
    }
}

/// One pool per Sequelize instance.
#[derive(Clone)]
pub struct Pool {
    inner: managed::Pool<Manager>,
    settings: PoolSettings,
    reaper_started: Arc<std::sync::atomic::AtomicBool>,
    busy: Arc<Mutex<Vec<Busy>>>,
    next_id: Arc<AtomicUsize>,
}

/// A snapshot for tests and diagnostics.
#[derive(Debug, Clone, Copy)]
pub struct PoolStatus {
    pub size: usize,
    pub available: usize,
    pub waiting: usize,
    pub max: usize,
}

impl Pool {
    pub fn new(cfg: ConnectConfig) -> CoreResult<Pool> {
        let tls = match &cfg.ssl {
            Some(settings) if !cfg.host.starts_with('/') => Some(TlsContext::new(settings)?),
            _ => None,
        };
        let settings = cfg.pool.clone();
        let manager = Manager {
            max_uses: settings.max_uses,
            cfg: Arc::new(cfg),
            tls,
        };
        let inner = managed::Pool::builder(manager)
            .max_size(settings.max.max(1) as usize)
            .queue_mode(QueueMode::Lifo)
            .runtime(Runtime::Tokio1)
            .build()
            .map_err(|e| CoreError::invalid(format!("invalid pool configuration: {e}")))?;
        Ok(Pool {
            inner,
            settings,
            reaper_started: Arc::new(std::sync::atomic::AtomicBool::new(false)),
            busy: Arc::new(Mutex::new(Vec::new())),
            next_id: Arc::new(AtomicUsize::new(1)),
        })
    }

    /// Checks out a connection within `acquire` ms.
    pub async fn acquire(&self) -> CoreResult<PooledConn> {
        if self.inner.is_closed() {
            return Err(closed_error());
        }
        self.ensure_reaper();
        let acquire = Duration::from_millis(self.settings.acquire_ms.max(1));
        let got = match tokio::time::timeout(acquire, self.inner.get()).await {
            Ok(r) => r,
            Err(_) => {
                return Err(CoreError::new(
                    ErrorKind::AcquireTimeout,
                    "Operation timeout",
                ))
            }
        };
        match got {
            Ok(c) => Ok(c),
            Err(PoolError::Backend(e)) => Err(e),
            Err(PoolError::Closed) => Err(closed_error()),
            Err(PoolError::Timeout(_)) => Err(CoreError::new(
                ErrorKind::AcquireTimeout,
                "Operation timeout",
            )),
            Err(e) => Err(CoreError::connection(e.to_string())),
        }
    }

    /// A connection for one statement outside a transaction. An idle
    /// connection (or a new one, below `max`) is preferred; when every
    /// connection is busy and the pool is full, the statement is pipelined on
    /// the busy connection with the fewest statements in flight instead of
    /// waiting (as postgres.js does). Falls back to waiting when nothing is
    /// checked out (e.g. every connection is being created).
    pub async fn lease(&self) -> CoreResult<Lease> {
        if self.inner.is_closed() {
            return Err(closed_error());
        }
        self.ensure_reaper();
        // Take an idle connection, or create one (bounded by `acquire`), without
        // waiting for a busy one to come back.
        let now = Timeouts {
            wait: Some(Duration::ZERO),
            create: Some(Duration::from_millis(self.settings.acquire_ms.max(1))),
            recycle: None,
        };
        match self.inner.timeout_get(&now).await {
            Ok(conn) => return Ok(self.own(conn)),
            Err(PoolError::Timeout(deadpool::managed::TimeoutType::Create)) => {
                return Err(CoreError::new(
                    ErrorKind::AcquireTimeout,
                    "Operation timeout",
                ))
            }
            Err(PoolError::Timeout(_)) => {}
            Err(PoolError::Backend(e)) => return Err(e),
            Err(PoolError::Closed) => return Err(closed_error()),
            Err(e) => return Err(CoreError::connection(e.to_string())),
        }
        if let Some(shared) = self.share() {
            return Ok(shared);
        }
        let conn = self.acquire().await?;
        Ok(self.own(conn))
    }

    fn own(&self, mut conn: PooledConn) -> Lease {
        conn.uses += 1;
        let id = self.next_id.fetch_add(1, Ordering::Relaxed) as u64;
        if let Ok(mut busy) = self.busy.lock() {
            busy.push(Busy {
                id,
                client: conn.client.clone(),
                in_flight: Arc::new(AtomicUsize::new(1)),
            });
        }
        Lease::Owned { conn, id }
    }

    fn share(&self) -> Option<Lease> {
        let busy = self.busy.lock().ok()?;
        let best = busy
            .iter()
            .filter(|b| !b.client.is_closed())
            .min_by_key(|b| b.in_flight.load(Ordering::Relaxed))?;
        best.in_flight.fetch_add(1, Ordering::Relaxed);
        Some(Lease::Shared {
            client: best.client.clone(),
            in_flight: best.in_flight.clone(),
        })
    }

    /// Ends a lease; `broken` drops the connection instead of reusing it.
    pub fn end(&self, lease: Lease, broken: bool) {
        match lease {
            Lease::Owned { mut conn, id } => {
                if let Ok(mut busy) = self.busy.lock() {
                    busy.retain(|b| b.id != id);
                }
                if broken {
                    conn.broken = true;
                }
                self.release(conn);
            }
            Lease::Shared { in_flight, .. } => {
                in_flight.fetch_sub(1, Ordering::Relaxed);
            }
        }
    }

    /// An exclusive connection for a transaction (returned with [`Pool::release`]).
    pub async fn hold(&self) -> CoreResult<PooledConn> {
        let mut conn = self.acquire().await?;
        conn.uses += 1;
        Ok(conn)
    }

    /// Returns a connection; a broken one is dropped instead of reused.
    pub fn release(&self, mut c: PooledConn) {
        c.released_at = Instant::now();
        if !c.is_usable() {
            drop(Object::take(c));
        }
    }

    pub fn close(&self) {
        self.inner.close();
    }

    pub fn is_closed(&self) -> bool {
        self.inner.is_closed()
    }

    pub fn status(&self) -> PoolStatus {
        let s = self.inner.status();
        PoolStatus {
            size: s.size,
            available: s.available,
            waiting: s.waiting,
            max: s.max_size,
        }
    }

    /// Closes idle connections past `idle` (never going below `min`).
    pub fn evict_idle(&self) {
        let idle = Duration::from_millis(self.settings.idle_ms);
        let min = self.settings.min as usize;
        let mut size = self.inner.status().size;
        self.inner.retain(|c, _| {
            let keep = c.is_usable() && (c.released_at.elapsed() < idle || size <= min);
            if !keep {
                size = size.saturating_sub(1);
            }
            keep
        });
    }

    fn ensure_reaper(&self) {
        use std::sync::atomic::Ordering;
        if self.reaper_started.swap(true, Ordering::AcqRel) {
            return;
        }
        let weak = self.inner.weak();
        let settings = self.settings.clone();
        let evict = Duration::from_millis(self.settings.evict_ms.max(10));
        crate::core::rt::spawn(async move {
            loop {
                tokio::time::sleep(evict).await;
                let Some(inner) = weak.upgrade() else { break };
                if inner.is_closed() {
                    break;
                }
                let pool = Pool {
                    inner,
                    settings: settings.clone(),
                    reaper_started: Arc::new(std::sync::atomic::AtomicBool::new(true)),
                    busy: Arc::new(Mutex::new(Vec::new())),
                    next_id: Arc::new(AtomicUsize::new(1)),
                };
                pool.evict_idle();
            }
        });
    }
}

pub fn closed_error() -> CoreError {
    CoreError::new(
        ErrorKind::Closed,
        "ConnectionManager.getConnection was called after the connection manager was closed!",
    )
}
