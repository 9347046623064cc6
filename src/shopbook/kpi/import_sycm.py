"""生意参谋 downloads into 日报 (kpi.xlsx): `shopbook kpi import`, the daily job's inbox, the button.

A download is an old .xls or a newer .xlsx, title rows above the header, numbers and
percentages often stored as text ("7,001", "35,000.10", "10.00%"). Columns are found by
name; the ad columns under their old names (直通车消耗, 钻石展位消耗, 淘宝客佣金) and their new
ones (关键词推广花费, 精准人群推广花费, 全站推广花费) add up to 推广花费.

A day in two downloads takes the newer file's figures (by its time), each difference said; two rows
of one download that disagree leave the day out. A day already in 日报 gets its blank cells filled; a cell a person filled with a different
value is reported, never overwritten (`replace=True` takes the file's).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from .. import values as V
from ..io.journal import writes_shop
from ..io.reader import header_key, read_workbook
from ..io.sheet_edit import SheetEdit, Writer, edit_workbook, ensure_writable, formula_rows
from ..io.sheet_xml import formula_fields
from ..issues import (ROW_SPAN, DataStop, Issue, ShopbookError, en_count, first, going_on,
                      issue_said_at_cell, own_row, row_cell)
from ..schema import KPI, DailyKpi
from ..schema.lists import is_total_label
from ..shop import files_given

# 日报 field → the 生意参谋 column names that carry it (first present wins)
COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("统计日期", "日期"),
    "visitors": ("访客数",),
    "page_views": ("浏览量",),
    "buyers": ("支付买家数",),
    "orders": ("支付父订单数", "支付订单数"),  # 支付子订单数 counts lines, not orders: never used for it
    "sales": ("支付金额", "销售额"),
    "units": ("支付件数", "成交件数"),
    "conversion": ("支付转化率", "转化率"),
    "aov": ("客单价",),
    "visit_depth": ("人均浏览量", "访问深度"),
    "dsr_description": ("描述相符评分",),
    "dsr_logistics": ("物流服务评分",),
    "dsr_service": ("服务态度评分",),
}
# ad spend: old template names, then the renamed ones of newer templates; all add up to 推广花费
AD_COLUMNS = ("直通车消耗", "钻石展位消耗", "淘宝客佣金", "关键词推广花费", "精准人群推广花费", "全站推广花费")
REVIEWS, POSITIVE = "评价数", "正面评价数"  # 好评率 = 正面评价数 ÷ 评价数
REQUIRED = ("date", "visitors", "orders", "sales")  # what a new 日报 row cannot be without


def _column(keys: set[str], f: str) -> str | None:
    """The header (as header_key has it) that carries 日报 field `f` in a table with `keys`: the
    first of COLUMNS[f] present."""
    return next((header_key(n) for n in COLUMNS[f] if header_key(n) in keys), None)


PARSE = {"date": V.parse_date, "visitors": V.parse_int, "page_views": V.parse_int, "buyers": V.parse_int,
         "orders": V.parse_int, "units": V.parse_int, "sales": V.parse_money,
         # 客单价 is 支付金额 ÷ 支付买家数, which some templates give unrounded (199.9998): to the fen, not refused
         "aov": V.parse_money_to_fen,
         "conversion": V.parse_percent, "visit_depth": V.parse_decimal, "dsr_description": V.parse_decimal,
         "dsr_logistics": V.parse_decimal, "dsr_service": V.parse_decimal}
_TOTALS = ("合计", "总计", "汇总", "平均", "total", "average")
# a figure 生意参谋 shows in 万 or 亿 (1.2万 访客数, 3.52万 支付金额): its page rounds it to the places it gives
_IN_WAN = re.compile(r"([+-]?\d+(?:\.\d+)?)\s*(万|亿)")
_WAN = {"万": 10_000, "亿": 100_000_000}
_MONEY = {"sales", "aov"}  # the fields kept to the fen; the others of PARSE in _IN_WAN's reach are counts


def read_in_wan(raw: object, header: str, money: bool) -> int | Decimal | None:
    """A download's figure written in 万 or 亿: the whole figure where its places reach the unit it is kept
    in (1.2345万 visitors: 12345; 3.520012万 yuan: 35200.12); one rounded (1.2万, 3.5万) is refused, said as
    rounded: taken as 12000 it would be a figure 生意参谋 never had (before: '请写出整个数 12000', a person told
    to type a rounded figure as the day's). None: not such a figure. `header`: the file's column."""
    if not isinstance(raw, str) or (m := _IN_WAN.fullmatch(V.normalize_text(raw).replace(",", "").strip())) is None:
        return None
    number, times = Decimal(m[1]), _WAN[m[2]]
    whole = number * times
    step = Decimal(times).scaleb(number.as_tuple().exponent)  # what its last place is worth
    unit = Decimal("0.01") if money else Decimal(1)
    if step <= unit:
        if whole % unit == 0:  # its places past the unit all 0 (1.23450万: 12345)
            return whole.quantize(unit) if money else int(whole)
        # more places than the unit holds (1.23456万 visitors: 12,345.6; 3.5200123万 yuan: 35,200.123): no figure
        # 生意参谋 keeps (before: cut to 12345 and 35200.12 without a word), refused as the rounded one is
        exact = f"{whole.normalize():,f}"
        raise V.BadValue(f"{header}“{raw}”是 {exact}，{'比一分钱还细' if money else '不是整数'}，不是生意参谋记的数，"
                         f"这一格没有导入。请在生意参谋查到这一天确切的{header}填进日报，或重新下载不以“{m[2]}”为单位的报表。",
                         f"{header} '{raw}' is {exact}, {'finer than a fen (0.01)' if money else 'not a whole number'}: "
                         f"no figure 生意参谋 keeps, so the cell was not imported. Type that day's exact figure into the "
                         f"Daily sheet from 生意参谋, or download the report again with figures not in '{m[2]}'.")
    near = f"{step.normalize():,f}"
    about = f"{whole.normalize():,f}"
    raise V.BadValue(f"{header}“{raw}”是生意参谋四舍五入到 {near} 的数（约 {about}），不是确切的数，这一格没有导入。"
                     f"请在生意参谋查到这一天确切的{header}填进日报，或重新下载不以“{m[2]}”为单位的报表。",
                     f"{header} '{raw}' is 生意参谋's figure rounded to the nearest {near} (about {about}), not "
                     "the exact one, so the cell was not imported. Type that day's exact figure into the Daily sheet "
                     f"from 生意参谋, or download the report again with figures not in '{m[2]}'.")


def is_sycm(table) -> bool:
    """A 生意参谋 shop-data table: told apart by its headers, never its file name."""
    keys = set(table.header)
    return (header_key("统计日期") in keys and header_key("访客数") in keys
            and any(header_key(n) in keys for n in ("支付金额", "支付买家数")))


_RANGE = re.compile(r"^\s*(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})\s*[~～至到—–-]+\s*(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})\s*$")
# a month's or a week's row of a 按月 / 按周 download: 2026-11, 2026年11月, 2026年第47周, 2026-W47
_MONTH = re.compile(r"^\s*\d{4}\s*(?:[-/.]\s*\d{1,2}|年\s*\d{1,2}\s*月)\s*$")
_WEEK = re.compile(r"^\s*\d{4}\s*(?:年\s*第\s*\d{1,2}\s*周|[-\s]?W\d{1,2})\s*$", re.I)


def _one_day(text: object) -> str | None:
    """The day of a 统计日期 written as a range of one day (2026-11-22~2026-11-22, 2026-11-22 ~ 2026/11/22)."""
    m = _RANGE.match(text) if isinstance(text, str) else None
    if m is None:
        return None
    try:
        return m.group(1) if V.parse_date(m.group(1)) == V.parse_date(m.group(2)) else None
    except V.BadValue:
        return None


def _period(text: str) -> tuple[str, str] | None:
    """What a 统计日期 that is no day's stands for (zh, en): a range of days, a month, a week."""
    if _RANGE.match(text) and _one_day(text) is None:
        return "一段时间", "a period"
    if _MONTH.match(text):
        return "一个月", "a month"
    if _WEEK.match(text):
        return "一周", "a week"
    return None


def _a_day(v: object) -> dt.date | None:
    """The day of a 统计日期 that is one day's."""
    if v is None or v == "":
        return None
    try:
        return V.parse_date(_one_day(v) or v)
    except V.BadValue:
        return None


def _spans(text: str, first: dt.date, last: dt.date) -> bool:
    """Whether `text` is a range of days (2026-11-22~2026-11-24) from `first` to `last` or wider."""
    m = _RANGE.match(text)
    try:
        return bool(m) and V.parse_date(m.group(1)) <= first and V.parse_date(m.group(2)) >= last and \
            _one_day(text) is None
    except V.BadValue:
        return False


def not_by_day(path, tables) -> ShopbookError | None:
    """A download of weeks or months (统计日期 2026-11-16~2026-11-22, 2026-11, 2026年第47周): its figures
    are a period's, no day's, and no edit makes them one — refused whole, saying to download it by day
    (自然日). A month's row once asked for a date to be typed in its place, row by row."""
    for t in tables:
        if not is_sycm(t):
            continue
        h = _column(set(t.header), "date")
        days = [d for row in t.rows if (d := _a_day(row.get(h))) is not None]
        first, last = (min(days), max(days)) if days else (None, None)
        for k, row in enumerate(t.rows):
            text = str(row.get(h) or "")
            if days and _spans(text, first, last):
                continue  # the days' total, labelled by their range: passed over as a 合计 row is
            if (kind := _period(text)) is not None:
                said = (f"{t.name.split(':')[0]} 第 {t.first_row + k} 行的统计日期是{kind[0]}（{text.strip()}）：这是按周或"
                        "按月汇总的下载，不能拆成每天。请在生意参谋按日下载（时间选“自然日”），",
                        f"{t.name.split(':')[0]} row {t.first_row + k}: its 统计日期 is {kind[1]} ({text.strip()}): a "
                        "weekly or monthly total, which cannot be split into days. Download it from 生意参谋 by day "
                        "(自然日), then ")
                # (in Excel, pressed from the 导入生意参谋… button: that button again, not a command line)
                from ..addin.build import button_label

                button = button_label("btnImportKpi")
                return ShopbookError(said[0] + "再放进 inbox/ 或 shopbook kpi import。",
                                     said[1] + "put it in inbox/ or use shopbook kpi import.", path,
                                     by_button=(said[0] + f"再按“{button[0]}”选它（或放进 inbox/）。",
                                                said[1] + f"press {button[1]} and choose it (or put it in inbox/)."))
    return None


# where what_else sends a file of another kind: the command line's words (zh, en), then the ribbon button that takes it
# and its words as a box in Excel says them ({b}: its label), by elsewhere_by_button
ELSEWHERE = {
    "orders": ("请用 shopbook orders import 导入", "import it with shopbook orders import", "btnImportOrders",
               "请按“{b}”选它导入", "press {b} and choose it"),
    "alipay": ("请用 shopbook reconcile alipay 对账", "reconcile it with shopbook reconcile alipay", "btnReconcileAlipay",
               "请按“{b}”选它对账", "press {b} and choose it"),
    "wechat": ("请用 shopbook reconcile wechat 对账", "reconcile it with shopbook reconcile wechat", "btnReconcileWechat",
               "请按“{b}”选它对账", "press {b} and choose it"),
    "courier": ("请用 shopbook reconcile courier 对账", "reconcile it with shopbook reconcile courier",
                "btnReconcileCourier", "请按“{b}”选它对账", "press {b} and choose it"),
}


def elsewhere_by_button(zh: str, en: str) -> tuple[str, str]:
    """A refusal's words (zh, en) with what_else's command lines said as the buttons to press (ELSEWHERE): what a
    box in Excel says (ShopbookError.by_button)."""
    from ..addin.build import button_label

    for cli_zh, cli_en, control, box_zh, box_en in ELSEWHERE.values():
        if cli_zh in zh or cli_en in en:
            b = button_label(control)
            zh, en = zh.replace(cli_zh, box_zh.format(b=b[0])), en.replace(cli_en, box_en.format(b=b[1]))
    return zh, en


def what_else(tables) -> tuple[str, str] | None:
    """What a file that is no 生意参谋 shop-data download is, by its headers, and where it goes
    instead (zh, en: a clause to follow the refusal); None when nothing tells. Staff pick the wrong
    file of a morning's downloads: "not a 生意参谋 download" alone left them to guess which it was."""
    from ..orders.platform_export import classify, own_words, own_workbook
    from ..orders.platforms import FORMATS

    if (book := own_workbook(tables)) is not None:  # (orders.xlsx: no order sheet to import either)
        zh, en = own_words(book)
        return f"：{zh}", f": {en}"
    names = {f.key: (f.name_zh, f.name_en) for f in FORMATS}
    for t in tables:
        keys = set(t.header)

        def has(*ns: str) -> bool:
            return all(header_key(n) in keys for n in ns)

        kind = classify(t)
        if kind in names:
            zh, en = names[kind]
            return f"：这是{zh}，{ELSEWHERE['orders'][0]}", f": it is a {en}; {ELSEWHERE['orders'][1]}"
        if kind in ("agent", "orders"):
            return (f"：这是订单表（订单编号、商家编码、收货人），{ELSEWHERE['orders'][0]}",
                    f": it is an order sheet (order no., SKU, receiver); {ELSEWHERE['orders'][1]}")
        if any(has(n) for n in ("订单编号", "主订单编号", "子订单编号", "订单号")):
            continue  # an order export with columns lost: the orders import names what it lacks
        if has("商户订单号") and (has("账务流水号") or has("支付宝流水号")):
            return (f"：这是支付宝对账单（账务明细 / 资金流水），{ELSEWHERE['alipay'][0]}",
                    f": it is an Alipay statement (账务明细 / 资金流水); {ELSEWHERE['alipay'][1]}")
        if has("微信订单号", "商户订单号") or has("交易单号", "商户单号", "收/支"):
            return f"：这是微信支付账单，{ELSEWHERE['wechat'][0]}", f": it is a WeChat Pay bill; {ELSEWHERE['wechat'][1]}"
        if any(has(n) for n in ("运单号", "运单编号", "运单号码", "快递单号")) and \
                any(has(n) for n in ("运费", "计费重量", "结算重量", "应付金额")):
            return f"：这是快递账单，{ELSEWHERE['courier'][0]}", f": it is a courier bill; {ELSEWHERE['courier'][1]}"
        if has("日期", "访客数", "销售额") or has("date", "visitors", "sales"):
            return ("：这是日报表本身（kpi.xlsx 的“日报”），不是下载。请选生意参谋下载的文件",
                    ": it is a Daily sheet itself (kpi.xlsx's), not a download. Choose the file downloaded from 生意参谋")
        if (has("商品ID") or has("商品名称")) and (has("支付金额") or has("支付买家数")):
            return ("：这是生意参谋的商品报表（每个商品一行），不是店铺整体数据。请在生意参谋下载店铺整体数据（按自然日）",
                    ": it is a 生意参谋 product report (a row per item), not the shop-wide data. Download the "
                    "shop-wide data (店铺整体, by day, 自然日) from 生意参谋")
    return None


@dataclass
class SycmDay:
    """One day of a download: the 日报 fields it has, where it came from."""

    date: dt.date
    values: dict[str, object]
    file: str
    row: int
    sheet: str = ""
    # fields whose column the download has but whose cell has no figure ("-", blank) or one that does
    # not read → the cell as it is: a day short of a required one is said so, not "lacks the column"
    gaps: dict[str, object] = field(default_factory=dict)


def _blank(v: object) -> bool:
    """No figure: blank or a dash, full-width ones too (－, as a file saved again by a Chinese Excel/WPS has it)."""
    return v is None or (isinstance(v, str) and V.normalize_text(v) in ("", "-", "--", "—", "——"))


def read_sycm_tables(tables, issues: list[Issue]) -> list[SycmDay]:
    """The days of the 生意参谋 tables among `tables` (orders.platform_export.Table); each value
    that does not read is one located issue and leaves its cell out (the rest of the day comes in)."""
    from ..orders.platform_export import _issue

    out = []
    for t in tables:
        if not is_sycm(t):
            continue
        keys = set(t.header)
        where = {f: _column(keys, f) for f in COLUMNS}
        ads = [header_key(n) for n in AD_COLUMNS if header_key(n) in keys]
        for k, row in enumerate(t.rows):
            raw_date = row.get(where["date"])
            # a totals or average line under the days, as every sheet's (合　计, 日均, 小计 …)
            if _blank(raw_date) or is_total_label(raw_date) or any(w in str(raw_date).strip().lower() for w in _TOTALS) \
                    or _period(str(raw_date)) is not None:  # (the days' total labelled by their range: not_by_day)
                continue
            try:  # (20261120, as some templates write 统计日期, too; a day's download its day as a range of it)
                date = V.parse_date(_one_day(raw_date) or raw_date)
            except V.BadValue as e:
                # a line of text alone in its row, under the days (注：数据来源于生意参谋…, 下载时间：…): a note
                if not any(not _blank(v) for c, v in row.items() if c != where["date"]):
                    continue
                issues.append(_issue(t, k, "统计日期", raw_date, e.zh, e.en))
                continue
            vals: dict[str, object] = {"date": date}
            gaps: dict[str, object] = {}
            for f, h in where.items():
                if f == "date" or h is None:
                    continue
                if _blank(row.get(h)):
                    gaps[f] = row.get(h)
                    continue
                if f == "conversion":
                    continue
                try:
                    wan = read_in_wan(row[h], COLUMNS[f][0], f in _MONEY) if f in _MONEY or PARSE[f] is V.parse_int \
                        else None
                    vals[f] = PARSE[f](row[h]) if wan is None else wan
                except V.BadValue as e:
                    gaps[f] = row[h]
                    issues.append(_issue(t, k, COLUMNS[f][0], row[h], e.zh, e.en))
            h = where["conversion"]
            if h is not None and not _blank(row.get(h)):  # after buyers and visitors: they decide a bare number
                try:
                    vals["conversion"] = read_conversion(row[h], vals.get("buyers"), vals.get("visitors"))
                except V.BadValue as e:  # left out (it is buyers ÷ visitors, recomputed): the day comes in
                    issues.append(_issue(t, k, COLUMNS["conversion"][0], row[h], e.zh, e.en, "warning"))
            spent, bad = Decimal(0), False
            for h in ads:
                if _blank(row.get(h)):
                    continue
                try:
                    wan = read_in_wan(row[h], h, True)
                    spent += V.parse_money(row[h]) if wan is None else wan
                except V.BadValue as e:
                    bad = True  # a part missing would understate the spend: none of it is taken
                    issues.append(_issue(t, k, h, row[h], e.zh, e.en))
            if ads and not bad and any(not _blank(row.get(h)) for h in ads):
                vals["ad_spend"] = spent
            rv, pv = row.get(header_key(REVIEWS)), row.get(header_key(POSITIVE))
            if not _blank(rv) and not _blank(pv):
                try:
                    n, good = V.parse_int(rv), V.parse_int(pv)
                    if n > 0 and 0 <= good <= n:  # half up, as every figure shopbook works out (157/160: 0.9813)
                        vals["positive_rate"] = (Decimal(good) / Decimal(n)).quantize(Decimal("0.0001"), ROUND_HALF_UP)
                except V.BadValue:
                    pass  # 好评率 is then left as it is
            book, _, sheet = t.name.partition(":")
            out.append(SycmDay(date, {f: _as_kept(v) for f, v in vals.items()}, book, t.first_row + k, sheet, gaps))
    return out


KEPT = Decimal("0.000001")  # the places a figure is written to 日报 with (values.cell_value)


def _as_kept(v: object) -> object:
    """A figure as 日报 keeps it: a download saved again in Excel or WPS holds its rates as floats
    (0.0237108984), written to 日报 as 0.023711; taken as written, or the same download imported again
    differed from 日报 in its own figure ('日报里填的是 2.37%，生意参谋是 2.37%', exit 1)."""
    return v.quantize(KEPT, ROUND_HALF_UP) if isinstance(v, Decimal) and v.as_tuple().exponent < -6 else v


def read_conversion(raw: object, buyers: int | None, visitors: int | None) -> Decimal:
    """A download's 转化率. "0.85" without its % sign is 0.85 % or 85 %: the row's own buyers ÷
    visitors decide (34 ÷ 4000: 0.85 %); without them it is not guessed (a hundredfold error). A rate
    they contradict is refused as well: validate would call it an error once written."""
    from ..validate.rules import conversion_agrees

    signed = isinstance(raw, str) and V.normalize_text(raw).endswith("%")
    if signed or buyers is None or not visitors:
        if not signed:
            raise V.BadValue(f"转化率“{raw}”没有 % 号：是 {raw}% 还是 {raw} 即 {_pct(raw)}？这一行没有支付买家数和访客数"
                             "可以核对，这一格没有导入。请下载带 % 号的报表，或在日报里填上转化率（如 0.85%）。",
                             f"The conversion '{raw}' has no % sign: is it {raw}% or {_pct(raw)}? The row has no buyers "
                             "and visitors to tell, so the cell was not imported. Download the report with % signs, "
                             "or type the conversion in the Daily sheet (e.g. 0.85%).")
        d = V.parse_percent(raw)
        if buyers is None or not visitors or conversion_agrees(d, buyers, visitors):
            return d
        candidates = [d]
    else:  # bare: a fraction (0.0085) or a percentage without its sign (0.85)
        n = V.parse_decimal(raw)
        candidates = [c for c in (n, n / 100) if 0 <= c <= 1]
        for c in candidates:
            if conversion_agrees(c, buyers, visitors):
                return c
    computed = Decimal(buyers) / Decimal(visitors)
    raise V.BadValue(f"转化率“{raw}”与这一行的 支付买家数÷访客数 = {buyers}÷{visitors} = {computed:.2%} 不符"
                     f"{'（按 % 读或按小数读都不符）' if len(candidates) > 1 else ''}，这一格没有导入。请核对生意参谋的下载。",
                     f"The conversion '{raw}' does not match the row's buyers ÷ visitors = {buyers}÷{visitors} = "
                     f"{computed:.2%}{' (read as a percentage or as a fraction)' if len(candidates) > 1 else ''}; the "
                     "cell was not imported. Check the 生意参谋 download.")


def _pct(raw: object) -> str:
    """A bare number read as a fraction, as a percentage (0.85 → 85%)."""
    try:
        return f"{V.parse_decimal(raw) * 100:f}".rstrip("0").rstrip(".") + "%"
    except V.BadValue:
        return "?"


@dataclass
class Conflict:
    date: dt.date
    field: str
    typed: object  # what 日报 has
    file_value: object  # what the download says
    row: int  # the 日报 row
    file: str = ""  # the download it comes from


@dataclass
class KpiMerge:
    """What an import does to 日报: pure, from its rows and the downloaded days."""

    append: list[DailyKpi] = field(default_factory=list)
    fill: dict[int, dict[str, object]] = field(default_factory=dict)  # 日报 row → fields set
    blanks: set[int] = field(default_factory=set)  # 日报 rows with a blank cell filled (not only replaced: --replace)
    conflicts: list[Conflict] = field(default_factory=list)  # kept as typed (or replaced, with replace)
    # figures an earlier import wrote (not typed) that a newer download revises: taken, said
    revised: list[Conflict] = field(default_factory=list)
    replaced: bool = False
    unchanged: int = 0  # days already there with the same figures
    issues: list[Issue] = field(default_factory=list)
    formulas: list[Conflict] = field(default_factory=list)  # a person's formula cell: never written, whatever it shows
    later: list[dt.date] = field(default_factory=list)  # days from today on: not imported (merge's `today`)
    # days of the downloads left out for an error (two rows that disagree, a 日报 row to fix first, a
    # required figure missing): counted on the summary line, which otherwise left them unaccounted for
    skipped: list[dt.date] = field(default_factory=list)


def _same(a: object, b: object) -> bool:
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        try:
            return Decimal(str(a)) == Decimal(str(b))
        except Exception:  # noqa: BLE001
            return False
    return a == b


RATES = ("conversion", "positive_rate")  # shown by 生意参谋 as a percentage to 0.01 %: 4 places of a fraction
# the places 生意参谋 shows a worked-out figure to (2.37 %, 人均浏览量 3.07, 客单价 210.84)
SHOWN = {"conversion": 4, "positive_rate": 4, "visit_depth": 2, "aov": 2}


def _agrees(f: str, typed: object, theirs: object) -> bool:
    """A 日报 figure against the download's, at the download's precision: a person's 转化率 formula
    (支付买家数 ÷ 访客数 = 0.0237108…) or the value pasted from it is 生意参谋's 2.37 %, no figure that
    differs (the message said 2.37% / 2.37%); one no more precise than the download is compared as it is."""
    if _same(typed, theirs):
        return True
    if not isinstance(theirs, Decimal) or isinstance(typed, bool) or not isinstance(typed, (Decimal, int, float)):
        return False
    places = max(-theirs.as_tuple().exponent, 4 if f in RATES else 0)  # (10.00% reads as 0.10)
    mine = Decimal(str(typed))
    if -mine.as_tuple().exponent > places and mine.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP) == theirs:
        return True
    # a download holding its figure unrounded (a number, not text: 0.0237108984 shown 2.37 %) against the
    # 2.37 % typed: the same as 生意参谋 shows it, said 'typed 2.37%, 生意参谋 2.37%' (an error, exit 1)
    if (shown := SHOWN.get(f)) is None or -theirs.as_tuple().exponent <= shown:
        return False
    at = Decimal(1).scaleb(-shown)
    return mine.quantize(at, ROUND_HALF_UP) == theirs.quantize(at, ROUND_HALF_UP)


