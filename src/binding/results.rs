//! Query results → JavaScript, column-wise and packed: per result set one
//! `ArrayBuffer` (all numbers, offsets, NULL masks and layout), one string
//! (every text value of every column, concatenated) and, for bytea, one
//! Buffer. `lib/rows.js` reads them with typed-array views and builds the row
//! objects. A handful of N-API calls per result set, whatever its width —
//! small results are dominated by per-call costs (an external typed array per
//! column cost more than the query's own decoding), large ones by copying.
//!
//! Buffer layout (native endianness, read by `lib/rows.js`):
//! - `F` (f64 × nf): number and timestamp columns' values, column after column.
//! - `U` (u32 × nu): 6 per field (tableID, columnID, dataTypeID, dataTypeSize,
//!   dataTypeModifier, format), then 5 per column (kind, value base, null base,
//!   offset base, array element kind), then text/bytes offsets (rows + 1 per
//!   column, absolute positions in the shared string / Buffer). Json and Array
//!   columns are one JSON array text each (`core::json_list`: one `JSON.parse`
//!   per column instead of one per row): 2 offsets (start, end), no NULL mask
//!   — except a Json column of flat objects with one key set
//!   (`core::json_flat`), sent split by key (see `Packed::object_column`):
//!   JavaScript builds those documents with a compiled object literal.
//! - `B` (u8 × nb): NULL masks (1 = NULL) and bool values (0, 1, 2 = NULL).

use std::ptr;

use napi::bindgen_prelude::*;
use napi::sys;

use super::extstr;
use crate::core::decode::utf16_len;
use crate::core::decode::{ArrayElem, ColumnData};
use crate::core::exec::ResultSet;
use crate::core::json_flat::{flat_objects, FlatObjects};
use crate::core::json_list::json_list;
use crate::core::jsstr::to_latin1;

/// Column kinds as `lib/rows.js` numbers them.
const K_NUM: u32 = 0;
const K_BOOL: u32 = 1;
const K_TEXT: u32 = 2;
const K_JSON: u32 = 3;
const K_TSTZ: u32 = 4;
const K_TS: u32 = 5;
const K_BYTES: u32 = 6;
const K_ARRAY: u32 = 7;
const K_OBJECT: u32 = 8;

/// Fewer documents go through `JSON.parse`: each key set needs its own
/// compiled builder, which costs more than parsing a few documents (and
/// small results of documents with varying keys would compile one per query).
const MIN_SPLIT_DOCUMENTS: usize = 64;

fn split_documents(text: &str, nulls: &[u8]) -> Option<FlatObjects> {
    let documents = nulls.iter().filter(|&&n| n == 0).count();
    if documents < MIN_SPLIT_DOCUMENTS {
        return None;
    }
    flat_objects(text, nulls)
}

pub fn results_array<'e>(env: &'e Env, sets: Vec<ResultSet>) -> Result<Array<'e>> {
    let mut arr = env.create_array(sets.len() as u32)?;
    for (i, set) in sets.into_iter().enumerate() {
        arr.set(i as u32, result_object(env, set)?)?;
    }
    Ok(arr)
}

/// The packed sections of one result set.
#[derive(Default)]
struct Packed {
    f: Vec<f64>,
    u: Vec<u32>,
    b: Vec<u8>,
    text: String,
    /// UTF-16 length of `text` so far.
    text_units: u32,
    bytes: Vec<u8>,
    has_bytes: bool,
}

fn elem_code(e: ArrayElem) -> u32 {
    match e {
        ArrayElem::Plain => 0,
        ArrayElem::Timestamp { tz: true } => 1,
        ArrayElem::Timestamp { tz: false } => 2,
        ArrayElem::Bytes => 3,
    }
}

impl Packed {
    fn new(set: &ResultSet) -> Packed {
        let rows = set.rows;
        let (mut nf, mut nu, mut nb) = (0, set.fields.len() * 6 + set.columns.len() * 5, 0);
        for c in &set.columns {
            match c {
                ColumnData::Number { .. } | ColumnData::Timestamp { .. } => {
                    nf += rows;
                    nb += rows;
                }
                ColumnData::Bool { .. } => nb += rows,
                ColumnData::Json { .. } | ColumnData::Array { .. } => nu += 2,
                _ => {
                    nu += rows + 1;
                    nb += rows;
                }
            }
        }
        let text_len = set
            .columns
            .iter()
            .map(|c| match c {
                ColumnData::Text { text, .. } => text.len(),
                // Brackets, commas, "null"s.
                ColumnData::Json { text, .. } | ColumnData::Array { text, .. } => {
                    text.len() + rows * 5 + 2
                }
                _ => 0,
            })
            .sum();
        Packed {
            f: Vec::with_capacity(nf),
            u: Vec::with_capacity(nu),
            b: Vec::with_capacity(nb),
            text: String::with_capacity(text_len),
            ..Packed::default()
        }
    }

