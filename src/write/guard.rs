//! The output contract: which folders a build may replace, checked before anything is touched.
//!
//! A build replaces its output folder whole, so a careless `--output` could otherwise destroy a
//! user's files. A build therefore refuses (and touches nothing) when the output
//! - is, contains, or is inside the site's `content/`, `templates/`, `static/` or a `.git`;
//! - is, or contains, the site root, the home folder or `/`;
//! - reaches any of these through a symbolic link (every check runs on the resolved path);
//! - exists and is a file, or a folder that is not empty and carries no marker file.
//!
//! Every folder a build makes carries the marker `.nianbao-output`, which lists the files that
//! build wrote. A later build deletes only files on that list: a file that nianbao did not write
//! (or a symbolic link, which nianbao never writes) in the output or in the staging folder stops
//! the build with its name, instead of being deleted.

use std::ffi::OsString;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::files::{Entry, Files};
use crate::diag::{Error, Result};
use crate::fsx;

/// The marker file of every folder a build makes; it lists the files the build wrote.
pub const MARKER: &str = ".nianbao-output";

/// The marker's first line, which says what the file is to anyone who opens it.
pub(super) const MARKER_HEAD: &str =
    "# nianbao 输出文件夹标记：以下是 nianbao 生成的文件，下次构建只会替换或删除这些文件。\n";

/// What a refused output is told (exit code 2).
fn refuse(message: String) -> Error {
    Error::Other(message)
}

/// The absolute path of `path` with every symbolic link resolved, also for a folder that does
/// not exist yet (its deepest existing ancestor is resolved and the rest appended).
pub(super) fn resolve(path: &Path) -> Result<PathBuf> {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| Error::Other(format!("无法确定当前文件夹: {e}")))?
            .join(path)
    };
    let mut existing = abs.clone();
    let mut missing: Vec<OsString> = Vec::new();
    loop {
        match std::fs::symlink_metadata(&existing) {
            Ok(_) => break,
            Err(e) if e.kind() == ErrorKind::NotFound => {
                let name = existing.file_name().ok_or_else(|| {
                    refuse(format!(
                        "输出文件夹 {} 无效：请写出完整的文件夹路径",
                        path.display()
                    ))
                })?;
                missing.push(name.to_os_string());
                existing = match existing.parent() {
                    Some(p) => p.to_path_buf(),
                    None => break,
                };
            }
            Err(e) => {
                return Err(Error::Io {
                    action: "读取",
                    path: existing,
                    source: e,
                })
            }
        }
    }
    let mut real = existing.canonicalize().map_err(|e| {
        refuse(format!(
            "输出文件夹 {} 无法解析（{e}）：它或它的上级是指向不存在位置的符号链接？",
            path.display()
        ))
    })?;
    for name in missing.into_iter().rev() {
        real.push(name);
    }
    Ok(real)
}

/// The resolved form of a folder the output must keep away from, or the path as given when it
/// does not exist.
fn real_or_given(p: PathBuf) -> PathBuf {
    p.canonicalize().unwrap_or(p)
}

/// Refuses an output folder that is, contains or lies inside a folder the build must never
/// replace. `output` is resolved; `given` is what the user wrote, for the message.
pub(super) fn check_location(root: &Path, output: &Path, given: &Path) -> Result<()> {
    let root = real_or_given(root.to_path_buf());
    let said = |relation: &str, what: &str, p: &Path| {
        refuse(format!(
            "不能输出到 {}：它{relation}{what}（{}）。每次构建都会整体替换输出文件夹，请另选一个专用的文件夹（默认是网站目录下的 public/）",
            given.display(),
            p.display()
        ))
    };
    // The site's sources and any repository that holds them: never the output, never inside it,
    // never around it.
    let mut sources: Vec<(PathBuf, String)> = [
        ("content", "网站的内容文件夹 content/"),
        ("templates", "网站的模板文件夹 templates/"),
        ("static", "网站的静态文件文件夹 static/"),
        (".git", "版本库文件夹 .git"),
    ]
    .iter()
    .map(|(d, what)| (real_or_given(root.join(d)), what.to_string()))
    .collect();
    sources.extend(
        root.ancestors()
            .skip(1)
            .map(|a| a.join(".git"))
            .filter(|g| g.exists())
            .map(|g| (real_or_given(g), "版本库文件夹 .git".to_string())),
    );
    for (p, what) in &sources {
        if output == p {
            return Err(said("就是", what, p));
        }
        if output.starts_with(p) {
            return Err(said("在", &format!("{what}之内"), p));
        }
        if p.starts_with(output) {
            return Err(said("包含", what, p));
        }
    }
    // Folders that hold the site or everything: never the output, never inside it.
    let mut around = vec![(root.clone(), "网站目录"), (PathBuf::from("/"), "根目录 /")];
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        around.push((real_or_given(PathBuf::from(home)), "主目录"));
    }
    for (p, what) in &around {
        if output == p {
            return Err(said("就是", what, p));
        }
        if p.starts_with(output) {
            return Err(said("包含", what, p));
        }
    }
    Ok(())
}

/// What a folder that a build may replace holds.
#[derive(Debug, Default)]
pub(super) struct Folder {
    /// Whether the folder exists.
    pub exists: bool,
    /// The files its marker lists (written by an earlier build), `/`-separated, each with the
    /// hash of the bytes written when the marker records it.
    pub listed: Files,
}

