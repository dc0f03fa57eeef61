//! `bulkCreate`'s fast statement shape, with the results of Sequelize's:
//! `INSERT INTO "Users" ("name","age") SELECT * FROM unnest($1::TEXT[],$2::NUMERIC[])
//! [ON CONFLICT …] RETURNING …;` — one array bind parameter per column, so
//! the server parses a short statement instead of one literal per value.
//!
//! The element casts make the INSERT behave as Sequelize's literals do
//! (text → VARCHAR(n) is an assignment cast, so over-long values still fail;
//! integers go through NUMERIC, so `1.5` still rounds). JSON/JSONB values
//! travel as TEXT[] and are cast per row (`SELECT c1,c2::JSONB FROM
//! unnest(…) AS u(c1,c2)`): the same `jsonb_in` per value, but a JSONB[]
//! parameter costs the server ~2 ms per 1,000 documents more to build.
//!
//! An autoIncrement column that is null in every row is left out (the
//! column default applies, like `DEFAULT`). The builders return `Ok(None)`
//! when the rows cannot be sent this way — a value is a node (`fn`/
//! `literal`), an autoIncrement column is set in some rows only, a column is
//! ARRAY/GEOMETRY or not a model attribute, a value is an array/object where
//! the column does not take one — then use [`super::write::bulk_insert`].

use std::borrow::Cow;

use serde_json::Value;

use super::columns::{Cell, ColumnarRows};
use super::expr::js_truthy;
use super::format::{tkind, unnest_cast, unnest_element, ColType, TKind};
use super::write::{
    column_of, on_duplicate_clause, returning_fields, returning_fragment, row_matrix, InsertRows,
};
use super::{join_fragments, qi, quote_table, Gen, Stmt, TzSpec};
use crate::core::bind::{push_array_element, push_array_string};
use crate::core::error::{CoreError, CoreResult};
use crate::core::escape::{format_date, js_number_to_string};
use crate::core::model::def::{AttributeDef, ModelDef};
use crate::core::value::BindParam;

/// The unnest statement for rows given one by one (options as
/// [`super::write::bulk_insert`]); every column as a text literal.
pub fn bulk_insert_unnest(
    model: &ModelDef,
    rows: &InsertRows,
    opts: &Value,
    tz: &TzSpec,
) -> CoreResult<Option<Stmt>> {
    let (columns, matrix) = row_matrix(Some(model), rows);
    let cell = |j: usize, i: usize| match matrix.get(i).and_then(|r| r.get(j)).copied().flatten() {
        None | Some(Value::Null) => Cell::Null,
        Some(v) => Cell::Value(v),
    };
    unnest_statement(model, &columns, rows.len(), cell, opts, tz, false)
}

/// The unnest statement for rows given as typed columns. `binary_arrays`:
/// columns that can go as binary arrays do ([`binary_array`]).
pub fn bulk_insert_unnest_columns(
    model: &ModelDef,
    rows: &ColumnarRows,
    opts: &Value,
    tz: &TzSpec,
    binary_arrays: bool,
) -> CoreResult<Option<Stmt>> {
    let columns: Vec<_> = rows
        .keys()
        .iter()
        .map(|k| column_of(Some(model), k))
        .collect();
    let shared = columns
        .iter()
        .enumerate()
        .any(|(j, (f, _))| columns[..j].iter().any(|(g, _)| g == f));
    if shared {
        // Two keys naming one column: the row form decides which value wins.
        return bulk_insert_unnest(model, &rows.to_insert_rows(), opts, tz);
    }
    let data = rows.columns();
    let cell = |j: usize, i: usize| data.get(j).map_or(Cell::Null, |c| c.cell(i));
    unnest_statement(model, &columns, rows.len(), cell, opts, tz, binary_arrays)
}

