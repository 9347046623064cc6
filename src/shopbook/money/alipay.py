"""Reading the Alipay merchant statement as Alipay writes it.

Two layouts: the classic 账务明细 (GBK; `#` lines before and after the table —
title, account, date range, `#-----账务明细列表-----` … `#-----账务明细列表结束-----`,
totals, export time; fields padded with tabs; headers with full-width brackets)
and the newer 资金流水 (入账时间, 支付宝交易号, 支付宝流水号, 商户订单号, 账务类型 …).
Columns are found by name; each problem is located by the file's line number.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby
from decimal import Decimal
from pathlib import Path

from .. import values as V
from ..io.limits import read_input
from ..io.reader import header_key
from ..issues import Issue, ShopbookError, en_count, row_cell
from ..schema.lists import is_total_label

COLUMNS = {  # field → the header names that carry it, in either layout
    "txn_no": ("账务流水号", "支付宝流水号"),
    "biz_no": ("业务流水号", "支付宝交易号"),
    "order_no": ("商户订单号",),
    "when": ("发生时间", "入账时间"),
    "counterparty": ("对方账号", "对方账户", "对方名称"),
    "income": ("收入金额(+元)", "收入(+元)", "收入金额（+元）", "收入（+元）"),
    "expense": ("支出金额(-元)", "支出(-元)", "支出金额（-元）", "支出（-元）"),
    "balance": ("账户余额(元)", "账户余额（元）"),
    "kind": ("业务类型", "账务类型"),
    "name": ("商品名称",),
    "note": ("备注",),
}
REQUIRED = ("txn_no", "when", "income", "expense")
ORDER_PREFIX = re.compile(r"^T200P")
CHAINED = 50  # lines of one time put in the order their balances run, at most


@dataclass
class StatementLine:
    line: int  # line number in the file
    txn_no: str
    biz_no: str
    order_no: str
    when: dt.datetime
    amount: Decimal  # + in, − out
    balance: Decimal | None
    kind: str
    counterparty: str
    name: str
    note: str
    # the numbers the same line may have been booked under before (a WeChat fee's in the other language)
    aliases: tuple[str, ...] = ()

    @property
    def date(self) -> dt.date:
        return self.when.date()


@dataclass
class Statement:
    path: Path
    lines: list[StatementLine] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    account: str = ""  # the #账号：[…] line's: whose money this is
    account_line: int = 0
    complete: bool = True
    encoding: str = ""
    period: tuple[dt.date, dt.date] | None = None  # from the 起始日期/终止日期 header line
    # lines whose money has not moved yet (a WeChat refund still processing): said, never matched as
    # paid nor booked; a ledger row of one is the refund booked ahead of it
    pending: list[StatementLine] = field(default_factory=list)

    @property
    def start(self) -> dt.date | None:
        return self.period[0] if self.period else min((x.date for x in self.lines + self.pending), default=None)

    @property
    def end(self) -> dt.date | None:
        return self.period[1] if self.period else max((x.date for x in self.lines + self.pending), default=None)

    @cached_property
    def in_time_order(self) -> list[StatementLine]:
        """The lines, oldest first (worked out once, when first asked: after the statement is read).
        Alipay lists newest first or oldest first, and lines of one time (a sale and its fee share a
        second) in either order: those are put in the order their balances run, else kept in the
        file's order read the way the file runs. Lines without a balance are in it all the same:
        their money is in the balance of the next line that has one."""
        lines = list(self.lines)
        if len(lines) < 2:
            return lines
        newest_first = lines[0].when > lines[-1].when
        ordered = sorted(lines, key=(lambda x: (x.when, -x.line)) if newest_first else (lambda x: (x.when, x.line)))
        out: list[StatementLine] = []
        before: Decimal | None = None  # the balance before the next line, where known
        for _, same in groupby(ordered, key=lambda x: x.when):
            same = list(same)
            if 1 < len(same) <= CHAINED:  # (more of one time: the file's order, not a search of them all)
                same = _chained(same, before)
            for x in same:
                before = x.balance if x.balance is not None else None if before is None else before + x.amount
            out += same
        return out


def alipay_id(account: str) -> str:
    """An Alipay account as one key: its 2088 partner id (16 digits) where it shows one (a statement's
    #账号 writes it with four digits more, 2088123456789012 + 0156; the merchant site shows it alone;
    资金流水 writes login[2088…]), else as written, in lower case."""
    s = str(account).strip()
    m = re.fullmatch(r"(2088\d{12})(\d{4})?", s) or re.search(r"\[(2088\d{12})(\d{4})?\]", s)
    return m.group(1) if m else s.lower()


def is_alipay_header(cells) -> bool:
    """Whether a row is the header of one of Alipay's bills (账务明细, 资金流水, the 业务明细 of orders)."""
    keys = {header_key(str(c).strip()) for c in cells if c is not None}
    return header_key("商户订单号") in keys and any(header_key(n) in keys for n in ("账务流水号", "支付宝流水号", "支付宝交易号"))


