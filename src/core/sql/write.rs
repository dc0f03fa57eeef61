//! Writes: `create`/`save` (INSERT, bound), `bulkCreate` (one multi-row
//! INSERT with inlined literals), `update`/`save` (UPDATE, bound), `destroy`
//! (DELETE/TRUNCATE, or the paranoid UPDATE), `restore`, `upsert`
//! (INSERT … ON CONFLICT, bound) and `increment`/`decrement` — Sequelize
//! 6.37.8's `insertQuery`, `bulkInsertQuery`, `updateQuery`, `deleteQuery`,
//! `arithmeticQuery` plus the where shaping of the Model methods.
//!
//! Value maps are keyed by attribute name (a column name is accepted too)
//! and used in the given order; the facade decides which attributes are
//! written (changed fields, timestamps, defaults, version), as Sequelize's
//! Model methods do before calling the query generator.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};

use serde_json::{Map, Value};

use super::expr::{as_node, classify, js_truthy, Val};
use super::format::{bind_typed, escape_typed, sql_escape, ColType};
use super::where_::{get_where_conditions, items_query, prepare, Op, Wo};
use super::{join_fragments, qi, quote_table, Gen, Stmt, TableRef, TzSpec};
use crate::core::error::{CoreError, CoreResult};
use crate::core::model::def::{AttributeDef, DefaultDesc, ModelDef, UniqueDesc};

/// `Model.create` / new-instance `save`:
/// `INSERT INTO "users" ("id","firstName") VALUES (DEFAULT,$1) RETURNING "id","firstName";`.
///
/// `values`: attribute → tagged value; `null` on an autoIncrement attribute
/// is `DEFAULT`; nodes (`fn`, `literal`, …) are inlined.
/// Options: `returning` (true (default) | false | [attribute names]),
/// `ignoreDuplicates`, `bindParam` (default true; false inlines every value),
/// `exception` (findOrCreate's `pg_temp.testfunc` wrapper: a 32-hex-digit id
/// for the `$func_<id>$` delimiter, or `true` to generate one; implies
/// `bindParam: false`).
pub fn insert(
    model: &ModelDef,
    values: &Map<String, Value>,
    opts: &Value,
    tz: &TzSpec,
) -> CoreResult<Stmt> {
    let o = opts.as_object();
    let mut g = Gen::new(Some(model), *tz);
    let returning = returning_fields(Some(model), o.and_then(|m| m.get("returning")), true);
    insert_query(
        &quote_table(model),
        Some(model),
        values,
        o,
        returning,
        None,
        &mut g,
    )
}

/// `Model.upsert`: `INSERT … VALUES ($1,…) ON CONFLICT ("id") DO UPDATE SET
/// "a"=EXCLUDED."a",… RETURNING …;`.
///
/// `values` are the insert values. Options: `updateOnDuplicate` — the
/// attributes to update on conflict, in order (Sequelize: the changed fields
/// plus `updatedAt`; empty → `DO NOTHING`); `conflictFields` (attribute
/// names; default: Sequelize's choice — the first unique key or unique index
/// containing an updated field, else the primary key); `conflictWhere`;
/// `returning` (default true).
pub fn upsert(
    model: &ModelDef,
    values: &Map<String, Value>,
    opts: &Value,
    tz: &TzSpec,
) -> CoreResult<Stmt> {
    let o = opts.as_object();
    let mut g = Gen::new(Some(model), *tz);
    let update_fields: Vec<String> = name_list(o.and_then(|m| m.get("updateOnDuplicate")))
        .iter()
        .map(|n| column_of(Some(model), n).0)
        .collect();
    let mut keys: Vec<String> = name_list(o.and_then(|m| m.get("conflictFields")))
        .iter()
        .map(|n| column_of(Some(model), n).0)
        .collect();
    if keys.is_empty() {
        keys = upsert_keys(model, &update_fields);
    }
    let where_sql = match o.and_then(|m| m.get("conflictWhere")) {
        Some(w) if !w.is_null() => conflict_where(model, w, &mut g)?,
        _ => String::new(),
    };
    let mut frags = vec![
        "ON CONFLICT".to_string(),
        "(".into(),
        quote_list(&keys),
        ")".into(),
        where_sql,
    ];
    if update_fields.is_empty() {
        frags.push("DO NOTHING".into());
    } else {
        frags.push("DO UPDATE SET".into());
        frags.push(excluded_list(&update_fields));
    }
    let refs: Vec<&str> = frags.iter().map(String::as_str).collect();
    let on_conflict = format!(" {}", join_fragments(&refs));
    let returning = returning_fields(Some(model), o.and_then(|m| m.get("returning")), true);
    insert_query(
        &quote_table(model),
        Some(model),
        values,
        o,
        returning,
        Some(on_conflict),
        &mut g,
    )
}

