//! Write: the one step that touches the output folder.
//!
//! Pages are written into a staging folder beside the output (`.public.staging` for `public/`);
//! only when every page is written is the staging folder swapped with the output (`swap`), in
//! one step. A build that fails at any step, or is killed, therefore leaves the previously built
//! site exactly as it was. A lock beside the output (`.public.lock`) keeps two builds from
//! sharing a staging folder.
//!
//! What a build may replace is the output contract (`guard`): only a missing or empty folder,
//! or one that an earlier build made; and it deletes only files that an earlier build wrote,
//! as listed in the marker file each build leaves in its folder.
//!
//! The replaced output is kept as the next build's staging folder, and a file whose bytes are
//! already there is not written again. Creating and deleting thousands of files on every build
//! costs far more kernel time than the build itself on some file systems (see BENCHMARKS.md);
//! recycling the previous tree avoids both, and leaves unchanged files with their old
//! modification time, which suits `rsync`-style deployment.

mod files;
mod guard;
mod swap;

use std::collections::{HashMap, HashSet};

use files::{Entry, Files};
use std::fs::File;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::diag::{Error, Result};
use crate::fsx;

pub use guard::MARKER;

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

/// A staging folder that becomes the output on [`Staging::commit`].
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    state: Mutex<State>,
    _lock: swap::Lock,
}

/// What the build has written so far.
struct State {
    /// Every file that may be in the staging folder (the marker's list, and every file this
    /// build announced in the marker before writing it), with what is known of it.
    files: Files,
    /// The staging folder's marker, open for appending.
    journal: File,
}

/// A writer that hashes and counts what passes through it.
struct Hashing<W> {
    inner: W,
    hasher: xxhash_rust::xxh3::Xxh3,
    len: u64,
}

impl<W: std::io::Write> std::io::Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Refuses a path that would leave the output folder or replace its marker.
fn checked(rel: &str) -> Result<()> {
    if rel
        .split('/')
        .any(|p| p == ".." || p == "." || p.is_empty())
        || rel == MARKER
    {
        return Err(Error::Other(format!("拒绝写入输出文件夹之外的路径 {rel}")));
    }
    Ok(())
}

impl Staging {
    /// Checks the output contract for `output` (site root `root`), takes the build lock and
    /// prepares the staging folder, reusing the one a previous build left. Refuses, touching
    /// nothing, an output that the contract does not allow.
    pub fn new(root: &Path, output: &Path) -> Result<Staging> {
        let real = guard::resolve(output)?;
        guard::check_location(root, &real, output)?;
        let staging = staging_dir(&real)?;
        let old = sibling(&real, "old")?;
        if let Some(parent) = real.parent() {
            fsx::create_dir_all(parent)?;
        }
        let lock = swap::lock(&sibling(&real, "lock")?)?;
        if old.join(MARKER).is_file() {
            swap::recover(&real, &old)?;
        }
        let out = guard::inspect(&real, "输出文件夹", output, output)?;
        let stage = guard::inspect(&staging, "暂存文件夹", &staging_dir(output)?, output)?;
        if !stage.exists {
            fsx::create_dir_all(&staging)?;
        }
        drop(out);
        let journal = open_journal(&staging, stage.listed.is_empty())?;
        Ok(Staging {
            dir: staging,
            output: real,
            state: Mutex::new(State {
                files: stage.listed,
                journal,
            }),
            _lock: lock,
        })
    }

