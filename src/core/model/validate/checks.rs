//! validator.js 13.15 functions (and Sequelize's `validator-extras`
//! overrides) as Sequelize calls them: `validator[name](String(value),
//! ...args)`. `Ok(bool)` is the (truthy) result, `Err(message)` an exception
//! the validator threw. Options objects are merged with their defaults in
//! place, as validator.js does, so `validatorArgs` shows what real Sequelize
//! shows.

use serde_json::{json, Map, Value};

use super::js::{
    self, assert_string, ge, gt, le, len16, lt, parse_float, parse_int10, prop, to_number,
    to_string, truthy, Prim,
};
use super::jsdate::date_parse;
use super::jsregex::compile;
use super::locales::{ALPHA, ALPHANUMERIC, DECIMAL};

pub type R = Result<bool, String>;

/// `new RegExp(src, flags).test(s)` for the validators' own patterns.
fn test(src: &str, flags: &str, s: &str) -> bool {
    compile(src, flags)
        .map(|re| re.is_match(s))
        .unwrap_or(false)
}

/// Names implemented here, i.e. what [`call`] dispatches.
pub const NATIVE: &[&str] = &[
    "equals",
    "contains",
    "notContains",
    "matches",
    "is",
    "not",
    "regex",
    "notRegex",
    "isEmail",
    "isURL",
    "isUrl",
    "isFQDN",
    "isIP",
    "isIPv4",
    "isIPv6",
    "isIPRange",
    "isMACAddress",
    "isPort",
    "isAlpha",
    "isAlphanumeric",
    "isNumeric",
    "isInt",
    "isFloat",
    "isDecimal",
    "isHexadecimal",
    "isOctal",
    "isDivisibleBy",
    "isLowercase",
    "isUppercase",
    "isAscii",
    "isFullWidth",
    "isHalfWidth",
    "isVariableWidth",
    "isMultibyte",
    "isSurrogatePair",
    "isUUID",
    "isMongoId",
    "isMD5",
    "isHash",
    "isHexColor",
    "isRgbColor",
    "isHSL",
    "isJWT",
    "isJSON",
    "isBase32",
    "isBase58",
    "isBase64",
    "isULID",
    "isSemVer",
    "isSlug",
    "isLatLong",
    "isBoolean",
    "isMimeType",
    "isDataURI",
    "isMagnetURI",
    "isEthereumAddress",
    "isBtcAddress",
    "isISRC",
    "isLength",
    "len",
    "isByteLength",
    "isEmpty",
    "isNull",
    "notEmpty",
    "notNull",
    "isIn",
    "notIn",
    "isDate",
    "isAfter",
    "isBefore",
    "isISO8601",
    "isRFC3339",
    "isTime",
    "isCreditCard",
    "isLuhnNumber",
    "isEAN",
    "isISBN",
    "isISSN",
    "isIMEI",
    "isWhitelisted",
    "isStrongPassword",
    "min",
    "max",
];

/// Runs validator `name`; `None` when it is not implemented natively.
pub fn call(name: &str, s: &str, args: &mut [Value]) -> Option<R> {
    let a0 = args.first().cloned();
    let a0 = a0.as_ref();
    let a1 = args.get(1).cloned();
    let a1 = a1.as_ref();
    Some(match name {
        "equals" => Ok(a0.and_then(Value::as_str) == Some(s)),
        "contains" => contains(s, a0),
        "notContains" => contains(s, a0).map(|b| !b),
        "matches" | "is" | "regex" => regex_match(s, a0, a1),
        "not" | "notRegex" => regex_match(s, a0, a1).map(|b| !b),
        "isEmail" => is_email(s, args.first_mut()),
        "isURL" => is_url(s, args.first_mut()),
        "isUrl" => is_url(s, None),
        "isFQDN" => with_options(args.first_mut(), |o| is_fqdn(s, o)),
        "isIP" => is_ip(s, a0),
        "isIPv4" => is_ip(s, Some(&json!(4))),
        "isIPv6" => is_ip(s, Some(&json!(6))),
        "isIPRange" => is_ip_range(s, a0),
        "isMACAddress" => is_mac(s, args.first_mut()),
        "isPort" => is_int(
            s,
            Some(&json!({"allow_leading_zeroes": false, "min": 0, "max": 65535})),
        ),
        "isAlpha" => is_alpha(s, a0, a1, ALPHA),
        "isAlphanumeric" => is_alpha(s, a0, a1, ALPHANUMERIC),
        "isNumeric" => is_numeric(s, a0),
        "isInt" => is_int(s, a0),
        "isFloat" => is_float(s, a0),
        "isDecimal" => Ok(!s.is_empty()
            && test(
                r"^(?:-?(?:[0-9]+))?(?:\.[0-9]*)?(?:[eE][+-]?(?:[0-9]+))?$",
                "",
                s,
            )),
        "isHexadecimal" => Ok(test(r"^(0x|0h)?[0-9A-F]+$", "i", s)),
        "isOctal" => Ok(test(r"^(0o)?[0-7]+$", "i", s)),
        "isDivisibleBy" => {
            let f = if is_float(s, None) == Ok(true) {
                parse_float(s)
            } else {
                f64::NAN
            };
            let d = parse_int10(&to_string(a0));
            Ok(f % d == 0.0)
        }
        "isLowercase" => Ok(s == s.to_lowercase()),
        "isUppercase" => Ok(s == s.to_uppercase()),
        "isAscii" => Ok(!s.is_empty() && s.is_ascii()),
        "isFullWidth" => Ok(test(FULL_WIDTH, "", s)),
        "isHalfWidth" => Ok(test(HALF_WIDTH, "", s)),
        "isVariableWidth" => Ok(test(FULL_WIDTH, "", s) && test(HALF_WIDTH, "", s)),
        "isMultibyte" => Ok(!s.is_ascii()),
        "isSurrogatePair" => Ok(s.chars().any(|c| u32::from(c) > 0xFFFF)),
        "isUUID" => Ok(is_uuid(s, a0)),
        "isMongoId" => Ok(test(r"^(0x|0h)?[0-9A-F]+$", "i", s) && len16(s) == 24),
        "isMD5" => Ok(test("^[a-f0-9]{32}$", "", s)),
        "isHash" => is_hash(s, a0),
        "isHexColor" => with_options(args.first_mut(), |o| {
            merge_into(o, &[("require_hashtag", json!(false))]);
            Ok(if truthy(o.get("require_hashtag")) {
                test(
                    "^#([0-9A-F]{3}|[0-9A-F]{4}|[0-9A-F]{6}|[0-9A-F]{8})$",
                    "i",
                    s,
                )
            } else {
                test(
                    "^#?([0-9A-F]{3}|[0-9A-F]{4}|[0-9A-F]{6}|[0-9A-F]{8})$",
                    "i",
                    s,
                )
            })
        }),
        "isRgbColor" => is_rgb(s, args),
        "isHSL" => Ok(is_hsl(s)),
        "isJWT" => Ok({
            let parts: Vec<&str> = s.split('.').collect();
            parts.len() == 3 && parts.iter().all(|p| is_base64(p, true, false))
        }),
        "isJSON" => with_options(args.first_mut(), |o| {
            merge_into(
                o,
                &[
                    ("allow_primitives", json!(false)),
                    ("allow_any_value", json!(false)),
                ],
            );
            Ok(is_json(s, o))
        }),
        "isBase32" => with_options(args.first_mut(), |o| {
            merge_into(o, &[("crockford", json!(false))]);
            Ok(if truthy(o.get("crockford")) {
                test("^[A-HJKMNP-TV-Z0-9]+$", "", s)
            } else {
                len16(s).is_multiple_of(8) && test("^[A-Z2-7]+=*$", "", s)
            })
        }),
        "isBase58" => Ok(test("^[A-HJ-NP-Za-km-z1-9]*$", "", s)),
        "isBase64" => {
            let url_safe_given = truthy(prop(a0, "urlSafe"));
            with_options(args.first_mut(), |o| {
                merge_into(
                    o,
                    &[
                        ("urlSafe", json!(false)),
                        ("padding", json!(!url_safe_given)),
                    ],
                );
                Ok(is_base64(
                    s,
                    truthy(o.get("urlSafe")),
                    truthy(o.get("padding")),
                ))
            })
        }
        "isULID" => Ok(test("^[0-7][0-9A-HJKMNP-TV-Z]{25}$", "i", s)),
        "isSemVer" => Ok(test(
            r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-z-][0-9a-z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-z-][0-9a-z-]*))*))?(?:\+([0-9a-z-]+(?:\.[0-9a-z-]+)*))?$",
            "i",
            s,
        )),
        "isSlug" => Ok(test(
            r"^[a-z0-9](?!.*[-_]{2,})(?:[a-z0-9_-]*[a-z0-9])?$",
            "",
            s,
        )),
        "isLatLong" => is_lat_long(s, args),
        "isBoolean" => is_boolean(s, a0),
        "isMimeType" => Ok(is_mime_type(s)),
        "isDataURI" => Ok(is_data_uri(s)),
        "isMagnetURI" => Ok(s.starts_with("magnet:?")
            && test(
                r"(?:^magnet:\?|[^?&]&)xt(?:\.1)?=urn:(?:(?:aich|bitprint|btih|ed2k|ed2khash|kzhash|md5|sha1|tree:tiger):[a-z0-9]{32}(?:[a-z0-9]{8})?|btmh:1220[a-z0-9]{64})(?:$|&)",
                "i",
                s,
            )),
        "isEthereumAddress" => Ok(test("^(0x)[0-9a-f]{40}$", "i", s)),
        "isBtcAddress" => Ok(test("^(bc1|tb1|bc1p|tb1p)[ac-hj-np-z02-9]{39,58}$", "", s)
            || test("^(1|2|3|m)[A-HJ-NP-Za-km-z1-9]{25,39}$", "", s)),
        "isISRC" => Ok(test(r"^[A-Z]{2}[0-9A-Z]{3}\d{2}\d{5}$", "", s)),
        "isLength" | "len" => is_length(s, a0, a1),
        "isByteLength" => is_byte_length(s, a0, a1),
        "isEmpty" | "isNull" => with_options(args.first_mut(), |o| {
            merge_into(o, &[("ignore_whitespace", json!(false))]);
            Ok(if truthy(o.get("ignore_whitespace")) {
                js::trim(s).is_empty()
            } else {
                s.is_empty()
            })
        }),
        "notEmpty" => Ok(!s.chars().all(js::is_js_space)),
        "notNull" => Ok(true),
        "isIn" => is_in(s, a0),
        "notIn" => is_in(s, a0).map(|b| !b),
        "isDate" => Ok(date_parse(s).is_some()),
        "isAfter" => compare_dates(s, a0, true),
        "isBefore" => compare_dates(s, a0, false),
        "isISO8601" => is_iso8601(s, a0),
        "isRFC3339" => Ok(test(
            r"^[0-9]{4}-(0[1-9]|1[0-2])-([12]\d|0[1-9]|3[01])[ tT]([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?([zZ]|[-+]([01][0-9]|2[0-3]):[0-5][0-9])$",
            "",
            s,
        )),
        "isTime" => is_time(s, args),
        "isCreditCard" => is_credit_card(s, a0),
        "isLuhnNumber" => Ok(is_luhn(s)),
        "isEAN" => Ok(is_ean(s)),
        "isISBN" => Ok(is_isbn(s, a0)),
        "isISSN" => Ok(is_issn(s, a0)),
        "isIMEI" => Ok(is_imei(s, a0)),
        "isWhitelisted" => is_whitelisted(s, a0),
        "isStrongPassword" => is_strong_password(s, args),
        "min" => {
            let n = parse_float(s);
            Ok(n.is_nan() || ge(&Prim::Num(n), &Prim::of(a0)))
        }
        "max" => {
            let n = parse_float(s);
            Ok(n.is_nan() || le(&Prim::Num(n), &Prim::of(a0)))
        }
        _ => return None,
    })
}

