//! Values that cross from JavaScript into SQL: replacements, bind parameters
//! and (later) model attribute values. The binding converts JS values into
//! [`SqlValue`]; escaping and bind preparation consume them.

/// A JavaScript value on its way to SQL.
#[derive(Debug, Clone, PartialEq)]
pub enum SqlValue {
    /// `null` or `undefined`.
    Null,
    Bool(bool),
    /// A JS number (integers included; formatting follows JS `String(n)`).
    Number(f64),
    /// A JS `bigint`, as its decimal digits (with a leading `-` if negative).
    BigInt(String),
    Text(String),
    /// A JS `Date`: milliseconds since the epoch (NaN for an invalid date) and
    /// the UTC offset, in minutes, to format it in (the `timezone` option).
    Date {
        ms: f64,
        offset_minutes: i32,
    },
    /// A Node `Buffer` / typed array.
    Bytes(Vec<u8>),
    Array(Vec<SqlValue>),
    /// A plain object, already `JSON.stringify`-ed by the binding.
    Json(String),
    /// SQL text to inline verbatim (`Sequelize.literal`, rendered `fn`/`col`).
    Raw(String),
}

/// How a parameter travels to the server (pg's `prepareValue` result).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BindParam {
    Null,
    /// Text format; the server infers the type.
    Text(String),
    /// A JS number, sent as text (kept apart so logs and `.parameters` show a number).
    Number(String),
    /// A JS boolean, sent as `true`/`false`.
    Bool(bool),
    /// Binary format (Buffers → bytea).
    Binary(Vec<u8>),
    /// A one-dimensional array in binary format (`bulkCreate`'s unnest
    /// columns); logs and `.parameters` show it as its text literal
    /// ([`crate::core::bind::binary_array_literal`]).
    BinaryArray(Vec<u8>),
}

use crate::core::error::{CoreError, CoreResult};

/// Decodes the tagged JSON the facade sends values in (`lib/values.js`):
/// plain JSON for null/bool/number/string/array, and one-key objects for the
/// rest: `{"$d": ms, "o": offsetMinutes}` Date, `{"$b": base64}` Buffer,
/// `{"$n": "123"}` bigint, `{"$f": "NaN"}` non-finite number, `{"$j": "…"}`
/// object as JSON text, `{"$r": "sql"}` raw SQL.
pub fn from_tagged_json(v: &serde_json::Value) -> CoreResult<SqlValue> {
    use serde_json::Value as J;
    Ok(match v {
        J::Null => SqlValue::Null,
        J::Bool(b) => SqlValue::Bool(*b),
        J::Number(n) => SqlValue::Number(n.as_f64().unwrap_or(f64::NAN)),
        J::String(s) => SqlValue::Text(s.clone()),
        J::Array(items) => SqlValue::Array(
            items
                .iter()
                .map(from_tagged_json)
                .collect::<CoreResult<_>>()?,
        ),
        J::Object(map) => {
            let str_of = |k: &str| map.get(k).and_then(|x| x.as_str());
            if let Some(ms) = map.get("$d") {
                let ms = ms.as_f64().unwrap_or(f64::NAN);
                let offset = map.get("o").and_then(|o| o.as_i64()).unwrap_or(0);
                SqlValue::Date {
                    ms,
                    offset_minutes: i32::try_from(offset).unwrap_or(0),
                }
            } else if let Some(b) = str_of("$b") {
                SqlValue::Bytes(
                    decode_base64(b).ok_or_else(|| CoreError::invalid("invalid Buffer value"))?,
                )
            } else if let Some(n) = str_of("$n") {
                SqlValue::BigInt(n.to_string())
            } else if let Some(f) = str_of("$f") {
                SqlValue::Number(match f {
                    "Infinity" => f64::INFINITY,
                    "-Infinity" => f64::NEG_INFINITY,
                    _ => f64::NAN,
                })
            } else if let Some(j) = str_of("$j") {
                SqlValue::Json(j.to_string())
            } else if let Some(r) = str_of("$r") {
                SqlValue::Raw(r.to_string())
            } else {
                return Err(CoreError::invalid("unsupported value"));
            }
        }
    })
}

fn decode_base64(s: &str) -> Option<Vec<u8>> {
    fn val(c: u8) -> Option<u32> {
        match c {
            b'A'..=b'Z' => Some((c - b'A') as u32),
            b'a'..=b'z' => Some((c - b'a' + 26) as u32),
            b'0'..=b'9' => Some((c - b'0' + 52) as u32),
            b'+' | b'-' => Some(62),
            b'/' | b'_' => Some(63),
            _ => None,
        }
    }
    let bytes: Vec<u8> = s.bytes().filter(|c| *c != b'=').collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut acc = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            acc |= val(*c)? << (18 - 6 * i as u32);
        }
        let n = match chunk.len() {
            4 => 3,
            3 => 2,
            2 => 1,
            _ => return None,
        };
        for i in 0..n {
            out.push((acc >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tagged_values_decode() {
        assert_eq!(from_tagged_json(&json!(null)).ok(), Some(SqlValue::Null));
        assert_eq!(
            from_tagged_json(&json!(1.5)).ok(),
            Some(SqlValue::Number(1.5))
        );
        assert_eq!(
            from_tagged_json(&json!({"$d": 0, "o": 330})).ok(),
            Some(SqlValue::Date {
                ms: 0.0,
                offset_minutes: 330
            })
        );
        assert_eq!(
            from_tagged_json(&json!({"$b": "aGk="})).ok(),
            Some(SqlValue::Bytes(b"hi".to_vec()))
        );
        assert_eq!(
            from_tagged_json(&json!({"$b": "aGVsbG8"})).ok(),
            Some(SqlValue::Bytes(b"hello".to_vec()))
        );
        assert_eq!(
            from_tagged_json(&json!({"$n": "12"})).ok(),
            Some(SqlValue::BigInt("12".into()))
        );
        assert!(from_tagged_json(&json!({"x": 1})).is_err());
        assert!(from_tagged_json(&json!({"$b": "%%%"})).is_err());
    }
}