def is_wechat_header(cells) -> bool:
    """Whether a row is the header of a WeChat Pay bill (the merchant trade bill, the personal bill)."""
    keys = {header_key(str(c).strip()) for c in cells if c is not None}
    return (header_key("微信订单号") in keys and any(header_key(n) in keys for n in ("应结订单金额", "总金额"))) or \
        (header_key("交易单号") in keys and header_key("收/支") in keys)


def _is_trade_list(cells) -> bool:
    """Whether a row is the header of Alipay's personal bill (交易明细: 交易订单号 … 收/支; the older 交易记录明细:
    交易号 … 收/支), which lists trades and no 账务流水号."""
    keys = {header_key(str(c).strip()) for c in cells if c is not None}
    return header_key("收/支") in keys and any(header_key(n) in keys for n in ("交易订单号", "交易号"))


def _issue(st: Statement, line: int, column: str, value: str, zh: str, en: str, sev: str = "error") -> None:
    st.issues.append(Issue(sev, zh, en, book=st.path.name, cell=row_cell(line), column=column,
                           value=value, row=line))


def first_time(st: Statement, seen: dict[str, int], line: int, column: str, txn: str) -> bool:
    """Whether the statement's line `line` is the first with the number `txn` (noted in `seen`);
    a number met again is that line's error, and the line is not counted: two downloads pasted into
    one file would otherwise be booked twice."""
    if txn in seen:
        _issue(st, line, column, txn, f"{column}重复（第 {seen[txn]} 行已有），这一行不计。",
               f"Duplicate transaction number (line {seen[txn]} has it): this line is not counted.")
        return False
    seen[txn] = line
    return True


def _statement_in_zip(path: Path) -> bytes:
    """The statement CSV inside the .zip Alipay's download gives (beside it there may be a
    汇总 summary CSV, which is not the statement). Alipay writes the member names in GBK
    without the zip's UTF-8 flag, so they are read back as GBK."""
    import zipfile

    from ..io.limits import INPUT_CAP, read_member

    try:
        with zipfile.ZipFile(path) as z:
            members = []
            for info in z.infolist():
                name = info.filename
                if not info.flag_bits & 0x800:
                    try:
                        name = name.encode("cp437").decode("gb18030")
                    except (UnicodeEncodeError, UnicodeDecodeError):
                        pass
                if name.lower().endswith(".csv"):
                    members.append((name, info))
            chosen = [m for m in members if "汇总" not in m[0]] or members
            # the account's bill before the orders' (业务明细) where one download holds both
            chosen.sort(key=lambda m: not any(w in m[0] for w in ("账务明细", "资金流水")))
            if not chosen:
                raise ShopbookError("压缩包里没有 CSV 对账单。", "The zip holds no CSV statement.", path)
            return read_member(z, chosen[0][1], path, cap=INPUT_CAP)  # a bomb stops at the cap
    except zipfile.BadZipFile:
        raise ShopbookError("压缩包已损坏，无法打开。请重新下载对账单。", "The zip is corrupt: download the statement again.",
                            path) from None


