//! A deterministic generator of report-shaped corpora for the benchmarks: it recombines the
//! seed report's paragraphs and headings into new reports written the way the seed is (PDF
//! text: hard-wrapped lines, blank lines between them, a single leading space at each page,
//! a preface with five lessons, cases with a title line, an author line, sections `一、` and a
//! lessons section), so the whole pipeline, cleaning included, is measured.

use std::fmt::Write as _;
use std::path::Path;

use luopan::corpus::{Manifest, read_document};

/// Text pieces taken from the seed report.
pub struct Seed {
    paragraphs: Vec<String>,
    headings: Vec<String>,
    lessons: Vec<String>,
}

impl Seed {
    /// Reads the seed report named first in the manifest.
    pub fn read(manifest: &Path) -> Seed {
        let manifest_data = Manifest::load(manifest).expect("seed manifest");
        let base = manifest.parent().expect("manifest folder");
        let report = read_document(&manifest_data.documents[0], base).expect("seed report");
        let mut seed = Seed {
            paragraphs: Vec::new(),
            headings: Vec::new(),
            lessons: Vec::new(),
        };
        for part in &report.parts {
            for block in &part.blocks {
                if luopan::corpus::lesson_ordinal(&block.text).is_some() {
                    let (_, prefix) = luopan::corpus::lesson_ordinal(&block.text).expect("ordinal");
                    seed.lessons.push(block.text[prefix..].to_string());
                } else if block.text.chars().count() >= 60 {
                    seed.paragraphs.push(block.text.clone());
                }
            }
            for section in &part.sections {
                if !section.is_lessons && section.level == 1 {
                    let heading: String = section
                        .heading
                        .chars()
                        .skip_while(|c| *c != '、')
                        .skip(1)
                        .collect();
                    seed.headings.push(heading);
                }
            }
        }
        seed
    }
}

/// A small deterministic pseudo-random sequence (xorshift), so every run writes the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const ORDINALS: [&str; 5] = ["首先", "其次", "第三", "第四", "第五"];
const CASE_NAMES: [&str; 4] = ["战略协作", "经贸合作", "危机应对", "气候治理"];

/// Writes PDF-like text, wrapping lines at 25 characters and starting a page every 21 lines.
struct PdfWriter {
    text: String,
    lines_on_page: usize,
}

impl PdfWriter {
    fn new() -> PdfWriter {
        PdfWriter {
            text: String::new(),
            lines_on_page: 0,
        }
    }

    fn new_page(&mut self) {
        self.lines_on_page = 21;
    }

    fn paragraph(&mut self, text: &str) {
        let chars: Vec<char> = text.chars().collect();
        // Lines never start or end with a space: in PDF text those mean a page and an end.
        let lines: Vec<String> = chars
            .chunks(25)
            .map(|c| c.iter().collect::<String>().trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        for (i, line) in lines.iter().enumerate() {
            let page_start = self.lines_on_page >= 21;
            if page_start {
                self.lines_on_page = 0;
                self.text.push(' ');
            }
            self.text.push_str(line);
            if i + 1 == lines.len() {
                self.text.push(' ');
            }
            self.text.push_str("\n\n");
            self.lines_on_page += 1;
        }
    }
}

/// Generates corpus files of about `target_bytes` in `dir` with a manifest `corpus.toml`.
pub fn corpus(seed: &Seed, dir: &Path, target_bytes: usize) {
    std::fs::create_dir_all(dir.join("corpus")).expect("corpus folder");
    let mut manifest = String::from("edition = \"generated\"\n");
    let mut written = 0;
    let mut number = 0;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    while written < target_bytes {
        number += 1;
        let (text, cases) = report(seed, &mut rng, number);
        let file = format!("corpus/report-{number:04}.txt");
        std::fs::write(dir.join(&file), &text).expect("write report");
        written += text.len();
        let _ = write!(
            manifest,
            "\n[[documents]]\nid = \"r{number:04}\"\nfile = \"{file}\"\nformat = \"pdf-text\"\ntitle = \"生成报告{number}\"\nshort = \"生成报告{number}\"\n"
        );
        for (id, title) in cases {
            let _ = write!(
                manifest,
                "\n[[documents.cases]]\nid = \"{id}\"\ntitle = \"{title}\"\n"
            );
        }
    }
    std::fs::write(dir.join("corpus.toml"), manifest).expect("write manifest");
}

/// One report: a preface with five lessons and four cases, each with four sections and a
/// lessons section of three lessons.
fn report(seed: &Seed, rng: &mut Rng, number: usize) -> (String, Vec<(String, String)>) {
    let mut out = PdfWriter::new();
    out.new_page();
    out.paragraph("前    言");
    out.paragraph("课题组");
    for _ in 0..3 {
        out.paragraph(rng.pick::<String>(&seed.paragraphs));
    }
    for ordinal in ORDINALS {
        out.paragraph(&format!("{ordinal}，{}", rng.pick::<String>(&seed.lessons)));
        out.paragraph(rng.pick::<String>(&seed.paragraphs));
    }
    let mut cases = Vec::new();
    for (k, name) in CASE_NAMES.iter().enumerate() {
        let id = format!("r{number:04}-c{}", k + 1);
        let title = format!("第{number}号报告之{name}案例");
        out.new_page();
        out.paragraph(&title);
        out.paragraph("研究员");
        out.paragraph(rng.pick::<String>(&seed.paragraphs));
        for numeral in &NUMERALS[..4] {
            out.paragraph(&format!(
                "{}、{}",
                numeral,
                rng.pick::<String>(&seed.headings)
            ));
            for _ in 0..4 {
                out.paragraph(rng.pick::<String>(&seed.paragraphs));
            }
        }
        out.paragraph("五、经验与启示");
        for ordinal in &ORDINALS[..3] {
            out.paragraph(&format!("{ordinal}，{}", rng.pick::<String>(&seed.lessons)));
            out.paragraph(rng.pick::<String>(&seed.paragraphs));
        }
        cases.push((id, title));
    }
    (out.text, cases)
}
