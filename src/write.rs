//! Write: the one step that touches the output folder.
//!
//! Pages are written into a staging folder next to the output; only when every page is written
//! does the staging folder replace the output. A build that fails at any step therefore leaves
//! the previously built site exactly as it was.
//!
//! The replaced output is kept as the next build's staging folder (`.public.staging` beside
//! `public/`), and a file whose bytes are already there is not written again. Creating and
//! deleting thousands of files on every build costs far more kernel time than the build itself
//! on some file systems (see BENCHMARKS.md); recycling the previous tree avoids both, and leaves
//! unchanged files with their old modification time, which suits `rsync`-style deployment.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::diag::{Error, Result};
use crate::fsx;

/// Refuses an output folder whose replacement would destroy the site itself: the site root,
/// a folder that contains it, or its `content/`, `templates/` or `static/` (or anything inside
/// them). The output folder is replaced whole on every build.
pub fn guard_output(root: &Path, output: &Path) -> Result<()> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        // Resolve what exists; the output folder itself may not exist yet.
        match (p.parent(), p.file_name()) {
            (Some(parent), Some(name)) => parent
                .canonicalize()
                .map(|c| c.join(name))
                .unwrap_or(p.clone()),
            _ => p.canonicalize().unwrap_or(p.clone()),
        }
    };
    let (root, out) = (abs(root), abs(output));
    let root = root.canonicalize().unwrap_or(root);
    let protected = ["content", "templates", "static"].map(|d| root.join(d));
    if root.starts_with(&out) || protected.iter().any(|p| out.starts_with(p)) {
        return Err(Error::Other(format!(
            "输出文件夹 {} 不能是网站目录本身、它的上级或 content/templates/static 之内：每次构建都会整体替换输出文件夹",
            output.display()
        )));
    }
    Ok(())
}

/// A staging folder that becomes the output on [`Staging::commit`].
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    written: Mutex<HashSet<String>>,
}

/// `.<name>.<suffix>` beside `output`.
fn sibling(output: &Path, suffix: &str) -> Result<PathBuf> {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| Error::Other(format!("输出文件夹 {} 无效", output.display())))?;
    Ok(output.with_file_name(format!(".{name}.{suffix}")))
}

/// The staging folder a build into `output` writes first (and recycles next time).
pub fn staging_dir(output: &Path) -> Result<PathBuf> {
    sibling(output, "staging")
}

impl Staging {
    /// Prepares the staging folder beside `output`, reusing the one a previous build left.
    pub fn new(output: &Path) -> Result<Staging> {
        let parent = output.parent().unwrap_or(Path::new("."));
        fsx::create_dir_all(if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        })?;
        let dir = staging_dir(output)?;
        if dir.exists() && !dir.is_dir() {
            fsx::remove_file(&dir)?;
        }
        fsx::create_dir_all(&dir)?;
        Ok(Staging {
            dir,
            output: output.to_path_buf(),
            written: Mutex::new(HashSet::new()),
        })
    }

    /// Puts one file at `rel` (a `/`-separated path below the output), unless the staging
    /// folder already holds exactly these bytes there.
    pub fn put(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        if rel
            .split('/')
            .any(|p| p == ".." || p == "." || p.is_empty())
        {
            return Err(Error::Other(format!("拒绝写入输出文件夹之外的路径 {rel}")));
        }
        self.written
            .lock()
            .map_err(|_| Error::Other("写入状态异常".into()))?
            .insert(rel.to_string());
        let path = self.dir.join(rel);
        if std::fs::read(&path).is_ok_and(|old| old == bytes) {
            return Ok(());
        }
        if fsx::write(&path, bytes).is_err() {
            // The previous tree may hold a folder where this build writes a file, or a file
            // where it needs a folder: clear the way, then write.
            self.clear_way(rel)?;
            fsx::write(&path, bytes)?;
        }
        Ok(())
    }

    fn clear_way(&self, rel: &str) -> Result<()> {
        let mut at = self.dir.clone();
        let parts: Vec<&str> = rel.split('/').collect();
        for (i, part) in parts.iter().enumerate() {
            at.push(part);
            let last = i + 1 == parts.len();
            if last && at.is_dir() {
                fsx::remove_dir_all(&at)?;
            } else if !last && at.exists() && !at.is_dir() {
                fsx::remove_file(&at)?;
            }
        }
        Ok(())
    }

    /// Removes what the previous build wrote and this one did not, then swaps the staging
    /// folder in as the output; the old output becomes the next staging folder.
    pub fn commit(self) -> Result<()> {
        let written = self
            .written
            .into_inner()
            .map_err(|_| Error::Other("写入状态异常".into()))?;
        remove_unwritten(&self.dir, &written)?;
        let old = sibling(&self.output, "old")?;
        fsx::remove_dir_all(&old)?;
        if self.output.exists() {
            fsx::rename(&self.output, &old)?;
        }
        fsx::rename(&self.dir, &self.output)?;
        if old.exists() {
            fsx::rename(&old, &self.dir)?;
        }
        Ok(())
    }
}

/// Deletes every file below `dir` that is not in `written`, and folders left empty.
fn remove_unwritten(dir: &Path, written: &HashSet<String>) -> Result<()> {
    let mut folders = Vec::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.map_err(|e| Error::Other(format!("读取 {} 失败: {e}", dir.display())))?;
        let rel = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        if entry.file_type().is_dir() {
            folders.push(entry.into_path());
        } else if !written.contains(&rel) {
            fsx::remove_file(entry.path())?;
        }
    }
    // Deepest first, so that a folder is empty once its sub-folders are gone.
    for folder in folders.iter().rev() {
        if std::fs::read_dir(folder).is_ok_and(|mut d| d.next().is_none()) {
            fsx::remove_dir_all(folder)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(dir: &Path) -> Vec<String> {
        let mut out: Vec<String> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_rebuild_removes_stale_files_and_reshapes_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        for round in 0..3 {
            let s = Staging::new(&out).unwrap();
            s.put("index.html", format!("v{round}").as_bytes()).unwrap();
            if round == 0 {
                s.put("a/index.html", b"old page").unwrap();
                s.put("gone.txt", b"x").unwrap();
            } else {
                // `a` was a folder, now a file; `b` is new.
                s.put("a", b"now a file").unwrap();
                s.put("b/c/d.html", b"deep").unwrap();
            }
            s.commit().unwrap();
        }
        assert_eq!(files(&out), ["a", "b/c/d.html", "index.html"]);
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"v2");
        assert!(out.with_file_name(".public.staging").is_dir());
        assert!(!out.with_file_name(".public.old").exists());
    }

    #[test]
    fn refuses_paths_that_leave_the_output() {
        let tmp = tempfile::tempdir().unwrap();
        let s = Staging::new(&tmp.path().join("public")).unwrap();
        for bad in ["../x", "a/../../x", "", "a//b", "./x"] {
            assert!(s.put(bad, b"x").is_err(), "{bad}");
        }
    }
}