fn unnest_statement<'r>(
    model: &ModelDef,
    columns: &[(String, Option<&AttributeDef>)],
    n: usize,
    cell: impl Fn(usize, usize) -> Cell<'r>,
    opts: &Value,
    tz: &TzSpec,
    binary_arrays: bool,
) -> CoreResult<Option<Stmt>> {
    let o = opts.as_object();
    if n == 0 {
        return Err(CoreError::invalid("bulkInsert needs at least one row"));
    }
    let mut g = Gen::new(Some(model), *tz);
    let mut col_names = Vec::with_capacity(columns.len());
    let mut casts = Vec::with_capacity(columns.len());
    let mut selected = Vec::with_capacity(columns.len());
    let mut any_select_cast = false;
    for (j, (field, attr)) in columns.iter().enumerate() {
        let Some(attr) = attr else { return Ok(None) };
        if attr.auto_increment {
            let nulls = (0..n).filter(|&i| cell(j, i) == Cell::Null).count();
            if nulls == n {
                continue;
            }
            if nulls > 0 {
                return Ok(None);
            }
        }
        let Some(ct) = ColType::of(Some(attr)) else {
            return Ok(None);
        };
        let Some(cast) = unnest_cast(ct.ty, ct.field, &g) else {
            return Ok(None);
        };
        let is_json = tkind(ct.ty) == TKind::Json;
        let binary = if binary_arrays {
            let element = if is_json { "TEXT" } else { cast.as_str() };
            binary_array(element, tkind(ct.ty), n, |i| cell(j, i))
        } else {
            None
        };
        let param = match binary {
            Some(bytes) => BindParam::BinaryArray(bytes),
            None => {
                let mut literal = String::with_capacity(2 + n * 8);
                literal.push('{');
                for i in 0..n {
                    if i > 0 {
                        literal.push(',');
                    }
                    if !push_cell(&mut literal, cell(j, i), ct, &mut g)? {
                        return Ok(None);
                    }
                }
                literal.push('}');
                BindParam::Text(literal)
            }
        };
        let ph = g.push_bind(param);
        let alias = format!("c{}", col_names.len() + 1);
        col_names.push(qi(field));
        if is_json {
            casts.push(format!("{ph}::TEXT[]"));
            selected.push(format!("{alias}::{cast}"));
            any_select_cast = true;
        } else {
            casts.push(format!("{ph}::{cast}[]"));
            selected.push(alias);
        }
    }
    if col_names.is_empty() {
        return Ok(None);
    }
    let on_dup = on_duplicate_clause(model, o, &mut g)?;
    let do_nothing = if o
        .and_then(|m| m.get("ignoreDuplicates"))
        .is_some_and(js_truthy)
    {
        "ON CONFLICT DO NOTHING"
    } else {
        ""
    };
    let returning = returning_fields(Some(model), o.and_then(|m| m.get("returning")), true);
    let ret = returning_fragment(&returning);
    let table = quote_table(model);
    let cols = format!("({})", col_names.join(","));
    let source = if any_select_cast {
        let aliases: Vec<String> = (1..=selected.len()).map(|k| format!("c{k}")).collect();
        format!(
            "SELECT {} FROM unnest({}) AS u({})",
            selected.join(","),
            casts.join(","),
            aliases.join(",")
        )
    } else {
        format!("SELECT * FROM unnest({})", casts.join(","))
    };
    let sql = join_fragments(&[
        "INSERT", "INTO", &table, &cols, &source, &on_dup, do_nothing, &ret, ";",
    ]);
    Ok(Some(Stmt {
        sql,
        bind: std::mem::take(&mut g.binds),
    }))
}

/// Appends one cell to a column's array literal: what [`unnest_element`]
/// gives for the cell's tagged value, written straight into the literal for
/// the common (cell, column type) pairs. False: the cell cannot be sent this
/// way.
fn push_cell(
    out: &mut String,
    cell: Cell<'_>,
    ct: ColType<'_>,
    g: &mut Gen<'_>,
) -> CoreResult<bool> {
    match cell {
        Cell::Null => out.push_str("NULL"),
        Cell::Value(v) => return push_element(out, v, ct, g),
        _ => match fast_text(cell, tkind(ct.ty)) {
            Some(text) => push_array_string(out, &text),
            None => return push_element(out, &cell.to_value(), ct, g),
        },
    }
    Ok(true)
}

