//! The one wrapper around `std::fs`: every failure names the path and what we were doing.

use std::path::Path;

use crate::diag::{Error, Result};

fn io<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> Error + 'a {
    move |source| Error::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// Reads a file as bytes.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(io("读取", path))
}

/// Reads a file as bytes, or `None` when it is larger than `max` bytes (without reading more
/// than that, and without asking the file system for its size first).
pub fn read_at_most(path: &Path, max: u64) -> Result<Option<Vec<u8>>> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(io("读取", path))?;
    let mut bytes = Vec::new();
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(io("读取", path))?;
    Ok((bytes.len() as u64 <= max).then_some(bytes))
}

/// Writes a file, creating its folder first.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent() {
        create_dir_all(dir)?;
    }
    std::fs::write(path, bytes).map_err(io("写入", path))
}

/// Creates a folder and its parents.
pub fn create_dir_all(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).map_err(io("创建文件夹", path))
}

/// Removes a folder and everything in it; a missing folder is not an error.
pub fn remove_dir_all(path: &Path) -> Result<()> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        r => r.map_err(io("删除文件夹", path)),
    }
}

/// Removes a file.
pub fn remove_file(path: &Path) -> Result<()> {
    std::fs::remove_file(path).map_err(io("删除文件", path))
}

/// Renames a file or folder.
pub fn rename(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to).map_err(io("重命名", from))
}

/// Whether a folder has no entries (a missing folder counts as empty).
pub fn is_empty_dir(path: &Path) -> Result<bool> {
    match std::fs::read_dir(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        r => Ok(r.map_err(io("读取", path))?.next().is_none()),
    }
}