    /// Appends a text-like column; returns its offset base.
    fn text_column(&mut self, text: &str, offsets: &[u32], nulls: &[u8]) -> (u32, u32) {
        let obase = self.u.len() as u32;
        let nbase = self.b.len() as u32;
        let shift = self.text_units;
        self.u.extend(offsets.iter().map(|o| o + shift));
        self.text_units = shift + offsets.last().copied().unwrap_or(0);
        self.text.push_str(text);
        self.b.extend_from_slice(nulls);
        (obase, nbase)
    }

    /// Appends a Json/Array column as one JSON array text; returns the base
    /// of its two offsets (start, end).
    fn json_column(&mut self, text: &str, offsets: &[u32], nulls: &[u8]) -> u32 {
        let (list, units) = json_list(text, offsets, nulls);
        let obase = self.u.len() as u32;
        let start = self.text_units;
        self.u
            .extend_from_slice(&[start, start.saturating_add(units)]);
        self.text_units = start.saturating_add(units);
        self.text.push_str(&list);
        obase
    }

    /// Appends a Json column of flat objects split by key (`core::json_flat`);
    /// returns its meta: `[K_OBJECT, key table base, NULL base, key count, 0]`.
    /// The key table (in `u`) has 5 entries per key: the key's start and end
    /// in the text, and the bases of its cell kinds (`b`), numbers (`f`) and
    /// string offsets (`u`).
    fn object_column(&mut self, flat: FlatObjects, nulls: &[u8]) -> [u32; 5] {
        let nbase = self.b.len() as u32;
        self.b.extend_from_slice(nulls);
        let table = self.u.len();
        self.u.resize(table + flat.keys.len() * 5, 0);
        for (j, (key, cells)) in flat.keys.iter().zip(flat.cells).enumerate() {
            let start = self.text_units;
            self.text.push_str(key);
            let end = start.saturating_add(utf16_len(key.as_bytes()) as u32);
            self.text_units = end;
            let kinds = self.b.len() as u32;
            self.b.extend_from_slice(&cells.kinds);
            let numbers = self.f.len() as u32;
            self.f.extend_from_slice(&cells.numbers);
            let (strings, _) = self.text_column(&cells.text, &cells.offsets, &[]);
            let entry = [start, end, kinds, numbers, strings];
            if let Some(slot) = self.u.get_mut(table + j * 5..table + j * 5 + 5) {
                slot.copy_from_slice(&entry);
            }
        }
        [K_OBJECT, table as u32, nbase, flat.keys.len() as u32, 0]
    }

    fn column(&mut self, meta: usize, c: ColumnData) {
        let mut m = [0u32; 5];
        match c {
            ColumnData::Number { values, nulls } => {
                m = [K_NUM, self.f.len() as u32, self.b.len() as u32, 0, 0];
                self.f.extend_from_slice(&values);
                self.b.extend_from_slice(&nulls);
            }
            ColumnData::Timestamp { values, nulls, tz } => {
                let kind = if tz { K_TSTZ } else { K_TS };
                m = [kind, self.f.len() as u32, self.b.len() as u32, 0, 0];
                self.f.extend_from_slice(&values);
                self.b.extend_from_slice(&nulls);
            }
            ColumnData::Bool { values } => {
                m[0] = K_BOOL;
                m[1] = self.b.len() as u32;
                self.b.extend_from_slice(&values);
            }
            ColumnData::Text {
                text,
                offsets,
                nulls,
            } => {
                let (o, n) = self.text_column(&text, &offsets, &nulls);
                m = [K_TEXT, 0, n, o, 0];
            }
            ColumnData::Json {
                text,
                offsets,
                nulls,
            } => match split_documents(&text, &nulls) {
                Some(flat) => m = self.object_column(flat, &nulls),
                None => {
                    let o = self.json_column(&text, &offsets, &nulls);
                    m = [K_JSON, 0, 0, o, 0];
                }
            },
            ColumnData::Array {
                text,
                offsets,
                nulls,
                elem,
            } => {
                let o = self.json_column(&text, &offsets, &nulls);
                m = [K_ARRAY, 0, 0, o, elem_code(elem)];
            }
            ColumnData::Bytes {
                data,
                offsets,
                nulls,
            } => {
                self.has_bytes = true;
                let obase = self.u.len() as u32;
                let shift = self.bytes.len() as u32;
                self.u.extend(offsets.iter().map(|o| o + shift));
                self.bytes.extend_from_slice(&data);
                m = [K_BYTES, 0, self.b.len() as u32, obase, 0];
                self.b.extend_from_slice(&nulls);
            }
        }
        self.u[meta..meta + 5].copy_from_slice(&m);
    }

