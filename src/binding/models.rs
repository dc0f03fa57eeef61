//! The model side of `NativeSequelize`: defining models, and building + running
//! their statements (one native call per statement).

use std::sync::Arc;

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::binding::bulk::{columnar_rows, BulkColumn};
use crate::binding::errors::to_napi_error;
use crate::binding::sequelize::{start, NativeSequelize};
use crate::core::error::{CoreError, CoreResult};
use crate::core::exec::Target;
use crate::core::model::def::{ModelDef, RawModel};
use crate::core::model::normalize::normalize;
use crate::core::model::ops;
use crate::core::model::pk_select::PkSelect;
use crate::core::model::validate::{check_null, validate_attribute};
use crate::core::sql::{Stmt, TzSpec};

fn parse(json: &str) -> CoreResult<serde_json::Value> {
    serde_json::from_str(json).map_err(|e| CoreError::invalid(format!("invalid request: {e}")))
}

impl NativeSequelize {
    fn model(&self, name: &str, payload: &serde_json::Value) -> CoreResult<Arc<ModelDef>> {
        let models = self
            .models
            .lock()
            .map_err(|_| CoreError::invalid("model registry unavailable"))?;
        let def = models
            .get(name)
            .cloned()
            .ok_or_else(|| CoreError::invalid(format!("{name} has not been defined")))?;
        // `Model.schema('s')` clones: same definition, another schema.
        match payload.get("schema").and_then(|s| s.as_str()) {
            Some(schema) if def.schema.as_deref() != Some(schema) => {
                let mut d = (*def).clone();
                d.schema = Some(schema.to_string());
                Ok(Arc::new(d))
            }
            _ => Ok(def),
        }
    }
}

/// Starts a statement the core built (bind parameters only when it has some).
fn start_stmt<'e>(
    env: &'e Env,
    target: Target,
    built: Stmt,
    sink: Option<Unknown<'e>>,
    params_now: bool,
) -> Result<Object<'e>> {
    let params = (!built.bind.is_empty()).then_some(built.bind);
    start(env, target, built.sql, params, sink, params_now)
}

#[napi]
impl NativeSequelize {
    /// Normalises a model definition (`RawModel` JSON), registers it under its
    /// name (replacing an earlier one) and returns the `ModelDef` as JSON.
    #[napi]
    pub fn define_model(&self, raw_json: String) -> Result<String> {
        let raw: RawModel = serde_json::from_str(&raw_json).map_err(|e| {
            to_napi_error(&CoreError::invalid(format!(
                "invalid model definition: {e}"
            )))
        })?;
        let def = normalize(raw).map_err(|e| to_napi_error(&e))?;
        let json = serde_json::to_string(&def)
            .map_err(|e| to_napi_error(&CoreError::invalid(e.to_string())))?;
        // A model whose template cannot be built simply has none (findByPk takes the
        // general path, which reports any error in context).
        let pk_select = PkSelect::build(&def, &TzSpec::new(self.tz_offset))
            .unwrap_or(None)
            .map(Arc::new);
        let unavailable = || to_napi_error(&CoreError::invalid("model registry unavailable"));
        let mut models = self.models.lock().map_err(|_| unavailable())?;
        let mut pk_selects = self.pk_selects.lock().map_err(|_| unavailable())?;
        pk_selects.insert(def.name.clone(), pk_select);
        models.insert(def.name.clone(), Arc::new(def));
        Ok(json)
    }

