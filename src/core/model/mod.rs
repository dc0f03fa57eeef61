//! The model layer: definitions, naming, DDL, validation.

pub mod def;
