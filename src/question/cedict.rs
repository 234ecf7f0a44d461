//! CC-CEDICT read backwards (English phrase → Chinese headwords), compiled once into one file
//! beside the index and memory-mapped after that. Parsing the gzipped dictionary takes most of
//! a second and some fifteen megabytes; opening the compiled file takes a millisecond, and only
//! the pages a question touches are ever read.
//!
//! The file holds four sections: an `fst` map of every English phrase to where its headwords
//! are listed, those lists, the headwords themselves, and an `fst` set of every English word
//! of the definitions. Its header names the dictionary it was compiled from (a hash of the
//! gzipped file, of this format and of the lexicon's rules for reading definitions), so a
//! changed dictionary or rule is compiled again. It is written
//! to a temporary file and renamed into place, never changed where it lies: that is what makes
//! mapping it safe. Where it cannot be written (a read-only deployment), the compiled form is
//! kept in memory for the life of the process instead.

use std::collections::HashMap;
use std::io::Read;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use super::lexicon::lexicon;
use super::translate::{TranslateError, normalize_phrase};

/// The file's first bytes, and the version of its layout (part of the hash).
const MAGIC: &[u8; 8] = b"LPCEDIC1";
/// Bumped whenever the layout or the way phrases are taken from definitions changes.
const FORMAT: u64 = 3;
/// A hash of the lexicon's rules for taking phrases from definitions (`[cedict]`): a change
/// to them compiles the dictionary again.
fn reading_rules() -> u64 {
    let lexicon = super::lexicon::lexicon();
    let rules = [
        &lexicon.cedict_skipped_definitions,
        &lexicon.cedict_stripped_prefixes,
    ]
    .iter()
    .map(|list| list.join("\u{1f}"))
    .collect::<Vec<_>>()
    .join("\u{1e}");
    xxhash_rust::xxh3::xxh3_64(rules.as_bytes())
}

/// Magic, source hash, body hash, longest phrase, then four sections of (offset, length).
const HEADER: usize = 8 + 8 + 8 + 8 + 4 * 16;

/// Bytes of the compiled file, mapped or in memory, shared by its sections.
type Backing = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// One section of the compiled bytes.
#[derive(Clone)]
struct Section {
    bytes: Backing,
    range: Range<usize>,
}

impl AsRef<[u8]> for Section {
    fn as_ref(&self) -> &[u8] {
        &(*self.bytes).as_ref()[self.range.clone()]
    }
}

/// The compiled dictionary.
pub struct Cedict {
    phrases: fst::Map<Section>,
    vocabulary: fst::Set<Section>,
    lists: Section,
    headwords: Section,
    longest: usize,
}

impl Cedict {
    /// The compiled form of the gzipped dictionary at `source`, from `compiled` when that was
    /// made from the same dictionary, else compiled now and written there (when it can be).
    pub fn open(source: &Path, compiled: &Path) -> Result<Cedict, TranslateError> {
        let unreadable = |reason: String| TranslateError::Unreadable {
            path: source.to_path_buf(),
            reason,
        };
        let gzipped = std::fs::read(source).map_err(|e| unreadable(e.to_string()))?;
        let hash = xxhash_rust::xxh3::xxh3_64(&gzipped) ^ FORMAT ^ reading_rules();
        if let Some(cedict) = Cedict::map(compiled, hash) {
            return Ok(cedict);
        }
        let bytes = compile(&gzipped, hash).map_err(unreadable)?;
        if let Err(error) = write_atomically(compiled, &bytes) {
            tracing::info!(
                %error,
                "the compiled English dictionary cannot be written beside the index; keeping it in memory"
            );
        }
        crate::process::release_free_memory();
        Cedict::from_bytes(Arc::new(bytes)).ok_or_else(|| unreadable("cannot compile".into()))
    }

    fn map(path: &Path, hash: u64) -> Option<Cedict> {
        let file = std::fs::File::open(path).ok()?;
        // SAFETY: the file is only ever replaced by a rename, never written where it lies, so
        // the mapped bytes do not change under us.
        let mapped = unsafe { memmap2::Mmap::map(&file) }.ok()?;
        // The body's hash too: a file damaged or overwritten in place is compiled again, not
        // trusted.
        if mapped.len() < HEADER
            || &mapped[..8] != MAGIC
            || read_u64(&mapped, 8) != hash
            || read_u64(&mapped, 16) != xxhash_rust::xxh3::xxh3_64(&mapped[HEADER..])
        {
            return None;
        }
        Cedict::from_bytes(Arc::new(mapped))
    }

