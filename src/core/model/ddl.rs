//! DDL exactly as Sequelize 6.37.8 sends it on PostgreSQL: `Model.sync()`
//! (`force`, `alter`), `Model.drop()`, `Model.truncate()`, index creation, and
//! the QueryInterface methods migrations use (`createTable`, `addColumn`,
//! `changeColumn`, `renameColumn`, `removeColumn`, `addIndex`, `removeIndex`,
//! `addConstraint`, `removeConstraint`, `dropTable`, `renameTable`, schemas),
//! plus the catalog queries Sequelize logs around them.
//!
//! Every statement is byte-identical to what Sequelize logs (after its
//! `sql.trim()`), and was checked against real Sequelize (see the tests). To
//! get there the column SQL goes through the same string pipeline as
//! Sequelize's `attributeToSQL` → `dataTypeMapping` → `createTableQuery` /
//! `changeColumnQuery` (`PRIMARY KEY`/`SERIAL`/`NOT NULL` removed by text
//! replacement, `COMMENT ` split off by `indexOf`, the `DEFAULT ([^;]+)`
//! regex, ...). That reproduces Sequelize's quirks too, deliberately:
//! - a string default containing `COMMENT ` is cut there (the rest becomes a
//!   column comment), one containing `;` breaks `changeColumn`;
//! - `changeColumn` of a column with both a default and `unique: true` (or
//!   `references`) sends `SET DEFAULT 5 UNIQUE` (invalid SQL);
//! - `sync({alter})` re-adds `ADD UNIQUE` for unique columns on every run;
//! - `changeColumn` of an `ARRAY(ENUM)` casts with `USING ("c"::"enum")`
//!   (without `[]`, so PostgreSQL rejects it);
//! - `renameTable` with a schema on the new name gives `RENAME TO "s"."t"`.
//!
//! Deviations (only where Sequelize would splice unescaped text into SQL):
//! names interpolated into catalog queries (`t.relname = 'users'`) and enum
//! names are quoted with `'` doubled; for ordinary names the text is the same.
//!
//! # How `Model.sync()` uses these (what the facade runs, in order)
//! - `force`: [`drop_table`] (cascade), [`drop_enums`], then as below.
//! - not `force`: [`table_exists_sql`]; table present → skip creation.
//! - creation: one [`enum_lookup_sql`] per [`enum_attributes`] entry, then the
//!   statements of [`ensure_enums`] (fed with the lookups' `enum_value`s; run
//!   [`OID_REFRESH_SQL`] after them when there were any), then
//!   [`create_table_sql`]. ([`create_table`] gives enums + CREATE TABLE in one
//!   list for the no-lookup case.)
//! - table present: the enum lookups + [`ensure_enums`] with `has_model`
//!   (adds missing labels with `ALTER TYPE … ADD VALUE`); with `alter`:
//!   [`describe_table_sql`] and [`foreign_keys_sql`], then [`alter_statements`].
//! - always: [`show_indexes_sql`], then [`missing_index_statements`].

use serde::{Deserialize, Serialize};

use crate::core::error::{CoreError, CoreResult};
use crate::core::escape::{
    escape, format_date, js_number_to_string, quote_identifier_sequelize as q, quote_string,
};
use crate::core::model::def::{
    AttributeDef, DefaultDesc, IndexDef, ModelDef, TypeDesc, UniqueDesc,
};
use crate::core::model::inflect::underscore;
use crate::core::model::normalize::{js_key_order, name_index};
use crate::core::value::{from_tagged_json, SqlValue};

/// Logged by Sequelize (through `sequelize.query`) after it created or altered
/// enum types: the type-OID refresh.
pub const OID_REFRESH_SQL: &str = "WITH ranges AS (  SELECT pg_range.rngtypid, pg_type.typname AS rngtypname,         pg_type.typarray AS rngtyparray, pg_range.rngsubtype    FROM pg_range LEFT OUTER JOIN pg_type ON pg_type.oid = pg_range.rngtypid)SELECT pg_type.typname, pg_type.typtype, pg_type.oid, pg_type.typarray,       ranges.rngtypname, ranges.rngtypid, ranges.rngtyparray  FROM pg_type LEFT OUTER JOIN ranges ON pg_type.oid = ranges.rngsubtype WHERE (pg_type.typtype IN('b', 'e'));";

/// `queryInterface.showAllSchemas()`.
pub const SHOW_ALL_SCHEMAS_SQL: &str = "SELECT schema_name FROM information_schema.schemata WHERE schema_name <> 'information_schema' AND schema_name != 'public' AND schema_name !~ E'^pg_';";

// ---------------------------------------------------------------------------
// Tables

/// A table as Sequelize passes it around: a plain name (`schema` none), or the
/// `{tableName, schema}` object `Model.getTableName()` returns for a model
/// with a schema. An empty schema counts as none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TableRef {
    pub table: String,
    #[serde(default)]
    pub schema: Option<String>,
}

impl TableRef {
    pub fn new(table: impl Into<String>) -> Self {
        TableRef {
            table: table.into(),
            schema: None,
        }
    }

    pub fn with_schema(table: impl Into<String>, schema: impl Into<String>) -> Self {
        TableRef {
            table: table.into(),
            schema: Some(schema.into()),
        }
    }

    /// `Model.getTableName()`.
    pub fn of_model(model: &ModelDef) -> Self {
        TableRef {
            table: model.table_name.clone(),
            schema: model.schema.clone(),
        }
    }

    fn schema(&self) -> Option<&str> {
        self.schema.as_deref().filter(|s| !s.is_empty())
    }

    /// `extractTableDetails(t).schema`: the schema, else `public`.
    fn schema_or_public(&self) -> &str {
        self.schema().unwrap_or("public")
    }
}

/// `quoteTable(t)`: `"t"` or `"schema"."t"`.
pub fn quote_table(t: &TableRef) -> String {
    match t.schema() {
        Some(s) => format!("{}.{}", q(s), q(&t.table)),
        None => q(&t.table),
    }
}

/// `quoteTable(extractTableDetails(t))`: always schema-qualified (`"public"."t"`).
fn quote_table_qualified(t: &TableRef) -> String {
    format!("{}.{}", q(t.schema_or_public()), q(&t.table))
}

/// `typeof t === "string" ? quoteIdentifiers(t) : quoteTable(t)`.
fn quote_table_or_identifiers(t: &TableRef) -> String {
    match t.schema() {
        Some(_) => quote_table(t),
        None => quote_identifiers(&t.table),
    }
}

/// `quoteIdentifiers("a.b.c")` → `"a->b"."c"`; without a dot, `"a"`.
pub fn quote_identifiers(s: &str) -> String {
    match s.rfind('.') {
        Some(_) => {
            let parts: Vec<&str> = s.split('.').collect();
            let (tail, head) = parts.split_last().unwrap_or((&"", &[]));
            format!("{}.{}", q(&head.join("->")), q(tail))
        }
        None => q(s),
    }
}

/// A string literal for catalog queries where Sequelize interpolates raw
/// text (`'users'`); `'` is doubled for safety.
fn lit(s: &str) -> String {
    quote_string(s)
}

// ---------------------------------------------------------------------------
// Catalog / introspection queries

/// `queryInterface.tableExists()` (what `sync()` without `force` sends first).
pub fn table_exists_sql(table: &TableRef) -> String {
    format!(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = {} AND table_name = {}",
        lit(table.schema_or_public()),
        lit(&table.table)
    )
}

/// `queryInterface.showIndex()` (sent by every `sync()` after the table step).
pub fn show_indexes_sql(table: &TableRef) -> String {
    let (join, filter) = match table.schema() {
        Some(s) => (
            ", pg_namespace s".to_string(),
            format!(" AND s.oid = t.relnamespace AND s.nspname = {}", lit(s)),
        ),
        None => (String::new(), String::new()),
    };
    format!(
        "SELECT i.relname AS name, ix.indisprimary AS primary, ix.indisunique AS unique, ix.indkey AS indkey, array_agg(a.attnum) as column_indexes, array_agg(a.attname) AS column_names, pg_get_indexdef(ix.indexrelid) AS definition FROM pg_class t, pg_class i, pg_index ix, pg_attribute a{join} WHERE t.oid = ix.indrelid AND i.oid = ix.indexrelid AND a.attrelid = t.oid AND t.relkind = 'r' and t.relname = {}{filter} GROUP BY i.relname, ix.indexrelid, ix.indisprimary, ix.indisunique, ix.indkey ORDER BY i.relname;",
        lit(&table.table)
    )
}

/// `queryInterface.describeTable(table, schema)` (schema default `public`).
pub fn describe_table_sql(table: &str, schema: Option<&str>) -> String {
    let schema = schema.filter(|s| !s.is_empty()).unwrap_or("public");
    format!(
        "SELECT pk.constraint_type as \"Constraint\",c.column_name as \"Field\", c.column_default as \"Default\",c.is_nullable as \"Null\", (CASE WHEN c.udt_name = 'hstore' THEN c.udt_name ELSE c.data_type END) || (CASE WHEN c.character_maximum_length IS NOT NULL THEN '(' || c.character_maximum_length || ')' ELSE '' END) as \"Type\", (SELECT array_agg(e.enumlabel) FROM pg_catalog.pg_type t JOIN pg_catalog.pg_enum e ON t.oid=e.enumtypid WHERE t.typname=c.udt_name) AS \"special\", (SELECT pgd.description FROM pg_catalog.pg_statio_all_tables AS st INNER JOIN pg_catalog.pg_description pgd on (pgd.objoid=st.relid) WHERE c.ordinal_position=pgd.objsubid AND c.table_name=st.relname) AS \"Comment\" FROM information_schema.columns c LEFT JOIN (SELECT tc.table_schema, tc.table_name, cu.column_name, tc.constraint_type FROM information_schema.TABLE_CONSTRAINTS tc JOIN information_schema.KEY_COLUMN_USAGE  cu ON tc.table_schema=cu.table_schema and tc.table_name=cu.table_name and tc.constraint_name=cu.constraint_name and tc.constraint_type='PRIMARY KEY') pk ON pk.table_schema=c.table_schema AND pk.table_name=c.table_name AND pk.column_name=c.column_name WHERE c.table_name = {} AND c.table_schema = {}",
        lit(table),
        lit(schema)
    )
}

/// `queryInterface.getForeignKeyReferencesForTable(table)` (postgres): used by
/// `sync({alter})` and `sequelize.drop()`. `database` is the connection's
/// database (`tc.table_catalog`); the table's schema filters `tc.table_schema`.
pub fn foreign_keys_sql(table: &TableRef, database: Option<&str>) -> String {
    let mut sql = format!(
        "SELECT DISTINCT tc.constraint_name as constraint_name, tc.constraint_schema as constraint_schema, tc.constraint_catalog as constraint_catalog, tc.table_name as table_name,tc.table_schema as table_schema,tc.table_catalog as table_catalog,tc.initially_deferred as initially_deferred,tc.is_deferrable as is_deferrable,kcu.column_name as column_name,ccu.table_schema  AS referenced_table_schema,ccu.table_catalog  AS referenced_table_catalog,ccu.table_name  AS referenced_table_name,ccu.column_name AS referenced_column_name FROM information_schema.table_constraints AS tc JOIN information_schema.key_column_usage AS kcu ON tc.constraint_name = kcu.constraint_name JOIN information_schema.constraint_column_usage AS ccu ON ccu.constraint_name = tc.constraint_name WHERE constraint_type = 'FOREIGN KEY' AND tc.table_name = {}",
        lit(&table.table)
    );
    if let Some(db) = database.filter(|d| !d.is_empty()) {
        sql.push_str(&format!(" AND tc.table_catalog = {}", lit(db)));
    }
    if let Some(s) = table.schema() {
        sql.push_str(&format!(" AND tc.table_schema = {}", lit(s)));
    }
    sql
}

/// `queryGenerator.getForeignKeysQuery(table)` (`getForeignKeysForTables`,
/// used by `dropAllTables`).
pub fn foreign_key_names_sql(table: &str) -> String {
    format!(
        "SELECT conname as constraint_name, pg_catalog.pg_get_constraintdef(r.oid, true) as condef FROM pg_catalog.pg_constraint r WHERE r.conrelid = (SELECT oid FROM pg_class WHERE relname = {} LIMIT 1) AND r.contype = 'f' ORDER BY 1;",
        lit(table)
    )
}

/// `dropForeignKeyQuery` (`dropAllTables`).
pub fn drop_foreign_key_sql(table: &TableRef, constraint: &str) -> String {
    format!(
        "ALTER TABLE {} DROP CONSTRAINT {};",
        quote_table(table),
        q(constraint)
    )
}

/// `queryInterface.showAllTables()`; `schema` is the constructor's `schema`
/// option (default `public`).
pub fn show_all_tables_sql(schema: Option<&str>) -> String {
    format!(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = {} AND table_type LIKE '%TABLE' AND table_name != 'spatial_ref_sys';",
        lit(schema.filter(|s| !s.is_empty()).unwrap_or("public"))
    )
}

/// `queryInterface.showAllSchemas()`.
pub fn show_all_schemas_sql() -> String {
    SHOW_ALL_SCHEMAS_SQL.to_string()
}

/// `pgListEnums(table, field)`: the lookup of one enum type (what
/// `ensureEnums` sends per ENUM column), or of all enums of the table's
/// schema (`field` none) / of `public` (`table` none).
pub fn enum_lookup_sql(table: Option<&TableRef>, field: Option<&str>) -> String {
    let schema = table.map(|t| t.schema_or_public()).unwrap_or("public");
    let name = match (table, field) {
        (Some(t), Some(f)) => format!(" AND t.typname={}", lit(&enum_type_name(&t.table, f))),
        _ => String::new(),
    };
    format!(
        "SELECT t.typname enum_name, array_agg(e.enumlabel ORDER BY enumsortorder) enum_value FROM pg_type t JOIN pg_enum e ON t.oid = e.enumtypid JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = {}{name} GROUP BY 1",
        lit(schema)
    )
}

/// Parses the `enum_value` text of an enum lookup (`{a,b,"c d"}`) into labels.
/// (Sequelize's `fromArray` keeps backslash escapes inside quoted labels; this
/// unescapes them. Identical for labels without `"` or `\`.)
pub fn parse_enum_labels(text: &str) -> Vec<String> {
    let inner = text.strip_prefix('{').unwrap_or(text);
    let inner = inner.strip_suffix('}').unwrap_or(inner);
    let mut out = Vec::new();
    if inner.is_empty() {
        return out;
    }
    let mut chars = inner.chars().peekable();
    loop {
        let mut item = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => {
                        if let Some(n) = chars.next() {
                            item.push(n);
                        }
                    }
                    '"' => break,
                    _ => item.push(c),
                }
            }
            // skip to the separator
            for c in chars.by_ref() {
                if c == ',' {
                    break;
                }
            }
            out.push(item);
            if chars.peek().is_none() && !inner.ends_with(',') {
                break;
            }
        } else {
            let mut ended = true;
            for c in chars.by_ref() {
                if c == ',' {
                    ended = false;
                    break;
                }
                item.push(c);
            }
            out.push(item);
            if ended {
                break;
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Schemas, tables

/// `queryInterface.createSchema(name)`. Sequelize adds `IF NOT EXISTS` once
/// it knows the server version (after the first connection); before that
/// (e.g. `createSchema` as the very first call) it sends `CREATE SCHEMA "s";`.
pub fn create_schema(name: &str, if_not_exists: bool) -> String {
    if if_not_exists {
        format!("CREATE SCHEMA IF NOT EXISTS {};", q(name))
    } else {
        format!("CREATE SCHEMA {};", q(name))
    }
}

/// `queryInterface.dropSchema(name)` / `Model.dropSchema`.
pub fn drop_schema(name: &str) -> String {
    format!("DROP SCHEMA IF EXISTS {} CASCADE;", q(name))
}

/// `DROP TABLE IF EXISTS "t"[ CASCADE];` (`Model.drop`, `queryInterface.dropTable`;
/// `sync({force})` drops with CASCADE).
pub fn drop_table(table: &TableRef, cascade: bool) -> String {
    format!(
        "DROP TABLE IF EXISTS {}{};",
        quote_table(table),
        if cascade { " CASCADE" } else { "" }
    )
}

/// The enum drops that follow `Model.drop()` / `queryInterface.dropTable()` of a
/// model's table: `DROP TYPE IF EXISTS "public"."enum_<table>_<attribute name>";`
/// for each plain ENUM attribute. Sequelize names them by attribute name (not
/// field), skips `ARRAY(ENUM)`, and finds no model (so drops nothing) when the
/// model has a schema.
pub fn drop_enums(model: &ModelDef) -> Vec<String> {
    if model.schema.as_deref().is_some_and(|s| !s.is_empty()) {
        return Vec::new();
    }
    let table = TableRef::new(model.table_name.clone());
    model
        .attributes
        .iter()
        .filter(|a| is_key(&a.ty, "ENUM"))
        .map(|a| js_trim(&pg_enum_drop(&pg_enum_name(&table, &a.name, true))))
        .collect()
}

/// `queryInterface.dropEnum(name)`: `DROP TYPE IF EXISTS "name";`.
pub fn drop_enum(name: &str) -> String {
    // pgEscapeAndQuote: escape, strip the `'`, quoteIdentifier
    let escaped = quote_string(name);
    let bare: String = escaped.chars().filter(|&c| c != '\'').collect();
    js_trim(&pg_enum_drop(&q(&bare)))
}

/// `TRUNCATE "t"[ RESTART IDENTITY][ CASCADE]` (`Model.truncate`,
/// `destroy({truncate})`, `sequelize.truncate`).
pub fn truncate(table: &TableRef, cascade: bool, restart_identity: bool) -> String {
    format!(
        "TRUNCATE {}{}{}",
        quote_table(table),
        if restart_identity {
            " RESTART IDENTITY"
        } else {
            ""
        },
        if cascade { " CASCADE" } else { "" }
    )
}

/// `queryInterface.renameTable(before, after)`.
pub fn rename_table(before: &TableRef, after: &TableRef) -> String {
    format!(
        "ALTER TABLE {} RENAME TO {};",
        quote_table(before),
        quote_table(after)
    )
}

// ---------------------------------------------------------------------------
// Model sync

/// Options of a model's `sync()` that change the DDL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncDdlOptions {
    /// `sync({force: true})`: enum types are dropped before being created.
    pub force: bool,
    /// `withoutForeignKeyConstraints` (Sequelize's cyclic-reference sync):
    /// no `REFERENCES` clauses.
    pub without_foreign_key_constraints: bool,
    /// The model's `comment` option (not in `ModelDef`):
    /// `; COMMENT ON TABLE "t" IS '…'` after the CREATE TABLE.
    pub table_comment: Option<String>,
}

/// The attributes whose type needs a PostgreSQL enum type (`ENUM` or
/// `ARRAY(ENUM)`), in table order: one [`enum_lookup_sql`] each.
pub fn enum_attributes(model: &ModelDef) -> Vec<&AttributeDef> {
    model
        .columns()
        .filter(|a| enum_type_of(&a.ty).is_some())
        .collect()
}

/// The statements `createTable` sends for a model when none of its enum
/// types exists yet: the enum creations (`DROP TYPE IF EXISTS …; DO '…';`
/// with `force`), then `CREATE TABLE IF NOT EXISTS …`. Use [`ensure_enums`] +
/// [`create_table_sql`] when the enum lookups were run.
pub fn create_table(model: &ModelDef, opts: &SyncDdlOptions) -> CoreResult<Vec<String>> {
    let table = TableRef::of_model(model);
    let columns: Vec<AttributeDef> = model.columns().cloned().collect();
    let mut out = ensure_enums(&table, &columns, &[], opts.force, false)?;
    out.push(create_table_sql(model, opts)?);
    Ok(out)
}

/// `CREATE TABLE IF NOT EXISTS "users" ("id"   SERIAL , …, PRIMARY KEY ("id"));`
/// for a model, with column comments appended.
pub fn create_table_sql(model: &ModelDef, opts: &SyncDdlOptions) -> CoreResult<String> {
    let table = TableRef::of_model(model);
    let columns: Vec<&AttributeDef> = model.columns().collect();
    let attrs = attributes_to_sql(
        &columns,
        &table,
        Context::CreateTable,
        opts.without_foreign_key_constraints,
    )?;
    let uniques = model_unique_keys(model);
    Ok(create_table_query(
        &table,
        attrs,
        &uniques,
        opts.table_comment.as_deref().filter(|c| !c.is_empty()),
    ))
}

/// `ensureEnums(table, attributes, options, model)`: given the results of the
/// [`enum_lookup_sql`] queries (one per enum attribute of `attributes`, in
/// order: `None` when the type does not exist, else its labels), the
/// statements Sequelize sends: `DO 'BEGIN CREATE TYPE …'` for missing types
/// (preceded by `DROP TYPE IF EXISTS …;` with `force`), and — when called
/// for a model (`has_model`) — `ALTER TYPE … ADD VALUE IF NOT EXISTS 'v'
/// BEFORE/AFTER 'w'` for labels missing from existing types. Replicates
/// Sequelize's bookkeeping, including its quirk of not advancing to the next
/// lookup result after a missing type.
pub fn ensure_enums(
    table: &TableRef,
    attributes: &[AttributeDef],
    existing: &[Option<Vec<String>>],
    force: bool,
    has_model: bool,
) -> CoreResult<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    let mut enum_idx = 0usize;
    for attr in attributes {
        let Some(enum_ty) = enum_type_of(&attr.ty) else {
            continue;
        };
        let field = field_or_name(attr);
        match existing.get(enum_idx).and_then(|r| r.as_ref()) {
            None => {
                let values = enum_values_sql(&enum_ty.values)?;
                out.push(js_trim(&pg_enum(table, field, &values, force)));
            }
            Some(labels) if has_model => {
                let vals = &enum_ty.values;
                let mut last_old: Option<&str> = None;
                let mut rightest: Option<usize> = None;
                for old in labels {
                    last_old = Some(old.as_str());
                    let Some(new_idx) = vals.iter().position(|v| v == old) else {
                        continue;
                    };
                    let splice_at = out.len();
                    for before in vals.get(..new_idx).unwrap_or(&[]).iter().rev() {
                        if labels.contains(before) {
                            break;
                        }
                        out.insert(
                            splice_at,
                            pg_enum_add(table, field, before, Some(("BEFORE", old))),
                        );
                    }
                    if rightest.is_none_or(|r| new_idx > r) {
                        rightest = Some(new_idx);
                    }
                }
                if let Some(last) = last_old.filter(|l| !l.is_empty()) {
                    let start = rightest.map_or(0, |r| r + 1);
                    if start < vals.len() {
                        for v in vals.get(start..).unwrap_or(&[]).iter().rev() {
                            out.push(pg_enum_add(table, field, v, Some(("AFTER", last))));
                        }
                    }
                }
                enum_idx += 1;
            }
            Some(_) => {}
        }
    }
    Ok(out)
}

