"""Reading order files as they arrive: the Taobao/Tmall seller-centre export pair
(订单报表 ExportOrderList + 宝贝报表 ExportOrderDetailList, CSV or .xlsx), the agents'
order sheets, and plain files with the 订单 headers.

The platform's CSV is GBK/GB18030, every cell quoted, order numbers as ="3515…",
mobiles with a leading ', some headers with a trailing space, detail rows with an
extra trailing comma. Columns are found by name, so newer exports with more
columns (支付单号, 商家备忘, 主订单编号/子订单编号 …) read the same.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import python_calamine as pc

from .. import values as V
from ..io.files import check_workbook
from ..io.reader import header_key
from ..issues import Issue, ShopbookError
from ..schema import OrderLine, OrderSource, OrderStatus

PAID_WAITING = "买家已付款，等待卖家发货"


@dataclass
class Table:
    """A file's rows as header → text, with where they came from."""

    name: str
    header: list[str]
    rows: list[dict[str, object]]
    encoding: str = ""
    first_row: int = 2  # the file line / sheet row of rows[0]

    def has(self, *names: str) -> bool:
        keys = set(self.header)
        return all(header_key(n) in keys for n in names)


def _decode(data: bytes, path: Path | None = None, cut_ok: bool = False) -> tuple[str, str]:
    """UTF-8 (with or without BOM) when the bytes are valid UTF-8, else GB18030
    (a superset of GBK, which the platform writes). A download cut off in the middle of a
    character is said to be cut off; with `cut_ok` (the caller reports a cut file itself)
    the text up to the cut is returned."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # a compound file: a password-protected .xlsx or an old .xls
        raise ShopbookError("这是加密（设了密码）的工作簿或旧版 .xls，不是文本文件：请去掉密码另存为 .xlsx，或重新下载 CSV。",
                            "This is a password-protected workbook or an old .xls, not a text file: save it "
                            "without a password as .xlsx, or download the CSV again.", path)
    if data.startswith(b"PK\x03\x04"):  # a zip: a workbook (or a .zip) where text was expected
        raise ShopbookError("这是工作簿或压缩包，不是文本（CSV）文件。", "This is a workbook or a zip, not a text (CSV) file.",
                            path)
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    failed = {}
    for enc in ("utf-8",) if bom else ("utf-8", "gb18030"):
        try:
            return data.decode(enc), ("utf-8-sig" if bom else enc)
        except UnicodeDecodeError as e:
            failed[enc] = e
    for enc, e in failed.items():  # neither reads it whole: is it only the last character that is cut?
        if e.end >= len(data) and e.start >= len(data) - 3:
            if cut_ok:
                return data[:e.start].decode(enc), enc
            raise ShopbookError("文件在结尾处被截断（最后一个字不完整）：下载不完整，请重新下载或导出。",
                                "The file is cut off (its last character is incomplete): download or "
                                "export it again.", path)
    raise ShopbookError("文件编码无法识别（不是 UTF-8，也不是 GBK）。", "Unknown text encoding (neither UTF-8 nor GBK).",
                        path)


def read_table(path: Path) -> list[Table]:
    """CSV → one table; a workbook → one table per sheet that has a header."""
    path = Path(path)
    if not path.exists():
        raise ShopbookError("找不到这个文件。", "File not found.", path)
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        check_workbook(path)
        wb = pc.CalamineWorkbook.from_path(str(path))
        tables = []
        for name in wb.sheet_names:
            rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
            head_at = _header_row(rows)
            if head_at is None:
                continue
            header = [header_key(v) for v in rows[head_at]]
            body = [dict(zip(header, r)) for r in rows[head_at + 1:] if any(v not in ("", None) for v in r)]
            tables.append(Table(f"{path.name}:{name}", header, body, "xlsx", head_at + 2))
        wb.close()
        return tables
    text, enc = _decode(path.read_bytes(), path)
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as e:  # e.g. a quote never closed, so one "field" runs to the end of the file
        raise ShopbookError(f"CSV 格式有误，无法读取：{e}。请从原处重新导出。",
                            f"The CSV is malformed and cannot be read ({e}). Export it again.", path) from None
    head_at = _header_row(rows)
    if head_at is None:
        raise ShopbookError("文件是空的，或找不到表头。", "The file is empty or has no header row.", path)
    header = [header_key(h) for h in rows[head_at]]
    body = []
    for r in rows[head_at + 1:]:
        if not any(c.strip() for c in r):
            continue
        body.append(dict(zip(header, r)))  # an extra trailing field (the detail file's comma) is dropped
    return [Table(path.name, header, body, enc, head_at + 2)]


def _header_row(rows: list[list]) -> int | None:
    """The header: the first of the top rows about as wide as the table, of at least two cells
    (a title or a "客户：… 结算周期：…" line above it is narrower)."""
    filled = [sum(1 for v in r if v not in ("", None) and str(v).strip()) for r in rows[:20]]
    wide = max(2, max(filled, default=0) * 3 // 5)
    return next((i for i, n in enumerate(filled) if n >= wide), None)


def cell(row: dict, *names: str) -> str:
    """The first non-blank of the named columns, cleaned of the platform's text markers."""
    for n in names:
        v = row.get(header_key(n))
        if v not in (None, ""):
            if isinstance(v, float) and v.is_integer():
                v = int(v)
            s = str(v).strip()
            if s.startswith('="') and s.endswith('"'):
                s = s[2:-1]
            if s.startswith("'"):
                s = s[1:]
            if s:
                return s
    return ""