    fn from_bytes(bytes: Backing) -> Option<Cedict> {
        let all = (*bytes).as_ref();
        if all.len() < HEADER {
            return None;
        }
        let longest = read_u64(all, 24) as usize;
        let section = |i: usize| -> Option<Section> {
            let offset = read_u64(all, 32 + i * 16) as usize;
            let length = read_u64(all, 40 + i * 16) as usize;
            let end = offset.checked_add(length).filter(|&end| end <= all.len())?;
            Some(Section {
                bytes: bytes.clone(),
                range: offset..end,
            })
        };
        Some(Cedict {
            phrases: fst::Map::new(section(0)?).ok()?,
            lists: section(1)?,
            headwords: section(2)?,
            vocabulary: fst::Set::new(section(3)?).ok()?,
            longest,
        })
    }

    /// The headwords whose definitions hold exactly this phrase.
    pub fn headwords_of(&self, phrase: &str) -> Vec<&str> {
        let Some(at) = self.phrases.get(phrase) else {
            return Vec::new();
        };
        let lists = self.lists.as_ref();
        let at = at as usize;
        let count = read_u32(lists, at).unwrap_or(0) as usize;
        (0..count)
            .filter_map(|i| read_u32(lists, at + 4 + i * 4))
            .filter_map(|id| self.headword(id))
            .collect()
    }

    /// A headword by id; `None` for an id or offsets the table does not hold.
    fn headword(&self, id: u32) -> Option<&str> {
        let table = self.headwords.as_ref();
        let count = read_u32(table, 0)? as usize;
        if id as usize >= count {
            return None;
        }
        let text = 4 + (count + 1) * 4;
        let start = read_u32(table, 4 + id as usize * 4)? as usize;
        let end = read_u32(table, 8 + id as usize * 4)? as usize;
        let bytes = table.get(text.checked_add(start)?..text.checked_add(end)?)?;
        std::str::from_utf8(bytes).ok()
    }

    /// Whether a word is a word of some definition.
    pub fn knows_word(&self, word: &str) -> bool {
        self.vocabulary.contains(word)
    }

    /// The most words in one phrase.
    pub fn longest(&self) -> usize {
        self.longest
    }
}

fn read_u64(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"))
}

fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let four = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes(four.try_into().ok()?))
}

/// Compiles the gzipped dictionary into the file's bytes.
fn compile(gzipped: &[u8], hash: u64) -> Result<Vec<u8>, String> {
    let mut text = String::new();
    flate2::read::GzDecoder::new(gzipped)
        .read_to_string(&mut text)
        .map_err(|e| e.to_string())?;
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut headwords: Vec<&str> = Vec::new();
    let mut pairs: Vec<(String, u32)> = Vec::new();
    let mut longest = 1;
    for line in text.lines() {
        let Some((simplified, definitions)) = parse_entry(line) else {
            continue;
        };
        let id = *ids.entry(simplified).or_insert_with(|| {
            headwords.push(simplified);
            (headwords.len() - 1) as u32
        });
        for phrase in english_phrases(definitions) {
            longest = longest.max(phrase.split(' ').count());
            pairs.push((phrase, id));
        }
    }
    pairs.sort_unstable();
    pairs.dedup();

    let mut phrases = fst::MapBuilder::memory();
    let mut lists: Vec<u8> = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < pairs.len() {
        let phrase = &pairs[i].0;
        let same = pairs[i..].iter().take_while(|(p, _)| p == phrase).count();
        phrases
            .insert(phrase, lists.len() as u64)
            .map_err(|e| e.to_string())?;
        lists.extend((same as u32).to_le_bytes());
        for (_, id) in &pairs[i..i + same] {
            lists.extend(id.to_le_bytes());
        }
        words.extend(phrase.split(' '));
        i += same;
    }
    words.sort_unstable();
    words.dedup();
    let mut vocabulary = fst::SetBuilder::memory();
    vocabulary.extend_iter(words).map_err(|e| e.to_string())?;

    let mut table: Vec<u8> = Vec::new();
    table.extend((headwords.len() as u32).to_le_bytes());
    let mut offset = 0u32;
    table.extend(offset.to_le_bytes());
    for word in &headwords {
        offset += word.len() as u32;
        table.extend(offset.to_le_bytes());
    }
    for word in &headwords {
        table.extend(word.as_bytes());
    }

    let sections = [
        phrases.into_inner().map_err(|e| e.to_string())?,
        lists,
        table,
        vocabulary.into_inner().map_err(|e| e.to_string())?,
    ];
    let mut out = Vec::with_capacity(HEADER + sections.iter().map(Vec::len).sum::<usize>());
    out.extend(MAGIC);
    out.extend(hash.to_le_bytes());
    out.extend(0u64.to_le_bytes()); // the body's hash, filled in below
    out.extend((longest as u64).to_le_bytes());
    let mut at = HEADER as u64;
    for section in &sections {
        out.extend(at.to_le_bytes());
        out.extend((section.len() as u64).to_le_bytes());
        at += section.len() as u64;
    }
    for section in &sections {
        out.extend(section);
    }
    let body = xxhash_rust::xxh3::xxh3_64(&out[HEADER..]);
    out[16..24].copy_from_slice(&body.to_le_bytes());
    Ok(out)
}

