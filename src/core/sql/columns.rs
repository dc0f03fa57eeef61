//! Bulk INSERT rows as typed columns — what the facade's `bulkCreate` sends:
//! one vector per inserted key instead of one tagged JSON value per cell
//! (numbers, booleans and Dates as `f64`s, strings as one text with their
//! lengths, anything else as tagged JSON values).
//!
//! A column holds one kind of value; the facade falls back to [`Values`]
//! (the tagged JSON of `src/core/value.rs`) for a column as soon as one of
//! its values is of another kind, so every cell means exactly what the
//! tagged value would ([`Cell::to_value`] gives it back).
//!
//! [`Values`]: ColumnValues::Values

use serde_json::{json, Map, Value};

use super::write::InsertRows;
use crate::core::error::{CoreError, CoreResult};

/// Strings of one column: their text, back to back, and each row's byte
/// range in it (`None`: NULL).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TextColumn {
    text: String,
    spans: Vec<Option<(u32, u32)>>,
}

impl TextColumn {
    /// From the facade's form: the column's strings joined as UTF-16 `units`
    /// and each row's length in units (`-1`: NULL). A lone surrogate becomes
    /// U+FFFD, as when pg or Node encodes the string as UTF-8.
    pub fn from_utf16(units: &[u16], lens: &[i32]) -> CoreResult<Self> {
        let mut text = String::with_capacity(units.len() + units.len() / 8);
        let mut spans = Vec::with_capacity(lens.len());
        let mut at = 0usize;
        for &len in lens {
            let Ok(n) = usize::try_from(len) else {
                spans.push(None);
                continue;
            };
            let piece = at
                .checked_add(n)
                .and_then(|end| units.get(at..end))
                .ok_or_else(|| CoreError::invalid("bulk column: lengths exceed its text"))?;
            at += n;
            let start = text.len();
            if piece.iter().all(|&u| u < 0x80) {
                // ASCII: one byte per unit (the common case, no decoding).
                text.extend(piece.iter().map(|&u| char::from(u as u8)));
            } else {
                text.extend(
                    char::decode_utf16(piece.iter().copied())
                        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)),
                );
            }
            let span = u32::try_from(start)
                .ok()
                .zip(u32::try_from(text.len()).ok())
                .ok_or_else(|| CoreError::invalid("bulk column: text too long"))?;
            spans.push(Some(span));
        }
        Ok(TextColumn { text, spans })
    }

    /// From Rust strings (tests, and callers that have them).
    pub fn from_strs<'a>(values: impl IntoIterator<Item = Option<&'a str>>) -> CoreResult<Self> {
        let mut units = Vec::new();
        let mut lens = Vec::new();
        for v in values {
            match v {
                Some(s) => {
                    let before = units.len();
                    units.extend(s.encode_utf16());
                    lens.push(
                        i32::try_from(units.len() - before)
                            .map_err(|_| CoreError::invalid("bulk column: string too long"))?,
                    );
                }
                None => lens.push(-1),
            }
        }
        TextColumn::from_utf16(&units, &lens)
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Row `i`'s string (`None`: NULL or out of range).
    pub fn get(&self, i: usize) -> Option<&str> {
        let (a, b) = (*self.spans.get(i)?)?;
        self.text.get(a as usize..b as usize)
    }
}

/// One inserted key's values, one per row.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnValues {
    /// Finite JS numbers; NaN is NULL.
    Numbers(Vec<f64>),
    /// `0`/`1`; NaN is NULL.
    Bools(Vec<f64>),
    /// Valid Dates: epoch milliseconds (NaN is NULL) and the offset (minutes)
    /// each is written with — one offset for every row, or one per row.
    Dates { ms: Vec<f64>, offsets: Vec<i32> },
    /// Strings.
    Texts(TextColumn),
    /// `JSON.stringify` of plain objects (the `{"$j": …}` tag's text).
    JsonTexts(TextColumn),
    /// Tagged JSON values (anything else).
    Values(Vec<Value>),
}

