//! The problems' phrase book: the words around a problem in both
//! languages, and each hint in Chinese, keyed by its English text (as
//! gettext keys a translation by its message): a hint is written once, in
//! English, where the problem is found, and said in Chinese only here.
//!
//! `{}` in a key stands for text the hint quotes (an id, a period, a list of
//! forms); the Chinese takes the same texts in the same order, or `{0}`,
//! `{1}` to reorder them. A test keeps every hint in the code here.

use crate::lang::Lang;

/// (English, Chinese).
pub const HINTS: &[(&str, &str)] = &[
    // Intake, second pass.
    (
        "the file is damaged or was not made by a spreadsheet program: save it again from Excel or WPS",
        "文件已损坏，或并非由电子表格软件生成：请用 Excel 或 WPS 重新保存",
    ),
    (
        "check the decimal point and the unit; if the figure is right (the year-earlier one was revised), confirm it with --accept-jump {}:{} (logged)",
        "请核对小数点和单位；如数值无误（上年同期数已修订），请用 --accept-jump {}:{} 确认（将记入日志）",
    ),
    (
        "open it in Excel or WPS and save it again as .xlsx; if that fails too, ask the sender for the file again",
        "请用 Excel 或 WPS 打开后另存为 .xlsx；仍不行的，请向报送单位重新索取文件",
    ),
    (
        "a workbook this large inside is most likely forged (a zip bomb); save the sheet again from Excel or WPS",
        "内部如此庞大的工作簿多半是伪造的（压缩炸弹）；请从 Excel 或 WPS 重新保存该表",
    ),
    (
        "copy the sheet with the figures into a new workbook and ingest that",
        "请把有数据的工作表复制到新工作簿后再导入",
    ),
    (
        "a quarter's figures fit in far less; copy the table into a new workbook",
        "一个季度的数据远用不了这么多；请把表格复制到新工作簿",
    ),
    (
        "the file was cut off in a download or a copy: get it again; if it is GBK, pass --encoding gbk",
        "文件在下载或复制时被截断：请重新获取；如确为 GBK 编码，请加 --encoding gbk",
    ),
    (
        "a figure is 0, or at least 1e-9 in magnitude; this one is a slip or a float's leftover",
        "数值应为0或绝对值不小于1e-9；此数多为笔误或浮点残余",
    ),
    (
        "write the figure as it is published (no bureau publishes 29 digits); it is never rounded to fit",
        "请按公布的数值填写（统计部门不会公布29位数字）；数值不会被四舍五入以凑合",
    ),
    (
        "a figure written with commas (1,2,3) must be quoted, or written without them",
        "带逗号的数（1,2,3）须加引号，或去掉逗号",
    ),
    (
        "save the sheet again as CSV UTF-8, or retype the header",
        "请将该表重新另存为 CSV UTF-8，或重新输入表头",
    ),
    (
        "delete the column that is not the figure, or rename it so it names no KPI of the plan",
        "请删去不是该指标数值的那一列，或改名使其不对应规划中的任何指标",
    ),
    (
        "the 累计 is stored; check the quarter's figure against the bureau's release",
        "已保存累计数；请对照统计部门公布的数据核对本季数",
    ),
    (
        "a title left from an earlier sheet? correct whichever is wrong",
        "是否沿用了上期表格的标题？请更正有误的一处",
    ),
    (
        "accepted forms: {}; or give the period: --period 2023年1-6月",
        "可用格式：{}；或用 --period 2023年1-6月 给出期间",
    ),
    (
        "if it is `{}` misspelt, correct the sheet and ingest it again; if the bureau always writes it so, add it to the KPI's \"aliases\"",
        "如是 `{}` 的笔误，请更正表格后重新导入；如统计部门一贯这样写，请将其加入该指标的 \"aliases\"",
    ),
    (
        "check the number: a growth is in percent a year (8 for 8 %)",
        "请核对数值：增速以每年百分数表示（8%写作8）",
    ),
    (
        "a ratio threshold compares growth made with growth planned: 1.0, 0.8, 0.5",
        "比值阈值是实际增长与计划增长之比：如1.0、0.8、0.5",
    ),
    // Comparable prices and relative targets.
    (
        "growth at comparable prices comes from the published 同比; a level target is met by levels, at current prices",
        "按可比价格计算的增长取自公布的同比增速；水平目标以现价水平衡量",
    ),
    (
        "for a year's growth target 左右, use \"about\" in \"annual\"",
        "年度增长目标的“左右”请写在 \"annual\" 中的 \"about\"",
    ),
    // Files and folders.
    (
        "replace the link with the file itself; writing the store would replace the link, not its target",
        "请用文件本身替换该链接：写入数据时替换的是链接，而不是它指向的文件",
    ),
    (
        "a pipe or a device can block for ever or never end; give a file",
        "管道或设备可能一直阻塞或没有尽头；请给出一个文件",
    ),
    (
        "create the folder first, or give another --out",
        "请先建立该文件夹，或另给 --out",
    ),
    (
        "e.g. --out report-2022Q1.html",
        "例如 --out report-2022Q1.html",
    ),
    (
        "the name is what every output shows for the KPI",
        "名称是各项输出中显示该指标的文字",
    ),
    (
        "names and values are case-sensitive; docs/plan-format.md lists every field",
        "名称和取值区分大小写；所有字段见 docs/plan-format.md",
    ),
    (
        "look for a missing comma, quote or bracket just before the marked place",
        "请检查标记位置之前是否缺少逗号、引号或括号",
    ),
    ("a closing `}` or `]` is missing", "缺少右括号 `}` 或 `]`"),
    (
        "the name heads every table, report and chart",
        "名称是每张表格、报告和图表的标题",
    ),
    (
        "replace every EDIT (编辑) that `plantrack init` wrote with the plan's published goals",
        "把 `plantrack init` 写入的每处“编辑”（EDIT）换成规划公布的目标",
    ),
    (
        "e.g. --out status-2025Q2.csv, or --format csv --out FILE",
        "例如 --out status-2025Q2.csv，或 --format csv --out 文件名",
    ),
    (
        "try again when it has finished; nothing was written",
        "请待其完成后再试；未写入任何内容",
    ),
    (
        "make it writable (chmod u+w) if it is meant to take new figures",
        "如需录入新数据，请将其设为可写（chmod u+w）",
    ),
    // Fonts.
    (
        "pass a .ttf, .otf or .ttc file with --font",
        "请用 --font 给出 .ttf、.otf 或 .ttc 字体文件",
    ),
    (
        "pass a font that has it with --font FILE (.ttf, .otf or .ttc)",
        "请用 --font 给出含有该字的字体文件（.ttf、.otf 或 .ttc）",
    ),
    (
        "pass one with --font FILE (.ttf, .otf or .ttc), or install one: on Debian or Ubuntu `apt-get install fonts-noto-cjk`",
        "请用 --font 给出字体文件（.ttf、.otf 或 .ttc），或安装一种：Debian 或 Ubuntu 上运行 `apt-get install fonts-noto-cjk`",
    ),
    (
        "pass a CJK font such as Noto Sans CJK with --font",
        "请用 --font 给出中文字体，如 Noto Sans CJK",
    ),
    (
        "pass a font that covers it with --font",
        "请用 --font 给出含有该字的字体",
    ),
    // init.
    (
        "the id names the plan's data folder, so it must be safe as a file name",
        "编号即规划数据文件夹的名称，须能安全地用作文件名",
    ),
    (
        "pass --baseline and --target, e.g. --baseline 2024Q4 --target 2027Q4",
        "请给出 --baseline 和 --target，例如 --baseline 2024Q4 --target 2027Q4",
    ),
    (
        "init never overwrites; choose another id or remove the file yourself",
        "init 从不覆盖已有文件；请换一个编号，或自行删除该文件",
    ),
    (
        "pass --baseline and --target",
        "请给出 --baseline 和 --target",
    ),
    // Plans and where they are.
    (
        "run plantrack in the folder that holds targets/ and data/, or pass --plan FILE and --data DIR",
        "请在含有 targets/ 和 data/ 的文件夹中运行 plantrack，或给出 --plan 文件 和 --data 文件夹",
    ),
    (
        "pass --data DIR (default `data`); `plantrack init` and `plantrack ingest` make it",
        "请给出 --data 文件夹（默认为 `data`）；`plantrack init` 和 `plantrack ingest` 会建立它",
    ),
    (
        "a plan is a JSON file such as targets/bishan-2022.json",
        "规划是一个 JSON 文件，例如 targets/bishan-2022.json",
    ),
    (
        "see targets/bishan-2022.json for a complete example",
        "完整的例子见 targets/bishan-2022.json",
    ),
    (
        "each plan needs its own id: it names the plan's data folder",
        "每个规划须有各自的编号：它是规划数据文件夹的名称",
    ),
    (
        "the plan id names its data folder, data/<plan-id>/",
        "规划编号即其数据文件夹的名称 data/<规划编号>/",
    ),
    (
        "ids name chart files, so they are kept safe for any file system",
        "编号用作图表文件名，须在任何文件系统上都安全",
    ),
    (
        "without a target value a KPI is assessed by its own trend",
        "没有目标值的指标按其自身趋势评估",
    ),
    (
        "direction says which way is better; the comparator says how the target is met",
        "direction 表示哪个方向更好；comparator 表示怎样算达到目标",
    ),
    (
        "data is accepted up to the plan's target period only",
        "只接受截至规划目标期的数据",
    ),
    (
        "a compound path grows by a rate, and no rate grows from zero",
        "复合增长路径按增速增长，而从零出发无法按增速增长",
    ),
    (
        "ingest and --kpi find a KPI by its id, names and aliases; each must lead to one KPI",
        "ingest 和 --kpi 按编号、名称和别名查找指标；每一个都只能对应一项指标",
    ),
    (
        "the KPI is assessed as the plan says; check the direction and the target against the publication",
        "指标按规划所写评估；请对照原文核对方向和目标",
    ),
    (
        "state the target as the plan does; plantrack derives the level",
        "请按规划原文表述目标；plantrack 会推算出目标值",
    ),
    (
        "the level is derived from the plan's baseline, so it is known before any data",
        "目标值由规划的基期值推算，因此在有数据之前就已确定",
    ),
    (
        "a year-to-date baseline is a part of a year: growth from it would not be growth on a year",
        "年内累计的基期值只是一年的一部分：由它算出的增长不是按年的增长",
    ),
    (
        "the level at the target period is the target itself",
        "目标期的值就是目标本身",
    ),
    ("check the exponent", "请检查指数"),
    (
        "Chinese output shows the figures in it, converted exactly",
        "中文输出按该单位显示数据，换算精确",
    ),
    // KPIs named.
    ("did you mean `{}`?", "是否想输入`{}`？"),
    (
        "a KPI is named by its id, English or Chinese name, or one of its \"aliases\"",
        "指标可用其编号、英文名、中文名或 \"aliases\" 中的别名指定",
    ),
    (
        "KPI ids are the `id` fields of the plan file",
        "指标编号即规划文件中的 `id` 字段",
    ),
    (
        "did you mean `{}`? A bureau's own name for a KPI goes in its \"aliases\" in the plan",
        "是否想输入`{}`？统计局对指标的叫法可写入规划中该指标的 \"aliases\"",
    ),
    (
        "a unit may follow the name in brackets: 工业总产值(亿元); a bureau's own name for a KPI goes in its \"aliases\" in the plan",
        "名称后可用括号注明单位：工业总产值(亿元)；统计局对指标的叫法可写入规划中该指标的 \"aliases\"",
    ),
    // Periods.
    ("accepted forms: {}", "可接受的写法：{}"),
    (
        "did you mean {}? accepted forms: {}",
        "是否想输入{}？可接受的写法：{}",
    ),
    (
        "the window starts with the baseline year; set \"data_from\" in the plan to keep earlier history",
        "数据窗口从基期年份开始；如需保留更早的历史数据，请在规划中设置 \"data_from\"",
    ),
    (
        "ytd = January to the period's end; quarter = that quarter alone; level = the value at the period's end; increment = added in that quarter",
        "ytd = 1月至该期末的累计；quarter = 仅该季度；level = 期末的值；increment = 该季度新增",
    ),
    // Values.
    (
        "a missing figure is a missing row: leave the period out rather than write 0",
        "缺少的数据就是缺少的行：请略去该期，不要写0",
    ),
    (
        "NaN and infinity are not figures; leave the row out if the value is unknown",
        "NaN 和无穷大不是数据；数值未知时请略去该行",
    ),
    (
        "write the number without separators, e.g. 12345.6",
        "请写不带千位分隔符的数字，例如 12345.6",
    ),
    (
        "write {} for {}: the unit column says it is a percentage",
        "请把{1}写作{0}：单位列已说明它是百分比",
    ),
    (
        "units belong in the unit column and notes in the note column",
        "单位请写在 unit 列，备注写在 note 列",
    ),
    (
        "leave the cell out rather than write 0",
        "请让该单元格空着，不要写0",
    ),
    (
        "an unknown or unpublished figure is left out, never stored as a number",
        "未知或未公布的数据应略去，不能作为数字存入",
    ),
    (
        "check the unit and the decimal point: a figure this size is a slip",
        "请检查单位和小数点：这样大小的数字是笔误",
    ),
    ("write 1234.5 or 1,234.5", "请写作 1234.5 或 1,234.5"),
    (
        "a value is digits with an optional decimal point, sign and unit (323.4亿元)",
        "数值由数字组成，可带小数点、正负号和单位（323.4亿元）",
    ),
    (
        "a unit of the same kind converts ({}); this one does not",
        "同类单位可以换算（{}）；这个单位不能",
    ),
    (
        "check the unit of the column or cell; if the figure is right, confirm it with --accept-jump {}:{} (logged)",
        "请检查该列或单元格的单位；如数据无误，请用 --accept-jump {}:{} 确认（会记入日志）",
    ),
    // Rows and columns.
    (
        "a value with a comma in it must be quoted: \"zone, above designated size\"",
        "含逗号的值须加引号，如：\"园区, 规模以上\"",
    ),
    ("delete one of the two rows", "请删除两行中的一行"),
    (
        "keep the right value and delete the other row; a revised figure replaces the old one",
        "请保留正确的值并删除另一行；修订数据会替换旧值",
    ),
    (
        "kpi, period and value are required; unit, basis, scope, source, note and yoy are optional",
        "kpi、period 和 value 为必填；unit、basis、scope、source、note 和 yoy 为选填",
    ),
    (
        "correct whichever is wrong, so that the baseline is one figure",
        "请改正有误的一方，使基期值只有一个",
    ),
    (
        "a quote inside a quoted field is written twice (\"\"); or remove the stray quote",
        "引号内的引号要写两次（\"\"）；或删除多余的引号",
    ),
    (
        "remove it; it is often left by a copy from a web page or a terminal",
        "请删除它；它常是从网页或终端复制时带入的",
    ),
    (
        "whoever opens the store in Excel would run it; reword it, e.g. put a word first",
        "在 Excel 中打开数据文件的人会执行它；请改写，例如以文字开头",
    ),
    ("delete or rename one of the two", "请删除其中一列或改名"),
    (
        "remove the column, or rename it to one of these",
        "请删除该列，或改名为其中之一",
    ),
    (
        "put its actuals in that file, header kpi,period,value,unit,basis,scope,source,note,yoy; or feed it with plantrack ingest",
        "请把实际数据放入该文件，表头为 kpi,period,value,unit,basis,scope,source,note,yoy；或用 plantrack ingest 录入",
    ),
    (
        "delete the file if the plan has no data yet",
        "如果该规划尚无数据，请删除此文件",
    ),
    // Encodings.
    (
        "save it as UTF-8 (in Excel: \"CSV UTF-8\"); GBK-encoded files are not read here",
        "请存为 UTF-8（Excel 中选“CSV UTF-8”）；此处不读取 GBK 编码的文件",
    ),
    (
        "the file starts with a UTF-8 mark but is not UTF-8: save it again as CSV UTF-8",
        "文件以 UTF-8 标记开头，却不是 UTF-8：请重新另存为 CSV UTF-8",
    ),
    (
        "if Excel saved it on Chinese Windows it is GBK: pass --encoding gbk",
        "如果是中文 Windows 上的 Excel 保存的，它是 GBK 编码：请加 --encoding gbk",
    ),
    (
        "save the file again as UTF-8 (in Excel: \"CSV UTF-8\"); if it is GBK, pass --encoding gbk",
        "请重新存为 UTF-8（Excel 中选“CSV UTF-8”）；如果是 GBK 编码，请加 --encoding gbk",
    ),
    (
        "save the whole file again as UTF-8 (in Excel: \"CSV UTF-8\")",
        "请把整个文件重新存为 UTF-8（Excel 中选“CSV UTF-8”）",
    ),
    (
        "save it as UTF-8 (in Excel: \"CSV UTF-8\") and ingest it again",
        "请存为 UTF-8（Excel 中选“CSV UTF-8”）后重新录入",
    ),
    // Sheets and layouts.
    (
        "--sheet is for .xlsx, .xls and .ods files; leave it out for CSV",
        "--sheet 只用于 .xlsx、.xls 和 .ods 文件；CSV 文件请去掉它",
    ),
    (
        "rename it .csv (or .txt) and ingest it again",
        "请改名为 .csv（或 .txt）后重新录入",
    ),
    (
        "save it again from Excel or LibreOffice as .xlsx",
        "请在 Excel 或 LibreOffice 中另存为 .xlsx",
    ),
    (
        "a quarter's figures fit in far fewer; split the sheet",
        "一个季度的数据远用不了这么多单元格；请拆分工作表",
    ),
    (
        "a stray cell far from the table stretches it: delete it, or copy the table to a new sheet",
        "远离表格的零散单元格把表格范围撑大了：请删除它，或把表格复制到新工作表",
    ),
    (
        "docs/ingest.md shows the layouts ingest reads",
        "ingest 能读取的表格布局见 docs/ingest.md",
    ),
    (
        "for a period column and one column per KPI, use --layout wide",
        "一列为期间、每项指标各占一列的表格，请用 --layout wide",
    ),
    (
        "the long layout names its columns kpi, period, value; --header-row N says which row is the header",
        "长表布局的列名为 kpi、period、value；--header-row N 指定表头所在的行",
    ),
    (
        "without --strict such cells are skipped and counted",
        "不加 --strict 时，这类单元格会被跳过并计数",
    ),
    (
        "without --strict such rows are skipped and listed",
        "不加 --strict 时，这类行会被跳过并列出",
    ),
    (
        "without --strict such columns are skipped and listed",
        "不加 --strict 时，这类列会被跳过并列出",
    ),
    (
        "the quarters are stored, the total is not; check both against the bureau's release",
        "存入的是各季度数据，合计不存；请对照统计局发布的数据核对两者",
    ),
    // The store and its log.
    (
        "the next plantrack ingest of this plan removes them",
        "下次对该规划运行 plantrack ingest 时会将其删除",
    ),
    (
        "it was edited by hand, or an ingest was interrupted (the next ingest repairs that); feed changes with plantrack ingest so they are logged",
        "它被手工编辑过，或某次录入被中断（下次录入会修复）；请用 plantrack ingest 录入修改，以便记入日志",
    ),
    (
        "the log is written by ingest only; restore it from version control",
        "日志只由 ingest 写入；请从版本控制中恢复",
    ),
    (
        "the store is written by ingest as UTF-8; restore it from version control",
        "数据文件由 ingest 以 UTF-8 写入；请从版本控制中恢复",
    ),
    (
        "keep the right one; the other may be a different scope (see --scope)",
        "请保留正确的一个；另一个可能属于不同的统计口径（见 --scope）",
    ),
    (
        "if it is the same figure, ingest it with --scope \"{}\" instead",
        "如果是同一数据，请改用 --scope \"{}\" 录入",
    ),
    (
        "a revised figure is accepted with --replace and recorded in revisions.csv with the old value",
        "修订数据须加 --replace 才会接受，并连同旧值记入 revisions.csv",
    ),
    (
        "a year-to-date total only grows within a year for a flow; check the periods, or keep it if it is a real revision",
        "流量指标的年内累计值在一年内只增不减；请检查期间，如确为修订则保留",
    ),
];

