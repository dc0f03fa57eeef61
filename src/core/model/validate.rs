//! Attribute validation as Sequelize's `InstanceValidator` does it: the
//! schema checks (`allowNull: false` → "notNull Violation", objects on
//! string columns → "string violation") and the built-in `validate: {…}`
//! rules, which Sequelize hands to validator.js (13.15, with its
//! `validator-extras` overrides) as `validator[name](String(value), ...args)`.
//!
//! Custom validators (functions, sent by the facade as `"__fn__"`) run in JS;
//! so do the few validator.js functions not implemented here
//! ([`js_side_validators`] names them). The item fields and messages are
//! Sequelize's, including `validatorArgs` after validator.js merged its
//! defaults into an options object.
//!
//! Value coercion follows JS `String(value)`; dates print in UTC (the
//! process time zone is assumed to be UTC), and `Date.parse` for `isDate`,
//! `isAfter`, `isBefore` is V8's.

mod checks;
mod js;
mod jsdate;
mod jsregex;
mod locales;

use serde::Serialize;
use serde_json::{json, Value};

use crate::core::escape::js_number_to_string;
use crate::core::model::def::AttributeDef;
use crate::core::value::{from_tagged_json, SqlValue};

/// One `ValidationErrorItem`. `origin` follows from `kind`: `FUNCTION` for
/// "Validation error", `CORE` for the other two.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemError {
    pub message: String,
    /// `"Validation error"`, `"notNull Violation"` or `"string violation"`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The attribute name.
    pub path: String,
    /// `is_null`, `not_a_string`, the validator's name; `None` (JS `null`)
    /// when the validator threw instead of failing (an unknown validator
    /// name, a bad regex, an invalid locale, ...).
    pub validator_key: Option<String>,
    pub validator_name: Option<String>,
    /// The arguments the validator was called with (`[]` when none).
    pub validator_args: Value,
}

pub const VALIDATION_ERROR: &str = "Validation error";
pub const NOT_NULL_VIOLATION: &str = "notNull Violation";
pub const STRING_VIOLATION: &str = "string violation";

/// Where a `validate: {name: …}` rule runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuiltinSupport {
    /// Implemented here.
    Native,
    /// A validator.js (or Sequelize) function not implemented in Rust
    /// (`isMobilePhone`, `isPostalCode`, `isImmutable`, sanitizers, ...):
    /// [`validate_attribute`] skips it; the facade must run it.
    Js,
    /// Not a validator function at all: Sequelize reports
    /// `Invalid validator function: <name>` (and so does [`validate_attribute`]).
    Unknown,
}

/// Every function on Sequelize's `validator` object (validator.js 13.15 plus
/// `validator-extras`).
const VALIDATOR_FUNCTIONS: &[&str] = &[
    "toDate",
    "toFloat",
    "toInt",
    "toBoolean",
    "equals",
    "contains",
    "matches",
    "isEmail",
    "isURL",
    "isMACAddress",
    "isIP",
    "isIPRange",
    "isFQDN",
    "isBoolean",
    "isIBAN",
    "isBIC",
    "isAbaRouting",
    "isAlpha",
    "isAlphanumeric",
    "isNumeric",
    "isPassportNumber",
    "isPort",
    "isLowercase",
    "isUppercase",
    "isAscii",
    "isFullWidth",
    "isHalfWidth",
    "isVariableWidth",
    "isMultibyte",
    "isSemVer",
    "isSurrogatePair",
    "isInt",
    "isIMEI",
    "isFloat",
    "isDecimal",
    "isHexadecimal",
    "isOctal",
    "isDivisibleBy",
    "isHexColor",
    "isRgbColor",
    "isHSL",
    "isISRC",
    "isMD5",
    "isHash",
    "isJWT",
    "isJSON",
    "isEmpty",
    "isLength",
    "isLocale",
    "isByteLength",
    "isULID",
    "isUUID",
    "isMongoId",
    "isAfter",
    "isBefore",
    "isIn",
    "isLuhnNumber",
    "isCreditCard",
    "isIdentityCard",
    "isEAN",
    "isISIN",
    "isISBN",
    "isISSN",
    "isMobilePhone",
    "isPostalCode",
    "isEthereumAddress",
    "isCurrency",
    "isBtcAddress",
    "isISO6346",
    "isFreightContainerID",
    "isISO6391",
    "isISO8601",
    "isISO15924",
    "isRFC3339",
    "isISO31661Alpha2",
    "isISO31661Alpha3",
    "isISO31661Numeric",
    "isISO4217",
    "isBase32",
    "isBase58",
    "isBase64",
    "isDataURI",
    "isMagnetURI",
    "isMailtoURI",
    "isMimeType",
    "isLatLong",
    "ltrim",
    "rtrim",
    "trim",
    "escape",
    "unescape",
    "stripLow",
    "whitelist",
    "blacklist",
    "isWhitelisted",
    "normalizeEmail",
    "toString",
    "isSlug",
    "isStrongPassword",
    "isTaxID",
    "isDate",
    "isTime",
    "isLicensePlate",
    "isVAT",
    "isImmutable",
    "notNull",
    "extend",
    "notEmpty",
    "len",
    "isUrl",
    "isIPv6",
    "isIPv4",
    "notIn",
    "regex",
    "notRegex",
    "min",
    "max",
    "not",
    "notContains",
    "is",
    "isNull",
];

