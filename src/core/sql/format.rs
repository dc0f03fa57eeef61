//! Values → SQL for a column type, as Sequelize 6.37.8 does on postgres:
//! `QueryGenerator.escape(value, field)` (inlined literal: the type's
//! `stringify`, then `SqlString.escape` unless the type escapes itself) and
//! `QueryGenerator.format(value, field)` (bind parameter: the type's
//! `bindParam`, then pg's `prepareValue`).
//!
//! | type | inlined | bound |
//! |---|---|---|
//! | FLOAT/REAL/DOUBLE | `'1.5'`, `'NaN'`, `'Infinity'` (always quoted) | the number / `NaN` |
//! | INTEGER/BIGINT/SMALLINT/DECIMAL | numbers bare, anything else `String(v)` quoted | same text |
//! | DATE | `'YYYY-MM-DD HH:mm:ss.SSS ±HH:MM'` | same text |
//! | DATEONLY | `'YYYY-MM-DD'` | same text |
//! | JSON/JSONB | `JSON.stringify(v)` quoted | JSON text |
//! | BLOB | `E'\\x…'` | binary |
//! | ARRAY(T) | `ARRAY[…]::T[]` (ENUM: `::"enum_<table>_<col>"[]`) | pg array literal `{…}` |
//! | RANGE(T) | `'[1,5)'` (a single value: `'5'::int4`) | `[1,5)` (`$1::int4`) |
//! | HSTORE | `'"a"=>"1"'` (pg-hstore, sanitized) | same text |
//! | others | `SqlString.escape` | the value (pg `prepareValue`) |

use serde_json::{Map, Value};

use super::expr::{
    classify, inspect, iso_string, js_json_stringify, js_string, parse_json_text, render, Node, Val,
};
use super::{qi, Gen, TzSpec};
use crate::core::bind::to_bind_param;
use crate::core::error::{CoreError, CoreResult};
use crate::core::escape::{date_parts, escape, format_date, js_number_to_string, quote_string};
use crate::core::model::def::{AttributeDef, ModelDef, TypeDesc};
use crate::core::value::{from_tagged_json, BindParam, SqlValue};

/// A column's type and name (the name is needed for ENUM array casts).
#[derive(Debug, Clone, Copy)]
pub(crate) struct ColType<'a> {
    pub ty: &'a TypeDesc,
    pub field: &'a str,
}

