//! SQL expression nodes (Sequelize's `col`, `fn`, `literal`, `cast`, `where`,
//! `json` — `handleSequelizeMethod`) and the JavaScript value semantics the
//! generator needs (`String(v)`, `JSON.stringify`, `util.inspect`, lodash
//! `toPath`) on the tagged JSON of `core::value`.
//!
//! Node JSON (QUERY-JSON.md): `{"$col": "a.b"}`, `{"$fn": "lower", "args": [..]}`,
//! `{"$literal": "sql"}` (also the value tag `{"$r": "sql"}`),
//! `{"$cast": v, "type": "int"}`, `{"$where": {"attribute", "comparator", "logic"}}`,
//! `{"$json": {"path": "a.b", "value": v}}` or `{"$json": {"conditions": {..}}}`.

use serde_json::{Map, Value};

use super::format::sql_escape;
use super::where_::{self, Op, Wo};
use super::{qi, qis, Gen};
use crate::core::error::{CoreError, CoreResult};
use crate::core::escape::{date_parts, js_number_to_string, quote_string};
use crate::core::model::def::ModelDef;

/// A tagged-JSON value, classified as JavaScript would see it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Val<'a> {
    Null,
    Bool(bool),
    Num(f64),
    Str(&'a str),
    BigInt(&'a str),
    /// A JS Date: ms since the epoch and the offset to format it in.
    Date(f64, i32),
    /// A Buffer (`$b`, base64).
    Bytes,
    /// A plain object JSON.stringify-ed by the facade (`$j`).
    JsonText(&'a str),
    Arr(&'a [Value]),
    /// A plain object (a where object, a JSON value, …).
    Obj(&'a Map<String, Value>),
    Node(Node<'a>),
}

/// A Sequelize helper object.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Node<'a> {
    Col(&'a str),
    Fn(&'a str, &'a [Value]),
    Literal(&'a str),
    Cast(&'a Value, &'a str),
    Where(&'a Map<String, Value>),
    Json(&'a Map<String, Value>),
}

const EMPTY: &[Value] = &[];

pub(crate) fn classify(v: &Value) -> Val<'_> {
    match v {
        Value::Null => Val::Null,
        Value::Bool(b) => Val::Bool(*b),
        Value::Number(n) => Val::Num(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => Val::Str(s),
        Value::Array(a) => Val::Arr(a),
        Value::Object(m) => classify_object(m),
    }
}

fn classify_object(m: &Map<String, Value>) -> Val<'_> {
    // The facade's value tags alone (`{"$j": …}`, `{"$d": …, "o": …}`, …): one
    // look at the first value instead of a lookup per tag (bulk payloads carry
    // one per JSON or Date value).
    let mut entries = m.iter();
    if let Some((k, v)) = entries.next() {
        let rest = entries.next();
        match (k.as_str(), v, rest) {
            ("$j", Value::String(j), None) => return Val::JsonText(j),
            ("$n", Value::String(n), None) => return Val::BigInt(n),
            ("$b", Value::String(_), None) => return Val::Bytes,
            ("$d", ms, None) => return Val::Date(ms.as_f64().unwrap_or(f64::NAN), 0),
            ("$d", ms, Some((o, off))) if o == "o" && m.len() == 2 => {
                let off = off.as_i64().unwrap_or(0);
                return Val::Date(
                    ms.as_f64().unwrap_or(f64::NAN),
                    i32::try_from(off).unwrap_or(0),
                );
            }
            _ => {}
        }
    }
    // Tags are one-key objects (plus their companions); a where object can
    // never use these exact keys (`$x$` column keys end with `$`).
    if !m.keys().any(|k| k.starts_with('$')) {
        return Val::Obj(m);
    }
    let s = |k: &str| m.get(k).and_then(Value::as_str);
    if let Some(ms) = m.get("$d") {
        let off = m.get("o").and_then(Value::as_i64).unwrap_or(0);
        return Val::Date(
            ms.as_f64().unwrap_or(f64::NAN),
            i32::try_from(off).unwrap_or(0),
        );
    }
    if s("$b").is_some() {
        return Val::Bytes;
    }
    if let Some(n) = s("$n") {
        return Val::BigInt(n);
    }
    if let Some(f) = s("$f") {
        return Val::Num(match f {
            "Infinity" => f64::INFINITY,
            "-Infinity" => f64::NEG_INFINITY,
            _ => f64::NAN,
        });
    }
    if let Some(j) = s("$j") {
        return Val::JsonText(j);
    }
    if let Some(r) = s("$r").or_else(|| s("$literal")) {
        return Val::Node(Node::Literal(r));
    }
    if let Some(c) = s("$col") {
        return Val::Node(Node::Col(c));
    }
    if let Some(f) = s("$fn") {
        let args = m
            .get("args")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(EMPTY);
        return Val::Node(Node::Fn(f, args));
    }
    if let Some(v) = m.get("$cast") {
        return Val::Node(Node::Cast(v, s("type").unwrap_or("")));
    }
    if let Some(Value::Object(w)) = m.get("$where") {
        return Val::Node(Node::Where(w));
    }
    if let Some(Value::Object(j)) = m.get("$json") {
        return Val::Node(Node::Json(j));
    }
    Val::Obj(m)
}

/// `_.isPlainObject` for a where value (tagged values and nodes are not).
pub(crate) fn as_plain(v: &Value) -> Option<&Map<String, Value>> {
    match classify(v) {
        Val::Obj(m) => Some(m),
        _ => None,
    }
}

pub(crate) fn as_node(v: &Value) -> Option<Node<'_>> {
    match classify(v) {
        Val::Node(n) => Some(n),
        _ => None,
    }
}

/// Parses `$j` JSON text into a value (a plain object/array).
pub(crate) fn parse_json_text(text: &str) -> CoreResult<Value> {
    serde_json::from_str(text).map_err(|e| CoreError::invalid(format!("invalid JSON value: {e}")))
}

/// `handleSequelizeMethod`: renders a node. `model` is the query's model
/// (used for `where(attribute, …)` and plain-object arguments).
pub(crate) fn render(n: Node<'_>, g: &mut Gen<'_>, model: Option<&ModelDef>) -> CoreResult<String> {
    match n {
        Node::Literal(s) => Ok(s.to_string()),
        Node::Col(c) => Ok(if c.starts_with('*') {
            "*".to_string()
        } else {
            qis(c)
        }),
        Node::Fn(name, args) => {
            let mut out = String::with_capacity(name.len() + 8);
            out.push_str(name);
            out.push('(');
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&render_operand(a, g, model)?);
            }
            out.push(')');
            Ok(out)
        }
        Node::Cast(v, ty) => Ok(format!(
            "CAST({} AS {})",
            render_operand(v, g, model)?,
            ty.trim().to_uppercase()
        )),
        Node::Where(w) => where_::render_where_node(w, g, model),
        Node::Json(j) => render_json(j, g),
    }
}

/// An argument of `fn` / the value of `cast`: a node, a plain object (a where
/// object, rendered without table prefix), or a value escaped without type.
fn render_operand(v: &Value, g: &mut Gen<'_>, model: Option<&ModelDef>) -> CoreResult<String> {
    match classify(v) {
        Val::Node(n) => render(n, g, model),
        Val::Obj(_) => where_::items_query(v, &Wo::plain(), g, " AND "),
        Val::JsonText(t) => {
            let parsed = parse_json_text(t)?;
            where_::items_query(&parsed, &Wo::plain(), g, " AND ")
        }
        _ => sql_escape(v, g),
    }
}

/// postgres `handleSequelizeMethod` for `Sequelize.json(...)`.
fn render_json(j: &Map<String, Value>, g: &mut Gen<'_>) -> CoreResult<String> {
    if let Some(cond) = j.get("conditions") {
        let mut flat = Vec::new();
        flatten_conditions(cond, &mut Vec::new(), &mut flat);
        let mut parts = Vec::with_capacity(flat.len());
        for (path, value) in flat {
            let (col, rest) = match path.split_first() {
                Some((c, r)) => (c.clone(), r.to_vec()),
                None => (String::new(), Vec::new()),
            };
            parts.push(format!(
                "{} = {}",
                json_path_extraction(&col, &rest, false),
                quote_string(&js_string(value)?)
            ));
        }
        return Ok(parts.join(" AND "));
    }
    let path = match j.get("path") {
        Some(Value::String(p)) => p.as_str(),
        _ => return Err(CoreError::invalid("Sequelize.json() needs a path")),
    };
    let mut out = if check_valid_json_statement(path)? {
        path.to_string()
    } else {
        let parts = to_path(path);
        let (col, rest) = match parts.split_first() {
            Some((c, r)) => (c.clone(), r.to_vec()),
            None => (String::new(), Vec::new()),
        };
        json_path_extraction(&col, &rest, false)
    };
    if let Some(v) = j.get("value") {
        if js_truthy(v) {
            out.push_str(" = ");
            out.push_str(&sql_escape(v, g)?);
        }
    }
    Ok(out)
}

/// Sequelize's `parseConditionObject`: leaves of a nested object with their paths.
fn flatten_conditions<'v>(
    v: &'v Value,
    path: &mut Vec<String>,
    out: &mut Vec<(Vec<String>, &'v Value)>,
) {
    match v {
        Value::Object(m) if matches!(classify(v), Val::Obj(_)) => {
            for (k, x) in m {
                path.push(k.clone());
                if x.is_object() || x.is_array() {
                    flatten_conditions(x, path, out);
                } else {
                    out.push((path.clone(), x));
                }
                path.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                path.push(i.to_string());
                if x.is_object() || x.is_array() {
                    flatten_conditions(x, path, out);
                } else {
                    out.push((path.clone(), x));
                }
                path.pop();
            }
        }
        _ => {}
    }
}

/// postgres `jsonPathExtractionQuery`: `("col"#>>'{a,b}')` (`#>` when `as_json`).
/// `column` is used as is when it is already quoted.
pub(crate) fn json_path_extraction(column: &str, path: &[String], as_json: bool) -> String {
    let col = if is_identifier_quoted(column) {
        column.to_string()
    } else {
        qi(column)
    };
    let path_str = quote_string(&format!("{{{}}}", path.join(",")));
    format!(
        "({}{}{})",
        col,
        if as_json { "#>" } else { "#>>" },
        path_str
    )
}

/// Sequelize's `isIdentifierQuoted`: the whole text is quoted identifiers,
/// optionally dot-separated (`"a"."b"`).
pub(crate) fn is_identifier_quoted(s: &str) -> bool {
    let t = s.trim();
    let chars: Vec<char> = t.chars().collect();
    if chars.is_empty() {
        return false;
    }
    let mut i = 0;
    while i < chars.len() {
        let Some(&q) = chars.get(i) else { break };
        if !matches!(q, '"' | '\'' | '`') {
            return false;
        }
        i += 1;
        loop {
            match chars.get(i) {
                None => return false,
                Some(&c) if c == q => {
                    if chars.get(i + 1) == Some(&q) {
                        i += 2;
                    } else {
                        i += 1;
                        break;
                    }
                }
                Some('\n' | '\r' | '\u{2028}' | '\u{2029}') => return false,
                Some(_) => i += 1,
            }
        }
        if chars.get(i) == Some(&'.') {
            i += 1;
        }
    }
    true
}

/// postgres `_checkValidJsonStatement`: whether a `json()` path is a raw JSON
/// expression (a json function or operator), with Sequelize's error for an
/// unbalanced or `;`-containing one.
pub(crate) fn check_valid_json_statement(stmt: &str) -> CoreResult<bool> {
    let chars: Vec<char> = stmt.chars().collect();
    let mut i = 0usize;
    let mut open = 0usize;
    let mut close = 0usize;
    let mut has_json = false;
    let mut invalid = false;
    let is_ws = |c: char| crate::core::sql::expr::is_js_space(c);
    while i < chars.len() {
        let mut j = i;
        while chars.get(j).is_some_and(|c| is_ws(*c)) {
            j += 1;
        }
        // json function: ((?:[a-z]+_){0,2}jsonb?(?:_[a-z]+){0,2})\([^)]*\)
        let mut k = j;
        while chars
            .get(k)
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == '_')
        {
            k += 1;
        }
        if k > j && chars.get(k) == Some(&'(') {
            let word: String = chars.get(j..k).unwrap_or_default().iter().collect();
            let has_close = chars.get(k + 1..).is_some_and(|r| r.contains(&')'));
            if has_close && is_json_function_name(&word) {
                i = k;
                has_json = true;
                continue;
            }
        }
        // json operators
        let rest: String = chars
            .get(j..(j + 3).min(chars.len()))
            .unwrap_or_default()
            .iter()
            .collect();
        let op_len = [
            "->>", "#>>", "->", "#>", "@>", "<@", "?|", "?&", "||", "#-", "?",
        ]
        .iter()
        .find(|op| rest.starts_with(**op))
        .map(|op| op.chars().count());
        if let Some(n) = op_len {
            i = j + n;
            has_json = true;
            continue;
        }
        // tokens: quoted, [\w\s]+, or one of ().,;+-
        match chars.get(j) {
            Some(&q) if matches!(q, '"' | '\'' | '`') => {
                let mut m = j + 1;
                let mut closed = false;
                while let Some(&c) = chars.get(m) {
                    if c == q {
                        if chars.get(m + 1) == Some(&q) {
                            m += 2;
                            continue;
                        }
                        closed = true;
                        m += 1;
                        break;
                    }
                    if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}') {
                        break;
                    }
                    m += 1;
                }
                if !closed {
                    break;
                }
                i = m;
            }
            Some(&c) if c.is_ascii_alphanumeric() || c == '_' || is_ws(c) => {
                let mut m = j;
                while chars
                    .get(m)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_' || is_ws(*c))
                {
                    m += 1;
                }
                i = m;
            }
            Some(&c) if "().,;+-".contains(c) => {
                match c {
                    '(' => open += 1,
                    ')' => close += 1,
                    ';' => {
                        invalid = true;
                        break;
                    }
                    _ => {}
                }
                i = j + 1;
            }
            _ => break,
        }
    }
    invalid |= open != close;
    if has_json && invalid {
        return Err(CoreError::invalid(format!(
            "Invalid json statement: {stmt}"
        )));
    }
    Ok(has_json)
}

fn is_json_function_name(word: &str) -> bool {
    let segs: Vec<&str> = word.split('_').collect();
    if segs.iter().any(|s| s.is_empty()) {
        return false;
    }
    segs.iter().enumerate().any(|(i, s)| {
        let l = s.to_ascii_lowercase();
        (l == "json" || l == "jsonb") && i <= 2 && segs.len() - i - 1 <= 2
    })
}

pub(crate) use crate::core::jsstr::is_js_space;

/// lodash `_.toPath` for a string: `a.b[0]["c.d"]` → `a, b, 0, c.d`.
pub(crate) fn to_path(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    if chars.first() == Some(&'.') {
        out.push(String::new());
    }
    let mut i = 0;
    while i < chars.len() {
        let c = chars.get(i).copied().unwrap_or('.');
        if c == '[' {
            // ["quoted"] / ['quoted'] / [number]
            if let Some(&q) = chars.get(i + 1).filter(|q| **q == '"' || **q == '\'') {
                let mut j = i + 2;
                let mut buf = String::new();
                let mut ok = false;
                while let Some(&d) = chars.get(j) {
                    if d == '\\' {
                        if let Some(&e) = chars.get(j + 1) {
                            buf.push(e);
                        }
                        j += 2;
                        continue;
                    }
                    if d == q && chars.get(j + 1) == Some(&']') {
                        ok = true;
                        break;
                    }
                    buf.push(d);
                    j += 1;
                }
                if ok {
                    out.push(buf);
                    i = j + 2;
                    continue;
                }
            }
            let mut j = i + 1;
            while chars
                .get(j)
                .is_some_and(|d| d.is_ascii_digit() || *d == '-' || *d == '.')
            {
                j += 1;
            }
            if j > i + 1 && chars.get(j) == Some(&']') {
                let num: String = chars.get(i + 1..j).unwrap_or_default().iter().collect();
                if is_lodash_number(&num) {
                    out.push(num);
                    i = j + 1;
                    continue;
                }
            }
        }
        if c == '.' || c == '[' || c == ']' {
            // An empty segment: `.`/`[]` followed by `.`, `[]` or the end.
            let at = |k: usize| -> Option<usize> {
                match chars.get(k) {
                    Some('.') => Some(1),
                    Some('[') if chars.get(k + 1) == Some(&']') => Some(2),
                    _ => None,
                }
            };
            if let Some(n) = at(i) {
                if at(i + n).is_some() || i + n >= chars.len() {
                    out.push(String::new());
                }
            }
            i += 1;
            continue;
        }
        let mut j = i;
        let mut buf = String::new();
        while let Some(&d) = chars.get(j) {
            if d == '.' || d == '[' || d == ']' {
                break;
            }
            buf.push(d);
            j += 1;
        }
        out.push(buf);
        i = j;
    }
    out
}

fn is_lodash_number(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match body.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (body, None),
    };
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// JavaScript truthiness of a tagged value.
pub(crate) fn js_truthy(v: &Value) -> bool {
    match classify(v) {
        Val::Null => false,
        Val::Bool(b) => b,
        Val::Num(n) => n != 0.0 && !n.is_nan(),
        Val::Str(s) => !s.is_empty(),
        Val::BigInt(d) => !d.trim_start_matches('-').trim_start_matches('0').is_empty(),
        _ => true,
    }
}

/// `String(v)` / `v.toString()`.
pub(crate) fn js_string(v: &Value) -> CoreResult<String> {
    Ok(match classify(v) {
        Val::Null => "null".to_string(),
        Val::Bool(b) => b.to_string(),
        Val::Num(n) => js_number_to_string(n),
        Val::Str(s) => s.to_string(),
        Val::BigInt(d) => d.to_string(),
        Val::Bytes => match crate::core::value::from_tagged_json(v)? {
            crate::core::value::SqlValue::Bytes(b) => String::from_utf8_lossy(&b).into_owned(),
            _ => String::new(),
        },
        Val::Arr(items) => {
            let mut parts = Vec::with_capacity(items.len());
            for x in items {
                parts.push(if x.is_null() {
                    String::new()
                } else {
                    js_string(x)?
                });
            }
            parts.join(",")
        }
        Val::JsonText(_) | Val::Obj(_) => "[object Object]".to_string(),
        Val::Date(..) => {
            return Err(CoreError::invalid(
                "A Date cannot be used as a value of this column type",
            ))
        }
        Val::Node(_) => {
            return Err(CoreError::invalid(
                "A Sequelize method cannot be used as a value here",
            ))
        }
    })
}

/// `JSON.stringify(v)` (symbol keys — `Op.x` — are skipped, as in JS).
pub(crate) fn js_json_stringify(v: &Value) -> CoreResult<String> {
    let mut out = String::new();
    write_json(&mut out, v)?;
    Ok(out)
}

fn write_json(out: &mut String, v: &Value) -> CoreResult<()> {
    match classify(v) {
        Val::Null => out.push_str("null"),
        Val::Bool(b) => out.push_str(if b { "true" } else { "false" }),
        Val::Num(n) => {
            if n.is_finite() {
                out.push_str(&js_number_to_string(n))
            } else {
                out.push_str("null")
            }
        }
        Val::Str(s) => push_json_string(out, s),
        Val::BigInt(_) => return Err(CoreError::invalid("Do not know how to serialize a BigInt")),
        Val::Date(ms, _) => match iso_string(ms) {
            Some(s) => push_json_string(out, &s),
            None => out.push_str("null"),
        },
        Val::Bytes => {
            let bytes = match crate::core::value::from_tagged_json(v)? {
                crate::core::value::SqlValue::Bytes(b) => b,
                _ => Vec::new(),
            };
            out.push_str("{\"type\":\"Buffer\",\"data\":[");
            for (i, b) in bytes.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&b.to_string());
            }
            out.push_str("]}");
        }
        Val::JsonText(t) => out.push_str(t),
        Val::Arr(items) => {
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(out, x)?;
            }
            out.push(']');
        }
        Val::Obj(m) => {
            out.push('{');
            let mut first = true;
            for (k, x) in m {
                if Op::from_key(k).is_some() || k.starts_with("Op.") {
                    continue;
                }
                if !first {
                    out.push(',');
                }
                first = false;
                push_json_string(out, k);
                out.push(':');
                write_json(out, x)?;
            }
            out.push('}');
        }
        Val::Node(_) => {
            return Err(CoreError::invalid(
                "A Sequelize method cannot be serialized to JSON",
            ))
        }
    }
    Ok(())
}