/// The marker the facade puts in place of a custom validator function.
const CUSTOM_FN: &str = "__fn__";

pub fn builtin_support(name: &str) -> BuiltinSupport {
    if checks::NATIVE.contains(&name) {
        BuiltinSupport::Native
    } else if VALIDATOR_FUNCTIONS.contains(&name) {
        BuiltinSupport::Js
    } else {
        BuiltinSupport::Unknown
    }
}

/// The attribute's built-in rules the facade has to run itself (in
/// declaration order): [`BuiltinSupport::Js`] names, custom functions excluded.
pub fn js_side_validators(attr: &AttributeDef) -> Vec<String> {
    match &attr.validate {
        Some(Value::Object(rules)) => rules
            .iter()
            .filter(|(k, v)| {
                v.as_str() != Some(CUSTOM_FN) && builtin_support(k) == BuiltinSupport::Js
            })
            .map(|(k, _)| k.clone())
            .collect(),
        _ => Vec::new(),
    }
}

/// A value's shape, as far as validation cares.
enum Shape {
    Nullish,
    /// `Sequelize.fn/literal/col`: not validated at all.
    Raw,
    /// An array, plain object or Date (an object to `_.isObject`).
    Object,
    Scalar,
}

fn shape(value: &Value) -> Shape {
    match from_tagged_json(value) {
        Ok(SqlValue::Null) => Shape::Nullish,
        Ok(SqlValue::Raw(_)) => Shape::Raw,
        Ok(SqlValue::Array(_)) | Ok(SqlValue::Json(_)) | Ok(SqlValue::Date { .. }) => Shape::Object,
        Ok(_) => Shape::Scalar,
        Err(_) => Shape::Object,
    }
}

/// Sequelize's `_validateSchema`: `allowNull: false` with a null/undefined
/// value → `notNull Violation` (`"<model>.<attr> cannot be null"`, or
/// `validate.notNull.msg`); an array/object/Date on a STRING, CHAR, TEXT or
/// CITEXT attribute → `string violation`. Skipped for the injected `id` and
/// auto-increment attributes, and for `Sequelize.fn/literal` values.
/// `model_name` is the model class's `name` (the `define` name).
///
/// (Sequelize also skips the null check when the attribute is a belongsTo
/// foreign key whose associated instance is set: the facade's call.)
pub fn check_null(model_name: &str, attr: &AttributeDef, value: &Value) -> Option<ItemError> {
    if attr.auto_generated || attr.auto_increment {
        return None;
    }
    match shape(value) {
        Shape::Nullish if !attr.allow_null => {
            let custom = attr
                .validate
                .as_ref()
                .and_then(|v| v.get("notNull"))
                .and_then(|n| n.as_object())
                .and_then(|n| n.get("msg"));
            let message = match custom {
                // _.get(validators, 'notNull.msg', default): a present key wins.
                Some(Value::Null) => String::new(),
                Some(m) => js::to_string(Some(m)),
                None => format!("{model_name}.{} cannot be null", attr.name),
            };
            Some(ItemError {
                message,
                kind: NOT_NULL_VIOLATION,
                path: attr.name.clone(),
                validator_key: Some("is_null".to_string()),
                validator_name: None,
                validator_args: json!([]),
            })
        }
        Shape::Object if matches!(attr.ty.key.as_str(), "STRING" | "CHAR" | "TEXT" | "CITEXT") => {
            Some(ItemError {
                message: format!("{} cannot be an array or an object", attr.name),
                kind: STRING_VIOLATION,
                path: attr.name.clone(),
                validator_key: Some("not_a_string".to_string()),
                validator_name: None,
                validator_args: json!([]),
            })
        }
        _ => None,
    }
}

/// `String(value)` for a tagged JSON value.
fn value_string(value: &Value) -> String {
    match from_tagged_json(value) {
        Ok(v) => sql_value_string(&v, false),
        Err(_) => "[object Object]".to_string(),
    }
}

