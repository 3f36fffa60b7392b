//! The national annual-report format, described as data.
//!
//! Two formats exist: the 2021 format (国办公开办函〔2021〕30号, reports for 2021 on) and the
//! 2019 trial format (国办公开办函〔2019〕60号, reports for 2019 and 2020). Both print the same
//! three tables (T2 主动公开, T3 依申请公开, T4 复议诉讼) with different rows and columns in T2
//! and in T3's （六）. Describing each table once, as data, lets the loader, the checks, the
//! narrative references, the HTML tables and the open-data files all walk the same description,
//! so a row label is written in exactly one place.

use serde::Serialize;

/// Which national format a report follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Format {
    /// 2019 trial format, 国办公开办函〔2019〕60号.
    Trial2019,
    /// 2021 format, 国办公开办函〔2021〕30号.
    F2021,
    /// A variant real reports publish: the 2021 format, but 表三 prints 「（六）其他处理」 as one
    /// row, as the 2019 trial format does, without its three sub-items. Kept as published.
    F2021SingleOther,
}

impl Format {
    /// The format a report of `year` follows unless it says otherwise.
    pub fn default_for_year(year: u16) -> Format {
        if year >= 2021 {
            Format::F2021
        } else {
            Format::Trial2019
        }
    }

    /// Parses the value of a report's `format:` field. (The single-row （六） variant is
    /// written `"2021"` and recognised from the shape of its 表三; see [`Format::with_single_other`].)
    pub fn from_key(key: &str) -> Option<Format> {
        match key {
            "2019" => Some(Format::Trial2019),
            "2021" => Some(Format::F2021),
            _ => None,
        }
    }

    /// The variant of this format whose 表三 prints 「（六）其他处理」 as one row: the 2021
    /// format's variant; the 2019 trial format already does.
    pub fn with_single_other(self) -> Format {
        match self {
            Format::F2021 | Format::F2021SingleOther => Format::F2021SingleOther,
            Format::Trial2019 => Format::Trial2019,
        }
    }

    /// The value written in a report's `format:` field and in the open data.
    pub fn key(self) -> &'static str {
        match self {
            Format::Trial2019 => "2019",
            Format::F2021 | Format::F2021SingleOther => "2021",
        }
    }

    /// The official document that defines the format (and the variant, as published).
    pub fn document(self) -> &'static str {
        match self {
            Format::Trial2019 => "国办公开办函〔2019〕60号（试行格式）",
            Format::F2021 => "国办公开办函〔2021〕30号",
            Format::F2021SingleOther => {
                "国办公开办函〔2021〕30号（原文表三「（六）其他处理」按试行格式为一行，未分小项）"
            }
        }
    }

    /// The three statutory tables of this format.
    pub fn tables(self) -> [&'static TableSpec; 3] {
        match self {
            Format::Trial2019 => [&T2_2019, &T3_2019, &T4],
            Format::F2021 => [&T2_2021, &T3_2021, &T4],
            Format::F2021SingleOther => [&T2_2021, &T3_2019, &T4],
        }
    }

    /// The six section headings as the format prints them.
    pub fn section_headings(self) -> [&'static str; 6] {
        let five = match self {
            Format::Trial2019 => "五、政府信息公开工作存在的主要问题及改进情况",
            Format::F2021 | Format::F2021SingleOther => "五、存在的主要问题及改进情况",
        };
        [
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            five,
            "六、其他需要报告的事项",
        ]
    }
}

/// A row of a table, by its dotted path below the table or its T2 block (`results.granted`).
///
/// Code names rows and columns through the constants in [`key`], never through string
/// literals, so a misspelt key does not compile; a unit test checks that every constant names
/// a row or column of the format descriptions below.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RowKey(pub &'static str);

/// A column of a table, by its key (`natural`, `total`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ColKey(pub &'static str);

/// The rows and columns that code refers to by name.
pub mod key {
    use super::{ColKey, RowKey};

