//! `Model.findByPk(value)` as a template. With no options, no scope and no
//! hook, the statement depends only on the value: it is what `select` builds
//! for `{where: {<pk>: value}, plain: true}`. The template is that statement
//! built once around a marker value and split at the marker's literal; a call
//! then only escapes its value (with the same column-typed escaping the
//! where-clause builder uses) and joins the three parts.

use serde_json::{json, Value};

use crate::core::error::{CoreError, CoreResult};
use crate::core::model::def::ModelDef;
use crate::core::sql::{self, TzSpec};

/// A marker no table, column or alias name contains, and whose literal needs
/// no escaping (so its position in the statement is the value's position).
const MARKER: &str = "sequelize-rs:findByPk-value";

/// Primary key types whose values escape the same in every time zone.
const PLAIN_KEY_TYPES: &[&str] = &[
    "INTEGER", "BIGINT", "SMALLINT", "STRING", "CHAR", "TEXT", "CITEXT", "UUID",
];

#[derive(Debug, Clone, PartialEq)]
pub struct PkSelect {
    prefix: String,
    suffix: String,
    attribute: String,
}

impl PkSelect {
    /// The template for `model`, or `None` when the statement is not a plain
    /// function of the value (no primary key, a key type whose literal depends
    /// on the time zone, or a statement the marker does not split cleanly).
    pub fn build(model: &ModelDef, tz: &TzSpec) -> CoreResult<Option<PkSelect>> {
        let Some(pk) = model.primary_keys.first() else {
            return Ok(None);
        };
        let Some(attr) = model.attribute(pk) else {
            return Ok(None);
        };
        if !PLAIN_KEY_TYPES.contains(&attr.ty.key.as_str()) {
            return Ok(None);
        }
        let marker = sql::column_literal(model, pk, &Value::String(MARKER.into()), tz)?;
        if marker != format!("'{MARKER}'") {
            return Ok(None);
        }
        let mut where_ = serde_json::Map::new();
        where_.insert(pk.clone(), Value::String(MARKER.into()));
        let payload = json!({"where": where_, "paranoid": true, "plain": true});
        let statement = sql::select(model, &payload, tz)?;
        let mut parts = statement.split(marker.as_str());
        match (parts.next(), parts.next(), parts.next()) {
            (Some(prefix), Some(suffix), None) => Ok(Some(PkSelect {
                prefix: prefix.to_string(),
                suffix: suffix.to_string(),
                attribute: pk.clone(),
            })),
            _ => Ok(None),
        }
    }

    /// The statement for one key value (a string or an integer; anything else
    /// is for the general path).
    pub fn sql(&self, model: &ModelDef, value: &Value, tz: &TzSpec) -> CoreResult<String> {
        if !(value.is_string() || value.is_i64() || value.is_u64()) {
            return Err(CoreError::invalid(
                "findByPk template: the key must be a string or an integer",
            ));
        }
        let literal = sql::column_literal(model, &self.attribute, value, tz)?;
        let mut out = String::with_capacity(self.prefix.len() + literal.len() + self.suffix.len());
        out.push_str(&self.prefix);
        out.push_str(&literal);
        out.push_str(&self.suffix);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::def::AttributeDef;
    use crate::core::sql::testutil::{attr, pk2, sch, ty, user, uu};

    /// The template's statement is byte for byte what `select` builds for the
    /// same `where` (the general path, whose SQL is checked against Sequelize's).
    fn same_as_select(m: &ModelDef, value: Value) -> String {
        let tz = TzSpec::new(0);
        let t = PkSelect::build(m, &tz).unwrap().expect("template");
        let pk = m.primary_keys[0].clone();
        let general = sql::select(
            m,
            &json!({"where": {pk: value.clone()}, "plain": true}),
            &tz,
        );
        let fast = t.sql(m, &value, &tz).unwrap();
        assert_eq!(fast, general.unwrap());
        fast
    }

    #[test]
    fn integer_and_string_keys() {
        let m = user();
        assert_eq!(
            same_as_select(&m, json!(5)),
            "SELECT \"id\", \"name\", \"age\", \"email\", \"score\", \"big\", \"createdAt\", \"updatedAt\" FROM \"Users\" AS \"User\" WHERE \"User\".\"id\" = 5;"
        );
        assert!(same_as_select(&m, json!("5")).ends_with("\"User\".\"id\" = '5';"));
        // Quotes and backslashes go through the one escaping function.
        assert!(same_as_select(&m, json!("o'x\\")).contains("= 'o''x\\';"));
        assert!(same_as_select(&m, json!("5; DROP TABLE x")).contains("= '5; DROP TABLE x';"));
    }

    #[test]
    fn uuid_key_schema_and_composite_key() {
        same_as_select(&uu(), json!("8d5f2c4e-1b7a-4c3e-9f0d-2a6b8c1e4f7a"));
        assert!(same_as_select(&sch(), json!(3)).contains("FROM \"sch1\".\"SchMs\""));
        same_as_select(&pk2(), json!(1));
    }

    #[test]
    fn paranoid_and_renamed_key() {
        let mut m = user();
        m.attributes
            .push(attr("deletedAt", ty("DATE", "TIMESTAMP WITH TIME ZONE")));
        m.deleted_at = Some("deletedAt".into());
        m.paranoid = true;
        m.attributes[0].field = "user_id".into();
        let s = same_as_select(&m, json!(9));
        assert!(
            s.contains("WHERE (\"User\".\"deletedAt\" IS NULL AND \"User\".\"user_id\" = 9);"),
            "{s}"
        );
    }

    #[test]
    fn no_template_for_time_zone_dependent_or_missing_keys() {
        let tz = TzSpec::new(0);
        let mut m = user();
        m.attributes[0] = AttributeDef {
            primary_key: true,
            ..attr("id", ty("DATE", "TIMESTAMP WITH TIME ZONE"))
        };
        assert_eq!(PkSelect::build(&m, &tz).unwrap(), None);
        let mut m = user();
        m.primary_keys.clear();
        assert_eq!(PkSelect::build(&m, &tz).unwrap(), None);
    }

    #[test]
    fn other_values_are_refused() {
        let tz = TzSpec::new(0);
        let m = user();
        let t = PkSelect::build(&m, &tz).unwrap().unwrap();
        for v in [
            json!(1.5),
            json!(null),
            json!(true),
            json!({"x": 1}),
            json!([1]),
        ] {
            assert!(t.sql(&m, &v, &tz).is_err(), "{v}");
        }
    }
}
