//! Traditional ↔ simplified characters (OpenCC's tables, through ferrous-opencc). Questions
//! are matched in simplified characters, the report's script; excerpts are shown as written.

use std::sync::OnceLock;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;

fn converter(
    config: BuiltinConfig,
    cell: &'static OnceLock<Option<OpenCC>>,
) -> Option<&'static OpenCC> {
    cell.get_or_init(|| match OpenCC::from_config(config) {
        Ok(converter) => Some(converter),
        Err(error) => {
            tracing::error!(%error, "cannot load the OpenCC tables; questions stay as written");
            None
        }
    })
    .as_ref()
}

/// The text in simplified characters. Text without any CJK character is returned as is,
/// without loading the tables.
pub fn to_simplified(text: &str) -> String {
    static T2S: OnceLock<Option<OpenCC>> = OnceLock::new();
    if !text.chars().any(crate::text::is_cjk) {
        return text.to_string();
    }
    converter(BuiltinConfig::T2s, &T2S).map_or_else(|| text.to_string(), |c| c.convert(text))
}

/// The text in traditional characters (for evaluating questions written that way).
pub fn to_traditional(text: &str) -> String {
    static S2T: OnceLock<Option<OpenCC>> = OnceLock::new();
    converter(BuiltinConfig::S2t, &S2T).map_or_else(|| text.to_string(), |c| c.convert(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_questions_become_simplified() {
        assert_eq!(
            to_simplified("中美為什麼能在氣候變化上合作？"),
            "中美为什么能在气候变化上合作？"
        );
        assert_eq!(to_simplified("中國加入世貿組織"), "中国加入世贸组织");
        assert_eq!(to_simplified("What about WTO?"), "What about WTO?");
    }

    #[test]
    fn simplified_text_round_trips_through_traditional() {
        let question = "雷曼兄弟是什么时候破产的";
        let traditional = to_traditional(question);
        assert_ne!(traditional, question);
        assert_eq!(to_simplified(&traditional), question);
    }
}