impl<'a> ColType<'a> {
    /// The type and column of an attribute (its `field`, else its name).
    pub(crate) fn of(a: Option<&'a AttributeDef>) -> Option<ColType<'a>> {
        a.map(|a| ColType {
            ty: &a.ty,
            field: if a.field.is_empty() {
                &a.name
            } else {
                &a.field
            },
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TKind {
    Float,
    Number,
    Date,
    DateOnly,
    Json,
    Blob,
    Array,
    Range,
    Hstore,
    Enum,
    Geometry,
    Plain,
}

pub(crate) fn tkind(ty: &TypeDesc) -> TKind {
    match ty.key.as_str() {
        "FLOAT" | "REAL" | "DOUBLE PRECISION" | "DOUBLE" => TKind::Float,
        "INTEGER" | "BIGINT" | "SMALLINT" | "TINYINT" | "MEDIUMINT" | "DECIMAL" | "NUMERIC"
        | "NUMBER" => TKind::Number,
        "DATE" => TKind::Date,
        "DATEONLY" => TKind::DateOnly,
        "JSON" | "JSONB" => TKind::Json,
        "BLOB" => TKind::Blob,
        "ARRAY" => TKind::Array,
        "RANGE" => TKind::Range,
        "HSTORE" => TKind::Hstore,
        "ENUM" => TKind::Enum,
        "GEOMETRY" | "GEOGRAPHY" => TKind::Geometry,
        _ => TKind::Plain,
    }
}

/// The literal Sequelize inlines for `value` in the column of `attribute`
/// (`QueryGenerator.escape(value, field)`); an unknown attribute escapes the
/// value without type.
pub fn column_literal(
    model: &ModelDef,
    attribute: &str,
    value: &Value,
    tz: &TzSpec,
) -> CoreResult<String> {
    let mut g = Gen::new(Some(model), *tz);
    let col = ColType::of(model.attribute(attribute));
    escape_typed(value, col, &mut g)
}

/// The bind parameter Sequelize sends for `value` in the column of
/// `attribute` (`QueryGenerator.format`, then pg's `prepareValue`). (A single
/// non-array RANGE value is also cast, `$1::int4`, in the statement text;
/// use the statement builders for that.)
pub fn column_param(
    model: &ModelDef,
    attribute: &str,
    value: &Value,
    tz: &TzSpec,
) -> CoreResult<BindParam> {
    let mut g = Gen::new(Some(model), *tz);
    let col = ColType::of(model.attribute(attribute));
    bind_typed(value, col, &mut g)?;
    g.binds
        .pop()
        .ok_or_else(|| CoreError::invalid("no bind parameter produced"))
}

/// `SqlString.escape(value)` (no column type). Nodes are rendered.
pub(crate) fn sql_escape(v: &Value, g: &mut Gen<'_>) -> CoreResult<String> {
    match classify(v) {
        Val::Node(n) => render(n, g, None),
        Val::Arr(items) => {
            let mut out = String::from("ARRAY[");
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&sql_escape(x, g)?);
            }
            out.push(']');
            Ok(out)
        }
        Val::JsonText(t) => Err(invalid_value(&parse_json_text(t)?)),
        Val::Obj(_) => Err(invalid_value(v)),
        _ => escape(&from_tagged_json(v)?),
    }
}

/// Sequelize's error for a plain object where a value is expected.
pub(crate) fn invalid_value(v: &Value) -> CoreError {
    CoreError::invalid(format!("Invalid value {}", inspect(v)))
}

/// `QueryGenerator.escape(value, field)`: an inlined literal.
pub(crate) fn escape_typed(
    v: &Value,
    col: Option<ColType<'_>>,
    g: &mut Gen<'_>,
) -> CoreResult<String> {
    let cv = classify(v);
    match cv {
        Val::Null => return Ok("NULL".into()),
        Val::Node(n) => return render(n, g, g.model),
        _ => {}
    }
    let Some(col) = col else {
        return sql_escape(v, g);
    };
    match tkind(col.ty) {
        TKind::Float => Ok(quote_string(&float_text(v)?)),
        TKind::Number => match cv {
            Val::Num(_) | Val::BigInt(_) | Val::Bool(_) => sql_escape(v, g),
            _ => Ok(quote_string(&js_string(v)?)),
        },
        TKind::Date => match date_text(v, g.tz)? {
            Some(s) => Ok(quote_string(&s)),
            None => sql_escape(v, g),
        },
        TKind::DateOnly => match dateonly_text(v, g.tz)? {
            Some(s) => Ok(quote_string(&s)),
            None => sql_escape(v, g),
        },
        TKind::Json => Ok(quote_string(&js_json_stringify(v)?)),
        TKind::Blob => Ok(blob_literal(&blob_bytes(v)?)),
        TKind::Array => array_literal(v, col, g),
        TKind::Range => match range_value(v, col.ty, g)? {
            RangeText::Whole(s) => Ok(quote_string(&s)),
            RangeText::Single(s, cast) => Ok(format!("{}::{}", quote_string(&s), cast)),
        },
        TKind::Hstore => Ok(format!("'{}'", hstore_text(v)?)),
        TKind::Geometry => Err(CoreError::invalid(
            "GEOMETRY/GEOGRAPHY values are not supported",
        )),
        TKind::Enum | TKind::Plain => sql_escape(v, g),
    }
}

/// `QueryGenerator.format(value, field, bindParam)`: pushes a bind
/// parameter and returns its placeholder (`$3`, or `$3::int4` for a single
/// RANGE value).
pub(crate) fn bind_typed(
    v: &Value,
    col: Option<ColType<'_>>,
    g: &mut Gen<'_>,
) -> CoreResult<String> {
    let cv = classify(v);
    match cv {
        Val::Null => return Ok(g.push_bind(BindParam::Null)),
        Val::Node(_) => {
            return Err(CoreError::invalid(
                "Cannot pass SequelizeMethod as a bind parameter - use escape instead",
            ))
        }
        _ => {}
    }
    let Some(col) = col else {
        let p = raw_param(v)?;
        return Ok(g.push_bind(p));
    };
    let text = |s: String| BindParam::Text(s.replace('\0', "\\0"));
    let p = match tkind(col.ty) {
        TKind::Float => match float_special(v)? {
            Some(s) => BindParam::Text(s.to_string()),
            None => raw_param(v)?,
        },
        TKind::Number => match cv {
            Val::Num(_) | Val::BigInt(_) | Val::Bool(_) | Val::Str(_) => raw_param(v)?,
            _ => text(js_string(v)?),
        },
        TKind::Date => match date_text(v, g.tz)? {
            Some(s) => text(s),
            None => raw_param(v)?,
        },
        TKind::DateOnly => match dateonly_text(v, g.tz)? {
            Some(s) => text(s),
            None => raw_param(v)?,
        },
        TKind::Json => text(js_json_stringify(v)?),
        TKind::Blob => BindParam::Binary(blob_bytes(v)?),
        TKind::Array => to_bind_param(&SqlValue::Array(array_bind_values(v, col, g)?))?,
        TKind::Range => match range_value(v, col.ty, g)? {
            RangeText::Whole(s) => text(s),
            RangeText::Single(s, cast) => {
                let ph = g.push_bind(text(s));
                return Ok(format!("{ph}::{cast}"));
            }
        },
        TKind::Hstore => text(hstore_text(v)?),
        TKind::Geometry => {
            return Err(CoreError::invalid(
                "GEOMETRY/GEOGRAPHY values are not supported",
            ))
        }
        TKind::Enum | TKind::Plain => raw_param(v)?,
    };
    Ok(g.push_bind(p))
}

/// A value as pg's `prepareValue` sends it (no column type).
fn raw_param(v: &Value) -> CoreResult<BindParam> {
    to_bind_param(&to_sql_value(v)?)
}

/// Tagged JSON → [`SqlValue`], with plain objects as JSON text (what pg does
/// with an object parameter).
pub(crate) fn to_sql_value(v: &Value) -> CoreResult<SqlValue> {
    Ok(match classify(v) {
        Val::Obj(_) => SqlValue::Json(js_json_stringify(v)?),
        Val::Arr(items) => {
            SqlValue::Array(items.iter().map(to_sql_value).collect::<CoreResult<_>>()?)
        }
        Val::Node(Node::Literal(s)) => SqlValue::Raw(s.to_string()),
        Val::Node(_) => {
            return Err(CoreError::invalid(
                "Cannot pass SequelizeMethod as a bind parameter - use escape instead",
            ))
        }
        _ => from_tagged_json(v)?,
    })
}

// ---------------------------------------------------------------- numbers

/// `Number(v)` for the FLOAT checks.
fn js_number(v: &Value) -> CoreResult<f64> {
    Ok(match classify(v) {
        Val::Null => 0.0,
        Val::Bool(b) => f64::from(u8::from(b)),
        Val::Num(n) => n,
        Val::Str(s) => js_string_to_number(s),
        Val::Date(ms, _) => {
            if ms.is_finite() && ms.abs() <= 8.64e15 {
                ms.trunc()
            } else {
                f64::NAN
            }
        }
        Val::BigInt(_) => {
            return Err(CoreError::invalid(
                "Cannot convert a BigInt value to a number",
            ))
        }
        Val::Arr(_) | Val::Bytes => js_string_to_number(&js_string(v)?),
        Val::JsonText(_) | Val::Obj(_) | Val::Node(_) => f64::NAN,
    })
}

/// JavaScript's `StringToNumber`.
pub(crate) fn js_string_to_number(s: &str) -> f64 {
    let t = s.trim_matches(super::expr::is_js_space);
    if t.is_empty() {
        return 0.0;
    }
    for (prefix, radix) in [
        ("0x", 16),
        ("0X", 16),
        ("0o", 8),
        ("0O", 8),
        ("0b", 2),
        ("0B", 2),
    ] {
        if let Some(digits) = t.strip_prefix(prefix) {
            if digits.is_empty() {
                return f64::NAN;
            }
            let mut acc = 0f64;
            for c in digits.chars() {
                match c.to_digit(radix) {
                    Some(d) => acc = acc * f64::from(radix) + f64::from(d),
                    None => return f64::NAN,
                }
            }
            return acc;
        }
    }
    let (sign, body) = match t.strip_prefix('-') {
        Some(b) => (-1.0, b),
        None => (1.0, t.strip_prefix('+').unwrap_or(t)),
    };
    if body == "Infinity" {
        return sign * f64::INFINITY;
    }
    // StrDecimalLiteral: digits [. digits] [e[+-]digits] | . digits [...]
    let bytes = body.as_bytes();
    let mut i = 0;
    let mut int_digits = 0;
    while bytes.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
        int_digits += 1;
    }
    let mut frac_digits = 0;
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
            frac_digits += 1;
        }
    }
    if int_digits + frac_digits == 0 {
        return f64::NAN;
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let start = i;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return f64::NAN;
        }
    }
    if i != bytes.len() {
        return f64::NAN;
    }
    body.parse::<f64>().map(|n| sign * n).unwrap_or(f64::NAN)
}

