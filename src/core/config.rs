//! Connection configuration: turns what `new Sequelize(...)` received (URI
//! and/or database, username, password, options) into the `sequelize.config`
//! shape JS shows ([`PublicConfig`]) and what the pool connects with
//! ([`ConnectConfig`]).
//!
//! Semantics follow Sequelize 6.37 + pg 8.23 + pg-connection-string 2.14,
//! with these deliberate differences:
//!
//! * **Precedence.** Sequelize lets URI-derived keys overwrite
//!   `dialectOptions`. Here an explicit `dialectOptions` value wins: for
//!   `ssl`, key by key (`rejectUnauthorized`, `ca`, `cert`, `key`,
//!   `servername`, `checkServerIdentity`; the URI fills what is not set), and
//!   a truthy `dialectOptions.ssl` turns TLS on even against
//!   `?sslmode=disable`. A *falsy* `dialectOptions.ssl` (`false`, `null`)
//!   does **not** turn off TLS that the URI asks for (as in Sequelize): it
//!   only means "no TLS" when the URI has no ssl parameter.
//! * `?ssl=false` means no TLS and `ssl: 'require'` (any non-empty string
//!   other than `'no-verify'`) means TLS with full verification (pg would
//!   crash the process on both).
//! * URI `connect_timeout` (seconds, libpq) is used when
//!   `connectionTimeoutMillis` is not given: `<= 0` → none, `1` → 2 s (the
//!   libpq minimum), else `n * 1000` ms. Sequelize drops it.
//! * `channel_binding` (URI or `dialectOptions`) is honoured; Sequelize
//!   drops it. Default `prefer`.
//! * `statement_timeout`, `lock_timeout` and
//!   `idle_in_transaction_session_timeout` travel as `-c name=N` in the
//!   startup `options` string (pg sends them as separate startup parameters).
//! * `?sslrootcert=system` (libpq) means the default roots with full
//!   verification and reads no file (pg would try to read a file `system`).
//! * The database name from the URI is percent-decoded (Sequelize keeps it
//!   encoded). Query parameters that name pg connection keys
//!   (`statement_timeout`, `keepAlive`, `connectionTimeoutMillis`, …) apply
//!   when `dialectOptions` does not set them, as they do through Sequelize's
//!   merge.

use std::collections::HashMap;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::core::error::{CoreError, CoreResult};
use crate::core::uri::{parse_pg_uri, uri_scheme, UriParts};

// ---------------------------------------------------------------------------
// Input / output types
// ---------------------------------------------------------------------------

/// What the JS facade sends once per `new Sequelize(...)` (as JSON).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ConstructorInput {
    /// Set for `new Sequelize(uri[, options])`.
    #[serde(deserialize_with = "loose_string")]
    pub uri: Option<String>,
    /// `new Sequelize(database, username, password, options)`.
    #[serde(deserialize_with = "loose_string")]
    pub database: Option<String>,
    #[serde(deserialize_with = "loose_string")]
    pub username: Option<String>,
    #[serde(deserialize_with = "loose_string")]
    pub password: Option<String>,
    /// The user's options object (functions/regexes removed by JS), or null.
    pub options: Value,
    /// PGUSER PGPASSWORD PGDATABASE PGAPPNAME PGSSLMODE NODE_EXTRA_CA_CERTS USER, when set.
    #[serde(deserialize_with = "null_as_default")]
    pub env: HashMap<String, String>,
}

/// Strings, numbers (stringified) and null/absent for the positional
/// arguments, so `new Sequelize('db', 'u', 12345)` still parses.
fn loose_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    })
}

fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// Always `"postgres"`.
    pub dialect: String,
    /// Becomes `sequelize.config` in JS.
    pub public: PublicConfig,
    /// What the pool connects with.
    pub connect: ConnectConfig,
    /// Process warnings JS emits once (pg-connection-string's sslmode warning).
    pub warnings: Vec<String>,
}

