//! SELECT statements: `findAll` / `findOne` / `findByPk` / `reload`,
//! `count`, `max` / `min` / `sum` (Sequelize's `Model.findAll` option
//! processing — attribute field mapping, `mapWhereFieldNames`, the paranoid
//! clause, `findOne`'s LIMIT rule — and `QueryGenerator.selectQuery` without
//! joins).
//!
//! Options (QUERY-JSON.md): `where`, `attributes`, `order`, `group`, `having`,
//! `limit`, `offset`, `lock` (`true` | `"UPDATE"` | `"SHARE"` | `"KEY SHARE"` |
//! `"NO KEY UPDATE"` | `{"level": .., "of": "ModelName"}`), `skipLocked`,
//! `paranoid` (default true), `tableAs` (alias, default the model name), and:
//! - `findOne: true` — apply `findOne`'s rule when `limit` is absent: `LIMIT 1`
//!   unless the where pins the primary key or a single-column unique
//!   attribute to a primitive ([`find_one_needs_limit`]);
//! - `limitOne: true|false` — force that decision instead.
//!
//! `count` also reads `col` and `distinct`; `include` is not supported.

use serde_json::{Map, Value};

use super::expr::{
    as_node, classify, js_json_stringify, js_string, json_path_extraction, render, Val,
};
use super::format::{sql_escape, tkind, TKind};
use super::where_::{get_where_conditions, prepare, Op};
use super::{qi, qis, quote_table, Gen, TableRef, TzSpec};
use crate::core::error::{CoreError, CoreResult};
use crate::core::model::def::{DefaultDesc, ModelDef, UniqueDesc};

/// `findAll` & co.: the SELECT Sequelize logs (with the trailing `;`).
pub fn select(model: &ModelDef, opts: &Value, tz: &TzSpec) -> CoreResult<String> {
    let o = obj(opts);
    let attrs = finder_attributes(model, o.and_then(|m| m.get("attributes")))?;
    let mut g = Gen::new(Some(model), *tz);
    let limit = effective_limit(model, o);
    build_select(model, o, &attrs, limit, &mut g)
}

/// `count(options)`: `SELECT count(*) AS "count" FROM …`, with `col`,
/// `distinct`, `group`, `where`, paranoid.
pub fn count(model: &ModelDef, opts: &Value, tz: &TzSpec) -> CoreResult<String> {
    let o = obj(opts);
    let mut col = o
        .and_then(|m| m.get("col"))
        .and_then(Value::as_str)
        .unwrap_or("*")
        .to_string();
    let distinct = o
        .and_then(|m| m.get("distinct"))
        .is_some_and(super::expr::js_truthy);
    if distinct && col == "*" {
        col = primary_key_field(model).to_string();
    }
    let mut stripped = o.cloned().unwrap_or_default();
    for k in ["limit", "offset", "order"] {
        stripped.insert(k.to_string(), Value::Null);
    }
    aggregate(model, "count", &col, &Value::Object(stripped), tz)
}

/// `aggregate(attribute, fn, options)` (`max`, `min`, `sum`, and `count`):
/// `SELECT max("age") AS "max" FROM …`. `field` is an attribute name (mapped
/// to its column) or a column / `*`.
pub fn aggregate(
    model: &ModelDef,
    fn_name: &str,
    field: &str,
    opts: &Value,
    tz: &TzSpec,
) -> CoreResult<String> {
    let o = obj(opts);
    let column = model
        .attribute(field)
        .map(|a| a.field.as_str())
        .filter(|f| !f.is_empty())
        .unwrap_or(field);
    let mut agg_col = serde_json::json!({ "$col": column });
    if o.and_then(|m| m.get("distinct"))
        .is_some_and(super::expr::js_truthy)
    {
        agg_col = serde_json::json!({ "$fn": "DISTINCT", "args": [agg_col] });
    }
    let agg = Value::Array(vec![
        serde_json::json!({ "$fn": fn_name, "args": [agg_col] }),
        Value::String(fn_name.to_string()),
    ]);

    // _.unionBy(options.attributes, group, [[fn, name]], a => Array.isArray(a) ? a[1] : a)
    let mut union: Vec<Value> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut add = |v: &Value| {
        let key = match v {
            Value::Array(a) => a.get(1).map(|x| js_string(x).unwrap_or_default()),
            Value::String(s) => Some(s.clone()),
            _ => None,
        };
        if let Some(k) = key {
            if seen.contains(&k) {
                return;
            }
            seen.push(k);
        }
        union.push(v.clone());
    };
    if let Some(Value::Array(a)) = o.and_then(|m| m.get("attributes")) {
        a.iter().for_each(&mut add);
    }
    if let Some(Value::Array(group)) = o.and_then(|m| m.get("group")) {
        if group.first().is_some_and(Value::is_array) {
            for x in group {
                match x {
                    Value::Array(inner) => inner.iter().for_each(&mut add),
                    other => add(other),
                }
            }
        } else {
            group.iter().for_each(&mut add);
        }
    }
    add(&agg);

    let attrs = finder_attributes(model, Some(&Value::Array(union)))?;
    let mut g = Gen::new(Some(model), *tz);
    let limit = o
        .and_then(|m| m.get("limit"))
        .cloned()
        .unwrap_or(Value::Null);
    build_select(model, o, &attrs, limit, &mut g)
}

