//! `remind --post`: where the message goes, and getting it there.
//!
//! The URL is `--post URL`, else `VISION_SCHED_WEBHOOK` when it is set and not empty; with
//! neither, `remind` prints its lines. The URL, the Matrix access token
//! (`VISION_SCHED_MATRIX_TOKEN`) and Zulip's bot email and API key (`VISION_SCHED_ZULIP_EMAIL`,
//! `VISION_SCHED_ZULIP_KEY`) are secrets: no message here names them, and what one shows from
//! elsewhere (an underlying error, the service's answer) has the URL, its host, its path and
//! query, every long path segment, the token, the email, the key and the basic credentials made
//! of them replaced by `[redacted]`.
//!
//! A Zulip URL is the organization's, `https://example.zulipchat.com`; the message is a `POST`
//! of form fields to its `/api/v1/messages`, with the bot's email and API key as basic
//! authentication. `--stream` names the stream (and is required), `--topic` the topic.
//!
//! A Matrix URL is the homeserver's address followed by the room's ID,
//! `https://matrix.example.org/!AbCdEf:example.org` (or the client-server API's own
//! `.../_matrix/client/v3/rooms/!AbCdEf:example.org`); the message is a `PUT` to
//! `/_matrix/client/v3/rooms/{room}/send/m.room.message/{txnId}` with the token as
//! `Authorization: Bearer`, and one transaction ID for all the tries, so the server keeps a
//! message that arrives twice only once.
//!
//! Sending: each try has 10 s for the whole exchange. A 429 or a 5xx is tried again, at most
//! [`RETRIES`] times: after `Retry-After` seconds when the service sends them (a wait over
//! [`MAX_RETRY_AFTER`] is a failure), else after 1 s, 2 s and 4 s. A 2xx ends it. Any other
//! status, and getting no answer at all (a timeout, a refused connection, TLS), is an error
//! (exit 2) with the status and the service's own words; no answer is not tried again, since
//! the message may have arrived.

use std::time::Duration;

use crate::app::clock::{Waits, waits};
use crate::error::{Error, Result};
use crate::io::http::{Auth, Client, Failure, Method, Reply, Request};
use crate::present::post::{Body, PostFormat};

/// The variable that stands in for `--post URL`.
pub(crate) const WEBHOOK_VAR: &str = "VISION_SCHED_WEBHOOK";

/// The variable that holds the Matrix access token.
pub(crate) const MATRIX_TOKEN_VAR: &str = "VISION_SCHED_MATRIX_TOKEN";

/// The variables that hold the Zulip bot's email and API key.
pub(crate) const ZULIP_EMAIL_VAR: &str = "VISION_SCHED_ZULIP_EMAIL";
pub(crate) const ZULIP_KEY_VAR: &str = "VISION_SCHED_ZULIP_KEY";

/// How many times a 429 or a 5xx is tried again.
pub(crate) const RETRIES: u32 = 3;

/// The longest `Retry-After` waited for.
pub(crate) const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// Where a message goes: checked before the schedule is read, so a wrong URL or a missing token
/// shows on a quiet day too.
#[derive(Debug)]
pub(crate) struct Target {
    pub(crate) format: PostFormat,
    method: Method,
    /// For Matrix, everything up to the transaction ID.
    url: String,
    credentials: Credentials,
    secrets: Secrets,
    /// Zulip's stream, and the topic `--topic` gave.
    pub(crate) stream: String,
    pub(crate) topic: Option<String>,
}

/// What proves who posts: nothing (a webhook's URL is its secret), Matrix's access token, or a
/// Zulip bot's email and API key.
#[derive(Debug)]
enum Credentials {
    None,
    Bearer(String),
    Basic { email: String, key: String },
}

/// What `remind` was asked to post: `--post`, `--post-format`, `--stream` and `--topic`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Asked<'a> {
    pub(crate) url: Option<&'a str>,
    pub(crate) format: Option<PostFormat>,
    pub(crate) stream: Option<&'a str>,
    pub(crate) topic: Option<&'a str>,
}

