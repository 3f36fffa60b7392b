//! What the preview currently shows, and the event stream that tells open pages to reload.
//!
//! Each rebuild, good or bad, moves the state to a new generation. A page carries the token of
//! the generation it was served at; the event stream sends the current token when a page
//! connects and again after every rebuild, and the page reloads when the two differ. So a
//! rebuild that lands between serving a page and its connecting is not missed, and a page open
//! across a server restart (a new instance, so a new token) reloads too.

use std::io::Write;
use std::path::PathBuf;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The address of the event stream; `__` cannot begin a body id or a generated path.
pub(crate) const EVENTS: &str = "/__nianbao/events";

/// How often an idle stream sends a comment, so that closed connections are noticed.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// What a request sees: the last good build and the current error, if any.
#[derive(Debug, Clone)]
pub(crate) struct Snapshot {
    /// The folder of the last good build.
    pub dir: Option<PathBuf>,
    /// The error text of the last rebuild, when it failed.
    pub error: Option<String>,
    /// The token that names this state.
    pub token: String,
}

#[derive(Debug, Default)]
struct Status {
    generation: u64,
    dir: Option<PathBuf>,
    error: Option<String>,
    stopping: bool,
}

/// Shared between the request loop, the rebuild thread and every event stream.
pub(crate) struct Live {
    status: Mutex<Status>,
    changed: Condvar,
    instance: String,
}

impl Live {
    pub(crate) fn new() -> Live {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        Live {
            status: Mutex::default(),
            changed: Condvar::new(),
            instance: format!("{:x}{:x}", nanos, std::process::id()),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Status> {
        // A panicking holder cannot leave the status half-written: every update is one store.
        self.status.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn token(&self, s: &Status) -> String {
        format!("{}-{}", self.instance, s.generation)
    }

    pub(crate) fn snapshot(&self) -> Snapshot {
        let s = self.lock();
        Snapshot {
            dir: s.dir.clone(),
            error: s.error.clone(),
            token: self.token(&s),
        }
    }

    /// A good build: serve `dir` from now on; returns the folder it replaces.
    pub(crate) fn publish_build(&self, dir: PathBuf) -> Option<PathBuf> {
        let mut s = self.lock();
        s.generation += 1;
        s.error = None;
        let old = s.dir.replace(dir);
        self.changed.notify_all();
        old
    }

    /// A failed build: keep the last good pages and show `text` over them. Returns the error
    /// shown before, so the caller can tell a new failure from the same one again.
    pub(crate) fn publish_error(&self, text: String) -> Option<String> {
        let mut s = self.lock();
        s.generation += 1;
        let old = s.error.replace(text);
        self.changed.notify_all();
        old
    }

    /// Ends every event stream.
    pub(crate) fn stop(&self) {
        self.lock().stopping = true;
        self.changed.notify_all();
    }

    pub(crate) fn stopping(&self) -> bool {
        self.lock().stopping
    }

    /// Streams server-sent events to one page until it goes away or the server stops.
    pub(crate) fn stream(&self, mut out: impl Write) {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
                    Cache-Control: no-store\r\nConnection: close\r\n\r\nretry: 1000\n\n";
        if out.write_all(head.as_bytes()).is_err() {
            return;
        }
        let mut s = self.lock();
        let mut sent = None;
        while !s.stopping {
            let msg = if sent == Some(s.generation) {
                ": 保持连接\n\n".to_string()
            } else {
                sent = Some(s.generation);
                format!("data: {}\n\n", self.token(&s))
            };
            drop(s);
            if out
                .write_all(msg.as_bytes())
                .and_then(|()| out.flush())
                .is_err()
            {
                return;
            }
            s = self.lock();
            if sent == Some(s.generation) && !s.stopping {
                s = self
                    .changed
                    .wait_timeout(s, KEEP_ALIVE)
                    .unwrap_or_else(|e| e.into_inner())
                    .0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rebuild_changes_the_token() {
        let live = Live::new();
        let t0 = live.snapshot().token;
        assert_eq!(live.publish_build("a".into()), None);
        let t1 = live.snapshot().token;
        assert_eq!(live.publish_error("坏了".into()), None);
        let s = live.snapshot();
        assert_eq!(s.error.as_deref(), Some("坏了"));
        assert_eq!(s.dir, Some(PathBuf::from("a")));
        assert_eq!(live.publish_build("b".into()), Some(PathBuf::from("a")));
        let t3 = live.snapshot().token;
        assert!(t0 != t1 && t1 != s.token && s.token != t3);
        assert_eq!(live.snapshot().error, None);
    }

    /// A page that, like a user, edits once after the first token and quits after the second.
    struct Page<'a> {
        live: &'a Live,
        tokens: Vec<String>,
    }

    impl Write for Page<'_> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let text = String::from_utf8_lossy(buf);
            if let Some(t) = text.strip_prefix("data: ") {
                self.tokens.push(t.trim().to_string());
                if self.tokens.len() == 1 {
                    self.live.publish_build("b".into());
                } else {
                    self.live.stop();
                }
            }
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn stream_sends_the_token_on_connect_and_after_each_rebuild() {
        let live = Live::new();
        live.publish_build("a".into());
        let first = live.snapshot().token;
        let mut page = Page {
            live: &live,
            tokens: Vec::new(),
        };
        live.stream(&mut page);
        assert_eq!(page.tokens.len(), 2);
        assert_eq!(page.tokens[0], first);
        assert_eq!(page.tokens[1], live.snapshot().token);
        assert_ne!(page.tokens[0], page.tokens[1]);
    }
}