/// `findOne`'s rule: false (no `LIMIT 1`) when `where` has an attribute key
/// that is the primary key or a single-column unique attribute, with a
/// primitive value (string, number, boolean, Buffer — not null, bigint,
/// Date, array or object).
pub fn find_one_needs_limit(model: &ModelDef, where_json: Option<&Value>) -> bool {
    let Some(w) = where_json else { return true };
    let Some(m) = (match classify(w) {
        Val::Obj(m) => Some(m),
        _ => None,
    }) else {
        return true;
    };
    let pk = model.primary_keys.first();
    let uniques = single_column_uniques(model);
    !m.iter().any(|(k, v)| {
        if k.starts_with("Op.") {
            return false;
        }
        let keyed = pk == Some(k) || uniques.iter().any(|u| u == k);
        keyed
            && matches!(
                classify(v),
                Val::Str(_) | Val::Num(_) | Val::Bool(_) | Val::Bytes
            )
    })
}

/// QueryInterface `select` / `rawSelect` on a table without a model:
/// `SELECT * FROM "t" WHERE "t"."a" = 1;` (attribute names are used as columns).
pub fn select_table(table: &TableRef, opts: &Value, tz: &TzSpec) -> CoreResult<String> {
    let o = obj(opts);
    let mut g = Gen::new(None, *tz);
    let quoted = table.quoted();
    let attrs: Vec<Value> = match o.and_then(|m| m.get("attributes")) {
        Some(Value::Array(a)) => a.clone(),
        _ => vec![Value::String("*".into())],
    };
    let list = escape_attributes(None, &attrs, &mut g)?;
    let mut sql = format!("SELECT {} FROM {}", list.join(", "), quoted);
    if let Some(w) = o.and_then(|m| m.get("where")) {
        let w = prepare(None, w)?;
        let cond = get_where_conditions(&w, Some(&quoted), None, &mut g, false)?;
        if !cond.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&cond);
        }
    }
    push_tail(
        &mut sql,
        None,
        o,
        &attrs,
        o.and_then(|m| m.get("limit"))
            .cloned()
            .unwrap_or(Value::Null),
        &mut g,
    )?;
    sql.push(';');
    Ok(sql)
}

// ------------------------------------------------------------------ internals

fn obj(v: &Value) -> Option<&Map<String, Value>> {
    v.as_object()
}

fn primary_key_field(model: &ModelDef) -> &str {
    model
        .primary_keys
        .first()
        .map(|pk| model.field_of(pk))
        .unwrap_or("id")
}

/// Attribute names with a single-column unique constraint (`uniqueKeys`).
fn single_column_uniques(model: &ModelDef) -> Vec<String> {
    let mut named: Vec<(String, Vec<&str>)> = Vec::new();
    let mut out = Vec::new();
    for a in &model.attributes {
        let name = match &a.unique {
            Some(UniqueDesc::Flag(true)) | Some(UniqueDesc::Object { name: None, .. }) => {
                out.push(a.name.clone());
                continue;
            }
            Some(UniqueDesc::Name(n)) | Some(UniqueDesc::Object { name: Some(n), .. }) => n.clone(),
            _ => continue,
        };
        match named.iter_mut().find(|(n, _)| *n == name) {
            Some((_, attrs)) => attrs.push(&a.name),
            None => named.push((name, vec![&a.name])),
        }
    }
    for (_, attrs) in named {
        if let [single] = attrs.as_slice() {
            out.push((*single).to_string());
        }
    }
    out
}

