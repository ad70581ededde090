//! The assessment as JSON, in the schema docs/json-output.md documents.

use crate::assess::PlanAssessment;

/// One plan as an object, several as an array; pretty-printed, ending in a newline.
pub fn render(assessments: &[PlanAssessment]) -> String {
    let text = match assessments {
        [one] => serde_json::to_string_pretty(one),
        many => serde_json::to_string_pretty(many),
    };
    // Serialising plain structs of strings and finite numbers cannot fail.
    let mut text = text.unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}
