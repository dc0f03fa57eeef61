//! Query results → JavaScript, column-wise (one JS value per column, not per
//! cell): numbers as Float64Array, text as one string + UTF-16 offsets, NULL
//! masks as Uint8Array. `lib/rows.js` builds the row objects from these.

use napi::bindgen_prelude::*;

use crate::core::decode::{ArrayElem, ColumnData};
use crate::core::exec::ResultSet;

pub fn results_array<'e>(env: &'e Env, sets: Vec<ResultSet>) -> Result<Array<'e>> {
    let mut arr = env.create_array(sets.len() as u32)?;
    for (i, set) in sets.into_iter().enumerate() {
        arr.set(i as u32, result_object(env, set)?)?;
    }
    Ok(arr)
}

/// One result set as a positional array (indexed sets are cheaper than named
/// properties): `[command, rowCount, oid, nrows, fields, cols]`, where `fields`
/// is a flat array of 7 values per field (name, tableID, columnID, dataTypeID,
/// dataTypeSize, dataTypeModifier, format) — see `lib/rows.js`.
fn result_object<'e>(env: &'e Env, set: ResultSet) -> Result<Array<'e>> {
    let mut o = env.create_array(6)?;
    match &set.command {
        Some(c) => o.set(0, c.as_str())?,
        None => o.set(0, Null)?,
    }
    match set.row_count {
        Some(n) => o.set(1, n as f64)?,
        None => o.set(1, Null)?,
    }
    match set.oid {
        Some(n) => o.set(2, n)?,
        None => o.set(2, Null)?,
    }
    o.set(3, set.rows as u32)?;
    let mut fields = env.create_array((set.fields.len() * 7) as u32)?;
    for (i, f) in set.fields.iter().enumerate() {
        let b = (i * 7) as u32;
        fields.set(b, f.name.as_str())?;
        fields.set(b + 1, f.table_oid)?;
        fields.set(b + 2, f.column_id as i32)?;
        fields.set(b + 3, f.type_oid)?;
        fields.set(b + 4, f.type_size as i32)?;
        fields.set(b + 5, f.type_modifier)?;
        fields.set(b + 6, f.format == 1)?;
    }
    o.set(4, fields)?;
    let mut cols = env.create_array(set.columns.len() as u32)?;
    for (i, c) in set.columns.into_iter().enumerate() {
        cols.set(i as u32, column_object(env, c)?)?;
    }
    o.set(5, cols)?;
    Ok(o)
}

/// One column as a positional array `[kind, v, n, t, o, b, e]` (see `lib/rows.js`):
/// `v` values (Float64Array / Uint8Array), `n` NULL mask, `t` text + `o` UTF-16
/// offsets, `b` bytes, `e` array element kind.
fn column_object<'e>(env: &'e Env, c: ColumnData) -> Result<Array<'e>> {
    let mut o = env.create_array(7)?;
    match c {
        ColumnData::Number { values, nulls } => {
            o.set(0, "num")?;
            o.set(1, Float64Array::new(values))?;
            o.set(2, Uint8Array::new(nulls))?;
        }
        ColumnData::Bool { values } => {
            o.set(0, "bool")?;
            o.set(1, Uint8Array::new(values))?;
        }
        ColumnData::Text {
            text,
            offsets,
            nulls,
        } => {
            o.set(0, "text")?;
            text_parts(env, &mut o, text, offsets, nulls)?;
        }
        ColumnData::Json {
            text,
            offsets,
            nulls,
        } => {
            o.set(0, "json")?;
            text_parts(env, &mut o, text, offsets, nulls)?;
        }
        ColumnData::Timestamp { values, nulls, tz } => {
            o.set(0, if tz { "tstz" } else { "ts" })?;
            o.set(1, Float64Array::new(values))?;
            o.set(2, Uint8Array::new(nulls))?;
        }
        ColumnData::Bytes {
            data,
            offsets,
            nulls,
        } => {
            o.set(0, "bytes")?;
            o.set(5, Buffer::from(data))?;
            o.set(4, Uint32Array::new(offsets))?;
            o.set(2, Uint8Array::new(nulls))?;
        }
        ColumnData::Array {
            text,
            offsets,
            nulls,
            elem,
        } => {
            o.set(0, "array")?;
            o.set(
                6,
                match elem {
                    ArrayElem::Plain => "plain",
                    ArrayElem::Timestamp { tz: true } => "tstz",
                    ArrayElem::Timestamp { tz: false } => "ts",
                    ArrayElem::Bytes => "bytes",
                },
            )?;
            text_parts(env, &mut o, text, offsets, nulls)?;
        }
    }
    Ok(o)
}

fn text_parts(
    env: &Env,
    o: &mut Array,
    text: String,
    offsets: Vec<u32>,
    nulls: Vec<u8>,
) -> Result<()> {
    o.set(3, env.create_string(&text)?)?;
    o.set(4, Uint32Array::new(offsets))?;
    o.set(2, Uint8Array::new(nulls))?;
    Ok(())
}