/// The LIMIT of a finder: `limit` when given, else findOne's rule.
fn effective_limit(model: &ModelDef, o: Option<&Map<String, Value>>) -> Value {
    let Some(m) = o else { return Value::Null };
    if let Some(l) = m.get("limit") {
        return l.clone();
    }
    let needs = match m.get("limitOne") {
        Some(Value::Bool(b)) => *b,
        _ => {
            m.get("findOne").is_some_and(super::expr::js_truthy)
                && find_one_needs_limit(model, m.get("where"))
        }
    };
    if needs {
        Value::from(1)
    } else {
        Value::Null
    }
}

/// `mapFinderOptions` on `attributes`: default = every non-virtual attribute;
/// virtual attribute names are dropped; names whose column differs become
/// `[field, name]`.
fn finder_attributes(model: &ModelDef, attrs: Option<&Value>) -> CoreResult<Vec<Value>> {
    let list: Vec<Value> = match attrs {
        None | Some(Value::Null) => model
            .columns()
            .map(|a| Value::String(a.name.clone()))
            .collect(),
        Some(Value::Array(a)) => a.clone(),
        Some(_) => {
            return Err(CoreError::invalid(
                "The attributes option must be an array of column names or an object",
            ))
        }
    };
    let mut out = Vec::with_capacity(list.len());
    for item in list {
        match &item {
            Value::String(s) => match model.attribute(s) {
                Some(a) if a.is_virtual() => continue,
                Some(a) if !a.field.is_empty() && a.field != a.name => {
                    out.push(Value::Array(vec![Value::String(a.field.clone()), item]));
                }
                _ => out.push(item),
            },
            // Deliberate fix: ['lastName', 'ln'] selects the attribute's column.
            Value::Array(pair) if pair.len() == 2 => match pair.first() {
                Some(Value::String(s)) => match model.attribute(s) {
                    Some(a) if !a.field.is_empty() && a.field != a.name => {
                        let alias = pair.get(1).cloned().unwrap_or(Value::Null);
                        out.push(Value::Array(vec![Value::String(a.field.clone()), alias]));
                    }
                    _ => out.push(item),
                },
                _ => out.push(item),
            },
            _ => out.push(item),
        }
    }
    Ok(out)
}

/// `_paranoidClause`.
fn paranoid_where(model: &ModelDef, where_: Option<Value>, paranoid: bool) -> Option<Value> {
    let deleted = match (&model.deleted_at, model.paranoid, paranoid) {
        (Some(d), true, true) => d,
        _ => return where_,
    };
    let attr = model.attribute(deleted);
    let field = attr
        .map(|a| a.field.as_str())
        .filter(|f| !f.is_empty())
        .unwrap_or(deleted);
    let default = match attr.and_then(|a| a.default_value.as_ref()) {
        Some(DefaultDesc::Value { value }) if super::expr::js_truthy(value) => value.clone(),
        _ => serde_json::json!({ "Op.eq": null }),
    };
    let mut obj = Map::new();
    obj.insert(field.to_string(), default);
    let clause = Value::Object(obj);
    let empty = match &where_ {
        Some(Value::Object(m)) => {
            matches!(
                classify(where_.as_ref().unwrap_or(&Value::Null)),
                Val::Obj(_)
            ) && m.is_empty()
        }
        Some(Value::Array(a)) => a.is_empty(),
        _ => false,
    };
    if empty {
        Some(clause)
    } else {
        let mut m = Map::new();
        m.insert(
            Op::And.key().to_string(),
            Value::Array(vec![clause, where_.unwrap_or(Value::Null)]),
        );
        Some(Value::Object(m))
    }
}