    /// 表三 一、本年新收政府信息公开申请数量.
    pub const NEW: RowKey = RowKey("new");
    /// 表三 二、上年结转政府信息公开申请数量.
    pub const CARRIED_OVER: RowKey = RowKey("carried_over");
    /// 表三 三、本年度办理结果 (a group).
    pub const RESULTS: RowKey = RowKey("results");
    /// 表三 三（一）予以公开.
    pub const GRANTED: RowKey = RowKey("results.granted");
    /// 表三 三（二）部分公开.
    pub const PARTIAL: RowKey = RowKey("results.partial");
    /// 表三 三（三）不予公开 (a group).
    pub const WITHHELD: RowKey = RowKey("results.withheld");
    /// 表三 三（四）无法提供 (a group).
    pub const UNAVAILABLE: RowKey = RowKey("results.unavailable");
    /// 表三 三（五）不予处理 (a group).
    pub const NOT_PROCESSED: RowKey = RowKey("results.not_processed");
    /// 表三 三（六）其他处理 (a group in 2021, a row in the 2019 trial format).
    pub const OTHER_HANDLING: RowKey = RowKey("results.other");
    /// 表三 三（七）总计.
    pub const RESULTS_TOTAL: RowKey = RowKey("results.total");
    /// 表三 四、结转下年度继续办理.
    pub const CARRIED_FORWARD: RowKey = RowKey("carried_forward");

    /// 表三 自然人.
    pub const NATURAL: ColKey = ColKey("natural");
    /// 表三 法人或其他组织·商业企业.
    pub const COMMERCIAL: ColKey = ColKey("commercial");
    /// 表三 法人或其他组织·科研机构.
    pub const RESEARCH: ColKey = ColKey("research");
    /// 表三 法人或其他组织·社会公益组织.
    pub const NONPROFIT: ColKey = ColKey("nonprofit");
    /// 表三 法人或其他组织·法律服务机构.
    pub const LEGAL: ColKey = ColKey("legal");
    /// 表三 法人或其他组织·其他.
    pub const OTHER_ORG: ColKey = ColKey("other");
    /// 总计 of 表三 and 表四.
    pub const TOTAL: ColKey = ColKey("total");

    /// 表四 行政复议.
    pub const REVIEW: RowKey = RowKey("review");
    /// 表四 行政诉讼·未经复议直接起诉.
    pub const DIRECT_SUIT: RowKey = RowKey("direct_suit");
    /// 表四 行政诉讼·复议后起诉.
    pub const SUIT_AFTER_REVIEW: RowKey = RowKey("suit_after_review");
    /// 表四 结果维持.
    pub const UPHELD: ColKey = ColKey("upheld");
    /// 表四 结果纠正.
    pub const CORRECTED: ColKey = ColKey("corrected");
    /// 表四 其他结果.
    pub const OTHER_RESULT: ColKey = ColKey("other");
    /// 表四 尚未审结.
    pub const PENDING: ColKey = ColKey("pending");

    /// 表二 规章.
    pub const REGULATIONS: RowKey = RowKey("regulations");
    /// 表二 行政规范性文件 (2019: 规范性文件).
    pub const NORMATIVE: RowKey = RowKey("normative");
    /// 表二 行政许可.
    pub const LICENSING: RowKey = RowKey("licensing");
    /// 表二 行政处罚.
    pub const PUNISHMENT: RowKey = RowKey("punishment");
    /// 表二 行政强制.
    pub const ENFORCEMENT: RowKey = RowKey("enforcement");
    /// 表二 本年制发件数 (2021).
    pub const ISSUED: ColKey = ColKey("issued");
    /// 表二 本年废止件数 (2021).
    pub const REPEALED: ColKey = ColKey("repealed");
    /// 表二 现行有效件数 (2021).
    pub const IN_FORCE: ColKey = ColKey("in_force");
    /// 表二 本年处理决定数量 (2019: 处理决定数量).
    pub const DECISIONS: ColKey = ColKey("decisions");

