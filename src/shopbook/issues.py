"""Located issues: what every check returns, and the one error that stops a run."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import Literal

from .values import as_typed

Severity = Literal["error", "warning", "note"]  # a note: read differently from how it looks (a totals row skipped)


def col_letter(index: int) -> str:
    """0-based column index → Excel letters (0 → A, 27 → AB)."""
    s = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        s = chr(65 + rem) + s
    return s


def in_lang(lang: str | None, zh: str, en: str, sep: str = " / ") -> str:
    """Words in the shop's language; both (zh, sep, en) where no shop says which."""
    return zh if lang == "zh" else en if lang == "en" else f"{zh}{sep}{en}"


def en_count(n: object, one: str, many: str | None = None) -> str:
    """A count in English: '1 error', '2 errors' ('1 data errors' read as a slip); `many` where
    the plural is not `one` + s."""
    return f"{n} {one if n == 1 else many or one + 's'}"


# capitalised words that keep their capital mid-sentence: names, not shopbook's words
_NAMES = frozenset({"Taobao", "Tmall", "Alipay", "Excel", "Pinduoduo", "Douyin", "Kuaishou", "Windows", "Python", "I",
                    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                    "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"})


def going_on(en: str) -> str:
    """An English message of shopbook's own, going on after a colon mid-sentence ("Case TH-1: no resend made: order
    3515… is not on the Orders sheet"): its first word lower-cased where it is a plain word (Order, The, Correct),
    never a name or a code (SKU, Taobao, SH-WH-M, 生意参谋), which keep theirs."""
    m = re.match(r"[A-Z][a-z]+\b|A(?= )", en)
    return en[0].lower() + en[1:] if m and m.group() not in _NAMES and en[m.end():m.end() + 1] != "-" else en


def few(names: list[str], shown: int = 5, en: list[str] | None = None, sep: tuple[str, str] = ("、", ", "),
        where: tuple[str, str] | None = None, unit: str = "个") -> tuple[str, str]:
    """The first `shown` names in a sentence (zh, en), then how many more: a list cut says so.
    `en`: the names as the English sentence gives them, where they differ; `sep`: between names
    ("；" and "; " where a name holds commas of its own); `where`: where the rest are (zh, en), said when cut;
    `unit`: the Chinese measure word of the rest (个, 笔 of payments)."""
    more, en = len(names) - shown, names if en is None else en
    at = (f"（{where[0]}）", f" ({where[1]})") if where and more > 0 else ("", "")
    return (sep[0].join(names[:shown]) + (f" 等，还有 {more} {unit}{at[0]}" if more > 0 else ""),
            sep[1].join(en[:shown]) + (f" and {more} more{at[1]}" if more > 0 else ""))


def first(lines: list[tuple[str, str, str]], shown: int | None, what: tuple[str, str],
          where: tuple[str, str], total: int | None = None) -> list[tuple[str, str, str]]:
    """The first `shown` of a list's lines (mark, zh, en) (None: all of them) and, when it is cut,
    how many more `what` and `where` the rest are: a list that was cut says so (the CLI and a
    button alike). `total`: the length of the whole list, where `lines` holds only its first
    `shown` (the rest never made: thousands of held orders)."""
    total = len(lines) if total is None else total
    if shown is None or total <= shown:
        return lines
    n = total - shown
    en = what[1].split(" ")
    if n == 1 and en[0] == "more":  # its noun singular: 1 more agent, 1 more held order, 1 more line not posted
        at = next((k for k, w in enumerate(en[1:], start=1) if len(w) > 2 and w.endswith("s")), None)
        if at is not None:
            en[at] = en[at][:-1]
    return lines[:shown] + [("", f"  … 还有 {n} {what[0]}；{where[0]}", f"  … and {n} {' '.join(en)}; {where[1]}")]


def issue_said(i: "Issue") -> tuple[str, str, str]:
    """An issue as a line of a result (mark, zh, en): where, what, the value."""
    return ("✗" if i.is_error else "!", f"{i.where('zh')}：{i.message_zh}{value_after(i, 'zh')}",
            f"{i.where('en')}: {i.message_en}{value_after(i, 'en')}")


_LETTERED = re.compile(r"[A-Z]+\d+$")  # a sheet's cell (C12), as against a file's row (第 5 行 / row 5)


def cell_said(i: "Issue", lang: str) -> str:
    """Where an issue is, its cell named: a file's row that is no sheet (an export's 第 5 行) with its column
    (手工单.csv › 第 5 行 › 数量), as the command line's block names it beside the row; a line that named the row
    alone left which of its cells to fix to guess. A message that names the column already is left so."""
    where = i.where(lang)
    said = i.message_zh if lang == "zh" else i.message_en
    return f"{where} › {i.column}" if i.column and not _LETTERED.search(i.cell or "") and i.column not in said \
        else where