fn build_select(
    model: &ModelDef,
    o: Option<&Map<String, Value>>,
    attrs: &[Value],
    limit: Value,
    g: &mut Gen<'_>,
) -> CoreResult<String> {
    if let Some(Value::Array(inc)) = o.and_then(|m| m.get("include")) {
        if !inc.is_empty() {
            return Err(CoreError::invalid(
                "include (joins) is not supported by the query generator yet",
            ));
        }
    }
    let alias = o
        .and_then(|m| m.get("tableAs"))
        .and_then(Value::as_str)
        .unwrap_or(&model.name);
    let quoted_alias = qi(alias);
    let list = escape_attributes(Some(model), attrs, g)?;
    if list.is_empty() {
        return Err(CoreError::invalid(format!(
            "Attempted a SELECT query for model '{}' as {} without selecting any columns",
            model.name, quoted_alias
        )));
    }
    let mut sql = format!(
        "SELECT {} FROM {} AS {}",
        list.join(", "),
        quote_table(model),
        quoted_alias
    );

    let has_where = o.is_some_and(|m| m.contains_key("where"));
    let where_ = match o.and_then(|m| m.get("where")) {
        Some(w) => Some(match classify(w) {
            Val::Obj(_) | Val::JsonText(_) => prepare(Some(model), w)?,
            _ => prepare(None, w)?,
        }),
        None => None,
    };
    let paranoid = o.and_then(|m| m.get("paranoid")) != Some(&Value::Bool(false));
    let was_paranoid = model.paranoid && model.deleted_at.is_some() && paranoid;
    let where_ = paranoid_where(model, where_, paranoid);
    if has_where || was_paranoid {
        if let Some(w) = &where_ {
            let cond = get_where_conditions(w, Some(&quoted_alias), Some(model), g, false)?;
            if !cond.is_empty() {
                sql.push_str(" WHERE ");
                sql.push_str(&cond);
            }
        }
    }
    push_tail(&mut sql, Some(model), o, attrs, limit, g)?;
    sql.push(';');
    Ok(sql)
}

/// GROUP BY, HAVING, ORDER BY, LIMIT/OFFSET and the lock clause.
fn push_tail(
    sql: &mut String,
    model: Option<&ModelDef>,
    o: Option<&Map<String, Value>>,
    attrs: &[Value],
    limit: Value,
    g: &mut Gen<'_>,
) -> CoreResult<()> {
    let get = |k: &str| o.and_then(|m| m.get(k));
    if let Some(group) = get("group").filter(|v| super::expr::js_truthy(v)) {
        let text = match group {
            Value::Array(items) => {
                let mut parts = Vec::with_capacity(items.len());
                for x in items {
                    parts.push(alias_grouping(x, model, g)?);
                }
                parts.join(", ")
            }
            other => alias_grouping(other, model, g)?,
        };
        if !text.is_empty() {
            sql.push_str(" GROUP BY ");
            sql.push_str(&text);
        }
    }
    if let Some(having) = get("having") {
        let h = prepare(None, having)?;
        let cond = get_where_conditions(&h, None, model, g, false)?;
        if !cond.is_empty() {
            sql.push_str(" HAVING ");
            sql.push_str(&cond);
        }
    }
    if let Some(order) = get("order").filter(|v| super::expr::js_truthy(v)) {
        let parts = query_orders(order, model, attrs, g)?;
        if !parts.is_empty() {
            sql.push_str(" ORDER BY ");
            sql.push_str(&parts.join(", "));
        }
    }
    if !limit.is_null() {
        sql.push_str(" LIMIT ");
        sql.push_str(&sql_escape(&limit, g)?);
    }
    if let Some(off) = get("offset").filter(|v| !v.is_null()) {
        sql.push_str(" OFFSET ");
        sql.push_str(&sql_escape(off, g)?);
    }
    if let Some(lock) = get("lock").filter(|v| super::expr::js_truthy(v)) {
        let (level, of) = match lock {
            Value::Object(m) => (
                m.get("level").and_then(Value::as_str).unwrap_or(""),
                m.get("of").and_then(Value::as_str),
            ),
            Value::String(s) => (s.as_str(), None),
            _ => ("", None),
        };
        match level {
            "KEY SHARE" | "NO KEY UPDATE" => {
                sql.push_str(" FOR ");
                sql.push_str(level);
            }
            "SHARE" => sql.push_str(" FOR SHARE"),
            _ => sql.push_str(" FOR UPDATE"),
        }
        if let Some(of) = of {
            sql.push_str(" OF ");
            sql.push_str(&qi(of));
        }
        if get("skipLocked").is_some_and(super::expr::js_truthy) {
            sql.push_str(" SKIP LOCKED");
        }
    }
    Ok(())
}

