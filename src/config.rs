//! Discover: the site's `site.toml`, read into a raw form and resolved into the settings the
//! build uses.
//!
//! Every key is optional: a site without `site.toml` builds with the defaults. Unknown keys are
//! errors, so that a misspelt key does not silently do nothing.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diag::{Error, Result};
use crate::fsx;

/// `site.toml` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawConfig {
    /// The site's title (网站名称), shown in every page's header and title.
    title: Option<String>,
    /// The address where the site is published, e.g. `https://www.example.gov.cn/nianbao/`;
    /// used for canonical links, the sitemap and the feed. Internal links stay relative.
    base_url: Option<String>,
    /// The page language, `zh-CN` by default.
    language: Option<String>,
    /// The output folder, relative to the site root; `public` by default.
    output: Option<String>,
    /// Whether the site has full-text search (`search/` and the index in `pagefind/`); on by
    /// default.
    search: Option<bool>,
    /// The footer lines a government website shows.
    footer: Footer,
}

/// The footer lines a Chinese government website must show; each is optional.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Footer {
    /// 主办单位.
    pub organizer: Option<String>,
    /// 联系方式.
    pub contact: Option<String>,
    /// 网站标识码.
    pub site_code: Option<String>,
    /// ICP备案号.
    pub icp: Option<String>,
    /// 公安机关备案号.
    pub police: Option<String>,
}

/// The resolved settings.
#[derive(Debug, Clone, Serialize)]
pub struct Config {
    /// The site root (the folder with `site.toml`).
    #[serde(skip)]
    pub root: PathBuf,
    /// The site's title.
    pub title: String,
    /// The published address, ending in `/`, if set.
    pub base_url: Option<String>,
    /// The page language.
    pub language: String,
    /// The output folder (absolute, or relative to the working directory).
    #[serde(skip)]
    pub output: PathBuf,
    /// Whether the site has full-text search.
    pub search: bool,
    /// Footer lines.
    pub footer: Footer,
}

/// The default site title.
pub const DEFAULT_TITLE: &str = "政府信息公开工作年度报告";

impl Config {
    /// Reads `root/site.toml` (absent: defaults) and resolves it.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join("site.toml");
        let raw: RawConfig = if path.exists() {
            let config_error = |message: String| Error::Config {
                path: path.clone(),
                message,
            };
            let len = std::fs::metadata(&path).map_or(0, |m| m.len());
            if len > crate::load::MAX_FILE_BYTES {
                return Err(config_error(crate::load::too_large(len)));
            }
            let text = String::from_utf8(fsx::read(&path)?)
                .map_err(|_| config_error("文件不是 UTF-8 编码".into()))?;
            if let Some((line, why)) = crate::load::control_character(&text) {
                return Err(config_error(format!("第 {line} 行: {why}")));
            }
            toml::from_str(&text).map_err(|e| Error::Config {
                path: path.clone(),
                message: format!("配置有误: {e}"),
            })?
        } else {
            RawConfig::default()
        };
        Config::resolve(root, raw, &path)
    }

    fn resolve(root: &Path, raw: RawConfig, path: &Path) -> Result<Config> {
        // Destructured so that a new key does not compile until someone decides what it means.
        let RawConfig {
            title,
            base_url,
            language,
            output,
            search,
            footer,
        } = raw;
        let base_url = match base_url.map(|u| u.trim().to_string()) {
            None => None,
            Some(u) if u.is_empty() => None,
            Some(u) if u.starts_with("https://") || u.starts_with("http://") => {
                Some(if u.ends_with('/') { u } else { format!("{u}/") })
            }
            Some(u) => {
                return Err(Error::Config {
                    path: path.to_path_buf(),
                    message: format!("base_url 应以 https:// 或 http:// 开头，写的是 \"{u}\""),
                })
            }
        };
        Ok(Config {
            root: root.to_path_buf(),
            title: title.unwrap_or_else(|| DEFAULT_TITLE.to_string()),
            base_url,
            language: language.unwrap_or_else(|| "zh-CN".to_string()),
            output: root.join(output.unwrap_or_else(|| "public".to_string())),
            search: search.unwrap_or(true),
            footer,
        })
    }
}
