//! Phrases of `history`: a logged change in the reader's language.

use crate::core::revision::{ChangeKind, Changed};
use crate::lang::Lang;

/// A logged change: as the log writes it in English (`revised yoy`); in
/// Chinese 新增, 修订, 删除, with 同比 for a revised 同比 and （确认跳变）
/// for a confirmed jump.
pub fn change(lang: Lang, kind: ChangeKind) -> String {
    if lang == Lang::En {
        return kind.to_string();
    }
    let mut out = match kind.what {
        Changed::Added => "新增",
        Changed::Revised => "修订",
        Changed::Removed => "删除",
    }
    .to_string();
    if kind.yoy {
        out.push_str("同比");
    }
    if kind.jump_confirmed {
        out.push_str("（确认跳变）");
    }
    out
}
