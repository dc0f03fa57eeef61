//! napi bindings: the only code that touches Node-API. Each file converts one
//! kind of thing between the core and JavaScript.

pub mod bulk;
pub mod errors;
pub mod extstr;
pub mod models;
pub mod results;
pub mod sequelize;
pub mod uvloop;