def _workbook_text(path: Path) -> str:
    """The statement a person opened in Excel and saved as a workbook, as the CSV's lines (row n is
    line n): the # lines, the header, the footer as they were. A time Excel made a date is written
    back as Alipay wrote it; a 账务流水号 it made a number past 15 digits keeps the mark of the digits it
    lost (2.02611E+22), which the line's reading refuses."""
    from ..io.reader import RawBook

    def text(v: object) -> str:
        if isinstance(v, dt.datetime):
            return v.strftime("%Y-%m-%d %H:%M:%S")
        if isinstance(v, float) and v.is_integer():
            return str(int(v)) if abs(v) < V.EXACT_FLOAT_LIMIT else f"{v:.15g}"
        return "" if v is None else str(v)

    with RawBook(path) as wb:
        rows, _ = wb.sheet(wb.sheet_names[0])
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([text(c) for c in r] for r in rows)
    return out.getvalue()


def read_statement(path: Path) -> Statement:
    path = Path(path)
    try:
        return _read_statement(path)
    except csv.Error as e:  # a field of megabytes (csv's limit), a NUL byte
        raise ShopbookError(f"对账单的 CSV 格式有误，无法读取：{e}。请重新下载。",
                            f"The statement's CSV is malformed and cannot be read ({e}). Download it again.",
                            path) from None


def no_content(path: Path, data: bytes) -> None:
    """A statement or bill of no bytes, or only the zero bytes a copy sets aside before it writes:
    a download or copy not finished, said so, never "not a statement" (whose advice is another file)."""
    if not data.strip(b"\0 \t\r\n"):
        n = len(data)
        size, size_en = ("0 字节", "0 bytes") if not n else (f"{n} 个字节，没有一个有内容", f"{n} bytes, none of them content")
        raise ShopbookError(f"文件里没有内容（{size}）：下载或复制还没有完成，或没有完成就断了。请等它完成后再运行；"
                            "若它一直是这样，请重新下载。",
                            f"The file holds nothing ({size_en}): its download or copy has not finished, or "
                            "stopped before it did. Run again once it is done; if it stays so, download it again.", path)


