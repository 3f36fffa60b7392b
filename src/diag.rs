//! Findings and errors: what went wrong, where, in words a report's compiler understands.
//!
//! Loading and checking collect every finding before deciding (a report with three mistakes
//! shows all three at once). [`format_findings`] is the one place that turns findings into
//! text: `build`, `check` and every `serve` rebuild print through it, so they always agree;
//! [`error_text`] is likewise the one text of an error that stops a command.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Stops the build.
    Error,
    /// Printed, but the build goes on.
    Warning,
}

/// One problem in the content, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    /// The file, relative to the site root.
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in the words of the official form.
    pub message: String,
    /// The check this finding comes from (`t3.outcomes.total`), for findings that a report may
    /// acknowledge as published (see `acknowledged` in docs/format.md).
    pub id: Option<String>,
    /// The report's note when it acknowledges the finding as published (原文如此).
    pub note: Option<String>,
}

impl Finding {
    /// An error at `file:line`.
    pub fn error(file: &Path, line: Option<usize>, message: impl Into<String>) -> Finding {
        Finding {
            file: file.to_path_buf(),
            line,
            severity: Severity::Error,
            message: message.into(),
            id: None,
            note: None,
        }
    }

    /// The same finding, naming the check it comes from.
    pub fn with_id(mut self, id: impl Into<String>) -> Finding {
        self.id = Some(id.into());
        self
    }

    /// Whether the report acknowledges this finding as published.
    pub fn is_acknowledged(&self) -> bool {
        self.note.is_some()
    }

    /// A warning at `file:line`.
    pub fn warning(file: &Path, line: Option<usize>, message: impl Into<String>) -> Finding {
        Finding {
            severity: Severity::Warning,
            ..Finding::error(file, line, message)
        }
    }

    /// `file:line` as shown to people (forward slashes on every system).
    pub fn location(&self) -> String {
        let file = self.file.to_string_lossy().replace('\\', "/");
        match self.line {
            Some(l) if l > 0 => format!("{file}:{l}"),
            _ => file,
        }
    }
}

/// Every finding of one run.
#[derive(Debug, Clone, Default)]
pub struct Findings(pub Vec<Finding>);

impl Findings {
    /// Adds a finding.
    pub fn push(&mut self, f: Finding) {
        self.0.push(f);
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|f| f.severity == Severity::Error)
    }

    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.0
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.0.len() - self.errors()
    }

    /// Orders findings by file and line, keeping the order in which each file's findings at
    /// one line were made (the form's column order), and drops exact repeats.
    pub fn sort(&mut self) {
        self.0
            .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        self.0.dedup();
    }
}

/// Formats findings, numbered, errors first then warnings, one per line.
///
/// ```text
/// 错误 1: content/ganzhou/2021/report.yaml:41: 表三「自然人」列: 一+二 = 707, 但 三（七）总计+四 = 708
/// ```
pub fn format_findings(findings: &Findings) -> String {
    let mut out = String::new();
    for (severity, word) in [(Severity::Error, "错误"), (Severity::Warning, "警告")] {
        let mut n = 0;
        for f in findings.0.iter().filter(|f| f.severity == severity) {
            n += 1;
            out.push_str(&format!("{word} {n}: {}: {}", f.location(), f.message));
            match (&f.note, &f.id) {
                (Some(note), _) => out.push_str(&format!("（已确认：{note}）")),
                (None, Some(id)) => out.push_str(&format!("（核对项 {id}）")),
                _ => {}
            }
            out.push('\n');
        }
    }
    out
}

/// An error that stops a command.
#[derive(Debug)]
pub enum Error {
    /// Reading or writing a file failed.
    Io {
        /// What we were doing (读取, 写入 …).
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// The content has errors; every finding (warnings too) is here.
    Content(Findings),
    /// `site.toml` is wrong.
    Config {
        /// The file.
        path: PathBuf,
        /// What is wrong, with the line when known.
        message: String,
    },
    /// A template failed to parse or render.
    Template(String),
    /// A file given to a command (such as `import`) cannot be used; the text says why.
    Input(String),
    /// Anything else, already in plain words.
    Other(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io {
                action,
                path,
                source,
            } => write!(f, "{action} {} 失败: {source}", path.display()),
            Error::Content(findings) => write!(
                f,
                "{}内容有 {} 处错误，未生成网站。",
                format_findings(findings),
                findings.errors()
            ),
            Error::Config { path, message } => write!(f, "{}: {message}", path.display()),
            Error::Template(m) => write!(f, "模板错误: {m}"),
            Error::Input(m) | Error::Other(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {}

/// The text printed for a failed command, and shown by `serve` over the last good page: one
/// function, so the terminal and the browser always say the same thing.
pub fn error_text(e: &Error) -> String {
    match e {
        Error::Content(_) => format!("{e}\n"),
        _ => format!("错误: {e}\n"),
    }
}

/// Result with this crate's error.
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_errors_before_warnings_and_numbers_each_kind() {
        let mut fs = Findings::default();
        fs.push(Finding::warning(Path::new("a.yaml"), Some(2), "w"));
        fs.push(Finding::error(Path::new("a.yaml"), Some(9), "e1"));
        fs.push(Finding::error(Path::new("b.md"), None, "e2"));
        assert_eq!(
            format_findings(&fs),
            "错误 1: a.yaml:9: e1\n错误 2: b.md: e2\n警告 1: a.yaml:2: w\n"
        );
    }

    #[test]
    fn error_text_prefixes_all_but_content_errors() {
        let mut fs = Findings::default();
        fs.push(Finding::error(Path::new("a.yaml"), Some(9), "e1"));
        let cases = [
            (
                Error::Content(fs),
                "错误 1: a.yaml:9: e1\n内容有 1 处错误，未生成网站。\n",
            ),
            (Error::Other("坏了".into()), "错误: 坏了\n"),
            (Error::Template("x".into()), "错误: 模板错误: x\n"),
        ];
        for (e, want) in cases {
            assert_eq!(error_text(&e), want);
        }
    }
}
