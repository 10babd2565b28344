//! Which certificate a TLS server presents for a name: a handshake that records the
//! chain whatever it is (expired, self-signed, for another name), so the caller can
//! compare it with the file on disk.

use crate::tr;
use std::io;
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, ClientConnection, DigitallySignedStruct, SignatureScheme};

/// The chain a server presented, leaf first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresentedChain {
    pub chain: Vec<CertificateDer<'static>>,
}

/// Accepts any certificate, keeping a copy: this is an observation, not a trust decision.
#[derive(Debug)]
struct Recorder {
    seen: Mutex<Vec<CertificateDer<'static>>>,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for Recorder {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let mut seen = self.seen.lock().expect("recorder lock");
        seen.push(end_entity.clone().into_owned());
        seen.extend(intermediates.iter().map(|c| c.clone().into_owned()));
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
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
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    /// What the provider verifies, and the schemes browsers refuse (P-521, SHA-1): a
    /// server whose only certificate needs one of those still shows it (its handshake
    /// then fails at its signature, after the chain was recorded).
    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        let mut schemes = self
            .provider
            .signature_verification_algorithms
            .supported_schemes();
        for extra in [
            SignatureScheme::ECDSA_NISTP521_SHA512,
            SignatureScheme::RSA_PKCS1_SHA1,
            SignatureScheme::ECDSA_SHA1_Legacy,
        ] {
            if !schemes.contains(&extra) {
                schemes.push(extra);
            }
        }
        schemes
    }
}

/// Connects to `addr`, sends `server_name` as SNI, and returns the presented chain.
pub fn fetch_presented_chain(
    addr: SocketAddr,
    server_name: &str,
    timeout: Duration,
) -> io::Result<PresentedChain> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let recorder = Arc::new(Recorder {
        seen: Mutex::new(Vec::new()),
        provider: Arc::clone(&provider),
    });
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(io::Error::other)?
        .dangerous()
        .with_custom_certificate_verifier(recorder.clone())
        .with_no_client_auth();
    let name = ServerName::try_from(server_name.to_string())
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    let mut conn = ClientConnection::new(Arc::new(config), name).map_err(io::Error::other)?;
    let mut sock = TcpStream::connect_timeout(&addr, timeout)?;
    sock.set_read_timeout(Some(timeout))?;
    sock.set_write_timeout(Some(timeout))?;
    let mut failed = None;
    while conn.is_handshaking() {
        if let Err(e) = conn.complete_io(&mut sock) {
            failed = Some(e);
            break;
        }
    }
    let chain = recorder.seen.lock().expect("recorder lock").clone();
    // A handshake that failed after the server presented its chain (a signature this
    // client cannot verify: an RSA-1024 or P-521 key) still shows what it serves.
    if let Some(e) = failed
        && chain.is_empty()
    {
        return Err(e);
    }
    if chain.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            tr!("core-probe-the-server-presented-no-certificate"),
        ));
    }
    Ok(PresentedChain { chain })
}
