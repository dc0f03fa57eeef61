//! TLS for PostgreSQL connections, with node-postgres/Node semantics.
//!
//! * Roots: Mozilla's set from `webpki-roots` (like Node's bundled store) plus
//!   the certificates of `NODE_EXTRA_CA_CERTS`; a `ca` option replaces both.
//! * [`Verify::Full`] checks chain and host name (with Node's
//!   `tls.checkServerIdentity` rules, including the CN fallback for
//!   certificates without DNS names), [`Verify::CaOnly`] only the chain,
//!   [`Verify::None`] nothing but the handshake signatures.
//! * SNI: a DNS host name is sent; an IP literal sends none and is checked
//!   against the certificate's IP addresses, unless `servername` is set.
//! * Verification failures carry a [`NodeTlsError`] with Node's code and
//!   wording (`SELF_SIGNED_CERT_IN_CHAIN`, `ERR_TLS_CERT_ALTNAME_INVALID`, …);
//!   [`describe_tls_error`] finds it (or words any other TLS failure) in the
//!   source chain of a connect error.
//!
//! Channel binding (`tls-server-end-point`, for SCRAM-SHA-256-PLUS) comes from
//! `tokio-postgres-rustls`, whose connector this module hands out.

use std::collections::HashSet;
use std::error::Error as StdError;
use std::fmt;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, OnceLock};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, DistinguishedName, OtherError,
    RootCertStore, SignatureScheme,
};
use tokio_postgres::tls::MakeTlsConnect;
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::core::config::{TlsSettings, Verify};
use crate::core::error::{CoreError, CoreResult};

/// The `tokio_postgres::tls::TlsConnect` value for one connection (it is
/// `tokio_postgres_rustls`'s connector, which implements `TlsConnect<S>` for
/// every `S: AsyncRead + AsyncWrite + Unpin + Send + 'static` and supports
/// channel binding).
pub type PgTlsConnect = <MakeRustlsConnect as MakeTlsConnect<tokio::net::TcpStream>>::TlsConnect;

/// A TLS failure worded like Node's (`err.code`, `err.message`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeTlsError {
    pub code: String,
    pub message: String,
}

impl NodeTlsError {
    fn new(code: &str, message: impl Into<String>) -> Self {
        NodeTlsError {
            code: code.to_string(),
            message: message.into(),
        }
    }

    fn into_rustls(self) -> rustls::Error {
        rustls::Error::InvalidCertificate(CertificateError::Other(OtherError(Arc::new(self))))
    }
}

impl fmt::Display for NodeTlsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for NodeTlsError {}

/// TLS configuration of one Sequelize instance (pool). Cheap to clone.
#[derive(Clone)]
pub struct TlsContext {
    make: MakeRustlsConnect,
    servername: Option<String>,
}

impl fmt::Debug for TlsContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TlsContext")
            .field("servername", &self.servername)
            .finish_non_exhaustive()
    }
}

impl TlsContext {
    /// Builds the rustls configuration (ring provider, TLS 1.2 and 1.3).
    /// Bad PEM in `ca`, `cert` or `key` is an `InvalidInput` error.
    pub fn new(settings: &TlsSettings) -> CoreResult<TlsContext> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let roots = build_roots(settings)?;
        let client_auth = client_auth(settings)?;

        let verifier: Arc<dyn ServerCertVerifier> = match settings.verify {
            Verify::None => Arc::new(NoVerify {
                provider: provider.clone(),
            }),
            mode => {
                let inner =
                    WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
                        .build()
                        .map_err(|e| {
                            CoreError::invalid(format!("cannot use the TLS roots: {e}"))
                        })?;
                Arc::new(NodeVerifier {
                    inner,
                    check_name: mode == Verify::Full,
                })
            }
        };

        let builder = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| CoreError::invalid(format!("cannot set up TLS: {e}")))?
            .dangerous()
            .with_custom_certificate_verifier(verifier);
        let config = match client_auth {
            Some((chain, key)) => builder.with_client_auth_cert(chain, key).map_err(|e| {
                CoreError::invalid(format!(
                    "invalid client certificate/key (ssl.cert, ssl.key): {e}"
                ))
            })?,
            None => builder.with_no_client_auth(),
        };

        Ok(TlsContext {
            make: MakeRustlsConnect::new(config),
            servername: settings.servername.clone().filter(|s| !s.is_empty()),
        })
    }

    /// The TLS connector for one connection to `host` (a host name, or an IP
    /// literal, bracketed or not). The name it verifies and sends as SNI is
    /// `host`, except for an IP literal with `servername` set, where it is
    /// `servername` (pg overwrites `servername` for host names).
    pub fn connector(&self, host: &str) -> CoreResult<PgTlsConnect> {
        let name = self.tls_name(host)?;
        Ok(self.make_for(&name))
    }

    /// The name used for SNI and certificate verification for `host`.
    fn tls_name(&self, host: &str) -> CoreResult<String> {
        let bare = strip_brackets(host);
        if let Some(ip) = parse_ip(bare) {
            return match &self.servername {
                Some(servername) => {
                    check_server_name(servername, "ssl.servername")?;
                    Ok(servername.clone())
                }
                None => Ok(ip.to_string()),
            };
        }
        check_server_name(host, "host")?;
        Ok(host.to_string())
    }

    fn make_for(&self, name: &str) -> PgTlsConnect {
        let mut make = self.make.clone();
        match MakeTlsConnect::<tokio::net::TcpStream>::make_tls_connect(&mut make, name) {
            Ok(connect) => connect,
            Err(never) => match never {},
        }
    }
}

/// Lets `tokio_postgres::Config::connect(ctx.clone())` use this context: the
/// host name tokio-postgres passes (`host`, never `hostaddr`) goes through the
/// same mapping as [`TlsContext::connector`]. An unusable name fails only when
/// TLS is actually attempted (tokio-postgres asks for a connector even for
/// `sslmode=disable` and Unix sockets).
impl<S> MakeTlsConnect<S> for TlsContext
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    type Stream = <MakeRustlsConnect as MakeTlsConnect<S>>::Stream;
    type TlsConnect = <MakeRustlsConnect as MakeTlsConnect<S>>::TlsConnect;
    type Error = std::convert::Infallible;

    fn make_tls_connect(&mut self, hostname: &str) -> Result<Self::TlsConnect, Self::Error> {
        let name = self
            .tls_name(hostname)
            .unwrap_or_else(|_| hostname.to_string());
        let mut make = self.make.clone();
        MakeTlsConnect::<S>::make_tls_connect(&mut make, &name)
    }
}

fn strip_brackets(host: &str) -> &str {
    host.strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host)
}

/// An IP literal, IPv6 possibly with a zone (`fe80::1%eth0`).
fn parse_ip(s: &str) -> Option<IpAddr> {
    if let Ok(ip) = s.parse::<IpAddr>() {
        return Some(ip);
    }
    let (addr, _zone) = s.split_once('%')?;
    addr.parse::<std::net::Ipv6Addr>().ok().map(IpAddr::V6)
}

fn check_server_name(name: &str, what: &str) -> CoreResult<()> {
    ServerName::try_from(name)
        .map(|_| ())
        .map_err(|e| CoreError::invalid(format!("invalid TLS server name in {what} {name:?}: {e}")))
}

// ---------------------------------------------------------------------------
// Roots and client certificate

fn build_roots(settings: &TlsSettings) -> CoreResult<RootCertStore> {
    let ca: Vec<&String> = settings
        .ca
        .iter()
        .flatten()
        .filter(|pem| !pem.trim().is_empty())
        .collect();
    if ca.is_empty() {
        let mut store = RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        };
        if let Some(path) = settings.extra_ca_file.as_deref().filter(|p| !p.is_empty()) {
            add_extra_ca_file(&mut store, path);
        }
        return Ok(store);
    }

    let mut store = RootCertStore::empty();
    let mut rejected = None;
    for pem in ca {
        let certs = parse_certs(pem, "ssl.ca")?;
        if certs.is_empty() {
            return Err(CoreError::invalid(
                "ssl.ca contains no PEM certificate (expected -----BEGIN CERTIFICATE-----)",
            ));
        }
        for cert in certs {
            if let Err(e) = store.add(cert) {
                rejected = Some(e);
            }
        }
    }
    if store.is_empty() {
        let reason = rejected.map(|e| e.to_string()).unwrap_or_default();
        return Err(CoreError::invalid(format!(
            "ssl.ca holds no usable CA certificate: {reason}"
        )));
    }
    Ok(store)
}

