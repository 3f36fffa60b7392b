//! Render: every page of the site through Tera, in parallel, into a sink that writes it.
//!
//! The default templates and stylesheet are embedded in the binary; a file of the same name in
//! the site's `templates/` or `static/` wins. Each page gets a small context of its own (see
//! `views`), so rendering thousands of reports stays cheap.

mod audit;
pub mod markdown;
mod notes;
mod notfound;
pub mod tables;
pub mod views;

use std::path::Path;

use serde::Serialize;
use tera::{Context, Tera};

use crate::config::Config;
use crate::diag::{Error, Finding, Result};
use crate::figures::{Digest, Summary};
use crate::fsx;
use crate::model::{Body, Report};
use crate::paths;

use views::{BodyView, HomeView, ReportView, YearView};

/// The built-in templates, by name.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("body.html", include_str!("../../templates/body.html")),
    ("year.html", include_str!("../../templates/year.html")),
    ("report.html", include_str!("../../templates/report.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("search.html", include_str!("../../templates/search.html")),
    (
        "partials/table.html",
        include_str!("../../templates/partials/table.html"),
    ),
    (
        "partials/headline.html",
        include_str!("../../templates/partials/headline.html"),
    ),
    (
        "partials/sample.html",
        include_str!("../../templates/partials/sample.html"),
    ),
    (
        "partials/chart.html",
        include_str!("../../templates/partials/chart.html"),
    ),
    (
        "partials/yoy.html",
        include_str!("../../templates/partials/yoy.html"),
    ),
    (
        "partials/downloads.html",
        include_str!("../../templates/partials/downloads.html"),
    ),
    (
        "partials/open-data.html",
        include_str!("../../templates/partials/open-data.html"),
    ),
    (
        "partials/notes.html",
        include_str!("../../templates/partials/notes.html"),
    ),
    ("audit.html", include_str!("../../templates/audit.html")),
    (
        "audit-year.html",
        include_str!("../../templates/audit-year.html"),
    ),
];

/// The built-in static files, by output path.
pub const STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../static/style.css")),
    ("favicon.ico", include_bytes!("../../static/favicon.ico")),
];

/// The common part of every page's context.
#[derive(Serialize)]
struct Common<'a> {
    site: &'a Config,
    /// Prefix from this page to the site root.
    root: String,
    /// The page's own path.
    path: String,
    /// The page's absolute address, when `base_url` is set.
    canonical: Option<String>,
    /// The Atom feed's absolute address, when there is one.
    feed: Option<String>,
    /// The stylesheet's address: relative, or a `data:` address on the 404 page.
    stylesheet: String,
    /// The icon's address: relative, or a `data:` address on the 404 page.
    icon: String,
}

/// The templates of a site: built-ins, overridden by the site's own.
pub struct Theme {
    tera: Tera,
}

impl Theme {
    /// Loads the built-in templates, then the site's `templates/` folder over them.
    pub fn load(root: &Path) -> Result<Theme> {
        let mut tera = Tera::default();
        tera.autoescape_on([".html", ".xml"]);
        let mut templates: Vec<(String, String)> = TEMPLATES
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        for (name, text) in user_files(&root.join("templates"), "html")? {
            let text = String::from_utf8(text)
                .map_err(|_| Error::Template(format!("templates/{name} 不是 UTF-8 编码")))?;
            match templates.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = text,
                None => templates.push((name, text)),
            }
        }
        tera.add_raw_templates(templates)
            .map_err(|e| Error::Template(tera_error(&e)))?;
        Ok(Theme { tera })
    }

    /// The page's bytes (UTF-8: Tera writes only strings). Kept as bytes, they are written
    /// without being checked again.
    fn render(&self, name: &str, ctx: &Context) -> Result<Vec<u8>> {
        let mut out = Vec::with_capacity(1 << 15);
        self.render_to(name, ctx, &mut out)?;
        Ok(out)
    }

    /// Renders into `w` as it goes, for the pages that grow with the site: a year page of a
    /// national site is tens of megabytes, which are then never held at once.
    fn render_to(&self, name: &str, ctx: &Context, w: &mut dyn std::io::Write) -> Result<()> {
        self.tera
            .render_to(name, ctx, w)
            .map_err(|e| Error::Template(tera_error(&e)))
    }
}

/// A Tera error with its causes, one per line.
fn tera_error(e: &tera::Error) -> String {
    let mut out = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        out.push_str(&format!("\n  {s}"));
        source = s.source();
    }
    out
}

/// The files below `dir` with extension `ext` (any when empty), by relative path, sorted. A
/// symbolic link is an error.
pub fn user_files(dir: &Path, ext: &str) -> Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    for entry in walkdir::WalkDir::new(dir).min_depth(1).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::Other(format!("读取 {} 失败: {e}", dir.display())))?;
        let path = entry.path();
        let rel = path
            .strip_prefix(dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        if entry.path_is_symlink() {
            // It may point anywhere, e.g. at a file that must not be published.
            let folder = dir.file_name().unwrap_or_default().to_string_lossy();
            return Err(Error::Other(format!(
                "{folder}/{rel} 是符号链接：nianbao 不会跟随它（它可能指向不该发布的文件）；请换成文件本身"
            )));
        }
        if !entry.file_type().is_file()
            || (!ext.is_empty() && path.extension().is_none_or(|e| e != ext))
        {
            continue;
        }
        out.push((rel, fsx::read(path)?));
    }
    Ok(out)
}