/// FLOAT `_value`: `NaN`, `Infinity`, `-Infinity` for non-numbers, else None
/// (the value itself is used).
fn float_special(v: &Value) -> CoreResult<Option<&'static str>> {
    let n = js_number(v)?;
    Ok(if n.is_nan() {
        Some("NaN")
    } else if n.is_infinite() {
        Some(if n < 0.0 { "-Infinity" } else { "Infinity" })
    } else {
        None
    })
}

/// FLOAT `_stringify` without its quotes.
fn float_text(v: &Value) -> CoreResult<String> {
    match float_special(v)? {
        Some(s) => Ok(s.to_string()),
        None => js_string(v),
    }
}

// ---------------------------------------------------------------- dates

/// DATE `_stringify` (None: the value is not a date-like value; escape it as is).
pub(crate) fn date_text(v: &Value, tz: TzSpec) -> CoreResult<Option<String>> {
    let fmt = |ms: f64, off: i32| format_date(ms, off).unwrap_or_else(|_| "Invalid date".into());
    // A Date keeps its own offset; numbers and parsed strings use the `timezone` option.
    Ok(temporal_text(v, tz, |ms, own| {
        fmt(ms, own.unwrap_or(tz.offset_minutes))
    }))
}

/// DATEONLY `_stringify`: `YYYY-MM-DD`.
pub(crate) fn dateonly_text(v: &Value, tz: TzSpec) -> CoreResult<Option<String>> {
    // moment(date).format('YYYY-MM-DD'): always the process's local date.
    Ok(temporal_text(v, tz, |ms, _| {
        match date_parts(ms, tz.local_offset_minutes) {
            Ok(p) => format!("{}-{:02}-{:02}", year4(p.year), p.month, p.day),
            Err(_) => "Invalid date".into(),
        }
    }))
}