impl ColumnValues {
    pub fn len(&self) -> usize {
        match self {
            ColumnValues::Numbers(v) | ColumnValues::Bools(v) => v.len(),
            ColumnValues::Dates { ms, .. } => ms.len(),
            ColumnValues::Texts(t) | ColumnValues::JsonTexts(t) => t.len(),
            ColumnValues::Values(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `i`'s value.
    pub fn cell(&self, i: usize) -> Cell<'_> {
        let num = |v: &[f64]| v.get(i).copied().filter(|n| !n.is_nan());
        match self {
            ColumnValues::Numbers(v) => num(v).map_or(Cell::Null, Cell::Num),
            ColumnValues::Bools(v) => num(v).map_or(Cell::Null, |n| Cell::Bool(n != 0.0)),
            ColumnValues::Dates { ms, offsets } => match num(ms) {
                Some(t) => {
                    let off = match offsets.as_slice() {
                        [one] => *one,
                        all => all.get(i).copied().unwrap_or(0),
                    };
                    Cell::Date(t, off)
                }
                None => Cell::Null,
            },
            ColumnValues::Texts(t) => t.get(i).map_or(Cell::Null, Cell::Text),
            ColumnValues::JsonTexts(t) => t.get(i).map_or(Cell::Null, Cell::Json),
            ColumnValues::Values(v) => match v.get(i) {
                None | Some(Value::Null) => Cell::Null,
                Some(v) => Cell::Value(v),
            },
        }
    }
}

/// One cell of [`ColumnarRows`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Null,
    Num(f64),
    Bool(bool),
    /// Epoch milliseconds and the offset (minutes) the Date is written with.
    Date(f64, i32),
    Text(&'a str),
    /// JSON text of a plain object.
    Json(&'a str),
    /// A tagged JSON value (never `null`).
    Value(&'a Value),
}

impl Cell<'_> {
    /// The tagged JSON value the facade would have sent for this cell.
    pub fn to_value(&self) -> Value {
        match *self {
            Cell::Null => Value::Null,
            Cell::Num(n) => js_number_value(n),
            Cell::Bool(b) => Value::Bool(b),
            Cell::Date(ms, o) => json!({ "$d": ms, "o": o }),
            Cell::Text(s) => Value::String(s.to_string()),
            Cell::Json(s) => json!({ "$j": s }),
            Cell::Value(v) => v.clone(),
        }
    }
}

/// A JS number as `JSON.parse(JSON.stringify(n))` gives it to serde: whole
/// numbers in the 64-bit range as integers, others as floats.
fn js_number_value(n: f64) -> Value {
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    if n.fract() == 0.0 && (-TWO_63..TWO_63 * 2.0).contains(&n) {
        if n < 0.0 {
            return Value::from(n as i64);
        }
        return Value::from(n as u64);
    }
    json!(n)
}

/// The rows of a bulk INSERT as columns: the keys (attribute names) and one
/// [`ColumnValues`] per key, all of the same length.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnarRows {
    keys: Vec<String>,
    columns: Vec<ColumnValues>,
    len: usize,
}

impl ColumnarRows {
    /// `len` rows: checks that there is one column per key, each with `len`
    /// values, and that a Dates column has one offset or one per row.
    pub fn new(len: usize, keys: Vec<String>, columns: Vec<ColumnValues>) -> CoreResult<Self> {
        if keys.len() != columns.len() {
            return Err(CoreError::invalid("bulk rows: one column per key expected"));
        }
        for c in &columns {
            if c.len() != len {
                return Err(CoreError::invalid(
                    "bulk rows: columns of different lengths",
                ));
            }
            if let ColumnValues::Dates { offsets, .. } = c {
                if offsets.len() != 1 && offsets.len() != len {
                    return Err(CoreError::invalid(
                        "bulk rows: one offset or one per row expected",
                    ));
                }
            }
        }
        Ok(ColumnarRows { keys, columns, len })
    }

    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    pub fn columns(&self) -> &[ColumnValues] {
        &self.columns
    }

    /// Rows.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The same rows as [`InsertRows`] (for the statement shapes that take
    /// values one by one).
    pub fn to_insert_rows(&self) -> InsertRows {
        let rows = (0..self.len)
            .map(|i| self.columns.iter().map(|c| c.cell(i).to_value()).collect())
            .collect();
        InsertRows {
            keys: self.keys.clone(),
            rows,
        }
    }

    /// Row `i` as an object (key → tagged value), NULLs included.
    pub fn row_map(&self, i: usize) -> Map<String, Value> {
        self.keys
            .iter()
            .zip(&self.columns)
            .map(|(k, c)| (k.clone(), c.cell(i).to_value()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    #[test]
    fn text_column_from_utf16() {
        let joined = units("abcé😀xy");
        let t = TextColumn::from_utf16(&joined, &[3, -1, 1, 2, 0, 2]).unwrap_or_default();
        assert_eq!(t.len(), 6);
        assert_eq!(t.get(0), Some("abc"));
        assert_eq!(t.get(1), None);
        assert_eq!(t.get(2), Some("é"));
        assert_eq!(t.get(3), Some("😀"));
        assert_eq!(t.get(4), Some(""));
        assert_eq!(t.get(5), Some("xy"));
        assert_eq!(t.get(6), None);
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        // A high surrogate ending one value and a low one starting the next
        // are two lone surrogates, not a pair.
        let joined = [0x61, 0xD83D, 0xDE00, 0x62];
        let t = TextColumn::from_utf16(&joined, &[2, 2]).unwrap_or_default();
        assert_eq!(t.get(0), Some("a\u{FFFD}"));
        assert_eq!(t.get(1), Some("\u{FFFD}b"));
    }

    #[test]
    fn lengths_beyond_the_text_are_an_error() {
        assert!(TextColumn::from_utf16(&units("ab"), &[1, 2]).is_err());
        assert!(TextColumn::from_utf16(&units("ab"), &[i32::MAX]).is_err());
    }

    #[test]
    fn cells_and_their_tagged_values() {
        let texts = TextColumn::from_strs([Some("x"), None]).unwrap_or_default();
        let json_texts = TextColumn::from_strs([None, Some("{\"a\":1}")]).unwrap_or_default();
        let rows = ColumnarRows::new(
            2,
            ["n", "b", "d", "s", "j", "v"].map(String::from).to_vec(),
            vec![
                ColumnValues::Numbers(vec![1.5, f64::NAN]),
                ColumnValues::Bools(vec![f64::NAN, 0.0]),
                ColumnValues::Dates {
                    ms: vec![0.0, f64::NAN],
                    offsets: vec![60],
                },
                ColumnValues::Texts(texts),
                ColumnValues::JsonTexts(json_texts),
                ColumnValues::Values(vec![json!({"$n": "9"}), Value::Null]),
            ],
        );
        let Ok(rows) = rows else { panic!("valid rows") };
        assert_eq!(rows.len(), 2);
        assert_eq!(
            Value::Object(rows.row_map(0)),
            json!({"n": 1.5, "b": null, "d": {"$d": 0.0, "o": 60}, "s": "x", "j": null, "v": {"$n": "9"}})
        );
        assert_eq!(
            Value::Object(rows.row_map(1)),
            json!({"n": null, "b": false, "d": null, "s": null, "j": {"$j": "{\"a\":1}"}, "v": null})
        );
        assert_eq!(Cell::Num(3.0).to_value(), json!(3));
        assert_eq!(Cell::Num(-0.0).to_value(), json!(0));
        assert_eq!(Cell::Num(-2.0).to_value().as_i64(), Some(-2));
        let ir = rows.to_insert_rows();
        assert_eq!(ir.keys, rows.keys());
        assert_eq!(ir.rows[1][1], json!(false));
    }

    #[test]
    fn shapes_are_checked() {
        let two = || ColumnValues::Numbers(vec![1.0, 2.0]);
        assert!(ColumnarRows::new(2, vec!["a".into()], vec![]).is_err());
        assert!(ColumnarRows::new(
            2,
            vec!["a".into(), "b".into()],
            vec![two(), ColumnValues::Numbers(vec![1.0])]
        )
        .is_err());
        assert!(ColumnarRows::new(
            3,
            vec!["a".into()],
            vec![ColumnValues::Dates {
                ms: vec![1.0, 2.0, 3.0],
                offsets: vec![0, 0]
            }]
        )
        .is_err());
        assert!(ColumnarRows::new(2, vec!["a".into(), "b".into()], vec![two(), two()]).is_ok());
        assert!(ColumnarRows::new(3, vec!["a".into()], vec![two()]).is_err());
        // No keys: rows of nothing but defaults.
        let Ok(empty) = ColumnarRows::new(2, vec![], vec![]) else {
            panic!("valid rows")
        };
        assert_eq!(empty.to_insert_rows().rows, vec![Vec::<Value>::new(); 2]);
    }
}
