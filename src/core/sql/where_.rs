//! Where objects → SQL: Sequelize 6.37.8's `getWhereConditions`,
//! `whereItemsQuery`, `whereItemQuery`, `_whereGroupBind`, `_whereBind`,
//! `_whereJSON`/`_traverseJSON` and `_whereParseSingleValueObject`, with the
//! same parenthesisation, operator order (operator keys before attribute
//! keys, as `getComplexKeys` puts symbols first) and quirks.
//!
//! Keys are attribute/column names, `"a.b.c"` JSON paths (on JSON/JSONB
//! attributes), `"$table.column$"`, or `"Op.<name>"`.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::expr::{
    as_node, as_plain, classify, js_string, js_truthy, json_path_extraction, parse_json_text,
    render, Node, Val,
};
use super::format::{bind_typed, escape_typed, sql_escape, tkind, ColType, TKind};
use super::{qi, Gen, TzSpec};
use crate::core::error::{CoreError, CoreResult};
use crate::core::model::def::{AttributeDef, ModelDef};

/// Sequelize's `Op` symbols (`Symbol.for(name)`), written `"Op.<name>"` in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Gte,
    Gt,
    Lte,
    Lt,
    Not,
    Is,
    In,
    NotIn,
    Like,
    NotLike,
    ILike,
    NotILike,
    StartsWith,
    EndsWith,
    Substring,
    Regexp,
    NotRegexp,
    IRegexp,
    NotIRegexp,
    Between,
    NotBetween,
    Overlap,
    Contains,
    Contained,
    Adjacent,
    StrictLeft,
    StrictRight,
    NoExtendRight,
    NoExtendLeft,
    And,
    Or,
    Any,
    All,
    Values,
    Col,
    Placeholder,
    Join,
    Match,
}

impl Op {
    /// `"Op.gt"` → `Op::Gt`.
    pub fn from_key(key: &str) -> Option<Op> {
        let name = key.strip_prefix("Op.")?;
        Some(match name {
            "eq" => Op::Eq,
            "ne" => Op::Ne,
            "gte" => Op::Gte,
            "gt" => Op::Gt,
            "lte" => Op::Lte,
            "lt" => Op::Lt,
            "not" => Op::Not,
            "is" => Op::Is,
            "in" => Op::In,
            "notIn" => Op::NotIn,
            "like" => Op::Like,
            "notLike" => Op::NotLike,
            "iLike" => Op::ILike,
            "notILike" => Op::NotILike,
            "startsWith" => Op::StartsWith,
            "endsWith" => Op::EndsWith,
            "substring" => Op::Substring,
            "regexp" => Op::Regexp,
            "notRegexp" => Op::NotRegexp,
            "iRegexp" => Op::IRegexp,
            "notIRegexp" => Op::NotIRegexp,
            "between" => Op::Between,
            "notBetween" => Op::NotBetween,
            "overlap" => Op::Overlap,
            "contains" => Op::Contains,
            "contained" => Op::Contained,
            "adjacent" => Op::Adjacent,
            "strictLeft" => Op::StrictLeft,
            "strictRight" => Op::StrictRight,
            "noExtendRight" => Op::NoExtendRight,
            "noExtendLeft" => Op::NoExtendLeft,
            "and" => Op::And,
            "or" => Op::Or,
            "any" => Op::Any,
            "all" => Op::All,
            "values" => Op::Values,
            "col" => Op::Col,
            "placeholder" => Op::Placeholder,
            "join" => Op::Join,
            "match" => Op::Match,
            _ => return None,
        })
    }

    pub fn key(self) -> &'static str {
        match self {
            Op::Eq => "Op.eq",
            Op::Ne => "Op.ne",
            Op::Gte => "Op.gte",
            Op::Gt => "Op.gt",
            Op::Lte => "Op.lte",
            Op::Lt => "Op.lt",
            Op::Not => "Op.not",
            Op::Is => "Op.is",
            Op::In => "Op.in",
            Op::NotIn => "Op.notIn",
            Op::Like => "Op.like",
            Op::NotLike => "Op.notLike",
            Op::ILike => "Op.iLike",
            Op::NotILike => "Op.notILike",
            Op::StartsWith => "Op.startsWith",
            Op::EndsWith => "Op.endsWith",
            Op::Substring => "Op.substring",
            Op::Regexp => "Op.regexp",
            Op::NotRegexp => "Op.notRegexp",
            Op::IRegexp => "Op.iRegexp",
            Op::NotIRegexp => "Op.notIRegexp",
            Op::Between => "Op.between",
            Op::NotBetween => "Op.notBetween",
            Op::Overlap => "Op.overlap",
            Op::Contains => "Op.contains",
            Op::Contained => "Op.contained",
            Op::Adjacent => "Op.adjacent",
            Op::StrictLeft => "Op.strictLeft",
            Op::StrictRight => "Op.strictRight",
            Op::NoExtendRight => "Op.noExtendRight",
            Op::NoExtendLeft => "Op.noExtendLeft",
            Op::And => "Op.and",
            Op::Or => "Op.or",
            Op::Any => "Op.any",
            Op::All => "Op.all",
            Op::Values => "Op.values",
            Op::Col => "Op.col",
            Op::Placeholder => "Op.placeholder",
            Op::Join => "Op.join",
            Op::Match => "Op.match",
        }
    }

    /// `OperatorMap` (None for `values` and `join`, which have no entry).
    pub fn sql(self) -> Option<&'static str> {
        Some(match self {
            Op::Eq => "=",
            Op::Ne => "!=",
            Op::Gte => ">=",
            Op::Gt => ">",
            Op::Lte => "<=",
            Op::Lt => "<",
            Op::Not => "IS NOT",
            Op::Is => "IS",
            Op::In => "IN",
            Op::NotIn => "NOT IN",
            Op::Like | Op::StartsWith | Op::EndsWith | Op::Substring => "LIKE",
            Op::NotLike => "NOT LIKE",
            Op::ILike => "ILIKE",
            Op::NotILike => "NOT ILIKE",
            Op::Regexp => "~",
            Op::NotRegexp => "!~",
            Op::IRegexp => "~*",
            Op::NotIRegexp => "!~*",
            Op::Between => "BETWEEN",
            Op::NotBetween => "NOT BETWEEN",
            Op::Overlap => "&&",
            Op::Contains => "@>",
            Op::Contained => "<@",
            Op::Adjacent => "-|-",
            Op::StrictLeft => "<<",
            Op::StrictRight => ">>",
            Op::NoExtendRight => "&<",
            Op::NoExtendLeft => "&>",
            Op::Any => "ANY",
            Op::All => "ALL",
            Op::And => " AND ",
            Op::Or => " OR ",
            Op::Col => "COL",
            Op::Placeholder => "$$PLACEHOLDER$$",
            Op::Match => "@@",
            Op::Values | Op::Join => return None,
        })
    }
}

