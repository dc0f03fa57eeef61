//! sequelize-rs: a Rust core behind a Sequelize v6-shaped JavaScript facade.
//!
//! - [`core`]: pure Rust (no napi): configuration, TLS, pool, execution,
//!   decoding, escaping, errors. Unit-tested with `cargo test`.
//! - [`binding`]: the only napi code: argument conversion, promises, row transfer.
#![deny(clippy::all)]

pub mod binding;
pub mod core;

/// mimalloc for the addon's own allocations: result decoding and statement
/// building allocate many small buffers (measured with `perf`: glibc malloc/free
/// dominated a 10,000-row bulkCreate).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
