//! `remind --post`, through the built binary, against a webhook the test serves on 127.0.0.1:
//! the body each format sends, silence on a quiet day, retries, failures, and secrets that never
//! show.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{Bin, WAITS_VAR, bin};

/// Names that would be markup, mentions or reordered text if sent as they are (the loader
/// refuses control characters in names; a service's answer can still hold them).
pub(crate) const HOSTILE: &str = r#"
[[phase]]
name = "<script>alert(1)</script> & <!channel>"
due = 2021-06-30

[[phase]]
name = "@everyone @here <@123> <@&456>"
due = 2021-06-30

[[phase]]
name = "bidi \u202e txet \u2066 iso"
due = 2021-07-01

[[phase]]
name = "late `code` **bold**"
due = 2021-03-31
"#;

/// A secret-looking path, as Slack's and Discord's webhook URLs have.
pub(crate) const SECRET_PATH: &str = "/services/T0000/B0000/s3cr3tS3CR3Ts3cr3tS3CR3T";

/// A request the hook received.
#[derive(Debug, Clone)]
pub(crate) struct Seen {
    method: String,
    pub(crate) path: String,
    headers: Vec<(String, String)>,
    body: String,
    at: Instant,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// What the hook answers to one request, in order.
pub(crate) enum Answer {
    Status(u16, &'static [(&'static str, &'static str)], String),
    /// Reads the request and never answers.
    Silence,
}

pub(crate) fn ok() -> Answer {
    Answer::Status(200, &[], "ok".into())
}

/// A webhook on 127.0.0.1: answers each request with the next [`Answer`], records it, and
/// answers 418 to any request beyond the script (which the test then sees in [`Hook::seen`]).
pub(crate) struct Hook {
    port: u16,
    seen: Arc<Mutex<Vec<Seen>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

pub(crate) fn hook(answers: Vec<Answer>) -> Hook {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let (seen2, stop2) = (seen.clone(), stop.clone());
    let thread = std::thread::spawn(move || {
        let mut answers = answers.into_iter();
        while !stop2.load(Ordering::SeqCst) {
            let stream = match listener.accept() {
                Ok((stream, _)) => stream,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    std::thread::sleep(Duration::from_millis(5));
                    continue;
                }
                Err(e) => panic!("accept: {e}"),
            };
            let answer = answers
                .next()
                .unwrap_or_else(|| Answer::Status(418, &[], "not in the script".into()));
            serve(stream, answer, &seen2, &stop2);
        }
    });
    Hook {
        port,
        seen,
        stop,
        thread: Some(thread),
    }
}

fn serve(stream: TcpStream, answer: Answer, seen: &Mutex<Vec<Seen>>, stop: &AtomicBool) {
    stream.set_nonblocking(false).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut first = String::new();
    reader.read_line(&mut first).unwrap();
    let mut parts = first.split_whitespace();
    let method = parts.next().unwrap_or_default().to_string();
    let path = parts.next().unwrap_or_default().to_string();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (k, v) = line.split_once(':').unwrap();
        headers.push((k.trim().to_string(), v.trim().to_string()));
    }
    let length: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .map_or(0, |(_, v)| v.parse().unwrap());
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    seen.lock().unwrap().push(Seen {
        method,
        path,
        headers,
        body: String::from_utf8(body).unwrap(),
        at: Instant::now(),
    });
    let mut stream = stream;
    match answer {
        Answer::Status(code, extra, text) => {
            let mut head = format!(
                "HTTP/1.1 {code} Whatever\r\nContent-Length: {}\r\nConnection: close\r\n",
                text.len()
            );
            for (k, v) in extra {
                head.push_str(&format!("{k}: {v}\r\n"));
            }
            let _ = write!(stream, "{head}\r\n{text}");
        }
        Answer::Silence => {
            while !stop.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }
}

impl Hook {
    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub(crate) fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for Hook {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// `remind` on the hostile schedule, busy on 2021-06-25 (one overdue, three coming up).
pub(crate) fn remind(today: &str) -> Bin {
    let mut cmd = bin();
    std::fs::write(cmd.scratch().work().join("schedule.toml"), HOSTILE).unwrap();
    cmd.args(["remind", "-f", "schedule.toml", "--today", today]);
    cmd
}

/// Runs `cmd`, which must succeed without printing anything.
fn quietly(cmd: &Bin) {
    cmd.assert().success().stdout("").stderr("");
}

/// Runs `cmd`, which must fail with exit 2 and nothing on stdout; gives its stderr.
fn fails(cmd: &Bin) -> String {
    let out = cmd.assert().code(2).stdout("").get_output().clone();
    String::from_utf8(out.stderr).unwrap()
}

/// Runs `cmd`, which must give up with exit 3 (a service out of reach or failing, worth trying
/// again later) and nothing on stdout; gives its stderr.
fn gives_up(cmd: &Bin) -> String {
    let out = cmd.assert().code(3).stdout("").get_output().clone();
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn slack_gets_text_and_block_kit_with_its_markup_escaped() {
    let hook = hook(vec![ok()]);
    let mut cmd = remind("2021-06-25");
    cmd.args(["--post", &hook.url(SECRET_PATH)]);
    quietly(&cmd);
    let seen = hook.seen();
    assert_eq!(seen.len(), 1);
    let r = &seen[0];
    assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", SECRET_PATH));
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert!(r.header("user-agent").unwrap().starts_with("vision-sched/"));
    assert_eq!(r.header("authorization"), None);
    let v = r.json();
    let code = "```\n\
        2021-03-31  86 days overdue  late \u{2cb}code\u{2cb} **bold**\n\
        2021-06-30  due in 5 days    &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;!channel&gt;\n\
        2021-06-30  due in 5 days    @everyone @here &lt;@123&gt; &lt;@&amp;456&gt;\n\
        2021-07-01  due in 6 days    bidi \\u{202e} txet \\u{2066} iso\n```";
    let heading = "Reminders for Fri 2021-06-25: 1 overdue, 3 coming up";
    assert_eq!(v["text"], format!("{heading}\n{code}"));
    assert_eq!(v["blocks"][0]["type"], "section");
    assert_eq!(v["blocks"][0]["text"]["type"], "mrkdwn");
    assert_eq!(v["blocks"][0]["text"]["text"], heading);
    assert_eq!(v["blocks"][1]["text"]["text"], code);
    assert_eq!(v["blocks"].as_array().unwrap().len(), 2);
    assert!(!r.body.contains("<!channel>") && !r.body.contains("<script>"));
}

#[test]
fn discord_pings_nobody() {
    let hook = hook(vec![Answer::Status(204, &[], String::new())]);
    let mut cmd = remind("2021-06-25");
    cmd.args([
        "--post-format",
        "discord",
        "--post",
        &hook.url("/api/webhooks/1/tok"),
    ]);
    quietly(&cmd);
    let seen = hook.seen();
    assert_eq!(seen.len(), 1, "a 2xx is never tried again");
    let v = seen[0].json();
    assert_eq!(v["allowed_mentions"], serde_json::json!({ "parse": [] }));
    let content = v["content"].as_str().unwrap();
    let zw = '\u{200b}';
    assert!(content.starts_with("Reminders for Fri 2021-06-25: 1 overdue, 3 coming up\n```\n"));
    assert!(content.contains(&format!(
        "@{zw}everyone @{zw}here <{zw}@{zw}123> <{zw}@{zw}&456>"
    )));
    assert!(content.contains(&format!(
        "<{zw}script>alert(1)<{zw}/script> & <{zw}!channel>"
    )));
    assert!(content.contains("bidi \\u{202e} txet \\u{2066} iso"));
    for ping in ["@everyone", "@here", "<@123>", "<@&456>"] {
        assert!(!content.contains(ping), "{ping}");
    }
    assert!(content.ends_with("```"));
    assert!(!content.chars().any(|c| c.is_control() && c != '\n'));
}

#[test]
fn matrix_puts_a_room_message_with_the_token() {
    let hook = hook(vec![ok()]);
    let mut cmd = remind("2021-06-25");
    cmd.args([
        "--post-format",
        "matrix",
        "--post",
        &hook.url("/!room:example.org"),
    ])
    .env("VISION_SCHED_MATRIX_TOKEN", "syt_s3cr3t_token");
    quietly(&cmd);
    let seen = hook.seen();
    assert_eq!(seen.len(), 1);
    let r = &seen[0];
    assert_eq!(r.method, "PUT");
    let prefix = "/_matrix/client/v3/rooms/%21room%3Aexample.org/send/m.room.message/";
    assert!(r.path.starts_with(prefix), "{}", r.path);
    assert!(r.path.len() > prefix.len(), "a transaction ID");
    assert_eq!(r.header("authorization"), Some("Bearer syt_s3cr3t_token"));
    let v = r.json();
    assert_eq!(v["msgtype"], "m.notice");
    assert_eq!(v["format"], "org.matrix.custom.html");
    assert_eq!(v["m.mentions"], serde_json::json!({}));
    let html = v["formatted_body"].as_str().unwrap();
    assert!(html.starts_with(
        "<p>Reminders for Fri 2021-06-25: 1 overdue, 3 coming up</p>\n<pre><code>2021-03-31"
    ));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;!channel&gt;"));
    assert!(!html.contains("<script>"));
    let body = v["body"].as_str().unwrap();
    assert!(
        body.contains("<script>alert(1)</script> & <!channel>"),
        "plain text stays plain"
    );
    assert!(body.contains("@\u{200b}everyone") && !body.contains("@here"));
}

#[test]
fn json_gets_every_reminder_as_data() {
    let hook = hook(vec![ok()]);
    let mut cmd = remind("2021-06-25");
    cmd.args(["--post-format", "json", "--post", &hook.url("/mine")]);
    quietly(&cmd);
    let v = hook.seen()[0].json();
    assert_eq!(v["today"], "2021-06-25");
    assert_eq!(v["title"], Value::Null);
    assert_eq!(v["count"], 4);
    let items = v["reminders"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    assert_eq!(
        items[0],
        serde_json::json!({
            "name": "late `code` **bold**", "date": "2021-03-31", "event": "overdue",
            "days_until": -86, "text": "86 days overdue",
        })
    );
    assert_eq!(items[1]["name"], "<script>alert(1)</script> & <!channel>");
    assert_eq!(items[3]["name"], "bidi \u{202e} txet \u{2066} iso");
    assert_eq!(items[3]["event"], "due");
    assert_eq!(items[3]["days_until"], 6);
    assert_eq!(items[3]["text"], "due in 6 days");
}

#[test]
fn a_quiet_day_sends_nothing_and_prints_nothing() {
    let hook = hook(vec![ok()]);
    let mut cmd = remind("2021-01-15");
    cmd.args(["--post", &hook.url(SECRET_PATH)]);
    quietly(&cmd);
    let mut cmd = remind("2021-01-15");
    cmd.env("VISION_SCHED_WEBHOOK", hook.url(SECRET_PATH));
    quietly(&cmd);
    assert_eq!(hook.seen().len(), 0);
    // A setting that cannot work is an error even on a quiet day, so it shows the first morning.
    let mut cmd = remind("2021-01-15");
    cmd.args(["--post-format", "matrix", "--post", &hook.url("/!r:x")]);
    let err = fails(&cmd);
    assert!(err.contains("VISION_SCHED_MATRIX_TOKEN"), "{err}");
}

#[test]
fn the_url_can_come_from_the_environment() {
    let hook = hook(vec![ok(), ok()]);
    let mut cmd = remind("2021-06-25");
    cmd.env("VISION_SCHED_WEBHOOK", hook.url("/from-env"));
    quietly(&cmd);
    // --post wins over the variable.
    let mut cmd = remind("2021-06-25");
    cmd.env("VISION_SCHED_WEBHOOK", "http://127.0.0.1:9/unused")
        .args(["--post", &hook.url("/from-flag")]);
    quietly(&cmd);
    let paths: Vec<String> = hook.seen().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, ["/from-env", "/from-flag"]);
    // Set but empty: remind prints, as without it.
    let mut cmd = remind("2021-06-25");
    cmd.env("VISION_SCHED_WEBHOOK", "");
    let out = cmd.assert().success().get_output().stdout.clone();
    assert!(
        String::from_utf8(out)
            .unwrap()
            .starts_with("2021-03-31  86 days overdue")
    );
    // --post-format alone is a mistake, not a print.
    let mut cmd = remind("2021-06-25");
    cmd.args(["--post-format", "discord"]);
    let err = fails(&cmd);
    assert!(err.contains("needs a webhook"), "{err}");
}

#[test]
fn a_500_is_tried_once_more() {
    let hook = hook(vec![Answer::Status(500, &[], "oops".into()), ok()]);
    let mut cmd = remind("2021-06-25");
    cmd.args(["--post", &hook.url("/x")]);
    quietly(&cmd);
    let seen = hook.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].body, seen[1].body);
}

#[test]
fn matrix_tries_again_with_the_same_transaction() {
    let hook = hook(vec![Answer::Status(502, &[], String::new()), ok()]);
    let mut cmd = remind("2021-06-25");
    cmd.args(["--post-format", "matrix", "--post", &hook.url("/!room:x")])
        .env("VISION_SCHED_MATRIX_TOKEN", "t0k3n");
    quietly(&cmd);
    let seen = hook.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].path, seen[1].path);
}

#[test]
fn a_429_waits_as_long_as_retry_after_says() {
    // Retry-After in seconds, a fraction here, so the test is short; the sandbox's backoff
    // without it is 1 ms.
    let hook = hook(vec![
        Answer::Status(429, &[("Retry-After", "0.2")], "slow down".into()),
        ok(),
    ]);
    let mut cmd = remind("2021-06-25");
    cmd.args(["--post", &hook.url("/x")]);
    quietly(&cmd);
    let seen = hook.seen();
    assert_eq!(seen.len(), 2);
    // Not before 0.2 s has passed (a lower bound: a busy machine only makes it later).
    assert!(seen[1].at - seen[0].at >= Duration::from_millis(200));
}

#[test]
fn a_longer_retry_after_than_a_minute_is_a_failure_at_once() {
    let hook = hook(vec![Answer::Status(
        429,
        &[("Retry-After", "3600")],
        String::new(),
    )]);
    let mut cmd = remind("2021-06-25");
    cmd.args(["--post", &hook.url("/x")]);
    let err = gives_up(&cmd);
    assert_eq!(hook.seen().len(), 1);
    assert!(
        err.contains("HTTP 429 Too Many Requests, and it asks to wait 3600 s"),
        "{err}"
    );
}

#[test]
fn at_most_three_retries() {
    let unavailable = || Answer::Status(503, &[("Retry-After", "0")], "busy".into());
    let hook = hook((0..5).map(|_| unavailable()).collect());
    let mut cmd = remind("2021-06-25");
    cmd.args(["--post", &hook.url("/x")]);
    let err = gives_up(&cmd);
    assert_eq!(hook.seen().len(), 4);
    assert!(
        err.contains(
            "posting to the Slack webhook failed: HTTP 503 Service Unavailable (tried 4 times)"
        ),
        "{err}"
    );
    assert!(err.contains("the service said: busy"), "{err}");
}

#[test]
fn a_404_shows_the_status_and_the_services_words_but_never_the_url() {
    // The service quotes the secret path back, with terminal escapes for good measure.
    let hook = hook(vec![Answer::Status(
        404,
        &[],
        format!("no such webhook: POST {SECRET_PATH}\n\u{1b}]0;owned\u{7}\n::error::x"),
    )]);
    let url = hook.url(SECRET_PATH);
    let mut cmd = remind("2021-06-25");
    cmd.args(["--post", &url]);
    let err = fails(&cmd);
    assert_eq!(hook.seen().len(), 1, "a 404 is not tried again");
    assert!(
        err.starts_with("error: posting to the Slack webhook failed: HTTP 404 Not Found\n"),
        "{err}"
    );
    assert!(
        err.contains("  = the service said: no such webhook: POST [redacted]"),
        "{err}"
    );
    for secret in [
        url.as_str(),
        SECRET_PATH,
        "s3cr3tS3CR3T",
        &format!("127.0.0.1:{}", hook.port),
    ] {
        assert!(!err.contains(secret), "{secret} in {err}");
    }
    assert!(!err.chars().any(|c| c.is_control() && c != '\n'), "{err}");
    assert!(
        err.lines().all(|l| !l.trim_start().starts_with("::")),
        "{err}"
    );
}

/// The timeout is 10 s (a unit test of `app::post` checks the default and its message); here it
/// is made 0.3 s.
#[test]
fn a_service_that_never_answers_times_out() {
    let hook = hook(vec![Answer::Silence]);
    let url = hook.url(SECRET_PATH);
    let mut cmd = remind("2021-06-25");
    cmd.args(["--post", &url])
        .env(WAITS_VAR, "post-timeout=300ms");
    let start = Instant::now();
    let err = gives_up(&cmd);
    assert!(start.elapsed() >= Duration::from_millis(300));
    assert_eq!(hook.seen().len(), 1, "no answer is not tried again");
    assert_eq!(
        err,
        "error: posting to the Slack webhook failed: no answer within 0.3 s\n"
    );
}

#[test]
fn no_connection_and_bad_urls_are_errors_that_keep_the_url_secret() {
    // A port nothing listens on.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}{SECRET_PATH}");
    let mut cmd = remind("2021-06-25");
    cmd.env("VISION_SCHED_WEBHOOK", &url);
    let err = gives_up(&cmd);
    assert!(
        err.starts_with("error: posting to the Slack webhook failed: no connection"),
        "{err}"
    );
    assert!(!err.contains(SECRET_PATH) && !err.contains(&url), "{err}");

    for bad in [
        "hooks.example.com/s3cr3tS3CR3T",
        "ftp://example.com/s3cr3tS3CR3T",
    ] {
        let mut cmd = remind("2021-06-25");
        cmd.env("VISION_SCHED_WEBHOOK", bad);
        let err = fails(&cmd);
        assert_eq!(
            err,
            "error: the webhook URL (VISION_SCHED_WEBHOOK) is not an http:// or https:// URL\n"
        );
    }
    let mut cmd = remind("2021-06-25");
    cmd.args([
        "--post-format",
        "matrix",
        "--post",
        "https://chat.example.net/s3cr3tS3CR3T",
    ])
    .env("VISION_SCHED_MATRIX_TOKEN", "t");
    let err = fails(&cmd);
    assert!(
        err.contains("names no room") && !err.contains("s3cr3t"),
        "{err}"
    );
}

#[test]
fn a_redirect_is_not_followed() {
    let hook = hook(vec![Answer::Status(
        301,
        &[("Location", "http://127.0.0.1:9/elsewhere")],
        String::new(),
    )]);
    let mut cmd = remind("2021-06-25");
    cmd.args(["--post", &hook.url("/x")]);
    let err = fails(&cmd);
    assert_eq!(hook.seen().len(), 1);
    assert!(err.contains("HTTP 301 Moved Permanently"), "{err}");
    assert!(err.contains("give its new URL"), "{err}");
}

/// The first fenced block after the line holding `marker` in README, without its fences and
/// its indentation.
fn readme_block(marker: &str) -> String {
    let readme = crate::common::docs_text();
    let after = &readme[readme.find(marker).unwrap_or_else(|| panic!("{marker}"))..];
    let mut lines = after
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("```"));
    let fence = lines.next().unwrap();
    let indent = fence.len() - fence.trim_start().len();
    let body: Vec<&str> = lines
        .take_while(|l| !l.trim_start().starts_with("```"))
        .map(|l| l.get(indent..).unwrap_or(""))
        .collect();
    body.join("\n") + "\n"
}

