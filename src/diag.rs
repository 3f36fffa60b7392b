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

/// Findings held in little memory until they are shown: a national build holds its warnings
/// (about one a report) from the report that raised them to the end. Each body's findings are
/// packed into one block: their texts in one string, their files once each.
#[derive(Debug, Clone, Default)]
pub(crate) struct Packed {
    blocks: Vec<Block>,
    errors: bool,
}

#[derive(Debug, Clone)]
struct Block {
    /// Every message, id and note, end to end.
    text: Box<str>,
    /// The files, each once in a row of findings about the same file.
    files: Box<[PathBuf]>,
    items: Box<[Item]>,
}

#[derive(Debug, Clone)]
struct Item {
    /// Index into the block's files.
    file: u32,
    line: Option<usize>,
    severity: Severity,
    /// Lengths in the text of the message, the id and the note.
    message: usize,
    id: Option<usize>,
    note: Option<usize>,
}

impl Packed {
    /// Packs `findings` as one block.
    pub(crate) fn add(&mut self, findings: Findings) {
        if findings.0.is_empty() {
            return;
        }
        let mut text = String::with_capacity(
            findings
                .0
                .iter()
                .map(|f| {
                    f.message.len()
                        + f.id.as_ref().map_or(0, String::len)
                        + f.note.as_ref().map_or(0, String::len)
                })
                .sum(),
        );
        let mut files: Vec<PathBuf> = Vec::new();
        let mut items = Vec::with_capacity(findings.0.len());
        for f in findings.0 {
            self.errors |= f.severity == Severity::Error;
            if files.last() != Some(&f.file) {
                files.push(f.file);
            }
            let message = f.message.len();
            text.push_str(&f.message);
            let mut part = |s: Option<String>| {
                s.map(|s| {
                    text.push_str(&s);
                    s.len()
                })
            };
            let (id, note) = (part(f.id), part(f.note));
            items.push(Item {
                file: (files.len() - 1) as u32,
                line: f.line,
                severity: f.severity,
                message,
                id,
                note,
            });
        }
        self.blocks.push(Block {
            text: text.into_boxed_str(),
            files: files.into_boxed_slice(),
            items: items.into_boxed_slice(),
        });
    }

    /// Whether any is an error.
    pub(crate) fn has_errors(&self) -> bool {
        self.errors
    }

    /// The findings again, in the order they were added, giving up the packed memory block by
    /// block.
    pub(crate) fn unpack(self) -> Findings {
        let mut out = Vec::with_capacity(self.blocks.iter().map(|b| b.items.len()).sum());
        for block in self.blocks {
            let mut at = 0;
            let mut take = |n: usize| {
                let s = block.text[at..at + n].to_string();
                at += n;
                s
            };
            for item in block.items.iter() {
                let message = take(item.message);
                let id = item.id.map(&mut take);
                let note = item.note.map(&mut take);
                out.push(Finding {
                    file: block.files[item.file as usize].clone(),
                    line: item.line,
                    severity: item.severity,
                    message,
                    id,
                    note,
                });
            }
        }
        Findings(out)
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
    fn packed_findings_come_back_as_they_went_in() {
        let a = Path::new("content/a/2021/report.yaml");
        let b = Path::new("content/a/2021/report.md");
        let body = |ids: bool| {
            let mut fs = Findings::default();
            fs.push(Finding::warning(a, Some(3), "表三「自然人」列：一 = 5"));
            fs.push(Finding::warning(a, None, "").with_id("t3.total"));
            let mut noted = Finding::warning(b, Some(12), "正文「收到申请 3 件」与表格不符");
            noted.note = Some("原文如此".into());
            fs.push(noted.with_id("text.received"));
            if ids {
                fs.push(Finding::warning(a, Some(40), "又一处"));
            }
            fs
        };
        let mut packed = Packed::default();
        packed.add(body(false));
        packed.add(Findings::default());
        packed.add(body(true));
        assert!(!packed.has_errors());
        let mut expected = body(false);
        expected.0.extend(body(true).0);
        assert_eq!(packed.clone().unpack().0, expected.0);

        packed.add(Findings(vec![Finding::error(b, Some(1), "错")]));
        assert!(packed.has_errors());
        assert_eq!(packed.unpack().errors(), 1);
    }

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