fn push_json_string(out: &mut String, s: &str) {
    match serde_json::to_string(s) {
        Ok(q) => out.push_str(&q),
        Err(_) => out.push_str("\"\""),
    }
}

/// `Date.prototype.toISOString()` (None for an invalid Date).
pub(crate) fn iso_string(ms: f64) -> Option<String> {
    let p = date_parts(ms, 0).ok()?;
    let year = if (0..=9999).contains(&p.year) {
        format!("{:04}", p.year)
    } else if p.year < 0 {
        format!("-{:06}", p.year.unsigned_abs())
    } else {
        format!("+{:06}", p.year)
    };
    Some(format!(
        "{}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        year, p.month, p.day, p.hour, p.minute, p.second, p.milli
    ))
}

/// Node's `util.inspect(v, {depth: 1})` — the text of Sequelize's
/// `Invalid value …` error (single-line unless it exceeds 80 columns).
pub(crate) fn inspect(v: &Value) -> String {
    inspect_at(v, 0, 0)
}

fn inspect_at(v: &Value, depth: usize, indent: usize) -> String {
    match classify(v) {
        Val::Null => "null".into(),
        Val::Bool(b) => b.to_string(),
        Val::Num(n) => {
            if n == 0.0 && n.is_sign_negative() {
                "-0".into()
            } else {
                js_number_to_string(n)
            }
        }
        Val::Str(s) => inspect_string(s),
        Val::BigInt(d) => format!("{d}n"),
        Val::Date(ms, _) => iso_string(ms).unwrap_or_else(|| "Invalid Date".into()),
        Val::Bytes => {
            let bytes = match crate::core::value::from_tagged_json(v) {
                Ok(crate::core::value::SqlValue::Bytes(b)) => b,
                _ => Vec::new(),
            };
            let mut s = String::from("<Buffer");
            for b in bytes.iter().take(50) {
                s.push_str(&format!(" {b:02x}"));
            }
            if bytes.len() > 50 {
                s.push_str(&format!(" ... {} more bytes", bytes.len() - 50));
            }
            s.push('>');
            s
        }
        Val::JsonText(t) => match serde_json::from_str::<Value>(t) {
            Ok(parsed) => inspect_at(&parsed, depth, indent),
            Err(_) => inspect_string(t),
        },
        Val::Arr(items) => {
            if items.is_empty() {
                return "[]".into();
            }
            if depth > 1 {
                return "[Array]".into();
            }
            let parts: Vec<String> = items
                .iter()
                .map(|x| inspect_at(x, depth + 1, indent + 2))
                .collect();
            wrap_entries("[", "]", &parts, indent)
        }
        Val::Obj(m) => {
            if m.is_empty() {
                return "{}".into();
            }
            if depth > 1 {
                return "[Object]".into();
            }
            let mut parts = Vec::new();
            let mut symbols = Vec::new();
            for (k, x) in m {
                let val = inspect_at(x, depth + 1, indent + 2);
                if let Some(name) = k.strip_prefix("Op.") {
                    symbols.push(format!("[Symbol({name})]: {val}"));
                } else {
                    parts.push(format!("{}: {}", inspect_key(k), val));
                }
            }
            parts.extend(symbols);
            wrap_entries("{", "}", &parts, indent)
        }
        Val::Node(n) => match n {
            Node::Literal(s) => format!("Literal {{ val: {} }}", inspect_string(s)),
            Node::Col(c) => format!("Col {{ col: {} }}", inspect_string(c)),
            Node::Fn(f, _) => format!("Fn {{ fn: {}, args: [Array] }}", inspect_string(f)),
            _ => "[Object]".into(),
        },
    }
}

