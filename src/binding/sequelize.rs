//! `NativeSequelize`: one per `new Sequelize(...)`. Owns the pool; runs SQL.

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::binding::errors::{error_object, to_napi_error};
use crate::binding::results::{result_object, results_array};
use crate::binding::uvloop::{
    progress as progress_item, spawn_promise, spawn_promise_with, with_runtime, ProgressConvert,
};
use crate::core::bind::binary_array_literal;
use crate::core::bind::{prepare_bind, Bind};
use crate::core::config::parse_constructor;
use crate::core::error::{CoreError, CoreResult};
use crate::core::exec::{self, Target};
use crate::core::model::def::ModelDef;
use crate::core::pool::Pool;
use crate::core::pool::PooledConn;
use crate::core::replacements::{inject_replacements, Replacements};
use crate::core::value::{from_tagged_json, BindParam, SqlValue};

#[napi]
pub struct NativeSequelize {
    pub(crate) pool: Pool,
    config_json: String,
    /// Models defined on this instance (`sequelize.define`), by name.
    pub(crate) models:
        std::sync::Mutex<std::collections::HashMap<String, std::sync::Arc<ModelDef>>>,
    /// `findByPk` templates of those models (`None`: the key type has none).
    pub(crate) pk_selects: std::sync::Mutex<
        std::collections::HashMap<
            String,
            Option<std::sync::Arc<crate::core::model::pk_select::PkSelect>>,
        >,
    >,
    /// `timezone` as a UTC offset in minutes (0 for an IANA name: Dates then carry their own).
    pub(crate) tz_offset: i32,
    pub(crate) database: String,
    /// Connections held by open transactions, by transaction number.
    pub(crate) held: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<u32, PooledConn>>>,
    next_tx: std::sync::atomic::AtomicU32,
}

#[napi(object)]
pub struct PoolStatusJs {
    pub size: u32,
    pub available: u32,
    pub waiting: u32,
    pub max: u32,
}

#[napi]
impl NativeSequelize {
    /// Parses the constructor arguments (JSON, see `lib/native.js`); no I/O.
    #[napi(constructor)]
    pub fn new(input_json: String) -> Result<Self> {
        let parsed = parse_constructor(&input_json).map_err(|e| to_napi_error(&e))?;
        let config_json = serde_json::json!({
            "dialect": parsed.dialect,
            "config": parsed.public,
            "warnings": parsed.warnings,
        })
        .to_string();
        let tz_offset = offset_minutes(&parsed.connect.timezone);
        let database = parsed.connect.database.clone();
        let pool = Pool::new(parsed.connect).map_err(|e| to_napi_error(&e))?;
        Ok(NativeSequelize {
            pool,
            config_json,
            models: std::sync::Mutex::new(std::collections::HashMap::new()),
            pk_selects: std::sync::Mutex::new(std::collections::HashMap::new()),
            tz_offset,
            database,
            held: std::sync::Arc::new(std::sync::Mutex::new(std::collections::HashMap::new())),
            next_tx: std::sync::atomic::AtomicU32::new(1),
        })
    }

    /// `{dialect, config, warnings}` as JSON.
    #[napi(getter)]
    pub fn config_json(&self) -> String {
        self.config_json.clone()
    }