/// Reads a folder the build would replace or reuse (the output or the staging folder) and
/// refuses it unless it is missing, empty, or marked with only files that nianbao wrote in it.
/// `what` names the folder in messages, `shown` is its path as the user wrote it and `given`
/// the output they asked for.
pub(super) fn inspect(dir: &Path, what: &str, shown: &Path, given: &Path) -> Result<Folder> {
    let meta = match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Folder::default()),
        Err(e) => {
            return Err(Error::Io {
                action: "读取",
                path: dir.to_path_buf(),
                source: e,
            })
        }
        Ok(m) => m,
    };
    if meta.file_type().is_symlink() {
        return Err(refuse(format!(
            "{what} {} 是符号链接：nianbao 不会跟随它写入或删除。请删除这个链接后再构建",
            shown.display()
        )));
    }
    if !meta.is_dir() {
        return Err(refuse(format!(
            "不能输出到 {}：{} 是一个文件，不是文件夹。请另选输出文件夹",
            given.display(),
            shown.display()
        )));
    }
    if fsx::is_empty_dir(dir)? {
        return Ok(Folder {
            exists: true,
            listed: Files::default(),
        });
    }
    let marker = dir.join(MARKER);
    let listed = match std::fs::symlink_metadata(&marker) {
        Ok(m) if m.is_file() => read_marker(&marker)?,
        _ => {
            return Err(refuse(format!(
                "不能输出到 {}：{what} {} 不是空的，也没有 nianbao 的标记文件 {MARKER}，可能存放着别的文件。每次构建都会整体替换输出文件夹，请另选一个新的或空的文件夹；如果它确实是旧版 nianbao 生成的网站，请先删除它",
                given.display(),
                shown.display()
            )))
        }
    };
    foreign_files(dir, &listed, what, shown)?;
    Ok(Folder {
        exists: true,
        listed,
    })
}

/// The file list of a marker (header and comment lines skipped): `path` or `path<TAB>hash`. A
/// path listed again later (announced by a build before it wrote the file) loses its hash.
pub(super) fn read_marker(marker: &Path) -> Result<Files> {
    let bytes = fsx::read(marker)?;
    let text = String::from_utf8_lossy(&bytes);
    let listed = || {
        text.lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
    };
    let mut files = Files::with_capacity(listed().count(), text.len());
    for line in listed() {
        let (path, recorded) = match line.split_once('\t') {
            Some((path, hash)) => (path, u64::from_str_radix(hash, 16).ok()),
            None => (line, None),
        };
        let entry = Entry {
            recorded,
            written: None,
        };
        files.set(path, entry);
    }
    Ok(files)
}

/// Refuses a marked folder that holds anything nianbao did not write there.
fn foreign_files(dir: &Path, listed: &Files, what: &str, shown: &Path) -> Result<()> {
    let mut foreign = Vec::new();
    // Unsorted: a national output has hundreds of thousands of files, and the foreign ones
    // are sorted afterwards as the walk would have found them, folder by folder.
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.map_err(|e| Error::Other(format!("读取 {} 失败: {e}", dir.display())))?;
        let kind = entry.file_type();
        if kind.is_dir() {
            continue;
        }
        let rel = rel_path(dir, entry.path());
        let ours =
            kind.is_file() && (listed.contains(&rel) || rel == MARKER || rel == marker_tmp_name());
        if !ours {
            foreign.push(rel);
        }
    }
    if foreign.is_empty() {
        return Ok(());
    }
    foreign.sort_unstable_by(|a, b| a.split('/').cmp(b.split('/')));
    let names: Vec<&str> = foreign.iter().take(5).map(String::as_str).collect();
    Err(refuse(format!(
        "{what} {} 中有 {} 个不是 nianbao 生成的文件（或符号链接），构建不会删除它们：{}{}。要随网站发布的文件请放进网站的 static/ 文件夹；其余请移走后再构建",
        shown.display(),
        foreign.len(),
        names.join("、"),
        if foreign.len() > names.len() { " 等" } else { "" }
    )))
}

/// The temporary name under which a new marker is written before it replaces the old one.
pub(super) fn marker_tmp_name() -> String {
    format!("{MARKER}.tmp")
}

/// `path` below `dir`, `/`-separated.
pub(super) fn rel_path(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_sources_home_and_root_but_not_a_folder_beside_them() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        for d in ["content", "static"] {
            std::fs::create_dir(root.join(d)).unwrap();
        }
        let ok = |out: &str| check_location(&root, &root.join(out), Path::new(out)).is_ok();
        assert!(ok("public"));
        assert!(ok("site/out"));
        assert!(!ok("content"));
        assert!(!ok("content/x"));
        assert!(!ok("static"));
        assert!(!ok("templates/a"));
        assert!(!ok(".git"));
        assert!(check_location(&root, &root, Path::new(".")).is_err());
        assert!(check_location(&root, Path::new("/"), Path::new("/")).is_err());
        assert!(check_location(&root, root.parent().unwrap(), Path::new("..")).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn resolves_links_and_missing_tails() {
        let tmp = tempfile::tempdir().unwrap();
        let base = tmp.path().canonicalize().unwrap();
        std::fs::create_dir(base.join("real")).unwrap();
        std::os::unix::fs::symlink(base.join("real"), base.join("link")).unwrap();
        assert_eq!(
            resolve(&base.join("link/new/deeper")).unwrap(),
            base.join("real/new/deeper")
        );
        assert!(resolve(&base.join("missing/..")).is_err());
    }
}
