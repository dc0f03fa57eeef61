//! `sequelize.query(sql, { bind })`: parameters sent to the server next to
//! the SQL (extended protocol), never inlined.
//!
//! A port of Sequelize 6.37.8 `AbstractQuery.formatBindParameters` +
//! the postgres `Query.formatBindParameters`, and of pg 8.23.1
//! `utils.prepareValue` / `arrayString` for turning values into parameters.
//!
//! SQL rewriting is Sequelize's regex `/\B\$(\$|\w+)/g` applied to the whole
//! text, so — exactly like 6.37 — it does NOT skip string literals,
//! identifiers, comments or dollar-quoted bodies:
//! - `$$` becomes `$` everywhere (`'$$'` → `'$'`, `$$body$$` → `$body$$`);
//! - a `$` directly after a word character (`a$1`) is not a parameter;
//! - array bind: `$1`…`$N` (1-based) stay as they are and must have a value;
//!   any other `$word` (`$0`, `$01`, `$x`) is an error;
//! - object bind: `$name` is renumbered `$1`, `$2`… by first appearance
//!   (repeats reuse their number, unreferenced keys are not sent); a
//!   numeric `$1` is an error.
//!
//! The error is always `Named bind parameter "$x" has no value in the given object.`

use crate::core::error::{CoreError, CoreResult};
use crate::core::escape::{checked_bigint, date_parts, format_date, js_number_to_string};
use crate::core::value::{BindParam, SqlValue};

/// The `bind` option: a JS array (`$1`) or a plain object (`$name`).
///
/// The binding should drop object keys whose value is `undefined` (Sequelize
/// treats them as missing). For an array holding `undefined`, use
/// [`Bind::PositionalSparse`]: Sequelize sends `undefined` as SQL NULL but
/// fails when the SQL references it.
#[derive(Debug, Clone, PartialEq)]
pub enum Bind {
    Positional(Vec<SqlValue>),
    /// A positional array in which `None` is a JS `undefined` element.
    PositionalSparse(Vec<Option<SqlValue>>),
    Named(Vec<(String, SqlValue)>),
}