fn wrap_entries(open: &str, close: &str, parts: &[String], indent: usize) -> String {
    let start = parts.len() + indent + open.len() + 10;
    let total: usize = parts.iter().map(|p| p.chars().count()).sum::<usize>() + parts.len() + start;
    if total + parts.len() <= 80 && !parts.iter().any(|p| p.contains('\n')) {
        format!("{} {} {}", open, parts.join(", "), close)
    } else {
        let pad = " ".repeat(indent);
        format!(
            "{}\n{}  {}\n{}{}",
            open,
            pad,
            parts.join(&format!(",\n{pad}  ")),
            pad,
            close
        )
    }
}

fn inspect_key(k: &str) -> String {
    let mut chars = k.chars();
    let ident = matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if ident {
        k.to_string()
    } else {
        inspect_string(k)
    }
}

fn inspect_string(s: &str) -> String {
    let quote = if !s.contains('\'') {
        '\''
    } else if !s.contains('"') {
        '"'
    } else if !s.contains('`') && !s.contains("${") {
        '`'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            '\\' => out.push_str("\\\\"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn classify_tags() {
        assert!(matches!(classify(&json!({"$d": 0, "o": 60})), Val::Date(m, 60) if m == 0.0));
        assert!(matches!(classify(&json!({"o": 60, "$d": 0})), Val::Date(m, 60) if m == 0.0));
        assert!(matches!(
            classify(&json!({"$fn": "f"})),
            Val::Node(Node::Fn("f", []))
        ));
        assert!(matches!(
            classify(&json!({"$col": "a"})),
            Val::Node(Node::Col("a"))
        ));
        assert!(matches!(
            classify(&json!({"$r": "x"})),
            Val::Node(Node::Literal("x"))
        ));
        assert!(matches!(
            classify(&json!({"$literal": "x"})),
            Val::Node(Node::Literal("x"))
        ));
        assert!(matches!(classify(&json!({"$a.b$": 1})), Val::Obj(_)));
        assert!(matches!(classify(&json!({})), Val::Obj(_)));
        assert!(matches!(classify(&json!({"$f": "NaN"})), Val::Num(n) if n.is_nan()));
        assert!(matches!(
            classify(&json!({"$j": "[1]"})),
            Val::JsonText("[1]")
        ));
        assert!(matches!(classify(&json!({"$n": "12"})), Val::BigInt("12")));
        assert!(matches!(classify(&json!({"$b": "AA=="})), Val::Bytes));
        assert!(matches!(classify(&json!({"$d": 5})), Val::Date(m, 0) if m == 5.0));
        assert!(matches!(classify(&json!({"$d": 5, "o": -90})), Val::Date(m, -90) if m == 5.0));
        // Not a tag on its own: the general rules (a where object with `$x$` keys).
        assert!(matches!(classify(&json!({"$j": 1})), Val::Obj(_)));
    }

    #[test]
    fn lodash_to_path() {
        let cases: &[(&str, &[&str])] = &[
            ("a.b", &["a", "b"]),
            ("a..b", &["a", "", "b"]),
            ("a.", &["a", ""]),
            (".a", &["", "a"]),
            ("a[0].b", &["a", "0", "b"]),
            ("a[\"x.y\"]", &["a", "x.y"]),
            ("a[b]c", &["a", "b", "c"]),
            ("a.b[0][1]", &["a", "b", "0", "1"]),
            ("[0]", &["0"]),
            ("", &[]),
        ];
        for (s, want) in cases {
            assert_eq!(
                to_path(s),
                want.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
                "{s}"
            );
        }
    }

    #[test]
    fn json_statements() {
        assert!(!check_valid_json_statement("meta.a").unwrap());
        assert!(check_valid_json_statement("meta->>'a'").unwrap());
        assert!(check_valid_json_statement("json_extract(meta, 'a')").unwrap());
        assert!(check_valid_json_statement("meta->>'a'; drop").is_err());
        assert!(check_valid_json_statement("jsonb_x(a").is_ok());
        assert!(is_identifier_quoted("\"a\".\"b\""));
        assert!(!is_identifier_quoted("a"));
    }

    #[test]
    fn js_semantics() {
        assert_eq!(js_string(&json!([1, null, "a"])).unwrap(), "1,,a");
        assert_eq!(js_string(&json!({"a": 1})).unwrap(), "[object Object]");
        assert_eq!(
            js_json_stringify(&json!({"a": 1.5, "Op.gt": 1, "d": {"$d": 0, "o": 0}})).unwrap(),
            "{\"a\":1.5,\"d\":\"1970-01-01T00:00:00.000Z\"}"
        );
        assert!(js_json_stringify(&json!({"$n": "1"})).is_err());
        assert!(js_truthy(&json!(1)) && !js_truthy(&json!(0)) && !js_truthy(&json!("")));
    }

    // Recorded with node's util.inspect(v, {depth: 1}).
    #[test]
    fn inspect_like_node() {
        assert_eq!(inspect(&json!({"a": 1})), "{ a: 1 }");
        assert_eq!(
            inspect(&json!({"a": "x", "b": [1, 2], "c": {"d": {"e": 1}}})),
            "{ a: 'x', b: [ 1, 2 ], c: { d: [Object] } }"
        );
        assert_eq!(
            inspect(&json!({"a-b": 1, "f": "it's"})),
            "{ 'a-b': 1, f: \"it's\" }"
        );
        assert_eq!(
            inspect(&json!({"x": "a", "Op.gt": 5})),
            "{ x: 'a', [Symbol(gt)]: 5 }"
        );
        assert_eq!(inspect(&json!({})), "{}");
        assert_eq!(
            inspect(&json!({"long": "a".repeat(100), "b": 1})),
            format!("{{\n  long: '{}',\n  b: 1\n}}", "a".repeat(100))
        );
    }
}
