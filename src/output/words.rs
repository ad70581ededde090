//! The words every output shows, in both languages: one `Lang` for every
//! command, and status names and units that charts and text renderers share.

use crate::core::methods::DecidedBy;
use crate::core::status::Status;
use crate::output::format;

/// The language of what a command prints or draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
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

    pub fn is_zh(self) -> bool {
        self == Lang::Zh
    }

    /// The code HTML's `lang` attribute takes.
    pub fn code(self) -> &'static str {
        self.pick("en", "zh-CN")
    }

    /// A status's name.
    pub fn status(self, s: Status) -> &'static str {
        match self {
            Lang::En => s.label(),
            Lang::Zh => match s {
                Status::Achieved => "已达成",
                Status::OnTrack => "正常推进",
                Status::NeedsAcceleration => "需加快",
                Status::LimitedProgress => "进展有限",
                Status::Deterioration => "倒退",
                Status::InsufficientData => "数据不足",
                Status::NoData => "无数据",
                Status::Pending => "待完成",
                Status::Overdue => "逾期",
            },
        }
    }

    /// A unit as this language writes it: the plan's English unit names that
    /// have a Chinese form get it; any other unit is shown as the plan gives it.
    pub fn unit(self, unit: &str) -> String {
        if self == Lang::En {
            return unit.to_string();
        }
        match unit {
            "billion yuan" => "十亿元",
            "million yuan" => "百万元",
            "yuan" => "元",
            "km²" | "km2" => "平方公里",
            "projects" => "个",
            "enterprises" | "firms" => "家",
            other => other,
        }
        .to_string()
    }

    /// The figure that decided a status, named: `growth ratio 0.719`,
    /// `增速比 0.719`; none for a status a rule decided.
    pub fn deciding_figure(self, by: DecidedBy, value: f64) -> Option<String> {
        let (en, zh, figure) = match by {
            DecidedBy::GrowthRatio => ("growth ratio", "增速比", format::ratio(value)),
            DecidedBy::LinearPace => ("linear pace ratio", "线性进度比", format::ratio(value)),
            DecidedBy::Projection => ("projection ratio", "预测完成比", format::ratio(value)),
            DecidedBy::Pace => ("pace", "进度差", format::signed(value, "pp")),
            DecidedBy::Trend => {
                let g = format::percent(value);
                return Some(match self {
                    Lang::En => format!("own growth {g} a year"),
                    Lang::Zh => format!("自身年均增长{g}"),
                });
            }
            DecidedBy::TargetMet | DecidedBy::TargetEqualsBaseline | DecidedBy::Milestone => {
                return None;
            }
        };
        Some(format!("{} {figure}", self.pick(en, zh)))
    }

    /// A name in this language: the Chinese one where the plan gives it.
    pub fn name<'a>(self, en: &'a str, zh: Option<&'a str>) -> &'a str {
        match (self, zh) {
            (Lang::Zh, Some(zh)) => zh,
            _ => en,
        }
    }
}