// ---------------------------------------------------------------- options

/// Runs `f` on the options object at `slot` (validator.js's `merge(options,
/// defaults)` mutates the caller's object; a non-object gets a fresh one).
fn with_options<T>(slot: Option<&mut Value>, f: impl FnOnce(&mut Map<String, Value>) -> T) -> T {
    match slot {
        Some(Value::Object(m)) if !m.contains_key("$re") => f(m),
        _ => f(&mut Map::new()),
    }
}

/// Adds the defaults missing from `o`, in order.
fn merge_into(o: &mut Map<String, Value>, defaults: &[(&str, Value)]) {
    for (k, v) in defaults {
        if !o.contains_key(*k) {
            o.insert((*k).to_string(), v.clone());
        }
    }
}

fn has_own(o: Option<&Value>, key: &str) -> bool {
    o.and_then(Value::as_object)
        .is_some_and(|m| m.contains_key(key))
}

/// `Cannot read properties of null (reading 'x')` when `v` is null.
fn null_read(v: Option<&Value>, key: &str) -> Result<(), String> {
    if let Some(Value::Null) = v {
        return Err(format!("Cannot read properties of null (reading '{key}')"));
    }
    Ok(())
}

// ---------------------------------------------------------------- strings

/// Sequelize's `contains(str, elem)`: `!!elem && str.includes(elem)`.
fn contains(s: &str, elem: Option<&Value>) -> R {
    if !truthy(elem) {
        return Ok(false);
    }
    if elem.is_some_and(|e| js::as_regexp(e).is_some()) {
        return Err(
            "First argument to String.prototype.includes must not be a regular expression"
                .to_string(),
        );
    }
    Ok(s.contains(&to_string(elem)))
}

/// `!!str.match(new RegExp(pattern, modifiers))` (a RegExp is used as is).
fn regex_match(s: &str, pattern: Option<&Value>, modifiers: Option<&Value>) -> R {
    let re = match pattern.and_then(js::as_regexp) {
        Some((src, flags)) => compile(src, flags)?,
        None => {
            let src = match pattern {
                None => String::new(),
                Some(p) => to_string(Some(p)),
            };
            let flags = match modifiers {
                None => String::new(),
                Some(m) => to_string(Some(m)),
            };
            compile(&src, &flags)?
        }
    };
    Ok(re.is_match(s))
}

/// `isLength(str, options)` / `isLength(str, min, max)`, as `len` calls it.
fn is_length(s: &str, a0: Option<&Value>, a1: Option<&Value>) -> R {
    null_read(a0, "min")?;
    let (min, max) = match a0 {
        Some(Value::Object(_)) | Some(Value::Array(_)) => {
            (prop(a0, "min").cloned(), prop(a0, "max").cloned())
        }
        _ => (a0.cloned(), a1.cloned()),
    };
    let min = if truthy(min.as_ref()) {
        min
    } else {
        Some(json!(0))
    };
    let units: Vec<u16> = s.encode_utf16().collect();
    let is_vs = |u: u16| u == 0xFE0F || u == 0xFE0E;
    // str.match(/[^\uFE0F\uFE0E][\uFE0F\uFE0E]/g): non-overlapping pairs.
    let mut presentation = 0usize;
    let mut i = 0;
    while i + 1 < units.len() {
        if !is_vs(units[i]) && is_vs(units[i + 1]) {
            presentation += 1;
            i += 2;
        } else {
            i += 1;
        }
    }
    let surrogate_pairs = s.chars().filter(|c| u32::from(*c) > 0xFFFF).count();
    let len = (units.len() - presentation - surrogate_pairs) as f64;
    let inside = ge(&Prim::Num(len), &Prim::of(min.as_ref()))
        && (max.is_none() || le(&Prim::Num(len), &Prim::of(max.as_ref())));
    if inside {
        if let Some(Value::Array(d)) = prop(a0, "discreteLengths") {
            return Ok(d.iter().any(|x| x.as_f64().is_some_and(|v| v == len)));
        }
    }
    Ok(inside)
}

fn is_byte_length(s: &str, a0: Option<&Value>, a1: Option<&Value>) -> R {
    null_read(a0, "min")?;
    let (min, max) = match a0 {
        Some(Value::Object(_)) | Some(Value::Array(_)) => {
            let min = prop(a0, "min").cloned();
            let min = if truthy(min.as_ref()) {
                min
            } else {
                Some(json!(0))
            };
            (min, prop(a0, "max").cloned())
        }
        _ => (a0.cloned(), a1.cloned()),
    };
    let len = Prim::Num(s.len() as f64);
    Ok(ge(&len, &Prim::of(min.as_ref())) && (max.is_none() || le(&len, &Prim::of(max.as_ref()))))
}

/// validator.js's `toString` for `isIn` list members.
fn member_string(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Number(n) if js::num(n).is_nan() => String::new(),
        other => to_string(Some(other)),
    }
}

fn is_in(s: &str, options: Option<&Value>) -> R {
    Ok(match options {
        Some(Value::Array(items)) => items.iter().any(|x| member_string(x) == s),
        Some(Value::Object(m)) if js::as_regexp(options.unwrap_or(&Value::Null)).is_none() => {
            m.contains_key(s)
        }
        Some(Value::Object(_)) => false,
        Some(Value::String(list)) => {
            let hay: Vec<u16> = list.encode_utf16().collect();
            let needle: Vec<u16> = s.encode_utf16().collect();
            needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle.as_slice())
        }
        _ => false,
    })
}

fn is_whitelisted(s: &str, chars: Option<&Value>) -> R {
    if s.is_empty() {
        return Ok(true);
    }
    let units: Vec<u16> = s.encode_utf16().collect();
    match chars {
        None => Err("Cannot read properties of undefined (reading 'indexOf')".to_string()),
        Some(Value::Null) => Err("Cannot read properties of null (reading 'indexOf')".to_string()),
        Some(Value::String(c)) => {
            let allowed: Vec<u16> = c.encode_utf16().collect();
            Ok(units.iter().all(|u| allowed.contains(u)))
        }
        Some(Value::Array(items)) => Ok(units.iter().all(|u| {
            items.iter().any(|x| {
                x.as_str()
                    .is_some_and(|t| t.encode_utf16().eq(std::iter::once(*u)))
            })
        })),
        Some(_) => Err("chars.indexOf is not a function".to_string()),
    }
}