/// `bulkCreate`'s `updateOnDuplicate`: `ON CONFLICT ("k") [WHERE …] DO UPDATE SET "a"=EXCLUDED."a",…`
/// (empty when the option is not set).
pub(super) fn on_duplicate_clause(
    model: &ModelDef,
    o: Option<&Map<String, Value>>,
    g: &mut Gen<'_>,
) -> CoreResult<String> {
    let Some(names) = o
        .and_then(|m| m.get("updateOnDuplicate"))
        .filter(|v| js_truthy(v))
    else {
        return Ok(String::new());
    };
    let update_fields: Vec<String> = name_list(Some(names))
        .iter()
        .map(|n| column_of(Some(model), n).0)
        .collect();
    let conflict: Vec<String> = name_list(o.and_then(|m| m.get("conflictAttributes")))
        .iter()
        .map(|n| column_of(Some(model), n).0)
        .collect();
    let keys = if conflict.is_empty() {
        bulk_upsert_keys(model)
    } else {
        conflict
    };
    let where_sql = match o.and_then(|m| m.get("conflictWhere")) {
        Some(w) if !w.is_null() => conflict_where(model, w, g)?,
        _ => String::new(),
    };
    let frags = [
        "ON CONFLICT".to_string(),
        "(".into(),
        quote_list(&keys),
        ")".into(),
        where_sql,
        "DO UPDATE SET".into(),
        excluded_list(&update_fields),
    ];
    let refs: Vec<&str> = frags.iter().map(String::as_str).collect();
    Ok(join_fragments(&refs))
}

/// `Model.bulkCreate`: one statement, values inlined:
/// `INSERT INTO "Users" ("id","name") VALUES (DEFAULT,'a'),(7,'b') RETURNING …;`.
///
/// Columns are the union of the rows' keys (first-appearance order); a row
/// without a key gets `NULL` (`DEFAULT` for an autoIncrement column).
/// Options: `returning` (default true | false | [names]), `ignoreDuplicates`,
/// `updateOnDuplicate` ([names]), `conflictAttributes` ([names]), `conflictWhere`.
pub fn bulk_insert(
    model: &ModelDef,
    rows: &InsertRows,
    opts: &Value,
    tz: &TzSpec,
) -> CoreResult<Stmt> {
    let o = opts.as_object();
    let mut g = Gen::new(Some(model), *tz);
    let on_dup = on_duplicate_clause(model, o, &mut g)?;
    let returning = returning_fields(Some(model), o.and_then(|m| m.get("returning")), true);
    bulk_insert_query(
        &quote_table(model),
        Some(model),
        rows,
        o,
        &on_dup,
        returning,
        &mut g,
    )
}

/// `Model.update` / existing-instance `save`:
/// `UPDATE "Users" SET "age"=$1,"updatedAt"=$2 WHERE "name" = $3` (no `;`).
///
/// Options: `paranoid` (default true: on a paranoid model the where becomes
/// `("deletedAt" IS NULL AND …)`, as `Model.update` does — instance `save`
/// must pass `false`), `returning` (false (default) | true | [names]),
/// `bindParam` (default true), `omitNull`. An empty `sql` means there is
/// nothing to set (Sequelize sends no query).
pub fn update(
    model: &ModelDef,
    values: &Map<String, Value>,
    where_: &Value,
    opts: &Value,
    tz: &TzSpec,
) -> CoreResult<Stmt> {
    let o = opts.as_object();
    let mut g = Gen::new(Some(model), *tz);
    let mut w = prepare_model_where(model, where_)?;
    let paranoid = o.and_then(|m| m.get("paranoid")) != Some(&Value::Bool(false));
    if paranoid {
        w = paranoid_clause(model, w);
    }
    let returning = returning_fields(Some(model), o.and_then(|m| m.get("returning")), false);
    update_query(
        &quote_table(model),
        Some(model),
        values,
        &w,
        o,
        returning,
        &mut g,
    )
}

/// `Model.destroy` on a paranoid model (without `force`):
/// `UPDATE "Docs" SET "deletedAt"=$1 WHERE "deletedAt" IS NULL AND "title" = $2`.
/// `deleted_at` is the timestamp to set (the facade's `new Date()`).
pub fn soft_delete(
    model: &ModelDef,
    where_: &Value,
    deleted_at: &Value,
    opts: &Value,
    tz: &TzSpec,
) -> CoreResult<Stmt> {
    let o = opts.as_object();
    let (field, default) = deleted_at_field(model)?;
    let mut g = Gen::new(Some(model), *tz);
    let mapped = prepare_model_where(model, where_)?;
    let mut head = Map::new();
    head.insert(field.clone(), default);
    let w = match mapped {
        Value::Object(m) if matches!(classify(&Value::Object(m.clone())), Val::Obj(_)) => {
            for (k, v) in m {
                head.insert(k, v);
            }
            Value::Object(head)
        }
        Value::Null => Value::Object(head),
        other => {
            let mut m = Map::new();
            m.insert(
                Op::And.key().into(),
                Value::Array(vec![Value::Object(head), other]),
            );
            Value::Object(m)
        }
    };
    let mut values = Map::new();
    values.insert(field, deleted_at.clone());
    update_query(
        &quote_table(model),
        Some(model),
        &values,
        &w,
        o,
        Vec::new(),
        &mut g,
    )
}