def _read_statement(path: Path) -> Statement:
    from ..orders.platform_export import _decode

    if not path.exists():
        raise ShopbookError("找不到对账单文件。", "Statement file not found.", path)
    data = read_input(path)  # a regular file within the size cap: not a FIFO, not /dev/zero
    no_content(path, data)
    if data[:4] == b"PK\x03\x04" and path.suffix.lower() == ".zip":
        data = _statement_in_zip(path)
    if data[:4] == b"PK\x03\x04" and path.suffix.lower() in (".xlsx", ".xlsm"):  # opened in Excel, saved as .xlsx
        text, enc = _workbook_text(path), "xlsx"
    else:
        text, enc = _decode(data, path, cut_ok=True)  # a cut statement is reported below
    st = Statement(path, encoding=enc)
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # some tools save with CR alone
    raw_lines = text.splitlines()
    st.account, m = _account_in(text)
    st.account_line = text.count("\n", 0, m.start()) + 1 if m else 0
    st.period = read_period(text, "起始日期", "终止日期")
    header_at = None
    for i, ln in enumerate(raw_lines):
        if ln.startswith("#"):
            continue
        cells = [header_key(c) for c in next(csv.reader([ln]))]
        if header_key("商户订单号") in cells and (header_key("账务流水号") in cells or header_key("支付宝流水号") in cells):
            header_at = i
            break
    if header_at is None:
        if "业务明细" in text[:2000] or ("支付宝交易号" in text and "商家实收" in text):
            # the same download page's other bill: the orders' trades, not the account's money
            raise ShopbookError(
                "这是支付宝的“业务明细”（每笔订单的交易），不是账务明细：它没有账务流水号和账户余额，记不了账户里的钱。"
                "请在支付宝商家后台“对账中心”下载“账务明细”（账务账单）或“资金流水”，再用它对账。",
                "This is Alipay's 业务明细 (each order's trade), not the account statement: it has no 账务流水号 and no "
                "balance, so it cannot reconcile the account's money. Download the 账务明细 (account bill) or 资金流水 "
                "from the Alipay merchant site and reconcile that.", path)
        if any(_is_trade_list(next(csv.reader([ln]), [])) for ln in raw_lines[:40]):
            # the bill Alipay's app and personal site give (交易明细, 交易记录明细): each trade, not the account's money
            raise ShopbookError(
                "这是支付宝的“交易明细”（个人版账单：每笔交易的收/支，没有账务流水号和账户余额），不是账务明细，记不了账户里的钱。"
                "请下载支付宝的“账务明细”：商家账户在商家后台“对账中心”（或“资金流水”），个人账户在电脑上登录支付宝网页版，"
                "在账户余额的明细里下载，再用它对账。",
                "This is Alipay's 交易明细 (the personal bill: each trade's 收/支, with no 账务流水号 and no balance), not "
                "the account statement: it cannot reconcile the account's money. Download Alipay's 账务明细: a merchant "
                "account's from the merchant site's 对账中心 (or its 资金流水), a personal account's from the balance "
                "details on Alipay's website on a computer; then reconcile that.", path)
        if any(is_wechat_header(next(csv.reader([ln]), [])) for ln in raw_lines[:40]):  # the other command's
            from ..addin.build import button_label

            b = button_label("btnReconcileWechat")  # (in Excel, the 支付宝对账… button: the other button)
            raise ShopbookError("这是微信支付账单，不是支付宝对账单：请用 shopbook reconcile wechat 对账。",
                                "This is a WeChat Pay bill, not an Alipay statement: reconcile it with shopbook "
                                "reconcile wechat.", path,
                                by_button=(f"这是微信支付账单，不是支付宝对账单：请按“{b[0]}”选它对账。",
                                           f"This is a WeChat Pay bill, not an Alipay statement: press {b[1]} and "
                                           "choose it."))
        raise ShopbookError(
            "认不出支付宝对账单：找不到表头（账务流水号/支付宝流水号、商户订单号、收入、支出…）。请从支付宝商家后台导出“账务明细”或“资金流水”CSV。",
            "Not an Alipay statement: no header with 账务流水号/支付宝流水号, 商户订单号, 收入 (income) and 支出 (expense). "
            "Export the 账务明细 or 资金流水 CSV from the Alipay merchant site.", path)
    headed = [plain(c) for c in next(csv.reader([raw_lines[header_at]]))]  # as the file heads its columns
    header = [header_key(c) for c in headed]
    col: dict[str, int] = {}
    for f, names in COLUMNS.items():
        for n in names:
            if header_key(n) in header:
                col[f] = header.index(header_key(n))
                break
    # the statement's shape: a 资金流水 (支付宝流水号, 入账时间) is said in its own headers, never the 账务明细's
    newer = any(header_key(COLUMNS[f][1]) in header for f in ("txn_no", "when"))
    missing = [COLUMNS[f][newer if f in ("txn_no", "when") else 0] for f in REQUIRED if f not in col]
    if missing:
        raise ShopbookError(f"对账单缺少列：{', '.join(missing)}。", f"The statement lacks the columns {', '.join(missing)}.",
                            path)
    seen: dict[str, int] = {}
    width = max(col.values()) + 1

    def named(f: str) -> str:
        """A column as the file heads it (支付宝流水号 in a 资金流水, 账务流水号 in a 账务明细)."""
        return headed[col[f]] if f in col else COLUMNS[f][0]

    money_cols = f"{named('income')}/{named('expense')}"
    # statements of several downloads joined into one file (each with its # lines, header, lines and footer): each
    # read, its footer checked against its own lines (before, the first alone was read and its lines checked against
    # every footer, the second's lost and said as "lines missing or added")
    while True:
        body_end = next((i for i in range(header_at + 1, len(raw_lines)) if raw_lines[i].startswith("#")), None)
        ended = body_end is not None  # the footer: 账务明细列表结束, totals, export time
        body = raw_lines[header_at + 1: body_end]
        following = None if body_end is None else next(
            (i for i in range(body_end, len(raw_lines)) if not raw_lines[i].startswith("#") and raw_lines[i].strip()
             and [header_key(plain(c)) for c in next(csv.reader([raw_lines[i]]))] == header), None)
        lines_from, issues_from = len(st.lines), len(st.issues)
        reader = csv.reader(ln + "\n" for ln in body)
        frozen = 0  # lines of no money (a footer may count them among its 笔)
        done = 0  # body lines consumed: a quoted 备注 may hold a line break, so a record can span two
        for parsed in reader:
            no = header_at + 2 + done  # the file line the record starts on
            done = reader.line_num
            if not any(c.strip() for c in parsed):
                continue
            cells = [plain(c) for c in parsed]
            if len(cells) < width:
                _issue(st, no, "", ",".join(parsed)[:40], "这一行不完整（文件可能被截断）。",
                       "This line is incomplete (the file may be cut off).")
                st.complete = False
                continue

            def get(f: str) -> str:
                return cells[col[f]] if f in col else ""

            if is_total_label(next((c for c in cells if c), "")):  # a person's 合计 typed under the lines in Excel
                continue
            try:  # a number Excel showed as 2.02611E+27 has lost its digits: it would match nothing
                codes = []
                for f in ("txn_no", "biz_no", "order_no"):
                    codes.append(V.parse_code(get(f)))
            except V.BadValue as e:  # (said at the cell that lost them: the 业务流水号's, not the line's own number)
                _issue(st, no, headed[col[f]], get(f), e.zh, e.en)
                continue
            txn, biz, order = codes
            if not txn:  # a line without its number cannot be matched, nor told from a second booking
                _issue(st, no, named("txn_no"), "", f"{named('txn_no')}是空的：这一行不计。请重新下载对账单。",
                       f"The transaction number is empty ({named('txn_no')}): this line is not counted. Download the "
                       "statement again.")
                continue
            try:
                when = V.parse_datetime(get("when"))
            except V.BadValue as e:
                _issue(st, no, named("when"), get("when"), e.zh, e.en)
                continue
            inc, exp = get("income"), get("expense")
            if not inc and not exp:
                _issue(st, no, money_cols, "", f"{money_cols}都是空的：这一行没有金额。",
                       f"Both income and expense are empty ({money_cols}): the line has no amount.")
                continue
            try:
                amount = (V.parse_money(inc) if inc else Decimal(0)) - (abs(V.parse_money(exp)) if exp else Decimal(0))
            except V.BadValue as e:
                _issue(st, no, named("income" if inc else "expense"), inc or exp, e.zh, e.en)
                continue
            if not amount:  # 收入 0.00, 支出 0.00: money frozen or released, none moved
                frozen += 1
                _issue(st, no, money_cols, f"{inc}/{exp}", f"{money_cols}都是 0：这一行没有钱进出（如资金冻结），不计，也不补录。",
                       f"Income and expense are both 0 ({money_cols}): no money moved on this line (money frozen, say); "
                       "it is not counted nor booked.", "warning")
                continue
            try:
                balance = V.parse_money(get("balance")) if get("balance") else None
            except V.BadValue as e:  # the line's amount is good: it still reconciles
                _issue(st, no, named("balance"), get("balance"), e.zh, e.en, "warning")
                balance = None
            if not first_time(st, seen, no, named("txn_no"), txn):
                continue
            st.lines.append(StatementLine(no, txn, biz, ORDER_PREFIX.sub("", order), when, amount,
                                          balance, get("kind"), get("counterparty"), get("name"), get("note")))
        if ended and not any(i.is_error for i in st.issues[issues_from:]):  # (a line refused already says why a total
            # differs)
            _check_footer(st, raw_lines, body_end, frozen, st.lines[lines_from:], following)
        if following is None:
            break
        above = "\n".join(raw_lines[body_end:following])  # the next statement's # lines: its account, its days
        other, m = _account_in(above)
        if other and st.account and other != st.account:
            line = body_end + above.count("\n", 0, m.start()) + 1
            _issue(st, line, "账号", other, f"文件里拼着另一个支付宝账户（{other}）的对账单，与开头的账户 {st.account} 不同："
                   "从这里起没有读取。请每个账户的对账单分开对账。",
                   f"The file has another Alipay account's statement ({other}) joined under that of {st.account}: "
                   "nothing from here on was read. Reconcile each account's statement on its own.")
            st.complete = False
            break
        days = read_period(above, "起始日期", "终止日期")
        if days and st.period:
            st.period = (min(st.period[0], days[0]), max(st.period[1], days[1]))
        header_at = following
    if not ended:
        st.complete = False
        _issue(st, len(raw_lines), "", "", "对账单没有结尾（“账务明细列表结束”和合计行）：文件可能不完整，请重新导出。",
               "The statement has no footer (end marker and totals): it may be cut off. Export it again.", "warning")
    return st


