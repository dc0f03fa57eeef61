//! STUB
use crate::core::error::{CoreError, CoreResult};
use crate::core::value::SqlValue;
pub enum Replacements { Positional(Vec<SqlValue>), Named(Vec<(String, SqlValue)>) }
pub fn inject_replacements(_sql: &str, _r: &Replacements) -> CoreResult<String> { Err(CoreError::invalid("stub")) }