/// Words inside the texts hints quote (the lists of period forms), in
/// Chinese.
const QUOTED: &[(&str, &str)] = &[
    ("a quarter-end date such as ", "季末日期，如 "),
    (
        ", or 1-6月 with the year in the title",
        "，或标题中有年份时的 1-6月",
    ),
];

/// A hint in `lang`: in Chinese where the catalogue has it, else as written.
pub fn hint_in(lang: Lang, en: &str) -> String {
    match lang {
        Lang::Zh => hint(en).unwrap_or_else(|| en.to_string()),
        Lang::En => en.to_string(),
    }
}

/// The words before what was expected.
pub fn expected_label(lang: Lang) -> &'static str {
    lang.pick("expected ", "应为：")
}

/// A problem's message in `lang`: in Chinese where the phrase book
/// (`messages::MESSAGES`) has it, each text it quotes said in Chinese too
/// where a key matches it; else as written.
pub fn message_in(lang: Lang, en: &str) -> String {
    match lang {
        Lang::Zh => said(super::messages::MESSAGES, en, 2).unwrap_or_else(|| en.to_string()),
        Lang::En => en.to_string(),
    }
}

/// What was expected, in `lang`.
pub fn expected_in(lang: Lang, en: &str) -> String {
    match lang {
        Lang::Zh => said(super::messages::EXPECTED, en, 1).unwrap_or_else(|| en.to_string()),
        Lang::En => en.to_string(),
    }
}

