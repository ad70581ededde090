//! An explanation as text: inputs, then numbered steps, then the status.

use crate::core::explain::{Explanation, num};

pub fn text(ex: &Explanation) -> String {
    let mut out = format!(
        "{}/{}: {} ({}), method {}, as of {}\n\nObservations (as published -> as assessed):\n",
        ex.plan,
        ex.kpi,
        ex.name,
        if ex.unit.is_empty() {
            "no unit"
        } else {
            &ex.unit
        },
        ex.method.id(),
        ex.as_of
    );
    if ex.observations.is_empty() {
        out.push_str("  none\n");
    }
    for o in &ex.observations {
        let how = o
            .annualised_by
            .map(|a| format!(" ({})", a.id()))
            .unwrap_or_default();
        out.push_str(&format!(
            "  {}  {} -> {}{how}  scope `{}`\n",
            o.period,
            num(o.reported),
            num(o.value),
            o.scope
        ));
    }
    out.push_str("\nSteps:\n");
    for (i, s) in ex.steps.iter().enumerate() {
        out.push_str(&format!("{:>3}. {}\n     {}\n", i + 1, s.figure, s.formula));
        match s.result {
            Some(r) if s.working == num(r) => out.push_str(&format!("     = {}\n", num(r))),
            Some(r) => out.push_str(&format!("     = {}\n     = {}\n", s.working, num(r))),
            None => out.push_str(&format!("     {}\n", s.working)),
        }
    }
    out.push_str(&format!("\nStatus: {}", ex.status.label()));
    if let Some(by) = ex.decided_by {
        out.push_str(&format!(" (decided by {by})"));
    }
    out.push('\n');
    if let Some(r) = &ex.reason {
        out.push_str(&format!("Reason: {r}\n"));
    }
    out
}
