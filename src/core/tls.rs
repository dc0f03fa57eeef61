//! STUB (replaced by the real TLS module).
use crate::core::config::TlsSettings;
use crate::core::error::{CoreError, CoreResult};
use tokio_postgres::tls::MakeTlsConnect;
pub type Connector = <tokio_postgres_rustls::MakeRustlsConnect as MakeTlsConnect<tokio::net::TcpStream>>::TlsConnect;
#[derive(Clone)]
pub struct TlsContext {}
impl TlsContext {
    pub fn new(_s: &TlsSettings) -> CoreResult<TlsContext> {
        Err(CoreError::invalid("tls not integrated"))
    }
    pub fn connector(&self, _host: &str) -> CoreResult<Connector> {
        Err(CoreError::invalid("tls not integrated"))
    }
}
pub fn describe_tls_error(_err: &(dyn std::error::Error + 'static)) -> Option<(String, String)> {
    None
}
