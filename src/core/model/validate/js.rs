//! The few JavaScript semantics validator.js leans on, over JSON values:
//! `String(x)`, `Number(x)`, `parseFloat`, `parseInt`, truthiness, the
//! abstract relational comparison (`a >= b`), UTF-16 lengths and
//! `Date.prototype.toString`.
//!
//! Arguments arrive as JSON; a JS `RegExp` is `{"$re": source, "flags": f}`.

use serde_json::Value;

use crate::core::escape::js_number_to_string;

/// `{"$re": source, "flags": flags}` → (source, flags).
pub fn as_regexp(v: &Value) -> Option<(&str, &str)> {
    let map = v.as_object()?;
    let src = map.get("$re")?.as_str()?;
    let flags = map.get("flags").and_then(Value::as_str).unwrap_or("");
    Some((src, flags))
}

/// A JSON number as a double.
pub fn num(v: &serde_json::Number) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

/// `String(x)` for an argument (`undefined` is `None`).
pub fn to_string(v: Option<&Value>) -> String {
    match v {
        None => "undefined".to_string(),
        Some(v) => to_string_value(v),
    }
}

fn to_string_value(v: &Value) -> String {
    match v {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => js_number_to_string(num(n)),
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|x| match x {
                Value::Null => String::new(),
                other => to_string_value(other),
            })
            .collect::<Vec<_>>()
            .join(","),
        Value::Object(_) => match as_regexp(v) {
            Some((src, flags)) => {
                format!("/{}/{}", if src.is_empty() { "(?:)" } else { src }, flags)
            }
            None => "[object Object]".to_string(),
        },
    }
}

/// The name `assertString` reports for a non-string (`input.constructor.name`).
pub fn constructor_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "Boolean",
        Value::Number(_) => "Number",
        Value::String(_) => "String",
        Value::Array(_) => "Array",
        Value::Object(_) => {
            if as_regexp(v).is_some() {
                "RegExp"
            } else {
                "Object"
            }
        }
    }
}

/// validator.js's `assertString`.
pub fn assert_string(v: Option<&Value>) -> Result<&str, String> {
    match v {
        None => Err("Expected a string but received a undefined".to_string()),
        Some(Value::Null) => Err("Expected a string but received a null".to_string()),
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(format!(
            "Expected a string but received a {}",
            constructor_name(other)
        )),
    }
}

/// JS truthiness (`undefined` is `None`).
pub fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => {
            let x = num(n);
            x != 0.0 && !x.is_nan()
        }
        Some(Value::String(s)) => !s.is_empty(),
        Some(_) => true,
    }
}

/// `obj.key` for an options argument: property access on an object; `None`
/// (undefined) for primitives and missing keys.
pub fn prop<'a>(v: Option<&'a Value>, key: &str) -> Option<&'a Value> {
    v.and_then(Value::as_object).and_then(|m| m.get(key))
}

/// `Number(x)`.
pub fn to_number(v: Option<&Value>) -> f64 {
    match v {
        None => f64::NAN,
        Some(Value::Null) => 0.0,
        Some(Value::Bool(b)) => f64::from(u8::from(*b)),
        Some(Value::Number(n)) => num(n),
        Some(Value::String(s)) => string_to_number(s),
        Some(arr @ Value::Array(_)) => string_to_number(&to_string_value(arr)),
        Some(Value::Object(_)) => f64::NAN,
    }
}

pub use crate::core::jsstr::is_js_space;

/// `String.prototype.trim`.
pub fn trim(s: &str) -> &str {
    s.trim_matches(is_js_space)
}

/// `Number(string)`: StringNumericLiteral, NaN otherwise.
pub fn string_to_number(s: &str) -> f64 {
    let t = trim(s);
    if t.is_empty() {
        return 0.0;
    }
    let radix = match t.get(..2) {
        Some("0x") | Some("0X") => 16,
        Some("0o") | Some("0O") => 8,
        Some("0b") | Some("0B") => 2,
        _ => 0,
    };
    if radix != 0 {
        let digits = t.get(2..).unwrap_or("");
        if digits.is_empty() {
            return f64::NAN;
        }
        let mut acc = 0.0f64;
        for c in digits.chars() {
            match c.to_digit(radix) {
                Some(d) => acc = acc * f64::from(radix) + f64::from(d),
                None => return f64::NAN,
            }
        }
        return acc;
    }
    let (sign, body) = match t.as_bytes().first() {
        Some(b'+') => (1.0, &t[1..]),
        Some(b'-') => (-1.0, &t[1..]),
        _ => (1.0, t),
    };
    if body == "Infinity" {
        return sign * f64::INFINITY;
    }
    match decimal_prefix(body) {
        Some(n) if n == body.len() => sign * body.parse::<f64>().unwrap_or(f64::NAN),
        _ => f64::NAN,
    }
}