/// `--post URL`, else `VISION_SCHED_WEBHOOK` when set and not empty; `None` when neither is, so
/// `remind` prints. `--post-format` without a URL is an error, not a quiet print, and so are
/// `--stream` and `--topic` with any format but Zulip's, or Zulip's without `--stream`.
pub(crate) fn target(asked: Asked) -> Result<Option<Target>> {
    let Asked {
        url: flag,
        format,
        stream,
        topic,
    } = asked;
    let zulip = format == Some(PostFormat::Zulip);
    if !zulip && (stream.is_some() || topic.is_some()) {
        let which = if stream.is_some() {
            "--stream"
        } else {
            "--topic"
        };
        return Err(Error::new(format!(
            "{which} is for --post-format zulip, which posts to a stream's topic"
        )));
    }
    if zulip && stream.is_none() {
        return Err(Error::new(
            "--post-format zulip needs --stream NAME: the stream to post to",
        ));
    }
    let stream = stream.map(str::trim).unwrap_or_default().to_string();
    let topic = topic.map(|t| t.trim().to_string());
    if zulip && stream.is_empty() {
        return Err(Error::new("--stream is empty: give the stream's name"));
    }
    if topic.as_deref() == Some("") {
        return Err(Error::new(
            "--topic is empty: give a topic, or leave it out for the document's title",
        ));
    }
    let (url, from) = match flag {
        Some(url) => (url.to_string(), "--post"),
        None => match std::env::var_os(WEBHOOK_VAR) {
            Some(v) if !v.is_empty() => {
                let url = v
                    .into_string()
                    .map_err(|_| Error::new(format!("{WEBHOOK_VAR} is not UTF-8")))?;
                (url, WEBHOOK_VAR)
            }
            _ => {
                return match format {
                    Some(f) => Err(Error::new(format!(
                        "--post-format {} needs a webhook: --post URL, or {WEBHOOK_VAR} set",
                        f.name()
                    ))),
                    None => Ok(None),
                };
            }
        },
    };
    let url = url.trim().to_string();
    let format = format.unwrap_or_default();
    let uri = parse(&url, from)?;
    let mut secrets = Secrets::of_url(&url, &uri);
    let (method, url, credentials) = match format {
        PostFormat::Matrix => {
            let token = matrix_token()?;
            secrets.add(&token);
            let url = matrix_endpoint(&uri, from)?;
            (Method::Put, url, Credentials::Bearer(token))
        }
        PostFormat::Zulip => {
            let (email, key) = zulip_credentials()?;
            secrets.add(&email);
            secrets.add(&key);
            let basic = crate::io::http::basic_credentials(&email, &key);
            secrets.add(basic.trim_start_matches("Basic "));
            let url = zulip_endpoint(&uri, from)?;
            (Method::Post, url, Credentials::Basic { email, key })
        }
        _ => (Method::Post, url, Credentials::None),
    };
    Ok(Some(Target {
        format,
        method,
        url,
        credentials,
        secrets,
        stream,
        topic,
    }))
}

/// The URL as an absolute `http` or `https` one; the error names where it came from, not it.
fn parse(url: &str, from: &str) -> Result<ureq::http::Uri> {
    let bad = || {
        Error::new(format!(
            "the webhook URL ({from}) is not an http:// or https:// URL"
        ))
    };
    let uri: ureq::http::Uri = url.parse().map_err(|_| bad())?;
    match (uri.scheme_str(), uri.host()) {
        (Some("http" | "https"), Some(host)) if !host.is_empty() => Ok(uri),
        _ => Err(bad()),
    }
}

fn matrix_token() -> Result<String> {
    let missing = || {
        Error::new(format!(
            "posting to Matrix needs an access token in {MATRIX_TOKEN_VAR}"
        ))
    };
    let token = std::env::var_os(MATRIX_TOKEN_VAR).ok_or_else(missing)?;
    let token = token
        .into_string()
        .map_err(|_| Error::new(format!("{MATRIX_TOKEN_VAR} is not UTF-8")))?;
    let token = token.trim().to_string();
    // A header value takes visible ASCII only; a token never holds anything else.
    if token.is_empty() {
        return Err(missing());
    }
    if !token.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::new(format!(
            "{MATRIX_TOKEN_VAR} holds characters no access token has"
        )));
    }
    Ok(token)
}

/// The Zulip bot's email and API key, from their variables; both are needed.
fn zulip_credentials() -> Result<(String, String)> {
    let read = |var: &str| -> Result<String> {
        let missing = || {
            Error::new(format!(
                "posting to Zulip needs the bot's email in {ZULIP_EMAIL_VAR} and its API key in \
                 {ZULIP_KEY_VAR}; {var} is not set"
            ))
            .help("a bot's email and API key are under Settings, Personal settings, Bots")
        };
        let value = std::env::var_os(var).ok_or_else(missing)?;
        let value = value
            .into_string()
            .map_err(|_| Error::new(format!("{var} is not UTF-8")))?;
        let value = value.trim().to_string();
        if value.is_empty() {
            return Err(missing());
        }
        // Basic authentication parts the two at the first colon, and a header holds no
        // control character.
        if value.contains(':') || value.chars().any(char::is_control) {
            return Err(Error::new(format!(
                "{var} holds characters no Zulip bot's email or API key has"
            )));
        }
        Ok(value)
    };
    Ok((read(ZULIP_EMAIL_VAR)?, read(ZULIP_KEY_VAR)?))
}

