//! Which Sequelize error class a [`CoreError`] becomes, and the details
//! Sequelize extracts from the server's message (postgres `formatError`).

use crate::core::error::{CoreError, ErrorKind};

/// The class name (as exported by the facade) plus extracted details.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Classified {
    pub class: &'static str,
    /// Override for the error's `message` (Sequelize's wording), if any.
    pub message: Option<String>,
    /// `Key (a, b)=(1, 2)` pairs for unique/exclusion violations.
    pub fields: Vec<(String, String)>,
    pub index: Option<String>,
    pub table: Option<String>,
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let i = s.find(start)? + start.len();
    let j = s[i..].find(end)? + i;
    Some(&s[i..j])
}

/// `Key (email)=(a@x.com) already exists.` → [("email", "a@x.com")].
pub fn key_fields(detail: &str) -> Vec<(String, String)> {
    let d = detail.replace('"', "");
    let Some(keys) = between(&d, "Key (", ")=(") else {
        return Vec::new();
    };
    let rest_start = d.find(")=(").map(|i| i + 3).unwrap_or(d.len());
    let rest = &d[rest_start..];
    let values = match rest.find(')') {
        Some(j) => &rest[..j],
        None => return Vec::new(),
    };
    keys.split(", ")
        .zip(values.split(", "))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

pub fn classify(e: &CoreError, sql: &str) -> Classified {
    let class = match e.kind {
        ErrorKind::ConnectionRefused => "ConnectionRefusedError",
        ErrorKind::HostNotFound => "HostNotFoundError",
        ErrorKind::HostNotReachable => "HostNotReachableError",
        ErrorKind::InvalidConnection => "InvalidConnectionError",
        ErrorKind::Connection => "ConnectionError",
        ErrorKind::AcquireTimeout => "ConnectionAcquireTimeoutError",
        ErrorKind::Closed | ErrorKind::InvalidInput => "Error",
        ErrorKind::Database => "DatabaseError",
    };
    let mut out = Classified {
        class,
        ..Classified::default()
    };
    if e.kind != ErrorKind::Database {
        return out;
    }
    let detail =
        e.db.as_ref()
            .and_then(|d| d.detail.clone())
            .unwrap_or_default();
    match e.code.as_deref() {
        Some("23503") => {
            out.class = "ForeignKeyConstraintError";
            out.index =
                between(&e.message, "violates foreign key constraint \"", "\"").map(str::to_string);
            out.table = between(&e.message, "on table \"", "\"").map(str::to_string);
        }
        Some("23505") => {
            out.class = "UniqueConstraintError";
            out.fields = key_fields(&detail);
            if !out.fields.is_empty() {
                out.message = Some("Validation error".into());
            }
        }
        Some("23P01") => {
            out.class = "ExclusionConstraintError";
            out.fields = key_fields(&detail);
            out.message = Some("Exclusion constraint error".into());
            out.table = e.db.as_ref().and_then(|d| d.table.clone());
        }
        Some("42704") => {
            let upper = sql.to_ascii_uppercase();
            if upper.contains("CONSTRAINT") || upper.contains("INDEX") {
                out.class = "UnknownConstraintError";
                out.message = Some("Unknown constraint error".into());
                let lower = e.message.to_ascii_lowercase();
                out.index = ["constraint \"", "index \""]
                    .iter()
                    .find_map(|p| lower.find(p).map(|i| i + p.len()))
                    .and_then(|i| {
                        e.message[i..]
                            .find('"')
                            .map(|j| e.message[i..i + j].to_string())
                    });
                out.table = between(&e.message, "relation \"", "\"").map(str::to_string);
            }
        }
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::error::DbFields;

    fn db(code: &str, message: &str, detail: Option<&str>) -> CoreError {
        let mut e = CoreError::new(ErrorKind::Database, message).with_code(code);
        e.db = Some(Box::new(DbFields {
            detail: detail.map(str::to_string),
            ..DbFields::default()
        }));
        e
    }

    #[test]
    fn unique_violation_fields() {
        let e = db(
            "23505",
            "duplicate key",
            Some("Key (email)=(a@x.com) already exists."),
        );
        let c = classify(&e, "INSERT");
        assert_eq!(c.class, "UniqueConstraintError");
        assert_eq!(c.fields, vec![("email".to_string(), "a@x.com".to_string())]);
        assert_eq!(c.message.as_deref(), Some("Validation error"));
        let two = key_fields("Key (\"a\", b)=(1, 2) already exists.");
        assert_eq!(two.len(), 2);
    }

    #[test]
    fn foreign_key_violation() {
        let e = db(
            "23503",
            "insert or update on table \"Posts\" violates foreign key constraint \"Posts_AuthorId_fkey\"",
            None,
        );
        let c = classify(&e, "");
        assert_eq!(c.class, "ForeignKeyConstraintError");
        assert_eq!(c.index.as_deref(), Some("Posts_AuthorId_fkey"));
        assert_eq!(c.table.as_deref(), Some("Posts"));
    }

    #[test]
    fn other_classes() {
        assert_eq!(
            classify(&db("42601", "syntax", None), "").class,
            "DatabaseError"
        );
        let unknown = db(
            "42704",
            "constraint \"x\" of relation \"t\" does not exist",
            None,
        );
        let c = classify(&unknown, "ALTER TABLE t DROP CONSTRAINT x");
        assert_eq!(c.class, "UnknownConstraintError");
        assert_eq!(c.index.as_deref(), Some("x"));
        assert_eq!(
            classify(&CoreError::connection("x"), "").class,
            "ConnectionError"
        );
    }
}
