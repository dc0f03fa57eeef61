//! Result decoding: PostgreSQL text-format values → typed columns.
//!
//! Rows arrive in the text format node-postgres receives. Each value is
//! decoded the way node-postgres' `pg-types` parsers (with Sequelize's
//! connection-level overrides) would decode it, but into one typed buffer per
//! column, so the whole result set crosses into JavaScript in a handful of
//! values: one string per text column with UTF-16 offsets, one `Float64Array`
//! per numeric column, and so on. A small JS builder makes the row objects.
//!
//! Decoding rules, per type (reference: pg-types 2, postgres-array 2,
//! postgres-date 1, postgres-interval 1, postgres-bytea 1, and Sequelize's
//! `dialects/postgres/data-types.js` parsers):
//!
//! * `int2`/`int4`/`oid` → number; `float4`/`float8` → number (`NaN`,
//!   `Infinity`, `-Infinity`, `-0` kept).
//! * `bool` → boolean.
//! * `int8`, `numeric`, `money`, `date`, `time`, `timetz`, `uuid`, enums,
//!   `inet`, `xml`, ranges, unknown OIDs → string (the text as sent).
//! * `json`/`jsonb` → the JSON text (JS parses it).
//! * `interval` → the JSON object postgres-interval would build.
//! * `point`/`circle` → `{x,y}` / `{x,y,radius}` JSON objects.
//! * `timestamptz`/`timestamp` → milliseconds (see [`ColumnData::Timestamp`]).
//! * `bytea` → bytes.
//! * arrays registered by pg-types (and Sequelize) → JSON text of the parsed
//!   array. Arrays pg-types does *not* register (`name[]`, `char[]`, …) stay
//!   strings: Sequelize itself relies on that (`showIndex` reads `name[]` as a
//!   string).

use std::borrow::Cow;
use std::io::Write as _;

use crate::core::error::{CoreError, CoreResult, ErrorKind};

/// The longest string V8 can create (`v8::String::kMaxLength` on 64-bit).
pub const MAX_JS_STRING_LEN: u32 = (1 << 29) - 24;

/// One decoded column of a result set.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnData {
    /// int2, int4, oid, float4, float8 (+ 'NaN'/'Infinity'/'-Infinity').
    /// `nulls[i] = 1` if NULL (the value slot then holds 0).
    Number { values: Vec<f64>, nulls: Vec<u8> },
    /// bool: 0 false, 1 true, 2 NULL.
    Bool { values: Vec<u8> },
    /// Everything returned as a JS string. `text` is all non-NULL values
    /// concatenated; `offsets` are UTF-16 code-unit offsets (len rows+1), so
    /// JS can `text.slice(offsets[i], offsets[i+1])`.
    Text {
        text: String,
        offsets: Vec<u32>,
        nulls: Vec<u8>,
    },
    /// json/jsonb, interval, point, circle: same layout as Text; each value is
    /// JSON text and JS calls `JSON.parse` on it.
    Json {
        text: String,
        offsets: Vec<u32>,
        nulls: Vec<u8>,
    },
    /// timestamptz (`tz = true`): ms since the epoch of the instant, the
    /// fraction truncated to whole ms like postgres-date → JS `Date`;
    /// [`INVALID_DATE_MS`] when outside the JS Date range (an Invalid Date).
    /// timestamp (`tz = false`): the wall-clock fields encoded as if UTC; JS
    /// rebuilds a local-time Date from the UTC fields (pg parses `timestamp`
    /// as local time):
    /// `u = new Date(v); d = new Date(u.getUTCFullYear(), u.getUTCMonth(),
    /// u.getUTCDate(), u.getUTCHours(), u.getUTCMinutes(), u.getUTCSeconds(),
    /// u.getUTCMilliseconds()); if (year in 0..99) d.setFullYear(year)`
    /// (years 0–99 as postgres-date does; the value already carries its quirk).
    /// 'infinity' → `f64::INFINITY`, '-infinity' → `NEG_INFINITY` (pg returns
    /// those numbers, not Dates).
    Timestamp {
        values: Vec<f64>,
        nulls: Vec<u8>,
        tz: bool,
    },
    /// bytea: concatenated bytes + byte offsets (len rows+1).
    Bytes {
        data: Vec<u8>,
        offsets: Vec<u32>,
        nulls: Vec<u8>,
    },
    /// Arrays: each value is rendered as JSON text (Text-like layout). JS does
    /// `JSON.parse`, then post-maps the leaves if `elem != Plain`.
    /// `±Infinity` leaves are written as `1e999`/`-1e999`, which `JSON.parse`
    /// turns into `±Infinity`.
    Array {
        text: String,
        offsets: Vec<u32>,
        nulls: Vec<u8>,
        elem: ArrayElem,
    },
}

/// How JS must post-map the leaves of a parsed array column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArrayElem {
    /// Use the parsed JSON as is.
    Plain,
    /// Leaves are numbers of ms (see [`ColumnData::Timestamp`] for `tz`):
    /// finite number → Date (an out-of-range one gives an Invalid Date, as in
    /// pg); `±Infinity` → keep the number (pg does); `null` → null.
    Timestamp { tz: bool },
    /// Leaves are lowercase hex strings → `Buffer.from(s, 'hex')`; `null` → null.
    Bytes,
}

/// How one column decodes (chosen from the type OID by [`column_kind`], or by
/// the caller through [`ResultSetBuilder::from_kinds`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// int2/int4/oid → Number (strict integer text).
    Int,
    /// float4/float8 → Number.
    Float,
    Bool,
    /// The text as sent → Text.
    Text,
    /// json/jsonb text → Json.
    Json,
    /// interval → Json (postgres-interval's fields).
    Interval,
    /// point → Json `{"x":..,"y":..}`.
    Point,
    /// circle → Json `{"x":..,"y":..,"radius":..}`.
    Circle,
    Timestamp {
        tz: bool,
    },
    Bytes,
    /// Any array type → Array; the element decoder.
    Array(ArrayKind),
}

/// How the elements of an array column decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArrayKind {
    /// int2[]/int4[]/oid[] → numbers.
    Int,
    /// float4[]/float8[] → numbers; a NaN leaf becomes the string `"NaN"`
    /// (JSON cannot express NaN; [`ArrayElem`] has no variant to map it back).
    Float,
    /// bool[] → booleans.
    Bool,
    /// Strings as sent (text[], varchar[], numeric[], uuid[], enum arrays, …).
    Text,
    /// int8[] → strings, whitespace-trimmed (pg's `parseBigIntegerArray`).
    BigInt,
    /// date[] → strings, except 'infinity'/'-infinity' → ±Infinity (Sequelize's
    /// DATEONLY parser).
    Date,
    /// json[]/jsonb[] → the parsed JSON values.
    Json,
    /// timestamp[]/timestamptz[] → ms numbers (JS makes Dates).
    Timestamp { tz: bool },
    /// bytea[] → hex strings (JS makes Buffers).
    Bytes,
    /// interval[] → postgres-interval objects.
    Interval,
    /// point[] → `{x,y}` objects.
    Point,
}

/// How one column of a result set will decode, from its type OID (pg_type).
/// Types with no special decoding — and arrays pg-types leaves as strings,
/// such as `name[]` (1003) and `char[]` (1002) — are [`ColumnKind::Text`].
pub fn column_kind(type_oid: u32) -> ColumnKind {
    use ArrayKind as A;
    use ColumnKind as K;
    match type_oid {
        16 => K::Bool,
        17 => K::Bytes,
        21 | 23 | 26 => K::Int,
        700 | 701 => K::Float,
        114 | 3802 => K::Json,
        600 => K::Point,
        718 => K::Circle,
        1114 => K::Timestamp { tz: false },
        1184 => K::Timestamp { tz: true },
        1186 => K::Interval,
        1000 => K::Array(A::Bool),
        1001 => K::Array(A::Bytes),
        1005 | 1007 | 1028 => K::Array(A::Int),
        1016 => K::Array(A::BigInt),
        1017 => K::Array(A::Point),
        1021 | 1022 => K::Array(A::Float),
        // numeric[]: Sequelize's DECIMAL parser keeps strings (pg alone would
        // parseFloat them).
        1231 => K::Array(A::Text),
        1008 | 1009 | 1014 | 1015 | 1040 | 1041 | 651 | 3907 | 2951 | 791 | 1183 | 1270 => {
            K::Array(A::Text)
        }
        1115 => K::Array(A::Timestamp { tz: false }),
        1185 => K::Array(A::Timestamp { tz: true }),
        1182 => K::Array(A::Date),
        1187 => K::Array(A::Interval),
        199 | 3807 => K::Array(A::Json),
        _ => K::Text,
    }
}