/// `en` said by the first key of `book` it matches, the texts it quotes
/// said by `book` too (to `depth` levels), then the fragments.
fn said(book: &[(&str, &str)], en: &str, depth: usize) -> Option<String> {
    book.iter().find_map(|(key, zh)| {
        let quoted = matches(key, en)?;
        let quoted: Vec<String> = quoted
            .iter()
            .map(|q| {
                (depth > 1)
                    .then(|| said(book, q, depth - 1))
                    .flatten()
                    .unwrap_or_else(|| q.to_string())
            })
            .collect();
        let quoted: Vec<&str> = quoted.iter().map(String::as_str).collect();
        let out = fill(zh, &quoted);
        Some(
            super::messages::FRAGMENTS
                .iter()
                .fold(out, |s, (en, zh)| s.replace(en, zh)),
        )
    })
}

/// The word before a hint shown under what was expected.
pub fn hint_label(lang: Lang) -> &'static str {
    lang.pick("hint: ", "提示：")
}

/// The line counting the problems not shown.
pub fn more(lang: Lang, n: usize, errors: usize, warnings: usize) -> String {
    match lang {
        Lang::En => format!(
            "\n... and {n} more like these ({errors} error(s), {warnings} warning(s)), not shown\n"
        ),
        Lang::Zh => format!("\n……另有{n}个同类问题未显示（{errors}个错误，{warnings}个警告）\n"),
    }
}