/// Sequelize's `sequelize.config` shape (values before pg's env fallbacks).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PublicConfig {
    pub database: Option<String>,
    pub username: Option<String>,
    pub password: Option<String>,
    pub host: String,
    /// URI port stays a string (`"55435"`); `options.port` as given; default number 5432.
    pub port: Value,
    /// The user's `dialectOptions` merged over the URI query (strings), plus
    /// the `ssl` value pg-connection-string derives when the user set none.
    /// `null` when there is neither.
    pub dialect_options: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConnectConfig {
    /// Host name, IP, or a Unix-socket directory starting with '/'.
    pub host: String,
    pub port: u16,
    pub user: String,
    pub password: Option<String>,
    pub database: String,
    pub application_name: Option<String>,
    /// libpq startup `options`, with `-c statement_timeout=N`, `-c lock_timeout=N`,
    /// `-c idle_in_transaction_session_timeout=N` appended.
    pub options: Option<String>,
    /// `connectionTimeoutMillis` (0 = none) or URI `connect_timeout`.
    pub connect_timeout_ms: Option<u64>,
    pub keep_alive: bool,
    pub keep_alive_initial_delay_ms: Option<u64>,
    /// `None` = no TLS at all (never a plaintext fallback).
    pub ssl: Option<TlsSettings>,
    pub channel_binding: ChannelBinding,
    pub timezone: String,
    pub keep_default_timezone: bool,
    /// `None` = do not send `SET client_min_messages`.
    pub client_min_messages: Option<String>,
    pub pool: PoolSettings,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelBinding {
    Disable,
    Prefer,
    Require,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verify {
    /// Chain and host name.
    Full,
    /// Chain only (verify-ca, `checkServerIdentity` given).
    CaOnly,
    /// Nothing (`rejectUnauthorized: false`, `no-verify`).
    None,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsSettings {
    pub verify: Verify,
    /// PEM texts; `Some` replaces the default roots.
    pub ca: Option<Vec<String>>,
    /// Client certificate PEM.
    pub cert: Option<String>,
    /// Client key PEM.
    pub key: Option<String>,
    /// Explicit servername (pg only uses it when the host is an IP).
    pub servername: Option<String>,
    /// `NODE_EXTRA_CA_CERTS` path, added to the default roots. Only set when
    /// `ca` is `None` (a `ca` replaces the defaults and the extra file, as in Node).
    pub extra_ca_file: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolSettings {
    pub max: u32,
    pub min: u32,
    pub idle_ms: u64,
    /// 0 is passed through as given.
    pub acquire_ms: u64,
    pub evict_ms: u64,
    /// `None` = unlimited (absent, null/Infinity or 0).
    pub max_uses: Option<u64>,
}

impl Default for PoolSettings {
    fn default() -> Self {
        PoolSettings {
            max: 5,
            min: 0,
            idle_ms: 10_000,
            acquire_ms: 60_000,
            evict_ms: 1_000,
            max_uses: None,
        }
    }
}

/// pg-connection-string's process warning for sslmode prefer/require/verify-ca
/// (its text names the mode the user gave in the `uselibpqcompat` hint).
pub fn sslmode_warning(sslmode: &str) -> String {
    format!(
        "SECURITY WARNING: The SSL modes 'prefer', 'require', and 'verify-ca' are treated as aliases for 'verify-full'.\nIn the next major version (pg-connection-string v3.0.0 and pg v9.0.0), these modes will adopt standard libpq semantics, which have weaker security guarantees.\n\nTo prepare for this change:\n- If you want the current behavior, explicitly use 'sslmode=verify-full'\n- If you want libpq compatibility now, use 'uselibpqcompat=true&sslmode={sslmode}'\n\nSee https://www.postgresql.org/docs/current/libpq-ssl.html for libpq SSL mode definitions."
    )
}

const VERIFY_CA_NEEDS_ROOT: &str = "SECURITY WARNING: Using sslmode=verify-ca requires specifying a CA with sslrootcert. If a public CA is used, verify-ca allows connections to a server that somebody else may have registered with the CA, making you vulnerable to Man-in-the-Middle attacks. Either specify a custom CA certificate with sslrootcert parameter or use sslmode=verify-full for proper security.";

const DEFAULT_PORT: u16 = 5432;

// ---------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------

/// Parses the JSON the facade sends (see [`ConstructorInput`]).
pub fn parse_constructor(input_json: &str) -> CoreResult<Parsed> {
    let input: ConstructorInput = serde_json::from_str(input_json)
        .map_err(|e| CoreError::invalid(format!("Invalid constructor input: {e}")))?;
    parse_input(&input)
}

/// [`parse_constructor`] on an already-deserialized input.
pub fn parse_input(input: &ConstructorInput) -> CoreResult<Parsed> {
    let empty = Map::new();
    let options = input.options.as_object().unwrap_or(&empty);
    let mut warnings = Vec::new();

    // Dialect, then the URI (a URI's scheme overrides options.dialect).
    let uri = match &input.uri {
        Some(u) => {
            let scheme = uri_scheme(u).ok_or_else(|| {
                CoreError::invalid(
                    "Invalid connection URI: expected the form postgres://user:password@host:port/database",
                )
            })?;
            check_dialect(&scheme)?;
            Some(parse_pg_uri(u)?)
        }
        None => {
            check_dialect_value(options.get("dialect"))?;
            None
        }
    };

    // Credentials: URI/positional values first, then options.*, like
    // `config.x || this.options.x`.
    let (first_db, first_user, first_pw) = match &uri {
        Some(p) => (p.database.clone(), p.user.clone(), p.password.clone()),
        None => (
            input.database.clone(),
            input.username.clone(),
            input.password.clone(),
        ),
    };
    let database = or_option(first_db, options, "database")?;
    let username = or_option(first_user, options, "username")?;
    let password = or_option(first_pw, options, "password")?;

    // Host and port.
    let host = match &uri {
        Some(p) => p
            .query_value("host")
            .filter(|h| !h.is_empty())
            .map(str::to_string)
            .or_else(|| p.host.clone()),
        None => opt_string(options.get("host"), "host")?.filter(|h| !h.is_empty()),
    }
    .unwrap_or_else(|| "localhost".to_string());
    let (public_port, port) = resolve_port(uri.as_ref(), options.get("port"))?;

    // dialectOptions as pg would see them: URI query, user's keys on top.
    let user_do = options.get("dialectOptions").and_then(Value::as_object);
    let mut eff: Map<String, Value> = Map::new();
    if let Some(p) = &uri {
        for (k, v) in &p.query {
            eff.insert(k.clone(), Value::String(v.clone()));
        }
    }
    if let Some(d) = user_do {
        for (k, v) in d {
            eff.insert(k.clone(), v.clone());
        }
    }

    // TLS.
    let (uri_ssl, uri_ssl_display) = match &uri {
        Some(p) => uri_ssl_spec(p, &mut warnings)?,
        None => (None, None),
    };
    let user_ssl = match user_do.and_then(|d| d.get("ssl")) {
        Some(v) => Some(user_ssl_spec(v)?),
        None => None,
    };
    let ssl = resolve_tls(user_ssl, uri_ssl, &input.env);

    // Other connection keys.
    let application_name = match opt_string(eff.get("application_name"), "application_name")? {
        Some(a) if !a.is_empty() => Some(a),
        _ => env_nonempty(&input.env, "PGAPPNAME"),
    };
    let options_string = build_options(&eff)?;
    let connect_timeout_ms = connect_timeout(&eff)?;
    let keep_alive = loose_bool(eff.get("keepAlive"));
    let keep_alive_initial_delay_ms = ms_value(
        eff.get("keepAliveInitialDelayMillis"),
        "dialectOptions.keepAliveInitialDelayMillis",
    )?
    .filter(|&n| n > 0);
    let channel_binding = match opt_string(eff.get("channel_binding"), "channel_binding")? {
        None => ChannelBinding::Prefer,
        Some(s) => match s.as_str() {
            "disable" => ChannelBinding::Disable,
            "prefer" => ChannelBinding::Prefer,
            "require" => ChannelBinding::Require,
            other => {
                return Err(CoreError::invalid(format!(
                    "Invalid channel_binding value \"{other}\": expected disable, prefer or require"
                )))
            }
        },
    };

    let timezone = timezone(options.get("timezone"))?;
    let keep_default_timezone = options.get("keepDefaultTimezone").is_some_and(truthy);
    let client_min_messages = client_min_messages(
        eff.get("clientMinMessages"),
        options.get("clientMinMessages"),
    )?;
    let pool = pool_settings(options.get("pool"))?;

    // pg's env fallbacks (`val()`): only for missing/empty values.
    let user = username
        .clone()
        .filter(|u| !u.is_empty())
        .or_else(|| env_nonempty(&input.env, "PGUSER"))
        .or_else(|| env_nonempty(&input.env, "USER"))
        .unwrap_or_else(|| "postgres".to_string());
    let connect_password = password
        .clone()
        .filter(|p| !p.is_empty())
        .or_else(|| env_nonempty(&input.env, "PGPASSWORD"));
    let connect_database = database
        .clone()
        .filter(|d| !d.is_empty())
        .or_else(|| env_nonempty(&input.env, "PGDATABASE"))
        .unwrap_or_else(|| user.clone());

    for (what, v) in [
        ("host", Some(&host)),
        ("user name", Some(&user)),
        ("password", connect_password.as_ref()),
        ("database name", Some(&connect_database)),
        ("application_name", application_name.as_ref()),
        ("options", options_string.as_ref()),
    ] {
        if v.is_some_and(|s| s.contains('\0')) {
            return Err(CoreError::invalid(format!(
                "The {what} must not contain a NUL character"
            )));
        }
    }

    // What `sequelize.config.dialectOptions` shows.
    let dialect_options = if uri.is_none() && user_do.is_none() {
        Value::Null
    } else {
        let mut shown = eff;
        if user_do.is_none_or(|d| !d.contains_key("ssl")) {
            if let Some(v) = uri_ssl_display {
                shown.insert("ssl".to_string(), v);
            }
        }
        Value::Object(shown)
    };

    Ok(Parsed {
        dialect: "postgres".to_string(),
        public: PublicConfig {
            database,
            username,
            password,
            host: host.clone(),
            port: public_port,
            dialect_options,
        },
        connect: ConnectConfig {
            host,
            port,
            user,
            password: connect_password,
            database: connect_database,
            application_name,
            options: options_string,
            connect_timeout_ms,
            keep_alive,
            keep_alive_initial_delay_ms,
            ssl,
            channel_binding,
            timezone,
            keep_default_timezone,
            client_min_messages,
            pool,
        },
        warnings,
    })
}

// ---------------------------------------------------------------------------
// Dialect
// ---------------------------------------------------------------------------

const KNOWN_ELSEWHERE: &[&str] = &[
    "mssql",
    "mariadb",
    "mysql",
    "oracle",
    "db2",
    "ibmi",
    "sqlite",
    "snowflake",
];

fn check_dialect(d: &str) -> CoreResult<()> {
    match d {
        "postgres" | "postgresql" => Ok(()),
        _ if KNOWN_ELSEWHERE.contains(&d) => Err(CoreError::invalid(format!(
            "The dialect {d} is not supported by sequelize-rs: only postgres is."
        ))),
        _ => Err(CoreError::invalid(format!(
            "The dialect {d} is not supported. Supported dialects: mssql, mariadb, mysql, oracle, postgres, db2 and sqlite."
        ))),
    }
}

fn check_dialect_value(v: Option<&Value>) -> CoreResult<()> {
    match v {
        Some(v) if truthy(v) => match v {
            Value::String(s) => check_dialect(s),
            other => check_dialect(&js_string(other)),
        },
        _ => Err(CoreError::invalid(
            "Dialect needs to be explicitly supplied as of v4.0.0",
        )),
    }
}

// ---------------------------------------------------------------------------
// Value helpers (JS-like truthiness and coercions)
// ---------------------------------------------------------------------------

fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0 && !f.is_nan()),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// A short rendering of a value for error messages.
fn js_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(_) | Value::Object(_) => "[object]".to_string(),
        other => other.to_string(),
    }
}

/// A string-ish option: string or number; null/absent → None; else error.
fn opt_string(v: Option<&Value>, what: &str) -> CoreResult<Option<String>> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(other) => Err(CoreError::invalid(format!(
            "{what} must be a string, got {}",
            js_string(other)
        ))),
    }
}

/// `first || options[key]` with JS truthiness on strings.
fn or_option(
    first: Option<String>,
    options: &Map<String, Value>,
    key: &str,
) -> CoreResult<Option<String>> {
    match first.filter(|s| !s.is_empty()) {
        Some(s) => Ok(Some(s)),
        None => Ok(opt_string(options.get(key), key)?.filter(|s| !s.is_empty())),
    }
}

fn env_nonempty(env: &HashMap<String, String>, key: &str) -> Option<String> {
    env.get(key).filter(|v| !v.is_empty()).cloned()
}

/// Booleans that may arrive as URI strings: "true"/"1"/"on"/"yes" → true,
/// "false"/"0"/"off"/"no"/"" → false; otherwise JS truthiness.
fn loose_bool(v: Option<&Value>) -> bool {
    match v {
        None => false,
        Some(Value::String(s)) => !matches!(
            s.trim().to_ascii_lowercase().as_str(),
            "" | "false" | "0" | "off" | "no"
        ),
        Some(v) => truthy(v),
    }
}

/// A non-negative count of milliseconds (number or numeric string; fractions
/// are truncated like `parseInt`). null/false/absent → None.
fn ms_value(v: Option<&Value>, what: &str) -> CoreResult<Option<u64>> {
    let bad = |shown: String| {
        CoreError::invalid(format!(
            "{what} must be a non-negative number of milliseconds, got {shown}"
        ))
    };
    let f = match v {
        None | Some(Value::Null) | Some(Value::Bool(false)) => return Ok(None),
        Some(Value::Number(n)) => n.as_f64().ok_or_else(|| bad(n.to_string()))?,
        Some(Value::String(s)) => {
            let t = s.trim();
            if t.is_empty() {
                return Ok(None);
            }
            t.parse::<f64>().map_err(|_| bad(format!("\"{s}\"")))?
        }
        Some(other) => return Err(bad(js_string(other))),
    };
    if !f.is_finite() || f < 0.0 {
        return Err(bad(format!("{f}")));
    }
    // Saturating float-to-int conversion; values past u64 are absurd anyway.
    Ok(Some(f.trunc() as u64))
}

// ---------------------------------------------------------------------------
// Port
// ---------------------------------------------------------------------------