/// The element text [`unnest_element`] gives a non-null typed cell in a
/// column of `kind`, for the common pairs (None: ask `unnest_element`).
fn fast_text(cell: Cell<'_>, kind: TKind) -> Option<Cow<'_, str>> {
    // Inlined strings carry NUL as the two characters `\0` (as `unnest_element`).
    let text = |s| -> Cow<'_, str> {
        if str::contains(s, '\0') {
            Cow::Owned(s.replace('\0', "\\0"))
        } else {
            Cow::Borrowed(s)
        }
    };
    Some(match (cell, kind) {
        (Cell::Text(s), TKind::Plain | TKind::Enum | TKind::Number) => text(s),
        (Cell::Num(x), TKind::Plain | TKind::Enum | TKind::Number | TKind::Float) => {
            Cow::Owned(js_number_to_string(x))
        }
        (Cell::Bool(b), TKind::Plain | TKind::Enum | TKind::Number) => {
            Cow::Borrowed(if b { "true" } else { "false" })
        }
        (Cell::Date(ms, off), TKind::Date) => {
            Cow::Owned(format_date(ms, off).unwrap_or_else(|_| "Invalid date".into()))
        }
        (Cell::Json(t), TKind::Json) => text(t),
        _ => return None,
    })
}

// ---------------------------------------------------------------- binary arrays

/// Milliseconds from the Unix epoch to PostgreSQL's (2000-01-01).
const PG_EPOCH_MS: f64 = 946_684_800_000.0;
/// Years 1–9999 (Dates outside are sent as text, where the server judges them).
const BINARY_DATE_MS: std::ops::RangeInclusive<f64> = -62_135_596_800_000.0..=253_402_300_799_999.0;

/// A column as a binary-format array parameter (the server reads lengths
/// instead of parsing a quoted literal), when its cast is TEXT, DOUBLE
/// PRECISION, BOOLEAN or TIMESTAMPTZ and every cell is one the text literal
/// would carry unchanged: the element text for TEXT, a finite number, a
/// boolean, a Date in years 1–9999. None: send the text literal.
fn binary_array<'c>(
    cast: &str,
    kind: TKind,
    n: usize,
    cell: impl Fn(usize) -> Cell<'c>,
) -> Option<Vec<u8>> {
    let oid: u32 = match cast {
        "TEXT" => 25,
        "DOUBLE PRECISION" => 701,
        "BOOLEAN" => 16,
        "TIMESTAMPTZ" => 1184,
        _ => return None,
    };
    let dim = i32::try_from(n).ok()?;
    let mut out = Vec::with_capacity(20 + n * 12);
    out.extend_from_slice(&1i32.to_be_bytes()); // dimensions
    out.extend_from_slice(&0i32.to_be_bytes()); // has-nulls flag, set below
    out.extend_from_slice(&oid.to_be_bytes());
    out.extend_from_slice(&dim.to_be_bytes());
    out.extend_from_slice(&1i32.to_be_bytes()); // lower bound
    let mut has_null = false;
    for i in 0..n {
        let c = cell(i);
        if c == Cell::Null {
            has_null = true;
            out.extend_from_slice(&(-1i32).to_be_bytes());
            continue;
        }
        match (oid, c) {
            (25, c) => {
                let text = fast_text(c, kind)?;
                out.extend_from_slice(&i32::try_from(text.len()).ok()?.to_be_bytes());
                out.extend_from_slice(text.as_bytes());
            }
            (701, Cell::Num(x)) if x.is_finite() => {
                // -0 is written `0` in the literal (String(-0)).
                let x = if x == 0.0 { 0.0 } else { x };
                out.extend_from_slice(&8i32.to_be_bytes());
                out.extend_from_slice(&x.to_be_bytes());
            }
            (16, Cell::Bool(b)) if kind == TKind::Plain => {
                out.extend_from_slice(&1i32.to_be_bytes());
                out.push(u8::from(b));
            }
            (1184, Cell::Date(ms, _)) if kind == TKind::Date && BINARY_DATE_MS.contains(&ms) => {
                // Whole milliseconds (a JS Date) in microseconds: exact.
                let micros = ((ms.trunc() - PG_EPOCH_MS) as i64).checked_mul(1000)?;
                out.extend_from_slice(&8i32.to_be_bytes());
                out.extend_from_slice(&micros.to_be_bytes());
            }
            _ => return None,
        }
    }
    if has_null {
        out[4..8].copy_from_slice(&1i32.to_be_bytes());
    }
    Some(out)
}

