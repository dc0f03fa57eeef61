//! CoreError → the plain JS object `lib/errors.js` turns into a Sequelize error.

use napi::bindgen_prelude::*;

use crate::core::error::CoreError;
use crate::core::error_class::classify;

/// `{kind, message, code, ...pg fields, ...net fields}`.
pub fn error_object<'e>(env: &'e Env, e: &CoreError, sql: &str) -> Result<Object<'e>> {
    let mut o = Object::new(env)?;
    o.set("kind", e.kind.as_str())?;
    let c = classify(e, sql);
    o.set("class", c.class)?;
    if let Some(m) = &c.message {
        o.set("sequelizeMessage", m.as_str())?;
    }
    if !c.fields.is_empty() {
        let mut f = Object::new(env)?;
        for (k, v) in &c.fields {
            f.set(k.as_str(), v.as_str())?;
        }
        o.set("fields", f)?;
    }
    if let Some(v) = &c.index {
        o.set("index", v.as_str())?;
    }
    if let Some(v) = &c.table {
        o.set("errTable", v.as_str())?;
    }
    o.set("message", e.message.as_str())?;
    if let Some(code) = &e.code {
        o.set("code", code.as_str())?;
    }
    if let Some(db) = &e.db {
        let fields: [(&str, &Option<String>); 15] = [
            ("severity", &db.severity),
            ("detail", &db.detail),
            ("hint", &db.hint),
            ("position", &db.position),
            ("internalPosition", &db.internal_position),
            ("internalQuery", &db.internal_query),
            ("where", &db.where_),
            ("schema", &db.schema),
            ("table", &db.table),
            ("column", &db.column),
            ("dataType", &db.data_type),
            ("constraint", &db.constraint),
            ("file", &db.file),
            ("line", &db.line),
            ("routine", &db.routine),
        ];
        for (k, v) in fields {
            if let Some(v) = v {
                o.set(k, v.as_str())?;
            }
        }
    }
    if let Some(net) = &e.net {
        if let Some(v) = net.errno {
            o.set("errno", v)?;
        }
        if let Some(v) = &net.syscall {
            o.set("syscall", v.as_str())?;
        }
        if let Some(v) = &net.address {
            o.set("address", v.as_str())?;
        }
        if let Some(v) = net.port {
            o.set("port", v as u32)?;
        }
        if let Some(v) = &net.hostname {
            o.set("hostname", v.as_str())?;
        }
    }
    Ok(o)
}

/// For synchronous failures: a thrown Error whose message is the JSON of the
/// error object (the facade parses it back; see `lib/native.js`).
pub fn to_napi_error(e: &CoreError) -> Error {
    let json = serde_json::json!({
        "kind": e.kind.as_str(),
        "message": e.message,
        "code": e.code,
    });
    Error::new(Status::GenericFailure, format!("SEQRS{json}"))
}
