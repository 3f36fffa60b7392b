//! `nianbao serve`: the command-line side of the preview — its options, what it prints, Ctrl-C,
//! and opening the browser. The preview itself is `nianbao::serve`.

use std::net::{IpAddr, SocketAddr};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::Args;

use nianbao::serve::{Notice, ServeOptions, Server};
use nianbao::Error;

use super::{print_warnings, RootArg};

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    #[command(flatten)]
    root: RootArg,
    /// 端口（0 表示由系统挑一个空闲端口）
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// 监听的地址；换成本机以外的地址后，同一网络里的其他人也能打开预览
    #[arg(long, value_name = "IP", default_value = "127.0.0.1")]
    bind: IpAddr,
    /// 启动后用默认浏览器打开预览（默认不打开）
    #[arg(long)]
    open: bool,
}

impl ServeArgs {
    pub(crate) fn run(&self) -> Result<(), Error> {
        if !self.bind.is_loopback() {
            eprintln!(
                "注意：预览监听在 {}，同一网络中的其他人也能打开这个预览（包括尚未发布的内容）。",
                self.bind
            );
        }
        let server = Server::bind(&ServeOptions {
            root: self.root.root.clone(),
            addr: SocketAddr::new(self.bind, self.port),
        })?;
        let stopper = server.stopper();
        ctrlc::set_handler(move || stopper.stop())
            .map_err(|e| Error::Other(format!("无法接管 Ctrl-C: {e}")))?;
        let printer = Printer {
            open: self.open,
            built_before: AtomicBool::new(false),
        };
        server.run(&|n| printer.print(n))?;
        println!("预览已停止。");
        Ok(())
    }
}

/// Turns the preview's notices into lines on the terminal.
struct Printer {
    open: bool,
    built_before: AtomicBool,
}

impl Printer {
    fn print(&self, notice: Notice<'_>) {
        match notice {
            Notice::Built(s) => {
                print_warnings(&s.findings);
                let again = self.built_before.swap(true, Ordering::Relaxed);
                println!(
                    "{}：{} 份报告，{} 个页面，{} 条警告，用时 {:.2} 秒",
                    if again {
                        "已重新生成"
                    } else {
                        "已生成"
                    },
                    s.reports,
                    s.pages,
                    s.findings.warnings(),
                    s.elapsed.as_secs_f64()
                );
            }
            Notice::Failed(text) => {
                eprint!("{text}");
                eprintln!("预览仍显示上次生成成功的页面；改正并保存后会自动重新生成。");
            }
            Notice::Indexed { pages, elapsed } => println!(
                "已更新搜索索引：{} 个页面，用时 {:.2} 秒",
                pages,
                elapsed.as_secs_f64()
            ),
            Notice::StillFailing => eprintln!("仍是上面的错误，网站没有重新生成。"),
            Notice::Ready(url) => {
                println!("正在预览：{url}（修改并保存文件后页面会自动刷新；按 Ctrl-C 停止）");
                if self.open {
                    open_browser(url);
                }
            }
            Notice::WatchProblem(m) => eprintln!("警告: 监视文件变化时出错: {m}"),
        }
    }
}

/// Opens `url` with the system's opener; failing to is only a warning.
fn open_browser(url: &str) {
    let mut cmd = if cfg!(target_os = "windows") {
        let mut c = Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        Command::new("open")
    } else {
        Command::new("xdg-open")
    };
    if let Err(e) = cmd.arg(url).spawn() {
        eprintln!("警告: 无法打开浏览器（{e}），请手动打开 {url}");
    }
}