/// A column of `queryInterface.describeTable()`'s result, as far as
/// `sync({alter})` needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DescribedColumn {
    pub name: String,
    #[serde(default)]
    pub type_sql: String,
    #[serde(default)]
    pub allow_null: bool,
    #[serde(default)]
    pub default_value: Option<String>,
    #[serde(default)]
    pub primary_key: bool,
}

/// A row of [`foreign_keys_sql`] (Sequelize camelizes the column names).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ForeignKeyRef {
    pub constraint_name: Option<String>,
    pub table_catalog: Option<String>,
    pub table_schema: Option<String>,
    pub table_name: Option<String>,
    pub column_name: Option<String>,
    pub referenced_table_schema: Option<String>,
    pub referenced_table_name: Option<String>,
    pub referenced_column_name: Option<String>,
}

/// What `Model.sync({alter})` sends once the table exists, given its
/// description (columns in the order describeTable returned them) and its
/// foreign keys: `ADD COLUMN` for model columns missing from the table, then,
/// per existing column (unless `alter: {drop: false}`, which stops after the
/// additions): `DROP COLUMN` when the model has no such field, nothing for
/// primary keys, `DROP CONSTRAINT` for matching foreign keys of a
/// `references` column, and Sequelize's `changeColumn` SQL for every other
/// column (changed or not). `database` is the connection's database name.
pub fn alter_statements(
    model: &ModelDef,
    described: &[DescribedColumn],
    foreign_keys: &[ForeignKeyRef],
    database: &str,
    drop: bool,
) -> CoreResult<Vec<String>> {
    let table = TableRef::of_model(model);
    let described = js_key_order(described.to_vec(), |c| c.name.as_str());
    let has_column = |n: &str| described.iter().any(|c| c.name == n);
    let mut out = Vec::new();
    for attr in model.columns() {
        if !has_column(&attr.name) && !has_column(&attr.field) {
            out.push(add_column(&table, &attr.field, attr)?);
        }
    }
    if !drop {
        return Ok(out);
    }
    let mut removed: Vec<String> = Vec::new();
    for col in &described {
        let Some(current) = model.attribute_by_field(&col.name) else {
            out.push(remove_column(&table, &col.name));
            continue;
        };
        if current.primary_key {
            continue;
        }
        if let Some(r) = &current.references {
            // Sequelize compares `referencedTableName === references.model`: a
            // model with a schema is an object there and never matches.
            let schema_less = r.schema.as_deref().is_none_or(str::is_empty);
            for fk in foreign_keys {
                let Some(name) = fk.constraint_name.as_deref().filter(|n| !n.is_empty()) else {
                    continue;
                };
                if schema_less
                    && fk.table_catalog.as_deref() == Some(database)
                    && fk.referenced_table_name.as_deref() == Some(r.table.as_str())
                    && r.key.is_some()
                    && fk.referenced_column_name.as_deref() == r.key.as_deref()
                    && !removed.iter().any(|x| x == name)
                {
                    out.push(remove_constraint(&table, name));
                    removed.push(name.to_string());
                }
            }
        }
        out.push(change_column(&table, &col.name, current)?);
    }
    Ok(out)
}

/// The `CREATE INDEX` statements of a model's `indexes`, in the order `sync`
/// sends them (concurrent ones last).
pub fn create_indexes(model: &ModelDef) -> CoreResult<Vec<String>> {
    missing_index_statements(model, &[])
}

/// What `sync` sends after [`show_indexes_sql`]: the model's indexes whose
/// name is not among `existing` (the `name`s of the showIndex rows).
pub fn missing_index_statements(model: &ModelDef, existing: &[String]) -> CoreResult<Vec<String>> {
    let table = TableRef::of_model(model);
    let missing: Vec<IndexDef> = model
        .indexes
        .iter()
        .map(|i| name_index(i.clone(), &model.table_name))
        .filter(|i| {
            !existing
                .iter()
                .any(|e| Some(e.as_str()) == i.name.as_deref())
        })
        .collect();
    let (plain, concurrent): (Vec<IndexDef>, Vec<IndexDef>) =
        missing.into_iter().partition(|i| !i.concurrently);
    plain
        .iter()
        .chain(concurrent.iter())
        .map(|i| add_index(&table, i, None))
        .collect()
}

// ---------------------------------------------------------------------------
// QueryInterface DDL

/// Options of `queryInterface.createTable(table, attributes, options)`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct QiCreateTableOptions {
    pub schema: Option<String>,
    /// Table comment: `; COMMENT ON TABLE "t" IS '…'`.
    pub comment: Option<String>,
    /// `uniqueKeys: {name: {fields, customIndex}}` (table-level `UNIQUE (…)`).
    pub unique_keys: Vec<UniqueKeyDef>,
    pub force: bool,
    pub without_foreign_key_constraints: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UniqueKeyDef {
    pub name: Option<String>,
    pub fields: Vec<String>,
    /// Defaults to true (`customIndex === undefined` → true).
    pub custom_index: Option<bool>,
}

/// `queryInterface.createTable(table, attributes, options)` (no model): the
/// enum creations (assuming none of the types exists; see [`ensure_enums`]
/// with `has_model = false` otherwise) then `CREATE TABLE IF NOT EXISTS …`.
/// Attribute keys are `field` (when set) else `name`; as in Sequelize,
/// `unique: 'name'` on an attribute is ignored here (only `unique: true` and
/// `options.uniqueKeys` count).
pub fn qi_create_table(
    table: &TableRef,
    attributes: &[AttributeDef],
    opts: &QiCreateTableOptions,
) -> CoreResult<Vec<String>> {
    let table = TableRef {
        table: table.table.clone(),
        schema: table
            .schema()
            .map(str::to_string)
            .or_else(|| opts.schema.clone().filter(|s| !s.is_empty())),
    };
    let mut out = ensure_enums(&table, attributes, &[], opts.force, false)?;
    let refs: Vec<&AttributeDef> = attributes.iter().collect();
    let attrs = attributes_to_sql(
        &refs,
        &table,
        Context::CreateTable,
        opts.without_foreign_key_constraints,
    )?;
    let uniques: Vec<Vec<String>> = opts
        .unique_keys
        .iter()
        .filter(|u| u.custom_index != Some(false))
        .map(|u| u.fields.clone())
        .collect();
    out.push(create_table_query(
        &table,
        attrs,
        &uniques,
        opts.comment.as_deref().filter(|c| !c.is_empty()),
    ));
    Ok(out)
}

/// `queryInterface.addColumn(table, key, attribute)`:
/// `ALTER TABLE "public"."t" ADD COLUMN "k" <definition>;`, preceded by the
/// enum creation for ENUM / ARRAY(ENUM) columns.
pub fn add_column(table: &TableRef, key: &str, attr: &AttributeDef) -> CoreResult<String> {
    if table.table.is_empty() || key.is_empty() {
        return Err(CoreError::invalid(
            "addColumn takes at least 3 arguments (table, attribute name, attribute definition)",
        ));
    }
    let cx = AttrCtx {
        table,
        context: Context::AddColumn,
        key,
        without_fk: false,
    };
    let db_type = attribute_to_sql(attr, &cx)?;
    let definition = data_type_mapping(table, key, &db_type);
    let mut sql = format!(
        "ALTER TABLE {} ADD COLUMN {} {definition};",
        quote_table_qualified(table),
        q(key)
    );
    if let Some(enum_ty) = enum_type_of(&attr.ty) {
        let values = enum_values_sql(&enum_ty.values)?;
        sql = pg_enum(table, key, &values, false) + &sql;
    }
    Ok(js_trim(&sql))
}

/// `queryInterface.removeColumn(table, column)`.
pub fn remove_column(table: &TableRef, column: &str) -> String {
    format!(
        "ALTER TABLE {} DROP COLUMN {};",
        quote_table_qualified(table),
        q(column)
    )
}

/// `queryInterface.changeColumn(table, column, attribute)`: Sequelize's
/// `ALTER COLUMN … SET/DROP NOT NULL;… SET/DROP DEFAULT;… TYPE …;` string
/// (plus enum creation + `USING` cast, `ADD UNIQUE`, `ADD FOREIGN KEY`,
/// column comment), quirks included.
pub fn change_column(table: &TableRef, column: &str, attr: &AttributeDef) -> CoreResult<String> {
    let cx = AttrCtx {
        table,
        context: Context::ChangeColumn,
        key: column,
        without_fk: false,
    };
    let sql = attribute_to_sql(attr, &cx)?;
    let key = if attr.field.is_empty() {
        column
    } else {
        attr.field.as_str()
    };
    change_column_query(table, key, &sql).map(|s| js_trim(&s))
}

/// `queryInterface.renameColumn(table, before, after)` (Sequelize first runs
/// [`describe_table_sql`] to check the column exists).
pub fn rename_column(table: &TableRef, before: &str, after: &str) -> String {
    format!(
        "ALTER TABLE {} RENAME COLUMN {} TO {};",
        quote_table(table),
        q(before),
        q(after)
    )
}

/// `queryInterface.addIndex(table, fields | options, options, rawTablename)`:
/// `CREATE [UNIQUE] INDEX [CONCURRENTLY] "name" ON "t" [USING m] (…) [WHERE …]`.
/// Without a `name`, it is `underscore("<prefix>_<fields>")` where the prefix is
/// `index.prefix`, else `raw_table`, else the table name, with `.` → `_` and
/// quotes removed. Field names are used as given (Sequelize does not map
/// attribute names to columns here); `collate` and `operator` are honoured,
/// `length` is ignored on postgres. `where_sql` is the rendered condition
/// (with or without a leading `WHERE `).
pub fn add_index(
    table: &TableRef,
    index: &IndexDef,
    raw_table: Option<&str>,
) -> CoreResult<String> {
    let mut fields_sql = Vec::with_capacity(index.fields.len());
    for f in &index.fields {
        if let Some(raw) = &f.raw {
            fields_sql.push(raw.clone());
            continue;
        }
        if f.name.is_empty() {
            return Err(CoreError::invalid(
                "The following index field has no name: { name: '' }",
            ));
        }
        let mut s = q(&f.name);
        if let Some(c) = f.collate.as_deref().filter(|c| !c.is_empty()) {
            s.push_str(&format!(" COLLATE {}", q(c)));
        }
        let operator = f
            .operator
            .as_deref()
            .filter(|o| !o.is_empty())
            .or(index.operator.as_deref().filter(|o| !o.is_empty()));
        if let Some(op) = operator {
            s.push(' ');
            s.push_str(op);
        }
        if let Some(o) = f.order.as_deref().filter(|o| !o.is_empty()) {
            s.push(' ');
            s.push_str(o);
        }
        fields_sql.push(s);
    }
    let name = match index.name.as_deref() {
        Some(n) => n.to_string(),
        None => {
            let prefix = match (index.prefix.as_deref().filter(|p| !p.is_empty()), raw_table) {
                (Some(p), _) => sanitize_prefix(p),
                (None, Some(r)) if !r.is_empty() => sanitize_prefix(r),
                // an object table name (schema) is not sanitised
                _ if table.schema().is_some() => table.table.clone(),
                _ => sanitize_prefix(&table.table),
            };
            let fields: Vec<&str> = index
                .fields
                .iter()
                .map(|f| if f.raw.is_some() { "" } else { f.name.as_str() })
                .collect();
            underscore(&format!("{prefix}_{}", fields.join("_")))
        }
    };
    let mut parts: Vec<String> = vec!["CREATE".into()];
    if index.unique {
        parts.push("UNIQUE".into());
    }
    parts.push("INDEX".into());
    if index.concurrently {
        parts.push("CONCURRENTLY".into());
    }
    parts.push(quote_identifiers(&name));
    parts.push(format!("ON {}", quote_table_or_identifiers(table)));
    if let Some(u) = index.using.as_deref().filter(|u| !u.is_empty()) {
        parts.push(format!("USING {u}"));
    }
    parts.push(format!("({})", fields_sql.join(", ")));
    if let Some(w) = index.where_sql.as_deref().filter(|w| !w.is_empty()) {
        if w.starts_with("WHERE ") {
            parts.push(w.to_string());
        } else {
            parts.push(format!("WHERE {w}"));
        }
    }
    Ok(parts.join(" "))
}

fn sanitize_prefix(p: &str) -> String {
    p.chars()
        .filter(|&c| c != '"' && c != '\'')
        .map(|c| if c == '.' { '_' } else { c })
        .collect()
}

/// What `queryInterface.removeIndex` is given: an index name, or the fields
/// the default name was built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum IndexTarget {
    Name(String),
    Fields(Vec<String>),
}

/// `queryInterface.removeIndex(table, nameOrFields, {concurrently})`:
/// `DROP INDEX [CONCURRENTLY] IF EXISTS "name"` (fields → the default name
/// `underscore("<table>_<fields>")`).
pub fn remove_index(table: &str, target: &IndexTarget, concurrently: bool) -> String {
    let name = match target {
        IndexTarget::Name(n) => n.clone(),
        IndexTarget::Fields(f) => underscore(&format!("{table}_{}", f.join("_"))),
    };
    format!(
        "DROP INDEX {}IF EXISTS {}",
        if concurrently { "CONCURRENTLY " } else { "" },
        quote_identifiers(&name)
    )
}

/// `queryInterface.addConstraint(table, options)`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ConstraintDef {
    /// `UNIQUE`, `CHECK`, `PRIMARY KEY`, `FOREIGN KEY` (any case), `DEFAULT`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Field names (or raw expressions, `raw`).
    pub fields: Vec<crate::core::model::def::IndexField>,
    pub name: Option<String>,
    /// CHECK condition, already rendered (`"years" >= 0`).
    #[serde(rename = "where")]
    pub where_sql: Option<String>,
    pub references: Option<ConstraintReferences>,
    pub on_delete: Option<String>,
    pub on_update: Option<String>,
    /// `DEFERRABLE INITIALLY DEFERRED` etc.
    pub deferrable: Option<String>,
    /// Present for `DEFAULT` constraints (MSSQL only: always an error here).
    pub default_value: Option<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConstraintReferences {
    pub table: TableRef,
    #[serde(default)]
    pub field: Option<String>,
    #[serde(default)]
    pub fields: Vec<String>,
}

/// `ALTER TABLE "t" ADD CONSTRAINT "name" UNIQUE ("a");` and friends, with
/// Sequelize's default names (`<table>_<fields>_uk|_ck|_pk|_<ref table>_fk`)
/// and error messages.
pub fn add_constraint(table: &TableRef, c: &ConstraintDef) -> CoreResult<String> {
    if c.fields.is_empty() {
        return Err(CoreError::invalid(
            "Fields must be specified through options.fields",
        ));
    }
    let Some(kind) = c.kind.as_deref().filter(|k| !k.is_empty()) else {
        return Err(CoreError::invalid(
            "Constraint type must be specified through options.type",
        ));
    };
    let quoted_table = quote_table_or_identifiers(table);
    let mut fields_sql = Vec::with_capacity(c.fields.len());
    for f in &c.fields {
        if let Some(raw) = &f.raw {
            fields_sql.push(raw.clone());
        } else if f.name.is_empty() {
            return Err(CoreError::invalid(
                "The following index field has no name: [object Object]",
            ));
        } else {
            fields_sql.push(q(&f.name));
        }
    }
    let list = fields_sql.join(", ");
    let joined = fields_sql.join("_");
    let name_or = |suffix: &str| {
        q(&c.name
            .clone()
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| format!("{quoted_table}_{joined}_{suffix}")))
    };
    let upper = kind.to_uppercase();
    let mut snippet = match upper.as_str() {
        "UNIQUE" => format!("CONSTRAINT {} UNIQUE ({list})", name_or("uk")),
        "CHECK" => format!(
            "CONSTRAINT {} CHECK ({})",
            name_or("ck"),
            c.where_sql.as_deref().unwrap_or("")
        ),
        "DEFAULT" => {
            return Err(CoreError::invalid(if c.default_value.is_none() {
                "Default value must be specified for DEFAULT CONSTRAINT"
            } else {
                "Default constraints are supported only for MSSQL dialect."
            }))
        }
        "PRIMARY KEY" => format!("CONSTRAINT {} PRIMARY KEY ({list})", name_or("pk")),
        "FOREIGN KEY" => {
            let Some(r) = c.references.as_ref().filter(|r| {
                !r.table.table.is_empty() && (r.field.is_some() || !r.fields.is_empty())
            }) else {
                return Err(CoreError::invalid(
                    "references object with table and field must be specified",
                ));
            };
            let ref_table_name = if r.table.schema().is_some() {
                "[object Object]".to_string()
            } else {
                r.table.table.clone()
            };
            let name = q(&c
                .name
                .clone()
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| format!("{quoted_table}_{joined}_{ref_table_name}_fk")));
            let refs = match &r.field {
                Some(f) => q(f),
                None => r.fields.iter().map(|f| q(f)).collect::<Vec<_>>().join(", "),
            };
            let mut s = format!(
                "CONSTRAINT {name} FOREIGN KEY ({list}) REFERENCES {} ({refs})",
                quote_table(&r.table)
            );
            if let Some(u) = c.on_update.as_deref().filter(|u| !u.is_empty()) {
                s.push_str(&format!(" ON UPDATE {}", u.to_uppercase()));
            }
            if let Some(d) = c.on_delete.as_deref().filter(|d| !d.is_empty()) {
                s.push_str(&format!(" ON DELETE {}", d.to_uppercase()));
            }
            s
        }
        _ => return Err(CoreError::invalid(format!("{kind} is invalid."))),
    };
    if let Some(d) = c.deferrable.as_deref().filter(|d| !d.is_empty()) {
        if matches!(upper.as_str(), "UNIQUE" | "PRIMARY KEY" | "FOREIGN KEY") {
            snippet.push(' ');
            snippet.push_str(d);
        }
    }
    Ok(format!("ALTER TABLE {quoted_table} ADD {snippet};"))
}

