//! The model layer: definitions, naming, DDL, validation.

pub mod ddl;
pub mod def;
pub mod inflect;
pub mod normalize;
pub mod ops;
pub mod pk_select;
pub mod validate;