    /// The six applicant columns of 表三, in printed order.
    pub const APPLICANTS: [ColKey; 6] =
        [NATURAL, COMMERCIAL, RESEARCH, NONPROFIT, LEGAL, OTHER_ORG];
    /// The four result columns of 表四, in printed order.
    pub const T4_RESULTS: [ColKey; 4] = [UPHELD, CORRECTED, OTHER_RESULT, PENDING];
    /// The three rows of 表四.
    pub const T4_ROWS: [RowKey; 3] = [REVIEW, DIRECT_SUIT, SUIT_AFTER_REVIEW];
    /// The six outcome groups of 三、本年度办理结果, each summed over the rows below it.
    pub const OUTCOMES: [RowKey; 6] = [
        GRANTED,
        PARTIAL,
        WITHHELD,
        UNAVAILABLE,
        NOT_PROCESSED,
        OTHER_HANDLING,
    ];
}

/// The section numerals, in the order the format prescribes.
pub const SECTION_NUMERALS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];

/// What a column holds, which decides what a cell may contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColKind {
    /// A count: a whole number, never negative.
    Count,
    /// A change such as 本年增/减: a whole number that may be negative.
    Change,
    /// An amount of money: decimals kept exactly as written; may carry its own unit.
    Amount,
    /// The column that sums every other column of its row (总计).
    Total,
}

/// One column of a table (or of a T2 block).
#[derive(Debug)]
pub struct ColSpec {
    /// The id used in YAML comments, narrative references and CSV headers.
    pub key: &'static str,
    /// The column heading as the form prints it.
    pub label: &'static str,
    /// What the column holds.
    pub kind: ColKind,
    /// The upper heading this column sits under, if any (e.g. 法人或其他组织).
    pub group: Option<&'static str>,
}

/// One row of a table; a group row holds the rows printed under it.
#[derive(Debug)]
pub struct RowSpec {
    /// The YAML key of the row.
    pub key: &'static str,
    /// The row label as the form prints it.
    pub label: &'static str,
    /// The label used in messages when the printed label is long.
    pub short: &'static str,
    /// Rows printed under this one; empty for a row of numbers.
    pub children: &'static [RowSpec],
}

impl RowSpec {
    /// Whether the row holds numbers (a leaf) rather than other rows.
    pub fn is_leaf(&self) -> bool {
        self.children.is_empty()
    }

    /// The rows of numbers below `rows`, in printed order, each with its dotted path
    /// (`results.withheld.state_secret`) below `prefix`.
    pub fn leaves(rows: &'static [RowSpec], prefix: &str) -> Vec<(String, &'static RowSpec)> {
        let mut out = Vec::new();
        for r in rows {
            let path = if prefix.is_empty() {
                r.key.to_string()
            } else {
                format!("{prefix}.{}", r.key)
            };
            if r.is_leaf() {
                out.push((path, r));
            } else {
                out.extend(RowSpec::leaves(r.children, &path));
            }
        }
        out
    }
}

/// A block of rows sharing one set of columns. T3 and T4 have one block; T2 has one per
/// 第二十条 item.
#[derive(Debug)]
pub struct BlockSpec {
    /// The YAML key of the block (`item1` …); empty for single-block tables.
    pub key: &'static str,
    /// The block heading as printed (第二十条第（一）项); empty for single-block tables.
    pub label: &'static str,
    /// The columns of the block.
    pub columns: &'static [ColSpec],
    /// The rows of the block, as a tree.
    pub rows: &'static [RowSpec],
}

impl BlockSpec {
    /// The row or group at a dotted path below the block.
    pub fn row_spec(&self, path: &str) -> Option<&'static RowSpec> {
        let mut rows: &'static [RowSpec] = self.rows;
        let mut found = None;
        for part in path.split('.') {
            let r = rows.iter().find(|r| r.key == part)?;
            rows = r.children;
            found = Some(r);
        }
        found
    }
}

/// One statutory table.
#[derive(Debug)]
pub struct TableSpec {
    /// `t2`, `t3` or `t4`: the YAML key and the reference prefix.
    pub key: &'static str,
    /// 表二 …, used in messages.
    pub name: &'static str,
    /// The table's caption (the section heading without its numeral).
    pub caption: &'static str,
    /// The blocks of the table.
    pub blocks: &'static [BlockSpec],
}