// ---------------------------------------------------------------- numbers

fn decimal_sep(locale: &str) -> Option<&'static str> {
    DECIMAL.iter().find(|(l, _)| *l == locale).map(|(_, d)| *d)
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_string()
            } else {
                format!("\\u{:04x}", u32::from(c))
            }
        })
        .collect()
}

fn is_numeric(s: &str, options: Option<&Value>) -> R {
    if truthy(prop(options, "no_symbols")) {
        return Ok(test("^[0-9]+$", "", s));
    }
    let locale = prop(options, "locale");
    let sep = if truthy(locale) {
        decimal_sep(&to_string(locale)).unwrap_or("undefined")
    } else {
        "."
    };
    let class: String = sep.chars().map(|c| regex_escape(&c.to_string())).collect();
    Ok(test(&format!("^[+-]?([0-9]*[{class}])?[0-9]+$"), "", s))
}

fn is_int(s: &str, options: Option<&Value>) -> R {
    let o = if truthy(options) { options } else { None };
    let pattern = if prop(o, "allow_leading_zeroes") == Some(&Value::Bool(false)) {
        "^(?:[-+]?(?:0|[1-9][0-9]*))$"
    } else {
        "^[-+]?[0-9]+$"
    };
    let me = Prim::Str(s.to_string());
    let bound = |key: &str, cmp: fn(&Prim, &Prim) -> bool| {
        !has_own(o, key)
            || matches!(prop(o, key), Some(Value::Null) | None)
            || cmp(&me, &Prim::of(prop(o, key)))
    };
    Ok(test(pattern, "", s)
        && bound("min", ge)
        && bound("max", le)
        && bound("lt", lt)
        && bound("gt", gt))
}

fn is_float(s: &str, options: Option<&Value>) -> R {
    let o = if truthy(options) { options } else { None };
    let locale = prop(o, "locale");
    let sep = if truthy(locale) {
        decimal_sep(&to_string(locale)).unwrap_or("undefined")
    } else {
        "."
    };
    let pattern = format!(
        r"^(?:[-+])?(?:[0-9]+)?(?:{}[0-9]*)?(?:[eE][\+\-]?(?:[0-9]+))?$",
        regex_escape(sep)
    );
    if matches!(s, "" | "." | "," | "-" | "+") {
        return Ok(false);
    }
    let value = Prim::Num(parse_float(&s.replacen(',', ".", 1)));
    let bound = |key: &str, cmp: fn(&Prim, &Prim) -> bool| {
        !has_own(o, key)
            || matches!(prop(o, key), Some(Value::Null) | None)
            || cmp(&value, &Prim::of(prop(o, key)))
    };
    Ok(test(&pattern, "", s)
        && bound("min", ge)
        && bound("max", le)
        && bound("lt", lt)
        && bound("gt", gt))
}

fn is_luhn(s: &str) -> bool {
    let sanitized: Vec<char> = s.chars().filter(|c| *c != '-' && *c != ' ').collect();
    let mut sum = 0u32;
    let mut double = false;
    for c in sanitized.iter().rev() {
        let Some(mut d) = c.to_digit(10) else {
            return false;
        };
        if double {
            d *= 2;
            sum += if d >= 10 { d % 10 + 1 } else { d };
        } else {
            sum += d;
        }
        double = !double;
    }
    sum.is_multiple_of(10) && !sanitized.is_empty()
}

const CARDS: &[(&str, &str)] = &[
    ("amex", "^3[47][0-9]{13}$"),
    ("dinersclub", "^3(?:0[0-5]|[68][0-9])[0-9]{11}$"),
    ("discover", "^6(?:011|5[0-9][0-9])[0-9]{12,15}$"),
    ("jcb", r"^(?:2131|1800|35\d{3})\d{11}$"),
    (
        "mastercard",
        "^5[1-5][0-9]{2}|(222[1-9]|22[3-9][0-9]|2[3-6][0-9]{2}|27[01][0-9]|2720)[0-9]{12}$",
    ),
    ("unionpay", "^(6[27][0-9]{14}|^(81[0-9]{14,17}))$"),
    ("visa", "^(?:4[0-9]{12})(?:[0-9]{3,6})?$"),
];

fn is_credit_card(card: &str, options: Option<&Value>) -> R {
    null_read(options, "provider")?;
    let sanitized: String = {
        // card.replace(/[- ]+/g, '')
        card.chars().filter(|c| *c != '-' && *c != ' ').collect()
    };
    let provider = prop(options, "provider");
    if truthy(provider) {
        let p = match provider {
            Some(Value::String(p)) => p.to_lowercase(),
            _ => return Err("provider.toLowerCase is not a function".to_string()),
        };
        match CARDS.iter().find(|(name, _)| *name == p) {
            Some((_, re)) => {
                if !test(re, "", &sanitized) {
                    return Ok(false);
                }
            }
            None => {
                return Err(format!(
                    "{} is not a valid credit card provider.",
                    to_string(provider)
                ))
            }
        }
    } else if !CARDS.iter().any(|(_, re)| test(re, "", &sanitized)) {
        return Ok(false);
    }
    Ok(is_luhn(card))
}

fn is_ean(s: &str) -> bool {
    if !test(r"^(\d{8}|\d{13}|\d{14})$", "", s) {
        return false;
    }
    let digits: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
    let n = digits.len();
    let weight = |i: usize| {
        if n == 8 || n == 14 {
            if i.is_multiple_of(2) {
                3
            } else {
                1
            }
        } else if i.is_multiple_of(2) {
            1
        } else {
            3
        }
    };
    let checksum: u32 = digits
        .iter()
        .take(n.saturating_sub(1))
        .enumerate()
        .map(|(i, d)| d * weight(i))
        .sum();
    let remainder = 10 - checksum % 10;
    let check = if remainder < 10 { remainder } else { 0 };
    digits.last() == Some(&check)
}

fn is_isbn(isbn: &str, options: Option<&Value>) -> bool {
    let given = if truthy(prop(options, "version")) {
        prop(options, "version")
    } else {
        options
    };
    if !truthy(given) {
        return is_isbn(isbn, Some(&json!({"version": 10})))
            || is_isbn(isbn, Some(&json!({"version": 13})));
    }
    let version = to_string(given);
    let sanitized: Vec<char> = {
        let mut out = Vec::new();
        for c in isbn.chars() {
            if !(js::is_js_space(c) || c == '-') {
                out.push(c);
            }
        }
        out
    };
    let text: String = sanitized.iter().collect();
    let digit = |i: usize| sanitized.get(i).and_then(|c| c.to_digit(10)).unwrap_or(0);
    if version == "10" {
        if !test("^(?:[0-9]{9}X|[0-9]{10})$", "", &text) {
            return false;
        }
        let mut checksum: u32 = (0..9).map(|i| (i as u32 + 1) * digit(i)).sum();
        checksum += if sanitized.get(9) == Some(&'X') {
            100
        } else {
            10 * digit(9)
        };
        checksum.is_multiple_of(11)
    } else if version == "13" {
        if !test("^(?:[0-9]{13})$", "", &text) {
            return false;
        }
        let checksum: u32 = (0..12)
            .map(|i| if i % 2 == 0 { 1 } else { 3 } * digit(i))
            .sum();
        digit(12) == (10 - checksum % 10) % 10
    } else {
        false
    }
}

fn is_issn(s: &str, options: Option<&Value>) -> bool {
    let mut pattern = String::from(r"^\d{4}-?\d{3}[\dX]$");
    if truthy(prop(options, "require_hyphen")) {
        pattern = pattern.replacen('?', "", 1);
    }
    let flags = if truthy(prop(options, "case_sensitive")) {
        ""
    } else {
        "i"
    };
    if !test(&pattern, flags, s) {
        return false;
    }
    let digits: Vec<char> = s.replacen('-', "", 1).to_uppercase().chars().collect();
    let mut checksum = 0i64;
    for (i, c) in digits.iter().enumerate() {
        let v = if *c == 'X' {
            10
        } else {
            i64::from(c.to_digit(10).unwrap_or(0))
        };
        checksum += v * (8 - i as i64);
    }
    checksum % 11 == 0
}

fn is_imei(s: &str, options: Option<&Value>) -> bool {
    let hyphens = truthy(prop(options, "allow_hyphens"));
    let re = if hyphens {
        r"^\d{2}-\d{6}-\d{6}-\d{1}$"
    } else {
        "^[0-9]{15}$"
    };
    if !test(re, "", s) {
        return false;
    }
    let digits: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
    let mut sum = 0;
    let mut mul = 2;
    for i in 0..14 {
        let tp = digits.get(13 - i).copied().unwrap_or(0) * mul;
        sum += if tp >= 10 { tp % 10 + 1 } else { tp };
        mul = if mul == 1 { 2 } else { 1 };
    }
    (10 - sum % 10) % 10 == digits.get(14).copied().unwrap_or(99)
}