def merge(rows: list[DailyKpi], unreadable_dates: dict, days: list[SycmDay], replace: bool = False,
          formulas: set[tuple[int, str]] = frozenset(), today: dt.date | None = None,
          twice: dict[dt.date, list[int]] | None = None, when: dict[str, object] | None = None,
          imported: dict[str, dict[str, object]] | None = None, sheet_of=None) -> KpiMerge:
    """`unreadable_dates`: the days of 日报 rows with a cell that does not read → their row (never
    filled: a person fixes them first). `formulas`: the (row, field) of 日报's cells that hold a
    formula (blank as its value may show). A day from `today` on is not imported: today's figures
    are not final (written once, the whole day's download would then differ from them and be
    kept out as a person's typing), and a later day is a wrong clock. `twice`: days 日报 has on
    more than one row → those rows: not imported (which row to fill, which figures to compare?).
    `when`: each download's time (file name → its sort key): two of one time that differ on a day
    leave the day out, as two rows of one download do: neither is known to be the newer.
    `imported`: what earlier imports wrote (day → field → figure, imported_record): a 日报 figure that
    is still the one written is 生意参谋's own, not typing, and a download that revises it is taken."""
    res = KpiMerge(replaced=replace)
    imported = imported or {}
    twice = twice or {}
    by_date = {r.date: r for r in rows}
    latest: dict[dt.date, SycmDay] = {}
    torn: set[dt.date] = set()
    for d in days:  # the same day twice: `days` come oldest download first, the newer one's figures win
        prev = latest.get(d.date)
        if prev is not None:
            differ = [f for f, v in d.values.items() if f in prev.values and not _same(prev.values[f], v)]
            if differ and prev.file == d.file:  # two rows of one download: nothing says which is right
                torn.add(d.date)
                res.issues.append(_twice(d.date, differ, prev, d, None))
            elif differ and when is not None and when.get(prev.file) == when.get(d.file):
                torn.add(d.date)  # the same time (copied, synced or unzipped together): the order given is no word
                res.issues.append(_twice(d.date, differ, prev, d, None, tied=True))
            elif differ:  # a download again (X (1).xls): 生意参谋 revises a day, the newer file is its word
                res.issues.append(_twice(d.date, differ, prev, d, d))
            d = SycmDay(d.date, {**prev.values, **d.values}, d.file, d.row, d.sheet, {**prev.gaps, **d.gaps})
        latest[d.date] = d
    res.skipped += sorted(torn)
    for date in sorted(set(latest) - torn):
        d = latest[date]
        if today is not None and date >= today:
            zh, en = ((f"{date} 是今天：这一天还没过完，数字还会变，没有导入。明天下载这一天再导入。",
                       f"{date} is today: the day is not over and its figures will change; not imported. "
                       "Download it again tomorrow.") if date == today else
                      (f"{date} 在今天（{today}）之后：没有导入。看看这台电脑的日期和 shopbook.toml 的 [shop] timezone 对不对。",
                       f"{date} is after today ({today}): not imported. Check this computer's date and [shop] "
                       "timezone in shopbook.toml."))
            res.issues.append(Issue("warning", zh, en, book=d.file, cell=row_cell(d.row), value=str(date), row=d.row))
            res.later.append(date)
            continue
        if date in twice:  # filling the last of them, the others' figures unchecked, passed with a ✓
            at = twice[date]
            rows = _rows_said(at, sheet_of)
            res.issues.append(Issue("error", f"日报里 {date} 有 {len(at)} 行（{rows[0]}）：不知道该补、"
                                    "该核对哪一行，这一天没有导入。删掉多的行（或改正它的日期），再导入。",
                                    f"The Daily sheet has {date} on {len(at)} rows ({rows[1]}): "
                                    "which one to fill and check cannot be told, so the day was not imported. Delete "
                                    "the extra rows (or fix their dates), then import.", sheet=DailyKpi.zh,
                                    field="date", value=str(date), row=at[-1]))
            res.skipped.append(date)
            continue
        if date in unreadable_dates and date not in by_date:
            res.issues.append(Issue("error", f"日报里 {date} 这一行有读不出的单元格：先改好它（shopbook validate 指出是哪一格），再导入。",
                                    f"The Daily row of {date} has a cell that does not read: fix it first (shopbook "
                                    "validate shows which), then import.", sheet=DailyKpi.zh, field="date",
                                    value=str(date), row=unreadable_dates[date]))
            res.skipped.append(date)
            continue
        have = by_date.get(date)
        if have is None:
            missing = [f for f in REQUIRED if f not in d.values]
            if missing:
                res.issues.append(_short(d, missing))
                res.skipped.append(date)
                continue
            res.append.append(DailyKpi(**d.values))
            continue
        sets, same, uncalculated = {}, True, []
        for f, v in d.values.items():
            if f == "date":
                continue
            cur = getattr(have, f, None)
            if (have.row, f) in formulas:  # a person's formula: left as it is, said where its value differs
                if cur is None and f in DERIVED:  # (showing nothing yet: judged once the row's figures are in)
                    uncalculated.append((f, v))
                elif cur is None or not _agrees(f, cur, v):
                    res.formulas.append(Conflict(date, f, cur, v, have.row))
                continue
            if cur is None:
                sets[f] = v
                res.blanks.add(have.row)
                same = False
            elif not _agrees(f, cur, v):
                same = False
                if not replace and f in (was := imported.get(date.isoformat(), {})) and _same(cur, was[f]):
                    res.revised.append(Conflict(date, f, cur, v, have.row, d.file))
                    sets[f] = v
                    continue
                res.conflicts.append(Conflict(date, f, cur, v, have.row, d.file))
                if replace:
                    sets[f] = v
        if sets and not replace:  # (--replace: the row takes 生意参谋's figures, which agree among themselves)
            for f in _against_the_row(have, sets):
                res.issues.append(_not_filled(d, f, sets.pop(f), have.row))
            if not any(getattr(have, f, None) is None for f in sets):
                res.blanks.discard(have.row)
        res.formulas += [Conflict(date, f, None, v, have.row) for f, v in uncalculated if not _shows_it(have, sets, f, v)]
        if sets:
            res.fill[have.row] = sets
        if same:
            res.unchanged += 1
        # a row typed ahead (its date alone) that the download cannot complete: it stays short of a figure
        # 日报 requires, said as a new day's would be, not passed as 补空 with a ✓
        still = [f for f in REQUIRED if getattr(have, f, None) is None and f not in sets and (have.row, f) not in formulas]
        if still:
            res.issues.append(_short(d, still, in_daily=True))
    return res