impl TableSpec {
    /// Whether the YAML nests rows under block keys (T2) or holds them directly (T3, T4).
    pub fn has_named_blocks(&self) -> bool {
        !self.blocks[0].key.is_empty()
    }
}

const fn col(key: &'static str, label: &'static str, kind: ColKind) -> ColSpec {
    ColSpec {
        key,
        label,
        kind,
        group: None,
    }
}

const fn leaf(key: &'static str, label: &'static str, short: &'static str) -> RowSpec {
    RowSpec {
        key,
        label,
        short,
        children: &[],
    }
}

const fn group(
    key: &'static str,
    label: &'static str,
    short: &'static str,
    children: &'static [RowSpec],
) -> RowSpec {
    RowSpec {
        key,
        label,
        short,
        children,
    }
}

// ---------------------------------------------------------------- T2 主动公开政府信息情况

const T2_DECISIONS_2021: &[ColSpec] = &[col("decisions", "本年处理决定数量", ColKind::Count)];

static T2_2021: TableSpec = TableSpec {
    key: "t2",
    name: "表二",
    caption: "主动公开政府信息情况",
    blocks: &[
        BlockSpec {
            key: "item1",
            label: "第二十条第（一）项",
            columns: &[
                col("issued", "本年制发件数", ColKind::Count),
                col("repealed", "本年废止件数", ColKind::Count),
                col("in_force", "现行有效件数", ColKind::Count),
            ],
            rows: &[
                leaf("regulations", "规章", "规章"),
                leaf("normative", "行政规范性文件", "行政规范性文件"),
            ],
        },
        BlockSpec {
            key: "item5",
            label: "第二十条第（五）项",
            columns: T2_DECISIONS_2021,
            rows: &[leaf("licensing", "行政许可", "行政许可")],
        },
        BlockSpec {
            key: "item6",
            label: "第二十条第（六）项",
            columns: T2_DECISIONS_2021,
            rows: &[
                leaf("punishment", "行政处罚", "行政处罚"),
                leaf("enforcement", "行政强制", "行政强制"),
            ],
        },
        BlockSpec {
            key: "item8",
            label: "第二十条第（八）项",
            columns: &[col("amount", "本年收费金额（单位：万元）", ColKind::Amount)],
            rows: &[leaf("fees", "行政事业性收费", "行政事业性收费")],
        },
    ],
};

const T2_ITEMS_2019: &[ColSpec] = &[
    col("previous", "上一年项目数量", ColKind::Count),
    col("change", "本年增/减", ColKind::Change),
    col("decisions", "处理决定数量", ColKind::Count),
];

static T2_2019: TableSpec = TableSpec {
    key: "t2",
    name: "表二",
    caption: "主动公开政府信息情况",
    blocks: &[
        BlockSpec {
            key: "item1",
            label: "第二十条第（一）项",
            columns: &[
                col("made", "本年新制作数量", ColKind::Count),
                col("published", "本年新公开数量", ColKind::Count),
                col("total_published", "对外公开总数量", ColKind::Count),
            ],
            rows: &[
                leaf("regulations", "规章", "规章"),
                leaf("normative", "规范性文件", "规范性文件"),
            ],
        },
        BlockSpec {
            key: "item5",
            label: "第二十条第（五）项",
            columns: T2_ITEMS_2019,
            rows: &[
                leaf("licensing", "行政许可", "行政许可"),
                leaf(
                    "other_services",
                    "其他对外管理服务事项",
                    "其他对外管理服务事项",
                ),
            ],
        },
        BlockSpec {
            key: "item6",
            label: "第二十条第（六）项",
            columns: T2_ITEMS_2019,
            rows: &[
                leaf("punishment", "行政处罚", "行政处罚"),
                leaf("enforcement", "行政强制", "行政强制"),
            ],
        },
        BlockSpec {
            key: "item8",
            label: "第二十条第（八）项",
            columns: &[
                col("previous", "上一年项目数量", ColKind::Count),
                col("change", "本年增/减", ColKind::Change),
            ],
            rows: &[leaf("fees", "行政事业性收费", "行政事业性收费")],
        },
        BlockSpec {
            key: "item9",
            label: "第二十条第（九）项",
            columns: &[
                col("count", "采购项目数量", ColKind::Count),
                col("amount", "采购总金额", ColKind::Amount),
            ],
            rows: &[leaf("procurement", "政府集中采购", "政府集中采购")],
        },
    ],
};

