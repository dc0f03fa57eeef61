//! Test models mirroring the ones used to record Sequelize's SQL
//! (/tmp/hb/oracle/lib.js in the helper's notes): normalised by hand the way
//! `model::normalize` does.

use crate::core::model::def::{
    AttributeDef, DefaultDesc, IndexDef, ModelDef, TypeDesc, UniqueDesc,
};

pub(crate) fn ty(key: &str, sql: &str) -> TypeDesc {
    TypeDesc {
        key: key.into(),
        sql: sql.into(),
        values: vec![],
        element: None,
        binary: false,
    }
}

pub(crate) fn arr(elem: TypeDesc) -> TypeDesc {
    let sql = format!("{}[]", elem.sql);
    TypeDesc {
        key: "ARRAY".into(),
        sql,
        values: vec![],
        element: Some(Box::new(elem)),
        binary: false,
    }
}

pub(crate) fn attr(name: &str, t: TypeDesc) -> AttributeDef {
    AttributeDef {
        name: name.into(),
        field: name.into(),
        ty: t,
        allow_null: true,
        primary_key: false,
        auto_increment: false,
        auto_increment_identity: false,
        unique: None,
        comment: None,
        references: None,
        on_delete: None,
        on_update: None,
        default_value: None,
        auto_generated: false,
        validate: None,
    }
}

fn id() -> AttributeDef {
    AttributeDef {
        allow_null: false,
        primary_key: true,
        auto_increment: true,
        auto_generated: true,
        ..attr("id", ty("INTEGER", "INTEGER"))
    }
}

fn date() -> TypeDesc {
    ty("DATE", "TIMESTAMP WITH TIME ZONE")
}

fn string() -> TypeDesc {
    ty("STRING", "VARCHAR(255)")
}

pub(crate) fn model(name: &str, table: &str, attributes: Vec<AttributeDef>) -> ModelDef {
    let primary_keys = attributes
        .iter()
        .filter(|a| a.primary_key)
        .map(|a| a.name.clone())
        .collect();
    let has = |n: &str| attributes.iter().any(|a| a.name == n);
    let created_at = has("createdAt").then(|| "createdAt".to_string());
    let updated_at = has("updatedAt").then(|| "updatedAt".to_string());
    ModelDef {
        name: name.into(),
        table_name: table.into(),
        schema: None,
        singular: name.into(),
        plural: table.into(),
        primary_keys,
        created_at,
        updated_at,
        deleted_at: None,
        version: None,
        paranoid: false,
        underscored: false,
        omit_null: false,
        indexes: Vec::<IndexDef>::new(),
        attributes,
    }
}

fn timestamps() -> Vec<AttributeDef> {
    vec![
        AttributeDef {
            allow_null: false,
            ..attr("createdAt", date())
        },
        AttributeDef {
            allow_null: false,
            ..attr("updatedAt", date())
        },
    ]
}

/// `define('User', {name NOT NULL, age INTEGER, email UNIQUE, score DECIMAL(10,2), big BIGINT})`.
pub(crate) fn user() -> ModelDef {
    let mut a = vec![
        id(),
        AttributeDef {
            allow_null: false,
            ..attr("name", string())
        },
        attr("age", ty("INTEGER", "INTEGER")),
        AttributeDef {
            unique: Some(UniqueDesc::Flag(true)),
            ..attr("email", string())
        },
        attr("score", ty("DECIMAL", "DECIMAL(10,2)")),
        attr("big", ty("BIGINT", "BIGINT")),
    ];
    a.extend(timestamps());
    model("User", "Users", a)
}

