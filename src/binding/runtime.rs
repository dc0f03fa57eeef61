//! The tokio runtime the addon's futures run on.
//!
//! One worker thread: every connection task, pool task and query future runs on
//! the same thread, so a query costs one hop from the JS thread and one back,
//! not extra cross-thread wake-ups between the query future and the
//! connection's I/O task (measured: see benchmarks/README.md).

use napi::bindgen_prelude::create_custom_tokio_runtime;

#[napi_derive::module_init]
fn init() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("sequelize-rs")
        .enable_all()
        .build();
    if let Ok(rt) = rt {
        create_custom_tokio_runtime(rt);
    }
}
