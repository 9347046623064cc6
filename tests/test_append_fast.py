"""Appending rows without walking every row gives the walk's file, byte for byte.

xlsx_patch keeps the rows above a sheet's last row as one slice when they are plain (every
row tag `<row r="N"`, N ascending, the last row filled) and walks every row otherwise. Here
real workbooks are patched both ways — the walk forced by making `_last_row_plain` decline —
and every zip part must be the same; the written files must re-read to the same records."""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

import shopbook.io.xlsx_patch as xp
from shopbook.io.reader import read_workbook, sheet_parts
from shopbook.io.xlsx_patch import SheetPatch, patch_workbook
from shopbook.schema import ORDERS, STOCK

DEMO = Path(__file__).resolve().parents[1] / "xlsx"


class _CountingRows:
    """xp._ROW, counting the walks over every row."""

    def __init__(self):
        self.walks = 0

    def finditer(self, *a, **k):
        self.walks += 1
        return xp._ROW_REAL.finditer(*a, **k)


@pytest.fixture
def walks(monkeypatch):
    monkeypatch.setattr(xp, "_ROW_REAL", xp._ROW, raising=False)
    spy = _CountingRows()
    monkeypatch.setattr(xp, "_ROW", spy)
    return spy


def both_ways(monkeypatch, src: Path, patches, tmp: Path, header_rows=None):
    """The workbook patched as now and with the full walk: (now, walked), each the file's
    parts in order, or the error each way raised."""
    def run(name):
        out = tmp / name
        try:
            patch_workbook(src, out, patches, header_rows or {p.sheet: p.header_row for p in patches})
        except Exception as e:  # the same stop, in the same words, either way
            return type(e), str(e)
        with zipfile.ZipFile(out) as z:
            return [(i.filename, z.read(i.filename)) for i in z.infolist()]

    now = run("now.xlsx")
    with monkeypatch.context() as m:
        m.setattr(xp, "_last_row_plain", lambda *a: None)
        walked = run("walked.xlsx")
    return now, walked


def assert_same(now, walked):
    assert isinstance(now, list), now
    assert [n for n, _ in now] == [n for n, _ in walked]
    for (name, a), (_, b) in zip(now, walked):
        assert a == b, name


def rows_of(n0: int, n: int) -> list[dict[int, object]]:
    """Rows as an import appends them: text, money (exact), counts, dates, blanks, odd text."""
    out = []
    for k in range(n0, n0 + n):
        out.append({1: f"T{k:06d}", 2: "淘宝", 3: dt.date(2026, 11, 1) + dt.timedelta(days=k % 28),
                    4: Decimal(f"{k % 97}.{k % 100:02d}"), 5: k % 5, 6: ["待审核", "已发货", "a<b&c"][k % 3],
                    **({7: dt.datetime(2026, 11, 2, 9, k % 60)} if k % 4 else {}), 9: True if k % 7 == 0 else "x"})
    return out


def year_like(path: Path, n: int = 3000, *, totals=False, styled_blank=0, date1904=False, bad=True) -> Path:
    """An orders sheet as a shop's year has it: thousands of rows of text, money as numbers
    and as text, dates, blanks, a bad cell or two, a formula with an error. Made once a process
    for each shape with openpyxl (20,000 rows: 6 s) and written out again for each test that asks."""
    path.write_bytes(_year_like(n, totals, styled_blank, date1904, bad))
    return path


@functools.lru_cache(maxsize=None)
def _year_like(n: int, totals: bool, styled_blank: int, date1904: bool, bad: bool) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "订单"
    if date1904:
        wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    ws.append(["订单编号", "平台", "下单日期", "金额", "数量", "状态", "付款时间", "备注", "标记"])
    for k in range(2, n + 2):
        money = f"{k % 50}.5" if k % 11 == 0 else Decimal(f"{k % 90}.{k % 10}0")
        ws.append([f"O{k:06d}", "拼多多" if k % 2 else "抖音", dt.date(2026, 1, 1) + dt.timedelta(days=k % 300),
                   money, k % 4 or None, "已完成", dt.datetime(2026, 1, 1, 8, k % 60) if k % 3 else None,
                   ("坏日期 2026-13-45" if bad and k % 500 == 0 else None), "=1/0" if k == 7 else None])
    ws["D3"].number_format = "#,##0.00"
    ws["C4"].number_format = "yyyy/m/d"
    if totals:
        ws.append(["合计", None, None, f"=SUM(D2:D{n + 1})"])
        ws.cell(ws.max_row, 1).font = openpyxl.styles.Font(bold=True)
    for j in range(styled_blank):  # rows a person formatted ahead, still empty
        for c in range(1, 6):
            ws.cell(ws.max_row + 1 if c == 1 else ws.max_row, c).fill = openpyxl.styles.PatternFill("solid", fgColor="FFFF00")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def reread(path: Path, spec) -> str:
    """What a read of the file gives (records, issues in their words), the file's name left out."""
    return repr(read_workbook(path, spec)).replace(str(path), "<file>").replace(path.name, "<file>")