/// pg_type name of an OID, for error messages.
fn type_name(oid: u32) -> &'static str {
    match oid {
        16 => "bool",
        17 => "bytea",
        21 => "int2",
        23 => "int4",
        26 => "oid",
        114 => "json",
        600 => "point",
        700 => "float4",
        701 => "float8",
        718 => "circle",
        1114 => "timestamp",
        1184 => "timestamptz",
        1186 => "interval",
        3802 => "jsonb",
        199 => "json[]",
        1000 => "bool[]",
        1001 => "bytea[]",
        1005 => "int2[]",
        1007 => "int4[]",
        1016 => "int8[]",
        1017 => "point[]",
        1021 => "float4[]",
        1022 => "float8[]",
        1028 => "oid[]",
        1115 => "timestamp[]",
        1182 => "date[]",
        1185 => "timestamptz[]",
        1187 => "interval[]",
        3807 => "jsonb[]",
        _ => "text",
    }
}

fn kind_name(kind: ColumnKind) -> &'static str {
    match kind {
        ColumnKind::Int => "integer",
        ColumnKind::Float => "float8",
        ColumnKind::Bool => "bool",
        ColumnKind::Text => "text",
        ColumnKind::Json => "json",
        ColumnKind::Interval => "interval",
        ColumnKind::Point => "point",
        ColumnKind::Circle => "circle",
        ColumnKind::Timestamp { tz: true } => "timestamptz",
        ColumnKind::Timestamp { tz: false } => "timestamp",
        ColumnKind::Bytes => "bytea",
        ColumnKind::Array(_) => "array",
    }
}

/// pg's interval text → the PostgresInterval-shaped JSON object node-postgres
/// returns (`{"days":1}`, `{"hours":1,"minutes":2,"seconds":3,"milliseconds":500}`;
/// zero fields omitted, fields in postgres-interval's order). Like
/// postgres-interval, text it cannot read yields `{}`, so this is always `Some`.
pub fn interval_to_json(s: &str) -> Option<String> {
    let mut out = Vec::with_capacity(48);
    write_interval(s.as_bytes(), &mut out);
    String::from_utf8(out).ok()
}

// ---------------------------------------------------------------------------
// Column builders
// ---------------------------------------------------------------------------

/// A string column under construction (Text, Json and Array share it).
#[derive(Debug)]
struct TextCol {
    /// Valid UTF-8 by construction (validated input, ASCII, lossy fallback).
    buf: Vec<u8>,
    offsets: Vec<u32>,
    nulls: Vec<u8>,
    /// Byte length of `buf` before the last pushed value (for `pop`).
    last_start: usize,
}

impl TextCol {
    fn new(rows: usize) -> Self {
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(0);
        TextCol {
            buf: Vec::with_capacity(rows.saturating_mul(8)),
            offsets,
            nulls: Vec::with_capacity(rows),
            last_start: 0,
        }
    }

    fn end(&self) -> u32 {
        self.offsets.last().copied().unwrap_or(0)
    }

    fn push_null(&mut self) {
        self.last_start = self.buf.len();
        let end = self.end();
        self.offsets.push(end);
        self.nulls.push(1);
    }

    /// Records the value appended to `buf` since `start`.
    fn commit(&mut self, start: usize) -> CoreResult<()> {
        let added = self.buf.get(start..).map_or(0, utf16_len);
        self.commit_units(start, added)
    }

    /// Records the value appended to `buf` since `start`, `added` UTF-16 units long.
    fn commit_units(&mut self, start: usize, added: usize) -> CoreResult<()> {
        let end = u32::try_from(added)
            .ok()
            .and_then(|n| self.end().checked_add(n))
            .filter(|&e| e <= MAX_JS_STRING_LEN);
        match end {
            Some(end) => {
                self.last_start = start;
                self.offsets.push(end);
                self.nulls.push(0);
                Ok(())
            }
            None => {
                self.buf.truncate(start);
                Err(CoreError::new(
                    ErrorKind::Database,
                    format!(
                        "result too large: a column's text exceeds the maximum JavaScript string length ({MAX_JS_STRING_LEN} UTF-16 code units)"
                    ),
                ))
            }
        }
    }

    fn push_str(&mut self, s: &[u8]) -> CoreResult<()> {
        let start = self.buf.len();
        self.buf.extend_from_slice(s);
        self.commit(start)
    }

    /// Appends a value as received: ASCII (most values) is checked once and
    /// needs no UTF-16 count; anything else goes through [`as_utf8`].
    fn push_received(&mut self, v: &[u8]) -> CoreResult<()> {
        if v.is_ascii() {
            let start = self.buf.len();
            self.buf.extend_from_slice(v);
            self.commit_units(start, v.len())
        } else {
            self.push_str(&as_utf8(v))
        }
    }

    fn pop(&mut self) {
        self.buf.truncate(self.last_start);
        if self.offsets.len() > 1 {
            self.offsets.pop();
        }
        self.nulls.pop();
    }

    fn into_parts(self) -> (String, Vec<u32>, Vec<u8>) {
        let text = match String::from_utf8(self.buf) {
            Ok(s) => s,
            // Unreachable: every append is valid UTF-8.
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        };
        (text, self.offsets, self.nulls)
    }
}

/// UTF-16 length of valid UTF-8 (ASCII fast path).
#[inline]
pub fn utf16_len(s: &[u8]) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.iter()
            .map(|&b| usize::from((b & 0xC0) != 0x80) + usize::from(b >= 0xF0))
            .sum()
    }
}