/// Rewrites `sql` for `bind` and returns the parameters, pg-style prepared
/// (see [`to_bind_param`]). For an array bind every element is sent, in order;
/// for an object bind only the referenced keys, in order of first appearance.
///
/// When the returned list is empty, Sequelize sends the SQL with the simple
/// query protocol (no parameters at all); the caller should do the same.
pub fn prepare_bind(sql: &str, b: &Bind) -> CoreResult<(String, Vec<BindParam>)> {
    let chars: Vec<char> = sql.chars().collect();
    let mut out = String::with_capacity(sql.len());
    // Object bind: names in order of first appearance.
    let mut seen: Vec<&str> = Vec::new();
    let mut named_params: Vec<BindParam> = Vec::new();

    let mut i = 0usize;
    while let Some(&c) = chars.get(i) {
        let prev_is_word = i
            .checked_sub(1)
            .and_then(|j| chars.get(j))
            .is_some_and(|p| is_word(*p));
        if c == '$' && !prev_is_word {
            if chars.get(i + 1) == Some(&'$') {
                out.push('$');
                i += 2;
                continue;
            }
            let mut end = i + 1;
            while chars.get(end).is_some_and(|c| is_word(*c)) {
                end += 1;
            }
            if end > i + 1 {
                let key: String = chars.get(i + 1..end).unwrap_or_default().iter().collect();
                let missing = || {
                    CoreError::invalid(format!(
                        "Named bind parameter \"${key}\" has no value in the given object."
                    ))
                };
                match b {
                    Bind::Positional(values) => {
                        let index = positional_index(&key).ok_or_else(missing)?;
                        values.get(index).ok_or_else(missing)?;
                        out.push('$');
                        out.push_str(&key);
                    }
                    Bind::PositionalSparse(values) => {
                        let index = positional_index(&key).ok_or_else(missing)?;
                        values
                            .get(index)
                            .and_then(Option::as_ref)
                            .ok_or_else(missing)?;
                        out.push('$');
                        out.push_str(&key);
                    }
                    Bind::Named(values) => {
                        if key.bytes().all(|b| b.is_ascii_digit()) {
                            return Err(missing());
                        }
                        let number = match seen.iter().position(|k| *k == key) {
                            Some(p) => p + 1,
                            None => {
                                let (name, value) = values
                                    .iter()
                                    .rev()
                                    .find(|(k, _)| *k == key)
                                    .ok_or_else(missing)?;
                                named_params.push(to_bind_param(value)?);
                                seen.push(name.as_str());
                                seen.len()
                            }
                        };
                        out.push('$');
                        out.push_str(&number.to_string());
                    }
                }
                i = end;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }

    let params = match b {
        Bind::Positional(values) => values
            .iter()
            .map(to_bind_param)
            .collect::<CoreResult<_>>()?,
        Bind::PositionalSparse(values) => values
            .iter()
            .map(|v| v.as_ref().map_or(Ok(BindParam::Null), to_bind_param))
            .collect::<CoreResult<_>>()?,
        Bind::Named(_) => named_params,
    };
    Ok((out, params))
}

/// JS regex `\w`.
fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// `$N` of an array bind: `^[1-9]\d*$` → 0-based index.
fn positional_index(key: &str) -> Option<usize> {
    if key.starts_with('0') || key.is_empty() || !key.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    key.parse::<usize>().ok()?.checked_sub(1)
}

/// One parameter as Sequelize (postgres `formatBindParameters`) and pg
/// (`prepareValue`) hand it to the server:
/// - `null` → NULL;
/// - boolean → `true` / `false`; number → JS `String(n)`; bigint → digits;
/// - string → itself, with NUL replaced by the two characters `\0`;
/// - Date → [`format_date`] (`2024-01-02 03:04:05.678 +00:00`), an invalid
///   Date is an error (`Invalid date`);
/// - Buffer → binary;
/// - array → a PostgreSQL array literal (pg `arrayString`): `{…}`, elements
///   comma-separated, NULL for null, nested arrays nested, Buffers as
///   `\\x<hex>` (two backslashes) unquoted, every other element
///   double-quoted with `\` and `"` backslash-escaped (strings inside arrays
///   keep NUL characters, as in Sequelize);
/// - JSON text → itself;
/// - raw SQL (`literal`) → error: it cannot be a parameter.
pub fn to_bind_param(v: &SqlValue) -> CoreResult<BindParam> {
    Ok(match v {
        SqlValue::Null => BindParam::Null,
        SqlValue::Bytes(bytes) => BindParam::Binary(bytes.clone()),
        SqlValue::Text(s) => BindParam::Text(s.replace('\0', "\\0")),
        SqlValue::Number(n) => BindParam::Number(js_number_to_string(*n)),
        SqlValue::Bool(b) => BindParam::Bool(*b),
        SqlValue::Array(items) => {
            let mut out = String::new();
            write_array_literal(&mut out, items)?;
            BindParam::Text(out)
        }
        other => BindParam::Text(scalar_text(other)?),
    })
}

/// pg `prepareValue` for a non-null, non-array, non-Buffer value.
fn scalar_text(v: &SqlValue) -> CoreResult<String> {
    Ok(match v {
        SqlValue::Null => "NULL".to_string(),
        SqlValue::Bool(b) => b.to_string(),
        SqlValue::Number(n) => js_number_to_string(*n),
        SqlValue::BigInt(digits) => checked_bigint(digits)?.to_string(),
        SqlValue::Text(s) => s.clone(),
        SqlValue::Date { ms, offset_minutes } => format_date(*ms, *offset_minutes)?,
        SqlValue::Json(text) => text.clone(),
        SqlValue::Raw(_) => {
            return Err(CoreError::invalid(
                "A literal (raw SQL) value cannot be used as a bind parameter",
            ))
        }
        SqlValue::Bytes(_) | SqlValue::Array(_) => {
            return Err(CoreError::invalid("Unexpected value in a bind parameter"))
        }
    })
}

/// pg `arrayString`.
fn write_array_literal(out: &mut String, items: &[SqlValue]) -> CoreResult<()> {
    out.push('{');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_array_element(out, item)?;
    }
    out.push('}');
    Ok(())
}

/// One element of an array literal, as pg's `arrayString` writes it: `NULL`,
/// a nested array, `\\x<hex>` for bytes, else the value's text quoted by
/// [`push_array_string`].
pub(crate) fn push_array_element(out: &mut String, item: &SqlValue) -> CoreResult<()> {
    match item {
        SqlValue::Null => out.push_str("NULL"),
        SqlValue::Array(inner) => write_array_literal(out, inner)?,
        SqlValue::Bytes(bytes) => {
            out.push_str("\\\\x");
            for b in bytes {
                out.push_str(&format!("{b:02x}"));
            }
        }
        other => push_array_string(out, &scalar_text(other)?),
    }
    Ok(())
}

/// A double-quoted array element with `\` and `"` backslash-escaped (the
/// array literal's own quoting; the literal as a whole is a bind parameter).
pub(crate) fn push_array_string(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let mut rest = s;
    while let Some(at) = rest.find(['\\', '"']) {
        out.push_str(&rest[..at]);
        out.push('\\');
        out.push_str(&rest[at..at + 1]);
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out.push('"');
}

/// The text literal of a binary array parameter (`BindParam::BinaryArray`:
/// TEXT, DOUBLE PRECISION, BOOLEAN or TIMESTAMPTZ elements), for logs and
/// errors — the literal the text form of the same statement would send
/// (Dates at +00:00). Malformed input gives what could be read.
pub fn binary_array_literal(bytes: &[u8]) -> String {
    fn int(b: &[u8], at: usize) -> Option<i32> {
        Some(i32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
    }
    let mut out = String::from("{");
    let (Some(oid), Some(n)) = (int(bytes, 8), int(bytes, 12)) else {
        out.push('}');
        return out;
    };
    let mut at = 20;
    for i in 0..n.max(0) {
        if i > 0 {
            out.push(',');
        }
        let Some(len) = int(bytes, at) else { break };
        at += 4;
        let Ok(len) = usize::try_from(len) else {
            out.push_str("NULL");
            continue;
        };
        let Some(v) = bytes.get(at..at + len) else {
            break;
        };
        at += len;
        let f64_of = |v: &[u8]| v.try_into().ok().map(f64::from_be_bytes);
        let text = match oid {
            16 => (if v.first() == Some(&1) {
                "true"
            } else {
                "false"
            })
            .to_string(),
            701 => f64_of(v).map(js_number_to_string).unwrap_or_default(),
            1184 => v
                .try_into()
                .ok()
                .map(i64::from_be_bytes)
                .and_then(|micros| format_date(micros as f64 / 1000.0 + 946_684_800_000.0, 0).ok())
                .unwrap_or_default(),
            _ => String::from_utf8_lossy(v).into_owned(),
        };
        push_array_string(&mut out, &text);
    }
    out.push('}');
    out
}

/// pg's own `dateToString` (what pg sends for a JS Date passed straight to
/// it, e.g. `query(sql, { bind: [new Date()] })` in Sequelize, where
/// `offset_minutes` is the process's local offset at that instant):
/// `2020-01-02T03:04:05.678+00:00`, years before 1 written as BC
/// (`0001-…T…+00:00 BC` for year 0). An invalid Date is an error.
pub fn pg_date_to_string(ms: f64, offset_minutes: i32) -> CoreResult<String> {
    let p = date_parts(ms, offset_minutes)?;
    let bc = p.year < 1;
    let year = if bc { p.year.abs() + 1 } else { p.year };
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let off = offset_minutes.unsigned_abs();
    Ok(format!(
        "{year:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}{sign}{:02}:{:02}{}",
        p.month,
        p.day,
        p.hour,
        p.minute,
        p.second,
        p.milli,
        off / 60,
        off % 60,
        if bc { " BC" } else { "" }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> SqlValue {
        SqlValue::Text(s.to_string())
    }
    fn num(n: f64) -> SqlValue {
        SqlValue::Number(n)
    }
    fn t(s: &str) -> BindParam {
        BindParam::Text(s.to_string())
    }
    fn pos(v: &[SqlValue]) -> Bind {
        Bind::Positional(v.to_vec())
    }
    fn named(pairs: &[(&str, SqlValue)]) -> Bind {
        Bind::Named(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    }
    /// The parameter as it goes on the wire (numbers and booleans are text there).
    fn wire(p: BindParam) -> BindParam {
        match p {
            BindParam::Number(s) => BindParam::Text(s),
            BindParam::Bool(b) => BindParam::Text(b.to_string()),
            other => other,
        }
    }
    fn prep(sql: &str, b: &Bind) -> (String, Vec<BindParam>) {
        let (sql, params) = prepare_bind(sql, b).unwrap();
        (sql, params.into_iter().map(wire).collect())
    }
    fn prep_err(sql: &str, b: &Bind) -> String {
        prepare_bind(sql, b).unwrap_err().message
    }

    // A.12 of the research doc.
    #[test]
    fn observed_sql() {
        assert_eq!(
            prep(
                "SELECT * FROM \"Accs\" WHERE name = $1 AND bal > $2",
                &pos(&[text("a"), num(0.0)])
            ),
            (
                "SELECT * FROM \"Accs\" WHERE name = $1 AND bal > $2".to_string(),
                vec![t("a"), t("0")]
            )
        );
        assert_eq!(
            prep(
                "SELECT * FROM \"Accs\" WHERE name = $name",
                &named(&[("name", text("a"))])
            ),
            (
                "SELECT * FROM \"Accs\" WHERE name = $1".to_string(),
                vec![t("a")]
            )
        );
        // logQueryParameters example: `SELECT $1::int AS x, $2::text AS y; 1, "o'k"`
        assert_eq!(
            prep(
                "SELECT $1::int AS x, $2::text AS y",
                &pos(&[num(1.0), text("o'k")])
            )
            .1,
            vec![t("1"), t("o'k")]
        );
    }

    #[test]
    fn missing_parameters() {
        assert_eq!(
            prep_err("SELECT $nope", &named(&[("a", num(1.0))])),
            "Named bind parameter \"$nope\" has no value in the given object."
        );
        // The array form uses the same 6.37 text.
        assert_eq!(
            prep_err("SELECT $3", &pos(&[text("a"), num(2.0)])),
            "Named bind parameter \"$3\" has no value in the given object."
        );
        assert_eq!(
            prep_err("SELECT $0", &pos(&[num(1.0)])),
            "Named bind parameter \"$0\" has no value in the given object."
        );
        assert_eq!(
            prep_err("SELECT $01", &pos(&[num(1.0)])),
            "Named bind parameter \"$01\" has no value in the given object."
        );
        assert_eq!(
            prep_err("SELECT $x", &pos(&[num(1.0)])),
            "Named bind parameter \"$x\" has no value in the given object."
        );
        assert_eq!(
            prep_err("SELECT $2x", &pos(&[num(1.0), num(2.0)])),
            "Named bind parameter \"$2x\" has no value in the given object."
        );
        assert_eq!(
            prep_err("SELECT 1, $99999999999999999999999", &pos(&[num(1.0)])),
            "Named bind parameter \"$99999999999999999999999\" has no value in the given object."
        );
        // Numeric keys are not allowed with an object.
        assert_eq!(
            prep_err("SELECT $a, $1", &named(&[("a", num(1.0)), ("1", num(2.0))])),
            "Named bind parameter \"$1\" has no value in the given object."
        );
        assert_eq!(
            prep_err("SELECT $1", &named(&[])),
            "Named bind parameter \"$1\" has no value in the given object."
        );
    }

    // Recorded from Sequelize 6.37.8 `Query.formatBindParameters`.
    #[test]
    fn sql_rewriting_matches_sequelize() {
        assert_eq!(
            prep(
                "SELECT '$$', $$abc$$, $1, a$1, $2",
                &pos(&[text("a\u{0}b"), num(2.0)])
            ),
            (
                "SELECT '$', $abc$$, $1, a$1, $2".to_string(),
                vec![t("a\\0b"), t("2")]
            )
        );
        assert_eq!(
            prep("$1,$$$1,$$$$", &pos(&[text("a"), num(2.0)])).0,
            "$1,$$1,$$"
        );
        assert_eq!(
            prep("SELECT $$ $a $$", &named(&[("a", num(1.0))])),
            ("SELECT $ $1 $".to_string(), vec![t("1")])
        );
        assert_eq!(
            prep(
                "SELECT $a,$a_b,$A",
                &named(&[("a", num(1.0)), ("a_b", num(2.0)), ("A", num(3.0))])
            ),
            ("SELECT $1,$2,$3".to_string(), vec![t("1"), t("2"), t("3")])
        );
        assert_eq!(
            prep(
                "SELECT $a, $b, $a",
                &named(&[("b", num(2.0)), ("a", num(1.0)), ("unused", num(9.0))])
            ),
            ("SELECT $1, $2, $1".to_string(), vec![t("1"), t("2")])
        );
        // Non-ASCII after `$` is not a word character.
        assert_eq!(
            prep("SELECT $é", &named(&[("a", num(1.0))])),
            ("SELECT $é".to_string(), vec![])
        );
        // No parameters at all: SQL untouched apart from `$$`.
        assert_eq!(
            prep("SELECT 1", &pos(&[])),
            ("SELECT 1".to_string(), vec![])
        );
        assert_eq!(prep("SELECT '$$'", &named(&[])).0, "SELECT '$'");
        // Unreferenced positional values are still sent.
        assert_eq!(
            prep("SELECT $2", &pos(&[num(1.0), num(2.0)])).1,
            vec![t("1"), t("2")]
        );
        // A trailing lone `$` and `$ ` stay.
        assert_eq!(prep("SELECT 1 $", &pos(&[])).0, "SELECT 1 $");
        assert_eq!(prep("SELECT $ 1", &pos(&[])).0, "SELECT $ 1");
        // Unicode around parameters survives.
        assert_eq!(
            prep("SELECT '日本', $1, '😀'", &pos(&[text("é")])),
            ("SELECT '日本', $1, '😀'".to_string(), vec![t("é")])
        );
    }

    // 6.37 rewrites inside literals and comments too (plain regex, no tokenizer).
    #[test]
    fn no_tokenizer_like_sequelize() {
        let b = named(&[("a", text("x'; DROP TABLE x; --"))]);
        assert_eq!(
            prep("SELECT '$a', $a -- $a", &b),
            (
                "SELECT '$1', $1 -- $1".to_string(),
                vec![t("x'; DROP TABLE x; --")]
            )
        );
        assert_eq!(
            prep_err("SELECT $tag$ body $tag$", &b),
            "Named bind parameter \"$tag\" has no value in the given object."
        );
        assert_eq!(
            prep("SELECT \"a$1\", \"$1\"", &pos(&[num(1.0)])).0,
            "SELECT \"a$1\", \"$1\""
        );
    }

    #[test]
    fn sparse_positional() {
        let b = Bind::PositionalSparse(vec![None, Some(num(2.0))]);
        assert_eq!(
            prep("SELECT $2", &b),
            ("SELECT $2".to_string(), vec![BindParam::Null, t("2")])
        );
        assert_eq!(
            prep_err("SELECT $1", &b),
            "Named bind parameter \"$1\" has no value in the given object."
        );
    }

    #[test]
    fn scalar_params() {
        let p = |v: SqlValue| wire(to_bind_param(&v).unwrap());
        assert_eq!(p(SqlValue::Null), BindParam::Null);
        assert_eq!(p(SqlValue::Bool(true)), t("true"));
        assert_eq!(p(SqlValue::Bool(false)), t("false"));
        assert_eq!(p(num(12.5)), t("12.5"));
        assert_eq!(p(num(-0.0)), t("0"));
        assert_eq!(p(num(1e21)), t("1e+21"));
        assert_eq!(p(num(f64::NAN)), t("NaN"));
        assert_eq!(
            p(SqlValue::BigInt("9007199254740993".into())),
            t("9007199254740993")
        );
        assert!(to_bind_param(&SqlValue::BigInt("1 OR 1".into())).is_err());
        // Conformance 089: NUL → the two characters `\0`.
        assert_eq!(p(text("x\u{0}y")), t("x\\0y"));
        assert_eq!(p(text("a\u{0}b")), t("a\\0b"));
        assert_eq!(p(text("back\\slash")), t("back\\slash"));
        assert_eq!(p(text("$1 $$ :x ?")), t("$1 $$ :x ?"));
        assert_eq!(p(text("emoji 😀👍🏽")), t("emoji 😀👍🏽"));
        assert_eq!(
            p(SqlValue::Date {
                ms: 1_577_934_245_678.0,
                offset_minutes: 0
            }),
            t("2020-01-02 03:04:05.678 +00:00")
        );
        assert_eq!(
            p(SqlValue::Date {
                ms: 1_577_934_245_678.0,
                offset_minutes: 330
            }),
            t("2020-01-02 08:34:05.678 +05:30")
        );
        assert_eq!(
            p(SqlValue::Date {
                ms: 1_577_934_245_678.0,
                offset_minutes: -480
            }),
            t("2020-01-01 19:04:05.678 -08:00")
        );
        assert_eq!(
            to_bind_param(&SqlValue::Date {
                ms: f64::NAN,
                offset_minutes: 0
            })
            .unwrap_err()
            .message,
            "Invalid date"
        );
        assert_eq!(
            p(SqlValue::Bytes(b"hi".to_vec())),
            BindParam::Binary(b"hi".to_vec())
        );
        assert_eq!(p(SqlValue::Json("{\"a\":1}".into())), t("{\"a\":1}"));
        assert!(to_bind_param(&SqlValue::Raw("NOW()".into())).is_err());
    }

    // Recorded from pg 8.23.1 prepareValue([...]).
    #[test]
    fn array_params() {
        let v = SqlValue::Array(vec![
            text("a\"b\\c"),
            SqlValue::Null,
            SqlValue::Array(vec![
                num(1.0),
                SqlValue::Array(vec![SqlValue::Bool(true), text("x,y")]),
            ]),
            SqlValue::Bytes(b"hi".to_vec()),
            num(1.5),
            SqlValue::Json("{\"a\":1}".into()),
            text("é"),
            text(""),
            text("NULL"),
            text(" x "),
        ]);
        assert_eq!(
            to_bind_param(&v).unwrap(),
            t(
                r#"{"a\"b\\c",NULL,{"1",{"true","x,y"}},\\x6869,"1.5","{\"a\":1}","é","","NULL"," x "}"#
            )
        );
        assert_eq!(to_bind_param(&SqlValue::Array(vec![])).unwrap(), t("{}"));
        assert_eq!(
            to_bind_param(&SqlValue::Array(vec![
                SqlValue::Array(vec![]),
                SqlValue::Array(vec![])
            ]))
            .unwrap(),
            t("{{},{}}")
        );
        // Dates inside arrays, bigints, and NUL kept inside arrays.
        let v = SqlValue::Array(vec![
            SqlValue::Date {
                ms: 0.0,
                offset_minutes: 0,
            },
            SqlValue::BigInt("-5".into()),
            text("x\u{0}y"),
        ]);
        assert_eq!(
            to_bind_param(&v).unwrap(),
            t("{\"1970-01-01 00:00:00.000 +00:00\",\"-5\",\"x\u{0}y\"}")
        );
        assert!(to_bind_param(&SqlValue::Array(vec![SqlValue::Raw("x".into())])).is_err());
        assert!(to_bind_param(&SqlValue::Array(vec![SqlValue::Date {
            ms: f64::NAN,
            offset_minutes: 0
        }]))
        .is_err());
        // Through prepare_bind, named.
        assert_eq!(
            prep(
                "SELECT $ids::int[]",
                &named(&[(
                    "ids",
                    SqlValue::Array(vec![num(1.0), SqlValue::Array(vec![num(2.0)])])
                )])
            ),
            ("SELECT $1::int[]".to_string(), vec![t("{\"1\",{\"2\"}}")])
        );
    }

    #[test]
    fn pg_dates() {
        assert_eq!(
            pg_date_to_string(1_577_934_245_678.0, 0).unwrap(),
            "2020-01-02T03:04:05.678+00:00"
        );
        assert_eq!(
            pg_date_to_string(1_577_934_245_678.0, 330).unwrap(),
            "2020-01-02T08:34:05.678+05:30"
        );
        assert_eq!(
            pg_date_to_string(1_577_934_245_678.0, -480).unwrap(),
            "2020-01-01T19:04:05.678-08:00"
        );
        // Year 0 is 1 BC, year -1 is 2 BC.
        assert_eq!(
            pg_date_to_string(-62_135_596_800_001.0, 0).unwrap(),
            "0001-12-31T23:59:59.999+00:00 BC"
        );
        assert_eq!(
            pg_date_to_string(-62_198_755_200_000.0, 0).unwrap(),
            "0002-01-01T00:00:00.000+00:00 BC"
        );
        assert!(pg_date_to_string(f64::NAN, 0).is_err());
    }
}