/// `escapeAttributes` (no includes).
fn escape_attributes(
    model: Option<&ModelDef>,
    attrs: &[Value],
    g: &mut Gen<'_>,
) -> CoreResult<Vec<String>> {
    let mut out = Vec::with_capacity(attrs.len());
    for attr in attrs {
        if let Some(n) = as_node(attr) {
            out.push(render(n, g, model)?);
            continue;
        }
        match attr {
            Value::Array(pair) => {
                let (Some(def), Some(alias), 2) = (pair.first(), pair.get(1), pair.len()) else {
                    return Err(CoreError::invalid(format!(
                        "{} is not a valid attribute definition. Please use the following format: ['attribute definition', 'alias']",
                        js_json_stringify(attr).unwrap_or_default()
                    )));
                };
                let left = match (as_node(def), def) {
                    (Some(n), _) => render(n, g, model)?,
                    (None, Value::String(s)) => {
                        if s.contains('(') || s.contains(')') {
                            return Err(CoreError::invalid(PARENS_ERROR));
                        }
                        qi(s)
                    }
                    _ => return Err(CoreError::invalid("Invalid attribute definition")),
                };
                out.push(format!("{} AS {}", left, qi(&js_string(alias)?)));
            }
            Value::String(s) => {
                if s.contains('`') || s.contains('"') {
                    out.push(sql_escape(attr, g)?);
                } else if model.is_some_and(|m| m.attribute(s).is_some()) {
                    out.push(qi(s));
                } else {
                    out.push(qis(s));
                }
            }
            _ => return Err(CoreError::invalid("Invalid attribute definition")),
        }
    }
    Ok(out)
}

const PARENS_ERROR: &str = "Attributes cannot include parentheses in Sequelize 6:
In order to fix the vulnerability CVE-2023-22578, we had to remove support for treating attributes as raw SQL if they included parentheses.
Sequelize 7 escapes all attributes, even if they include parentheses.
For Sequelize 6, because we're introducing this change in a minor release, we've opted for throwing an error instead of silently escaping the attribute as a way to warn you about this change.

Here is what you can do to fix this error:
- Wrap the attribute in a literal() call. This will make Sequelize treat it as raw SQL.
- Set the \"attributeBehavior\" sequelize option to \"escape\" to make Sequelize escape the attribute, like in Sequelize v7. We highly recommend this option.
- Set the \"attributeBehavior\" sequelize option to \"unsafe-legacy\" to make Sequelize escape the attribute, like in Sequelize v5.

We sincerely apologize for the inconvenience this may cause you. You can find more information on the following threads:
https://github.com/sequelize/sequelize/security/advisories/GHSA-f598-mfpv-gmfx
https://github.com/sequelize/sequelize/discussions/15694";

/// `aliasGrouping` → `quote(field)`.
fn alias_grouping(v: &Value, model: Option<&ModelDef>, g: &mut Gen<'_>) -> CoreResult<String> {
    let src = match v {
        Value::Array(a) => a.first().unwrap_or(&Value::Null),
        other => other,
    };
    if let Some(n) = as_node(src) {
        return render(n, g, model);
    }
    match src {
        Value::String(s) => Ok(qis(s)),
        Value::Array(items) => quote_order(items.clone(), model, g),
        other => Err(unknown_structure(other)),
    }
}

fn unknown_structure(v: &Value) -> CoreError {
    CoreError::invalid(format!(
        "Unknown structure passed to order / group: {}",
        super::expr::inspect(v)
    ))
}

const ORDER_OPTIONS: [&str; 8] = [
    "ASC",
    "DESC",
    "ASC NULLS LAST",
    "DESC NULLS LAST",
    "ASC NULLS FIRST",
    "DESC NULLS FIRST",
    "NULLS FIRST",
    "NULLS LAST",
];

