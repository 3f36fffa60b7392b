//! The command line: one `Args` struct per subcommand, each with a `run()`.
//!
//! This is the only layer that talks to people; the library never prints.

mod import;
mod serve;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use nianbao::{format_findings, BuildOptions, Error, Findings};

/// nianbao（年报）：把政府信息公开工作年度报告（YAML 表格 + Markdown 正文）核对后生成静态网站。
#[derive(Debug, Parser)]
#[command(name = "nianbao", version, long_about = None)]
#[command(
    after_help = "常用：\n  nianbao check              只核对内容（勾稽关系、格式），不生成网站\n  nianbao build              核对并生成网站到 public/\n  nianbao serve              在 http://127.0.0.1:1111 预览，保存后自动刷新\n  nianbao new ganzhou 2022   根据上一年报告生成 2022 年报告的草稿\n  nianbao init 新网站        新建一个空网站\n  nianbao import 报告.docx --body ganzhou   导入已发布的报告\n\n文档：docs/format.md（内容格式）、docs/serve.md（预览）、docs/portal.md（发布、开放数据、新年度）"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// 核对全部报告，并生成网站（默认输出到 public/）
    Build(BuildArgs),
    /// 只核对全部报告（表格勾稽关系、六个部分、数据格式），不生成网站
    Check(CheckArgs),
    /// 在本机预览网站：保存文件后自动重新生成并刷新页面
    Serve(serve::ServeArgs),
    /// 根据机关最近一年的报告生成新一年报告的草稿（结构相同，数字留空，上年结转已填）
    New(NewArgs),
    /// 在一个新的空文件夹中建立空网站（site.toml 和 content/）
    Init(InitArgs),
    /// 导入已发布的报告（网页文字、网页、Word、Excel），生成 report.yaml 与 report.md 并核对
    Import(import::ImportArgs),
}

/// Where the site is.
#[derive(Debug, Args)]
struct RootArg {
    /// 网站根目录（包含 site.toml 和 content/ 的文件夹）
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
}

#[derive(Debug, Args)]
struct BuildArgs {
    #[command(flatten)]
    root: RootArg,
    /// 输出文件夹（默认取 site.toml 的 output，否则为 public/）
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    #[command(flatten)]
    strict: StrictArg,
    /// 有报告未通过核对时，仍生成网站：只发布通过核对的报告，未通过的列在「核对情况」页面上
    #[arg(long)]
    keep_going: bool,
}

/// How strictly to check.
#[derive(Debug, Args)]
struct StrictArg {
    /// 严格核对：report.yaml 中 acknowledged 确认的原文差错也算错误（用于编写本年度的报告）
    #[arg(long)]
    strict: bool,
}

#[derive(Debug, Args)]
struct CheckArgs {
    #[command(flatten)]
    root: RootArg,
    #[command(flatten)]
    strict: StrictArg,
}

#[derive(Debug, Args)]
struct NewArgs {
    #[command(flatten)]
    root: RootArg,
    /// 机关文件夹名（content/ 下的文件夹，如 ganzhou）
    #[arg(value_name = "机关")]
    body: String,
    /// 新报告的年度（如 2022）
    #[arg(value_name = "年度")]
    year: u16,
}

#[derive(Debug, Args)]
struct InitArgs {
    /// 新网站的文件夹（不存在或为空）
    #[arg(value_name = "DIR")]
    dir: PathBuf,
}

impl Cli {
    /// Runs the chosen subcommand.
    pub fn run(&self) -> Result<(), Error> {
        match &self.command {
            Command::Build(a) => a.run(),
            Command::Check(a) => a.run(),
            Command::Serve(a) => a.run(),
            Command::New(a) => a.run(),
            Command::Init(a) => a.run(),
            Command::Import(a) => a.run(),
        }
    }
}

impl BuildArgs {
    fn run(&self) -> Result<(), Error> {
        let summary = nianbao::build(&BuildOptions {
            root: self.root.root.clone(),
            output: self.output.clone(),
            strict: self.strict.strict,
            keep_going: self.keep_going,
        })?;
        print_warnings(&summary.findings);
        if summary.failed > 0 {
            eprintln!(
                "有 {} 份报告未通过核对，没有发布（见上，以及网站的「核对情况」页面）",
                summary.failed
            );
        }
        println!(
            "已生成：{} 份报告，{} 个页面，{} 条警告，用时 {:.2} 秒 → {}",
            summary.reports,
            summary.pages,
            summary.findings.warnings(),
            summary.elapsed.as_secs_f64(),
            summary.output.display()
        );
        Ok(())
    }
}

impl CheckArgs {
    fn run(&self) -> Result<(), Error> {
        let checked = nianbao::check_site(
            &self.root.root,
            nianbao::check::CheckOptions {
                strict: self.strict.strict,
            },
        )?;
        print_warnings(&checked.findings);
        println!(
            "核对通过：{} 份报告，{} 条警告",
            checked.reports,
            checked.findings.warnings()
        );
        Ok(())
    }
}

impl NewArgs {
    fn run(&self) -> Result<(), Error> {
        let done = nianbao::scaffold::new_report(&self.root.root, &self.body, self.year)?;
        let files: Vec<String> = done.files.iter().map(|f| f.display().to_string()).collect();
        let from = match done.from_year {
            Some(y) => format!("根据 {y} 年的报告"),
            None => "该机关还没有更早的报告，按表格格式".to_string(),
        };
        println!("已生成草稿（{from}）：{}", files.join("、"));
        println!("下一步：把 report.yaml 中的 ~ 换成本年数字，填写印发日期和正文，然后运行 nianbao check 核对。");
        Ok(())
    }
}

impl InitArgs {
    fn run(&self) -> Result<(), Error> {
        let files = nianbao::scaffold::init_site(&self.dir)?;
        let files: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        println!("已新建网站 {}：{}", self.dir.display(), files.join("、"));
        println!("下一步：按 content/README.md 添加机关，再运行 nianbao new <机关> <年度>。");
        Ok(())
    }
}

fn print_warnings(findings: &Findings) {
    if !findings.0.is_empty() {
        eprint!("{}", format_findings(findings));
    }
}

/// 1 for content errors, 2 for anything else (configuration, templates, files).
pub fn exit_code(e: &Error) -> u8 {
    match e {
        Error::Content(_) | Error::Input(_) => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
