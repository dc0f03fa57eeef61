//! Error kinds of the core. The binding turns a [`CoreError`] into the
//! Sequelize error class a user catches (see `lib/errors.js`); nothing here
//! knows about JavaScript.

use std::fmt;

/// What went wrong, at the granularity Sequelize's error classes need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// TCP connect refused (`ECONNREFUSED`) → `ConnectionRefusedError`.
    ConnectionRefused,
    /// Name resolution failed (`ENOTFOUND`) → `HostNotFoundError`.
    HostNotFound,
    /// `EHOSTUNREACH`/`ENETUNREACH` → `HostNotReachableError`.
    HostNotReachable,
    /// `EINVAL` and malformed connection parameters → `InvalidConnectionError`.
    InvalidConnection,
    /// Any other failure while connecting (TLS, authentication, timeout,
    /// server gone) and a connection lost mid-query → `ConnectionError`.
    Connection,
    /// The pool could not hand out a connection in time → `ConnectionAcquireTimeoutError`.
    AcquireTimeout,
    /// Used after `close()` → plain `Error` with Sequelize's message.
    Closed,
    /// The server rejected a statement → `DatabaseError` (or a subclass by SQLSTATE).
    Database,
    /// Bad arguments or options → plain `Error`/`TypeError` before any I/O.
    InvalidInput,
}

impl ErrorKind {
    /// Stable name the JS facade switches on.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::ConnectionRefused => "ConnectionRefused",
            ErrorKind::HostNotFound => "HostNotFound",
            ErrorKind::HostNotReachable => "HostNotReachable",
            ErrorKind::InvalidConnection => "InvalidConnection",
            ErrorKind::Connection => "Connection",
            ErrorKind::AcquireTimeout => "AcquireTimeout",
            ErrorKind::Closed => "Closed",
            ErrorKind::Database => "Database",
            ErrorKind::InvalidInput => "InvalidInput",
        }
    }
}

/// The fields of a server ErrorResponse, named as node-postgres names them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DbFields {
    pub severity: Option<String>,
    pub detail: Option<String>,
    pub hint: Option<String>,
    pub position: Option<String>,
    pub internal_position: Option<String>,
    pub internal_query: Option<String>,
    pub where_: Option<String>,
    pub schema: Option<String>,
    pub table: Option<String>,
    pub column: Option<String>,
    pub data_type: Option<String>,
    pub constraint: Option<String>,
    pub file: Option<String>,
    pub line: Option<String>,
    pub routine: Option<String>,
}

/// Network-level details Node puts on socket errors (`errno`, `syscall`, …).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetFields {
    pub errno: Option<i32>,
    pub syscall: Option<String>,
    pub address: Option<String>,
    pub port: Option<u16>,
    pub hostname: Option<String>,
}

/// An error of the core: a kind, a message as pg/Node would word it, and a
/// code (SQLSTATE for server errors, Node's code such as `ECONNREFUSED` or
/// `SELF_SIGNED_CERT_IN_CHAIN` otherwise).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoreError {
    pub kind: ErrorKind,
    pub message: String,
    pub code: Option<String>,
    pub db: Option<Box<DbFields>>,
    pub net: Option<Box<NetFields>>,
}

impl CoreError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        CoreError {
            kind,
            message: message.into(),
            code: None,
            db: None,
            net: None,
        }
    }

    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        CoreError::new(ErrorKind::InvalidInput, message)
    }

    pub fn connection(message: impl Into<String>) -> Self {
        CoreError::new(ErrorKind::Connection, message)
    }
}

impl fmt::Display for CoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CoreError {}

pub type CoreResult<T> = Result<T, CoreError>;