    fn state(&self) -> Result<std::sync::MutexGuard<'_, State>> {
        self.state
            .lock()
            .map_err(|_| Error::Other("写入状态异常".into()))
    }

    /// Puts one file at `rel` (a `/`-separated path below the output), unless the staging
    /// folder already holds exactly these bytes there: known by the hash the marker records for
    /// the file and its size on disk (no read), or, without a recorded hash, by reading it.
    pub fn put(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        checked(rel)?;
        let hash = xxhash_rust::xxh3::xxh3_64(bytes);
        let recorded = self.record(rel, hash)?;
        let path = self.dir.join(rel);
        let unchanged = match recorded {
            Some(h) => {
                h == hash
                    && std::fs::symlink_metadata(&path)
                        .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
            }
            None => std::fs::read(&path).is_ok_and(|old| old == bytes),
        };
        if unchanged {
            return Ok(());
        }
        if recorded.is_some() {
            self.forget(rel)?;
        }
        if fsx::write(&path, bytes).is_err() {
            // The previous tree may hold a folder where this build writes a file, or a file
            // where it needs a folder: clear the way, then write.
            self.clear_way(rel)?;
            fsx::write(&path, bytes)?;
        }
        Ok(())
    }

    /// Puts a file at `rel` whose bytes `fill` writes, without holding them: for the files that
    /// grow with the site (the combined open data). They go to a temporary file beside it,
    /// which replaces the file unless the bytes turn out the same as the recorded ones.
    pub fn put_with(
        &self,
        rel: &str,
        fill: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<()> {
        checked(rel)?;
        let tmp_rel = format!("{rel}.nianbao-tmp");
        // Announced like any file, so that a build killed while writing it leaves nothing the
        // next build does not recognise; never marked as written, so it is removed at the end
        // if it is still there.
        self.announce(&tmp_rel)?;
        let tmp = self.dir.join(&tmp_rel);
        let io_error = |e| Error::Io {
            action: "写入",
            path: tmp.clone(),
            source: e,
        };
        let file = match create(&tmp) {
            Ok(f) => f,
            Err(_) => {
                self.clear_way(&tmp_rel)?;
                create(&tmp)?
            }
        };
        let mut out = Hashing {
            inner: std::io::BufWriter::with_capacity(1 << 16, file),
            hasher: xxhash_rust::xxh3::Xxh3::new(),
            len: 0,
        };
        fill(&mut out).map_err(io_error)?;
        out.flush().map_err(io_error)?;
        let (hash, len) = (out.hasher.digest(), out.len);
        drop(out);
        let recorded = self.record(rel, hash)?;
        let path = self.dir.join(rel);
        let unchanged = recorded == Some(hash)
            && std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file() && m.len() == len);
        if unchanged {
            return fsx::remove_file(&tmp);
        }
        if recorded.is_some() {
            self.forget(rel)?;
        }
        if fsx::rename(&tmp, &path).is_err() {
            self.clear_way(rel)?;
            fsx::rename(&tmp, &path)?;
        }
        Ok(())
    }

    /// Notes that this build writes `rel` with bytes of this hash, announcing it in the marker
    /// first if the marker does not list it. Returns the hash the marker recorded for it.
    fn record(&self, rel: &str, hash: u64) -> Result<Option<u64>> {
        let mut state = self.state()?;
        let state = &mut *state;
        if let Some(mut entry) = state.files.get(rel) {
            entry.written = Some(hash);
            state.files.set(rel, entry);
            return Ok(entry.recorded);
        }
        // Announced before it exists: a build killed after this line leaves no file in the
        // staging folder that the next build would not recognise as its own.
        append(&mut state.journal, &self.dir, rel)?;
        let entry = Entry {
            recorded: None,
            written: Some(hash),
        };
        state.files.set(rel, entry);
        Ok(None)
    }

    /// Lists `rel` in the marker, if it is not there yet, without writing it.
    fn announce(&self, rel: &str) -> Result<()> {
        let mut state = self.state()?;
        let state = &mut *state;
        if !state.files.contains(rel) {
            append(&mut state.journal, &self.dir, rel)?;
            state.files.set(rel, Entry::default());
        }
        Ok(())
    }

    /// Forgets the recorded hash of `rel` before its bytes change: a build killed during the
    /// write leaves a marker that says to read this file, not to trust its old hash.
    fn forget(&self, rel: &str) -> Result<()> {
        let mut state = self.state()?;
        append(&mut state.journal, &self.dir, rel)
    }

    /// Whether this build has already written `rel`.
    pub fn has(&self, rel: &str) -> bool {
        self.state()
            .is_ok_and(|s| s.files.get(rel).is_some_and(|e| e.written.is_some()))
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

    /// Removes what an earlier build wrote and this one did not, records what this build wrote
    /// in the marker, then swaps the staging folder in as the output; the old output becomes
    /// the next staging folder.
    pub fn commit(self) -> Result<()> {
        let state = self
            .state
            .into_inner()
            .map_err(|_| Error::Other("写入状态异常".into()))?;
        remove_unwritten(&self.dir, &state.files)?;
        drop(state.journal);
        let mut listed: Vec<(&str, u64)> = state
            .files
            .iter()
            .filter_map(|(rel, e)| e.written.map(|h| (rel, h)))
            .collect();
        listed.sort_unstable();
        // Written as it is made: a national site's marker is tens of megabytes.
        let tmp = self.dir.join(guard::marker_tmp_name());
        let mut marker = std::io::BufWriter::with_capacity(1 << 16, create(&tmp)?);
        let written = marker
            .write_all(guard::MARKER_HEAD.as_bytes())
            .and_then(|()| {
                listed
                    .iter()
                    .try_for_each(|(rel, hash)| writeln!(marker, "{rel}\t{hash:016x}"))
            })
            .and_then(|()| marker.flush());
        written.map_err(|e| Error::Io {
            action: "写入",
            path: tmp.clone(),
            source: e,
        })?;
        drop(marker);
        drop(listed);
        fsx::rename(&tmp, &self.dir.join(MARKER))?;
        swap::swap(&self.dir, &self.output, &sibling(&self.output, "old")?)
    }
}