# the figures worked out of a row's others (客单价 = 销售额 ÷ 支付买家数, 转化率 = 支付买家数 ÷ 访客数, 访问深度 =
# 浏览量 ÷ 访客数): validate checks each against them, and the reports work them out anew
DERIVED = ("aov", "conversion", "visit_depth")


INPUTS = {"aov": ("sales", "buyers"), "conversion": ("buyers", "visitors"), "visit_depth": ("page_views", "visitors")}


def _shows_it(have: DailyKpi, sets: dict[str, object], f: str, v: object) -> bool:
    """Whether a person's formula for DERIVED figure `f` that shows nothing yet (=D2/C2 filled down a month
    typed ahead: #DIV/0! or "" until the day's figures come) will show 生意参谋's `v` once calculated: the
    row, with this import's figures, holds what it is worked out of and agrees with `v`, as validate judges
    it. Such a cell was said on every filled day ("这一格是公式，没有写入生意参谋的 2.37%"), each morning
    among the daily job's problems, of a formula doing as it should."""
    from ..validate.rules import check_kpi

    after = have.model_copy(update={**sets, f: v})
    if any(getattr(after, n, None) is None for n in (*REQUIRED, *INPUTS[f])):
        return False
    return not any(i.field == f for i in check_kpi([after]))


