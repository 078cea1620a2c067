/**
 * Every refusal the core can give, with the message a user sees. Shared by the core
 * (which throws AppError) and the renderer (which shows the message in the chosen
 * language). Messages may contain {name} placeholders filled from the error's params.
 */
import { messageReader } from './message-table.js';

export const ERROR_MESSAGES = {
  BAD_INPUT: { zh: '输入有误：{detail}', en: 'Invalid input: {detail}' },
  UNKNOWN_OPERATION: { zh: '未知操作：{op}', en: 'Unknown operation: {op}' },
  NOT_LOGGED_IN: { zh: '请先登录', en: 'Please log in first' },
  SESSION_EXPIRED: { zh: '登录已过期，请重新登录', en: 'Session expired, please log in again' },
  FORBIDDEN: { zh: '当前角色（{role}）无权执行此操作，需由{allowed}办理', en: 'Your role ({roleEn}) may not do this; it is for the {allowedEn}' },
  HOST_EXIT_UNSUPPORTED: { zh: '浏览器模式下请直接关闭浏览器窗口', en: 'In browser mode, close the browser window' },
  ALREADY_INITIALIZED: { zh: '系统已初始化，不能再创建首位管理员', en: 'Already set up: the first administrator exists' },
  NOT_INITIALIZED: { zh: '系统尚未初始化', en: 'Not set up yet' },
  DEMO_NOT_EMPTY: { zh: '已有农户数据，不能加载演示村', en: 'There is data already; the demo village cannot be loaded' },
  PIN_FORMAT: { zh: 'PIN 必须是 4 到 8 位数字', en: 'A PIN is 4 to 8 digits' },
  PIN_WRONG: { zh: 'PIN 错误，还可尝试 {left} 次', en: 'Wrong PIN, {left} tries left' },
  PIN_LOCKED: { zh: '连续输错次数过多，账号已锁定至 {until}', en: 'Too many wrong PINs; locked until {until}' },
  OPERATOR_NOT_FOUND: { zh: '操作员不存在或已停用', en: 'No such active operator' },
  APPROVAL_LIMIT: {
    zh: '审批 PIN 连续输错 {max} 次，本次登录已退出，请重新登录（审批人的账号不受影响）',
    en: '{max} wrong approval PINs in a row: this session has ended, please log in again (the approver’s account is not affected)',
  },
  APPROVER_NOT_ADMIN: { zh: '需要管理员 PIN 才能作废', en: 'An administrator PIN is needed to void' },
  ID_LENGTH: { zh: '身份证号应为 18 位', en: 'An ID number has 18 characters' },
  ID_FORMAT: { zh: '身份证号格式错误（前 17 位为数字，最后一位为数字或 X）', en: 'ID number: 17 digits then a digit or X' },
  ID_BIRTH_DATE: { zh: '身份证号中的出生日期不存在', en: 'The birth date in the ID number is not a real date' },
  ID_FUTURE_DATE: { zh: '身份证号中的出生日期在未来', en: 'The birth date in the ID number is in the future' },
  ID_CHECK_CHAR: { zh: '身份证号校验位错误', en: 'ID number check character is wrong' },
  ID_SCIENTIFIC: {
    zh: '“{value}”是被 Excel 改成科学计数法的身份证号，后几位已丢失：请在表格中把该列设为“文本”格式后重新填写',
    en: '"{value}" is an ID number Excel turned into scientific notation, its last digits are lost: format the column as text and enter it again',
  },
  ID_NOT_FOUND: { zh: '没有找到此身份证号对应的农户', en: 'No household has this ID number' },
  ID_DUPLICATE: { zh: '此身份证号已登记在其他成员名下', en: 'This ID number is registered to another member' },
  QR_FORGED: { zh: '户卡二维码无效（签名不符），可能是伪造或损坏的卡', en: 'Household card QR code is not genuine (bad signature)' },
  QR_REVOKED: { zh: '此户卡已作废（已补办新卡），请使用最新的户卡', en: 'This card was revoked (a new card was issued)' },
  QR_MALFORMED: { zh: '无法识别的二维码', en: 'Unrecognised QR code' },
  HOUSEHOLD_NOT_FOUND: { zh: '农户不存在', en: 'No such household' },
  HOUSEHOLD_INACTIVE: { zh: '该户已迁出或停用，不能兑换', en: 'This household moved away or is inactive' },
  MEMBER_NOT_IN_HOUSEHOLD: { zh: '该成员不属于此户', en: 'That member is not in this household' },
  PASSBOOK_NOT_FOUND: { zh: '存折不存在', en: 'No such passbook' },
  PASSBOOK_NOT_SPENDABLE: { zh: '该存折积分不能用于兑换', en: 'Points in this passbook cannot be spent' },
  GOODS_NOT_FOUND: { zh: '商品不存在', en: 'No such goods' },
  GOODS_INACTIVE: { zh: '商品“{name}”已下架', en: '"{name}" is retired' },
  BARCODE_NOT_FOUND: { zh: '没有条码为 {barcode} 的商品', en: 'No goods with barcode {barcode}' },
  CART_EMPTY: { zh: '请先选择商品', en: 'Pick some goods first' },
  CART_DUPLICATE_LINE: { zh: '同一商品在清单中出现了两次', en: 'The same goods appear twice in the cart' },
  QUANTITY_INVALID: { zh: '数量必须是 1 到 {max} 之间的整数', en: 'Quantity must be a whole number from 1 to {max}' },
  INSUFFICIENT_POINTS: { zh: '积分不足：需要 {need} 分，可用 {have} 分', en: 'Not enough points: needs {need}, has {have}' },
  OUT_OF_STOCK: { zh: '“{name}”库存不足：需要 {need}，库存 {have}', en: 'Not enough "{name}" in stock: needs {need}, has {have}' },
  REQUEST_REUSED: { zh: '请求编号已被另一笔不同的操作使用', en: 'This request id was used for a different operation' },
  REDEMPTION_NOT_FOUND: { zh: '兑换单不存在', en: 'No such redemption' },
  ALREADY_VOIDED: { zh: '该兑换单已作废', en: 'This redemption is already void' },
  VOID_NOT_OWN: { zh: '店员只能作废自己办理的兑换单', en: 'A keeper may void only their own redemptions' },
  VOID_NOT_TODAY: { zh: '只能作废当天的兑换单', en: 'Only today’s redemptions can be voided' },
  VOID_REASON_REQUIRED: { zh: '作废必须填写原因', en: 'A reason is required to void' },
  DAY_CLOSED: { zh: '{date} 已日结，不能再记入该日', en: '{date} is closed; nothing more can be dated into it' },
  DAY_ALREADY_CLOSED: { zh: '{date} 已经日结过了', en: '{date} is already closed' },
  DAY_NOT_CLOSED: { zh: '{date} 尚未日结，无需重新开账', en: '{date} is not closed' },
  DAY_IN_FUTURE: { zh: '{date} 还没到，不能日结', en: '{date} is in the future and cannot be closed' },
  DAY_NOT_RECONCILED: { zh: '{date} 对账未通过，不能日结：{detail}', en: '{date} does not reconcile and cannot be closed: {detailEn}' },
  REOPEN_REASON_REQUIRED: { zh: '重新开账必须填写原因', en: 'A reason is required to reopen a day' },
  EXPORT_RANGE_INVALID: { zh: '日期范围有误：开始日期不能晚于结束日期', en: 'Invalid date range: the start is after the end' },
  EXPORT_BUSY: { zh: '已有 {count} 个导出正在进行，请等它们完成后再试', en: '{count} exports are already running; wait for them to finish' },
  EXPORT_NOT_FOUND: { zh: '导出任务不存在或已过期', en: 'No such export (or it has expired)' },
  EXPORT_FAILED: { zh: '导出失败：{detail}', en: 'Export failed: {detail}' },
  // Stock (issue 4)
  BARCODE_DUPLICATE: { zh: '条码 {barcode} 已用于商品“{name}”', en: 'Barcode {barcode} already belongs to "{name}"' },
  GOODS_NAME_DUPLICATE: { zh: '已有同名同单位的商品“{name}”（{unit}）', en: 'There is already a good "{name}" ({unit})' },
  STOCK_RECEIPT_NOT_FOUND: { zh: '入库单不存在', en: 'No such stock receipt' },
  STOCK_RECEIPT_DUPLICATE_LINE: { zh: '“{name}”在入库单中出现了两次，请合并为一行', en: '"{name}" appears twice on the receipt; use one line' },
  ADJUST_MUST_DECREASE: {
    zh: '损坏、过期、丢失只能减少库存，数量请填负数',
    en: 'Damaged, expired or lost goods can only reduce stock (enter a negative number)',
  },
  ADJUST_MUST_INCREASE: { zh: '找到的商品只能增加库存，数量请填正数', en: 'Found goods can only add stock (enter a positive number)' },
  ADJUST_NOTE_REQUIRED: { zh: '原因为“其他”时必须填写说明', en: 'Explain an "other" adjustment in the note' },
  STOCKTAKE_NOT_FOUND: { zh: '盘点单不存在', en: 'No such stocktake' },
  STOCKTAKE_DUPLICATE_LINE: { zh: '“{name}”在盘点中出现了两次', en: '"{name}" is counted twice' },
  STOCKTAKE_STALE: {
    zh: '盘点表打印后，“{names}”又有出入库，账面数已变。请刷新盘点表，核对这些商品后再提交',
    en: 'Stock of "{names}" moved after the count sheet was made; refresh the sheet and recheck them',
  },
  IMPORT_FILE_TYPE: { zh: '只能导入 .xlsx 或 .csv 文件（{name}）', en: 'Only .xlsx or .csv files can be imported ({name})' },
  IMPORT_FILE_DAMAGED: {
    zh: '文件已损坏或不是 Excel 表格，请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入',
    en: 'The file is damaged or not an Excel sheet; open it in Excel or WPS and save it as .xlsx again',
  },
  IMPORT_ZIP_BOMB: {
    zh: '文件解压后超过 {max} MB（{part}），可能是“压缩炸弹”或异常文件，已拒绝导入',
    en: 'The file unpacks to more than {max} MB ({part}): possibly a zip bomb; refused',
  },
  IMPORT_TOO_MANY_CELLS: {
    zh: '表格中填写的单元格超过 {max} 个，请分成几个文件导入',
    en: 'The sheet has more than {max} filled cells; split it into several files',
  },
  IMPORT_TOO_MANY_COLUMNS: {
    zh: '表格第 {row} 行在第 {max} 列之后还有内容，导入表格不需要这么多列',
    en: 'Row {row} has content beyond column {max}; an import sheet needs far fewer columns',
  },
  IMPORT_TOO_MUCH_TEXT: {
    zh: '表格中的文字总共超过 {max} 个字，请分成几个文件导入',
    en: 'The sheet holds more than {max} characters in all; split it into several files',
  },
  IMPORT_TOO_MANY_STRINGS: {
    zh: '文件中的文字条目超过 {max} 个，请分成几个文件导入',
    en: 'The file holds more than {max} text items; split it into several files',
  },
  IMPORT_TOO_MANY_PARTS: {
    zh: '文件内部的组成部分超过 {max} 个，不是正常的导入表格',
    en: 'The file has more than {max} internal parts; not an ordinary import sheet',
  },
  IMPORT_CELL_TOO_LONG: { zh: '第 {row} 行有一个单元格超过 {max} 个字', en: 'A cell in row {row} holds more than {max} characters' },
  IMPORT_READ_TIMEOUT: {
    zh: '读取文件超过 {seconds} 秒仍未完成，已停止（文件过大或异常）',
    en: 'Reading the file took more than {seconds} s and was stopped (too large or malformed)',
  },
  IMPORT_READ_MEMORY: {
    zh: '读取文件所需内存超过上限，已停止（文件过大或异常）',
    en: 'Reading the file needed more memory than allowed and was stopped (too large or malformed)',
  },
  IMPORT_FILE_UNREADABLE: { zh: '无法读取文件：{detail}', en: 'The file cannot be read: {detail}' },
  IMPORT_MISSING_COLUMNS: { zh: '缺少必填列：{columns}（请使用导入模板）', en: 'Missing required columns: {columns} (use the template)' },
  IMPORT_EMPTY: { zh: '文件中没有商品数据', en: 'The file has no goods rows' },
  IMPORT_TOO_MANY_ROWS: { zh: '一次最多导入 {max} 行', en: 'At most {max} rows per import' },
  IMPORT_INVALID: {
    zh: '文件中有 {count} 行有误，未导入任何商品。请改正后重新导入',
    en: '{count} rows have errors; nothing was imported. Fix them and import again',
  },
  IMPORT_REQUIRED: { zh: '“{field}”不能为空', en: '"{field}" is required' },
  IMPORT_NOT_INTEGER: { zh: '“{field}”应为整数：{value}', en: '"{field}" must be a whole number: {value}' },
  IMPORT_OUT_OF_RANGE: { zh: '“{field}”应在 {min} 到 {max} 之间：{value}', en: '"{field}" must be from {min} to {max}: {value}' },
  IMPORT_BAD_YUAN: { zh: '“{field}”应为金额（元，最多两位小数）：{value}', en: '"{field}" must be an amount in yuan (up to 2 decimals): {value}' },
  IMPORT_TOO_LONG: { zh: '“{field}”太长（最多 {max} 个字）', en: '"{field}" is too long (at most {max} characters)' },
  IMPORT_BAD_BARCODE: { zh: '条码格式不正确：{value}（应为 4 到 32 位数字或字母）', en: 'Bad barcode: {value} (4 to 32 digits or letters)' },
  IMPORT_DUPLICATE_NAME: { zh: '与第 {other} 行的商品重复（同名同单位）', en: 'Same goods (name and unit) as row {other}' },
  IMPORT_DUPLICATE_BARCODE: { zh: '条码 {barcode} 与第 {other} 行重复', en: 'Barcode {barcode} is also on row {other}' },
  // Households and earning points (issue 5)
  HOUSEHOLD_NUMBER_TAKEN: { zh: '户号 {number} 已存在', en: 'Household number {number} is taken' },
  HOUSEHOLD_NUMBER_FORMAT: { zh: '户号格式应为“组号-序号”，例如 03-017（填的是：{number}）', en: 'A household number looks like 03-017 (got {number})' },
  HOUSEHOLD_MOVED_AWAY: { zh: '{household} 户已迁出，不能记分', en: '{household} has moved away; no points can be recorded' },
  GROUP_NOT_FOUND: { zh: '村民小组不存在', en: 'No such village group' },
  MEMBER_NOT_FOUND: { zh: '家庭成员不存在', en: 'No such member' },
  HEAD_CANNOT_LEAVE: { zh: '不能移除户主：请先把另一位成员设为户主', en: 'The head cannot be removed; make another member head first' },
  ROSTER_EMPTY: { zh: '名单中没有数据行', en: 'The roster has no rows' },
  ROSTER_HEADER: { zh: '第 1 行应为表头，缺少“{column}”列（请使用导入模板）', en: 'Row 1 must be the header; column "{column}" is missing (use the template)' },
  ROSTER_TOO_MANY_ROWS: { zh: '一次最多导入 {max} 行', en: 'At most {max} rows per import' },
  ROSTER_HAS_ERRORS: {
    zh: '名单中有 {count} 行有错误，未导入任何数据；请按预览逐行改正后重试',
    en: '{count} rows have errors; nothing was imported. Fix them as the preview shows and retry',
  },
  TRANSFER_SAME_HOUSEHOLD: { zh: '转出户和转入户不能是同一户', en: 'Cannot transfer points to the same household' },
  RULE_BOOK_NOT_FOUND: { zh: '积分细则版本不存在', en: 'No such rule book version' },
  RULE_ITEM_NOT_FOUND: { zh: '积分细则条目不存在', en: 'No such rule item' },
  RULE_BOOK_ADOPTED: {
    zh: '第 {version} 版积分细则已经表决通过，不能再修改；请新建一个版本',
    en: 'Version {version} was adopted and cannot change; start a new version',
  },
  RULE_BOOK_EMPTY: { zh: '这一版积分细则还没有条目，不能表决通过', en: 'This version has no items; it cannot be adopted' },
  RULE_CODE_TAKEN: { zh: '条目编号 {code} 在本版中已存在', en: 'Item code {code} already exists in this version' },
  RULE_RANGE_INVALID: { zh: '最低分（{min}）不能高于最高分（{max}）', en: 'The minimum ({min}) is above the maximum ({max})' },
  RULE_CAP_INVALID: { zh: '上限（{cap} 分）不能低于最低分（{min} 分）', en: 'The cap ({cap}) is below the minimum ({min})' },
  RULE_EFFECTIVE_ORDER: { zh: '生效日期不能早于第 {version} 版的生效日期 {date}', en: 'The effective date cannot precede version {version}’s ({date})' },
  RULE_NOT_IN_FORCE: {
    zh: '“{title}”在 {date} 不是现行积分细则的条目，请按事项日期选择适用的版本',
    en: '"{title}" is not in the rule book in force on {date}',
  },
  NO_RULE_BOOK_IN_FORCE: { zh: '{date} 还没有生效的积分细则，请先表决通过一版', en: 'No rule book is in force on {date}; adopt one first' },
  POINTS_FIXED: { zh: '“{title}”是固定分值 {min} 分（{household} 填了 {points} 分）', en: '"{title}" is worth exactly {min} ({household}: {points})' },
  POINTS_OUT_OF_RANGE: {
    zh: '“{title}”的分值应在 {min} 到 {max} 分之间（{household} 填了 {points} 分）',
    en: '"{title}" must be {min} to {max} points ({household}: {points})',
  },
  CAP_EXCEEDED: {
    zh: '{household}：“{title}”每{period}最多 {cap} 分，本{period}已有 {used} 分，不能再记 {points} 分',
    en: '{household}: "{title}" is capped at {cap} per {period}; {used} already, {points} more is too many',
  },
  NOT_SELF_CLAIMABLE: { zh: '“{title}”不能由村民自行申报，请由村委会登记', en: '"{title}" cannot be claimed by villagers; the committee records it' },
  EVENT_DATE_FUTURE: { zh: '事项日期 {date} 晚于今天', en: 'The date {date} is in the future' },
  EVIDENCE_REQUIRED: { zh: '请填写事实依据（例如检查记录、照片编号、见证人），至少 2 个字', en: 'Describe the evidence (at least 2 characters)' },
  ENTRY_DUPLICATE_HOUSEHOLD: { zh: '同一张评分表中 {household} 出现了两次', en: '{household} appears twice on the sheet' },
  ENTRY_NOT_FOUND: { zh: '积分记录不存在（第 {id} 条）', en: 'No such entry ({id})' },
  SELF_REVIEW: { zh: '不能审核自己登记的记录（第 {id} 条），请由另一位村干部审核', en: 'You recorded entry {id}; someone else must review it' },
  ENTRY_NOT_PENDING: { zh: '第 {id} 条记录已处理（{status}），不能再审核', en: 'Entry {id} was already dealt with ({status})' },
  REJECT_REASON_REQUIRED: { zh: '驳回必须填写原因', en: 'A reason is required to reject' },
  NOTICE_NOT_FOUND: { zh: '公示不存在', en: 'No such notice' },
  NOTICE_NOTHING: { zh: '没有审核通过、等待公示的记录', en: 'No approved entries are waiting for a notice' },
  ENTRY_NOT_APPROVED: { zh: '第 {id} 条记录不是“已审核、待公示”状态，不能列入公示', en: 'Entry {id} is not approved and waiting; it cannot go on a notice' },
  ENTRY_NOT_PUBLISHED: { zh: '只能对公示中的记录提出异议（第 {id} 条）', en: 'Objections are only for entries on a notice ({id})' },
  OBJECTION_PERIOD_OVER: { zh: '公示期已于 {end} 结束，不能再登记异议', en: 'The notice period ended on {end}; objections are closed' },
  OBJECTION_NOT_FOUND: { zh: '异议不存在', en: 'No such objection' },
  OBJECTION_RESOLVED: { zh: '该异议已经处理过', en: 'This objection was already resolved' },
  RESOLUTION_REASON_REQUIRED: { zh: '处理异议必须填写理由，至少 2 个字', en: 'A reason (2+ characters) is required to resolve an objection' },
  REPLACEMENT_ONLY_UPHELD: { zh: '只有成立的异议才能改记新的分值', en: 'Only an upheld objection can record a changed entry' },
  NOTICE_PERIOD_NOT_OVER: { zh: '公示期到 {end} 结束，期满后才能入账', en: 'The notice runs until {end}; post after it ends' },
  NOTICE_OPEN_OBJECTIONS: { zh: '还有 {count} 条异议未处理，处理完才能入账', en: '{count} objections are still open; resolve them before posting' },
  PASSBOOK_CODE_TAKEN: { zh: '存折代码 {code} 已存在', en: 'Passbook code {code} is taken' },
  CLEAR_ON_INVALID: { zh: '清零日期应为“月-日”，例如 12-31（填的是：{value}）', en: 'A clearing day looks like 12-31 (got {value})' },
  CLEAR_DATE_NOT_REACHED: { zh: '清零日期 {date} 还没到，现在只能预览', en: 'The clearing date {date} has not come yet; preview only' },
  PASSBOOK_NEVER_CLEARS: { zh: '“{name}”没有设置清零日期', en: '"{name}" has no clearing date' },
  CLEAR_DATE_NOT_CLEARING_DAY: { zh: '{date} 不是这个存折的清零日，清零日是 {day}', en: "{date} is not this passbook's clearing day; it is {day}" },
  CLEARING_NOT_RUN: { zh: '{date} 的清零还没有执行', en: 'The clearing of {date} has not been run' },
  CLEARING_PERIOD_DONE: { zh: '本期已清零过（{done}），{date} 不能再清零', en: 'This period was already cleared ({done}); {date} cannot be cleared again' },
  TIERS_INVALID: { zh: '星级门槛必须随星级升高而升高，且星级不能重复', en: 'Star thresholds must rise with the stars, one per star' },
  TEXT_INVISIBLE: {
    zh: '输入的文字含有看不见的字符或改变文字方向的控制符（{char}），可能让名称在屏幕和小票上显示成别的样子，请删除后重新输入',
    en: 'The text contains an invisible or direction-changing character ({char}) that can make it show differently on screen and receipts; remove it',
  },
  TEXT_HAS_ID_NUMBER: {
    zh: '这里不能填写身份证号（{masked}）：身份证号只能填在成员的“身份证号”一栏，系统只保存加密后的形式。请删去后再保存',
    en: "An ID number ({masked}) cannot go here: ID numbers belong in a member's ID number field, where only a keyed hash is kept. Remove it and save again",
  },
  TEXT_INVALID: { zh: '{field}含有不允许的字符', en: '{field} contains characters that are not allowed' },
  INTEGRITY: { zh: '数据完整性检查未通过：{detail}', en: 'Integrity check failed: {detail}' },
  // Issue 12: a failed start-up check or full verify stops the counter and every change.
  BOOKS_ALARM: {
    zh: '数据校验未通过，收银和一切修改已停止：{detail}。请管理员在“设置 → 数据校验”查看，并从备份恢复',
    en: 'The books failed verification; the counter and all changes are stopped: {detailEn}. An administrator can see the problems in Settings → Data check and restore a backup',
  },
  // Operators, backups, restore (issue 7)
  OPERATOR_NAME_TAKEN: { zh: '已有名为“{name}”的在用操作员，请换一个名字（例如加上姓氏或编号）', en: 'An active operator is already called "{name}"' },
  OPERATOR_INACTIVE: { zh: '操作员“{name}”已停用，请先启用', en: 'Operator "{name}" is deactivated; reactivate first' },
  OPERATOR_SELF_DEACTIVATE: { zh: '不能停用自己，请由另一位管理员操作', en: 'You cannot deactivate yourself; ask another administrator' },
  LAST_ADMIN: {
    zh: '这是最后一位在用的管理员，不能停用（请先新增另一位管理员）',
    en: 'This is the last active administrator; add another before deactivating',
  },
  BACKUP_NOT_CONFIGURED: { zh: '还没有选择备份文件夹，请先在“备份与恢复”中设置', en: 'No backup folder is set yet' },
  BACKUP_FOLDER_INVALID: { zh: '备份文件夹不可用（{folder}）：{detail}', en: 'The backup folder cannot be used ({folder}): {detail}' },
  BACKUP_RUNNING: { zh: '正在备份，请等它完成', en: 'A backup is running; wait for it to finish' },
  BACKUP_FILE_EXISTS: { zh: '备份文件已存在，不覆盖：{file}', en: 'The backup file already exists and is not overwritten: {file}' },
  RESTORE_RUNNING: { zh: '正在恢复数据，请稍候', en: 'A restore is running; please wait' },
  // A restore before set-up (issue 16): only while no operator exists.
  RESTORE_NEEDS_ADMIN: { zh: '本店已有操作员：恢复数据需由管理员登录后办理', en: 'This store has operators: a restore needs an administrator’s login' },
  BACKUP_FILE_MISSING: { zh: '找不到备份文件：{file}', en: 'Backup file not found: {file}' },
  BACKUP_FILE_INVALID: { zh: '这不是一个完好的积分超市备份文件（{detail}），已拒绝', en: 'Not a sound points store backup ({detail}); refused' },
  BACKUP_TOO_NEW: {
    zh: '此备份来自更新版本的软件（数据版本 {version}，本软件 {latest}），请先升级软件',
    en: 'This backup is from a newer version (schema {version}, this app {latest}); update the app first',
  },
  BACKUP_VERIFY_FAILED: { zh: '备份校验未通过，已拒绝：{detail}', en: 'The backup did not verify and was refused: {detail}' },
  BACKUP_OTHER_KEY: {
    zh: '此备份是用另一把密钥建立的：请先把该备份对应的密钥文件放回数据文件夹，再恢复',
    en: 'This backup was made with another key; put its key file back into the data folder first',
  },
  PRINTER_NOT_CONFIGURED: { zh: '尚未设置打印机，请在“打印机设置”中填写打印机地址', en: 'No printer is set up yet' },
  PRINTER_URI_INVALID: {
    zh: '打印机地址格式不正确：{uri}（例如 tcp://192.168.1.50:9100、/dev/usb/lp0、\\\\.\\COM3、spooler:打印机名称）',
    en: 'Invalid printer address: {uri}',
  },
  PRINTER_URI_NOT_DEVICE: {
    zh: '不能用“{uri}”作打印机地址：只能填打印机设备（/dev/usb/lp0、/dev/ttyUSB0、COM3、LPT1）、网络打印机（tcp://192.168.1.50:9100）、共享打印机（\\\\电脑名\\打印机）或系统打印队列（spooler:打印机名称），不能是普通文件，也不能在数据文件夹里',
    en: '"{uri}" cannot be a printer address: only a printer device (/dev/usb/lp0, /dev/ttyUSB0, COM3, LPT1), a network printer (tcp://192.168.1.50:9100), a shared printer (\\\\PC\\printer) or a print queue (spooler:NAME); never a regular file, never in the data folder',
  },
  PRINTER_REFUSED: { zh: '打印机未连接：{target} 拒绝连接，请检查打印机电源和网线', en: 'Printer not connected: {target} refused the connection' },
  PRINTER_CONNECT_TIMEOUT: { zh: '连接打印机超时：{target}，请检查打印机是否开机、地址是否正确', en: 'Timed out connecting to the printer at {target}' },
  PRINTER_WRITE_TIMEOUT: {
    zh: '打印机无响应（发送超时）：{target}，可能缺纸、开盖或离线',
    en: 'The printer at {target} did not take the data (out of paper, lid open or offline?)',
  },
  PRINTER_DISCONNECTED: { zh: '打印机连接中断：{target}', en: 'The connection to the printer at {target} broke' },
  PRINTER_HOST_NOT_FOUND: { zh: '找不到打印机地址：{target}', en: 'Printer host not found: {target}' },
  PRINTER_DEVICE_NOT_FOUND: { zh: '找不到打印机设备：{target}，请检查 USB 线或设备路径', en: 'Printer device not found: {target}' },
  PRINTER_DEVICE_DENIED: { zh: '没有权限写入打印机设备：{target}', en: 'No permission to write to the printer device {target}' },
  PRINTER_SPOOLER_FAILED: { zh: '系统打印队列出错（{target}）：{detail}', en: 'The system print queue failed ({target}): {detail}' },
  PRINTER_SYSTEM_UNAVAILABLE: { zh: '系统驱动打印只能在桌面版中使用', en: 'System-driver printing is only available in the desktop app' },
  PRINTER_FAILED: { zh: '打印失败（{target}）：{detail}', en: 'Printing failed ({target}): {detail}' },
  PRINT_JOB_NOT_FOUND: { zh: '打印任务不存在', en: 'No such print job' },
  // The township hub (db/reporting/).
  HUB_NOT_REGISTERED: { zh: '本店尚未向乡镇登记（设置 → 乡镇汇总）', en: 'This store is not registered with its township yet' },
  HUB_DIVISION_CODE: { zh: '村级区划代码无效：{detail}', en: 'Invalid village division code: {detail}' },
  HUB_CODE_FIXED: { zh: '本店已用区划代码 {code} 上报过日报，不能改用其他代码', en: 'Reports were already sent under division code {code}; it cannot change' },
  HUB_ADDRESS: { zh: '乡镇汇总地址无效：{address}（应以 http:// 或 https:// 开头）', en: 'Invalid hub address: {address} (http:// or https://)' },
  CATCH_UP_STOPPED: { zh: '补日结在 {date} 停止（已日结 {closed}）：{detail}', en: 'Catching up stopped at {date} (closed {closed}): {detail}' },
  DISK_FULL: { zh: '磁盘已满，操作未保存。请清理磁盘空间后重试', en: 'The disk is full; nothing was saved. Free some space and retry' },
  DATABASE_BUSY: { zh: '数据库正忙（另一个程序正在写入），请稍后重试', en: 'The database is busy; retry in a moment' },
  // The card reader (读卡器) and the displays
  READER_NO_HOST: {
    zh: '此程序不能连接读卡器，请在桌面版或浏览器版柜台中使用',
    en: 'This program cannot reach a card reader; use the desktop or browser counter',
  },
  READER_LIBRARY_MISSING: {
    zh: '找不到读卡器库文件：{path}。请检查 设置 → 读卡器 中的路径；身份证号仍可手工输入',
    en: 'Card reader library not found: {path}. Check Settings → Card reader; ID numbers can still be typed',
  },
  READER_LIBRARY_BROKEN: {
    zh: '读卡器库文件无法使用（{detail}）。请确认型号与库文件相符；身份证号仍可手工输入',
    en: 'The card reader library cannot be used ({detail}). Check the model matches the library; ID numbers can still be typed',
  },
  READER_NOT_CONNECTED: {
    zh: '读卡器未连接（端口 {port}）：请检查数据线和端口设置',
    en: 'Card reader not connected (port {port}): check the cable and the port setting',
  },
  READER_CARD_EXPIRED: { zh: '读卡已过期，请重新放卡', en: 'The card read has expired; place the card again' },
  DISPLAY_ONLY: { zh: '显示屏只能显示，不能执行此操作', en: 'A display can only show, not do this' },
  // --- office (issue 15): the monthly evaluation sheet ---
  EVALUATION_EMPTY: { zh: '评比表中没有填写任何分数', en: 'The evaluation sheet has no scores filled in' },
  EVALUATION_HAS_ERRORS: {
    zh: '评比表中有 {count} 行有错误，未导入任何记录；请按预览逐行改正后重试',
    en: '{count} rows of the evaluation sheet have errors; nothing was imported. Fix them as the preview shows and retry',
  },
  // --- office (issue 15): evidence photos with a claim ---
  PHOTO_TYPE: {
    zh: '“{name}”不是 JPEG 或 PNG 图片，请选择手机或相机拍的照片（.jpg / .png）',
    en: '"{name}" is not a JPEG or PNG picture; choose a photo (.jpg / .png)',
  },
  PHOTO_TOO_LARGE: {
    zh: '照片太大（{size}），上限 {max}：请用手机“压缩”或截图后再选',
    en: 'The photo is too large ({size}); the limit is {max}. Shrink it and choose again',
  },
  PHOTO_EMPTY: { zh: '照片文件是空的', en: 'The photo file is empty' },
  PHOTO_ONE_HOUSEHOLD: {
    zh: '照片只能附在一户的申报上，多户评分表不能附照片',
    en: 'A photo goes with one household’s claim, not with a sheet of many households',
  },
  PHOTO_NOT_FOUND: { zh: '第 {id} 条记录没有照片', en: 'Entry {id} has no photo' },
  INTERNAL: { zh: '系统内部错误，操作未完成，请重试或联系管理员', en: 'Internal error; nothing was changed. Retry or call the administrator' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;
export type ErrorParams = Record<string, string | number>;

export interface ErrorBody {
  code: ErrorCode;
  /** Chinese message, ready to show. */
  message: string;
  params?: ErrorParams;
}

const errorMessages = messageReader(ERROR_MESSAGES);

export function formatMessage(code: ErrorCode, lang: 'zh' | 'en', params: ErrorParams = {}): string {
  return errorMessages.format(code, lang, params);
}

/** The one error type the core throws for refusals; anything else is a bug (INTERNAL). */
/** True for a known error code (a schema refinement may name one; see dispatch). */
export function isErrorCode(code: unknown): code is ErrorCode {
  return errorMessages.has(code);
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
  ) {
    super(formatMessage(code, 'zh', params));
    this.name = 'AppError';
  }
  toBody(): ErrorBody {
    return { code: this.code, message: this.message, params: this.params };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };
