//! Connection-URI parsing with the semantics Sequelize 6 gets from Node's
//! legacy `url.parse(uri, true)`:
//!
//! * the scheme is lower-cased; the authority ends at the first `/`, `?` or
//!   `#`, and the user info is everything before the **last** `@` in it;
//! * user and password are split at the **first** `:` and percent-decoded
//!   (split first, then decoded, so an encoded `%3A` stays in the user name);
//! * the host loses its IPv6 brackets, is percent-decoded (so `%2Fvar%2Frun`
//!   names a Unix-socket directory, as in pg-connection-string) and is
//!   lower-cased unless it is such a path;
//! * the port is kept as the string the user wrote;
//! * the database is the path minus its leading `/`, percent-decoded
//!   (Sequelize leaves it encoded; decoding is what pg and libpq do);
//! * query pairs are decoded like `querystring.parse` (`+` is a space).
//!
//! Malformed `%` sequences are kept literally (pg-connection-string does the
//! same by re-encoding them). Error messages never repeat the URI, which may
//! hold a password.

use crate::core::error::{CoreError, CoreResult};

/// The pieces of a connection URI. Empty user, password, host and database
/// are reported as `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UriParts {
    /// Lower-cased scheme without the trailing `:` (`postgres`, `postgresql`, …).
    pub scheme: String,
    pub user: Option<String>,
    pub password: Option<String>,
    /// Host name, IP address (no brackets) or decoded socket directory.
    pub host: Option<String>,
    /// The port digits exactly as written (`"05432"` stays `"05432"`).
    pub port: Option<String>,
    pub database: Option<String>,
    /// Decoded query pairs in order; a key may repeat.
    pub query: Vec<(String, String)>,
}

impl UriParts {
    /// The value of the last `key=` pair, like pg-connection-string's
    /// `searchParams` loop (later pairs overwrite earlier ones).
    pub fn query_value(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

fn invalid_uri(reason: &str) -> CoreError {
    CoreError::invalid(format!("Invalid connection URI: {reason}"))
}

/// The lower-cased scheme of `uri` when it starts like `url.parse` expects
/// a protocol (`[a-z0-9.+-]+:`), else `None`. Sequelize takes the dialect
/// from this, so `mysql://…` is a dialect error rather than a URI error.
pub fn uri_scheme(uri: &str) -> Option<String> {
    let s = uri.trim();
    let colon = s.find(':')?;
    let scheme = s.get(..colon)?;
    if scheme.is_empty()
        || !scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'+' | b'-'))
    {
        return None;
    }
    Some(scheme.to_ascii_lowercase())
}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Percent-decodes `s` (`%XX` → byte; malformed sequences stay as they are).
/// With `plus_is_space`, `+` becomes a space first (query strings).
/// `what` names the component in the error for non-UTF-8 results.
pub fn percent_decode(s: &str, plus_is_space: bool, what: &str) -> CoreResult<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hi = bytes.get(i + 1).copied().and_then(hex_val);
            let lo = bytes.get(i + 2).copied().and_then(hex_val);
            if let (Some(hi), Some(lo)) = (hi, lo) {
                out.push(hi * 16 + lo);
                i += 3;
                continue;
            }
        }
        out.push(if plus_is_space && b == b'+' { b' ' } else { b });
        i += 1;
    }
    String::from_utf8(out).map_err(|_| {
        invalid_uri(&format!(
            "the {what} is not valid UTF-8 after percent-decoding"
        ))
    })
}

fn non_empty(s: String) -> Option<String> {
    if s.is_empty() {
        None
    } else {
        Some(s)
    }
}

/// Splits `host[:port]` / `[v6][:port]` into a raw host and the port text.
fn split_host_port(hostport: &str) -> CoreResult<(&str, Option<&str>)> {
    if let Some(rest) = hostport.strip_prefix('[') {
        let close = rest
            .find(']')
            .ok_or_else(|| invalid_uri("unterminated '[' in the IPv6 host"))?;
        let host = rest.get(..close).unwrap_or("");
        let after = rest.get(close + 1..).unwrap_or("");
        if after.is_empty() {
            return Ok((host, None));
        }
        let port = after
            .strip_prefix(':')
            .ok_or_else(|| invalid_uri("unexpected text after the IPv6 host"))?;
        return Ok((host, Some(port)));
    }
    match hostport.rfind(':') {
        Some(i) => Ok((
            hostport.get(..i).unwrap_or(""),
            Some(hostport.get(i + 1..).unwrap_or("")),
        )),
        None => Ok((hostport, None)),
    }
}

/// Parses a `postgres://user:password@host:port/database?key=value` URI
/// (see the module docs for the exact rules). Only the shape is checked
/// here; whether the scheme is a supported dialect is the caller's concern.
pub fn parse_pg_uri(uri: &str) -> CoreResult<UriParts> {
    let s = uri.trim();
    let scheme = uri_scheme(s).ok_or_else(|| {
        invalid_uri("expected the form postgres://user:password@host:port/database")
    })?;
    let after_scheme = s.get(scheme.len() + 1..).unwrap_or("");
    let rest = after_scheme.strip_prefix("//").ok_or_else(|| {
        invalid_uri(&format!(
            "expected \"//\" after \"{scheme}:\" (postgres://user:password@host:port/database)"
        ))
    })?;

    // Drop the fragment, then cut off the query.
    let rest = rest.split('#').next().unwrap_or("");
    let (before_query, query_text) = match rest.find('?') {
        Some(i) => (rest.get(..i).unwrap_or(""), rest.get(i + 1..)),
        None => (rest, None),
    };
    let (authority, path) = match before_query.find('/') {
        Some(i) => (
            before_query.get(..i).unwrap_or(""),
            before_query.get(i..).unwrap_or(""),
        ),
        None => (before_query, ""),
    };

    let (userinfo, hostport) = match authority.rfind('@') {
        Some(i) => (
            Some(authority.get(..i).unwrap_or("")),
            authority.get(i + 1..).unwrap_or(""),
        ),
        None => (None, authority),
    };

    let (user, password) = match userinfo {
        None => (None, None),
        Some(info) => match info.find(':') {
            Some(i) => (
                non_empty(percent_decode(
                    info.get(..i).unwrap_or(""),
                    false,
                    "user name",
                )?),
                non_empty(percent_decode(
                    info.get(i + 1..).unwrap_or(""),
                    false,
                    "password",
                )?),
            ),
            None => (non_empty(percent_decode(info, false, "user name")?), None),
        },
    };

    let (raw_host, raw_port) = split_host_port(hostport)?;
    let port = match raw_port {
        None | Some("") => None,
        Some(p) if p.bytes().all(|b| b.is_ascii_digit()) => Some(p.to_string()),
        Some(_) => return Err(invalid_uri("the port is not a number")),
    };
    let host = percent_decode(raw_host, false, "host")?;
    let host = if host.starts_with('/') {
        host
    } else {
        host.to_ascii_lowercase()
    };

    let database = non_empty(percent_decode(
        path.strip_prefix('/').unwrap_or(path),
        false,
        "database name",
    )?);

    let mut query = Vec::new();
    for pair in query_text.unwrap_or("").split('&') {
        if pair.is_empty() {
            continue;
        }
        let (k, v) = match pair.find('=') {
            Some(i) => (pair.get(..i).unwrap_or(""), pair.get(i + 1..).unwrap_or("")),
            None => (pair, ""),
        };
        query.push((
            percent_decode(k, true, "query string")?,
            percent_decode(v, true, "query string")?,
        ));
    }

    Ok(UriParts {
        scheme,
        user,
        password,
        host: non_empty(host),
        port,
        database,
        query,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_uri() {
        let p = parse_pg_uri("postgres://app:secret@db.example.com:55435/neondb?sslmode=require")
            .unwrap();
        assert_eq!(p.scheme, "postgres");
        assert_eq!(p.user.as_deref(), Some("app"));
        assert_eq!(p.password.as_deref(), Some("secret"));
        assert_eq!(p.host.as_deref(), Some("db.example.com"));
        assert_eq!(p.port.as_deref(), Some("55435"));
        assert_eq!(p.database.as_deref(), Some("neondb"));
        assert_eq!(p.query, vec![("sslmode".into(), "require".into())]);
    }

    #[test]
    fn percent_decoding_and_first_colon_split() {
        let p = parse_pg_uri("postgresql://us%20er:p%40ss:w@h/my%20db").unwrap();
        assert_eq!(p.scheme, "postgresql");
        assert_eq!(p.user.as_deref(), Some("us er"));
        assert_eq!(p.password.as_deref(), Some("p@ss:w"));
        assert_eq!(p.database.as_deref(), Some("my db"));
        // Encoded ':' in the user name does not split.
        let p = parse_pg_uri("postgres://a%3Ab:c@h/d").unwrap();
        assert_eq!(p.user.as_deref(), Some("a:b"));
        assert_eq!(p.password.as_deref(), Some("c"));
    }

    #[test]
    fn last_at_sign_separates_user_info() {
        let p = parse_pg_uri("postgres://u:p@ss@host/db").unwrap();
        assert_eq!(p.password.as_deref(), Some("p@ss"));
        assert_eq!(p.host.as_deref(), Some("host"));
    }

    #[test]
    fn malformed_percent_kept() {
        let p = parse_pg_uri("postgres://u:100%@h/d").unwrap();
        assert_eq!(p.password.as_deref(), Some("100%"));
        let p = parse_pg_uri("postgres://u:a%zzb@h/d").unwrap();
        assert_eq!(p.password.as_deref(), Some("a%zzb"));
    }

    #[test]
    fn non_utf8_rejected_without_echoing() {
        let e = parse_pg_uri("postgres://u:%ff%fe@h/d").unwrap_err();
        assert!(e.message.contains("password"), "{}", e.message);
        assert!(!e.message.contains("%ff"));
    }

    #[test]
    fn no_port_no_user_no_db() {
        let p = parse_pg_uri("postgres://localhost").unwrap();
        assert_eq!(p.host.as_deref(), Some("localhost"));
        assert_eq!(p.port, None);
        assert_eq!(p.user, None);
        assert_eq!(p.database, None);
        let p = parse_pg_uri("postgres://h:/").unwrap();
        assert_eq!(p.port, None);
        assert_eq!(p.database, None);
    }

    #[test]
    fn empty_user_and_password_are_none() {
        let p = parse_pg_uri("postgres://:@h/d").unwrap();
        assert_eq!(p.user, None);
        assert_eq!(p.password, None);
        let p = parse_pg_uri("postgres://u@h/d").unwrap();
        assert_eq!(p.user.as_deref(), Some("u"));
        assert_eq!(p.password, None);
    }

    #[test]
    fn ipv6_brackets_stripped() {
        let p = parse_pg_uri("postgres://u@[::1]:5433/d").unwrap();
        assert_eq!(p.host.as_deref(), Some("::1"));
        assert_eq!(p.port.as_deref(), Some("5433"));
        let p = parse_pg_uri("postgres://[fe80::1]/d").unwrap();
        assert_eq!(p.host.as_deref(), Some("fe80::1"));
        assert_eq!(p.port, None);
        assert!(parse_pg_uri("postgres://[::1/d").is_err());
        assert!(parse_pg_uri("postgres://[::1]x/d").is_err());
    }

    #[test]
    fn host_lowercased_socket_path_decoded() {
        let p = parse_pg_uri("POSTGRES://u@DB.Example.COM/d").unwrap();
        assert_eq!(p.scheme, "postgres");
        assert_eq!(p.host.as_deref(), Some("db.example.com"));
        let p = parse_pg_uri("postgres://u@%2Fvar%2Frun%2FPG/d").unwrap();
        assert_eq!(p.host.as_deref(), Some("/var/run/PG"));
    }

    #[test]
    fn unix_socket_query_host() {
        let p = parse_pg_uri("postgres://u:p@/db?host=/var/run/postgresql").unwrap();
        assert_eq!(p.host, None);
        assert_eq!(p.database.as_deref(), Some("db"));
        assert_eq!(p.query_value("host"), Some("/var/run/postgresql"));
        let p = parse_pg_uri("postgres:///db?host=%2Ftmp").unwrap();
        assert_eq!(p.host, None);
        assert_eq!(p.query_value("host"), Some("/tmp"));
    }

    #[test]
    fn query_decoding() {
        let p = parse_pg_uri(
            "postgres://h/d?options=-c%20search_path%3Dfoo&application_name=my+app&flag&a=1&a=2#frag",
        )
        .unwrap();
        assert_eq!(p.query_value("options"), Some("-c search_path=foo"));
        assert_eq!(p.query_value("application_name"), Some("my app"));
        assert_eq!(p.query_value("flag"), Some(""));
        assert_eq!(p.query_value("a"), Some("2"));
        assert_eq!(p.query_value("missing"), None);
        assert_eq!(p.query.len(), 5);
    }

    #[test]
    fn whitespace_trimmed() {
        let p = parse_pg_uri("  postgres://h/d \n").unwrap();
        assert_eq!(p.database.as_deref(), Some("d"));
    }

    #[test]
    fn bad_uris() {
        for bad in [
            "not a url",
            "",
            "://h/d",
            "postgres:h/d",
            "postgres://h:54x/d",
        ] {
            let e = parse_pg_uri(bad).unwrap_err();
            assert!(
                e.message.starts_with("Invalid connection URI: "),
                "{bad}: {}",
                e.message
            );
        }
        assert!(parse_pg_uri("postgres://u:secret@h:bad/d")
            .unwrap_err()
            .message
            .find("secret")
            .is_none());
    }

    #[test]
    fn scheme_detection() {
        assert_eq!(uri_scheme("mysqlx://h/d").as_deref(), Some("mysqlx"));
        assert_eq!(uri_scheme("PostgreSQL://h").as_deref(), Some("postgresql"));
        assert_eq!(
            uri_scheme("localhost:5432/db").as_deref(),
            Some("localhost")
        );
        assert_eq!(uri_scheme("not a url"), None);
        assert_eq!(uri_scheme("a b:c"), None);
        assert_eq!(uri_scheme(":x"), None);
    }
}