/// What DATE and DATEONLY share: which values are instants (`render(ms, the Date's own
/// offset)`), which pass through, and which are `'Invalid date'`.
fn temporal_text(
    v: &Value,
    tz: TzSpec,
    render: impl Fn(f64, Option<i32>) -> String,
) -> Option<String> {
    match classify(v) {
        Val::Date(ms, off) => Some(render(ms, Some(off))),
        Val::Num(n) if n.is_infinite() => {
            Some(if n > 0.0 { "Infinity" } else { "-Infinity" }.into())
        }
        Val::Num(n) => Some(render(n, None)),
        Val::Str(s) => Some(match parse_iso_date(s, tz.local_offset_minutes) {
            Some(ms) => render(ms, None),
            None => s.to_string(),
        }),
        Val::Bool(_)
        | Val::BigInt(_)
        | Val::Arr(_)
        | Val::Obj(_)
        | Val::JsonText(_)
        | Val::Bytes => Some("Invalid date".into()),
        Val::Null | Val::Node(_) => None,
    }
}

fn year4(y: i64) -> String {
    if y < 0 {
        format!("-{:04}", y.unsigned_abs())
    } else {
        format!("{y:04}")
    }
}

/// moment's ISO 8601 parsing of the common forms: `YYYY`, `YYYY-MM`,
/// `YYYY-MM-DD`, then optionally `[T ]HH[:mm[:ss[.SSS…]]]` and `Z`/`±HH[:]MM`/`±HH`.
/// A time without offset is taken at `local_offset` minutes. Returns ms since the epoch.
pub(crate) fn parse_iso_date(s: &str, local_offset: i32) -> Option<f64> {
    let b = s.trim().as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = b.get(from..from + len)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(part).ok()?.parse().ok()
    };
    let year = num(0, 4)?;
    let mut i = 4;
    let mut month = 1;
    let mut day = 1;
    if b.get(i) == Some(&b'-') {
        month = num(i + 1, 2)?;
        i += 3;
        if b.get(i) == Some(&b'-') {
            day = num(i + 1, 2)?;
            i += 3;
        }
    }
    let (mut h, mut mi, mut sec, mut ms) = (0i64, 0i64, 0i64, 0i64);
    if matches!(b.get(i), Some(b'T' | b't' | b' ')) && b.get(i + 1).is_some_and(u8::is_ascii_digit)
    {
        h = num(i + 1, 2)?;
        i += 3;
        if b.get(i) == Some(&b':') {
            mi = num(i + 1, 2)?;
            i += 3;
            if b.get(i) == Some(&b':') {
                sec = num(i + 1, 2)?;
                i += 3;
                if matches!(b.get(i), Some(b'.' | b',')) {
                    i += 1;
                    let start = i;
                    while b.get(i).is_some_and(u8::is_ascii_digit) {
                        i += 1;
                    }
                    if i == start {
                        return None;
                    }
                    let digits = std::str::from_utf8(b.get(start..i)?).ok()?;
                    let padded: String = digits.chars().chain("000".chars()).take(3).collect();
                    ms = padded.parse().ok()?;
                }
            }
        }
    }
    let mut offset = None;
    match b.get(i) {
        None => {}
        Some(b'Z' | b'z') if i + 1 == b.len() => offset = Some(0i64),
        Some(&c @ (b'+' | b'-')) => {
            let oh = num(i + 1, 2)?;
            let om = if b.get(i + 3) == Some(&b':') {
                num(i + 4, 2)?
            } else if b.len() > i + 3 {
                num(i + 3, 2)?
            } else {
                0
            };
            let consumed = if b.get(i + 3) == Some(&b':') {
                6
            } else if b.len() > i + 3 {
                5
            } else {
                3
            };
            if i + consumed != b.len() {
                return None;
            }
            let sign = if c == b'-' { -1 } else { 1 };
            offset = Some(sign * (oh * 60 + om));
        }
        Some(_) => return None,
    }
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || h > 24
        || mi > 59
        || sec > 59
        || (h == 24 && (mi != 0 || sec != 0 || ms != 0))
    {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let local = ((days * 24 + h) * 60 + mi) * 60_000 + sec * 1000 + ms;
    let off = offset.unwrap_or(i64::from(local_offset));
    Some((local - off * 60_000) as f64)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 {
                29
            } else {
                28
            }
        }
    }
}

/// (Howard Hinnant's `days_from_civil`.)
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

// ---------------------------------------------------------------- blobs