def _against_the_row(have: DailyKpi, sets: dict[str, object]) -> list[str]:
    """The DERIVED figures about to fill a 日报 row's blanks that the row's figures as they will stand
    contradict: a figure a person typed differently from the download is kept, and 生意参谋's 客单价 of its
    own 支付金额 beside the person's 销售额 would be validate's error at a cell shopbook wrote."""
    from ..validate.rules import check_kpi

    derived = [f for f in DERIVED if f in sets]
    if not derived:
        return []
    after = have.model_copy(update=sets)
    if any(getattr(after, f, None) is None for f in REQUIRED):  # a row still short of a figure: said as such
        return []
    return sorted({i.field for i in check_kpi([after]) if i.is_error and i.field in derived}, key=DERIVED.index)


def _not_filled(d: SycmDay, f: str, v: object, row: int) -> Issue:
    """A DERIVED figure left blank (_against_the_row), said at its 日报 cell."""
    col = DailyKpi.column(f).col
    shown = _shown(f, v)
    return Issue("warning", f"{d.date} {col.zh}没有补上生意参谋的 {shown}：这一行保留了填的数（与生意参谋的不同），{col.zh}"
                 f"与它们算出的不符，写进去 validate 会算作错误。空着不影响报表（报表按其他数算）；要用生意参谋的全部数，加 --replace 再导入。",
                 f"{d.date} {col.en}: 生意参谋's {shown} was not filled in. The row keeps its typed figures (which differ "
                 f"from 生意参谋's); it does not agree with them, and validate would call it an error. Left blank, "
                 "the reports are the same (they work it out from the other figures); to take all of 生意参谋's "
                 "figures, import again with --replace.", sheet=DailyKpi.zh, field=f, value=str(shown), row=row)


