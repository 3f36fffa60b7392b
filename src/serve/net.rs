//! The preview's network side: accepting connections, the caps and timeouts that keep one
//! careless or hostile client from costing anyone else anything, and turning [`http::reply`]
//! and event streams into HTTP/1.1 responses.
//!
//! HTTP itself (parsing requests, framing responses, keep-alive, HEAD) is hyper's. Every
//! connection is a task on a small tokio runtime, so neither an open event stream nor a client
//! that stopped reading holds a thread:
//!
//! - at most [`Limits::connections`] connections are served at once; one more is answered
//!   `503` with `Retry-After` and closed;
//! - at most [`MAX_STREAMS`] event streams are open at once; one more is answered `503` with
//!   `Retry-After` (a page's script tries again by itself);
//! - a connection that has not sent a complete request head within [`HEAD_TIMEOUT`] (nothing,
//!   half a request, or an idle keep-alive) is closed;
//! - a write that makes no progress for [`WRITE_TIMEOUT`] (a client that does not read its
//!   replies) closes that connection;
//! - reading files and adding the reload script run on a bounded pool of threads
//!   ([`BLOCKING_THREADS`]), never on the threads that drive the sockets.

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{ready, Context, Poll};
use std::time::Duration;

use hyper::body::{Body as HttpBody, Bytes, Frame, Incoming, SizeHint};
use hyper::header::{HeaderName, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::{mpsc, OwnedSemaphorePermit, Semaphore};
use tokio::time::{sleep, Instant, Sleep};

use super::http;
use super::live::{self, Live};

/// The most event streams open at once: one per open preview tab, and nobody previews in 64.
pub(crate) const MAX_STREAMS: usize = 64;
/// The most connections served at once (fewer when the open-file limit is low, see
/// [`Limits`]). A browser opens at most six per site, plus one event stream per tab.
pub(crate) const MAX_CONNECTIONS: usize = 2048;
/// How long a client may take to send a request head, and how long a kept-alive connection may
/// sit idle before the next one.
pub(crate) const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a write may make no progress before its connection is closed.
pub(crate) const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// Threads that drive the sockets (at most; fewer on a machine with fewer cores).
pub(crate) const MAX_WORKERS: usize = 4;
/// Threads that read files and add the reload script.
pub(crate) const BLOCKING_THREADS: usize = 8;
/// Seconds a refused client is asked to wait (`Retry-After`).
const RETRY_AFTER: &str = "2";
/// The most bytes of a request head kept in memory (hyper refuses less than 8 KiB).
const MAX_HEAD: usize = 64 * 1024;
/// The listen queue: connections the kernel holds until they are accepted.
const BACKLOG: u32 = 1024;
/// How long to wait before accepting again after an error (such as too many open files).
const ACCEPT_PAUSE: Duration = Duration::from_millis(50);

/// The caps in force for one server.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub connections: usize,
    pub streams: usize,
}

impl Limits {
    /// [`MAX_CONNECTIONS`], or fewer if the process may not open that many files: each
    /// connection is one, and reading a page needs a few more.
    pub(crate) fn for_this_process() -> Limits {
        const SPARE_FILES: usize = 256;
        let files = open_file_limit();
        Limits {
            connections: MAX_CONNECTIONS.min(files.saturating_sub(SPARE_FILES).max(16)),
            streams: MAX_STREAMS,
        }
    }
}

/// The open-file limit, raised first (on Unix) as far as allowed towards what the connection
/// cap needs: many systems start programs with a soft limit of 256 or 1024.
fn open_file_limit() -> usize {
    #[cfg(unix)]
    {
        use rustix::process::{getrlimit, setrlimit, Resource, Rlimit};
        const WANTED: u64 = MAX_CONNECTIONS as u64 + 512;
        let now = getrlimit(Resource::Nofile);
        let current = now.current.unwrap_or(u64::MAX);
        if current < WANTED {
            let raised = now.maximum.map_or(WANTED, |m| m.min(WANTED));
            if raised > current
                && setrlimit(
                    Resource::Nofile,
                    Rlimit {
                        current: Some(raised),
                        maximum: now.maximum,
                    },
                )
                .is_ok()
            {
                return usize::try_from(raised).unwrap_or(usize::MAX);
            }
        }
        usize::try_from(current).unwrap_or(usize::MAX)
    }
    #[cfg(not(unix))]
    {
        usize::MAX
    }
}