fn blob_bytes(v: &Value) -> CoreResult<Vec<u8>> {
    Ok(match classify(v) {
        Val::Bytes => match from_tagged_json(v)? {
            SqlValue::Bytes(b) => b,
            _ => Vec::new(),
        },
        // Buffer.from(array): each element `& 255` (non-numbers → 0).
        Val::Arr(items) => items
            .iter()
            .map(|x| {
                let n = x.as_f64().unwrap_or(0.0);
                if n.is_finite() {
                    (n.trunc() as i64 & 255) as u8
                } else {
                    0
                }
            })
            .collect(),
        _ => js_string(v)?.into_bytes(),
    })
}

fn blob_literal(bytes: &[u8]) -> String {
    escape(&SqlValue::Bytes(bytes.to_vec())).unwrap_or_default()
}

// ---------------------------------------------------------------- arrays

fn element_type(ty: &TypeDesc) -> Option<&TypeDesc> {
    ty.element.as_deref()
}

/// ARRAY `_stringify`: `ARRAY[…]::TYPE[]`.
fn array_literal(v: &Value, col: ColType<'_>, g: &mut Gen<'_>) -> CoreResult<String> {
    let items = match classify(v) {
        Val::Arr(items) => items,
        _ => {
            return Err(CoreError::invalid(format!(
                "{} is not a valid array",
                js_json_stringify(v).unwrap_or_default()
            )))
        }
    };
    let elem = element_type(col.ty);
    let mut out = String::from("ARRAY[");
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let s = match elem {
            Some(ety) if !x.is_null() || tkind(ety) == TKind::Json => escape_typed_nonnull_json(
                x,
                ColType {
                    ty: ety,
                    field: col.field,
                },
                g,
            )?,
            _ => {
                if x.is_null() {
                    "NULL".to_string()
                } else {
                    sql_escape(x, g)?
                }
            }
        };
        out.push_str(&s);
    }
    out.push(']');
    if let Some(ety) = elem {
        out.push_str("::");
        if tkind(ety) == TKind::Enum {
            out.push_str(&enum_array_cast(col.field, g));
        } else {
            out.push_str(&col.ty.sql);
        }
    }
    Ok(out)
}

/// Like [`escape_typed`], except that a JSON `null` element is `'null'`
/// (JSON.stringify(null)), as Sequelize writes it.
fn escape_typed_nonnull_json(x: &Value, col: ColType<'_>, g: &mut Gen<'_>) -> CoreResult<String> {
    if x.is_null() {
        return Ok("'null'".into());
    }
    escape_typed(x, Some(col), g)
}

/// `"schema"."enum_<table>_<field>"[]` for an ARRAY(ENUM) cast.
fn enum_array_cast(field: &str, g: &Gen<'_>) -> String {
    match g.model {
        Some(m) => {
            let name = qi(&format!("enum_{}_{}", m.table_name, field).replace('"', ""));
            match &m.schema {
                Some(s) => format!("{}.{}[]", qi(&s.replace('"', "")), name),
                None => format!("{name}[]"),
            }
        }
        None => qi(&format!("enum_{field}[]")),
    }
}

/// ARRAY `_value` in bind mode: the element values pg turns into `{…}`.
fn array_bind_values(v: &Value, col: ColType<'_>, g: &mut Gen<'_>) -> CoreResult<Vec<SqlValue>> {
    let items = match classify(v) {
        Val::Arr(items) => items,
        _ => {
            return Err(CoreError::invalid(format!(
                "{} is not a valid array",
                js_json_stringify(v).unwrap_or_default()
            )))
        }
    };
    let Some(ety) = element_type(col.ty) else {
        return items.iter().map(to_sql_value).collect();
    };
    let ecol = ColType {
        ty: ety,
        field: col.field,
    };
    let mut out = Vec::with_capacity(items.len());
    for x in items {
        let kind = tkind(ety);
        if x.is_null() && kind != TKind::Json {
            out.push(SqlValue::Null);
            continue;
        }
        out.push(match kind {
            TKind::Float => match float_special(x)? {
                Some(s) => SqlValue::Text(s.into()),
                None => to_sql_value(x)?,
            },
            TKind::Hstore => SqlValue::Text(hstore_text(x)?),
            TKind::Range => match range_value(x, ety, g)? {
                RangeText::Whole(s) | RangeText::Single(s, _) => SqlValue::Text(s),
            },
            TKind::Array => SqlValue::Array(array_bind_values(x, ecol, g)?),
            TKind::Date => match date_text(x, g.tz)? {
                Some(s) => SqlValue::Text(s),
                None => to_sql_value(x)?,
            },
            TKind::DateOnly => match dateonly_text(x, g.tz)? {
                Some(s) => SqlValue::Text(s),
                None => to_sql_value(x)?,
            },
            TKind::Json => SqlValue::Text(js_json_stringify(x)?),
            TKind::Number => match classify(x) {
                Val::Num(_) | Val::BigInt(_) | Val::Bool(_) | Val::Str(_) => to_sql_value(x)?,
                _ => SqlValue::Text(js_string(x)?),
            },
            TKind::Blob => SqlValue::Text(blob_literal(&blob_bytes(x)?)),
            TKind::Geometry => {
                return Err(CoreError::invalid(
                    "GEOMETRY/GEOGRAPHY values are not supported",
                ))
            }
            TKind::Enum | TKind::Plain => to_sql_value(x)?,
        });
    }
    Ok(out)
}