/// Options of `whereItemQuery`.
#[derive(Clone, Copy)]
pub(crate) struct Wo<'a> {
    /// `options.model`: attribute lookup (`_findField`) and JSON path keys.
    pub model: Option<&'a ModelDef>,
    /// `options.prefix`: the (quoted) table alias columns are qualified with.
    pub prefix: Option<&'a str>,
    /// `options.field`: forced attribute (JSON paths).
    pub field: Option<&'a AttributeDef>,
    /// `options.json !== false`.
    pub json: bool,
    /// `options.bindParam`: values of plain comparisons become bind parameters.
    pub bind: bool,
}

impl<'a> Wo<'a> {
    pub(crate) fn plain() -> Wo<'a> {
        Wo {
            model: None,
            prefix: None,
            field: None,
            json: true,
            bind: false,
        }
    }
}

/// A `whereItemQuery` key.
#[derive(Clone, Copy)]
enum K<'k> {
    Undef,
    Op(Op),
    Name(&'k str),
    /// A node used as key (the attribute of `where(fn(..), {..})`).
    Node(Node<'k>),
    /// Ready SQL (a JSON path extraction, a qualified attribute).
    Lit(&'k str),
}

/// A key of a where object, after `getComplexKeys` ordering.
enum CKey<'v> {
    Op(Op),
    Name(&'v str),
}

/// `getComplexKeys`: known operator keys first, then the other keys.
fn complex_keys(m: &Map<String, Value>) -> Vec<(CKey<'_>, &Value)> {
    let mut ops = Vec::new();
    let mut names = Vec::new();
    for (k, v) in m {
        if k.starts_with("Op.") {
            // Unknown symbols are ignored, like getOperators does.
            if let Some(op) = Op::from_key(k) {
                ops.push((CKey::Op(op), v));
            }
        } else {
            names.push((CKey::Name(k.as_str()), v));
        }
    }
    ops.extend(names);
    ops
}

fn complex_size(v: &Value) -> usize {
    match v {
        Value::Array(a) => a.len(),
        Value::Object(m) => match classify(v) {
            Val::Obj(_) => complex_keys(m).len(),
            _ => m.len(),
        },
        _ => 0,
    }
}

fn op_value(m: &Map<String, Value>, op: Op) -> Option<&Value> {
    m.get(op.key())
}

// ------------------------------------------------------------------ public

/// The condition Sequelize generates for `where` (without `WHERE`), columns
/// qualified with `alias` when given (`"User"."age" > 3`); empty when there
/// is no condition. Attribute names are NOT mapped to their `field` here
/// (QueryInterface semantics); model finders map them first, see
/// [`map_where_field_names`]. `model` gives value types.
pub fn where_clause(
    model: Option<&ModelDef>,
    alias: Option<&str>,
    where_json: &Value,
) -> CoreResult<String> {
    let prepared = prepare(None, where_json)?;
    let mut g = Gen::new(model, TzSpec::default());
    let prefix = alias.map(qi);
    get_where_conditions(&prepared, prefix.as_deref(), model, &mut g, false)
}

/// `WHERE <condition>` or the empty string, as `whereQuery` (unqualified,
/// inlined values).
pub fn where_query(
    model: Option<&ModelDef>,
    where_json: &Value,
    tz: &TzSpec,
) -> CoreResult<String> {
    let prepared = prepare(None, where_json)?;
    let mut g = Gen::new(model, *tz);
    let wo = Wo {
        model,
        ..Wo::plain()
    };
    let cond = items_query(&prepared, &wo, &mut g, " AND ")?;
    Ok(if cond.is_empty() {
        String::new()
    } else {
        format!("WHERE {cond}")
    })
}

/// `Utils.mapWhereFieldNames`: attribute keys → their `field` (renamed keys
/// move after the others, as in Sequelize), recursively into operator
/// objects and arrays; `$j` objects are expanded.
pub fn map_where_field_names(model: &ModelDef, where_json: &Value) -> CoreResult<Value> {
    prepare(Some(model), where_json)
}

/// Deep copy of a where value with `$j` objects parsed into plain JSON and,
/// when `model` is given, attribute names mapped to fields.
pub(crate) fn prepare(model: Option<&ModelDef>, v: &Value) -> CoreResult<Value> {
    match classify(v) {
        Val::JsonText(t) => {
            let parsed = parse_json_text(t)?;
            prepare(model, &parsed)
        }
        Val::Obj(m) => {
            let mut kept: Vec<(String, Value)> = Vec::with_capacity(m.len());
            let mut renamed: Vec<(String, Value)> = Vec::new();
            for (k, x) in m {
                let attr = model.and_then(|md| md.attribute(k));
                match attr {
                    Some(a)
                        if !k.starts_with("Op.") && a.field != a.name && !a.field.is_empty() =>
                    {
                        // Renamed: no recursion (Sequelize looks the value up
                        // under the old, deleted key).
                        renamed.push((a.field.clone(), prepare(None, x)?));
                    }
                    _ => {
                        let skip = attr
                            .is_some_and(|a| matches!(tkind(&a.ty), TKind::Json | TKind::Hstore));
                        let sub = if skip { None } else { model };
                        let nx = match classify(x) {
                            Val::Obj(_) | Val::JsonText(_) => prepare(sub, x)?,
                            Val::Arr(items) => Value::Array(
                                items
                                    .iter()
                                    .map(|e| match classify(e) {
                                        Val::Obj(_) | Val::JsonText(_) => prepare(model, e),
                                        _ => prepare(None, e),
                                    })
                                    .collect::<CoreResult<_>>()?,
                            ),
                            _ => prepare(None, x)?,
                        };
                        kept.push((k.clone(), nx));
                    }
                }
            }
            let mut out = Map::with_capacity(kept.len() + renamed.len());
            for (k, x) in kept {
                out.insert(k, x);
            }
            for (k, x) in renamed {
                // An existing key keeps its position (JS assignment).
                out.insert(k, x);
            }
            Ok(Value::Object(out))
        }
        Val::Arr(items) => Ok(Value::Array(
            items
                .iter()
                .map(|e| prepare(None, e))
                .collect::<CoreResult<_>>()?,
        )),
        _ => Ok(v.clone()),
    }
}

/// `getWhereConditions(where, tableName, model, options, prepend)`; `prefix`
/// is the quoted table alias (None when not prepended).
pub(crate) fn get_where_conditions(
    w: &Value,
    prefix: Option<&str>,
    model: Option<&ModelDef>,
    g: &mut Gen<'_>,
    bind: bool,
) -> CoreResult<String> {
    let wo = Wo {
        model,
        prefix,
        field: None,
        json: true,
        bind,
    };
    match classify(w) {
        Val::Node(n) => render(n, g, model),
        Val::Obj(_) => items_query(w, &wo, g, " AND "),
        Val::Null => Ok(String::new()),
        Val::Num(_) | Val::BigInt(_) => {
            let pk = model
                .and_then(|m| m.primary_keys.first())
                .map(String::as_str)
                .unwrap_or("id");
            let mut m = Map::new();
            m.insert(pk.to_string(), w.clone());
            items_query(&Value::Object(m), &wo, g, " AND ")
        }
        Val::Str(_) => Err(raw_where_error()),
        Val::Bytes => sql_escape(w, g),
        Val::Arr(items) => {
            let first_empty = items.first().is_some_and(|f| match f {
                Value::Array(a) => a.is_empty(),
                Value::String(s) => s.is_empty(),
                _ => false,
            });
            if items.is_empty() || first_empty {
                return Ok("1=1".into());
            }
            if can_treat_array_as_and(items) {
                let mut m = Map::new();
                m.insert(Op::And.key().to_string(), w.clone());
                return items_query(&Value::Object(m), &wo, g, " AND ");
            }
            Err(CoreError::invalid(
                "Support for literal replacements in the `where` object has been removed.",
            ))
        }
        _ => Err(CoreError::invalid(format!(
            "Unsupported where option value: {}. Please refer to the Sequelize documentation to learn more about which values are accepted as part of the where option.",
            super::expr::inspect(w)
        ))),
    }
}

fn raw_where_error() -> CoreError {
    CoreError::invalid("Support for `{where: 'raw query'}` has been removed.")
}

fn can_treat_array_as_and(items: &[Value]) -> bool {
    items
        .iter()
        .any(|x| matches!(classify(x), Val::Obj(_) | Val::Node(Node::Where(_))))
}

/// `whereItemsQuery(where, options, binding)`.
pub(crate) fn items_query(
    w: &Value,
    o: &Wo<'_>,
    g: &mut Gen<'_>,
    binding: &str,
) -> CoreResult<String> {
    // `getComplexSize(where) === 0`: null, numbers, booleans, Dates, empty
    // strings/arrays/objects produce nothing.
    let cv = classify(w);
    match cv {
        Val::Null | Val::Num(_) | Val::Bool(_) | Val::Date(..) | Val::BigInt(_) => {
            return Ok(String::new())
        }
        Val::Str(s) => {
            if s.is_empty() {
                return Ok(String::new());
            }
            return Err(raw_where_error());
        }
        Val::Arr([]) => return Ok(String::new()),
        Val::JsonText(t) => {
            let parsed = parse_json_text(t)?;
            return items_query(&parsed, o, g, binding);
        }
        _ => {}
    }
    let mut items = Vec::new();
    match cv {
        Val::Obj(m) => {
            for (k, v) in complex_keys(m) {
                let key = match k {
                    CKey::Op(op) => K::Op(op),
                    CKey::Name(n) => K::Name(n),
                };
                items.push(item_query(key, v, o, g)?);
            }
        }
        _ => items.push(item_query(K::Undef, w, o, g)?),
    }
    let parts: Vec<String> = items.into_iter().filter(|s| !s.is_empty()).collect();
    Ok(parts.join(binding))
}

fn find_field<'a>(key: &K<'_>, o: &Wo<'a>) -> Option<&'a AttributeDef> {
    if o.field.is_some() {
        return o.field;
    }
    let K::Name(name) = key else { return None };
    let m = o.model?;
    m.attribute(name).or_else(|| m.attribute_by_field(name))
}

/// `escape(value, field)` or, in bind mode, `format(value, field)`.
fn fmt_value(
    v: &Value,
    f: Option<&AttributeDef>,
    o: &Wo<'_>,
    g: &mut Gen<'_>,
) -> CoreResult<String> {
    if o.bind {
        bind_typed(v, ColType::of(f), g)
    } else {
        escape_typed(v, ColType::of(f), g)
    }
}

/// `whereItemQuery(key, value, options)`.
fn item_query(key: K<'_>, v: &Value, o: &Wo<'_>, g: &mut Gen<'_>) -> CoreResult<String> {
    // JSON path keys: 'meta.a.b' on a JSON attribute.
    if let (K::Name(name), Some(model)) = (key, o.model) {
        if let Some((head, rest)) = name.split_once('.') {
            if let Some(attr) = model
                .attribute(head)
                .filter(|a| tkind(&a.ty) == TKind::Json)
            {
                let mut tmp = v.clone();
                for seg in rest.split('.').rev() {
                    let mut m = Map::new();
                    m.insert(seg.to_string(), tmp);
                    tmp = Value::Object(m);
                }
                let field = if attr.field.is_empty() {
                    attr.name.as_str()
                } else {
                    attr.field.as_str()
                };
                let o2 = Wo {
                    field: o.field.or(Some(attr)),
                    ..*o
                };
                return item_query(K::Name(field), &tmp, &o2, g);
            }
        }
    }

    let field = find_field(&key, o);
    let field_kind = field.map(|f| tkind(&f.ty));
    let cv = classify(v);
    let plain = match cv {
        Val::Obj(m) => Some(m),
        _ => None,
    };
    let is_array = matches!(cv, Val::Arr(_));
    let value_keys = plain.map(complex_keys);

    if let K::Undef = key {
        if let Val::Str(s) = cv {
            return Ok(s.to_string());
        }
        if let Some(keys) = &value_keys {
            if keys.len() == 1 {
                if let Some((k, x)) = keys.first() {
                    let nk = match k {
                        CKey::Op(op) => K::Op(*op),
                        CKey::Name(n) => K::Name(n),
                    };
                    return item_query(nk, x, o, g);
                }
            }
        }
    }

    if v.is_null() {
        return join_key_value(key, "NULL", "IS", o.prefix, g);
    }
    if !js_truthy(v) {
        let val = fmt_value(v, field, o, g)?;
        return join_key_value(key, &val, "=", o.prefix, g);
    }
    if let Val::Node(n) = cv {
        let is_fn = matches!(n, Node::Fn(..));
        let has_key = !matches!(key, K::Undef);
        if !(has_key && is_fn) {
            // Deliberate fix (surface §8.1): a cast / col value is compared
            // with its key instead of replacing it.
            if has_key && matches!(n, Node::Cast(..) | Node::Col(_)) && matches!(key, K::Name(_)) {
                let rendered = render(n, g, o.model)?;
                return join_key_value(key, &rendered, "=", o.prefix, g);
            }
            return render(n, g, o.model);
        }
    }
    let mut key = key;
    if let (K::Undef, Val::Arr(items)) = (key, cv) {
        if can_treat_array_as_and(items) {
            key = K::Op(Op::And);
        } else {
            return Err(CoreError::invalid(
                "Support for literal replacements in the `where` object has been removed.",
            ));
        }
    }
    if let K::Op(op @ (Op::Or | Op::And | Op::Not)) = key {
        return group_bind(op, v, o, g);
    }
    if let Some(m) = plain {
        if let Some(x) = op_value(m, Op::Or).filter(|x| js_truthy(x)) {
            return where_bind(" OR ", key, x, o, g);
        }
        if let Some(x) = op_value(m, Op::And).filter(|x| js_truthy(x)) {
            return where_bind(" AND ", key, x, o, g);
        }
    }
    if is_array && field_kind == Some(TKind::Array) {
        let val = fmt_value(v, field, o, g)?;
        return join_key_value(key, &val, "=", o.prefix, g);
    }
    if plain.is_some() && field_kind == Some(TKind::Json) && o.json {
        return where_json(key, v, o, g);
    }
    if let (Some(m), Some(keys)) = (plain, &value_keys) {
        if keys.len() > 1 {
            return where_bind(" AND ", key, &Value::Object(m.clone()), o, g);
        }
    }
    if is_array {
        return single_value(key, field, Some(Op::In), v, o, g);
    }
    if let Some(keys) = &value_keys {
        if let Some((CKey::Op(op), x)) = keys.first() {
            if op.sql().is_some() {
                return single_value(key, field, Some(*op), x, o, g);
            }
        }
        return single_value(key, field, None, v, o, g);
    }
    if let K::Op(Op::Placeholder) = key {
        let val = fmt_value(v, field, o, g)?;
        return Ok(format!("$$PLACEHOLDER$$ = {val}"));
    }
    let val = fmt_value(v, field, o, g)?;
    join_key_value(key, &val, "=", o.prefix, g)
}

/// `_whereGroupBind`: `Op.and` / `Op.or` / `Op.not`.
fn group_bind(op: Op, v: &Value, o: &Wo<'_>, g: &mut Gen<'_>) -> CoreResult<String> {
    let binding = if op == Op::Or { " OR " } else { " AND " };
    let outer = if op == Op::Not { "NOT " } else { "" };
    let joined = match v {
        Value::Array(items) => {
            let mut parts = Vec::new();
            for item in items {
                let mut q = items_query(item, o, g, " AND ")?;
                let groupable =
                    matches!(item, Value::Array(_)) || matches!(classify(item), Val::Obj(_));
                if !q.is_empty() && groupable && complex_size(item) > 1 {
                    q = format!("({q})");
                }
                if !q.is_empty() {
                    parts.push(q);
                }
            }
            parts.join(binding)
        }
        _ => items_query(v, o, g, binding)?,
    };
    if matches!(op, Op::Or | Op::Not) && joined.is_empty() {
        return Ok("0 = 1".into());
    }
    Ok(if joined.is_empty() {
        String::new()
    } else {
        format!("{outer}({joined})")
    })
}

/// `_whereBind`: `{a: {[Op.or]: [...]}}` and multi-operator objects.
fn where_bind(
    binding: &str,
    key: K<'_>,
    v: &Value,
    o: &Wo<'_>,
    g: &mut Gen<'_>,
) -> CoreResult<String> {
    let mut parts = Vec::new();
    match classify(v) {
        Val::Obj(m) => {
            for (k, x) in complex_keys(m) {
                let name = match k {
                    CKey::Op(op) => op.key(),
                    CKey::Name(n) => n,
                };
                let mut one = Map::new();
                one.insert(name.to_string(), x.clone());
                parts.push(item_query(key, &Value::Object(one), o, g)?);
            }
        }
        Val::Arr(items) => {
            for x in items {
                parts.push(item_query(key, x, o, g)?);
            }
        }
        _ => return Err(CoreError::invalid("value.map is not a function")),
    }
    let parts: Vec<String> = parts.into_iter().filter(|s| !s.is_empty()).collect();
    Ok(if parts.is_empty() {
        String::new()
    } else {
        format!("({})", parts.join(binding))
    })
}

/// `_whereJSON`: nested objects on a JSON/JSONB attribute.
fn where_json(key: K<'_>, v: &Value, o: &Wo<'_>, g: &mut Gen<'_>) -> CoreResult<String> {
    let K::Name(name) = key else {
        return Err(CoreError::invalid("Invalid JSON where key"));
    };
    let Some(m) = as_plain(v) else {
        return Ok(String::new());
    };
    let mut base = qi(name);
    if let Some(p) = o.prefix {
        base = format!("{p}.{base}");
    }
    let mut items = Vec::new();
    let o_nojson = Wo { json: false, ..*o };
    for (k, x) in complex_keys(m) {
        if let CKey::Op(op) = k {
            let mut one = Map::new();
            one.insert(op.key().to_string(), x.clone());
            items.push(item_query(key, &Value::Object(one), &o_nojson, g)?);
        }
    }
    for (k, x) in m {
        if k.starts_with("Op.") {
            continue;
        }
        traverse_json(&mut items, &base, x, vec![k.clone()], g)?;
    }
    let result = items.join(" AND ");
    Ok(if items.len() > 1 {
        format!("({result})")
    } else {
        result
    })
}

const ALLOWED_CAST_TYPES: &[&str] = &[
    "integer",
    "int",
    "smallint",
    "bigint",
    "float",
    "real",
    "double precision",
    "decimal",
    "numeric",
    "boolean",
    "text",
    "char",
    "varchar",
    "nvarchar",
    "date",
    "timestamp",
    "timestamptz",
    "datetime",
    "json",
    "jsonb",
    "signed",
    "unsigned",
];

/// `_traverseJSON`.
fn traverse_json(
    items: &mut Vec<String>,
    base: &str,
    item: &Value,
    mut path: Vec<String>,
    g: &mut Gen<'_>,
) -> CoreResult<()> {
    let mut cast: Option<String> = None;
    if let Some(last) = path.last_mut() {
        if let Some((p, c)) = last.clone().split_once("::") {
            // JS `split('::')[1]`: the text up to a second `::`.
            let c = c.split("::").next().unwrap_or("").to_string();
            if !ALLOWED_CAST_TYPES.contains(&c.to_lowercase().as_str()) {
                return Err(CoreError::invalid(format!("Invalid cast type: {c}")));
            }
            cast = Some(c);
            *last = p.to_string();
        }
    }
    if let Some(m) = as_plain(item) {
        for (k, x) in complex_keys(m) {
            if let CKey::Op(op) = k {
                let is_json = matches!(x, Value::String(_)) && op == Op::Contains;
                let path_key = json_path_extraction(base, &path, is_json);
                let lit = cast_key(&path_key, x, cast.as_deref());
                let mut one = Map::new();
                one.insert(op.key().to_string(), x.clone());
                items.push(item_query(
                    K::Lit(&lit),
                    &Value::Object(one),
                    &Wo::plain(),
                    g,
                )?);
            }
        }
        for (k, x) in m {
            if k.starts_with("Op.") {
                continue;
            }
            let mut p = path.clone();
            p.push(k.clone());
            traverse_json(items, base, x, p, g)?;
        }
        return Ok(());
    }
    let path_key = json_path_extraction(base, &path, false);
    let lit = cast_key(&path_key, item, cast.as_deref());
    let mut one = Map::new();
    one.insert(Op::Eq.key().to_string(), item.clone());
    items.push(item_query(
        K::Lit(&lit),
        &Value::Object(one),
        &Wo::plain(),
        g,
    )?);
    Ok(())
}

/// `_castKey` / `_getJsonCast`.
fn cast_key(key: &str, v: &Value, cast: Option<&str>) -> String {
    let probe = match v {
        Value::Array(a) => a.first().unwrap_or(&Value::Null),
        _ => v,
    };
    let auto = match classify(probe) {
        Val::Num(_) => Some("double precision"),
        Val::Date(..) => Some("timestamptz"),
        Val::Bool(_) => Some("boolean"),
        _ => None,
    };
    match cast.or(auto) {
        Some(c) => format!("CAST({} AS {})", key, c.trim().to_uppercase()),
        None => key.to_string(),
    }
}

/// `_joinKeyValue` / `_getSafeKey` / `_prefixKey`.
fn join_key_value(
    key: K<'_>,
    value: &str,
    comparator: &str,
    prefix: Option<&str>,
    g: &mut Gen<'_>,
) -> CoreResult<String> {
    let k = match key {
        K::Undef => return Ok(value.to_string()),
        K::Name("") => return Ok(value.to_string()),
        K::Op(op) => {
            return Err(CoreError::invalid(format!(
                "Invalid where: the operator {} cannot be used here",
                op.key()
            )))
        }
        K::Node(n) => render(n, g, None)?,
        K::Lit(s) => s.to_string(),
        K::Name(name) => {
            if name.len() > 1 && name.starts_with('$') && name.ends_with('$') {
                let inner = name.get(1..name.len() - 1).unwrap_or("");
                let parts: Vec<&str> = inner.split('.').collect();
                let parts: Vec<String> = if parts.len() > 2 {
                    let head = parts.get(..parts.len() - 1).unwrap_or_default().join("->");
                    vec![head, parts.last().copied().unwrap_or("").to_string()]
                } else {
                    parts.iter().map(|s| s.to_string()).collect()
                };
                parts.iter().map(|p| qi(p)).collect::<Vec<_>>().join(".")
            } else {
                match prefix {
                    Some(p) => format!("{}.{}", p, qi(name)),
                    None => qi(name),
                }
            }
        }
    };
    Ok(format!("{k} {comparator} {value}"))
}

/// `_whereParseSingleValueObject(key, field, prop, value, options)`; `prop`
/// None is a non-operator key (compared with `=`).
fn single_value(
    key: K<'_>,
    field: Option<&AttributeDef>,
    prop: Option<Op>,
    v: &Value,
    o: &Wo<'_>,
    g: &mut Gen<'_>,
) -> CoreResult<String> {
    let mut prop = prop;
    if prop == Some(Op::Not) {
        if v.is_array() {
            prop = Some(Op::NotIn);
        } else if !matches!(v, Value::Null | Value::Bool(_)) {
            prop = Some(Op::Ne);
        }
    }
    let mut comparator = prop.and_then(Op::sql).unwrap_or("=").to_string();
    let col = ColType::of(field);
    match prop {
        Some(Op::In | Op::NotIn) => {
            if let Some(Node::Literal(s)) = as_node(v) {
                return join_key_value(key, s, &comparator, o.prefix, g);
            }
            if let Value::Array(items) = v {
                if !items.is_empty() {
                    let mut parts = Vec::with_capacity(items.len());
                    for x in items {
                        parts.push(escape_typed(x, col, g)?);
                    }
                    return join_key_value(
                        key,
                        &format!("({})", parts.join(", ")),
                        &comparator,
                        o.prefix,
                        g,
                    );
                }
            } else if let Value::String(s) = v {
                if !s.is_empty() {
                    return Err(CoreError::invalid("value.map is not a function"));
                }
            }
            if prop == Some(Op::In) {
                return join_key_value(key, "(NULL)", &comparator, o.prefix, g);
            }
            return Ok(String::new());
        }
        Some(Op::Any | Op::All) => {
            comparator = format!("= {comparator}");
            if let Some(vals) = as_plain(v).and_then(|m| op_value(m, Op::Values)) {
                let mut parts = Vec::new();
                if let Value::Array(items) = vals {
                    for x in items {
                        parts.push(format!("({})", sql_escape(x, g)?));
                    }
                }
                return join_key_value(
                    key,
                    &format!("(VALUES {})", parts.join(", ")),
                    &comparator,
                    o.prefix,
                    g,
                );
            }
            let list = any_list(v, col, g)?;
            return join_key_value(key, &format!("({list})"), &comparator, o.prefix, g);
        }
        Some(Op::Between | Op::NotBetween) => {
            let (a, b) = match v {
                Value::Array(items) => (
                    items.first().unwrap_or(&Value::Null),
                    items.get(1).unwrap_or(&Value::Null),
                ),
                _ => (&Value::Null, &Value::Null),
            };
            let val = format!(
                "{} AND {}",
                escape_typed(a, col, g)?,
                escape_typed(b, col, g)?
            );
            return join_key_value(key, &val, &comparator, o.prefix, g);
        }
        Some(Op::Col) => {
            let s = js_string(v)?;
            return join_key_value(key, &col_ref(&s), "=", o.prefix, g);
        }
        Some(Op::StartsWith | Op::EndsWith | Op::Substring) => {
            let text = match as_node(v) {
                Some(Node::Literal(s)) => s.to_string(),
                _ => js_string(v)?,
            };
            let pattern = match prop {
                Some(Op::EndsWith) => format!("%{text}"),
                Some(Op::Substring) => format!("%{text}%"),
                _ => format!("{text}%"),
            };
            let val = sql_escape(&Value::String(pattern), g)?;
            return join_key_value(key, &val, "LIKE", o.prefix, g);
        }
        _ => {}
    }
    if let Some(m) = as_plain(v) {
        if let Some(c) = op_value(m, Op::Col).filter(|x| js_truthy(x)) {
            let s = js_string(c)?;
            return join_key_value(key, &col_ref(&s), &comparator, o.prefix, g);
        }
        if let Some(x) = op_value(m, Op::Any).filter(|x| js_truthy(x)) {
            let list = any_list(x, col, g)?;
            return join_key_value(
                key,
                &format!("({list})"),
                &format!("{comparator} ANY"),
                o.prefix,
                g,
            );
        }
        if let Some(x) = op_value(m, Op::All).filter(|x| js_truthy(x)) {
            let list = any_list(x, col, g)?;
            return join_key_value(
                key,
                &format!("({list})"),
                &format!("{comparator} ALL"),
                o.prefix,
                g,
            );
        }
    }
    if v.is_null() && comparator == "=" {
        return join_key_value(key, "NULL", "IS", o.prefix, g);
    }
    if v.is_null() && comparator == "!=" {
        return join_key_value(key, "NULL", "IS NOT", o.prefix, g);
    }
    let val = escape_typed(v, col, g)?;
    join_key_value(key, &val, &comparator, o.prefix, g)
}

/// The operand of `= ANY (…)`: Sequelize escapes the whole array with the
/// column type, which breaks for number/date columns (`'1,2'`, surface §8.2);
/// here it is always `ARRAY[<each element escaped with the column type>]`.
fn any_list(v: &Value, col: Option<ColType<'_>>, g: &mut Gen<'_>) -> CoreResult<String> {
    match v {
        Value::Array(items) if col.is_some_and(|c| tkind(c.ty) != TKind::Array) => {
            let mut parts = Vec::with_capacity(items.len());
            for x in items {
                parts.push(escape_typed(x, col, g)?);
            }
            Ok(format!("ARRAY[{}]", parts.join(",")))
        }
        _ => escape_typed(v, col, g),
    }
}

/// `Op.col` value: `a.b.c` → `"a->b"."c"`.
fn col_ref(s: &str) -> String {
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() > 2 {
        let head = parts.get(..parts.len() - 1).unwrap_or_default().join("->");
        format!("{}.{}", qi(&head), qi(parts.last().copied().unwrap_or("")))
    } else {
        parts.iter().map(|p| qi(p)).collect::<Vec<_>>().join(".")
    }
}

/// `handleSequelizeMethod` for `Sequelize.where(attribute, comparator, logic)`.
pub(crate) fn render_where_node(
    w: &Map<String, Value>,
    g: &mut Gen<'_>,
    model: Option<&ModelDef>,
) -> CoreResult<String> {
    let attribute = w.get("attribute").unwrap_or(&Value::Null);
    let comparator: Cow<'_, str> = match w.get("comparator") {
        Some(Value::String(c)) => match Op::from_key(c).and_then(Op::sql) {
            Some(sql) => Cow::Borrowed(sql),
            None => Cow::Borrowed(c.as_str()),
        },
        _ => Cow::Borrowed("="),
    };
    let logic = w.get("logic").unwrap_or(&Value::Null);

    // The left-hand side.
    let attr_node = as_node(attribute);
    let key_sql = match (attr_node, attribute) {
        (Some(n), _) => render(n, g, model)?,
        (None, Value::String(name)) => match model {
            Some(m) => {
                let field = m
                    .attribute(name)
                    .map(|a| a.field.as_str())
                    .filter(|f| !f.is_empty())
                    .unwrap_or(name);
                format!("{}.{}", qi(&m.name), qi(field))
            }
            None => qi(name),
        },
        _ => return Err(CoreError::invalid("Invalid Sequelize.where() attribute")),
    };

    let mut cmp = comparator.into_owned();
    let value = match classify(logic) {
        Val::Node(n) => render(n, g, model)?,
        Val::Obj(_) => {
            let wo = Wo {
                model,
                ..Wo::plain()
            };
            return match attr_node {
                Some(n) => item_query(K::Node(n), logic, &wo, g),
                None => item_query(K::Lit(&key_sql), logic, &wo, g),
            };
        }
        Val::JsonText(t) => {
            let parsed = parse_json_text(t)?;
            let wo = Wo {
                model,
                ..Wo::plain()
            };
            return match attr_node {
                Some(n) => item_query(K::Node(n), &parsed, &wo, g),
                None => item_query(K::Lit(&key_sql), &parsed, &wo, g),
            };
        }
        _ if cmp == "BETWEEN" || cmp == "NOT BETWEEN" => {
            let (a, b) = match logic {
                Value::Array(items) => (
                    items.first().unwrap_or(&Value::Null),
                    items.get(1).unwrap_or(&Value::Null),
                ),
                _ => (&Value::Null, &Value::Null),
            };
            format!("{} AND {}", sql_escape(a, g)?, sql_escape(b, g)?)
        }
        Val::Bool(b) => b.to_string(),
        Val::Arr(items) if cmp.eq_ignore_ascii_case("IN") || cmp.eq_ignore_ascii_case("NOT IN") => {
            // Deliberate fix: Sequelize writes `IN ARRAY[1,2]`.
            let mut parts = Vec::with_capacity(items.len());
            for x in items {
                parts.push(sql_escape(x, g)?);
            }
            if parts.is_empty() {
                "(NULL)".to_string()
            } else {
                format!("({})", parts.join(", "))
            }
        }
        _ => sql_escape(logic, g)?,
    };
    if value == "NULL" {
        if cmp == "=" {
            cmp = "IS".into();
        } else if cmp == "!=" {
            cmp = "IS NOT".into();
        }
    }
    Ok(format!("{key_sql} {cmp} {value}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sql::testutil::{underscored, user, where_m};
    use serde_json::json;

    fn wc(m: Option<&ModelDef>, alias: Option<&str>, w: Value) -> String {
        where_clause(m, alias, &w).unwrap()
    }

    #[test]
    fn ops_round_trip() {
        for name in [
            "eq",
            "ne",
            "gte",
            "gt",
            "lte",
            "lt",
            "not",
            "is",
            "in",
            "notIn",
            "like",
            "notLike",
            "iLike",
            "notILike",
            "startsWith",
            "endsWith",
            "substring",
            "regexp",
            "notRegexp",
            "iRegexp",
            "notIRegexp",
            "between",
            "notBetween",
            "overlap",
            "contains",
            "contained",
            "adjacent",
            "strictLeft",
            "strictRight",
            "noExtendRight",
            "noExtendLeft",
            "and",
            "or",
            "any",
            "all",
            "values",
            "col",
            "placeholder",
            "join",
            "match",
        ] {
            let op = Op::from_key(&format!("Op.{name}")).unwrap();
            assert_eq!(op.key(), format!("Op.{name}"));
        }
        assert_eq!(Op::from_key("Op.nope"), None);
        assert_eq!(Op::from_key("gt"), None);
    }

    #[test]
    fn clause_without_model() {
        // QueryInterface: no model, no qualification unless an alias is given.
        assert_eq!(wc(None, None, json!({"name": "b"})), "\"name\" = 'b'");
        assert_eq!(
            wc(None, Some("qi_t"), json!({"name": "a"})),
            "\"qi_t\".\"name\" = 'a'"
        );
        assert_eq!(wc(None, None, json!({})), "");
        assert_eq!(wc(None, None, json!(null)), "");
        assert_eq!(wc(None, None, json!([])), "1=1");
        // Operator keys come first whatever their JSON position.
        assert_eq!(
            wc(
                None,
                None,
                json!({"a": 1, "Op.or": [{"b": 2}, {"c": null}]})
            ),
            "(\"b\" = 2 OR \"c\" IS NULL) AND \"a\" = 1"
        );
        assert_eq!(
            where_clause(None, None, &json!({"a": {"Op.unknown": 1}}))
                .unwrap_err()
                .message,
            "Invalid value { [Symbol(unknown)]: 1 }"
        );
    }

    #[test]
    fn clause_with_model_types() {
        let m = where_m();
        assert_eq!(
            wc(Some(&m), Some("WhereM"), json!({"f": 1.5})),
            "\"WhereM\".\"f\" = '1.5'"
        );
        assert_eq!(
            wc(Some(&m), None, json!({"tags": {"Op.contains": ["x"]}})),
            "\"tags\" @> ARRAY['x']::VARCHAR(255)[]"
        );
        assert_eq!(
            wc(Some(&m), None, json!({"meta": {"a": {"b": true}}})),
            "CAST((\"meta\"#>>'{a,b}') AS BOOLEAN) = true"
        );
    }

    #[test]
    fn query_form() {
        let u = user();
        assert_eq!(
            where_query(Some(&u), &json!({"id": 3}), &TzSpec::default()).unwrap(),
            "WHERE \"id\" = 3"
        );
        assert_eq!(
            where_query(Some(&u), &json!({}), &TzSpec::default()).unwrap(),
            ""
        );
    }

    #[test]
    fn field_mapping_moves_renamed_keys_last() {
        let u = underscored();
        let mapped = map_where_field_names(&u, &json!({"firstName": "a", "id": 1, "Op.or": [{"lastName": "x"}], "lastName": {"Op.ne": null}})).unwrap();
        let keys: Vec<&String> = mapped.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["id", "Op.or", "first_name", "surname"]);
        assert_eq!(mapped["Op.or"], json!([{"surname": "x"}]));
        // $j objects are expanded.
        let mapped =
            map_where_field_names(&u, &json!({"Op.and": [{"$j": "{\"firstName\":\"q\"}"}]}))
                .unwrap();
        assert_eq!(mapped, json!({"Op.and": [{"first_name": "q"}]}));
    }

    #[test]
    fn errors() {
        let m = where_m();
        assert_eq!(
            where_clause(Some(&m), None, &json!({"name": {"a": 1}}))
                .unwrap_err()
                .message,
            "Invalid value { a: 1 }"
        );
        assert_eq!(
            where_clause(None, None, &json!("raw")).unwrap_err().message,
            "Support for `{where: 'raw query'}` has been removed."
        );
        assert!(where_clause(None, None, &json!({"Op.gt": 5})).is_err());
        assert!(where_clause(None, None, &json!({"a": {"Op.or": 5}})).is_err());
        assert_eq!(
            where_clause(None, None, &json!([1, 2]))
                .unwrap_err()
                .message,
            "Support for literal replacements in the `where` object has been removed."
        );
        assert_eq!(
            where_clause(Some(&m), None, &json!({"meta": {"a::nope": 1}}))
                .unwrap_err()
                .message,
            "Invalid cast type: nope"
        );
    }

    #[test]
    fn injection_is_escaped() {
        let m = where_m();
        assert_eq!(
            wc(
                Some(&m),
                None,
                json!({"name": "x' OR '1'='1", "n": {"Op.in": ["1); DROP TABLE x; --"]}})
            ),
            "\"name\" = 'x'' OR ''1''=''1' AND \"n\" IN ('1); DROP TABLE x; --')"
        );
        assert_eq!(wc(None, None, json!({"a\"b": 1})), "\"a\"\"b\" = 1");
        assert_eq!(
            wc(Some(&m), None, json!({"meta": {"it's": "v'"}})),
            "(\"meta\"#>>'{it''s}') = 'v'''"
        );
    }
}
