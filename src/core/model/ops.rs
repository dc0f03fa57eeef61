//! The model operations the facade asks for, by name: which generator builds
//! the statement and how the facade's payload maps onto its arguments. One
//! entry point per kind of request so the binding stays a thin dispatcher.

use serde_json::{Map, Value};

use crate::core::error::{CoreError, CoreResult};
use crate::core::model::ddl::{self, DescribedColumn, ForeignKeyRef, TableRef};
use crate::core::model::def::{AttributeDef, IndexDef, ModelDef};
use crate::core::sql::{self, Stmt, TzSpec};

fn field<'a>(v: &'a Value, key: &str) -> &'a Value {
    v.get(key).unwrap_or(&Value::Null)
}

fn map_of(v: &Value, key: &str) -> Map<String, Value> {
    v.get(key)
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

fn flag(v: &Value, key: &str) -> bool {
    v.get(key).and_then(Value::as_bool).unwrap_or(false)
}

fn string(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

fn opts(pairs: &[(&str, Value)]) -> Value {
    let mut m = Map::new();
    for (k, v) in pairs {
        if !v.is_null() {
            m.insert((*k).to_string(), v.clone());
        }
    }
    Value::Object(m)
}

/// The time zone of a request: the `timezone` option's offset and the
/// process's local offset (sent by the facade as `localOffset`).
pub fn tz_of(payload: &Value, offset_minutes: i32) -> TzSpec {
    let local = payload
        .get("localOffset")
        .and_then(Value::as_i64)
        .and_then(|v| i32::try_from(v).ok())
        .unwrap_or(0);
    TzSpec::new(offset_minutes).with_local(local)
}

/// Moves the rows (objects) out of a payload (no copy of 10k rows).
fn take_rows(p: &mut Value) -> sql::InsertRows {
    let rows = match p.get_mut("rows").map(Value::take) {
        Some(Value::Array(rows)) => rows,
        _ => Vec::new(),
    };
    sql::InsertRows::from_maps(
        rows.into_iter()
            .filter_map(|r| match r {
                Value::Object(m) => Some(m),
                _ => None,
            })
            .collect(),
    )
}

fn bulk_options(p: &Value) -> Value {
    opts(&[
        ("returning", field(p, "returning").clone()),
        ("ignoreDuplicates", field(p, "ignoreDuplicates").clone()),
        ("updateOnDuplicate", field(p, "updateOnDuplicate").clone()),
        ("conflictAttributes", field(p, "conflictAttributes").clone()),
    ])
}

/// `bulkCreate`'s INSERT for rows given as typed columns (options in the
/// payload as for `bulkInsert`): the unnest form, else Sequelize's VALUES.
/// `binary_arrays`: columns that can go as binary arrays do (when the
/// parameters are not logged, whose text literals then show what is sent).
pub fn bulk_insert_columns(
    model: &ModelDef,
    rows: &sql::ColumnarRows,
    p: &Value,
    tz: &TzSpec,
    binary_arrays: bool,
) -> CoreResult<Stmt> {
    let o = bulk_options(p);
    match sql::bulk_insert_unnest_columns(model, rows, &o, tz, binary_arrays)? {
        Some(stmt) => Ok(stmt),
        None => sql::bulk_insert(model, &rows.to_insert_rows(), &o, tz),
    }
}

/// A data statement for a model (`select`, `insert`, `update`, …).
pub fn model_stmt(kind: &str, model: &ModelDef, p: &Value, tz: &TzSpec) -> CoreResult<Stmt> {
    let plain = |sql: String| Stmt {
        sql,
        bind: Vec::new(),
    };
    match kind {
        "select" => Ok(plain(sql::select(model, p, tz)?)),
        "count" => Ok(plain(sql::count(model, p, tz)?)),
        "aggregate" => {
            let f = string(p, "fn").unwrap_or_else(|| "count".into());
            let column = string(p, "field").unwrap_or_else(|| "*".into());
            Ok(plain(sql::aggregate(model, &f, &column, p, tz)?))
        }
        "insert" => sql::insert(
            model,
            &map_of(p, "values"),
            &opts(&[("returning", field(p, "returning").clone())]),
            tz,
        ),
        "update" | "updateInstance" => {
            let paranoid = kind == "update" && p.get("paranoid") != Some(&Value::Bool(false));
            sql::update(
                model,
                &map_of(p, "values"),
                field(p, "where"),
                &opts(&[
                    ("paranoid", Value::Bool(paranoid)),
                    ("returning", field(p, "returning").clone()),
                ]),
                tz,
            )
        }
        "softDelete" => {
            let deleted_at = model
                .deleted_at
                .as_deref()
                .and_then(|a| p.get("values").and_then(|v| v.get(a)))
                .cloned()
                .unwrap_or(Value::Null);
            sql::soft_delete(model, field(p, "where"), &deleted_at, &Value::Null, tz)
        }
        "restore" => sql::restore(model, field(p, "where"), &Value::Null, tz),
        "delete" | "deleteInstance" => Ok(plain(sql::delete(
            model,
            &opts(&[
                ("where", field(p, "where").clone()),
                ("limit", field(p, "limit").clone()),
            ]),
            tz,
        )?)),
        "upsert" => sql::upsert(
            model,
            &map_of(p, "values"),
            &opts(&[
                ("updateOnDuplicate", field(p, "updateFields").clone()),
                ("conflictFields", field(p, "conflictFields").clone()),
                ("returning", field(p, "returning").clone()),
            ]),
            tz,
        ),
        "increment" => Ok(plain(sql::increment(
            model,
            &map_of(p, "by"),
            &map_of(p, "extra"),
            field(p, "where"),
            &opts(&[
                ("decrement", Value::Bool(flag(p, "subtract"))),
                ("returning", field(p, "returning").clone()),
            ]),
            tz,
        )?)),
        other => Err(CoreError::invalid(format!(
            "unknown model operation {other}"
        ))),
    }
}

/// A statement on a table without a model (QueryInterface bulk calls).
pub fn table_stmt(kind: &str, p: &mut Value, tz: &TzSpec) -> CoreResult<Stmt> {
    let table = sql::TableRef {
        name: string(p, "table").unwrap_or_default(),
        schema: string(p, "schema"),
    };
    match kind {
        "bulkInsert" => {
            let rows = take_rows(p);
            sql::bulk_insert_table(&table, &rows, p, tz)
        }
        "update" => sql::bulk_update_table(&table, &map_of(p, "values"), field(p, "where"), p, tz),
        "delete" => Ok(Stmt {
            sql: sql::bulk_delete_table(&table, field(p, "where"), p, tz)?,
            bind: Vec::new(),
        }),
        other => Err(CoreError::invalid(format!(
            "unknown table operation {other}"
        ))),
    }
}

fn described_columns(rows: &Value) -> Vec<DescribedColumn> {
    rows.as_array()
        .map(|rows| {
            rows.iter()
                .map(|r| DescribedColumn {
                    name: string(r, "Field").unwrap_or_default(),
                    type_sql: string(r, "Type").unwrap_or_default(),
                    allow_null: r.get("Null").and_then(Value::as_str) == Some("YES"),
                    default_value: string(r, "Default"),
                    primary_key: r.get("Constraint").and_then(Value::as_str) == Some("PRIMARY KEY"),
                })
                .collect()
        })
        .unwrap_or_default()
}

fn foreign_keys(rows: &Value) -> Vec<ForeignKeyRef> {
    rows.as_array()
        .map(|rows| {
            rows.iter()
                .filter_map(|r| serde_json::from_value(r.clone()).ok())
                .collect()
        })
        .unwrap_or_default()
}

/// DDL and catalog statements for a model's `sync`/`drop`/`truncate`, in the
/// order Sequelize sends them (see `ddl`'s module doc for the sequence).
pub fn model_ddl(
    kind: &str,
    model: &ModelDef,
    p: &Value,
    database: &str,
) -> CoreResult<Vec<String>> {
    let table = TableRef::of_model(model);
    let sync_opts = ddl::SyncDdlOptions {
        force: flag(p, "force"),
        without_foreign_key_constraints: false,
        table_comment: string(p, "comment"),
    };
    Ok(match kind {
        "tableExists" => vec![ddl::table_exists_sql(&table)],
        "dropTable" => {
            let mut out = vec![ddl::drop_table(&table, flag(p, "cascade"))];
            out.extend(ddl::drop_enums(model));
            out
        }
        "enumLookups" => ddl::enum_attributes(model)
            .iter()
            .map(|a| {
                let f = if a.field.is_empty() {
                    &a.name
                } else {
                    &a.field
                };
                ddl::enum_lookup_sql(Some(&table), Some(f))
            })
            .collect(),
        "ensureEnums" => {
            let existing: Vec<Option<Vec<String>>> = p
                .get("existing")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .map(|v| v.as_str().map(ddl::parse_enum_labels))
                        .collect()
                })
                .unwrap_or_default();
            let attrs: Vec<AttributeDef> = model.columns().cloned().collect();
            let mut out = ddl::ensure_enums(&table, &attrs, &existing, flag(p, "force"), true)?;
            if !out.is_empty() {
                out.push(ddl::OID_REFRESH_SQL.to_string());
            }
            out
        }
        "createTable" => vec![ddl::create_table_sql(model, &sync_opts)?],
        "describeTable" => vec![ddl::describe_table_sql(
            &model.table_name,
            model.schema.as_deref(),
        )],
        "foreignKeys" => vec![ddl::foreign_keys_sql(&table, Some(database))],
        "alter" => ddl::alter_statements(
            model,
            &described_columns(field(p, "described")),
            &foreign_keys(field(p, "foreignKeys")),
            database,
            p.get("drop") != Some(&Value::Bool(false)),
        )?,
        "showIndexes" => vec![ddl::show_indexes_sql(&table)],
        "missingIndexes" => {
            let existing: Vec<String> = p
                .get("existing")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            ddl::missing_index_statements(model, &existing)?
        }
        "truncate" => vec![ddl::truncate(
            &table,
            flag(p, "cascade"),
            flag(p, "restartIdentity"),
        )],
        other => return Err(CoreError::invalid(format!("unknown model DDL {other}"))),
    })
}