/// `https://HOST[/BASE]` (or `.../api/v1`, or `.../api/v1/messages`) to
/// `https://HOST[/BASE]/api/v1/messages`.
fn zulip_endpoint(uri: &ureq::http::Uri, from: &str) -> Result<String> {
    if uri.query().is_some() {
        return Err(Error::new(format!(
            "the Zulip URL ({from}) has a query: give the organization's URL, like \
             https://example.zulipchat.com"
        )));
    }
    let path = uri.path().trim_end_matches('/');
    let base = path
        .strip_suffix("/api/v1/messages")
        .or_else(|| path.strip_suffix("/api/v1"))
        .unwrap_or(path);
    let scheme = uri.scheme_str().unwrap_or("https");
    let authority = uri.authority().map_or("", |a| a.as_str());
    Ok(format!("{scheme}://{authority}{base}/api/v1/messages"))
}

/// `https://HOST[/BASE]/!ROOM:SERVER` (or `.../_matrix/client/v3/rooms/!ROOM:SERVER`) to
/// `https://HOST[/BASE]/_matrix/client/v3/rooms/%21ROOM%3ASERVER/send/m.room.message/`.
fn matrix_endpoint(uri: &ureq::http::Uri, from: &str) -> Result<String> {
    let no_room = || {
        Error::new(format!(
            "the Matrix URL ({from}) names no room: end it with the room's ID, like \
             https://matrix.example.org/!AbCdEf:example.org"
        ))
        .help("a room's ID is in its settings (Advanced); an alias (#room:server) is not enough")
    };
    if uri.query().is_some() {
        return Err(no_room());
    }
    let path = uri.path().trim_end_matches('/');
    let (base, room) = path.rsplit_once('/').ok_or_else(no_room)?;
    let is_room =
        room.starts_with('!') || room.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("%21"));
    if !is_room || room.len() < 4 {
        return Err(no_room());
    }
    let base = base
        .strip_suffix("/_matrix/client/v3/rooms")
        .unwrap_or(base);
    let scheme = uri.scheme_str().unwrap_or("https");
    let authority = uri.authority().map_or("", |a| a.as_str());
    Ok(format!(
        "{scheme}://{authority}{base}/_matrix/client/v3/rooms/{}/send/m.room.message/",
        encode_segment(room)
    ))
}

/// Percent-encodes what a path segment must not hold raw, leaving `%XX` as written.
fn encode_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'%' => {
                out.push(b as char);
            }
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Sends `body` to `target`, trying again as the module doc says.
pub(crate) fn send(target: &Target, body: &Body) -> Result<()> {
    let waits = waits();
    let client = Client::new(waits.post_timeout).map_err(Error::new)?;
    let url = match target.format {
        PostFormat::Matrix => format!("{}{}", target.url, transaction_id()),
        _ => target.url.clone(),
    };
    let request = Request {
        method: target.method,
        url: &url,
        body: match body {
            Body::Json(text) => crate::io::http::Body::Json(text),
            Body::Form(fields) => crate::io::http::Body::Form(fields),
        },
        auth: match &target.credentials {
            Credentials::None => Auth::None,
            Credentials::Bearer(token) => Auth::Bearer(token),
            Credentials::Basic { email, key } => Auth::Basic {
                user: email,
                password: key,
            },
        },
    };
    let mut tries = 0;
    loop {
        tries += 1;
        let reply = client
            .send(&request)
            .map_err(|f| failure_error(target, &f, &waits))?;
        if reply.is_success() {
            return Ok(());
        }
        let retryable = reply.status == 429 || (500..600).contains(&reply.status);
        if !retryable || tries > RETRIES {
            return Err(status_error(target, &reply, tries, None));
        }
        match wait_before(tries, reply.retry_after.as_deref(), &waits) {
            Ok(wait) => std::thread::sleep(wait),
            Err(asked) => return Err(status_error(target, &reply, tries, Some(asked))),
        }
    }
}

