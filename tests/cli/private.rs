//! Nothing private leaks, and nothing is written where it should not be: a file being written
//! is readable by its owner only, a link another user planted in a shared folder is not
//! followed, a webhook's secrets never show, and a proxy that is set is never gone around.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use crate::common::{bin, fails, ok, repo, shell};

/// Whether this test runs as root, who may give a file away (and whom no mode stops).
fn root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout == b"0\n")
}

fn mode(p: &Path) -> u32 {
    fs::metadata(p).unwrap().permissions().mode() & 0o7777
}

/// The temp files a writer left in `dir`.
fn temps(dir: &Path) -> Vec<std::path::PathBuf> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect()
}

/// Issue 21, finding 4.1: with a 0600 schedule in a 0755 folder, another user could read the
/// new content from the temp file, created 0666 less the umask. A writer stopped partway
/// (here by a file-size limit of 1 KiB, which kills it mid-write) leaves a temp file that only
/// its owner can read, and the file it was replacing as it was.
#[test]
fn a_file_being_written_is_readable_by_its_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let schedule = dir.path().join("s.toml");
    fs::copy(repo("schedule.toml"), &schedule).unwrap();
    fs::set_permissions(&schedule, fs::Permissions::from_mode(0o600)).unwrap();
    let before = fs::read(&schedule).unwrap();
    let writers = [
        "publish '2021 Q1 revision published' --today 2021-04-02",
        "reschedule '2021 Q1 revision published' --date 2021-04-20",
        "export ics --today 2021-06-20 -o \"$D/feed.ics\"",
        "export svg --today 2021-06-20 -o \"$D/timeline.svg\"",
    ];
    for writer in writers {
        let script = format!("ulimit -f 1; exec \"$BIN\" -f \"$D/s.toml\" {writer}");
        let out = shell(&script).env("D", dir.path()).output().unwrap();
        assert_ne!(out.status.code(), Some(0), "{writer}: the limit stops it");
        let left = temps(dir.path());
        assert_eq!(left.len(), 1, "{writer}: {left:?}");
        assert_eq!(mode(&left[0]), 0o600, "{writer}: {}", left[0].display());
        assert!(
            fs::metadata(&left[0]).unwrap().len() > 0,
            "{writer}: stopped while writing"
        );
        fs::remove_file(&left[0]).unwrap();
        assert_eq!(fs::read(&schedule).unwrap(), before, "{writer}");
        assert!(!dir.path().join("feed.ics").exists() && !dir.path().join("timeline.svg").exists());
    }
    // Written whole, a new file has the usual mode and an edited one keeps its own.
    ok(&bin()
        .arg("-f")
        .arg(&schedule)
        .args([
            "publish",
            "2021 Q1 revision published",
            "--today",
            "2021-04-02",
        ])
        .output()
        .unwrap());
    assert_eq!(mode(&schedule), 0o600);
    ok(&bin()
        .arg("-f")
        .arg(&schedule)
        .args(["export", "ics", "--today", "2021-06-20", "-o"])
        .arg(dir.path().join("feed.ics"))
        .output()
        .unwrap());
    assert_eq!(mode(&dir.path().join("feed.ics")) & 0o600, 0o600);
    assert!(temps(dir.path()).is_empty());
}