    /// Prepares `sql` (replacements inlined, or bind parameters collected),
    /// starts it on the pool and returns `{sql, promise}` at once, so the
    /// facade can log the final SQL. The promise resolves to `{results}` or
    /// `{error}` (never rejects).
    #[napi(ts_return_type = "{ sql: string; promise: Promise<any> }")]
    pub fn run<'e>(
        &self,
        env: &'e Env,
        sql: String,
        replacements_json: Option<String>,
        bind_json: Option<String>,
        transaction: Option<u32>,
        sink: Option<Unknown<'e>>,
    ) -> Result<Object<'e>> {
        let (final_sql, params) =
            prepare(sql, replacements_json, bind_json).map_err(|e| to_napi_error(&e))?;
        let target = self.target(transaction).map_err(|e| to_napi_error(&e))?;
        start(env, target, final_sql, params, sink, false)
    }

    /// Takes a connection out of the pool for a transaction; resolves `[id]` or
    /// `[null, error]`.
    #[napi(ts_return_type = "Promise<any[]>")]
    pub fn begin<'e>(&self, env: &'e Env) -> Result<Unknown<'e>> {
        let pool = self.pool.clone();
        let held = self.held.clone();
        let id = self
            .next_tx
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let promise = spawn_promise(
            env,
            async move {
                match pool.hold().await {
                    Ok(conn) => {
                        if let Ok(mut map) = held.lock() {
                            map.insert(id, conn);
                        }
                        Ok(id)
                    }
                    Err(e) => Err(e),
                }
            },
            move |env, r: CoreResult<u32>| {
                let mut out = env.create_array(2)?;
                match r {
                    Ok(id) => out.set(0, id)?,
                    Err(e) => {
                        out.set(0, Null)?;
                        out.set(1, error_object(env, &e, "")?)?;
                    }
                }
                // SAFETY: converting a value of this env on the JS thread.
                unsafe { Array::to_napi_value(env.raw(), out) }
            },
        )?;
        // SAFETY: `promise` was just created in this env's current scope.
        Ok(unsafe { Unknown::from_raw_unchecked(env.raw(), promise) })
    }

    /// Gives a transaction's connection back (`broken`: drop it instead).
    #[napi]
    pub fn end(&self, env: &Env, transaction: u32, broken: bool) -> Result<()> {
        let conn = self
            .held
            .lock()
            .ok()
            .and_then(|mut m| m.remove(&transaction));
        if let Some(mut conn) = conn {
            if broken {
                conn.broken = true;
            }
            // Giving the connection back may wake a statement waiting for one.
            with_runtime(env, || self.pool.release(conn))?;
        }
        Ok(())
    }

    /// Closes the pool: idle connections end now, later queries fail.
    #[napi]
    pub fn close(&self, env: &Env) -> Result<()> {
        // Dropping the idle connections wakes their tasks, which send Terminate.
        with_runtime(env, || self.pool.close())
    }

    #[napi(getter)]
    pub fn is_closed(&self) -> bool {
        self.pool.is_closed()
    }

    #[napi]
    pub fn pool_status(&self) -> PoolStatusJs {
        let s = self.pool.status();
        PoolStatusJs {
            size: s.size as u32,
            available: s.available as u32,
            waiting: s.waiting as u32,
            max: s.max as u32,
        }
    }
}

type Prepared = (String, Option<Vec<BindParam>>);

/// `+05:30` → 330; anything else (an IANA name) → 0.
fn offset_minutes(tz: &str) -> i32 {
    let b = tz.as_bytes();
    if b.len() != 6 || b[3] != b':' || !tz.is_ascii() {
        return 0;
    }
    let sign = match b[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return 0,
    };
    let h: i32 = tz[1..3].parse().unwrap_or(0);
    let m: i32 = tz[4..6].parse().unwrap_or(0);
    sign * (h * 60 + m)
}

/// Starts `sql` on the pool; returns `{sql, params, promise}` at once. The
/// promise resolves to `{results}` or `{error}` (never rejects). `params`
/// are the bind values as sent (for logging and error `.parameters`).
impl NativeSequelize {
    /// The pool, or the connection transaction `id` holds.
    pub(crate) fn target(&self, transaction: Option<u32>) -> CoreResult<Target> {
        match transaction {
            None => Ok(Target::Pool(self.pool.clone())),
            Some(id) => self
                .held
                .lock()
                .ok()
                .and_then(|m| m.get(&id).map(|c| Target::Held(c.client.clone())))
                .ok_or_else(|| {
                    CoreError::invalid(
                        "The transaction has ended: its connection is no longer held",
                    )
                }),
        }
    }
}

/// Starts `sql` on its target; returns `{sql, params?, promise}` at once. The
/// promise resolves to `{results}` or `{error, params?}` (never rejects).
/// `params` are the bind values as sent: on the returned object only with
/// `params_now` (they are logged), on a failure's outcome always (the error's
/// `.parameters`); building them for every statement would cost more than
/// decoding a one-row result. With
/// `sink` (a JS function), a large result arrives in chunks while it is being
/// received: `sink(setIndex, resultSet)` for each [`exec::CHUNK_ROWS`] rows;
/// the final result sets then hold only the rows after the last chunk.
pub(crate) fn start<'e>(
    env: &'e Env,
    target: Target,
    final_sql: String,
    params: Option<Vec<BindParam>>,
    sink: Option<Unknown<'e>>,
    params_now: bool,
) -> Result<Object<'e>> {
    let mut out = Object::new(env)?;
    if params_now {
        if let Some(ps) = &params {
            out.set("params", params_array(env, ps)?)?;
        }
    }
    let run_sql = final_sql.clone();
    let err_sql = final_sql.clone();
    let streaming = sink.is_some();
    let progress = match sink {
        // SAFETY: converting a value of this env on the JS thread.
        Some(f) => Some((
            unsafe { Unknown::to_napi_value(env.raw(), f)? },
            chunk_converter(),
        )),
        None => None,
    };
    let promise = spawn_promise_with(
        env,
        move |id| {
            let sink: Option<exec::Sink> = streaming.then(|| {
                Box::new(move |index: usize, set: exec::ResultSet| {
                    progress_item(id, Box::new((index, set)));
                }) as exec::Sink
            });
            async move {
                let mut sink = sink;
                let r = exec::run_target(&target, &run_sql, params.as_deref(), sink.as_mut()).await;
                (r, params)
            }
        },
        move |env, (r, params): (CoreResult<Vec<exec::ResultSet>>, Option<Vec<BindParam>>)| {
            let mut o = Object::new(env)?;
            match r {
                Ok(sets) => o.set("results", results_array(env, sets)?)?,
                Err(e) => {
                    o.set("error", error_object(env, &e, &err_sql)?)?;
                    // The error's `.parameters` (built only when a statement fails).
                    if let Some(ps) = &params {
                        o.set("params", params_array(env, ps)?)?;
                    }
                }
            }
            // SAFETY: converting a value of this env on the JS thread.
            unsafe { Object::to_napi_value(env.raw(), o) }
        },
        progress,
    )?;
    out.set("sql", final_sql)?;
    // SAFETY: `promise` was just created in this env's current scope.
    out.set("promise", unsafe {
        Unknown::from_raw_unchecked(env.raw(), promise)
    })?;
    Ok(out)
}