/// An output folder changed where it stands: the preview's partial rebuilds, which rewrite only
/// the files a change touched in the folder being served. Each file is replaced in one rename
/// (a reader gets the old bytes or the new), and the marker is rewritten at the end, so the
/// folder ends exactly as a full build of the same sources would leave it.
pub(crate) struct InPlace {
    dir: PathBuf,
    listed: HashMap<Box<str>, Option<u64>>,
}

impl InPlace {
    /// Opens a folder that a build made and that only this process changes (the preview's
    /// private folder): its marker is read, the folder is not searched for foreign files.
    pub(crate) fn open(dir: &Path) -> Result<InPlace> {
        Ok(InPlace {
            dir: dir.to_path_buf(),
            listed: guard::read_marker(&dir.join(MARKER))?
                .iter()
                .map(|(rel, e)| (rel.into(), e.recorded))
                .collect(),
        })
    }

    /// Writes `bytes` at `rel` unless the folder holds them already.
    pub(crate) fn put(&mut self, rel: &str, bytes: &[u8]) -> Result<()> {
        let hash = xxhash_rust::xxh3::xxh3_64(bytes);
        let path = self.dir.join(rel);
        let same = self.listed.get(rel) == Some(&Some(hash))
            && std::fs::symlink_metadata(&path).is_ok_and(|m| m.len() == bytes.len() as u64);
        if !same {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let tmp = path.with_file_name(format!(".{name}.nianbao-tmp"));
            fsx::write(&tmp, bytes)?;
            fsx::rename(&tmp, &path)?;
        }
        self.listed.insert(rel.into(), Some(hash));
        Ok(())
    }

    /// Removes a file that the build no longer makes, and the folders this leaves empty.
    pub(crate) fn remove(&mut self, rel: &str) -> Result<()> {
        if self.listed.remove(rel).is_none() {
            return Ok(());
        }
        let path = self.dir.join(rel);
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
            fsx::remove_file(&path)?;
        }
        let mut parent = path.parent();
        while let Some(p) = parent.filter(|p| *p != self.dir && p.starts_with(&self.dir)) {
            if !fsx::is_empty_dir(p)? || std::fs::remove_dir(p).is_err() {
                break;
            }
            parent = p.parent();
        }
        Ok(())
    }

    /// Records what the folder now holds in its marker.
    pub(crate) fn finish(self) -> Result<()> {
        let mut listed: Vec<(&Box<str>, &Option<u64>)> = self.listed.iter().collect();
        listed.sort();
        let mut marker = String::from(guard::MARKER_HEAD);
        for (rel, hash) in listed {
            match hash {
                Some(h) => marker.push_str(&format!("{rel}\t{h:016x}\n")),
                None => marker.push_str(&format!("{rel}\n")),
            }
        }
        let tmp = self.dir.join(guard::marker_tmp_name());
        fsx::write(&tmp, marker.as_bytes())?;
        fsx::rename(&tmp, &self.dir.join(MARKER))
    }
}