/// The runtime that drives the sockets: a few threads, whatever the number of clients.
pub(crate) fn runtime() -> io::Result<tokio::runtime::Runtime> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cores.clamp(1, MAX_WORKERS))
        .max_blocking_threads(BLOCKING_THREADS)
        .thread_name("nianbao-serve")
        .enable_io()
        .enable_time()
        .build()
}

/// Binds `addr` with a listen queue long enough for a burst of connections. Must run inside
/// the runtime.
pub(crate) fn listen(addr: SocketAddr) -> io::Result<TcpListener> {
    let socket = if addr.is_ipv4() {
        TcpSocket::new_v4()?
    } else {
        TcpSocket::new_v6()?
    };
    // As the standard library does on Unix: a restarted preview can take its port back while
    // the old connections linger in TIME_WAIT. (On Windows the option means something else.)
    #[cfg(unix)]
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(BACKLOG)
}

/// What every connection task shares.
pub(crate) struct Shared {
    pub live: Arc<Live>,
    connections: Arc<Semaphore>,
    streams: Arc<Semaphore>,
}

impl Shared {
    pub(crate) fn new(live: Arc<Live>, limits: Limits) -> Shared {
        Shared {
            live,
            connections: Arc::new(Semaphore::new(limits.connections)),
            streams: Arc::new(Semaphore::new(limits.streams)),
        }
    }
}

