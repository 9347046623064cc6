"""Reading WeChat Pay bills as WeChat writes them, into the statement lines the Alipay
reconciliation matches (money/reconcile.py): one matcher for both.

- The merchant trade bill (交易账单, ALL): every value starts with a backtick (`), the detail
  table is followed by a summary header (总交易单数, 应结订单总金额, 退款总金额 …) and its row, that
  what was read must add up to.
  A paid order is its 应结订单金额 in; a refund row its 退款金额 out, and so a payment revoked after it
  succeeded (交易状态 REVOKED, beside its SUCCESS row); each row's 手续费 is a
  line of its own (out; a refund gives part of it back), so the ledger's fee lines match too.
  The early format a few merchants still get heads the payment's money 总金额, its summary's
  总交易额 and 总退款金额.
- The personal bill (what a small seller has for agent payments): 16–18 preamble lines, then
  交易时间, 交易类型, 交易对方, 商品, 收/支, 金额(元), 支付方式, 当前状态, 交易单号, 商户单号, 备注.
  A CSV before 2025, an .xlsx since; newer ones write 金额 without the ¥ sign. The preamble's
  counts and totals (共N笔记录, 收入：N笔 …元) are what its rows must add up to. Of its neutral
  rows (收/支 "/"), a 零钱充值 is money in and a 零钱提现 money out (the shop's bank card and its
  WeChat balance); the others never touch the balance and are left out. A 零钱提现's 金额 holds the
  服务费 its 备注 names (服务费¥0.10): the bank card got the rest, and the fee is a line of its own.
  A 零钱提现 whose 当前状态 is 提现失败，已退回零钱 moved nothing (WITHDRAWAL_FAILED): left out, said.
  A 收入/支出 row whose 支付方式 is a bank card or 零钱通 never touched the balance: left out, said.
  Bills joined into one file (each with its preamble and header): each checked against its own preamble.

Columns are found by name; each problem is located by the file's line (or row) number.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from .. import values as V
from ..io.files import ZIP_MAGIC, check_workbook
from ..io.limits import read_input
from ..io.reader import RawBook, header_key
from ..issues import Issue, ShopbookError, en_count, row_cell
from ..schema.lists import is_total_label
from .alipay import (ORDER_PREFIX, Statement, StatementLine, first_time, is_alipay_header, no_content,
                     read_period)

MERCHANT = {  # field → header (the merchant bill's names)
    "when": "交易时间", "txn_no": "微信订单号", "order_no": "商户订单号", "kind": "交易类型", "state": "交易状态",
    "settled": "应结订单金额", "refund_no": "微信退款单号", "out_refund_no": "商户退款单号", "refund": "退款金额",
    "refund_state": "退款状态",
    "name": "商品名称", "fee": "手续费", "payer": "用户标识",
}
# a refund row's 退款状态: the money is out only once WeChat says the refund succeeded (SUCCESS, as the
# bill writes it; 退款成功 in words); PROCESSING (处理中) is still on its way, and REFUNDCLOSE (closed) or
# CHANGE (the buyer's card refused it: back with the shop) never went. A bill without the column: done
REFUND_DONE = ("SUCCESS", "退款成功", "成功", "已退款")
REFUND_UNDER_WAY = ("PROCESSING", "处理中", "退款处理中", "退款中")
# a row's 交易状态, as the bill writes it (or in words): a payment (SUCCESS), a refund (REFUND), or a
# payment revoked after it succeeded (REVOKED, 已撤销: 付款码支付 cancelled at the till; WeChat lists it
# beside the payment's own SUCCESS row, under the same 微信订单号, as money going back to the buyer).
# Any other: said, never read as a sale
TRADE_STATES = {"SUCCESS": "sale", "支付成功": "sale", "买家已支付": "sale", "REFUND": "refund", "转入退款": "refund",
                "REVOKED": "revoked", "已撤销": "revoked"}
REVOKED_SUFFIX = ("#撤销", "#revoked")  # a revoked payment's number where the row has no 微信退款单号
# the early trade bill a few merchants still get (WeChat's bill documentation): 总金额 where the bill
# has 应结订单金额 since (the same money), its summary 总交易额 and 总退款金额: field → header
EARLY = {"settled": "总金额"}
EARLY_SUMMARY = {"settled": "总交易额", "refunded": "总退款金额"}
# the summary's figures checked against the detail rows: field → (header, en)
# the kinds shopbook gives a trade bill's lines (the bill has none of its own) and a fee line's
# number after its payment's or refund's, in the shop's language (zh, en); a fee line booked under
# either suffix is the same line (an English shop's ledger from before it had its own)
KINDS = {"sale": ("交易", "Payment"), "refund": ("退款", "Refund"), "fee": ("手续费", "Fee")}
FEE_SUFFIX = ("#手续费", "#fee")
SUMMARY = {"count": ("总交易单数", "the number of transactions"), "settled": ("应结订单总金额", "the settled total"),
           "refunded": ("退款总金额", "the refund total"), "fees": ("手续费总金额", "the fee total")}
PERSONAL = {
    "when": "交易时间", "kind": "交易类型", "counterparty": "交易对方", "name": "商品", "way": "收/支",
    "amount": "金额(元)", "state": "当前状态", "txn_no": "交易单号", "order_no": "商户单号", "note": "备注",
    "method": "支付方式",
}
# a 收入/支出 row's 支付方式 that is not the WeChat balance (零钱): a bank card (招商银行(1234), 建设银行信用卡(4243))
# or 零钱通 paid it, or a refund went back to it; the balance never moved (WeChat lists every payment made
# with WeChat Pay, whatever paid it). A row of 零钱, or none ("/"), is the balance's
OFF_BALANCE = re.compile(r"^零钱通|银行|信用卡|储蓄卡|[(（]\d{4}[)）]")

# the personal bill's preamble: 共4笔记录, then 收入：2笔 800.00元, 支出：…, 中性交易：… (收/支 "/")
ALL_COUNT = re.compile(r"^共\s*(\d+)\s*笔记录")
# (its money as a person's re-save or typing may write it: ¥ 1，800.00 — never passed over unread)
WAY_TOTAL = re.compile(r"^(收入|支出|中性交易)\s*[：:]\s*(\d+)\s*笔\s*([-+¥￥\s]*\d[\d,，.．]*)\s*元")
WAY_EN = {"收入": "income", "支出": "expense", "中性交易": "neutral"}
# the neutral (收/支 "/") rows that move money between the shop's bank card and its WeChat balance
# (零钱): money in or out of the WeChat account all the same, matched to the ledger's transfer
# entries (their 交易类型's 充值/提现 read as a transfer, reconcile.KIND_CATEGORIES)
PURSE = {"零钱充值": 1, "零钱提现": -1}
# a 零钱提现 whose 当前状态 says it failed (提现失败，已退回零钱): WeChat updates the row's status in place
# and lists no row of its own for the money coming back (the public samples, e.g. deb-sig/double-entry-
# generator example/wechat, have no such row; importers such as jiegec/china_bean_importers skip it as
# cancelled): the balance never moved
WITHDRAWAL_FAILED = re.compile(r"提现失败|已退回")


def _totals_row(r) -> bool:
    """A person's 合计 row typed under the bill's lines in Excel: no transaction."""
    return is_total_label(next((t for c in r if (t := _text(c))), ""))


def _rows(path: Path) -> list[list]:
    """The file's rows as cells: an .xlsx's first sheet, or the CSV's lines."""
    from ..orders.platform_export import _decode

    if not path.exists():
        raise ShopbookError("找不到账单文件。", "Bill file not found.", path)
    data = read_input(path)  # a regular file within the size cap
    no_content(path, data)
    member = None  # (name, bytes) of the bill inside a .zip that is no workbook
    if data[:4] == ZIP_MAGIC and not _workbook_zip(path):
        member = _bill_in_zip(path)
        data = member[1]
    if data[:4] == ZIP_MAGIC:
        if member is None:
            check_workbook(path)
        with RawBook(path, data=member and member[1]) as wb:
            rows, _ = wb.sheet(wb.sheet_names[0])
        return [["" if v is None else v for v in r] for r in rows]
    text, _ = _decode(data, path)
    try:
        return list(csv.reader(io.StringIO(text.replace("\r\n", "\n"))))
    except csv.Error as e:
        raise ShopbookError(f"账单的 CSV 格式有误，无法读取：{e}。请重新下载。",
                            f"The bill's CSV is malformed and cannot be read ({e}). Download it again.", path) from None


