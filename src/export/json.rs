//! The JSON files: one report's whole structured data (`data/<body>/<year>.json`, described by
//! `report.schema.json`) and every report's T3, T4 and indicators in one file
//! (`data/reports.json`).
//!
//! A figure is written as a JSON number with the exact digits the report publishes (through
//! `RawValue`, so 151022.81 is not re-printed from a float); a blank cell is `null`. Objects
//! keep the form's order, so the files read like the printed tables.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde::Serialize as DeriveSerialize;
use serde_json::value::RawValue;

use crate::diag::Finding;
use crate::figures::{Digest, Summary};
use crate::model::{Body, Cell, Num, Report, Table};
use crate::paths;

use super::{col_label, row_groups};

/// Key–value pairs serialized as a JSON object in this order.
struct Ordered<V>(Vec<(String, V)>);

impl<V: Serialize> Serialize for Ordered<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// A figure as a JSON number with its published digits; `None` (null) when blank.
fn number(cell: Option<&Num>) -> Option<Box<RawValue>> {
    let n = cell?;
    RawValue::from_string(n.text.clone())
        .ok()
        // Digits that are not valid JSON (e.g. "251000.") fall back to the value itself.
        .or_else(|| RawValue::from_string(serde_json::Number::from_f64(n.value)?.to_string()).ok())
}

#[derive(DeriveSerialize)]
struct BodyJson<'a> {
    id: &'a str,
    name: Option<&'a str>,
    level: Option<&'a str>,
    region: Option<&'a str>,
    website: Option<&'a str>,
    office: Option<&'a str>,
    sample: bool,
}

#[derive(DeriveSerialize)]
struct IndicatorJson<'a> {
    id: &'a str,
    label: &'a str,
    value: Option<Box<RawValue>>,
    unit: String,
    note: Option<&'a str>,
}

#[derive(DeriveSerialize)]
struct ColumnJson {
    key: &'static str,
    label: String,
}

#[derive(DeriveSerialize)]
struct RowJson<'a> {
    path: &'a str,
    label: &'static str,
    groups: Vec<&'static str>,
    cells: Ordered<Option<Box<RawValue>>>,
    #[serde(skip_serializing_if = "Ordered::is_empty")]
    units: Ordered<String>,
    #[serde(skip_serializing_if = "Ordered::is_empty")]
    derived: Ordered<i64>,
}

impl<V> Ordered<V> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[derive(DeriveSerialize)]
struct BlockJson<'a> {
    key: &'static str,
    label: &'static str,
    columns: Vec<ColumnJson>,
    rows: Vec<RowJson<'a>>,
}

#[derive(DeriveSerialize)]
struct TableJson<'a> {
    name: &'static str,
    caption: &'static str,
    blocks: Vec<BlockJson<'a>>,
}

#[derive(DeriveSerialize)]
struct TablesJson<'a> {
    t2: TableJson<'a>,
    t3: TableJson<'a>,
    t4: TableJson<'a>,
}

#[derive(DeriveSerialize)]
struct SectionJson<'a> {
    numeral: &'static str,
    heading: &'a str,
    markdown: &'a str,
}

#[derive(DeriveSerialize)]
struct NarrativeJson<'a> {
    opening: &'a str,
    sections: Vec<SectionJson<'a>>,
}

#[derive(DeriveSerialize)]
struct AckJson<'a> {
    id: &'a str,
    note: &'a str,
    findings: Vec<&'a str>,
}

#[derive(DeriveSerialize)]
struct ReportJson<'a> {
    body: BodyJson<'a>,
    year: u16,
    format: &'static str,
    format_document: &'static str,
    title: &'a str,
    issuer: &'a str,
    date: &'a str,
    published: Option<&'a str>,
    source: Option<&'a str>,
    acknowledged: Vec<AckJson<'a>>,
    indicators: Vec<IndicatorJson<'a>>,
    tables: TablesJson<'a>,
    narrative: NarrativeJson<'a>,
}

fn body_json<'a>(id: &'a str, body: Option<&'a Body>) -> BodyJson<'a> {
    BodyJson {
        id,
        name: body.map(|b| b.name.as_str()),
        level: body.map(|b| b.level.as_str()),
        region: body.map(|b| b.region.as_str()),
        website: body.and_then(|b| b.website.as_deref()),
        office: body.map(|b| b.office.as_str()),
        sample: body.is_some_and(|b| b.sample),
    }
}