/// `NODE_EXTRA_CA_CERTS`: certificates are added to the default store; a file
/// that can't be read or parsed is reported once and otherwise ignored (the
/// certificates read before a parse error stay, as in Node).
fn add_extra_ca_file(store: &mut RootCertStore, path: &str) {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            let reason = if e.kind() == std::io::ErrorKind::NotFound {
                "error:80000002:system library::No such file or directory".to_string()
            } else {
                e.to_string()
            };
            warn_extra_ca(path, &reason);
            return;
        }
    };
    for item in rustls_pemfile::certs(&mut bytes.as_slice()) {
        match item {
            Ok(cert) => {
                if let Err(e) = store.add(cert) {
                    warn_extra_ca(path, &e.to_string());
                }
            }
            Err(e) => {
                warn_extra_ca(path, &e.to_string());
                return;
            }
        }
    }
}

fn warn_extra_ca(path: &str, reason: &str) {
    static WARNED: OnceLock<Mutex<HashSet<String>>> = OnceLock::new();
    let first = match WARNED.get_or_init(Default::default).lock() {
        Ok(mut warned) => warned.insert(path.to_string()),
        Err(_) => true,
    };
    if first {
        eprintln!("Warning: Ignoring extra certs from `{path}`, load failed: {reason}");
    }
}

fn parse_certs(pem: &str, what: &str) -> CoreResult<Vec<CertificateDer<'static>>> {
    rustls_pemfile::certs(&mut pem.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| CoreError::invalid(format!("invalid PEM in {what}: {e}")))
}

type ClientAuth = (Vec<CertificateDer<'static>>, PrivateKeyDer<'static>);

/// Client certificate: only when both `cert` and `key` are given (Node
/// presents none when one of them is missing).
fn client_auth(settings: &TlsSettings) -> CoreResult<Option<ClientAuth>> {
    let present = |s: &Option<String>| s.clone().filter(|s| !s.trim().is_empty());
    let (Some(cert), Some(key)) = (present(&settings.cert), present(&settings.key)) else {
        return Ok(None);
    };
    let chain = parse_certs(&cert, "ssl.cert")?;
    if chain.is_empty() {
        return Err(CoreError::invalid(
            "ssl.cert contains no PEM certificate (expected -----BEGIN CERTIFICATE-----)",
        ));
    }
    let key = rustls_pemfile::private_key(&mut key.as_bytes())
        .map_err(|e| CoreError::invalid(format!("invalid PEM in ssl.key: {e}")))?
        .ok_or_else(|| {
            if key.contains("ENCRYPTED") {
                CoreError::invalid("ssl.key is encrypted; encrypted private keys are not supported")
            } else {
                CoreError::invalid(
                    "ssl.key contains no PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC expected)",
                )
            }
        })?;
    Ok(Some((chain, key)))
}

// ---------------------------------------------------------------------------
// Verifiers

/// `rejectUnauthorized: false`: accepts any certificate, still checks the
/// handshake signatures (as Node does).
#[derive(Debug)]
struct NoVerify {
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for NoVerify {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// WebPKI chain verification with Node's error wording; the host name is
/// checked with Node's rules (`check_name`) or not at all (verify-ca).
#[derive(Debug)]
struct NodeVerifier {
    inner: Arc<WebPkiServerVerifier>,
    check_name: bool,
}

impl ServerCertVerifier for NodeVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let err = match self.inner.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        ) {
            Ok(verified) => return Ok(verified),
            Err(err) => err,
        };
        let rustls::Error::InvalidCertificate(cert_err) = err else {
            return Err(err);
        };
        match cert_err {
            // The chain was verified before the name (rustls' order).
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                if !self.check_name {
                    return Ok(ServerCertVerified::assertion());
                }
                let host = server_name_text(server_name);
                let info = parse_cert(end_entity.as_ref());
                match check_server_identity(&host, info.as_ref()) {
                    Ok(()) => Ok(ServerCertVerified::assertion()),
                    Err(reason) => Err(NodeTlsError::new(
                        "ERR_TLS_CERT_ALTNAME_INVALID",
                        format!("Hostname/IP does not match certificate's altnames: {reason}"),
                    )
                    .into_rustls()),
                }
            }
            CertificateError::UnknownIssuer => {
                Err(unknown_issuer(end_entity, intermediates).into_rustls())
            }
            other => match certificate_error(&other) {
                Some(node) => Err(node.into_rustls()),
                None => Err(rustls::Error::InvalidCertificate(other)),
            },
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }

    fn root_hint_subjects(&self) -> Option<&[DistinguishedName]> {
        self.inner.root_hint_subjects()
    }
}

fn server_name_text(name: &ServerName<'_>) -> String {
    match name {
        ServerName::DnsName(dns) => dns.as_ref().to_string(),
        ServerName::IpAddress(ip) => IpAddr::from(*ip).to_string(),
        _ => String::new(),
    }
}

/// OpenSSL's classification of "no trusted issuer" (`build_chain` and
/// `internal_verify` in x509_vfy.c, last error wins as Node continues
/// verification): follow the presented certificates by issuer name; a
/// self-issued top gives `DEPTH_ZERO_SELF_SIGNED_CERT` (alone) or
/// `SELF_SIGNED_CERT_IN_CHAIN`; a lone leaf from an unknown issuer gives
/// `UNABLE_TO_VERIFY_LEAF_SIGNATURE`; a longer chain
/// `UNABLE_TO_GET_ISSUER_CERT_LOCALLY`.
fn unknown_issuer(
    end_entity: &CertificateDer<'_>,
    intermediates: &[CertificateDer<'_>],
) -> NodeTlsError {
    let local_issuer = || {
        NodeTlsError::new(
            "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
            "unable to get local issuer certificate",
        )
    };
    let Some(mut current) = parse_cert(end_entity.as_ref()) else {
        return local_issuer();
    };
    let parsed: Vec<Option<CertInfo<'_>>> = intermediates
        .iter()
        .map(|c| parse_cert(c.as_ref()))
        .collect();
    let mut used = vec![false; parsed.len()];
    let mut length = 1usize;
    loop {
        if current.issuer == current.subject {
            return if length == 1 {
                NodeTlsError::new("DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate")
            } else {
                NodeTlsError::new(
                    "SELF_SIGNED_CERT_IN_CHAIN",
                    "self-signed certificate in certificate chain",
                )
            };
        }
        let next = parsed
            .iter()
            .zip(used.iter_mut())
            .find_map(|(info, used)| match info {
                Some(info) if !*used && info.subject == current.issuer => {
                    *used = true;
                    Some(info.clone())
                }
                _ => None,
            });
        match next {
            Some(info) => {
                current = info;
                length += 1;
            }
            None => break,
        }
    }
    if length == 1 {
        NodeTlsError::new(
            "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
            "unable to verify the first certificate",
        )
    } else {
        local_issuer()
    }
}

/// Node's code and text for a certificate error, where OpenSSL has one.
fn certificate_error(err: &CertificateError) -> Option<NodeTlsError> {
    let (code, message) = match err {
        CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
            ("CERT_HAS_EXPIRED", "certificate has expired")
        }
        CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
            ("CERT_NOT_YET_VALID", "certificate is not yet valid")
        }
        CertificateError::Revoked => ("CERT_REVOKED", "certificate revoked"),
        CertificateError::BadSignature => {
            ("CERT_SIGNATURE_FAILURE", "certificate signature failure")
        }
        CertificateError::InvalidPurpose | CertificateError::InvalidPurposeContext { .. } => {
            ("INVALID_PURPOSE", "unsupported certificate purpose")
        }
        CertificateError::UnhandledCriticalExtension => (
            "UNHANDLED_CRITICAL_EXTENSION",
            "unhandled critical extension",
        ),
        CertificateError::UnknownIssuer => (
            "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
            "unable to get local issuer certificate",
        ),
        CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => (
            "ERR_TLS_CERT_ALTNAME_INVALID",
            "Hostname/IP does not match certificate's altnames",
        ),
        _ => return None,
    };
    Some(NodeTlsError::new(code, message))
}

