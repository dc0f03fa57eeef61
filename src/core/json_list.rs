//! A JSON-valued column as one JSON array text: `[v1,v2,null,…]`.
//!
//! Json and Array columns hold one JSON text per row (see
//! [`crate::core::decode::ColumnData`]). JavaScript turns them into values
//! with `JSON.parse`; one parse of the whole column costs much less than one
//! parse per row (the per-call overhead dominates for small documents). SQL
//! NULL becomes JSON `null`, which `JSON.parse` gives back as `null` — the
//! same value a NULL column yields, and the same value the JSON document
//! `null` yields in node-postgres, so nothing is lost.

/// The column's values (`text` sliced at the UTF-16 `offsets`, `nulls[i] == 1`
/// for SQL NULL) as one JSON array text, and that text's UTF-16 length.
///
/// Every value is already valid JSON text: the server validated json/jsonb,
/// and the decoder wrote the array and interval renderings itself.
pub fn json_list(text: &str, offsets: &[u32], nulls: &[u8]) -> (String, u32) {
    let rows = nulls.len();
    let nnull = nulls.iter().filter(|&&n| n != 0).count();
    let mut out = String::with_capacity(text.len() + rows + 4 * nnull + 2);
    out.push('[');
    let map = byte_offsets(text, offsets);
    let bytes = |i: usize| match &map {
        None => offsets.get(i).map_or(text.len(), |&o| o as usize),
        Some(m) => m.get(i).copied().unwrap_or(text.len()),
    };
    for (i, &null) in nulls.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if null != 0 {
            out.push_str("null");
            continue;
        }
        let (a, b) = (bytes(i), bytes(i + 1));
        out.push_str(text.get(a..b).unwrap_or("null"));
    }
    out.push(']');
    // The values, the brackets, the commas and "null" for each NULL (whose
    // value span is empty); everything added is ASCII.
    let units =
        offsets.last().copied().unwrap_or(0) as usize + 2 + rows.saturating_sub(1) + 4 * nnull;
    (out, u32::try_from(units).unwrap_or(u32::MAX))
}

/// The byte position of every UTF-16 offset in `text`; `None` when the text
/// is ASCII (the offsets are byte positions then). Walks the text once
/// (offsets never decrease).
fn byte_offsets(text: &str, offsets: &[u32]) -> Option<Vec<usize>> {
    if text.is_ascii() {
        return None;
    }
    let mut map = Vec::with_capacity(offsets.len());
    let mut units = 0u32;
    let mut chars = text.char_indices().peekable();
    for &o in offsets {
        while units < o {
            match chars.next() {
                Some((_, c)) => units += c.len_utf16() as u32,
                None => break,
            }
        }
        map.push(chars.peek().map_or(text.len(), |&(b, _)| b));
    }
    Some(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str) -> u32 {
        s.encode_utf16().count() as u32
    }

    /// Builds the (text, offsets, nulls) layout of a decoded column.
    fn column(values: &[Option<&str>]) -> (String, Vec<u32>, Vec<u8>) {
        let mut text = String::new();
        let mut offsets = vec![0];
        let mut nulls = Vec::new();
        for v in values {
            if let Some(v) = v {
                text.push_str(v);
            }
            offsets.push(utf16(&text));
            nulls.push(u8::from(v.is_none()));
        }
        (text, offsets, nulls)
    }

    fn list(values: &[Option<&str>]) -> String {
        let (text, offsets, nulls) = column(values);
        let (out, units) = json_list(&text, &offsets, &nulls);
        assert_eq!(units, utf16(&out), "UTF-16 length of {out}");
        out
    }

    #[test]
    fn joins_values_and_nulls() {
        assert_eq!(list(&[]), "[]");
        assert_eq!(list(&[None]), "[null]");
        assert_eq!(
            list(&[Some("{\"a\": 1}"), None, Some("[1, 2]"), Some("\"x\"")]),
            "[{\"a\": 1},null,[1, 2],\"x\"]"
        );
        assert_eq!(list(&[Some("null"), None]), "[null,null]");
    }

    #[test]
    fn non_ascii_values_keep_their_boundaries() {
        let out = list(&[
            Some("\"é\""),
            None,
            Some("{\"k\": \"😀x\"}"),
            Some("\"日本\""),
        ]);
        assert_eq!(out, "[\"é\",null,{\"k\": \"😀x\"},\"日本\"]");
        let parsed: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
        assert_eq!(parsed[2]["k"], "😀x");
        assert_eq!(parsed[3], "日本");
    }
}