_year_like_read: dict[bytes, str] = {}


def reread_year_like(path: Path) -> str:
    """reread(path, ORDERS) of a year_like workbook, once a process for each content (the "plain"
    and "edited" cases start from the same bytes; the read leaves out the file's name)."""
    made = path.read_bytes()
    if made not in _year_like_read:
        _year_like_read[made] = reread(path, ORDERS)
    return _year_like_read[made]


def sheet_xml(path: Path, sheet: str) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read(sheet_parts(z)[sheet])


def with_sheet_xml(src: Path, out: Path, sheet: str, change) -> Path:
    """A copy of `src` with the sheet's XML changed by `change` (what other writers produce)."""
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as b:
        part = sheet_parts(a)[sheet]
        for i in a.infolist():
            data = a.read(i.filename)
            b.writestr(i, change(data) if i.filename == part else data)
    return out


# -- the plain sheets: appended after the last row without the walk -------------------------------

@pytest.mark.parametrize("case", ["plain", "totals", "1904", "edited"])
def test_year_like_orders_appended_without_the_walk_as_the_walk_does(tmp_path, monkeypatch, walks, case):
    src = year_like(tmp_path / "orders.xlsx", totals=case == "totals", date1904=case == "1904")
    cells = {}
    if case == "edited":  # statuses set on rows above, a new column's header, in the same write
        cells = {(2, 6): "已发货", (9, 6): "已取消", (1500, 4): Decimal("1.10"), (3000, 3): dt.date(2026, 12, 1),
                 (1, 10): "新列", (7, 9): "覆盖了公式"}
    now, walked = both_ways(monkeypatch, src, [SheetPatch("订单", cells, rows_of(1, 40))], tmp_path)
    assert walks.walks == 1  # only the forced walk walked
    assert_same(now, walked)
    after = reread(tmp_path / "now.xlsx", ORDERS)  # (read once: the same file, unchanged, for both asserts)
    assert after == reread(tmp_path / "walked.xlsx", ORDERS)
    before = reread_year_like(src)
    assert after.count("T0000") == 40 and before.count("T0000") == 0  # the appended rows are read
    assert b"T000040" in sheet_xml(tmp_path / "now.xlsx", "订单")
    if case == "totals":  # below the totals row, as the walk puts them
        assert re.search(rb'<row r="3003"><c r="A3003"[^>]*><is><t[^>]*>T000001<', sheet_xml(tmp_path / "now.xlsx", "订单"))


def test_the_demo_workbooks_every_sheet(tmp_path, monkeypatch, walks):
    patched = 0
    for book in sorted(DEMO.glob("*.xlsx")):
        src = tmp_path / book.name
        shutil.copy(book, src)
        with zipfile.ZipFile(src) as z:
            sheets = list(sheet_parts(z))
        for sheet in sheets:
            patches = [SheetPatch(sheet, {(2, 2): "改了"}, rows_of(7, 5))]
            now, walked = both_ways(monkeypatch, src, patches, tmp_path)
            patched += 1
            if isinstance(now, list):
                assert_same(now, walked)
            else:
                assert now == walked
    print(f"{patched} sheets, {walks.walks - patched} walked without being forced")
    assert walks.walks < 2 * patched  # the plain path served some of the sheets


def test_appending_to_every_sheet_of_stock_xlsx_in_one_write(tmp_path, monkeypatch, walks):
    src = tmp_path / "stock.xlsx"
    shutil.copy(DEMO / "stock.xlsx", src)
    with zipfile.ZipFile(src) as z:
        sheets = list(sheet_parts(z))
    patches = [SheetPatch(s, {}, rows_of(1, 3)) for s in sheets]
    now, walked = both_ways(monkeypatch, src, patches, tmp_path)
    assert_same(now, walked)
    assert reread(tmp_path / "now.xlsx", STOCK) == reread(tmp_path / "walked.xlsx", STOCK)


