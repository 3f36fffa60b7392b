//! `nianbao import`: the command-line side of importing published reports — its options, the
//! files and folders it is given, and what it prints. The import itself is `nianbao::import`.

use std::path::PathBuf;

use clap::Args;

use nianbao::format::Format;
use nianbao::import::{self, Hints, Imported, Options, Outcome};
use nianbao::{format_findings, Error};

use super::RootArg;

#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    #[command(flatten)]
    root: RootArg,
    /// 已发布的报告：网页文字（.txt）、网页（.html）、Word（.docx）、Excel/WPS（.xlsx、.xls、.ods）或 PDF；也可以是文件夹
    #[arg(value_name = "文件", required = true)]
    files: Vec<PathBuf>,
    /// 机关文件夹名（content/ 下的文件夹，如 ganzhou）；没有 body.yaml 时按报告标题新建
    #[arg(long, value_name = "机关", required_unless_present = "dry_run")]
    body: Option<String>,
    /// 报告年度（默认取自报告标题）
    #[arg(long, value_name = "年度")]
    year: Option<u16>,
    /// 表格格式：2021 或 2019（试行格式）；默认按表格的行列名称判断
    #[arg(long, value_name = "格式", value_parser = ["2019", "2021"])]
    format: Option<String>,
    /// 只核对、列出问题，不写任何文件（检查别人发布的报告时用）
    #[arg(long)]
    dry_run: bool,
    /// 覆盖已有的同年度报告
    #[arg(long)]
    force: bool,
    /// 有数字无法按行列放入表格时，仍导入能确定位置的数字，其余留空（默认整份不导入）
    #[arg(long)]
    partial: bool,
    /// 把每个文件的核对结果写成表格（CSV，Excel、WPS 可直接打开）：与网站「核对情况」相同的列，每个文件一行
    #[arg(long, value_name = "CSV文件")]
    findings: Option<PathBuf>,
    /// 把全部问题逐条写成表格（CSV）：每个问题一行，写明位置
    #[arg(long, value_name = "CSV文件")]
    problems: Option<PathBuf>,
    /// 原文在门户网站上的网址，写入 report.yaml 的 source（导入一个文件时）
    #[arg(long, value_name = "网址")]
    source: Option<String>,
}

impl ImportArgs {
    pub(crate) fn run(&self) -> Result<(), Error> {
        let opts = self.options()?;
        let files = self.expand()?;
        let mut outcomes = Vec::new();
        for f in &files {
            outcomes.push(import::import_file(f, &opts)?);
        }
        if let [one] = outcomes.as_slice() {
            print_one(one, &opts);
        } else {
            for o in &outcomes {
                println!("{}", o.summary_line());
            }
        }
        let tables = [
            (
                &self.findings,
                "核对结果",
                import::audit_csv(&outcomes, self.body.as_deref()),
            ),
            (&self.problems, "问题清单", import::problems_csv(&outcomes)),
        ];
        for (path, what, bytes) in tables {
            let Some(csv) = path else { continue };
            std::fs::write(csv, bytes).map_err(|e| Error::Io {
                action: "写入",
                path: csv.clone(),
                source: e,
            })?;
            println!("{what}已写入 {}", csv.display());
        }
        let failed = outcomes.iter().filter(|o| o.result.is_err()).count();
        match (failed, outcomes.len()) {
            (0, _) => Ok(()),
            (_, 1) => Err(Error::Input("导入失败，未写入任何文件。".to_string())),
            (n, all) => Err(Error::Input(format!(
                "{all} 个文件中有 {n} 个未能导入（见上）{}",
                if self.dry_run {
                    ""
                } else {
                    "；其余已导入"
                }
            ))),
        }
    }

    fn options(&self) -> Result<Options, Error> {
        if let Some(body) = &self.body {
            if !nianbao::load::is_ascii_id(body)
                || nianbao::paths::RESERVED_IDS.contains(&body.as_str())
            {
                return Err(Error::Input(format!(
                    "机关文件夹名「{body}」不可用：应为小写英文字母、数字和连字符（如 ganzhou），且不能是 {}",
                    nianbao::paths::RESERVED_IDS.join("、")
                )));
            }
        }
        if let Some(y) = self.year.filter(|y| !(2008..=2100).contains(y)) {
            return Err(Error::Input(format!(
                "年度 {y} 不对：应为 2008 至 2100 之间的四位年份"
            )));
        }
        Ok(Options {
            root: self.root.root.clone(),
            body: self.body.clone(),
            hints: Hints {
                year: self.year,
                format: self.format.as_deref().and_then(Format::from_key),
            },
            dry_run: self.dry_run,
            force: self.force,
            partial: self.partial,
            source: self.source.clone(),
        })
    }

    /// The files given, a folder standing for the files in it (sorted, hidden ones left out).
    fn expand(&self) -> Result<Vec<PathBuf>, Error> {
        let mut out = Vec::new();
        for f in &self.files {
            if !f.is_dir() {
                out.push(f.clone());
                continue;
            }
            let mut inside: Vec<PathBuf> = walkdir::WalkDir::new(f)
                .sort_by_file_name()
                .into_iter()
                .filter_map(|e| e.ok())
                .filter(|e| {
                    e.file_type().is_file() && !e.file_name().to_string_lossy().starts_with('.')
                })
                .map(|e| e.into_path())
                .collect();
            if inside.is_empty() {
                return Err(Error::Input(format!("文件夹 {} 中没有文件", f.display())));
            }
            out.append(&mut inside);
        }
        Ok(out)
    }
}

/// The full account of one file.
fn print_one(o: &Outcome, opts: &Options) {
    let i = match &o.result {
        Ok(i) => i,
        Err(f) => {
            eprint!("{}", format_findings(&f.findings));
            return;
        }
    };
    if !i.findings.0.is_empty() {
        eprint!("{}", format_findings(&i.findings));
    }
    let verb = if i.written {
        "已导入"
    } else {
        "核对（未写入文件）"
    };
    println!(
        "{verb} {}：{} {} 年，{} 格式（{}）",
        o.source.display(),
        i.body_name,
        i.year,
        i.format.key(),
        i.format.document()
    );
    let files: Vec<String> = i.files.iter().map(|f| f.display().to_string()).collect();
    let word = if i.written { "写入" } else { "将写入" };
    println!("  {word}：{}", files.join("、"));
    println!("  表格：放入数字 {} 个，空白 {} 格", i.placed, i.blank);
    println!("  核对：{}", i.identities());
    print_indicators(i);
    if !i.notes.is_empty() {
        println!("  导入说明：");
        for n in &i.notes {
            println!("    - {n}");
        }
    }
    if i.findings.has_errors() {
        println!(
            "  核对发现 {} 处错误（见上），改正或确认后才能生成网站。",
            i.findings.errors()
        );
    } else if !opts.dry_run {
        println!("下一步：对照原文检查 report.yaml 与 report.md，再运行 nianbao build。");
    }
}

fn print_indicators(i: &Imported) {
    if i.indicators.is_empty() {
        return;
    }
    println!("  主要指标（取自正文，已写入 report.yaml，请核对）：");
    for p in &i.indicators {
        println!("    {} {}{} ← 「{}」", p.label, p.value, p.unit, p.sentence);
    }
}