/// Creates a file, and its folder first.
fn create(path: &Path) -> Result<File> {
    if let Some(dir) = path.parent() {
        fsx::create_dir_all(dir)?;
    }
    File::create(path).map_err(|e| Error::Io {
        action: "写入",
        path: path.to_path_buf(),
        source: e,
    })
}

/// Appends `rel` to the marker open as `journal` in `dir`.
fn append(journal: &mut File, dir: &Path, rel: &str) -> Result<()> {
    writeln!(journal, "{rel}").map_err(|e| Error::Io {
        action: "写入",
        path: dir.join(MARKER),
        source: e,
    })
}

/// The staging folder's marker, open for appending; a new one starts with its header.
fn open_journal(staging: &Path, fresh: bool) -> Result<File> {
    let path = staging.join(MARKER);
    if fresh && !path.is_file() {
        fsx::write(&path, guard::MARKER_HEAD.as_bytes())?;
    }
    std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .map_err(|e| Error::Io {
            action: "写入",
            path,
            source: e,
        })
}

/// Deletes every file of `files` that this build did not write, and the folders this leaves
/// empty.
fn remove_unwritten(dir: &Path, files: &Files) -> Result<()> {
    let mut folders = HashSet::new();
    for rel in files
        .iter()
        .filter(|(_, e)| e.written.is_none())
        .map(|(rel, _)| rel)
    {
        let path = dir.join(rel);
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.is_file() => fsx::remove_file(&path)?,
            _ => continue,
        }
        let mut parent = Path::new(rel).parent();
        while let Some(p) = parent.filter(|p| !p.as_os_str().is_empty()) {
            folders.insert(p.to_path_buf());
            parent = p.parent();
        }
    }
    // Deepest first, so that a folder is empty once its sub-folders are gone.
    let mut folders: Vec<PathBuf> = folders.into_iter().collect();
    folders.sort_by_key(|f| std::cmp::Reverse(f.components().count()));
    for folder in folders {
        let path = dir.join(folder);
        if fsx::is_empty_dir(&path)? && path.is_dir() {
            std::fs::remove_dir(&path).map_err(|e| Error::Io {
                action: "删除文件夹",
                path,
                source: e,
            })?;
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
            .map(|e| guard::rel_path(dir, e.path()))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_rebuild_removes_stale_files_and_reshapes_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        for round in 0..3 {
            let s = Staging::new(tmp.path(), &out).unwrap();
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
        assert_eq!(files(&out), [MARKER, "a", "b/c/d.html", "index.html"]);
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"v2");
        let marker = std::fs::read_to_string(out.join(MARKER)).unwrap();
        let paths: Vec<&str> = marker
            .lines()
            .skip(1)
            .map(|l| l.split('\t').next().unwrap())
            .collect();
        assert_eq!(paths, ["a", "b/c/d.html", "index.html"], "{marker}");
        assert!(out.with_file_name(".public.staging").is_dir());
        assert!(!out.with_file_name(".public.old").exists());
    }

    /// When the file at `path` was last written.
    fn modified(path: &Path) -> std::time::SystemTime {
        std::fs::metadata(path).unwrap().modified().unwrap()
    }

    #[test]
    fn an_unchanged_file_is_not_written_again_and_a_changed_one_is() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let stamp = |rel: &str| modified(&out.join(rel));
        let mut before = None;
        for round in 0..4 {
            let s = Staging::new(tmp.path(), &out).unwrap();
            s.put("same.html", b"same").unwrap();
            s.put("moving.html", format!("v{round}").as_bytes())
                .unwrap();
            s.commit().unwrap();
            // The output and the staging folder take turns: round 3 writes into round 1's.
            if round == 1 {
                before = Some(stamp("same.html"));
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert_eq!(Some(stamp("same.html")), before, "unchanged: not rewritten");
        assert_eq!(std::fs::read(out.join("moving.html")).unwrap(), b"v3");
        // A file changed by hand to another size is written again.
        std::fs::write(
            out.with_file_name(".public.staging").join("same.html"),
            "edited!",
        )
        .unwrap();
        let s = Staging::new(tmp.path(), &out).unwrap();
        s.put("same.html", b"same").unwrap();
        s.put("moving.html", b"v4").unwrap();
        s.commit().unwrap();
        assert_eq!(std::fs::read(out.join("same.html")).unwrap(), b"same");
    }

    #[test]
    fn a_streamed_file_is_written_whole_and_only_when_its_bytes_change() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let stamp = |rel: &str| modified(&out.join(rel));
        // Written in many small pieces, larger than the writer's buffer.
        let big = |tag: String| {
            move |w: &mut dyn std::io::Write| -> std::io::Result<()> {
                for i in 0..20_000 {
                    writeln!(w, "{tag} 第{i}行")?;
                }
                Ok(())
            }
        };
        let whole = |tag: &str| {
            let mut v = Vec::new();
            big(tag.to_string())(&mut v).unwrap();
            v
        };
        let mut before = None;
        for round in 0..4 {
            let s = Staging::new(tmp.path(), &out).unwrap();
            s.put_with("data/all.csv", &mut big("same".into())).unwrap();
            s.put_with("data/moving.csv", &mut big(format!("v{round}")))
                .unwrap();
            s.commit().unwrap();
            if round == 1 {
                before = Some(stamp("data/all.csv"));
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert_eq!(
            Some(stamp("data/all.csv")),
            before,
            "unchanged: not rewritten"
        );
        assert_eq!(
            std::fs::read(out.join("data/all.csv")).unwrap(),
            whole("same")
        );
        assert_eq!(
            std::fs::read(out.join("data/moving.csv")).unwrap(),
            whole("v3")
        );
        assert_eq!(
            files(&out),
            [MARKER, "data/all.csv", "data/moving.csv"],
            "no temporary file is left"
        );
        // The marker records the same hash as for bytes put whole: a later `put` of the same
        // bytes is recognised as unchanged.
        let s = Staging::new(tmp.path(), &out).unwrap();
        s.put("data/all.csv", &whole("same")).unwrap();
        s.put("data/moving.csv", &whole("v3")).unwrap();
        s.commit().unwrap();
        let s = Staging::new(tmp.path(), &out).unwrap();
        s.put("data/all.csv", &whole("same")).unwrap();
        s.put("data/moving.csv", &whole("v3")).unwrap();
        s.commit().unwrap();
        assert_eq!(Some(stamp("data/all.csv")), before);
        // A failure while writing fails the build and leaves the output as it was.
        let s = Staging::new(tmp.path(), &out).unwrap();
        let err = s.put_with("data/all.csv", &mut |w: &mut dyn std::io::Write| {
            w.write_all(b"half")?;
            Err(std::io::Error::other("stopped"))
        });
        assert!(err.is_err());
        drop(s);
        assert_eq!(
            std::fs::read(out.join("data/all.csv")).unwrap(),
            whole("same")
        );
    }

    #[test]
    fn a_build_stopped_halfway_does_not_leave_a_trusted_stale_hash() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        for _ in 0..2 {
            let s = Staging::new(tmp.path(), &out).unwrap();
            s.put("page.html", b"old!").unwrap();
            s.commit().unwrap();
        }
        // A build writes new bytes of the same size, then stops without committing.
        let s = Staging::new(tmp.path(), &out).unwrap();
        s.put("page.html", b"new!").unwrap();
        drop(s);
        // The next two builds write the old bytes again: both folders must hold them.
        for _ in 0..2 {
            let s = Staging::new(tmp.path(), &out).unwrap();
            s.put("page.html", b"old!").unwrap();
            s.commit().unwrap();
            assert_eq!(std::fs::read(out.join("page.html")).unwrap(), b"old!");
        }
    }

    #[test]
    fn refuses_paths_that_leave_the_output() {
        let tmp = tempfile::tempdir().unwrap();
        let s = Staging::new(tmp.path(), &tmp.path().join("public")).unwrap();
        for bad in ["../x", "a/../../x", "", "a//b", "./x", MARKER] {
            assert!(s.put(bad, b"x").is_err(), "{bad}");
        }
    }

    #[test]
    fn a_second_build_of_the_same_output_is_refused_while_the_first_runs() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let first = Staging::new(tmp.path(), &out).unwrap();
        let second = Staging::new(tmp.path(), &out).err().unwrap();
        assert!(
            second.to_string().contains("另一个构建正在进行"),
            "{second}"
        );
        first.commit().unwrap();
        assert!(Staging::new(tmp.path(), &out).is_ok());
    }
}
