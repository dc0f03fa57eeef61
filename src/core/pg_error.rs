//! The one place where tokio-postgres errors become [`CoreError`]s, worded
//! like node-postgres so Sequelize users see the messages they know.

use std::error::Error as StdError;

use tokio_postgres::error::DbError;

use crate::core::error::{CoreError, DbFields, ErrorKind};
use crate::core::tls::describe_tls_error;

/// Where the error happened: while connecting every failure is a connection
/// error; while running a statement only a lost connection is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Connect,
    Query,
}

/// SQLSTATEs that mean the session is gone (admin shutdown, crash, …).
pub fn is_connection_sqlstate(code: &str) -> bool {
    code.starts_with("08") || matches!(code, "57P01" | "57P02" | "57P03")
}

pub fn from_pg_error(e: &tokio_postgres::Error, phase: Phase) -> CoreError {
    if let Some(db) = e.as_db_error() {
        let code = db.code().code();
        let kind = if phase == Phase::Connect || is_connection_sqlstate(code) {
            ErrorKind::Connection
        } else {
            ErrorKind::Database
        };
        let mut err = CoreError::new(kind, db.message()).with_code(code);
        err.db = Some(Box::new(db_fields(db)));
        return err;
    }
    if let Some((code, message)) = describe_tls_error(e) {
        return CoreError::connection(message).with_code(code);
    }
    if e.is_closed() {
        return CoreError::connection("Connection terminated unexpectedly");
    }
    // Walk the source chain: tokio-postgres' Display is terse ("error connecting
    // to server", "authentication error"); the cause carries the reason.
    let mut message = e.to_string();
    let mut src: Option<&(dyn StdError + 'static)> = e.source();
    let mut io_kind = None;
    while let Some(s) = src {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            io_kind = Some(io.kind());
        }
        let text = s.to_string();
        if !text.is_empty() && !message.contains(&text) {
            message = format!("{message}: {text}");
        }
        src = s.source();
    }
    if let Some(kind) = io_kind {
        use std::io::ErrorKind as K;
        if matches!(
            kind,
            K::UnexpectedEof | K::ConnectionReset | K::BrokenPipe | K::ConnectionAborted
        ) {
            return CoreError::connection("Connection terminated unexpectedly");
        }
    }
    match phase {
        Phase::Connect => CoreError::connection(message),
        // Protocol/IO trouble mid-query leaves the connection unusable.
        Phase::Query => CoreError::connection(message),
    }
}

fn db_fields(db: &DbError) -> DbFields {
    DbFields {
        severity: Some(db.severity().to_string()),
        detail: db.detail().map(str::to_string),
        hint: db.hint().map(str::to_string),
        position: db.position().map(|p| match p {
            tokio_postgres::error::ErrorPosition::Original(n) => n.to_string(),
            tokio_postgres::error::ErrorPosition::Internal { position, .. } => position.to_string(),
        }),
        internal_position: None,
        internal_query: match db.position() {
            Some(tokio_postgres::error::ErrorPosition::Internal { query, .. }) => {
                Some(query.clone())
            }
            _ => None,
        },
        where_: db.where_().map(str::to_string),
        schema: db.schema().map(str::to_string),
        table: db.table().map(str::to_string),
        column: db.column().map(str::to_string),
        data_type: db.datatype().map(str::to_string),
        constraint: db.constraint().map(str::to_string),
        file: db.file().map(str::to_string),
        line: db.line().map(|l| l.to_string()),
        routine: db.routine().map(str::to_string),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connection_sqlstates() {
        assert!(is_connection_sqlstate("57P01"));
        assert!(is_connection_sqlstate("08006"));
        assert!(!is_connection_sqlstate("23505"));
        assert!(!is_connection_sqlstate("57014"));
    }
}