fn sql_value_string(v: &SqlValue, in_array: bool) -> String {
    match v {
        SqlValue::Null => {
            if in_array {
                String::new()
            } else {
                "null".to_string()
            }
        }
        SqlValue::Bool(b) => b.to_string(),
        SqlValue::Number(n) => js_number_to_string(*n),
        SqlValue::BigInt(d) => d.clone(),
        SqlValue::Text(s) => s.clone(),
        SqlValue::Date { ms, .. } => js::date_to_string(*ms),
        SqlValue::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        SqlValue::Array(items) => items
            .iter()
            .map(|x| sql_value_string(x, true))
            .collect::<Vec<_>>()
            .join(","),
        SqlValue::Json(_) => "[object Object]".to_string(),
        SqlValue::Raw(s) => s.clone(),
    }
}

/// Validates one attribute value (tagged JSON, see `value::from_tagged_json`)
/// against its built-in rules (`AttributeDef.validate`), returning the
/// failures in declaration order. Unless `skip_null_checks`, the
/// [`check_null`] item (if any) comes first, as in Sequelize (schema errors
/// are pushed synchronously, validator failures a tick later).
///
/// Rules: `"__fn__"` entries and [`BuiltinSupport::Js`] names are skipped
/// (the facade runs them). A null value skips every built-in rule, and with
/// `allowNull: false` the custom ones too (only the notNull item remains).
pub fn validate_attribute(
    model_name: &str,
    attr: &AttributeDef,
    value: &Value,
    skip_null_checks: bool,
) -> Vec<ItemError> {
    let mut errors = Vec::new();
    let sh = shape(value);
    if matches!(sh, Shape::Raw) {
        return errors;
    }
    if !skip_null_checks {
        if let Some(e) = check_null(model_name, attr, value) {
            errors.push(e);
        }
    }
    if matches!(sh, Shape::Nullish) {
        return errors;
    }
    let Some(Value::Object(rules)) = &attr.validate else {
        return errors;
    };
    let text = value_string(value);
    for (name, test) in rules {
        if test.as_str() == Some(CUSTOM_FN) {
            continue;
        }
        if let Some(e) = run_builtin(&attr.name, name, test, &text) {
            errors.push(e);
        }
    }
    errors
}

/// An exception thrown while validating: Sequelize pushes it with no
/// validator key/name/args.
fn thrown(field: &str, message: String) -> ItemError {
    ItemError {
        message,
        kind: VALIDATION_ERROR,
        path: field.to_string(),
        validator_key: None,
        validator_name: None,
        validator_args: json!([]),
    }
}

/// `_invokeBuiltinValidator` + `_extractValidatorArgs`.
fn run_builtin(field: &str, name: &str, test: &Value, text: &str) -> Option<ItemError> {
    let mut test = test.clone();
    if matches!(name, "isUrl" | "isURL" | "isEmail") {
        let msg = match &test {
            Value::Object(m) if js::truthy(m.get("msg")) => m.get("msg").cloned(),
            _ => None,
        };
        if let Some(msg) = msg {
            test = json!({ "msg": msg });
        } else if test == Value::Bool(true) {
            test = json!({});
        }
    }
    match builtin_support(name) {
        BuiltinSupport::Js => return None,
        BuiltinSupport::Unknown => {
            return Some(thrown(field, format!("Invalid validator function: {name}")))
        }
        BuiltinSupport::Native => {}
    }
    if test.is_null() {
        return Some(thrown(
            field,
            "Cannot read properties of null (reading 'args')".to_string(),
        ));
    }
    // test.args || test
    let from_args = js::prop(Some(&test), "args").filter(|a| js::truthy(Some(a)));
    let args_value = from_args.cloned().unwrap_or_else(|| test.clone());
    let localized =
        !args_value.is_string() && matches!(name, "isAlpha" | "isAlphanumeric" | "isMobilePhone");
    let mut args: Vec<Value> = match args_value {
        Value::Array(items) => items,
        _ if localized || name == "isIP" => Vec::new(),
        other => vec![other],
    };
    match checks::call(name, text, &mut args) {
        Some(Ok(true)) | None => None,
        Some(Ok(false)) => {
            let msg = js::prop(Some(&test), "msg").filter(|m| js::truthy(Some(m)));
            Some(ItemError {
                message: match msg {
                    Some(m) => js::to_string(Some(m)),
                    None => format!("Validation {name} on {field} failed"),
                },
                kind: VALIDATION_ERROR,
                path: field.to_string(),
                validator_key: Some(name.to_string()),
                validator_name: Some(name.to_string()),
                validator_args: Value::Array(args),
            })
        }
        Some(Err(message)) => Some(thrown(field, message)),
    }
}

#[cfg(test)]
mod tests;