# -- anything unusual: the walk, as before ---------------------------------------------------------

def test_trailing_empty_styled_rows_walk_and_appended_rows_go_above_them(tmp_path, monkeypatch, walks):
    src = year_like(tmp_path / "orders.xlsx", n=200, styled_blank=3)
    assert re.search(rb'<row r="204"[^>]*>(?:(?!<v>|<is>).)*</row></sheetData>', sheet_xml(src, "订单"))
    now, walked = both_ways(monkeypatch, src, [SheetPatch("订单", {}, rows_of(1, 5))], tmp_path)
    assert walks.walks == 2 and xp._last_row_plain(*_body(src), []) is None
    assert_same(now, walked)


def _body(src: Path) -> tuple[bytes, bytes]:
    xml = sheet_xml(src, "订单")
    m = re.search(rb"<(\w+:)?sheetData\b[^>]*>", xml)
    return xml[m.end(): xml.rindex(b"</" + (m.group(1) or b"") + b"sheetData>")], m.group(1) or b""


UNUSUAL = {
    # rows out of order: the walk writes appended rows among them
    "out of order": lambda x: x.replace(b'<row r="3"', b'<row r="9000"', 1),
    # a row without its number: counted from the one before
    "row without r": lambda x: x.replace(b'<row r="5" ', b"<row ", 1).replace(b'<row r="5">', b"<row>", 1),
    # r not first among the row's attributes
    "r not first": lambda x: re.sub(rb'<row r="6"( [^>]*)?>', lambda m: b'<row ht="15"' + (m.group(1) or b"") + b' r="6">',
                                    x, count=1),
    # a namespace prefix on every element
    "prefixed": lambda x: re.sub(rb"<(/?)(?!\?)(\w+)", lambda m: b"<" + m.group(1) + b"x:" + m.group(2),
                                 x.replace(b'xmlns="', b'xmlns:x="', 1)),
    # the last row self-closed, holding nothing
    "empty last": lambda x: x.replace(b"</sheetData>", b'<row r="700" spans="1:3"/></sheetData>'),
}


@pytest.mark.parametrize("unusual", sorted(UNUSUAL))
def test_unusual_rows_are_walked_as_before(tmp_path, monkeypatch, walks, unusual):
    base = year_like(tmp_path / "base.xlsx", n=300)
    src = with_sheet_xml(base, tmp_path / "orders.xlsx", "订单", UNUSUAL[unusual])
    cells = {(4, 6): "已发货"}
    now, walked = both_ways(monkeypatch, src, [SheetPatch("订单", cells, rows_of(1, 4))], tmp_path)
    assert walks.walks == 2  # declined: walked both times
    assert_same(now, walked)


def test_an_edited_row_the_xml_lacks_is_walked_into_place(tmp_path, monkeypatch, walks):
    base = year_like(tmp_path / "base.xlsx", n=300)
    src = with_sheet_xml(base, tmp_path / "orders.xlsx", "订单",
                         lambda x: re.sub(rb'<row r="10".*?</row>', b"", x, count=1, flags=re.S))
    now, walked = both_ways(monkeypatch, src, [SheetPatch("订单", {(10, 6): "补上"}, rows_of(1, 3))], tmp_path)
    assert walks.walks == 2  # the plain path found the gap and walked
    assert_same(now, walked)
    assert re.search(rb'<row r="9".*?</row><row r="10">', sheet_xml(tmp_path / "now.xlsx", "订单"), re.S)


def test_an_edit_at_or_below_the_last_row_is_walked(tmp_path, monkeypatch, walks):
    src = year_like(tmp_path / "orders.xlsx", n=100)
    for cells in ({(101, 6): "改最后一行"}, {(150, 2): "下面的格子"}):
        now, walked = both_ways(monkeypatch, src, [SheetPatch("订单", cells, rows_of(1, 2))], tmp_path)
        assert_same(now, walked)
    assert walks.walks == 4


def test_a_shared_formula_stops_both_ways_in_the_same_words(tmp_path, monkeypatch, walks):
    base = year_like(tmp_path / "base.xlsx", n=50)

    def shared(x):  # D2 the source of a shared formula D2:D4
        return re.sub(rb'(<c r="D2"[^>]*?)(/>|>.*?</c>)', rb'\1><f t="shared" ref="D2:D4" si="0">1+1</f><v>2</v></c>',
                      x, count=1, flags=re.S)

    src = with_sheet_xml(base, tmp_path / "orders.xlsx", "订单", shared)
    now, walked = both_ways(monkeypatch, src, [SheetPatch("订单", {(2, 4): Decimal("3")}, rows_of(1, 2))], tmp_path)
    assert now == walked and "shared formula" in now[1]


