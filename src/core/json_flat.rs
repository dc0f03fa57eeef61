//! A JSON column whose documents are all flat objects with the same keys,
//! split into one sub-column per key.
//!
//! Application JSON columns usually hold documents of one shape
//! (`{"k": 1, "ok": false, "tag": "t1"}` in every row). `JSON.parse` of the
//! column's list (see [`crate::core::json_list`]) spends most of its time
//! scanning and internalising the same keys row after row; with the values
//! split by key, JavaScript builds each document with one compiled object
//! literal instead, as it builds rows (`lib/rows.js`). The result is the value
//! `JSON.parse` gives: same keys in the same order, same numbers (Rust's and
//! JavaScript's decimal → f64 conversions both round correctly), same strings.
//!
//! Only the unambiguous case is split; anything else returns `None` and the
//! column goes through `JSON.parse`: a document that is not an object, a
//! nested object or array, a key or string with a backslash escape, a key
//! `__proto__` (an object literal would set the prototype), a repeated key,
//! more than [`MAX_KEYS`] keys, or a key set that differs from the first
//! document's. SQL NULL rows are allowed (the row's value is `null`).

use crate::core::decode::utf16_len;

/// Wider documents go through `JSON.parse` (one compiled literal per shape).
pub const MAX_KEYS: usize = 32;

/// Cell kinds, as `lib/rows.js` reads them.
pub const CELL_NULL: u8 = 0;
pub const CELL_FALSE: u8 = 1;
pub const CELL_TRUE: u8 = 2;
pub const CELL_NUMBER: u8 = 3;
pub const CELL_STRING: u8 = 4;

/// One key's values, one cell per row (SQL NULL rows get a `CELL_NULL` cell).
#[derive(Debug, Default, PartialEq)]
pub struct KeyCells {
    pub kinds: Vec<u8>,
    /// The number of each `CELL_NUMBER` cell (0 otherwise).
    pub numbers: Vec<f64>,
    /// Every string value, concatenated.
    pub text: String,
    /// UTF-16 offsets into `text` (rows + 1): cell `r` is `offsets[r]..offsets[r + 1]`.
    pub offsets: Vec<u32>,
}

/// The split column; its SQL NULL rows are the caller's `nulls`.
#[derive(Debug, PartialEq)]
pub struct FlatObjects {
    pub keys: Vec<String>,
    pub cells: Vec<KeyCells>,
}