/// `queryInterface.removeConstraint(table, name)`.
pub fn remove_constraint(table: &TableRef, name: &str) -> String {
    format!(
        "ALTER TABLE {} DROP CONSTRAINT {}",
        quote_table_or_identifiers(table),
        quote_identifiers(name)
    )
}

// ---------------------------------------------------------------------------
// attributeToSQL and friends

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    CreateTable,
    AddColumn,
    ChangeColumn,
}

struct AttrCtx<'a> {
    table: &'a TableRef,
    context: Context,
    /// The attribute key (`options.key`): comment target, enum name.
    key: &'a str,
    without_fk: bool,
}

fn field_or_name(a: &AttributeDef) -> &str {
    if a.field.is_empty() {
        &a.name
    } else {
        &a.field
    }
}

fn is_key(ty: &TypeDesc, key: &str) -> bool {
    ty.key.eq_ignore_ascii_case(key)
}

/// The ENUM type of an `ENUM` or `ARRAY(ENUM)` column.
fn enum_type_of(ty: &TypeDesc) -> Option<&TypeDesc> {
    if is_key(ty, "ENUM") {
        Some(ty)
    } else if is_key(ty, "ARRAY") {
        ty.element.as_deref().filter(|e| is_key(e, "ENUM"))
    } else {
        None
    }
}

/// `ENUM('a', 'b')`.
fn enum_values_sql(values: &[String]) -> CoreResult<String> {
    if values.is_empty() {
        return Err(CoreError::invalid("Values for ENUM haven't been defined."));
    }
    Ok(format!(
        "ENUM({})",
        values
            .iter()
            .map(|v| quote_string(v))
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

/// `attributesToSQL`: `(field || key, attributeToSQL(...))`, keeping the first
/// position of a repeated key like a JS object.
fn attributes_to_sql(
    attrs: &[&AttributeDef],
    table: &TableRef,
    context: Context,
    without_fk: bool,
) -> CoreResult<Vec<(String, String)>> {
    let mut out: Vec<(String, String)> = Vec::with_capacity(attrs.len());
    for a in attrs {
        let cx = AttrCtx {
            table,
            context,
            key: &a.name,
            without_fk,
        };
        let sql = attribute_to_sql(a, &cx)?;
        let key = field_or_name(a).to_string();
        if let Some(slot) = out.iter_mut().find(|(k, _)| *k == key) {
            slot.1 = sql;
        } else {
            out.push((key, sql));
        }
    }
    Ok(js_key_order(out, |(k, _)| k.as_str()))
}

/// Sequelize's postgres `attributeToSQL`.
fn attribute_to_sql(attr: &AttributeDef, cx: &AttrCtx<'_>) -> CoreResult<String> {
    let mut sql = match enum_type_of(&attr.ty) {
        Some(e) => {
            let mut t = enum_values_sql(&e.values)?;
            if is_key(&attr.ty, "ARRAY") {
                t.push_str("[]");
            }
            t
        }
        None => attr.ty.sql.clone(),
    };
    if !attr.allow_null {
        sql.push_str(" NOT NULL");
    }
    if attr.auto_increment {
        sql.push_str(if attr.auto_increment_identity {
            " GENERATED BY DEFAULT AS IDENTITY"
        } else {
            " SERIAL"
        });
    }
    match &attr.default_value {
        Some(DefaultDesc::Value { value }) => {
            sql.push_str(" DEFAULT ");
            sql.push_str(&default_literal(
                &attr.ty,
                value,
                cx.table,
                field_or_name(attr),
            )?);
        }
        Some(DefaultDesc::Raw { sql: raw }) => {
            sql.push_str(" DEFAULT ");
            sql.push_str(raw);
        }
        Some(DefaultDesc::Js) | None => {}
    }
    if attr.unique == Some(UniqueDesc::Flag(true)) {
        sql.push_str(" UNIQUE");
    }
    if attr.primary_key {
        sql.push_str(" PRIMARY KEY");
    }
    if let Some(r) = &attr.references {
        let ref_table = match (
            r.schema.as_deref().filter(|s| !s.is_empty()),
            cx.table.schema(),
        ) {
            (Some(s), _) => format!("{}.{}", q(s), q(&r.table)),
            // a string model inherits the referencing table's schema
            (None, Some(s)) => format!("{}.{}", q(s), q(&r.table)),
            (None, None) => q(&r.table),
        };
        if !cx.without_fk {
            let key = match r.key.as_deref() {
                Some(k) => quote_identifiers(k),
                None => q("id"),
            };
            sql.push_str(&format!(" REFERENCES {ref_table} ({key})"));
            if let Some(d) = attr.on_delete.as_deref().filter(|d| !d.is_empty()) {
                sql.push_str(&format!(" ON DELETE {}", d.to_uppercase()));
            }
            if let Some(u) = attr.on_update.as_deref().filter(|u| !u.is_empty()) {
                sql.push_str(&format!(" ON UPDATE {}", u.to_uppercase()));
            }
            if let Some(d) = r.deferrable.as_deref().filter(|d| !d.is_empty()) {
                sql.push(' ');
                sql.push_str(d);
            }
        }
    }
    if let Some(c) = attr.comment.as_deref().filter(|c| !c.is_empty()) {
        match cx.context {
            Context::AddColumn | Context::ChangeColumn => sql.push_str(&format!(
                "; COMMENT ON COLUMN {}.{} IS {}",
                quote_table(cx.table),
                q(cx.key),
                quote_string(c)
            )),
            Context::CreateTable => {
                sql.push_str(" COMMENT ");
                sql.push_str(c);
            }
        }
    }
    Ok(sql)
}

/// `createTableQuery(table, attributes, {uniqueKeys, comment})`.
fn create_table_query(
    table: &TableRef,
    attrs: Vec<(String, String)>,
    unique_keys: &[Vec<String>],
    table_comment: Option<&str>,
) -> String {
    let quoted_table = quote_table(table);
    let mut comments = String::new();
    if let Some(c) = table_comment {
        comments.push_str(&format!(
            "; COMMENT ON TABLE {quoted_table} IS {}",
            quote_string(c)
        ));
    }
    let mut column_comments = String::new();
    let mut parts = Vec::with_capacity(attrs.len());
    let mut pks = Vec::new();
    for (key, mut sql) in attrs {
        let quoted = q(&key);
        if let Some(i) = sql.find("COMMENT ") {
            let text = sql.get(i + 8..).unwrap_or("").to_string();
            column_comments.push_str(&format!(
                "; COMMENT ON COLUMN {quoted_table}.{quoted} IS {}",
                quote_string(&text)
            ));
            sql.truncate(i);
        }
        if sql.contains("PRIMARY KEY") {
            pks.push(quoted.clone());
        }
        let data_type = data_type_mapping(table, &key, &sql);
        parts.push(format!("{quoted} {data_type}"));
    }
    let mut clause = parts.join(", ");
    for fields in unique_keys {
        clause.push_str(&format!(
            ", UNIQUE ({})",
            fields.iter().map(|f| q(f)).collect::<Vec<_>>().join(", ")
        ));
    }
    if !pks.is_empty() {
        clause.push_str(&format!(", PRIMARY KEY ({})", pks.join(",")));
    }
    format!("CREATE TABLE IF NOT EXISTS {quoted_table} ({clause}){comments}{column_comments};")
}

/// The model's `uniqueKeys` with `customIndex` (everything but `unique: true`),
/// as column lists, in Sequelize's order.
fn model_unique_keys(model: &ModelDef) -> Vec<Vec<String>> {
    let mut keys: Vec<(String, Vec<String>, bool)> = Vec::new();
    for a in &model.attributes {
        let (name, custom) = match &a.unique {
            None | Some(UniqueDesc::Flag(false)) => continue,
            Some(UniqueDesc::Flag(true)) => {
                (format!("{}_{}_unique", model.table_name, a.name), false)
            }
            Some(UniqueDesc::Name(n)) if n.is_empty() => continue,
            Some(UniqueDesc::Name(n)) => (n.clone(), true),
            Some(UniqueDesc::Object { name, .. }) => (
                name.clone()
                    .unwrap_or_else(|| format!("{}_{}_unique", model.table_name, a.name)),
                true,
            ),
        };
        if let Some(k) = keys.iter_mut().find(|k| k.0 == name) {
            k.1.push(a.field.clone());
            k.2 = custom;
        } else {
            keys.push((name, vec![a.field.clone()], custom));
        }
    }
    js_key_order(keys, |k| k.0.as_str())
        .into_iter()
        .filter(|k| k.2)
        .map(|k| k.1)
        .collect()
}

/// `dataTypeMapping(table, attr, dataType)`.
fn data_type_mapping(table: &TableRef, attr: &str, data_type: &str) -> String {
    let mut dt = data_type.to_string();
    if dt.contains("PRIMARY KEY") {
        dt = replace_first(&dt, "PRIMARY KEY", "");
    }
    if dt.contains("SERIAL") {
        if dt.contains("BIGINT") {
            dt = replace_first(&dt, "SERIAL", "BIGSERIAL");
            dt = replace_first(&dt, "BIGINT", "");
        } else if dt.contains("SMALLINT") {
            dt = replace_first(&dt, "SERIAL", "SMALLSERIAL");
            dt = replace_first(&dt, "SMALLINT", "");
        } else {
            dt = replace_first(&dt, "INTEGER", "");
        }
        dt = replace_first(&dt, "NOT NULL", "");
    }
    if dt.starts_with("ENUM(") {
        if let Some(end) = enum_prefix_end(&dt) {
            dt = format!(
                "{}{}",
                pg_enum_name(table, attr, true),
                dt.get(end..).unwrap_or("")
            );
        }
    }
    dt
}

/// `changeColumnQuery(table, {key: sql})`.
fn change_column_query(table: &TableRef, key: &str, attr_sql: &str) -> CoreResult<String> {
    let qt = quote_table(table);
    let qk = q(key);
    let query = |sub: &str| format!("ALTER TABLE {qt} ALTER COLUMN {sub};");
    let mut definition = data_type_mapping(table, key, attr_sql);
    let mut out = String::new();
    if definition.contains("NOT NULL") {
        out.push_str(&query(&format!("{qk} SET NOT NULL")));
        definition = js_trim(&replace_first(&definition, "NOT NULL", ""));
    } else if !definition.contains("REFERENCES") {
        out.push_str(&query(&format!("{qk} DROP NOT NULL")));
    }
    if definition.contains("DEFAULT") {
        let Some(value) = default_regex_capture(&definition) else {
            // `definition.match(/DEFAULT ([^;]+)/)[1]` throws a TypeError
            return Err(CoreError::invalid(
                "Cannot read properties of null (reading '1')",
            ));
        };
        out.push_str(&query(&format!("{qk} SET DEFAULT {value}")));
        definition = js_trim(&remove_default_regex(&definition));
    } else if !definition.contains("REFERENCES") {
        out.push_str(&query(&format!("{qk} DROP DEFAULT")));
    }
    if attr_sql.starts_with("ENUM(") {
        let values = enum_prefix_end(attr_sql)
            .and_then(|end| attr_sql.get(..end))
            .unwrap_or(attr_sql);
        out.push_str(&pg_enum(table, key, values, false));
        if definition.starts_with("ENUM(") {
            if let Some(end) = enum_prefix_end(&definition) {
                definition = format!(
                    "{}{}",
                    pg_enum_name(table, key, false),
                    definition.get(end..).unwrap_or("")
                );
            }
        }
        definition.push_str(&format!(
            " USING ({qk}::{})",
            pg_enum_name(table, key, true)
        ));
    }
    if let Some(start) = unique_suffix_start(&definition) {
        definition.truncate(start);
        out.push_str(&replace_first(
            &query(&format!("ADD UNIQUE ({qk})")),
            "ALTER COLUMN",
            "",
        ));
    }
    if definition.contains("REFERENCES") {
        definition = remove_before_references(&definition);
        out.push_str(&replace_first(
            &query(&format!("ADD FOREIGN KEY ({qk}) {definition}")),
            "ALTER COLUMN",
            "",
        ));
    } else {
        out.push_str(&query(&format!("{qk} TYPE {definition}")));
    }
    Ok(out)
}

/// `pgEnumName(table, attr, {schema})`: `"public"."enum_<table>_<attr>"`.
fn pg_enum_name(table: &TableRef, attr: &str, with_schema: bool) -> String {
    let name = q(&enum_type_name(&table.table, attr));
    if with_schema {
        format!("{}.{name}", q(table.schema_or_public()))
    } else {
        name
    }
}

/// `Utils.generateEnumName`, with `"` removed as `addTicks` does.
fn enum_type_name(table: &str, attr: &str) -> String {
    format!("enum_{table}_{attr}")
        .chars()
        .filter(|&c| c != '"')
        .collect()
}

/// `pgEnum(table, attr, type, {force})`.
fn pg_enum(table: &TableRef, attr: &str, values_sql: &str, force: bool) -> String {
    let name = pg_enum_name(table, attr, true);
    let body = format!(
        "BEGIN CREATE TYPE {name} AS {values_sql}; EXCEPTION WHEN duplicate_object THEN null; END"
    );
    let sql = format!("DO {};", quote_string(&body));
    if force {
        format!("{}{sql}", pg_enum_drop(&name))
    } else {
        sql
    }
}

fn pg_enum_drop(name: &str) -> String {
    format!("DROP TYPE IF EXISTS {name}; ")
}

/// `pgEnumAdd(table, attr, value, {before | after})`.
fn pg_enum_add(table: &TableRef, attr: &str, value: &str, rel: Option<(&str, &str)>) -> String {
    let mut sql = format!(
        "ALTER TYPE {} ADD VALUE IF NOT EXISTS {}",
        pg_enum_name(table, attr, true),
        quote_string(value)
    );
    if let Some((word, other)) = rel.filter(|(_, o)| !o.is_empty()) {
        sql.push_str(&format!(" {word} {}", quote_string(other)));
    }
    sql
}

// ---------------------------------------------------------------------------
// Default values (`escape(defaultValue, attribute)` with the type's stringify)

fn default_literal(
    ty: &TypeDesc,
    value: &serde_json::Value,
    table: &TableRef,
    field: &str,
) -> CoreResult<String> {
    let v = from_tagged_json(value)?;
    match v {
        SqlValue::Raw(s) => Ok(s),
        SqlValue::Null => Ok("NULL".to_string()),
        v => stringify_escaped(ty, &v, table, field),
    }
}

/// The type's `stringify` followed by `escape` (unless the type has
/// `escape = false`), for a non-null value.
fn stringify_escaped(
    ty: &TypeDesc,
    v: &SqlValue,
    table: &TableRef,
    field: &str,
) -> CoreResult<String> {
    let key = ty.key.to_ascii_uppercase();
    match key.as_str() {
        "JSON" | "JSONB" => Ok(quote_string(&js_json(v))),
        "DATE" => Ok(match v {
            SqlValue::Date { ms, offset_minutes } => match format_date(*ms, *offset_minutes) {
                Ok(s) => quote_string(&s),
                Err(_) => "'Invalid date'".to_string(),
            },
            SqlValue::Number(n) if n.is_infinite() => {
                quote_string(if *n > 0.0 { "Infinity" } else { "-Infinity" })
            }
            SqlValue::Number(n) => match format_date(*n, 0) {
                Ok(s) => quote_string(&s),
                Err(_) => "'Invalid date'".to_string(),
            },
            other => escape(other)?,
        }),
        "DATEONLY" => Ok(match v {
            SqlValue::Date { ms, offset_minutes } => match format_date(*ms, *offset_minutes) {
                Ok(s) => quote_string(s.split(' ').next().unwrap_or("")),
                Err(_) => "'Invalid date'".to_string(),
            },
            SqlValue::Number(n) if n.is_infinite() => {
                quote_string(if *n > 0.0 { "Infinity" } else { "-Infinity" })
            }
            SqlValue::Number(n) => match format_date(*n, 0) {
                Ok(s) => quote_string(s.split(' ').next().unwrap_or("")),
                Err(_) => "'Invalid date'".to_string(),
            },
            other => escape(other)?,
        }),
        "FLOAT" | "REAL" | "DOUBLE" | "DOUBLE PRECISION" => Ok(match v {
            SqlValue::Number(n) => format!("'{}'", float_value(*n)),
            SqlValue::Text(s) => {
                let n = js_to_number(s);
                if n.is_finite() {
                    quote_string(s)
                } else {
                    format!("'{}'", float_value(n))
                }
            }
            SqlValue::Bool(b) => format!("'{b}'"),
            other => escape(other)?,
        }),
        "BLOB" => {
            let bytes: Vec<u8> = match v {
                SqlValue::Bytes(b) => b.clone(),
                SqlValue::Array(items) => items
                    .iter()
                    .map(|i| match i {
                        SqlValue::Number(n) => (*n as i64 & 0xff) as u8,
                        _ => 0,
                    })
                    .collect(),
                SqlValue::Text(s) => s.as_bytes().to_vec(),
                SqlValue::Number(n) => js_number_to_string(*n).into_bytes(),
                SqlValue::Bool(b) => b.to_string().into_bytes(),
                SqlValue::BigInt(d) => d.clone().into_bytes(),
                other => return escape(other),
            };
            escape(&SqlValue::Bytes(bytes))
        }
        "HSTORE" => match v {
            SqlValue::Json(text) => Ok(format!("'{}'", hstore_stringify(text)?)),
            other => escape(other),
        },
        "ARRAY" => match v {
            SqlValue::Array(items) => {
                let elem = ty.element.as_deref();
                let mut parts = Vec::with_capacity(items.len());
                for item in items {
                    parts.push(match (elem, item) {
                        (_, SqlValue::Raw(s)) => s.clone(),
                        (Some(e), SqlValue::Null) if is_key(e, "JSON") || is_key(e, "JSONB") => {
                            "'null'".to_string()
                        }
                        (_, SqlValue::Null) => "NULL".to_string(),
                        (Some(e), item) => stringify_escaped(e, item, table, field)?,
                        (None, item) => escape(item)?,
                    });
                }
                let cast = match elem {
                    Some(e) if is_key(e, "ENUM") => {
                        let schema = table
                            .schema()
                            .map(|s| format!("{}.", q(s)))
                            .unwrap_or_default();
                        format!("{schema}{}[]", q(&enum_type_name(&table.table, field)))
                    }
                    Some(_) => ty.sql.clone(),
                    None => String::new(),
                };
                let mut s = format!("ARRAY[{}]", parts.join(","));
                if !cast.is_empty() {
                    s.push_str("::");
                    s.push_str(&cast);
                }
                Ok(s)
            }
            other => escape(other),
        },
        _ => escape(v),
    }
}

/// FLOAT/REAL/DOUBLE `_value`: `NaN`, `Infinity`, `-Infinity`, or the number.
fn float_value(n: f64) -> String {
    if n.is_nan() {
        "NaN".into()
    } else if n.is_infinite() {
        if n > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        }
    } else {
        js_number_to_string(n)
    }
}

/// JavaScript `Number(string)`, enough for default values.
fn js_to_number(s: &str) -> f64 {
    let t = js_trim(s);
    if t.is_empty() {
        return 0.0;
    }
    match t.as_str() {
        "Infinity" | "+Infinity" => return f64::INFINITY,
        "-Infinity" => return f64::NEG_INFINITY,
        _ => {}
    }
    let radix = |p: &str, r: u32| {
        t.get(2..)
            .filter(|_| t.get(..2).is_some_and(|h| h.eq_ignore_ascii_case(p)))
            .map(|d| {
                u64::from_str_radix(d, r)
                    .map(|n| n as f64)
                    .unwrap_or(f64::NAN)
            })
    };
    if let Some(n) = radix("0x", 16)
        .or_else(|| radix("0o", 8))
        .or_else(|| radix("0b", 2))
    {
        return n;
    }
    let ok = t
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'));
    if !ok {
        return f64::NAN;
    }
    t.parse::<f64>().unwrap_or(f64::NAN)
}

/// `JSON.stringify(value)` of a default value.
fn js_json(v: &SqlValue) -> String {
    match v {
        SqlValue::Null => "null".into(),
        SqlValue::Bool(b) => b.to_string(),
        SqlValue::Number(n) if n.is_finite() => js_number_to_string(*n),
        SqlValue::Number(_) => "null".into(),
        SqlValue::BigInt(d) => d.clone(),
        SqlValue::Text(s) | SqlValue::Raw(s) => {
            serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
        }
        SqlValue::Json(text) => text.clone(),
        SqlValue::Date { ms, .. } => match format_date(*ms, 0) {
            Ok(s) => format!("\"{}\"", iso_from_moment(&s)),
            Err(_) => "null".into(),
        },
        SqlValue::Bytes(b) => format!(
            "{{\"type\":\"Buffer\",\"data\":[{}]}}",
            b.iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join(",")
        ),
        SqlValue::Array(items) => format!(
            "[{}]",
            items.iter().map(js_json).collect::<Vec<_>>().join(",")
        ),
    }
}

/// `2024-01-02 03:04:05.678 +00:00` → `2024-01-02T03:04:05.678Z` (JS toISOString).
fn iso_from_moment(s: &str) -> String {
    let mut parts = s.split(' ');
    let date = parts.next().unwrap_or("");
    let time = parts.next().unwrap_or("");
    let (neg, digits) = match date.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, date),
    };
    let year_len = digits.find('-').unwrap_or(digits.len());
    let date = if neg || year_len > 4 {
        let (year, rest) = digits.split_at(year_len);
        format!("{}{:0>6}{rest}", if neg { '-' } else { '+' }, year)
    } else {
        date.to_string()
    };
    format!("{date}T{time}Z")
}

