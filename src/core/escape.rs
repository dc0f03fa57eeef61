//! SQL escaping: the one audited place where JS values become SQL text.
//!
//! Mirrors Sequelize 6.37.8 `lib/sql-string.js` `escape()` for the postgres
//! dialect (with `standard_conforming_strings=on`, which Sequelize forces):
//!
//! | value | SQL |
//! |---|---|
//! | `null` / `undefined` | `NULL` |
//! | boolean | `true` / `false` |
//! | number | JS `String(n)`, unquoted (`NaN`, `Infinity` included, `-0` → `0`) |
//! | bigint | its digits |
//! | string | `'…'` with `'` doubled and NUL turned into the two characters `\0`; backslashes are left alone |
//! | Date | `'YYYY-MM-DD HH:mm:ss.SSS ±HH:MM'` (moment format), `'Invalid date'` for an invalid Date |
//! | Buffer | `E'\\x<hex>'` |
//! | array | `ARRAY[a,b]` (nested arrays nest), or `a, b` / `(a, b)` in the replacement form |
//! | JSON text | quoted like a string |
//! | raw SQL | verbatim |
//!
//! Deviation: Sequelize's `escape()` (and so replacements) throws
//! `Invalid value { a: 1 }` (util.inspect text) for a plain object; here a
//! [`SqlValue::Json`] is quoted as a string, for callers that mean it. A
//! binding wanting Sequelize's error must raise it before calling in.

use crate::core::error::{CoreError, CoreResult};
use crate::core::value::SqlValue;

/// Largest absolute time value of a JS `Date` (ECMA-262 TimeClip).
const MAX_DATE_MS: f64 = 8.64e15;

/// `sequelize.escape(v)` on postgres (Sequelize's `format=false`): arrays
/// become `ARRAY[…]` literals.
pub fn escape(v: &SqlValue) -> CoreResult<String> {
    let mut out = String::new();
    write_escaped(&mut out, v, false)?;
    Ok(out)
}

/// The replacement form (Sequelize's `format=true`, used by `?` / `:name`
/// replacements): a top-level array becomes the list `a, b`, and arrays
/// nested in it become parenthesised lists `(a, b)`. Other values escape
/// exactly as [`escape`]. An empty array gives the empty string.
pub fn escape_list(v: &SqlValue) -> CoreResult<String> {
    let mut out = String::new();
    write_escaped(&mut out, v, true)?;
    Ok(out)
}

fn write_escaped(out: &mut String, v: &SqlValue, format: bool) -> CoreResult<()> {
    match v {
        SqlValue::Null => out.push_str("NULL"),
        SqlValue::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        SqlValue::Number(n) => out.push_str(&js_number_to_string(*n)),
        SqlValue::BigInt(digits) => out.push_str(checked_bigint(digits)?),
        SqlValue::Text(s) => push_quoted(out, s),
        SqlValue::Date { ms, offset_minutes } => match format_date(*ms, *offset_minutes) {
            Ok(s) => push_quoted(out, &s),
            // moment formats an invalid Date as "Invalid date", and Sequelize
            // then quotes that text like any other string.
            Err(_) => out.push_str("'Invalid date'"),
        },
        SqlValue::Bytes(bytes) => {
            out.push_str("E'\\\\x");
            push_hex(out, bytes);
            out.push('\'');
        }
        SqlValue::Array(items) => {
            if format {
                write_list(out, items)?;
            } else {
                out.push_str("ARRAY[");
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_escaped(out, item, false)?;
                }
                out.push(']');
            }
        }
        SqlValue::Json(text) => push_quoted(out, text),
        SqlValue::Raw(sql) => out.push_str(sql),
    }
    Ok(())
}

/// Sequelize's `arrayToList`: `a, b`, nested arrays in parentheses.
fn write_list(out: &mut String, items: &[SqlValue]) -> CoreResult<()> {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        if let SqlValue::Array(inner) = item {
            out.push('(');
            write_list(out, inner)?;
            out.push(')');
        } else {
            write_escaped(out, item, true)?;
        }
    }
    Ok(())
}