fn push_element(out: &mut String, v: &Value, ct: ColType<'_>, g: &mut Gen<'_>) -> CoreResult<bool> {
    match unnest_element(v, ct, g)? {
        Some(e) => {
            push_array_element(out, &e)?;
            Ok(true)
        }
        None => Ok(false),
    }
}

#[cfg(test)]
mod tests {
    use super::super::columns::{ColumnValues, TextColumn};
    use super::super::testutil::*;
    use super::*;
    use crate::core::bind::binary_array_literal;
    use serde_json::{json, Map};

    #[test]
    fn rows_and_json_columns() {
        let u = user();
        let tz = TzSpec::default();
        let rows = InsertRows::from_maps(vec![
            map(json!({"name": "a", "age": 1, "createdAt": {"$d": D, "o": 0}})),
            map(json!({"name": "it's", "email": "e", "createdAt": {"$d": 0, "o": 0}})),
        ]);
        let s = bulk_insert_unnest(&u, &rows, &json!({"ignoreDuplicates": true}), &tz)
            .unwrap()
            .unwrap();
        assert_eq!(
            s.sql,
            "INSERT INTO \"Users\" (\"name\",\"age\",\"createdAt\",\"email\") SELECT * FROM unnest($1::TEXT[],$2::NUMERIC[],$3::TIMESTAMPTZ[],$4::TEXT[]) ON CONFLICT DO NOTHING RETURNING \"id\",\"name\",\"age\",\"email\",\"score\",\"big\",\"createdAt\",\"updatedAt\";"
        );
        assert_eq!(
            s.bind,
            vec![
                t("{\"a\",\"it's\"}"),
                t("{\"1\",NULL}"),
                t("{\"2024-01-02 03:04:05.678 +00:00\",\"1970-01-01 00:00:00.000 +00:00\"}"),
                t("{NULL,\"e\"}"),
            ]
        );
        // A JSON column travels as TEXT[] and is cast per row.
        let w = where_m();
        let rows = InsertRows::from_maps(vec![
            map(json!({"name": "a", "meta": {"$j": "{\"k\":\"v\\\"\"}"}})),
            map(json!({"name": "b", "meta": null})),
        ]);
        let s = bulk_insert_unnest(&w, &rows, &json!({"returning": false}), &tz)
            .unwrap()
            .unwrap();
        assert_eq!(
            s.sql,
            format!(
                "INSERT INTO {} (\"name\",\"meta\") SELECT c1,c2::JSONB FROM unnest($1::TEXT[],$2::TEXT[]) AS u(c1,c2);",
                quote_table(&w)
            )
        );
        assert_eq!(s.bind[1], t("{\"{\\\"k\\\":\\\"v\\\\\\\"\\\"}\",NULL}"));
    }