fn parse_port_text(s: &str) -> CoreResult<u16> {
    match s.trim().parse::<u32>() {
        Ok(n) if (1..=65535).contains(&n) => u16::try_from(n)
            .map_err(|_| CoreError::invalid(format!("Invalid port: {s} (expected 1-65535)"))),
        _ => Err(CoreError::invalid(format!(
            "Invalid port: {s} (expected 1-65535)"
        ))),
    }
}

fn resolve_port(uri: Option<&UriParts>, opt: Option<&Value>) -> CoreResult<(Value, u16)> {
    if let Some(p) = uri.and_then(|u| u.port.as_deref()) {
        return Ok((Value::String(p.to_string()), parse_port_text(p)?));
    }
    match opt {
        Some(v) if truthy(v) => {
            let port = match v {
                Value::Number(n) => match n.as_f64() {
                    Some(f) if f.fract() == 0.0 && (1.0..=65535.0).contains(&f) => f as u16,
                    _ => parse_port_text(&n.to_string())?,
                },
                Value::String(s) => parse_port_text(s)?,
                other => parse_port_text(&js_string(other))?,
            };
            Ok((v.clone(), port))
        }
        _ => Ok((Value::from(DEFAULT_PORT), DEFAULT_PORT)),
    }
}

// ---------------------------------------------------------------------------
// TLS
// ---------------------------------------------------------------------------

/// One source's view of pg's `ssl` value. `None` fields are "not set".
#[derive(Debug, Clone, Default, PartialEq)]
struct SslSpec {
    enabled: bool,
    reject_unauthorized: Option<bool>,
    /// A `checkServerIdentity` is present (a no-op from the URI, or the
    /// user's function, which cannot cross into Rust).
    check_server_identity: Option<bool>,
    ca: Option<Vec<String>>,
    cert: Option<String>,
    key: Option<String>,
    servername: Option<String>,
}

/// pg-connection-string's `ssl` result before it becomes an [`SslSpec`].
enum PgSsl {
    Unset,
    Bool(bool),
    Obj(SslSpec),
}

fn read_pem_file(param: &str, path: &str) -> CoreResult<String> {
    std::fs::read(path)
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .map_err(|e| CoreError::invalid(format!("Cannot read {param} file \"{path}\": {e}")))
}

/// The URI's ssl parameters, following pg-connection-string 2.14 `parse()`.
/// Returns the spec (None = no ssl parameter at all) and the value
/// `dialectOptions.ssl` shows.
fn uri_ssl_spec(
    p: &UriParts,
    warnings: &mut Vec<String>,
) -> CoreResult<(Option<SslSpec>, Option<Value>)> {
    let q = |k: &str| p.query_value(k).filter(|v| !v.is_empty());

    let mut ssl = match p.query_value("ssl") {
        None => PgSsl::Unset,
        Some("true") | Some("1") => PgSsl::Bool(true),
        Some("0") | Some("false") | Some("") => PgSsl::Bool(false),
        Some("no-verify") => PgSsl::Obj(SslSpec {
            enabled: true,
            reject_unauthorized: Some(false),
            ..SslSpec::default()
        }),
        Some(_) => PgSsl::Bool(true),
    };

    let sslmode = q("sslmode");
    let rootcert = q("sslrootcert");
    let system_roots = rootcert == Some("system");
    if q("sslcert").is_some() || q("sslkey").is_some() || rootcert.is_some() || sslmode.is_some() {
        ssl = PgSsl::Obj(SslSpec {
            enabled: true,
            ..SslSpec::default()
        });
    }
    if q("sslnegotiation") == Some("direct") && matches!(ssl, PgSsl::Unset) {
        ssl = PgSsl::Bool(true);
    }

    if let PgSsl::Obj(obj) = &mut ssl {
        if let Some(path) = q("sslcert") {
            obj.cert = Some(read_pem_file("sslcert", path)?);
        }
        if let Some(path) = q("sslkey") {
            obj.key = Some(read_pem_file("sslkey", path)?);
        }
        if let Some(path) = rootcert.filter(|_| !system_roots) {
            obj.ca = Some(vec![read_pem_file("sslrootcert", path)?]);
        }
    }

    let compat = p.query_value("uselibpqcompat") == Some("true");
    if let Some(mode) = sslmode {
        if mode == "disable" {
            ssl = PgSsl::Bool(false);
        } else if let PgSsl::Obj(obj) = &mut ssl {
            if compat {
                match mode {
                    // sslrootcert=system: libpq insists on full verification.
                    _ if system_roots => {}
                    "prefer" => obj.reject_unauthorized = Some(false),
                    "require" => {
                        if rootcert.is_some() {
                            obj.check_server_identity = Some(true);
                        } else {
                            obj.reject_unauthorized = Some(false);
                        }
                    }
                    "verify-ca" => {
                        if obj
                            .ca
                            .as_ref()
                            .is_none_or(|c| c.iter().all(String::is_empty))
                        {
                            return Err(CoreError::invalid(VERIFY_CA_NEEDS_ROOT));
                        }
                        obj.check_server_identity = Some(true);
                    }
                    _ => {}
                }
            } else {
                match mode {
                    "prefer" | "require" | "verify-ca" => {
                        warnings.push(sslmode_warning(mode));
                    }
                    "no-verify" => obj.reject_unauthorized = Some(false),
                    _ => {}
                }
            }
        }
    }

    Ok(match ssl {
        PgSsl::Unset => (None, None),
        PgSsl::Bool(b) => (
            Some(SslSpec {
                enabled: b,
                ..SslSpec::default()
            }),
            Some(Value::Bool(b)),
        ),
        PgSsl::Obj(obj) => {
            let mut shown = Map::new();
            if let Some(r) = obj.reject_unauthorized {
                shown.insert("rejectUnauthorized".into(), Value::Bool(r));
            }
            if let Some(ca) = obj.ca.as_ref().and_then(|c| c.first()) {
                shown.insert("ca".into(), Value::String(ca.clone()));
            }
            if let Some(c) = &obj.cert {
                shown.insert("cert".into(), Value::String(c.clone()));
            }
            if let Some(k) = &obj.key {
                shown.insert("key".into(), Value::String(k.clone()));
            }
            (Some(obj), Some(Value::Object(shown)))
        }
    })
}

/// A PEM-ish value from `dialectOptions.ssl`: a string, a JSON'd Buffer
/// (`{type:'Buffer', data:[…]}`), or an array of those (joined by '\n' for
/// cert/key; kept apart for `ca`).
fn pem_values(v: &Value, what: &str) -> CoreResult<Option<Vec<String>>> {
    let one = |v: &Value| -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            Value::Object(o) if o.get("type").and_then(Value::as_str) == Some("Buffer") => {
                let data = o.get("data")?.as_array()?;
                let bytes: Option<Vec<u8>> = data
                    .iter()
                    .map(|b| b.as_u64().and_then(|n| u8::try_from(n).ok()))
                    .collect();
                Some(String::from_utf8_lossy(&bytes?).into_owned())
            }
            _ => None,
        }
    };
    let err = || {
        CoreError::invalid(format!(
            "dialectOptions.ssl.{what} must be a string, a Buffer or an array of them"
        ))
    };
    match v {
        Value::Null => Ok(None),
        Value::Array(items) => items
            .iter()
            .map(|i| one(i).ok_or_else(err))
            .collect::<CoreResult<Vec<_>>>()
            .map(Some),
        other => one(other).map(|s| Some(vec![s])).ok_or_else(err),
    }
}

/// `dialectOptions.ssl` as pg reads it.
fn user_ssl_spec(v: &Value) -> CoreResult<SslSpec> {
    let mut spec = SslSpec {
        enabled: truthy(v),
        ..SslSpec::default()
    };
    match v {
        Value::String(s) if s == "no-verify" => spec.reject_unauthorized = Some(false),
        Value::Object(o) => {
            if let Some(r) = o.get("rejectUnauthorized") {
                // Node verifies unless it is exactly `false`.
                spec.reject_unauthorized = Some(*r != Value::Bool(false));
            }
            if o.get("checkServerIdentity").is_some_and(|c| !c.is_null()) {
                spec.check_server_identity = Some(true);
            }
            if let Some(ca) = o.get("ca") {
                spec.ca = pem_values(ca, "ca")?;
            }
            if let Some(c) = o.get("cert") {
                spec.cert = pem_values(c, "cert")?.map(|v| v.join("\n"));
            }
            if let Some(k) = o.get("key") {
                spec.key = pem_values(k, "key")?.map(|v| v.join("\n"));
            }
            if let Some(s) = o.get("servername") {
                spec.servername = opt_string(Some(s), "dialectOptions.ssl.servername")?;
            }
        }
        _ => {}
    }
    Ok(spec)
}

/// pg's `PGSSLMODE` reading (only when no ssl was given anywhere).
fn env_ssl_spec(env: &HashMap<String, String>) -> Option<SslSpec> {
    let enabled = |reject: Option<bool>| SslSpec {
        enabled: true,
        reject_unauthorized: reject,
        ..SslSpec::default()
    };
    match env.get("PGSSLMODE").map(String::as_str) {
        Some("prefer" | "require" | "verify-ca" | "verify-full") => Some(enabled(None)),
        Some("no-verify") => Some(enabled(Some(false))),
        _ => None,
    }
}