/// A bigint's decimal digits, checked so that nothing but `-?[0-9]+` can
/// ever be inlined unquoted.
pub(crate) fn checked_bigint(digits: &str) -> CoreResult<&str> {
    let body = digits.strip_prefix('-').unwrap_or(digits);
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CoreError::invalid(format!(
            "Invalid bigint value {digits:?}"
        )));
    }
    Ok(digits)
}

fn push_hex(out: &mut String, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.reserve(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
}

fn push_quoted(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\'' => out.push_str("''"),
            '\0' => out.push_str("\\0"),
            _ => out.push(c),
        }
    }
    out.push('\'');
}

/// A string literal as Sequelize writes it on postgres: `'it''s'`. Quotes are
/// doubled and NUL becomes the two characters `\0` (PostgreSQL text cannot
/// hold NUL); backslashes are NOT doubled (`standard_conforming_strings=on`).
pub fn quote_string(s: &str) -> String {
    let mut out = String::new();
    push_quoted(&mut out, s);
    out
}

/// A double-quoted identifier with embedded `"` doubled: `a"b` → `"a""b"`.
/// This is the SQL-standard form and always yields the same name.
/// (Sequelize's own `quoteIdentifier` instead deletes every `"` in the name,
/// see [`quote_identifier_sequelize`].)
pub fn quote_identifier(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 2);
    out.push('"');
    for c in name.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Sequelize 6.37's postgres `quoteIdentifier` (with `quoteIdentifiers` on):
/// every `"` is removed from the name, then the name is wrapped in `"`:
/// `a"b` → `"ab"`. Use it where generated SQL must match Sequelize byte for
/// byte; it is injection-safe too, since no `"` survives inside.
pub fn quote_identifier_sequelize(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 2);
    out.push('"');
    out.extend(name.chars().filter(|&c| c != '"'));
    out.push('"');
    out
}

/// A JS `Date` (`ms` since the epoch) in moment's `YYYY-MM-DD HH:mm:ss.SSS Z`
/// format at a fixed UTC offset (in minutes), as Sequelize's `DATE` type
/// stringifies it: `2024-01-02 03:04:05.678 +00:00`, `… +05:30`, `… -08:00`.
///
/// Like a JS Date, `ms` is truncated toward zero. Years are at least four
/// digits, signed when negative (astronomical numbering: `0000`, `-0001`),
/// and wider when needed (`10000`, `275760`). An invalid Date (NaN, infinite,
/// beyond ±8.64e15 ms, or pushed beyond that range by the offset, as moment
/// does) is an error with the message `Invalid date`.
pub fn format_date(ms: f64, offset_minutes: i32) -> CoreResult<String> {
    let p = date_parts(ms, offset_minutes)?;
    let mut out = String::with_capacity(30);
    if p.year < 0 {
        out.push('-');
    }
    out.push_str(&format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:03} ",
        p.year.unsigned_abs(),
        p.month,
        p.day,
        p.hour,
        p.minute,
        p.second,
        p.milli
    ));
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let off = offset_minutes.unsigned_abs();
    out.push(sign);
    out.push_str(&format!("{:02}:{:02}", off / 60, off % 60));
    Ok(out)
}

/// Calendar fields of a JS Date seen at a fixed UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateParts {
    /// Astronomical year (year 0 = 1 BC).
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: i64,
    pub minute: i64,
    pub second: i64,
    pub milli: i64,
}