fn indicators_json(report: &Report) -> Vec<IndicatorJson<'_>> {
    report
        .indicators
        .iter()
        .map(|i| IndicatorJson {
            id: &i.id,
            label: &i.label,
            value: number(i.value.as_ref()),
            unit: indicator_unit(i.value.as_ref(), &i.unit),
            note: i.note.as_deref(),
        })
        .collect()
}

/// An indicator's unit, with a unit written on the figure itself in front (元 + 万 …).
pub(super) fn indicator_unit(value: Option<&Num>, unit: &str) -> String {
    let own = value.and_then(|v| v.unit.as_deref()).unwrap_or("");
    format!("{own}{unit}")
}

fn table_json(table: &Table) -> TableJson<'_> {
    let blocks = table
        .blocks
        .iter()
        .map(|b| BlockJson {
            key: b.spec.key,
            label: b.spec.label,
            columns: b
                .spec
                .columns
                .iter()
                .map(|c| ColumnJson {
                    key: c.key,
                    label: col_label(c),
                })
                .collect(),
            rows: b
                .rows
                .iter()
                .map(|r| RowJson {
                    path: &r.path,
                    label: r.spec.label,
                    groups: row_groups(table.spec, b.spec, &r.path),
                    cells: cells(b.spec.columns.iter().map(|c| c.key), &r.cells),
                    units: Ordered(
                        b.spec
                            .columns
                            .iter()
                            .zip(&r.cells)
                            .filter_map(|(c, n)| {
                                Some((c.key.to_string(), n.as_ref()?.unit.clone()?))
                            })
                            .collect(),
                    ),
                    derived: Ordered(
                        b.spec
                            .columns
                            .iter()
                            .enumerate()
                            .filter(|(i, _)| r.is_derived(*i))
                            .filter_map(|(i, c)| Some((c.key.to_string(), r.derived[i]?)))
                            .collect(),
                    ),
                })
                .collect(),
        })
        .collect();
    TableJson {
        name: table.spec.name,
        caption: table.spec.caption,
        blocks,
    }
}

fn cells<'k>(
    keys: impl Iterator<Item = &'k str>,
    cells: &[Cell],
) -> Ordered<Option<Box<RawValue>>> {
    Ordered(
        keys.zip(cells)
            .map(|(k, c)| (k.to_string(), number(c.as_ref())))
            .collect(),
    )
}

/// One report's whole structured data; `findings` are the warnings about it.
pub(super) fn report(report: &Report, body: Option<&Body>, findings: &[&Finding]) -> String {
    let json = ReportJson {
        body: body_json(&report.body, body),
        year: report.year,
        format: report.format.key(),
        format_document: report.format.document(),
        title: &report.title,
        issuer: &report.issuer,
        date: &report.date,
        published: report.published.as_deref(),
        source: report.source.as_deref(),
        acknowledged: report
            .acknowledged
            .iter()
            .map(|a| AckJson {
                id: &a.id,
                note: &a.note,
                findings: findings
                    .iter()
                    .filter(|f| f.id.as_deref() == Some(a.id.as_str()))
                    .map(|f| f.message.as_str())
                    .collect(),
            })
            .collect(),
        indicators: indicators_json(report),
        tables: TablesJson {
            t2: table_json(&report.t2),
            t3: table_json(&report.t3),
            t4: table_json(&report.t4),
        },
        narrative: NarrativeJson {
            opening: &report.narrative.opening,
            sections: report
                .narrative
                .sections
                .iter()
                .map(|s| SectionJson {
                    numeral: s.numeral,
                    heading: &s.heading,
                    markdown: &s.markdown,
                })
                .collect(),
        },
    };
    compact(&json)
}

/// 表四's results of one kind of case, and their 总计.
#[derive(DeriveSerialize)]
struct ResultsJson {
    upheld: Option<i64>,
    corrected: Option<i64>,
    other: Option<i64>,
    pending: Option<i64>,
    total: Option<i64>,
}

impl ResultsJson {
    fn of(cell: impl Fn(usize) -> Option<i64>) -> ResultsJson {
        ResultsJson {
            upheld: cell(0),
            corrected: cell(1),
            other: cell(2),
            pending: cell(3),
            total: cell(4),
        }
    }
}

#[derive(DeriveSerialize)]
struct OutcomesJson {
    granted: Option<i64>,
    partial: Option<i64>,
    withheld: Option<i64>,
    unavailable: Option<i64>,
    not_processed: Option<i64>,
    other: Option<i64>,
}