/// The value as UTF-8: borrowed when valid, replacement characters otherwise
/// (what node-postgres' `Buffer#toString('utf8')` does).
#[inline]
fn as_utf8(v: &[u8]) -> Cow<'_, [u8]> {
    match std::str::from_utf8(v) {
        Ok(_) => Cow::Borrowed(v),
        Err(_) => Cow::Owned(String::from_utf8_lossy(v).into_owned().into_bytes()),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum JsonKind {
    Raw,
    Interval,
    Point,
    Circle,
}

#[derive(Debug)]
enum Col {
    Number {
        values: Vec<f64>,
        nulls: Vec<u8>,
        float: bool,
    },
    Bool {
        values: Vec<u8>,
    },
    Text(TextCol),
    Json(TextCol, JsonKind),
    Timestamp {
        values: Vec<f64>,
        nulls: Vec<u8>,
        tz: bool,
    },
    Bytes {
        data: Vec<u8>,
        offsets: Vec<u32>,
        nulls: Vec<u8>,
        last_start: usize,
    },
    Array {
        col: TextCol,
        kind: ArrayKind,
    },
}

#[derive(Debug)]
struct Column {
    col: Col,
    name: &'static str,
    kind: ColumnKind,
}

/// Reusable buffers, so no value allocates.
#[derive(Debug, Default)]
struct Scratch {
    rec: Vec<u8>,
    levels: Vec<bool>,
    bytes: Vec<u8>,
}

impl Column {
    fn new(kind: ColumnKind, name: &'static str, rows: usize) -> Self {
        let col = match kind {
            ColumnKind::Int | ColumnKind::Float => Col::Number {
                values: Vec::with_capacity(rows),
                nulls: Vec::with_capacity(rows),
                float: kind == ColumnKind::Float,
            },
            ColumnKind::Bool => Col::Bool {
                values: Vec::with_capacity(rows),
            },
            ColumnKind::Text => Col::Text(TextCol::new(rows)),
            ColumnKind::Json => Col::Json(TextCol::new(rows), JsonKind::Raw),
            ColumnKind::Interval => Col::Json(TextCol::new(rows), JsonKind::Interval),
            ColumnKind::Point => Col::Json(TextCol::new(rows), JsonKind::Point),
            ColumnKind::Circle => Col::Json(TextCol::new(rows), JsonKind::Circle),
            ColumnKind::Timestamp { tz } => Col::Timestamp {
                values: Vec::with_capacity(rows),
                nulls: Vec::with_capacity(rows),
                tz,
            },
            ColumnKind::Bytes => {
                let mut offsets = Vec::with_capacity(rows + 1);
                offsets.push(0);
                Col::Bytes {
                    data: Vec::new(),
                    offsets,
                    nulls: Vec::with_capacity(rows),
                    last_start: 0,
                }
            }
            ColumnKind::Array(kind) => Col::Array {
                col: TextCol::new(rows),
                kind,
            },
        };
        Column { col, name, kind }
    }

    fn push(&mut self, value: Option<&[u8]>, scratch: &mut Scratch) -> CoreResult<()> {
        let name = self.name;
        match &mut self.col {
            Col::Number {
                values,
                nulls,
                float,
            } => match value {
                None => {
                    values.push(0.0);
                    nulls.push(1);
                }
                Some(v) => {
                    let n = if *float { parse_float(v) } else { parse_int(v) };
                    values.push(n.ok_or_else(|| invalid_value(name, v))?);
                    nulls.push(0);
                }
            },
            Col::Bool { values } => match value {
                None => values.push(2),
                Some(v) => values.push(u8::from(
                    parse_bool(v).ok_or_else(|| invalid_value(name, v))?,
                )),
            },
            Col::Text(col) => match value {
                None => col.push_null(),
                Some(v) => col.push_received(v)?,
            },
            Col::Json(col, kind) => match value {
                None => col.push_null(),
                Some(v) if *kind == JsonKind::Raw => col.push_received(v)?,
                Some(v) => {
                    let v = as_utf8(v);
                    let start = col.buf.len();
                    match kind {
                        JsonKind::Raw => col.buf.extend_from_slice(&v),
                        JsonKind::Interval => write_interval(&v, &mut col.buf),
                        JsonKind::Point => write_point(&v, &mut col.buf),
                        JsonKind::Circle => write_circle(&v, &mut col.buf),
                    }
                    col.commit(start)?;
                }
            },
            Col::Timestamp { values, nulls, tz } => match value {
                None => {
                    values.push(0.0);
                    nulls.push(1);
                }
                Some(v) => {
                    values.push(parse_timestamp(v, *tz).ok_or_else(|| invalid_value(name, v))?);
                    nulls.push(0);
                }
            },
            Col::Bytes {
                data,
                offsets,
                nulls,
                last_start,
            } => {
                let start = data.len();
                if let Some(v) = value {
                    if !decode_bytea(v, data) {
                        data.truncate(start);
                        return Err(invalid_value(name, v));
                    }
                }
                let Ok(end) = u32::try_from(data.len()) else {
                    data.truncate(start);
                    return Err(CoreError::new(
                        ErrorKind::Database,
                        "result too large: a bytea column exceeds 4 GiB",
                    ));
                };
                *last_start = start;
                offsets.push(end);
                nulls.push(u8::from(value.is_none()));
            }
            Col::Array { col, kind } => match value {
                None => col.push_null(),
                Some(v) => {
                    let v = as_utf8(v);
                    let start = col.buf.len();
                    if render_array(&v, *kind, &mut col.buf, scratch).is_none() {
                        col.buf.truncate(start);
                        return Err(invalid_value(name, &v));
                    }
                    col.commit(start)?;
                }
            },
        }
        Ok(())
    }

    /// Removes the value pushed last (rollback of a failed row).
    fn pop(&mut self) {
        match &mut self.col {
            Col::Number { values, nulls, .. } | Col::Timestamp { values, nulls, .. } => {
                values.pop();
                nulls.pop();
            }
            Col::Bool { values } => {
                values.pop();
            }
            Col::Text(col) | Col::Json(col, _) | Col::Array { col, .. } => col.pop(),
            Col::Bytes {
                data,
                offsets,
                nulls,
                last_start,
            } => {
                data.truncate(*last_start);
                if offsets.len() > 1 {
                    offsets.pop();
                }
                nulls.pop();
            }
        }
    }

    fn finish(self) -> ColumnData {
        match self.col {
            Col::Number { values, nulls, .. } => ColumnData::Number { values, nulls },
            Col::Bool { values } => ColumnData::Bool { values },
            Col::Text(col) => {
                let (text, offsets, nulls) = col.into_parts();
                ColumnData::Text {
                    text,
                    offsets,
                    nulls,
                }
            }
            Col::Json(col, _) => {
                let (text, offsets, nulls) = col.into_parts();
                ColumnData::Json {
                    text,
                    offsets,
                    nulls,
                }
            }
            Col::Timestamp { values, nulls, tz } => ColumnData::Timestamp { values, nulls, tz },
            Col::Bytes {
                data,
                offsets,
                nulls,
                ..
            } => ColumnData::Bytes {
                data,
                offsets,
                nulls,
            },
            Col::Array { col, kind } => {
                let elem = match kind {
                    ArrayKind::Timestamp { tz } => ArrayElem::Timestamp { tz },
                    ArrayKind::Bytes => ArrayElem::Bytes,
                    _ => ArrayElem::Plain,
                };
                let (text, offsets, nulls) = col.into_parts();
                ColumnData::Array {
                    text,
                    offsets,
                    nulls,
                    elem,
                }
            }
        }
    }
}

fn invalid_value(type_name: &str, v: &[u8]) -> CoreError {
    let shown = String::from_utf8_lossy(v);
    let shown: String = if shown.chars().count() > 100 {
        let mut s: String = shown.chars().take(100).collect();
        s.push('…');
        s
    } else {
        shown.into_owned()
    };
    CoreError::new(
        ErrorKind::Database,
        format!("invalid value for type {type_name}: \"{shown}\""),
    )
}

/// Row hint cap: buffers still grow past it, a bogus hint cannot over-allocate.
const MAX_PREALLOC_ROWS: usize = 1 << 20;

/// Decodes the rows of one result set into typed columns.
#[derive(Debug)]
pub struct ResultSetBuilder {
    cols: Vec<Column>,
    rows: usize,
    scratch: Scratch,
}

impl ResultSetBuilder {
    /// One column per OID (RowDescription order); `expected_rows` only sizes
    /// the buffers.
    pub fn new(type_oids: &[u32], expected_rows: usize) -> Self {
        let expected_rows = expected_rows.min(MAX_PREALLOC_ROWS);
        let cols = type_oids
            .iter()
            .map(|&oid| Column::new(column_kind(oid), type_name(oid), expected_rows))
            .collect();
        Self::with_columns(cols)
    }

    /// Like [`ResultSetBuilder::new`] with the decoding chosen by the caller,
    /// for types whose OIDs are only known at run time (e.g. an enum array →
    /// `ColumnKind::Array(ArrayKind::Text)`, as Sequelize parses them).
    pub fn from_kinds(kinds: &[ColumnKind], expected_rows: usize) -> Self {
        let expected_rows = expected_rows.min(MAX_PREALLOC_ROWS);
        let cols = kinds
            .iter()
            .map(|&k| Column::new(k, kind_name(k), expected_rows))
            .collect();
        Self::with_columns(cols)
    }

    fn with_columns(cols: Vec<Column>) -> Self {
        ResultSetBuilder {
            cols,
            rows: 0,
            scratch: Scratch::default(),
        }
    }

    /// One DataRow. A wrong column count or a value that cannot be decoded
    /// for its type is a `CoreError` (kind Database); the row is then not
    /// added, and the builder stays usable.
    pub fn push_row<'a, I: IntoIterator<Item = Option<&'a [u8]>>>(
        &mut self,
        values: I,
    ) -> CoreResult<()> {
        let expected = self.cols.len();
        let mut it = values.into_iter();
        let mut done = 0usize;
        let mut result = Ok(());
        for col in self.cols.iter_mut() {
            match it.next() {
                Some(v) => {
                    if let Err(e) = col.push(v, &mut self.scratch) {
                        result = Err(e);
                        break;
                    }
                    done += 1;
                }
                None => {
                    result = Err(count_error(expected, done));
                    break;
                }
            }
        }
        if result.is_ok() {
            let extra = it.count();
            if extra > 0 {
                result = Err(count_error(expected, expected + extra));
            }
        }
        if let Err(e) = result {
            for col in self.cols.iter_mut().take(done) {
                col.pop();
            }
            return Err(e);
        }
        self.rows += 1;
        Ok(())
    }

    /// Rows pushed so far.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The rows pushed so far as finished columns, leaving the builder empty
    /// with the same layout (for delivering a large result in chunks).
    pub fn take_chunk(&mut self) -> (usize, Vec<ColumnData>) {
        let rows = self.rows;
        let fresh: Vec<Column> = self
            .cols
            .iter()
            .map(|c| Column::new(c.kind, c.name, rows))
            .collect();
        let old = std::mem::replace(&mut self.cols, fresh);
        self.rows = 0;
        (rows, old.into_iter().map(Column::finish).collect())
    }

    /// The decoded columns, in RowDescription order.
    pub fn finish(self) -> Vec<ColumnData> {
        self.cols.into_iter().map(Column::finish).collect()
    }
}

fn count_error(expected: usize, got: usize) -> CoreError {
    CoreError::new(
        ErrorKind::Database,
        format!("row has {got} columns, expected {expected}"),
    )
}

// ---------------------------------------------------------------------------
// Scalars
// ---------------------------------------------------------------------------

/// int2/int4/oid text: `[+-]?digits` (pg's `parseInt(v, 10)` on what the
/// server sends).
fn parse_int(v: &[u8]) -> Option<f64> {
    let (neg, digits) = match v.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, v),
    };
    if digits.is_empty() || digits.len() > 18 {
        return None;
    }
    let mut n: i64 = 0;
    for &b in digits {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + i64::from(b - b'0');
    }
    Some(if neg { -(n as f64) } else { n as f64 })
}

/// float4/float8 text (`1.5`, `-0`, `1e+308`, `NaN`, `Infinity`, `-Infinity`).
fn parse_float(v: &[u8]) -> Option<f64> {
    std::str::from_utf8(v).ok()?.parse::<f64>().ok()
}

/// pg-types' `parseBool` truth set; the usual false spellings; else invalid.
fn parse_bool(v: &[u8]) -> Option<bool> {
    match v {
        b"t" | b"true" | b"TRUE" | b"y" | b"yes" | b"on" | b"1" => Some(true),
        b"f" | b"false" | b"FALSE" | b"n" | b"no" | b"off" | b"0" => Some(false),
        _ => None,
    }
}

