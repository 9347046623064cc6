"""The Arrow read (io/arrow_read: fastexcel's typed columns) gives exactly what calamine's row
reader gives: the same records (values and their types: Decimal('12.50') is not Decimal('12.5')),
unreadable rows, issues (cells, words, values), notes and layout, on real .xlsx files written
and read back. Each workbook is read both ways, with the Arrow read's size threshold at 0 so
that small sheets take it too; the cases say whether the Arrow read took the sheet or left it
to the row reader, so that a test cannot pass by never using it. Each is read a third way, its
biggest sheet begun on a thread first as a command begins it (io/prefetch), which must give what
the Arrow read gives; `begun` says what that read took of it."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904

pytest.importorskip("fastexcel")

from shopbook.io import arrow_read, prefetch, reader  # noqa: E402
from shopbook.issues import ShopbookError  # noqa: E402
from shopbook.schema import ORDERS, STOCK, WORKBOOKS, Movement, Product  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
N = 60  # data rows: more than the 20 the header is looked for in


def _value(v):
    return (type(v).__name__, repr(v))


def dump(wd) -> dict:
    """Everything a read gives, with each value's type."""
    out = {"issues": [repr(i) for i in wd.issues]}
    for m, sd in wd.sheets.items():
        out[m.__name__] = dict(
            sheet=sd.sheet, header_row=sd.header_row, columns=sd.columns, headers=sd.headers, present=sd.present,
            width=sd.width, issues=[repr(i) for i in sd.issues], notes=[repr(i) for i in sd.notes],
            records=[[(k, _value(v)) for k, v in r.__dict__.items()] for r in sd.records],
            unreadable=[[(k, _value(v)) for k, v in r.__dict__.items()] for r in sd.unreadable])
    return out


begun: dict[str, str] = {}  # the last read begun by io/prefetch: {sheet: "parse" (the thread's taken) or "missed"}


@pytest.fixture
def both(monkeypatch):
    """read(path, spec) → (dump by the row reader, dump by the Arrow read, {sheet: took it}); the
    read begun by io/prefetch is compared with the Arrow read's here (what it took: `begun`)."""
    monkeypatch.setattr(reader, "ARROW_MIN_BYTES", 0)
    monkeypatch.setattr(prefetch, "WORTH_BYTES", 0)
    took: dict[str, bool] = {}
    real = arrow_read.read_sheet
    real_take, real_parse = prefetch.take, arrow_read._parse

    def take(raw, part):
        a = real_take(raw, part)
        if a is not None:
            begun[a.name] = "parse"
        return a

    def parse(raw, name, first):
        if name in begun:
            begun[name] = "missed"
        return real_parse(raw, name, first)

    monkeypatch.setattr(prefetch, "take", take)
    monkeypatch.setattr(arrow_read, "_parse", parse)

    def spy(raw, book, name, part, model):
        sd = real(raw, book, name, part, model)
        took[name] = sd is not None
        return sd

    monkeypatch.setattr(arrow_read, "read_sheet", spy)

    def outcome(path, spec):
        try:
            return dump(reader._read_workbook(Path(path), spec))
        except ShopbookError as e:
            return ("stop", str(e), e.__dict__.get("message_en", ""))

    def read(path, spec):
        took.clear()
        monkeypatch.setenv("SHOPBOOK_ARROW_READ", "0")
        rows = outcome(path, spec)
        assert not took
        monkeypatch.setenv("SHOPBOOK_ARROW_READ", "1")
        arrow = outcome(path, spec)
        taken = dict(took)
        begun.clear()
        prefetch.begin(path)
        try:
            assert outcome(path, spec) == arrow
        finally:
            prefetch._ahead.clear()  # (a sheet the spec does not read is begun and never taken)
        return rows, arrow, taken

    return read


# --- one shop workbook, made per case ------------------------------------------------------------

def _products(n=N):
    return [[f"SKU{k:04d}", f"ST{k // 3}", f" 衬衫{k}号 ", "白", "M", f"690123456{k:04d}", f"A-{k}",
             12.5 + k, 39.9 + k, 5, 10 + k, 7, 0.25, None, "在售" if k % 2 else None, "广州一厂", f"GZ{k}"]
            for k in range(n)]


def _movements(n=N):
    return [[dt.date(2026, 11, 1) + dt.timedelta(days=k % 28), f"SKU{k % 40:04d}", "入库" if k % 3 else "出库",
             k % 9 + 1, f"PO{k}", None if k % 4 else "到货"] for k in range(n)]