// ---------------------------------------------------------------- unnest

/// The array type a column's values are cast to in the `unnest` form of a
/// bulk INSERT, chosen so that the INSERT behaves like Sequelize's inlined
/// literals (assignment casts: lengths are checked, numbers rounded), or
/// None when the column cannot be sent that way (ARRAY, GEOMETRY, unknown).
pub(crate) fn unnest_cast(ty: &TypeDesc, field: &str, g: &Gen<'_>) -> Option<String> {
    Some(match ty.key.as_str() {
        "STRING" | "CHAR" if ty.binary => "BYTEA".into(),
        "STRING" | "CHAR" | "TEXT" => "TEXT".into(),
        "INTEGER" | "BIGINT" | "SMALLINT" | "TINYINT" | "MEDIUMINT" | "DECIMAL" | "NUMERIC"
        | "NUMBER" => "NUMERIC".into(),
        "FLOAT" | "DOUBLE" | "DOUBLE PRECISION" => "DOUBLE PRECISION".into(),
        "REAL" => "REAL".into(),
        "BOOLEAN" => "BOOLEAN".into(),
        "DATE" => "TIMESTAMPTZ".into(),
        "DATEONLY" => "DATE".into(),
        "TIME" => "TIME".into(),
        "JSON" => "JSON".into(),
        "JSONB" => "JSONB".into(),
        "BLOB" => "BYTEA".into(),
        "UUID" => "UUID".into(),
        "CITEXT" => "CITEXT".into(),
        "INET" => "INET".into(),
        "CIDR" => "CIDR".into(),
        "MACADDR" => "MACADDR".into(),
        "TSVECTOR" => "TSVECTOR".into(),
        "HSTORE" => "HSTORE".into(),
        "RANGE" => ty.sql.clone(),
        "ENUM" => {
            let m = g.model?;
            let name = qi(&format!("enum_{}_{}", m.table_name, field).replace('"', ""));
            match &m.schema {
                Some(s) => format!("{}.{}", qi(&s.replace('"', "")), name),
                None => name,
            }
        }
        _ => return None,
    })
}

/// One element of a column's `unnest` array: the value the inlined literal
/// denotes, or None when it cannot be expressed as an array element with the
/// same result (a node, an array or object outside ARRAY/JSON/HSTORE/RANGE, …).
pub(crate) fn unnest_element(
    v: &Value,
    col: ColType<'_>,
    g: &mut Gen<'_>,
) -> CoreResult<Option<SqlValue>> {
    let cv = classify(v);
    if let Val::Null = cv {
        return Ok(Some(SqlValue::Null));
    }
    let kind = tkind(col.ty);
    match cv {
        Val::Node(_) => return Ok(None),
        Val::Arr(_) if !matches!(kind, TKind::Json | TKind::Range | TKind::Blob) => {
            return Ok(None)
        }
        Val::Obj(_) | Val::JsonText(_) if !matches!(kind, TKind::Json | TKind::Hstore) => {
            return Ok(None)
        }
        _ => {}
    }
    // Inlined strings carry NUL as the two characters `\0`.
    let text = |s: String| SqlValue::Text(s.replace('\0', "\\0"));
    Ok(Some(match kind {
        TKind::Float => text(float_text(v)?),
        TKind::Number => match cv {
            Val::Num(_) | Val::BigInt(_) | Val::Bool(_) => to_sql_value(v)?,
            _ => text(js_string(v)?),
        },
        TKind::Date => match date_text(v, g.tz)? {
            Some(s) => text(s),
            None => return Ok(None),
        },
        TKind::DateOnly => match dateonly_text(v, g.tz)? {
            Some(s) => text(s),
            None => return Ok(None),
        },
        TKind::Json => text(js_json_stringify(v)?),
        TKind::Blob => SqlValue::Bytes(blob_bytes(v)?),
        TKind::Range => match range_value(v, col.ty, g)? {
            RangeText::Whole(s) => SqlValue::Text(s),
            RangeText::Single(..) => return Ok(None),
        },
        TKind::Hstore => text(hstore_text_with(v, false)?),
        TKind::Array | TKind::Geometry => return Ok(None),
        TKind::Enum | TKind::Plain => match cv {
            Val::Str(s) => text(s.to_string()),
            _ => to_sql_value(v)?,
        },
    }))
}

// ---------------------------------------------------------------- ranges

enum RangeText {
    /// `[1,5)` / `empty`.
    Whole(String),
    /// A single (non-array) value and the subtype cast (`int4`).
    Single(String, &'static str),
}

fn range_cast(ty: &TypeDesc) -> &'static str {
    match ty
        .element
        .as_deref()
        .map(|e| e.key.to_ascii_lowercase())
        .as_deref()
    {
        Some("bigint") => "int8",
        Some("decimal") | Some("numeric") => "numeric",
        Some("date") => "timestamptz",
        Some("dateonly") => "date",
        _ => "int4",
    }
}