/// Writes `bytes` to a temporary file beside `path`, then renames it into place.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut file = tempfile::Builder::new()
        .prefix(".luopan-cedict-")
        .tempfile_in(folder)?;
    file.write_all(bytes)?;
    // Readable by all, like the dictionary it was made from (temporary files are private).
    file.as_file()
        .set_permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644))?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A CC-CEDICT line: `traditional simplified [pinyin] /definition/definition/`.
pub(super) fn parse_entry(line: &str) -> Option<(&str, &str)> {
    let line = line.trim_end_matches('\r');
    if line.starts_with('#') {
        return None;
    }
    let (words, rest) = line.split_once(" [")?;
    let (_, simplified) = words.split_once(' ')?;
    let (_, definitions) = rest.split_once("] ")?;
    Some((simplified, definitions.trim_matches('/')))
}

/// The English phrases of an entry's definitions: parentheses, "to ", "fig." and the like
/// removed, split at commas and semicolons, at most six words each.
pub(super) fn english_phrases(definitions: &str) -> Vec<String> {
    let mut phrases = Vec::new();
    for definition in definitions.split('/') {
        let lowered = definition.to_lowercase();
        if lexicon()
            .cedict_skipped_definitions
            .iter()
            .any(|p| lowered.starts_with(p.as_str()))
        {
            continue;
        }
        let mut cleaned = String::new();
        let mut depth = 0;
        for c in lowered.chars() {
            match c {
                '(' => depth += 1,
                ')' => depth = (depth - 1).max(0),
                _ if depth == 0 => cleaned.push(c),
                _ => {}
            }
        }
        for piece in cleaned.split([',', ';']) {
            let piece = lexicon()
                .cedict_stripped_prefixes
                .iter()
                .fold(piece.trim(), |piece, prefix| {
                    piece.trim_start_matches(prefix.as_str())
                });
            let phrase = normalize_phrase(piece);
            let count = phrase.split(' ').count();
            if !phrase.is_empty() && count <= 6 {
                // A question reads a hyphenated pair as two words (`vice-premier`).
                if phrase.contains('-') {
                    let spaced = phrase.replace('-', " ");
                    if spaced.split(' ').count() <= 6 {
                        phrases.push(normalize_phrase(&spaced));
                    }
                }
                phrases.push(phrase);
            }
        }
    }
    phrases
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_give_their_english_phrases() {
        let (simplified, definitions) =
            parse_entry("鄧小平 邓小平 [Deng4 Xiao3 ping2] /Deng Xiaoping (1904-1997), Chinese communist leader/\r").unwrap();
        assert_eq!(simplified, "邓小平");
        let phrases = english_phrases(definitions);
        assert!(
            phrases.contains(&"deng xiaoping".to_string()),
            "{phrases:?}"
        );
        let phrases = english_phrases("to negotiate/negotiation/talks/CL:個|个[ge4]");
        assert_eq!(phrases, vec!["negotiate", "negotiation", "talks"]);
        assert_eq!(
            english_phrases("vice-premier"),
            vec!["vice premier", "vice-premier"]
        );
        // A sense of another age is not what a question means today.
        assert!(english_phrases("(literary) officials").is_empty());
        assert_eq!(
            english_phrases("(old) capital/capital city"),
            vec!["capital city"]
        );
    }

    fn gzip(text: &str) -> Vec<u8> {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(text.as_bytes()).unwrap();
        encoder.finish().unwrap()
    }

    const ENTRIES: &str = "# a comment\n\
        氣候 气候 [qi4 hou4] /climate/\n\
        氣候變化 气候变化 [qi4 hou4 bian4 hua4] /climate change/\n\
        合作 合作 [he2 zuo4] /to cooperate/to collaborate/to work together/cooperation/\n\
        協作 协作 [xie2 zuo4] /cooperation/coordination/\n";

    #[test]
    fn a_compiled_dictionary_gives_every_headword_of_a_phrase() {
        let folder = tempfile::tempdir().unwrap();
        let source = folder.path().join("cedict.u8.gz");
        std::fs::write(&source, gzip(ENTRIES)).unwrap();
        let compiled = folder.path().join("cedict.fst");
        let cedict = Cedict::open(&source, &compiled).unwrap();
        assert!(compiled.exists(), "written beside for the next process");
        assert_eq!(cedict.headwords_of("cooperation"), vec!["合作", "协作"]);
        assert_eq!(cedict.headwords_of("climate change"), vec!["气候变化"]);
        assert_eq!(cedict.headwords_of("work together"), vec!["合作"]);
        assert!(cedict.headwords_of("weather").is_empty());
        assert!(cedict.knows_word("collaborate") && !cedict.knows_word("weather"));
        assert_eq!(cedict.longest(), 2);
        // The next process maps what the first wrote, and finds the same.
        let again = Cedict::open(&source, &compiled).unwrap();
        assert_eq!(again.headwords_of("cooperation"), vec!["合作", "协作"]);
    }

    #[test]
    fn a_compiled_file_damaged_after_its_header_is_compiled_again() {
        let folder = tempfile::tempdir().unwrap();
        let source = folder.path().join("cedict.u8.gz");
        std::fs::write(&source, gzip(ENTRIES)).unwrap();
        let compiled = folder.path().join("cedict.fst");
        Cedict::open(&source, &compiled).unwrap();
        let mut bytes = std::fs::read(&compiled).unwrap();
        for byte in &mut bytes[HEADER..] {
            *byte = 0xff;
        }
        std::fs::write(&compiled, bytes).unwrap();
        let cedict = Cedict::open(&source, &compiled).unwrap();
        assert_eq!(cedict.headwords_of("cooperation"), vec!["合作", "协作"]);
    }

    #[test]
    fn a_changed_dictionary_is_compiled_again() {
        let folder = tempfile::tempdir().unwrap();
        let source = folder.path().join("cedict.u8.gz");
        let compiled = folder.path().join("cedict.fst");
        std::fs::write(&source, gzip(ENTRIES)).unwrap();
        Cedict::open(&source, &compiled).unwrap();
        let more = format!("{ENTRIES}天氣 天气 [tian1 qi4] /weather/\n");
        std::fs::write(&source, gzip(&more)).unwrap();
        let cedict = Cedict::open(&source, &compiled).unwrap();
        assert_eq!(cedict.headwords_of("weather"), vec!["天气"]);
    }

    #[test]
    fn a_damaged_compiled_file_is_compiled_again_and_an_unwritable_place_is_no_error() {
        let folder = tempfile::tempdir().unwrap();
        let source = folder.path().join("cedict.u8.gz");
        std::fs::write(&source, gzip(ENTRIES)).unwrap();
        let compiled = folder.path().join("cedict.fst");
        std::fs::write(&compiled, b"LPCEDIC1 but nothing after").unwrap();
        let cedict = Cedict::open(&source, &compiled).unwrap();
        assert_eq!(cedict.headwords_of("climate"), vec!["气候"]);
        let nowhere = folder.path().join("no-such-folder").join("cedict.fst");
        let cedict = Cedict::open(&source, &nowhere).unwrap();
        assert_eq!(cedict.headwords_of("climate"), vec!["气候"]);
    }
}