/// Renders pages, one at a time, with a site's settings and templates.
pub struct Renderer<'a> {
    config: &'a Config,
    theme: &'a Theme,
    /// The Atom feed's absolute address, when the site has one.
    feed: Option<String>,
}

impl<'a> Renderer<'a> {
    /// A renderer for a site whose settings are `config`; `reports` says whether it has any
    /// (a feed needs a `base_url` and reports).
    pub fn new(config: &'a Config, theme: &'a Theme, reports: bool) -> Renderer<'a> {
        let feed = config
            .base_url
            .as_deref()
            .filter(|_| reports)
            .map(|base| paths::absolute(base, paths::FEED));
        Renderer {
            config,
            theme,
            feed,
        }
    }

    /// The context every page shares, for the page at `path`.
    fn context(&self, path: &str) -> Context {
        let root = paths::root_from(path);
        let common = Common {
            site: self.config,
            path: path.to_string(),
            canonical: self
                .config
                .base_url
                .as_ref()
                .map(|b| format!("{b}{}", path.trim_end_matches("index.html"))),
            feed: self.feed.clone(),
            stylesheet: format!("{root}style.css"),
            icon: format!("{root}favicon.ico"),
            root,
        };
        let mut ctx = Context::new();
        ctx.insert("common", &common);
        ctx
    }

    /// A report's page: the report, its body, the summary of the year before and the
    /// warnings about it.
    pub fn report(
        &self,
        report: &Report,
        body: &Body,
        prev: Option<&Summary>,
        findings: &[&Finding],
    ) -> Result<Vec<u8>> {
        let mut ctx = self.context(&paths::report(&report.body, report.year));
        ctx.insert("report", &ReportView::new(report, body, prev, findings)?);
        let tables: Vec<(&str, &str, &str)> = report
            .tables()
            .iter()
            .map(|t| (t.spec.key, t.spec.name, t.spec.caption))
            .collect();
        ctx.insert(
            "downloads",
            &paths::report_downloads(&report.body, report.year, &tables),
        );
        self.theme.render("report.html", &ctx)
    }

    /// A body's page, from its reports' summaries (oldest first).
    pub fn body(&self, body: &Body, summaries: &[Summary]) -> Result<Vec<u8>> {
        let mut ctx = self.context(&paths::body(&body.id));
        ctx.insert("body", &BodyView::new(body, summaries)?);
        self.theme.render("body.html", &ctx)
    }

    /// A year's page, with every body's report of that year, written into `w`.
    pub fn year(
        &self,
        year: u16,
        listed: &[(&Summary, &Body)],
        w: &mut dyn std::io::Write,
    ) -> Result<()> {
        let mut ctx = self.context(&paths::year(year));
        ctx.insert("yearpage", &YearView::new(year, listed)?);
        self.theme.render_to("year.html", &ctx, w)
    }

    /// The home page, written into `w`.
    pub fn home(&self, digest: &Digest, w: &mut dyn std::io::Write) -> Result<()> {
        let mut ctx = self.context(paths::HOME);
        ctx.insert("home", &HomeView::new(digest));
        ctx.insert("open_data", &paths::site_downloads(self.feed.is_some()));
        self.theme.render_to("index.html", &ctx, w)
    }

    /// The search page (搜索), with links to every body and year for readers without
    /// JavaScript.
    pub fn search(&self, digest: &Digest) -> Result<Vec<u8>> {
        let mut ctx = self.context(paths::SEARCH);
        ctx.insert("search", &crate::search::SearchView::new(digest));
        self.theme.render("search.html", &ctx)
    }

    /// The audit overview (核对情况).
    pub fn audit(&self, rows: &[crate::audit::Row]) -> Result<Vec<u8>> {
        let mut ctx = self.context(paths::AUDIT);
        ctx.insert("audit", &audit::AuditView::new(rows));
        self.theme.render("audit.html", &ctx)
    }

    /// The audit of one year, written into `w`.
    pub fn audit_year(
        &self,
        year: u16,
        rows: &[crate::audit::Row],
        w: &mut dyn std::io::Write,
    ) -> Result<()> {
        let mut ctx = self.context(&paths::audit_year(year));
        ctx.insert("auditpage", &audit::AuditYearView::new(year, rows));
        self.theme.render_to("audit-year.html", &ctx, w)
    }

    /// The not-found page. It stands in for missing addresses at any depth: it has no address
    /// of its own and loads nothing (see `notfound`).
    pub fn not_found(&self) -> Result<Vec<u8>> {
        let inline = notfound::inline(&self.config.root)?;
        let common = Common {
            site: self.config,
            path: paths::NOT_FOUND.to_string(),
            canonical: None,
            feed: None,
            stylesheet: inline.css,
            icon: inline.icon,
            root: paths::not_found_root(self.config.base_url.as_deref()),
        };
        let mut ctx = Context::new();
        ctx.insert("common", &common);
        self.theme.render("404.html", &ctx)
    }
}

/// The static files: built-ins, then the site's `static/` folder (same name wins). They are
/// written after every generated file (see `crate::build`), which they may not replace.
pub fn static_files(root: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files: Vec<(String, Vec<u8>)> = STATIC
        .iter()
        .map(|(n, b)| (n.to_string(), b.to_vec()))
        .collect();
    for (name, bytes) in user_files(&root.join("static"), "")? {
        match files.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = bytes,
            None => files.push((name, bytes)),
        }
    }
    Ok(files)
}