fn is_strong_password(s: &str, args: &mut [Value]) -> R {
    let mut counts: Vec<(char, usize)> = Vec::new();
    for c in s.chars() {
        match counts.iter_mut().find(|(k, _)| *k == c) {
            Some(e) => e.1 += 1,
            None => counts.push((c, 1)),
        }
    }
    let (mut upper, mut lower, mut number, mut symbol) = (0usize, 0usize, 0usize, 0usize);
    for (c, n) in &counts {
        if c.is_ascii_uppercase() {
            upper += n;
        } else if c.is_ascii_lowercase() {
            lower += n;
        } else if c.is_ascii_digit() {
            number += n;
        } else if "-#!$@£%^&*()_+|~=`{}[]:\";'<>?,./\\ ".contains(*c) {
            symbol += n;
        }
    }
    let length = len16(s) as f64;
    let unique = counts.len() as f64;
    let defaults = [
        ("minLength", json!(8)),
        ("minLowercase", json!(1)),
        ("minUppercase", json!(1)),
        ("minNumbers", json!(1)),
        ("minSymbols", json!(1)),
        ("returnScore", json!(false)),
        ("pointsPerUnique", json!(1)),
        ("pointsPerRepeat", json!(0.5)),
        ("pointsForContainingLower", json!(10)),
        ("pointsForContainingUpper", json!(10)),
        ("pointsForContainingNumber", json!(10)),
        ("pointsForContainingSymbol", json!(10)),
    ];
    let slot = if truthy(args.first()) {
        args.first_mut()
    } else {
        None
    };
    with_options(slot, |o| {
        merge_into(o, &defaults);
        let n = |k: &str| to_number(o.get(k));
        if truthy(o.get("returnScore")) {
            let mut points =
                unique * n("pointsPerUnique") + (length - unique) * n("pointsPerRepeat");
            for (count, key) in [
                (lower, "pointsForContainingLower"),
                (upper, "pointsForContainingUpper"),
                (number, "pointsForContainingNumber"),
                (symbol, "pointsForContainingSymbol"),
            ] {
                if count > 0 {
                    points += n(key);
                }
            }
            return Ok(points != 0.0 && !points.is_nan());
        }
        let at_least = |v: usize, k: &str| ge(&Prim::Num(v as f64), &Prim::of(o.get(k)));
        Ok(ge(&Prim::Num(length), &Prim::of(o.get("minLength")))
            && at_least(lower, "minLowercase")
            && at_least(upper, "minUppercase")
            && at_least(number, "minNumbers")
            && at_least(symbol, "minSymbols"))
    })
}

// ---------------------------------------------------------------- formats

const FULL_WIDTH: &str = r"[^\u0020-\u007E\uFF61-\uFF9F\uFFA0-\uFFDC\uFFE8-\uFFEE0-9a-zA-Z]";
const HALF_WIDTH: &str = r"[\u0020-\u007E\uFF61-\uFF9F\uFFA0-\uFFDC\uFFE8-\uFFEE0-9a-zA-Z]";

fn is_uuid(s: &str, version: Option<&Value>) -> bool {
    let v = match version {
        None | Some(Value::Null) => "all".to_string(),
        Some(v) => to_string(Some(v)),
    };
    let re = match v.as_str() {
        "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" => format!(
            "^[0-9A-F]{{8}}-[0-9A-F]{{4}}-{v}[0-9A-F]{{3}}-[89AB][0-9A-F]{{3}}-[0-9A-F]{{12}}$"
        ),
        "nil" => "^00000000-0000-0000-0000-000000000000$".to_string(),
        "max" => "^ffffffff-ffff-ffff-ffff-ffffffffffff$".to_string(),
        "loose" => "^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$".to_string(),
        "all" => "^(?:[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$".to_string(),
        _ => return false,
    };
    test(&re, "i", s)
}

fn is_hash(s: &str, algorithm: Option<&Value>) -> R {
    let n = match to_string(algorithm).as_str() {
        "md5" | "md4" | "ripemd128" | "tiger128" => "32".to_string(),
        "sha1" | "ripemd160" | "tiger160" => "40".to_string(),
        "sha256" => "64".to_string(),
        "sha384" => "96".to_string(),
        "sha512" => "128".to_string(),
        "tiger192" => "48".to_string(),
        "crc32" | "crc32b" => "8".to_string(),
        _ => "undefined".to_string(),
    };
    Ok(test(&format!("^[a-fA-F0-9]{{{n}}}$"), "", s))
}

fn is_base64(s: &str, url_safe: bool, padding: bool) -> bool {
    if s.is_empty() {
        return true;
    }
    if padding && !len16(s).is_multiple_of(4) {
        return false;
    }
    let re = match (url_safe, padding) {
        (true, true) => "^[A-Za-z0-9_-]+={0,2}$",
        (true, false) => "^[A-Za-z0-9_-]+$",
        (false, true) => "^[A-Za-z0-9+/]+={0,2}$",
        (false, false) => "^[A-Za-z0-9+/]+$",
    };
    test(re, "", s)
}

fn is_json(s: &str, o: &Map<String, Value>) -> bool {
    let Some(kind) = json_kind(s) else {
        return false;
    };
    if truthy(o.get("allow_any_value")) {
        return true;
    }
    if truthy(o.get("allow_primitives")) && matches!(kind, JsonKind::Null | JsonKind::Bool) {
        return true;
    }
    kind == JsonKind::Container
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum JsonKind {
    Null,
    Bool,
    Container,
    Other,
}

/// Whether `JSON.parse(s)` succeeds (JS grammar: any number magnitude, lone
/// surrogate escapes), and the kind of its top-level value.
fn json_kind(s: &str) -> Option<JsonKind> {
    let b = s.as_bytes();
    let mut i = 0;
    let ws = |i: &mut usize| {
        while *i < b.len() && matches!(b[*i], b' ' | b'\t' | b'\n' | b'\r') {
            *i += 1;
        }
    };
    let string = |i: &mut usize| -> Option<()> {
        if b.get(*i) != Some(&b'"') {
            return None;
        }
        *i += 1;
        loop {
            let c = *b.get(*i)?;
            *i += 1;
            match c {
                b'"' => return Some(()),
                b'\\' => {
                    let e = *b.get(*i)?;
                    *i += 1;
                    match e {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
                        b'u' => {
                            for _ in 0..4 {
                                if !b.get(*i)?.is_ascii_hexdigit() {
                                    return None;
                                }
                                *i += 1;
                            }
                        }
                        _ => return None,
                    }
                }
                0..=0x1F => return None,
                _ => {}
            }
        }
    };
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > start
    };
    ws(&mut i);
    let kind = match b.get(i)? {
        b'{' | b'[' => JsonKind::Container,
        b'n' => JsonKind::Null,
        b't' | b'f' => JsonKind::Bool,
        _ => JsonKind::Other,
    };
    let mut stack: Vec<u8> = Vec::new();
    loop {
        // A value.
        ws(&mut i);
        let mut opened = false;
        match *b.get(i)? {
            c @ (b'{' | b'[') => {
                i += 1;
                ws(&mut i);
                let close = if c == b'{' { b'}' } else { b']' };
                if b.get(i) == Some(&close) {
                    i += 1;
                } else {
                    stack.push(c);
                    opened = true;
                    if c == b'{' {
                        string(&mut i)?;
                        ws(&mut i);
                        if b.get(i) != Some(&b':') {
                            return None;
                        }
                        i += 1;
                    }
                }
            }
            b'"' => string(&mut i)?,
            b'-' | b'0'..=b'9' => {
                if b[i] == b'-' {
                    i += 1;
                }
                match b.get(i) {
                    Some(b'0') => i += 1,
                    Some(b'1'..=b'9') => {
                        digits(&mut i);
                    }
                    _ => return None,
                }
                if b.get(i) == Some(&b'.') {
                    i += 1;
                    if !digits(&mut i) {
                        return None;
                    }
                }
                if matches!(b.get(i), Some(b'e') | Some(b'E')) {
                    i += 1;
                    if matches!(b.get(i), Some(b'+') | Some(b'-')) {
                        i += 1;
                    }
                    if !digits(&mut i) {
                        return None;
                    }
                }
            }
            _ => {
                let rest = &b[i..];
                let lit: &[u8] = if rest.starts_with(b"true") {
                    b"true"
                } else if rest.starts_with(b"false") {
                    b"false"
                } else if rest.starts_with(b"null") {
                    b"null"
                } else {
                    return None;
                };
                i += lit.len();
            }
        }
        if opened {
            continue;
        }
        // After a value: close containers, or move to the next member.
        loop {
            ws(&mut i);
            match stack.last() {
                None => return (i == b.len()).then_some(kind),
                Some(&open) => {
                    let close = if open == b'{' { b'}' } else { b']' };
                    match b.get(i) {
                        Some(&c) if c == close => {
                            stack.pop();
                            i += 1;
                        }
                        Some(b',') => {
                            i += 1;
                            if open == b'{' {
                                ws(&mut i);
                                string(&mut i)?;
                                ws(&mut i);
                                if b.get(i) != Some(&b':') {
                                    return None;
                                }
                                i += 1;
                            }
                            break;
                        }
                        _ => return None,
                    }
                }
            }
        }
    }
}