/// pg-hstore `stringify` (with `sanitize`): `"k"=>"v"` pairs, `NULL` values.
fn hstore_stringify(json_text: &str) -> CoreResult<String> {
    let value: serde_json::Value = serde_json::from_str(json_text)
        .map_err(|_| CoreError::invalid("invalid HSTORE default value"))?;
    let serde_json::Value::Object(map) = value else {
        return Err(CoreError::invalid("invalid HSTORE default value"));
    };
    let entries = js_key_order(map.into_iter().collect::<Vec<_>>(), |(k, _)| k.as_str());
    let sanitize = |s: &str| {
        s.replace('\'', "''")
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
    };
    let parts: Vec<String> = entries
        .iter()
        .map(|(k, v)| {
            let key = sanitize(k);
            match v {
                serde_json::Value::Null => format!("\"{key}\"=>NULL"),
                serde_json::Value::String(s) => format!("\"{key}\"=>\"{}\"", sanitize(s)),
                serde_json::Value::Number(n) => format!(
                    "\"{key}\"=>\"{}\"",
                    js_number_to_string(n.as_f64().unwrap_or(f64::NAN))
                ),
                serde_json::Value::Bool(b) => format!("\"{key}\"=>\"{b}\""),
                serde_json::Value::Array(_) | serde_json::Value::Object(_) => {
                    format!("\"{key}\"=>\"[object Object]\"")
                }
            }
        })
        .collect();
    Ok(parts.join(","))
}

// ---------------------------------------------------------------------------
// JavaScript string semantics the pipeline depends on

/// `String.prototype.trim`.
fn js_trim(s: &str) -> String {
    s.trim_matches(is_js_space).to_string()
}

use crate::core::jsstr::is_js_space;

/// A JS regex `.`: anything but a line terminator.
fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// `s.replace("pat", "rep")` (first occurrence).
fn replace_first(s: &str, pat: &str, rep: &str) -> String {
    s.replacen(pat, rep, 1)
}

/// End (exclusive byte index) of the match of `/^ENUM\(.+\)/` (greedy).
fn enum_prefix_end(s: &str) -> Option<usize> {
    let rest = s.strip_prefix("ENUM(")?;
    let line_end = rest.find(is_line_terminator).unwrap_or(rest.len());
    let line = rest.get(..line_end)?;
    // `.+` needs one character before the closing `)`
    let close = line.rfind(')').filter(|&i| i >= 1)?;
    Some(5 + close + 1)
}

/// `definition.match(/DEFAULT ([^;]+)/)[1]`.
fn default_regex_capture(s: &str) -> Option<&str> {
    let mut from = 0;
    while let Some(i) = s.get(from..).and_then(|r| r.find("DEFAULT ")) {
        let start = from + i + "DEFAULT ".len();
        let rest = s.get(start..)?;
        let len = rest.find(';').unwrap_or(rest.len());
        if len > 0 {
            return rest.get(..len);
        }
        from = from + i + 1;
    }
    None
}

/// `definition.replace(/(DEFAULT[^;]+)/, "")`.
fn remove_default_regex(s: &str) -> String {
    let mut from = 0;
    while let Some(i) = s.get(from..).and_then(|r| r.find("DEFAULT")) {
        let start = from + i;
        let after = start + "DEFAULT".len();
        let rest = s.get(after..).unwrap_or("");
        let len = rest.find(';').unwrap_or(rest.len());
        if len > 0 {
            return format!(
                "{}{}",
                s.get(..start).unwrap_or(""),
                s.get(after + len..).unwrap_or("")
            );
        }
        from = start + 1;
    }
    s.to_string()
}

/// Start of the match of `/UNIQUE;*$/`.
fn unique_suffix_start(s: &str) -> Option<usize> {
    let body = s.trim_end_matches(';');
    body.strip_suffix("UNIQUE").map(|b| b.len())
}

