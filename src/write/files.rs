//! The list of files in an output or staging folder, with what is known of each. A national
//! site has hundreds of thousands of files, so the paths are kept end to end in one string and
//! the table holds small fixed-size entries: about 80 bytes a file, a third of a map of strings.

use hashbrown::HashTable;

/// What is known of one file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The hash the marker records for the bytes already there, if it records one.
    pub recorded: Option<u64>,
    /// The hash of the bytes this build wrote, once it has written the file.
    pub written: Option<u64>,
}

/// One file: where its path is in the names, and what is known of it.
#[derive(Debug, Clone, Copy)]
struct Slot {
    start: u32,
    len: u32,
    entry: Entry,
}

/// Paths (`/`-separated, relative to the folder) with an [`Entry`] each.
#[derive(Default)]
pub(crate) struct Files {
    names: String,
    slots: Vec<Slot>,
    /// Indexes into `slots`, by the hash of the path.
    table: HashTable<u32>,
}

fn hash(rel: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(rel.as_bytes())
}

impl std::fmt::Debug for Files {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Files {
    fn name(&self, slot: &Slot) -> &str {
        &self.names[slot.start as usize..(slot.start + slot.len) as usize]
    }

    fn find(&self, rel: &str) -> Option<usize> {
        self.table
            .find(hash(rel), |&i| self.name(&self.slots[i as usize]) == rel)
            .map(|&i| i as usize)
    }

    /// Room for `files` paths of `bytes` bytes in all, made at once: a national site lists
    /// hundreds of thousands, which growing one by one would leave up to twice the room for.
    pub(crate) fn with_capacity(files: usize, bytes: usize) -> Files {
        Files {
            names: String::with_capacity(bytes),
            slots: Vec::with_capacity(files),
            table: HashTable::with_capacity(files),
        }
    }

    /// Whether there are none.
    pub(crate) fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Whether `rel` is listed.
    pub(crate) fn contains(&self, rel: &str) -> bool {
        self.find(rel).is_some()
    }

    /// What is known of `rel`.
    pub(crate) fn get(&self, rel: &str) -> Option<Entry> {
        self.find(rel).map(|i| self.slots[i].entry)
    }

    /// Lists `rel` with `entry`, or replaces what is known of it.
    pub(crate) fn set(&mut self, rel: &str, entry: Entry) {
        if let Some(i) = self.find(rel) {
            self.slots[i].entry = entry;
            return;
        }
        let index = self.slots.len() as u32;
        self.slots.push(Slot {
            start: self.names.len() as u32,
            len: rel.len() as u32,
            entry,
        });
        self.names.push_str(rel);
        let Files {
            names,
            slots,
            table,
        } = self;
        table.insert_unique(hash(rel), index, |&i| {
            let s = &slots[i as usize];
            hash(&names[s.start as usize..(s.start + s.len) as usize])
        });
    }

    /// Every file with what is known of it, in the order they were listed.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, Entry)> {
        self.slots.iter().map(|s| (self.name(s), s.entry))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_it_lists_and_nothing_else() {
        let mut files = Files::default();
        let path = |i: usize| format!("body{}/{}/index.html", i % 997, 2019 + i % 7);
        for i in 0..5000 {
            files.set(
                &path(i),
                Entry {
                    recorded: Some(i as u64),
                    written: None,
                },
            );
        }
        // 997 × 7 distinct paths cover all 5000: later ones replaced earlier ones.
        let distinct: std::collections::HashSet<String> = (0..5000).map(path).collect();
        assert_eq!(files.iter().count(), distinct.len());
        for i in 0..5000 {
            let got = files.get(&path(i)).unwrap().recorded.unwrap() as usize;
            assert_eq!(path(got), path(i));
            assert!(got >= i);
        }
        assert!(!files.contains("body1/2019/index.htm"));
        assert!(!files.contains(""));
        let listed: std::collections::HashSet<&str> = files.iter().map(|(p, _)| p).collect();
        assert_eq!(listed.len(), distinct.len());
    }
}
