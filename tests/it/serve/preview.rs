//! Running `nianbao serve` for a test, and a small HTTP client that sends request targets
//! exactly as given (so that raw path-traversal attempts reach the server unnormalised).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::REPORT_PAGE;
use crate::support::{self, TempSite};

pub(super) const DEADLINE: Duration = Duration::from_secs(30);

/// A running `nianbao serve`, killed when dropped.
pub(super) struct Preview {
    pub(super) child: Child,
    pub(super) addr: String,
    pub(super) stdout: Arc<Mutex<String>>,
    pub(super) stderr: Arc<Mutex<String>>,
    /// The server's temporary folder (its `TMPDIR`), to see that it cleans up.
    pub(super) tmp: tempfile::TempDir,
}

impl Preview {
    /// Starts `nianbao serve` on a free port in the site and waits until it says where it
    /// listens.
    pub(super) fn start(site: &TempSite) -> Preview {
        Preview::start_on(site, 0)
    }

    pub(super) fn start_on(site: &TempSite, port: u16) -> Preview {
        let tmp = tempfile::tempdir().unwrap();
        let mut child = Command::new(support::bin())
            .args(["serve", "--port", &port.to_string()])
            .current_dir(site.path())
            .env("TMPDIR", tmp.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start nianbao serve");
        let stdout = collect(child.stdout.take().unwrap());
        let stderr = collect(child.stderr.take().unwrap());
        let mut p = Preview {
            child,
            addr: String::new(),
            stdout,
            stderr,
            tmp,
        };
        p.addr = p.wait_for("the preview's address", |p| {
            let out = p.stdout();
            let rest = out.split("正在预览：http://").nth(1)?;
            Some(rest.split('/').next()?.to_string())
        });
        p
    }

    pub(super) fn stdout(&self) -> String {
        self.stdout.lock().unwrap().clone()
    }

    pub(super) fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    pub(super) fn get(&self, target: &str) -> Reply {
        get(&self.addr, target)
    }

    /// The report page, once `pred` holds for its body.
    pub(super) fn page_when(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        self.wait_for(what, |p| {
            let body = p.get(REPORT_PAGE).text();
            pred(&body).then_some(body)
        })
    }

    /// Polls `f` until it gives a value; fails the test after [`DEADLINE`].
    pub(super) fn wait_for<T>(&self, what: &str, f: impl Fn(&Preview) -> Option<T>) -> T {
        let start = Instant::now();
        loop {
            if let Some(v) = f(self) {
                return v;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "timed out waiting for {what}\nstdout:\n{}\nstderr:\n{}",
                self.stdout(),
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends Ctrl-C (SIGINT) and waits for the server to exit.
    pub(super) fn interrupt(&mut self) -> ExitStatus {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap();
        assert!(sent.success());
        wait_exit(&mut self.child)
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads a pipe into a shared string on a thread of its own.
pub(super) fn collect(pipe: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let text = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&text);
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines() {
            let Ok(line) = line else { break };
            let mut t = sink.lock().unwrap();
            t.push_str(&line);
            t.push('\n');
        }
    });
    text
}

pub(super) fn wait_exit(child: &mut Child) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(start.elapsed() < DEADLINE, "nianbao serve did not stop");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// One HTTP response.
pub(super) struct Reply {
    pub(super) status: u16,
    pub(super) head: String,
    pub(super) body: Vec<u8>,
}

impl Reply {
    pub(super) fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }

    pub(super) fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8 body")
    }
}

/// `GET target` sent exactly as given (no normalisation), over a fresh connection.
pub(super) fn get(addr: &str, target: &str) -> Reply {
    let mut s = TcpStream::connect(addr).expect("connect to the preview");
    s.set_read_timeout(Some(DEADLINE)).unwrap();
    let req = format!("GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read the reply");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete reply head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap();
    let mut body = raw[split + 4..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    Reply { status, head, body }
}

/// Decodes a chunked body (RFC 9112 §7.1), as any HTTP client would.
fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let eol = raw
            .windows(2)
            .position(|w| w == b"\r\n")
            .expect("chunk size line");
        let size_text = String::from_utf8_lossy(&raw[..eol]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap().trim(), 16)
            .expect("hex chunk size");
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&raw[eol + 2..eol + 2 + size]);
        raw = &raw[eol + 2 + size + 2..];
    }
}

/// Kills a child that a failed assertion would otherwise leave running.
pub(super) struct KillOnDrop(pub(super) Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