/// JS `parseFloat`: leading whitespace skipped, longest numeric prefix, NaN
/// if none.
fn js_parse_float(v: &[u8]) -> f64 {
    let mut i = 0;
    while v.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
        i += 1;
    }
    let start = i;
    if matches!(v.get(i), Some(b'+' | b'-')) {
        i += 1;
    }
    if v.get(i..).is_some_and(|r| r.starts_with(b"Infinity")) {
        let neg = v.get(start) == Some(&b'-');
        return if neg {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        };
    }
    let int_start = i;
    while v.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    let mut mantissa_digits = i - int_start;
    if v.get(i) == Some(&b'.') {
        let frac_start = i + 1;
        let mut j = frac_start;
        while v.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        mantissa_digits += j - frac_start;
        if mantissa_digits > 0 {
            i = j;
        }
    }
    if mantissa_digits == 0 {
        return f64::NAN;
    }
    if matches!(v.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(v.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let exp_start = j;
        while v.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        if j > exp_start {
            i = j;
        }
    }
    v.get(start..i)
        .and_then(|s| std::str::from_utf8(s).ok())
        .and_then(|s| s.parse::<f64>().ok())
        .unwrap_or(f64::NAN)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (month 1–12).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// (year, month 1–12, day) of a day number.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// JS TimeClip bound.
const MAX_DATE_MS: f64 = 8.64e15;

/// What a timestamptz outside the JS Date range decodes to: a finite number
/// past the JS Date range, so `new Date(INVALID_DATE_MS)` is an Invalid Date,
/// which is what postgres-date returns.
pub const INVALID_DATE_MS: f64 = 9e15;

/// Reads `n` ASCII digits at `*i`.
fn digits(v: &[u8], i: &mut usize, n: usize) -> Option<i64> {
    let s = v.get(*i..*i + n)?;
    let mut x = 0i64;
    for &b in s {
        if !b.is_ascii_digit() {
            return None;
        }
        x = x * 10 + i64::from(b - b'0');
    }
    *i += n;
    Some(x)
}

fn expect(v: &[u8], i: &mut usize, c: u8) -> Option<()> {
    if v.get(*i) == Some(&c) {
        *i += 1;
        Some(())
    } else {
        None
    }
}

/// A timestamp/timestamptz in pg's ISO output (`2024-01-02 03:04:05.123456+05:30`,
/// `0044-03-15 12:00:00+00 BC`, `infinity`) → ms, as postgres-date computes
/// it. `tz` columns need an offset and give the instant ([`INVALID_DATE_MS`]
/// outside the JS Date range); plain timestamps must have none and give the
/// wall clock as UTC.
/// `parseFloat(".ffffff")` for the fraction of a timestamp (`frac` includes
/// the dot). Up to 15 digits, `digits / 10^n` is the same number: both
/// operands are exact in f64 and the division is correctly rounded, as the
/// decimal conversion is. Longer fractions take the general parser.
fn parse_fraction(frac: &[u8]) -> Option<f64> {
    const POW10: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let digits = frac.get(1..)?;
    match POW10.get(digits.len()) {
        Some(&p) => {
            let n = digits
                .iter()
                .fold(0u64, |n, &d| n * 10 + u64::from(d.wrapping_sub(b'0')));
            Some(n as f64 / p)
        }
        None => std::str::from_utf8(frac).ok()?.parse().ok(),
    }
}

fn parse_timestamp(v: &[u8], tz: bool) -> Option<f64> {
    match v {
        b"infinity" => return Some(f64::INFINITY),
        b"-infinity" => return Some(f64::NEG_INFINITY),
        _ => {}
    }
    let mut i = 0;
    let year_len = v.iter().take_while(|b| b.is_ascii_digit()).count();
    if year_len == 0 || year_len > 9 {
        return None;
    }
    let year = digits(v, &mut i, year_len)?;
    expect(v, &mut i, b'-')?;
    let month = digits(v, &mut i, 2)?;
    expect(v, &mut i, b'-')?;
    let day = digits(v, &mut i, 2)?;
    expect(v, &mut i, b' ')?;
    let hour = digits(v, &mut i, 2)?;
    expect(v, &mut i, b':')?;
    let minute = digits(v, &mut i, 2)?;
    expect(v, &mut i, b':')?;
    let second = digits(v, &mut i, 2)?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 24 || minute > 59 {
        return None;
    }
    if second > 60 {
        return None;
    }
    // Fraction: ms = trunc(1000 * parseFloat(".ffffff")), as Date.UTC truncates.
    let mut ms = 0.0;
    if v.get(i) == Some(&b'.') {
        let start = i;
        i += 1;
        let n = v
            .get(i..)
            .map_or(0, |r| r.iter().take_while(|b| b.is_ascii_digit()).count());
        if n == 0 {
            return None;
        }
        i += n;
        ms = (1000.0 * parse_fraction(v.get(start..i)?)?).trunc();
    }
    // Offset: [+-]HH[[:]MM[[:]SS]] or Z.
    let mut offset_s: Option<i64> = None;
    match v.get(i) {
        Some(&c @ (b'+' | b'-')) => {
            i += 1;
            let h = digits(v, &mut i, 2)?;
            let mut m = 0;
            let mut s = 0;
            let mut j = i;
            if v.get(j) == Some(&b':') {
                j += 1;
            }
            if let Some(x) = digits(v, &mut j, 2) {
                m = x;
                i = j;
                if v.get(j) == Some(&b':') {
                    j += 1;
                }
                if let Some(x) = digits(v, &mut j, 2) {
                    s = x;
                    i = j;
                }
            }
            let secs = h * 3600 + m * 60 + s;
            offset_s = Some(if c == b'-' { -secs } else { secs });
        }
        Some(b'Z') => {
            i += 1;
            offset_s = Some(0);
        }
        _ => {}
    }
    let bc = match v.get(i..) {
        Some(b"") => false,
        Some(b" BC") => true,
        _ => return None,
    };
    if offset_s.is_some() != tz {
        return None;
    }
    let year = if bc { 1 - year } else { year };

    // MakeDay(year, month, day); Date.UTC maps years 0–99 to 1900–1999 and
    // postgres-date then calls setUTCFullYear(year), which keeps the
    // (normalized) month and day: 0000-02-29 becomes 0000-03-01.
    let mut days = days_from_civil(year, month, 1) + day - 1;
    if (0..=99).contains(&year) {
        let (_, m2, d2) = civil_from_days(days_from_civil(1900 + year, month, 1) + day - 1);
        days = days_from_civil(year, m2, d2);
    }
    let wall = days as f64 * 86_400_000.0
        + (hour * 3_600_000 + minute * 60_000 + second * 1000) as f64
        + ms;
    match offset_s {
        None => Some(wall),
        Some(off) => {
            if wall.abs() > MAX_DATE_MS {
                return Some(INVALID_DATE_MS);
            }
            let t = wall - (off * 1000) as f64;
            Some(if t.abs() > MAX_DATE_MS {
                INVALID_DATE_MS
            } else {
                t
            })
        }
    }
}

#[inline]
fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// bytea text (hex `\x0102` or the legacy escape format) → bytes appended to
/// `out`; false if malformed (`out` may then hold a partial value).
fn decode_bytea(v: &[u8], out: &mut Vec<u8>) -> bool {
    if let Some(hex) = v.strip_prefix(b"\\x") {
        if hex.len() % 2 != 0 {
            return false;
        }
        out.reserve(hex.len() / 2);
        for pair in hex.chunks_exact(2) {
            match (
                pair.first().copied().and_then(hex_val),
                pair.get(1).copied().and_then(hex_val),
            ) {
                (Some(h), Some(l)) => out.push((h << 4) | l),
                _ => return false,
            }
        }
        return true;
    }
    // Escape format, as postgres-bytea reads it.
    let mut i = 0;
    while let Some(&b) = v.get(i) {
        if b != b'\\' {
            out.push(b);
            i += 1;
            continue;
        }
        let oct = v.get(i + 1..i + 4);
        if let Some(o) = oct.filter(|o| o.iter().all(|c| (b'0'..=b'7').contains(c))) {
            let n = o.iter().fold(0u32, |acc, &c| acc * 8 + u32::from(c - b'0'));
            out.push((n & 0xFF) as u8);
            i += 4;
        } else {
            let run = v
                .get(i..)
                .map_or(0, |r| r.iter().take_while(|&&c| c == b'\\').count());
            let pairs = run / 2;
            if pairs == 0 {
                // A lone backslash: postgres-bytea would loop forever.
                return false;
            }
            out.extend(std::iter::repeat_n(b'\\', pairs));
            i += pairs * 2;
        }
    }
    true
}

// ---------------------------------------------------------------------------
// JSON writers
// ---------------------------------------------------------------------------

fn write_i64(out: &mut Vec<u8>, n: i64) {
    let mut buf = [0u8; 20];
    let mut pos = buf.len();
    let neg = n < 0;
    let mut u = n.unsigned_abs();
    loop {
        pos -= 1;
        if let Some(slot) = buf.get_mut(pos) {
            *slot = b'0' + (u % 10) as u8;
        }
        u /= 10;
        if u == 0 || pos == 0 {
            break;
        }
    }
    if neg {
        out.push(b'-');
    }
    out.extend_from_slice(buf.get(pos..).unwrap_or_default());
}

/// A float as a JSON number; `±Infinity` as `±1e999` (JSON.parse → ±Infinity);
/// NaN as `nan` (the caller picks the text).
fn write_f64(out: &mut Vec<u8>, x: f64, nan: &[u8]) {
    if x.is_nan() {
        out.extend_from_slice(nan);
    } else if x.is_infinite() {
        out.extend_from_slice(if x > 0.0 { b"1e999" } else { b"-1e999" });
    } else if x == x.trunc() && x.abs() < 1e15 {
        if x == 0.0 && x.is_sign_negative() {
            out.extend_from_slice(b"-0");
        } else {
            write_i64(out, x as i64);
        }
    } else {
        // Debug is the shortest round-trip form (`1e308`, `1.5`, `1e-7`).
        let _ = write!(out, "{x:?}");
    }
}

/// A JSON string literal of valid UTF-8.
fn write_json_str(out: &mut Vec<u8>, s: &[u8]) {
    out.push(b'"');
    let mut last = 0;
    for (i, &b) in s.iter().enumerate() {
        let esc: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x00..=0x1F => b"",
            _ => continue,
        };
        out.extend_from_slice(s.get(last..i).unwrap_or_default());
        if esc.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"\\u00");
            out.push(HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0'));
            out.push(HEX.get(usize::from(b & 0xF)).copied().unwrap_or(b'0'));
        } else {
            out.extend_from_slice(esc);
        }
        last = i + 1;
    }
    out.extend_from_slice(s.get(last..).unwrap_or_default());
    out.push(b'"');
}