// ---------------------------------------------------------------------------
// Node's tls.checkServerIdentity (lib/tls.js)

fn check_server_identity(hostname: &str, cert: Option<&CertInfo<'_>>) -> Result<(), String> {
    let empty = CertInfo::default();
    let cert = cert.unwrap_or(&empty);
    let dns_names: Vec<&str> = cert
        .sans
        .iter()
        .filter_map(|san| match san {
            San::Dns(name) => Some(name.as_str()),
            _ => None,
        })
        .collect();
    let ips: Vec<String> = cert
        .sans
        .iter()
        .filter_map(|san| match san {
            San::Ip(bytes) => ip_from_bytes(bytes).map(|ip| ip.to_string()),
            _ => None,
        })
        .collect();
    let hostname = hostname.strip_suffix('.').unwrap_or(hostname);

    if let Some(ip) = parse_ip(hostname) {
        if ips.iter().any(|candidate| *candidate == ip.to_string()) {
            return Ok(());
        }
        return Err(format!(
            "IP: {hostname} is not in the cert's list: {}",
            ips.join(", ")
        ));
    }
    if dns_names.is_empty() && cert.common_names.is_empty() {
        return Err("Cert does not contain a DNS name".to_string());
    }
    let host_parts = split_host(hostname);
    if !dns_names.is_empty() {
        if dns_names.iter().any(|p| host_matches(&host_parts, p)) {
            return Ok(());
        }
        return Err(format!(
            "Host: {hostname}. is not in the cert's altnames: {}",
            alt_names_text(&cert.sans)
        ));
    }
    if cert
        .common_names
        .iter()
        .any(|cn| host_matches(&host_parts, cn))
    {
        return Ok(());
    }
    Err(format!(
        "Host: {hostname}. is not cert's CN: {}",
        cert.common_names.join(",")
    ))
}

fn split_host(host: &str) -> Vec<String> {
    host.strip_suffix('.')
        .unwrap_or(host)
        .to_lowercase()
        .split('.')
        .map(str::to_string)
        .collect()
}

/// Node's `check(hostParts, pattern, wildcards = true)`.
fn host_matches(host_parts: &[String], pattern: &str) -> bool {
    if pattern.is_empty() {
        return false;
    }
    let pattern_parts = split_host(pattern);
    if host_parts.len() != pattern_parts.len() {
        return false;
    }
    if pattern_parts.iter().any(String::is_empty) {
        return false;
    }
    if pattern_parts
        .iter()
        .any(|p| p.chars().any(|c| !('\u{21}'..='\u{7f}').contains(&c)))
    {
        return false;
    }
    let (Some((host_first, host_rest)), Some((pattern_first, pattern_rest))) =
        (host_parts.split_first(), pattern_parts.split_first())
    else {
        return false;
    };
    if host_rest != pattern_rest {
        return false;
    }
    let pieces: Vec<&str> = pattern_first.split('*').collect();
    if pieces.len() == 1 || pattern_first.contains("xn--") {
        return host_first == pattern_first;
    }
    if pieces.len() > 2 || pattern_parts.len() <= 2 {
        return false;
    }
    let (prefix, suffix) = match pieces.as_slice() {
        [prefix, suffix] => (*prefix, *suffix),
        _ => return false,
    };
    prefix.len() + suffix.len() <= host_first.len()
        && host_first.starts_with(prefix)
        && host_first.ends_with(suffix)
}

/// `cert.subjectaltname` as Node prints it.
fn alt_names_text(sans: &[San]) -> String {
    let parts: Vec<String> = sans
        .iter()
        .map(|san| match san {
            San::Dns(name) => format!("DNS:{}", quote_alt_name(name)),
            San::Email(name) => format!("email:{}", quote_alt_name(name)),
            San::Uri(name) => format!("URI:{}", quote_alt_name(name)),
            San::Ip(bytes) => match bytes.as_slice() {
                [a, b, c, d] => format!("IP Address:{a}.{b}.{c}.{d}"),
                _ if bytes.len() == 16 => {
                    let groups: Vec<String> = bytes
                        .chunks(2)
                        .map(|pair| match pair {
                            [hi, lo] => format!("{:X}", u16::from_be_bytes([*hi, *lo])),
                            _ => String::new(),
                        })
                        .collect();
                    format!("IP Address:{}", groups.join(":"))
                }
                _ => "IP Address:<invalid>".to_string(),
            },
        })
        .collect();
    parts.join(", ")
}

/// Node quotes (JSON-style) names with characters that would make the list
/// ambiguous.
fn quote_alt_name(name: &str) -> String {
    let safe = name
        .chars()
        .all(|c| !matches!(c, '"' | '\\' | ',' | '\'') && !c.is_control());
    if safe {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len() + 2);
    out.push('"');
    for c in name.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn ip_from_bytes(bytes: &[u8]) -> Option<IpAddr> {
    if let Ok(v4) = <[u8; 4]>::try_from(bytes) {
        return Some(IpAddr::from(v4));
    }
    <[u8; 16]>::try_from(bytes).ok().map(IpAddr::from)
}

// ---------------------------------------------------------------------------
// Minimal X.509 reading (names and subjectAltName only)

#[derive(Debug, Clone, PartialEq, Eq)]
enum San {
    Dns(String),
    Ip(Vec<u8>),
    Email(String),
    Uri(String),
}

#[derive(Debug, Clone, Default)]
struct CertInfo<'a> {
    issuer: &'a [u8],
    subject: &'a [u8],
    common_names: Vec<String>,
    sans: Vec<San>,
}

struct Tlv<'a> {
    tag: u8,
    content: &'a [u8],
    whole: &'a [u8],
}

/// One DER element: (element, rest). `None` on anything malformed.
fn der_read(input: &[u8]) -> Option<(Tlv<'_>, &[u8])> {
    let tag = *input.first()?;
    if tag & 0x1f == 0x1f {
        return None; // multi-byte tags never occur in the parts we read
    }
    let first = *input.get(1)?;
    let (len, header) = if first < 0x80 {
        (usize::from(first), 2usize)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 {
            return None;
        }
        let mut len = 0usize;
        for b in input.get(2..2 + n)? {
            len = (len << 8) | usize::from(*b);
        }
        (len, 2 + n)
    };
    let end = header.checked_add(len)?;
    Some((
        Tlv {
            tag,
            content: input.get(header..end)?,
            whole: input.get(..end)?,
        },
        input.get(end..)?,
    ))
}

fn der_items(mut input: &[u8]) -> impl Iterator<Item = Tlv<'_>> {
    std::iter::from_fn(move || {
        let (tlv, rest) = der_read(input)?;
        input = rest;
        Some(tlv)
    })
}

const OID_SUBJECT_ALT_NAME: &[u8] = &[0x55, 0x1d, 0x11];
const OID_COMMON_NAME: &[u8] = &[0x55, 0x04, 0x03];

fn parse_cert(der: &[u8]) -> Option<CertInfo<'_>> {
    let (cert, _) = der_read(der)?;
    let (tbs, _) = der_read(cert.content)?;
    if cert.tag != 0x30 || tbs.tag != 0x30 {
        return None;
    }
    let mut fields = der_items(tbs.content).peekable();
    if fields.peek().map(|f| f.tag) == Some(0xa0) {
        fields.next(); // version
    }
    let _serial = fields.next()?;
    let _signature = fields.next()?;
    let issuer = fields.next()?;
    let _validity = fields.next()?;
    let subject = fields.next()?;
    let _spki = fields.next()?;
    let mut sans = Vec::new();
    for field in fields {
        if field.tag == 0xa3 {
            sans = parse_extensions(field.content);
        }
    }
    Some(CertInfo {
        issuer: issuer.whole,
        subject: subject.whole,
        common_names: common_names(subject.content),
        sans,
    })
}