fn table_ref(p: &Value) -> TableRef {
    TableRef {
        table: string(p, "table").unwrap_or_default(),
        schema: string(p, "schema").filter(|s| !s.is_empty()),
    }
}

fn attribute(v: &Value) -> CoreResult<AttributeDef> {
    let mut a: AttributeDef = serde_json::from_value(v.clone())
        .map_err(|e| CoreError::invalid(format!("invalid attribute: {e}")))?;
    if a.field.is_empty() {
        a.field = a.name.clone();
    }
    Ok(a)
}

/// QueryInterface DDL (`createTable`, `addColumn`, …).
pub fn qi_ddl(kind: &str, p: &Value) -> CoreResult<Vec<String>> {
    let table = table_ref(p);
    Ok(match kind {
        "createTable" => {
            let attrs = p
                .get("attributes")
                .and_then(Value::as_array)
                .map(|a| a.iter().map(attribute).collect::<CoreResult<Vec<_>>>())
                .transpose()?
                .unwrap_or_default();
            let o: ddl::QiCreateTableOptions =
                serde_json::from_value(field(p, "options").clone()).unwrap_or_default();
            ddl::qi_create_table(&table, &attrs, &o)?
        }
        "dropTable" => vec![ddl::drop_table(&table, flag(p, "cascade"))],
        "renameTable" => {
            let before = p
                .get("before")
                .map(table_ref)
                .unwrap_or_else(|| TableRef::new(""));
            let after = p
                .get("after")
                .map(table_ref)
                .unwrap_or_else(|| TableRef::new(""));
            vec![ddl::rename_table(&before, &after)]
        }
        "showAllTables" => vec![ddl::show_all_tables_sql(string(p, "schema").as_deref())],
        "tableExists" => vec![ddl::table_exists_sql(&table)],
        "describeTable" => vec![ddl::describe_table_sql(
            &table.table,
            table.schema.as_deref(),
        )],
        "addColumn" => {
            let a = attribute(field(p, "attribute"))?;
            vec![ddl::add_column(&table, &a.field.clone(), &a)?]
        }
        "removeColumn" => vec![ddl::remove_column(
            &table,
            &string(p, "column").unwrap_or_default(),
        )],
        "changeColumn" => {
            let a = attribute(field(p, "attribute"))?;
            vec![ddl::change_column(&table, &a.field.clone(), &a)?]
        }
        "renameColumn" => vec![ddl::rename_column(
            &table,
            &string(p, "before").unwrap_or_default(),
            &string(p, "after").unwrap_or_default(),
        )],
        "addIndex" => {
            let index: IndexDef = serde_json::from_value(field(p, "index").clone())
                .map_err(|e| CoreError::invalid(format!("invalid index: {e}")))?;
            vec![ddl::add_index(&table, &index, None)?]
        }
        "removeIndex" => {
            let target = match (string(p, "name"), p.get("fields").and_then(Value::as_array)) {
                (Some(n), _) => ddl::IndexTarget::Name(n),
                (None, Some(f)) => ddl::IndexTarget::Fields(
                    f.iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect(),
                ),
                _ => {
                    return Err(CoreError::invalid(
                        "removeIndex needs an index name or fields",
                    ))
                }
            };
            vec![ddl::remove_index(
                &table.table,
                &target,
                flag(p, "concurrently"),
            )]
        }
        "showIndexes" => vec![ddl::show_indexes_sql(&table)],
        "addConstraint" => {
            let c: ddl::ConstraintDef = serde_json::from_value(p.clone())
                .map_err(|e| CoreError::invalid(format!("invalid constraint: {e}")))?;
            vec![ddl::add_constraint(&table, &c)?]
        }
        "removeConstraint" => vec![ddl::remove_constraint(
            &table,
            &string(p, "name").unwrap_or_default(),
        )],
        "createSchema" => vec![ddl::create_schema(
            &string(p, "schema").unwrap_or_default(),
            flag(p, "ifNotExists"),
        )],
        "dropSchema" => vec![ddl::drop_schema(&string(p, "schema").unwrap_or_default())],
        "showAllSchemas" => vec![ddl::show_all_schemas_sql()],
        other => {
            return Err(CoreError::invalid(format!(
                "unknown QueryInterface operation {other}"
            )))
        }
    })
}
