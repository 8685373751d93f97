//! One HTTP request and its answer, for `remind --post`: ureq over rustls, so no system TLS
//! library is needed, with the Mozilla roots built in and a proxy taken from the usual variables
//! (`HTTPS_PROXY`, `ALL_PROXY`, `NO_PROXY`, ...): `http://`, `https://`, `socks4://`,
//! `socks4a://`, `socks5://` and `socks5h://`. A proxy that is set is never gone around: one
//! that cannot be read (a typo, a trailing space) is an error naming its variable, as curl
//! fails there.
//!
//! A redirect is never followed (a webhook that moved says so as its status), every status comes
//! back as a [`Reply`], and only the first [`ANSWER_BYTES`](crate::limits::ANSWER_BYTES) of an answer are read. A failure is
//! described by its kind, never with the URL; the caller still scrubs what it shows, since an
//! underlying error or a service's answer may quote the address.

use std::io::Read;
use std::time::Duration;

use ureq::Agent;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    Post,
    Put,
}

/// What a request carries.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Body<'a> {
    /// JSON text.
    Json(&'a str),
    /// Fields sent as `application/x-www-form-urlencoded`, encoded by ureq.
    Form(&'a [(&'a str, String)]),
}

/// How a request proves who sends it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Auth<'a> {
    None,
    /// `Authorization: Bearer TOKEN`.
    Bearer(&'a str),
    /// `Authorization: Basic ...`, the user and password as RFC 7617 joins them.
    Basic {
        user: &'a str,
        password: &'a str,
    },
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Request<'a> {
    pub(crate) method: Method,
    pub(crate) url: &'a str,
    pub(crate) body: Body<'a>,
    pub(crate) auth: Auth<'a>,
}

/// The value of `Authorization` for basic authentication: `Basic ` and base64 of `user:password`.
pub(crate) fn basic_credentials(user: &str, password: &str) -> String {
    use base64::Engine as _;
    let pair = format!("{user}:{password}");
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(pair.as_bytes())
    )
}

/// An answer with a status, whatever the status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    /// The `Retry-After` header, as sent.
    pub(crate) retry_after: Option<String>,
    /// The start of the body, lossily decoded; empty for a 2xx, whose body is not read.
    pub(crate) text: String,
}

impl Reply {
    pub(crate) fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// "404 Not Found", or the bare number for a status without a standard reason.
    pub(crate) fn status_line(&self) -> String {
        match ureq::http::StatusCode::from_u16(self.status)
            .ok()
            .and_then(|s| s.canonical_reason())
        {
            Some(reason) => format!("{} {reason}", self.status),
            None => self.status.to_string(),
        }
    }
}

/// Why no answer came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Failure {
    /// No whole answer within the timeout.
    Timeout,
    /// The host name did not resolve.
    HostNotFound,
    /// No connection, or it broke: the underlying error's words.
    Connection(String),
    /// The TLS handshake failed: the underlying error's words.
    Tls(String),
    /// Anything else: ureq's words.
    Other(String),
}

/// An HTTP client whose every request has `timeout` from start to the end of the answer.
pub(crate) struct Client {
    agent: Agent,
}

/// The proxy variables, in the order the first one set is taken.
pub(crate) const PROXY_VARS: [&str; 6] = [
    "ALL_PROXY",
    "all_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
];

/// The proxy the environment sets, with `NO_PROXY`; `Err` names a variable that is set and is
/// no proxy URL.
fn proxy() -> Result<Option<ureq::Proxy>, String> {
    let Some((var, value)) = PROXY_VARS.iter().find_map(|var| {
        let value = std::env::var_os(var)?;
        (!value.is_empty()).then_some((var, value))
    }) else {
        return Ok(None);
    };
    // The value is not shown: a proxy's URL may hold its password.
    let refused = |why: &str| {
        format!(
            "{var} is set to a value that {why}; remind --post does not go around a proxy that is set: fix {var} or unset it"
        )
    };
    let Some(text) = value.to_str() else {
        return Err(refused("is not UTF-8"));
    };
    if text.trim() != text {
        return Err(refused("has white space around it"));
    }
    ureq::Proxy::new(text).map_err(|_| {
        refused("is not a proxy URL (http://, https://, socks4://, socks4a://, socks5:// or socks5h://)")
    })?;
    // The same variable, read again with NO_PROXY beside it.
    Ok(ureq::Proxy::try_from_env())
}

impl Client {
    /// A client through the proxy the environment sets; `Err` says why a proxy that is set
    /// cannot be used.
    pub(crate) fn new(timeout: Duration) -> Result<Client, String> {
        let config = Agent::config_builder()
            .proxy(proxy()?)
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(concat!("vision-sched/", env!("CARGO_PKG_VERSION")))
            .build();
        Ok(Client {
            agent: Agent::new_with_config(config),
        })
    }

    pub(crate) fn send(&self, request: &Request) -> Result<Reply, Failure> {
        let builder = match request.method {
            Method::Post => self.agent.post(request.url),
            Method::Put => self.agent.put(request.url),
        };
        let builder = match request.auth {
            Auth::None => builder,
            Auth::Bearer(token) => builder.header("Authorization", format!("Bearer {token}")),
            Auth::Basic { user, password } => {
                builder.header("Authorization", basic_credentials(user, password))
            }
        };
        let sent = match request.body {
            Body::Json(text) => builder
                .header("Content-Type", "application/json")
                .send(text),
            Body::Form(fields) => builder.send_form(fields.iter().map(|(k, v)| (*k, v.as_str()))),
        };
        let mut response = sent.map_err(failure)?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let mut reply = Reply {
            status,
            retry_after,
            text: String::new(),
        };
        if !reply.is_success() {
            let mut bytes = Vec::new();
            // What arrived before a stall or a cut is still worth showing.
            let _ = response
                .body_mut()
                .as_reader()
                .take(crate::limits::ANSWER_BYTES)
                .read_to_end(&mut bytes);
            reply.text = String::from_utf8_lossy(&bytes).into_owned();
        }
        Ok(reply)
    }
}

fn failure(e: ureq::Error) -> Failure {
    match e {
        ureq::Error::Timeout(_) => Failure::Timeout,
        ureq::Error::HostNotFound => Failure::HostNotFound,
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => Failure::Timeout,
        ureq::Error::Io(io) => Failure::Connection(io.to_string()),
        ureq::Error::ConnectionFailed => Failure::Connection("connection failed".into()),
        e @ (ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::Pem(_)) => {
            Failure::Tls(e.to_string())
        }
        e => Failure::Other(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lines() {
        let reply = |status| Reply {
            status,
            retry_after: None,
            text: String::new(),
        };
        assert_eq!(reply(404).status_line(), "404 Not Found");
        assert_eq!(reply(429).status_line(), "429 Too Many Requests");
        assert_eq!(reply(599).status_line(), "599");
        assert!(reply(204).is_success() && !reply(301).is_success());
    }

    #[test]
    fn basic_credentials_are_rfc_7617s() {
        // RFC 7617, section 2's example.
        assert_eq!(
            basic_credentials("Aladdin", "open sesame"),
            "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
    }
}
