//! Each problem's message and what was expected, in Chinese, keyed by the
//! English as written where the problem is found (as `zh::HINTS` keys the
//! hints): `{}` stands for a text the message quotes, which is itself said
//! in Chinese where a key matches it (a nested reason, a unit slip).
//! A message with no key here is shown as written.

/// (English, Chinese), the more particular first.
pub const MESSAGES: &[(&str, &str)] = &[
    (
        "KPI `{}`: the {} growth target {} % is not a growth a year can have",
        "指标 `{}`：{}年增长目标 {}% 不是一年可能有的增速",
    ),
    // Intake, second pass: the fenced reader, strict figures, headers.
    (
        "the workbook could not be read safely: {}",
        "无法安全读取该工作簿：{}",
    ),
    (
        "reading it took longer than {} s, the limit",
        "读取用时超过{}秒的上限",
    ),
    (
        "it asked for more memory than the reader's limit of {} GB",
        "所需内存超过读取进程{} GB的上限",
    ),
    (
        "it used more than {} s of processor time, the limit",
        "占用处理器时间超过{}秒的上限",
    ),
    (
        "the reader broke off (it most likely asked for more memory than its limit of {} GB)",
        "读取进程中断（多半是所需内存超过{} GB的上限）",
    ),
    (
        "the spreadsheet library failed on it (the file is damaged or forged)",
        "电子表格读取库无法处理该文件（文件已损坏或被伪造）",
    ),
    (
        "its sheets hold more than {} MB of text",
        "各表的文字超过{} MB",
    ),
    (
        "the reader was stopped by signal {}",
        "读取进程被信号{}终止",
    ),
    ("the reader ended with code {}", "读取进程以代码{}结束"),
    (
        "the reader ended without an answer",
        "读取进程结束时没有返回结果",
    ),
    ("cannot start the reader ({})", "无法启动读取进程（{}）"),
    ("the reader was lost ({})", "与读取进程失去联系（{}）"),
    (
        "the reader's answer was broken ({})",
        "读取进程返回的结果不完整（{}）",
    ),
    ("the workbook's part `{}` {}", "工作簿的部件 `{}` {}"),
    (
        "sheet `{}` gives cell {} twice",
        "工作表 `{}` 两次给出单元格 {}",
    ),
    (
        "sheet `{}` spans {} rows by {} columns, more than ingest reads",
        "工作表 `{}` 跨{}行{}列，超过导入可读取的范围",
    ),
    (
        "{} {}: {} is {} on the {} of {} ({}), but its published 同比 is {}; looks like {}",
        "{0} {1}：{2}较上年同期的{4}（{5}，{6}）变化{3}，但公布的同比为{7}；疑为{8}",
    ),
    (
        "a misplaced decimal point (about 10 times too large)",
        "小数点错位（约大了10倍）",
    ),
    (
        "a misplaced decimal point (about 10 times too small)",
        "小数点错位（约小了10倍）",
    ),
    ("declares {} bytes when expanded", "声明解压后为{}字节"),
    ("expands to more than {} MB", "解压后超过{} MB"),
    (
        "expands {} times ({} bytes to {})",
        "解压后膨胀{}倍（{}字节变为{}字节）",
    ),
    (
        "takes the expanded workbook past {} MB",
        "使解压后的工作簿超过{} MB",
    ),
    (
        "the workbook lists {} sheets (`{}` first, {} more)",
        "工作簿列有{}张工作表（第一张为 `{}`，另有{}张）",
    ),
    (
        "the workbook's sheets hold {} MB of text, more than ingest reads",
        "工作簿各表的文字共{} MB，超过导入可读取的上限",
    ),
    (
        "the file ends in the middle of a character (line {}, byte {}): it is UTF-8 cut short",
        "文件在一个字符中间结束（第{}行，第{}字节）：UTF-8 文本被截断",
    ),
    (
        "`{}` has {} significant digits, more than the {} kept exactly",
        "`{}` 有{}位有效数字，超过可精确保存的{}位",
    ),
    (
        "this row has more fields than the header's {} (`{}` is beyond it)",
        "该行的字段多于表头的{}个（`{}` 超出表头）",
    ),
    (
        "the header `{}` holds a character that does not show (a second byte-order mark, NUL or a zero-width space)",
        "表头 `{}` 含有看不见的字符（第二个字节顺序标记、NUL 或零宽空格）",
    ),
    (
        "column `{}` feeds {}, which column `{}` already feeds",
        "列 `{0}` 对应指标 {1}，而列 `{2}` 已对应该指标",
    ),
    (
        "`{}` {}: the quarter's figure {} is not its 累计 {} (in a first quarter they are the same)",
        "`{}` {}：本季数{}与累计数{}不一致（一季度二者应相同）",
    ),
    (
        "`{}` {}: the quarter's figure {} is not the 累计 {} less the previous quarter's {} ({})",
        "`{}` {}：本季数{}不等于累计数{}减上季累计数{}（{}）",
    ),
    (
        "column `{}` says {}, but the sheet's title says {}: the column's is read",
        "列 `{}` 标明{}，但表格标题为{}：按列标题读取",
    ),
    (
        "`{}` is not a KPI of the plan, but is close to `{}`: not read",
        "`{}` 不是规划中的指标，但与 `{}` 相近：未读取",
    ),
    (
        "KPI `{}`: its name `{}` is KPI `{}`'s `{}` but for case or spaces",
        "指标 `{}`：名称 `{}` 与指标 `{}` 的 `{}` 仅大小写或空格不同",
    ),
    (
        "KPI `{}`: {} {} from the baseline {} gives a target of {}, past the range a figure may take",
        "指标 `{}`：{} {} 由基期值{}推得的目标{}超出数值可取的范围",
    ),
    (
        "tolerance_pp {} is not a number of points from 0 to 100",
        "tolerance_pp {} 不是0至100之间的百分点数",
    ),
    (
        "{} threshold {} {} is not a ratio from 0 to 10",
        "{} 阈值 {} {} 不是0至10之间的比值",
    ),
    (
        "pace threshold {} {} is not from -100 to 100 points",
        "进度阈值 {} {} 不在-100至100个百分点之间",
    ),
    (
        "both commas and spaces between its digits",
        "数字之间既有逗号又有空格",
    ),
    (
        "spaces inside the number that do not group thousands",
        "数字中的空格不是千位分隔",
    ),
    // Files and folders.
    (
        "no plan file or folder at `{}`",
        "找不到规划文件或文件夹 `{}`",
    ),
    ("no data folder at `{}`", "找不到数据文件夹 `{}`"),
    (
        "the folder `{}` holds no plan (*.json)",
        "文件夹 `{}` 中没有规划文件（*.json）",
    ),
    ("cannot read the folder `{}`: {}", "无法读取文件夹 `{}`：{}"),
    ("cannot read: {}", "无法读取：{}"),
    ("cannot write: {}", "无法写入：{}"),
    ("cannot write the output: {}", "无法写出结果：{}"),
    ("cannot create the folder: {}", "无法建立文件夹：{}"),
    (
        "cannot create the data folder: {}",
        "无法建立数据文件夹：{}",
    ),
    ("the file does not exist", "文件不存在"),
    ("the file holds no rows", "文件中没有数据行"),
    ("the data file is empty", "数据文件为空"),
    ("the plan file is empty", "规划文件为空"),
    ("a symbolic link to nothing", "指向不存在文件的符号链接"),
    (
        "{} is a symbolic link, which plantrack does not follow",
        "{} 是符号链接，plantrack 不跟随符号链接",
    ),
    (
        "{} is not a regular file (a folder, a pipe or a device)",
        "{} 不是普通文件（而是文件夹、管道或设备）",
    ),
    (
        "{} of {} bytes is larger than plantrack reads ({} bytes)",
        "{} 大小为{}字节，超过可读取的上限（{}字节）",
    ),
    (
        "{} grew past {} bytes while read",
        "{} 在读取期间增长超过{}字节",
    ),
    ("{} already exists", "{} 已存在"),
    (
        "no folder `{}` to write the report in",
        "没有可写入报告的文件夹 `{}`",
    ),
    (
        "--out {}: cannot tell the format",
        "--out {}：无法判断文件格式",
    ),
    (
        "the file is not UTF-8 text (first bad byte on line {}, column {})",
        "文件不是 UTF-8 文本（第{}行第{}列起出现无效字节）",
    ),
    (
        "the file is not {} text (first bad byte at offset {})",
        "文件不是 {} 文本（第{}字节起出现无效字节）",
    ),
    (
        "line {} is not UTF-8, but other lines are: the file mixes two encodings",
        "第{}行不是 UTF-8，而其他行是：文件混用了两种编码",
    ),
    (
        "line {} holds an overlong or surrogate UTF-8 sequence, which no text may hold",
        "第{}行含有超长或代理 UTF-8 序列，文本中不允许出现",
    ),
    (
        "the store is read-only, so nothing was written",
        "数据存储为只读，未写入任何内容",
    ),
    (
        "the store is not UTF-8 text (first bad byte at offset {})",
        "数据存储不是 UTF-8 文本（第{}字节起出现无效字节）",
    ),
    (
        "the revision log is not UTF-8 text (first bad byte at offset {})",
        "修订日志不是 UTF-8 文本（第{}字节起出现无效字节）",
    ),
    (
        "row {} of the revision log has the change `{}`",
        "修订日志第{}行的变动类型为 `{}`",
    ),
    ("cannot open the lock file: {}", "无法打开锁文件：{}"),
    ("cannot lock the store: {}", "无法锁定数据存储：{}"),
    (
        "another plantrack ingest holds the store's lock {}; waited {} s",
        "另一个 plantrack ingest 正占用数据存储的锁 {}；已等待{}秒",
    ),
    (
        "{} temporary file(s) of {} bytes left by an interrupted ingest",
        "有{}个中断的导入留下的临时文件，共{}字节",
    ),
    (
        "{} is not the store the last change in {} left",
        "{} 不是 {} 中最后一次变动留下的数据",
    ),
    ("cannot read standard input: {}", "无法读取标准输入：{}"),
    ("cannot make the workbook: {}", "无法生成工作簿：{}"),
    ("cannot make the document: {}", "无法生成文档：{}"),
    ("cannot draw a chart: {}", "无法绘制图表：{}"),
    // Workbooks and sheets.
    ("cannot read the workbook: {}", "无法读取工作簿：{}"),
    ("the workbook has no sheet `{}`", "工作簿中没有工作表 `{}`"),
    ("the workbook has no sheet", "工作簿中没有工作表"),
    ("cannot read sheet `{}`: {}", "无法读取工作表 `{}`：{}"),
    (
        "sheet `{}` holds more than {} cells, more than ingest reads",
        "工作表 `{}` 超过{}个单元格，超出导入可读取的范围",
    ),
    (
        "sheet `{}` spans {} ({} places) for {} cell(s)",
        "工作表 `{}` 的范围为{}（{}个位置），只有{}个单元格",
    ),
    (
        "--sheet {} names a sheet of a workbook, but this is a text file",
        "--sheet {} 指的是工作簿中的工作表，但这是文本文件",
    ),
    // Tables and cells.
    (
        "no figure found: the file holds no table plantrack recognises",
        "未找到数据：文件中没有可识别的表格",
    ),
    (
        "no period column, and the header is not a row of periods",
        "没有期间列，表头也不是一行期间",
    ),
    (
        "this row has {} fields but the header has {}",
        "此行有{}个字段，而表头有{}个",
    ),
    (
        "a quote opened here is never closed, so every line after it would be read as one field",
        "此处的引号没有闭合，其后各行都会被读成一个字段",
    ),
    ("the value is empty", "数值为空"),
    ("`{}` is not a number", "“{}”不是数字"),
    (
        "`{}` is outside the range a figure may take",
        "“{}”超出了数据可取的范围",
    ),
    (
        "{} is outside the range a figure may take",
        "{} 超出了数据可取的范围",
    ),
    (
        "`{}` is too small to be a figure: it would be read as 0",
        "“{}”太小，会被读作0",
    ),
    ("`{}` is not a KPI of plan `{}`", "“{}”不是规划 `{}` 的指标"),
    (
        "unknown KPI `{}`: plan `{}` has no such KPI",
        "未知指标“{}”：规划 `{}` 中没有该指标",
    ),
    (
        "{}: no plan has a KPI by that id, name or alias",
        "{}：没有哪个规划有此代码、名称或别名的指标",
    ),
    ("KPI `{}` is in several plans", "指标 `{}` 出现在多个规划中"),
    ("`{}` is not a period{}", "“{}”不是期间{}"),
    ("`{}` is not a basis", "“{}”不是口径类型"),
    (" (the quarter must be 1 to 4)", "（季度须为1至4）"),
    (" (the half-year must be 1 or 2)", "（半年须为1或2）"),
    (
        " (the year must be 1900 to 2200)",
        "（年份须在1900至2200之间）",
    ),
    (" (no such date)", "（没有这一天）"),
    (
        " (a date must be a quarter's last day: 03-31, 06-30, 09-30 or 12-31)",
        "（日期须为季末：03-31、06-30、09-30或12-31）",
    ),
    (
        "basis `{}` does not fit `{}`, a {} KPI",
        "口径类型 `{}` 与 `{}`（{}类指标）不符",
    ),
    (
        "period {} is outside the plan, which runs from {} to {}",
        "期间{}在规划期之外（规划期为{}至{}）",
    ),
    (
        "column `{}` appears twice in the header",
        "表头中 `{}` 列出现了两次",
    ),
    ("unknown column `{}`", "未知列 `{}`"),
    (
        "`{}` is a milestone, but the value is {}",
        "`{}` 是里程碑指标，但数值为{}",
    ),
    (
        "{} {} ({}) repeats line {} with the same value",
        "{} {}（{}）与第{}行重复，数值相同",
    ),
    (
        "{} {} ({}) is given twice: {} on line {} and {} here",
        "{0} {1}（{2}）出现两次：第{4}行为{3}，此处为{5}",
    ),
    (
        "{} {}: the data says {} but the plan's baseline is {}",
        "{} {}：数据为{}，而规划的基期值为{}",
    ),
    (
        "{} {}: {} is added for scope `{}`, and the same value is stored for scope `{}`",
        "{0} {1}：为口径 `{3}` 新增的{2}与已存口径 `{4}` 的数值相同",
    ),
    (
        "{} ({}): the year-to-date total falls from {} in {} ({}) to {} in {} ({})",
        "{}（{}）：年内累计数从{}（{}，{}）降至{}（{}，{}）",
    ),
    (
        "{} {} ({}) is stored as {} ({}); this file says {}",
        "{0} {1}（{2}）已存数值为{3}（{4}），此文件为{5}",
    ),
    // The magnitude guard: a unit slipped, a fraction for a percent.
    (
        "{} {}: {} is about {} times less than the {} in {} ({}); looks like {}",
        "{0} {1}：{2}约为{5}（{6}）数值{4}的1/{3}；疑似{7}",
    ),
    (
        "{} {}: {} is about {} times the {} in {} ({}); looks like {}",
        "{0} {1}：{2}约为{5}（{6}）数值{4}的{3}倍；疑似{7}",
    ),
    (
        "{} {}: {} is about {} times less than {}/{} of the year-to-date {} in {} ({}); looks like {}",
        "{0} {1}：{2}约为{7}（{8}）年内累计{6}的{4}/{5}的1/{3}；疑似{9}",
    ),
    (
        "{} {}: {} is about {} times {}/{} of the year-to-date {} in {} ({}); looks like {}",
        "{0} {1}：{2}约为{7}（{8}）年内累计{6}的{4}/{5}的{3}倍；疑似{9}",
    ),
    (
        "a fraction typed for a percent (0.039 for 3.9 %), or a cell formatted as a percent read as a plain number",
        "把百分数录成了小数（3.9%录成0.039），或单元格设为百分比格式被读成了普通数字",
    ),
    ("{} under a {} header", "表头为{1}，实际数据却是{0}"),
    // What a series' first figure is compared with, quoted in the above.
    ("the plan's target", "规划目标值"),
    ("the plan's baseline", "规划基期值"),
    ("a figure about 10^{} times too large", "数值约大了10^{}倍"),
    (
        "a figure about 10^{} times too small",
        "数值约为应有的1/10^{}",
    ),
    // Text from a file that must not reach a terminal or a spreadsheet.
    (
        "`{}` is {} characters long, more than the {} a name may have",
        "`{}` 长{}个字符，超过名称至多{}个字符的限制",
    ),
    (
        "`{}` holds an invisible character ({}), which hides or reorders the text around it",
        "`{}` 含有不可见字符（{}），会隐藏或打乱其前后的文字",
    ),
    (
        "the {} holds an invisible character ({}), which hides or reorders the text around it",
        "{}含有不可见字符（{}），会隐藏或打乱其前后的文字",
    ),
    (
        "`{}` holds a control character ({}), which a terminal would act on",
        "`{}` 含有控制字符（{}），终端会执行它",
    ),
    (
        "the {} holds a control character ({}), which a terminal would act on",
        "{}含有控制字符（{}），终端会执行它",
    ),
    (
        "the {} starts as a spreadsheet formula would",
        "{}以电子表格公式的开头字符开始",
    ),
    // Plans.
    ("malformed JSON: {}", "JSON 格式错误：{}"),
    ("the plan file ends too early: {}", "规划文件提前结束：{}"),
    ("plan field: {}", "规划字段：{}"),
    (
        "unknown field {}, expected one of {}",
        "未知字段 {}，应为以下之一：{}",
    ),
    (
        "unknown field {}, there are no fields",
        "未知字段 {}，此处不应有字段",
    ),
    (
        "unknown variant {}, expected one of {}",
        "未知取值 {}，应为以下之一：{}",
    ),
    ("unknown variant {}, expected {}", "未知取值 {}，应为 {}"),
    ("missing field {}", "缺少字段 {}"),
    ("duplicate field {}", "字段 {} 重复"),
    ("invalid type: {}, expected {}", "类型不符：{}，应为{}"),
    ("invalid value: {}, expected {}", "取值无效：{}，应为{}"),
    ("invalid length {}, expected {}", "长度无效：{}，应为{}"),
    ("the plan has no name", "规划没有名称"),
    (
        "the plan's {} is still the skeleton's: it says EDIT",
        "规划的{}仍是模板内容：其中写着 EDIT",
    ),
    (
        "plan id `{}` may only hold a-z, 0-9, `_` and `-`",
        "规划代码 `{}` 只能包含 a-z、0-9、`_` 和 `-`",
    ),
    (
        "plan id `{}` cannot name a folder",
        "规划代码 `{}` 不能用作文件夹名",
    ),
    (
        "plan id `{}` is also the id of {}",
        "规划代码 `{}` 与 {} 的代码相同",
    ),
    (
        "plan `{}` has no data file: every KPI shows no_data",
        "规划 `{}` 没有数据文件：所有指标均显示无数据",
    ),
    ("`{}` cannot be a plan id", "`{}` 不能用作规划代码"),
    ("`{}` cannot name a chart file", "`{}` 不能用作图表文件名"),
    (
        "target period {} is not after the baseline period {}",
        "目标期{}不晚于基期{}",
    ),
    (
        "the target period {} is not after the baseline {}",
        "目标期{}不晚于基期{}",
    ),
    ("the year {} is out of range", "年份{}超出范围"),
    (
        "data_from {} is after the baseline period {}",
        "data_from {} 晚于基期{}",
    ),
    (
        "{} thresholds high {}, medium {}, low {} are not in order",
        "{}的阈值 high {}、medium {}、low {} 顺序不对",
    ),
    (
        "{} holds {} plans; ingest feeds one",
        "{} 中有{}个规划；导入一次只能针对一个",
    ),
    (
        "--accept-jump {}: not KPI:PERIOD",
        "--accept-jump {}：不是“指标:期间”的形式",
    ),
    (
        "--accept-jump {}: `{}` is not a period",
        "--accept-jump {}：“{}”不是期间",
    ),
    (
        "KPI id `{}` is used twice in the plan",
        "指标代码 `{}` 在规划中用了两次",
    ),
    (
        "KPI id `{}` may only hold a-z, 0-9 and `_`",
        "指标代码 `{}` 只能包含 a-z、0-9 和 `_`",
    ),
    ("KPI `{}` has no name", "指标 `{}` 没有名称"),
    (
        "KPI `{}` has no direction",
        "指标 `{}` 没有方向（direction）",
    ),
    ("KPI `{}` has no unit", "指标 `{}` 没有单位"),
    (
        "KPI `{}` has interim milestones but no target value",
        "指标 `{}` 有阶段性目标，但没有目标值",
    ),
    (
        "KPI `{}` has two milestones for {}",
        "指标 `{}` 在{}有两个阶段性目标",
    ),
    (
        "KPI `{}` has two targets for {}",
        "指标 `{}` 在{}年有两个目标",
    ),
    (
        "KPI `{}` has a milestone for {} and a level for {}",
        "指标 `{}` 在{}有阶段性目标，在{}年又有年度目标值",
    ),
    (
        "KPI `{}` has a compound trajectory but its baseline {} is not positive",
        "指标 `{}` 按复合增长路径，但基期值{}不是正数",
    ),
    (
        "KPI `{}` has a compound trajectory but its target {} is not positive",
        "指标 `{}` 按复合增长路径，但目标值{}不是正数",
    ),
    (
        "KPI `{}` is a count that starts from zero, which a compound trajectory cannot",
        "指标 `{}` 是从零起算的计数，不能按复合增长路径",
    ),
    (
        "KPI `{}` is a milestone, so it has no yearly targets",
        "指标 `{}` 是里程碑指标，没有年度目标",
    ),
    (
        "KPI `{}` is a milestone, which is achieved or not, but its target has a value",
        "指标 `{}` 是里程碑指标（只有完成与否），但目标有数值",
    ),
    (
        "KPI `{}` is a milestone, which is achieved or not, but its target is a growth",
        "指标 `{}` 是里程碑指标（只有完成与否），但目标是增长率",
    ),
    (
        "KPI `{}` is a flow, so a target stated as {} grows from a whole year, but its baseline is for {}",
        "指标 `{}` 是流量指标，按{}表述的目标须从完整年度起算，但基期为{}",
    ),
    (
        "KPI `{}` is at comparable prices, but its target is stated as {}: a level at current prices cannot be compared with growth at comparable prices",
        "指标 `{}` 按可比价格计算，但目标以{}表述：现价水平不能与按可比价格计算的增长相比较",
    ),
    (
        "comparable prices are for a growth target, not a milestone, a bound or a relative target",
        "可比价格只适用于增长目标，不适用于里程碑、约束值或相对目标",
    ),
    (
        "a bound to keep needs its level as \"value\"",
        "须保持的约束值需要以 \"value\" 给出其水平",
    ),
    (
        "\"about\" in a target is for a target relative to another KPI",
        "目标中的 \"about\" 仅用于相对于另一指标的目标",
    ),
    (
        "a target relative to another KPI has no value or growth of its own",
        "相对于另一指标的目标不能另设数值或增长率",
    ),
    ("a target relative to itself", "目标相对于其自身"),
    (
        "its target is relative to `{}`, which leads back to it: a cycle",
        "其目标相对于 `{}`，而后者又回到该指标：形成循环",
    ),
    (
        "its target is relative to `{}`, which is no KPI of the plan",
        "其目标相对于 `{}`，但规划中没有该指标",
    ),
    ("KPI `{}`: {}", "指标 `{}`：{}"),
    // Nested reasons (after `KPI `x`: `).
    (
        "a change in percentage points is for a `%` KPI, but its unit is `{}`",
        "以百分点表述的变化只适用于单位为 `%` 的指标，而其单位为 `{}`",
    ),
    (
        "a fall of {} % or more leaves nothing",
        "下降{}%及以上将归零",
    ),
    (
        "a level for {} is a milestone at {}, which must fall between the baseline ({}) and the target ({})",
        "{}年的目标值即{}的阶段性目标，须在基期（{}）与目标期（{}）之间",
    ),
    (
        "a target stated as {} needs the baseline it starts from",
        "按{}表述的目标需要起算的基期值",
    ),
    (
        "alias `{}` also names KPI `{}`",
        "别名 `{}` 也是指标 `{}` 的名称",
    ),
    ("an alias is empty", "有一个别名为空"),
    (
        "an average growth rate grows from a positive baseline, but the baseline is not positive",
        "年均增长率须从正的基期值起算，但基期值不是正数",
    ),
    (
        "baseline period {} is outside the plan ({} to {})",
        "基期{}在规划期（{}至{}）之外",
    ),
    (
        "comparator `{}` contradicts direction `{}`",
        "比较符 `{}` 与方向 `{}` 矛盾",
    ),
    (
        "milestone {} is not between the baseline ({}) and the target ({})",
        "阶段性目标{}不在基期（{}）与目标期（{}）之间",
    ),
    (
        "milestone {} value {} is not positive on a compound trajectory",
        "阶段性目标{}的数值{}不是正数，不能按复合增长路径",
    ),
    (
        "target period {} is after the plan's target period {}",
        "目标期{}晚于规划的目标期{}",
    ),
    (
        "target period {} is not after its baseline period {}",
        "目标期{}不晚于其基期{}",
    ),
    (
        "the target is stated {} ways: {}",
        "目标同时以{}种方式表述：{}",
    ),
    (
        "the {} target gives both a growth and a value",
        "{}年的目标同时给出了增长率和数值",
    ),
    (
        "the {} target gives neither a growth nor a value",
        "{}年的目标既没有增长率也没有数值",
    ),
    (
        "the {} target is outside the plan, which runs from {} to {}",
        "{}年的目标在规划期之外（规划期为{}至{}）",
    ),
    (
        "tolerance_pp must be a number of points, 0 or more",
        "tolerance_pp 须为不小于0的百分点数",
    ),
    (
        "trend_scale {} is outside (0, 1]",
        "trend_scale {} 不在 (0, 1] 之间",
    ),
    (
        "unit_zh `{}` is not a unit `{}` converts into",
        "unit_zh `{}` 不是 `{}` 可以换算的单位",
    ),
    // Fonts.
    (
        "--lang zh needs a font with Chinese characters, and none was found",
        "--lang zh 需要含中文字符的字体，但未找到",
    ),
    (
        "the font file is not a TrueType or OpenType font",
        "字体文件不是 TrueType 或 OpenType 字体",
    ),
    (
        "not a TrueType or OpenType font",
        "不是 TrueType 或 OpenType 字体",
    ),
    ("this font has no Chinese characters", "该字体没有中文字符"),
    ("cannot read the font: {}", "无法读取字体：{}"),
    (
        "KPI `{}` is to increase, but its target {} is below its baseline {}",
        "指标 `{}` 的方向为上升，但目标值{}低于基期值{}",
    ),
    (
        "KPI `{}` is to decrease, but its target {} is above its baseline {}",
        "指标 `{}` 的方向为下降，但目标值{}高于基期值{}",
    ),
    (
        "KPI `{}` is to {}, but its target {} is {} its baseline {}",
        "指标 `{}` 的方向为{}，但目标值{}{}基期值{}",
    ),
    (
        "{} {} ({}) is given twice in the input, {} and {}",
        "{} {}（{}）在输入中出现两次：{}和{}",
    ),
    (
        "row {} of the revision log is not valid CSV: {}",
        "修订日志第{}行不是有效的 CSV：{}",
    ),
    (
        "row {} of the revision log has {} fields",
        "修订日志第{}行有{}个字段",
    ),
    ("row {} of the revision log {}", "修订日志第{}行{}"),
    (
        "no font to draw `{}` (U+{}) in \"{}\": not in {}",
        "没有可绘制“{}”（U+{}）的字体（出现在“{}”中）：{} 中均没有",
    ),
    (
        "the font has no glyph for `{}` in \"{}\"",
        "字体中没有“{}”的字形（出现在“{}”中）",
    ),
    ("cannot render the man page: {}", "无法生成帮助手册：{}"),
    // A place quoted in a message: `data/x/actuals.csv line 5`.
    ("{} line {}", "{} 第{}行"),
];