# "#支出合计：3笔，共-224.94元" as Alipay writes it (共, the expense signed); "…：3笔，224.94元" too
_FOOTER = re.compile(r"#\s*(收入|支出)合计[:：]\s*(\d+)\s*笔[，,]\s*共?\s*(-?[\d,]+(?:\.\d+)?)\s*元")


def _check_footer(st: Statement, raw_lines: list[str], start: int, frozen: int = 0,
                  lines: list[StatementLine] | None = None, end: int | None = None) -> None:
    """The footer's 收入合计 and 支出合计 (how many lines, how much) against the lines read (`lines`: of its own
    statement, where several are joined, its footer from `start` to `end`): a line deleted, or a download cut at a
    line's end, leaves the running balance whole and the footer not."""
    lines = st.lines if lines is None else lines
    for i in range(start, len(raw_lines) if end is None else end):
        m = _FOOTER.match(raw_lines[i].strip())
        if m is None:
            continue
        way, said_n, said = m.group(1), int(m.group(2)), abs(Decimal(m.group(3).replace(",", "")))
        got = [abs(x.amount) for x in lines if (x.amount > 0) == (way == "收入")]
        total = sum(got, Decimal(0))
        if total != said or said_n not in (len(got), len(got) + frozen):
            en = "income" if way == "收入" else "expense"
            _issue(st, i + 1, f"{way}合计", m.group(0).lstrip("#").strip(),
                   f"对账单的{way}合计是 {said_n} 笔 {said} 元，读到的{way}是 {len(got)} 笔 {total} 元（相差 {said - total}）："
                   "文件少了或多了几行（下载被截断，或被人改过）。请重新下载对账单。",
                   f"The statement's footer says {en} of {en_count(said_n, 'line')}, {said} yuan; the lines read give "
                   f"{en_count(len(got), 'line')}, {total} yuan (a difference of {said - total}): lines are missing or "
                   "added (a download cut short, or the "
                   "file edited). Download the statement again.")


