//! The `.env` history: the `.env.bak-YYYYMMDD-HHMMSS[-N]` copies every write leaves
//! beside the file, newest first, what each differs in from the current file, and
//! pruning to the newest few after a write.

use crate::tr;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

use super::document::EnvDocument;
use crate::core::files::{ENV_LIMIT, FileError, Links, read_bounded};

/// How many backups a write keeps unless told otherwise.
pub const DEFAULT_KEEP_BACKUPS: usize = 10;

/// One backup of `.env`, as found beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    /// When it was taken (UTC, from its name).
    pub taken: OffsetDateTime,
    /// Two backups in the same second: `-2`, `-3`... (0 for the first).
    pub sequence: u32,
}

impl Backup {
    /// The file name, which is also how `undo` names it.
    pub fn name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// How a backup differs from the current file, key by key (literal values as written).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyDifferences {
    /// In both, with another value.
    pub changed: Vec<String>,
    /// Only in the backup: an undo brings them back.
    pub only_in_backup: Vec<String>,
    /// Only in the current file: an undo removes them.
    pub only_now: Vec<String>,
}

impl KeyDifferences {
    pub fn between(backup: &EnvDocument, current: &EnvDocument) -> KeyDifferences {
        let keys = |d: &EnvDocument| -> BTreeSet<String> {
            d.assignments().map(|(_, a)| a.key.clone()).collect()
        };
        let (old, new) = (keys(backup), keys(current));
        KeyDifferences {
            changed: old
                .intersection(&new)
                .filter(|k| backup.literal(k) != current.literal(k))
                .cloned()
                .collect(),
            only_in_backup: old.difference(&new).cloned().collect(),
            only_now: new.difference(&old).cloned().collect(),
        }
    }

    /// Every key the two differ in, sorted.
    pub fn keys(&self) -> Vec<String> {
        let mut all: Vec<String> = self
            .changed
            .iter()
            .chain(&self.only_in_backup)
            .chain(&self.only_now)
            .cloned()
            .collect();
        all.sort();
        all
    }

    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.only_in_backup.is_empty() && self.only_now.is_empty()
    }
}

/// The backups of `env_path`, newest first. Only regular files whose names follow the
/// pattern count (a link or a folder of that name is not one of ours).
pub fn list_backups(env_path: &Path) -> Vec<Backup> {
    let Some(dir) = env_path.parent() else {
        return vec![];
    };
    let Some(file_name) = env_path.file_name().map(|n| n.to_string_lossy()) else {
        return vec![];
    };
    let prefix = format!("{file_name}.bak-");
    let Ok(entries) = fs::read_dir(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }) else {
        return vec![];
    };
    let mut found: Vec<Backup> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let (taken, sequence) = parse_stamp(name.strip_prefix(&prefix)?)?;
            Some(Backup {
                path: dir.join(&name),
                taken,
                sequence,
            })
        })
        .collect();
    found.sort_by_key(|b| std::cmp::Reverse((b.taken, b.sequence)));
    found
}

/// `YYYYMMDD-HHMMSS` or `YYYYMMDD-HHMMSS-N`.
fn parse_stamp(stamp: &str) -> Option<(OffsetDateTime, u32)> {
    let (time_part, sequence) = match stamp.get(15..) {
        Some("") => (stamp, 0),
        Some(rest) => (&stamp[..15], rest.strip_prefix('-')?.parse().ok()?),
        None => return None,
    };
    let taken = PrimitiveDateTime::parse(
        time_part,
        format_description!("[year][month][day]-[hour][minute][second]"),
    )
    .ok()?
    .assume_utc();
    Some((taken, sequence))
}

/// Removes the oldest backups of `env_path` beyond the newest `keep`; returns what went.
/// A backup that cannot be removed is left (and not counted as removed).
pub fn prune_backups(env_path: &Path, keep: usize) -> Vec<PathBuf> {
    list_backups(env_path)
        .into_iter()
        .skip(keep)
        .filter(|b| fs::remove_file(&b.path).is_ok())
        .map(|b| b.path)
        .collect()
}

/// A backup's text, read with the same bounds as `.env` itself.
pub fn read_backup(path: &Path) -> Result<String, FileError> {
    let bytes = read_bounded(path, ENV_LIMIT, Links::Refuse)?;
    String::from_utf8(bytes).map_err(|_| FileError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            tr!("core-history-not-utf-8-text"),
        ),
    })
}

/// The backup `name` names, among `env_path`'s: a file name from `history`, or a path
/// to one of them.
pub fn find_backup(env_path: &Path, name: &str) -> Option<Backup> {
    let wanted = Path::new(name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())?;
    list_backups(env_path)
        .into_iter()
        .find(|b| b.name() == wanted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn touch(dir: &Path, name: &str) {
        fs::write(dir.join(name), "A=1\n").unwrap();
    }

    #[test]
    fn backups_are_listed_newest_first_with_same_second_ones_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let env = dir.path().join(".env");
        touch(dir.path(), ".env");
        for name in [
            ".env.bak-20261130-101010",
            ".env.bak-20261201-090000",
            ".env.bak-20261201-090000-2",
            ".env.bak-20261201-090000-10",
            ".env.bak-notastamp",
            ".env.example",
            "other.bak-20261201-090000",
        ] {
            touch(dir.path(), name);
        }
        std::os::unix::fs::symlink("/etc/passwd", dir.path().join(".env.bak-20261202-000000"))
            .unwrap();
        let names: Vec<String> = list_backups(&env).iter().map(Backup::name).collect();
        assert_eq!(
            names,
            [
                ".env.bak-20261201-090000-10",
                ".env.bak-20261201-090000-2",
                ".env.bak-20261201-090000",
                ".env.bak-20261130-101010",
            ]
        );
        assert_eq!(
            list_backups(&env)[3].taken,
            datetime!(2026-11-30 10:10:10 UTC)
        );
        assert_eq!(
            find_backup(&env, "/anywhere/.env.bak-20261130-101010").map(|b| b.sequence),
            Some(0)
        );
        assert!(find_backup(&env, ".env.bak-20261202-000000").is_none());
    }

    #[test]
    fn pruning_keeps_the_newest_and_removes_the_oldest() {
        let dir = tempfile::tempdir().unwrap();
        let env = dir.path().join(".env");
        for day in 10..=22 {
            touch(dir.path(), &format!(".env.bak-202611{day}-000000"));
        }
        let removed = prune_backups(&env, 10);
        let removed: Vec<String> = removed
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            removed,
            [
                ".env.bak-20261112-000000",
                ".env.bak-20261111-000000",
                ".env.bak-20261110-000000"
            ]
        );
        assert_eq!(list_backups(&env).len(), 10);
        assert_eq!(list_backups(&env)[0].name(), ".env.bak-20261122-000000");
        assert!(prune_backups(&env, 10).is_empty());
    }

    #[test]
    fn differences_name_changed_added_and_removed_keys() {
        let backup = EnvDocument::parse("A=1\nB=2\nC=3\n# comment\n");
        let current = EnvDocument::parse("A=1\nB=20\nD=4\n");
        let d = KeyDifferences::between(&backup, &current);
        assert_eq!(d.changed, ["B"]);
        assert_eq!(d.only_in_backup, ["C"]);
        assert_eq!(d.only_now, ["D"]);
        assert_eq!(d.keys(), ["B", "C", "D"]);
        assert!(KeyDifferences::between(&current, &current).is_empty());
    }
}