fn is_rgb(s: &str, args: &mut [Value]) -> R {
    let (allow_spaces, include_percent) = match args.first() {
        Some(o @ Value::Object(_)) => (
            prop(Some(o), "allowSpaces")
                .cloned()
                .unwrap_or(json!(false)),
            prop(Some(o), "includePercentValues")
                .cloned()
                .unwrap_or(json!(true)),
        ),
        Some(Value::Null) => {
            return Err("Cannot read properties of null (reading 'allowSpaces')".into())
        }
        Some(v) => (json!(false), v.clone()),
        None => (json!(false), json!(true)),
    };
    let mut s = s.to_string();
    if truthy(Some(&allow_spaces)) {
        if !test("^rgba?", "", &s) {
            return Ok(false);
        }
        s = s.chars().filter(|c| !js::is_js_space(*c)).collect();
    }
    let byte = "([0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])";
    let pct = "([0-9]%|[1-9][0-9]%|100%)";
    let alpha = r"(0?\.\d\d?|1(\.0)?|0(\.0)?)";
    let rgb = format!(r"^rgb\(({byte},){{2}}{byte}\)$");
    let rgba = format!(r"^rgba\(({byte},){{3}}{alpha}\)$");
    let rgb_pct = format!(r"^rgb\(({pct},){{2}}{pct}\)$");
    let rgba_pct = format!(r"^rgba\(({pct},){{3}}{alpha}\)$");
    if !truthy(Some(&include_percent)) {
        return Ok(test(&rgb, "", &s) || test(&rgba, "", &s));
    }
    Ok(test(&rgb, "", &s)
        || test(&rgba, "", &s)
        || test(&rgb_pct, "", &s)
        || test(&rgba_pct, "", &s))
}

fn is_hsl(s: &str) -> bool {
    let collapsed = match compile(r"\s+", "g") {
        Ok(re) => re.replace(s, " "),
        Err(_) => return false,
    };
    let stripped = match compile(r"\s?(hsla?\(|\)|,)\s?", "ig") {
        Ok(re) => re.replace(&collapsed, "${1}"),
        Err(_) => return false,
    };
    let num = r"((\+|\-)?([0-9]+(\.[0-9]+)?(e(\+|\-)?[0-9]+)?|\.[0-9]+(e(\+|\-)?[0-9]+)?))";
    let comma = format!(r"^hsla?\({num}(deg|grad|rad|turn)?(,{num}%){{2}}(,({num}%?))?\)$");
    let space =
        format!(r"^hsla?\({num}(deg|grad|rad|turn)?(\s{num}%){{2}}\s?(\/\s({num}%?)\s?)?\)$");
    if stripped.contains(',') {
        test(&comma, "i", &stripped)
    } else {
        test(&space, "i", &stripped)
    }
}

fn is_lat_long(s: &str, args: &mut [Value]) -> R {
    let check_dms = with_options(args.first_mut(), |o| {
        merge_into(o, &[("checkDMS", json!(false))]);
        truthy(o.get("checkDMS"))
    });
    if !s.contains(',') {
        return Ok(false);
    }
    let pair: Vec<&str> = s.split(',').collect();
    let (p0, p1) = (
        pair.first().copied().unwrap_or(""),
        pair.get(1).copied().unwrap_or(""),
    );
    if (p0.starts_with('(') && !p1.ends_with(')')) || (p1.ends_with(')') && !p0.starts_with('(')) {
        return Ok(false);
    }
    if check_dms {
        return Ok(test(
            r"^(([1-8]?\d)\D+([1-5]?\d|60)\D+([1-5]?\d|60)(\.\d+)?|90\D+0\D+0)\D+[NSns]?$",
            "i",
            p0,
        ) && test(
            r"^\s*([1-7]?\d{1,2}\D+([1-5]?\d|60)\D+([1-5]?\d|60)(\.\d+)?|180\D+0\D+0)\D+[EWew]?$",
            "i",
            p1,
        ));
    }
    Ok(test(r"^\(?[+-]?(90(\.0+)?|[1-8]?\d(\.\d+)?)$", "", p0)
        && test(
            r"^\s?[+-]?(180(\.0+)?|1[0-7]\d(\.\d+)?|\d{1,2}(\.\d+)?)\)?$",
            "",
            p1,
        ))
}

fn is_boolean(s: &str, options: Option<&Value>) -> R {
    null_read(options, "loose")?;
    let strict = ["true", "false", "1", "0"];
    if truthy(prop(options, "loose")) {
        let l = s.to_lowercase();
        return Ok(strict.contains(&l.as_str()) || l == "yes" || l == "no");
    }
    Ok(strict.contains(&s))
}

fn is_mime_type(s: &str) -> bool {
    test(
        r"^(application|audio|font|image|message|model|multipart|text|video)\/[a-zA-Z0-9\.\-\+_]{1,100}$",
        "i",
        s,
    ) || test(
        r#"^text\/[a-zA-Z0-9\.\-\+]{1,100};\s?charset=("[a-zA-Z0-9\.\-\+\s]{0,70}"|[a-zA-Z0-9\.\-\+]{0,70})(\s?\([a-zA-Z0-9\.\-\+\s]{1,20}\))?$"#,
        "i",
        s,
    ) || test(
        r#"^multipart\/[a-zA-Z0-9\.\-\+]{1,100}(;\s?(boundary|charset)=("[a-zA-Z0-9\.\-\+\s]{0,70}"|[a-zA-Z0-9\.\-\+]{0,70})(\s?\([a-zA-Z0-9\.\-\+\s]{1,20}\))?){0,2}$"#,
        "i",
        s,
    )
}

fn is_data_uri(s: &str) -> bool {
    let mut data: Vec<&str> = s.split(',').collect();
    if data.len() < 2 {
        return false;
    }
    let head = js::trim(data.remove(0));
    let mut attributes: Vec<&str> = head.split(';').collect();
    let scheme_and_type = attributes.remove(0);
    let Some(media_type) = scheme_and_type.strip_prefix("data:") else {
        return false;
    };
    if !media_type.is_empty() && !test(r"^[a-z]+\/[a-z0-9\-\+\._]+$", "i", media_type) {
        return false;
    }
    let n = attributes.len();
    for (i, a) in attributes.iter().enumerate() {
        let trailing_base64 = i + 1 == n && a.to_lowercase() == "base64";
        if !(trailing_base64 || test(r"^[a-z\-]+=[a-z0-9\-]+$", "i", a)) {
            return false;
        }
    }
    data.iter()
        .all(|d| test(r"^[a-z0-9!\$&'\(\)\*\+,;=\-\._~:@\/\?%\s]*$", "i", d))
}

fn is_mac(s: &str, slot: Option<&mut Value>) -> R {
    let mut eui: Option<String> = None;
    let mut no_sep = false;
    if let Some(v) = slot {
        if let Value::Object(o) = v {
            if truthy(o.get("eui")) {
                let e = to_string(o.get("eui"));
                o.insert("eui".to_string(), Value::String(e.clone()));
                eui = Some(e);
            }
            no_sep = truthy(o.get("no_colons")) || truthy(o.get("no_separators"));
        } else if let Value::String(_) | Value::Array(_) = v {
            // `options.eui` on a primitive is undefined.
        }
    }
    let m48 = r"^(?:[0-9a-fA-F]{2}([-:\s]))([0-9a-fA-F]{2}\1){4}([0-9a-fA-F]{2})$";
    let m48_plain = "^([0-9a-fA-F]){12}$";
    let m48_dots = r"^([0-9a-fA-F]{4}\.){2}([0-9a-fA-F]{4})$";
    let m64 = r"^(?:[0-9a-fA-F]{2}([-:\s]))([0-9a-fA-F]{2}\1){6}([0-9a-fA-F]{2})$";
    let m64_plain = "^([0-9a-fA-F]){16}$";
    let m64_dots = r"^([0-9a-fA-F]{4}\.){3}([0-9a-fA-F]{4})$";
    if no_sep {
        return Ok(match eui.as_deref() {
            Some("48") => test(m48_plain, "", s),
            Some("64") => test(m64_plain, "", s),
            _ => test(m48_plain, "", s) || test(m64_plain, "", s),
        });
    }
    Ok(match eui.as_deref() {
        Some("48") => test(m48, "", s) || test(m48_dots, "", s),
        Some("64") => test(m64, "", s) || test(m64_dots, "", s),
        _ => test(m48, "", s) || test(m48_dots, "", s) || test(m64, "", s) || test(m64_dots, "", s),
    })
}

// ---------------------------------------------------------------- locales