def _workbook_zip(path: Path) -> bool:
    """Whether a zip is a workbook (.xlsx: its [Content_Types].xml), not a zip of a bill."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            return "[Content_Types].xml" in z.namelist()
    except zipfile.BadZipFile:
        return True  # (check_workbook says what is wrong with it)


def _member_name(info) -> str:
    """A zip member's name: written in UTF-8 or GBK without the zip's UTF-8 flag, it is read back as cp437."""
    if info.flag_bits & 0x800:
        return info.filename
    for enc in ("utf-8", "gb18030"):
        try:
            return info.filename.encode("cp437").decode(enc)
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return info.filename


def _bill_in_zip(path: Path) -> tuple[str, bytes]:
    """The bill inside a .zip, (its name, its bytes): WeChat e-mails the personal bill as a .zip locked
    with a password its 微信支付 official account gives, which shopbook never asks for: that one is said
    with what to do; one a person zipped, or a download zipped, is read as its one .csv or .xlsx."""
    import zipfile

    from ..io.limits import INPUT_CAP, read_member

    with zipfile.ZipFile(path) as z:
        bills = [(i, _member_name(i)) for i in z.infolist()
                 if not i.is_dir() and _member_name(i).lower().endswith((".csv", ".xlsx"))]
        if len(bills) != 1:
            names = "、".join(n for _, n in bills)
            raise ShopbookError(
                f"压缩包里{'没有账单（.csv 或 .xlsx）' if not bills else f'有 {len(bills)} 个账单（{names}）'}："
                "请先解压，再把账单文件一个一个给 shopbook。",
                f"The zip holds {'no bill (.csv or .xlsx)' if not bills else f'{len(bills)} bills ({names})'}: "
                "unzip it first, then give shopbook each bill file.", path)
        info, name = bills[0]
        if info.flag_bits & 0x1:
            raise ShopbookError(
                f"压缩包里的账单“{name}”有解压密码（微信把账单加密压缩后发到邮箱，密码在“微信支付”公众号的消息里）："
                "shopbook 不用密码。请先用密码解压，再把解压出来的账单文件给 shopbook。",
                f"The bill '{name}' in the zip is locked with a password (WeChat e-mails the bill zipped with one; "
                "the 微信支付 official account's message gives it): shopbook takes no password. Unzip it with the "
                "password first, then give shopbook the bill file it holds.", path)
        return name, read_member(z, info, path, cap=INPUT_CAP)


def _clean(v: object) -> object:
    """A merchant bill's cell without its backtick (WeChat's mark that keeps Excel from
    reading a number); other values as they are."""
    if isinstance(v, str):
        s = v.strip()
        return s[1:].strip() if s.startswith("`") else s
    return v


def _text(v: object) -> str:
    v = _clean(v)
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return "" if v is None else str(v).strip()


def _given(v: object) -> str:
    """A personal bill's value, its "/" (WeChat's mark for none) read as blank."""
    t = _text(v)
    return "" if t == "/" else t


def _code(st: Statement, no: int, column: str, v: object) -> str | None:
    """A bill's number (交易单号, 微信订单号 …) as text; None, said, where Excel stored it as a number
    (a bill opened and re-saved, its backticks taken out): past 15 digits it is another number
    (…0700002 read back …0695424) that matches nothing and would be booked under a 流水号 no
    download has."""
    try:
        t = V.parse_code(_clean(v) if v is not None else "")
    except V.BadValue as e:
        shown = f"{v:.15g}" if isinstance(v, (int, float)) else v  # as Excel shows it, not digits it never had
        _issue(st, no, column, shown, f"{e.zh.split('。')[0]}。这一行不计，也不补录：请用从微信下载的原账单（不要在 Excel 里打开后另存）。",
               f"{e.en.split('. ')[0]}. The line is not counted nor booked: use the bill as downloaded from WeChat "
               "(not opened and saved again in Excel).")
        return None
    return "" if t == "/" else t


def _cut(st: Statement, no: int, r: list, width: int) -> bool:
    """A row with fewer cells than the header is a download cut off there: said, never booked."""
    if len(r) >= width:
        return False
    _issue(st, no, "", ",".join(_text(c) for c in r), "这一行不完整（文件可能被截断）：不计，也不补录。请重新下载账单。",
           "This line is incomplete (the file may be cut off): it is not counted nor booked. Download the bill again.")
    st.complete = False
    return True


def _rejoined(r: list, width: int) -> list | None:
    """A trade-bill row wider than its header, as WeChat meant it. WeChat writes a comma inside a
    value (商品名称 `T恤,白色 XL) unquoted, which splits it; every value starts with a backtick, so a
    piece that does not is the rest of the value before it. None: the pieces do not rejoin into the
    header's columns (a piece of a value that starts with a backtick): no telling which cell is which."""
    while len(r) > width and r[-1] == "":  # a trailing comma: no value
        r = r[:-1]
    if len(r) == width:
        return r
    out: list = []
    for c in r:
        if out and isinstance(c, str) and not c.lstrip().startswith("`"):
            out[-1] = f"{out[-1]},{c}"
        else:
            out.append(c)
    tick = all(isinstance(c, str) and c.lstrip().startswith("`") for c in out)
    return out if tick and len(out) == width else None


def _issue(st: Statement, line: int, column: str, value: object, zh: str, en: str, sev: str = "error") -> None:
    st.issues.append(Issue(sev, zh, en, book=st.path.name, cell=row_cell(line), column=column,
                           value=_text(value)[:60], row=line))


def read_wechat(path: Path, lang: str = "zh") -> Statement:
    """Either bill, told apart by its header (never its name); `lang`: the shop's, the words of
    the trade bill's lines shopbook makes up."""
    path = Path(path)
    rows = _rows(path)
    for i, r in enumerate(rows[:40]):
        keys = {header_key(_text(c)) for c in r}
        if header_key("微信订单号") in keys and (header_key(MERCHANT["settled"]) in keys
                                               or header_key(EARLY["settled"]) in keys):
            return _merchant(path, rows, i, lang)
        if header_key("交易单号") in keys and header_key("收/支") in keys:
            return _personal(path, rows, i, lang)
    if any(is_alipay_header([_text(c) for c in r]) for r in rows[:40]):  # the other command's
        from ..addin.build import button_label

        b = button_label("btnReconcileAlipay")  # (in Excel, the 微信对账… button: the other button, not a command line)
        raise ShopbookError("这是支付宝对账单，不是微信支付账单：请用 shopbook reconcile alipay 对账。",
                            "This is an Alipay statement, not a WeChat Pay bill: reconcile it with shopbook "
                            "reconcile alipay.", path,
                            by_button=(f"这是支付宝对账单，不是微信支付账单：请按“{b[0]}”选它对账。",
                                       f"This is an Alipay statement, not a WeChat Pay bill: press {b[1]} and choose it."))
    raise ShopbookError(
        "认不出微信支付账单：找不到表头（商户交易账单的 微信订单号、应结订单金额，或个人账单的 交易单号、收/支、金额(元)）。"
        "请从微信支付商户平台下载“交易账单”，或从微信下载个人账单。",
        "Not a WeChat Pay bill: no header with 微信订单号 and 应结订单金额 (merchant trade bill) or 交易单号, 收/支 "
        "and 金额(元) (personal bill). Download the trade bill from the WeChat Pay merchant platform, or the "
        "personal bill from WeChat.", path)


def _columns(header: list, names: dict[str, str]) -> dict[str, int]:
    keys = [header_key(_text(h)) for h in header]
    return {f: keys.index(header_key(n)) for f, n in names.items() if header_key(n) in keys}


def _money(st: Statement, no: int, column: str, v: object, required: bool = False) -> Decimal | None:
    t = _text(v)
    if t == "" and required:  # the line's own amount: a blank is a value lost, never 0.00 to book
        _issue(st, no, column, "", f"{column}是空的：这一行不计，也不补录。", f"{column} is empty: the line is not counted "
               "nor booked.")
        return None
    if t == "":
        return Decimal(0)
    try:
        return V.parse_money(t)
    except V.BadValue as e:
        _issue(st, no, column, v, e.zh, e.en)
        return None


def _zero(st: Statement, no: int, column: str, amount: Decimal) -> bool:
    """A line of 0.00 moves no money: said, and no line to match or book."""
    if amount:
        return False
    _issue(st, no, column, "0.00", f"{column}是 0：这一行没有钱进出，不计，也不补录。",
           f"{column} is 0: no money moved on this line; it is not counted nor booked.", "warning")
    return True


def _fee(st: Statement, no: int, v: object) -> Decimal | None:
    """A trade bill's 手续费 as written, unrounded (0.6% of 99.00 is `0.59400): the summary's
    手续费总金额 adds these up; WeChat charges each payment's fee rounded half up to the fen (at 0.6%,
    none under 0.84 yuan), the ledger's figure (_fen)."""
    t = _text(v)
    if t == "":
        return Decimal(0)
    try:
        return V.money_unrounded(t)
    except (V.BadValue, InvalidOperation) as e:
        _issue(st, no, "手续费", v, getattr(e, "zh", f"不是金额：“{t}”。"), getattr(e, "en", f"Not an amount: '{t}'."))
        return None


def _refund_lines(st: Statement, no: int, state: str, refund_no: str, order: str, amount: Decimal) -> list:
    """Where a refund row's lines go: the statement's (a bill without 退款状态, or one saying it succeeded),
    else its pending ones, the row said (_refund_not_paid)."""
    if state and state.upper() not in REFUND_DONE:
        _refund_not_paid(st, no, state, refund_no, order, amount)
        return st.pending
    return st.lines


def _refund_not_paid(st: Statement, no: int, state: str, refund_no: str, order: str, amount: Decimal) -> None:
    """A refund row whose 退款状态 is not a success: its money has not left (or never will), so it is
    no line to match or book; said at its row with what to do."""
    under_way = state.upper() in REFUND_UNDER_WAY
    what, what_en = ("退款还在处理中", "is still being processed") if under_way else ("退款没有成功", "did not succeed")
    when, when_en = (("退款成功后（商户平台的退款记录里可查）", "Once it succeeds (the merchant platform's refund records show it)")
                     if under_way else ("若商户平台上它后来退款成功了", "If the merchant platform shows it refunded later"))
    _issue(st, no, MERCHANT["refund_state"], state,
           f"{what}（退款状态 {state}）：退款单号 {refund_no}，订单 {order or '—'}，{amount} 元。钱还没有退出去：这一行不算已付，"
           f"也不补录。{when}，在流水账里记上这笔退款，流水号填 {refund_no}。",
           f"The refund {what_en} (退款状态 {state}): refund {refund_no}, order {order or '—'}, {amount}. Its money has "
           f"not left: the line is not counted as paid nor booked. {when_en}, book the refund in the ledger with "
           f"{refund_no} as its transaction number.", "warning")


def _merchant(path: Path, rows: list[list], at: int, lang: str = "zh") -> Statement:
    st = Statement(path, encoding="wechat-merchant")
    en = lang == "en"
    sale, refund, fee_kind = (KINDS[k][en] for k in ("sale", "refund", "fee"))
    col = _columns(rows[at], MERCHANT)
    early = "settled" not in col and "settled" in _columns(rows[at], EARLY)
    if early:
        col.update(_columns(rows[at], EARLY))
    settled = EARLY["settled"] if early else MERCHANT["settled"]  # the column's name, as the bill heads it
    missing = [MERCHANT[f] for f in ("when", "txn_no", "state", "settled") if f not in col]
    if missing:
        raise ShopbookError(f"交易账单缺少列：{', '.join(missing)}。", f"The trade bill lacks the columns {', '.join(missing)}.",
                            path)
    width = len([h for h in rows[at] if _text(h)])  # every column of the header, to 费率备注
    heads = [header_key(_text(h)) for h in rows[at] if _text(h)]
    # several days' bills joined into one file (one under the other, each with its header and summary): each
    # bill's lines are read and checked against its own summary (before, the file's first bill alone was read,
    # the rest dropped in silence); a line a bill before had already (days that overlap) is counted once
    summaries: list[tuple[dict[str, str], int, dict, int, int]] = []  # (summary, its line, read, issues from, to)
    earlier: dict[tuple, int] = {}  # the lines of the bills before this one: their cells → line
    this_bill: dict[tuple, int] = {}
    skip_to = -1  # a summary's row, read with its header
    between = False  # after a bill's summary: only blank rows or another bill's header may follow

    def fresh() -> dict[str, Decimal | int]:  # what the detail rows add up to, against the summary's figures
        return {"count": 0, "settled": Decimal(0), "refunded": Decimal(0), "fees": Decimal(0)}

    read, issues_from = fresh(), len(st.issues)
    for k in range(at + 1, len(rows)):
        no = k + 1
        r = rows[k]
        if k <= skip_to or not any(_text(c) for c in r) or _totals_row(r):
            continue
        first = header_key(_text(r[0]))
        if between:
            if [header_key(_text(h)) for h in r if _text(h)] == heads:  # the next day's bill
                between, read, issues_from = False, fresh(), len(st.issues)
                earlier.update(this_bill)
                this_bill = {}
                continue
            if sum(1 for c in r if _text(c)) <= 2:  # a note under the bill (对账人：张三 2026-12-05): no line, as before
                continue
            _issue(st, no, "", _text(r[0]), "账单汇总之后还有内容，却不是又一份账单的表头：从这一行起没有读取。"
                   "请重新下载账单，原样对账。", "There is more after the bill's summary, and it is not another bill's "
                   "header: nothing from this line on was read. Download the bill again and reconcile it as it is.",
                   "warning")
            st.complete = False
            break
        if first == header_key(SUMMARY["count"][0]):  # the summary block: its header, then its row
            j = next((j for j in range(k + 1, len(rows)) if any(_text(c) for c in rows[j])), None)
            if j is None:
                break
            summaries.append(({header_key(_text(h)): _text(v) for h, v in zip(r, rows[j])}, j + 1, read,
                              issues_from, len(st.issues)))
            skip_to, between = j, True
            continue
        if _cut(st, no, r, width):
            continue
        cells = tuple(_text(c) for c in r)
        if cells in earlier:  # the same line in the bill before (two downloads of days that overlap)
            _issue(st, no, MERCHANT["txn_no"], _text(r[col["txn_no"]]),
                   f"这一行与第 {earlier[cells]} 行完全相同（拼在一起的两份账单日期重叠）：只算一次。",
                   f"This line is the same as line {earlier[cells]} (two bills joined whose days overlap): it is "
                   "counted once.", "warning")
            kept = (len(st.lines), len(st.pending))
        else:
            this_bill.setdefault(cells, no)
            kept = None
        _merchant_row(st, no, r, width, col, read, settled, (sale, refund, fee_kind), en)
        if kept is not None:  # (its figures stay in what its own bill's summary is checked against)
            del st.lines[kept[0]:], st.pending[kept[1]:]
    if not summaries or not between:
        st.complete = False
        _issue(st, len(rows), "", "", "交易账单没有汇总（总交易单数、应结订单总金额…）：文件可能不完整，请重新下载。",
               "The trade bill has no summary (总交易单数, 应结订单总金额 …): it may be cut off. Download it again.",
               "warning")
    for summary, summary_line, added, since, until in summaries:
        _check_summary(st, summary, summary_line, added, st.issues[since:until])
    return st


def _merchant_row(st: Statement, no: int, r: list, width: int, col: dict[str, int], read: dict, settled: str,
                  kinds: tuple[str, str, str], en: bool) -> None:
    """One detail row of a trade bill: its lines into the statement, its figures into `read`."""
    sale, refund, fee_kind = kinds
    if len(r) > width:  # a comma inside a value: read as WeChat meant it, or refused, never shifted
        whole = _rejoined(r, width)
        if whole is None:
            extra = len(r) - width
            txn = _text(r[col["txn_no"]])  # (before 商品名称, where a comma is all but always)
            _issue(st, no, "", txn, f"这一行比表头多 {extra} 格：有个值里带逗号（多半是商品名称），分不清哪一格是哪一列。"
                   f"这一行不计，也不补录：请重新下载账单；仍是这样，请按商户平台上的这笔交易（微信订单号 {txn}）手工记账。",
                   f"This line has {en_count(extra, 'cell')} more than the header: a value holds a comma (most "
                   "likely the product name, 商品名称) and which cell is which column cannot be told. It is not "
                   "counted nor booked: download the bill again; if it is the same, book this transaction (WeChat "
                   f"order number {txn}) by hand from the merchant platform.")
            return
        r = whole

    def get(f: str) -> object:
        return r[col[f]] if f in col and col[f] < len(r) else ""

    try:
        when = V.parse_datetime(_text(get("when")))
    except V.BadValue as e:
        _issue(st, no, "交易时间", get("when"), e.zh, e.en)
        return
    state = _text(get("state")).upper()
    txn, order, back, ours = (_code(st, no, MERCHANT[f], get(f)) for f in ("txn_no", "order_no", "refund_no",
                                                                           "out_refund_no"))
    if None in (txn, order, back, ours):  # a number Excel stored as a number: said
        return
    order = ORDER_PREFIX.sub("", order)
    name, kind = _text(get("name")), _text(get("kind"))
    fee = _fee(st, no, get("fee"))
    read["count"] += 1
    if fee is not None:
        read["fees"] += fee
        fee = fee.quantize(V.FEN, ROUND_HALF_UP)
    if not txn:
        _issue(st, no, MERCHANT["txn_no"], "", "微信订单号是空的：这一行不计，也不补录。请重新下载账单。",
               "The WeChat order number is empty: this line is not counted nor booked. Download the bill again.")
        return
    into = st.lines  # where the row's lines go: a refund not yet paid's to st.pending
    what = TRADE_STATES.get(state)
    if what is None:
        _issue(st, no, MERCHANT["state"], state, f"交易状态“{state}”不认识（账单写的是 SUCCESS、REFUND 或 REVOKED）："
               f"这一行不计，也不补录。请按商户平台上的这笔交易（微信订单号 {txn}）手工记账。",
               f"The 交易状态 '{state}' is not known (the bill writes SUCCESS, REFUND or REVOKED): the line is "
               f"not counted nor booked. Book this transaction (WeChat order number {txn}) by hand from the "
               "merchant platform.")
        return
    if what == "revoked":  # money back to the buyer, as a refund: its 退款金额, else the payment's 应结订单金额
        back_amount = _money(st, no, "退款金额", get("refund"))
        paid = _money(st, no, settled, get("settled"))
        if back_amount is None or paid is None or fee is None:
            return
        read["refunded"] += back_amount  # (the summary adds up each column as the bill writes it)
        read["settled"] += paid
        column, amount = ("退款金额", back_amount) if back_amount else (settled, paid)
        back, ours = (n if n.strip("0") else "" for n in (back, ours))  # `0: a payment row's "no refund"
        refund_no = back or txn + REVOKED_SUFFIX[en]
        into = _refund_lines(st, no, _text(get("refund_state")), refund_no, order, amount)
        if not _zero(st, no, column, amount):
            into.append(StatementLine(no, refund_no, txn, order, when, -amount, None, refund, _text(get("payer")),
                                      name, f"{kind} {'revoked' if en else '已撤销'}".strip(),
                                      aliases=tuple(a for a in (ours, not back and txn + REVOKED_SUFFIX[not en]) if a)))
    elif what == "refund":
        amount = _money(st, no, "退款金额", get("refund"), required=True)
        if amount is None or fee is None:
            return
        refund_no = back or txn
        read["refunded"] += amount  # (the summary counts it, paid or not)
        into = _refund_lines(st, no, _text(get("refund_state")), refund_no, order, amount)
        if not _zero(st, no, "退款金额", amount):
            # (the shop's own refund number, 商户退款单号, is the number its ledger may carry)
            into.append(StatementLine(no, refund_no, txn, order, when, -amount, None, refund,
                                      _text(get("payer")), name, kind, aliases=(ours,) if ours else ()))
    else:
        amount = _money(st, no, settled, get("settled"), required=True)
        if amount is None or fee is None:
            return
        read["settled"] += amount
        if not _zero(st, no, settled, amount):
            st.lines.append(StatementLine(no, txn, "", order, when, amount, None, sale, _text(get("payer")),
                                          name, kind))
        refund_no = txn
    if fee:  # WeChat's fee on the payment (a refund gives part of it back): a line of its own, with
        # no order number (matched by its own number or day and amount: never to the order's refund)
        into.append(StatementLine(no, refund_no + FEE_SUFFIX[en], txn, "", when, -fee, None, fee_kind, "",
                                  name, f"{'WeChat Pay fee' if en else '微信支付手续费'} {order}".strip(),
                                  aliases=(refund_no + FEE_SUFFIX[not en],)))


def _check_summary(st: Statement, summary: dict[str, str], summary_line: int, read: dict, said: list[Issue]) -> None:
    """A bill's summary against what its lines were read to add up to: one error on its row where they differ."""
    if any(i.is_error for i in said):  # a line refused already says why a total differs: "cut off,
        return  # download again" would send the person the wrong way (as alipay's footer check)
    # a bill cut short or edited still carries WeChat's summary of the whole: what was read must add up to it
    differs: list[tuple[str, str, str, object]] = []  # (header, en, the summary's figure, the lines')
    for f, (zh, en) in SUMMARY.items():
        if header_key(zh) not in summary and header_key(EARLY_SUMMARY.get(f, zh)) in summary:
            zh = EARLY_SUMMARY[f]  # an early bill's name for the figure
        said = summary.get(header_key(zh), "")
        if said == "":  # a summary without this figure (an older bill): nothing to check
            continue
        ours = read[f]
        try:
            stated = (V.parse_int(said) if f == "count" else V.money_unrounded(said) if f == "fees"
                      else V.parse_money(said))
        except (V.BadValue, InvalidOperation):
            _issue(st, summary_line, zh, said, f"账单汇总的{zh}不是数：明细没有和它核对。请重新下载账单。",
                   f"The bill's summary figure {zh} is not a number: the lines were not checked against it. "
                   "Download the bill again.", "warning")
            continue
        if f == "fees" and stated.as_tuple().exponent > ours.as_tuple().exponent:
            ours = ours.quantize(stated, ROUND_HALF_UP)  # a fee total to the fen, the rows' fees unrounded
        if stated != ours:
            differs.append((zh, en, said, ours))
    if differs:  # one error, on the summary's row (its first figure that differs), naming both figures of each
        st.complete = False
        zh = "；".join(f"{h} 汇总 {said}，明细 {ours}" for h, _, said, ours in differs)
        en = "; ".join(f"{what} ({h}) {said} in the summary, {ours} in the lines" for h, what, said, ours in differs)
        _issue(st, summary_line, differs[0][0], differs[0][2], f"账单汇总与读到的明细不符：{zh}。账单被截断或改动过，"
               "这次对账不能算数：请重新下载账单。", f"The bill's summary disagrees with the lines read: {en}. The bill is "
               "cut off or edited and this reconciliation does not hold: download the bill again.")


def _personal(path: Path, rows: list[list], at: int, lang: str = "zh") -> Statement:
    st = Statement(path, encoding="wechat-personal")
    en = lang == "en"
    col = _columns(rows[at], PERSONAL)
    if "amount" not in col:  # 金额(元) written 金额（元） or 金额: found by its start
        keys = [header_key(_text(h)) for h in rows[at]]
        col.update({"amount": i for i, h in enumerate(keys) if h.startswith("金额")})
    missing = [PERSONAL[f] for f in ("when", "way", "amount", "txn_no") if f not in col]
    if missing:
        raise ShopbookError(f"微信账单缺少列：{', '.join(missing)}。", f"The WeChat bill lacks the columns {', '.join(missing)}.",
                            path)
    # the bill's period (起始时间 … 终止时间 above the table): its days with no line are days the
    # ledger's lines in them are missing from the bill
    st.period = read_period("\n".join(" ".join(_text(c) for c in r if _text(c)) for r in rows[:at]), "起始时间", "终止时间")
    width = max(col.values()) + 1
    head = max(i for i, h in enumerate(rows[at]) if _text(h)) + 1
    neutral = 0
    elsewhere = 0  # rows paid by bank card or 零钱通 (OFF_BALANCE)
    seen: dict[str, int] = {}
    tally = {w: [0, Decimal(0)] for w in WAY_EN}  # each way's rows read, and their money, against the preamble
    # several bills joined into one file (next month's pasted under this one, each with its preamble and header):
    # each bill's rows are checked against its own preamble, the file's period runs over them all, and a row a bill
    # before had already (days that overlap) is counted once (before: each preamble line was an error of its own)
    heads = [header_key(_text(h)) for h in rows[at] if _text(h)]
    bills: list[tuple[int, list[list], dict, int]] = []  # (its preamble's first row, the preamble, tally, issues from)
    preamble_at, preamble, issues_from = 0, rows[:at], len(st.issues)
    earlier: dict[str, int] = {}  # the numbers of the bills before this one → their line
    skip_to = at
    for k in range(at + 1, len(rows)):
        no = k + 1
        r = rows[k]

        def get(f: str) -> object:
            return r[col[f]] if f in col and col[f] < len(r) else ""

        if k <= skip_to or not any(_text(c) for c in r) or _totals_row(r):
            continue
        if (nxt := _next_bill(rows, k, heads)) is not None:
            bills.append((preamble_at, preamble, tally, issues_from))
            preamble_at, preamble, issues_from = k, rows[k:nxt], len(st.issues)
            tally = {w: [0, Decimal(0)] for w in WAY_EN}
            earlier.update(seen)
            seen, skip_to = {}, nxt
            days = read_period("\n".join(" ".join(_text(c) for c in r if _text(c)) for r in preamble), "起始时间", "终止时间")
            if days and st.period:
                st.period = (min(st.period[0], days[0]), max(st.period[1], days[1]))
            continue
        if _cut(st, no, r, width):
            continue
        if any(_text(c) for c in r[head:]):  # a comma in an unquoted value (商品, 交易对方): its cells are shifted
            _issue(st, no, "", ",".join(_text(c) for c in r), "这一行比表头多出几格：有个值里带逗号，分不清哪一格是哪一列。"
                   "这一行不计，也不补录：请重新下载账单；仍是这样，请按微信里的这笔交易手工记账。",
                   "This line has more cells than the header: a value holds a comma and which cell is which column "
                   "cannot be told. It is not counted nor booked: download the bill again; if it is the same, book "
                   "this transaction by hand as WeChat shows it.")
            continue
        way = _text(get("way"))
        amount = _money(st, no, "金额(元)", get("amount"), required=True)
        txn, order = _code(st, no, PERSONAL["txn_no"], get("txn_no")), _code(st, no, PERSONAL["order_no"], get("order_no"))
        again = txn in earlier  # (in a bill joined above this one: its days overlap this one's)
        if amount is None or txn is None or order is None or (txn and not again
                                                              and not first_time(st, seen, no, PERSONAL["txn_no"], txn)):
            continue  # said; a line twice is counted once, as the bill's preamble counts it
        counted = tally[way if way in ("收入", "支出") else "中性交易"]
        counted[0] += 1
        counted[1] += amount
        if again:  # (in its own bill's figures all the same: its preamble counts it)
            _issue(st, no, PERSONAL["txn_no"], txn, f"这一笔与第 {earlier[txn]} 行是同一笔（拼在一起的两份账单日期重叠）：只算一次。",
                   f"This is the same transaction as line {earlier[txn]} (two bills joined whose days overlap): it is "
                   "counted once.", "warning")
            continue
        try:
            when = V.parse_datetime(get("when") if isinstance(get("when"), (float, int)) else _text(get("when")))
        except V.BadValue as e:
            _issue(st, no, "交易时间", get("when"), e.zh, e.en)
            continue
        sign = {"收入": 1, "支出": -1}.get(way) or PURSE.get(_given(get("kind")))
        if sign is None:  # "/": 中性交易 that leaves the 零钱 balance as it is (零钱通, a payment by bank card)
            neutral += 1
            continue
        state = _given(get("state"))
        if sign < 0 and WITHDRAWAL_FAILED.search(state):  # said at its row: a ledger line for it has no match
            _issue(st, no, PERSONAL["state"], state,
                   f"零钱提现 {amount:,.2f} 元（交易单号 {txn or '—'}）的当前状态是“{state}”：提现没有成功，钱退回了零钱，"
                   "微信余额没有变。这一行不计，也不补录；流水账里若已记了这笔提现，请删掉。",
                   f"The withdrawal (零钱提现) of {amount:,.2f} (transaction {txn or '—'}) has the status '{state}': it "
                   "failed and the money went back to the WeChat balance, which never moved. The line is not counted "
                   "nor booked; if the ledger has this withdrawal, delete it.", "note")
            continue
        if way in ("收入", "支出") and OFF_BALANCE.search(_given(get("method"))):
            elsewhere += 1
            continue
        if _zero(st, no, "金额(元)", amount):
            continue
        if not txn:
            _issue(st, no, PERSONAL["txn_no"], "", "交易单号是空的：这一行不计，也不补录。请重新下载账单。",
                   "The transaction number is empty: this line is not counted nor booked. Download the bill again.")
            continue
        note = _given(get("note"))
        fee = _withdrawal_fee(note) if sign < 0 and "提现" in _given(get("kind")) else None
        if fee is not None and not 0 < fee < amount:
            fee = None
        if fee:  # a withdrawal's 金额 is what left the balance, its 服务费 in it: the bank got the rest
            amount -= fee
        st.lines.append(StatementLine(no, txn, "", ORDER_PREFIX.sub("", order), when,
                                      sign * amount, None, _given(get("kind")),
                                      _given(get("counterparty")), _given(get("name")), note))
        if fee:  # WeChat's fee, a line of its own as on the trade bill, so the ledger's fee line matches
            st.lines.append(StatementLine(no, txn + FEE_SUFFIX[en], txn, "", when, -fee, None, KINDS["fee"][en], "",
                                          _given(get("kind")), note, aliases=(txn + FEE_SUFFIX[not en],)))
    bills.append((preamble_at, preamble, tally, issues_from))
    for n, (first_row, pre, counted, since) in enumerate(bills):
        until = bills[n + 1][3] if n + 1 < len(bills) else len(st.issues)
        if not any(i.is_error for i in st.issues[since:until]):  # (a line refused already says why a total differs)
            _check_preamble(st, pre, counted, first_row)
    if elsewhere:
        _issue(st, at + 1, "支付方式", "", f"{elsewhere} 笔用银行卡或零钱通付款或收款（支付方式 不是零钱）的交易没有经过微信零钱，"
               "不计入对账：它们是那张银行卡（或零钱通）的钱，在流水账里属于那个账户，不是微信。",
               f"{en_count(elsewhere, 'transaction')} paid or received by bank card or 零钱通 (支付方式 not 零钱) never "
               f"touched the WeChat balance and {'is' if elsewhere == 1 else 'are'} not reconciled: "
               f"{'it is' if elsewhere == 1 else 'they are'} that card's (or 零钱通's) money, which belongs under "
               "that account in the ledger, not WeChat.", "note")
    if neutral:
        _issue(st, at + 1, "收/支", "/", f"{neutral} 笔中性交易（收/支 为“/”，如转入零钱通、用银行卡付款）不计入对账。",
               f"{en_count(neutral, 'neutral transaction')} ('/' in 收/支: money that never touches the WeChat "
               f"balance, such as a payment by bank card) {'is' if neutral == 1 else 'are'} not reconciled.", "note")
    return st


WITHDRAWAL_FEE = re.compile(r"服务费\s*[¥￥]?\s*(\d+(?:\.\d{1,2})?)")


def _withdrawal_fee(note: str) -> Decimal | None:
    """The 服务费 a personal bill's 零钱提现 names in its 备注 (服务费¥0.10), else None."""
    m = WITHDRAWAL_FEE.search(note or "")
    return Decimal(m.group(1)) if m else None


def _next_bill(rows: list[list], k: int, heads: list[str]) -> int | None:
    """Where row `k` starts another personal bill joined under the one read: the row of its header (`heads`, the
    first bill's), at `k` itself or after a preamble that `k` starts (微信支付账单明细 …); else None."""
    keys = [header_key(_text(c)) for c in rows[k] if _text(c)]
    if keys == heads:
        return k
    if not keys or "微信支付账单明细" not in _text(next(c for c in rows[k] if _text(c))):
        return None
    return next((j for j in range(k + 1, min(k + 40, len(rows)))
                 if [header_key(_text(c)) for c in rows[j] if _text(c)] == heads), None)


def _check_preamble(st: Statement, preamble: list[list], tally: dict[str, list], first_row: int = 0) -> None:
    """The personal bill's preamble counts its rows (共N笔记录) and gives each way's count and money
    (收入：2笔 800.00元): a bill cut short or edited still says so there. Its lines the rows read do
    not add up to are one error, on the first of them, naming both figures of each; the bill is then
    incomplete (--apply books nothing)."""
    differs: list[tuple[int, str, str, str]] = []  # (line, its text, what was read: zh, en)
    for k, r in enumerate(preamble):
        text = " ".join(_text(c) for c in r if _text(c))
        if m := ALL_COUNT.match(text):
            n = sum(c for c, _ in tally.values())
            if int(m.group(1)) != n:
                differs.append((first_row + k + 1, text, f"{n} 笔", en_count(n, "transaction")))
        elif m := WAY_TOTAL.match(text):
            n, money = tally[m.group(1)]
            try:
                stated = V.parse_money(m.group(3))
            except V.BadValue:
                stated = None
            if (int(m.group(2)), stated) != (n, money):
                differs.append((first_row + k + 1, text, f"{m.group(1)} {n} 笔 {money:.2f} 元",
                                f"{en_count(n, WAY_EN[m.group(1)] + ' transaction')} of {money:.2f} yuan"))
    if differs:
        st.complete = False
        zh = "；".join(f"“{text}”，明细是 {read}" for _, text, read, _ in differs)
        en = "; ".join(f"'{text}' against {read}" for _, text, _, read in differs)
        _issue(st, differs[0][0], "", differs[0][1], f"账单开头与读到的明细不符：{zh}。账单被截断或改动过，这次对账不能算数："
               "请重新下载账单。", f"The bill's heading disagrees with the lines read: {en}. The bill is cut off or "
               "edited and this reconciliation does not hold: download the bill again.")
