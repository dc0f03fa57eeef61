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

use std::sync::Arc;
use std::time::{Duration, Instant};

use deadpool::managed::{self, Metrics, Object, PoolError, QueueMode, RecycleError, RecycleResult};
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

/// One pool per Sequelize instance.
#[derive(Clone)]
pub struct Pool {
    inner: managed::Pool<Manager>,
    settings: PoolSettings,
    reaper_started: Arc<std::sync::atomic::AtomicBool>,
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
            Ok(mut c) => {
                c.uses += 1;
                Ok(c)
            }
            Err(PoolError::Backend(e)) => Err(e),
            Err(PoolError::Closed) => Err(closed_error()),
            Err(PoolError::Timeout(_)) => Err(CoreError::new(
                ErrorKind::AcquireTimeout,
                "Operation timeout",
            )),
            Err(e) => Err(CoreError::connection(e.to_string())),
        }
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
        tokio::spawn(async move {
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