ORDER_LIST_KEYS = ("订单编号", "订单状态", "收货地址")
DETAIL_KEYS = ("订单编号", "购买数量")
POSTCODE = re.compile(r"\s*[（(](\d{6})[)）]\s*$")


def split_postcode(address: str) -> tuple[str, str]:
    m = POSTCODE.search(address)
    return (address[: m.start()].strip(), m.group(1)) if m else (address.strip(), "")


@dataclass
class ImportResult:
    lines: list[OrderLine] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)  # {order_no, reason_zh, reason_en, file}
    issues: list[Issue] = field(default_factory=list)
    files: list[dict] = field(default_factory=list)  # {file, kind, encoding, rows}
    origin: dict[str, str] = field(default_factory=dict)  # order no. → the file it came from


def _issue(table: Table, k: int, column: str, value: object, zh: str, en: str, severity="error") -> Issue:
    return Issue(severity, zh, en, book=table.name.split(":")[0],
                 sheet=table.name.split(":")[1] if ":" in table.name else "",
                 cell=f"第 {table.first_row + k} 行 / row {table.first_row + k}", column=column,
                 value=V.parse_text(value) if value is not None else "", row=table.first_row + k)


def _code(table: Table, k: int, row: dict, names: tuple[str, ...], res: ImportResult) -> str | None:
    raw = cell(row, *names)
    if not raw:
        return ""
    number = next((row.get(header_key(n)) for n in names if row.get(header_key(n)) not in (None, "")), None)
    if isinstance(number, float):  # a workbook that kept the code as a number: it may have lost digits
        raw = number
    try:
        return V.parse_code(raw)
    except V.BadValue as e:
        res.issues.append(_issue(table, k, names[0], raw, e.zh, e.en))
        return None


def _money(table: Table, k: int, row: dict, names: tuple[str, ...], res: ImportResult) -> Decimal | None:
    """An amount of the export; one that does not read is left blank, with a warning: it never
    decides what ships, but nobody should find the blank without knowing why."""
    raw = cell(row, *names)
    try:
        return V.parse_money(raw) if raw else None
    except V.BadValue as e:
        res.issues.append(_issue(table, k, names[0], raw, e.zh, e.en, severity="warning"))
        return None