fn resolve_tls(
    user: Option<SslSpec>,
    uri: Option<SslSpec>,
    env: &HashMap<String, String>,
) -> Option<TlsSettings> {
    let spec = match (user, uri) {
        (None, None) => env_ssl_spec(env)?,
        (Some(u), None) => u,
        (None, Some(r)) => r,
        (Some(u), Some(r)) => SslSpec {
            enabled: u.enabled || r.enabled,
            reject_unauthorized: u.reject_unauthorized.or(r.reject_unauthorized),
            check_server_identity: u.check_server_identity.or(r.check_server_identity),
            ca: u.ca.or(r.ca),
            cert: u.cert.or(r.cert),
            key: u.key.or(r.key),
            servername: u.servername.or(r.servername),
        },
    };
    if !spec.enabled {
        return None;
    }
    let verify = if spec.reject_unauthorized == Some(false) {
        Verify::None
    } else if spec.check_server_identity == Some(true) {
        Verify::CaOnly
    } else {
        Verify::Full
    };
    let extra_ca_file = if spec.ca.is_none() {
        env_nonempty(env, "NODE_EXTRA_CA_CERTS")
    } else {
        None
    };
    Some(TlsSettings {
        verify,
        ca: spec.ca,
        cert: spec.cert,
        key: spec.key,
        servername: spec.servername.filter(|s| !s.is_empty()),
        extra_ca_file,
    })
}

// ---------------------------------------------------------------------------
// Other dialectOptions
// ---------------------------------------------------------------------------

/// The startup `options` string plus `-c` settings for the pg timeouts.
fn build_options(eff: &Map<String, Value>) -> CoreResult<Option<String>> {
    let mut out = opt_string(eff.get("options"), "dialectOptions.options")?
        .map(|s| s.trim().to_string())
        .unwrap_or_default();
    for key in [
        "statement_timeout",
        "lock_timeout",
        "idle_in_transaction_session_timeout",
    ] {
        if let Some(ms) = ms_value(eff.get(key), &format!("dialectOptions.{key}"))? {
            if ms > 0 {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&format!("-c {key}={ms}"));
            }
        }
    }
    Ok(if out.is_empty() { None } else { Some(out) })
}

fn connect_timeout(eff: &Map<String, Value>) -> CoreResult<Option<u64>> {
    let given = eff.get("connectionTimeoutMillis").filter(|v| !v.is_null());
    if given.is_some() {
        let ms = ms_value(given, "dialectOptions.connectionTimeoutMillis")?;
        return Ok(ms.filter(|&n| n > 0));
    }
    let secs = match eff.get("connect_timeout") {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Number(n)) => n.as_f64().unwrap_or(0.0),
        Some(Value::String(s)) if s.trim().is_empty() => return Ok(None),
        Some(Value::String(s)) => s.trim().parse::<i64>().map_err(|_| {
            CoreError::invalid(format!(
                "Invalid connect_timeout \"{s}\": expected a whole number of seconds"
            ))
        })? as f64,
        Some(other) => {
            return Err(CoreError::invalid(format!(
                "Invalid connect_timeout {}: expected a whole number of seconds",
                js_string(other)
            )))
        }
    };
    Ok(if !secs.is_finite() || secs <= 0.0 {
        None
    } else if secs < 2.0 {
        Some(2_000)
    } else {
        Some((secs.trunc() as u64).saturating_mul(1000))
    })
}

fn client_min_messages(dialect: Option<&Value>, top: Option<&Value>) -> CoreResult<Option<String>> {
    if let Some(Value::String(s)) = dialect {
        if s.eq_ignore_ascii_case("ignore") {
            return Ok(None);
        }
    }
    if dialect == Some(&Value::Bool(false)) || top == Some(&Value::Bool(false)) {
        return Ok(None);
    }
    let chosen = [dialect, top]
        .into_iter()
        .flatten()
        .find(|v| truthy(v))
        .cloned()
        .unwrap_or_else(|| Value::String("warning".into()));
    match &chosen {
        Value::String(s)
            if !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') =>
        {
            Ok(Some(s.clone()))
        }
        other => Err(CoreError::invalid(format!(
            "Invalid clientMinMessages value {}: expected a level such as warning, notice or error, or 'ignore'",
            js_string(other)
        ))),
    }
}

/// `[+-]HH:MM` or an IANA-looking zone name; nothing that could break out
/// of the quoted literal in `SET TIME ZONE '…'`.
pub fn is_valid_timezone(tz: &str) -> bool {
    let b = tz.as_bytes();
    if let Some((&sign, rest)) = b.split_first() {
        if sign == b'+' || sign == b'-' {
            let Some(colon) = rest.iter().position(|&c| c == b':') else {
                return false;
            };
            let (hh, mm) = rest.split_at(colon);
            let mm = mm.get(1..).unwrap_or(&[]);
            let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
            if hh.len() != 2 || mm.len() != 2 || !digits(hh) || !digits(mm) {
                return false;
            }
            let num = |s: &[u8]| s.iter().fold(0u32, |a, &d| a * 10 + u32::from(d - b'0'));
            return num(hh) <= 23 && num(mm) <= 59;
        }
        return sign.is_ascii_alphabetic()
            && b.len() <= 64
            && b.iter()
                .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'/' | b'_' | b'-' | b'+'));
    }
    false
}

fn timezone(v: Option<&Value>) -> CoreResult<String> {
    match v {
        None | Some(Value::Null) => Ok("+00:00".to_string()),
        Some(Value::String(s)) if is_valid_timezone(s) => Ok(s.clone()),
        Some(other) => Err(CoreError::invalid(format!(
            "Invalid timezone {}: expected an offset like '+05:30' or a zone name like 'America/New_York'",
            match other {
                Value::String(s) => format!("\"{s}\""),
                o => js_string(o),
            }
        ))),
    }
}

// ---------------------------------------------------------------------------
// Pool
// ---------------------------------------------------------------------------

fn pool_number(pool: &Map<String, Value>, key: &str) -> CoreResult<Option<u64>> {
    let bad = |shown: String| {
        CoreError::invalid(format!(
            "pool.{key} must be a non-negative number, got {shown}"
        ))
    };
    let f = match pool.get(key) {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Number(n)) => n.as_f64().ok_or_else(|| bad(n.to_string()))?,
        Some(Value::String(s)) => s
            .trim()
            .parse::<f64>()
            .map_err(|_| bad(format!("\"{s}\"")))?,
        Some(other) => return Err(bad(js_string(other))),
    };
    if !f.is_finite() || f < 0.0 {
        return Err(bad(format!("{f}")));
    }
    Ok(Some(f.trunc() as u64))
}