/// The all-types model `WhereM` (timestamps: false).
pub(crate) fn where_m() -> ModelDef {
    let mut e = ty("ENUM", "ENUM('a', 'b')");
    e.values = vec!["a".into(), "b".into()];
    let mut ex = ty("ENUM", "ENUM('x', 'y')");
    ex.values = vec!["x".into(), "y".into()];
    let mut rng = ty("RANGE", "int4range");
    rng.element = Some(Box::new(ty("INTEGER", "INTEGER")));
    let a = vec![
        id(),
        attr("n", ty("INTEGER", "INTEGER")),
        attr("name", string()),
        attr("tags", arr(string())),
        attr("ints", arr(ty("INTEGER", "INTEGER"))),
        attr("floats", arr(ty("FLOAT", "FLOAT"))),
        attr("dates", arr(date())),
        attr("enums", arr(ex)),
        attr("meta", ty("JSONB", "JSONB")),
        attr("j", ty("JSON", "JSON")),
        attr("f", ty("FLOAT", "FLOAT")),
        attr("d", ty("DOUBLE PRECISION", "DOUBLE PRECISION")),
        attr("r", ty("REAL", "REAL")),
        attr("dec", ty("DECIMAL", "DECIMAL")),
        attr("dt", date()),
        attr("donly", ty("DATEONLY", "DATE")),
        attr("b", ty("BOOLEAN", "BOOLEAN")),
        attr("blob", ty("BLOB", "BYTEA")),
        attr("e", e),
        attr("rng", rng),
        attr("hs", ty("HSTORE", "HSTORE")),
        attr("uid", ty("UUID", "UUID")),
        attr("ts", ty("TSVECTOR", "TSVECTOR")),
        attr("tm", ty("TIME", "TIME")),
        attr("big", ty("BIGINT", "BIGINT")),
        attr("ci", ty("CITEXT", "CITEXT")),
        attr("v", ty("VIRTUAL", "VIRTUAL")),
    ];
    model("WhereM", "WhereMs", a)
}

/// `define('UnderScored', {firstName, lastName: {field: 'surname'}}, {underscored: true})`.
pub(crate) fn underscored() -> ModelDef {
    let a = vec![
        id(),
        AttributeDef {
            field: "first_name".into(),
            ..attr("firstName", string())
        },
        AttributeDef {
            field: "surname".into(),
            ..attr("lastName", string())
        },
        AttributeDef {
            allow_null: false,
            field: "created_at".into(),
            ..attr("createdAt", date())
        },
        AttributeDef {
            allow_null: false,
            field: "updated_at".into(),
            ..attr("updatedAt", date())
        },
    ];
    let mut m = model("UnderScored", "under_scoreds", a);
    m.underscored = true;
    m
}

/// `define('Doc', {title}, {paranoid: true})`.
pub(crate) fn doc() -> ModelDef {
    let mut a = vec![id(), attr("title", string())];
    a.extend(timestamps());
    a.push(attr("deletedAt", date()));
    let mut m = model("Doc", "Docs", a);
    m.paranoid = true;
    m.deleted_at = Some("deletedAt".into());
    m
}

/// `define('SchM', {x}, {schema: 'sch1', timestamps: false})`.
pub(crate) fn sch() -> ModelDef {
    let mut m = model("SchM", "SchMs", vec![id(), attr("x", string())]);
    m.schema = Some("sch1".into());
    m
}

/// UUID primary key with a JS default, a composite unique ('cu'), a unique
/// slug, `n` DEFAULT 7 and `lit` DEFAULT now().
pub(crate) fn uu() -> ModelDef {
    let a = vec![
        AttributeDef {
            primary_key: true,
            allow_null: false,
            default_value: Some(DefaultDesc::Js),
            ..attr("id", ty("UUID", "UUID"))
        },
        AttributeDef {
            unique: Some(UniqueDesc::Name("cu".into())),
            ..attr("code", string())
        },
        AttributeDef {
            unique: Some(UniqueDesc::Name("cu".into())),
            ..attr("code2", string())
        },
        AttributeDef {
            unique: Some(UniqueDesc::Flag(true)),
            ..attr("slug", string())
        },
        attr("n", ty("INTEGER", "INTEGER")),
        attr("lit", date()),
    ];
    model("Uu", "Uus", a)
}

/// `define('Ver', {a}, {version: true})`.
pub(crate) fn ver() -> ModelDef {
    let mut a = vec![id(), attr("a", string())];
    a.extend(timestamps());
    a.push(AttributeDef {
        allow_null: false,
        ..attr("version", ty("INTEGER", "INTEGER"))
    });
    let mut m = model("Ver", "Vers", a);
    m.version = Some("version".into());
    m
}

/// Composite primary key (a, b).
pub(crate) fn pk2() -> ModelDef {
    let pk = |n: &str| AttributeDef {
        primary_key: true,
        ..attr(n, ty("INTEGER", "INTEGER"))
    };
    model("Pk2", "Pk2s", vec![pk("a"), pk("b"), attr("c", string())])
}

/// A JSON object literal as a map (empty for anything else).
pub(crate) fn map(v: serde_json::Value) -> serde_json::Map<String, serde_json::Value> {
    v.as_object().cloned().unwrap_or_default()
}

/// A text bind parameter.
pub(crate) fn t(s: &str) -> crate::core::value::BindParam {
    crate::core::value::BindParam::Text(s.into())
}

/// 2024-01-02T03:04:05.678Z in epoch milliseconds.
pub(crate) const D: i64 = 1_704_164_645_678;