def test_new_text_cells_are_made_once_per_style_and_text(tmp_path, monkeypatch):
    """new_row makes each text's cell once (as replacing does: its text escaped once), the same
    bytes _cell_xml makes."""
    src = year_like(tmp_path / "orders.xlsx", n=20)
    out = tmp_path / "out.xlsx"
    made = []
    real, escape = xp._cell_xml, xp._xml_text
    monkeypatch.setattr(xp, "_xml_text", lambda v: made.append(v) or escape(v))
    patch_workbook(src, out, [SheetPatch("订单", {}, rows_of(1, 30))], {"订单": 1})
    texts = [v for row in rows_of(1, 30) for v in row.values() if isinstance(v, str)]
    assert sorted(made) == sorted(set(texts)) and len(made) < len(texts)
    xml = sheet_xml(out, "订单")
    styles = xp._Styles(zipfile.ZipFile(out).read("xl/styles.xml"))
    for k, row in enumerate(rows_of(1, 30), start=22):
        m = re.search(rb'<row r="%d">.*?</row>' % k, xml, re.S)
        for col, v in row.items():
            if isinstance(v, str):
                ref = f"{xp.col_letter(col - 1)}{k}"
                cell = re.search(rb'<c r="%s"[^>]*?(?:/>|>.*?</c>)' % ref.encode(), m.group(0), re.S).group(0)
                style = re.search(rb' s="(\d+)"', cell)
                assert cell == real(ref, v, int(style.group(1)) if style else None, styles, b"")


def old_new_rows(src: Path, sheet: str, base: int, rows: list[dict[int, object]]) -> tuple[bytes, bytes]:
    """The appended rows as new_row wrote them before it remembered cells: every cell made by
    _cell_xml with the style of the cell above in the last row; and styles.xml after them."""
    with zipfile.ZipFile(src) as z:
        styles = xp._Styles(z.read("xl/styles.xml"))
        styles.epoch = xp.workbook_epoch(z.read("xl/workbook.xml"))
    last = re.findall(rb"<row\b.*?</row>", sheet_xml(src, sheet), re.S)[-1]
    above = {xp._col_index(m.group(1).decode()): int(m.group(2) or 0)
             for m in re.finditer(rb'<c r="([A-Z]+)\d+"(?: s="(\d+)")?', last)}
    out = b""
    for k, values in enumerate(rows, start=base + 1):
        out += b'<row r="%d">' % k + b"".join(xp._cell_xml(f"{xp.col_letter(c - 1)}{k}", values[c], above.get(c), styles, b"")
                                             for c in sorted(values)) + b"</row>"
    return out, styles.xml


@pytest.mark.parametrize("date1904", [False, True])
def test_appended_cells_remembered_write_what_each_made_alone_did(tmp_path, date1904):
    src = year_like(tmp_path / "orders.xlsx", n=60, date1904=date1904)
    odd = [{1: 0.0, 2: -0.0, 3: 1.5, 4: Decimal("1.0"), 5: Decimal("1.00"), 6: "", 7: None, 8: False, 9: 0},
           {1: 0, 2: False, 3: Decimal("1.00"), 4: Decimal("1.0"), 5: -0.0, 6: 0.0, 7: "", 8: True, 9: 1},
           {1: dt.datetime(2026, 3, 1), 3: dt.date(2026, 3, 1), 4: dt.datetime(2026, 3, 1, 0, 0, 1), 7: dt.date(2026, 3, 1)},
           {5: True, 8: 0, 9: False}, {1: -0.0, 2: 0.0, 3: 1.5, 4: 89.9, 5: 89.9}, {4: 89.9, 6: -0.0, 3: 1.50}]
    rows = rows_of(1, 30) + odd + rows_of(3, 30)
    out = tmp_path / "out.xlsx"
    patch_workbook(src, out, [SheetPatch("订单", {}, rows)], {"订单": 1})
    expected, styles_xml = old_new_rows(src, "订单", 61, rows)
    written = sheet_xml(out, "订单")
    assert written[written.index(b'<row r="62">'): written.index(b"</sheetData>")] == expected
    with zipfile.ZipFile(out) as z:
        assert z.read("xl/styles.xml") == styles_xml