def _account_in(text: str) -> tuple[str, re.Match | None]:
    """The account a statement's #账号 line names ([20881234567890120156]; 资金流水: login[2088…]), and the match."""
    m = re.search(r"账号[:：][ \t]*([^\n,]*)", text)
    said = m.group(1).strip() if m else ""
    inner = re.search(r"\[([^\]\s]+)\]", said)
    words = said.strip("[]").split()
    return (inner.group(1) if inner else words[0] if words else ""), m


def read_period(text: str, start: str, end: str) -> tuple[dt.date, dt.date] | None:
    """The statement's own period from its header line (Alipay's 起始日期 … 终止日期, WeChat's
    起始时间 … 终止时间): the days it covers, lines or not. An end at midnight is exclusive."""
    # (a file re-saved by Excel ends each such line with commas)
    m = re.search(rf"{start}[:：]\s*\[?([^\]]+?)\]?\s+{end}[:：]\s*\[?([^\]\n,]+?)\]?[\s,]*$", text, re.M)
    if not m:
        return None
    try:
        a, b = V.parse_datetime(m.group(1).strip()), V.parse_datetime(m.group(2).strip())
    except V.BadValue:
        return None
    return a.date(), (b.date() - dt.timedelta(days=1) if b.time() == dt.time(0) else b.date())


def plain(s: str) -> str:
    """A statement's cell without the marks exports put on numbers to keep Excel from reading
    them as numbers: the tab padding, ="…" and a leading ' (as the Taobao readers take them)."""
    s = s.strip(" \t")
    if s.startswith('="') and s.endswith('"'):
        s = s[2:-1].strip(" \t")
    return s[1:].strip(" \t") if s.startswith("'") else s