/// Bind parameters as the JS values Sequelize logs and attaches to errors.
fn params_array<'e>(env: &'e Env, ps: &[BindParam]) -> Result<Array<'e>> {
    let mut arr = env.create_array(ps.len() as u32)?;
    for (i, p) in ps.iter().enumerate() {
        match p {
            BindParam::Null => arr.set(i as u32, Null)?,
            BindParam::Text(t) => arr.set(i as u32, t.as_str())?,
            BindParam::Number(t) => arr.set(i as u32, t.parse::<f64>().unwrap_or(f64::NAN))?,
            BindParam::Bool(b) => arr.set(i as u32, *b)?,
            BindParam::Binary(b) => arr.set(i as u32, Buffer::from(b.clone()))?,
            BindParam::BinaryArray(b) => arr.set(i as u32, binary_array_literal(b).as_str())?,
        }
    }
    Ok(arr)
}

/// A chunk `(set index, rows)` → the sink's arguments `(index, resultSet)`.
fn chunk_converter() -> ProgressConvert {
    Box::new(|env, item| {
        let (index, set) = *item
            .downcast::<(usize, exec::ResultSet)>()
            .map_err(|_| Error::from_reason("internal error: unexpected chunk type"))?;
        let arr = result_object(env, set)?;
        // SAFETY: converting values of this env on the JS thread.
        unsafe {
            Ok(vec![
                u32::to_napi_value(env.raw(), index as u32)?,
                Array::to_napi_value(env.raw(), arr)?,
            ])
        }
    })
}

fn parse_values(json: &str) -> CoreResult<serde_json::Value> {
    serde_json::from_str(json).map_err(|e| CoreError::invalid(format!("invalid values: {e}")))
}

fn named(map: &serde_json::Map<String, serde_json::Value>) -> CoreResult<Vec<(String, SqlValue)>> {
    map.iter()
        .map(|(k, v)| Ok((k.clone(), from_tagged_json(v)?)))
        .collect()
}

fn positional(items: &[serde_json::Value]) -> CoreResult<Vec<SqlValue>> {
    items.iter().map(from_tagged_json).collect()
}

fn prepare(
    sql: String,
    replacements: Option<String>,
    bind: Option<String>,
) -> CoreResult<Prepared> {
    if replacements.is_some() && bind.is_some() {
        return Err(CoreError::invalid(
            "Both `replacements` and `bind` cannot be set at the same time",
        ));
    }
    if let Some(r) = replacements {
        let r = match parse_values(&r)? {
            serde_json::Value::Array(items) => Replacements::Positional(positional(&items)?),
            serde_json::Value::Object(map) => Replacements::Named(named(&map)?),
            _ => return Ok((sql, None)),
        };
        return Ok((inject_replacements(&sql, &r)?, None));
    }
    if let Some(b) = bind {
        let b = match parse_values(&b)? {
            serde_json::Value::Array(items) => Bind::Positional(positional(&items)?),
            serde_json::Value::Object(map) => Bind::Named(named(&map)?),
            _ => return Ok((sql, None)),
        };
        let (sql, params) = prepare_bind(&sql, &b)?;
        return Ok((sql, Some(params)));
    }
    Ok((sql, None))
}

/// `sequelize.escape(value)`: the core's one escaping function (value as tagged JSON).
#[napi]
pub fn escape_value(value_json: String) -> Result<String> {
    let v: serde_json::Value = parse_values(&value_json).map_err(|e| to_napi_error(&e))?;
    let v = from_tagged_json(&v).map_err(|e| to_napi_error(&e))?;
    crate::core::escape::escape(&v).map_err(|e| to_napi_error(&e))
}
