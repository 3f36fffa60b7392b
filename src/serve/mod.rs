//! `serve`: a local preview that rebuilds on every save and reloads the open pages.
//!
//! The site is built by the same [`crate::build`] as `nianbao build`, into a private work folder
//! (never the site's `public/`, which stays what `build` published), and served byte for byte,
//! except that HTML pages get a reload script (and, after a failed rebuild, the error overlay)
//! added at response time. The library only reports what happens through [`Notice`]s; the
//! command line decides what to print.

mod http;
mod inject;
mod live;
mod path;
mod watch;

use std::io::ErrorKind;
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;

use tiny_http::{Header, Method, Request, Response};

use crate::diag::{Error, Result};
use crate::BuildSummary;
use live::Live;
use watch::{Rebuilder, Watch};

/// What `serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root (the folder with `site.toml` and `content/`).
    pub root: PathBuf,
    /// Where to listen.
    pub addr: SocketAddr,
}

/// Something the person running the preview should hear about.
#[derive(Debug)]
pub enum Notice<'a> {
    /// A build succeeded (the first one, or a rebuild).
    Built(&'a BuildSummary),
    /// A build failed: the text, exactly as the command line prints a failed command.
    Failed(&'a str),
    /// A rebuild failed with the same error as the one before (already reported).
    StillFailing,
    /// The preview answers at this address.
    Ready(&'a str),
    /// Watching for changes ran into a problem; the preview goes on.
    WatchProblem(String),
}

/// A bound preview server, ready to [`run`](Server::run).
pub struct Server {
    http: Arc<tiny_http::Server>,
    live: Arc<Live>,
    root: PathBuf,
    url: String,
}

/// Stops a running server from another thread (a Ctrl-C handler).
#[derive(Clone)]
pub struct Stopper {
    http: Arc<tiny_http::Server>,
    live: Arc<Live>,
}

impl Stopper {
    /// Asks the server to stop; [`Server::run`] then returns.
    pub fn stop(&self) {
        self.live.stop();
        self.http.unblock();
    }
}

impl Server {
    /// Takes the address (a port in use is an error that says so) without building yet.
    pub fn bind(opts: &ServeOptions) -> Result<Server> {
        let listener = TcpListener::bind(opts.addr).map_err(|e| bind_error(opts.addr, e))?;
        let addr = listener.local_addr().unwrap_or(opts.addr);
        let http = tiny_http::Server::from_listener(listener, None)
            .map_err(|e| Error::Other(format!("无法在 {addr} 上启动预览: {e}")))?;
        Ok(Server {
            http: Arc::new(http),
            live: Arc::new(Live::new()),
            root: opts.root.clone(),
            url: format!("http://{addr}/"),
        })
    }

    /// The preview's address, e.g. `http://127.0.0.1:1111/`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// A handle that stops the server.
    pub fn stopper(&self) -> Stopper {
        Stopper {
            http: Arc::clone(&self.http),
            live: Arc::clone(&self.live),
        }
    }

    /// Builds, then serves and rebuilds on changes until stopped. The work folder is removed on
    /// the way out.
    pub fn run(self, notice: &(dyn Fn(Notice<'_>) + Sync)) -> Result<()> {
        let canonical = self.root.canonicalize().map_err(|source| Error::Io {
            action: "打开网站根目录",
            path: self.root.clone(),
            source,
        })?;
        let work = tempfile::Builder::new()
            .prefix("nianbao-serve-")
            .tempdir()
            .map_err(|source| Error::Io {
                action: "创建临时文件夹",
                path: std::env::temp_dir(),
                source,
            })?;
        // Watch first, so that a save during the first build is not missed.
        let watch = Watch::start(&canonical)?;
        let mut rebuilder = Rebuilder::new(&self.root, work.path(), &self.live, notice);
        rebuilder.build();
        notice(Notice::Ready(&self.url));
        let result = std::thread::scope(|s| {
            s.spawn(|| rebuilder.run(watch));
            let result = self.answer_all();
            self.live.stop();
            result
        });
        drop(work);
        result
    }

    fn answer_all(&self) -> Result<()> {
        loop {
            match self.http.recv() {
                Ok(rq) => self.answer(rq),
                Err(_) if self.live.stopping() => return Ok(()),
                Err(e) => return Err(Error::Other(format!("预览服务器出错: {e}"))),
            }
        }
    }

    fn answer(&self, rq: Request) {
        let target = rq.url().to_string();
        if target.split('?').next() == Some(live::EVENTS) {
            // A stream stays open for as long as the page does: it gets a thread of its own.
            let live = Arc::clone(&self.live);
            let out = rq.into_writer();
            std::thread::spawn(move || live.stream(out));
            return;
        }
        if !matches!(rq.method(), Method::Get | Method::Head) {
            let _ = rq.respond(Response::from_string("只支持 GET 和 HEAD。").with_status_code(405));
            return;
        }
        let reply = http::reply(&target, &self.live.snapshot());
        // Whole files are in memory: send their length rather than chunks, so that every client
        // (and a download's progress bar) knows the size up front.
        let mut response = Response::from_data(reply.body)
            .with_status_code(reply.status)
            .with_chunked_threshold(usize::MAX);
        for (name, value) in reply.headers {
            if let Ok(h) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
                response.add_header(h);
            }
        }
        // A browser that went away before the answer is not the preview's problem.
        let _ = rq.respond(response);
    }
}

fn bind_error(addr: SocketAddr, e: std::io::Error) -> Error {
    Error::Other(match e.kind() {
        ErrorKind::AddrInUse => format!(
            "无法在 {addr} 上启动预览：这个端口已被占用（也许另一个 nianbao serve 还在运行）。\
             请换一个端口，例如 nianbao serve --port {}",
            addr.port().wrapping_add(1).max(1024)
        ),
        ErrorKind::AddrNotAvailable => {
            format!("无法在 {addr} 上启动预览：本机没有这个地址，请检查 --bind。")
        }
        _ => format!("无法在 {addr} 上启动预览: {e}"),
    })
}