// ---------------------------------------------------------- T3 收到和处理政府信息公开申请情况

/// The T3 columns, the same in both formats.
pub const T3_COLUMNS: &[ColSpec] = &[
    col("natural", "自然人", ColKind::Count),
    ColSpec {
        key: "commercial",
        label: "商业企业",
        kind: ColKind::Count,
        group: Some("法人或其他组织"),
    },
    ColSpec {
        key: "research",
        label: "科研机构",
        kind: ColKind::Count,
        group: Some("法人或其他组织"),
    },
    ColSpec {
        key: "nonprofit",
        label: "社会公益组织",
        kind: ColKind::Count,
        group: Some("法人或其他组织"),
    },
    ColSpec {
        key: "legal",
        label: "法律服务机构",
        kind: ColKind::Count,
        group: Some("法人或其他组织"),
    },
    ColSpec {
        key: "other",
        label: "其他",
        kind: ColKind::Count,
        group: Some("法人或其他组织"),
    },
    col("total", "总计", ColKind::Total),
];

/// The note the form prints on T3.
pub const T3_IDENTITY_NOTE: &str =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

const T3_WITHHELD: RowSpec = group(
    "withheld",
    "（三）不予公开",
    "（三）不予公开",
    &[
        leaf("state_secret", "1.属于国家秘密", "（三）1.属于国家秘密"),
        leaf(
            "prohibited",
            "2.其他法律行政法规禁止公开",
            "（三）2.其他法律行政法规禁止公开",
        ),
        leaf(
            "security",
            "3.危及“三安全一稳定”",
            "（三）3.危及“三安全一稳定”",
        ),
        leaf(
            "third_party",
            "4.保护第三方合法权益",
            "（三）4.保护第三方合法权益",
        ),
        leaf(
            "internal",
            "5.属于三类内部事务信息",
            "（三）5.属于三类内部事务信息",
        ),
        leaf(
            "process",
            "6.属于四类过程性信息",
            "（三）6.属于四类过程性信息",
        ),
        leaf(
            "enforcement_files",
            "7.属于行政执法案卷",
            "（三）7.属于行政执法案卷",
        ),
        leaf("inquiry", "8.属于行政查询事项", "（三）8.属于行政查询事项"),
    ],
);

const T3_UNAVAILABLE: RowSpec = group(
    "unavailable",
    "（四）无法提供",
    "（四）无法提供",
    &[
        leaf(
            "not_held",
            "1.本机关不掌握相关政府信息",
            "（四）1.本机关不掌握相关政府信息",
        ),
        leaf(
            "needs_creation",
            "2.没有现成信息需要另行制作",
            "（四）2.没有现成信息需要另行制作",
        ),
        leaf(
            "unclear",
            "3.补正后申请内容仍不明确",
            "（四）3.补正后申请内容仍不明确",
        ),
    ],
);

const T3_NOT_PROCESSED: RowSpec = group(
    "not_processed",
    "（五）不予处理",
    "（五）不予处理",
    &[
        leaf(
            "complaint",
            "1.信访举报投诉类申请",
            "（五）1.信访举报投诉类申请",
        ),
        leaf("repeated", "2.重复申请", "（五）2.重复申请"),
        leaf(
            "publication",
            "3.要求提供公开出版物",
            "（五）3.要求提供公开出版物",
        ),
        leaf(
            "excessive",
            "4.无正当理由大量反复申请",
            "（五）4.无正当理由大量反复申请",
        ),
        leaf(
            "confirmation",
            "5.要求行政机关确认或重新出具已获取信息",
            "（五）5.要求行政机关确认或重新出具已获取信息",
        ),
    ],
);