/// `definition.replace(/.+?(?=REFERENCES)/, "")`.
fn remove_before_references(s: &str) -> String {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (si, &(start, _)) in chars.iter().enumerate() {
        // `.+?`: extend one character at a time, never across a line terminator
        for &(pos, c) in chars.iter().skip(si) {
            if is_line_terminator(c) {
                break;
            }
            let end = pos + c.len_utf8();
            if s.get(end..).is_some_and(|r| r.starts_with("REFERENCES")) {
                return format!(
                    "{}{}",
                    s.get(..start).unwrap_or(""),
                    s.get(end..).unwrap_or("")
                );
            }
        }
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    //! Expected strings are verbatim from Sequelize 6.37.8's `logging` output
    //! (PostgreSQL 15, the oracle scripts of task HA).
    use super::*;
    use crate::core::model::def::{IndexField, RawModel};
    use crate::core::model::normalize::normalize;
    use serde_json::{json, Value};

    fn model(v: Value) -> ModelDef {
        let raw: RawModel = match serde_json::from_value(v) {
            Ok(r) => r,
            Err(e) => panic!("bad test model: {e}"),
        };
        match normalize(raw) {
            Ok(m) => m,
            Err(e) => panic!("normalize: {e}"),
        }
    }

    fn attr(v: Value) -> AttributeDef {
        match serde_json::from_value(v) {
            Ok(a) => a,
            Err(e) => panic!("bad test attribute: {e}"),
        }
    }

    fn ok<T>(r: CoreResult<T>) -> T {
        match r {
            Ok(v) => v,
            Err(e) => panic!("unexpected error: {e}"),
        }
    }

    fn ty(key: &str, sql: &str) -> Value {
        json!({"key": key, "sql": sql})
    }
    fn string() -> Value {
        ty("STRING", "VARCHAR(255)")
    }
    fn integer() -> Value {
        ty("INTEGER", "INTEGER")
    }
    fn enum_of(values: &[&str]) -> Value {
        json!({"key": "ENUM", "sql": "ENUM", "values": values})
    }
    fn a(name: &str, t: Value) -> Value {
        json!({"name": name, "type": t})
    }
    fn with(mut v: Value, extra: Value) -> Value {
        if let (Some(o), Some(e)) = (v.as_object_mut(), extra.as_object()) {
            for (k, x) in e {
                o.insert(k.clone(), x.clone());
            }
        }
        v
    }
    fn described(names: &[&str]) -> Vec<DescribedColumn> {
        names
            .iter()
            .map(|n| DescribedColumn {
                name: n.to_string(),
                type_sql: String::new(),
                allow_null: true,
                default_value: None,
                primary_key: *n == "id",
            })
            .collect()
    }
    fn force() -> SyncDdlOptions {
        SyncDdlOptions {
            force: true,
            ..Default::default()
        }
    }

    /// `Model.sync({force: true})` as Sequelize runs it, DDL only (the
    /// lookups all find nothing).
    fn sync_force(m: &ModelDef) -> Vec<String> {
        let t = TableRef::of_model(m);
        let mut out = vec![drop_table(&t, true)];
        out.extend(drop_enums(m));
        out.extend(ok(create_table(m, &force())));
        out.extend(ok(create_indexes(m)));
        out
    }

    fn assert_lines(got: &[String], want: &[&str]) {
        let n = got.len().max(want.len());
        for i in 0..n {
            assert_eq!(
                got.get(i).map(String::as_str),
                want.get(i).copied(),
                "statement {i} differs"
            );
        }
    }

    // -- catalog queries ----------------------------------------------------

    #[test]
    fn catalog_queries() {
        let users = TableRef::new("users");
        let app_users = TableRef::with_schema("users", "app");
        assert_eq!(
            table_exists_sql(&users),
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'users'"
        );
        assert_eq!(
            table_exists_sql(&TableRef::with_schema("t", "sch")),
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'sch' AND table_name = 't'"
        );
        assert_eq!(
            show_indexes_sql(&users),
            "SELECT i.relname AS name, ix.indisprimary AS primary, ix.indisunique AS unique, ix.indkey AS indkey, array_agg(a.attnum) as column_indexes, array_agg(a.attname) AS column_names, pg_get_indexdef(ix.indexrelid) AS definition FROM pg_class t, pg_class i, pg_index ix, pg_attribute a WHERE t.oid = ix.indrelid AND i.oid = ix.indexrelid AND a.attrelid = t.oid AND t.relkind = 'r' and t.relname = 'users' GROUP BY i.relname, ix.indexrelid, ix.indisprimary, ix.indisunique, ix.indkey ORDER BY i.relname;"
        );
        assert_eq!(
            show_indexes_sql(&app_users),
            "SELECT i.relname AS name, ix.indisprimary AS primary, ix.indisunique AS unique, ix.indkey AS indkey, array_agg(a.attnum) as column_indexes, array_agg(a.attname) AS column_names, pg_get_indexdef(ix.indexrelid) AS definition FROM pg_class t, pg_class i, pg_index ix, pg_attribute a, pg_namespace s WHERE t.oid = ix.indrelid AND i.oid = ix.indexrelid AND a.attrelid = t.oid AND t.relkind = 'r' and t.relname = 'users' AND s.oid = t.relnamespace AND s.nspname = 'app' GROUP BY i.relname, ix.indexrelid, ix.indisprimary, ix.indisunique, ix.indkey ORDER BY i.relname;"
        );
        assert_eq!(
            describe_table_sql("users", None),
            "SELECT pk.constraint_type as \"Constraint\",c.column_name as \"Field\", c.column_default as \"Default\",c.is_nullable as \"Null\", (CASE WHEN c.udt_name = 'hstore' THEN c.udt_name ELSE c.data_type END) || (CASE WHEN c.character_maximum_length IS NOT NULL THEN '(' || c.character_maximum_length || ')' ELSE '' END) as \"Type\", (SELECT array_agg(e.enumlabel) FROM pg_catalog.pg_type t JOIN pg_catalog.pg_enum e ON t.oid=e.enumtypid WHERE t.typname=c.udt_name) AS \"special\", (SELECT pgd.description FROM pg_catalog.pg_statio_all_tables AS st INNER JOIN pg_catalog.pg_description pgd on (pgd.objoid=st.relid) WHERE c.ordinal_position=pgd.objsubid AND c.table_name=st.relname) AS \"Comment\" FROM information_schema.columns c LEFT JOIN (SELECT tc.table_schema, tc.table_name, cu.column_name, tc.constraint_type FROM information_schema.TABLE_CONSTRAINTS tc JOIN information_schema.KEY_COLUMN_USAGE  cu ON tc.table_schema=cu.table_schema and tc.table_name=cu.table_name and tc.constraint_name=cu.constraint_name and tc.constraint_type='PRIMARY KEY') pk ON pk.table_schema=c.table_schema AND pk.table_name=c.table_name AND pk.column_name=c.column_name WHERE c.table_name = 'users' AND c.table_schema = 'public'"
        );
        assert!(describe_table_sql("t", Some("sch"))
            .ends_with("WHERE c.table_name = 't' AND c.table_schema = 'sch'"));
        let fk_prefix = "SELECT DISTINCT tc.constraint_name as constraint_name, tc.constraint_schema as constraint_schema, tc.constraint_catalog as constraint_catalog, tc.table_name as table_name,tc.table_schema as table_schema,tc.table_catalog as table_catalog,tc.initially_deferred as initially_deferred,tc.is_deferrable as is_deferrable,kcu.column_name as column_name,ccu.table_schema  AS referenced_table_schema,ccu.table_catalog  AS referenced_table_catalog,ccu.table_name  AS referenced_table_name,ccu.column_name AS referenced_column_name FROM information_schema.table_constraints AS tc JOIN information_schema.key_column_usage AS kcu ON tc.constraint_name = kcu.constraint_name JOIN information_schema.constraint_column_usage AS ccu ON ccu.constraint_name = tc.constraint_name ";
        assert_eq!(
            foreign_keys_sql(&TableRef::new("comments"), Some("ha_ddl")),
            format!("{fk_prefix}WHERE constraint_type = 'FOREIGN KEY' AND tc.table_name = 'comments' AND tc.table_catalog = 'ha_ddl'")
        );
        assert_eq!(
            foreign_keys_sql(&app_users, Some("ha_ddl")),
            format!("{fk_prefix}WHERE constraint_type = 'FOREIGN KEY' AND tc.table_name = 'users' AND tc.table_catalog = 'ha_ddl' AND tc.table_schema = 'app'")
        );
        assert_eq!(
            foreign_keys_sql(&TableRef::new("t"), None),
            format!("{fk_prefix}WHERE constraint_type = 'FOREIGN KEY' AND tc.table_name = 't'")
        );
        assert_eq!(
            foreign_key_names_sql("qi_t2"),
            "SELECT conname as constraint_name, pg_catalog.pg_get_constraintdef(r.oid, true) as condef FROM pg_catalog.pg_constraint r WHERE r.conrelid = (SELECT oid FROM pg_class WHERE relname = 'qi_t2' LIMIT 1) AND r.contype = 'f' ORDER BY 1;"
        );
        assert_eq!(
            show_all_tables_sql(None),
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type LIKE '%TABLE' AND table_name != 'spatial_ref_sys';"
        );
        assert_eq!(
            show_all_schemas_sql(),
            "SELECT schema_name FROM information_schema.schemata WHERE schema_name <> 'information_schema' AND schema_name != 'public' AND schema_name !~ E'^pg_';"
        );
        let enum_prefix = "SELECT t.typname enum_name, array_agg(e.enumlabel ORDER BY enumsortorder) enum_value FROM pg_type t JOIN pg_enum e ON t.oid = e.enumtypid JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ";
        assert_eq!(
            enum_lookup_sql(Some(&TableRef::new("users")), Some("kind")),
            format!("{enum_prefix}'public' AND t.typname='enum_users_kind' GROUP BY 1")
        );
        assert_eq!(
            enum_lookup_sql(Some(&app_users), Some("kind")),
            format!("{enum_prefix}'app' AND t.typname='enum_users_kind' GROUP BY 1")
        );
        assert_eq!(
            enum_lookup_sql(None, None),
            format!("{enum_prefix}'public' GROUP BY 1")
        );
        assert_eq!(
            enum_lookup_sql(Some(&TableRef::new("t")), None),
            format!("{enum_prefix}'public' GROUP BY 1")
        );
        // names are quoted, not spliced (deviation only for names with `'`)
        assert!(table_exists_sql(&TableRef::new("o'x")).ends_with("table_name = 'o''x'"));
    }

    #[test]
    fn oid_refresh_is_sequelizes() {
        assert!(OID_REFRESH_SQL.starts_with("WITH ranges AS (  SELECT pg_range.rngtypid"));
        assert!(OID_REFRESH_SQL.ends_with("WHERE (pg_type.typtype IN('b', 'e'));"));
    }

    // -- model sync -----------------------------------------------------------

    #[test]
    fn getting_started_sync_force() {
        let m = model(
            json!({"name": "user", "attributes": [a("firstName", string()), a("lastName", string())], "options": {}}),
        );
        assert_lines(
            &sync_force(&m),
            &[
                r#"DROP TABLE IF EXISTS "users" CASCADE;"#,
                r#"CREATE TABLE IF NOT EXISTS "users" ("id"   SERIAL , "firstName" VARCHAR(255), "lastName" VARCHAR(255), "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL, "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY ("id"));"#,
            ],
        );
        let p = model(json!({"name": "post", "attributes": [], "options": {"timestamps": true}}));
        assert_eq!(
            ok(create_table_sql(&p, &SyncDdlOptions::default())),
            r#"CREATE TABLE IF NOT EXISTS "posts" ("id"   SERIAL , "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL, "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY ("id"));"#
        );
        let n = model(
            json!({"name": "NoT", "attributes": [a("title", string())], "options": {"timestamps": false}}),
        );
        assert_eq!(
            ok(create_table_sql(&n, &SyncDdlOptions::default())),
            r#"CREATE TABLE IF NOT EXISTS "NoTs" ("id"   SERIAL , "title" VARCHAR(255), PRIMARY KEY ("id"));"#
        );
    }

    fn type_tests_model() -> ModelDef {
        model(json!({"name": "TypeTest", "attributes": [
            with(a("uid", ty("UUID", "UUID")), json!({"primaryKey": true, "defaultValue": {"kind": "js"}})),
            a("s", string()), a("s50", ty("STRING", "VARCHAR(50)")), a("sbin", json!({"key": "STRING", "sql": "BYTEA", "binary": true})),
            a("t", ty("TEXT", "TEXT")), a("c", ty("CHAR", "CHAR(255)")), a("c10", ty("CHAR", "CHAR(10)")),
            a("i", integer()), a("bi", ty("BIGINT", "BIGINT")), a("si", ty("SMALLINT", "SMALLINT")),
            a("f", ty("FLOAT", "FLOAT")), a("r", ty("REAL", "REAL")), a("d", ty("DOUBLE PRECISION", "DOUBLE PRECISION")),
            a("dec", ty("DECIMAL", "DECIMAL(10,2)")), a("decPlain", ty("DECIMAL", "DECIMAL")), a("num", ty("DECIMAL", "DECIMAL(5,1)")),
            a("b", ty("BOOLEAN", "BOOLEAN")), a("dt", ty("DATE", "TIMESTAMP WITH TIME ZONE")), a("dt6", ty("DATE", "TIMESTAMP WITH TIME ZONE")),
            a("donly", ty("DATEONLY", "DATE")), a("tm", ty("TIME", "TIME")), a("j", ty("JSON", "JSON")), a("jb", ty("JSONB", "JSONB")),
            a("arr", json!({"key": "ARRAY", "sql": "VARCHAR(255)[]", "element": {"key": "STRING", "sql": "VARCHAR(255)"}})),
            a("arri", json!({"key": "ARRAY", "sql": "INTEGER[]", "element": {"key": "INTEGER", "sql": "INTEGER"}})),
            a("e", enum_of(&["small", "large"])), a("e2", enum_of(&["x", "y'z"])), a("blob", ty("BLOB", "BYTEA")),
            with(a("withDef", integer()), json!({"allowNull": false, "defaultValue": {"kind": "value", "value": 7}})),
            with(a("strDef", string()), json!({"defaultValue": {"kind": "value", "value": "it's"}})),
            with(a("uniq", string()), json!({"unique": true})),
            with(a("uniqNamed", string()), json!({"unique": "compound_u"})),
            with(a("uniqNamed2", string()), json!({"unique": "compound_u"})),
            with(a("uniqObj", string()), json!({"unique": {"msg": "taken"}})),
            with(a("uniqObjNamed", string()), json!({"unique": {"name": "obj_u", "msg": "taken"}})),
            with(a("commented", string()), json!({"comment": "a comment"})),
            with(a("commentedNN", integer()), json!({"allowNull": false, "comment": "it's here"})),
            with(a("col", string()), json!({"field": "col_field"})),
            a("ci", ty("CITEXT", "CITEXT")), a("inet", ty("INET", "INET")), a("cidr", ty("CIDR", "CIDR")), a("mac", ty("MACADDR", "MACADDR")),
            a("rng", json!({"key": "RANGE", "sql": "int4range", "element": {"key": "INTEGER", "sql": "INTEGER"}})),
            a("ts", ty("TSVECTOR", "TSVECTOR")),
            a("v", ty("VIRTUAL", "VIRTUAL")),
            with(a("big", ty("BIGINT", "BIGINT")), json!({"autoIncrement": true})),
        ], "options": {"indexes": [{"fields": [{"name": "s"}]}, {"unique": true, "fields": [{"name": "i"}, {"name": "bi"}], "name": "my_uidx"}]}}))
    }

    #[test]
    fn type_tests_sync_force() {
        let m = type_tests_model();
        assert_lines(
            &sync_force(&m),
            &[
                r#"DROP TABLE IF EXISTS "TypeTests" CASCADE;"#,
                r#"DROP TYPE IF EXISTS "public"."enum_TypeTests_e";"#,
                r#"DROP TYPE IF EXISTS "public"."enum_TypeTests_e2";"#,
                r#"DROP TYPE IF EXISTS "public"."enum_TypeTests_e"; DO 'BEGIN CREATE TYPE "public"."enum_TypeTests_e" AS ENUM(''small'', ''large''); EXCEPTION WHEN duplicate_object THEN null; END';"#,
                r#"DROP TYPE IF EXISTS "public"."enum_TypeTests_e2"; DO 'BEGIN CREATE TYPE "public"."enum_TypeTests_e2" AS ENUM(''x'', ''y''''z''); EXCEPTION WHEN duplicate_object THEN null; END';"#,
                r#"CREATE TABLE IF NOT EXISTS "TypeTests" ("uid" UUID , "s" VARCHAR(255), "s50" VARCHAR(50), "sbin" BYTEA, "t" TEXT, "c" CHAR(255), "c10" CHAR(10), "i" INTEGER, "bi" BIGINT, "si" SMALLINT, "f" FLOAT, "r" REAL, "d" DOUBLE PRECISION, "dec" DECIMAL(10,2), "decPlain" DECIMAL, "num" DECIMAL(5,1), "b" BOOLEAN, "dt" TIMESTAMP WITH TIME ZONE, "dt6" TIMESTAMP WITH TIME ZONE, "donly" DATE, "tm" TIME, "j" JSON, "jb" JSONB, "arr" VARCHAR(255)[], "arri" INTEGER[], "e" "public"."enum_TypeTests_e", "e2" "public"."enum_TypeTests_e2", "blob" BYTEA, "withDef" INTEGER NOT NULL DEFAULT 7, "strDef" VARCHAR(255) DEFAULT 'it''s', "uniq" VARCHAR(255) UNIQUE, "uniqNamed" VARCHAR(255), "uniqNamed2" VARCHAR(255), "uniqObj" VARCHAR(255), "uniqObjNamed" VARCHAR(255), "commented" VARCHAR(255) , "commentedNN" INTEGER NOT NULL , "col_field" VARCHAR(255), "ci" CITEXT, "inet" INET, "cidr" CIDR, "mac" MACADDR, "rng" int4range, "ts" TSVECTOR, "big"  BIGSERIAL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL, "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL, UNIQUE ("uniqNamed", "uniqNamed2"), UNIQUE ("uniqObj"), UNIQUE ("uniqObjNamed"), PRIMARY KEY ("uid")); COMMENT ON COLUMN "TypeTests"."commented" IS 'a comment'; COMMENT ON COLUMN "TypeTests"."commentedNN" IS 'it''s here';"#,
                r#"CREATE INDEX "type_tests_s" ON "TypeTests" ("s")"#,
                r#"CREATE UNIQUE INDEX "my_uidx" ON "TypeTests" ("i", "bi")"#,
            ],
        );
        let names: Vec<&str> = enum_attributes(&m)
            .iter()
            .map(|a| a.field.as_str())
            .collect();
        assert_eq!(names, ["e", "e2"]);
    }

    #[test]
    fn serial_variants() {
        let s = model(json!({"name": "serials", "attributes": [
            with(a("small", ty("SMALLINT", "SMALLINT")), json!({"autoIncrement": true, "allowNull": false, "primaryKey": true})),
            a("x", string())], "options": {"timestamps": false, "freezeTableName": true}}));
        let b = model(json!({"name": "bigs", "attributes": [
            with(a("id", ty("BIGINT", "BIGINT")), json!({"autoIncrement": true, "allowNull": false, "primaryKey": true}))],
            "options": {"timestamps": false, "freezeTableName": true}}));
        let i = model(json!({"name": "idents", "attributes": [
            with(a("ident", integer()), json!({"autoIncrement": true, "autoIncrementIdentity": true, "primaryKey": true})),
            with(a("n", integer()), json!({"unique": true, "allowNull": false}))],
            "options": {"timestamps": false, "freezeTableName": true}}));
        let d = SyncDdlOptions::default();
        assert_eq!(
            ok(create_table_sql(&s, &d)),
            r#"CREATE TABLE IF NOT EXISTS "serials" ("small"   SMALLSERIAL , "x" VARCHAR(255), PRIMARY KEY ("small"));"#
        );
        assert_eq!(
            ok(create_table_sql(&b, &d)),
            r#"CREATE TABLE IF NOT EXISTS "bigs" ("id"   BIGSERIAL , PRIMARY KEY ("id"));"#
        );
        assert_eq!(
            ok(create_table_sql(&i, &d)),
            r#"CREATE TABLE IF NOT EXISTS "idents" ("ident" INTEGER GENERATED BY DEFAULT AS IDENTITY , "n" INTEGER NOT NULL UNIQUE, PRIMARY KEY ("ident"));"#
        );
    }

    /// Oracle: attribute order / injected id / composite keys (normalize + DDL).
    #[test]
    fn create_table_follows_attribute_order() {
        let d = SyncDdlOptions::default();
        let made = with(
            a("createdAt", ty("DATE", "TIMESTAMP WITH TIME ZONE")),
            json!({"field": "made"}),
        );
        let m = model(
            json!({"name": "thing", "attributes": [a("b", string()), a("2", string()), a("a", string()), a("1", string()), made],
            "options": {"paranoid": true, "version": true}}),
        );
        assert_eq!(
            ok(create_table_sql(&m, &d)),
            r#"CREATE TABLE IF NOT EXISTS "things" ("1" VARCHAR(255), "2" VARCHAR(255), "id"   SERIAL , "b" VARCHAR(255), "a" VARCHAR(255), "made" TIMESTAMP WITH TIME ZONE, "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL, "deletedAt" TIMESTAMP WITH TIME ZONE, "version" INTEGER NOT NULL DEFAULT 0, PRIMARY KEY ("id"));"#
        );
        let m = model(
            json!({"name": "thing", "attributes": [a("updatedAt", ty("DATE", "TIMESTAMP WITH TIME ZONE")), a("x", string())], "options": {}}),
        );
        assert_eq!(
            ok(create_table_sql(&m, &d)),
            r#"CREATE TABLE IF NOT EXISTS "things" ("id"   SERIAL , "updatedAt" TIMESTAMP WITH TIME ZONE, "x" VARCHAR(255), "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY ("id"));"#
        );
        let m = model(
            json!({"name": "thing", "attributes": [a("x", string()), with(a("uid", ty("UUID", "UUID")), json!({"primaryKey": true}))], "options": {"timestamps": false}}),
        );
        assert_eq!(
            ok(create_table_sql(&m, &d)),
            r#"CREATE TABLE IF NOT EXISTS "things" ("x" VARCHAR(255), "uid" UUID , PRIMARY KEY ("uid"));"#
        );
        let m = model(
            json!({"name": "thing", "attributes": [with(a("a", integer()), json!({"primaryKey": true})), with(a("b", string()), json!({"primaryKey": true}))], "options": {"timestamps": false}}),
        );
        assert_eq!(
            ok(create_table_sql(&m, &d)),
            r#"CREATE TABLE IF NOT EXISTS "things" ("a" INTEGER , "b" VARCHAR(255) , PRIMARY KEY ("a","b"));"#
        );
        let m = model(
            json!({"name": "thing", "attributes": [a("x", string())], "options": {"createdAt": "created", "updatedAt": false, "paranoid": true, "deletedAt": "gone"}}),
        );
        assert_eq!(
            ok(create_table_sql(&m, &d)),
            r#"CREATE TABLE IF NOT EXISTS "things" ("id"   SERIAL , "x" VARCHAR(255), "created" TIMESTAMP WITH TIME ZONE NOT NULL, "gone" TIMESTAMP WITH TIME ZONE, PRIMARY KEY ("id"));"#
        );
        let m = model(
            json!({"name": "Person", "attributes": [a("x", string())], "options": {"tableName": "my_people", "underscored": true}}),
        );
        assert_eq!(
            ok(create_table_sql(&m, &d)),
            r#"CREATE TABLE IF NOT EXISTS "my_people" ("id"   SERIAL , "x" VARCHAR(255), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY ("id"));"#
        );
        let m = model(
            json!({"name": "Person", "attributes": [a("x", string())], "options": {"schema": "app"}}),
        );
        assert_eq!(
            ok(create_table_sql(&m, &d)),
            r#"CREATE TABLE IF NOT EXISTS "app"."People" ("id"   SERIAL , "x" VARCHAR(255), "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL, "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY ("id"));"#
        );
        let m = model(
            json!({"name": "thing", "attributes": [with(a("x", string()), json!({"allowNull": false}))], "options": {}}),
        );
        assert_eq!(
            ok(create_table_sql(&m, &d)),
            r#"CREATE TABLE IF NOT EXISTS "things" ("id"   SERIAL , "x" VARCHAR(255) NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL, "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY ("id"));"#
        );
    }

    #[test]
    fn associations_references() {
        let fk = |name: &str, table: &str, extra: Value| {
            with(
                a(name, integer()),
                with(json!({"references": {"table": table, "key": "id"}}), extra),
            )
        };
        let posts = model(json!({"name": "post", "attributes": [a("title", string()),
            fk("authorId", "authors", json!({"onDelete": "SET NULL", "onUpdate": "CASCADE"}))], "options": {}}));
        // association-added attributes come last (after the timestamps)
        let mut posts = posts;
        let author_id = posts.attributes.remove(2);
        posts.attributes.push(author_id);
        let comments = model(
            json!({"name": "comment", "attributes": [a("body", ty("TEXT", "TEXT")),
            fk("postRef", "posts", json!({"allowNull": false, "onDelete": "cascade", "onUpdate": "CASCADE"}))], "options": {}}),
        );
        let mut comments = comments;
        let post_ref = comments.attributes.remove(2);
        comments.attributes.push(post_ref);
        let tags = model(json!({"name": "tag", "attributes": [a("name", string()),
            fk("parentId", "tags", json!({"onDelete": "restrict", "onUpdate": "no action"})),
            with(a("owner", integer()), json!({"references": {"table": "authors", "key": "id", "deferrable": "DEFERRABLE INITIALLY DEFERRED"}}))],
            "options": {"timestamps": false}}));
        let d = SyncDdlOptions::default();
        assert_eq!(
            ok(create_table_sql(&posts, &d)),
            r#"CREATE TABLE IF NOT EXISTS "posts" ("id"   SERIAL , "title" VARCHAR(255), "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL, "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL, "authorId" INTEGER REFERENCES "authors" ("id") ON DELETE SET NULL ON UPDATE CASCADE, PRIMARY KEY ("id"));"#
        );
        assert_eq!(
            ok(create_table_sql(&comments, &d)),
            r#"CREATE TABLE IF NOT EXISTS "comments" ("id"   SERIAL , "body" TEXT, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL, "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL, "postRef" INTEGER NOT NULL REFERENCES "posts" ("id") ON DELETE CASCADE ON UPDATE CASCADE, PRIMARY KEY ("id"));"#
        );
        assert_eq!(
            ok(create_table_sql(&tags, &d)),
            r#"CREATE TABLE IF NOT EXISTS "tags" ("id"   SERIAL , "name" VARCHAR(255), "parentId" INTEGER REFERENCES "tags" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, "owner" INTEGER REFERENCES "authors" ("id") DEFERRABLE INITIALLY DEFERRED, PRIMARY KEY ("id"));"#
        );
        // withoutForeignKeyConstraints drops the whole REFERENCES clause
        let no_fk = SyncDdlOptions {
            without_foreign_key_constraints: true,
            ..Default::default()
        };
        assert_eq!(
            ok(create_table_sql(&tags, &no_fk)),
            r#"CREATE TABLE IF NOT EXISTS "tags" ("id"   SERIAL , "name" VARCHAR(255), "parentId" INTEGER, "owner" INTEGER, PRIMARY KEY ("id"));"#
        );
    }

    #[test]
    fn schema_models_and_references() {
        let users = model(
            json!({"name": "user", "attributes": [a("name", string()), a("kind", enum_of(&["a", "b"]))],
            "options": {"schema": "app", "timestamps": false}}),
        );
        let mut pets = model(json!({"name": "pet", "attributes": [a("name", string()),
            with(a("userId", integer()), json!({"references": {"table": "users", "schema": "app", "key": "id"}, "onDelete": "SET NULL", "onUpdate": "CASCADE"}))],
            "options": {"timestamps": false}}));
        pets.attributes.rotate_left(0);
        let toys = model(json!({"name": "toy", "attributes": [a("name", string()),
            with(a("ownerId", integer()), json!({"references": {"table": "users", "key": "id"}}))],
            "options": {"schema": "app", "timestamps": false, "indexes": [{"fields": [{"name": "name"}]}]}}));
        // Model.drop of a model with a schema drops no enum types
        assert_lines(
            &sync_force(&users),
            &[
                r#"DROP TABLE IF EXISTS "app"."users" CASCADE;"#,
                r#"DROP TYPE IF EXISTS "app"."enum_users_kind"; DO 'BEGIN CREATE TYPE "app"."enum_users_kind" AS ENUM(''a'', ''b''); EXCEPTION WHEN duplicate_object THEN null; END';"#,
                r#"CREATE TABLE IF NOT EXISTS "app"."users" ("id"   SERIAL , "name" VARCHAR(255), "kind" "app"."enum_users_kind", PRIMARY KEY ("id"));"#,
            ],
        );
        assert_lines(
            &sync_force(&pets),
            &[
                r#"DROP TABLE IF EXISTS "pets" CASCADE;"#,
                r#"CREATE TABLE IF NOT EXISTS "pets" ("id"   SERIAL , "name" VARCHAR(255), "userId" INTEGER REFERENCES "app"."users" ("id") ON DELETE SET NULL ON UPDATE CASCADE, PRIMARY KEY ("id"));"#,
            ],
        );
        assert_lines(
            &sync_force(&toys),
            &[
                r#"DROP TABLE IF EXISTS "app"."toys" CASCADE;"#,
                r#"CREATE TABLE IF NOT EXISTS "app"."toys" ("id"   SERIAL , "name" VARCHAR(255), "ownerId" INTEGER REFERENCES "app"."users" ("id"), PRIMARY KEY ("id"));"#,
                r#"CREATE INDEX "toys_name" ON "app"."toys" ("name")"#,
            ],
        );
        // sync({alter}) of app.users
        let got = ok(alter_statements(
            &users,
            &described(&["id", "name", "kind"]),
            &[],
            "ha_ddl",
            true,
        ));
        assert_lines(
            &got,
            &[
                r#"ALTER TABLE "app"."users" ALTER COLUMN "name" DROP NOT NULL;ALTER TABLE "app"."users" ALTER COLUMN "name" DROP DEFAULT;ALTER TABLE "app"."users" ALTER COLUMN "name" TYPE VARCHAR(255);"#,
                r#"ALTER TABLE "app"."users" ALTER COLUMN "kind" DROP NOT NULL;ALTER TABLE "app"."users" ALTER COLUMN "kind" DROP DEFAULT;DO 'BEGIN CREATE TYPE "app"."enum_users_kind" AS ENUM(''a'', ''b''); EXCEPTION WHEN duplicate_object THEN null; END';ALTER TABLE "app"."users" ALTER COLUMN "kind" TYPE "app"."enum_users_kind" USING ("kind"::"app"."enum_users_kind");"#,
            ],
        );
        assert_eq!(
            drop_table(&TableRef::of_model(&users), false),
            r#"DROP TABLE IF EXISTS "app"."users";"#
        );
    }

    #[test]
    fn underscored_enum_names() {
        let m = model(
            json!({"name": "UnderScored", "attributes": [a("firstName", string()),
            with(a("lastName", string()), json!({"field": "surname"})), a("myKind", enum_of(&["a", "b"]))],
            "options": {"underscored": true, "paranoid": true, "version": true,
                "indexes": [{"fields": [{"name": "firstName"}, {"name": "lastName", "order": "DESC"}]}]}}),
        );
        assert_lines(
            &sync_force(&m),
            &[
                r#"DROP TABLE IF EXISTS "under_scoreds" CASCADE;"#,
                // dropped by attribute name, created by field name (Sequelize's mismatch)
                r#"DROP TYPE IF EXISTS "public"."enum_under_scoreds_myKind";"#,
                r#"DROP TYPE IF EXISTS "public"."enum_under_scoreds_my_kind"; DO 'BEGIN CREATE TYPE "public"."enum_under_scoreds_my_kind" AS ENUM(''a'', ''b''); EXCEPTION WHEN duplicate_object THEN null; END';"#,
                r#"CREATE TABLE IF NOT EXISTS "under_scoreds" ("id"   SERIAL , "first_name" VARCHAR(255), "surname" VARCHAR(255), "my_kind" "public"."enum_under_scoreds_my_kind", "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "deleted_at" TIMESTAMP WITH TIME ZONE, "version" INTEGER NOT NULL DEFAULT 0, PRIMARY KEY ("id"));"#,
                // index fields are not mapped to columns (fails on the server, as in Sequelize)
                r#"CREATE INDEX "under_scoreds_first_name_last_name" ON "under_scoreds" ("firstName", "lastName" DESC)"#,
            ],
        );
        assert_eq!(
            enum_lookup_sql(Some(&TableRef::of_model(&m)), Some(&enum_attributes(&m)[0].field)),
            "SELECT t.typname enum_name, array_agg(e.enumlabel ORDER BY enumsortorder) enum_value FROM pg_type t JOIN pg_enum e ON t.oid = e.enumtypid JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname='enum_under_scoreds_my_kind' GROUP BY 1"
        );
    }

    #[test]
    fn default_values() {
        let v = |x: Value| json!({"kind": "value", "value": x});
        let def = |name: &str, t: Value, d: Value| with(a(name, t), json!({"defaultValue": d}));
        let arr = |sql: &str, elem: Value| json!({"key": "ARRAY", "sql": sql, "element": elem});
        let date = ty("DATE", "TIMESTAMP WITH TIME ZONE");
        let m = model(json!({"name": "DefT", "attributes": [
            def("j", ty("JSON", "JSON"), v(json!({"$j": "{\"a\":1,\"b\":[1.5,\"x\"],\"c\":\"it's\"}"}))),
            def("jb", ty("JSONB", "JSONB"), v(json!("str"))),
            def("jbn", ty("JSONB", "JSONB"), v(json!(5))),
            def("jbarr", ty("JSONB", "JSONB"), v(json!([]))),
            def("dt", date.clone(), v(json!({"$d": 1704164645678_i64, "o": 0}))),
            def("dtnum", date.clone(), v(json!(0))),
            def("dts", date.clone(), v(json!({"$d": 1704153600000_i64, "o": 0}))),
            def("donly", ty("DATEONLY", "DATE"), v(json!("2024-01-02"))),
            def("donlyd", ty("DATEONLY", "DATE"), v(json!({"$d": 1704164645678_i64, "o": 0}))),
            def("fl", ty("FLOAT", "FLOAT"), v(json!(1.5))),
            def("rl", ty("REAL", "REAL"), v(json!(2))),
            def("db", ty("DOUBLE PRECISION", "DOUBLE PRECISION"), v(json!(-0.25))),
            def("dec", ty("DECIMAL", "DECIMAL(10,2)"), v(json!(1.25))),
            def("decs", ty("DECIMAL", "DECIMAL(10,2)"), v(json!("1.25"))),
            def("bi", ty("BIGINT", "BIGINT"), v(json!({"$n": "9007199254740993"}))),
            def("bis", ty("BIGINT", "BIGINT"), v(json!("123"))),
            def("bool", ty("BOOLEAN", "BOOLEAN"), v(json!(true))),
            def("blob", ty("BLOB", "BYTEA"), v(json!({"$b": "aGk="}))),
            def("sbin", json!({"key": "STRING", "sql": "BYTEA", "binary": true}), v(json!("ab"))),
            def("arr", arr("VARCHAR(255)[]", string()), v(json!(["a", "b'c"]))),
            def("arri", arr("INTEGER[]", integer()), v(json!([]))),
            def("arrf", arr("FLOAT[]", ty("FLOAT", "FLOAT")), v(json!([1.5]))),
            def("arrj", arr("JSONB[]", ty("JSONB", "JSONB")), v(json!([{"$j": "{\"a\":1}"}]))),
            def("arrd", arr("TIMESTAMP WITH TIME ZONE[]", date.clone()), v(json!([{"$d": 0, "o": 0}]))),
            def("arre", json!({"key": "ARRAY", "sql": "ENUM[]", "element": enum_of(&["p", "q"])}), v(json!(["p"]))),
            def("en", enum_of(&["p", "q"]), v(json!("q"))),
            def("nul", string(), v(json!(null))),
            with(def("nn", string(), v(json!(null))), json!({"allowNull": false})),
            def("hs", ty("HSTORE", "HSTORE"), v(json!({"$j": "{\"a\":\"1\",\"b\\\"\":null}"}))),
            def("uuid1", ty("UUID", "UUID"), json!({"kind": "js"})),
            def("now", date.clone(), json!({"kind": "js"})),
            def("lit", integer(), json!({"kind": "raw", "sql": "1+1"})),
            def("fn", string(), json!({"kind": "raw", "sql": "upper('x')"})),
            def("tm", ty("TIME", "TIME"), v(json!("10:00:00"))),
            def("str", string(), v(json!("back\\slash"))),
            def("cmt", string(), v(json!("has COMMENT inside"))),
            def("ser", string(), v(json!("SERIAL"))),
        ], "options": {"timestamps": false}}));
        assert_eq!(
            ok(create_table_sql(&m, &SyncDdlOptions::default())),
            r#"CREATE TABLE IF NOT EXISTS "DefTs" ("id"   SERIAL , "j" JSON DEFAULT '{"a":1,"b":[1.5,"x"],"c":"it''s"}', "jb" JSONB DEFAULT '"str"', "jbn" JSONB DEFAULT '5', "jbarr" JSONB DEFAULT '[]', "dt" TIMESTAMP WITH TIME ZONE DEFAULT '2024-01-02 03:04:05.678 +00:00', "dtnum" TIMESTAMP WITH TIME ZONE DEFAULT '1970-01-01 00:00:00.000 +00:00', "dts" TIMESTAMP WITH TIME ZONE DEFAULT '2024-01-02 00:00:00.000 +00:00', "donly" DATE DEFAULT '2024-01-02', "donlyd" DATE DEFAULT '2024-01-02', "fl" FLOAT DEFAULT '1.5', "rl" REAL DEFAULT '2', "db" DOUBLE PRECISION DEFAULT '-0.25', "dec" DECIMAL(10,2) DEFAULT 1.25, "decs" DECIMAL(10,2) DEFAULT '1.25', "bi" BIGINT DEFAULT 9007199254740993, "bis" BIGINT DEFAULT '123', "bool" BOOLEAN DEFAULT true, "blob" BYTEA DEFAULT E'\\x6869', "sbin" BYTEA DEFAULT 'ab', "arr" VARCHAR(255)[] DEFAULT ARRAY['a','b''c']::VARCHAR(255)[], "arri" INTEGER[] DEFAULT ARRAY[]::INTEGER[], "arrf" FLOAT[] DEFAULT ARRAY['1.5']::FLOAT[], "arrj" JSONB[] DEFAULT ARRAY['{"a":1}']::JSONB[], "arrd" TIMESTAMP WITH TIME ZONE[] DEFAULT ARRAY['1970-01-01 00:00:00.000 +00:00']::TIMESTAMP WITH TIME ZONE[], "arre" "public"."enum_DefTs_arre"[] DEFAULT ARRAY['p']::"enum_DefTs_arre"[], "en" "public"."enum_DefTs_en" DEFAULT 'q', "nul" VARCHAR(255) DEFAULT NULL, "nn" VARCHAR(255) NOT NULL DEFAULT NULL, "hs" HSTORE DEFAULT '"a"=>"1","b\""=>NULL', "uuid1" UUID, "now" TIMESTAMP WITH TIME ZONE, "lit" INTEGER DEFAULT 1+1, "fn" VARCHAR(255) DEFAULT upper('x'), "tm" TIME DEFAULT '10:00:00', "str" VARCHAR(255) DEFAULT 'back\slash', "cmt" VARCHAR(255) DEFAULT 'has , "ser" VARCHAR(255) DEFAULT 'SERIAL', PRIMARY KEY ("id")); COMMENT ON COLUMN "DefTs"."cmt" IS 'inside''';"#
        );
    }

    #[test]
    fn default_value_details() {
        let t = TableRef::new("t");
        let lit = |key: &str, x: Value| {
            ok(default_literal(
                &attr(json!({"name": "x", "type": ty(key, key)})).ty,
                &x,
                &t,
                "x",
            ))
        };
        assert_eq!(lit("FLOAT", json!({"$f": "NaN"})), "'NaN'");
        assert_eq!(lit("REAL", json!({"$f": "-Infinity"})), "'-Infinity'");
        assert_eq!(lit("FLOAT", json!("abc")), "'NaN'");
        assert_eq!(lit("FLOAT", json!("2.5")), "'2.5'");
        assert_eq!(lit("DATE", json!({"$f": "Infinity"})), "'Infinity'");
        assert_eq!(
            lit("DATE", json!({"$d": 0, "o": 330})),
            "'1970-01-01 05:30:00.000 +05:30'"
        );
        assert_eq!(
            lit("JSON", json!({"$d": 1704164645678_i64, "o": 0})),
            "'\"2024-01-02T03:04:05.678Z\"'"
        );
        assert_eq!(lit("JSON", json!("a\n\"b\"")), "'\"a\\n\\\"b\\\"\"'");
        assert_eq!(lit("BLOB", json!("hi")), "E'\\\\x6869'");
        assert_eq!(lit("STRING", json!({"$r": "now()"})), "now()");
        assert_eq!(
            lit("HSTORE", json!({"$j": "{\"k'\":\"v\\\\\",\"n\":2}"})),
            "'\"k''\"=>\"v\\\\\",\"n\"=>\"2\"'"
        );
        assert_eq!(
            iso_from_moment("10000-01-01 00:00:00.000 +00:00"),
            "+010000-01-01T00:00:00.000Z"
        );
        assert_eq!(
            iso_from_moment("-0001-01-01 00:00:00.000 +00:00"),
            "-000001-01-01T00:00:00.000Z"
        );
        let sch = TableRef::with_schema("t", "s");
        let arr_enum = attr(
            json!({"name": "x", "type": {"key": "ARRAY", "sql": "x", "element": enum_of(&["p"])}}),
        );
        assert_eq!(
            ok(default_literal(&arr_enum.ty, &json!(["p"]), &sch, "f")),
            "ARRAY['p']::\"s\".\"enum_t_f\"[]"
        );
    }

    // -- sync({alter}) ------------------------------------------------------

    #[test]
    fn alter_067() {
        let v2 = model(json!({"name": "user", "attributes": [
            with(a("name", ty("STRING", "VARCHAR(100)")), json!({"allowNull": false})),
            a("age", ty("BIGINT", "BIGINT")),
            with(a("email", string()), json!({"defaultValue": {"kind": "value", "value": "none"}}))],
            "options": {"timestamps": false}}));
        let got = ok(alter_statements(
            &v2,
            &described(&["id", "name", "age", "legacy"]),
            &[],
            "db",
            true,
        ));
        assert_lines(
            &got,
            &[
                r#"ALTER TABLE "public"."users" ADD COLUMN "email" VARCHAR(255) DEFAULT 'none';"#,
                r#"ALTER TABLE "users" ALTER COLUMN "name" SET NOT NULL;ALTER TABLE "users" ALTER COLUMN "name" DROP DEFAULT;ALTER TABLE "users" ALTER COLUMN "name" TYPE VARCHAR(100);"#,
                r#"ALTER TABLE "users" ALTER COLUMN "age" DROP NOT NULL;ALTER TABLE "users" ALTER COLUMN "age" DROP DEFAULT;ALTER TABLE "users" ALTER COLUMN "age" TYPE BIGINT;"#,
                r#"ALTER TABLE "public"."users" DROP COLUMN "legacy";"#,
            ],
        );
        let again = ok(alter_statements(
            &v2,
            &described(&["id", "name", "age", "email"]),
            &[],
            "db",
            true,
        ));
        assert_lines(
            &again,
            &[
                r#"ALTER TABLE "users" ALTER COLUMN "name" SET NOT NULL;ALTER TABLE "users" ALTER COLUMN "name" DROP DEFAULT;ALTER TABLE "users" ALTER COLUMN "name" TYPE VARCHAR(100);"#,
                r#"ALTER TABLE "users" ALTER COLUMN "age" DROP NOT NULL;ALTER TABLE "users" ALTER COLUMN "age" DROP DEFAULT;ALTER TABLE "users" ALTER COLUMN "age" TYPE BIGINT;"#,
                r#"ALTER TABLE "users" ALTER COLUMN "email" DROP NOT NULL;ALTER TABLE "users" ALTER COLUMN "email" SET DEFAULT 'none';ALTER TABLE "users" ALTER COLUMN "email" TYPE VARCHAR(255);"#,
            ],
        );
    }

    #[test]
    fn alter_a9_with_enums_comments_uniques() {
        let v2 = model(json!({"name": "AltM", "attributes": [
            with(a("a", ty("TEXT", "TEXT")), json!({"allowNull": false, "defaultValue": {"kind": "value", "value": "d"}})),
            a("c", integer()),
            with(a("cm", string()), json!({"comment": "new col"})),
            a("k", enum_of(&["x", "y"])),
            with(a("u", string()), json!({"unique": true}))], "options": {}}));
        let t = TableRef::of_model(&v2);
        let cols: Vec<AttributeDef> = v2.columns().cloned().collect();
        // the table exists: ensureEnums (k missing), then alter
        let mut got = ok(ensure_enums(&t, &cols, &[None], false, true));
        got.extend(ok(alter_statements(
            &v2,
            &described(&["id", "a", "big", "dec", "createdAt", "updatedAt"]),
            &[],
            "db",
            true,
        )));
        assert_lines(
            &got,
            &[
                r#"DO 'BEGIN CREATE TYPE "public"."enum_AltMs_k" AS ENUM(''x'', ''y''); EXCEPTION WHEN duplicate_object THEN null; END';"#,
                r#"ALTER TABLE "public"."AltMs" ADD COLUMN "c" INTEGER;"#,
                r#"ALTER TABLE "public"."AltMs" ADD COLUMN "cm" VARCHAR(255); COMMENT ON COLUMN "AltMs"."cm" IS 'new col';"#,
                r#"DO 'BEGIN CREATE TYPE "public"."enum_AltMs_k" AS ENUM(''x'', ''y''); EXCEPTION WHEN duplicate_object THEN null; END';ALTER TABLE "public"."AltMs" ADD COLUMN "k" "public"."enum_AltMs_k";"#,
                r#"ALTER TABLE "public"."AltMs" ADD COLUMN "u" VARCHAR(255) UNIQUE;"#,
                r#"ALTER TABLE "AltMs" ALTER COLUMN "a" SET NOT NULL;ALTER TABLE "AltMs" ALTER COLUMN "a" SET DEFAULT 'd';ALTER TABLE "AltMs" ALTER COLUMN "a" TYPE TEXT;"#,
                r#"ALTER TABLE "public"."AltMs" DROP COLUMN "big";"#,
                r#"ALTER TABLE "public"."AltMs" DROP COLUMN "dec";"#,
                r#"ALTER TABLE "AltMs" ALTER COLUMN "createdAt" SET NOT NULL;ALTER TABLE "AltMs" ALTER COLUMN "createdAt" DROP DEFAULT;ALTER TABLE "AltMs" ALTER COLUMN "createdAt" TYPE TIMESTAMP WITH TIME ZONE;"#,
                r#"ALTER TABLE "AltMs" ALTER COLUMN "updatedAt" SET NOT NULL;ALTER TABLE "AltMs" ALTER COLUMN "updatedAt" DROP DEFAULT;ALTER TABLE "AltMs" ALTER COLUMN "updatedAt" TYPE TIMESTAMP WITH TIME ZONE;"#,
            ],
        );
        // V3: new enum labels, a comment on `a`, unique `c`; first with alter {drop: false}
        let v3 = model(json!({"name": "AltM", "attributes": [
            with(a("a", ty("TEXT", "TEXT")), json!({"allowNull": false, "defaultValue": {"kind": "value", "value": "d"}, "comment": "changed"})),
            with(a("c", integer()), json!({"unique": true})),
            with(a("cm", string()), json!({"comment": "new col"})),
            a("k", enum_of(&["w", "x", "y", "z"])),
            with(a("u", string()), json!({"unique": true}))], "options": {}}));
        let cols3: Vec<AttributeDef> = v3.columns().cloned().collect();
        let now = described(&["id", "a", "createdAt", "updatedAt", "c", "cm", "k", "u"]);
        let mut got = ok(ensure_enums(
            &t,
            &cols3,
            &[Some(vec!["x".into(), "y".into()])],
            false,
            true,
        ));
        got.extend(ok(alter_statements(&v3, &now, &[], "db", false)));
        assert_lines(
            &got,
            &[
                r#"ALTER TYPE "public"."enum_AltMs_k" ADD VALUE IF NOT EXISTS 'w' BEFORE 'x'"#,
                r#"ALTER TYPE "public"."enum_AltMs_k" ADD VALUE IF NOT EXISTS 'z' AFTER 'y'"#,
            ],
        );
        let got = ok(alter_statements(&v3, &now, &[], "db", true));
        assert_lines(
            &got,
            &[
                r#"ALTER TABLE "AltMs" ALTER COLUMN "a" SET NOT NULL;ALTER TABLE "AltMs" ALTER COLUMN "a" SET DEFAULT 'd';ALTER TABLE "AltMs" ALTER COLUMN "a" TYPE TEXT  ; COMMENT ON COLUMN "AltMs"."a" IS 'changed';"#,
                r#"ALTER TABLE "AltMs" ALTER COLUMN "createdAt" SET NOT NULL;ALTER TABLE "AltMs" ALTER COLUMN "createdAt" DROP DEFAULT;ALTER TABLE "AltMs" ALTER COLUMN "createdAt" TYPE TIMESTAMP WITH TIME ZONE;"#,
                r#"ALTER TABLE "AltMs" ALTER COLUMN "updatedAt" SET NOT NULL;ALTER TABLE "AltMs" ALTER COLUMN "updatedAt" DROP DEFAULT;ALTER TABLE "AltMs" ALTER COLUMN "updatedAt" TYPE TIMESTAMP WITH TIME ZONE;"#,
                r#"ALTER TABLE "AltMs" ALTER COLUMN "c" DROP NOT NULL;ALTER TABLE "AltMs" ALTER COLUMN "c" DROP DEFAULT;ALTER TABLE "AltMs"  ADD UNIQUE ("c");ALTER TABLE "AltMs" ALTER COLUMN "c" TYPE INTEGER ;"#,
                r#"ALTER TABLE "AltMs" ALTER COLUMN "cm" DROP NOT NULL;ALTER TABLE "AltMs" ALTER COLUMN "cm" DROP DEFAULT;ALTER TABLE "AltMs" ALTER COLUMN "cm" TYPE VARCHAR(255); COMMENT ON COLUMN "AltMs"."cm" IS 'new col';"#,
                r#"ALTER TABLE "AltMs" ALTER COLUMN "k" DROP NOT NULL;ALTER TABLE "AltMs" ALTER COLUMN "k" DROP DEFAULT;DO 'BEGIN CREATE TYPE "public"."enum_AltMs_k" AS ENUM(''w'', ''x'', ''y'', ''z''); EXCEPTION WHEN duplicate_object THEN null; END';ALTER TABLE "AltMs" ALTER COLUMN "k" TYPE "public"."enum_AltMs_k" USING ("k"::"public"."enum_AltMs_k");"#,
                r#"ALTER TABLE "AltMs" ALTER COLUMN "u" DROP NOT NULL;ALTER TABLE "AltMs" ALTER COLUMN "u" DROP DEFAULT;ALTER TABLE "AltMs"  ADD UNIQUE ("u");ALTER TABLE "AltMs" ALTER COLUMN "u" TYPE VARCHAR(255) ;"#,
            ],
        );
    }

    #[test]
    fn alter_foreign_keys() {
        let mut posts = model(json!({"name": "post", "attributes": [a("title", string()),
            with(a("authorId", integer()), json!({"references": {"table": "authors", "key": "id"}, "onDelete": "SET NULL", "onUpdate": "CASCADE"}))],
            "options": {"timestamps": false}}));
        posts.attributes.rotate_left(0);
        let fks: Vec<ForeignKeyRef> = ok(serde_json::from_value(json!([{
            "constraintName": "posts_authorId_fkey", "constraintSchema": "public", "constraintCatalog": "ha_ddl",
            "tableName": "posts", "tableSchema": "public", "tableCatalog": "ha_ddl", "columnName": "authorId",
            "referencedTableSchema": "public", "referencedTableCatalog": "ha_ddl", "referencedTableName": "authors",
            "referencedColumnName": "id", "deferrable": {}
        }])).map_err(|e| CoreError::invalid(e.to_string())));
        let got = ok(alter_statements(
            &posts,
            &described(&["id", "title", "authorId"]),
            &fks,
            "ha_ddl",
            true,
        ));
        assert_lines(
            &got,
            &[
                r#"ALTER TABLE "posts" ALTER COLUMN "title" DROP NOT NULL;ALTER TABLE "posts" ALTER COLUMN "title" DROP DEFAULT;ALTER TABLE "posts" ALTER COLUMN "title" TYPE VARCHAR(255);"#,
                r#"ALTER TABLE "posts" DROP CONSTRAINT "posts_authorId_fkey""#,
                r#"ALTER TABLE "posts"  ADD FOREIGN KEY ("authorId") REFERENCES "authors" ("id") ON DELETE SET NULL ON UPDATE CASCADE;"#,
            ],
        );
        // another database: the constraint is not dropped
        let got = ok(alter_statements(
            &posts,
            &described(&["id", "title", "authorId"]),
            &fks,
            "other",
            true,
        ));
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn enum_labels_are_added_in_place() {
        let v2 = model(
            json!({"name": "thing", "attributes": [a("k", enum_of(&["x", "a", "c", "b", "d", "e"])), a("k2", enum_of(&["q", "p", "r"]))],
            "options": {"timestamps": false}}),
        );
        let cols: Vec<AttributeDef> = v2.columns().cloned().collect();
        let got = ok(ensure_enums(
            &TableRef::of_model(&v2),
            &cols,
            &[Some(vec!["a".into(), "b".into()]), Some(vec!["p".into()])],
            false,
            true,
        ));
        assert_lines(
            &got,
            &[
                r#"ALTER TYPE "public"."enum_things_k" ADD VALUE IF NOT EXISTS 'x' BEFORE 'a'"#,
                r#"ALTER TYPE "public"."enum_things_k" ADD VALUE IF NOT EXISTS 'c' BEFORE 'b'"#,
                r#"ALTER TYPE "public"."enum_things_k" ADD VALUE IF NOT EXISTS 'e' AFTER 'b'"#,
                r#"ALTER TYPE "public"."enum_things_k" ADD VALUE IF NOT EXISTS 'd' AFTER 'b'"#,
                r#"ALTER TYPE "public"."enum_things_k2" ADD VALUE IF NOT EXISTS 'q' BEFORE 'p'"#,
                r#"ALTER TYPE "public"."enum_things_k2" ADD VALUE IF NOT EXISTS 'r' AFTER 'p'"#,
            ],
        );
        // without a model nothing is altered; a missing type does not advance the lookup index
        let got = ok(ensure_enums(
            &TableRef::of_model(&v2),
            &cols,
            &[None, Some(vec!["p".into()])],
            false,
            true,
        ));
        assert_eq!(got.len(), 2);
        assert!(got.iter().all(|s| s.starts_with("DO 'BEGIN CREATE TYPE")));
        let got = ok(ensure_enums(
            &TableRef::of_model(&v2),
            &cols,
            &[Some(vec!["a".into()]), None],
            false,
            false,
        ));
        assert!(got.is_empty());
        assert_eq!(
            drop_enums(&v2),
            [
                r#"DROP TYPE IF EXISTS "public"."enum_things_k";"#,
                r#"DROP TYPE IF EXISTS "public"."enum_things_k2";"#,
            ]
        );
    }

    #[test]
    fn enum_label_parsing() {
        assert_eq!(parse_enum_labels("{a,b}"), ["a", "b"]);
        assert_eq!(parse_enum_labels("{}"), Vec::<String>::new());
        assert_eq!(
            parse_enum_labels("{\"a b\",c,\"d,e\",\"q\\\"x\"}"),
            ["a b", "c", "d,e", "q\"x"]
        );
        assert_eq!(parse_enum_labels("{x}"), ["x"]);
    }

    // -- indexes ------------------------------------------------------------------

    fn idx(v: Value) -> IndexDef {
        match serde_json::from_value(v) {
            Ok(i) => i,
            Err(e) => panic!("bad index: {e}"),
        }
    }

    #[test]
    fn model_indexes_076() {
        let m = model(
            json!({"name": "user", "attributes": [a("email", string()), a("firstName", string()), a("lastName", string()),
            a("status", string()), a("data", ty("JSONB", "JSONB")), a("score", integer()), a("doc", ty("JSONB", "JSONB"))],
            "options": {"timestamps": false, "indexes": [
                {"unique": true, "fields": [{"name": "email"}]},
                {"fields": [{"name": "firstName"}, {"name": "lastName"}]},
                {"name": "custom_status_idx", "fields": [{"name": "status"}], "where": "\"status\" != 'archived'"},
                {"using": "gin", "fields": [{"name": "data"}]},
                {"fields": [{"name": "score", "order": "DESC"}]},
                {"fields": [{"name": "email", "collate": "C", "length": 5, "operator": "text_pattern_ops", "order": "ASC"}], "name": "email_ops"},
                {"fields": [{"name": "lastName"}], "operator": "varchar_pattern_ops", "unique": true, "prefix": "px"},
                {"fields": [{"name": "", "raw": "lower(\"email\")"}], "name": "lower_email"},
                {"fields": [{"name": "status"}], "concurrently": true},
                {"fields": [{"name": "score"}, {"name": "id"}], "using": "BTREE", "where": "WHERE \"score\" > 5 AND \"status\" = 'x'"},
                {"fields": [{"name": "doc"}], "using": "gin"}
            ]}}),
        );
        assert_lines(
            &sync_force(&m),
            &[
                r#"DROP TABLE IF EXISTS "users" CASCADE;"#,
                r#"CREATE TABLE IF NOT EXISTS "users" ("id"   SERIAL , "email" VARCHAR(255), "firstName" VARCHAR(255), "lastName" VARCHAR(255), "status" VARCHAR(255), "data" JSONB, "score" INTEGER, "doc" JSONB, PRIMARY KEY ("id"));"#,
                r#"CREATE UNIQUE INDEX "users_email" ON "users" ("email")"#,
                r#"CREATE INDEX "users_first_name_last_name" ON "users" ("firstName", "lastName")"#,
                r#"CREATE INDEX "custom_status_idx" ON "users" ("status") WHERE "status" != 'archived'"#,
                r#"CREATE INDEX "users_data" ON "users" USING gin ("data")"#,
                r#"CREATE INDEX "users_score" ON "users" ("score" DESC)"#,
                r#"CREATE INDEX "email_ops" ON "users" ("email" COLLATE "C" text_pattern_ops ASC)"#,
                r#"CREATE UNIQUE INDEX "users_last_name" ON "users" ("lastName" varchar_pattern_ops)"#,
                r#"CREATE INDEX "lower_email" ON "users" (lower("email"))"#,
                r#"CREATE INDEX "users_score_id" ON "users" USING BTREE ("score", "id") WHERE "score" > 5 AND "status" = 'x'"#,
                r#"CREATE INDEX "users_doc" ON "users" USING gin ("doc")"#,
                r#"CREATE INDEX CONCURRENTLY "users_status" ON "users" ("status")"#,
            ],
        );
        // a second sync finds them all
        let names: Vec<String> = m.indexes.iter().filter_map(|i| i.name.clone()).collect();
        assert!(ok(missing_index_statements(&m, &names)).is_empty());
        let only = ok(missing_index_statements(&m, &names[1..]));
        assert_eq!(
            only,
            [r#"CREATE UNIQUE INDEX "users_email" ON "users" ("email")"#]
        );
    }

    #[test]
    fn qi_indexes() {
        let users = TableRef::new("users");
        let f = |names: &[&str]| names.iter().map(|n| json!({"name": n})).collect::<Vec<_>>();
        assert_eq!(
            ok(add_index(
                &users,
                &idx(json!({"fields": f(&["email", "status"])})),
                None
            )),
            r#"CREATE INDEX "users_email_status" ON "users" ("email", "status")"#
        );
        assert_eq!(
            ok(add_index(
                &users,
                &idx(json!({"fields": f(&["email"]), "unique": true, "name": "uq_e2"})),
                None
            )),
            r#"CREATE UNIQUE INDEX "uq_e2" ON "users" ("email")"#
        );
        assert_eq!(
            ok(add_index(
                &users,
                &idx(json!({"fields": f(&["score"]), "prefix": "pre.fix\"x"})),
                None
            )),
            r#"CREATE INDEX "pre_fixx_score" ON "users" ("score")"#
        );
        assert_eq!(
            ok(add_index(
                &TableRef::new("things"),
                &idx(json!({"fields": f(&["title"]), "unique": true, "name": "things_title_idx"})),
                None
            )),
            r#"CREATE UNIQUE INDEX "things_title_idx" ON "things" ("title")"#
        );
        assert_eq!(
            ok(add_index(
                &TableRef::new("qi_t"),
                &idx(json!({"fields": f(&["name"]), "unique": true})),
                None
            )),
            r#"CREATE UNIQUE INDEX "qi_t_name" ON "qi_t" ("name")"#
        );
        assert_eq!(
            ok(add_index(
                &TableRef::with_schema("ct3", "s2"),
                &idx(json!({"fields": f(&["e"])})),
                None
            )),
            r#"CREATE INDEX "ct3_e" ON "s2"."ct3" ("e")"#
        );
        assert_eq!(
            ok(add_index(
                &users,
                &idx(
                    json!({"fields": f(&["a"]), "name": "x", "concurrently": true, "unique": true, "using": "gin", "where": "\"a\" = 1"})
                ),
                None
            )),
            r#"CREATE UNIQUE INDEX CONCURRENTLY "x" ON "users" USING gin ("a") WHERE "a" = 1"#
        );
        assert!(add_index(&users, &idx(json!({"fields": f(&[""])})), None).is_err());
        assert_eq!(
            remove_index("users", &IndexTarget::Name("uq_e2".into()), false),
            r#"DROP INDEX IF EXISTS "uq_e2""#
        );
        assert_eq!(
            remove_index(
                "users",
                &IndexTarget::Fields(vec!["email".into(), "status".into()]),
                false
            ),
            r#"DROP INDEX IF EXISTS "users_email_status""#
        );
        assert_eq!(
            remove_index("users", &IndexTarget::Name("users_score".into()), true),
            r#"DROP INDEX CONCURRENTLY IF EXISTS "users_score""#
        );
        assert_eq!(
            remove_index("users", &IndexTarget::Name("x.y".into()), false),
            r#"DROP INDEX IF EXISTS "x"."y""#
        );
    }

    // -- QueryInterface -------------------------------------------------------------

    #[test]
    fn qi_083_and_a11() {
        let things = TableRef::new("things");
        let id = attr(
            json!({"name": "id", "type": integer(), "primaryKey": true, "autoIncrement": true}),
        );
        let got = ok(qi_create_table(
            &things,
            &[
                id.clone(),
                attr(json!({"name": "name", "type": string(), "allowNull": false})),
                attr(
                    json!({"name": "createdAt", "type": ty("DATE", "TIMESTAMP WITH TIME ZONE"), "defaultValue": {"kind": "raw", "sql": "now()"}}),
                ),
            ],
            &QiCreateTableOptions::default(),
        ));
        assert_lines(
            &got,
            &[
                r#"CREATE TABLE IF NOT EXISTS "things" ("id"  SERIAL , "name" VARCHAR(255) NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE DEFAULT now(), PRIMARY KEY ("id"));"#,
            ],
        );
        assert_eq!(
            ok(add_column(
                &things,
                "qty",
                &attr(
                    json!({"name": "qty", "type": integer(), "defaultValue": {"kind": "value", "value": 1}})
                )
            )),
            r#"ALTER TABLE "public"."things" ADD COLUMN "qty" INTEGER DEFAULT 1;"#
        );
        assert_eq!(
            rename_column(&things, "name", "title"),
            r#"ALTER TABLE "things" RENAME COLUMN "name" TO "title";"#
        );
        assert_eq!(
            ok(change_column(
                &things,
                "qty",
                &attr(json!({"name": "qty", "type": ty("BIGINT", "BIGINT"), "allowNull": true}))
            )),
            r#"ALTER TABLE "things" ALTER COLUMN "qty" DROP NOT NULL;ALTER TABLE "things" ALTER COLUMN "qty" DROP DEFAULT;ALTER TABLE "things" ALTER COLUMN "qty" TYPE BIGINT;"#
        );
        assert_eq!(
            ok(add_column(
                &things,
                "tmp",
                &attr(json!({"name": "tmp", "type": string()}))
            )),
            r#"ALTER TABLE "public"."things" ADD COLUMN "tmp" VARCHAR(255);"#
        );
        assert_eq!(
            remove_column(&things, "tmp"),
            r#"ALTER TABLE "public"."things" DROP COLUMN "tmp";"#
        );
        assert_eq!(
            drop_table(&things, false),
            r#"DROP TABLE IF EXISTS "things";"#
        );

        let qi_t = TableRef::new("qi_t");
        let got = ok(qi_create_table(
            &qi_t,
            &[
                id,
                attr(json!({"name": "name", "type": string(), "allowNull": false})),
                attr(json!({"name": "createdAt", "type": ty("DATE", "TIMESTAMP WITH TIME ZONE")})),
            ],
            &QiCreateTableOptions::default(),
        ));
        assert_lines(
            &got,
            &[
                r#"CREATE TABLE IF NOT EXISTS "qi_t" ("id"  SERIAL , "name" VARCHAR(255) NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE, PRIMARY KEY ("id"));"#,
            ],
        );
        assert_eq!(
            ok(add_column(
                &qi_t,
                "age",
                &attr(
                    json!({"name": "age", "type": integer(), "defaultValue": {"kind": "value", "value": 0}})
                )
            )),
            r#"ALTER TABLE "public"."qi_t" ADD COLUMN "age" INTEGER DEFAULT 0;"#
        );
        assert_eq!(
            ok(change_column(
                &qi_t,
                "age",
                &attr(json!({"name": "age", "type": ty("BIGINT", "BIGINT")}))
            )),
            r#"ALTER TABLE "qi_t" ALTER COLUMN "age" DROP NOT NULL;ALTER TABLE "qi_t" ALTER COLUMN "age" DROP DEFAULT;ALTER TABLE "qi_t" ALTER COLUMN "age" TYPE BIGINT;"#
        );
        assert_eq!(
            rename_column(&qi_t, "age", "years"),
            r#"ALTER TABLE "qi_t" RENAME COLUMN "age" TO "years";"#
        );
        let cons = |v: Value| -> ConstraintDef {
            match serde_json::from_value(v) {
                Ok(c) => c,
                Err(e) => panic!("bad constraint: {e}"),
            }
        };
        assert_eq!(
            ok(add_constraint(
                &qi_t,
                &cons(
                    json!({"type": "check", "fields": [{"name": "years"}], "where": "\"years\" >= 0", "name": "years_ck"})
                )
            )),
            r#"ALTER TABLE "qi_t" ADD CONSTRAINT "years_ck" CHECK ("years" >= 0);"#
        );
        assert_eq!(
            ok(add_constraint(
                &qi_t,
                &cons(json!({"type": "unique", "fields": [{"name": "name"}]}))
            )),
            r#"ALTER TABLE "qi_t" ADD CONSTRAINT "qi_t_name_uk" UNIQUE ("name");"#
        );
        assert_eq!(
            ok(add_constraint(
                &qi_t,
                &cons(
                    json!({"type": "UNIQUE", "fields": [{"name": "name"}, {"name": "years"}], "name": "uq2", "deferrable": "DEFERRABLE INITIALLY DEFERRED"})
                )
            )),
            r#"ALTER TABLE "qi_t" ADD CONSTRAINT "uq2" UNIQUE ("name", "years") DEFERRABLE INITIALLY DEFERRED;"#
        );
        let t = TableRef::new("t");
        assert_eq!(
            ok(add_constraint(
                &t,
                &cons(
                    json!({"type": "FOREIGN KEY", "fields": [{"name": "a"}], "references": {"table": {"table": "u"}, "field": "id"}, "onDelete": "cascade", "onUpdate": "restrict"})
                )
            )),
            r#"ALTER TABLE "t" ADD CONSTRAINT "t_a_u_fk" FOREIGN KEY ("a") REFERENCES "u" ("id") ON UPDATE RESTRICT ON DELETE CASCADE;"#
        );
        assert_eq!(
            ok(add_constraint(
                &t,
                &cons(json!({"type": "PRIMARY KEY", "fields": [{"name": "a"}, {"name": "b"}]}))
            )),
            r#"ALTER TABLE "t" ADD CONSTRAINT "t_a_b_pk" PRIMARY KEY ("a", "b");"#
        );
        assert_eq!(
            ok(add_constraint(
                &TableRef::with_schema("t", "s"),
                &cons(
                    json!({"type": "FOREIGN KEY", "fields": [{"name": "a"}, {"name": "b"}], "references": {"table": {"table": "u", "schema": "s"}, "fields": ["x", "y"]}, "name": "fkx"})
                )
            )),
            r#"ALTER TABLE "s"."t" ADD CONSTRAINT "fkx" FOREIGN KEY ("a", "b") REFERENCES "s"."u" ("x", "y");"#
        );
        let e = |v: Value| match add_constraint(&t, &cons(v)) {
            Ok(s) => panic!("expected an error, got {s}"),
            Err(e) => e.message,
        };
        assert_eq!(
            e(json!({"type": "unique"})),
            "Fields must be specified through options.fields"
        );
        assert_eq!(
            e(json!({"fields": [{"name": "a"}]})),
            "Constraint type must be specified through options.type"
        );
        assert_eq!(
            e(json!({"type": "nope", "fields": [{"name": "a"}]})),
            "nope is invalid."
        );
        assert_eq!(
            e(json!({"type": "foreign key", "fields": [{"name": "a"}]})),
            "references object with table and field must be specified"
        );
        assert_eq!(
            e(json!({"type": "default", "fields": [{"name": "a"}], "defaultValue": 1})),
            "Default constraints are supported only for MSSQL dialect."
        );
        assert_eq!(
            remove_constraint(&qi_t, "years_ck"),
            r#"ALTER TABLE "qi_t" DROP CONSTRAINT "years_ck""#
        );
        assert_eq!(
            remove_constraint(&TableRef::with_schema("t", "s"), "c.d"),
            r#"ALTER TABLE "s"."t" DROP CONSTRAINT "c"."d""#
        );
        assert_eq!(
            remove_column(&qi_t, "years"),
            r#"ALTER TABLE "public"."qi_t" DROP COLUMN "years";"#
        );
        assert_eq!(
            rename_table(&qi_t, &TableRef::new("qi_t2")),
            r#"ALTER TABLE "qi_t" RENAME TO "qi_t2";"#
        );
        assert_eq!(
            drop_table(&TableRef::new("qi_t2"), false),
            r#"DROP TABLE IF EXISTS "qi_t2";"#
        );
        assert_eq!(
            create_schema("sch1", true),
            r#"CREATE SCHEMA IF NOT EXISTS "sch1";"#
        );
        assert_eq!(create_schema("app", false), r#"CREATE SCHEMA "app";"#);
        assert_eq!(
            drop_schema("sch1"),
            r#"DROP SCHEMA IF EXISTS "sch1" CASCADE;"#
        );
        assert_eq!(
            drop_foreign_key_sql(&t, "fk1"),
            r#"ALTER TABLE "t" DROP CONSTRAINT "fk1";"#
        );
        assert_eq!(drop_enum("enum_x"), r#"DROP TYPE IF EXISTS "enum_x";"#);
    }

    #[test]
    fn qi_create_table_options_and_schemas() {
        let s2 = TableRef::new("ct");
        let opts = QiCreateTableOptions {
            schema: Some("s2".into()),
            comment: Some("table's comment".into()),
            unique_keys: vec![UniqueKeyDef {
                name: Some("my_uk".into()),
                fields: vec!["a".into(), "b".into()],
                custom_index: None,
            }],
            ..Default::default()
        };
        let got = ok(qi_create_table(
            &s2,
            &[
                attr(json!({"name": "id", "type": ty("UUID", "UUID"), "primaryKey": true})),
                attr(json!({"name": "a", "type": string(), "unique": true, "comment": "col a"})),
                attr(json!({"name": "b", "type": string(), "unique": "named_u"})),
                attr(
                    json!({"name": "ref", "type": ty("UUID", "UUID"), "references": {"table": "ct", "key": "id"}, "onDelete": "CASCADE"}),
                ),
                attr(
                    json!({"name": "ref2", "type": integer(), "references": {"table": "other", "schema": "x"}}),
                ),
                attr(
                    json!({"name": "n", "type": integer(), "allowNull": false, "defaultValue": {"kind": "value", "value": 3}, "field": "n_field"}),
                ),
            ],
            &opts,
        ));
        assert_lines(
            &got,
            &[
                r#"CREATE TABLE IF NOT EXISTS "s2"."ct" ("id" UUID , "a" VARCHAR(255) UNIQUE , "b" VARCHAR(255), "ref" UUID REFERENCES "s2"."ct" ("id") ON DELETE CASCADE, "ref2" INTEGER REFERENCES "x"."other" ("id"), "n_field" INTEGER NOT NULL DEFAULT 3, UNIQUE ("a", "b"), PRIMARY KEY ("id")); COMMENT ON TABLE "s2"."ct" IS 'table''s comment'; COMMENT ON COLUMN "s2"."ct"."a" IS 'col a';"#,
            ],
        );
        let ct3 = TableRef::with_schema("ct3", "s2");
        let got = ok(qi_create_table(
            &ct3,
            &[
                attr(
                    json!({"name": "id", "type": integer(), "primaryKey": true, "autoIncrement": true}),
                ),
                attr(json!({"name": "e", "type": enum_of(&["a"])})),
            ],
            &QiCreateTableOptions::default(),
        ));
        assert_lines(
            &got,
            &[
                r#"DO 'BEGIN CREATE TYPE "s2"."enum_ct3_e" AS ENUM(''a''); EXCEPTION WHEN duplicate_object THEN null; END';"#,
                r#"CREATE TABLE IF NOT EXISTS "s2"."ct3" ("id"  SERIAL , "e" "s2"."enum_ct3_e", PRIMARY KEY ("id"));"#,
            ],
        );
        assert_eq!(
            ok(add_column(
                &ct3,
                "c2",
                &attr(json!({"name": "c2", "type": string(), "comment": "c"}))
            )),
            r#"ALTER TABLE "s2"."ct3" ADD COLUMN "c2" VARCHAR(255); COMMENT ON COLUMN "s2"."ct3"."c2" IS 'c';"#
        );
        assert_eq!(
            ok(change_column(
                &ct3,
                "c2",
                &attr(json!({"name": "c2", "type": ty("TEXT", "TEXT"), "comment": "d"}))
            )),
            r#"ALTER TABLE "s2"."ct3" ALTER COLUMN "c2" DROP NOT NULL;ALTER TABLE "s2"."ct3" ALTER COLUMN "c2" DROP DEFAULT;ALTER TABLE "s2"."ct3" ALTER COLUMN "c2" TYPE TEXT; COMMENT ON COLUMN "s2"."ct3"."c2" IS 'd';"#
        );
        assert_eq!(
            rename_column(&ct3, "c2", "c3"),
            r#"ALTER TABLE "s2"."ct3" RENAME COLUMN "c2" TO "c3";"#
        );
        assert_eq!(
            remove_column(&ct3, "c3"),
            r#"ALTER TABLE "s2"."ct3" DROP COLUMN "c3";"#
        );
        // Sequelize's invalid form, kept
        assert_eq!(
            rename_table(&ct3, &TableRef::with_schema("ct4", "s2")),
            r#"ALTER TABLE "s2"."ct3" RENAME TO "s2"."ct4";"#
        );
        assert_eq!(
            drop_table(&TableRef::with_schema("a", "s"), true),
            r#"DROP TABLE IF EXISTS "s"."a" CASCADE;"#
        );
    }

    #[test]
    fn qi_enum_columns() {
        let qt = TableRef::new("qt");
        let id = attr(
            json!({"name": "id", "type": integer(), "primaryKey": true, "autoIncrement": true}),
        );
        let got = ok(qi_create_table(
            &qt,
            &[
                id.clone(),
                attr(json!({"name": "kk", "type": enum_of(&["m", "n"])})),
                attr(json!({"name": "kk2", "type": enum_of(&["o"]), "field": "kk_two"})),
            ],
            &QiCreateTableOptions::default(),
        ));
        assert_lines(
            &got,
            &[
                r#"DO 'BEGIN CREATE TYPE "public"."enum_qt_kk" AS ENUM(''m'', ''n''); EXCEPTION WHEN duplicate_object THEN null; END';"#,
                r#"DO 'BEGIN CREATE TYPE "public"."enum_qt_kk_two" AS ENUM(''o''); EXCEPTION WHEN duplicate_object THEN null; END';"#,
                r#"CREATE TABLE IF NOT EXISTS "qt" ("id"  SERIAL , "kk" "public"."enum_qt_kk", "kk_two" "public"."enum_qt_kk_two", PRIMARY KEY ("id"));"#,
            ],
        );
        // the type exists already: no model → nothing but CREATE TABLE
        let attrs = [
            id,
            attr(json!({"name": "kk", "type": enum_of(&["m", "n", "o"])})),
        ];
        let mut got = ok(ensure_enums(
            &qt,
            &attrs,
            &[Some(vec!["m".into(), "n".into()])],
            false,
            false,
        ));
        got.push(
            ok(qi_create_table(
                &qt,
                &attrs,
                &QiCreateTableOptions::default(),
            ))
            .pop()
            .unwrap_or_default(),
        );
        assert_lines(
            &got,
            &[
                r#"CREATE TABLE IF NOT EXISTS "qt" ("id"  SERIAL , "kk" "public"."enum_qt_kk", PRIMARY KEY ("id"));"#,
            ],
        );
        assert_eq!(
            ok(add_column(
                &qt,
                "kn",
                &attr(json!({"name": "kn", "type": enum_of(&["z"])}))
            )),
            r#"DO 'BEGIN CREATE TYPE "public"."enum_qt_kn" AS ENUM(''z''); EXCEPTION WHEN duplicate_object THEN null; END';ALTER TABLE "public"."qt" ADD COLUMN "kn" "public"."enum_qt_kn";"#
        );
        assert_eq!(
            ok(add_column(
                &qt,
                "kan",
                &attr(
                    json!({"name": "kan", "type": {"key": "ARRAY", "sql": "ENUM[]", "element": enum_of(&["z2"])}})
                )
            )),
            r#"DO 'BEGIN CREATE TYPE "public"."enum_qt_kan" AS ENUM(''z2''); EXCEPTION WHEN duplicate_object THEN null; END';ALTER TABLE "public"."qt" ADD COLUMN "kan" "public"."enum_qt_kan"[];"#
        );
        assert_eq!(
            ok(change_column(
                &qt,
                "kn",
                &attr(
                    json!({"name": "kn", "type": enum_of(&["z", "zz"]), "allowNull": false, "defaultValue": {"kind": "value", "value": "z"}})
                )
            )),
            r#"ALTER TABLE "qt" ALTER COLUMN "kn" SET NOT NULL;ALTER TABLE "qt" ALTER COLUMN "kn" SET DEFAULT 'z';DO 'BEGIN CREATE TYPE "public"."enum_qt_kn" AS ENUM(''z'', ''zz''); EXCEPTION WHEN duplicate_object THEN null; END';ALTER TABLE "qt" ALTER COLUMN "kn" TYPE "public"."enum_qt_kn" USING ("kn"::"public"."enum_qt_kn");"#
        );
        assert_eq!(
            ok(change_column(
                &TableRef::with_schema("nope", "sc"),
                "x",
                &attr(
                    json!({"name": "x", "type": enum_of(&["a", "b"]), "allowNull": false, "defaultValue": {"kind": "value", "value": "a"}})
                )
            )),
            r#"ALTER TABLE "sc"."nope" ALTER COLUMN "x" SET NOT NULL;ALTER TABLE "sc"."nope" ALTER COLUMN "x" SET DEFAULT 'a';DO 'BEGIN CREATE TYPE "sc"."enum_nope_x" AS ENUM(''a'', ''b''); EXCEPTION WHEN duplicate_object THEN null; END';ALTER TABLE "sc"."nope" ALTER COLUMN "x" TYPE "sc"."enum_nope_x" USING ("x"::"sc"."enum_nope_x");"#
        );
        // ARRAY(ENUM): Sequelize's USING lacks the [] (rejected by PostgreSQL); kept
        assert_eq!(
            ok(change_column(
                &TableRef::new("users"),
                "kinds",
                &attr(
                    json!({"name": "kinds", "type": {"key": "ARRAY", "sql": "ENUM[]", "element": enum_of(&["x", "y"])}})
                )
            )),
            r#"ALTER TABLE "users" ALTER COLUMN "kinds" DROP NOT NULL;ALTER TABLE "users" ALTER COLUMN "kinds" DROP DEFAULT;DO 'BEGIN CREATE TYPE "public"."enum_users_kinds" AS ENUM(''x'', ''y''); EXCEPTION WHEN duplicate_object THEN null; END';ALTER TABLE "users" ALTER COLUMN "kinds" TYPE "public"."enum_users_kinds"[] USING ("kinds"::"public"."enum_users_kinds");"#
        );
        assert!(add_column(&qt, "", &attr(json!({"name": "x", "type": string()}))).is_err());
        assert_eq!(
            match add_column(
                &qt,
                "e",
                &attr(
                    json!({"name": "e", "type": {"key": "ARRAY", "sql": "x", "element": {"key": "ENUM", "sql": "ENUM"}}})
                )
            ) {
                Ok(s) => s,
                Err(e) => e.message,
            },
            "Values for ENUM haven't been defined."
        );
    }

    /// changeColumn edge cases, verbatim from Sequelize (some are invalid SQL there too).
    #[test]
    fn change_column_quirks() {
        let nope = TableRef::new("nope");
        let cc = |v: Value| ok(change_column(&nope, "x", &attr(v)));
        assert_eq!(
            cc(
                json!({"name": "x", "type": integer(), "references": {"table": "users", "key": "id"}, "onDelete": "cascade"})
            ),
            r#"ALTER TABLE "nope"  ADD FOREIGN KEY ("x") REFERENCES "users" ("id") ON DELETE CASCADE;"#
        );
        assert_eq!(
            cc(
                json!({"name": "x", "type": integer(), "allowNull": false, "unique": true, "defaultValue": {"kind": "value", "value": 5}, "comment": "z"})
            ),
            r#"ALTER TABLE "nope" ALTER COLUMN "x" SET NOT NULL;ALTER TABLE "nope" ALTER COLUMN "x" SET DEFAULT 5 UNIQUE;ALTER TABLE "nope" ALTER COLUMN "x" TYPE INTEGER  ; COMMENT ON COLUMN "nope"."x" IS 'z';"#
        );
        assert_eq!(
            cc(
                json!({"name": "x", "type": integer(), "allowNull": false, "references": {"table": "users"}, "defaultValue": {"kind": "value", "value": 5}})
            ),
            r#"ALTER TABLE "nope" ALTER COLUMN "x" SET NOT NULL;ALTER TABLE "nope" ALTER COLUMN "x" SET DEFAULT 5 REFERENCES "users" ("id");ALTER TABLE "nope" ALTER COLUMN "x" TYPE INTEGER;"#
        );
        assert_eq!(
            cc(
                json!({"name": "x", "type": string(), "defaultValue": {"kind": "value", "value": "x;y"}})
            ),
            r#"ALTER TABLE "nope" ALTER COLUMN "x" DROP NOT NULL;ALTER TABLE "nope" ALTER COLUMN "x" SET DEFAULT 'x;ALTER TABLE "nope" ALTER COLUMN "x" TYPE VARCHAR(255) ;y';"#
        );
        assert_eq!(
            cc(
                json!({"name": "x", "type": string(), "defaultValue": {"kind": "value", "value": "NOT NULL"}})
            ),
            r#"ALTER TABLE "nope" ALTER COLUMN "x" SET NOT NULL;ALTER TABLE "nope" ALTER COLUMN "x" SET DEFAULT '';ALTER TABLE "nope" ALTER COLUMN "x" TYPE VARCHAR(255);"#
        );
        assert_eq!(
            cc(json!({"name": "x", "type": string()})),
            r#"ALTER TABLE "nope" ALTER COLUMN "x" DROP NOT NULL;ALTER TABLE "nope" ALTER COLUMN "x" DROP DEFAULT;ALTER TABLE "nope" ALTER COLUMN "x" TYPE VARCHAR(255);"#
        );
        assert_eq!(
            ok(add_column(
                &TableRef::new("t"),
                "c",
                &attr(
                    json!({"name": "c", "type": integer(), "references": {"table": "u", "key": "id"}, "onDelete": "set null", "onUpdate": "cascade", "comment": "hi"})
                )
            )),
            r#"ALTER TABLE "public"."t" ADD COLUMN "c" INTEGER REFERENCES "u" ("id") ON DELETE SET NULL ON UPDATE CASCADE; COMMENT ON COLUMN "t"."c" IS 'hi';"#
        );
    }

    #[test]
    fn drop_and_truncate() {
        let users = TableRef::new("users");
        let items = TableRef::with_schema("items", "sx");
        assert_eq!(truncate(&users, false, false), r#"TRUNCATE "users""#);
        assert_eq!(
            truncate(&users, true, true),
            r#"TRUNCATE "users" RESTART IDENTITY CASCADE"#
        );
        assert_eq!(truncate(&users, true, false), r#"TRUNCATE "users" CASCADE"#);
        assert_eq!(
            truncate(&items, true, false),
            r#"TRUNCATE "sx"."items" CASCADE"#
        );
        assert_eq!(
            truncate(&TableRef::with_schema("t", "s"), false, true),
            r#"TRUNCATE "s"."t" RESTART IDENTITY"#
        );
        assert_eq!(
            drop_table(&users, false),
            r#"DROP TABLE IF EXISTS "users";"#
        );
        assert_eq!(
            drop_table(&users, true),
            r#"DROP TABLE IF EXISTS "users" CASCADE;"#
        );
        assert_eq!(
            drop_table(&items, false),
            r#"DROP TABLE IF EXISTS "sx"."items";"#
        );
        let m = model(
            json!({"name": "item", "attributes": [a("name", string())], "options": {"schema": "sx"}}),
        );
        assert_eq!(
            ok(create_table_sql(&m, &SyncDdlOptions::default())),
            r#"CREATE TABLE IF NOT EXISTS "sx"."items" ("id"   SERIAL , "name" VARCHAR(255), "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL, "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY ("id"));"#
        );
    }

    #[test]
    fn identifier_quoting() {
        assert_eq!(quote_identifiers("a.b.c"), r#""a->b"."c""#);
        assert_eq!(quote_identifiers("ab"), r#""ab""#);
        assert_eq!(quote_table(&TableRef::new("a\"b")), r#""ab""#);
        assert_eq!(
            quote_table(&TableRef {
                table: "t".into(),
                schema: Some(String::new())
            }),
            r#""t""#
        );
    }

    #[test]
    fn js_regex_helpers() {
        assert_eq!(enum_prefix_end("ENUM('a', 'b') NOT NULL"), Some(14));
        assert_eq!(enum_prefix_end("ENUM()"), None);
        assert_eq!(enum_prefix_end("ENUM('a)') DEFAULT 'x)'"), Some(22));
        assert_eq!(enum_prefix_end("ENUM('a')\n)"), Some(9));
        assert_eq!(default_regex_capture("INT DEFAULT 5; COMMENT"), Some("5"));
        assert_eq!(default_regex_capture("INT DEFAULT ;x DEFAULT 7"), Some("7"));
        assert_eq!(default_regex_capture("INT DEFAULT"), None);
        assert_eq!(remove_default_regex("A DEFAULT 5; B"), "A ; B");
        assert_eq!(unique_suffix_start("INTEGER UNIQUE;;"), Some(8));
        assert_eq!(unique_suffix_start("UNIQUE x"), None);
        assert_eq!(
            remove_before_references("INTEGER REFERENCES \"u\""),
            "REFERENCES \"u\""
        );
        assert_eq!(remove_before_references("REFERENCES x"), "REFERENCES x");
        assert_eq!(
            remove_before_references("a\nb REFERENCES x"),
            "a\nREFERENCES x"
        );
        assert_eq!(js_trim("\u{feff} x \u{3000}"), "x");
        assert_eq!(js_to_number(" 0x10 "), 16.0);
        assert!(js_to_number("1e3x").is_nan());
        assert_eq!(js_to_number(""), 0.0);
    }

    #[test]
    fn alter_reference_to_schema_model_and_schema_enums() {
        let pets = model(json!({"name": "pet", "attributes": [a("name", string()),
            with(a("userId", integer()), json!({"references": {"table": "users", "schema": "app", "key": "id"}, "onDelete": "SET NULL", "onUpdate": "CASCADE"}))],
            "options": {"timestamps": false}}));
        let fks = vec![ForeignKeyRef {
            constraint_name: Some("pets_userId_fkey".into()),
            table_catalog: Some("db".into()),
            referenced_table_name: Some("users".into()),
            referenced_column_name: Some("id".into()),
            ..Default::default()
        }];
        let got = ok(alter_statements(
            &pets,
            &described(&["id", "name", "userId"]),
            &fks,
            "db",
            true,
        ));
        assert_lines(
            &got,
            &[
                r#"ALTER TABLE "pets" ALTER COLUMN "name" DROP NOT NULL;ALTER TABLE "pets" ALTER COLUMN "name" DROP DEFAULT;ALTER TABLE "pets" ALTER COLUMN "name" TYPE VARCHAR(255);"#,
                r#"ALTER TABLE "pets"  ADD FOREIGN KEY ("userId") REFERENCES "app"."users" ("id") ON DELETE SET NULL ON UPDATE CASCADE;"#,
            ],
        );
        let users = TableRef::with_schema("users", "app");
        assert_eq!(
            ok(add_column(
                &users,
                "k",
                &attr(json!({"name": "k", "type": enum_of(&["a"])}))
            )),
            r#"DO 'BEGIN CREATE TYPE "app"."enum_users_k" AS ENUM(''a''); EXCEPTION WHEN duplicate_object THEN null; END';ALTER TABLE "app"."users" ADD COLUMN "k" "app"."enum_users_k";"#
        );
        let u2 = model(
            json!({"name": "user", "attributes": [a("name", string()), a("k", enum_of(&["a", "b"]))],
            "options": {"schema": "app", "timestamps": false}}),
        );
        let cols: Vec<AttributeDef> = u2.columns().cloned().collect();
        assert_eq!(
            ok(ensure_enums(
                &TableRef::of_model(&u2),
                &cols,
                &[Some(vec!["a".into()])],
                false,
                true
            )),
            [r#"ALTER TYPE "app"."enum_users_k" ADD VALUE IF NOT EXISTS 'b' AFTER 'a'"#]
        );
    }

    #[test]
    fn model_table_comment() {
        let m = model(
            json!({"name": "cm", "attributes": [a("x", string())], "options": {"timestamps": false}}),
        );
        let opts = SyncDdlOptions {
            table_comment: Some("model's comment".into()),
            ..Default::default()
        };
        assert_eq!(
            ok(create_table_sql(&m, &opts)),
            r#"CREATE TABLE IF NOT EXISTS "cms" ("id"   SERIAL , "x" VARCHAR(255), PRIMARY KEY ("id")); COMMENT ON TABLE "cms" IS 'model''s comment';"#
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        let odd = [
            "",
            "é",
            "0é1",
            "ENUM(é)",
            "ENUM(",
            "DEFAULT",
            "a.b.",
            ".",
            "\u{2028}REFERENCES",
            "x\"y'z",
            "COMMENT ",
            "UNIQUE;",
        ];
        for s in odd {
            let t = TableRef::new(s);
            let _ = js_to_number(s);
            let _ = parse_enum_labels(s);
            let _ = quote_identifiers(s);
            let _ = remove_before_references(s);
            let _ = enum_prefix_end(s);
            let _ = default_regex_capture(s);
            let _ = remove_default_regex(s);
            let _ = data_type_mapping(&t, s, s);
            let _ = change_column_query(&t, s, s);
            let _ = remove_index(s, &IndexTarget::Fields(vec![s.to_string()]), true);
            let col = attr(
                json!({"name": s, "type": {"key": "ENUM", "sql": s, "values": [s]}, "comment": s,
                "defaultValue": {"kind": "value", "value": s}}),
            );
            let _ = add_column(&t, s, &col);
            let _ = change_column(&t, s, &col);
            let _ = qi_create_table(&t, &[col], &QiCreateTableOptions::default());
        }
        assert!(js_to_number("0é1").is_nan());
    }

    #[test]
    fn index_field_struct_is_shared() {
        // IndexField (def.rs) doubles as a constraint field
        let f = IndexField {
            name: "a".into(),
            order: None,
            collate: None,
            length: None,
            operator: None,
            raw: None,
        };
        let c = ConstraintDef {
            kind: Some("unique".into()),
            fields: vec![f],
            ..Default::default()
        };
        assert_eq!(
            ok(add_constraint(&TableRef::new("t"), &c)),
            r#"ALTER TABLE "t" ADD CONSTRAINT "t_a_uk" UNIQUE ("a");"#
        );
    }
}