fn is_alpha(
    s: &str,
    locale: Option<&Value>,
    options: Option<&Value>,
    table: &[(&str, &str, &str)],
) -> R {
    let locale = match locale {
        None => "en-US".to_string(),
        Some(l) => to_string(Some(l)),
    };
    null_read(options, "ignore")?;
    let ignore = prop(options, "ignore");
    let mut str_ = s.to_string();
    if truthy(ignore) {
        match ignore {
            Some(v) if js::as_regexp(v).is_some() => {
                if let Some((src, flags)) = js::as_regexp(v) {
                    str_ = compile(src, flags)?.remove_matches(&str_);
                }
            }
            Some(Value::String(chars)) => {
                // ignore.replace(/[-[\]{}()*+?.,\\^$|#\\s]/g, '\\$&')
                let mut escaped = String::new();
                for c in chars.chars() {
                    if "-[]{}()*+?.,\\^$|#s".contains(c) {
                        escaped.push('\\');
                    }
                    escaped.push(c);
                }
                str_ = compile(&format!("[{escaped}]"), "g")?.remove_matches(&str_);
            }
            _ => return Err("ignore should be instance of a String or RegExp".to_string()),
        }
    }
    match table.iter().find(|(l, _, _)| *l == locale) {
        Some((_, src, flags)) => Ok(test(src, flags, &str_)),
        None => Err(format!("Invalid locale '{locale}'")),
    }
}

// ---------------------------------------------------------------- dates

/// `isAfter(str, options)` / `isBefore(str, options)`.
fn compare_dates(s: &str, options: Option<&Value>, after: bool) -> R {
    let comparison = match options {
        Some(Value::Null) => {
            return Err("Cannot read properties of null (reading 'comparisonDate')".into())
        }
        Some(o @ Value::Object(_)) if js::as_regexp(o).is_none() => prop(options, "comparisonDate"),
        Some(o @ Value::Array(_)) => prop(Some(o), "comparisonDate"),
        other => other,
    };
    let comparison_ms = if truthy(comparison) {
        let text = assert_string(comparison)?;
        date_parse(text)
    } else {
        // Date().toString(): now, to the second.
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as f64 * 1000.0)
            .unwrap_or(0.0);
        Some(now)
    };
    let original = date_parse(s);
    Ok(match (original, comparison_ms) {
        (Some(o), Some(c)) => {
            if after {
                o > c
            } else {
                o < c
            }
        }
        _ => false,
    })
}

const ISO8601: &str = r"^([\+-]?\d{4}(?!\d{2}\b))((-?)((0[1-9]|1[0-2])(\3([12]\d|0[1-9]|3[01]))?|W([0-4]\d|5[0-3])(-?[1-7])?|(00[1-9]|0[1-9]\d|[12]\d{2}|3([0-5]\d|6[1-6])))([T\s]((([01]\d|2[0-3])((:?)[0-5]\d)?|24:?00)([\.,]\d+(?!:))?)?(\17[0-5]\d([\.,]\d+)?)?([zZ]|([\+-])([01]\d|2[0-3]):?([0-5]\d)?)?)?)?$";
const ISO8601_STRICT_SEP: &str = r"^([\+-]?\d{4}(?!\d{2}\b))((-?)((0[1-9]|1[0-2])(\3([12]\d|0[1-9]|3[01]))?|W([0-4]\d|5[0-3])(-?[1-7])?|(00[1-9]|0[1-9]\d|[12]\d{2}|3([0-5]\d|6[1-6])))([T]((([01]\d|2[0-3])((:?)[0-5]\d)?|24:?00)([\.,]\d+(?!:))?)?(\17[0-5]\d([\.,]\d+)?)?([zZ]|([\+-])([01]\d|2[0-3]):?([0-5]\d)?)?)?)?$";

fn is_iso8601(s: &str, options: Option<&Value>) -> R {
    null_read(options, "strictSeparator")?;
    let check = if truthy(prop(options, "strictSeparator")) {
        test(ISO8601_STRICT_SEP, "", s)
    } else {
        test(ISO8601, "", s)
    };
    if check && truthy(prop(options, "strict")) {
        return Ok(iso_valid_date(s));
    }
    Ok(check)
}

/// validator.js's `isValidDate` for `isISO8601(str, {strict: true})`.
fn iso_valid_date(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    let digit_run = |from: usize, max: usize| {
        let mut i = from;
        while i < chars.len() && i - from < max && chars[i].is_ascii_digit() {
            i += 1;
        }
        i
    };
    // /^(\d{4})-?(\d{3})([ T]{1}\.*|$)/
    if digit_run(0, 4) == 4 {
        let mut i = 4;
        if chars.get(i) == Some(&'-') {
            i += 1;
        }
        if digit_run(i, 3) == i + 3 {
            let after = i + 3;
            if matches!(chars.get(after), None | Some(' ') | Some('T')) {
                let year: i64 = chars[..4].iter().collect::<String>().parse().unwrap_or(0);
                let day: i64 = chars[i..after]
                    .iter()
                    .collect::<String>()
                    .parse()
                    .unwrap_or(0);
                let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
                return day <= if leap { 366 } else { 365 };
            }
        }
    }
    // /(\d{4})-?(\d{0,2})-?(\d*)/ (first match anywhere)
    let Some(start) = (0..chars.len()).find(|&i| digit_run(i, 4) == i + 4) else {
        return true;
    };
    let mut i = start + 4;
    let year: i64 = chars[start..i]
        .iter()
        .collect::<String>()
        .parse()
        .unwrap_or(0);
    if chars.get(i) == Some(&'-') {
        i += 1;
    }
    let m_end = digit_run(i, 2);
    let month: i64 = chars[i..m_end]
        .iter()
        .collect::<String>()
        .parse()
        .unwrap_or(0);
    i = m_end;
    if chars.get(i) == Some(&'-') {
        i += 1;
    }
    let d_end = digit_run(i, usize::MAX);
    let day_text: String = chars[i..d_end].iter().collect();
    let day: f64 = if day_text.is_empty() {
        0.0
    } else {
        day_text.parse().unwrap_or(f64::NAN)
    };
    if month == 0 || day == 0.0 || day.is_nan() {
        return true;
    }
    let pad = |n: String| {
        let p = format!("0{n}");
        p[p.len().saturating_sub(2)..].to_string()
    };
    let text = format!(
        "{year}-{}-{}",
        pad(month.to_string()),
        pad(js::to_string(Some(&json!(day))))
    );
    match date_parse(&text) {
        Some(ms) => {
            let days = (ms / 86_400_000.0).floor() as i64;
            let (y, m, d) = js::civil_from_days(days);
            y == year && i64::from(m) == month && f64::from(d) == day
        }
        None => false,
    }
}

fn is_time(s: &str, args: &mut [Value]) -> R {
    with_options(args.first_mut(), |o| {
        merge_into(
            o,
            &[("hourFormat", json!("hour24")), ("mode", json!("default"))],
        );
        let fmt = to_string(o.get("hourFormat"));
        let mode = to_string(o.get("mode"));
        let re = match (fmt.as_str(), mode.as_str()) {
            ("hour24", "default") => "^([01]?[0-9]|2[0-3]):([0-5][0-9])$",
            ("hour24", "withSeconds") => "^([01]?[0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])$",
            ("hour24", "withOptionalSeconds") => {
                "^([01]?[0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9]))?$"
            }
            ("hour12", "default") => "^(0?[1-9]|1[0-2]):([0-5][0-9]) (A|P)M$",
            ("hour12", "withSeconds") => "^(0?[1-9]|1[0-2]):([0-5][0-9]):([0-5][0-9]) (A|P)M$",
            ("hour12", "withOptionalSeconds") => {
                "^(0?[1-9]|1[0-2]):([0-5][0-9])(?::([0-5][0-9]))? (A|P)M$"
            }
            ("hour24", _) | ("hour12", _) => {
                return Err("Cannot read properties of undefined (reading 'test')".to_string())
            }
            _ => {
                return Err(format!(
                    "Cannot read properties of undefined (reading '{mode}')"
                ))
            }
        };
        Ok(test(re, "", s))
    })
}

// ---------------------------------------------------------------- network

fn check_host(host: &str, matches: &Value) -> bool {
    match matches {
        Value::Array(items) => items.iter().any(|m| match m {
            Value::String(t) => t == host,
            other => match js::as_regexp(other) {
                Some((src, flags)) => test(src, flags, host),
                None => false,
            },
        }),
        Value::String(t) => t.chars().any(|c| c.to_string() == host),
        _ => false,
    }
}

/// `matches.length > 0` for a host list.
fn non_empty_list(v: Option<&Value>) -> Result<bool, String> {
    match v {
        Some(Value::Array(a)) => Ok(!a.is_empty()),
        Some(Value::String(s)) => Ok(!s.is_empty()),
        Some(Value::Null) => Err("Cannot read properties of null (reading 'length')".to_string()),
        None => Err("Cannot read properties of undefined (reading 'length')".to_string()),
        Some(_) => Ok(false),
    }
}

const IPV4_SEG: &str = "(?:[0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])";

fn ipv4_re() -> String {
    format!("^({IPV4_SEG}[.]){{3}}{IPV4_SEG}$")
}