def import_taobao(order_tables: list[Table], detail_tables: list[Table], res: ImportResult) -> None:
    heads: dict[str, dict] = {}
    for orders in order_tables:
        for k, row in enumerate(orders.rows):
            no = _code(orders, k, row, ("订单编号", "主订单编号"), res)
            if not no or no in heads:  # the same order in two files is imported once
                continue
            status = cell(row, "订单状态")
            if status != PAID_WAITING:
                res.skipped.append({"order_no": no, "file": orders.name,
                                    "reason_zh": f"订单状态是“{status}”，不是“{PAID_WAITING}”",
                                    "reason_en": f"status is '{status}', not paid-and-waiting-to-ship"})
                heads[no] = {}
                continue
            # kept as the platform wrote it, "(邮编)" and all: the review warns on (000000), and
            # address parsing and the waybill take the postcode off themselves
            address = (cell(row, "修改后的收货地址") or cell(row, "收货地址")).strip()
            changes = []
            if cell(row, "修改后的收货地址"):
                changes.append("地址已修改 address modified")
            if cell(row, "修改后的sku"):
                changes.append(f"SKU已修改 SKU modified: {cell(row, '修改后的sku')}")
            paid = cell(row, "订单付款时间", "付款时间")
            try:
                paid_at = V.parse_datetime(paid) if paid else None
            except V.BadValue as e:
                res.issues.append(_issue(orders, k, "订单付款时间", paid, e.zh, e.en))
                paid_at = None
            heads[no] = {
                "order_no": no, "source": OrderSource.TAOBAO, "paid_at": paid_at,
                "buyer": cell(row, "买家会员名", "买家昵称") or None,
                "receiver": cell(row, "收货人姓名", "收货人"),
                "phone": cell(row, "联系手机", "联系电话", "手机"),
                "address": address,
                "shipping_fee": _money(orders, k, row, ("买家应付邮费", "运费"), res),
                "buyer_message": cell(row, "买家留言") or None,
                "seller_note": "；".join(x for x in (cell(row, "订单备注"), cell(row, "商家备忘")) if x) or None,
                "status": OrderStatus.NEW,
                "changes": "；".join(changes) or None,
            }
    lines: dict[tuple[str, str, Decimal | None], dict] = {}
    line_file: dict[tuple[str, str, Decimal | None], str] = {}
    for details in detail_tables:
        for k, row in enumerate(details.rows):
            no = _code(details, k, row, ("订单编号", "主订单编号"), res)
            if not no or not heads.get(no):
                continue
            sku = _code(details, k, row, ("商家编码", "外部系统编号", "商品编码"), res)
            if sku is None:
                continue
            if not sku:
                res.issues.append(_issue(
                    details, k, "商家编码", "",
                    "这一行没有商家编码，也没有外部系统编号：无法知道发哪个 SKU。请在淘宝后台给宝贝填上商家编码。",
                    "This line has neither 商家编码 nor 外部系统编号: the SKU is unknown. "
                    "Give the item an SKU code (商家编码) on the platform."))
                continue
            qty_s = cell(row, "购买数量", "数量")
            try:
                qty = V.parse_int(qty_s)
            except V.BadValue as e:
                res.issues.append(_issue(details, k, "购买数量", qty_s, e.zh, e.en))
                continue
            if qty <= 0:
                res.issues.append(_issue(details, k, "购买数量", qty_s, "数量必须是正整数。",
                                         "The quantity must be a positive whole number."))
                continue
            line_status = cell(row, "订单状态")
            if line_status and line_status != PAID_WAITING:
                res.skipped.append({"order_no": no, "sku": sku, "file": details.name,
                                    "reason_zh": f"这件宝贝的状态是“{line_status}”",
                                    "reason_en": f"this line's status is '{line_status}'"})
                continue
            price = _money(details, k, row, ("价格", "单价"), res)
            key = (no, sku, price)  # two listings of one SKU at two prices stay two lines: both prices count
            if key in lines:
                if line_file[key] != details.name:
                    continue  # the same line again from another file: imported once
                lines[key]["qty"] += qty  # two listings of one SKU at one price add up
                continue
            line_file[key] = details.name
            lines[key] = {**heads[no], "sku": sku, "qty": qty, "unit_price": price}
    res.lines.extend(OrderLine.from_cells(v) for v in lines.values())
    with_lines = {no for no, _, _ in lines}
    for no, head in heads.items():
        if head and no not in with_lines:
            res.skipped.append({"order_no": no, "file": "",
                                "reason_zh": "宝贝报表里没有这个订单的商品行",
                                "reason_en": "no item lines for it in the detail file"})