/// Issue 21, finding 4.2: in a sticky folder anyone may write to (`/tmp`), another user's
/// `feed.ics -> /root/important.conf` was followed and the target replaced, and a dangling link
/// created a file where it pointed: the tool follows links itself, so the kernel's
/// `protected_symlinks` never applied. A link there is followed only when it is ours or the
/// folder owner's, for `export -o` and for `export ics --split DIR`.
#[test]
fn another_users_link_in_a_shared_folder_is_not_followed() {
    if !root() {
        eprintln!("skipped: only root can give a link to another user here");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared");
    fs::create_dir(&shared).unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o1777)).unwrap();
    let important = dir.path().join("important.conf");
    fs::write(&important, "keep").unwrap();
    let planted = |name: &str, to: &Path| {
        let link = shared.join(name);
        std::os::unix::fs::symlink(to, &link).unwrap();
        std::os::unix::fs::lchown(&link, Some(65534), Some(65534)).unwrap();
        link
    };
    let feed = planted("feed.ics", &important);
    let dangling = planted("new.ics", &dir.path().join("created-by-the-link"));
    for link in [&feed, &dangling] {
        let out = bin()
            .arg("-f")
            .arg(repo("schedule.toml"))
            .args(["export", "ics", "--today", "2021-06-20", "-o"])
            .arg(link)
            .output()
            .unwrap();
        let err = fails(&out);
        assert!(err.contains("is not followed"), "{err}");
    }
    assert_eq!(fs::read_to_string(&important).unwrap(), "keep");
    assert!(!dir.path().join("created-by-the-link").exists());
    // --split writes a file per document into the folder: the same rule for each.
    let split = planted("async-i-o-in-rust-the-vision.ics", &important);
    let out = bin()
        .arg("-f")
        .arg(repo("schedule.toml"))
        .args(["export", "ics", "--today", "2021-06-20", "--split"])
        .arg(&shared)
        .output()
        .unwrap();
    assert!(fails(&out).contains("is not followed"));
    assert_eq!(fs::read_to_string(&important).unwrap(), "keep");
    // Our own link in the same folder is followed, as the kernel would.
    fs::remove_file(&split).unwrap();
    std::os::unix::fs::symlink(&important, &split).unwrap();
    assert_eq!(fs::symlink_metadata(&split).unwrap().uid(), 0);
    ok(&bin()
        .arg("-f")
        .arg(repo("schedule.toml"))
        .args(["export", "ics", "--today", "2021-06-20", "--split"])
        .arg(&shared)
        .output()
        .unwrap());
    assert!(
        fs::read_to_string(&important)
            .unwrap()
            .starts_with("BEGIN:VCALENDAR")
    );
}

#[cfg(feature = "post")]
mod webhooks {
    use std::io::{Read, Write};
    use std::net::{TcpListener, TcpStream};

    use crate::common::{fails, gives_up};
    use crate::post::{Answer, hook, ok, remind};

    /// Issue 21, finding 4.3: with a Google Chat-shaped URL, a service answering "Invalid token
    /// `Zq3xK9sVb2Lw7P`" had that printed, and so did one quoting the URL-decoded path. Every
    /// query value and every path segment, as written and decoded, is kept out of what is
    /// printed.
    #[test]
    fn no_part_of_the_url_is_printed_as_written_or_decoded() {
        let token = "Zq3xK9sVb2Lw7P";
        let key = "AIzaSyKEYKEY9";
        let space = "AAAA1234";
        let hook = hook(vec![
            Answer::Status(401, &[], format!("Invalid token {token}; key {key}")),
            Answer::Status(404, &[], format!("no space spaces/{space}x/messages")),
            Answer::Status(403, &[], "webhook s3cr3t/hook is gone".into()),
        ]);
        let query = format!("/v1/spaces/{space}/messages?key={key}&token={token}");
        for path in [
            query.as_str(),
            &format!("/v1/spaces/{space}x/messages?key=a%20b&token={token}"),
            "/hooks/s3cr%33t%2Fhook",
        ] {
            let mut cmd = remind("2021-06-25");
            cmd.args(["--post", &hook.url(path)]);
            let err = fails(&cmd.output().unwrap());
            for secret in [token, key, space, "s3cr3t", "s3cr%33t", "127.0.0.1"] {
                assert!(!err.contains(secret), "{secret} in {err}");
            }
            assert!(err.contains("[redacted]"), "{err}");
        }
    }

    /// Issue 21, finding 4.4: `ALL_PROXY=socks5://127.0.0.1:1` (nothing listening) still posted
    /// directly and exited 0, and so did a proxy value with a trailing space. A SOCKS proxy is
    /// used; one that cannot be reached fails (exit 3); one that cannot be read is exit 2 naming
    /// its variable; neither goes around it.
    #[test]
    fn a_proxy_that_is_set_is_never_gone_around() {
        let hook = hook(vec![ok()]);
        let url = hook.url("/direct");
        let nothing = TcpListener::bind("127.0.0.1:0").unwrap();
        let dead = format!(
            "socks5://127.0.0.1:{}",
            nothing.local_addr().unwrap().port()
        );
        drop(nothing);
        let mut cmd = remind("2021-06-25");
        cmd.args(["--post", &url]).env("ALL_PROXY", &dead);
        gives_up(&cmd.output().unwrap());
        for (var, value) in [
            ("ALL_PROXY", "http://127.0.0.1:9 "),
            ("HTTPS_PROXY", "not a proxy"),
            ("http_proxy", "ftp://127.0.0.1:21"),
        ] {
            let mut cmd = remind("2021-06-25");
            cmd.args(["--post", &url]).env(var, value);
            let err = fails(&cmd.output().unwrap());
            assert!(
                err.contains(&format!("{var} is set to a value that")),
                "{err}"
            );
        }
        assert!(hook.seen().is_empty(), "nothing went around the proxy");
        // A real SOCKS5 proxy (socks5h: it resolves the host) carries the message.
        let proxy = socks5_relay();
        let mut cmd = remind("2021-06-25");
        cmd.args(["--post", &url])
            .env("ALL_PROXY", format!("socks5h://127.0.0.1:{proxy}"));
        cmd.assert().success();
        assert_eq!(hook.seen().len(), 1);
        assert_eq!(hook.seen()[0].path, "/direct");
    }