/// `Model.restore`: `UPDATE "Docs" SET "deletedAt"=$1 WHERE "title" = $2` ($1 = NULL).
pub fn restore(model: &ModelDef, where_: &Value, opts: &Value, tz: &TzSpec) -> CoreResult<Stmt> {
    let (field, default) = deleted_at_field(model)?;
    let value = match default {
        Value::Object(m) if m.contains_key("Op.eq") => Value::Null,
        v => v,
    };
    let mut g = Gen::new(Some(model), *tz);
    let w = prepare_model_where(model, where_)?;
    let mut values = Map::new();
    values.insert(field, value);
    let mut o = opts.as_object().cloned().unwrap_or_default();
    o.insert("omitNull".into(), Value::Bool(false));
    update_query(
        &quote_table(model),
        Some(model),
        &values,
        &w,
        Some(&o),
        Vec::new(),
        &mut g,
    )
}

/// `Model.destroy` / instance `destroy` (hard): `DELETE FROM "Users" WHERE "name" = 'carol'`.
/// Options: `where`, `limit` (`DELETE … WHERE "id" IN (SELECT "id" … LIMIT n)`),
/// `truncate` (`TRUNCATE "Users"`, with `restartIdentity`, `cascade`).
pub fn delete(model: &ModelDef, opts: &Value, tz: &TzSpec) -> CoreResult<String> {
    let o = opts.as_object();
    let mut g = Gen::new(Some(model), *tz);
    let table = quote_table(model);
    if let Some(t) = truncate_sql(&table, o) {
        return Ok(t);
    }
    let w = match o.and_then(|m| m.get("where")) {
        Some(w) => prepare_model_where(model, w)?,
        None => Value::Null,
    };
    let cond = get_where_conditions(&w, None, Some(model), &mut g, false)?;
    let limit = o.and_then(|m| m.get("limit")).filter(|v| js_truthy(v));
    let where_sql = if cond.is_empty() {
        String::new()
    } else {
        format!(" WHERE {cond}")
    };
    if let Some(limit) = limit {
        let pks: Vec<String> = model
            .primary_keys
            .iter()
            .map(|pk| qi(model.field_of(pk)))
            .collect();
        let sel = pks.join(",");
        let keys = if pks.len() > 1 {
            format!("({sel})")
        } else {
            sel.clone()
        };
        return Ok(format!(
            "DELETE FROM {table} WHERE {keys} IN (SELECT {sel} FROM {table}{where_sql} LIMIT {})",
            sql_escape(limit, &mut g)?
        ));
    }
    Ok(format!("DELETE FROM {table}{where_sql}"))
}

/// `Model.increment` / `decrement`:
/// `UPDATE "Users" SET "age"="age"+ 2,"updatedAt"='…' WHERE "id" = 1 RETURNING *`.
///
/// `fields_by`: attribute → amount (Sequelize: `{field: by}`, plus the
/// version attribute ±1); `extra_set`: attribute → value set as is (the
/// `updatedAt` timestamp unless `silent`), inlined without column type.
/// Options: `decrement` (bool: `-` instead of `+`), `returning` (default
/// true → `RETURNING *`; false; [names]).
pub fn increment(
    model: &ModelDef,
    fields_by: &Map<String, Value>,
    extra_set: &Map<String, Value>,
    where_: &Value,
    opts: &Value,
    tz: &TzSpec,
) -> CoreResult<String> {
    let o = opts.as_object();
    let mut g = Gen::new(Some(model), *tz);
    let op = if o.and_then(|m| m.get("decrement")).is_some_and(js_truthy) {
        "-"
    } else {
        "+"
    };
    let mut sets = Vec::with_capacity(fields_by.len() + extra_set.len());
    for (k, amount) in fields_by {
        let f = qi(&column_of(Some(model), k).0);
        sets.push(format!("{f}={f}{op} {}", sql_escape(amount, &mut g)?));
    }
    for (k, v) in extra_set {
        if model.omit_null && v.is_null() && !k.ends_with("Id") {
            continue;
        }
        let f = qi(&column_of(Some(model), k).0);
        sets.push(format!("{f}={}", sql_escape(v, &mut g)?));
    }
    let w = prepare_model_where(model, where_)?;
    // arithmeticQuery calls whereQuery(where) without options: no model.
    let cond = items_query(&w, &Wo::plain(), &mut g, " AND ")?;
    let where_sql = if cond.is_empty() {
        String::new()
    } else {
        format!("WHERE {cond}")
    };
    let returning = match o.and_then(|m| m.get("returning")) {
        Some(Value::Bool(false)) => String::new(),
        Some(Value::Array(a)) => {
            let fields: Vec<String> = a
                .iter()
                .filter_map(Value::as_str)
                .map(|n| column_of(Some(model), n).0)
                .collect();
            format!(
                "RETURNING {}",
                if fields.is_empty() {
                    "*".into()
                } else {
                    quote_list(&fields)
                }
            )
        }
        Some(v) if !js_truthy(v) => String::new(),
        _ => "RETURNING *".into(),
    };
    let table = quote_table(model);
    let set = sets.join(",");
    Ok(join_fragments(&[
        "UPDATE", &table, "SET", &set, "", &where_sql, &returning,
    ]))
}

/// QueryInterface `bulkInsert(table, rows, {returning})`: no model, keys are
/// columns, values inlined without column types; `returning: true` → `RETURNING *`.
pub fn bulk_insert_table(
    table: &TableRef,
    rows: &InsertRows,
    opts: &Value,
    tz: &TzSpec,
) -> CoreResult<Stmt> {
    let o = opts.as_object();
    let mut g = Gen::new(None, *tz);
    let returning = returning_fields(None, o.and_then(|m| m.get("returning")), false);
    bulk_insert_query(&table.quoted(), None, rows, o, "", returning, &mut g)
}