fn parse_extensions(explicit: &[u8]) -> Vec<San> {
    let Some((list, _)) = der_read(explicit) else {
        return Vec::new();
    };
    for ext in der_items(list.content) {
        let mut parts = der_items(ext.content);
        let Some(oid) = parts.next() else { continue };
        if oid.tag != 0x06 || oid.content != OID_SUBJECT_ALT_NAME {
            continue;
        }
        let Some(value) = parts.find(|p| p.tag == 0x04) else {
            continue;
        };
        let Some((names, _)) = der_read(value.content) else {
            continue;
        };
        return der_items(names.content)
            .filter_map(|name| {
                let text = || String::from_utf8_lossy(name.content).into_owned();
                match name.tag {
                    0x82 => Some(San::Dns(text())),
                    0x87 => Some(San::Ip(name.content.to_vec())),
                    0x81 => Some(San::Email(text())),
                    0x86 => Some(San::Uri(text())),
                    _ => None,
                }
            })
            .collect();
    }
    Vec::new()
}

fn common_names(name: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    for rdn in der_items(name) {
        for attribute in der_items(rdn.content) {
            let mut parts = der_items(attribute.content);
            let (Some(oid), Some(value)) = (parts.next(), parts.next()) else {
                continue;
            };
            if oid.tag == 0x06 && oid.content == OID_COMMON_NAME {
                out.push(der_string(value.tag, value.content));
            }
        }
    }
    out
}

fn der_string(tag: u8, content: &[u8]) -> String {
    match tag {
        // BMPString: UTF-16BE
        0x1e => {
            let units: Vec<u16> = content
                .chunks(2)
                .map(|c| match c {
                    [hi, lo] => u16::from_be_bytes([*hi, *lo]),
                    _ => 0xfffd,
                })
                .collect();
            String::from_utf16_lossy(&units)
        }
        // UniversalString: UTF-32BE
        0x1c => content
            .chunks(4)
            .map(|c| match c {
                [a, b, x, d] => {
                    char::from_u32(u32::from_be_bytes([*a, *b, *x, *d])).unwrap_or('\u{fffd}')
                }
                _ => '\u{fffd}',
            })
            .collect(),
        // T61String: treat as Latin-1
        0x14 => content.iter().map(|b| char::from(*b)).collect(),
        _ => String::from_utf8_lossy(content).into_owned(),
    }
}

// ---------------------------------------------------------------------------
// Error description