def issue_said_at_cell(i: "Issue") -> tuple[str, str, str]:
    """issue_said, its place cell_said: for a line of an export's or a download's rows."""
    return ("✗" if i.is_error else "!", f"{cell_said(i, 'zh')}：{i.message_zh}{value_after(i, 'zh')}",
            f"{cell_said(i, 'en')}: {i.message_en}{value_after(i, 'en')}")


def value_after(i: "Issue", lang: str) -> str:
    """' = value' to put after an issue's message in a line, unless the message quotes it ('应为整数：“x”。…
    = x' said it twice), or says it as money ('填的是 ¥934,000.00 … = 934000.00')."""
    v = i.value_in(lang)
    msg, q = (i.message_zh, "“”") if lang == "zh" else (i.message_en, "''")
    return f" = {v}" if v and f"{q[0]}{v}{q[1]}" not in msg and not _said_as_money(v, msg) else ""


def _said_as_money(v: str, msg: str) -> bool:
    """Whether `msg` gives the amount `v` as the screen says money (¥1,234.50)."""
    if "¥" not in msg:
        return False
    try:
        return f"¥{abs(Decimal(v.replace(',', ''))):,.2f}" in msg
    except ArithmeticError:  # (decimal.InvalidOperation: not a number)
        return False


# more rows than a sheet holds (1,048,576): of a kind kept on a sheet a year and read as one (io.reader._joined),
# row k * ROW_SPAN + r is row r of its k-th sheet (records, issues: every row is one sheet's; shown as r)
ROW_SPAN = 1 << 21


def own_row(n: int) -> int:
    """A record's row as its own sheet numbers it (see ROW_SPAN): for a message that names the row."""
    return n % ROW_SPAN


def row_beside(other, record) -> tuple[str, str]:
    """Where `other` is, said in a message at `record` (a record of the same kind): 第 4 行 / row 4, or, of a
    kind kept on a sheet a year and read as one, 另一张流水表的第 4 行 / row 4 of another Entries sheet."""
    r, kind = own_row(other.row or 0), type(other)
    if (other.row or 0) // ROW_SPAN == (record.row or 0) // ROW_SPAN:
        return f"第 {r} 行", f"row {r}"
    return f"另一张{kind.zh}表的第 {r} 行", f"row {r} of another {kind.en} sheet"


def row_cell(n: int) -> str:
    """The place of a row of a file that is not a sheet (an export, a statement): both languages,
    as --json carries it; Issue.place shows the shop's."""
    return f"第 {n} 行 / row {n}"


_ROW_CELL = re.compile(r"第 (\d+) 行 / row (\d+)")


@lru_cache(maxsize=1)
def _sheet_names() -> dict[str, tuple[str, str]]:
    """A sheet's name in either language → (zh, en), as the schema declares it."""
    from .schema import WORKBOOKS

    return {n: (m.zh, m.en) for w in WORKBOOKS for m in w.sheets for n in (m.zh, m.en)}