/// The column (`text`: the non-NULL documents concatenated, in row order;
/// `nulls[r] == 1` for SQL NULL) split by key, or `None`.
pub fn flat_objects(text: &str, nulls: &[u8]) -> Option<FlatObjects> {
    let rows = nulls.len();
    let b = text.as_bytes();
    let mut pos = 0;
    let mut keys: Option<Vec<&str>> = None;
    let mut cells: Vec<KeyCells> = Vec::new();
    let mut row_keys: Vec<&str> = Vec::new();
    for (r, &null) in nulls.iter().enumerate() {
        if null != 0 {
            for c in &mut cells {
                c.push_scalar(CELL_NULL, 0.0);
            }
            continue;
        }
        row_keys.clear();
        pos = skip_ws(b, pos);
        if b.get(pos) != Some(&b'{') {
            return None;
        }
        pos = skip_ws(b, pos + 1);
        if b.get(pos) == Some(&b'}') {
            pos += 1;
        } else {
            loop {
                let (key, next) = plain_string(b, text, pos)?;
                if key == "__proto__" || row_keys.len() >= MAX_KEYS || row_keys.contains(&key) {
                    return None;
                }
                let j = row_keys.len();
                row_keys.push(key);
                match &keys {
                    Some(k) if k.get(j) != Some(&key) => return None,
                    Some(_) => {}
                    None => {
                        cells.push(KeyCells::with_capacity(rows, r));
                    }
                }
                pos = skip_ws(b, next);
                if b.get(pos) != Some(&b':') {
                    return None;
                }
                pos = skip_ws(b, pos + 1);
                let cell = cells.get_mut(j)?;
                pos = value(b, text, pos, cell)?;
                pos = skip_ws(b, pos);
                match b.get(pos) {
                    Some(b',') => pos = skip_ws(b, pos + 1),
                    Some(b'}') => {
                        pos += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        match &keys {
            Some(k) if k.len() != row_keys.len() => return None,
            Some(_) => {}
            None => keys = Some(row_keys.clone()),
        }
    }
    if skip_ws(b, pos) != b.len() {
        return None;
    }
    let keys = keys?;
    Some(FlatObjects {
        keys: keys.into_iter().map(str::to_owned).collect(),
        cells,
    })
}

impl KeyCells {
    /// A key first seen at row `first` (earlier rows were SQL NULL).
    fn with_capacity(rows: usize, first: usize) -> KeyCells {
        let mut c = KeyCells {
            kinds: Vec::with_capacity(rows),
            numbers: Vec::with_capacity(rows),
            text: String::new(),
            offsets: Vec::with_capacity(rows + 1),
        };
        c.offsets.push(0);
        for _ in 0..first {
            c.push_scalar(CELL_NULL, 0.0);
        }
        c
    }

    /// A cell that is not a string (its string span is empty).
    fn push_scalar(&mut self, kind: u8, number: f64) {
        self.kinds.push(kind);
        self.numbers.push(number);
        self.offsets.push(self.units());
    }

    fn push_string(&mut self, s: &str) {
        self.kinds.push(CELL_STRING);
        self.numbers.push(0.0);
        let end = self.units().saturating_add(utf16_len(s.as_bytes()) as u32);
        self.text.push_str(s);
        self.offsets.push(end);
    }

    fn units(&self) -> u32 {
        self.offsets.last().copied().unwrap_or(0)
    }
}

fn skip_ws(b: &[u8], mut pos: usize) -> usize {
    while matches!(b.get(pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        pos += 1;
    }
    pos
}

/// A string without escapes at `pos` (the opening quote): its content and
/// the position after the closing quote.
fn plain_string<'t>(b: &[u8], text: &'t str, pos: usize) -> Option<(&'t str, usize)> {
    if b.get(pos) != Some(&b'"') {
        return None;
    }
    let start = pos + 1;
    let len = b
        .get(start..)?
        .iter()
        .position(|&c| c == b'"' || c == b'\\')?;
    let end = start + len;
    if b.get(end) != Some(&b'"') {
        return None;
    }
    Some((text.get(start..end)?, end + 1))
}

/// One scalar value at `pos` into `cell`; the position after it.
fn value(b: &[u8], text: &str, pos: usize, cell: &mut KeyCells) -> Option<usize> {
    let word = |w: &[u8]| b.get(pos..pos + w.len()) == Some(w);
    match b.get(pos)? {
        b'"' => {
            let (s, next) = plain_string(b, text, pos)?;
            cell.push_string(s);
            Some(next)
        }
        b't' if word(b"true") => {
            cell.push_scalar(CELL_TRUE, 0.0);
            Some(pos + 4)
        }
        b'f' if word(b"false") => {
            cell.push_scalar(CELL_FALSE, 0.0);
            Some(pos + 5)
        }
        b'n' if word(b"null") => {
            cell.push_scalar(CELL_NULL, 0.0);
            Some(pos + 4)
        }
        b'-' | b'0'..=b'9' => {
            let len = b
                .get(pos..)?
                .iter()
                .position(|c| !matches!(c, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'));
            let end = len.map_or(b.len(), |l| pos + l);
            let n: f64 = text.get(pos..end)?.parse().ok()?;
            cell.push_scalar(CELL_NUMBER, n);
            Some(end)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(docs: &[Option<&str>]) -> Option<FlatObjects> {
        let text: String = docs.iter().flatten().copied().collect();
        let nulls: Vec<u8> = docs.iter().map(|d| u8::from(d.is_none())).collect();
        flat_objects(&text, &nulls)
    }

    #[test]
    fn uniform_flat_objects_split_by_key() {
        let f = split(&[
            Some(r#"{"k": 1, "ok": false, "tag": "t1"}"#),
            None,
            Some(r#"{"k": -0.5e2, "ok": true, "tag": "日本😀"}"#),
            Some(r#"{"k": null, "ok": null, "tag": 7}"#),
        ])
        .unwrap_or_else(|| panic!("not split"));
        assert_eq!(f.keys, ["k", "ok", "tag"]);
        let [k, ok, tag] = &f.cells[..] else {
            panic!("3 keys")
        };
        assert_eq!(k.kinds, [CELL_NUMBER, CELL_NULL, CELL_NUMBER, CELL_NULL]);
        assert_eq!(k.numbers, [1.0, 0.0, -50.0, 0.0]);
        assert_eq!(ok.kinds, [CELL_FALSE, CELL_NULL, CELL_TRUE, CELL_NULL]);
        assert_eq!(
            tag.kinds,
            [CELL_STRING, CELL_NULL, CELL_STRING, CELL_NUMBER]
        );
        assert_eq!(tag.text, "t1日本😀");
        // UTF-16 offsets: 日 and 本 one unit each, 😀 two.
        assert_eq!(tag.offsets, [0, 2, 2, 6, 6]);
        assert_eq!(tag.numbers[3], 7.0);
    }

    #[test]
    fn leading_nulls_empty_objects_and_whitespace() {
        let f = split(&[
            None,
            None,
            Some("{ \"a\" :\n\"x\" }"),
            Some(r#"{"a": "yz"}"#),
        ])
        .unwrap_or_else(|| panic!("not split"));
        assert_eq!(f.keys, ["a"]);
        assert_eq!(
            f.cells[0].kinds,
            [CELL_NULL, CELL_NULL, CELL_STRING, CELL_STRING]
        );
        assert_eq!(f.cells[0].offsets, [0, 0, 0, 1, 3]);
        let e = split(&[Some("{}"), None, Some("{ }")]).unwrap_or_else(|| panic!("not split"));
        assert!(e.keys.is_empty() && e.cells.is_empty());
    }

    #[test]
    fn numbers_as_javascript_reads_them() {
        let docs = [
            "-0",
            "1e400",
            "12345678901234567890",
            "0.1",
            "1.5E+3",
            "-1e-400",
        ];
        let text: Vec<String> = docs.iter().map(|n| format!(r#"{{"n": {n}}}"#)).collect();
        let f = split(&text.iter().map(|s| Some(s.as_str())).collect::<Vec<_>>())
            .unwrap_or_else(|| panic!("not split"));
        let n = &f.cells[0].numbers;
        assert!(n[0] == 0.0 && n[0].is_sign_negative());
        assert_eq!(n[1], f64::INFINITY);
        assert_eq!(n[2], 12345678901234567890.0);
        assert_eq!(n[3], 0.1);
        assert_eq!(n[4], 1500.0);
        assert!(n[5] == 0.0 && n[5].is_sign_negative());
    }

    #[test]
    fn anything_else_is_left_to_json_parse() {
        let no = |docs: &[Option<&str>]| assert_eq!(split(docs), None, "{docs:?}");
        no(&[Some(r#"{"a": 1}"#), Some(r#"{"b": 1}"#)]); // other key
        no(&[Some(r#"{"a": 1}"#), Some(r#"{"a": 1, "b": 2}"#)]); // more keys
        no(&[Some(r#"{"a": 1, "b": 2}"#), Some(r#"{"a": 1}"#)]); // fewer keys
        no(&[Some(r#"{"a": 1, "b": 2}"#), Some(r#"{"b": 2, "a": 1}"#)]); // other order
        no(&[Some(r#"{"a": {"b": 1}}"#)]); // nested object
        no(&[Some(r#"{"a": [1]}"#)]); // array
        no(&[Some(r#"{"a": "x\"y"}"#)]); // escape in a value
        no(&[Some(r#"{"a\n": 1}"#)]); // escape in a key
        no(&[Some(r#"{"__proto__": 1}"#)]);
        no(&[Some(r#"{"a": 1, "a": 2}"#)]); // repeated key (json, not jsonb)
        no(&[Some("[1, 2]"), Some("3"), Some("null")]); // not objects
        no(&[Some("null")]);
        no(&[None, None]); // no document at all
        no(&[Some(r#"{"a": tru}"#)]);
        no(&[Some(r#"{"a": 1"#)]); // truncated
        no(&[Some(r#"{"a": 1}x"#)]); // trailing text
        no(&[Some(r#"{"a": 1-}"#)]); // not a number
        let wide: String = format!(
            "{{{}}}",
            (0..=MAX_KEYS)
                .map(|i| format!(r#""k{i}": 1"#))
                .collect::<Vec<_>>()
                .join(",")
        );
        no(&[Some(&wide)]);
    }
}