/// QueryInterface `bulkUpdate(table, values, where)`:
/// `UPDATE "qi_t" SET "years"=$1 WHERE "name" = $2`.
pub fn bulk_update_table(
    table: &TableRef,
    values: &Map<String, Value>,
    where_: &Value,
    opts: &Value,
    tz: &TzSpec,
) -> CoreResult<Stmt> {
    let o = opts.as_object();
    let mut g = Gen::new(None, *tz);
    let w = prepare(None, where_)?;
    let returning = returning_fields(None, o.and_then(|m| m.get("returning")), false);
    update_query(&table.quoted(), None, values, &w, o, returning, &mut g)
}

/// QueryInterface `bulkDelete(table, where, {truncate, cascade, restartIdentity})`:
/// `DELETE FROM "qi_t" WHERE "name" = 'b'`.
pub fn bulk_delete_table(
    table: &TableRef,
    where_: &Value,
    opts: &Value,
    tz: &TzSpec,
) -> CoreResult<String> {
    let o = opts.as_object();
    let quoted = table.quoted();
    if let Some(t) = truncate_sql(&quoted, o) {
        return Ok(t);
    }
    if o.and_then(|m| m.get("limit")).is_some_and(js_truthy) {
        return Err(CoreError::invalid("Cannot LIMIT delete without a model."));
    }
    let mut g = Gen::new(None, *tz);
    let w = prepare(None, where_)?;
    let cond = get_where_conditions(&w, None, None, &mut g, false)?;
    Ok(if cond.is_empty() {
        format!("DELETE FROM {quoted}")
    } else {
        format!("DELETE FROM {quoted} WHERE {cond}")
    })
}

// ------------------------------------------------------------------ internals

/// (column, attribute) for a value key: an attribute name, else a column
/// name of an attribute, else the key itself.
pub(super) fn column_of<'m>(
    model: Option<&'m ModelDef>,
    key: &str,
) -> (String, Option<&'m AttributeDef>) {
    let Some(m) = model else {
        return (key.to_string(), None);
    };
    if let Some(a) = m.attribute(key) {
        let f = if a.field.is_empty() {
            &a.name
        } else {
            &a.field
        };
        return (f.clone(), Some(a));
    }
    if let Some(a) = m.attribute_by_field(key) {
        return (key.to_string(), Some(a));
    }
    (key.to_string(), None)
}

fn name_list(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn quote_list(fields: &[String]) -> String {
    fields.iter().map(|f| qi(f)).collect::<Vec<_>>().join(",")
}

fn excluded_list(fields: &[String]) -> String {
    fields
        .iter()
        .map(|f| format!("{}=EXCLUDED.{}", qi(f), qi(f)))
        .collect::<Vec<_>>()
        .join(",")
}

/// `generateReturnValues`: quoted column names (empty = no RETURNING).
/// `true` lists every non-virtual column of the model (`*` without a model).
pub(super) fn returning_fields(
    model: Option<&ModelDef>,
    v: Option<&Value>,
    default: bool,
) -> Vec<String> {
    let on = match v {
        None => default,
        Some(Value::Array(a)) => {
            let fields: Vec<String> = a
                .iter()
                .filter_map(Value::as_str)
                .map(|n| qi(&column_of(model, n).0))
                .collect();
            return if fields.is_empty() {
                vec!["*".into()]
            } else {
                fields
            };
        }
        Some(x) => js_truthy(x),
    };
    if !on {
        return Vec::new();
    }
    match model {
        Some(m) => {
            let fields: Vec<String> = m
                .columns()
                .map(|a| {
                    qi(if a.field.is_empty() {
                        &a.name
                    } else {
                        &a.field
                    })
                })
                .collect();
            if fields.is_empty() {
                vec!["*".into()]
            } else {
                fields
            }
        }
        None => vec!["*".into()],
    }
}

pub(super) fn returning_fragment(fields: &[String]) -> String {
    if fields.is_empty() {
        String::new()
    } else {
        format!(" RETURNING {}", fields.join(","))
    }
}

/// `insertQuery`.
fn insert_query(
    table: &str,
    model: Option<&ModelDef>,
    values: &Map<String, Value>,
    o: Option<&Map<String, Value>>,
    returning: Vec<String>,
    on_conflict: Option<String>,
    g: &mut Gen<'_>,
) -> CoreResult<Stmt> {
    let exception = o.and_then(|m| m.get("exception")).filter(|v| js_truthy(v));
    let bind =
        exception.is_none() && o.and_then(|m| m.get("bindParam")) != Some(&Value::Bool(false));
    let omit_null = model.is_some_and(|m| m.omit_null)
        && o.and_then(|m| m.get("omitNull")) != Some(&Value::Bool(false));
    let mut fields = Vec::with_capacity(values.len());
    let mut vals = Vec::with_capacity(values.len());
    for (k, v) in values {
        if omit_null && v.is_null() && !k.ends_with("Id") {
            continue;
        }
        let (field, attr) = column_of(model, k);
        fields.push(qi(&field));
        if attr.is_some_and(|a| a.auto_increment) && v.is_null() {
            vals.push("DEFAULT".to_string());
        } else if as_node(v).is_some() || !bind {
            vals.push(escape_typed(v, ColType::of(attr), g)?);
        } else {
            vals.push(bind_typed(v, ColType::of(attr), g)?);
        }
    }
    let on_conflict = on_conflict.unwrap_or_default();
    let do_nothing = if o
        .and_then(|m| m.get("ignoreDuplicates"))
        .is_some_and(js_truthy)
    {
        " ON CONFLICT DO NOTHING"
    } else {
        ""
    };
    let mut sql = if fields.is_empty() {
        format!("INSERT INTO {table}{on_conflict}{do_nothing} DEFAULT VALUES")
    } else {
        format!(
            "INSERT INTO {table} ({}) VALUES ({}){on_conflict}{do_nothing}",
            fields.join(","),
            vals.join(",")
        )
    };
    if let Some(id) = exception {
        let id = match id {
            Value::String(s)
                if !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') =>
            {
                s.clone()
            }
            _ => random_hex(),
        };
        let delimiter = format!("$func_{id}$");
        let ret = if returning.is_empty() {
            vec!["*".to_string()]
        } else {
            returning
        };
        let select = format!(
            "SELECT (testfunc.response).{}, testfunc.sequelize_caught_exception FROM pg_temp.testfunc();",
            ret.join(", (testfunc.response).")
        );
        sql = format!(
            "CREATE OR REPLACE FUNCTION pg_temp.testfunc(OUT response {table}, OUT sequelize_caught_exception text) RETURNS RECORD AS {delimiter} BEGIN {sql} RETURNING * INTO response; EXCEPTION WHEN unique_violation THEN GET STACKED DIAGNOSTICS sequelize_caught_exception = PG_EXCEPTION_DETAIL; END {delimiter} LANGUAGE plpgsql; {select} DROP FUNCTION IF EXISTS pg_temp.testfunc()"
        );
    } else {
        sql.push_str(&returning_fragment(&returning));
    }
    sql.push(';');
    Ok(Stmt {
        sql,
        bind: std::mem::take(&mut g.binds),
    })
}

/// 32 hex digits for the findOrCreate function delimiter.
fn random_hex() -> String {
    let mut out = String::with_capacity(32);
    for i in 0..2u64 {
        let mut h = RandomState::new().build_hasher();
        h.write_u64(i);
        if let Ok(d) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
            h.write_u128(d.as_nanos());
        }
        out.push_str(&format!("{:016x}", h.finish()));
    }
    out
}

