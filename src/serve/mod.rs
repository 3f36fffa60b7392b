//! `serve`: a local preview that rebuilds on every save and reloads the open pages.
//!
//! The site is built by the same [`crate::build`] as `nianbao build`, into a private work folder
//! (never the site's `public/`, which stays what `build` published), and served byte for byte,
//! except that HTML pages get a reload script (and, after a failed rebuild, the error overlay)
//! added at response time. The library only reports what happens through [`Notice`]s; the
//! command line decides what to print. The network side, with the caps and timeouts that keep
//! one careless client from holding up the others, is in `net`.

mod http;
mod inject;
mod live;
mod net;
mod path;
mod watch;

use std::io::ErrorKind;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::diag::{Error, Result};
use crate::BuildSummary;
use live::Live;
use net::{Limits, Shared};
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
    /// The search index was made again after a partial rebuild and written (open pages
    /// reload once more, so that a search page uses it).
    Indexed {
        /// Pages indexed.
        pages: usize,
        /// Time it took, from the rebuild that changed it.
        elapsed: std::time::Duration,
    },
    /// The preview answers at this address.
    Ready(&'a str),
    /// Watching for changes ran into a problem; the preview goes on.
    WatchProblem(String),
}

/// A bound preview server, ready to [`run`](Server::run).
pub struct Server {
    runtime: tokio::runtime::Runtime,
    listener: tokio::net::TcpListener,
    limits: Limits,
    live: Arc<Live>,
    root: PathBuf,
    url: String,
}

/// Stops a running server from another thread (a Ctrl-C handler).
#[derive(Clone)]
pub struct Stopper {
    live: Arc<Live>,
}

impl Stopper {
    /// Asks the server to stop; [`Server::run`] then returns.
    pub fn stop(&self) {
        self.live.stop();
    }
}

impl Server {
    /// Takes the address (a port in use is an error that says so) without building yet.
    pub fn bind(opts: &ServeOptions) -> Result<Server> {
        let runtime = net::runtime()
            .map_err(|e| Error::Other(format!("无法在 {} 上启动预览: {e}", opts.addr)))?;
        let listener = {
            let _inside = runtime.enter();
            net::listen(opts.addr).map_err(|e| bind_error(opts.addr, e))?
        };
        let addr = listener.local_addr().unwrap_or(opts.addr);
        Ok(Server {
            runtime,
            listener,
            limits: Limits::for_this_process(),
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
            live: Arc::clone(&self.live),
        }
    }

    /// Builds, then serves and rebuilds on changes until stopped. The work folder is removed on
    /// the way out.
    pub fn run(self, notice: &(dyn Fn(Notice<'_>) + Sync)) -> Result<()> {
        let Server {
            runtime,
            listener,
            limits,
            live,
            root,
            url,
        } = self;
        let canonical = root.canonicalize().map_err(|source| Error::Io {
            action: "打开网站根目录",
            path: root.clone(),
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
        let mut rebuilder = Rebuilder::new(&root, work.path(), &live, notice);
        rebuilder.build();
        notice(Notice::Ready(&url));
        let shared = Arc::new(Shared::new(Arc::clone(&live), limits));
        std::thread::scope(|s| {
            s.spawn(|| rebuilder.run(watch));
            runtime.block_on(net::accept_all(listener, shared));
            live.stop();
        });
        // Connections still open (event streams, mostly) end here, before their files go.
        runtime.shutdown_timeout(Duration::from_secs(1));
        drop(work);
        Ok(())
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
