//! Write: the one step that touches the output folder.
//!
//! Pages are written into a staging folder next to the output; only when every page is written
//! does the staging folder replace the output. A build that fails at any step therefore leaves
//! the previously built site exactly as it was.

use std::path::{Path, PathBuf};

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

/// A staging folder that becomes the output on [`Staging::commit`], or disappears.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    committed: bool,
}

impl Staging {
    /// Prepares an empty staging folder beside `output`.
    pub fn new(output: &Path) -> Result<Staging> {
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| Error::Other(format!("输出文件夹 {} 无效", output.display())))?;
        let parent = output.parent().unwrap_or(Path::new("."));
        fsx::create_dir_all(if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        })?;
        let dir = output.with_file_name(format!(".{name}.staging"));
        fsx::remove_dir_all(&dir)?;
        fsx::create_dir_all(&dir)?;
        Ok(Staging {
            dir,
            output: output.to_path_buf(),
            committed: false,
        })
    }

    /// Writes one file at `rel` (a `/`-separated path below the output).
    pub fn put(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        if rel.split('/').any(|p| p == ".." || p.is_empty()) {
            return Err(Error::Other(format!("拒绝写入输出文件夹之外的路径 {rel}")));
        }
        fsx::write(&self.dir.join(rel), bytes)
    }

    /// Replaces the output folder with the staging folder.
    pub fn commit(mut self) -> Result<()> {
        let old = self.output.with_file_name(format!(
            ".{}.old",
            self.output
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        ));
        fsx::remove_dir_all(&old)?;
        if self.output.exists() {
            fsx::rename(&self.output, &old)?;
        }
        fsx::rename(&self.dir, &self.output)?;
        self.committed = true;
        fsx::remove_dir_all(&old)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}