    /// Every typed cell gives exactly the element its tagged value gives, in
    /// every column type it can meet.
    #[test]
    fn typed_cells_are_their_tagged_values() {
        let w = where_m();
        let tz = TzSpec::default();
        let cells = [
            Cell::Num(1.0),
            Cell::Num(-0.5),
            Cell::Num(1e21),
            Cell::Bool(true),
            Cell::Bool(false),
            Cell::Date(D as f64, 0),
            Cell::Date(D as f64, -330),
            Cell::Date(8.64e15 + 1.0, 0),
            Cell::Text("it's \"q\" \\ \0 é"),
            Cell::Text(""),
            Cell::Text("2024-01-02"),
            Cell::Json("{\"a\":[1,\"\\u0000\"]}"),
        ];
        let mut compared = 0;
        for attr in &w.attributes {
            let Some(ct) = ColType::of(Some(attr)) else {
                continue;
            };
            if unnest_cast(ct.ty, ct.field, &Gen::new(Some(&w), tz)).is_none() {
                continue;
            }
            for cell in cells {
                let mut g = Gen::new(Some(&w), tz);
                let mut fast = String::new();
                let fast_ok = push_cell(&mut fast, cell, ct, &mut g);
                let mut slow = String::new();
                let slow_ok = push_element(&mut slow, &cell.to_value(), ct, &mut g);
                match (fast_ok, slow_ok) {
                    (Ok(a), Ok(b)) => {
                        assert_eq!((a, &fast), (b, &slow), "{cell:?} in {}", attr.name)
                    }
                    (a, b) => assert_eq!(a.is_err(), b.is_err(), "{cell:?} in {}", attr.name),
                }
                compared += 1;
            }
        }
        assert!(compared > 50, "{compared}");
    }

    #[test]
    fn columns_give_the_statement_rows_give() {
        let u = user();
        let tz = TzSpec::default();
        let texts = TextColumn::from_strs([Some("a"), Some("it's"), None]).unwrap_or_default();
        let emails = TextColumn::from_strs([None, Some("e"), Some("f")]).unwrap_or_default();
        let cols = ColumnarRows::new(
            3,
            ["name", "age", "createdAt", "email", "big"]
                .map(String::from)
                .to_vec(),
            vec![
                ColumnValues::Texts(texts),
                ColumnValues::Numbers(vec![1.0, f64::NAN, 2.5]),
                ColumnValues::Dates {
                    ms: vec![D as f64, 0.0, f64::NAN],
                    offsets: vec![0],
                },
                ColumnValues::Texts(emails),
                ColumnValues::Values(vec![
                    json!({"$n": "9007199254740993"}),
                    Value::Null,
                    json!("7"),
                ]),
            ],
        )
        .unwrap();
        for opts in [
            json!({}),
            json!({"returning": false, "ignoreDuplicates": true}),
        ] {
            let a = bulk_insert_unnest_columns(&u, &cols, &opts, &tz, false).unwrap();
            let b = bulk_insert_unnest(&u, &cols.to_insert_rows(), &opts, &tz).unwrap();
            assert!(a.is_some());
            assert_eq!(a, b);
        }
        // Two keys naming one column: the later value wins, as with rows.
        let dup = ColumnarRows::new(
            1,
            vec!["email".into(), "email".into()],
            vec![
                ColumnValues::Texts(TextColumn::from_strs([Some("x")]).unwrap_or_default()),
                ColumnValues::Texts(TextColumn::from_strs([Some("y")]).unwrap_or_default()),
            ],
        )
        .unwrap();
        let s = bulk_insert_unnest_columns(&u, &dup, &json!({"returning": false}), &tz, false)
            .unwrap()
            .unwrap();
        assert_eq!(s.bind, vec![t("{\"y\"}")]);
        // Not expressible: a node.
        let node = ColumnarRows::new(
            1,
            vec!["name".into()],
            vec![ColumnValues::Values(vec![
                json!({"$fn": "now", "args": []}),
            ])],
        )
        .unwrap();
        assert!(bulk_insert_unnest_columns(&u, &node, &json!({}), &tz, true)
            .unwrap()
            .is_none());
    }

