//! What the preview currently shows, and the event stream that tells open pages to reload.
//!
//! Each rebuild, good or bad, moves the state to a new generation. A page carries the token of
//! the generation it was served at; the event stream sends the current token when a page
//! connects and again after every rebuild, and the page reloads when the two differ. So a
//! rebuild that lands between serving a page and its connecting is not missed, and a page open
//! across a server restart (a new instance, so a new token) reloads too.

use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hyper::body::Bytes;
use tokio::sync::{mpsc, watch};

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
    /// Search indexes written since the last build or error (see [`Live::refresh`]).
    index: u64,
    dir: Option<PathBuf>,
    error: Option<String>,
    stopping: bool,
}

/// Shared between the request handlers, the rebuild thread and every event stream. The status
/// sits in a watch channel: every update is one store under its lock, and each event stream
/// waits for the next one without a thread of its own.
pub(crate) struct Live {
    status: watch::Sender<Status>,
    instance: String,
}

impl Live {
    pub(crate) fn new() -> Live {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        Live {
            status: watch::Sender::new(Status::default()),
            instance: format!("{:x}{:x}", nanos, std::process::id()),
        }
    }

    /// `instance-generation.index`: the reload script of a page other than the search page
    /// compares only what comes before the dot.
    fn token(&self, s: &Status) -> String {
        format!("{}-{}.{}", self.instance, s.generation, s.index)
    }

    pub(crate) fn snapshot(&self) -> Snapshot {
        let s = self.status.borrow();
        Snapshot {
            dir: s.dir.clone(),
            error: s.error.clone(),
            token: self.token(&s),
        }
    }

    /// A good build: serve `dir` from now on; returns the folder it replaces.
    pub(crate) fn publish_build(&self, dir: PathBuf) -> Option<PathBuf> {
        let mut old = None;
        self.status.send_modify(|s| {
            s.generation += 1;
            s.error = None;
            old = s.dir.replace(dir);
        });
        old
    }

    /// The search index was written after the build was announced (after a partial rebuild):
    /// an open search page reloads, other pages do not (their bytes did not change), and an
    /// error shown since stays.
    pub(crate) fn refresh(&self) {
        self.status.send_modify(|s| s.index += 1);
    }

    /// A failed build: keep the last good pages and show `text` over them. Returns the error
    /// shown before, so the caller can tell a new failure from the same one again.
    pub(crate) fn publish_error(&self, text: String) -> Option<String> {
        let mut old = None;
        self.status.send_modify(|s| {
            s.generation += 1;
            old = s.error.replace(text);
        });
        old
    }

    /// Ends every event stream and the server's accept loop.
    pub(crate) fn stop(&self) {
        self.status.send_modify(|s| s.stopping = true);
    }

    pub(crate) fn stopping(&self) -> bool {
        self.status.borrow().stopping
    }

    /// Returns once [`stop`](Live::stop) has been called.
    pub(crate) async fn stopped(&self) {
        let mut rx = self.status.subscribe();
        // The sender lives in `self`, so the channel cannot close while this waits.
        let _ = rx.wait_for(|s| s.stopping).await;
    }

    /// Feeds one page's event stream: the current token when it connects, again after every
    /// rebuild, and a comment when idle. Ends when the page goes away (the receiver is dropped
    /// with its connection) or the server stops.
    pub(crate) async fn feed(&self, out: mpsc::Sender<Bytes>) {
        let mut rx = self.status.subscribe();
        if out
            .send(Bytes::from_static(b"retry: 1000\n\n"))
            .await
            .is_err()
        {
            return;
        }
        let mut sent = None;
        loop {
            let msg = {
                let s = rx.borrow_and_update();
                if s.stopping {
                    return;
                }
                // A new build, an error, or a search index written since the last event.
                if sent == Some((s.generation, s.index)) {
                    ": 保持连接\n\n".to_string()
                } else {
                    sent = Some((s.generation, s.index));
                    format!("data: {}\n\n", self.token(&s))
                }
            };
            if out.send(Bytes::from(msg)).await.is_err() {
                return;
            }
            tokio::select! {
                changed = rx.changed() => if changed.is_err() { return },
                () = tokio::time::sleep(KEEP_ALIVE) => {}
                () = out.closed() => return,
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

    #[test]
    fn a_refresh_changes_the_token_and_keeps_the_error() {
        let live = Live::new();
        live.publish_build("a".into());
        live.publish_error("坏了".into());
        let before = live.snapshot();
        live.refresh();
        let after = live.snapshot();
        assert_ne!(before.token, after.token);
        // Pages other than the search page compare the part before the dot: it stays.
        let page = |t: &str| t.split('.').next().unwrap().to_string();
        assert_eq!(page(&before.token), page(&after.token));
        live.publish_build("b".into());
        assert_ne!(page(&after.token), page(&live.snapshot().token));
        assert_eq!(after.error.as_deref(), Some("坏了"));
        assert_eq!(after.dir, Some(PathBuf::from("a")));
    }

    #[test]
    fn stream_sends_the_token_on_connect_and_after_each_rebuild() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        let live = std::sync::Arc::new(Live::new());
        live.publish_build("a".into());
        let first = live.snapshot().token;
        let (tx, mut rx) = mpsc::channel(1);
        let feeder = std::sync::Arc::clone(&live);
        let got = rt.block_on(async move {
            let feed = tokio::spawn(async move { feeder.feed(tx).await });
            let mut got = Vec::new();
            while let Some(msg) = rx.recv().await {
                let text = String::from_utf8(msg.to_vec()).unwrap();
                if let Some(t) = text.strip_prefix("data: ") {
                    got.push(t.trim().to_string());
                    // Like a user: the search index is written after the first token, an edit
                    // follows, and the user quits after the third.
                    match got.len() {
                        1 => live.refresh(),
                        2 => {
                            live.publish_build("b".into());
                        }
                        _ => live.stop(),
                    }
                } else {
                    assert_eq!(text, "retry: 1000\n\n");
                }
            }
            feed.await.unwrap();
            (got, live.snapshot().token)
        });
        let (tokens, last) = got;
        assert_eq!(tokens.len(), 3, "{tokens:?}");
        assert_eq!(tokens[0], first);
        assert_eq!(tokens[2], last);
        // The index's event changes only what follows the dot.
        let page = |t: &str| t.split('.').next().unwrap().to_string();
        assert_ne!(tokens[0], tokens[1]);
        assert_eq!(page(&tokens[0]), page(&tokens[1]));
        assert_ne!(page(&tokens[1]), page(&tokens[2]));
    }
}