@dataclass(frozen=True)
class Issue:
    """One problem, located as precisely as it can be: workbook, sheet, cell.

    Core rules fill `sheet`, `row` and `field` (the model's names); the reader's
    layout then fills `book`, `cell` and `column` (what the person sees)."""

    severity: Severity
    message_zh: str
    message_en: str
    book: str = ""
    sheet: str = ""
    cell: str = ""
    column: str = ""
    value: str = ""
    row: int | None = field(default=None, compare=False)
    field: str | None = field(default=None, compare=False)
    # the value as an English shop reads it, where it differs: a choice's English word (out, where
    # `value` holds 支出, the word the record keeps); "" when the value reads the same in both
    # (dataclasses.field: in this class body `field` is the field above)
    value_en: str = dataclasses.field(default="", compare=False)
    # (zh, en) the message as a box in Excel says it, where it names a command line (the ribbon's button to press,
    # as ShopbookError.by_button); None: as the message. Not in to_json: the command line says the message
    by_button: tuple[str, str] | None = dataclasses.field(default=None, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def place(self, lang: str | None = None) -> list[str]:
        """Book, sheet and cell, those given, in `lang` (None: as stored). A sheet no workbook
        located (the SKU map an import consults) is named as the shop's own sheets name it; a
        located one keeps its real name, which the person finds in the workbook."""
        sheet, cell = self.sheet, self.cell
        if not cell and self.row and self.book and self.field:
            # a row's rule on a column the sheet lacks (a Waitlist without 商家编码): no cell to name,
            # the row at least, else every row's issue reads the same
            cell = row_cell(self.row % ROW_SPAN)
        if lang in ("zh", "en"):
            if not self.book and sheet in _sheet_names():
                sheet = _sheet_names()[sheet][lang == "en"]
            cell = _ROW_CELL.sub(r"第 \1 行" if lang == "zh" else r"row \2", cell)
        return [p for p in (self.book, sheet, cell) if p]

    def where(self, lang: str | None = None) -> str:
        return " › ".join(self.place(lang))

    def value_in(self, lang: str | None = None) -> str:
        """The value quoted in `lang` (None: as stored): one language per shop, its values too."""
        return self.value_en if lang == "en" and self.value_en else self.value

    def to_json(self) -> dict:
        d = asdict(self)
        d["value_en"] = self.value_in("en")
        d["row"] = self.row % ROW_SPAN if self.row else self.row  # (its own sheet's, of a sheet a year read as one)
        return {k: d[k] for k in ("book", "sheet", "cell", "column", "value", "value_en", "severity",
                                  "message_zh", "message_en", "row")}

    def with_(self, **kw) -> "Issue":
        return replace(self, **kw)


def error(zh: str, en: str, **kw) -> Issue:
    return Issue("error", zh, en, **kw)


def warning(zh: str, en: str, **kw) -> Issue:
    return Issue("warning", zh, en, **kw)


def show_value(v: object, lang: str = "zh") -> str:
    if v is None:
        return ""
    if isinstance(v, Enum):  # a choice in words (已审核, or approved in English), not PromotionKind.X
        s = v.en if lang == "en" and hasattr(v, "en") else v.value
    else:  # a whole number as typed: 5, not the reader's 5.0
        s = str(as_typed(v))
    return s if len(s) <= 60 else s[:57] + "…"


def quoting(zh: str, en: str, v: object) -> tuple[str, str]:
    """A message's words with a long value it quotes shortened as show_value shows it: a note of
    5,000 characters typed into 金额 is named, not said again in full on the screen, in the Issues
    sheet (whose cells Excel cuts at 32,767) and in the cell's comment."""
    s = v if v.__class__ is str else None
    if s is None or len(s) <= 60:
        return zh, en
    short = show_value(s)
    return zh.replace(s, short).replace(s.strip(), short), en.replace(s, short).replace(s.strip(), short)


def at(record, name: str, severity: Severity, zh: str, en: str, value: object = ...) -> Issue:
    """An issue about one field of one record read from a sheet. A choice is quoted in the words
    of either language (支出, out): the record keeps which it is, not which word the cell holds."""
    v = getattr(record, name, None) if value is ... else value
    zh, en = quoting(zh, en, v)
    return Issue(severity, zh, en, sheet=type(record).zh, row=record.row, field=name, value=show_value(v),
                 value_en=show_value(v, "en") if isinstance(v, Enum) else "")


class ShopbookError(Exception):
    """A stop: the file cannot be read or written at all (exit code 2).

    One clear message, in both languages, naming the file and what to do."""

    exit_code = 2

    def __init__(self, zh: str, en: str, path: object = None, by_button: tuple[str, str] | None = None):
        super().__init__(en)
        self.zh = zh
        self.en = en
        self.path = str(path) if path is not None else ""
        # (zh, en) as a ribbon button says it, where the command line's words end in a command or an option
        # (--date) the button has not: what to do in Excel instead (shopbook.xl says it in place of zh, en)
        self.by_button = by_button

    def located(self) -> tuple[str, str]:
        """(zh, en), each after the file it is about: '/x/orders.xlsx：找不到…' (a Chinese line's colon
        full-width), '/x/orders.xlsx: not found…'."""
        if not self.path:
            return self.zh, self.en
        return f"{self.path}：{self.zh}", f"{self.path}: {self.en}"

    def __str__(self) -> str:
        return "\n".join(self.located())


class DataStop(ShopbookError):
    """A stop about the shop's own data (rows to fix first, a sheet with nothing on it): it goes
    to whoever keeps the shop's workbooks, so it is said in the shop's language alone, as every
    message about its data; a stop about a file that cannot be read stays in both. `book`: the
    workbook of the first error (stop_on's), which its message names already: the file a --json
    stop document gives where the stop names no path of its own."""

    book = ""
    sheet = ""  # the sheet of stop_on's first error: where a check that does not run names the problem

    def say(self, lang: str | None) -> str:
        """The message in `lang` (zh or en); both without a shop."""
        if lang not in ("zh", "en"):
            return str(self)
        return self.located()[lang != "zh"]


# pydantic's words for a value it refuses (a setting in shopbook.toml, a command's option), in Chinese:
# a Chinese line is Chinese throughout
_REFUSED_ZH = [
    (r"Input should be a valid integer.*", "应为整数"),
    (r"Input should be a valid (?:decimal|number).*", "应为数字"),
    (r"Decimal input should have no more than (\d+) decimal places?", r"最多 \1 位小数"),
    (r"Input should be greater than or equal to (.+)", r"不能小于 \1"),
    (r"Input should be greater than (.+)", r"应大于 \1"),
    (r"Input should be less than or equal to (.+)", r"不能大于 \1"),
    (r"Input should be less than (.+)", r"应小于 \1"),
    (r"Input should be a valid boolean.*", "应为 true 或 false"),
    (r"Input should be a valid string", "应为文字（写在引号里）"),
    (r"Input should be a valid (?:list|array)", "应为列表，如 [\"甲\", \"乙\"]"),
    (r"Input should be a valid dictionary.*", "应为一节设置，如 [shop]"),
    (r"Input should be a finite number", "应为有限的数字"),
    (r"Input should be ('[^']*'(?:(?:, | or )'[^']*')*)",
     lambda m: "只能是 " + m[1].replace(" or ", " 或 ").replace(", ", "、")),
    (r"Extra inputs are not permitted", "没有这个设置"),
    (r"Field required", "缺少这个设置"),
]


def refused_zh(message: str) -> str:
    """pydantic's `message` for a refused value, in Chinese (where no pattern knows it: said to be
    wrong, its English words beside)."""
    import re

    for pattern, zh in _REFUSED_ZH:
        m = re.fullmatch(pattern, message.strip(), re.S)
        if m:
            return zh(m) if callable(zh) else m.expand(zh)
    return f"值不对（{message}）"


def no_shop_folder(folder) -> ShopbookError:
    """The stop for a shop folder that is not one: not there, or a file (a workbook given where
    its folder goes: `orders review shop/orders.xlsx`)."""
    from pathlib import Path

    if Path(folder).is_file():
        return ShopbookError("这是一个文件，不是店铺文件夹：请给出它所在的文件夹。",
                             "This is a file, not a shop folder: give the folder it is in.", folder)
    zh, en = not_found_why(folder)
    return ShopbookError("找不到店铺文件夹。" + zh, "Shop folder not found." + en, folder)


def not_found_why(path) -> tuple[str, str]:
    """What a path not found likely is, as typed (zh, en; both '' when nothing): a Windows path pasted on
    Linux or a Mac (C:\\店铺\\orders.xlsx is one odd name in the folder run in), a ~ a quoted cron line left."""
    import os

    typed = str(path)
    if os.sep == "/" and "\\" in typed:
        return ("这是 Windows 的路径写法（用 \\ 分隔）：这台电脑上的路径用 /，如 /home/店主/店铺；请给出它在这台电脑上的位置。",
                (" This is a Windows path (\\ between folders): on this computer paths use /, such as /home/me/shop; "
                 "give where it is on this computer."))
    if typed.startswith("~"):
        return ("路径开头的 ~ 没有换成主文件夹（写在了引号里）：写成 \"$HOME/…\" 或完整的路径。",
                (" The ~ at its start was not made the home folder (it was inside quotes): write \"$HOME/…\" or the "
                 "whole path."))
    return "", ""


def cell_letters(cell: str) -> str:
    """The column letters of a cell's reference (AB of AB12), to sort cells in a row's order."""
    return "".join(ch for ch in cell if ch.isalpha())


def stop_on(errors: list[Issue], what_zh: str, what_en: str, path: object = None) -> None:
    """An operation does not run on wrong data: stop with the count and the first error."""
    if errors:
        raise data_stop(errors, what_zh, what_en, path)


def data_stop(errors: list[Issue], what_zh: str, what_en: str, path: object = None) -> DataStop:
    """What stop_on raises for `errors` (not empty): the count and the first error, located; for a
    step that goes on and says it (daily's KPI with a 日报 date on two rows)."""
    # the first in the sheet's own order (rules report by kind, not by row), its sheet the first one met
    sheets: dict[tuple[str, str], int] = {}
    for i in errors:
        sheets.setdefault((i.book, i.sheet), len(sheets))
    first = min(errors, key=lambda i: (sheets[i.book, i.sheet], i.row or 0, len(cell_letters(i.cell)),
                                       cell_letters(i.cell)))
    stop = DataStop(
        f"{what_zh}：{len(errors)} 个数据错误，先改正（shopbook validate）。第一个：{first.where('zh')} {first.message_zh}",
        f"{what_en}: {en_count(len(errors), 'data error')} to fix first (shopbook validate). First: {first.where('en')} "
        f"{first.message_en}", path)
    stop.book, stop.sheet = first.book, first.sheet or ""
    return stop