    /// A SOCKS5 proxy on 127.0.0.1 for one connection, without authentication: it connects to
    /// the address asked for and relays both ways. Gives its port.
    fn socks5_relay() -> u16 {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            let (mut client, _) = listener.accept().unwrap();
            let mut head = [0u8; 2];
            client.read_exact(&mut head).unwrap();
            let mut methods = vec![0u8; usize::from(head[1])];
            client.read_exact(&mut methods).unwrap();
            client.write_all(&[5, 0]).unwrap();
            let mut request = [0u8; 4];
            client.read_exact(&mut request).unwrap();
            let host = match request[3] {
                1 => {
                    let mut ip = [0u8; 4];
                    client.read_exact(&mut ip).unwrap();
                    std::net::Ipv4Addr::from(ip).to_string()
                }
                3 => {
                    let mut len = [0u8; 1];
                    client.read_exact(&mut len).unwrap();
                    let mut name = vec![0u8; usize::from(len[0])];
                    client.read_exact(&mut name).unwrap();
                    String::from_utf8(name).unwrap()
                }
                other => panic!("address type {other}"),
            };
            let mut port = [0u8; 2];
            client.read_exact(&mut port).unwrap();
            let target = TcpStream::connect((host.as_str(), u16::from_be_bytes(port))).unwrap();
            client.write_all(&[5, 0, 0, 1, 0, 0, 0, 0, 0, 0]).unwrap();
            let (mut up, mut down) = (client.try_clone().unwrap(), target.try_clone().unwrap());
            let (mut client, mut target) = (client, target);
            let there = std::thread::spawn(move || std::io::copy(&mut up, &mut target));
            let _ = std::io::copy(&mut down, &mut client);
            let _ = there.join();
        });
        port
    }
}

/// Every command that writes a file: its arguments (`$D` is its folder, holding `s.toml`, a copy
/// of the bundled schedule, and `page.md`, a page of it) and the file it writes. A file already
/// there is replaced; `init` only makes new ones.
const WRITERS: [(&str, &str); 7] = [
    (
        "-f s.toml publish '2021 Q1 revision published' --today 2021-04-02",
        "s.toml",
    ),
    (
        "-f s.toml reschedule '2021 Q1 revision published' --date 2021-04-20",
        "s.toml",
    ),
    (
        "-f s.toml render --write page.md --today 2021-06-20",
        "page.md",
    ),
    (
        "-f s.toml export ics --today 2021-06-20 -o feed.ics",
        "feed.ics",
    ),
    ("-f s.toml export svg --today 2021-06-20 -o t.svg", "t.svg"),
    (
        "-f s.toml export ics --today 2021-06-20 --split out",
        "out/async-i-o-in-rust-the-vision.ics",
    ),
    ("init new.toml", "new.toml"),
];

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config {
        cases: 24,
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x0600),
        ..proptest::test_runner::Config::default()
    })]

    /// Every writer, under any umask and whatever the mode of the file it replaces: stopped
    /// partway (by a 1 KiB file-size limit), it leaves the file as it was and a temp file only
    /// its owner can read; let finish, it leaves no temp file, a replaced file keeps its mode
    /// and a new one gets 0666 less the umask.
    #[test]
    fn every_writer_keeps_what_it_writes_private(
        writer in 0..WRITERS.len(),
        umask in proptest::sample::select(vec![0o000u32, 0o002, 0o022, 0o027, 0o077]),
        old in proptest::option::of(proptest::sample::select(vec![0o600u32, 0o640, 0o644, 0o664])),
    ) {
        let (args, target) = WRITERS[writer];
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::copy(repo("schedule.toml"), d.join("s.toml")).unwrap();
        fs::copy(repo("README.md"), d.join("page.md")).unwrap();
        fs::create_dir(d.join("out")).unwrap();
        let path = d.join(target);
        let replaces = old.is_some() && !args.starts_with("init");
        if replaces {
            if !path.exists() {
                fs::write(&path, "old").unwrap();
            }
            fs::set_permissions(&path, fs::Permissions::from_mode(old.unwrap())).unwrap();
        } else if !path.starts_with(d.join("s.toml")) && !path.ends_with("page.md") {
            let _ = fs::remove_file(&path);
        }
        let before = fs::read(&path).ok();
        let before_mode = before.as_ref().map(|_| mode(&path));
        let folder = path.parent().unwrap().to_path_buf();
        let run = |limit: &str| {
            let script = format!("umask {umask:03o}; {limit} cd \"$D\" && exec \"$BIN\" {args}");
            shell(&script).env("D", d).output().unwrap()
        };

        let out = run("ulimit -f 1;");
        proptest::prop_assert_ne!(out.status.code(), Some(0), "{}: the limit stops it", args);
        let left = temps(&folder);
        proptest::prop_assert_eq!(left.len(), 1, "{}: {:?}", args, left);
        proptest::prop_assert_eq!(mode(&left[0]), 0o600, "{}", args);
        proptest::prop_assert_eq!(fs::read(&path).ok(), before.clone(), "{}", args);
        fs::remove_file(&left[0]).unwrap();

        let out = run("");
        proptest::prop_assert_eq!(out.status.code(), Some(0), "{}: {}", args,
            String::from_utf8_lossy(&out.stderr));
        proptest::prop_assert!(temps(&folder).is_empty(), "{}", args);
        proptest::prop_assert_ne!(fs::read(&path).ok(), before, "{}: written", args);
        let want = before_mode.unwrap_or(0o666 & !umask);
        proptest::prop_assert_eq!(mode(&path), want, "{}", args);
    }
}