/// The hint in Chinese, when the catalogue has it.
pub fn hint(en: &str) -> Option<String> {
    HINTS.iter().find_map(|(key, zh)| {
        let quoted = matches(key, en)?;
        let said = fill(zh, &quoted);
        Some(QUOTED.iter().fold(said, |s, (en, zh)| s.replace(en, zh)))
    })
}

/// The texts `{}` stands for, when `text` is `key` with them put in.
fn matches<'t>(key: &str, text: &'t str) -> Option<Vec<&'t str>> {
    let mut pieces = key.split("{}");
    let first = pieces.next().unwrap_or("");
    let mut rest = text.strip_prefix(first)?;
    let mut quoted = Vec::new();
    for piece in pieces {
        // The last piece ends the text; any other is its first occurrence.
        let at = if piece.is_empty() {
            rest.len()
        } else {
            rest.find(piece)?
        };
        quoted.push(&rest[..at]);
        rest = &rest[at + piece.len()..];
    }
    rest.is_empty().then_some(quoted)
}

/// `zh` with `{}` (in order) or `{N}` replaced by the quoted texts.
fn fill(zh: &str, quoted: &[&str]) -> String {
    let mut out = String::new();
    let mut next = 0;
    let mut rest = zh;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let index = match &after[..close] {
            "" => {
                next += 1;
                Some(next - 1)
            }
            n => n.parse::<usize>().ok(),
        };
        match index.and_then(|i| quoted.get(i)) {
            Some(q) => out.push_str(q),
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hint_with_quoted_text_keeps_the_text() {
        assert_eq!(
            hint("did you mean `rd_ratio`?").as_deref(),
            Some("是否想输入`rd_ratio`？")
        );
        assert_eq!(
            hint("write 4.5 for 4.5%: the unit column says it is a percentage").as_deref(),
            Some("请把4.5%写作4.5：单位列已说明它是百分比")
        );
        assert_eq!(
            hint("check the unit of the column or cell; if the figure is right, confirm it with --accept-jump rd_ratio:2023Q2 (logged)").as_deref(),
            Some("请检查该列或单元格的单位；如数据无误，请用 --accept-jump rd_ratio:2023Q2 确认（会记入日志）")
        );
        // The longer key wins over a shorter one it starts with: "did you
        // mean `x`? A bureau's…" is not "did you mean `{}`?".
        assert_eq!(
            hint("did you mean `工业总产值`? A bureau's own name for a KPI goes in its \"aliases\" in the plan").as_deref(),
            Some("是否想输入`工业总产值`？统计局对指标的叫法可写入规划中该指标的 \"aliases\"")
        );
        assert_eq!(hint("a hint nobody wrote"), None);
        let forms = hint(&format!(
            "accepted forms: {}",
            crate::core::period::ACCEPTED_FORMS
        ))
        .unwrap();
        assert!(forms.contains("季末日期，如 2018-06-30"), "{forms}");
        let forms = hint(&format!(
            "accepted forms: {}",
            crate::intake::ingest::label::FORMS
        ))
        .unwrap();
        assert!(forms.ends_with("，或标题中有年份时的 1-6月"), "{forms}");
    }

    #[test]
    fn every_key_and_its_chinese_quote_the_same_texts() {
        use super::super::messages::{EXPECTED, MESSAGES};
        for (en, zh) in HINTS.iter().chain(MESSAGES).chain(EXPECTED) {
            let n = en.matches("{}").count();
            assert_eq!(n, zh.matches('{').count(), "{en} / {zh}");
            // Filled with numbered texts, the Chinese shows each of them.
            let texts: Vec<String> = (0..n).map(|i| format!("<{i}>")).collect();
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let said = fill(zh, &refs);
            for t in &texts {
                assert!(said.contains(t.as_str()), "{zh} lacks {t}");
            }
        }
    }

    #[test]
    fn a_message_and_the_texts_it_quotes_are_said_in_chinese() {
        let zh = |en| message_in(Lang::Zh, en);
        // A reason inside a reason: serde's words inside the plan's.
        assert_eq!(
            zh("plan field: unknown variant `stock`, expected one of `flow`, `level`"),
            "规划字段：未知取值 `stock`，应为以下之一：`flow`, `level`"
        );
        // The unit slip, each quoted part in its Chinese place.
        assert_eq!(
            zh(
                "output 2025Q3: 4523000 is about 10^4 times the 45.23 in 2025Q2 (data/x/actuals.csv line 5); looks like 万元 under a 亿元 header"
            ),
            "output 2025Q3：4523000约为2025Q2（data/x/actuals.csv 第5行）数值45.23的10^4倍；疑似表头为亿元，实际数据却是万元"
        );
        // A series' first figure against the plan's own: the plan said in Chinese too.
        assert_eq!(
            zh(
                "kpi_00 2015Q1: 0.38 is about 10^2 times less than 1/4 of the year-to-date 165.4 in 2026Q4 (the plan's target); looks like a figure about 10^2 times too small"
            ),
            "kpi_00 2015Q1：0.38约为2026Q4（规划目标值）年内累计165.4的1/4的1/10^2；疑似数值约为应有的1/10^2"
        );
        assert_eq!(
            zh(
                "area 2019Q4: 3800 is about 10^2 times the 38 in 2018Q4 (the plan's baseline); looks like a figure about 10^2 times too large"
            ),
            "area 2019Q4：3800约为2018Q4（规划基期值）数值38的10^2倍；疑似数值约大了10^2倍"
        );
        // No key: as written; English: as written.
        assert_eq!(zh("something new"), "something new");
        assert_eq!(
            message_in(Lang::En, "the value is empty"),
            "the value is empty"
        );
        assert_eq!(
            expected_in(Lang::Zh, "4 comma-separated fields"),
            "4个以逗号分隔的字段"
        );
    }
}
