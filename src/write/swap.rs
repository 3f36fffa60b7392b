//! The two operations that make a build atomic towards its readers and towards other builds:
//! the build lock, and the swap of the finished staging folder with the output folder.
//!
//! On Linux the swap is one `renameat2(RENAME_EXCHANGE)` call: at every instant the output path
//! names either the old site or the new one, also when the process is killed. Where the file
//! system or the system does not offer it, the swap falls back to three renames through
//! `.<name>.old`; a build killed between them leaves the old site in `.<name>.old`, and the
//! next build puts it back before doing anything else.

use std::fs::File;
use std::path::Path;

use crate::diag::{Error, Result};
use crate::fsx;

/// Holds the build lock of one output folder until dropped.
#[derive(Debug)]
pub(super) struct Lock {
    _file: File,
}

/// Takes the lock of an output folder (`.<name>.lock` beside it), or says that another build
/// holds it. The lock file is never followed through a symbolic link.
pub(super) fn lock(path: &Path) -> Result<Lock> {
    let mut opts = std::fs::OpenOptions::new();
    opts.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    let file = opts.open(path).map_err(|e| {
        Error::Other(format!(
            "无法打开构建锁 {}（{e}）；如果它是符号链接，请删除它",
            path.display()
        ))
    })?;
    match file.try_lock() {
        Ok(()) => Ok(Lock { _file: file }),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::Other(format!(
            "另一个构建正在进行（锁文件 {}）：请等它结束后再试",
            path.display()
        ))),
        Err(std::fs::TryLockError::Error(e)) => Err(Error::Io {
            action: "锁定",
            path: path.to_path_buf(),
            source: e,
        }),
    }
}

/// Makes `staging` the output: exchanges the two folders when the output exists (the old site
/// then sits in `staging`), else moves `staging` into place.
pub(super) fn swap(staging: &Path, output: &Path, old: &Path) -> Result<()> {
    let exists = std::fs::symlink_metadata(output).is_ok();
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        use rustix::io::Errno;
        let flags = if exists {
            RenameFlags::EXCHANGE
        } else {
            RenameFlags::NOREPLACE
        };
        match renameat_with(CWD, staging, CWD, output, flags) {
            Ok(()) => return Ok(()),
            // The file system (or an old kernel) does not support it: fall back.
            Err(e) if e == Errno::INVAL || e == Errno::NOSYS || e == Errno::OPNOTSUPP => {}
            Err(e) => {
                return Err(Error::Io {
                    action: "替换输出文件夹",
                    path: output.to_path_buf(),
                    source: e.into(),
                })
            }
        }
    }
    if exists {
        fsx::remove_dir_all(old)?;
        fsx::rename(output, old)?;
        fsx::rename(staging, output)?;
        fsx::rename(old, staging)
    } else {
        fsx::rename(staging, output)
    }
}

/// Puts back an output folder that a killed fallback swap left in `old`.
pub(super) fn recover(output: &Path, old: &Path) -> Result<()> {
    let output_missing = std::fs::symlink_metadata(output).is_err();
    let old_is_dir = std::fs::symlink_metadata(old).is_ok_and(|m| m.is_dir());
    if output_missing && old_is_dir {
        fsx::rename(old, output)?;
    }
    Ok(())
}