/// Walks an error's source chain (e.g. a `tokio_postgres::Error` from
/// connect, or the `io::Error` of a TLS connect) and, if it is a TLS failure,
/// returns `(code, message)` worded like Node's TLS errors. Failures Node has
/// no code for get `"ETLS"`.
pub fn describe_tls_error(err: &(dyn StdError + 'static)) -> Option<(String, String)> {
    let mut in_tls = false;
    let mut current = Some(err);
    let mut depth = 0;
    while let Some(e) = current {
        if depth > 32 {
            break;
        }
        if let Some(found) = describe_one(e, &mut in_tls) {
            return Some(found);
        }
        current = next_error(e);
        depth += 1;
    }
    None
}

fn next_error<'a>(e: &'a (dyn StdError + 'static)) -> Option<&'a (dyn StdError + 'static)> {
    // io::Error::source() skips the wrapped error itself.
    match e
        .downcast_ref::<std::io::Error>()
        .and_then(|io| io.get_ref())
    {
        Some(inner) => Some(inner),
        None => e.source(),
    }
}

fn describe_one(e: &(dyn StdError + 'static), in_tls: &mut bool) -> Option<(String, String)> {
    if let Some(node) = e.downcast_ref::<NodeTlsError>() {
        return Some((node.code.clone(), node.message.clone()));
    }
    if let Some(rustls_err) = e.downcast_ref::<rustls::Error>() {
        return Some(describe_rustls(rustls_err));
    }
    if e.downcast_ref::<tokio_postgres::Error>().is_some() {
        if e.to_string() == "error performing TLS handshake" {
            *in_tls = true;
        }
        return None;
    }
    if let Some(io) = e.downcast_ref::<std::io::Error>() {
        let eof = matches!(
            io.kind(),
            std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::ConnectionReset
        );
        if eof && (*in_tls || io.to_string() == "tls handshake eof") {
            return Some((
                "ECONNRESET".to_string(),
                "Client network socket disconnected before secure TLS connection was established"
                    .to_string(),
            ));
        }
        return None;
    }
    if *in_tls && e.to_string() == "server does not support TLS" {
        return Some((
            "ETLS".to_string(),
            "The server does not support SSL connections".to_string(),
        ));
    }
    None
}

fn describe_rustls(err: &rustls::Error) -> (String, String) {
    match err {
        rustls::Error::InvalidCertificate(CertificateError::Other(OtherError(inner))) => {
            match inner.downcast_ref::<NodeTlsError>() {
                Some(node) => (node.code.clone(), node.message.clone()),
                None => ("ETLS".to_string(), err.to_string()),
            }
        }
        rustls::Error::InvalidCertificate(cert_err) => match certificate_error(cert_err) {
            Some(node) => (node.code, node.message),
            None => ("ETLS".to_string(), err.to_string()),
        },
        rustls::Error::AlertReceived(alert) => describe_alert(u8::from(*alert)),
        _ => ("ETLS".to_string(), err.to_string()),
    }
}

/// OpenSSL's wording for a fatal alert from the server, e.g. code
/// `ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE`.
fn describe_alert(number: u8) -> (String, String) {
    let reason = match number {
        10 => "sslv3 alert unexpected message",
        20 => "sslv3 alert bad record mac",
        21 => "tlsv1 alert decryption failed",
        22 => "tlsv1 alert record overflow",
        30 => "sslv3 alert decompression failure",
        40 => "sslv3 alert handshake failure",
        41 => "sslv3 alert no certificate",
        42 => "sslv3 alert bad certificate",
        43 => "sslv3 alert unsupported certificate",
        44 => "sslv3 alert certificate revoked",
        45 => "sslv3 alert certificate expired",
        46 => "sslv3 alert certificate unknown",
        47 => "sslv3 alert illegal parameter",
        48 => "tlsv1 alert unknown ca",
        49 => "tlsv1 alert access denied",
        50 => "tlsv1 alert decode error",
        51 => "tlsv1 alert decrypt error",
        60 => "tlsv1 alert export restriction",
        70 => "tlsv1 alert protocol version",
        71 => "tlsv1 alert insufficient security",
        80 => "tlsv1 alert internal error",
        86 => "tlsv1 alert inappropriate fallback",
        90 => "tlsv1 alert user cancelled",
        100 => "tlsv1 alert no renegotiation",
        109 => "tlsv13 alert missing extension",
        110 => "tlsv1 unsupported extension",
        111 => "tlsv1 certificate unobtainable",
        112 => "tlsv1 unrecognized name",
        113 => "tlsv1 bad certificate status response",
        114 => "tlsv1 bad certificate hash value",
        115 => "tlsv1 alert unknown psk identity",
        116 => "tlsv13 alert certificate required",
        120 => "tlsv1 alert no application protocol",
        _ => {
            return (
                "ETLS".to_string(),
                format!("received fatal alert: SSL alert number {number}"),
            );
        }
    };
    let code = format!("ERR_SSL_{}", reason.to_uppercase().replace(' ', "_"));
    let message = format!(
        "error:0A{:06X}:SSL routines:ssl3_read_bytes:{reason}:SSL alert number {number}",
        1000 + u32::from(number)
    );
    (code, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rcgen::{
        date_time_ymd, BasicConstraints, CertificateParams, DistinguishedName as Dn, DnType, IsCa,
        KeyPair, KeyUsagePurpose,
    };
    use rustls::pki_types::PrivatePkcs8KeyDer;
    use rustls::server::{ClientHello, ResolvesServerCert, WebPkiClientVerifier};
    use rustls::sign::CertifiedKey;
    use rustls::ServerConfig;
    use std::net::SocketAddr;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::{TcpListener, TcpStream};
    use tokio_postgres::tls::TlsConnect;

    // ---- PKI ----------------------------------------------------------

    struct Issued {
        cert: rcgen::Certificate,
        key: KeyPair,
    }

    impl Issued {
        fn pem(&self) -> String {
            self.cert.pem()
        }
        fn der(&self) -> CertificateDer<'static> {
            self.cert.der().clone()
        }
        fn key_der(&self) -> PrivateKeyDer<'static> {
            PrivatePkcs8KeyDer::from(self.key.serialize_der()).into()
        }
    }

    fn dn(cn: &str) -> Dn {
        let mut d = Dn::new();
        d.push(DnType::CommonName, cn);
        d
    }

    fn make_ca(cn: &str, issuer: Option<&Issued>) -> Issued {
        let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
        p.distinguished_name = dn(cn);
        p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        p.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        let key = KeyPair::generate().unwrap();
        let cert = match issuer {
            Some(i) => p.signed_by(&key, &i.cert, &i.key).unwrap(),
            None => p.self_signed(&key).unwrap(),
        };
        Issued { cert, key }
    }

    fn make_leaf(cn: &str, sans: &[&str], issuer: Option<&Issued>, expired: bool) -> Issued {
        let names: Vec<String> = sans.iter().map(|s| s.to_string()).collect();
        let mut p = CertificateParams::new(names).unwrap();
        p.distinguished_name = dn(cn);
        if expired {
            p.not_before = date_time_ymd(2000, 1, 1);
            p.not_after = date_time_ymd(2001, 1, 1);
        }
        let key = KeyPair::generate().unwrap();
        let cert = match issuer {
            Some(i) => p.signed_by(&key, &i.cert, &i.key).unwrap(),
            None => p.self_signed(&key).unwrap(),
        };
        Issued { cert, key }
    }

    /// CA + server cert (SAN DNS:localhost, IP:127.0.0.1) signed by it.
    fn pki() -> (Issued, Issued) {
        let ca = make_ca("Test Root CA", None);
        let leaf = make_leaf("localhost", &["localhost", "127.0.0.1"], Some(&ca), false);
        (ca, leaf)
    }

    fn settings(verify: Verify) -> TlsSettings {
        TlsSettings {
            verify,
            ca: None,
            cert: None,
            key: None,
            servername: None,
            extra_ca_file: None,
        }
    }

    fn with_ca(verify: Verify, ca: &Issued) -> TlsSettings {
        TlsSettings {
            ca: Some(vec![ca.pem()]),
            ..settings(verify)
        }
    }

    // ---- in-process TLS server -----------------------------------------

    type Sni = Arc<Mutex<Vec<Option<String>>>>;

    #[derive(Debug)]
    struct Resolver {
        key: Arc<CertifiedKey>,
        sni: Sni,
    }

    impl ResolvesServerCert for Resolver {
        fn resolve(&self, hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
            if let Ok(mut seen) = self.sni.lock() {
                seen.push(hello.server_name().map(str::to_string));
            }
            Some(self.key.clone())
        }
    }

    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        /// Plain TLS right away.
        Tls,
        /// PostgreSQL SSLRequest, answer 'S', then TLS.
        Pg,
        /// SSLRequest answered with 'N'.
        PgNoSsl,
        /// SSLRequest answered with 'S', then the socket is closed.
        PgClose,
    }

    struct Server {
        addr: SocketAddr,
        sni: Sni,
        /// Number of client certificates the server saw, or the handshake error.
        done: tokio::task::JoinHandle<Result<usize, String>>,
    }

    impl Server {
        fn sni(&self) -> Vec<Option<String>> {
            self.sni.lock().unwrap().clone()
        }
    }

    async fn serve(
        chain: Vec<CertificateDer<'static>>,
        key: PrivateKeyDer<'static>,
        client_ca: Option<CertificateDer<'static>>,
        mode: Mode,
    ) -> Server {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let signing = provider.key_provider.load_private_key(key).unwrap();
        let sni: Sni = Arc::default();
        let resolver = Arc::new(Resolver {
            key: Arc::new(CertifiedKey::new(chain, signing)),
            sni: sni.clone(),
        });
        let builder = ServerConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .unwrap();
        let config = match client_ca {
            Some(ca) => {
                let mut roots = RootCertStore::empty();
                roots.add(ca).unwrap();
                let verifier =
                    WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider)
                        .build()
                        .unwrap();
                builder.with_client_cert_verifier(verifier)
            }
            None => builder.with_no_client_auth(),
        }
        .with_cert_resolver(resolver);
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));

        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let done = tokio::spawn(async move {
            let (mut tcp, _) = listener.accept().await.map_err(|e| e.to_string())?;
            if mode != Mode::Tls {
                let mut request = [0u8; 8];
                tcp.read_exact(&mut request)
                    .await
                    .map_err(|e| e.to_string())?;
                assert_eq!(request, [0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);
                let answer: &[u8] = if mode == Mode::PgNoSsl { b"N" } else { b"S" };
                tcp.write_all(answer).await.map_err(|e| e.to_string())?;
                if mode != Mode::Pg {
                    // Give the client time to read the answer before the close.
                    let mut rest = Vec::new();
                    let _ = tokio::time::timeout(
                        std::time::Duration::from_millis(200),
                        tcp.read_to_end(&mut rest),
                    )
                    .await;
                    return Ok(0);
                }
            }
            let tls = acceptor.accept(tcp).await.map_err(|e| e.to_string())?;
            Ok(tls.get_ref().1.peer_certificates().map_or(0, <[_]>::len))
        });
        Server { addr, sni, done }
    }

    async fn serve_leaf(chain: &[&Issued], mode: Mode) -> Server {
        let certs = chain.iter().map(|c| c.der()).collect();
        let key = chain.first().unwrap().key_der();
        serve(certs, key, None, mode).await
    }

    async fn handshake(ctx: &TlsContext, host: &str, server: &Server) -> std::io::Result<()> {
        let tcp = TcpStream::connect(server.addr).await?;
        let connector = ctx.connector(host).expect("connector");
        TlsConnect::<TcpStream>::connect(connector, tcp)
            .await
            .map(drop)
    }

    fn tls_failure(result: std::io::Result<()>) -> (String, String) {
        let err = result.expect_err("the handshake should fail");
        describe_tls_error(&err).unwrap_or_else(|| panic!("not described as TLS: {err:?}"))
    }

    const ALTNAMES: &str = "DNS:localhost, IP Address:127.0.0.1";

    // ---- handshakes -----------------------------------------------------

    #[tokio::test]
    async fn ca_and_dns_host_connects_and_sends_sni() {
        let (ca, leaf) = pki();
        let ctx = TlsContext::new(&with_ca(Verify::Full, &ca)).unwrap();
        let server = serve_leaf(&[&leaf], Mode::Tls).await;
        handshake(&ctx, "localhost", &server).await.unwrap();
        assert_eq!(server.sni(), vec![Some("localhost".to_string())]);
        assert_eq!(server.done.await.unwrap(), Ok(0));
    }

    #[tokio::test]
    async fn ip_host_matches_ip_san_without_sni() {
        let (ca, leaf) = pki();
        let ctx = TlsContext::new(&with_ca(Verify::Full, &ca)).unwrap();
        let server = serve_leaf(&[&leaf], Mode::Tls).await;
        handshake(&ctx, "127.0.0.1", &server).await.unwrap();
        assert_eq!(server.sni(), vec![None]);
    }

    #[tokio::test]
    async fn wrong_host_name_is_altname_invalid() {
        let (ca, leaf) = pki();
        let ctx = TlsContext::new(&with_ca(Verify::Full, &ca)).unwrap();
        let server = serve_leaf(&[&leaf], Mode::Tls).await;
        let (code, message) = tls_failure(handshake(&ctx, "wrong.example", &server).await);
        assert_eq!(code, "ERR_TLS_CERT_ALTNAME_INVALID");
        assert_eq!(
            message,
            format!(
                "Hostname/IP does not match certificate's altnames: Host: wrong.example. \
                 is not in the cert's altnames: {ALTNAMES}"
            )
        );
        assert_eq!(server.sni(), vec![Some("wrong.example".to_string())]);
    }

    #[tokio::test]
    async fn wrong_ip_is_altname_invalid() {
        let (ca, leaf) = pki();
        let ctx = TlsContext::new(&with_ca(Verify::Full, &ca)).unwrap();
        let server = serve_leaf(&[&leaf], Mode::Tls).await;
        let (code, message) = tls_failure(handshake(&ctx, "127.0.0.2", &server).await);
        assert_eq!(code, "ERR_TLS_CERT_ALTNAME_INVALID");
        assert_eq!(
            message,
            "Hostname/IP does not match certificate's altnames: IP: 127.0.0.2 is not in the \
             cert's list: 127.0.0.1"
        );
    }

    #[tokio::test]
    async fn ipv6_literals_with_and_without_brackets() {
        let (ca, leaf) = pki();
        let ctx = TlsContext::new(&with_ca(Verify::Full, &ca)).unwrap();
        let server = serve_leaf(&[&leaf], Mode::Tls).await;
        let (_, message) = tls_failure(handshake(&ctx, "[::1]", &server).await);
        assert!(
            message.ends_with("IP: ::1 is not in the cert's list: 127.0.0.1"),
            "{message}"
        );
        assert_eq!(server.sni(), vec![None]);

        let v6 = make_leaf("v6", &["::1"], Some(&ca), false);
        for host in ["[::1]", "::1", "[0:0:0:0:0:0:0:1]"] {
            let server = serve_leaf(&[&v6], Mode::Tls).await;
            handshake(&ctx, host, &server).await.unwrap();
            assert_eq!(server.sni(), vec![None]);
        }
    }

    #[tokio::test]
    async fn servername_applies_to_ip_hosts_only() {
        let (ca, leaf) = pki();
        let wrong = TlsContext::new(&TlsSettings {
            servername: Some("wrong.example".into()),
            ..with_ca(Verify::Full, &ca)
        })
        .unwrap();
        // IP host: servername is the TLS name (SNI + verification), as in pg.
        let server = serve_leaf(&[&leaf], Mode::Tls).await;
        let (code, message) = tls_failure(handshake(&wrong, "127.0.0.1", &server).await);
        assert_eq!(code, "ERR_TLS_CERT_ALTNAME_INVALID");
        assert!(
            message.contains("Host: wrong.example. is not in"),
            "{message}"
        );
        assert_eq!(server.sni(), vec![Some("wrong.example".to_string())]);
        // DNS host: pg overwrites servername with the host.
        let server = serve_leaf(&[&leaf], Mode::Tls).await;
        handshake(&wrong, "localhost", &server).await.unwrap();
        assert_eq!(server.sni(), vec![Some("localhost".to_string())]);

        let right = TlsContext::new(&TlsSettings {
            servername: Some("localhost".into()),
            ..with_ca(Verify::Full, &ca)
        })
        .unwrap();
        let server = serve_leaf(&[&leaf], Mode::Tls).await;
        handshake(&right, "127.0.0.1", &server).await.unwrap();
        assert_eq!(server.sni(), vec![Some("localhost".to_string())]);
    }

    #[tokio::test]
    async fn ca_only_ignores_the_name_but_not_the_chain() {
        let (ca, leaf) = pki();
        let ctx = TlsContext::new(&with_ca(Verify::CaOnly, &ca)).unwrap();
        let server = serve_leaf(&[&leaf], Mode::Tls).await;
        handshake(&ctx, "wrong.example", &server).await.unwrap();

        let other = make_ca("Other CA", None);
        let ctx = TlsContext::new(&with_ca(Verify::CaOnly, &other)).unwrap();
        let server = serve_leaf(&[&leaf], Mode::Tls).await;
        let (code, _) = tls_failure(handshake(&ctx, "wrong.example", &server).await);
        assert_eq!(code, "UNABLE_TO_VERIFY_LEAF_SIGNATURE");
    }

    #[tokio::test]
    async fn default_roots_reject_private_ca_chain_as_self_signed_in_chain() {
        let (ca, leaf) = pki();
        let ctx = TlsContext::new(&settings(Verify::Full)).unwrap();
        let server = serve_leaf(&[&leaf, &ca], Mode::Tls).await;
        let (code, message) = tls_failure(handshake(&ctx, "localhost", &server).await);
        assert_eq!(code, "SELF_SIGNED_CERT_IN_CHAIN");
        assert_eq!(message, "self-signed certificate in certificate chain");
        assert!(server.done.await.unwrap().is_err());
    }

    #[tokio::test]
    async fn default_roots_reject_self_signed_leaf_as_depth_zero() {
        let leaf = make_leaf("localhost", &["localhost"], None, false);
        let ctx = TlsContext::new(&settings(Verify::Full)).unwrap();
        let server = serve_leaf(&[&leaf], Mode::Tls).await;
        let (code, message) = tls_failure(handshake(&ctx, "localhost", &server).await);
        assert_eq!(code, "DEPTH_ZERO_SELF_SIGNED_CERT");
        assert_eq!(message, "self-signed certificate");
        // The chain is judged before the name, as OpenSSL does.
        let ctx = TlsContext::new(&settings(Verify::CaOnly)).unwrap();
        let server = serve_leaf(&[&leaf], Mode::Tls).await;
        let (code, _) = tls_failure(handshake(&ctx, "wrong.example", &server).await);
        assert_eq!(code, "DEPTH_ZERO_SELF_SIGNED_CERT");
    }

    #[tokio::test]
    async fn unrelated_ca_is_rejected_with_openssl_codes() {
        let root = make_ca("Root", None);
        let intermediate = make_ca("Intermediate", Some(&root));
        let leaf = make_leaf("localhost", &["localhost"], Some(&intermediate), false);
        let other = TlsContext::new(&with_ca(Verify::Full, &make_ca("Other", None))).unwrap();

        let server = serve_leaf(&[&leaf], Mode::Tls).await;
        let (code, message) = tls_failure(handshake(&other, "localhost", &server).await);
        assert_eq!(
            (code.as_str(), message.as_str()),
            (
                "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
                "unable to verify the first certificate"
            )
        );

        let server = serve_leaf(&[&leaf, &intermediate], Mode::Tls).await;
        let (code, message) = tls_failure(handshake(&other, "localhost", &server).await);
        assert_eq!(
            (code.as_str(), message.as_str()),
            (
                "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
                "unable to get local issuer certificate"
            )
        );

        let server = serve_leaf(&[&leaf, &intermediate, &root], Mode::Tls).await;
        let (code, _) = tls_failure(handshake(&other, "localhost", &server).await);
        assert_eq!(code, "SELF_SIGNED_CERT_IN_CHAIN");

        // Trusting the root, the intermediate sent by the server completes the chain.
        let trusting = TlsContext::new(&with_ca(Verify::Full, &root)).unwrap();
        let server = serve_leaf(&[&leaf, &intermediate], Mode::Tls).await;
        handshake(&trusting, "localhost", &server).await.unwrap();
    }

    #[tokio::test]
    async fn expired_certificate() {
        let ca = make_ca("CA", None);
        let leaf = make_leaf("localhost", &["localhost"], Some(&ca), true);
        let ctx = TlsContext::new(&with_ca(Verify::Full, &ca)).unwrap();
        let server = serve_leaf(&[&leaf], Mode::Tls).await;
        let (code, message) = tls_failure(handshake(&ctx, "localhost", &server).await);
        assert_eq!(code, "CERT_HAS_EXPIRED");
        assert_eq!(message, "certificate has expired");
    }

    #[tokio::test]
    async fn self_signed_server_cert_pinned_as_ca() {
        let leaf = make_leaf("localhost", &["localhost", "127.0.0.1"], None, false);
        let ctx = TlsContext::new(&with_ca(Verify::Full, &leaf)).unwrap();
        let server = serve_leaf(&[&leaf], Mode::Tls).await;
        handshake(&ctx, "localhost", &server).await.unwrap();
        let server = serve_leaf(&[&leaf], Mode::Tls).await;
        handshake(&ctx, "127.0.0.1", &server).await.unwrap();
    }

    #[tokio::test]
    async fn verify_none_accepts_anything() {
        let leaf = make_leaf("whatever", &["other.example"], None, true);
        let ctx = TlsContext::new(&settings(Verify::None)).unwrap();
        let server = serve_leaf(&[&leaf], Mode::Tls).await;
        handshake(&ctx, "localhost", &server).await.unwrap();
        assert_eq!(server.done.await.unwrap(), Ok(0));
    }

    #[tokio::test]
    async fn extra_ca_file_extends_the_default_roots() {
        let (ca, leaf) = pki();
        let path = std::env::temp_dir().join(format!("h2-extra-ca-{}.pem", std::process::id()));
        std::fs::write(&path, ca.pem()).unwrap();
        let ctx = TlsContext::new(&TlsSettings {
            extra_ca_file: Some(path.to_string_lossy().into_owned()),
            ..settings(Verify::Full)
        })
        .unwrap();
        let _ = std::fs::remove_file(&path);
        let server = serve_leaf(&[&leaf, &ca], Mode::Tls).await;
        handshake(&ctx, "localhost", &server).await.unwrap();

        // An unreadable file is ignored (with a warning).
        let ctx = TlsContext::new(&TlsSettings {
            extra_ca_file: Some("/nonexistent/h2-extra.pem".into()),
            ..settings(Verify::Full)
        })
        .unwrap();
        let server = serve_leaf(&[&leaf, &ca], Mode::Tls).await;
        let (code, _) = tls_failure(handshake(&ctx, "localhost", &server).await);
        assert_eq!(code, "SELF_SIGNED_CERT_IN_CHAIN");

        // `ca` replaces the default roots and the extra file.
        let ctx = TlsContext::new(&TlsSettings {
            extra_ca_file: Some(path.to_string_lossy().into_owned()),
            ..with_ca(Verify::Full, &make_ca("Other", None))
        })
        .unwrap();
        let server = serve_leaf(&[&leaf], Mode::Tls).await;
        assert!(handshake(&ctx, "localhost", &server).await.is_err());
    }

    #[tokio::test]
    async fn several_ca_texts_and_bundles() {
        let (ca, leaf) = pki();
        let other = make_ca("Other", None);
        // an array of PEM texts
        let ctx = TlsContext::new(&TlsSettings {
            ca: Some(vec![other.pem(), ca.pem()]),
            ..settings(Verify::Full)
        })
        .unwrap();
        let server = serve_leaf(&[&leaf], Mode::Tls).await;
        handshake(&ctx, "localhost", &server).await.unwrap();
        // one text holding several certificates
        let ctx = TlsContext::new(&TlsSettings {
            ca: Some(vec![format!("{}\n{}", other.pem(), ca.pem())]),
            ..settings(Verify::Full)
        })
        .unwrap();
        let server = serve_leaf(&[&leaf], Mode::Tls).await;
        handshake(&ctx, "localhost", &server).await.unwrap();
    }

    #[tokio::test]
    async fn client_certificate_is_presented() {
        let (ca, leaf) = pki();
        let client_ca = make_ca("Client CA", None);
        let client = make_leaf("certuser", &[], Some(&client_ca), false);
        let ctx = TlsContext::new(&TlsSettings {
            cert: Some(client.pem()),
            key: Some(client.key.serialize_pem()),
            ..with_ca(Verify::Full, &ca)
        })
        .unwrap();
        let server = serve(
            vec![leaf.der()],
            leaf.key_der(),
            Some(client_ca.der()),
            Mode::Tls,
        )
        .await;
        handshake(&ctx, "localhost", &server).await.unwrap();
        assert_eq!(server.done.await.unwrap(), Ok(1));

        // Without one the server refuses the handshake.
        let ctx = TlsContext::new(&with_ca(Verify::Full, &ca)).unwrap();
        let server = serve(
            vec![leaf.der()],
            leaf.key_der(),
            Some(client_ca.der()),
            Mode::Tls,
        )
        .await;
        let _ = handshake(&ctx, "localhost", &server).await;
        assert!(server.done.await.unwrap().is_err());
    }

    #[tokio::test]
    async fn common_name_fallback_like_node() {
        let ca = make_ca("CA", None);
        let leaf = make_leaf("localhost", &[], Some(&ca), false);
        let ctx = TlsContext::new(&with_ca(Verify::Full, &ca)).unwrap();
        let server = serve_leaf(&[&leaf], Mode::Tls).await;
        handshake(&ctx, "localhost", &server).await.unwrap();
        let server = serve_leaf(&[&leaf], Mode::Tls).await;
        let (code, message) = tls_failure(handshake(&ctx, "other.example", &server).await);
        assert_eq!(code, "ERR_TLS_CERT_ALTNAME_INVALID");
        assert_eq!(
            message,
            "Hostname/IP does not match certificate's altnames: Host: other.example. is not \
             cert's CN: localhost"
        );
    }

    // ---- through tokio-postgres -------------------------------------------

    async fn pg_connect(
        ctx: &TlsContext,
        host: &str,
        server: &Server,
    ) -> Result<(), tokio_postgres::Error> {
        let mut config = tokio_postgres::Config::new();
        config
            .host(host)
            .hostaddr(server.addr.ip())
            .port(server.addr.port())
            .user("u")
            .dbname("d")
            .ssl_mode(tokio_postgres::config::SslMode::Require);
        config.connect(ctx.clone()).await.map(drop)
    }

    fn pg_failure(result: Result<(), tokio_postgres::Error>) -> (String, String) {
        let err = result.expect_err("connect should fail");
        describe_tls_error(&err).unwrap_or_else(|| panic!("not described as TLS: {err:?}"))
    }

    #[tokio::test]
    async fn tokio_postgres_errors_are_described() {
        let (ca, leaf) = pki();
        let default_roots = TlsContext::new(&settings(Verify::Full)).unwrap();
        let server = serve_leaf(&[&leaf, &ca], Mode::Pg).await;
        let (code, _) = pg_failure(pg_connect(&default_roots, "localhost", &server).await);
        assert_eq!(code, "SELF_SIGNED_CERT_IN_CHAIN");

        // TLS name = host, TCP to hostaddr.
        let ctx = TlsContext::new(&with_ca(Verify::Full, &ca)).unwrap();
        let server = serve_leaf(&[&leaf], Mode::Pg).await;
        let (code, message) = pg_failure(pg_connect(&ctx, "wrong.example", &server).await);
        assert_eq!(code, "ERR_TLS_CERT_ALTNAME_INVALID");
        assert!(message.contains("Host: wrong.example."), "{message}");
        assert_eq!(server.sni(), vec![Some("wrong.example".to_string())]);

        let server = serve_leaf(&[&leaf], Mode::PgNoSsl).await;
        let (code, message) = pg_failure(pg_connect(&ctx, "localhost", &server).await);
        assert_eq!(
            (code.as_str(), message.as_str()),
            ("ETLS", "The server does not support SSL connections")
        );

        let server = serve_leaf(&[&leaf], Mode::PgClose).await;
        let (code, message) = pg_failure(pg_connect(&ctx, "localhost", &server).await);
        assert_eq!(code, "ECONNRESET");
        assert_eq!(
            message,
            "Client network socket disconnected before secure TLS connection was established"
        );
    }

    #[tokio::test]
    async fn tokio_postgres_passes_when_tls_succeeds() {
        // TLS completes; the fake server then hangs up: not a TLS failure.
        let (ca, leaf) = pki();
        let ctx = TlsContext::new(&with_ca(Verify::Full, &ca)).unwrap();
        let server = serve_leaf(&[&leaf], Mode::Pg).await;
        let err = pg_connect(&ctx, "localhost", &server).await.unwrap_err();
        assert_eq!(describe_tls_error(&err), None, "{err:?}");
        assert_eq!(server.done.await.unwrap(), Ok(0));
    }

    // ---- construction errors ------------------------------------------------

    fn invalid(settings: &TlsSettings) -> String {
        let err = TlsContext::new(settings).expect_err("should be rejected");
        assert_eq!(err.kind, crate::core::error::ErrorKind::InvalidInput);
        err.message
    }

    #[test]
    fn bad_pem_is_invalid_input() {
        let (ca, leaf) = pki();
        let ca_settings = |text: &str| TlsSettings {
            ca: Some(vec![text.to_string()]),
            ..settings(Verify::Full)
        };
        assert!(invalid(&ca_settings("garbage")).contains("ssl.ca contains no PEM certificate"));
        let broken = "-----BEGIN CERTIFICATE-----\n!!!notbase64!!!\n-----END CERTIFICATE-----\n";
        assert!(invalid(&ca_settings(broken)).contains("invalid PEM in ssl.ca"));
        let unterminated = "-----BEGIN CERTIFICATE-----\nAAAA\n";
        assert!(invalid(&ca_settings(unterminated)).contains("invalid PEM in ssl.ca"));
        let not_a_cert = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        assert!(invalid(&ca_settings(not_a_cert)).contains("no usable CA certificate"));

        let client = |cert: &str, key: &str| TlsSettings {
            cert: Some(cert.to_string()),
            key: Some(key.to_string()),
            ..with_ca(Verify::Full, &ca)
        };
        let key_pem = leaf.key.serialize_pem();
        assert!(invalid(&client("nope", &key_pem)).contains("ssl.cert contains no PEM"));
        assert!(invalid(&client(&leaf.pem(), "nope")).contains("ssl.key contains no PEM"));
        let encrypted =
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n";
        assert!(invalid(&client(&leaf.pem(), encrypted)).contains("encrypted"));
        let other_key = KeyPair::generate().unwrap().serialize_pem();
        assert!(invalid(&client(&leaf.pem(), &other_key)).contains("ssl.cert, ssl.key"));

        // Good combinations, and cert without key (Node sends no certificate).
        TlsContext::new(&client(&leaf.pem(), &key_pem)).unwrap();
        TlsContext::new(&TlsSettings {
            cert: Some(leaf.pem()),
            ..settings(Verify::Full)
        })
        .unwrap();
        // Empty `ca` list / empty text: default roots.
        TlsContext::new(&TlsSettings {
            ca: Some(vec![]),
            ..settings(Verify::Full)
        })
        .unwrap();
        TlsContext::new(&ca_settings("")).unwrap();
    }

    #[test]
    fn connector_names() {
        let ctx = TlsContext::new(&settings(Verify::Full)).unwrap();
        assert_eq!(ctx.tls_name("localhost").unwrap(), "localhost");
        assert_eq!(ctx.tls_name("[::1]").unwrap(), "::1");
        assert_eq!(ctx.tls_name("fe80::1%eth0").unwrap(), "fe80::1");
        assert_eq!(ctx.tls_name("10.0.0.1").unwrap(), "10.0.0.1");
        assert!(ctx.connector("").is_err());
        assert!(ctx.connector("bad host").is_err());
        assert!(ctx.connector("localhost").is_ok());
        // The MakeTlsConnect path never fails up front (Unix sockets pass "").
        let mut make = ctx.clone();
        assert!(MakeTlsConnect::<TcpStream>::make_tls_connect(&mut make, "").is_ok());

        let with_name = TlsContext::new(&TlsSettings {
            servername: Some("db.example".into()),
            ..settings(Verify::Full)
        })
        .unwrap();
        assert_eq!(with_name.tls_name("127.0.0.1").unwrap(), "db.example");
        assert_eq!(with_name.tls_name("[::1]").unwrap(), "db.example");
        assert_eq!(with_name.tls_name("host.example").unwrap(), "host.example");
        let _ = format!("{with_name:?}");
    }

    // ---- describe_tls_error and helpers -------------------------------------

    #[test]
    fn non_tls_errors_are_not_described() {
        let refused = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused");
        assert_eq!(describe_tls_error(&refused), None);
        assert_eq!(describe_tls_error(&std::fmt::Error), None);
        let eof = std::io::Error::from(std::io::ErrorKind::UnexpectedEof);
        assert_eq!(describe_tls_error(&eof), None);
        let core = CoreError::connection("boom");
        assert_eq!(describe_tls_error(&core), None);
    }

    #[test]
    fn rustls_errors_are_described() {
        let alert = rustls::Error::AlertReceived(rustls::AlertDescription::BadCertificate);
        let wrapped = std::io::Error::new(std::io::ErrorKind::InvalidData, alert);
        assert_eq!(
            describe_tls_error(&wrapped),
            Some((
                "ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE".to_string(),
                "error:0A000412:SSL routines:ssl3_read_bytes:sslv3 alert bad certificate:SSL \
                 alert number 42"
                    .to_string()
            ))
        );
        let required = rustls::Error::AlertReceived(rustls::AlertDescription::from(116u8));
        let (code, message) = describe_tls_error(&required).unwrap();
        assert_eq!(code, "ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED");
        assert!(message.starts_with("error:0A00045C:"), "{message}");
        let odd = rustls::Error::AlertReceived(rustls::AlertDescription::from(250u8));
        assert_eq!(describe_tls_error(&odd).unwrap().0, "ETLS");
        let expired = rustls::Error::InvalidCertificate(CertificateError::Expired);
        assert_eq!(describe_tls_error(&expired).unwrap().0, "CERT_HAS_EXPIRED");
        let general = rustls::Error::General("x".into());
        assert_eq!(describe_tls_error(&general).unwrap().0, "ETLS");
        let eof = std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "tls handshake eof");
        assert_eq!(describe_tls_error(&eof).unwrap().0, "ECONNRESET");
    }

    #[test]
    fn node_host_matching() {
        let parts = split_host("Foo.Example.COM.");
        assert!(host_matches(&parts, "foo.example.com"));
        assert!(host_matches(&parts, "*.example.com"));
        assert!(host_matches(&parts, "f*.example.com"));
        assert!(host_matches(&parts, "*o.example.com"));
        assert!(!host_matches(&parts, "*.com"));
        assert!(!host_matches(
            &split_host("a.b.example.com"),
            "*.example.com"
        ));
        assert!(!host_matches(&parts, "b*.example.com"));
        assert!(!host_matches(&parts, "**.example.com"));
        assert!(!host_matches(&parts, "foo..com"));
        assert!(!host_matches(&parts, ""));
        assert!(!host_matches(
            &split_host("xn--a.example.com"),
            "xn--*.example.com"
        ));

        let cert = CertInfo {
            sans: vec![
                San::Dns("localhost".into()),
                San::Ip(vec![0; 15].into_iter().chain([1]).collect()),
                San::Dns("we,ird".into()),
            ],
            ..CertInfo::default()
        };
        assert_eq!(check_server_identity("::1", Some(&cert)), Ok(()));
        assert_eq!(check_server_identity("localhost.", Some(&cert)), Ok(()));
        assert_eq!(
            check_server_identity("x.example", Some(&cert)),
            Err(
                "Host: x.example. is not in the cert's altnames: DNS:localhost, IP \
                 Address:0:0:0:0:0:0:0:1, DNS:\"we,ird\""
                    .to_string()
            )
        );
        assert_eq!(
            check_server_identity("x.example", None),
            Err("Cert does not contain a DNS name".to_string())
        );
    }

    #[test]
    fn der_reader_never_panics() {
        let (ca, leaf) = pki();
        let info = parse_cert(leaf.cert.der().as_ref()).unwrap();
        assert_eq!(info.common_names, vec!["localhost".to_string()]);
        assert_eq!(
            info.sans,
            vec![San::Dns("localhost".into()), San::Ip(vec![127, 0, 0, 1])]
        );
        assert_eq!(
            info.issuer,
            parse_cert(ca.cert.der().as_ref()).unwrap().subject
        );
        let der = leaf.cert.der().to_vec();
        for cut in 0..der.len() {
            let _ = parse_cert(&der[..cut]);
            let mut flipped = der.clone();
            flipped[cut] ^= 0xff;
            let _ = parse_cert(&flipped);
            let _ = unknown_issuer(&CertificateDer::from(flipped), &[]);
        }
        assert!(parse_cert(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff]).is_none());
        assert!(parse_cert(&[]).is_none());
        assert_eq!(der_string(0x1e, &[0, b'a', 0]), "a\u{fffd}");
    }
}