/// Length of the longest prefix of `s` that is a StrUnsignedDecimalLiteral
/// without `Infinity` (`12`, `1.5`, `.5`, `5.`, `1e3`), if any.
fn decimal_prefix(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    let int_digits = digits(&mut i);
    let mut frac_digits = 0;
    if i < b.len() && b[i] == b'.' {
        let save = i;
        i += 1;
        frac_digits = digits(&mut i);
        if int_digits == 0 && frac_digits == 0 {
            i = save;
        }
    }
    if int_digits == 0 && frac_digits == 0 {
        return None;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
            j += 1;
        }
        if digits(&mut j) > 0 {
            i = j;
        }
    }
    Some(i)
}

/// `parseFloat(string)`.
pub fn parse_float(s: &str) -> f64 {
    let t = s.trim_start_matches(is_js_space);
    let (sign, body) = match t.as_bytes().first() {
        Some(b'+') => (1.0, &t[1..]),
        Some(b'-') => (-1.0, &t[1..]),
        _ => (1.0, t),
    };
    if body.starts_with("Infinity") {
        return sign * f64::INFINITY;
    }
    match decimal_prefix(body) {
        Some(n) => sign * body[..n].parse::<f64>().unwrap_or(f64::NAN),
        None => f64::NAN,
    }
}

/// `parseInt(string, 10)`.
pub fn parse_int10(s: &str) -> f64 {
    let t = s.trim_start_matches(is_js_space);
    let (sign, body) = match t.as_bytes().first() {
        Some(b'+') => (1.0, &t[1..]),
        Some(b'-') => (-1.0, &t[1..]),
        _ => (1.0, t),
    };
    let end = body
        .bytes()
        .position(|c| !c.is_ascii_digit())
        .unwrap_or(body.len());
    if end == 0 {
        return f64::NAN;
    }
    sign * body[..end].parse::<f64>().unwrap_or(f64::NAN)
}

/// A primitive after `ToPrimitive` (hint number).
#[derive(Debug, Clone, PartialEq)]
pub enum Prim {
    Num(f64),
    Str(String),
}

impl Prim {
    pub fn of(v: Option<&Value>) -> Prim {
        match v {
            None => Prim::Num(f64::NAN),
            Some(Value::Null) => Prim::Num(0.0),
            Some(Value::Bool(b)) => Prim::Num(f64::from(u8::from(*b))),
            Some(Value::Number(n)) => Prim::Num(num(n)),
            Some(Value::String(s)) => Prim::Str(s.clone()),
            Some(other) => Prim::Str(to_string_value(other)),
        }
    }

    fn number(&self) -> f64 {
        match self {
            Prim::Num(n) => *n,
            Prim::Str(s) => string_to_number(s),
        }
    }
}

/// IsLessThan(x, y): `None` when a NaN makes the comparison undefined.
fn less_than(x: &Prim, y: &Prim) -> Option<bool> {
    if let (Prim::Str(a), Prim::Str(b)) = (x, y) {
        return Some(a.encode_utf16().lt(b.encode_utf16()));
    }
    let (a, b) = (x.number(), y.number());
    if a.is_nan() || b.is_nan() {
        None
    } else {
        Some(a < b)
    }
}

/// `x < y`.
pub fn lt(x: &Prim, y: &Prim) -> bool {
    less_than(x, y) == Some(true)
}

/// `x > y`.
pub fn gt(x: &Prim, y: &Prim) -> bool {
    less_than(y, x) == Some(true)
}

/// `x <= y`.
pub fn le(x: &Prim, y: &Prim) -> bool {
    less_than(y, x) == Some(false)
}