def import_plain(table: Table, res: ImportResult, source: OrderSource | None = None) -> None:
    """A file with the 订单 headers (Chinese or English), e.g. orders typed by hand or an agent's sheet."""
    from ..io.reader import SheetData, find_header, parse_rows

    if source is OrderSource.AGENT:  # the order sheet comes with 代理编号 filled in on every row
        agent_keys = {header_key("代理编号"), header_key("agent_id")}
        table = Table(table.name, table.header,
                      [r for r in table.rows if any(v not in ("", None) for k, v in r.items() if k not in agent_keys)],
                      table.encoding, table.first_row)
    header_row = [table.header]
    _, found, texts = find_header(header_row, OrderLine)
    sd = SheetData(book=table.name.split(":")[0], sheet=table.name.split(":")[-1] if ":" in table.name else "",
                   model=OrderLine, header_row=1, columns=found, headers=texts)
    grid = [table.header] + [[r.get(h, "") for h in table.header] for r in table.rows]
    parse_rows(grid, sd, {})
    for iss in sd.issues:
        res.issues.append(iss.with_(cell=f"第 {iss.row} 行 / row {iss.row}" if ":" not in table.name else iss.cell))
    for ln in sd.records:
        upd = {"status": OrderStatus.NEW}
        if source is not None:
            upd["source"] = source
        if ln.source is None and source is None:
            upd["source"] = OrderSource.MANUAL
        if ln.qty <= 0:
            res.issues.append(Issue("error", "数量必须是正整数。", "The quantity must be a positive whole number.",
                                    book=sd.book, sheet=sd.sheet, cell=f"row {ln.row}", value=str(ln.qty)))
            continue
        if source is OrderSource.AGENT and ln.agent_id and not ln.order_no.startswith(f"{ln.agent_id}-"):
            upd["order_no"] = f"{ln.agent_id}-{ln.order_no}"  # agents' own numbers may clash with others'
        no = upd.get("order_no", ln.order_no)
        first = res.origin.setdefault(no, table.name)
        if first != table.name:  # Monday's sheet and Tuesday's both list it: imported once
            res.skipped.append({"order_no": no, "sku": ln.sku, "file": table.name,
                                "reason_zh": f"同一订单已在 {first} 中导入", "reason_en": f"the same order came in {first}"})
            continue
        res.lines.append(ln.model_copy(update=upd))


def classify(table: Table) -> str:
    if table.has(*ORDER_LIST_KEYS):
        return "taobao-orders"
    if table.has(*DETAIL_KEYS) and (table.has("标题") or table.has("商家编码") or table.has("外部系统编号")):
        return "taobao-details"
    if table.has("代理编号", "商家编码", "收货人") or table.has("agent_id", "sku", "receiver"):
        return "agent"
    if table.has("订单编号", "商家编码", "收货人") or table.has("order_no", "sku", "receiver"):
        return "orders"
    return "unknown"


def read_order_files(paths: list[Path]) -> ImportResult:
    """Every order line in the given files, as 待审核 订单 rows; what was left out and why."""
    res = ImportResult()
    order_lists, detail_lists = [], []
    for p in paths:
        known = 0
        tables = read_table(Path(p))
        for t in tables:
            kind = classify(t)
            res.files.append({"file": t.name, "kind": kind, "encoding": t.encoding, "rows": len(t.rows)})
            known += kind != "unknown"
            if kind == "taobao-orders":
                order_lists.append(t)
            elif kind == "taobao-details":
                detail_lists.append(t)
            elif kind == "agent":
                import_plain(t, res, OrderSource.AGENT)
            elif kind == "orders":
                import_plain(t, res)
        if not known:  # a workbook's other sheets (an agent's price list …) are simply not orders
            wanted = "订单编号, 订单状态, 收货地址 (订单报表) / 订单编号, 购买数量, 商家编码 (宝贝报表)"
            raise ShopbookError(
                f"认不出这个文件：缺少这些列 —— {wanted}。它是淘宝/天猫卖家中心导出的订单报表或宝贝报表吗？",
                f"Unrecognised file: it lacks the columns {wanted}. Is it the Taobao/Tmall seller-centre "
                "order export (订单报表) or item export (宝贝报表)?", p)
    if order_lists and not detail_lists:
        raise ShopbookError("只有订单报表（ExportOrderList），缺少宝贝报表（ExportOrderDetailList）：没有它就不知道每个订单发哪些 SKU。请两个文件一起导入。",
                            "Only the order list (ExportOrderList) was given; the item list (ExportOrderDetailList) is "
                            "needed to know which SKUs each order ships. Import both files together.")
    if detail_lists and not order_lists:
        raise ShopbookError("只有宝贝报表（ExportOrderDetailList），缺少订单报表（ExportOrderList）：没有它就没有收货人和地址。请两个文件一起导入。",
                            "Only the item list (ExportOrderDetailList) was given; the order list (ExportOrderList) "
                            "holds the receivers and addresses. Import both files together.")
    if order_lists:
        import_taobao(order_lists, detail_lists, res)
    return res