#[test]
fn the_readme_shows_what_is_sent_and_what_a_failure_says() {
    let bundled = |format: &str, url: &str| {
        let mut cmd = bin();
        cmd.args(["remind", "--today", "2021-06-25", "-f"])
            .arg(crate::common::repo("schedule.toml"))
            .args(["--post-format", format, "--post", url]);
        cmd
    };
    let hook = hook(vec![
        ok(),
        ok(),
        Answer::Status(404, &[], "no_service".into()),
    ]);
    quietly(&bundled("slack", &hook.url("/a")));
    quietly(&bundled("json", &hook.url("/b")));
    let err = fails(&bundled("slack", &hook.url("/c")));
    let seen = hook.seen();

    let text = seen[0].json()["text"]
        .as_str()
        .unwrap()
        .replace("```\n", "");
    let text = text.trim_end_matches("```").to_string();
    assert_eq!(readme_block("The message on 2021-06-25"), text);

    let readme_json: Value =
        serde_json::from_str(&readme_block("**`--post-format json`** posts")).unwrap();
    assert_eq!(readme_json, seen[1].json());

    assert_eq!(
        readme_block("tried again, since the message may have arrived."),
        err
    );
}

/// A form body's fields, decoded as a server does (`+` is a space, `%XX` a byte).
fn form_fields(body: &str) -> Vec<(String, String)> {
    let decode = |s: &str| {
        let b = s.replace('+', " ").into_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'%' {
                let hex = std::str::from_utf8(&b[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
            } else {
                out.push(b[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    };
    body.split('&')
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap();
            (decode(k), decode(v))
        })
        .collect()
}

const ZULIP_EMAIL: &str = "reminder-bot@rust.zulipchat.example";
const ZULIP_KEY: &str = "k3yk3yk3yZulipK3yk3y";

/// `remind` posting to Zulip at `hook`, with the bot's email and key set.
fn zulip(hook: &Hook, today: &str) -> Bin {
    let mut cmd = remind(today);
    cmd.args(["--post-format", "zulip", "--post", &hook.url("/")])
        .env("VISION_SCHED_ZULIP_EMAIL", ZULIP_EMAIL)
        .env("VISION_SCHED_ZULIP_KEY", ZULIP_KEY);
    cmd
}

#[test]
fn zulip_gets_a_stream_message_with_basic_auth() {
    let hook = hook(vec![Answer::Status(
        200,
        &[],
        r#"{"result":"success","msg":"","id":42}"#.into(),
    )]);
    let mut cmd = zulip(&hook, "2021-06-25");
    cmd.args(["--stream", "t-docs & more"]);
    quietly(&cmd);
    let seen = hook.seen();
    assert_eq!(seen.len(), 1);
    let r = &seen[0];
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("POST", "/api/v1/messages")
    );
    assert_eq!(
        r.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    // base64 of "reminder-bot@rust.zulipchat.example:k3yk3yk3yZulipK3yk3y".
    assert_eq!(
        r.header("authorization"),
        Some("Basic cmVtaW5kZXItYm90QHJ1c3QuenVsaXBjaGF0LmV4YW1wbGU6azN5azN5azN5WnVsaXBLM3lrM3k=")
    );
    let fields = form_fields(&r.body);
    let names: Vec<&str> = fields.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(names, ["type", "to", "topic", "content"]);
    assert_eq!(fields[0].1, "stream");
    assert_eq!(fields[1].1, "t-docs & more");
    // The schedule has no title: the document's name is its file's stem.
    assert_eq!(fields[2].1, "schedule");
    assert_eq!(
        fields[3].1,
        "Reminders for Fri 2021-06-25: 1 overdue, 3 coming up\n```text\n\
         2021-03-31  86 days overdue  late `code` **bold**\n\
         2021-06-30  due in 5 days    <script>alert(1)</script> & <!channel>\n\
         2021-06-30  due in 5 days    @everyone @here <@123> <@&456>\n\
         2021-07-01  due in 6 days    bidi \\u{202e} txet \\u{2066} iso\n```"
    );
}

#[test]
fn zulips_topic_is_the_title_or_topic_cut_to_sixty_characters() {
    let hook = hook(vec![ok(), ok()]);
    let mut cmd = zulip(&hook, "2021-06-25");
    let titled = format!("[document]\ntitle = \"Async I/O: the vision\"\n{HOSTILE}");
    std::fs::write(cmd.scratch().work().join("schedule.toml"), titled).unwrap();
    cmd.args(["--stream", "docs"]);
    quietly(&cmd);
    let mut cmd = zulip(&hook, "2021-06-25");
    let long = format!("{} @**all**", "revision ".repeat(8));
    cmd.args(["--stream", "docs", "--topic", &long]);
    quietly(&cmd);
    let seen = hook.seen();
    assert_eq!(form_fields(&seen[0].body)[2].1, "Async I/O: the vision");
    let topic = &form_fields(&seen[1].body)[2].1;
    assert_eq!(topic.chars().count(), 60);
    assert_eq!(
        topic,
        "revision revision revision revision revision revision revis…"
    );
}

#[test]
fn zulip_needs_a_stream_and_its_credentials_and_nothing_else_takes_a_stream() {
    let hook = hook(vec![]);
    // No --stream: clap's usage error.
    let cmd = zulip(&hook, "2021-06-25");
    let err = fails(&cmd);
    assert!(err.contains("--stream <NAME>"), "{err}");
    // --stream with another format.
    let mut cmd = remind("2021-06-25");
    cmd.args(["--post", &hook.url("/x"), "--stream", "docs"]);
    let err = fails(&cmd);
    assert!(err.contains("--stream is for --post-format zulip"), "{err}");
    // No key, even on a quiet day.
    let mut cmd = remind("2021-01-15");
    cmd.args(["--post-format", "zulip", "--post", &hook.url("/")])
        .args(["--stream", "docs"])
        .env("VISION_SCHED_ZULIP_EMAIL", ZULIP_EMAIL);
    let err = fails(&cmd);
    assert!(
        err.contains("VISION_SCHED_ZULIP_KEY is not set") && !err.contains(ZULIP_EMAIL),
        "{err}"
    );
    assert_eq!(hook.seen().len(), 0);
}

#[test]
fn zulips_refusal_shows_neither_the_email_nor_the_key() {
    // Zulip's own answer to a wrong key, quoting what it was sent for good measure.
    let said = format!(
        r#"{{"result":"error","msg":"Invalid API key for {ZULIP_EMAIL} ({ZULIP_KEY}); Basic cmVtaW5kZXItYm90QHJ1c3QuenVsaXBjaGF0LmV4YW1wbGU6azN5azN5azN5WnVsaXBLM3lrM3k=","code":"INVALID_API_KEY"}}"#
    );
    let hook = hook(vec![Answer::Status(401, &[], said)]);
    let mut cmd = zulip(&hook, "2021-06-25");
    cmd.args(["--stream", "docs"]);
    let err = fails(&cmd);
    assert!(
        err.starts_with("error: posting to the Zulip stream failed: HTTP 401 Unauthorized\n"),
        "{err}"
    );
    assert!(
        err.contains("Invalid API key for [redacted] ([redacted]); Basic [redacted]"),
        "{err}"
    );
    assert!(err.contains("VISION_SCHED_ZULIP_KEY"), "{err}");
    for secret in [ZULIP_EMAIL, ZULIP_KEY, "cmVtaW5kZXI"] {
        assert!(!err.contains(secret), "{secret} in {err}");
    }
}

#[test]
fn mattermost_gets_its_own_escaping() {
    let hook = hook(vec![ok()]);
    let mut cmd = remind("2021-06-25");
    cmd.args([
        "--post-format",
        "mattermost",
        "--post",
        &hook.url("/hooks/s3cr3tS3CR3Ts3cr3t"),
    ]);
    quietly(&cmd);
    let seen = hook.seen();
    assert_eq!(seen.len(), 1);
    let r = &seen[0];
    assert_eq!(r.header("content-type"), Some("application/json"));
    let v = r.json();
    let zw = '\u{200b}';
    assert_eq!(
        v,
        serde_json::json!({ "text": format!(
            "Reminders for Fri 2021-06-25: 1 overdue, 3 coming up\n```\n\
             2021-03-31  86 days overdue  late `code` **bold**\n\
             2021-06-30  due in 5 days    <script>alert(1)</script> & <{zw}!channel>\n\
             2021-06-30  due in 5 days    @everyone @here <{zw}@123> <{zw}@&456>\n\
             2021-07-01  due in 6 days    bidi \\u{{202e}} txet \\u{{2066}} iso\n```"
        ) })
    );
    assert!(!r.body.contains("&amp;") && !r.body.contains("&lt;"));
}