/// What was expected, in Chinese (under "expected").
pub const EXPECTED: &[(&str, &str)] = &[
    ("at most {} sheets", "至多{}张工作表"),
    (
        "a figure within 10^{} (about 3.2 times) of what its 同比 makes of the year-earlier figure, in `{}`",
        "与上年同期数按同比推算之值相差不超过10^{}倍（约3.2倍）的数，单位 `{}`",
    ),
    ("at most {} MB", "至多{} MB"),
    ("one column a KPI", "每项指标一列"),
    (
        "a percentage above -100 and below 100000",
        "大于-100且小于100000的百分数",
    ),
    ("each cell once", "每个单元格只出现一次"),
    (
        "parts of at most {} MB each, {} MB together, expanding at most {} times",
        "每个部件至多{} MB，合计至多{} MB，膨胀至多{}倍",
    ),
    ("whole UTF-8 text", "完整的 UTF-8 文本"),
    (
        "at most {} fields, as the header",
        "至多{}个字段，与表头相同",
    ),
    ("a header of visible text", "由可见文字组成的表头"),
    (
        "a name no other KPI has, compared without case and spaces",
        "其他指标没有的名称（比较时不计大小写和空格）",
    ),
    (
        "a growth or change whose target is 0 or between 1e-9 and 1e15 in magnitude",
        "推得的目标为0或绝对值在1e-9至1e15之间的增长或变化",
    ),
    (
        "ratios from 0 to 10, pace cut-offs from -100 to 100 points",
        "比值在0至10之间，进度阈值在-100至100个百分点之间",
    ),
    (
        "\"average_growth_pct\" (年均增长, at comparable prices), or \"prices\": \"current\"",
        "\"average_growth_pct\"（按可比价格计算的年均增长），或 \"prices\": \"current\"",
    ),
    (
        "\"prices\" only with an \"average_growth_pct\" target",
        "\"prices\" 仅与 \"average_growth_pct\" 目标同用",
    ),
    (
        "\"value\" beside \"hold\" (保持在6.5以上: \"value\": 6.5)",
        "\"hold\" 旁给出 \"value\"（保持在6.5以上：\"value\": 6.5）",
    ),
    (
        "\"about\" beside \"relative_to\" (基本同步)",
        "\"about\" 与 \"relative_to\" 同用（基本同步）",
    ),
    (
        "the id of another KPI of the plan, whose target is not relative to this one",
        "规划中另一指标的 id，且其目标不相对于本指标",
    ),
    ("{} comma-separated fields", "{}个以逗号分隔的字段"),
    (
        "a closing quote (\") at the end of the field",
        "字段末尾的右引号（\"）",
    ),
    ("a quarter", "一个季度"),
    ("a period", "一个期间"),
    ("a value", "一个数值"),
    ("a number", "一个数字"),
    ("a plain decimal number such as 32.34", "普通小数，如 32.34"),
    (
        "the published percentage as a plain number, e.g. 13.7 for +13.7 %",
        "公布的百分数，按普通数字填写，如 +13.7% 填 13.7",
    ),
    (
        "a percentage such as 13.7 or 13.7%",
        "百分数，如 13.7 或 13.7%",
    ),
    ("a number in {}", "以{}计的数字"),
    (
        "a value in {} or a unit that converts to it: {}",
        "以{}计的数值，或可换算的单位：{}",
    ),
    ("one of {}", "以下之一：{}"),
    ("text without control characters", "不含控制字符的文本"),
    (
        "visible text without control characters; a name on one line, at most 200 characters",
        "不含控制字符的可见文字；名称为一行，至多200个字符",
    ),
    (
        "text that does not begin with =, +, @ or -",
        "不以 =、+、@ 或 - 开头的文本",
    ),
    ("the plan's own words, as published", "规划公布的原文"),
    ("valid JSON", "有效的 JSON"),
    ("valid UTF-8 text", "有效的 UTF-8 文本"),
    ("UTF-8 text", "UTF-8 文本"),
    ("{} text", "{} 文本"),
    ("one encoding for the whole file", "整个文件使用同一种编码"),
    ("the rest of the JSON document", "JSON 文档的其余部分"),
    (
        "a plan file (JSON) or a folder of them",
        "规划文件（JSON）或存放规划文件的文件夹",
    ),
    (
        "a folder holding <plan-id>/actuals.csv for each plan",
        "每个规划有 <规划代码>/actuals.csv 的文件夹",
    ),
    (
        "a JSON object with id, name, source, baseline_period, target_period and kpis",
        "含 id、name、source、baseline_period、target_period 和 kpis 的 JSON 对象",
    ),
    (
        "a header row (kpi, period, value; or a period column and a column per KPI) and a row per figure",
        "表头行（kpi、period、value；或一个期间列加每个指标一列）及每个数据一行",
    ),
    (
        "a header row and one row per value (or per period)",
        "表头行，及每个数值（或每个期间）一行",
    ),
    (
        "a header line `{}` and one row per value",
        "表头行 `{}`，及每个数值一行",
    ),
    (
        "a first line naming the columns, e.g. `{}`",
        "第一行写列名，如 `{}`",
    ),
    ("a row of figures", "一行数据"),
    (
        "a KPI's figure or its growth on a year earlier",
        "指标的数值或其同比增长",
    ),
    (
        "a KPI id, English or Chinese name, or alias: {}",
        "指标代码、英文或中文名称、或别名：{}",
    ),
    (
        "a KPI and a period, such as rd_ratio:2023Q2",
        "指标和期间，如 rd_ratio:2023Q2",
    ),
    ("a period: {}", "期间：{}"),
    ("a period from {} to {}", "{}至{}之间的期间"),
    ("a year from {} to {}", "{}至{}之间的年份"),
    (
        "one value per KPI, period and scope",
        "每个指标、期间和口径只有一个数值",
    ),
    ("each column once", "每列只出现一次"),
    ("a unique id", "不重复的代码"),
    ("one milestone per period", "每个期间一个阶段性目标"),
    ("one target a year", "每年一个目标"),
    ("one of the two", "二者之一"),
    (
        "a target period after the baseline period",
        "晚于基期的目标期",
    ),
    ("a percentage above -100", "大于 -100 的百分数"),
    ("a factor above 0 and at most 1", "大于0且不大于1的系数"),
    ("1 (achieved) or 0 (not yet)", "1（已完成）或 0（未完成）"),
    (
        "0, or a number of at least 1e-9 in magnitude",
        "0，或绝对值不小于 1e-9 的数",
    ),
    (
        "a file name ending in .html, .md, .xlsx or .docx",
        "以 .html、.md、.xlsx 或 .docx 结尾的文件名",
    ),
    (
        "a file name ending in .csv, .json, .md or .txt, or --format",
        "以 .csv、.json、.md 或 .txt 结尾的文件名，或用 --format",
    ),
    (
        "lower-case letters, digits, `-` and `_`, e.g. tongliang-2027",
        "小写字母、数字、`-` 和 `_`，如 tongliang-2027",
    ),
    ("--plan naming one of {}", "用 --plan 指定其中之一：{}"),
    (
        "a figure within 10^{} (about 31.6 times) of the same series' neighbours, in `{}`",
        "与同一序列相邻数据相差在10^{}（约31.6倍）以内、单位为 `{}` 的数值",
    ),
    (
        "{} (the stored value), or --replace to revise it",
        "{}（已存数值），或用 --replace 修订",
    ),
    ("{} (the plan's baseline)", "{}（规划的基期值）"),
    ("`{}` or an empty cell", "`{}` 或空单元格"),
    ("a table of at most {} places", "不超过{}个位置的表格"),
    (
        "a CJK font such as Noto Sans CJK, Source Han Sans or WenQuanYi Micro Hei",
        "中日韩字体，如 Noto Sans CJK、思源黑体或文泉驿微米黑",
    ),
    (
        "a cell saying \"no figure\" (--strict)",
        "表示“无数据”的单元格（--strict）",
    ),
    (
        "added, revised or removed, with ` yoy` or ` (jump confirmed)` after it",
        "added、revised 或 removed，其后可带 ` yoy` 或 ` (jump confirmed)`",
    ),
    (
        "a header such as `kpi,period,value,unit` (or 指标,期间,数值,单位)",
        "表头，如 `kpi,period,value,unit`（或 指标,期间,数值,单位）",
    ),
    (
        "a period in the header (2023年1-6月) or a title naming one above the table (2023年1-6月主要经济指标)",
        "表头中的期间（2023年1-6月），或表格上方写明期间的标题（2023年1-6月主要经济指标）",
    ),
    (
        "a column named period (or 期间, 报告期) holding periods such as 2018Q2 or 2018年1-6月, or periods across the header",
        "名为 period（或 期间、报告期）的列，其中为 2018Q2 或 2018年1-6月 这样的期间；或表头横排各期间",
    ),
    (
        "\"name\", \"name_zh\" or both",
        "\"name\"、\"name_zh\" 或两者",
    ),
    (
        "a target above the baseline, or the other direction",
        "高于基期值的目标，或相反的方向",
    ),
    (
        "a target below the baseline, or the other direction",
        "低于基期值的目标，或相反的方向",
    ),
    (
        "a target {} the baseline, or the other direction",
        "目标值在基期值的{}方，或相反的方向",
    ),
    (
        "0, or a magnitude from {} to {}",
        "0，或绝对值在{}至{}之间的数",
    ),
];