/// How long to wait before try `tries + 1`: `Retry-After` seconds when given as a number (at
/// most [`MAX_RETRY_AFTER`]; `Err` with the seconds asked for when longer), else the backoff of
/// `waits` doubled at each try: 1 s, 2 s, 4 s.
fn wait_before(tries: u32, retry_after: Option<&str>, waits: &Waits) -> Result<Duration, f64> {
    let backoff = waits.post_backoff * (1 << (tries - 1).min(6));
    let Some(secs) = retry_after
        .map(str::trim)
        .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
        .and_then(|t| t.parse::<f64>().ok())
        .filter(|s| s.is_finite())
    else {
        // An HTTP date, or nothing usable: the plain backoff.
        return Ok(backoff);
    };
    if secs > MAX_RETRY_AFTER.as_secs_f64() {
        return Err(secs);
    }
    Ok(Duration::from_secs_f64(secs))
}

/// A transaction ID for Matrix, unique to this run: the time and the process ID.
fn transaction_id() -> String {
    let now = crate::app::clock::now_utc();
    format!(
        "vision-sched-{}-{}",
        now.timestamp_nanos_opt().unwrap_or_default(),
        std::process::id()
    )
}

fn what(format: PostFormat) -> &'static str {
    match format {
        PostFormat::Slack => "the Slack webhook",
        PostFormat::Mattermost => "the Mattermost webhook",
        PostFormat::Discord => "the Discord webhook",
        PostFormat::Matrix => "the Matrix room",
        PostFormat::Zulip => "the Zulip stream",
        PostFormat::Json => "the webhook",
    }
}

fn status_error(target: &Target, reply: &Reply, tries: u32, asked: Option<f64>) -> Error {
    let mut message = format!(
        "posting to {} failed: HTTP {}",
        what(target.format),
        reply.status_line()
    );
    if let Some(secs) = asked {
        message.push_str(&format!(
            ", and it asks to wait {secs} s (at most {} s is waited)",
            MAX_RETRY_AFTER.as_secs()
        ));
    } else if tries > 1 {
        message.push_str(&format!(" (tried {tries} times)"));
    }
    let mut e = Error::new(message);
    let said = target.secrets.scrub(&collapse(&reply.text));
    if !said.is_empty() {
        e = e.help(format!("the service said: {said}"));
    }
    if (300..400).contains(&reply.status) {
        e = e.help("a webhook that moved is not followed: give its new URL");
    }
    if target.format == PostFormat::Matrix && matches!(reply.status, 401 | 403) {
        e = e.help(format!(
            "check the access token in {MATRIX_TOKEN_VAR} and that its user is in the room"
        ));
    }
    if target.format == PostFormat::Zulip && matches!(reply.status, 401 | 403) {
        e = e.help(format!(
            "check the bot's email in {ZULIP_EMAIL_VAR} and its API key in {ZULIP_KEY_VAR}"
        ));
    }
    // A busy or failing service may take the message later; any other answer needs a fix.
    if reply.status == 429 || reply.status >= 500 {
        e = e.temporary();
    }
    e
}

fn failure_error(target: &Target, f: &Failure, waits: &Waits) -> Error {
    let why = match f {
        // `10 s`, `0.3 s`.
        Failure::Timeout => format!("no answer within {} s", waits.post_timeout.as_secs_f64()),
        Failure::HostNotFound => "its host name was not found".to_string(),
        Failure::Connection(e) => format!("no connection: {}", target.secrets.scrub(e)),
        Failure::Tls(e) => format!("TLS: {}", target.secrets.scrub(e)),
        Failure::Other(e) => target.secrets.scrub(e),
    };
    let e = Error::new(format!("posting to {} failed: {why}", what(target.format)));
    // The network may come back; a TLS failure or a bad request will not by itself.
    match f {
        Failure::Timeout | Failure::HostNotFound | Failure::Connection(_) => e.temporary(),
        Failure::Tls(_) | Failure::Other(_) => e,
    }
}