    /// Binary array columns carry exactly what the text literals carry.
    #[test]
    fn binary_arrays_match_the_text_literals() {
        let w = where_m();
        let u = user();
        let tz = TzSpec::default();
        let texts =
            TextColumn::from_strs([Some("it's \"q\" \\ é \0"), None, Some("")]).unwrap_or_default();
        let json = TextColumn::from_strs([Some("{\"a\":\"\\\"\"}"), Some("[1]"), None])
            .unwrap_or_default();
        let cols = ColumnarRows::new(
            3,
            ["name", "meta", "d", "b"].map(String::from).to_vec(),
            vec![
                ColumnValues::Texts(texts),
                ColumnValues::JsonTexts(json),
                ColumnValues::Numbers(vec![0.1, f64::NAN, -0.0]),
                ColumnValues::Bools(vec![1.0, 0.0, f64::NAN]),
            ],
        )
        .unwrap();
        let text = bulk_insert_unnest_columns(&w, &cols, &json!({}), &tz, false)
            .unwrap()
            .unwrap();
        let binary = bulk_insert_unnest_columns(&w, &cols, &json!({}), &tz, true)
            .unwrap()
            .unwrap();
        assert_eq!(text.sql, binary.sql);
        let mut binary_columns = 0;
        for (t, b) in text.bind.iter().zip(&binary.bind) {
            match b {
                BindParam::BinaryArray(bytes) => {
                    binary_columns += 1;
                    assert_eq!(t, &BindParam::Text(binary_array_literal(bytes)));
                }
                other => assert_eq!(t, other),
            }
        }
        assert_eq!(binary_columns, 4, "{:?}", binary.bind);
        // -0 goes as 0, as `String(-0)` writes it.
        let one = |c: Cell<'static>| binary_array("DOUBLE PRECISION", TKind::Float, 1, |_| c);
        assert_eq!(one(Cell::Num(-0.0)), one(Cell::Num(0.0)));
        assert_ne!(one(Cell::Num(-1.0)), one(Cell::Num(1.0)));
        // Dates (at +00:00) and booleans; a column with a tagged value stays text.
        let cols = ColumnarRows::new(
            2,
            ["createdAt", "updatedAt", "name"]
                .map(String::from)
                .to_vec(),
            vec![
                ColumnValues::Dates {
                    ms: vec![D as f64, -1.0],
                    offsets: vec![0],
                },
                ColumnValues::Dates {
                    ms: vec![f64::NAN, 8.6e15],
                    offsets: vec![0],
                },
                ColumnValues::Values(vec![json!("a"), json!({"$n": "1"})]),
            ],
        )
        .unwrap();
        let s = bulk_insert_unnest_columns(&u, &cols, &json!({}), &tz, true)
            .unwrap()
            .unwrap();
        let BindParam::BinaryArray(dates) = &s.bind[0] else {
            panic!("{:?}", s.bind[0])
        };
        assert_eq!(
            binary_array_literal(dates),
            "{\"2024-01-02 03:04:05.678 +00:00\",\"1969-12-31 23:59:59.999 +00:00\"}"
        );
        // Year 272,000: left to the server as text.
        assert!(matches!(&s.bind[1], BindParam::Text(t) if t.starts_with("{NULL,\"")));
        assert_eq!(s.bind[2], t("{\"a\",\"1\"}"));
    }

    #[test]
    fn not_expressible() {
        let u = user();
        let tz = TzSpec::default();
        let none = |rows: Vec<Map<String, Value>>, m: &ModelDef| {
            bulk_insert_unnest(m, &rows[..].into(), &json!({}), &tz)
                .unwrap()
                .is_none()
        };
        assert!(none(
            vec![map(json!({"name": {"$fn": "now", "args": []}}))],
            &u
        ));
        assert!(none(
            vec![
                map(json!({"id": 1, "name": "a"})),
                map(json!({"name": "b"}))
            ],
            &u
        ));
        assert!(none(vec![map(json!({"tags": ["a"]}))], &where_m()));
        assert!(none(vec![map(json!({"zzz": 1}))], &u));
        // All ids null: the column is left to its default.
        let s = bulk_insert_unnest(
            &u,
            &InsertRows::from_maps(vec![map(json!({"id": null, "name": "a"}))]),
            &json!({"returning": false}),
            &tz,
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            s.sql,
            "INSERT INTO \"Users\" (\"name\") SELECT * FROM unnest($1::TEXT[]);"
        );
    }
}