def _short(d: SycmDay, missing: list[str], in_daily: bool = False) -> Issue:
    """A new day without a figure 日报 requires (`in_daily`: a row typed ahead, filled but for it): a
    column the download lacks (download a report with it), a cell of it with no figure ("-": 生意参谋
    has none yet) or one that does not read (said at it)."""
    absent = [COLUMNS[f][0] for f in missing if f not in d.gaps]
    none = [COLUMNS[f][0] for f in missing if f in d.gaps and _blank(d.gaps[f])]
    unread = [COLUMNS[f][0] for f in missing if f in d.gaps and not _blank(d.gaps[f])]
    zh, en = [], []
    if absent:
        zh.append(f"下载里没有 {'、'.join(absent)} 列：请下载含这些列的报表")
        en.append(f"the download has no {', '.join(absent)} column: download the report with these columns")
    if none:
        zh.append(f"{'、'.join(none)} 没有数（“-”或空）：生意参谋还没出这一天的数的话，过后重新下载这一天再导入，"
                  "或在日报里填上这一天")
        en.append(f"{', '.join(none)} {'has' if len(none) == 1 else 'have'} no figure ('-' or blank): if 生意参谋 "
                  "has none for the day yet, download the day again later and import it, or type the day into the "
                  "Daily sheet")
    if unread:
        zh.append(f"{'、'.join(unread)} 读不出（见这一格的错误）：重新下载这一天再导入，或在日报里填上这一天")
        en.append(f"{', '.join(unread)} {'does' if len(unread) == 1 else 'do'} not read (see the cell's error): "
                  "download the day again and import it, or type the day into the Daily sheet")
    if in_daily:
        cols = [DailyKpi.column(f).col for f in missing]
        lead = (f"{d.date} 日报这一行补了能补的，还缺 {'、'.join(c.zh for c in cols)}",
                f"{d.date}: the Daily row was filled where it could be and still lacks {', '.join(c.en for c in cols)}")
    else:
        lead = f"{d.date} 没有导入日报", f"{d.date} was not imported into Daily"
    return Issue("error", f"{lead[0]}：{'；'.join(zh)}。", f"{lead[1]}: {'; '.join(en)}.", book=d.file, sheet=d.sheet,
                 cell=row_cell(d.row), value=str(d.date), row=d.row)