const T3_GRANTED: RowSpec = leaf("granted", "（一）予以公开", "（一）予以公开");
const T3_PARTIAL: RowSpec = leaf(
    "partial",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（二）部分公开",
);
const T3_TOTAL: RowSpec = leaf("total", "（七）总计", "三（七）总计");
const T3_NEW: RowSpec = leaf(
    "new",
    "一、本年新收政府信息公开申请数量",
    "一、本年新收政府信息公开申请数量",
);
const T3_CARRIED_OVER: RowSpec = leaf(
    "carried_over",
    "二、上年结转政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
);
const T3_CARRIED_FORWARD: RowSpec = leaf(
    "carried_forward",
    "四、结转下年度继续办理",
    "四、结转下年度继续办理",
);

static T3_2021: TableSpec = TableSpec {
    key: "t3",
    name: "表三",
    caption: "收到和处理政府信息公开申请情况",
    blocks: &[BlockSpec {
        key: "",
        label: "",
        columns: T3_COLUMNS,
        rows: &[
            T3_NEW,
            T3_CARRIED_OVER,
            group(
                "results",
                "三、本年度办理结果",
                "三、本年度办理结果",
                &[
                    T3_GRANTED,
                    T3_PARTIAL,
                    T3_WITHHELD,
                    T3_UNAVAILABLE,
                    T3_NOT_PROCESSED,
                    group(
                        "other",
                        "（六）其他处理",
                        "（六）其他处理",
                        &[
                            leaf(
                                "no_correction",
                                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                                "（六）1.申请人无正当理由逾期不补正",
                            ),
                            leaf(
                                "no_fee",
                                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                                "（六）2.申请人逾期未按收费通知要求缴纳费用",
                            ),
                            leaf("other", "3.其他", "（六）3.其他"),
                        ],
                    ),
                    T3_TOTAL,
                ],
            ),
            T3_CARRIED_FORWARD,
        ],
    }],
};

static T3_2019: TableSpec = TableSpec {
    key: "t3",
    name: "表三",
    caption: "收到和处理政府信息公开申请情况",
    blocks: &[BlockSpec {
        key: "",
        label: "",
        columns: T3_COLUMNS,
        rows: &[
            T3_NEW,
            T3_CARRIED_OVER,
            group(
                "results",
                "三、本年度办理结果",
                "三、本年度办理结果",
                &[
                    T3_GRANTED,
                    T3_PARTIAL,
                    T3_WITHHELD,
                    T3_UNAVAILABLE,
                    T3_NOT_PROCESSED,
                    leaf("other", "（六）其他处理", "（六）其他处理"),
                    T3_TOTAL,
                ],
            ),
            T3_CARRIED_FORWARD,
        ],
    }],
};

// ------------------------------------------------------ T4 政府信息公开行政复议、行政诉讼情况

static T4: TableSpec = TableSpec {
    key: "t4",
    name: "表四",
    caption: "政府信息公开行政复议、行政诉讼情况",
    blocks: &[BlockSpec {
        key: "",
        label: "",
        columns: &[
            col("upheld", "结果维持", ColKind::Count),
            col("corrected", "结果纠正", ColKind::Count),
            col("other", "其他结果", ColKind::Count),
            col("pending", "尚未审结", ColKind::Count),
            col("total", "总计", ColKind::Total),
        ],
        rows: &[
            leaf("review", "行政复议", "行政复议"),
            leaf(
                "direct_suit",
                "未经复议直接起诉",
                "行政诉讼·未经复议直接起诉",
            ),
            leaf("suit_after_review", "复议后起诉", "行政诉讼·复议后起诉"),
        ],
    }],
};

/// The upper heading T4 prints over its two lawsuit groups.
pub const T4_LITIGATION: &str = "行政诉讼";

#[cfg(test)]
mod tests {
    use super::*;

    fn leaves(rows: &[RowSpec]) -> usize {
        rows.iter()
            .map(|r| if r.is_leaf() { 1 } else { leaves(r.children) })
            .sum()
    }

    #[test]
    fn t3_has_the_forms_leaf_counts() {
        // 2021: 一, 二, 21 outcome rows + （七）总计, 四 = 25; 2019 folds （六） into one row.
        assert_eq!(leaves(T3_2021.blocks[0].rows), 25);
        assert_eq!(leaves(T3_2019.blocks[0].rows), 23);
    }

