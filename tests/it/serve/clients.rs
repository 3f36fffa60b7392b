//! Careless and hostile clients of `nianbao serve`, over real sockets: too many open event
//! streams, clients that never read their replies or never finish a request, and raw request
//! targets with line breaks. Each costs only its own connection; everyone else gets pages.
//! Waits are generous and nothing asserts a timing.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::preview::{Preview, DEADLINE};
use super::{OLD_TEXT, REPORT_PAGE};
use crate::support::TempSite;

/// The most event streams open at once, as docs/serve.md says.
const STREAM_CAP: usize = 64;
const EVENTS: &str = "/__nianbao/events";

/// Opens the event stream and reads its reply head; the stream stays open with the socket.
fn open_stream(addr: &str) -> (TcpStream, String) {
    let mut s = TcpStream::connect(addr).expect("connect to the preview");
    s.set_read_timeout(Some(DEADLINE)).unwrap();
    let req = format!("GET {EVENTS} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n");
    s.write_all(req.as_bytes()).unwrap();
    let mut head = Vec::new();
    let mut byte = [0u8];
    while !head.ends_with(b"\r\n\r\n") {
        match s.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            other => panic!("no reply head from {EVENTS}: {other:?}"),
        }
    }
    (s, String::from_utf8_lossy(&head).into_owned())
}

fn status(head: &str) -> u16 {
    head.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap()
}

fn header(head: &str, name: &str) -> Option<String> {
    head.split("\r\n").find_map(|l| {
        let (n, v) = l.split_once(':')?;
        n.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
    })
}

#[test]
fn event_streams_past_the_cap_are_told_to_retry_later() {
    let site = TempSite::example();
    let preview = Preview::start(&site);
    let mut open = Vec::new();
    for i in 0..STREAM_CAP {
        let (s, head) = open_stream(&preview.addr);
        assert_eq!(status(&head), 200, "stream {i}:\n{head}");
        assert_eq!(
            header(&head, "Content-Type").as_deref(),
            Some("text/event-stream; charset=utf-8")
        );
        open.push(s);
    }
    let (_refused, head) = open_stream(&preview.addr);
    assert_eq!(status(&head), 503, "{head}");
    let retry = header(&head, "Retry-After").expect("a Retry-After header");
    let seconds: u64 = retry.parse().expect("Retry-After in seconds");
    assert!(seconds >= 1, "Retry-After: {retry}");

    // Pages are served as usual while every stream place is taken.
    let page = preview.get(REPORT_PAGE);
    assert_eq!(page.status, 200);
    assert!(page.text().contains(OLD_TEXT));

    // A page that is closed gives its place back.
    drop(open.pop());
    let (_again, head) = preview.wait_for("a stream place to come free", |p| {
        let (s, head) = open_stream(&p.addr);
        (status(&head) == 200).then_some((s, head))
    });
    assert_eq!(
        header(&head, "Content-Type").as_deref(),
        Some("text/event-stream; charset=utf-8")
    );
}

/// Whether the server has closed `s`: a read gives end of file or a reset (not a timeout).
fn closed_by_server(s: &mut TcpStream) -> bool {
    let mut buf = [0u8; 64 * 1024];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return false
            }
            Err(_) => return true,
        }
    }
}

/// A client that sends requests for the report page in a loop and never reads a reply. Counts
/// the requests it got out and the writes that could not go on (the server stopped taking its
/// requests); returns whether the server closed the connection in the end.
fn hog(addr: &str, sent: Arc<AtomicUsize>, blocked: Arc<AtomicBool>) -> JoinHandle<bool> {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_write_timeout(Some(Duration::from_secs(1))).unwrap();
    let req = format!("GET {REPORT_PAGE} HTTP/1.1\r\nHost: {addr}\r\n\r\n");
    std::thread::spawn(move || {
        let start = Instant::now();
        while start.elapsed() < 3 * DEADLINE {
            match s.write_all(req.as_bytes()) {
                Ok(()) => {
                    sent.fetch_add(1, Ordering::Relaxed);
                }
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                    blocked.store(true, Ordering::Relaxed);
                }
                Err(_) => return true,
            }
        }
        false
    })
}

#[test]
fn clients_that_stall_hold_up_no_one_else() {
    let site = TempSite::example();
    let preview = Preview::start(&site);
    let addr = preview.addr.as_str();

    let sent = Arc::new(AtomicUsize::new(0));
    let blocked = Arc::new(AtomicBool::new(false));
    let hog = hog(addr, Arc::clone(&sent), Arc::clone(&blocked));
    // Until the hog is stuck, or owed far more replies than any socket buffer holds.
    preview.wait_for("the client that never reads to stall", |_| {
        (blocked.load(Ordering::Relaxed) || sent.load(Ordering::Relaxed) > 2000).then_some(())
    });
    // Connects and sends nothing; sends half a request.
    let mut silent = TcpStream::connect(addr).unwrap();
    let mut half = TcpStream::connect(addr).unwrap();
    half.write_all(format!("GET / HTTP/1.1\r\nHost: {addr}\r\n").as_bytes())
        .unwrap();

    // Everyone else gets whole pages, on new connections, as often as they like.
    for target in [REPORT_PAGE, "/", "/ganzhou/", REPORT_PAGE] {
        let r = preview.get(target);
        assert_eq!(r.status, 200, "{target}");
        assert!(r.text().contains("</html>"), "{target} came back cut short");
    }
    assert!(preview.get(REPORT_PAGE).text().contains(OLD_TEXT));

    // And each stalled connection is closed by the server in the end (after its timeouts;
    // waited for generously).
    for (what, s) in [("silent", &mut silent), ("half a request", &mut half)] {
        s.set_read_timeout(Some(2 * DEADLINE)).unwrap();
        assert!(closed_by_server(s), "the {what} client was never closed");
    }
    assert!(
        hog.join().unwrap(),
        "the client that never reads was never closed"
    );
}

#[test]
fn a_line_break_in_a_raw_target_never_reaches_a_header() {
    let site = TempSite::example();
    let preview = Preview::start(&site);
    // `/ganzhou` is a folder: without the injected part it would be redirected with a Location.
    let raw = [
        "/ganzhou\nX-Injected:1",
        "/ganzhou\r\nX-Injected:1",
        "/ganzhou\rX-Injected:1",
        "/ganzhou?a=1\nX-Injected:1",
        "/ganzhou?a=1\r\nX-Injected:1",
        "/ganzhou\u{b}X-Injected:1",
        "/ganzhou\u{0}X-Injected:1",
        "/ganzhou\u{7f}X-Injected:1",
    ];
    let escaped = [
        "/ganzhou%0aX-Injected:1",
        "/ganzhou?%0d%0aX-Injected:1",
        "/ganzhou?a=%0AX-Injected:1",
    ];
    for target in raw.iter().chain(&escaped) {
        let r = preview.get(target);
        for line in r.head.split("\r\n") {
            assert!(
                !line.chars().any(|c| c.is_control()),
                "{target:?}: a control character in the header line {line:?}"
            );
            assert!(
                !line.to_ascii_lowercase().starts_with("x-injected"),
                "{target:?}: injected header\n{}",
                r.head
            );
        }
        if raw.contains(target) {
            assert_eq!(r.status, 400, "{target:?}\n{}", r.head);
        }
    }
    // The escaped forms stay escaped where they are sent back.
    let r = preview.get("/ganzhou?%0d%0aX-Injected:1");
    assert_eq!(r.status, 301);
    assert_eq!(
        r.header("Location").as_deref(),
        Some("/ganzhou/?%0d%0aX-Injected:1")
    );
}