/// Words inside a quoted text said in Chinese: the operating system's
/// reasons, serde's syntax errors.
pub const FRAGMENTS: &[(&str, &str)] = &[
    ("No such file or directory", "文件或目录不存在"),
    ("Permission denied", "权限不足"),
    ("Is a directory", "这是一个文件夹"),
    ("expected value", "此处应为一个值"),
    ("trailing comma", "多余的逗号"),
    ("EOF while parsing an object", "对象未结束即到文件末尾"),
    ("EOF while parsing a list", "列表未结束即到文件末尾"),
    ("EOF while parsing a string", "字符串未结束即到文件末尾"),
    ("EOF while parsing a value", "值未结束即到文件末尾"),
    ("key must be a string", "键必须是字符串"),
    ("expected `,` or `}`", "此处应为 `,` 或 `}`"),
    ("expected `,` or `]`", "此处应为 `,` 或 `]`"),
    ("expected `:`", "此处应为 `:`"),
    (
        "control character (\\u0000-\\u001F) found while parsing a string",
        "字符串中有控制字符",
    ),
    ("invalid escape", "无效的转义"),
    ("invalid number", "无效的数字"),
    ("a string", "字符串"),
    ("a number", "数字"),
    ("a sequence", "数组"),
    ("a map", "对象"),
    ("a boolean", "布尔值"),
    ("string ", "字符串 "),
    ("integer ", "整数 "),
    ("floating point ", "浮点数 "),
];