fn ipv6_re() -> String {
    let seg = "(?:[0-9a-fA-F]{1,4})";
    let v4 = format!("({IPV4_SEG}[.]){{3}}{IPV4_SEG}");
    format!(
        "^((?:{seg}:){{7}}(?:{seg}|:)|(?:{seg}:){{6}}(?:{v4}|:{seg}|:)|(?:{seg}:){{5}}(?::{v4}|(:{seg}){{1,2}}|:)|(?:{seg}:){{4}}(?:(:{seg}){{0,1}}:{v4}|(:{seg}){{1,3}}|:)|(?:{seg}:){{3}}(?:(:{seg}){{0,2}}:{v4}|(:{seg}){{1,4}}|:)|(?:{seg}:){{2}}(?:(:{seg}){{0,3}}:{v4}|(:{seg}){{1,5}}|:)|(?:{seg}:){{1}}(?:(:{seg}){{0,4}}:{v4}|(:{seg}){{1,6}}|:)|(?::((?::{seg}){{0,5}}:{v4}|(?::{seg}){{1,7}}|:)))(%[0-9a-zA-Z.]{{1,}})?$"
    )
}

/// `isIP(str, version)` (version: `4`, `'6'`, `{version}`, or nothing).
pub fn is_ip(s: &str, options: Option<&Value>) -> R {
    let version = match options {
        Some(Value::Null) => {
            return Err("Cannot read properties of null (reading 'version')".to_string())
        }
        Some(o @ Value::Object(_)) | Some(o @ Value::Array(_)) => prop(Some(o), "version"),
        other => other,
    };
    if !truthy(version) {
        return Ok(test(&ipv4_re(), "", s) || test(&ipv6_re(), "", s));
    }
    Ok(match to_string(version).as_str() {
        "4" => test(&ipv4_re(), "", s),
        "6" => test(&ipv6_re(), "", s),
        _ => false,
    })
}

fn is_ip_range(s: &str, version: Option<&Value>) -> R {
    let parts: Vec<&str> = s.split('/').collect();
    if parts.len() != 2 {
        return Ok(false);
    }
    let subnet = parts[1];
    if !test(r"^\d{1,3}$", "", subnet) || (subnet.len() > 1 && subnet.starts_with('0')) {
        return Ok(false);
    }
    let v = version.cloned().unwrap_or(json!(""));
    if !is_ip(parts[0], Some(&v))? {
        return Ok(false);
    }
    let expected = match to_string(Some(&v)).as_str() {
        "4" => 32.0,
        "6" => 128.0,
        _ => {
            if is_ip(parts[0], Some(&json!("6")))? {
                128.0
            } else {
                32.0
            }
        }
    };
    let n = js::string_to_number(subnet);
    Ok(n <= expected && n >= 0.0)
}

/// `isFQDN(str, options)` with `options` already an object (merged in place).
fn is_fqdn(s: &str, o: &mut Map<String, Value>) -> R {
    merge_into(
        o,
        &[
            ("require_tld", json!(true)),
            ("allow_underscores", json!(false)),
            ("allow_trailing_dot", json!(false)),
            ("allow_numeric_tld", json!(false)),
            ("allow_wildcard", json!(false)),
            ("ignore_max_length", json!(false)),
        ],
    );
    let mut s = s;
    if truthy(o.get("allow_trailing_dot")) && s.ends_with('.') {
        s = &s[..s.len() - 1];
    }
    if o.get("allow_wildcard") == Some(&Value::Bool(true)) && s.starts_with("*.") {
        s = &s[2..];
    }
    let parts: Vec<&str> = s.split('.').collect();
    let tld = parts.last().copied().unwrap_or("");
    if truthy(o.get("require_tld")) {
        if parts.len() < 2 {
            return Ok(false);
        }
        if !truthy(o.get("allow_numeric_tld"))
            && !test(
                r"^([a-z\u00A1-\u00A8\u00AA-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]{2,}|xn[a-z0-9-]{2,})$",
                "i",
                tld,
            )
        {
            return Ok(false);
        }
        if tld.chars().any(js::is_js_space) {
            return Ok(false);
        }
    }
    if !truthy(o.get("allow_numeric_tld")) && test(r"^\d+$", "", tld) {
        return Ok(false);
    }
    let ignore_max = truthy(o.get("ignore_max_length"));
    let allow_underscores = truthy(o.get("allow_underscores"));
    Ok(parts.iter().all(|part| {
        if len16(part) > 63 && !ignore_max {
            return false;
        }
        if !test(r"^[a-z_\u00a1-\uffff0-9-]+$", "i", part) {
            return false;
        }
        if part.chars().any(|c| ('\u{ff01}'..='\u{ff5e}').contains(&c)) {
            return false;
        }
        if part.starts_with('-') || part.ends_with('-') {
            return false;
        }
        allow_underscores || !part.contains('_')
    }))
}

fn email_defaults() -> Vec<(&'static str, Value)> {
    vec![
        ("allow_display_name", json!(false)),
        ("allow_underscores", json!(false)),
        ("require_display_name", json!(false)),
        ("allow_utf8_local_part", json!(true)),
        ("require_tld", json!(true)),
        ("blacklisted_chars", json!("")),
        ("ignore_max_length", json!(false)),
        ("host_blacklist", json!([])),
        ("host_whitelist", json!([])),
    ]
}

/// validator.js's `validateDisplayName`.
fn valid_display_name(name: &str) -> bool {
    let chars: Vec<char> = name.chars().collect();
    // display_name.replace(/^"(.+)"$/, '$1')
    let unquoted: String = if chars.len() >= 3
        && chars[0] == '"'
        && chars[chars.len() - 1] == '"'
        && !chars[1..chars.len() - 1]
            .iter()
            .any(|c| matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}'))
    {
        chars[1..chars.len() - 1].iter().collect()
    } else {
        name.to_string()
    };
    if js::trim(&unquoted).is_empty() {
        return false;
    }
    if unquoted
        .chars()
        .any(|c| matches!(c, '.' | '"' | ';' | '<' | '>'))
    {
        if unquoted == name {
            return false;
        }
        if unquoted.split('"').count() != unquoted.split("\\\"").count() {
            return false;
        }
    }
    true
}

fn is_email(s: &str, slot: Option<&mut Value>) -> R {
    with_options(slot, |o| {
        merge_into(o, &email_defaults());
        is_email_with(s, o)
    })
}

fn is_email_with(s: &str, o: &Map<String, Value>) -> R {
    let mut s = s.to_string();
    if truthy(o.get("require_display_name")) || truthy(o.get("allow_display_name")) {
        // /^([^\x00-\x1F\x7F-\x9F\cX]+)</i
        let chars: Vec<char> = s.chars().collect();
        let run = chars
            .iter()
            .position(|c| matches!(u32::from(*c), 0..=0x1F | 0x7F..=0x9F))
            .unwrap_or(chars.len());
        let lt = (1..run).rev().find(|&i| chars[i] == '<');
        if let Some(p) = lt {
            let mut display: String = chars[..p].iter().collect();
            // str.replace(display_name, '').replace(/(^<|>$)/g, '')
            let mut rest = s.replacen(&display, "", 1);
            if rest.starts_with('<') {
                rest.remove(0);
            }
            if rest.ends_with('>') {
                rest.pop();
            }
            s = rest;
            if display.ends_with(' ') {
                display.pop();
            }
            if !valid_display_name(&display) {
                return Ok(false);
            }
        } else if truthy(o.get("require_display_name")) {
            return Ok(false);
        }
    }
    if !truthy(o.get("ignore_max_length")) && len16(&s) > 254 {
        return Ok(false);
    }
    let mut parts: Vec<&str> = s.split('@').collect();
    let domain = parts.pop().unwrap_or("").to_string();
    let lower_domain = domain.to_lowercase();
    if non_empty_list(o.get("host_blacklist"))?
        && check_host(
            &lower_domain,
            o.get("host_blacklist").unwrap_or(&Value::Null),
        )
    {
        return Ok(false);
    }
    if non_empty_list(o.get("host_whitelist"))?
        && !check_host(
            &lower_domain,
            o.get("host_whitelist").unwrap_or(&Value::Null),
        )
    {
        return Ok(false);
    }
    let mut user = parts.join("@");
    if truthy(o.get("domain_specific_validation"))
        && (lower_domain == "gmail.com" || lower_domain == "googlemail.com")
    {
        user = user.to_lowercase();
        let username = user.split('+').next().unwrap_or("");
        let bare: String = username.chars().filter(|c| *c != '.').collect();
        if !(6..=30).contains(&bare.len()) {
            return Ok(false);
        }
        if !username.split('.').all(|p| test("^[a-z\\d]+$", "", p)) {
            return Ok(false);
        }
    }
    if o.get("ignore_max_length") == Some(&Value::Bool(false))
        && (user.len() > 64 || domain.len() > 254)
    {
        return Ok(false);
    }
    let mut fqdn_opts = Map::new();
    for k in ["require_tld", "ignore_max_length", "allow_underscores"] {
        if let Some(v) = o.get(k) {
            fqdn_opts.insert(k.to_string(), v.clone());
        }
    }
    if !is_fqdn(&domain, &mut fqdn_opts)? {
        if !truthy(o.get("allow_ip_domain")) {
            return Ok(false);
        }
        if !is_ip(&domain, None)? {
            if !domain.starts_with('[') || !domain.ends_with(']') || domain.len() < 2 {
                return Ok(false);
            }
            let inner = &domain[1..domain.len() - 1];
            if inner.is_empty() || !is_ip(inner, None)? {
                return Ok(false);
            }
        }
    }
    if truthy(o.get("blacklisted_chars")) {
        let chars = to_string(o.get("blacklisted_chars"));
        if compile(&format!("[{chars}]+"), "g")?.is_match(&user) {
            return Ok(false);
        }
    }
    let utf8 = truthy(o.get("allow_utf8_local_part"));
    if user.starts_with('"') && user.ends_with('"') {
        let inner = if user.len() >= 2 {
            &user[1..user.len() - 1]
        } else {
            ""
        };
        return Ok(if utf8 {
            test(
                r"^([\s\x01-\x08\x0b\x0c\x0e-\x1f\x7f\x21\x23-\x5b\x5d-\x7e\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]|(\\[\x01-\x09\x0b\x0c\x0d-\x7f\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]))*$",
                "i",
                inner,
            )
        } else {
            test(
                r"^([\s\x01-\x08\x0b\x0c\x0e-\x1f\x7f\x21\x23-\x5b\x5d-\x7e]|(\\[\x01-\x09\x0b\x0c\x0d-\x7f]))*$",
                "i",
                inner,
            )
        });
    }
    let pattern = if utf8 {
        r"^[a-z\d!#\$%&'\*\+\-\/=\?\^_`{\|}~\u00A1-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+$"
    } else {
        r"^[a-z\d!#\$%&'\*\+\-\/=\?\^_`{\|}~]+$"
    };
    Ok(user.split('.').all(|p| test(pattern, "i", p)))
}