    /// The sections copied into one new ArrayBuffer (V8-owned: no finalizer).
    fn array_buffer<'e>(&self, env: &'e Env) -> Result<Unknown<'e>> {
        let lf = self.f.len() * 8;
        let lu = self.u.len() * 4;
        let total = lf + lu + self.b.len();
        let mut data: *mut std::ffi::c_void = ptr::null_mut();
        let mut ab: sys::napi_value = ptr::null_mut();
        // SAFETY: napi_create_arraybuffer hands back `total` writable bytes, which
        // are filled from the three vectors without overlap; all on the JS thread.
        unsafe {
            let s = sys::napi_create_arraybuffer(env.raw(), total, &mut data, &mut ab);
            if s != sys::Status::napi_ok || (total > 0 && data.is_null()) {
                return Err(Error::from_reason("cannot allocate the result buffer"));
            }
            let dst = data as *mut u8;
            if lf > 0 {
                ptr::copy_nonoverlapping(self.f.as_ptr() as *const u8, dst, lf);
            }
            if lu > 0 {
                ptr::copy_nonoverlapping(self.u.as_ptr() as *const u8, dst.add(lf), lu);
            }
            if !self.b.is_empty() {
                ptr::copy_nonoverlapping(self.b.as_ptr(), dst.add(lf + lu), self.b.len());
            }
            Ok(Unknown::from_raw_unchecked(env.raw(), ab))
        }
    }
}

/// One result set as a positional array (see `lib/rows.js` `ResultSet`):
/// `[command, rowCount, oid, nrows, names, buffer, text, bytes, ncols, nf, nu, nb]`,
/// `names` the field names joined with NUL (PostgreSQL names cannot contain it).
pub(crate) fn result_object<'e>(env: &'e Env, set: ResultSet) -> Result<Array<'e>> {
    let mut o = env.create_array(12)?;
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
    let ncols = set.columns.len();
    if set.fields.is_empty() && ncols == 0 {
        o.set(4, "")?;
        o.set(8, 0u32)?;
        return Ok(o);
    }
    let mut p = Packed::new(&set);
    let mut names = String::new();
    for (i, f) in set.fields.iter().enumerate() {
        if i > 0 {
            names.push('\0');
        }
        names.push_str(f.name.as_str());
        p.u.extend_from_slice(&[
            f.table_oid,
            f.column_id as i32 as u32,
            f.type_oid,
            f.type_size as i32 as u32,
            f.type_modifier as u32,
            u32::from(f.format == 1),
        ]);
    }
    let meta = p.u.len();
    p.u.resize(meta + ncols * 5, 0);
    for (i, c) in set.columns.into_iter().enumerate() {
        p.column(meta + i * 5, c);
    }
    o.set(4, names)?;
    let (nf, nu, nb) = (p.f.len() as u32, p.u.len() as u32, p.b.len() as u32);
    o.set(5, p.array_buffer(env)?)?;
    p.f = Vec::new();
    p.u = Vec::new();
    p.b = Vec::new();
    // Text whose characters all fit in Latin-1 (ASCII, Western European
    // accents) becomes a one-byte string by a copy instead of a UTF-8 decode.
    // Large texts stay in Rust memory as external strings (see `extstr`).
    let text = std::mem::take(&mut p.text);
    if text.is_ascii() {
        o.set(6, extstr::latin1(env, text.into_bytes())?)?;
    } else if let Some(latin1) = to_latin1(&text) {
        o.set(6, extstr::latin1(env, latin1)?)?;
    } else {
        o.set(6, extstr::text(env, &text)?)?;
    }
    if p.has_bytes {
        o.set(7, Buffer::from(std::mem::take(&mut p.bytes)))?;
    }
    o.set(8, ncols as u32)?;
    o.set(9, nf)?;
    o.set(10, nu)?;
    o.set(11, nb)?;
    Ok(o)
}
