//! Render: every page of the site through Tera, in parallel, into a sink that writes it.
//!
//! The default templates and stylesheet are embedded in the binary; a file of the same name in
//! the site's `templates/` or `static/` wins. Each page gets a small context of its own (see
//! `views`), so rendering thousands of reports stays cheap.

pub mod markdown;
mod notfound;
pub mod tables;
pub mod views;

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::config::Config;
use crate::diag::{Error, Result};
use crate::fsx;
use crate::model::{Body, Report, Site};
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
    (
        "partials/table.html",
        include_str!("../../templates/partials/table.html"),
    ),
    (
        "partials/headline.html",
        include_str!("../../templates/partials/headline.html"),
    ),
    (
        "partials/row.html",
        include_str!("../../templates/partials/row.html"),
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
];

/// The built-in static files, by output path.
pub const STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../static/style.css")),
    ("favicon.ico", include_bytes!("../../static/favicon.ico")),
];

/// One page to render.
enum Page<'a> {
    Home,
    Body(&'a Body),
    Year(u16),
    Report(&'a Report, &'a Body),
    NotFound,
}

impl Page<'_> {
    fn path(&self) -> String {
        match self {
            Page::Home => paths::HOME.to_string(),
            Page::Body(b) => paths::body(&b.id),
            Page::Year(y) => paths::year(*y),
            Page::Report(r, _) => paths::report(&r.body, r.year),
            Page::NotFound => paths::NOT_FOUND.to_string(),
        }
    }
}

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

    fn render(&self, name: &str, ctx: &Context) -> Result<String> {
        self.tera
            .render(name, ctx)
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

/// Renders every page of `site`, handing each to `sink` (which may be called
/// from several threads). Returns the number of pages.
pub fn render_site(
    site: &Site,
    config: &Config,
    theme: &Theme,
    sink: &(dyn Fn(&str, &[u8]) -> Result<()> + Sync),
) -> Result<usize> {
    let mut pages = vec![Page::Home, Page::NotFound];
    pages.extend(site.bodies.iter().map(Page::Body));
    pages.extend(site.years().into_iter().map(Page::Year));
    pages.extend(
        site.reports
            .iter()
            .filter_map(|r| Some(Page::Report(r, site.body(&r.body)?))),
    );
    pages.par_iter().try_for_each(|page| {
        let path = page.path();
        let html = render_page(site, config, theme, page, &path)?;
        sink(&path, html.as_bytes())
    })?;
    Ok(pages.len())
}

fn render_page(
    site: &Site,
    config: &Config,
    theme: &Theme,
    page: &Page,
    path: &str,
) -> Result<String> {
    let mut ctx = Context::new();
    let root = paths::root_from(path);
    let mut common = Common {
        site: config,
        path: path.to_string(),
        canonical: config
            .base_url
            .as_ref()
            .map(|b| format!("{b}{}", path.trim_end_matches("index.html"))),
        feed: crate::export::feed_url(site, config),
        stylesheet: format!("{root}style.css"),
        icon: format!("{root}favicon.ico"),
        root,
    };
    if let Page::NotFound = page {
        // It stands in for missing addresses at any depth: it has no address of its own and
        // loads nothing (see `notfound`).
        let inline = notfound::inline(&config.root)?;
        common.root = paths::not_found_root(config.base_url.as_deref());
        common.canonical = None;
        common.feed = None;
        common.stylesheet = inline.css;
        common.icon = inline.icon;
    }
    ctx.insert("common", &common);
    let template = match page {
        Page::Home => {
            ctx.insert("home", &HomeView::new(site));
            ctx.insert("open_data", &crate::export::site_downloads(site, config));
            "index.html"
        }
        Page::Body(b) => {
            ctx.insert("body", &BodyView::new(site, b)?);
            "body.html"
        }
        Page::Year(y) => {
            ctx.insert("yearpage", &YearView::new(site, *y)?);
            "year.html"
        }
        Page::Report(r, b) => {
            ctx.insert("report", &ReportView::new(site, r, b)?);
            ctx.insert("downloads", &crate::export::report_downloads(r));
            "report.html"
        }
        Page::NotFound => "404.html",
    };
    theme.render(template, &ctx)
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
