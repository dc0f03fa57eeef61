//! Opening one PostgreSQL connection the way node-postgres does, with the
//! differences the project wants: TCP_NODELAY always, one timeout around the
//! whole handshake (TCP + TLS + authentication + session setup), SNI, SCRAM
//! channel binding, and errors worded like Node's.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::net::TcpStream;
use tokio_postgres::config::{ChannelBinding as PgChannelBinding, SslMode};
use tokio_postgres::{Client, NoTls};

use crate::core::config::{ChannelBinding, ConnectConfig};
use crate::core::error::{CoreError, CoreResult, ErrorKind, NetFields};
use crate::core::pg_error::{from_pg_error, Phase};
use crate::core::tls::TlsContext;

/// A live connection and the bookkeeping the pool needs.
pub struct Conn {
    /// Shared so that queries can be pipelined on a connection another query holds.
    pub client: Arc<Client>,
    /// Set when a query on this connection failed in a way that leaves it unusable.
    pub broken: bool,
    /// When the connection last went back to the pool (idle eviction counts from here).
    pub released_at: Instant,
    /// How many times it has been handed out (for `pool.maxUses`).
    pub uses: u64,
}

impl Conn {
    pub fn is_usable(&self) -> bool {
        !self.broken && !self.client.is_closed()
    }
}

/// Opens and prepares one connection, bounded by `connectionTimeoutMillis`.
pub async fn open(cfg: &ConnectConfig, tls: Option<&TlsContext>) -> CoreResult<Conn> {
    let fut = open_inner(cfg, tls);
    let client = match cfg.connect_timeout_ms.filter(|ms| *ms > 0) {
        Some(ms) => match tokio::time::timeout(Duration::from_millis(ms), fut).await {
            Ok(r) => r?,
            // node-postgres' wording for connectionTimeoutMillis.
            Err(_) => return Err(CoreError::connection("timeout expired")),
        },
        None => fut.await?,
    };
    Ok(Conn {
        client: Arc::new(client),
        broken: false,
        released_at: Instant::now(),
        uses: 0,
    })
}

async fn open_inner(cfg: &ConnectConfig, tls: Option<&TlsContext>) -> CoreResult<Client> {
    let mut pg = tokio_postgres::Config::new();
    pg.user(&cfg.user).dbname(&cfg.database);
    if let Some(pw) = &cfg.password {
        pg.password(pw.as_bytes());
    }
    if let Some(app) = &cfg.application_name {
        pg.application_name(app);
    }
    if let Some(opts) = &cfg.options {
        pg.options(opts);
    }
    pg.channel_binding(match cfg.channel_binding {
        ChannelBinding::Disable => PgChannelBinding::Disable,
        ChannelBinding::Prefer => PgChannelBinding::Prefer,
        ChannelBinding::Require => PgChannelBinding::Require,
    });

    let client = if cfg.host.starts_with('/') {
        // Unix-domain socket: TLS does not apply (libpq ignores sslmode there too).
        pg.ssl_mode(SslMode::Disable);
        let path = format!("{}/.s.PGSQL.{}", cfg.host, cfg.port);
        let stream = tokio::net::UnixStream::connect(&path)
            .await
            .map_err(|e| socket_error(&e, &path, None, cfg.port))?;
        let (client, connection) = pg
            .connect_raw(stream, NoTls)
            .await
            .map_err(|e| from_pg_error(&e, Phase::Connect))?;
        crate::core::rt::spawn(async move {
            let _ = connection.await;
        });
        client
    } else {
        let stream = connect_tcp(cfg).await?;
        match tls {
            Some(ctx) => {
                pg.ssl_mode(SslMode::Require);
                let connector = ctx.connector(&cfg.host)?;
                let (client, connection) = pg
                    .connect_raw(stream, connector)
                    .await
                    .map_err(|e| from_pg_error(&e, Phase::Connect))?;
                crate::core::rt::spawn(async move {
                    let _ = connection.await;
                });
                client
            }
            None => {
                pg.ssl_mode(SslMode::Disable);
                let (client, connection) = pg
                    .connect_raw(stream, NoTls)
                    .await
                    .map_err(|e| from_pg_error(&e, Phase::Connect))?;
                crate::core::rt::spawn(async move {
                    let _ = connection.await;
                });
                client
            }
        }
    };

    let setup = session_setup_sql(cfg);
    if !setup.is_empty() {
        client
            .batch_execute(&setup)
            .await
            .map_err(|e| from_pg_error(&e, Phase::Connect))?;
    }
    Ok(client)
}