/// postgres-interval's reading of an interval, as a JSON object.
///
/// The JS regex is `(N\s+years?)?\s*(N\s+mons?)?\s*(N\s+days?)?\s*(TIME)?`
/// (N = `[+-]?\d+`, TIME = `([+-])?(\d*):(\d\d):(\d\d)\.?(\d{1,6})?`), applied
/// at the start of the text; every part is optional, so reading the parts
/// greedily in order gives the same match.
fn write_interval(s: &[u8], out: &mut Vec<u8>) {
    fn ws(s: &[u8], mut i: usize) -> usize {
        while s.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        i
    }
    fn num_unit<'a>(s: &'a [u8], i: usize, unit: &[u8]) -> Option<(&'a [u8], usize)> {
        let mut j = i;
        if matches!(s.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let d = s
            .get(j..)?
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if d == 0 {
            return None;
        }
        let num = s.get(i..j + d)?;
        let k = ws(s, j + d);
        if k == j + d || !s.get(k..)?.starts_with(unit) {
            return None;
        }
        let mut end = k + unit.len();
        if s.get(end) == Some(&b's') {
            end += 1;
        }
        Some((num, end))
    }
    fn int(n: &[u8]) -> f64 {
        std::str::from_utf8(n)
            .ok()
            .and_then(|x| x.parse::<f64>().ok())
            .unwrap_or(0.0)
    }

    let mut fields: [f64; 7] = [0.0; 7]; // y, mon, d, h, min, s, ms
    let mut i = 0;
    for (slot, unit) in [(0usize, &b"year"[..]), (1, b"mon"), (2, b"day")] {
        if slot > 0 {
            i = ws(s, i);
        }
        if let Some((n, end)) = num_unit(s, i, unit) {
            if let Some(f) = fields.get_mut(slot) {
                *f = int(n);
            }
            i = end;
        }
    }
    i = ws(s, i);
    // TIME
    let time = (|| {
        let mut j = i;
        let neg = match s.get(j) {
            Some(b'-') => {
                j += 1;
                true
            }
            Some(b'+') => {
                j += 1;
                false
            }
            _ => false,
        };
        let hd = s
            .get(j..)?
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let hours = s.get(j..j + hd)?;
        j += hd;
        expect(s, &mut j, b':')?;
        let minutes = s.get(j..j + 2)?;
        j += 2;
        expect(s, &mut j, b':')?;
        let seconds = s.get(j..j + 2)?;
        j += 2;
        if !minutes.iter().chain(seconds).all(u8::is_ascii_digit) {
            return None;
        }
        if s.get(j) == Some(&b'.') {
            j += 1;
        }
        let fd = s
            .get(j..)?
            .iter()
            .take(6)
            .take_while(|b| b.is_ascii_digit())
            .count();
        let frac = s.get(j..j + fd)?;
        Some((neg, hours, minutes, seconds, frac))
    })();
    if let Some((neg, hours, minutes, seconds, frac)) = time {
        let sign = if neg { -1.0 } else { 1.0 };
        fields[3] = sign * int(hours);
        fields[4] = sign * int(minutes);
        fields[5] = sign * int(seconds);
        if !frac.is_empty() {
            // Pad to microseconds, then / 1000 (postgres-interval's parseMilliseconds).
            let mut micros = 0i64;
            for k in 0..6 {
                micros = micros * 10 + frac.get(k).map_or(0, |&b| i64::from(b - b'0'));
            }
            fields[6] = sign * (micros as f64 / 1000.0);
        }
    }

    const NAMES: [&str; 7] = [
        "years",
        "months",
        "days",
        "hours",
        "minutes",
        "seconds",
        "milliseconds",
    ];
    out.push(b'{');
    let mut first = true;
    for (name, &v) in NAMES.iter().zip(fields.iter()) {
        // postgres-interval drops zeros (and NaN).
        if v == 0.0 || v.is_nan() {
            continue;
        }
        if !first {
            out.push(b',');
        }
        first = false;
        out.push(b'"');
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b"\":");
        if v.is_finite() && v == v.trunc() && v.abs() < 1e21 {
            let _ = write!(out, "{v}");
        } else {
            write_f64(out, v, b"null");
        }
    }
    out.push(b'}');
}

/// pg-types' `parsePoint`: `(x,y)` → `{"x":x,"y":y}`, `null` if not `(`…
/// (a NaN coordinate is written as null: JSON has no NaN).
fn write_point(v: &[u8], out: &mut Vec<u8>) {
    if v.first() != Some(&b'(') {
        out.extend_from_slice(b"null");
        return;
    }
    let inner = v
        .get(1..v.len().saturating_sub(1).max(1))
        .unwrap_or_default();
    let mut parts = inner.split(|&b| b == b',');
    let x = parts.next().map_or(f64::NAN, js_parse_float);
    let y = parts.next().map_or(f64::NAN, js_parse_float);
    write_xy(out, x, y);
}

fn write_xy(out: &mut Vec<u8>, x: f64, y: f64) {
    out.extend_from_slice(b"{\"x\":");
    write_f64(out, x, b"null");
    out.extend_from_slice(b",\"y\":");
    write_f64(out, y, b"null");
    out.push(b'}');
}

/// pg-types' `parseCircle`: `<(x,y),r>` → `{"x":x,"y":y,"radius":r}`.
fn write_circle(v: &[u8], out: &mut Vec<u8>) {
    if v.first() != Some(&b'<') && v.get(1) != Some(&b'(') {
        out.extend_from_slice(b"null");
        return;
    }
    // The JS loop: point chars up to and including ')', then radius chars
    // (commas skipped), over value[2 .. len-1).
    let body = v.get(2..v.len().saturating_sub(1)).unwrap_or_default();
    let (point, rest) = match body.iter().position(|&b| b == b')') {
        Some(p) => (
            body.get(..=p).unwrap_or_default(),
            body.get(p + 1..).unwrap_or_default(),
        ),
        None => (body, &b""[..]),
    };
    // parsePoint('(' + point): substring(1, len-1) drops the ')'.
    let inner = point
        .get(..point.len().saturating_sub(1))
        .unwrap_or_default();
    let mut parts = inner.split(|&b| b == b',');
    let x = parts.next().map_or(f64::NAN, js_parse_float);
    let y = parts.next().map_or(f64::NAN, js_parse_float);
    let radius_txt: Vec<u8> = rest.iter().copied().filter(|&b| b != b',').collect();
    let r = js_parse_float(&radius_txt);
    write_xy(out, x, y);
    out.pop(); // reopen the object
    out.extend_from_slice(b",\"radius\":");
    write_f64(out, r, b"null");
    out.push(b'}');
}

// ---------------------------------------------------------------------------
// Arrays
// ---------------------------------------------------------------------------

