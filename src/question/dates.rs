//! Rewrites everyday ways of writing dates in a question into the report's: `七十年代` →
//! `70年代`, `99年` → `1999年`, `08年` → `2008年`, `九九年` → `1999年`, `一九七二年` →
//! `1972年`. The report writes years and decades in digits, people often do not.

/// A year written in digits (`2024`), within reason.
pub fn as_year(word: &str) -> Option<u32> {
    (word.len() == 4 && word.chars().all(|c| c.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1800..=2200).contains(y))
}

/// The question with decades and two-digit years written as the report writes them.
pub(crate) fn dates(question: &str) -> String {
    let chars: Vec<char> = question.chars().collect();
    let mut out = String::with_capacity(question.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        // 七十年代 → 70年代
        if let Some(digit) = chinese_digit(chars[i])
            && digit >= 2
            && chars.get(i + 1) == Some(&'十')
            && chars.get(i + 2) == Some(&'年')
            && chars.get(i + 3) == Some(&'代')
        {
            out.push_str(&format!("{digit}0年代"));
            i += 4;
            continue;
        }
        // 一九七二年 → 1972年, 九九年 → 1999年, 零八年 → 2008年.
        if let Some((year, len)) = chinese_year(&chars, i) {
            out.push_str(&year);
            i += len;
            continue;
        }
        // 99年 → 1999年, 08年 → 2008年, when the two digits stand alone.
        if chars[i].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit)
            && chars.get(i + 2) == Some(&'年')
            && (i == 0 || !chars[i - 1].is_ascii_digit())
            && chars.get(i + 3) != Some(&'代')
        {
            let tens = chars[i].to_digit(10).unwrap_or(0);
            out.push_str(if tens >= 5 { "19" } else { "20" });
            out.push(chars[i]);
            out.push(chars[i + 1]);
            i += 2;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// A decade a question names (`70年代`, after [`dates`]).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Decade {
    /// How the question's words write it: `70`.
    pub name: String,
    /// What every year of it starts with: `197`.
    pub prefix: String,
}

impl Decade {
    /// Its ten years: `1970` to `1979`.
    pub fn years(&self) -> Vec<String> {
        (0..10).map(|y| format!("{}{y}", self.prefix)).collect()
    }

    /// Whether a question's word is one of the two that name the decade (`70`, `年代`).
    pub fn is_named_by(&self, word: &str) -> bool {
        word == self.name || word == "年代"
    }
}

/// The decades a question names: a passage that dates something 1972 speaks of the seventies.
/// Decades are of the 20th century unless the question says `21世纪`.
pub(crate) fn decades(question: &str) -> Vec<Decade> {
    let chars: Vec<(usize, char)> = question.char_indices().collect();
    let mut out = Vec::new();
    for (i, window) in chars.windows(4).enumerate() {
        let [(start, tens), (_, '0'), (_, '年'), (_, '代')] = *window else {
            continue;
        };
        let Some(tens) = tens.to_digit(10) else {
            continue;
        };
        if i > 0 && chars[i - 1].1.is_ascii_digit() {
            continue;
        }
        let century = if question[..start].ends_with("21世纪") {
            "20"
        } else {
            "19"
        };
        out.push(Decade {
            name: format!("{tens}0"),
            prefix: format!("{century}{tens}"),
        });
    }
    out
}

fn chinese_digit(c: char) -> Option<u32> {
    if c == '零' {
        return Some(0);
    }
    "〇一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|p| p as u32)
}

/// A year in Chinese numerals at `at`, before `年` and standing alone (not after another
/// numeral, nor a decade's `年代`), in digits, with how many characters it takes (without
/// `年`): four numerals (`一九七二`), or two of the report's years, 1950 to 2029 (`九九`,
/// `零八`). Two numerals counting up by one are a span of years (`七八年` "seven or eight
/// years"), and others (`三五年`) are of no year the documents speak of.
fn chinese_year(chars: &[char], at: usize) -> Option<(String, usize)> {
    let counting = |c: &char| chinese_digit(*c).is_some() || "十百千万两几".contains(*c);
    if at > 0 && counting(&chars[at - 1]) {
        return None;
    }
    let digits: Vec<u32> = chars[at..]
        .iter()
        .map_while(|c| chinese_digit(*c))
        .take(5)
        .collect();
    let after = chars.get(at + digits.len());
    if after != Some(&'年') || chars.get(at + digits.len() + 1) == Some(&'代') {
        return None;
    }
    let written = |ds: &[u32]| ds.iter().map(u32::to_string).collect::<String>();
    match digits[..] {
        [_, _, _, _] => Some((written(&digits), 4)),
        [tens, ones] if tens != 0 && ones == tens + 1 => None,
        [tens @ 5..=9, ones] => Some((format!("19{}", written(&[tens, ones])), 2)),
        [tens @ 0..=2, ones] => Some((format!("20{}", written(&[tens, ones])), 2)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decades_and_short_years_are_written_as_the_report_writes_them() {
        let cases = [
            ("七十年代中美为什么要和解？", "70年代中美为什么要和解？"),
            ("八十年代中美军事合作", "80年代中美军事合作"),
            ("99年11月那轮入世谈判", "1999年11月那轮入世谈判"),
            ("08年金融危机", "2008年金融危机"),
            ("14年中美气候声明", "2014年中美气候声明"),
            ("2008年金融危机", "2008年金融危机"),
            ("90年代", "90年代"),
            ("十年", "十年"),
            ("九九年那轮谈判", "1999年那轮谈判"),
            ("零八年金融危机", "2008年金融危机"),
            ("七九年中越那仗", "1979年中越那仗"),
            ("一九七二年尼克松访华", "1972年尼克松访华"),
            ("二〇〇八年", "2008年"),
            // Spans of years and counts are no years.
            ("过了七八年", "过了七八年"),
            ("三五年内", "三五年内"),
            ("二十五年", "二十五年"),
            ("一年", "一年"),
        ];
        for (input, expect) in cases {
            assert_eq!(dates(input), expect, "{input}");
        }
    }

    #[test]
    fn a_decade_is_every_year_in_it() {
        let seventies = decades("70年代中美为什么要和解？");
        assert_eq!(seventies.len(), 1);
        assert_eq!(seventies[0].name, "70");
        assert_eq!(
            seventies[0].years().first().map(String::as_str),
            Some("1970")
        );
        assert_eq!(
            seventies[0].years().last().map(String::as_str),
            Some("1979")
        );
        assert!(seventies[0].is_named_by("年代") && !seventies[0].is_named_by("80"));
        assert_eq!(decades("21世纪10年代的气候合作")[0].prefix, "201");
        assert!(decades("2008年金融危机").is_empty());
        assert!(decades("1970年代").is_empty());
    }
}