fn url_defaults() -> Vec<(&'static str, Value)> {
    vec![
        ("protocols", json!(["http", "https", "ftp"])),
        ("require_tld", json!(true)),
        ("require_protocol", json!(false)),
        ("require_host", json!(true)),
        ("require_port", json!(false)),
        ("require_valid_protocol", json!(true)),
        ("allow_underscores", json!(false)),
        ("allow_trailing_dot", json!(false)),
        ("allow_protocol_relative_urls", json!(false)),
        ("allow_fragments", json!(true)),
        ("allow_query_components", json!(true)),
        ("validate_length", json!(true)),
        ("max_allowed_length", json!(2084)),
    ]
}

fn is_url(url: &str, slot: Option<&mut Value>) -> R {
    if url.is_empty()
        || url
            .chars()
            .any(|c| js::is_js_space(c) || c == '<' || c == '>')
    {
        return Ok(false);
    }
    if url.starts_with("mailto:") {
        return Ok(false);
    }
    with_options(slot, |o| {
        merge_into(o, &url_defaults());
        is_url_with(url, o)
    })
}

fn protocol_allowed(protocols: Option<&Value>, protocol: &str) -> R {
    match protocols {
        Some(Value::Array(items)) => Ok(items.iter().any(|p| p.as_str() == Some(protocol))),
        Some(Value::String(list)) => Ok(list.contains(protocol)),
        Some(Value::Null) => Err("Cannot read properties of null (reading 'indexOf')".to_string()),
        None => Err("Cannot read properties of undefined (reading 'indexOf')".to_string()),
        Some(_) => Err("options.protocols.indexOf is not a function".to_string()),
    }
}

fn is_url_with(url: &str, o: &mut Map<String, Value>) -> R {
    if truthy(o.get("validate_length"))
        && gt(
            &Prim::Num(len16(url) as f64),
            &Prim::of(o.get("max_allowed_length")),
        )
    {
        return Ok(false);
    }
    if !truthy(o.get("allow_fragments")) && url.contains('#') {
        return Ok(false);
    }
    if !truthy(o.get("allow_query_components")) && (url.contains('?') || url.contains('&')) {
        return Ok(false);
    }
    let url = url.split('#').next().unwrap_or("");
    let mut url: &str = url.split('?').next().unwrap_or("");

    // /^([a-z][a-z0-9+\-.]*):/i
    let protocol_len = {
        let b = url.as_bytes();
        if b.first().is_some_and(u8::is_ascii_alphabetic) {
            let mut i = 1;
            while i < b.len()
                && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'+' | b'-' | b'.'))
            {
                i += 1;
            }
            (b.get(i) == Some(&b':')).then_some(i)
        } else {
            None
        }
    };
    let mut had_explicit_protocol = false;
    if let Some(plen) = protocol_len {
        let potential = &url[..plen];
        let after_colon = &url[plen + 1..];
        let mut consume = true;
        if !after_colon.starts_with("//") {
            let before_slash = after_colon.split('/').next().unwrap_or("");
            if let Some(at) = before_slash.find('@') {
                let before_at = &before_slash[..at];
                let valid_auth = before_at
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '%' | ':'));
                let encoded = test("%[0-9a-fA-F]{2}", "", before_at);
                if valid_auth && !encoded {
                    if truthy(o.get("require_protocol")) {
                        return Ok(false);
                    }
                    consume = false;
                }
            } else if after_colon.starts_with(|c: char| c.is_ascii_digit()) {
                if truthy(o.get("require_protocol")) {
                    return Ok(false);
                }
                consume = false;
            }
        }
        if consume {
            had_explicit_protocol = true;
            let protocol = potential.to_lowercase();
            if truthy(o.get("require_valid_protocol"))
                && !protocol_allowed(o.get("protocols"), &protocol)?
            {
                return Ok(false);
            }
            url = &url[plen + 1..];
        }
    } else if truthy(o.get("require_protocol")) {
        return Ok(false);
    }

    if let Some(rest) = url.strip_prefix("//") {
        if !had_explicit_protocol && !truthy(o.get("allow_protocol_relative_urls")) {
            return Ok(false);
        }
        url = rest;
    }
    if url.is_empty() {
        return Ok(false);
    }
    let url = url.split('/').next().unwrap_or("");
    if url.is_empty() && !truthy(o.get("require_host")) {
        return Ok(true);
    }
    let mut split: Vec<&str> = url.split('@').collect();
    if split.len() > 1 {
        if truthy(o.get("disallow_auth")) {
            return Ok(false);
        }
        if split[0].is_empty() {
            return Ok(false);
        }
        let auth = split.remove(0);
        if auth.contains(':') && auth.split(':').count() > 2 {
            return Ok(false);
        }
        let mut up = auth.split(':');
        let user = up.next();
        let password = up.next();
        if user == Some("") && password == Some("") {
            return Ok(false);
        }
    }
    let hostname = split.join("@");
    let mut port_str: Option<String> = None;
    let mut ipv6: Option<String> = None;
    let host: String;
    // /^\[([^\]]+)\](?::([0-9]+))?$/
    let wrapped = hostname.strip_prefix('[').and_then(|rest| {
        let close = rest.find(']')?;
        if close == 0 {
            return None;
        }
        let tail = &rest[close + 1..];
        let port = if tail.is_empty() {
            None
        } else {
            let digits = tail.strip_prefix(':')?;
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            Some(digits.to_string())
        };
        Some((rest[..close].to_string(), port))
    });
    if let Some((inner, port)) = wrapped {
        host = String::new();
        ipv6 = Some(inner);
        port_str = port;
    } else {
        let mut parts = hostname.split(':');
        host = parts.next().unwrap_or("").to_string();
        let rest: Vec<&str> = parts.collect();
        if !rest.is_empty() {
            port_str = Some(rest.join(":"));
        }
    }
    match &port_str {
        Some(p) if !p.is_empty() => {
            let port = parse_int10(p);
            if !p.bytes().all(|b| b.is_ascii_digit()) || port <= 0.0 || port > 65535.0 {
                return Ok(false);
            }
        }
        _ => {
            if truthy(o.get("require_port")) {
                return Ok(false);
            }
        }
    }
    if truthy(o.get("host_whitelist")) {
        return Ok(check_host(
            &host,
            o.get("host_whitelist").unwrap_or(&Value::Null),
        ));
    }
    if host.is_empty() && !truthy(o.get("require_host")) {
        return Ok(true);
    }
    if !is_ip(&host, None)? && !is_fqdn(&host, o)? {
        let v6_ok = match &ipv6 {
            Some(v6) => is_ip(v6, Some(&json!(6)))?,
            None => false,
        };
        if !v6_ok {
            return Ok(false);
        }
    }
    let host = if host.is_empty() {
        ipv6.unwrap_or_default()
    } else {
        host
    };
    if truthy(o.get("host_blacklist"))
        && check_host(&host, o.get("host_blacklist").unwrap_or(&Value::Null))
    {
        return Ok(false);
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn native_list_dispatches() {
        for name in NATIVE {
            let mut args = vec![json!(true)];
            assert!(call(name, "x", &mut args).is_some(), "{name}");
        }
        assert!(call("isMobilePhone", "x", &mut []).is_none());
    }

    #[test]
    fn fixed_patterns_compile() {
        for p in [ISO8601, ISO8601_STRICT_SEP, FULL_WIDTH, HALF_WIDTH] {
            assert!(compile(p, "").is_ok(), "{p}");
        }
        assert!(compile(&ipv6_re(), "").is_ok());
        for (_, re) in CARDS {
            assert!(compile(re, "").is_ok(), "{re}");
        }
        for (l, src, flags) in ALPHA.iter().chain(ALPHANUMERIC) {
            assert!(compile(src, flags).is_ok(), "{l}");
        }
    }
}
