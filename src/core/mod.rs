//! The pure-Rust core: no napi imports here.

pub mod bind;
pub mod config;
pub mod conn;
pub mod decode;
pub mod error;
pub mod error_class;
pub mod escape;
pub mod exec;
pub mod json_flat;
pub mod json_list;
pub mod jsstr;
pub mod model;
pub mod pg_error;
pub mod pool;
pub mod replacements;
pub mod rt;
pub mod sql;
pub mod tls;
pub mod uri;
pub mod value;