def stock_book(path, products=None, movements=None, *, epoch=None, title=False, edit=None) -> Path:
    """stock.xlsx with a 商品 and an 出入库 sheet of N rows each; `edit(ws_products, ws_movements)`
    changes cells before saving."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "商品"
    if epoch is not None:
        wb.epoch = epoch
    if title:
        ws.append(["2026 年商品表"])
    ws.append([c.col.zh for c in Product.columns()])
    for r in products if products is not None else _products():
        ws.append(r)
    wm = wb.create_sheet("出入库")
    wm.append([c.col.zh for c in Movement.columns()])
    for r in movements if movements is not None else _movements():
        wm.append(r)
    for row in wm.iter_rows(min_row=2, max_col=1):
        row[0].number_format = "yyyy-mm-dd"
    if edit:
        edit(ws, wm)
    wb.save(path)
    return Path(path)


def put_xml(path: Path, sheet: int, ref: str, cell_xml: str) -> Path:
    """Replace (or add) cell `ref` of worksheet `sheet` with raw XML: an error value, as Excel saves it."""
    part = f"xl/worksheets/sheet{sheet}.xml"
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    xml = parts[part].decode()
    xml, n = re.subn(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)', cell_xml, xml, count=1)
    assert n == 1
    parts[part] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def check(both, path, spec=STOCK, **took):
    rows, arrow, taken = both(path, spec)
    assert arrow == rows
    for sheet, expected in took.items():
        assert taken.get(sheet, False) is expected, (sheet, taken)
    return rows


def _set(col: int, row: int, value):
    """A cell of 商品 changed."""
    edit = lambda ws, wm: ws.cell(row, col, value)  # noqa: E731
    edit.sheet = "商品"
    return edit


def _mset(col: int, row: int, value):
    """A cell of 出入库 changed."""
    edit = lambda ws, wm: wm.cell(row, col, value)  # noqa: E731
    edit.sheet = "出入库"
    return edit


def test_plain_sheets_are_read_from_arrow_columns(both, tmp_path):
    rows = check(both, stock_book(tmp_path / "stock.xlsx"), 商品=True, 出入库=True)
    assert len(rows["Product"]["records"]) == N and len(rows["Movement"]["records"]) == N
    cost = dict(rows["Product"]["records"][0])["cost"]
    assert cost == ("Decimal", "Decimal('12.50')")  # whole fen, two places, as the row reader makes it
    assert begun == {"商品": "parse"}  # the biggest sheet's parse, begun on the thread, was the one taken


@pytest.mark.parametrize("edit, arrow", [
    (_set(8, 5, "¥12.50"), False),  # money typed as text among numbers: a mixed column
    (_set(8, 6, "12.5元"), False),
    (_set(3, 7, 123), False),  # a number in a text column
    (_set(1, 8, 6901234567890123.0), False),  # a code Excel turned into a number, among text
    (_mset(1, 9, "2026/11/3"), False),  # a date typed as text among dates
    (_set(8, 10, "NA"), False),  # a string fastexcel would make a blank
    (_set(8, 11, "null"), False),
    (_mset(1, 12, dt.datetime(1900, 1, 5)), False),  # a day before 1900-03-01: an error, said with calamine's value
    (_mset(1, 13, dt.datetime(2026, 11, 3, 10, 30)), True),  # a time of day in a date column: its day
    (_set(8, 14, 12.345), True),  # not whole fen: the per-cell parser says it, from the same float
    (_set(8, 15, -0.0), True),
    (_set(8, 16, 1e16), True),  # beyond any amount
    (_set(10, 17, 2.5), True),  # not a whole number
    (_set(8, 18, None), True),  # a required blank
    (_set(3, 19, "   "), True),  # blank once stripped
    (_set(3, 20, "\u3000全角空格\u3000"), True),
    (_set(15, 21, "停售啦"), True),  # not one of the choices
    (_set(15, 22, " 在售"), True),
    (_set(1, 23, "'0012"), True),  # a code with the apostrophe Excel keeps text with
    (_set(1, 24, "1.23E+17"), True),
    (_set(6, 25, "６９０１２３"), True),  # full-width digits
    (_set(14, 26, True), True),  # a boolean among blanks: a column of booleans
    (_set(9, 27, "=H27*2"), True),  # a formula with no value saved: blank to both
    (_mset(4, 30, 2.0), True),
    (_mset(3, 31, "搬家"), True),
])
def test_odd_cells_read_the_same(both, tmp_path, edit, arrow):
    """`arrow`: whether the Arrow read takes the changed sheet (the other one it always takes)."""
    other = "商品" if edit.sheet == "出入库" else "出入库"
    check(both, stock_book(tmp_path / "stock.xlsx", edit=edit), **{edit.sheet: arrow, other: True})


def test_a_column_of_booleans(both, tmp_path):
    def edit(ws, wm):
        for r in range(2, N + 2):
            ws.cell(r, 14, r % 2 == 0)
    check(both, stock_book(tmp_path / "stock.xlsx", edit=edit), 商品=True)


def test_numbers_in_a_code_column(both, tmp_path):
    """Long codes Excel stored as numbers (1.23E+17) in a column of numbers only: every one an error."""
    products = _products()
    for k, p in enumerate(products):
        p[5] = 6.9012345678e16 + k if k % 2 else 690123 + k
    rows = check(both, stock_book(tmp_path / "stock.xlsx", products=products), 商品=True)
    assert any("条码" in i for i in rows["Product"]["issues"])


def test_skus_excel_stored_as_numbers(both, tmp_path):
    """0012 typed into a General cell is the number 12: a warning at such a SKU cell among codes typed
    as text (a mixed column: the row reader's), the same from both reads; a column of numbers only
    (Arrow's float column: a shop whose codes are numbers) and the other code columns (条码) say
    nothing of numbers."""
    products, movements = _products(), _movements()
    for k, m in enumerate(movements):
        m[1] = 12 + k % 40  # every SKU of 出入库 a number (and one blank: a required cell, an error of its own)
    movements[5][1] = None
    products[6][0] = 7  # one among text, at A8
    products[3][5] = 6901234560003  # a barcode as a number (F5): a code, not a SKU
    rows = check(both, stock_book(tmp_path / "stock.xlsx", products, movements), 出入库=True, 商品=False)
    assert not [i for i in rows["Movement"]["issues"] if "is stored as a number" in i]
    (one,) = [i for i in rows["Product"]["issues"] if "stored as a number" in i]
    assert "cell='A8'" in one and "value='7'" in one and "'warning'" in one


def test_a_column_of_sku_numbers_with_a_few_codes_typed_as_text_says_nothing(both, tmp_path):
    """Review: a shop whose codes are numbers, with a code or two typed as text (10234-B), had a
    warning kept for every number of the column (100k of them on a big 出入库: its parse 0.3 → 0.8 s,
    and every write after it slower): more numbers than text codes, and more than a few, say
    nothing; both reads alike."""
    products, movements = _products(), _movements()
    for k, m in enumerate(movements):
        m[1] = 12 + k % 40
    movements[3][1] = "SKU0001"  # one typed as text among 59 numbers (the row reader's: a mixed column)
    rows = check(both, stock_book(tmp_path / "stock.xlsx", products, movements), 出入库=False)
    assert not [i for i in rows["Movement"]["issues"] if "is stored as a number" in i]


def test_barcodes_that_lost_their_leading_zero(both, tmp_path):
    """0614141000012 typed into a General 条码 cell is the number 614141000012: a warning at each cell
    holding a number of 12 (EAN-13) or 7 (EAN-8) digits, the same from both reads, in a column of
    numbers only (Arrow's float column) and among barcodes typed as text (the row reader's); 13 and
    6 digits, and 12 digits typed as text, say nothing."""
    products = _products()
    for k, p in enumerate(products):
        p[5] = (614141000000 + k, 1234560 + k, 6901234560000 + k, 690123 + k)[k % 4]
    rows = check(both, stock_book(tmp_path / "stock.xlsx", products=products), 商品=True)
    said = [i for i in rows["Product"]["issues"] if "leading 0 dropped" in i]
    assert len(said) == N // 2 and "cell='F2'" in said[0] and "value='614141000000'" in said[0] \
        and "0614141000000" in said[0] and "'warning'" in said[0]
    assert "cell='F3'" in said[1] and "value='1234561'" in said[1] and "EAN-8 code 01234561" in said[1]
    products = _products()
    products[4][5], products[5][5] = 614141000012, "614141000029"  # one number among text (F6); 12 digits as text
    rows = check(both, stock_book(tmp_path / "stock2.xlsx", products=products), 商品=False)
    (one,) = [i for i in rows["Product"]["issues"] if "leading 0 dropped" in i]
    assert "cell='F6'" in one and "0614141000012" in one


def test_text_dates_and_text_money(both, tmp_path):
    """Columns typed as text all through: dates as text, money as text (a string column each)."""
    products = _products()
    for k, p in enumerate(products):
        p[7], p[8] = f"¥{k + 1},234.50", f"{k}.5元"
    movements = _movements()
    for k, m in enumerate(movements):
        m[0] = f"2026年11月{k % 28 + 1}日" if k % 2 else f"2026-11-{k % 28 + 1:02d}"
    rows = check(both, stock_book(tmp_path / "stock.xlsx", products=products, movements=movements),
                 商品=True, 出入库=True)
    assert rows["Movement"]["issues"] == [] and rows["Product"]["records"]


def test_error_cells(both, tmp_path):
    path = stock_book(tmp_path / "stock.xlsx")
    # blanks to fastexcel and to calamine; the scan of the XML reports each at its cell
    put_xml(path, 1, "H5", '<c r="H5" t="e"><f>1/0</f><v>#N/A</v></c>')
    put_xml(path, 2, "D6", '<c r="D6" t="e"><v>#REF!</v></c>')
    put_xml(path, 1, "I7", '<c r="I7" t="e"><f>1/0</f><v>#DIV/0!</v></c>')
    put_xml(path, 1, "C8", '<c r="C8" t="e"><v>#VALUE!</v></c>')  # in a text column
    rows = check(both, path, 商品=True, 出入库=True)
    assert any("#N/A" in i and "H5" in i for i in rows["Product"]["issues"])
    assert any("#DIV/0!" in i and "I7" in i for i in rows["Product"]["issues"])
    assert any("#REF!" in i and "D6" in i for i in rows["Movement"]["issues"])


def test_a_formula_nobody_calculated_below_the_rows_with_values(both, tmp_path):
    """A formula with no value saved (a program wrote the workbook; nobody opened and saved it in
    Excel) in a row below the last one that holds a value: calamine's rows end above it. Said at
    its cell, the same both ways; the read used to stop there on an IndexError, a traceback."""
    def edit(ws, wm):
        ws.cell(N + 3, 8, "=SUM(H2:H61)")
        wm.cell(N + 4, 4, "=D2*2")

    rows = check(both, stock_book(tmp_path / "stock.xlsx", edit=edit), 商品=True, 出入库=True)
    assert any(f"cell='H{N + 3}'" in i and "no calculated value" in i for i in rows["Product"]["issues"])
    assert any(f"cell='D{N + 4}'" in i and "no calculated value" in i for i in rows["Movement"]["issues"])
    assert len(rows["Product"]["records"]) == N and len(rows["Movement"]["records"]) == N


def test_totals_rows(both, tmp_path):
    def edit(ws, wm):
        wm.cell(N + 2, 1, None)
        wm.cell(N + 2, 2, "合计")
        wm.cell(N + 2, 4, sum(m[3] for m in _movements()))
        ws.cell(N + 2, 8, sum(12.5 + k for k in range(N)))  # only sums: a totals row with no label
        ws.cell(N + 2, 9, sum(39.9 + k for k in range(N)))
        ws.cell(N + 3, 22, "本月合计")  # a label in a column no one declared
    rows = check(both, stock_book(tmp_path / "stock.xlsx", edit=edit), 商品=True, 出入库=True)
    assert rows["Movement"]["notes"] and rows["Product"]["notes"]


def test_a_column_blank_for_1000_rows_then_filled(both, tmp_path):
    movements = _movements(1200)
    for k, m in enumerate(movements):
        m[5] = None if k < 1100 else ("退回" if k % 2 else 7)  # text, then a number in it
        m[4] = None if k < 1050 else f"R{k}"
    check(both, stock_book(tmp_path / "stock.xlsx", movements=movements), 出入库=False)
    for m in movements:
        m[5] = None if m[5] == 7 else m[5]
    check(both, stock_book(tmp_path / "stock2.xlsx", movements=movements), 出入库=True)


def test_blank_rows_and_extra_columns(both, tmp_path):
    def edit(ws, wm):
        for r in (10, 11, 30):
            for c in range(1, 18):
                ws.cell(r, c, None)
        ws.cell(1, 20, "我的备注")
        ws.cell(5, 20, "自己加的")
        ws.cell(6, 21, 3.5)
    check(both, stock_book(tmp_path / "stock.xlsx", edit=edit), 商品=True)


def test_1904_date_system(both, tmp_path):
    def edit(ws, wm):
        wm.cell(8, 1, dt.datetime(2026, 11, 3, 8, 0))
    check(both, stock_book(tmp_path / "stock.xlsx", epoch=CALENDAR_MAC_1904, edit=edit), 出入库=True)


def test_a_title_above_the_header(both, tmp_path):
    check(both, stock_book(tmp_path / "stock.xlsx", title=True), 商品=True)
    assert begun == {"商品": "missed"}  # the thread took the title for the header: the read parsed again


def test_column_a_unused(both, tmp_path):
    """fastexcel numbers columns from the first one used: the row reader reads that sheet."""
    def edit(ws, wm):
        wm.insert_cols(1)
    check(both, stock_book(tmp_path / "stock.xlsx", edit=edit), 出入库=False)


def test_a_required_column_missing(both, tmp_path):
    def edit(ws, wm):
        wm.delete_cols(4)
    check(both, stock_book(tmp_path / "stock.xlsx", edit=edit), 出入库=True)


def test_off_by_the_flag(both, tmp_path, monkeypatch):
    monkeypatch.setenv("SHOPBOOK_ARROW_READ", "0")
    assert not arrow_read.enabled()
    monkeypatch.setenv("SHOPBOOK_ARROW_READ", "1")
    assert arrow_read.enabled()


def test_arrow_white_space_is_python_white_space():
    """The Arrow read strips with utf8_trim_whitespace where the row reader uses str.strip():
    the same characters, every code point."""
    pa, pc = pytest.importorskip("pyarrow"), pytest.importorskip("pyarrow.compute")
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    assert pc.utf8_is_space(pa.array(chars)).to_pylist() == [ch.isspace() for ch in chars]
    both_ends = [f"{ch}x{ch}" for ch in chars]
    assert pc.utf8_trim_whitespace(pa.array(both_ends)).to_pylist() == [s.strip() for s in both_ends]


# --- every workbook the project has -------------------------------------------------------------

def _spec(path: Path):
    return next((w for w in WORKBOOKS if w.filename == path.name), None)


def _project_books():
    roots = [ROOT / "xlsx", ROOT / "templates", ROOT / "tests" / "corpus", ROOT / "examples"]
    return sorted(p for r in roots if r.exists() for p in r.rglob("*.xlsx"))


@pytest.mark.parametrize("path", _project_books(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_project_workbook(both, path):
    """The demo shop, the templates and the corpus, each under every workbook spec it may be
    read as (its own, else each)."""
    specs = [_spec(path)] if _spec(path) else list(WORKBOOKS)
    for spec in specs:
        check(both, path, spec)


def _hostile():
    spec = importlib.util.spec_from_file_location("hostile_corpus", ROOT / "tests" / "corpus" / "hostile" / "make.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("case", sorted(_hostile().CASES))
def test_hostile_corpus(both, tmp_path, case):
    """Each hostile workbook: the same records, or the same stop with the same words."""
    path = _hostile().make(case, tmp_path)
    check(both, path, STOCK)


def test_demo_shop_orders_are_read_from_arrow(both, tmp_path):
    """The demo shop's orders (more rows than the header look): the Arrow read took 订单."""
    path = ROOT / "xlsx" / "orders.xlsx"
    if not path.exists():
        pytest.skip("no demo shop")
    check(both, path, ORDERS, 订单=True)


def test_money_decimal_places_kept():
    """The vectorised money: Decimal(repr(x)).quantize(FEN) for whole fen, None otherwise."""
    pa = pytest.importorskip("pyarrow")
    xs = [0.0, 0.29, 1.1, 12.5, -3.07, 99999999.99, 1e12 + 0.01, None, 0.01]
    got = arrow_read._money(pa.array(xs, pa.float64()))
    want = [None if x is None else Decimal(repr(x)).quantize(Decimal("0.01")) for x in xs]
    assert [_value(v) for v in got] == [_value(v) for v in want]
    assert arrow_read._money(pa.array([1.0, 0.125])) is None
    assert arrow_read._money(pa.array([1.0, -0.0])) is None
