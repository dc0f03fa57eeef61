//! `bulkCreate`'s rows from JavaScript as typed columns (see
//! `core::sql::columns`): numbers, booleans and Dates arrive as
//! `Float64Array`s, strings as one joined string plus an `Int32Array` of
//! lengths — a few napi calls per column instead of a JSON text per row.

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::core::error::{CoreError, CoreResult};
use crate::core::sql::{ColumnValues, ColumnarRows, TextColumn};

/// One inserted key's values (`lib/model/bulk-columns.js` builds these).
/// `kind`: `n` numbers / `b` booleans (`num`, NaN = NULL), `d` Dates (`num`:
/// epoch ms, NaN = NULL; `offsets`: minutes, one or one per row), `s`
/// strings / `j` JSON texts (`text` joined, `lens` in UTF-16 units, -1 =
/// NULL), `v` tagged JSON values (`values`: a JSON array text).
#[napi(object, object_to_js = false)]
pub struct BulkColumn {
    pub key: String,
    pub kind: String,
    pub num: Option<Float64Array>,
    pub offsets: Option<Int32Array>,
    pub text: Option<Utf16String>,
    pub lens: Option<Int32Array>,
    pub values: Option<String>,
}

fn missing(key: &str, what: &str) -> CoreError {
    CoreError::invalid(format!("bulk column {key}: {what} missing"))
}

/// The core's rows for the columns (`len` rows).
pub(crate) fn columnar_rows(len: u32, columns: Vec<BulkColumn>) -> CoreResult<ColumnarRows> {
    let mut keys = Vec::with_capacity(columns.len());
    let mut data = Vec::with_capacity(columns.len());
    for c in columns {
        let num = || {
            c.num
                .as_deref()
                .map(<[f64]>::to_vec)
                .ok_or_else(|| missing(&c.key, "num"))
        };
        let text = || -> CoreResult<TextColumn> {
            let units = c.text.as_deref().ok_or_else(|| missing(&c.key, "text"))?;
            let lens = c.lens.as_deref().ok_or_else(|| missing(&c.key, "lens"))?;
            TextColumn::from_utf16(units, lens)
        };
        let values = match c.kind.as_str() {
            "n" => ColumnValues::Numbers(num()?),
            "b" => ColumnValues::Bools(num()?),
            "d" => ColumnValues::Dates {
                ms: num()?,
                offsets: c
                    .offsets
                    .as_deref()
                    .map(<[i32]>::to_vec)
                    .ok_or_else(|| missing(&c.key, "offsets"))?,
            },
            "s" => ColumnValues::Texts(text()?),
            "j" => ColumnValues::JsonTexts(text()?),
            "v" => {
                let json = c
                    .values
                    .as_deref()
                    .ok_or_else(|| missing(&c.key, "values"))?;
                match serde_json::from_str(json) {
                    Ok(serde_json::Value::Array(v)) => ColumnValues::Values(v),
                    _ => {
                        return Err(CoreError::invalid(format!(
                            "bulk column {}: invalid values",
                            c.key
                        )))
                    }
                }
            }
            other => {
                return Err(CoreError::invalid(format!(
                    "bulk column {}: unknown kind {other:?}",
                    c.key
                )))
            }
        };
        keys.push(c.key);
        data.push(values);
    }
    ColumnarRows::new(len as usize, keys, data)
}