    /// docs/format.md must list every key and official label of both formats.
    #[test]
    fn the_format_documentation_names_every_row_and_column() {
        let doc = include_str!("../docs/format.md");
        fn rows(list: &[RowSpec], prefix: &str, doc: &str) {
            for r in list {
                let path = if prefix.is_empty() {
                    r.key.to_string()
                } else {
                    format!("{prefix}.{}", r.key)
                };
                assert!(doc.contains(&format!("`{path}`")), "docs lack key {path}");
                assert!(doc.contains(r.label), "docs lack label {}", r.label);
                rows(r.children, &path, doc);
            }
        }
        for format in [Format::Trial2019, Format::F2021] {
            for table in format.tables() {
                for block in table.blocks {
                    rows(block.rows, block.key, doc);
                    for c in block.columns {
                        assert!(
                            doc.contains(&format!("`{}` {}", c.key, c.label)),
                            "docs lack column {}",
                            c.label
                        );
                    }
                }
            }
            for heading in format.section_headings() {
                assert!(doc.contains(heading), "docs lack heading {heading}");
            }
        }
    }

    /// Every row path (leaves and groups) of a table, in any block.
    fn row_paths(table: &TableSpec) -> Vec<String> {
        fn walk(rows: &[RowSpec], prefix: &str, out: &mut Vec<String>) {
            for r in rows {
                let path = if prefix.is_empty() {
                    r.key.to_string()
                } else {
                    format!("{prefix}.{}", r.key)
                };
                walk(r.children, &path, out);
                out.push(path);
            }
        }
        let mut out = Vec::new();
        for b in table.blocks {
            walk(b.rows, "", &mut out);
        }
        out
    }

    #[test]
    fn every_named_key_is_a_row_or_column_of_both_formats() {
        use key::*;
        let t3_rows = [
            NEW,
            CARRIED_OVER,
            RESULTS,
            GRANTED,
            PARTIAL,
            WITHHELD,
            UNAVAILABLE,
            NOT_PROCESSED,
            OTHER_HANDLING,
            RESULTS_TOTAL,
            CARRIED_FORWARD,
        ];
        let t2_rows = [REGULATIONS, NORMATIVE, LICENSING, PUNISHMENT, ENFORCEMENT];
        let cols = |t: &TableSpec| -> Vec<&str> {
            t.blocks
                .iter()
                .flat_map(|b| b.columns.iter().map(|c| c.key))
                .collect()
        };
        for format in [Format::Trial2019, Format::F2021] {
            let [t2, t3, t4] = format.tables();
            for (table, rows) in [(t2, &t2_rows[..]), (t3, &t3_rows[..]), (t4, &T4_ROWS[..])] {
                let paths = row_paths(table);
                for r in rows {
                    assert!(
                        paths.iter().any(|p| p == r.0),
                        "{format:?} {} {}",
                        table.name,
                        r.0
                    );
                }
            }
            for c in APPLICANTS.iter().chain([&TOTAL]) {
                assert!(cols(t3).contains(&c.0), "{format:?} 表三 {}", c.0);
            }
            for c in T4_RESULTS.iter().chain([&TOTAL]) {
                assert!(cols(t4).contains(&c.0), "{format:?} 表四 {}", c.0);
            }
            assert!(cols(t2).contains(&DECISIONS.0), "{format:?}");
        }
        let t2_2021 = cols(Format::F2021.tables()[0]);
        for c in [ISSUED, REPEALED, IN_FORCE] {
            assert!(t2_2021.contains(&c.0), "{}", c.0);
        }
        // Every outcome group is a group (or the 2019 （六） row) under 三.
        for o in OUTCOMES {
            assert!(o.0.starts_with("results."), "{}", o.0);
        }
    }

    #[test]
    fn default_format_follows_the_year() {
        assert_eq!(Format::default_for_year(2020), Format::Trial2019);
        assert_eq!(Format::default_for_year(2021), Format::F2021);
    }
}
