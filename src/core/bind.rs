//! STUB
use crate::core::error::{CoreError, CoreResult};
use crate::core::value::{BindParam, SqlValue};
pub enum Bind { Positional(Vec<SqlValue>), Named(Vec<(String, SqlValue)>) }
pub fn prepare_bind(_sql: &str, _b: &Bind) -> CoreResult<(String, Vec<BindParam>)> { Err(CoreError::invalid("stub")) }