/// Runs of white space as one space: an HTML error page on one line.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `%XX` escapes decoded (others left as written), as a service may quote a URL's piece.
fn percent_decoded(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && let (Some(Some(hi)), Some(Some(lo))) =
                (b.get(i + 1).map(|c| hex(*c)), b.get(i + 2).map(|c| hex(*c)))
        {
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The pieces of a URL and a token that must not be shown.
#[derive(Debug, Default)]
struct Secrets(Vec<String>);

impl Secrets {
    /// Every piece of a webhook's URL that may be its secret: the URL, its host and path, and
    /// every path segment and every query value, each as written and percent-decoded (a
    /// service may quote either). Over-hiding a word of a service's answer costs nothing;
    /// showing a token costs the channel.
    fn of_url(url: &str, uri: &ureq::http::Uri) -> Secrets {
        let mut s = Secrets::default();
        s.add(url);
        if let Some((_, rest)) = url.split_once("://") {
            s.add(rest);
        }
        if let Some(a) = uri.authority() {
            s.add(a.as_str());
        }
        if let Some(host) = uri.host() {
            s.add(host);
        }
        if let Some(pq) = uri.path_and_query() {
            s.add(pq.as_str());
            s.add(&percent_decoded(pq.as_str()));
        }
        if let Some(q) = uri.query() {
            s.add(q);
            for pair in q.split('&') {
                let value = pair.split_once('=').map_or(pair, |(_, v)| v);
                s.add(value);
                s.add(&percent_decoded(&value.replace('+', " ")));
            }
        }
        s.add(&percent_decoded(uri.path()));
        for segment in uri.path().split('/') {
            s.add(segment);
            s.add(&percent_decoded(segment));
        }
        s
    }

    fn add(&mut self, secret: &str) {
        // Too short to hide without hiding ordinary words ("/", "a.b").
        if secret.len() >= 4 && !self.0.iter().any(|s| s == secret) {
            self.0.push(secret.to_string());
            self.0.sort_by_key(|s| std::cmp::Reverse(s.len()));
        }
    }

    /// `text` with every secret, longest first, replaced by `[redacted]`.
    fn scrub(&self, text: &str) -> String {
        let mut out = text.to_string();
        for s in &self.0 {
            out = out.replace(s.as_str(), "[redacted]");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(url: &str) -> ureq::http::Uri {
        url.parse().unwrap()
    }

    #[test]
    fn matrix_urls_name_the_homeserver_and_the_room() {
        let cases = [
            (
                "https://matrix.example.org/!AbC:example.org",
                "https://matrix.example.org/_matrix/client/v3/rooms/%21AbC%3Aexample.org/send/m.room.message/",
            ),
            (
                "https://example.org:8448/matrix/!AbC:example.org:8448/",
                "https://example.org:8448/matrix/_matrix/client/v3/rooms/%21AbC%3Aexample.org%3A8448/send/m.room.message/",
            ),
            (
                "http://127.0.0.1:8008/_matrix/client/v3/rooms/%21AbC%3Ax",
                "http://127.0.0.1:8008/_matrix/client/v3/rooms/%21AbC%3Ax/send/m.room.message/",
            ),
        ];
        for (url, want) in cases {
            assert_eq!(matrix_endpoint(&uri(url), "--post").unwrap(), want, "{url}");
        }
        for bad in [
            "https://chat.example.net/",
            "https://chat.example.net/room",
            "https://app.element.io/#/room/!AbC:example.org",
            "https://chat.example.net/!AbC:example.net?x=1",
            "https://chat.example.net/!",
        ] {
            let e = matrix_endpoint(&uri(bad), "--post").unwrap_err();
            assert!(e.message.contains("names no room"), "{bad}");
            assert!(!e.to_string().contains(bad), "{bad}");
        }
    }

    #[test]
    fn zulip_urls_name_the_organization() {
        for url in [
            "https://example.zulipchat.com",
            "https://example.zulipchat.com/",
            "https://example.zulipchat.com/api/v1",
            "https://example.zulipchat.com/api/v1/messages/",
        ] {
            assert_eq!(
                zulip_endpoint(&uri(url), "--post").unwrap(),
                "https://example.zulipchat.com/api/v1/messages",
                "{url}"
            );
        }
        assert_eq!(
            zulip_endpoint(&uri("http://127.0.0.1:9991/chat/"), "--post").unwrap(),
            "http://127.0.0.1:9991/chat/api/v1/messages"
        );
        let e = zulip_endpoint(&uri("https://z.example/?api_key=s3cr3t"), "--post").unwrap_err();
        assert!(!e.to_string().contains("s3cr3t"), "{e}");
    }

    #[test]
    fn stream_and_topic_are_zulips_alone() {
        let asked = |format, stream, topic| Asked {
            url: Some("https://z.example"),
            format,
            stream,
            topic,
        };
        let e = target(asked(None, Some("docs"), None)).unwrap_err();
        assert_eq!(
            e.message,
            "--stream is for --post-format zulip, which posts to a stream's topic"
        );
        let e = target(asked(Some(PostFormat::Slack), None, Some("t"))).unwrap_err();
        assert!(e.message.starts_with("--topic is for --post-format zulip"));
        let e = target(asked(Some(PostFormat::Zulip), None, None)).unwrap_err();
        assert!(e.message.contains("needs --stream NAME"), "{e}");
        let e = target(asked(Some(PostFormat::Zulip), Some(" "), None)).unwrap_err();
        assert!(e.message.contains("--stream is empty"), "{e}");
    }

    #[test]
    fn only_absolute_http_urls() {
        assert!(parse("https://hooks.slack.com/services/T/B/x", "--post").is_ok());
        assert!(parse("http://127.0.0.1:9/x", "--post").is_ok());
        for bad in [
            "",
            "hooks.slack.com/x",
            "ftp://h/x",
            "file:///etc/passwd",
            "https://",
            "::",
        ] {
            let e = parse(bad, WEBHOOK_VAR).unwrap_err();
            assert_eq!(
                e.message,
                "the webhook URL (VISION_SCHED_WEBHOOK) is not an http:// or https:// URL"
            );
        }
    }

    #[test]
    fn retry_after_is_honoured_up_to_a_minute() {
        let s = |secs: f64| Ok(Duration::from_secs_f64(secs));
        let wait_before = |tries, retry_after| wait_before(tries, retry_after, &Waits::DEFAULT);
        // Without Retry-After: 1 s, 2 s, 4 s.
        assert_eq!(wait_before(1, None), s(1.0));
        assert_eq!(wait_before(2, None), s(2.0));
        assert_eq!(wait_before(3, None), s(4.0));
        assert_eq!(wait_before(1, Some("1")), s(1.0));
        assert_eq!(wait_before(3, Some(" 0 ")), s(0.0));
        assert_eq!(wait_before(1, Some("2.5")), s(2.5));
        assert_eq!(wait_before(1, Some("60")), s(60.0));
        assert_eq!(wait_before(1, Some("61")), Err(61.0));
        assert_eq!(wait_before(1, Some("3600")), Err(3600.0));
        // An HTTP date or nonsense: the plain backoff.
        assert_eq!(
            wait_before(2, Some("Wed, 21 Oct 2015 07:28:00 GMT")),
            s(2.0)
        );
        assert_eq!(wait_before(1, Some("-5")), s(1.0));
        assert_eq!(wait_before(1, Some("1e9")), s(1.0));
        assert_eq!(wait_before(1, Some("1.2.3")), s(1.0));
    }

    #[test]
    fn the_backoff_doubles_from_the_waits_and_a_timeout_names_its_wait() {
        let short = Waits {
            post_timeout: Duration::from_millis(300),
            post_backoff: Duration::from_millis(5),
            ..Waits::DEFAULT
        };
        let ms = |n| Ok(Duration::from_millis(n));
        assert_eq!(wait_before(1, None, &short), ms(5));
        assert_eq!(wait_before(3, None, &short), ms(20));
        assert_eq!(wait_before(3, Some("1"), &short), ms(1000));
        let t = target(Asked {
            url: Some("https://hooks.example.com/x"),
            ..Asked::default()
        })
        .unwrap()
        .unwrap();
        let said = |waits| failure_error(&t, &Failure::Timeout, waits).message;
        assert_eq!(
            said(&Waits::DEFAULT),
            "posting to the Slack webhook failed: no answer within 10 s"
        );
        assert_eq!(
            said(&short),
            "posting to the Slack webhook failed: no answer within 0.3 s"
        );
    }

    #[test]
    fn secrets_are_scrubbed_longest_first() {
        let url = "https://hooks.example.com/services/T0001/B0001/abcdefghijklmnopqrstuvwx?k=v1234";
        let mut s = Secrets::of_url(url, &uri(url));
        s.add("syt_token_value");
        let said = format!(
            "no hook {url}; path /services/T0001/B0001/abcdefghijklmnopqrstuvwx?k=v1234; \
             token abcdefghijklmnopqrstuvwx at hooks.example.com, bearer syt_token_value"
        );
        let shown = s.scrub(&said);
        assert_eq!(
            shown,
            "no hook [redacted]; path [redacted]; token [redacted] at [redacted], bearer [redacted]"
        );
        assert_eq!(
            s.scrub("Connection refused (os error 111)"),
            "Connection refused (os error 111)"
        );
    }

    #[test]
    fn transaction_ids_are_path_safe() {
        let id = transaction_id();
        assert!(id.starts_with("vision-sched-"));
        assert_eq!(encode_segment(&id), id);
    }
}