/// Splits `ms` (truncated toward zero, as a JS Date does) shifted by
/// `offset_minutes` into calendar fields. Errors with `Invalid date` when the
/// Date, or the shifted time, lies outside the JS range of ±8.64e15 ms.
pub(crate) fn date_parts(ms: f64, offset_minutes: i32) -> CoreResult<DateParts> {
    let invalid = || CoreError::invalid("Invalid date");
    if !ms.is_finite() {
        return Err(invalid());
    }
    let t = ms.trunc();
    if t.abs() > MAX_DATE_MS {
        return Err(invalid());
    }
    // Both terms are far inside i64 range (|t| <= 8.64e15, |offset| <= 2^31 min).
    let local = t as i64 + i64::from(offset_minutes) * 60_000;
    if local.unsigned_abs() > MAX_DATE_MS as u64 {
        return Err(invalid());
    }
    let days = local.div_euclid(86_400_000);
    let ms_of_day = local.rem_euclid(86_400_000);
    let (year, month, day) = civil_from_days(days);
    Ok(DateParts {
        year,
        month,
        day,
        hour: ms_of_day / 3_600_000,
        minute: ms_of_day / 60_000 % 60,
        second: ms_of_day / 1000 % 60,
        milli: ms_of_day % 1000,
    })
}

/// Days since 1970-01-01 → proleptic Gregorian (year, month, day).
/// (Howard Hinnant's `civil_from_days`.)
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let d = doy - (153 * mp + 2) / 5 + 1; // [1, 31]
    let m = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
    let y = if m <= 2 { y + 1 } else { y };
    // d and m are small positive numbers by construction.
    (y, m as u32, d as u32)
}

