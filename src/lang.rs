//! The language a run speaks: English or Chinese, chosen by `--lang`, else
//! the plan's `"lang"`, else the locale. Every layer but the core's formulas
//! may ask it; the words themselves live in `output::words`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The language of what a command prints, draws or writes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Chinese (simplified): the plan's Chinese names and Chinese text.
    Zh,
}

impl Lang {
    /// The text in this language: `en` or `zh`.
    pub fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// One of two lists, by language.
    pub fn pick_all<'a, T>(self, en: &'a [T], zh: &'a [T]) -> &'a [T] {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    pub fn is_zh(self) -> bool {
        self == Lang::Zh
    }

    /// The code HTML's `lang` attribute takes.
    pub fn code(self) -> &'static str {
        self.pick("en", "zh-CN")
    }

    /// The language of a run: `given` (`--lang`), else the first of the
    /// plans' own `"lang"` that gives one, else Chinese when the locale is
    /// (`LC_ALL`, else `LC_MESSAGES`, else `LANG`, starting `zh`), else English.
    pub fn of_run(given: Option<Lang>, mut plans: impl Iterator<Item = Option<Lang>>) -> Lang {
        given
            .or_else(|| plans.find_map(|l| l))
            .unwrap_or_else(Lang::of_locale)
    }

    /// Chinese when the locale is, else English.
    pub fn of_locale() -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        if locale.starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}