fn pool_settings(v: Option<&Value>) -> CoreResult<PoolSettings> {
    let mut s = PoolSettings::default();
    let pool = match v {
        None | Some(Value::Null) => return Ok(s),
        Some(Value::Object(o)) => o,
        Some(other) => {
            return Err(CoreError::invalid(format!(
                "options.pool must be an object, got {}",
                js_string(other)
            )))
        }
    };
    let to_u32 = |key: &str, n: u64| {
        u32::try_from(n).map_err(|_| CoreError::invalid(format!("pool.{key} is too large: {n}")))
    };
    if let Some(n) = pool_number(pool, "max")? {
        s.max = to_u32("max", n)?;
    }
    if let Some(n) = pool_number(pool, "min")? {
        s.min = to_u32("min", n)?;
    }
    if let Some(n) = pool_number(pool, "idle")? {
        s.idle_ms = n;
    }
    if let Some(n) = pool_number(pool, "acquire")? {
        s.acquire_ms = n;
    }
    if let Some(n) = pool_number(pool, "evict")? {
        s.evict_ms = n;
    }
    s.max_uses = pool_number(pool, "maxUses")?.filter(|&n| n > 0);
    if s.max < 1 {
        return Err(CoreError::invalid("pool.max must be at least 1"));
    }
    if s.min > s.max {
        return Err(CoreError::invalid(format!(
            "pool.min ({}) must not be greater than pool.max ({})",
            s.min, s.max
        )));
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn parse(v: Value) -> CoreResult<Parsed> {
        parse_constructor(&v.to_string())
    }

    fn with_uri(u: &str, options: Value) -> Parsed {
        parse(json!({ "uri": u, "options": options })).unwrap()
    }

    fn uri_err(u: &str, options: Value) -> String {
        parse(json!({ "uri": u, "options": options }))
            .unwrap_err()
            .message
    }

    fn tls(u: &str, options: Value) -> Option<TlsSettings> {
        with_uri(u, options).connect.ssl
    }

    fn verify(u: &str, options: Value) -> Option<Verify> {
        tls(u, options).map(|t| t.verify)
    }

    /// A file in the temp directory, removed when the test is done with it.
    struct TmpFile(std::path::PathBuf);

    impl std::fmt::Display for TmpFile {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(&self.0.to_string_lossy())
        }
    }

    impl Drop for TmpFile {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }

    fn tmp_file(content: &str) -> TmpFile {
        static N: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "h1-config-test-{}-{}.pem",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::write(&path, content).unwrap();
        TmpFile(path)
    }

    const BASE: &str = "postgres://app:pw@db.example.com/neondb";

    // --- constructor forms ---------------------------------------------------

    #[test]
    fn uri_form() {
        let p = with_uri(
            "postgres://app:secret@db.example.com:55435/neondb",
            json!({}),
        );
        assert_eq!(p.dialect, "postgres");
        assert_eq!(p.public.database.as_deref(), Some("neondb"));
        assert_eq!(p.public.username.as_deref(), Some("app"));
        assert_eq!(p.public.password.as_deref(), Some("secret"));
        assert_eq!(p.public.host, "db.example.com");
        assert_eq!(p.public.port, json!("55435"));
        assert_eq!(p.connect.port, 55435);
        assert_eq!(p.connect.user, "app");
        assert_eq!(p.connect.password.as_deref(), Some("secret"));
        assert_eq!(p.connect.database, "neondb");
        assert_eq!(p.connect.ssl, None);
        assert!(p.warnings.is_empty());
        // Serializes in camelCase for JS.
        let shown = serde_json::to_value(&p.public).unwrap();
        assert!(shown.get("dialectOptions").is_some());
    }

    #[test]
    fn uri_with_null_options_and_missing_env() {
        let p = parse(json!({ "uri": BASE, "options": null, "env": null })).unwrap();
        assert_eq!(p.connect.host, "db.example.com");
        let p = parse(json!({ "uri": BASE })).unwrap();
        assert_eq!(p.connect.database, "neondb");
    }

    #[test]
    fn positional_form() {
        let p = parse(json!({
            "database": "db1", "username": "u1", "password": "p1",
            "options": { "dialect": "postgres", "host": "h1", "port": 6543 }
        }))
        .unwrap();
        assert_eq!(p.public.database.as_deref(), Some("db1"));
        assert_eq!(p.public.username.as_deref(), Some("u1"));
        assert_eq!(p.public.password.as_deref(), Some("p1"));
        assert_eq!(p.public.host, "h1");
        assert_eq!(p.public.port, json!(6543));
        assert_eq!(p.connect.port, 6543);
        assert_eq!(p.public.dialect_options, Value::Null);
        // Numeric password from JS is accepted.
        let p = parse(json!({
            "database": "db1", "username": "u1", "password": 12345,
            "options": { "dialect": "postgres" }
        }))
        .unwrap();
        assert_eq!(p.connect.password.as_deref(), Some("12345"));
        // Null password → null in config; options.* fill empty positional values.
        let p = parse(json!({
            "database": "", "username": null, "password": null,
            "options": { "dialect": "postgres", "database": "od", "username": "ou", "password": "op" }
        }))
        .unwrap();
        assert_eq!(p.public.database.as_deref(), Some("od"));
        assert_eq!(p.public.username.as_deref(), Some("ou"));
        assert_eq!(p.public.password.as_deref(), Some("op"));
    }

    #[test]
    fn options_only_form() {
        let p = parse(json!({ "options": {
            "dialect": "postgres", "database": "d", "username": "u", "password": "p",
            "host": "h", "port": "5433"
        }}))
        .unwrap();
        assert_eq!(p.public.database.as_deref(), Some("d"));
        assert_eq!(p.public.username.as_deref(), Some("u"));
        assert_eq!(p.public.host, "h");
        assert_eq!(p.public.port, json!("5433"));
        assert_eq!(p.connect.port, 5433);
        assert_eq!(p.public.password.as_deref(), Some("p"));
    }

    #[test]
    fn uri_values_fall_back_to_options() {
        let p = with_uri(
            "postgres://db.example.com",
            json!({ "username": "ou", "password": "op", "database": "od", "host": "ignored", "port": 7000 }),
        );
        assert_eq!(p.public.username.as_deref(), Some("ou"));
        assert_eq!(p.public.password.as_deref(), Some("op"));
        assert_eq!(p.public.database.as_deref(), Some("od"));
        // The URI host always wins over options.host; options.port fills a missing URI port.
        assert_eq!(p.public.host, "db.example.com");
        assert_eq!(p.public.port, json!(7000));
        // URI port wins over options.port.
        let p = with_uri("postgres://h:5555/d", json!({ "port": 7000 }));
        assert_eq!(p.public.port, json!("5555"));
        assert_eq!(p.connect.port, 5555);
    }

    #[test]
    fn postgresql_alias() {
        assert_eq!(
            with_uri("postgresql://u@h/d", json!({})).dialect,
            "postgres"
        );
        let p = parse(json!({ "options": { "dialect": "postgresql" } })).unwrap();
        assert_eq!(p.dialect, "postgres");
        // The URI scheme overrides options.dialect.
        assert_eq!(
            with_uri("postgres://u@h/d", json!({ "dialect": "mysql" })).dialect,
            "postgres"
        );
    }

    #[test]
    fn percent_decoding() {
        let p = with_uri("postgres://us%65r:p%40ss:w@h/my%20db", json!({}));
        assert_eq!(p.connect.user, "user");
        assert_eq!(p.connect.password.as_deref(), Some("p@ss:w"));
        assert_eq!(p.connect.database, "my db");
        assert_eq!(p.public.password.as_deref(), Some("p@ss:w"));
    }

    #[test]
    fn default_host_and_port() {
        let p = parse(json!({ "options": { "dialect": "postgres" } })).unwrap();
        assert_eq!(p.public.host, "localhost");
        assert_eq!(p.public.port, json!(5432));
        assert_eq!(p.connect.port, 5432);
        let p = with_uri("postgres:///d", json!({}));
        assert_eq!(p.connect.host, "localhost");
        assert_eq!(p.public.port, json!(5432));
        // Falsy options.port → default.
        let p = parse(json!({ "options": { "dialect": "postgres", "port": null, "host": "" } }))
            .unwrap();
        assert_eq!(p.public.port, json!(5432));
        assert_eq!(p.public.host, "localhost");
    }

    #[test]
    fn bad_ports() {
        for port in [
            json!(70000),
            json!(-1),
            json!("abc"),
            json!(1.5),
            json!(true),
        ] {
            let e =
                parse(json!({ "options": { "dialect": "postgres", "port": port } })).unwrap_err();
            assert!(e.message.starts_with("Invalid port: "), "{}", e.message);
        }
        assert!(uri_err("postgres://h:99999/d", json!({})).starts_with("Invalid port: "));
        assert!(uri_err("postgres://h:0/d", json!({})).starts_with("Invalid port: "));
    }

    #[test]
    fn host_query_override() {
        let p = with_uri("postgres://u:p@/db?host=/var/run/postgresql", json!({}));
        assert_eq!(p.connect.host, "/var/run/postgresql");
        assert_eq!(p.public.host, "/var/run/postgresql");
        assert_eq!(p.connect.database, "db");
        let p = with_uri("postgres://u@a.example/db?host=b.example", json!({}));
        assert_eq!(p.connect.host, "b.example");
        // Empty ?host= does not override.
        let p = with_uri("postgres://u@a.example/db?host=", json!({}));
        assert_eq!(p.connect.host, "a.example");
        let p = with_uri("postgres://u@[::1]:5433/db", json!({}));
        assert_eq!(p.connect.host, "::1");
    }

    // --- dialect and URI errors ----------------------------------------------

    #[test]
    fn dialect_errors() {
        let need = "Dialect needs to be explicitly supplied as of v4.0.0";
        assert_eq!(parse(json!({ "options": {} })).unwrap_err().message, need);
        assert_eq!(parse(json!({})).unwrap_err().message, need);
        assert_eq!(
            parse(json!({ "database": "d", "options": { "dialect": null } }))
                .unwrap_err()
                .message,
            need
        );
        // options.url is not a thing in v6.
        assert_eq!(
            parse(json!({ "options": { "url": BASE } }))
                .unwrap_err()
                .message,
            need
        );
        assert_eq!(
            parse(json!({ "options": { "dialect": "mysql" } }))
                .unwrap_err()
                .message,
            "The dialect mysql is not supported by sequelize-rs: only postgres is."
        );
        assert_eq!(
            uri_err("sqlite://h/d", json!({})),
            "The dialect sqlite is not supported by sequelize-rs: only postgres is."
        );
        assert_eq!(
            uri_err("mysqlx://h/d", json!({})),
            "The dialect mysqlx is not supported. Supported dialects: mssql, mariadb, mysql, oracle, postgres, db2 and sqlite."
        );
        assert_eq!(
            parse(json!({ "options": { "dialect": "Postgres" } }))
                .unwrap_err()
                .message,
            "The dialect Postgres is not supported. Supported dialects: mssql, mariadb, mysql, oracle, postgres, db2 and sqlite."
        );
        assert_eq!(
            parse(json!({ "options": { "dialect": 5 } })).unwrap_err().message,
            "The dialect 5 is not supported. Supported dialects: mssql, mariadb, mysql, oracle, postgres, db2 and sqlite."
        );
        for k in KNOWN_ELSEWHERE {
            let e = parse(json!({ "options": { "dialect": k } })).unwrap_err();
            assert!(e.message.contains("sequelize-rs"), "{k}");
        }
    }

    #[test]
    fn bad_uri() {
        let e = parse(json!({ "uri": "not a url" })).unwrap_err();
        assert!(
            e.message.starts_with("Invalid connection URI: "),
            "{}",
            e.message
        );
        assert_eq!(e.kind, crate::core::error::ErrorKind::InvalidInput);
        assert!(uri_err("postgres:nohost", json!({})).starts_with("Invalid connection URI: "));
        assert!(uri_err("postgres://u:p@h:xx/d", json!({})).starts_with("Invalid connection URI: "));
        let e = parse_constructor("{not json").unwrap_err();
        assert!(e.message.starts_with("Invalid constructor input: "));
    }

    // --- sslmode -------------------------------------------------------------

    #[test]
    fn sslmode_default_semantics() {
        let with = |m: &str| with_uri(&format!("{BASE}?sslmode={m}"), json!({}));
        assert_eq!(with("disable").connect.ssl, None);
        assert!(with("disable").warnings.is_empty());
        for m in ["prefer", "require", "verify-ca"] {
            let p = with(m);
            assert_eq!(
                p.connect.ssl.as_ref().map(|t| t.verify),
                Some(Verify::Full),
                "{m}"
            );
            assert_eq!(p.warnings, vec![sslmode_warning(m)], "{m}");
        }
        let p = with("verify-full");
        assert_eq!(p.connect.ssl.map(|t| t.verify), Some(Verify::Full));
        assert!(p.warnings.is_empty());
        let p = with("no-verify");
        assert_eq!(p.connect.ssl.map(|t| t.verify), Some(Verify::None));
        assert!(p.warnings.is_empty());
        // Unknown modes: pg-connection-string leaves `ssl = {}` (full verification).
        let p = with("allow");
        assert_eq!(p.connect.ssl.map(|t| t.verify), Some(Verify::Full));
        assert!(p.warnings.is_empty());
        assert_eq!(
            sslmode_warning("require"),
            "SECURITY WARNING: The SSL modes 'prefer', 'require', and 'verify-ca' are treated as aliases for 'verify-full'.\nIn the next major version (pg-connection-string v3.0.0 and pg v9.0.0), these modes will adopt standard libpq semantics, which have weaker security guarantees.\n\nTo prepare for this change:\n- If you want the current behavior, explicitly use 'sslmode=verify-full'\n- If you want libpq compatibility now, use 'uselibpqcompat=true&sslmode=require'\n\nSee https://www.postgresql.org/docs/current/libpq-ssl.html for libpq SSL mode definitions."
        );
        assert!(sslmode_warning("prefer").contains("'uselibpqcompat=true&sslmode=prefer'"));
    }

    #[test]
    fn sslmode_libpq_compat() {
        let with = |q: &str| with_uri(&format!("{BASE}?uselibpqcompat=true&{q}"), json!({}));
        assert_eq!(with("sslmode=disable").connect.ssl, None);
        for m in ["prefer", "require"] {
            let p = with(&format!("sslmode={m}"));
            assert_eq!(p.connect.ssl.map(|t| t.verify), Some(Verify::None), "{m}");
            assert!(p.warnings.is_empty());
        }
        assert_eq!(
            uri_err(
                &format!("{BASE}?uselibpqcompat=true&sslmode=verify-ca"),
                json!({})
            ),
            VERIFY_CA_NEEDS_ROOT
        );
        assert!(VERIFY_CA_NEEDS_ROOT.starts_with(
            "SECURITY WARNING: Using sslmode=verify-ca requires specifying a CA with sslrootcert."
        ));
        let ca = tmp_file("-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n");
        let p = with(&format!("sslmode=verify-ca&sslrootcert={ca}"));
        let t = p.connect.ssl.unwrap();
        assert_eq!(t.verify, Verify::CaOnly);
        assert_eq!(t.ca.as_deref().map(<[String]>::len), Some(1));
        let t = with(&format!("sslmode=require&sslrootcert={ca}"))
            .connect
            .ssl
            .unwrap();
        assert_eq!(t.verify, Verify::CaOnly);
        assert!(t.ca.unwrap()[0].contains("CA"));
        let p = with("sslmode=verify-full");
        assert_eq!(p.connect.ssl.map(|t| t.verify), Some(Verify::Full));
        // no-verify has no compat case: `ssl = {}`.
        assert_eq!(
            with("sslmode=no-verify").connect.ssl.map(|t| t.verify),
            Some(Verify::Full)
        );
        // Only the exact string "true" switches the semantics.
        let p = with_uri(
            &format!("{BASE}?uselibpqcompat=1&sslmode=require"),
            json!({}),
        );
        assert_eq!(p.connect.ssl.map(|t| t.verify), Some(Verify::Full));
        assert_eq!(p.warnings.len(), 1);
    }

    #[test]
    fn ssl_files() {
        let ca = tmp_file("ROOT-PEM");
        let cert = tmp_file("CERT-PEM");
        let key = tmp_file("KEY-PEM");
        let t = tls(
            &format!("{BASE}?sslrootcert={ca}&sslcert={cert}&sslkey={key}"),
            json!({}),
        )
        .unwrap();
        assert_eq!(t.verify, Verify::Full);
        assert_eq!(t.ca, Some(vec!["ROOT-PEM".to_string()]));
        assert_eq!(t.cert.as_deref(), Some("CERT-PEM"));
        assert_eq!(t.key.as_deref(), Some("KEY-PEM"));
        // A root cert replaces the default roots, so NODE_EXTRA_CA_CERTS is not used.
        let p = parse(json!({
            "uri": format!("{BASE}?sslrootcert={ca}"),
            "env": { "NODE_EXTRA_CA_CERTS": "/x/extra.pem" }
        }))
        .unwrap();
        assert_eq!(p.connect.ssl.unwrap().extra_ca_file, None);
        // Missing file → error naming the parameter and the file.
        let e = uri_err(
            &format!("{BASE}?sslrootcert=/nonexistent/ca.pem"),
            json!({}),
        );
        assert!(
            e.starts_with("Cannot read sslrootcert file \"/nonexistent/ca.pem\""),
            "{e}"
        );
        let e = uri_err(&format!("{BASE}?sslkey=/nonexistent/k.pem"), json!({}));
        assert!(
            e.contains("sslkey") && e.contains("/nonexistent/k.pem"),
            "{e}"
        );
    }

    #[test]
    fn sslrootcert_system() {
        let t = tls(
            &format!("{BASE}?sslrootcert=system&sslmode=verify-full"),
            json!({}),
        )
        .unwrap();
        assert_eq!(t.verify, Verify::Full);
        assert_eq!(t.ca, None);
        let t = tls(
            &format!("{BASE}?uselibpqcompat=true&sslmode=require&sslrootcert=system"),
            json!({}),
        )
        .unwrap();
        assert_eq!(t.verify, Verify::Full);
    }

    #[test]
    fn ssl_query_param() {
        assert_eq!(
            verify(&format!("{BASE}?ssl=true"), json!({})),
            Some(Verify::Full)
        );
        assert_eq!(
            verify(&format!("{BASE}?ssl=1"), json!({})),
            Some(Verify::Full)
        );
        assert_eq!(verify(&format!("{BASE}?ssl=0"), json!({})), None);
        assert_eq!(verify(&format!("{BASE}?ssl=false"), json!({})), None);
        assert_eq!(
            verify(&format!("{BASE}?ssl=no-verify"), json!({})),
            Some(Verify::None)
        );
        // sslmode turns ssl into an object, overriding ssl=0 …
        assert_eq!(
            verify(&format!("{BASE}?ssl=0&sslmode=require"), json!({})),
            Some(Verify::Full)
        );
        // … and sslmode=disable wins over ssl=true.
        assert_eq!(
            verify(&format!("{BASE}?ssl=true&sslmode=disable"), json!({})),
            None
        );
        // sslnegotiation=direct implies TLS when nothing else configured it.
        assert_eq!(
            verify(&format!("{BASE}?sslnegotiation=direct"), json!({})),
            Some(Verify::Full)
        );
        assert_eq!(
            verify(&format!("{BASE}?ssl=0&sslnegotiation=direct"), json!({})),
            None
        );
    }

    // --- precedence (rule 6) -------------------------------------------------

    #[test]
    fn dialect_options_ssl_wins_key_by_key() {
        let req = format!("{BASE}?sslmode=require");
        assert_eq!(
            verify(
                &req,
                json!({ "dialectOptions": { "ssl": { "rejectUnauthorized": false } } })
            ),
            Some(Verify::None)
        );
        let t = tls(
            &req,
            json!({ "dialectOptions": { "ssl": { "ca": "MY-CA" } } }),
        )
        .unwrap();
        assert_eq!(t.verify, Verify::Full);
        assert_eq!(t.ca, Some(vec!["MY-CA".to_string()]));
        assert_eq!(
            verify(
                &format!("{BASE}?sslmode=disable"),
                json!({ "dialectOptions": { "ssl": { "require": true } } })
            ),
            Some(Verify::Full)
        );
        assert_eq!(
            verify(
                &format!("{BASE}?sslmode=no-verify"),
                json!({ "dialectOptions": { "ssl": true } })
            ),
            Some(Verify::None)
        );
        assert_eq!(
            verify(
                &format!("{BASE}?sslmode=no-verify"),
                json!({ "dialectOptions": { "ssl": { "rejectUnauthorized": true } } })
            ),
            Some(Verify::Full)
        );
        // URI fills what the object does not set.
        let t = tls(
            &format!("{BASE}?uselibpqcompat=true&sslmode=require"),
            json!({ "dialectOptions": { "ssl": { "ca": ["A", "B"] } } }),
        )
        .unwrap();
        assert_eq!(t.verify, Verify::None);
        assert_eq!(t.ca, Some(vec!["A".to_string(), "B".to_string()]));
        let cert = tmp_file("URI-CERT");
        let t = tls(
            &format!("{BASE}?sslcert={cert}"),
            json!({ "dialectOptions": { "ssl": { "key": "USER-KEY" } } }),
        )
        .unwrap();
        assert_eq!(t.cert.as_deref(), Some("URI-CERT"));
        assert_eq!(t.key.as_deref(), Some("USER-KEY"));
        // Falsy dialectOptions.ssl does not switch off TLS the URI asks for.
        assert_eq!(
            verify(&req, json!({ "dialectOptions": { "ssl": false } })),
            Some(Verify::Full)
        );
        // ssl:true over sslmode=disable → TLS.
        assert_eq!(
            verify(
                &format!("{BASE}?sslmode=disable"),
                json!({ "dialectOptions": { "ssl": true } })
            ),
            Some(Verify::Full)
        );
    }

    #[test]
    fn dialect_options_ssl_shapes() {
        let v = |ssl: Value| verify(BASE, json!({ "dialectOptions": { "ssl": ssl } }));
        assert_eq!(v(json!(true)), Some(Verify::Full));
        assert_eq!(v(json!(false)), None);
        assert_eq!(v(Value::Null), None);
        assert_eq!(v(json!("no-verify")), Some(Verify::None));
        assert_eq!(v(json!("require")), Some(Verify::Full));
        assert_eq!(v(json!({})), Some(Verify::Full));
        assert_eq!(v(json!({ "require": false })), Some(Verify::Full));
        assert_eq!(
            v(json!({ "require": true, "rejectUnauthorized": false })),
            Some(Verify::None)
        );
        assert_eq!(
            v(json!({ "checkServerIdentity": "__fn__" })),
            Some(Verify::CaOnly)
        );
        assert_eq!(
            v(json!({ "checkServerIdentity": "__fn__", "rejectUnauthorized": false })),
            Some(Verify::None)
        );
        // Node only skips verification for exactly `false`.
        assert_eq!(v(json!({ "rejectUnauthorized": 0 })), Some(Verify::Full));

        let t = tls(
            BASE,
            json!({ "dialectOptions": { "ssl": {
                "ca": { "type": "Buffer", "data": [80, 69, 77] },
                "cert": ["C1", { "type": "Buffer", "data": [67, 50] }],
                "key": "K",
                "servername": "sni.example"
            } } }),
        )
        .unwrap();
        assert_eq!(t.ca, Some(vec!["PEM".to_string()]));
        assert_eq!(t.cert.as_deref(), Some("C1\nC2"));
        assert_eq!(t.key.as_deref(), Some("K"));
        assert_eq!(t.servername.as_deref(), Some("sni.example"));

        let e = uri_err(BASE, json!({ "dialectOptions": { "ssl": { "ca": 5 } } }));
        assert!(e.contains("dialectOptions.ssl.ca"), "{e}");
    }

    // --- env -----------------------------------------------------------------

    #[test]
    fn env_fallbacks() {
        let env = json!({ "PGUSER": "envuser", "PGPASSWORD": "envpw", "PGDATABASE": "envdb",
                          "PGAPPNAME": "envapp", "USER": "osuser" });
        let p = parse(json!({ "options": { "dialect": "postgres" }, "env": env })).unwrap();
        assert_eq!(p.connect.user, "envuser");
        assert_eq!(p.connect.password.as_deref(), Some("envpw"));
        assert_eq!(p.connect.database, "envdb");
        assert_eq!(p.connect.application_name.as_deref(), Some("envapp"));
        // sequelize.config shows the values before pg's fallbacks.
        assert_eq!(p.public.username, None);
        assert_eq!(p.public.password, None);
        // Given values win; empty ones fall back.
        let p = parse(json!({
            "database": "d", "username": "u", "password": "",
            "options": { "dialect": "postgres", "dialectOptions": { "application_name": "mine" } },
            "env": env
        }))
        .unwrap();
        assert_eq!(p.connect.user, "u");
        assert_eq!(p.connect.password.as_deref(), Some("envpw"));
        assert_eq!(p.connect.database, "d");
        assert_eq!(p.connect.application_name.as_deref(), Some("mine"));
        // USER, then "postgres"; database defaults to the user.
        let p = parse(json!({ "options": { "dialect": "postgres" }, "env": { "USER": "osuser" } }))
            .unwrap();
        assert_eq!(p.connect.user, "osuser");
        assert_eq!(p.connect.database, "osuser");
        assert_eq!(p.connect.password, None);
        let p = parse(json!({ "options": { "dialect": "postgres" } })).unwrap();
        assert_eq!(p.connect.user, "postgres");
        assert_eq!(p.connect.database, "postgres");
        // PGHOST/PGPORT are ignored.
        let p = parse(json!({ "options": { "dialect": "postgres" },
                              "env": { "PGHOST": "elsewhere", "PGPORT": "1" } }))
        .unwrap();
        assert_eq!(
            (p.connect.host.as_str(), p.connect.port),
            ("localhost", 5432)
        );
    }

    #[test]
    fn pgsslmode() {
        let v = |mode: &str, options: Value, uri: &str| {
            parse(json!({ "uri": uri, "options": options, "env": { "PGSSLMODE": mode } }))
                .unwrap()
                .connect
                .ssl
                .map(|t| t.verify)
        };
        assert_eq!(v("disable", json!({}), BASE), None);
        assert_eq!(v("no-verify", json!({}), BASE), Some(Verify::None));
        for m in ["prefer", "require", "verify-ca", "verify-full"] {
            assert_eq!(v(m, json!({}), BASE), Some(Verify::Full), "{m}");
        }
        assert_eq!(v("bogus", json!({}), BASE), None);
        // Ignored when dialectOptions.ssl is given (even false) …
        assert_eq!(
            v(
                "require",
                json!({ "dialectOptions": { "ssl": false } }),
                BASE
            ),
            None
        );
        assert_eq!(
            v(
                "no-verify",
                json!({ "dialectOptions": { "ssl": { "require": true } } }),
                BASE
            ),
            Some(Verify::Full)
        );
        // … or when the URI has an ssl parameter.
        assert_eq!(v("require", json!({}), &format!("{BASE}?ssl=0")), None);
        assert_eq!(
            v(
                "no-verify",
                json!({}),
                &format!("{BASE}?sslmode=verify-full")
            ),
            Some(Verify::Full)
        );
        // Unrelated query params do not count.
        assert_eq!(
            v("require", json!({}), &format!("{BASE}?application_name=x")),
            Some(Verify::Full)
        );
    }

    #[test]
    fn node_extra_ca_certs() {
        let p = parse(json!({ "uri": format!("{BASE}?sslmode=verify-full"),
                              "env": { "NODE_EXTRA_CA_CERTS": "/etc/extra.pem" } }))
        .unwrap();
        assert_eq!(
            p.connect.ssl.unwrap().extra_ca_file.as_deref(),
            Some("/etc/extra.pem")
        );
        let p = parse(
            json!({ "uri": BASE, "options": { "dialectOptions": { "ssl": { "ca": "X" } } },
                              "env": { "NODE_EXTRA_CA_CERTS": "/etc/extra.pem" } }),
        )
        .unwrap();
        assert_eq!(p.connect.ssl.unwrap().extra_ca_file, None);
    }

    // --- other dialectOptions --------------------------------------------------

    #[test]
    fn channel_binding() {
        assert_eq!(
            with_uri(BASE, json!({})).connect.channel_binding,
            ChannelBinding::Prefer
        );
        assert_eq!(
            with_uri(
                &format!("{BASE}?sslmode=require&channel_binding=require"),
                json!({})
            )
            .connect
            .channel_binding,
            ChannelBinding::Require
        );
        assert_eq!(
            with_uri(
                &format!("{BASE}?channel_binding=require"),
                json!({ "dialectOptions": { "channel_binding": "disable" } })
            )
            .connect
            .channel_binding,
            ChannelBinding::Disable
        );
        let e = uri_err(&format!("{BASE}?channel_binding=maybe"), json!({}));
        assert_eq!(
            e,
            "Invalid channel_binding value \"maybe\": expected disable, prefer or require"
        );
    }

    #[test]
    fn application_name_and_options() {
        let p = with_uri(
            &format!("{BASE}?application_name=fromuri&options=-c%20search_path%3Dfoo"),
            json!({}),
        );
        assert_eq!(p.connect.application_name.as_deref(), Some("fromuri"));
        assert_eq!(p.connect.options.as_deref(), Some("-c search_path=foo"));
        let p = with_uri(
            &format!("{BASE}?application_name=fromuri&options=-c%20a%3D1"),
            json!({ "dialectOptions": {
                "application_name": "mine", "options": "-c b=2",
                "statement_timeout": 5000, "lock_timeout": "200",
                "idle_in_transaction_session_timeout": 0
            } }),
        );
        assert_eq!(p.connect.application_name.as_deref(), Some("mine"));
        assert_eq!(
            p.connect.options.as_deref(),
            Some("-c b=2 -c statement_timeout=5000 -c lock_timeout=200")
        );
        let p = parse(
            json!({ "options": { "dialect": "postgres", "dialectOptions": {
            "idle_in_transaction_session_timeout": 1000.7 } } }),
        )
        .unwrap();
        assert_eq!(
            p.connect.options.as_deref(),
            Some("-c idle_in_transaction_session_timeout=1000")
        );
        // Timeouts from the URI apply (they reach pg through Sequelize's merge).
        let p = with_uri(&format!("{BASE}?statement_timeout=100"), json!({}));
        assert_eq!(
            p.connect.options.as_deref(),
            Some("-c statement_timeout=100")
        );
        assert_eq!(with_uri(BASE, json!({})).connect.options, None);
        let e = uri_err(
            BASE,
            json!({ "dialectOptions": { "statement_timeout": -5 } }),
        );
        assert!(e.contains("dialectOptions.statement_timeout"), "{e}");
        let e = uri_err(
            BASE,
            json!({ "dialectOptions": { "lock_timeout": "soon" } }),
        );
        assert!(e.contains("dialectOptions.lock_timeout"), "{e}");
    }

    #[test]
    fn timeouts_and_keepalive() {
        let c = with_uri(BASE, json!({})).connect;
        assert_eq!(c.connect_timeout_ms, None);
        assert!(!c.keep_alive);
        assert_eq!(c.keep_alive_initial_delay_ms, None);
        let c = with_uri(
            BASE,
            json!({ "dialectOptions": { "connectionTimeoutMillis": 10000, "keepAlive": true,
                                        "keepAliveInitialDelayMillis": 3000 } }),
        )
        .connect;
        assert_eq!(c.connect_timeout_ms, Some(10_000));
        assert!(c.keep_alive);
        assert_eq!(c.keep_alive_initial_delay_ms, Some(3000));
        // connect_timeout (seconds) only when connectionTimeoutMillis is not given.
        let with_ct = |q: &str, o: Value| {
            with_uri(&format!("{BASE}?{q}"), o)
                .connect
                .connect_timeout_ms
        };
        assert_eq!(with_ct("connect_timeout=15", json!({})), Some(15_000));
        assert_eq!(with_ct("connect_timeout=1", json!({})), Some(2_000));
        assert_eq!(with_ct("connect_timeout=0", json!({})), None);
        assert_eq!(
            with_ct(
                "connect_timeout=15",
                json!({ "dialectOptions": { "connectionTimeoutMillis": 500 } })
            ),
            Some(500)
        );
        assert_eq!(
            with_ct(
                "connect_timeout=15",
                json!({ "dialectOptions": { "connectionTimeoutMillis": 0 } })
            ),
            None
        );
        assert!(
            uri_err(&format!("{BASE}?connect_timeout=abc"), json!({})).contains("connect_timeout")
        );
        // URI strings for booleans.
        assert!(
            with_uri(&format!("{BASE}?keepAlive=true"), json!({}))
                .connect
                .keep_alive
        );
        assert!(
            !with_uri(&format!("{BASE}?keepAlive=false"), json!({}))
                .connect
                .keep_alive
        );
    }

    #[test]
    fn client_min_messages_rules() {
        let cmm = |o: Value| {
            let mut o = o;
            o["dialect"] = json!("postgres");
            parse(json!({ "options": o })).map(|p| p.connect.client_min_messages)
        };
        assert_eq!(cmm(json!({})).unwrap().as_deref(), Some("warning"));
        assert_eq!(
            cmm(json!({ "dialectOptions": { "clientMinMessages": "IGNORE" } })).unwrap(),
            None
        );
        assert_eq!(
            cmm(json!({ "dialectOptions": { "clientMinMessages": false } })).unwrap(),
            None
        );
        assert_eq!(cmm(json!({ "clientMinMessages": false })).unwrap(), None);
        assert_eq!(
            cmm(json!({ "dialectOptions": { "clientMinMessages": "notice" } }))
                .unwrap()
                .as_deref(),
            Some("notice")
        );
        assert_eq!(
            cmm(json!({ "clientMinMessages": "error" }))
                .unwrap()
                .as_deref(),
            Some("error")
        );
        assert_eq!(
            cmm(json!({ "clientMinMessages": "error", "dialectOptions": { "clientMinMessages": "log" } }))
                .unwrap()
                .as_deref(),
            Some("log")
        );
        assert!(
            cmm(json!({ "dialectOptions": { "clientMinMessages": "warning; DROP TABLE x" } }))
                .unwrap_err()
                .message
                .starts_with("Invalid clientMinMessages value")
        );
    }

    // --- pool ----------------------------------------------------------------

    #[test]
    fn pool_defaults_merge_and_validation() {
        let pool = |p: Value| {
            parse(json!({ "options": { "dialect": "postgres", "pool": p } }))
                .map(|x| x.connect.pool)
        };
        assert_eq!(pool(Value::Null).unwrap(), PoolSettings::default());
        assert_eq!(
            PoolSettings::default(),
            PoolSettings {
                max: 5,
                min: 0,
                idle_ms: 10000,
                acquire_ms: 60000,
                evict_ms: 1000,
                max_uses: None
            }
        );
        let p = pool(json!({ "max": 10, "idle": 30000, "maxUses": 100 })).unwrap();
        assert_eq!(
            p,
            PoolSettings {
                max: 10,
                min: 0,
                idle_ms: 30000,
                acquire_ms: 60000,
                evict_ms: 1000,
                max_uses: Some(100)
            }
        );
        // Strings from env vars, null (Infinity) maxUses, unknown keys.
        let p = pool(
            json!({ "max": "8", "min": "2", "maxUses": null, "validate": null, "acquire": 1e4 }),
        )
        .unwrap();
        assert_eq!(
            (p.max, p.min, p.max_uses, p.acquire_ms),
            (8, 2, None, 10_000)
        );
        assert_eq!(
            pool(json!({ "max": 0 })).unwrap_err().message,
            "pool.max must be at least 1"
        );
        assert_eq!(
            pool(json!({ "max": 2, "min": 3 })).unwrap_err().message,
            "pool.min (3) must not be greater than pool.max (2)"
        );
        assert_eq!(
            pool(json!({ "idle": -1 })).unwrap_err().message,
            "pool.idle must be a non-negative number, got -1"
        );
        assert_eq!(
            pool(json!({ "acquire": "soon" })).unwrap_err().message,
            "pool.acquire must be a non-negative number, got \"soon\""
        );
        assert!(pool(json!({ "max": 1e12 }))
            .unwrap_err()
            .message
            .contains("too large"));
        assert!(pool(json!(5)).unwrap_err().message.contains("options.pool"));
    }

    // --- timezone --------------------------------------------------------------

    #[test]
    fn timezone_validation() {
        for ok in [
            "+00:00",
            "-08:00",
            "+05:30",
            "UTC",
            "America/New_York",
            "Etc/GMT+5",
            "America/Argentina/Buenos_Aires",
            "Europe/Kyiv",
            "EST5EDT",
        ] {
            assert!(is_valid_timezone(ok), "{ok}");
        }
        for bad in [
            "",
            "+5",
            "+5:30",
            "+25:00",
            "+05:60",
            "+05:3",
            "05:30",
            "'; DROP TABLE x; --",
            "UTC'",
            "America/New York",
            "-",
            "+:30",
            "/etc",
            "a\"b",
        ] {
            assert!(!is_valid_timezone(bad), "{bad}");
        }
        let tz = |t: Value| {
            parse(json!({ "options": { "dialect": "postgres", "timezone": t } }))
                .map(|p| p.connect.timezone)
        };
        assert_eq!(tz(Value::Null).unwrap(), "+00:00");
        assert_eq!(tz(json!("America/New_York")).unwrap(), "America/New_York");
        assert!(tz(json!("x'y"))
            .unwrap_err()
            .message
            .starts_with("Invalid timezone"));
        assert!(tz(json!(5)).is_err());
        let p = parse(json!({ "options": { "dialect": "postgres", "keepDefaultTimezone": true } }))
            .unwrap();
        assert!(p.connect.keep_default_timezone);
        assert_eq!(p.connect.timezone, "+00:00");
        let p = parse(json!({ "options": { "dialect": "postgres" } })).unwrap();
        assert!(!p.connect.keep_default_timezone);
    }

    // --- public dialectOptions ---------------------------------------------------

    #[test]
    fn public_dialect_options() {
        let p = with_uri(
            &format!("{BASE}?sslmode=require&channel_binding=require"),
            json!({}),
        );
        assert_eq!(
            p.public.dialect_options,
            json!({ "sslmode": "require", "channel_binding": "require", "ssl": {} })
        );
        let p = with_uri(&format!("{BASE}?sslmode=no-verify"), json!({}));
        assert_eq!(
            p.public.dialect_options["ssl"],
            json!({ "rejectUnauthorized": false })
        );
        let p = with_uri(&format!("{BASE}?ssl=true"), json!({}));
        assert_eq!(p.public.dialect_options["ssl"], json!(true));
        // The user's keys win and are shown as given.
        let p = with_uri(
            &format!("{BASE}?sslmode=require&application_name=u"),
            json!({ "dialectOptions": { "ssl": { "require": true }, "application_name": "mine" } }),
        );
        assert_eq!(
            p.public.dialect_options,
            json!({ "sslmode": "require", "application_name": "mine", "ssl": { "require": true } })
        );
        assert_eq!(with_uri(BASE, json!({})).public.dialect_options, json!({}));
        let p =
            parse(json!({ "options": { "dialect": "postgres", "dialectOptions": { "x": 1 } } }))
                .unwrap();
        assert_eq!(p.public.dialect_options, json!({ "x": 1 }));
    }

    #[test]
    fn nul_characters_rejected() {
        let e = parse(json!({ "database": "d", "username": "u\u{0}x",
                              "options": { "dialect": "postgres" } }))
        .unwrap_err();
        assert_eq!(e.message, "The user name must not contain a NUL character");
    }
}