/// The object form of a range bound (`{value, inclusive}`), `$j` or plain.
fn plain_object(v: &Value) -> CoreResult<Option<Map<String, Value>>> {
    Ok(match classify(v) {
        Val::Obj(m) => Some(m.clone()),
        Val::JsonText(t) => match parse_json_text(t)? {
            Value::Object(m) => Some(m),
            _ => None,
        },
        _ => None,
    })
}

/// RANGE `_value` (range.stringify of the subtype-stringified bounds).
fn range_value(v: &Value, ty: &TypeDesc, g: &mut Gen<'_>) -> CoreResult<RangeText> {
    let sub = ty.element.as_deref();
    let items = match classify(v) {
        Val::Arr(items) => items,
        _ => {
            return Ok(RangeText::Single(subtype_text(v, sub, g)?, range_cast(ty)));
        }
    };
    if items.is_empty() {
        return Ok(RangeText::Whole("empty".into()));
    }
    if items.len() != 2 {
        return Err(CoreError::invalid(
            "range array length must be 0 (empty) or 2 (lower and upper bounds)",
        ));
    }
    let mut inclusive = [true, false];
    let mut bounds = [String::new(), String::new()];
    for (i, raw) in items.iter().enumerate() {
        let mut bound = raw.clone();
        if let Some(obj) = plain_object(raw)? {
            if let Some(val) = obj.get("value") {
                if let Some(inc) = obj.get("inclusive") {
                    if let Some(slot) = inclusive.get_mut(i) {
                        *slot = super::expr::js_truthy(inc);
                    }
                }
                bound = val.clone();
            }
        }
        let text = match classify(&bound) {
            Val::Null => String::new(),
            Val::Num(n) if n.is_infinite() => {
                if n > 0.0 { "infinity" } else { "-infinity" }.to_string()
            }
            _ => subtype_json(&bound, sub, g)?,
        };
        if let Some(slot) = bounds.get_mut(i) {
            *slot = text;
        }
    }
    let [lo, hi] = bounds;
    let [inc_lo, inc_hi] = inclusive;
    Ok(RangeText::Whole(format!(
        "{}{},{}{}",
        if inc_lo { '[' } else { '(' },
        lo,
        hi,
        if inc_hi { ']' } else { ')' }
    )))
}

/// The subtype's `stringify(v)` as text (for a single RANGE value).
fn subtype_text(v: &Value, sub: Option<&TypeDesc>, g: &mut Gen<'_>) -> CoreResult<String> {
    if let Some(t) = sub {
        match tkind(t) {
            TKind::Date => {
                if let Some(s) = date_text(v, g.tz)? {
                    return Ok(s);
                }
            }
            TKind::DateOnly => {
                if let Some(s) = dateonly_text(v, g.tz)? {
                    return Ok(s);
                }
            }
            _ => {}
        }
    }
    js_string(v)
}

/// `JSON.stringify(subtype.stringify(bound))` (range.js `stringifyRangeBound`).
fn subtype_json(v: &Value, sub: Option<&TypeDesc>, g: &mut Gen<'_>) -> CoreResult<String> {
    if let Some(t) = sub {
        match tkind(t) {
            TKind::Date => {
                if let Some(s) = date_text(v, g.tz)? {
                    return js_json_stringify(&Value::String(s));
                }
            }
            TKind::DateOnly => {
                if let Some(s) = dateonly_text(v, g.tz)? {
                    return js_json_stringify(&Value::String(s));
                }
            }
            _ => {}
        }
    }
    match classify(v) {
        Val::BigInt(d) => Ok(d.to_string()),
        _ => js_json_stringify(v),
    }
}

// ---------------------------------------------------------------- hstore

/// pg-hstore `stringify` with `sanitize: true` (which doubles `'`, even in
/// a bind parameter, as Sequelize sends it).
fn hstore_text(v: &Value) -> CoreResult<String> {
    hstore_text_with(v, true)
}

