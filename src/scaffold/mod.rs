//! Scaffolding: `nianbao new <body> <year>` drafts next year's report from the body's latest
//! one, and `nianbao init <dir>` creates an empty site that builds.
//!
//! A draft keeps last year's structure, indicators and narrative headings, leaves every figure
//! blank (`~`), and fills 二、上年结转 from last year's 四、结转下年度继续办理 — the one figure the
//! format lets us know in advance (the cross-year identity in `check.rs`). Nothing is ever
//! overwritten. The starter project of `init` is embedded in the binary.

pub(crate) mod yaml;

use std::path::{Path, PathBuf};

use crate::diag::{format_findings, Error, Findings, Result};
use crate::format::Format;
use crate::fsx;
use crate::load;

/// The starter project: path below the new site, contents.
const STARTER: &[(&str, &str)] = &[
    ("site.toml", include_str!("../../starter/site.toml")),
    (
        "content/README.md",
        include_str!("../../starter/content/README.md"),
    ),
    (".gitignore", include_str!("../../starter/gitignore")),
];

/// What `new` wrote.
#[derive(Debug)]
pub struct NewReport {
    /// The files written, relative to the site root.
    pub files: Vec<PathBuf>,
    /// The year of the report the draft was made from, if any.
    pub from_year: Option<u16>,
}

/// Drafts the report of `body` for `year` below `root`, from the body's latest earlier report.
pub fn new_report(root: &Path, body: &str, year: u16) -> Result<NewReport> {
    if !(2008..=2100).contains(&year) {
        return Err(Error::Other(format!(
            "年度 {year} 不对：应为 2008 至 2100 之间的四位年份"
        )));
    }
    let (site, mut findings) = load::load(root)?;
    crate::check::check(&site, &mut findings, Default::default());
    let Some(b) = site.body(body) else {
        let known: Vec<&str> = site.bodies.iter().map(|b| b.id.as_str()).collect();
        return Err(Error::Other(format!(
            "没有机关「{body}」（content/{body}/body.yaml）；已有的机关: {}",
            if known.is_empty() {
                "无".to_string()
            } else {
                known.join(", ")
            }
        )));
    };
    let rel_dir = PathBuf::from("content").join(body).join(year.to_string());
    if root.join(&rel_dir).exists() {
        return Err(Error::Other(format!(
            "{} 已存在，不会覆盖；如要重新生成，请先移走该文件夹",
            rel_dir.display()
        )));
    }
    let previous = site.reports_of(body).rev().find(|r| r.year < year);
    if let Some(p) = previous {
        refuse_if_wrong(p.yaml_path.parent().unwrap_or(Path::new("")), &findings)?;
    }
    // A body that publishes the single-row （六） variant keeps its structure next year.
    let format = match (previous.map(|p| p.format), Format::default_for_year(year)) {
        (Some(Format::F2021SingleOther), Format::F2021) => Format::F2021SingleOther,
        (_, default) => default,
    };
    let draft = yaml::Draft {
        body_name: &b.name,
        year,
        format,
        previous,
    };
    let narrative = match previous {
        Some(p) => headings(&fsx::read(&root.join(&p.md_path))?),
        None => default_headings(draft.format),
    };
    let files = vec![rel_dir.join("report.yaml"), rel_dir.join("report.md")];
    fsx::write(&root.join(&files[0]), yaml::report_yaml(&draft).as_bytes())?;
    fsx::write(&root.join(&files[1]), narrative.as_bytes())?;
    Ok(NewReport {
        files,
        from_year: previous.map(|p| p.year),
    })
}

/// A draft copies last year's report, so last year's errors would be copied with it.
fn refuse_if_wrong(dir: &Path, findings: &Findings) -> Result<()> {
    let errors = Findings(
        findings
            .0
            .iter()
            .filter(|f| f.severity == crate::Severity::Error && f.file.starts_with(dir))
            .cloned()
            .collect(),
    );
    if errors.0.is_empty() {
        return Ok(());
    }
    Err(Error::Other(format!(
        "{}上一年的报告（{}）有 {} 处错误，请先改正，再生成新一年的草稿。",
        format_findings(&errors),
        dir.display(),
        errors.errors()
    )))
}

/// Last year's narrative reduced to its headings (`##` sections and `###` subsections).
fn headings(md: &[u8]) -> String {
    let text = String::from_utf8_lossy(md);
    let mut out = String::new();
    for l in text.lines() {
        if l.starts_with("## ") || l.starts_with("### ") {
            out.push_str(l.trim_end());
            out.push_str("\n\n");
        }
    }
    out
}

/// The six section headings of the format, for a body's first report.
fn default_headings(format: Format) -> String {
    format
        .section_headings()
        .iter()
        .map(|h| format!("## {h}\n\n"))
        .collect()
}

/// Creates a new, empty site in `dir` (which must be missing or empty). Returns the files
/// written, relative to `dir`.
pub fn init_site(dir: &Path) -> Result<Vec<PathBuf>> {
    if !fsx::is_empty_dir(dir)? {
        return Err(Error::Other(format!(
            "文件夹 {} 不是空的，不会在其中新建网站；请换一个新文件夹",
            dir.display()
        )));
    }
    let mut files = Vec::new();
    for (rel, text) in STARTER {
        fsx::write(&dir.join(rel), text.as_bytes())?;
        files.push(PathBuf::from(rel));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_section_and_subsection_headings() {
        let md = "开头。\n\n## 一、总体情况\n\n正文{{ t3.new.total }}。\n\n### （一）主动公开\n\n正文。\n#### 细目\n## 二、主动公开政府信息情况\n";
        assert_eq!(
            headings(md.as_bytes()),
            "## 一、总体情况\n\n### （一）主动公开\n\n## 二、主动公开政府信息情况\n\n"
        );
    }

    #[test]
    fn a_first_report_gets_the_formats_six_headings() {
        let text = default_headings(Format::Trial2019);
        assert_eq!(text.matches("## ").count(), 6);
        assert!(text.contains("## 五、政府信息公开工作存在的主要问题及改进情况"));
    }
}