    /// `Model.findByPk(value)` with no options (the facade checks that no
    /// scope, hook or logging could change or observe the statement): the
    /// model's template with the value escaped, started like `runModel`.
    /// Returns `null` when the model has no template (the facade then takes
    /// the general path).
    #[napi(ts_return_type = "{ sql: string; promise: Promise<any> } | null")]
    pub fn run_by_pk<'e>(
        &self,
        env: &'e Env,
        model: String,
        value: Either<f64, String>,
        transaction: Option<u32>,
        sink: Option<Unknown<'e>>,
    ) -> Result<Option<Object<'e>>> {
        let built = (|| {
            let template = self
                .pk_selects
                .lock()
                .map_err(|_| CoreError::invalid("model registry unavailable"))?
                .get(&model)
                .cloned()
                .flatten();
            let Some(template) = template else {
                return Ok(None);
            };
            let value = match value {
                Either::B(s) => serde_json::Value::String(s),
                Either::A(n) if n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_991.0 => {
                    serde_json::Value::from(n as i64)
                }
                Either::A(_) => return Ok(None),
            };
            let def = self.model(&model, &serde_json::Value::Null)?;
            template
                .sql(&def, &value, &TzSpec::new(self.tz_offset))
                .map(Some)
        })()
        .map_err(|e| to_napi_error(&e))?;
        let Some(sql) = built else {
            return Ok(None);
        };
        let target = self.target(transaction).map_err(|e| to_napi_error(&e))?;
        start(env, target, sql, None, sink, false).map(Some)
    }

    /// Builds a model statement (`select`, `insert`, …) and starts it:
    /// `{sql, params?, promise}` as `run`.
    #[napi(ts_return_type = "{ sql: string; params?: any[]; promise: Promise<any> }")]
    #[allow(clippy::too_many_arguments)] // the JS call's arguments, one native call per statement
    pub fn run_model<'e>(
        &self,
        env: &'e Env,
        kind: String,
        model: String,
        payload_json: String,
        transaction: Option<u32>,
        sink: Option<Unknown<'e>>,
        params_now: Option<bool>,
    ) -> Result<Object<'e>> {
        let target = self.target(transaction).map_err(|e| to_napi_error(&e))?;
        let built = (|| {
            let payload = parse(&payload_json)?;
            let def = self.model(&model, &payload)?;
            let tz = ops::tz_of(&payload, self.tz_offset);
            ops::model_stmt(&kind, &def, &payload, &tz)
        })()
        .map_err(|e| to_napi_error(&e))?;
        start_stmt(env, target, built, sink, params_now.unwrap_or(false))
    }

    /// `bulkCreate`'s INSERT for rows given as typed columns (see
    /// `binding::bulk`), options in the payload as for `bulkInsert`; started
    /// as `run_model`.
    #[napi(ts_return_type = "{ sql: string; params?: any[]; promise: Promise<any> }")]
    #[allow(clippy::too_many_arguments)] // the JS call's arguments, one native call per statement
    pub fn run_bulk_insert<'e>(
        &self,
        env: &'e Env,
        model: String,
        payload_json: String,
        row_count: u32,
        columns: Vec<BulkColumn>,
        transaction: Option<u32>,
        sink: Option<Unknown<'e>>,
        params_now: Option<bool>,
    ) -> Result<Object<'e>> {
        let target = self.target(transaction).map_err(|e| to_napi_error(&e))?;
        let params_now = params_now.unwrap_or(false);
        let built = (|| {
            let payload = parse(&payload_json)?;
            let def = self.model(&model, &payload)?;
            let tz = ops::tz_of(&payload, self.tz_offset);
            let rows = columnar_rows(row_count, columns)?;
            ops::bulk_insert_columns(&def, &rows, &payload, &tz, !params_now)
        })()
        .map_err(|e| to_napi_error(&e))?;
        start_stmt(env, target, built, sink, params_now)
    }

    /// A QueryInterface statement on a table (bulkInsert/bulkUpdate/bulkDelete).
    #[napi(ts_return_type = "{ sql: string; params?: any[]; promise: Promise<any> }")]
    pub fn run_table<'e>(
        &self,
        env: &'e Env,
        kind: String,
        payload_json: String,
        transaction: Option<u32>,
        params_now: Option<bool>,
    ) -> Result<Object<'e>> {
        let target = self.target(transaction).map_err(|e| to_napi_error(&e))?;
        let built = (|| {
            let mut payload = parse(&payload_json)?;
            let tz = ops::tz_of(&payload, self.tz_offset);
            ops::table_stmt(&kind, &mut payload, &tz)
        })()
        .map_err(|e| to_napi_error(&e))?;
        start_stmt(env, target, built, None, params_now.unwrap_or(false))
    }

    /// DDL / catalog statements for a model (sync, drop, truncate).
    #[napi]
    pub fn model_sql(
        &self,
        kind: String,
        model: String,
        payload_json: String,
    ) -> Result<Vec<String>> {
        (|| {
            let payload = parse(&payload_json)?;
            let def = self.model(&model, &payload)?;
            ops::model_ddl(&kind, &def, &payload, &self.database)
        })()
        .map_err(|e| to_napi_error(&e))
    }

    /// QueryInterface DDL statements.
    #[napi]
    pub fn qi_sql(&self, kind: String, payload_json: String) -> Result<Vec<String>> {
        (|| {
            let payload = parse(&payload_json)?;
            ops::qi_ddl(&kind, &payload)
        })()
        .map_err(|e| to_napi_error(&e))
    }

    /// Null checks and built-in validators for an instance's values:
    /// `{values: {attr: tagged}, fields: [attr]}` → JSON array of error items
    /// (`{message, type, path, validatorKey, validatorName, validatorArgs}`),
    /// attribute by attribute, in declaration order.
    #[napi]
    pub fn validate(&self, model: String, payload_json: String) -> Result<String> {
        (|| {
            let payload = parse(&payload_json)?;
            let def = self.model(&model, &payload)?;
            let values = payload
                .get("values")
                .cloned()
                .unwrap_or(serde_json::Value::Null);
            let names: Vec<&str> = payload
                .get("fields")
                .and_then(|f| f.as_array())
                .into_iter()
                .flatten()
                .filter_map(|f| f.as_str())
                .collect();
            let attrs: Vec<_> = names.iter().filter_map(|n| def.attribute(n)).collect();
            let value_of = |name: &str| values.get(name).unwrap_or(&serde_json::Value::Null);
            // Sequelize reports every notNull / string violation first, then validator failures.
            let mut items: Vec<_> = attrs
                .iter()
                .filter_map(|a| check_null(&def.name, a, value_of(&a.name)))
                .collect();
            for a in &attrs {
                items.extend(validate_attribute(&def.name, a, value_of(&a.name), true));
            }
            serde_json::to_string(&items).map_err(|e| CoreError::invalid(e.to_string()))
        })()
        .map_err(|e| to_napi_error(&e))
    }

    /// Renders an SQL expression node (`defaultValue: fn('now')`, index
    /// expressions) or, for `{"$whereClause": …}`, a where condition.
    #[napi]
    pub fn render_expr(&self, node_json: String) -> Result<String> {
        (|| {
            let node = parse(&node_json)?;
            if let Some(w) = node.get("$whereClause") {
                return crate::core::sql::where_clause(None, None, w);
            }
            crate::core::sql::render_expr(&node)
        })()
        .map_err(|e| to_napi_error(&e))
    }
}
