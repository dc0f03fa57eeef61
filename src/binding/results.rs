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

fn result_object<'e>(env: &'e Env, set: ResultSet) -> Result<Object<'e>> {
    let mut o = Object::new(env)?;
    match &set.command {
        Some(c) => o.set("command", c.as_str())?,
        None => o.set("command", Null)?,
    }
    match set.row_count {
        Some(n) => o.set("rowCount", n as f64)?,
        None => o.set("rowCount", Null)?,
    }
    match set.oid {
        Some(n) => o.set("oid", n)?,
        None => o.set("oid", Null)?,
    }
    o.set("nrows", set.rows as u32)?;
    let mut fields = env.create_array(set.fields.len() as u32)?;
    for (i, f) in set.fields.iter().enumerate() {
        let mut fo = Object::new(env)?;
        fo.set("name", f.name.as_str())?;
        fo.set("tableID", f.table_oid)?;
        fo.set("columnID", f.column_id as i32)?;
        fo.set("dataTypeID", f.type_oid)?;
        fo.set("dataTypeSize", f.type_size as i32)?;
        fo.set("dataTypeModifier", f.type_modifier)?;
        fo.set("format", if f.format == 1 { "binary" } else { "text" })?;
        fields.set(i as u32, fo)?;
    }
    o.set("fields", fields)?;
    let mut cols = env.create_array(set.columns.len() as u32)?;
    for (i, c) in set.columns.into_iter().enumerate() {
        cols.set(i as u32, column_object(env, c)?)?;
    }
    o.set("cols", cols)?;
    Ok(o)
}

fn column_object<'e>(env: &'e Env, c: ColumnData) -> Result<Object<'e>> {
    let mut o = Object::new(env)?;
    match c {
        ColumnData::Number { values, nulls } => {
            o.set("k", "num")?;
            o.set("v", Float64Array::new(values))?;
            o.set("n", Uint8Array::new(nulls))?;
        }
        ColumnData::Bool { values } => {
            o.set("k", "bool")?;
            o.set("v", Uint8Array::new(values))?;
        }
        ColumnData::Text {
            text,
            offsets,
            nulls,
        } => {
            o.set("k", "text")?;
            text_parts(env, &mut o, text, offsets, nulls)?;
        }
        ColumnData::Json {
            text,
            offsets,
            nulls,
        } => {
            o.set("k", "json")?;
            text_parts(env, &mut o, text, offsets, nulls)?;
        }
        ColumnData::Timestamp { values, nulls, tz } => {
            o.set("k", if tz { "tstz" } else { "ts" })?;
            o.set("v", Float64Array::new(values))?;
            o.set("n", Uint8Array::new(nulls))?;
        }
        ColumnData::Bytes {
            data,
            offsets,
            nulls,
        } => {
            o.set("k", "bytes")?;
            o.set("b", Buffer::from(data))?;
            o.set("o", Uint32Array::new(offsets))?;
            o.set("n", Uint8Array::new(nulls))?;
        }
        ColumnData::Array {
            text,
            offsets,
            nulls,
            elem,
        } => {
            o.set("k", "array")?;
            o.set(
                "e",
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
    o: &mut Object,
    text: String,
    offsets: Vec<u32>,
    nulls: Vec<u8>,
) -> Result<()> {
    o.set("t", env.create_string(&text)?)?;
    o.set("o", Uint32Array::new(offsets))?;
    o.set("n", Uint8Array::new(nulls))?;
    Ok(())
}
