//! Model query generation: the SQL (and bind parameters) Sequelize 6.37.8
//! sends on postgres for finders, aggregates and writes, generated from a
//! [`ModelDef`] and the options JSON of `/work/helpers/QUERY-JSON.md`.
//!
//! - [`expr`]: the SQL expression nodes (`$col`, `$fn`, `$literal`, `$cast`,
//!   `$where`, `$json`) and JavaScript value helpers.
//! - [`format`]: value → SQL per DataType (Sequelize's `escape` / `format`,
//!   i.e. each type's `stringify` / `bindParam` on postgres).
//! - [`where_`]: where objects and operators (`whereItemsQuery` & co).
//! - [`select`]: `findAll`/`findOne`/`findByPk`/`reload`, `count`, `max`/`min`/`sum`.
//! - [`write`]: `create`/`save`, `bulkCreate` (Sequelize's VALUES form, and
//!   an `unnest` fast path with the same results), `update`, `destroy`,
//!   `restore`, `upsert`, `increment`/`decrement`, and the QueryInterface
//!   `bulkInsert`/`bulkUpdate`/`bulkDelete`.
//!
//! Tested against real Sequelize: `oracle_vectors.json` (≈400 recorded calls)
//! and `fuzz_vectors.json` (400 random where trees), see `oracle_tests.rs`.
//!
//! Values are escaped only through `core::escape` (inlined) or become
//! [`BindParam`]s through `core::bind::to_bind_param`; identifiers are quoted
//! with `core::escape::quote_identifier`.
//!
//! ## Where Sequelize is deliberately not copied
//!
//! Sequelize's output is reproduced byte for byte, including its oddities,
//! except where it produces invalid SQL or silently wrong data:
//! - `{n: {[Op.any]: [1, 2]}}` on a number/date column (surface §8.2):
//!   Sequelize writes `= ANY ('1,2')`; here `= ANY (ARRAY[1,2])`.
//! - `{n: cast(...)}` / `{n: col('x')}` as a direct attribute value (§8.1):
//!   Sequelize drops the column (`WHERE CAST('5' AS INTEGER)`); here
//!   `"M"."n" = CAST('5' AS INTEGER)` / `"M"."n" = "x"`. (`literal` and
//!   `where()` values keep Sequelize's behaviour: the key is dropped.)
//! - `where(col('a'), Op.in, [1, 2])`: `"a" IN (1, 2)` instead of `IN ARRAY[1,2]`.
//! - `fn('f', 'a$b')`: string arguments are not rewritten to `'a$$b'`
//!   (Sequelize doubles `$` even in statements sent without bind parameters,
//!   which changes the value).
//! - `ARRAY(DATE)`/`ARRAY(FLOAT)`/`ARRAY(BLOB)`/`ARRAY(RANGE)` elements that are
//!   `null` are `NULL` (Sequelize writes `'Invalid date'` / `'null'`).
//! - `{'meta.a.0': 'x'}` on JSON: the path is `{a,0}` (Sequelize's `_.set`
//!   turns the numeric segment into an array and compares with `ARRAY['x']`).
//! - `attributes: [['lastName', 'ln']]` on an attribute with a different
//!   `field` selects the column (`"surname" AS "ln"`); `returning: ['x']` and
//!   `conflictFields` name attributes and are mapped to their columns too.
//! - HSTORE/RANGE literals are quoted with `quote_string` (Sequelize wraps them
//!   in quotes without escaping `'`; identical for every value without `'`).
//! - The `bulkCreate` value of an autoIncrement column is escaped (Sequelize
//!   inlines it unescaped).
//! - A string given for a DATE/DATEONLY column is parsed when it is ISO 8601
//!   (a time without offset is local time, as moment reads it: see
//!   [`TzSpec`]); any other string is passed through as is (Sequelize falls
//!   back to `new Date(str)`, or writes `'Invalid date'`).

pub mod columns;
pub mod expr;
pub mod format;
pub mod select;
pub mod unnest;
pub mod where_;
pub mod write;

pub use columns::{Cell, ColumnValues, ColumnarRows, TextColumn};
pub use format::{column_literal, column_param};
pub use select::{aggregate, count, find_one_needs_limit, select, select_table};
pub use unnest::{bulk_insert_unnest, bulk_insert_unnest_columns};
pub use where_::{map_where_field_names, where_clause, where_query};
pub use write::{
    bulk_delete_table, bulk_insert, bulk_insert_table, bulk_update_table, delete, increment,
    insert, restore, soft_delete, update, upsert, InsertRows,
};

use crate::core::error::{CoreError, CoreResult};
use crate::core::escape::quote_identifier;
use crate::core::model::def::ModelDef;
use crate::core::value::BindParam;

/// A generated statement. An empty `bind` means Sequelize sends it with the
/// simple query protocol; otherwise `$1…$n` refer to `bind` (extended protocol).
/// An empty `sql` means "no statement" (e.g. an UPDATE with nothing to set).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Stmt {
    pub sql: String,
    pub bind: Vec<BindParam>,
}