/// Renders a pg array literal as JSON, following postgres-array 2's parser:
/// optional `[l:u]=` dimensions prefix, `{` `}` nesting, `,` separators,
/// `"…"` quoting with `\` escapes, unquoted `NULL` → null (quoted "NULL" is a
/// string). `None` if malformed or an element does not decode.
fn render_array(
    src: &[u8],
    kind: ArrayKind,
    out: &mut Vec<u8>,
    scratch: &mut Scratch,
) -> Option<()> {
    let Scratch { rec, levels, bytes } = scratch;
    rec.clear();
    levels.clear();
    let mut i = 0;
    // Reads one character, resolving a backslash escape.
    let next = |i: &mut usize| -> Option<(u8, bool)> {
        let c = *src.get(*i)?;
        *i += 1;
        if c == b'\\' {
            let e = *src.get(*i)?;
            *i += 1;
            Some((e, true))
        } else {
            Some((c, false))
        }
    };
    if src.first() == Some(&b'[') {
        loop {
            let (c, _) = next(&mut i)?;
            if c == b'=' {
                break;
            }
        }
    }
    let mut quote = false;
    let mut closed = false;
    while i < src.len() {
        let (c, escaped) = next(&mut i)?;
        if closed {
            // Text after the outer `}`.
            return None;
        }
        if levels.is_empty() && c != b'{' {
            // Text before the outer `{`.
            return None;
        }
        if c == b'{' && !quote {
            if !rec.is_empty() {
                return None;
            }
            if let Some(has) = levels.last_mut() {
                if *has {
                    out.push(b',');
                }
                *has = true;
            }
            out.push(b'[');
            levels.push(false);
        } else if c == b'}' && !quote {
            new_entry(false, rec, levels, kind, out, bytes)?;
            out.push(b']');
            levels.pop();
            closed = levels.is_empty();
        } else if c == b'"' && !escaped {
            if quote {
                new_entry(true, rec, levels, kind, out, bytes)?;
            }
            quote = !quote;
        } else if c == b',' && !quote {
            new_entry(false, rec, levels, kind, out, bytes)?;
        } else {
            rec.push(c);
        }
    }
    // "array dimension not balanced", or no array at all.
    if closed {
        Some(())
    } else {
        None
    }
}

/// postgres-array's `newEntry`: flush the recorded text as one element.
fn new_entry(
    include_empty: bool,
    rec: &mut Vec<u8>,
    levels: &mut [bool],
    kind: ArrayKind,
    out: &mut Vec<u8>,
    bytes: &mut Vec<u8>,
) -> Option<()> {
    if rec.is_empty() && !include_empty {
        return Some(());
    }
    let has = levels.last_mut()?;
    if *has {
        out.push(b',');
    }
    *has = true;
    if !include_empty && rec.as_slice() == b"NULL" {
        out.extend_from_slice(b"null");
    } else {
        write_element(rec, kind, out, bytes)?;
    }
    rec.clear();
    Some(())
}