/// `x >= y`.
pub fn ge(x: &Prim, y: &Prim) -> bool {
    less_than(x, y) == Some(false)
}

/// `str.length` (UTF-16 code units).
pub fn len16(s: &str) -> usize {
    s.encode_utf16().count()
}

const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `(year, month 1-12, day)` of a count of days since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (month 1-12).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `String(date)` for a Date at `ms` since the epoch, in UTC (the process
/// time zone is assumed to be UTC).
pub fn date_to_string(ms: f64) -> String {
    if !ms.is_finite() || ms.abs() > 8.64e15 {
        return "Invalid Date".to_string();
    }
    let ms = ms as i64;
    let days = ms.div_euclid(86_400_000);
    let in_day = ms.rem_euclid(86_400_000) / 1000;
    let (y, m, d) = civil_from_days(days);
    let wd = (days + 4).rem_euclid(7) as usize;
    let year = if y < 0 {
        format!("-{:04}", -y)
    } else {
        format!("{y:04}")
    };
    format!(
        "{} {} {:02} {} {:02}:{:02}:{:02} GMT+0000 (Coordinated Universal Time)",
        DAYS.get(wd).copied().unwrap_or("Thu"),
        MONTHS.get(m as usize - 1).copied().unwrap_or("Jan"),
        d,
        year,
        in_day / 3600,
        in_day / 60 % 60,
        in_day % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers() {
        assert_eq!(string_to_number(" 12 "), 12.0);
        assert_eq!(string_to_number(""), 0.0);
        assert_eq!(string_to_number("0x1f"), 31.0);
        assert_eq!(string_to_number("-Infinity"), f64::NEG_INFINITY);
        assert!(string_to_number("1e").is_nan());
        assert!(string_to_number("12px").is_nan());
        assert!(string_to_number("-0x1").is_nan());
        assert_eq!(string_to_number(".5"), 0.5);
        assert_eq!(string_to_number("5."), 5.0);
        assert!(string_to_number(".").is_nan());
        assert_eq!(parse_float("  12.5px"), 12.5);
        assert_eq!(parse_float("1e5x"), 100000.0);
        assert_eq!(parse_float("1ex"), 1.0);
        assert_eq!(parse_float("-.5"), -0.5);
        assert!(parse_float("abc").is_nan());
        assert!(parse_float(".").is_nan());
        assert_eq!(parse_float("Infinityx"), f64::INFINITY);
        assert_eq!(parse_int10(" -42.9"), -42.0);
        assert!(parse_int10("x1").is_nan());
        assert_eq!(to_number(Some(&json!([5]))), 5.0);
        assert_eq!(to_number(Some(&json!([]))), 0.0);
        assert!(to_number(Some(&json!({}))).is_nan());
        assert!(to_number(None).is_nan());
    }

    #[test]
    fn strings_and_compare() {
        assert_eq!(to_string(Some(&json!([1, null, "a", [2, 3]]))), "1,,a,2,3");
        assert_eq!(to_string(Some(&json!(1.5))), "1.5");
        assert_eq!(to_string(Some(&json!({"a": 1}))), "[object Object]");
        assert_eq!(
            to_string(Some(&json!({"$re": "a+", "flags": "i"}))),
            "/a+/i"
        );
        let s = |x: &str| Prim::Str(x.to_string());
        assert!(!ge(&s("10"), &s("9")));
        assert!(ge(&s("10"), &Prim::Num(9.0)));
        assert!(!ge(&s("abc"), &Prim::Num(0.0)));
        assert!(!le(&s("abc"), &Prim::Num(0.0)));
        assert!(le(&Prim::Num(0.0), &Prim::of(Some(&json!(null)))));
    }

    #[test]
    fn date_strings() {
        assert_eq!(
            date_to_string(0.0),
            "Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)"
        );
        assert_eq!(date_to_string(f64::NAN), "Invalid Date");
        assert_eq!(
            date_to_string(1_704_164_645_000.0),
            "Tue Jan 02 2024 03:04:05 GMT+0000 (Coordinated Universal Time)"
        );
        assert_eq!(days_from_civil(2024, 1, 2), 19724);
        assert_eq!(civil_from_days(19724), (2024, 1, 2));
    }
}
