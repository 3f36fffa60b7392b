//! The notes a report page shows next to its tables and text: totals derived for blank cells,
//! totals that could not be checked, and the slips the report acknowledges as published
//! (原文如此), each where it concerns the reader.

use serde::Serialize;

use crate::diag::Finding;
use crate::model::{Report, Table};

/// One note on a report page.
#[derive(Debug, Clone, Serialize)]
pub struct Note {
    /// `derived`, `unchecked` or `acknowledged`: the CSS class and the kind of note.
    pub kind: &'static str,
    /// The note, in words.
    pub text: String,
}

/// Where on the page a note goes: the section index (0 for 一 … 5 for 六), or the opening.
fn section_of(report: &Report, f: &Finding) -> Option<usize> {
    let id = f.id.as_deref()?;
    let table = ["t2.", "t3.", "t4."].iter().position(|p| id.starts_with(p));
    match table {
        Some(t) => Some(t + 1),
        None if id.starts_with("carry.") => Some(2),
        None => {
            let line = f.line?;
            report
                .narrative
                .sections
                .iter()
                .rposition(|s| s.line <= line)
        }
    }
}

/// The notes of each of the six sections (index 0 to 5) of `report`, from its findings
/// (warnings only: the report built).
pub(crate) fn section_notes(report: &Report, findings: &[&Finding]) -> Vec<Vec<Note>> {
    let mut notes: Vec<Vec<Note>> = vec![Vec::new(); 6];
    for (i, table) in [&report.t2, &report.t3, &report.t4].iter().enumerate() {
        if let Some(text) = derived(table) {
            notes[i + 1].push(Note {
                kind: "derived",
                text,
            });
        }
    }
    for f in findings {
        let Some(s) = section_of(report, f) else {
            continue;
        };
        let note = match (&f.note, f.id.as_deref()) {
            (Some(note), _) => Note {
                kind: "acknowledged",
                text: format!("原文如此，按原文照录：{}。说明：{note}", f.message),
            },
            (None, Some(id))
                if id.ends_with(".unchecked") || id.ends_with(".unchecked_columns") =>
            {
                Note {
                    kind: "unchecked",
                    text: f.message.clone(),
                }
            }
            _ => continue,
        };
        if let Some(list) = notes.get_mut(s) {
            list.push(note);
        }
    }
    notes
}

/// The note on the totals of `table` derived for blank cells, if any.
fn derived(table: &Table) -> Option<String> {
    let cells: Vec<String> = table
        .derived_cells()
        .map(|(b, row, c)| {
            let col = b.spec.columns[c].label;
            format!("{}「{col}」{}", row.spec.short, row.derived[c].unwrap_or(0))
        })
        .collect();
    (!cells.is_empty()).then(|| {
        format!(
            "原文中 {} 处「总计」为空白，表中照原文留空；核对、图表和开放数据使用按同行各列之和推算的数值：{}。",
            cells.len(),
            cells.join("、")
        )
    })
}