#[derive(DeriveSerialize)]
struct DecisionsJson {
    licensing: Option<i64>,
    punishment: Option<i64>,
    enforcement: Option<i64>,
}

#[derive(DeriveSerialize)]
struct HeadlineJson {
    received: Option<i64>,
    carried_over: Option<i64>,
    processed: Option<i64>,
    carried_forward: Option<i64>,
    outcomes: OutcomesJson,
    reviews: ResultsJson,
    suits: ResultsJson,
    decisions: DecisionsJson,
}

#[derive(DeriveSerialize)]
struct ChecksJson {
    derived: u32,
    unchecked: u32,
    acknowledged: u32,
    narrative: u32,
}

#[derive(DeriveSerialize)]
struct SummaryJson<'a> {
    body: &'a str,
    body_name: &'a str,
    year: u16,
    format: &'static str,
    title: &'a str,
    date: &'a str,
    published: Option<&'a str>,
    sample: bool,
    /// The report's own JSON file (every cell of every table), relative to `data/`.
    data: String,
    headline: HeadlineJson,
    indicators: Vec<IndicatorJson<'a>>,
    checks: ChecksJson,
}

fn summary_json<'a>(s: &'a Summary, body: &'a Body) -> SummaryJson<'a> {
    let h = &s.headline;
    let [granted, partial, withheld, unavailable, not_processed, other] = h.outcomes;
    let [licensing, punishment, enforcement] = h.decisions;
    SummaryJson {
        body: &s.body,
        body_name: &body.name,
        year: s.year,
        format: s.format.key(),
        title: &s.title,
        date: &s.date,
        published: s.published.as_deref(),
        sample: body.sample,
        data: paths::report_json(&s.body, s.year)
            .trim_start_matches(&format!("{}/", paths::DATA_DIR))
            .to_string(),
        headline: HeadlineJson {
            received: h.received,
            carried_over: h.carried_over,
            processed: h.processed,
            carried_forward: h.carried_forward,
            outcomes: OutcomesJson {
                granted,
                partial,
                withheld,
                unavailable,
                not_processed,
                other,
            },
            reviews: ResultsJson::of(|c| h.reviews(c)),
            suits: ResultsJson::of(|c| h.suits(c)),
            decisions: DecisionsJson {
                licensing,
                punishment,
                enforcement,
            },
        },
        indicators: s
            .indicators
            .iter()
            .map(|i| IndicatorJson {
                id: &i.id,
                label: &i.label,
                value: number(i.value.as_ref()),
                unit: indicator_unit(i.value.as_ref(), &i.unit),
                note: None,
            })
            .collect(),
        checks: ChecksJson {
            derived: s.checks.derived,
            unchecked: s.checks.unchecked,
            acknowledged: s.checks.acknowledged,
            narrative: s.checks.narrative,
        },
    }
}

/// Every report's headline figures and indicators, by body then year, with the address of its
/// full data; the cells of every table are in each report's own file, not repeated here.
pub(super) fn all_reports(digest: &Digest) -> String {
    #[derive(DeriveSerialize)]
    struct All<'a> {
        reports: Vec<SummaryJson<'a>>,
    }
    let reports = digest
        .bodies
        .iter()
        .flat_map(|(b, list)| list.iter().map(move |s| summary_json(s, b)))
        .collect();
    compact(&All { reports })
}

/// JSON without indentation: it is a third of the size, and every reader (and `jq .`) lays it out.
fn compact<T: Serialize>(value: &T) -> String {
    // Serializing plain structs, strings and checked raw numbers cannot fail.
    let mut text = serde_json::to_string(value).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(text: &str, value: f64) -> Num {
        Num {
            text: text.into(),
            value,
            count: None,
            unit: None,
        }
    }

    #[test]
    fn keeps_published_digits_and_blank_as_null() {
        let cells_json = cells(
            ["a", "b", "c"].into_iter(),
            &[
                Some(num("151022.81", 151022.81)),
                None,
                Some(num("1.50", 1.5)),
            ],
        );
        let text = serde_json::to_string(&cells_json).unwrap();
        assert_eq!(text, r#"{"a":151022.81,"b":null,"c":1.50}"#);
    }

    #[test]
    fn falls_back_to_the_value_for_digits_json_cannot_hold() {
        let text = serde_json::to_string(&number(Some(&num("251000.", 251000.0)))).unwrap();
        assert_eq!(text, "251000.0");
    }
}