/// What Sequelize runs on every new connection (not passed to `logging`):
/// `SET client_min_messages TO warning;SET TIME ZONE INTERVAL '+00:00' HOUR TO MINUTE;`
pub fn session_setup_sql(cfg: &ConnectConfig) -> String {
    let mut sql = String::new();
    if let Some(level) = &cfg.client_min_messages {
        sql.push_str("SET client_min_messages TO ");
        sql.push_str(level);
        sql.push(';');
    }
    if !cfg.keep_default_timezone {
        let tz = &cfg.timezone;
        if is_offset(tz) {
            sql.push_str(&format!("SET TIME ZONE INTERVAL '{tz}' HOUR TO MINUTE;"));
        } else {
            // The config parser only lets names of [A-Za-z0-9/_+-] through.
            sql.push_str(&format!("SET TIME ZONE '{}';", tz.replace('\'', "''")));
        }
    }
    sql
}

fn is_offset(tz: &str) -> bool {
    let b = tz.as_bytes();
    b.len() == 6
        && (b[0] == b'+' || b[0] == b'-')
        && b[1].is_ascii_digit()
        && b[2].is_ascii_digit()
        && b[3] == b':'
        && b[4].is_ascii_digit()
        && b[5].is_ascii_digit()
}

async fn connect_tcp(cfg: &ConnectConfig) -> CoreResult<TcpStream> {
    let host = cfg.host.trim_start_matches('[').trim_end_matches(']');
    let addrs: Vec<SocketAddr> = match host.parse::<std::net::IpAddr>() {
        Ok(ip) => vec![SocketAddr::new(ip, cfg.port)],
        Err(_) => match tokio::net::lookup_host((host, cfg.port)).await {
            Ok(it) => it.collect(),
            Err(_) => Vec::new(),
        },
    };
    if addrs.is_empty() {
        let mut err = CoreError::new(
            ErrorKind::HostNotFound,
            format!("getaddrinfo ENOTFOUND {host}"),
        )
        .with_code("ENOTFOUND");
        err.net = Some(Box::new(NetFields {
            errno: Some(-3008),
            syscall: Some("getaddrinfo".into()),
            hostname: Some(host.to_string()),
            ..NetFields::default()
        }));
        return Err(err);
    }
    let mut last = None;
    for addr in addrs {
        match TcpStream::connect(addr).await {
            Ok(stream) => {
                // Without TCP_NODELAY the TLS handshake stalls on delayed ACKs.
                let _ = stream.set_nodelay(true);
                if cfg.keep_alive {
                    let delay = Duration::from_millis(
                        cfg.keep_alive_initial_delay_ms.unwrap_or(0).max(1000),
                    );
                    let ka = socket2::TcpKeepalive::new().with_time(delay);
                    let _ = socket2::SockRef::from(&stream).set_tcp_keepalive(&ka);
                }
                return Ok(stream);
            }
            Err(e) => {
                last = Some(socket_error(
                    &e,
                    &addr.ip().to_string(),
                    Some(addr.ip().to_string()),
                    addr.port(),
                ))
            }
        }
    }
    Err(last.unwrap_or_else(|| CoreError::connection("connect failed")))
}

/// Maps a socket error to Node's wording (`connect ECONNREFUSED 127.0.0.1:5432`).
fn socket_error(e: &std::io::Error, target: &str, address: Option<String>, port: u16) -> CoreError {
    let (kind, code, errno) = match e.raw_os_error() {
        Some(111) => (ErrorKind::ConnectionRefused, "ECONNREFUSED", -111),
        Some(113) => (ErrorKind::HostNotReachable, "EHOSTUNREACH", -113),
        Some(101) => (ErrorKind::HostNotReachable, "ENETUNREACH", -101),
        Some(22) => (ErrorKind::InvalidConnection, "EINVAL", -22),
        Some(110) => (ErrorKind::Connection, "ETIMEDOUT", -110),
        Some(2) => (ErrorKind::ConnectionRefused, "ENOENT", -2),
        _ => match e.kind() {
            std::io::ErrorKind::ConnectionRefused => {
                (ErrorKind::ConnectionRefused, "ECONNREFUSED", -111)
            }
            _ => (ErrorKind::Connection, "ECONNRESET", -104),
        },
    };
    let message = if target.starts_with('/') {
        format!("connect {code} {target}")
    } else {
        format!("connect {code} {target}:{port}")
    };
    let mut err = CoreError::new(kind, message).with_code(code);
    err.net = Some(Box::new(NetFields {
        errno: Some(errno),
        syscall: Some("connect".into()),
        address: address.or_else(|| Some(target.to_string())),
        port: if target.starts_with('/') {
            None
        } else {
            Some(port)
        },
        hostname: None,
    }));
    err
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_recognised() {
        assert!(is_offset("+00:00"));
        assert!(is_offset("-08:30"));
        assert!(!is_offset("America/New_York"));
        assert!(!is_offset("+0000"));
    }

    #[test]
    fn refused_is_worded_like_node() {
        let e = std::io::Error::from_raw_os_error(111);
        let err = socket_error(&e, "127.0.0.1", Some("127.0.0.1".into()), 1);
        assert_eq!(err.kind, ErrorKind::ConnectionRefused);
        assert_eq!(err.message, "connect ECONNREFUSED 127.0.0.1:1");
        assert_eq!(err.code.as_deref(), Some("ECONNREFUSED"));
    }
}