/// Time zones for values that carry no offset of their own. Dates in the
/// options JSON carry theirs (`{"$d": ms, "o": minutes}`, the `timezone`
/// option's offset at that instant) and DATE columns format them with it.
///
/// - `offset_minutes`: the `timezone` option's UTC offset (`+05:30` → 330),
///   used to format DATE values given as numbers or strings;
/// - `local_offset_minutes`: the process's local offset
///   (`-new Date().getTimezoneOffset()`), which moment uses to read a date
///   string without offset (`'2024-01-01'`) and to format DATEONLY values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TzSpec {
    pub offset_minutes: i32,
    pub local_offset_minutes: i32,
}

impl TzSpec {
    /// `timezone` offset; process local time taken as UTC.
    pub fn new(offset_minutes: i32) -> Self {
        TzSpec {
            offset_minutes,
            local_offset_minutes: 0,
        }
    }

    pub fn with_local(mut self, local_offset_minutes: i32) -> Self {
        self.local_offset_minutes = local_offset_minutes;
        self
    }
}

/// A table without a model (QueryInterface calls): `"schema"."name"`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableRef {
    pub name: String,
    pub schema: Option<String>,
}

impl TableRef {
    pub fn new(name: impl Into<String>) -> Self {
        TableRef {
            name: name.into(),
            schema: None,
        }
    }

    pub(crate) fn quoted(&self) -> String {
        quote_table_parts(&self.name, self.schema.as_deref())
    }
}

/// Generation state shared by the modules: the model whose attributes give
/// value types (and ENUM type names), the time zone, and the bind parameters
/// collected so far.
pub(crate) struct Gen<'a> {
    pub model: Option<&'a ModelDef>,
    pub tz: TzSpec,
    pub binds: Vec<BindParam>,
}

impl<'a> Gen<'a> {
    pub(crate) fn new(model: Option<&'a ModelDef>, tz: TzSpec) -> Self {
        Gen {
            model,
            tz,
            binds: Vec::new(),
        }
    }

    /// pg-style placeholder for a new parameter.
    pub(crate) fn push_bind(&mut self, p: BindParam) -> String {
        self.binds.push(p);
        format!("${}", self.binds.len())
    }
}

/// Sequelize's `quoteIdentifier`: `*` stays bare.
pub(crate) fn qi(name: &str) -> String {
    if name == "*" {
        "*".to_string()
    } else {
        quote_identifier(name)
    }
}

/// Sequelize's `quoteIdentifiers`: `a.b.c` → `"a->b"."c"`.
pub(crate) fn qis(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((head, tail)) => {
            let head = head.replace('.', "->");
            format!("{}.{}", qi(&head), qi(tail))
        }
        None => qi(name),
    }
}

pub(crate) fn quote_table_parts(name: &str, schema: Option<&str>) -> String {
    match schema {
        Some(s) => format!("{}.{}", qi(s), qi(name)),
        None => qi(name),
    }
}

/// `"schema"."table"` of a model.
pub(crate) fn quote_table(model: &ModelDef) -> String {
    quote_table_parts(&model.table_name, model.schema.as_deref())
}

/// Sequelize's `Utils.joinSQLFragments`: trims the fragments, drops empty
/// ones and joins them with single spaces, with no space after `(` nor
/// before `;`, `,` and `)`.
pub(crate) fn join_fragments(parts: &[&str]) -> String {
    let mut out = String::new();
    let mut skip_space = true;
    for part in parts {
        let p = part.trim();
        if p.is_empty() {
            continue;
        }
        if !(skip_space || p.starts_with([';', ',', ')'])) {
            out.push(' ');
        }
        out.push_str(p);
        skip_space = p.ends_with('(');
    }
    out
}

#[cfg(test)]
pub(crate) mod testutil;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers() {
        assert_eq!(qi("*"), "*");
        assert_eq!(qi("a"), "\"a\"");
        assert_eq!(qis("a.b"), "\"a\".\"b\"");
        assert_eq!(qis("a.b.c"), "\"a->b\".\"c\"");
        assert_eq!(quote_table_parts("t", Some("s")), "\"s\".\"t\"");
    }

    #[test]
    fn fragments() {
        assert_eq!(
            join_fragments(&["INSERT", "", "INTO", "\"t\"", " (a) ", "VALUES", "(1)", ";"]),
            "INSERT INTO \"t\" (a) VALUES (1);"
        );
        assert_eq!(
            join_fragments(&["ON CONFLICT", "(", "\"a\",\"b\"", ")", "DO UPDATE SET", "x"]),
            "ON CONFLICT (\"a\",\"b\") DO UPDATE SET x"
        );
    }
}

#[cfg(test)]
mod oracle_tests;

/// Renders one SQL expression node (`$fn`, `$col`, `$literal`, `$cast`, …) or
/// value outside any model, as Sequelize's `escape`/`handleSequelizeMethod`
/// would (used for `defaultValue: fn(...)` and index expressions).
pub fn render_expr(node: &serde_json::Value) -> CoreResult<String> {
    let mut g = Gen::new(None, TzSpec::default());
    match expr::as_node(node) {
        Some(n) => expr::render(n, &mut g, None),
        None => Err(CoreError::invalid("not an SQL expression")),
    }
}