#[cfg(feature = "post")]
mod secrets {
    use crate::common::shell;
    use crate::post::{Answer, hook};

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            cases: 24,
            failure_persistence: None,
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x005e_c2e7),
            ..proptest::test_runner::Config::default()
        })]

        /// Whatever the format, wherever the secret sits in the URL (a path segment or a query
        /// value) or in a token, and however a failing service quotes it back (as written in
        /// the URL or decoded), no part of it is printed.
        #[test]
        fn no_secret_is_printed_by_any_chat_format(
            format in proptest::sample::select(vec!["slack", "mattermost", "discord", "matrix", "zulip", "json"]),
            secret in "[A-Za-z0-9]{10,24}",
            in_query in proptest::bool::ANY,
            status in proptest::sample::select(vec![400u16, 401, 403, 404]),
            quoted in 0usize..2,
        ) {
            let encoded: String = secret.bytes().map(|b| format!("%{b:02X}")).collect();
            // Matrix's token and Zulip's key are sent as they are (a header), so quoted as they are.
            let as_sent = matches!(format, "matrix" | "zulip");
            let echo = if as_sent { secret.as_str() } else { [secret.as_str(), encoded.as_str()][quoted] };
            let hook = hook(vec![Answer::Status(status, &[], format!("bad credentials: {echo} (/{echo})"))]);
            let path = match (format, in_query) {
                // Matrix's secret is its token, which the service may quote as sent.
                ("matrix", _) => "/!room:example.org".to_string(),
                // Zulip's is the bot's key, sent as basic auth to the organization's URL.
                ("zulip", _) => "/".to_string(),
                (_, true) => format!("/hooks/x?token={encoded}&v=1"),
                (_, false) => format!("/hooks/{secret}/{encoded}"),
            };
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join("s.toml"), crate::post::HOSTILE).unwrap();
            let out = shell(&format!(
                "cd \"$D\" && exec \"$BIN\" remind -f s.toml --today 2021-06-25 --post-format {format} --post \"$URL\"{}",
                if format == "zulip" { " --stream general" } else { "" }
            ))
            .env("D", dir.path())
            .env("URL", hook.url(&path))
            .env("VISION_SCHED_MATRIX_TOKEN", &secret)
            .env("VISION_SCHED_ZULIP_EMAIL", "bot@example.org")
            .env("VISION_SCHED_ZULIP_KEY", &secret)
            .output()
            .unwrap();
            proptest::prop_assert!(matches!(out.status.code(), Some(2 | 3)), "{:?}", out.status);
            let printed = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            // Zulip's basic credentials, as sent.
            let basic = base64::Engine::encode(
                &base64::engine::general_purpose::STANDARD,
                format!("bot@example.org:{secret}"),
            );
            for part in [secret.as_str(), encoded.as_str(), basic.as_str(), "127.0.0.1"] {
                proptest::prop_assert!(!printed.contains(part), "{} printed: {}", part, printed);
            }
        }
    }
}