def _rows_said(at: list[int], sheet_of=None) -> tuple[str, str]:
    """Rows of 日报 as a message names them: 第 3、5 行 / rows 3, 5; of 日报 kept a sheet a year (read as one:
    row k * ROW_SPAN + r, sheet_of(row) naming its sheet), each as its own sheet numbers it, and the sheet
    where they are on more than one (“2025日报”第 5 行、“2026日报”第 4 行)."""
    if sheet_of is None or len({r // ROW_SPAN for r in at}) == 1:
        return f"第 {'、'.join(str(own_row(r)) for r in at)} 行", f"rows {', '.join(str(own_row(r)) for r in at)}"
    return ("、".join(f"“{sheet_of(r)}”第 {own_row(r)} 行" for r in at),
            ", ".join(f"row {own_row(r)} of {sheet_of(r)}" for r in at))


def _twice(date: dt.date, fields: list[str], old: SycmDay, new: SycmDay, taken: SycmDay | None,
           tied: bool = False) -> Issue:
    """The same day with different figures: in two downloads (`taken` the newer, whose figures go in:
    a warning) or in two rows of one, or two downloads of the same time (`taken` None, `tied`: the day
    is not imported, an error)."""
    where = (lambda d, zh: (f"{d.file} 第 {d.row} 行" if zh else f"{d.file} row {d.row}"))
    col = (lambda f, zh: DailyKpi.column(f).col.zh if zh else DailyKpi.column(f).col.en)
    both = {zh: ("；" if zh else "; ").join(f"{col(f, zh)} {_shown(f, old.values[f])} / {_shown(f, new.values[f])}"
                                           for f in fields) for zh in (True, False)}
    if taken is None:  # the day left out (tied: two downloads of one time; else two rows of one)
        what_zh, why_zh, what_en, why_en = (
            ("在两个下载里数不同", "两个文件的修改时间相同，不知道哪个是较新的下载，这一天没有导入：删掉不对的那个，再导入。",
             "differs between two downloads", ("Both files have the same time, so which is the newer cannot be told "
                                               "and the day was not imported: delete the wrong one, then import.")) if tied else
            ("在同一个文件里有两行，数不同", "不知道哪一行对，这一天没有导入：请重新下载这一天（按自然日）。",
             "is on two rows of one file with different figures", ("Which is right cannot be told, so the day was not "
                                                                   "imported: download the day again (by day, 自然日).")))
        return Issue("error", f"{date} {what_zh}（{where(old, True)} / {where(new, True)}）：{both[True]}。{why_zh}",
                     f"{date} {what_en} ({where(old, False)} / {where(new, False)}): {both[False]}. {why_en}",
                     book=new.file, cell=row_cell(new.row), value=str(date), row=new.row)
    return Issue("warning", f"{date} 下载了两次，数不同（{where(old, True)} / {where(new, True)}）：{both[True]}。"
                            f"用了较新的下载 {new.file}（按文件修改时间）；不对的话删掉它，再导入另一个并加 --replace。",
                 f"{date} was downloaded twice with different figures ({where(old, False)} / {where(new, False)}): "
                 f"{both[False]}. The newer download, {new.file} (by the file's time), was taken; if it is the wrong "
                 "one, delete it and import the other with --replace.",
                 book=new.file, cell=row_cell(new.row), value=str(date), row=new.row)


def by_date_of(rows: list, row: int) -> object:
    """The date of 日报's `row` among `rows` (as read)."""
    return next((r.date for r in rows if r.row == row), "")


def _shown(name: str, v: object) -> object:
    """A 日报 figure as a person reads it, as the daily report writes it: a rate as a percentage (2.57%,
    not 0.0257), an amount as money (¥13,900.28, not 13900.28), a count grouped (2,178), rounded half up."""
    from ..schema.base import Kind

    kind = DailyKpi.column(name).kind
    if v is None or kind not in (Kind.PERCENT, Kind.MONEY, Kind.INT):
        return v
    from ..report import percent
    from ..values import yuan

    if kind is Kind.PERCENT:
        return percent(v)
    if kind is Kind.MONEY:
        return yuan(v)
    return f"{v:,}"


@dataclass
class KpiImport:
    files: list[str]
    days: int  # days in the downloads
    added: list[dt.date]
    filled: list[dt.date]
    merge: KpiMerge
    issues: list[Issue]  # values that do not read, days not imported, conflicts kept
    empty: list[str] = field(default_factory=list)  # downloads of their header alone (no day: said, not ✓)

    @property
    def ok(self) -> bool:
        return not any(i.is_error for i in self.issues) and (self.merge.replaced or not self.merge.conflicts)

    def said(self, shown: int | None, issues: bool = True, run: str = "", where: tuple[str, str] | None = None
             ) -> list[tuple[str, str, str]]:
        """What `kpi import` and the 导入生意参谋 button say of it (mark, zh, en): the days, figures
        typed differently kept (and how to take 生意参谋's), the file's problems where they are (`issues`,
        the first `shown`, then how many more and `where` the rest are (else the command); the CLI prints each
        as a block)."""
        m = self.merge
        # days, as every count of the line; the figures that differ beside (10 of one day read as 10 days)
        n, days = len(m.conflicts), len({c.date for c in m.conflicts})
        out = [("✗" if not self.ok else "!" if self.empty else "✓",  # (a download of no day: nothing of it done)
                f"生意参谋 {self.days} 天：新增 {len(self.added)} · 补空 {len(self.filled)} · 不变 {m.unchanged} · "
                f"{'已替换' if m.replaced else '不同'} {days}" + (f"（{n} 个数）" if n else "")
                + (f" · 按新下载更新 {len({c.date for c in m.revised})}" if m.revised else "")
                + (f" · 今天及以后的没有导入 {len(m.later)}" if m.later else "")
                + (f" · 有错没有导入 {len(m.skipped)}" if m.skipped else ""),
                f"生意参谋 {en_count(self.days, 'day')}: added {len(self.added)} · filled {len(self.filled)} · "
                f"unchanged {m.unchanged} · {'replaced' if m.replaced else 'differ'} {days}"
                + (f" ({en_count(n, 'figure')})" if n else "")
                + (f" · revised by a newer download {len({c.date for c in m.revised})}" if m.revised else "")
                + (f" · not imported, today or later {len(m.later)}" if m.later else "")
                + (f" · not imported, in error {len(m.skipped)}" if m.skipped else ""))]
        if m.conflicts and not m.replaced:  # a person's figure is never overwritten unasked
            out.append(("", "与日报里填的不同的数保留了填的；要改用生意参谋的：shopbook kpi import … --replace",
                        "figures typed differently in Daily were kept; to take 生意参谋's: shopbook kpi import … --replace"))
        if issues:
            # `run`: the whole command, this shop's and these files' (the button's box: no command line to go back to)
            # (a download's row and its column: 第 6 行 › 支付金额, as the command line's block names them)
            out += first([issue_said_at_cell(i) for i in self.issues], shown, ("条", "more"), where or
                         (f"{run or 'shopbook kpi import'} 列出全部", f"{run or 'shopbook kpi import'} lists them all"))
        return out

    def to_json(self) -> dict:
        return {"files": self.files, "days": self.days, "added": [d.isoformat() for d in self.added],
                "filled": [d.isoformat() for d in self.filled], "unchanged": self.merge.unchanged,
                "replaced": self.merge.replaced, "later": [d.isoformat() for d in self.merge.later],
                "not_imported": [d.isoformat() for d in sorted(self.merge.skipped)],
                "conflicts": [{"date": c.date.isoformat(), "field": c.field, "typed": str(c.typed),
                               "file": str(c.file_value), "row": own_row(c.row)} for c in self.merge.conflicts],
                "empty_files": self.empty, "issues": [i.to_json() for i in self.issues]}


def sycm_files(paths: list[Path]) -> tuple[list[Path], list]:
    """Of `paths`, the 生意参谋 downloads (with their tables); the rest are not touched."""
    from ..orders.platform_export import read_table

    found, tables = [], []
    for p in paths:
        suffix = Path(p).suffix.lower()
        # a CSV is an order export unless its first lines name 生意参谋's columns (its .xls saved again as CSV by
        # WPS or Excel: before, the orders import refused it, the import step failed and 审单 was skipped); an
        # order export's CSV is not read whole here for that
        if suffix not in (".xls", ".xlsx") and not (suffix in (".csv", ".txt", ".tsv") and _names_sycm_columns(p)):
            continue
        try:
            ts = read_table(Path(p))
        except ShopbookError:
            continue  # not ours to judge: the orders import says why it does not read
        if any(is_sycm(t) for t in ts):
            found.append(Path(p))
            tables += ts
    return found, tables


def _names_sycm_columns(path) -> bool:
    """Whether a text file's first 64 KB hold 生意参谋's 统计日期 and 访客数 (UTF-8, GBK or UTF-16, as a CSV is saved)."""
    try:
        with open(path, "rb") as f:
            head = f.read(65536)
    except OSError:
        return False
    encodings = ("utf-16",) if head[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8", "gb18030")
    for enc in encodings:
        text = head.decode(enc, errors="ignore")
        if "统计日期" in text and "访客数" in text:
            return True
    return False


IMPORTED = "kpi-imported.json"  # in .shopbook-cache/: the figures imports wrote into 日报


def imported_record(shop) -> dict[str, dict[str, object]]:
    """What earlier imports wrote into 日报, day → field → figure (JSON: numbers as text). Only ever a
    way to tell 生意参谋's figure from a person's: gone or unreadable, every figure counts as typed."""
    import json

    from ..io.cache import CACHE_DIR

    try:
        got = json.loads((shop.folder / CACHE_DIR / IMPORTED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return got if isinstance(got, dict) else {}


def _keep_imported(shop, record: dict, written: dict[dt.date, dict[str, object]]) -> None:
    import json

    from ..io.cache import CACHE_DIR, put

    for date, values in written.items():
        day = record.setdefault(date.isoformat(), {})
        day.update({f: (str(v) if isinstance(v, Decimal) else v) for f, v in values.items() if f != "date"})
    try:  # as the cache's files are written: whole, and shared with the shop folder's group (a colleague's run)
        put(shop.folder / CACHE_DIR / IMPORTED, json.dumps(record, ensure_ascii=False, sort_keys=True).encode())
    except OSError:  # (a read-only folder: the next revision is then said as typing, as before)
        pass


def _formula_cells(write: Writer, path: Path, sd, rows: list) -> set[tuple[int, str]]:
    """The (row, field) of 日报's cells among `rows` that hold a person's formula, on the sheet `write`
    writes: each year's own where 日报 is kept a sheet a year (read as one: row k * ROW_SPAN + r of part k);
    the open book's in Excel and xlwings Lite (whose kpi.xlsx is no file: io.sheet_edit.formula_rows, a call
    a column). A sheet the read found no formula in is not looked at."""
    if sd.formulas is False or not rows:
        return set()
    if getattr(write, "formulas", None) is None:  # the file: each sheet's XML read once
        return {(r + k * ROW_SPAN, f) for k, p in enumerate(sd.parts or (sd,)) if p.formulas is not False
                for r, f in formula_fields(path, p)}
    at = {r.row for r in rows if r.row}
    return {(r, f) for f in sd.columns for r in formula_rows(write, path, sd, f, at)}


def _no_sheet_of_their_own(sd, new: list[DailyKpi]) -> list[Issue]:
    """Where 日报 is kept a sheet a month (a year), the new days of a month (year) it has no sheet of, said
    where they go: the sheet written to first, this month's (October's 10-31 went below December's rows
    on “12月” without a word, in that sheet's own sums once they are extended)."""
    from ..io.reader import part_for

    if not sd.parts or not new:
        return []
    monthly = any(m for _, m in sd.dates)
    apart: dict[int, list[dt.date]] = {}
    for rec in new:
        part = part_for(sd, rec)
        k = next(k for k, p in enumerate(sd.parts) if p is part)
        y, m = sd.dates[k]
        if (y and y != rec.date.year) or (m and m != rec.date.month):
            apart.setdefault(k, []).append(rec.date)
    return [Issue("warning", f"{'、'.join(map(str, days))} 没有自己{'月份' if monthly else '年份'}的日报表，写在了"
                             f"“{sd.parts[k].sheet}”的最后（不在这张表的日期里）。要分开放的话，建一张那个"
                             f"{'月' if monthly else '年'}的表（表头相同），把这{'几' if len(days) > 1 else '一'}行移过去。",
                  f"{', '.join(map(str, days))}: no Daily sheet of {'its' if len(days) == 1 else 'their'} "
                  f"{'month' if monthly else 'year'}, so written at the end of {sd.parts[k].sheet}, among other "
                  f"dates. To keep them apart, add that {'month' if monthly else 'year'}'s sheet (the same header) "
                  f"and move {'it' if len(days) == 1 else 'them'} there.", book=KPI.filename, sheet=sd.parts[k].sheet)
            for k, days in apart.items()]


@writes_shop("kpi import")
def import_kpi(shop, files: list[Path], replace: bool = False, write: Writer = edit_workbook,
               tables: list | None = None) -> KpiImport:
    """Import 生意参谋 downloads into 日报. A file that is no 生意参谋 download stops the import
    before anything is written."""
    from ..io.files import file_times
    from ..orders.platform_export import read_table

    files = files_given(files)
    if tables is None:
        tables = []
        for f in files:
            ts = read_table(f)
            if not any(is_sycm(t) for t in ts):
                # (nothing tells what else it is, 生意参谋's 流量来源 report among them: which download to choose)
                zh, en = what_else(ts) or ("：请选生意参谋的店铺整体数据下载（按自然日），它有统计日期、访客数、支付金额等列",
                                           (": choose 生意参谋's shop-wide data download (店铺整体, by day, 自然日), "
                                            "which has the 统计日期, 访客数 and 支付金额 columns"))
                lack = [n for n in ("统计日期", "访客数", "支付金额") if not any(header_key(n) in t.header for t in ts)]
                said = (f"这不是生意参谋的店铺数据下载（找不到 {'、'.join(lack)} 列）{zh}。什么都没有写入。",
                        f"This is not a 生意参谋 shop-data download (no {', '.join(lack)} column){en}. Nothing was written.")
                raise ShopbookError(*said, f, by_button=elsewhere_by_button(*said))  # (in Excel: the button for it)
            if (why := not_by_day(f, ts)) is not None:
                raise why
            tables += ts
    issues: list[Issue] = []
    # oldest download first, by the file's time, not its name: a browser names the second download of
    # a file "X (1).xls", which sorts before "X.xls"; its figures are the later ones, and win
    when = {f.name: k for f, k in file_times(files).key.items()}
    days = sorted(read_sycm_tables(tables, issues), key=lambda d: when.get(d.file, ()))
    # a download of its header alone (the days chosen had no figures yet): "✓ 0 天" said it imported, and the
    # daily job moved it to done/ without a word
    empty = []
    for t in tables:
        book, _, sheet = t.name.partition(":")
        if is_sycm(t) and not any(d.file == book for d in days) and not any(i.book == book for i in issues):
            empty.append(book)
            issues.append(Issue("warning", "这个下载里没有一天的数（只有表头），什么都没有导入：选的日期生意参谋可能还没有数"
                                           "（一天的数要第二天才有）。请在生意参谋按自然日重新下载，选昨天或更早的日期。",
                                "This download holds no day's figures (its header alone); nothing was imported: 生意参谋 "
                                "may have had no figures yet for the days chosen (a day's come the next day). Download "
                                "it again by day (自然日), choosing yesterday or earlier.",
                                book=book, sheet=sheet, row=t.first_row - 1, cell=row_cell(t.first_row - 1)))
    path = shop.path(KPI)
    wd = read_workbook(path, KPI, (DailyKpi,))
    missing = [i for i in wd.errors_in(DailyKpi) if not i.row]  # no 日报 sheet, no header: nowhere to write
    if missing:  # the shop's own sheet: said in its language, as report weekly's stop on it
        raise DataStop(f"kpi.xlsx 的日报表无法使用：{missing[0].message_zh}", f"The Daily sheet of kpi.xlsx cannot be "
                            f"used: {going_on(missing[0].message_en)}", path)
    sd = wd.sheets[DailyKpi]
    # a day a person typed ahead (its date, the rest blank: each figure "required") is a row to fill, as
    # a blank cell is; a row with a cell that does not read is not touched
    wrong = {i.row for i in sd.issues if i.is_error and i.value not in ("", None)}
    ahead = [u for u in sd.unreadable if u.row not in wrong and u.date is not None]
    rows = [*sd.records, *ahead]
    readable = {r.date for r in rows}
    rows_of: dict[dt.date, list[int]] = {}
    for r in (*sd.records, *sd.unreadable):
        if r.date is not None:
            rows_of.setdefault(r.date, []).append(r.row)
    record = imported_record(shop)
    res = merge(rows, {u.date: u.row for u in sd.unreadable if u.date is not None and u.date not in readable},
                days, replace, _formula_cells(write, path, sd, rows), dt.date.today(),  # (the shop's day: [shop] timezone)
                {d: sorted(at) for d, at in rows_of.items() if len(at) > 1}, when, record,
                (lambda r: sd.parts[r // ROW_SPAN].sheet) if sd.parts else None)
    res.issues = [sd.locate(i) if i.sheet == DailyKpi.zh else i for i in res.issues]
    issues += res.issues
    if not replace:  # a row read with a cell that does not (好评率 typed 99): that cell is typing, never filled
        typed = {(i.row, i.field): i.value for i in sd.issues if i.is_error and i.row and i.field and i.row in wrong}
        for row, sets in list(res.fill.items()):
            for f in [f for f in sets if (row, f) in typed]:
                v, col = sets.pop(f), DailyKpi.column(f).header(shop.lang)
                issues.append(sd.locate(Issue(
                    "error", f"{by_date_of(rows, row)} {col}：日报里填的“{typed[row, f]}”读不出，保留了它，没有写入生意参谋的 "
                    f"{_shown(f, v)}：改好这一格（shopbook validate 说怎么改）或清空它再导入；要用生意参谋的数，加 --replace。",
                    f"{by_date_of(rows, row)} {col}: the Daily sheet's '{typed[row, f]}' does not read; it was kept and "
                    f"生意参谋's {_shown(f, v)} not written: fix the cell (shopbook validate says how) or clear it, then "
                    "import again; to take 生意参谋's, import with --replace.",
                    sheet=DailyKpi.zh, row=row, field=f, value=str(typed[row, f]))))
            if not sets:
                del res.fill[row]
                res.blanks.discard(row)
    # a typed row whose 日期 does not read (11月22日: no year) is no day to compare with: its day came in
    # beside it unsaid, the person's figures unchecked, and on two rows once the date is fixed
    for i in sd.issues:
        if i.is_error and i.field == "date" and i.row and i.value not in ("", None):
            issues.append(sd.locate(Issue(
                "warning", f"日报这一行的日期“{i.value}”读不出，没有和生意参谋的下载核对：它若是下载里的一天，那一天另起了一行。"
                "请改好这个日期（shopbook validate 说怎么改），同一天有两行的删掉一行，再导入一次。",
                f"This Daily row's date '{i.value}' does not read, so the row was not checked against the 生意参谋 "
                "download: if it is one of the download's days, that day came in on a row of its own. Fix the date "
                "(shopbook validate says how), delete one of a day's two rows, and import again.",
                sheet=DailyKpi.zh, row=i.row, field="date", value=str(i.value))))
    for c in res.formulas:
        col = DailyKpi.column(c.field).header(shop.lang)
        issues.append(sd.locate(Issue(
            "warning", f"{c.date} {col}：这一格是公式，没有写入生意参谋的 {_shown(c.field, c.file_value)}（公式保留）。",
            f"{c.date} {col}: the cell holds a formula; 生意参谋's {_shown(c.field, c.file_value)} was not written into "
            "it (the formula is kept).", sheet=DailyKpi.zh, row=c.row, field=c.field,
            value="" if c.typed is None else str(c.typed))))
    for c in res.conflicts:
        col = DailyKpi.column(c.field).header(shop.lang)
        kept = not replace
        typed, theirs = _shown(c.field, c.typed), _shown(c.field, c.file_value)
        issues.append(sd.locate(Issue(
            "warning" if replace else "error",
            f"{c.date} {col}：日报里填的是 {typed}，生意参谋是 {theirs}。"
            + ("已改为生意参谋的数。" if replace else "保留了填的数；要用生意参谋的数，加 --replace 再导入。"),
            f"{c.date} {col}: the Daily sheet has {typed}, 生意参谋 says {theirs}. "
            + ("Replaced by 生意参谋's figure." if replace else "The typed figure is kept; import with --replace "
                                                                 "to take 生意参谋's."),
            sheet=DailyKpi.zh, row=c.row, field=c.field, value=str(c.typed if kept else c.file_value))))
    for c in res.revised:  # 生意参谋's own figure, revised by a newer download: taken, said (no typing lost)
        col = DailyKpi.column(c.field).header(shop.lang)
        was, now = _shown(c.field, c.typed), _shown(c.field, c.file_value)
        issues.append(sd.locate(Issue(
            "warning", f"{c.date} {col}：日报里是之前导入的生意参谋的 {was}，新下载（{c.file}）改成了 {now}：已更新。",
            f"{c.date} {col}: the Daily sheet had {was} from an earlier 生意参谋 import; the newer download "
            f"({c.file}) says {now}: updated.", sheet=DailyKpi.zh, row=c.row, field=c.field, value=str(c.file_value))))
    issues += _no_sheet_of_their_own(sd, res.append)
    by_row = {r.row: r.date for r in rows}
    if res.append or res.fill:
        ensure_writable(write, path)
        write(path, [SheetEdit(DailyKpi, set_cells=res.fill, append=res.append, layout=sd)], lang=shop.lang)
        _keep_imported(shop, record, {**{by_row[r]: v for r, v in res.fill.items() if r in by_row},
                                      **{r.date: {c.name: v for c in DailyKpi.columns() if (v := getattr(r, c.name, None)) is not None}
                                         for r in res.append}})
    return KpiImport([f.name for f in files], len({d.date for d in days}), [r.date for r in res.append],
                     sorted(by_row[r] for r in res.blanks), res, issues, empty)