fn hstore_text_with(v: &Value, double_quotes: bool) -> CoreResult<String> {
    let Some(obj) = plain_object(v)? else {
        return Err(CoreError::invalid(format!(
            "{} is not a valid hstore",
            js_json_stringify(v).unwrap_or_default()
        )));
    };
    let sanitize = |s: &str| {
        let s = if double_quotes {
            s.replace('\'', "''")
        } else {
            s.to_string()
        };
        s.replace('\\', "\\\\").replace('"', "\\\"")
    };
    let mut parts = Vec::with_capacity(obj.len());
    for (k, x) in &obj {
        let key = sanitize(k);
        let val = match x {
            Value::Null => None,
            Value::String(s) => Some(sanitize(s)),
            Value::Bool(b) => Some(b.to_string()),
            Value::Number(n) => Some(js_number_to_string(n.as_f64().unwrap_or(f64::NAN))),
            Value::Object(_) => match classify(x) {
                Val::Date(ms, _) => Some(iso_string(ms).unwrap_or_default()),
                _ => Some("[object Object]".into()),
            },
            Value::Array(_) => Some(js_string(x)?),
        };
        parts.push(match val {
            None => format!("\"{key}\"=>NULL"),
            Some(val) => format!("\"{key}\"=>\"{val}\""),
        });
    }
    Ok(parts.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn js_numbers_from_strings() {
        for (s, n) in [
            ("1.5", 1.5),
            (" 2 ", 2.0),
            ("", 0.0),
            ("0x10", 16.0),
            ("1e3", 1000.0),
            (".5", 0.5),
            ("-Infinity", f64::NEG_INFINITY),
        ] {
            assert_eq!(js_string_to_number(s), n, "{s}");
        }
        for s in ["abc", "1a", "inf", "NaN", "nan", "1e", "--1", "."] {
            assert!(js_string_to_number(s).is_nan(), "{s}");
        }
    }

    #[test]
    fn iso_dates() {
        assert_eq!(parse_iso_date("2024-01-01", 0), Some(1_704_067_200_000.0));
        assert_eq!(
            parse_iso_date("2024-01-02T03:04:05Z", 0),
            Some(1_704_164_645_000.0)
        );
        assert_eq!(
            parse_iso_date("2024-01-02 03:04", 0),
            Some(1_704_164_640_000.0)
        );
        assert_eq!(
            parse_iso_date("2024-01-02T03:04:05.678+01:00", 0),
            Some(1_704_161_045_678.0)
        );
        assert_eq!(
            parse_iso_date("2024-01-02T03:04:05.678+0100", 0),
            Some(1_704_161_045_678.0)
        );
        assert_eq!(parse_iso_date("2024-01-01", 60), Some(1_704_063_600_000.0));
        assert_eq!(parse_iso_date("2024-02-29", 0), Some(1_709_164_800_000.0));
        assert_eq!(parse_iso_date("nope", 0), None);
        assert_eq!(parse_iso_date("2024-13-01", 0), None);
        assert_eq!(parse_iso_date("2023-02-29", 0), None);
        assert_eq!(parse_iso_date("2024-01-01x", 0), None);
    }

    #[test]
    fn column_values() {
        use crate::core::sql::testutil::where_m;
        let m = where_m();
        let tz = TzSpec::default();
        let lit = |a: &str, v: Value| column_literal(&m, a, &v, &tz).unwrap();
        let par = |a: &str, v: Value| column_param(&m, a, &v, &tz).unwrap();
        assert_eq!(lit("f", json!(2)), "'2'");
        assert_eq!(lit("f", json!("x")), "'NaN'");
        assert_eq!(lit("dec", json!("1.50")), "'1.50'");
        assert_eq!(lit("n", json!({"$n": "12"})), "12");
        assert_eq!(lit("n", json!([1, 2])), "'1,2'");
        assert_eq!(
            lit("meta", json!({"$j": "{\"a\":\"it's\"}"})),
            "'{\"a\":\"it''s\"}'"
        );
        assert_eq!(lit("j", json!("s")), "'\"s\"'");
        assert_eq!(lit("ints", json!([1, null])), "ARRAY[1,NULL]::INTEGER[]");
        assert_eq!(
            lit("enums", json!(["x"])),
            "ARRAY['x']::\"enum_WhereMs_enums\"[]"
        );
        assert_eq!(lit("rng", json!(5)), "'5'::int4");
        assert_eq!(lit("blob", json!({"$b": "aGk="})), "E'\\\\x6869'");
        assert_eq!(lit("zzz", json!(true)), "true");
        assert_eq!(lit("dt", json!({"$f": "Infinity"})), "'Infinity'");
        assert_eq!(lit("n", json!({"$fn": "now", "args": []})), "now()");
        assert_eq!(
            par("f", json!({"$f": "NaN"})),
            BindParam::Text("NaN".into())
        );
        assert_eq!(
            par("tags", json!(["a\"b", null])),
            BindParam::Text("{\"a\\\"b\",NULL}".into())
        );
        assert_eq!(
            par("blob", json!({"$b": "aGk="})),
            BindParam::Binary(b"hi".to_vec())
        );
        assert_eq!(
            par("name", json!("a\u{0}b")),
            BindParam::Text("a\\0b".into())
        );
        assert!(column_literal(&m, "tags", &json!("x"), &tz).is_err());
        assert!(column_literal(&m, "rng", &json!([1, 2, 3]), &tz).is_err());
        assert!(column_param(&m, "n", &json!({"$literal": "x"}), &tz).is_err());
    }

    #[test]
    fn hstore() {
        assert_eq!(
            hstore_text(&json!({"$j": "{\"a\":\"it's\",\"b\":\"q\\\"x\",\"c\":\"back\\\\s\",\"d\":1,\"e\":true,\"f\":null}"})).unwrap(),
            "\"a\"=>\"it''s\",\"b\"=>\"q\\\"x\",\"c\"=>\"back\\\\s\",\"d\"=>\"1\",\"e\"=>\"true\",\"f\"=>NULL"
        );
    }
}