/// `getQueryOrders` (main query only).
fn query_orders(
    order: &Value,
    model: Option<&ModelDef>,
    attrs: &[Value],
    g: &mut Gen<'_>,
) -> CoreResult<Vec<String>> {
    if let Some(n) = as_node(order) {
        return Ok(vec![render(n, g, model)?]);
    }
    let Value::Array(items) = order else {
        return Err(CoreError::invalid(
            "Order must be type of array or instance of a valid sequelize method.",
        ));
    };
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let mut parts: Vec<Value> = match item {
            Value::Array(a) => a.clone(),
            other => vec![other.clone()],
        };
        if model.is_some() {
            if let Some(Value::String(first)) = parts.first() {
                let aliased = attrs.iter().find_map(|a| match a {
                    Value::Array(pair) => match (pair.first(), pair.get(1)) {
                        (Some(x), Some(Value::String(alias))) if !alias.is_empty() => {
                            let same0 = matches!(x, Value::String(s) if s == first);
                            (same0 || alias == first).then(|| alias.clone())
                        }
                        _ => None,
                    },
                    _ => None,
                });
                if let Some(alias) = aliased {
                    if let Some(slot) = parts.first_mut() {
                        *slot = serde_json::json!({ "$col": alias });
                    }
                }
            }
        }
        out.push(quote_order(parts, model, g)?);
    }
    Ok(out)
}

/// One piece of an order/group item after `quote`'s rewriting.
enum Piece {
    Name(String),
    Sql(String),
}