/// The rows of a bulk INSERT: the keys (attribute names, or column names
/// without a model) in first-appearance order and, per row, its values in
/// that order. A value missing at the end of a row is NULL, as a missing key
/// is for Sequelize (`DEFAULT` for an autoIncrement column).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct InsertRows {
    pub keys: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

impl InsertRows {
    /// Rows given as objects (each its own keys).
    pub fn from_maps(maps: Vec<Map<String, Value>>) -> Self {
        let mut keys: Vec<String> = Vec::new();
        let mut rows = Vec::with_capacity(maps.len());
        for map in maps {
            let mut row = vec![Value::Null; keys.len()];
            for (k, v) in map {
                let i = match keys.iter().position(|x| *x == k) {
                    Some(i) => i,
                    None => {
                        keys.push(k);
                        keys.len() - 1
                    }
                };
                if i >= row.len() {
                    row.resize(i + 1, Value::Null);
                }
                row[i] = v;
            }
            rows.push(row);
        }
        InsertRows { keys, rows }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

impl From<&[Map<String, Value>]> for InsertRows {
    fn from(maps: &[Map<String, Value>]) -> Self {
        InsertRows::from_maps(maps.to_vec())
    }
}

/// The INSERT's columns (keys mapped to fields, first-appearance order; keys
/// naming the same field share it, the later value winning) and, per row,
/// the value of each column (`None`: NULL).
#[allow(clippy::type_complexity)]
pub(super) fn row_matrix<'m, 'r>(
    model: Option<&'m ModelDef>,
    rows: &'r InsertRows,
) -> (
    Vec<(String, Option<&'m AttributeDef>)>,
    Vec<Vec<Option<&'r Value>>>,
) {
    let mut columns: Vec<(String, Option<&'m AttributeDef>)> = Vec::new();
    let mut column_of_key = Vec::with_capacity(rows.keys.len());
    for k in &rows.keys {
        let (field, attr) = column_of(model, k);
        let i = match columns.iter().position(|(f, _)| *f == field) {
            Some(i) => i,
            None => {
                columns.push((field, attr));
                columns.len() - 1
            }
        };
        column_of_key.push(i);
    }
    let width = columns.len();
    let matrix = rows
        .rows
        .iter()
        .map(|values| {
            let mut row = vec![None; width];
            for (j, v) in values.iter().enumerate() {
                if let Some(slot) = column_of_key.get(j).and_then(|&i| row.get_mut(i)) {
                    *slot = Some(v);
                }
            }
            row
        })
        .collect();
    (columns, matrix)
}

/// `bulkInsertQuery`.
fn bulk_insert_query(
    table: &str,
    model: Option<&ModelDef>,
    rows: &InsertRows,
    o: Option<&Map<String, Value>>,
    on_dup: &str,
    returning: Vec<String>,
    g: &mut Gen<'_>,
) -> CoreResult<Stmt> {
    if rows.is_empty() {
        return Err(CoreError::invalid("bulkInsert needs at least one row"));
    }
    let (columns, matrix) = row_matrix(model, rows);
    let mut tuples = String::new();
    for (i, row) in matrix.iter().enumerate() {
        if i > 0 {
            tuples.push(',');
        }
        tuples.push('(');
        for (j, ((_, attr), cell)) in columns.iter().zip(row).enumerate() {
            if j > 0 {
                tuples.push(',');
            }
            let v = cell.unwrap_or(&Value::Null);
            if attr.is_some_and(|a| a.auto_increment) && v.is_null() {
                tuples.push_str("DEFAULT");
            } else {
                // (Sequelize inlines a set autoIncrement value unescaped; it
                // is escaped here.)
                tuples.push_str(&escape_typed(v, ColType::of(*attr), g)?);
            }
        }
        tuples.push(')');
    }
    let cols = format!(
        "({})",
        columns
            .iter()
            .map(|(f, _)| qi(f))
            .collect::<Vec<_>>()
            .join(",")
    );
    let do_nothing = if o
        .and_then(|m| m.get("ignoreDuplicates"))
        .is_some_and(js_truthy)
    {
        "ON CONFLICT DO NOTHING"
    } else {
        ""
    };
    let ret = returning_fragment(&returning);
    let sql = join_fragments(&[
        "INSERT", "INTO", table, &cols, "VALUES", &tuples, on_dup, do_nothing, &ret, ";",
    ]);
    Ok(Stmt {
        sql,
        bind: Vec::new(),
    })
}

/// `updateQuery`.
fn update_query(
    table: &str,
    model: Option<&ModelDef>,
    values: &Map<String, Value>,
    where_: &Value,
    o: Option<&Map<String, Value>>,
    returning: Vec<String>,
    g: &mut Gen<'_>,
) -> CoreResult<Stmt> {
    let bind = o.and_then(|m| m.get("bindParam")) != Some(&Value::Bool(false));
    let omit_null = model.is_some_and(|m| m.omit_null)
        && o.and_then(|m| m.get("omitNull")) != Some(&Value::Bool(false));
    let mut sets = Vec::with_capacity(values.len());
    for (k, v) in values {
        if omit_null && v.is_null() && !k.ends_with("Id") {
            continue;
        }
        let (field, attr) = column_of(model, k);
        let val = if as_node(v).is_some() || !bind {
            escape_typed(v, ColType::of(attr), g)?
        } else {
            bind_typed(v, ColType::of(attr), g)?
        };
        sets.push(format!("{}={}", qi(&field), val));
    }
    if sets.is_empty() {
        return Ok(Stmt::default());
    }
    let wo = Wo {
        model,
        bind,
        ..Wo::plain()
    };
    let cond = items_query(where_, &wo, g, " AND ")?;
    let where_sql = if cond.is_empty() {
        String::new()
    } else {
        format!("WHERE {cond}")
    };
    let sql = format!(
        "UPDATE {table} SET {} {where_sql}{}",
        sets.join(","),
        returning_fragment(&returning)
    );
    Ok(Stmt {
        sql: sql.trim().to_string(),
        bind: std::mem::take(&mut g.binds),
    })
}

fn truncate_sql(table: &str, o: Option<&Map<String, Value>>) -> Option<String> {
    let get = |k: &str| o.and_then(|m| m.get(k)).is_some_and(js_truthy);
    if !get("truncate") {
        return None;
    }
    Some(format!(
        "TRUNCATE {table}{}{}",
        if get("restartIdentity") {
            " RESTART IDENTITY"
        } else {
            ""
        },
        if get("cascade") { " CASCADE" } else { "" }
    ))
}

/// `mapOptionFieldNames` on a where (plain objects only).
fn prepare_model_where(model: &ModelDef, w: &Value) -> CoreResult<Value> {
    match classify(w) {
        Val::Obj(_) | Val::JsonText(_) => prepare(Some(model), w),
        _ => prepare(None, w),
    }
}

/// The deletedAt column and the value meaning "not deleted" (its
/// defaultValue, else null).
fn deleted_at_field(model: &ModelDef) -> CoreResult<(String, Value)> {
    let Some(name) = model.deleted_at.as_deref() else {
        return Err(CoreError::invalid("Model is not paranoid"));
    };
    let attr = model.attribute(name);
    let field = attr
        .map(|a| a.field.as_str())
        .filter(|f| !f.is_empty())
        .unwrap_or(name)
        .to_string();
    let default = match attr.and_then(|a| a.default_value.as_ref()) {
        Some(DefaultDesc::Value { value }) => value.clone(),
        _ => Value::Null,
    };
    Ok((field, default))
}

/// `Model._paranoidClause` applied to a (mapped) where.
fn paranoid_clause(model: &ModelDef, w: Value) -> Value {
    if !model.paranoid {
        return w;
    }
    let Ok((field, default)) = deleted_at_field(model) else {
        return w;
    };
    let default = if js_truthy(&default) {
        default
    } else {
        serde_json::json!({ "Op.eq": null })
    };
    let mut obj = Map::new();
    obj.insert(field, default);
    let empty = match &w {
        Value::Object(m) => m.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    };
    if empty {
        return Value::Object(obj);
    }
    let mut m = Map::new();
    m.insert(
        Op::And.key().into(),
        Value::Array(vec![Value::Object(obj), w]),
    );
    Value::Object(m)
}

/// `conflictWhere`: `WHERE …` inlined, unqualified.
fn conflict_where(model: &ModelDef, w: &Value, g: &mut Gen<'_>) -> CoreResult<String> {
    let w = prepare(None, w)?;
    let wo = Wo {
        model: Some(model),
        ..Wo::plain()
    };
    let cond = items_query(&w, &wo, g, " AND ")?;
    Ok(if cond.is_empty() {
        String::new()
    } else {
        format!("WHERE {cond}")
    })
}

/// Unique keys as column lists, in definition order (`Model.uniqueKeys`).
fn unique_keys(model: &ModelDef) -> Vec<Vec<String>> {
    let mut keys: Vec<(String, Vec<String>)> = Vec::new();
    for a in &model.attributes {
        let name = match &a.unique {
            Some(UniqueDesc::Flag(true)) | Some(UniqueDesc::Object { name: None, .. }) => {
                format!("{}_{}_unique", model.table_name, a.name)
            }
            Some(UniqueDesc::Name(n)) | Some(UniqueDesc::Object { name: Some(n), .. }) => n.clone(),
            _ => continue,
        };
        let field = if a.field.is_empty() {
            a.name.clone()
        } else {
            a.field.clone()
        };
        match keys.iter_mut().find(|(n, _)| *n == name) {
            Some((_, fields)) => fields.push(field),
            None => keys.push((name, vec![field])),
        }
    }
    keys.into_iter().map(|(_, f)| f).collect()
}

fn pk_fields(model: &ModelDef) -> Vec<String> {
    model
        .primary_keys
        .iter()
        .map(|pk| model.field_of(pk).to_string())
        .collect()
}

/// `QueryInterface.upsert`'s choice of conflict target.
fn upsert_keys(model: &ModelDef, update_fields: &[String]) -> Vec<String> {
    let pks = pk_fields(model);
    let uniques = unique_keys(model);
    let indexes: Vec<Vec<String>> = model
        .indexes
        .iter()
        .filter(|i| i.unique && !i.fields.is_empty())
        .map(|i| i.fields.iter().map(|f| f.name.clone()).collect())
        .collect();
    let mut keys: Vec<String> = Vec::new();
    for f in update_fields {
        if let Some(u) = uniques.iter().find(|u| u.contains(f)) {
            keys = u.clone();
            break;
        }
        if let Some(i) = indexes.iter().find(|i| i.contains(f)) {
            keys = i.clone();
            break;
        }
    }
    if keys.is_empty() || update_fields.iter().any(|f| pks.contains(f)) {
        keys = pks;
    }
    let mut out: Vec<String> = Vec::with_capacity(keys.len());
    for k in keys {
        if !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

/// `bulkCreate`'s conflict target for `updateOnDuplicate`.
fn bulk_upsert_keys(model: &ModelDef) -> Vec<String> {
    let mut keys = Vec::new();
    for i in &model.indexes {
        if i.unique && i.where_sql.is_none() {
            keys.extend(i.fields.iter().map(|f| f.name.clone()));
        }
    }
    if let Some(first) = unique_keys(model).into_iter().find(|u| !u.is_empty()) {
        keys.extend(first);
    }
    if keys.is_empty() {
        pk_fields(model)
    } else {
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sql::testutil::{doc, map, t, user, where_m, D};
    use serde_json::json;

    #[test]
    fn insert_forms() {
        let u = user();
        let tz = TzSpec::default();
        let s = insert(
            &u,
            &map(json!({"id": null, "name": "a", "age": 3})),
            &json!({"bindParam": false, "returning": false}),
            &tz,
        )
        .unwrap();
        assert_eq!(
            s.sql,
            "INSERT INTO \"Users\" (\"id\",\"name\",\"age\") VALUES (DEFAULT,'a',3);"
        );
        assert!(s.bind.is_empty());
        let s = insert(&u, &map(json!({})), &json!({}), &tz).unwrap();
        assert_eq!(
            s.sql,
            "INSERT INTO \"Users\" DEFAULT VALUES RETURNING \"id\",\"name\",\"age\",\"email\",\"score\",\"big\",\"createdAt\",\"updatedAt\";"
        );
        // A JSON object value for a column without JSON type is sent as JSON text.
        let s = insert(
            &u,
            &map(json!({"name": {"$j": "{\"a\":1}"}})),
            &json!({"returning": false}),
            &tz,
        )
        .unwrap();
        assert_eq!(s.bind, vec![t("{\"a\":1}")]);
        // omitNull drops nulls (but not *Id keys).
        let mut o = u.clone();
        o.omit_null = true;
        let s = insert(
            &o,
            &map(json!({"name": "a", "age": null, "ownerId": null})),
            &json!({"returning": false}),
            &tz,
        )
        .unwrap();
        assert_eq!(
            s.sql,
            "INSERT INTO \"Users\" (\"name\",\"ownerId\") VALUES ($1,$2);"
        );
        // findOrCreate without a given id still gets a delimiter.
        let s = insert(
            &u,
            &map(json!({"name": "a"})),
            &json!({"exception": true, "returning": false}),
            &tz,
        )
        .unwrap();
        assert!(s.sql.starts_with("CREATE OR REPLACE FUNCTION pg_temp.testfunc(OUT response \"Users\", OUT sequelize_caught_exception text) RETURNS RECORD AS $func_"));
        assert!(s.sql.contains(
            "BEGIN INSERT INTO \"Users\" (\"name\") VALUES ('a') RETURNING * INTO response;"
        ));
        assert!(s.sql.ends_with("SELECT (testfunc.response).*, testfunc.sequelize_caught_exception FROM pg_temp.testfunc(); DROP FUNCTION IF EXISTS pg_temp.testfunc();"));
    }

    #[test]
    fn timezones() {
        let m = where_m();
        let tz = TzSpec::new(330).with_local(-480);
        let s = insert(
            &m,
            &map(json!({"dt": {"$d": D, "o": 330}, "donly": {"$d": D, "o": 330}})),
            &json!({"returning": false}),
            &tz,
        )
        .unwrap();
        // DATE in the Date's offset; DATEONLY in the process's local time (UTC-8).
        assert_eq!(
            s.bind,
            vec![t("2024-01-02 08:34:05.678 +05:30"), t("2024-01-01")]
        );
        let s = insert(
            &m,
            &map(json!({"dt": "2024-01-01"})),
            &json!({"returning": false}),
            &tz,
        )
        .unwrap();
        assert_eq!(s.bind, vec![t("2024-01-01 13:30:00.000 +05:30")]);
    }

    #[test]
    fn paranoid_helpers() {
        let tz = TzSpec::default();
        let u = user();
        assert_eq!(
            soft_delete(&u, &json!({}), &json!(null), &json!({}), &tz)
                .unwrap_err()
                .message,
            "Model is not paranoid"
        );
        let d = doc();
        let s = soft_delete(
            &d,
            &json!({"Op.or": [{"title": "a"}, {"id": 1}]}),
            &json!({"$d": D, "o": 0}),
            &json!({}),
            &tz,
        )
        .unwrap();
        assert_eq!(s.sql, "UPDATE \"Docs\" SET \"deletedAt\"=$1 WHERE (\"title\" = $2 OR \"id\" = $3) AND \"deletedAt\" IS NULL");
        // Instance save on a paranoid model: no deletedAt clause.
        let s = update(
            &d,
            &map(json!({"title": "b"})),
            &json!({"id": 3}),
            &json!({"paranoid": false}),
            &tz,
        )
        .unwrap();
        assert_eq!(s.sql, "UPDATE \"Docs\" SET \"title\"=$1 WHERE \"id\" = $2");
        assert_eq!(
            update(&d, &map(json!({})), &json!({"id": 3}), &json!({}), &tz).unwrap(),
            Stmt::default()
        );
    }

    #[test]
    fn insert_rows_from_objects_and_compact_rows_agree() {
        let u = user();
        let tz = TzSpec::default();
        let maps = vec![
            map(json!({"name": "a", "age": 1})),
            map(json!({"email": "e", "name": "b"})),
        ];
        let from_maps = InsertRows::from_maps(maps);
        assert_eq!(from_maps.keys, ["name", "age", "email"]);
        assert_eq!(
            from_maps.rows,
            vec![
                vec![json!("a"), json!(1)],
                vec![json!("b"), Value::Null, json!("e")]
            ]
        );
        // The facade's compact form: a short row ends in NULLs.
        let compact = InsertRows {
            keys: vec!["name".into(), "age".into(), "email".into()],
            rows: vec![
                vec![json!("a"), json!(1)],
                vec![json!("b"), json!(null), json!("e")],
            ],
        };
        for opts in [json!({}), json!({"returning": false})] {
            let a = bulk_insert(&u, &from_maps, &opts, &tz).unwrap_or_default();
            let b = bulk_insert(&u, &compact, &opts, &tz).unwrap_or_default();
            assert_eq!((&a.sql, &a.bind), (&b.sql, &b.bind));
            assert!(a.sql.contains("('a',1,NULL),('b',NULL,'e')"), "{}", a.sql);
            let a = super::super::unnest::bulk_insert_unnest(&u, &from_maps, &opts, &tz)
                .unwrap_or_default();
            let b = super::super::unnest::bulk_insert_unnest(&u, &compact, &opts, &tz)
                .unwrap_or_default();
            assert_eq!(a, b);
            assert!(a.is_some());
        }
    }

    #[test]
    fn query_interface() {
        let tz = TzSpec::default();
        let tref = TableRef {
            name: "t".into(),
            schema: Some("s".into()),
        };
        assert_eq!(
            bulk_delete_table(&tref, &json!({}), &json!({"limit": 1}), &tz)
                .unwrap_err()
                .message,
            "Cannot LIMIT delete without a model."
        );
        assert_eq!(
            bulk_delete_table(&tref, &json!({"a": [1, 2]}), &json!({}), &tz).unwrap(),
            "DELETE FROM \"s\".\"t\" WHERE \"a\" IN (1, 2)"
        );
        assert!(bulk_insert_table(&tref, &InsertRows::default(), &json!({}), &tz).is_err());
    }
}