def _chained(same: list[StatementLine], before: Decimal | None) -> list[StatementLine]:
    """Lines of one time in the order their balances run from `before` (None: not known, the chain may
    start at any of them); as given where no order runs through them all."""
    starts = [before] if before is not None else [x.balance - x.amount for x in same if x.balance is not None]
    for run in starts:
        rest, out = list(same), []
        while rest:
            x = next((x for x in rest if x.balance is not None and run + x.amount == x.balance), None) or next(
                (x for x in rest if x.balance is None), None)  # (a line without a balance fits anywhere)
            if x is None:
                break
            rest.remove(x)
            out.append(x)
            run = x.balance if x.balance is not None else run + x.amount
        if not rest:
            return out
    return same


def check_running_balance(st: Statement) -> list[Issue]:
    """Whether the balances add up: each line's 账户余额 against the first line's and the money of every
    line since (in time order; a line without a balance, blank or one that does not read, counts its
    money all the same). Alipay says its balance is for reference, not continuous line by line (a line
    may show it before or after another's money) but consistent in the end: a gap that closes again
    is none; one that stays to the last line is money missing or extra, said where it opens (the line
    before it: row, time, balance; the money between; the difference). A gap beside a line the
    statement refused (its own error) is that line's, not said again."""
    refused = sorted(i.row for i in st.issues if i.is_error and i.row)
    lines = st.in_time_order
    start = next((k for k, x in enumerate(lines) if x.balance is not None), None)
    if start is None:
        return []
    run = lines[start].balance  # what the balance should be, by the lines' money
    gaps: list[tuple[StatementLine, Decimal]] = [(lines[start], Decimal(0))]  # each line with a balance, its gap
    for x in lines[start + 1:]:
        run += x.amount
        if x.balance is not None:
            gaps.append((x, x.balance - run))
    last = gaps[-1][1]
    if not last:
        return []
    k = len(gaps) - 1
    while gaps[k - 1][1] == last:  # where the gap that stays opens (the first line has none)
        k -= 1
    prev, x = gaps[k - 1][0], gaps[k][0]
    lo, hi = sorted((prev.line, x.line))
    if any(lo < r < hi for r in refused):
        return []
    i, j = lines.index(prev), lines.index(x)
    moved = sum((y.amount for y in lines[i + 1:j + 1]), Decimal(0))
    expected = prev.balance + moved
    n = j - i
    return [Issue(
        "error", f"对账单余额对不上：第 {prev.line} 行（{prev.when}）余额 {prev.balance}，加上其后到本行 {n} 行的钱 {moved:+}，"
        f"应是 {expected}，本行余额却是 {x.balance}（相差 {x.balance - expected:+}），到最后一行也没有接上："
        "这两行之间少了或多了钱，对账单可能缺行或被改过。请重新下载对账单。",
        f"The running balance does not add up: row {prev.line} ({prev.when}) has a balance of {prev.balance}; with "
        f"the money of the {en_count(n, 'row')} after it to this one ({moved:+}) it should be {expected}, but this row "
        f"says {x.balance} (a difference of {x.balance - expected:+}), and the gap stays to the last row: money between "
        "the two rows is missing or extra, and the statement may lack a row or have been edited. Download the "
        "statement again.", book=st.path.name, cell=row_cell(x.line), column="账户余额", value=str(x.balance),
        row=x.line)]


def balance_at(st: Statement, day: dt.date) -> Decimal | None:
    """The statement's balance at the end of `day`, if the statement covers it: the money of its lines
    from its last balance (Alipay's balance is consistent in the end, not on each line: the day's last
    line may show it before another posting's money), or None where no line has a balance."""
    lines = st.in_time_order
    last = next((k for k in range(len(lines) - 1, -1, -1) if lines[k].balance is not None), None)
    if last is None or day < lines[0].date:
        return None
    return (lines[last].balance + sum((x.amount for x in lines[last + 1:] if x.date <= day), Decimal(0))
            - sum((x.amount for x in lines[:last + 1] if x.date > day), Decimal(0)))