/// JavaScript's `String(n)` / `Number.prototype.toString()` for a double:
/// shortest round-trip digits, plain notation for 1e-7 < |n| < 1e21,
/// exponent notation (`1e+21`, `1.5e-7`) outside, `NaN`, `Infinity`,
/// `-Infinity`, and `0` for both zeros (ryu-js implements ECMAScript's
/// Number::toString).
pub fn js_number_to_string(x: f64) -> String {
    // Integers below 2^53 print as their digits (the common case: ids, counts).
    if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 {
        return (x as i64).to_string();
    }
    ryu_js::Buffer::new().format(x).to_string()
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
    fn date(ms: f64, offset_minutes: i32) -> SqlValue {
        SqlValue::Date { ms, offset_minutes }
    }
    fn esc(v: SqlValue) -> String {
        escape(&v).unwrap()
    }

    #[test]
    fn scalars() {
        assert_eq!(esc(SqlValue::Null), "NULL");
        assert_eq!(esc(SqlValue::Bool(true)), "true");
        assert_eq!(esc(SqlValue::Bool(false)), "false");
        assert_eq!(esc(num(5.0)), "5");
        assert_eq!(esc(num(12.5)), "12.5");
        assert_eq!(esc(num(-0.0)), "0");
        assert_eq!(esc(num(f64::NAN)), "NaN");
        assert_eq!(esc(num(f64::INFINITY)), "Infinity");
        assert_eq!(esc(num(f64::NEG_INFINITY)), "-Infinity");
        assert_eq!(esc(SqlValue::BigInt("5".into())), "5");
        assert_eq!(
            esc(SqlValue::BigInt("-9007199254740993".into())),
            "-9007199254740993"
        );
    }

    #[test]
    fn bigint_must_be_digits() {
        for bad in ["", "-", "1; DROP TABLE x", "1e5", "+1", "0x10", "1 "] {
            assert!(escape(&SqlValue::BigInt(bad.into())).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn strings() {
        assert_eq!(esc(text("O'Reilly")), "'O''Reilly'");
        assert_eq!(esc(text("x'; DROP TABLE x; --")), "'x''; DROP TABLE x; --'");
        assert_eq!(esc(text("x' OR '1'='1")), "'x'' OR ''1''=''1'");
        // Backslashes are not doubled.
        assert_eq!(esc(text("a\\b")), "'a\\b'");
        assert_eq!(esc(text("back\\slash")), "'back\\slash'");
        // NUL → the two characters backslash, zero.
        assert_eq!(esc(text("x\u{0}y")), "'x\\0y'");
        assert_eq!(esc(text("\u{0}\u{0}")), "'\\0\\0'");
        assert_eq!(esc(text("")), "''");
        assert_eq!(esc(text("''")), "''''''");
        // Unicode passes through untouched.
        assert_eq!(esc(text("héllo wörld")), "'héllo wörld'");
        assert_eq!(esc(text("日本語テキスト")), "'日本語テキスト'");
        assert_eq!(esc(text("emoji 😀👍🏽")), "'emoji 😀👍🏽'");
        assert_eq!(esc(text("tab\tnew\nline")), "'tab\tnew\nline'");
        assert_eq!(esc(text("it's \"quoted\"")), "'it''s \"quoted\"'");
        assert_eq!(esc(text("$1 $$ :x ?")), "'$1 $$ :x ?'");
        assert_eq!(quote_string("it's"), "'it''s'");
        assert_eq!(quote_string("a\u{0}b"), "'a\\0b'");
    }

    #[test]
    fn identifiers() {
        assert_eq!(quote_identifier("users"), "\"users\"");
        assert_eq!(quote_identifier("a\"b"), "\"a\"\"b\"");
        assert_eq!(quote_identifier("a:b"), "\"a:b\"");
        assert_eq!(quote_identifier(""), "\"\"");
        assert_eq!(quote_identifier_sequelize("a\"b"), "\"ab\"");
        assert_eq!(quote_identifier_sequelize("\"x\""), "\"x\"");
        assert_eq!(quote_identifier_sequelize("a:b"), "\"a:b\"");
    }

    #[test]
    fn dates() {
        assert_eq!(esc(date(0.0, 0)), "'1970-01-01 00:00:00.000 +00:00'");
        // new Date('2020-01-02T03:04:05.678Z')
        let ms = 1_577_934_245_678.0;
        assert_eq!(esc(date(ms, 0)), "'2020-01-02 03:04:05.678 +00:00'");
        assert_eq!(esc(date(ms, 330)), "'2020-01-02 08:34:05.678 +05:30'");
        assert_eq!(esc(date(ms, -480)), "'2020-01-01 19:04:05.678 -08:00'");
        // 2024-01-02T03:04:05.000Z
        assert_eq!(
            esc(date(1_704_164_645_000.0, 0)),
            "'2024-01-02 03:04:05.000 +00:00'"
        );
        assert_eq!(esc(date(f64::NAN, 0)), "'Invalid date'");
    }

    // Expected strings recorded from Sequelize 6.37.8 `sequelize.escape(new
    // Date(ms))` with the given `timezone` option.
    #[test]
    fn format_date_matches_moment() {
        let ms = [
            0.0,
            1_704_164_645_678.0,
            -1.0,
            -62_135_596_800_001.0,
            -62_198_755_200_000.0,
            -8.64e15,
            8.64e15,
            253_402_300_800_000.0,
            -62_167_219_200_000.0 - 86_400_000.0 * 366.0,
            1.5,
            -1.5,
        ];
        let expected: [(i32, [&str; 11]); 5] = [
            (
                0,
                [
                    "1970-01-01 00:00:00.000 +00:00",
                    "2024-01-02 03:04:05.678 +00:00",
                    "1969-12-31 23:59:59.999 +00:00",
                    "0000-12-31 23:59:59.999 +00:00",
                    "-0001-01-01 00:00:00.000 +00:00",
                    "-271821-04-20 00:00:00.000 +00:00",
                    "275760-09-13 00:00:00.000 +00:00",
                    "10000-01-01 00:00:00.000 +00:00",
                    "-0002-12-31 00:00:00.000 +00:00",
                    "1970-01-01 00:00:00.001 +00:00",
                    "1969-12-31 23:59:59.999 +00:00",
                ],
            ),
            (
                330,
                [
                    "1970-01-01 05:30:00.000 +05:30",
                    "2024-01-02 08:34:05.678 +05:30",
                    "1970-01-01 05:29:59.999 +05:30",
                    "0001-01-01 05:29:59.999 +05:30",
                    "-0001-01-01 05:30:00.000 +05:30",
                    "-271821-04-20 05:30:00.000 +05:30",
                    "Invalid date",
                    "10000-01-01 05:30:00.000 +05:30",
                    "-0002-12-31 05:30:00.000 +05:30",
                    "1970-01-01 05:30:00.001 +05:30",
                    "1970-01-01 05:29:59.999 +05:30",
                ],
            ),
            (
                -480,
                [
                    "1969-12-31 16:00:00.000 -08:00",
                    "2024-01-01 19:04:05.678 -08:00",
                    "1969-12-31 15:59:59.999 -08:00",
                    "0000-12-31 15:59:59.999 -08:00",
                    "-0002-12-31 16:00:00.000 -08:00",
                    "Invalid date",
                    "275760-09-12 16:00:00.000 -08:00",
                    "9999-12-31 16:00:00.000 -08:00",
                    "-0002-12-30 16:00:00.000 -08:00",
                    "1969-12-31 16:00:00.001 -08:00",
                    "1969-12-31 15:59:59.999 -08:00",
                ],
            ),
            (
                840,
                [
                    "1970-01-01 14:00:00.000 +14:00",
                    "2024-01-02 17:04:05.678 +14:00",
                    "1970-01-01 13:59:59.999 +14:00",
                    "0001-01-01 13:59:59.999 +14:00",
                    "-0001-01-01 14:00:00.000 +14:00",
                    "-271821-04-20 14:00:00.000 +14:00",
                    "Invalid date",
                    "10000-01-01 14:00:00.000 +14:00",
                    "-0002-12-31 14:00:00.000 +14:00",
                    "1970-01-01 14:00:00.001 +14:00",
                    "1970-01-01 13:59:59.999 +14:00",
                ],
            ),
            (
                -30,
                [
                    "1969-12-31 23:30:00.000 -00:30",
                    "2024-01-02 02:34:05.678 -00:30",
                    "1969-12-31 23:29:59.999 -00:30",
                    "0000-12-31 23:29:59.999 -00:30",
                    "-0002-12-31 23:30:00.000 -00:30",
                    "Invalid date",
                    "275760-09-12 23:30:00.000 -00:30",
                    "9999-12-31 23:30:00.000 -00:30",
                    "-0002-12-30 23:30:00.000 -00:30",
                    "1969-12-31 23:30:00.001 -00:30",
                    "1969-12-31 23:29:59.999 -00:30",
                ],
            ),
        ];
        for (offset, row) in expected {
            for (m, want) in ms.iter().zip(row) {
                let got = match format_date(*m, offset) {
                    Ok(s) => s,
                    Err(e) => e.message,
                };
                assert_eq!(got, want, "ms={m} offset={offset}");
            }
        }
    }

    #[test]
    fn format_date_invalid() {
        for ms in [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            8.64e15 + 1.0,
            -9e15,
        ] {
            let e = format_date(ms, 0).unwrap_err();
            assert_eq!(e.message, "Invalid date");
            assert_eq!(e.kind, crate::core::error::ErrorKind::InvalidInput);
        }
        // Extreme offsets never panic.
        assert!(format_date(0.0, i32::MAX).is_ok());
        assert!(format_date(0.0, i32::MIN).is_ok());
        assert!(format_date(8.64e15, i32::MAX).is_err());
        assert!(format_date(f64::MAX, 0).is_err());
        assert!(format_date(f64::MIN_POSITIVE, 0).is_ok());
        assert_eq!(
            format_date(0.0, 6000).unwrap(),
            "1970-01-05 04:00:00.000 +100:00"
        );
    }

    #[test]
    fn buffers() {
        assert_eq!(esc(SqlValue::Bytes(b"hi".to_vec())), "E'\\\\x6869'");
        assert_eq!(esc(SqlValue::Bytes(vec![])), "E'\\\\x'");
        assert_eq!(esc(SqlValue::Bytes(vec![0, 255, 16])), "E'\\\\x00ff10'");
    }

    #[test]
    fn arrays_postgres_form() {
        let v = SqlValue::Array(vec![num(1.0), text("a")]);
        assert_eq!(esc(v), "ARRAY[1,'a']");
        // Recorded from Sequelize: escape([1,'a',[2,null],true,Buffer.from('x'),new Date(0)])
        let v = SqlValue::Array(vec![
            num(1.0),
            text("a"),
            SqlValue::Array(vec![num(2.0), SqlValue::Null]),
            SqlValue::Bool(true),
            SqlValue::Bytes(b"x".to_vec()),
            date(0.0, 0),
        ]);
        assert_eq!(
            esc(v),
            "ARRAY[1,'a',ARRAY[2,NULL],true,E'\\\\x78','1970-01-01 00:00:00.000 +00:00']"
        );
        assert_eq!(esc(SqlValue::Array(vec![])), "ARRAY[]");
        let v = SqlValue::Array(vec![
            SqlValue::Array(vec![num(1.0), num(2.0)]),
            SqlValue::Array(vec![]),
            text("a"),
        ]);
        assert_eq!(esc(v), "ARRAY[ARRAY[1,2],ARRAY[],'a']");
    }

    #[test]
    fn arrays_list_form() {
        let v = SqlValue::Array(vec![text("a"), text("c")]);
        assert_eq!(escape_list(&v).unwrap(), "'a', 'c'");
        let v = SqlValue::Array(vec![num(1.0), num(2.0)]);
        assert_eq!(escape_list(&v).unwrap(), "1, 2");
        let v = SqlValue::Array(vec![
            SqlValue::Array(vec![num(1.0), SqlValue::Array(vec![num(2.0), num(3.0)])]),
            text("a\u{0}b"),
        ]);
        assert_eq!(escape_list(&v).unwrap(), "(1, (2, 3)), 'a\\0b'");
        assert_eq!(escape_list(&SqlValue::Array(vec![])).unwrap(), "");
        // Non-arrays escape exactly as escape().
        assert_eq!(escape_list(&text("O'Reilly")).unwrap(), "'O''Reilly'");
        assert_eq!(escape_list(&SqlValue::Null).unwrap(), "NULL");
    }

    #[test]
    fn json_and_raw() {
        assert_eq!(
            esc(SqlValue::Json("{\"a\":\"it's\"}".into())),
            "'{\"a\":\"it''s\"}'"
        );
        assert_eq!(esc(SqlValue::Raw("NOW()".into())), "NOW()");
        assert_eq!(
            esc(SqlValue::Array(vec![SqlValue::Raw("DEFAULT".into())])),
            "ARRAY[DEFAULT]"
        );
    }

    #[test]
    fn js_numbers() {
        let cases: &[(f64, &str)] = &[
            (0.0, "0"),
            (-0.0, "0"),
            (1.0, "1"),
            (-1.0, "-1"),
            (0.1, "0.1"),
            (0.1 + 0.2, "0.30000000000000004"),
            (12.5, "12.5"),
            (-12.5, "-12.5"),
            (100.0, "100"),
            (123_456_789.0, "123456789"),
            (9_007_199_254_740_993.0, "9007199254740992"),
            (1e20, "100000000000000000000"),
            (123_456_789_012_345_680_000.0, "123456789012345680000"),
            (1e21, "1e+21"),
            (-1e21, "-1e+21"),
            (1.5e21, "1.5e+21"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (1e-6, "0.000001"),
            (1.5e-6, "0.0000015"),
            (1e-7, "1e-7"),
            (1.5e-7, "1.5e-7"),
            (-1.5e-7, "-1.5e-7"),
            (5e-324, "5e-324"),
            (2.2250738585072014e-308, "2.2250738585072014e-308"),
            (0.000123, "0.000123"),
            (1.0 / 3.0, "0.3333333333333333"),
            (2.0 / 3.0, "0.6666666666666666"),
            (1e300, "1e+300"),
            (4.35, "4.35"),
            (0.5, "0.5"),
            (999_999_999_999_999_900_000.0, "999999999999999900000"),
            // Exact ties between two shortest candidates: JS picks the even one.
            (121_355_137_411_363.0 + 0.125, "121355137411363.12"),
            (1_695_411_468_129_572.0 + 0.25, "1695411468129572.2"),
            (-121_355_137_411_363.0 - 0.125, "-121355137411363.12"),
        ];
        for (n, want) in cases {
            assert_eq!(js_number_to_string(*n), *want, "{n:e}");
        }
    }
}
