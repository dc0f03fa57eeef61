//! STUB (replaced by the real parser): connection configuration types.
use crate::core::error::{CoreError, CoreResult};
use serde::Serialize;

#[derive(Debug, Clone)]
pub struct Parsed {
    pub dialect: String,
    pub public: PublicConfig,
    pub connect: ConnectConfig,
    pub warnings: Vec<String>,
}
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PublicConfig {
    pub database: Option<String>,
    pub username: Option<String>,
    pub password: Option<String>,
    pub host: String,
    pub port: serde_json::Value,
    pub dialect_options: serde_json::Value,
}
#[derive(Debug, Clone)]
pub struct ConnectConfig {
    pub host: String,
    pub port: u16,
    pub user: String,
    pub password: Option<String>,
    pub database: String,
    pub application_name: Option<String>,
    pub options: Option<String>,
    pub connect_timeout_ms: Option<u64>,
    pub keep_alive: bool,
    pub keep_alive_initial_delay_ms: Option<u64>,
    pub ssl: Option<TlsSettings>,
    pub channel_binding: ChannelBinding,
    pub timezone: String,
    pub keep_default_timezone: bool,
    pub client_min_messages: Option<String>,
    pub pool: PoolSettings,
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelBinding {
    Disable,
    Prefer,
    Require,
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verify {
    Full,
    CaOnly,
    None,
}
#[derive(Debug, Clone)]
pub struct TlsSettings {
    pub verify: Verify,
    pub ca: Option<Vec<String>>,
    pub cert: Option<String>,
    pub key: Option<String>,
    pub servername: Option<String>,
    pub extra_ca_file: Option<String>,
}
#[derive(Debug, Clone)]
pub struct PoolSettings {
    pub max: u32,
    pub min: u32,
    pub idle_ms: u64,
    pub acquire_ms: u64,
    pub evict_ms: u64,
    pub max_uses: Option<u64>,
}
pub fn parse_constructor(_input_json: &str) -> CoreResult<Parsed> {
    Err(CoreError::invalid("config parser not integrated yet"))
}
