//! Taught links: questions that moderators linked to the passage that answers them
//! (`/corpus teach`). They are data beside the manifest (`taught.toml`), reviewable and
//! editable by hand, read with the corpus: a passage's taught questions are indexed with it,
//! so the question and its paraphrases find it. Passage ids are hashes of their text, so a link
//! holds across rebuilds; one whose passage is gone is reported, never dropped.

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::CorpusError;

/// The file of taught links, beside the manifest.
pub const TAUGHT_FILE: &str = "taught.toml";

/// What a new file starts with.
const HEADER: &str = "# Questions linked to the passage that answers them, by /corpus teach or by hand.\n\
# Each [[taught]] table: the question as people ask it, and the passage's id (shown by\n\
# `luopan explain` and the Source buttons). Editing this file rebuilds the index on the next\n\
# start or reload.\n";

/// A question linked to a passage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub question: String,
    pub passage: String,
    /// When it was taught (`YYYY-MM-DD`), for whoever reviews the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TaughtFile {
    #[serde(default)]
    taught: Vec<Link>,
}

/// The links in `path`; none when there is no such file.
pub fn read(path: &Path) -> Result<Vec<Link>, CorpusError> {
    let text = match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|e| CorpusError::NotUtf8 {
            path: path.to_path_buf(),
            offset: e.utf8_error().valid_up_to(),
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(CorpusError::Unreadable {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    parse(&text, path)
}

fn parse(text: &str, path: &Path) -> Result<Vec<Link>, CorpusError> {
    let file: TaughtFile = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
        CorpusError::Structure {
            path: path.to_path_buf(),
            reason: match line {
                Some(line) => format!("line {line}: {}", e.message()),
                None => e.message().to_string(),
            },
        }
    })?;
    for (n, link) in file.taught.iter().enumerate() {
        if link.question.trim().is_empty() || link.passage.trim().is_empty() {
            return Err(CorpusError::Structure {
                path: path.to_path_buf(),
                reason: format!(
                    "[[taught]] table {} has an empty question or passage",
                    n + 1
                ),
            });
        }
    }
    Ok(file.taught)
}

/// Adds a link at the end of `path`, keeping what is there (comments, hand edits) as it was.
/// The file is replaced whole, through a new file beside it, so a failure leaves it as it was;
/// the links it then holds are returned.
pub fn append(path: &Path, link: &Link) -> Result<Vec<Link>, CorpusError> {
    let mut text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => HEADER.to_string(),
        Err(source) => {
            return Err(CorpusError::Unreadable {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    // The file as it is must be sound: a link is never added to a file that cannot be read.
    parse(&text, path)?;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    let table = toml::to_string(&TaughtOne {
        taught: std::slice::from_ref(link),
    })
    .map_err(|e| CorpusError::Structure {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    text.push('\n');
    text.push_str(&table);
    let links = parse(&text, path)?;
    replace(path, text.as_bytes())?;
    Ok(links)
}

/// The mode of a new taught file: readable by whoever serves the corpus, as a hand-written
/// file would be.
const NEW_FILE_MODE: u32 = 0o644;

/// Replaces `path` with `bytes` whole, through a new file beside it (keeping the old file's
/// permissions), so that a failure leaves it as it was.
pub fn replace(path: &Path, bytes: &[u8]) -> Result<(), CorpusError> {
    use std::os::unix::fs::PermissionsExt;
    // Only the kind of failure: tempfile's errors carry the full path of the file beside.
    let unwritable = |source: std::io::Error| CorpusError::Unwritable {
        path: path.to_path_buf(),
        source: std::io::Error::from(source.kind()),
    };
    let permissions = std::fs::metadata(path).map_or_else(
        |_| std::fs::Permissions::from_mode(NEW_FILE_MODE),
        |m| m.permissions(),
    );
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    let mut staged =
        tempfile::NamedTempFile::new_in(folder.unwrap_or(Path::new("."))).map_err(unwritable)?;
    staged.write_all(bytes).map_err(unwritable)?;
    staged.as_file().sync_all().map_err(unwritable)?;
    std::fs::set_permissions(staged.path(), permissions).map_err(unwritable)?;
    staged.persist(path).map_err(|e| unwritable(e.error))?;
    Ok(())
}

#[derive(Serialize)]
struct TaughtOne<'a> {
    taught: &'a [Link],
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(question: &str, passage: &str) -> Link {
        Link {
            question: question.into(),
            passage: passage.into(),
            added: Some("2026-11-30".into()),
        }
    }

    #[test]
    fn links_are_appended_keeping_what_the_file_held_and_read_back() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join(TAUGHT_FILE);
        assert_eq!(read(&path).unwrap(), Vec::new(), "no file, no links");
        append(&path, &link("中美怎么\"合作\"的？", "report-1a2b")).unwrap();
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str("# a moderator's note\n");
        std::fs::write(&path, &text).unwrap();
        let links = append(&path, &link("second", "ft-3c4d")).unwrap();
        assert_eq!(
            links,
            vec![
                link("中美怎么\"合作\"的？", "report-1a2b"),
                link("second", "ft-3c4d")
            ]
        );
        assert_eq!(read(&path).unwrap(), links);
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("# a moderator's note")
        );
    }

    #[test]
    fn a_broken_file_is_named_and_left_as_it_was() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join(TAUGHT_FILE);
        std::fs::write(&path, "[[taught]]\nquestion = \"x\"\n").unwrap();
        let error = read(&path).unwrap_err().to_string();
        assert!(error.starts_with("taught.toml"), "{error}");
        assert!(error.contains("line 1: missing field `passage`"), "{error}");
        assert!(append(&path, &link("q", "p")).is_err());
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "[[taught]]\nquestion = \"x\"\n"
        );
        std::fs::write(&path, "[[taught]]\nquestion = \" \"\npassage = \"p\"\n").unwrap();
        assert!(read(&path).is_err(), "an empty question is an error");
    }
}
