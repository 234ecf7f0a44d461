//! The `--json` outputs. Each is a documented, stable contract (see README.md): fields are only
//! ever added, never renamed or removed.

use std::io::Write;

use serde::Serialize;

use crate::catalog::{Catalog, PartDigest};

/// Writes any value as pretty JSON followed by a newline.
pub fn write<T: Serialize>(out: &mut dyn Write, value: &T) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// One line of `luopan cases --json`.
#[derive(Debug, Serialize)]
pub struct CaseLine<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub title_en: Option<&'a str>,
    pub author: Option<&'a str>,
    pub period: Option<&'a str>,
    pub pages: Option<(u32, u32)>,
    pub lessons: usize,
}

/// The cases of a catalog as `luopan cases --json` lists them.
pub fn case_lines(catalog: &Catalog) -> Vec<CaseLine<'_>> {
    catalog.cases().map(case_line).collect()
}

fn case_line(part: &PartDigest) -> CaseLine<'_> {
    CaseLine {
        id: &part.id,
        title: &part.title,
        title_en: part.title_en.as_deref(),
        author: part.author.as_deref(),
        period: part.period.as_deref(),
        pages: part.pages,
        lessons: part.lessons.len(),
    }
}