fn write_element(e: &[u8], kind: ArrayKind, out: &mut Vec<u8>, bytes: &mut Vec<u8>) -> Option<()> {
    match kind {
        ArrayKind::Text => write_json_str(out, e),
        ArrayKind::BigInt => {
            let s = std::str::from_utf8(e).ok()?;
            write_json_str(
                out,
                s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
                    .as_bytes(),
            );
        }
        ArrayKind::Int => write_f64(out, parse_int(e)?, b"null"),
        // JSON has no NaN: such a leaf is the string "NaN" (see ArrayKind::Float).
        ArrayKind::Float => write_f64(out, parse_float(e)?, b"\"NaN\""),
        ArrayKind::Bool => out.extend_from_slice(if parse_bool(e)? { b"true" } else { b"false" }),
        ArrayKind::Date => match e {
            b"infinity" => out.extend_from_slice(b"1e999"),
            b"-infinity" => out.extend_from_slice(b"-1e999"),
            _ => write_json_str(out, e),
        },
        // The server only stores valid JSON.
        ArrayKind::Json => out.extend_from_slice(e),
        ArrayKind::Timestamp { tz } => write_f64(out, parse_timestamp(e, tz)?, b"null"),
        ArrayKind::Bytes => {
            bytes.clear();
            if !decode_bytea(e, bytes) {
                return None;
            }
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.reserve(bytes.len() * 2 + 2);
            out.push(b'"');
            for &b in bytes.iter() {
                out.push(HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0'));
                out.push(HEX.get(usize::from(b & 0xF)).copied().unwrap_or(b'0'));
            }
            out.push(b'"');
        }
        ArrayKind::Interval => write_interval(e, out),
        ArrayKind::Point => write_point(e, out),
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(oid: u32, vals: &[Option<&str>]) -> ColumnData {
        let mut b = ResultSetBuilder::new(&[oid], vals.len());
        for v in vals {
            b.push_row([v.map(str::as_bytes)]).unwrap();
        }
        assert_eq!(b.rows(), vals.len());
        b.finish().into_iter().next().unwrap()
    }

    fn err(oid: u32, v: &str) -> CoreError {
        let mut b = ResultSetBuilder::new(&[oid], 1);
        let e = b.push_row([Some(v.as_bytes())]).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Database);
        assert_eq!(b.rows(), 0);
        e
    }

    /// Slices a Text-like column the way JS does (UTF-16 offsets).
    fn slices(text: &str, offsets: &[u32], nulls: &[u8]) -> Vec<Option<String>> {
        let u: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(offsets.len(), nulls.len() + 1);
        assert_eq!(*offsets.last().unwrap() as usize, u.len());
        nulls
            .iter()
            .enumerate()
            .map(|(i, &n)| {
                let s = &u[offsets[i] as usize..offsets[i + 1] as usize];
                if n == 1 {
                    assert!(s.is_empty());
                    None
                } else {
                    Some(String::from_utf16(s).unwrap())
                }
            })
            .collect()
    }

    fn strings(c: &ColumnData) -> Vec<Option<String>> {
        match c {
            ColumnData::Text {
                text,
                offsets,
                nulls,
            }
            | ColumnData::Json {
                text,
                offsets,
                nulls,
            }
            | ColumnData::Array {
                text,
                offsets,
                nulls,
                ..
            } => slices(text, offsets, nulls),
            other => panic!("not text-like: {other:?}"),
        }
    }

    fn text_of(oid: u32, vals: &[Option<&str>]) -> Vec<Option<String>> {
        strings(&one(oid, vals))
    }

    fn s(v: &str) -> Option<String> {
        Some(v.to_string())
    }

    fn numbers(oid: u32, vals: &[Option<&str>]) -> (Vec<f64>, Vec<u8>) {
        match one(oid, vals) {
            ColumnData::Number { values, nulls } => (values, nulls),
            other => panic!("{other:?}"),
        }
    }

    fn array(oid: u32, v: &str) -> String {
        strings(&one(oid, &[Some(v)]))[0].clone().unwrap()
    }

    fn ts(oid: u32, v: &str) -> f64 {
        match one(oid, &[Some(v)]) {
            ColumnData::Timestamp { values, nulls, .. } => {
                assert_eq!(nulls, vec![0]);
                values[0]
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn kinds_by_oid() {
        assert_eq!(column_kind(23), ColumnKind::Int);
        assert_eq!(column_kind(20), ColumnKind::Text);
        assert_eq!(column_kind(1700), ColumnKind::Text);
        assert_eq!(column_kind(1082), ColumnKind::Text);
        assert_eq!(column_kind(1184), ColumnKind::Timestamp { tz: true });
        assert_eq!(column_kind(1186), ColumnKind::Interval);
        assert_eq!(column_kind(1007), ColumnKind::Array(ArrayKind::Int));
        assert_eq!(column_kind(1231), ColumnKind::Array(ArrayKind::Text));
        // pg-types leaves name[]/char[] as strings (Sequelize's showIndex relies on it).
        assert_eq!(column_kind(1003), ColumnKind::Text);
        assert_eq!(column_kind(1002), ColumnKind::Text);
        assert_eq!(column_kind(999_999), ColumnKind::Text);
    }

    #[test]
    fn integers() {
        let (v, n) = numbers(21, &[Some("-32768"), Some("32767"), None, Some("0")]);
        assert_eq!(v, vec![-32768.0, 32767.0, 0.0, 0.0]);
        assert_eq!(n, vec![0, 0, 1, 0]);
        let (v, _) = numbers(23, &[Some("-2147483648"), Some("2147483647")]);
        assert_eq!(v, vec![-2147483648.0, 2147483647.0]);
        let (v, _) = numbers(26, &[Some("4294967295")]);
        assert_eq!(v, vec![4294967295.0]);
    }

    #[test]
    fn bad_values_are_errors() {
        let e = err(23, "x");
        assert_eq!(e.message, "invalid value for type int4: \"x\"");
        err(23, "");
        err(23, "1.5");
        err(23, "99999999999999999999999");
        err(701, "abc");
        err(16, "maybe");
        err(1184, "2024-01-02");
        err(1184, "2024-01-02 03:04:05"); // timestamptz without offset
        err(1114, "2024-01-02 03:04:05+00"); // timestamp with one
        err(1184, "2024-13-02 03:04:05+00");
        err(17, "\\x0");
        err(17, "\\xzz");
        err(17, "a\\b"); // lone backslash (postgres-bytea would hang)
        err(1007, "{1,x}");
        err(1007, "{1,2");
        err(1007, "1,2}");
        err(1009, "{a}trailing");
        err(1009, "{\"a\\");
        let long = "y".repeat(300);
        let e = err(21, &long);
        assert!(e.message.ends_with("…\""), "{}", e.message);
    }

    #[test]
    fn floats() {
        let (v, n) = numbers(
            701,
            &[
                Some("1.5"),
                Some("NaN"),
                Some("Infinity"),
                Some("-Infinity"),
                Some("-0"),
                Some("1e+308"),
                Some("1.7976931348623157e+308"),
                Some("1e-05"),
                None,
            ],
        );
        assert_eq!(v[0], 1.5);
        assert!(v[1].is_nan());
        assert_eq!(v[2], f64::INFINITY);
        assert_eq!(v[3], f64::NEG_INFINITY);
        assert!(v[4] == 0.0 && v[4].is_sign_negative());
        assert_eq!(v[5], 1e308);
        assert_eq!(v[6], f64::MAX);
        assert_eq!(v[7], 1e-5);
        assert_eq!(n, vec![0, 0, 0, 0, 0, 0, 0, 0, 1]);
        let (v, _) = numbers(700, &[Some("1.1")]);
        assert_eq!(v, vec![1.1]);
    }

    #[test]
    fn bools() {
        match one(16, &[Some("t"), Some("f"), None, Some("true")]) {
            ColumnData::Bool { values } => assert_eq!(values, vec![1, 0, 2, 1]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn text_utf16_offsets() {
        let c = one(
            25,
            &[
                Some("abc"),
                None,
                Some("é"),
                Some("😀x"),
                Some(""),
                Some("日本"),
            ],
        );
        match &c {
            ColumnData::Text {
                text,
                offsets,
                nulls,
            } => {
                assert_eq!(text, "abcé😀x日本");
                assert_eq!(offsets, &vec![0, 3, 3, 4, 7, 7, 9]);
                assert_eq!(nulls, &vec![0, 1, 0, 0, 0, 0]);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            strings(&c),
            vec![s("abc"), None, s("é"), s("😀x"), s(""), s("日本")]
        );
        // int8, numeric, date, time, uuid, unknown OIDs: strings as sent.
        assert_eq!(
            text_of(20, &[Some("9007199254740993")]),
            vec![s("9007199254740993")]
        );
        assert_eq!(text_of(1700, &[Some("12.50")]), vec![s("12.50")]);
        assert_eq!(text_of(1082, &[Some("2026-11-22")]), vec![s("2026-11-22")]);
        assert_eq!(text_of(1003, &[Some("{a,b}")]), vec![s("{a,b}")]);
        // Invalid UTF-8 → replacement character, like Buffer#toString.
        let mut b = ResultSetBuilder::new(&[25], 1);
        b.push_row([Some(&b"a\xffb"[..])]).unwrap();
        assert_eq!(strings(&b.finish()[0]), vec![s("a\u{fffd}b")]);
    }

    #[test]
    fn json_columns() {
        let c = one(3802, &[Some("{\"a\": [1, \"é\"]}"), None, Some("null")]);
        assert!(matches!(c, ColumnData::Json { .. }));
        assert_eq!(strings(&c), vec![s("{\"a\": [1, \"é\"]}"), None, s("null")]);
    }

    #[test]
    fn fraction_matches_parse_float() {
        let check = |frac: &str| {
            let want: f64 = frac.parse().unwrap_or(f64::NAN);
            let got = parse_fraction(frac.as_bytes()).unwrap_or(f64::NAN);
            assert_eq!(got.to_bits(), want.to_bits(), "{frac}");
            assert_eq!((1000.0 * got).trunc(), (1000.0 * want).trunc(), "{frac}");
        };
        for n in 1..=5u32 {
            for d in 0..10u64.pow(n) {
                check(&format!(".{d:0width$}", width = n as usize));
            }
        }
        for d in (0..1_000_000u64).step_by(7) {
            check(&format!(".{d:06}"));
        }
        check(".999999999999999");
        check(".1234567890123456789");
    }

    #[test]
    fn timestamptz() {
        // Expected values from postgres-date 1.0.7 (`parseDate(v).getTime()`).
        let cases: &[(&str, f64)] = &[
            ("2024-01-02 03:04:05+00", 1704164645000.0),
            ("2024-01-02 03:04:05+05:30", 1704144845000.0),
            ("2024-01-02 03:04:05-08", 1704193445000.0),
            ("2024-01-02 03:04:05.1+00", 1704164645100.0),
            ("2024-01-02 03:04:05.12+00", 1704164645120.0),
            ("2024-01-02 03:04:05.123+00", 1704164645123.0),
            ("2024-01-02 03:04:05.1234+00", 1704164645123.0),
            ("2024-01-02 03:04:05.12345+00", 1704164645123.0),
            ("2024-01-02 03:04:05.123456+00", 1704164645123.0),
            ("2024-01-02 03:04:05.999999-08", 1704193445999.0),
            ("0044-03-15 12:00:00+00 BC", -63517780800000.0),
            ("0001-02-29 00:00:00+00 BC", -62162035200000.0),
            ("0099-12-31 23:59:59+00", -59011459201000.0),
            ("1969-12-31 23:59:59.5+00", -500.0),
            ("1900-01-01 00:00:00+05:30:15", -2209008615000.0),
            ("10000-01-01 00:00:00+00", 253402300800000.0),
            ("275760-09-13 00:00:00+00", 8.64e15),
            ("2024-02-29 12:00:00.58+01", 1709204400580.0),
        ];
        for &(v, want) in cases {
            assert_eq!(ts(1184, v), want, "{v}");
        }
        assert_eq!(ts(1184, "275760-09-13 00:00:01+00"), INVALID_DATE_MS);
        assert_eq!(ts(1184, "infinity"), f64::INFINITY);
        assert_eq!(ts(1184, "-infinity"), f64::NEG_INFINITY);
        match one(1184, &[None, Some("2024-01-02 03:04:05+00")]) {
            ColumnData::Timestamp { values, nulls, tz } => {
                assert!(tz);
                assert_eq!(nulls, vec![1, 0]);
                assert_eq!(values[1], 1704164645000.0);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn timestamp_wall_clock() {
        // Expected: postgres-date under TZ=UTC, where local time = UTC.
        let cases: &[(&str, f64)] = &[
            ("2024-01-02 03:04:05.678", 1704164645678.0),
            ("0044-03-15 12:00:00 BC", -63517780800000.0),
            ("0001-02-29 00:00:00 BC", -62162035200000.0),
            ("0005-06-07 08:09:10", -61995772250000.0),
        ];
        for &(v, want) in cases {
            assert_eq!(ts(1114, v), want, "{v}");
        }
        assert!(matches!(
            one(1114, &[None]),
            ColumnData::Timestamp { tz: false, .. }
        ));
    }

    #[test]
    fn bytea() {
        let c = one(
            17,
            &[
                Some("\\x0a0Bff"),
                None,
                Some("\\x"),
                Some("abc\\\\def\\001\\377x"),
                Some("\\\\\\101"),
                Some("\\\\\\\\"),
            ],
        );
        match c {
            ColumnData::Bytes {
                data,
                offsets,
                nulls,
            } => {
                // Expected: postgres-bytea 1.0.1.
                let want: &[&[u8]] = &[
                    &[0x0a, 0x0b, 0xff],
                    &[],
                    &[],
                    b"abc\\def\x01\xffx",
                    b"\\A",
                    b"\\\\",
                ];
                assert_eq!(nulls, vec![0, 1, 0, 0, 0, 0]);
                for (i, w) in want.iter().enumerate() {
                    assert_eq!(&data[offsets[i] as usize..offsets[i + 1] as usize], *w);
                }
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn arrays() {
        // Expected: JSON.stringify of pg-types 2.2.0 parsers.
        assert_eq!(array(1007, "{1,2,NULL}"), "[1,2,null]");
        assert_eq!(
            array(1009, r#"{"a b","x\"y",NULL,"NULL"}"#),
            r#"["a b","x\"y",null,"NULL"]"#
        );
        assert_eq!(array(1007, "{{1,2},{3,4}}"), "[[1,2],[3,4]]");
        assert_eq!(array(1009, "{}"), "[]");
        assert_eq!(array(1007, "[0:1]={1,2}"), "[1,2]");
        assert_eq!(
            array(1009, r#"{"a,b","{c}","back\\slash","",plain}"#),
            r#"["a,b","{c}","back\\slash","","plain"]"#
        );
        assert_eq!(array(1009, "{{{a}},{{b}}}"), r#"[[["a"]],[["b"]]]"#);
        assert_eq!(array(1009, "{{a,b},{}}"), r#"[["a","b"],[]]"#);
        assert_eq!(array(1009, r#"{a,"b"c,d"e"}"#), r#"["a","b","c","de"]"#);
        assert_eq!(array(1009, "{\"é😀\",x}"), "[\"é😀\",\"x\"]");
        assert_eq!(array(1009, "{\"tab\there\"}"), r#"["tab\there"]"#);
        assert_eq!(array(1009, "{\"ctl\u{1}\"}"), r#"["ctl\u0001"]"#);
        assert_eq!(
            array(199, r#"{"{\"a\":1}",NULL,"[1,2]"}"#),
            r#"[{"a":1},null,[1,2]]"#
        );
        assert_eq!(
            array(1016, "{1, 2 ,9007199254740993}"),
            r#"["1","2","9007199254740993"]"#
        );
        assert_eq!(array(1231, "{1.50,NULL}"), r#"["1.50",null]"#);
        assert_eq!(array(1000, "{t,f,NULL}"), "[true,false,null]");
        assert_eq!(
            array(1022, "{1.5,-0,Infinity,-Infinity,1e+308,0.1}"),
            "[1.5,-0,1e999,-1e999,1e308,0.1]"
        );
        assert_eq!(
            array(1182, "{2024-01-02,infinity,-infinity,NULL}"),
            r#"["2024-01-02",1e999,-1e999,null]"#
        );
        assert_eq!(
            array(1187, r#"{"1 day",00:00:01.5}"#),
            r#"[{"days":1},{"seconds":1,"milliseconds":500}]"#
        );
        assert_eq!(
            array(1017, r#"{"(1,2)","(1.5,-3)"}"#),
            r#"[{"x":1,"y":2},{"x":1.5,"y":-3}]"#
        );
        // name[] stays the raw string.
        assert_eq!(array(1003, "{a,b}"), "{a,b}");

        // Every rendering is valid JSON.
        for (oid, v) in [(1009, r#"{"a\\b\"c","{}",NULL}"#), (1022, "{NaN,1}")] {
            serde_json::from_str::<serde_json::Value>(&array(oid, v)).unwrap();
        }
    }

    #[test]
    fn array_elem_hints() {
        let c = one(
            1185,
            &[Some(r#"{"2024-01-02 03:04:05.5+00",NULL,infinity}"#), None],
        );
        assert!(matches!(
            c,
            ColumnData::Array {
                elem: ArrayElem::Timestamp { tz: true },
                ..
            }
        ));
        assert_eq!(strings(&c), vec![s("[1704164645500,null,1e999]"), None]);

        let c = one(1115, &[Some(r#"{"2024-01-02 03:04:05"}"#)]);
        assert!(matches!(
            c,
            ColumnData::Array {
                elem: ArrayElem::Timestamp { tz: false },
                ..
            }
        ));
        assert_eq!(strings(&c), vec![s("[1704164645000]")]);

        let c = one(1001, &[Some(r#"{"\\x0102",NULL,"\\x"}"#)]);
        assert!(matches!(
            c,
            ColumnData::Array {
                elem: ArrayElem::Bytes,
                ..
            }
        ));
        assert_eq!(strings(&c), vec![s(r#"["0102",null,""]"#)]);

        let c = one(1022, &[Some("{1,2}")]);
        assert!(matches!(
            c,
            ColumnData::Array {
                elem: ArrayElem::Plain,
                ..
            }
        ));
        let c = one(1022, &[Some("{1,NaN}")]);
        assert!(matches!(
            c,
            ColumnData::Array {
                elem: ArrayElem::Plain,
                ..
            }
        ));
        assert_eq!(strings(&c), vec![s(r#"[1,"NaN"]"#)]);
    }

    #[test]
    fn intervals() {
        // Expected: JSON.stringify(postgres-interval 1.2.0(v)).
        let cases = [
            ("1 day", r#"{"days":1}"#),
            (
                "1 year 2 mons 3 days 04:05:06.5",
                r#"{"years":1,"months":2,"days":3,"hours":4,"minutes":5,"seconds":6,"milliseconds":500}"#,
            ),
            ("-01:00:00", r#"{"hours":-1}"#),
            ("00:00:00", "{}"),
            (
                "1 year -2 mons +3 days -04:05:06.123456",
                r#"{"years":1,"months":-2,"days":3,"hours":-4,"minutes":-5,"seconds":-6,"milliseconds":-123.456}"#,
            ),
            (
                "-1 days -00:00:00.000001",
                r#"{"days":-1,"milliseconds":-0.001}"#,
            ),
            ("@ 1 day", "{}"),
            ("3 mons", r#"{"months":3}"#),
            ("100:00:00", r#"{"hours":100}"#),
            (
                "1 day 00:00:01.1",
                r#"{"days":1,"seconds":1,"milliseconds":100}"#,
            ),
        ];
        for (v, want) in cases {
            assert_eq!(interval_to_json(v).as_deref(), Some(want), "{v}");
        }
        let c = one(1186, &[Some("1 day"), None]);
        assert!(matches!(c, ColumnData::Json { .. }));
        assert_eq!(strings(&c), vec![s(r#"{"days":1}"#), None]);
    }

    #[test]
    fn geometric() {
        assert_eq!(
            text_of(600, &[Some("(1.5,-2)")]),
            vec![s(r#"{"x":1.5,"y":-2}"#)]
        );
        assert_eq!(
            text_of(718, &[Some("<(1,2),3.5>")]),
            vec![s(r#"{"x":1,"y":2,"radius":3.5}"#)]
        );
    }

    #[test]
    fn row_shape_errors_roll_back() {
        let mut b = ResultSetBuilder::new(&[23, 25, 1009, 17], 2);
        b.push_row([Some(&b"1"[..]), Some(b"a"), Some(b"{x}"), Some(b"\\x01")])
            .unwrap();
        // Too few.
        let e = b.push_row([Some(&b"2"[..]), Some(b"b")]).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Database);
        assert_eq!(e.message, "row has 2 columns, expected 4");
        // Too many.
        let e = b
            .push_row([Some(&b"2"[..]), Some(b"b"), None, None, None])
            .unwrap_err();
        assert_eq!(e.message, "row has 5 columns, expected 4");
        // Bad value in a later column.
        b.push_row([Some(&b"3"[..]), Some(b"c"), Some(b"{y}"), Some(b"\\x0")])
            .unwrap_err();
        b.push_row([None, Some(&b"d"[..]), None, Some(b"\\x02")])
            .unwrap();
        assert_eq!(b.rows(), 2);
        let cols = b.finish();
        match &cols[0] {
            ColumnData::Number { values, nulls } => {
                assert_eq!(values, &vec![1.0, 0.0]);
                assert_eq!(nulls, &vec![0, 1]);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(strings(&cols[1]), vec![s("a"), s("d")]);
        assert_eq!(strings(&cols[2]), vec![s(r#"["x"]"#), None]);
        match &cols[3] {
            ColumnData::Bytes {
                data,
                offsets,
                nulls,
            } => {
                assert_eq!(data, &vec![1, 2]);
                assert_eq!(offsets, &vec![0, 1, 2]);
                assert_eq!(nulls, &vec![0, 0]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn from_kinds_for_dynamic_oids() {
        let mut b = ResultSetBuilder::from_kinds(&[ColumnKind::Array(ArrayKind::Text)], 1);
        b.push_row([Some(&b"{happy,sad}"[..])]).unwrap();
        assert_eq!(strings(&b.finish()[0]), vec![s(r#"["happy","sad"]"#)]);
    }

    #[test]
    fn zero_columns_and_rows() {
        let mut b = ResultSetBuilder::new(&[], 0);
        b.push_row(std::iter::empty()).unwrap();
        assert_eq!(b.rows(), 1);
        assert!(b.finish().is_empty());
        let cols = ResultSetBuilder::new(&[25, 23], 0).finish();
        assert_eq!(strings(&cols[0]), Vec::<Option<String>>::new());
    }

    #[test]
    fn bench_10k_by_10() {
        // Not a benchmark gate (debug build); prints the time for reference.
        let oids = [23, 25, 25, 25, 23, 701, 16, 1184, 25, 23];
        let rows: Vec<Vec<Option<Vec<u8>>>> = (0..10_000)
            .map(|i| {
                vec![
                    Some(i.to_string().into_bytes()),
                    Some(format!("first{i}").into_bytes()),
                    Some(format!("last{i}").into_bytes()),
                    Some(format!("user{i}@example.com").into_bytes()),
                    Some((i % 90).to_string().into_bytes()),
                    Some(format!("{}.25", i % 100).into_bytes()),
                    Some(if i % 2 == 0 {
                        b"t".to_vec()
                    } else {
                        b"f".to_vec()
                    }),
                    Some(b"2024-01-02 03:04:05.123456+00".to_vec()),
                    Some(b"A bio of thirty-nine characters, yes!!!".to_vec()),
                    if i % 3 == 0 {
                        None
                    } else {
                        Some(b"7".to_vec())
                    },
                ]
            })
            .collect();
        let t = std::time::Instant::now();
        let mut b = ResultSetBuilder::new(&oids, rows.len());
        for r in &rows {
            b.push_row(r.iter().map(|v| v.as_deref())).unwrap();
        }
        let cols = b.finish();
        eprintln!("10k x 10 decode: {:?}", t.elapsed());
        assert_eq!(cols.len(), 10);
    }
}