/// Accepts connections until the server is stopped; each one is served on a task of its own.
pub(crate) async fn accept_all(listener: TcpListener, shared: Arc<Shared>) {
    let live = Arc::clone(&shared.live);
    let stopped = live.stopped();
    tokio::pin!(stopped);
    loop {
        let stream = tokio::select! {
            () = &mut stopped => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // A connection that went away before it was accepted, or no file descriptor
                // left: neither is the listener's fault. Pause briefly so that a lack of
                // descriptors does not spin, and go on.
                Err(_) => {
                    sleep(ACCEPT_PAUSE).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        match Arc::clone(&shared.connections).try_acquire_owned() {
            Ok(permit) => {
                tokio::spawn(serve_connection(stream, Arc::clone(&shared), permit));
            }
            Err(_) => {
                tokio::spawn(refuse_connection(stream));
            }
        }
    }
}

fn builder() -> http1::Builder {
    let mut b = http1::Builder::new();
    b.timer(TokioTimer::new())
        .header_read_timeout(HEAD_TIMEOUT)
        .max_buf_size(MAX_HEAD);
    b
}

async fn serve_connection(stream: TcpStream, shared: Arc<Shared>, _permit: OwnedSemaphorePermit) {
    let io = TokioIo::new(WriteTimeout::new(stream, WRITE_TIMEOUT));
    let service = service_fn(move |rq| {
        let shared = Arc::clone(&shared);
        async move { Ok::<_, Infallible>(answer(rq, &shared).await) }
    });
    // A client that went away, sent garbage or timed out ends only its own connection.
    let _ = builder().serve_connection(io, service).await;
}

/// Past the connection cap: a `503` to the first request, then close.
async fn refuse_connection(stream: TcpStream) {
    let io = TokioIo::new(WriteTimeout::new(stream, WRITE_TIMEOUT));
    let service = service_fn(|_rq| async {
        Ok::<_, Infallible>(busy("预览同时打开的连接太多，请稍后再试。"))
    });
    let _ = builder()
        .keep_alive(false)
        .serve_connection(io, service)
        .await;
}

async fn answer(rq: Request<Incoming>, shared: &Shared) -> Response<Body> {
    if !matches!(*rq.method(), Method::GET | Method::HEAD) {
        let mut r = text(StatusCode::METHOD_NOT_ALLOWED, "只支持 GET 和 HEAD。");
        r.headers_mut()
            .insert(hyper::header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    // The target as sent (origin form `/a?b`); an absolute-form target keeps its scheme, so
    // that `path::parse` refuses it as before.
    let target = rq.uri().to_string();
    if rq.uri().scheme().is_none() && rq.uri().path() == live::EVENTS {
        return events(shared);
    }
    let live = Arc::clone(&shared.live);
    let reply = tokio::task::spawn_blocking(move || http::reply(&target, &live.snapshot())).await;
    match reply {
        Ok(reply) => response(reply),
        Err(_) => text(StatusCode::INTERNAL_SERVER_ERROR, "预览内部出错，请重试。"),
    }
}

/// An event stream, if one is free.
fn events(shared: &Shared) -> Response<Body> {
    let Ok(permit) = Arc::clone(&shared.streams).try_acquire_owned() else {
        return busy(&format!(
            "同时打开的预览页面太多（最多 {MAX_STREAMS} 个），这个页面暂时不会自动刷新。\
             请关闭一些预览页面。"
        ));
    };
    let (tx, rx) = mpsc::channel(1);
    let live = Arc::clone(&shared.live);
    tokio::spawn(async move { live.feed(tx).await });
    let mut r = Response::new(Body::Events {
        rx,
        _permit: permit,
    });
    let h = r.headers_mut();
    h.insert(
        hyper::header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream; charset=utf-8"),
    );
    h.insert(
        hyper::header::CACHE_CONTROL,
        HeaderValue::from_static("no-store"),
    );
    r
}

/// `503` with `Retry-After`.
fn busy(why: &str) -> Response<Body> {
    let mut r = text(StatusCode::SERVICE_UNAVAILABLE, why);
    r.headers_mut().insert(
        hyper::header::RETRY_AFTER,
        HeaderValue::from_static(RETRY_AFTER),
    );
    r
}

fn text(status: StatusCode, text: &str) -> Response<Body> {
    let mut r = Response::new(Body::full(format!("{text}\n").into_bytes()));
    *r.status_mut() = status;
    r.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r.headers_mut().insert(
        hyper::header::CACHE_CONTROL,
        HeaderValue::from_static("no-store"),
    );
    r
}

/// A reply from [`http::reply`] as a response. Whole files are in memory: they go out with
/// their length rather than in chunks, so that every client (and a download's progress bar)
/// knows the size up front. A header value that could not be sent as it is (never expected:
/// request targets with control characters are refused before) fails the reply rather than
/// going out changed.
fn response(reply: http::Reply) -> Response<Body> {
    let mut r = Response::new(Body::full(reply.body));
    *r.status_mut() = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::OK);
    for (name, value) in reply.headers {
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            (Ok(n), Ok(v)) => {
                r.headers_mut().insert(n, v);
            }
            _ => return text(StatusCode::BAD_REQUEST, "请求的路径无效。"),
        }
    }
    r
}

/// A response body: a whole file, or an event stream that holds one of the stream places
/// until its connection ends.
pub(crate) enum Body {
    Full(Option<Bytes>),
    Events {
        rx: mpsc::Receiver<Bytes>,
        _permit: OwnedSemaphorePermit,
    },
}

impl Body {
    fn full(bytes: Vec<u8>) -> Body {
        Body::Full(Some(Bytes::from(bytes)).filter(|b| !b.is_empty()))
    }
}

impl HttpBody for Body {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.get_mut() {
            Body::Full(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            Body::Events { rx, .. } => rx.poll_recv(cx).map(|m| m.map(|b| Ok(Frame::data(b)))),
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, Body::Full(None))
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Body::Full(b) => SizeHint::with_exact(b.as_ref().map_or(0, |b| b.len() as u64)),
            Body::Events { .. } => SizeHint::default(),
        }
    }
}

/// A socket whose writes fail with `TimedOut` after making no progress for a while, so that a
/// client that stops reading loses its own connection and nothing else.
struct WriteTimeout {
    io: TcpStream,
    limit: Duration,
    timer: Pin<Box<Sleep>>,
    /// Whether the timer runs: since the first write that could not go on.
    armed: bool,
}

impl WriteTimeout {
    fn new(io: TcpStream, limit: Duration) -> WriteTimeout {
        WriteTimeout {
            io,
            limit,
            timer: Box::pin(sleep(limit)),
            armed: false,
        }
    }

    /// Passes on a write's result; while it is pending, the timer decides how long it may be.
    fn watch<T>(
        &mut self,
        cx: &mut Context<'_>,
        polled: Poll<io::Result<T>>,
    ) -> Poll<io::Result<T>> {
        if polled.is_ready() {
            self.armed = false;
            return polled;
        }
        if !self.armed {
            self.armed = true;
            let deadline = Instant::now() + self.limit;
            self.timer.as_mut().reset(deadline);
        }
        ready!(self.timer.as_mut().poll(cx));
        Poll::Ready(Err(io::Error::new(
            io::ErrorKind::TimedOut,
            "the client did not read its reply",
        )))
    }
}

impl AsyncRead for WriteTimeout {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_read(cx, buf)
    }
}

impl AsyncWrite for WriteTimeout {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.io).poll_write(cx, buf);
        this.watch(cx, polled)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.io).poll_write_vectored(cx, bufs);
        this.watch(cx, polled)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.io).poll_flush(cx);
        this.watch(cx, polled)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.io).poll_shutdown(cx);
        this.watch(cx, polled)
    }
}