/// `quote(collection, parent=model, '->')` for an array (no associations).
fn quote_order(items: Vec<Value>, model: Option<&ModelDef>, g: &mut Gen<'_>) -> CoreResult<String> {
    let mut pieces = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let piece = match item {
            Value::String(s) => {
                let upper = s.to_uppercase();
                if let (true, Some(opt)) = (index > 0, ORDER_OPTIONS.iter().find(|o| **o == upper))
                {
                    Piece::Sql(format!(" {opt}"))
                } else if let (0, Some(m)) = (index, model) {
                    match m.attribute(s) {
                        Some(a) if !a.field.is_empty() && a.field != *s => {
                            Piece::Name(a.field.clone())
                        }
                        Some(_) => Piece::Name(s.clone()),
                        None if s.contains('.') => {
                            let mut split = s.split('.');
                            let head = split.next().unwrap_or("");
                            let rest: Vec<String> = split.map(str::to_string).collect();
                            match m.attribute(head) {
                                None => {
                                    return Err(CoreError::invalid(
                                        "Cannot read properties of undefined (reading 'type')",
                                    ))
                                }
                                Some(a) if tkind(&a.ty) == TKind::Json => {
                                    let ident = qis(&format!("{}.{}", m.name, a.field));
                                    Piece::Sql(json_path_extraction(&ident, &rest, false))
                                }
                                Some(_) => Piece::Name(s.clone()),
                            }
                        }
                        None => Piece::Name(s.clone()),
                    }
                } else {
                    Piece::Name(s.clone())
                }
            }
            other => match as_node(other) {
                Some(n) => Piece::Sql(render(n, g, model)?),
                None => return Err(unknown_structure(other)),
            },
        };
        pieces.push(piece);
    }
    let mut sql = String::new();
    if let (Some(Piece::Name(_)), Some(m)) = (pieces.first(), model) {
        sql.push_str(&qi(&m.name));
        sql.push('.');
    }
    for p in pieces {
        match p {
            Piece::Name(s) => sql.push_str(&qis(&s)),
            Piece::Sql(s) => sql.push_str(&s),
        }
    }
    Ok(sql)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sql::testutil::{doc, user, uu};
    use serde_json::json;

    fn sel(m: &ModelDef, o: Value) -> String {
        select(m, &o, &TzSpec::default()).unwrap()
    }

    #[test]
    fn find_one_rule() {
        let u = user();
        let needs = |w: Value| find_one_needs_limit(&u, Some(&w));
        assert!(find_one_needs_limit(&u, None));
        assert!(!needs(json!({"id": 1})));
        assert!(!needs(json!({"id": "1"})));
        assert!(!needs(json!({"email": "a@x", "age": 3})));
        assert!(!needs(json!({"id": {"$b": "YQ=="}})));
        assert!(needs(json!({"id": {"$n": "1"}})));
        assert!(needs(json!({"id": null})));
        assert!(needs(json!({"id": [1]})));
        assert!(needs(json!({"id": {"Op.eq": 1}})));
        assert!(needs(json!({"name": "a"})));
        assert!(needs(json!({"Op.or": [{"id": 1}]})));
        // A composite unique key does not count; a single-column one does.
        let m = uu();
        assert!(needs_of(&m, json!({"code": "a"})));
        assert!(!needs_of(&m, json!({"slug": "a"})));
    }

    fn needs_of(m: &ModelDef, w: Value) -> bool {
        find_one_needs_limit(m, Some(&w))
    }

    #[test]
    fn limit_one_override() {
        let u = user();
        assert_eq!(
            sel(
                &u,
                json!({"attributes": ["id"], "where": {"id": 1}, "limitOne": true})
            ),
            "SELECT \"id\" FROM \"Users\" AS \"User\" WHERE \"User\".\"id\" = 1 LIMIT 1;"
        );
        assert_eq!(
            sel(&u, json!({"attributes": ["id"], "limitOne": false})),
            "SELECT \"id\" FROM \"Users\" AS \"User\";"
        );
        assert_eq!(
            sel(
                &u,
                json!({"attributes": ["id"], "findOne": true, "limit": null})
            ),
            "SELECT \"id\" FROM \"Users\" AS \"User\";"
        );
    }

    #[test]
    fn table_alias_and_paranoid_default() {
        let u = user();
        assert_eq!(
            sel(
                &u,
                json!({"attributes": ["id"], "tableAs": "u", "where": {"age": 1}})
            ),
            "SELECT \"id\" FROM \"Users\" AS \"u\" WHERE \"u\".\"age\" = 1;"
        );
        let mut d = doc();
        if let Some(a) = d.attributes.iter_mut().find(|a| a.name == "deletedAt") {
            a.default_value = Some(DefaultDesc::Value {
                value: json!({"$d": 0, "o": 0}),
            });
        }
        assert_eq!(
            sel(&d, json!({"attributes": ["id"]})),
            "SELECT \"id\" FROM \"Docs\" AS \"Doc\" WHERE (\"Doc\".\"deletedAt\" = '1970-01-01 00:00:00.000 +00:00');"
        );
    }

    #[test]
    fn errors() {
        let u = user();
        let err = |o: Value| select(&u, &o, &TzSpec::default()).unwrap_err().message;
        assert_eq!(
            err(json!({"attributes": []})),
            "Attempted a SELECT query for model 'User' as \"User\" without selecting any columns"
        );
        assert!(err(json!({"attributes": [["count(id)", "c"]]}))
            .starts_with("Attributes cannot include parentheses in Sequelize 6:"));
        assert_eq!(
            err(json!({"attributes": [["a", "b", "c"]]})),
            "[\"a\",\"b\",\"c\"] is not a valid attribute definition. Please use the following format: ['attribute definition', 'alias']"
        );
        assert_eq!(
            err(json!({"order": "age"})),
            "Order must be type of array or instance of a valid sequelize method."
        );
        assert_eq!(
            err(json!({"order": [["zz.age", "DESC"]]})),
            "Cannot read properties of undefined (reading 'type')"
        );
        assert_eq!(
            err(json!({"where": "raw"})),
            "Support for `{where: 'raw query'}` has been removed."
        );
        assert_eq!(
            err(json!({"attributes": "id"})),
            "The attributes option must be an array of column names or an object"
        );
    }

    #[test]
    fn count_and_aggregates() {
        let u = user();
        let tz = TzSpec::default();
        assert_eq!(
            count(
                &u,
                &json!({"where": {"age": {"Op.gt": 26}}, "order": [["id", "DESC"]], "limit": 3}),
                &tz
            )
            .unwrap(),
            "SELECT count(*) AS \"count\" FROM \"Users\" AS \"User\" WHERE \"User\".\"age\" > 26;"
        );
        assert_eq!(
            aggregate(&u, "max", "age", &json!({"order": [["max", "DESC"]]}), &tz).unwrap(),
            "SELECT max(\"age\") AS \"max\" FROM \"Users\" AS \"User\" ORDER BY \"max\" DESC;"
        );
    }

    #[test]
    fn table_select() {
        let t = TableRef::new("qi_t");
        assert_eq!(
            select_table(&t, &json!({"where": {"name": "a"}}), &TzSpec::default()).unwrap(),
            "SELECT * FROM \"qi_t\" WHERE \"qi_t\".\"name\" = 'a';"
        );
    }
}
