"""xlwings Lite: main.py generated from the ribbon and the cell functions, imported and
run under plain Python against the in-memory stand-in for the open workbook."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest

from shopbook.addin.lite_files import ribbon_buttons
from shopbook.io.reader import read_workbook
from shopbook.schema import ORDERS, WORKBOOKS, OrderLine
from xlfake import FakeBook



@pytest.fixture(scope="module")
def main(lite_main):
    return lite_main


def one_book(shop: Path, out: Path) -> Path:
    """The whole shop in one workbook, as a Lite user keeps it (values, one sheet each)."""
    wb = openpyxl.Workbook(write_only=True)  # (read and written a row at a time: the demo's year of orders)
    for w in WORKBOOKS:
        src = openpyxl.load_workbook(shop / w.filename, data_only=True, read_only=True)
        for ws in src.worksheets:
            if ws.title in wb.sheetnames:
                continue  # each workbook's 说明 sheet: once is enough
            dst = wb.create_sheet(ws.title)
            for row in ws.iter_rows(values_only=True):
                dst.append([as_text(dst, v) if isinstance(v, str) and v.startswith("=") else v for v in row])
        src.close()
    wb.save(out)
    return out


def as_text(ws, v: str):
    """A text cell that starts with "=" (a buyer's message "=帮我改成黑色"), kept text as the shop's
    workbook keeps it: openpyxl would write it as a formula, which reads back blank."""
    from openpyxl.cell import WriteOnlyCell

    c = WriteOnlyCell(ws, v)
    c.data_type = "s"
    return c


def rename_sheets(path: Path, names: dict[str, str]) -> None:
    """The sheets' tabs renamed as Excel renames them (workbook.xml's <sheet name=…>, the names the
    reader and Excel show); the year of orders is not loaded and saved again by openpyxl (~15 s)."""
    import re
    import zipfile
    from xml.sax.saxutils import quoteattr

    with zipfile.ZipFile(path) as z:
        parts = [(i, z.read(i.filename)) for i in z.infolist()]
    done = set()

    def tab(m):
        old = m.group(2).decode()
        if old in names:
            done.add(old)
            return m.group(1) + quoteattr(names[old]).encode()
        return m.group(0)

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            if info.filename == "xl/workbook.xml":
                data = re.sub(rb'(<sheet\b[^>]*?\bname=)"([^"]*)"', tab, data)
            z.writestr(info, data)
    assert done, names  # (a sheet of `names` the workbook has was renamed)


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory):
    """The demo shop with a fortnight of orders (the committed one has 120 days): Lite and the CLI
    are compared on the same shop either way, and a Lite book of a year is read and written
    again by openpyxl in each test (the module's setup took 20 s)."""
    from shopbook import demo

    folder = tmp_path_factory.mktemp("demo") / "shop"
    saved, demo.DAYS = demo.DAYS, 14
    try:
        demo.generate_demo(folder, "zh")
    finally:
        demo.DAYS = saved
    return folder


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory, small_demo):
    return FakeBook(one_book(small_demo, tmp_path_factory.mktemp("book") / "店铺.xlsx"))


@pytest.fixture
def shop_and_book(tmp_path, small_demo, demo_book):
    """The demo shop as files (for the CLI) and as one open book (for Lite), each a fresh copy."""
    import copy

    shop = tmp_path / "shop"
    shutil.copytree(small_demo, shop)
    return shop, copy.deepcopy(demo_book)


def test_main_has_every_button_and_function(main):
    from shopbook import xl
    from shopbook.xl import udfs

    for b in ribbon_buttons():
        assert callable(getattr(main, b["entry"])) and callable(getattr(xl, b["entry"]))
    assert {n for n in dir(main) if n.startswith("SB_")} == {n for n in dir(udfs) if n.startswith("SB_")}
    text = Path(main.__file__).read_text(encoding="utf-8")
    assert '@arg("sku", ndim=2, err_to_str=True, doc="商家编码 / SKU (a cell or a column)")' in text
    reqs = (Path(main.__file__).parent / "requirements.txt").read_text().split()
    assert reqs[0].endswith(".whl") and "python-calamine" not in reqs and "xlwings" in reqs


def test_review_in_lite_matches_the_cli(main, shop_and_book):
    from shopbook.orders.workflow import review
    from shopbook.shop import open_shop

    shop, book = shop_and_book
    review(open_shop(shop))
    cli = [(ln.order_no, ln.status.value, ln.review) for ln in
           read_workbook(shop / "orders.xlsx", ORDERS, (OrderLine,)).rows(OrderLine)]
    main.review(book)
    assert "✓ 已审核：" in book.app.alerts[-1]["prompt"]
    live = book.sheet_rows("订单")
    head = live[0]
    got = [(r[head.index("订单编号")], r[head.index("状态")], r[head.index("审单结果")]) for r in live[1:] if r[0]]
    assert got == cli and any(st == "已挂起" for _, st, _ in got)


def test_validate_and_reports_come_back_as_sheets(main, shop_and_book):
    shop, book = shop_and_book
    from shopbook.xl import lite

    main.validate(book)
    assert "校验完成" in book.app.alerts[-1]["prompt"]
    before = lite._last.folder
    main.stock_summary(book)
    assert "库存汇总" in [s.name for s in book.sheets]
    # each run works in a copy of the book's sheets; the one before is removed, not left to pile up
    assert not before.exists() and lite._last.folder.exists() and lite._last.folder != before
    main.review(book)
    main.picklist(book)
    assert "批次" in book.app.alerts[-1]["prompt"], book.app.alerts[-1]
    names = [s.name for s in book.sheets]
    assert any("拣货" in n for n in names), names  # the pick list report, as a sheet of the open book
    live = book.sheet_rows("订单")
    assert {r[live[0].index("拣货批次")] for r in live[1:] if r[0]} - {None}  # orders marked with the batch


def test_cell_functions_answer_from_the_last_script_run(main, shop_and_book):
    from shopbook import functions as F

    shop, book = shop_and_book
    assert main.SB_RMB_UPPER(1234.5) == "壹仟贰佰叁拾肆元伍角整"  # needs no shop data
    main.stock_summary(book)
    skus = [[r[0]] for r in book.sheet_rows("商品")[1:6]]
    assert main.SB_STOCK(skus) == F.stock(skus, None, shop)
    assert main.SB_AVAILABLE(skus) == F.available(skus, shop)


def one_sheet_book(tmp_path, title: str) -> FakeBook:
    wb = openpyxl.Workbook()
    wb.active.title = title
    wb.save(tmp_path / "x.xlsx")
    return FakeBook(tmp_path / "x.xlsx")


def test_email_says_what_lite_cannot_do(main, tmp_path):
    book = one_sheet_book(tmp_path, "订单")
    main.email(book)
    assert "mail server" in book.app.alerts[-1]["prompt"]


def test_a_book_without_shop_sheets_gets_one_clear_message(main, tmp_path):
    book = one_sheet_book(tmp_path, "随便")
    main.review(book)
    alert = book.app.alerts[-1]
    assert alert["mode"] == "critical" and "没有店铺的工作表" in alert["prompt"]


def test_agent_reports_come_back_one_sheet_each_and_never_over_a_shop_sheet(main, shop_and_book):
    """The price-sheet workbook has a sheet named 订单 (the agents' order form): brought back into
    the open book it must not replace the shop's 订单; each agent's sheet keeps its own name."""
    from shopbook.schema import AGENTS, Agent

    shop, book = shop_and_book
    orders_before = book.sheet_rows("订单")
    main.agent_sheets(book)
    assert book.sheet_rows("订单") == orders_before
    agents = [a.agent_id for a in read_workbook(shop / "agents.xlsx", AGENTS, (Agent,)).rows(Agent)
              if a.status is None or a.status.value == "合作中"]
    names = [s.name for s in book.sheets]
    assert len(agents) > 1 and all(any(n.startswith(a) and n.endswith("价格表") for n in names) for a in agents), names


def test_scans_pasted_into_a_sheet_keep_their_digits(tmp_path):
    """Excel keeps a pasted barcode as the number 6901234567892: the scan file made from the sheet
    must say 6901234567892, not 6901234567892.0 (which belongs to no SKU)."""
    import csv as csv_

    from shopbook.xl.lite import active_sheet_as_file

    book = one_sheet_book(tmp_path, "扫描")
    sheet = book.sheets["扫描"]
    sheet.store.values.update({(1, 1): "3515131473293579", (1, 2): "中通", (1, 3): 77310000000004.0,
                               (2, 1): 6901234567892.0, (3, 1): 1.5})
    book.active_sheet = sheet
    out = active_sheet_as_file(book, tmp_path, "csv")
    rows = list(csv_.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[:3] == [["3515131473293579", "中通", "77310000000004"], ["6901234567892", "", ""], ["1.5", "", ""]]


def test_a_cell_function_before_any_script_is_na_in_the_shape_asked(main, tmp_path):
    from shopbook.xl import lite

    saved, lite._last = lite._last, None
    try:
        assert main.SB_STOCK([["A"], ["B"]]) == [["#N/A"], ["#N/A"]]
        assert main.SB_STOCK("A") == "#N/A"
        assert main.SB_CHECK_PHONE("12345") == "无效 / invalid"  # needs no data: answered, no shop yet says the language
    finally:
        lite._last = saved


def test_a_renamed_sheet_works_in_lite_as_the_reader_takes_it(main, shop_and_book):
    """Every sheet of orders.xlsx renamed (订单 → 订单记录 …): Lite finds them by their headers,
    as the reader does for files, and the review writes into 订单记录 exactly what the CLI
    writes into the renamed sheets of orders.xlsx. A report is never brought back over one."""
    from shopbook.orders.workflow import review
    from shopbook.shop import open_shop
    from shopbook.xl import lite

    shop, book = shop_and_book
    renamed = {}
    for m in ORDERS.sheets:
        renamed[m.zh] = m.zh + "记录"
        for s in book.sheets:
            if s.name == m.zh:
                s.name = m.zh + "记录"
    rename_sheets(shop / "orders.xlsx", renamed)
    review(open_shop(shop))
    cli = [(ln.order_no, ln.status.value, ln.review) for ln in
           read_workbook(shop / "orders.xlsx", ORDERS, (OrderLine,)).rows(OrderLine)]
    main.review(book)
    assert "✓ 已审核：" in book.app.alerts[-1]["prompt"], book.app.alerts[-1]
    live = book.sheet_rows("订单记录")
    head = live[0]
    got = [(r[head.index("订单编号")], r[head.index("状态")], r[head.index("审单结果")]) for r in live[1:] if r[0]]
    assert got == cli and any(st == "已挂起" for _, st, _ in got)
    assert lite.is_shop_sheet("订单记录", lite._last) and not lite.is_shop_sheet("订单记录")


def _lite_recorded(main_file: Path):
    """main.py with xlwings' own decorators recording what @func/@arg say (each argument's conversion
    options), as Lite's (xlwings.pro.udfs_officejs: xlarg puts its keywords into the argument's options).
    Lite's module needs a licence key to import here; xlwings.udfs' decorators record the same options."""
    import importlib.util

    import xlwings

    from shopbook.addin.udf_wrappers import _windows_imports_stubbed

    with _windows_imports_stubbed():
        from xlwings import udfs

        saved = xlwings.func, xlwings.arg, xlwings.script
        xlwings.func, xlwings.arg, xlwings.script = udfs.xlfunc, udfs.xlarg, lambda f: f
        try:
            spec = importlib.util.spec_from_file_location("lite_main_recorded", main_file)
            mod = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
        finally:
            xlwings.func, xlwings.arg, xlwings.script = saved
    return mod


class _OfficeJsEngine:
    """xlwings.pro._xlofficejs.engine's two conversion hooks (0.37.8): a blank cell as empty_as; a cell's error,
    which Office.js hands over as {"type": "Error", "basicValue": "#REF!"}, as its text with err_to_str, else
    None; an answer's None blank, its "#…" text an error."""

    name = "officejs"

    class impl:
        @staticmethod
        def clean_value_data(data, datetime_builder, empty_as, number_builder, err_to_str):
            def one(c):
                if c in ("", None):
                    return empty_as
                if isinstance(c, dict) and c.get("type") == "Error":
                    return c["basicValue"] if err_to_str else None
                return c
            return [[one(c) for c in row] for row in data]

        @staticmethod
        def prepare_xl_data_element(x, options):
            return "" if x is None else x


def _lite_call(fn, excel_args):
    """xlwings.pro.udfs_officejs.custom_functions_call (0.37.8) for plain values: Office.js hands every argument
    over as rows ([[x]] for one cell), to_scalar makes a one-cell one its value, an omitted optional (None) takes
    its default, the rest goes through xlwings' conversion with the argument's options; the answer is written
    back through it (a flat list: one row)."""
    from xlwings import conversion

    info = fn.__xlfunc__
    args = []
    for i, arg in enumerate(excel_args):
        a = info["args"][i]
        if isinstance(arg, list) and len(arg) == 1:  # to_scalar
            arg = arg[0][0] if isinstance(arg[0], list) and len(arg[0]) == 1 else arg[0]
        args.append(a.get("optional", None) if arg is None else
                    conversion.read(None, arg, a["options"], engine_name="officejs"))
    return conversion.write(fn(*args), None, info["ret"]["options"], engine_name="officejs")


def test_a_column_in_lite_is_answered_down_the_column_and_a_cells_error_given_back(main, shop_and_book, monkeypatch):
    """=SB_STOCK(A2:A6) in xlwings Lite: main.py's @arg carried only the help text, so xlwings squeezed the column
    to a flat list and wrote the answer across a row (over the cells beside the formula), and a cell holding #REF!
    came over as a blank (SB_STOCK(sku, #REF!): today's stock). Each argument is now read as the desktop add-in
    reads it (ndim=2, err_to_str): a column answered down the column, a cell's error given back."""
    import xlwings

    from shopbook import functions as F

    monkeypatch.setitem(xlwings.engines.engines_by_name, "officejs", _OfficeJsEngine)
    recorded = _lite_recorded(Path(main.__file__))
    shop, book = shop_and_book
    main.stock_summary(book)  # (Lite's functions answer from the last script run's data)
    skus = [[r[0]] for r in book.sheet_rows("商品")[1:6]]
    want = F.stock(skus, None, shop)
    assert len(want) == 5 and all(isinstance(r[0], int) for r in want)
    assert _lite_call(recorded.SB_STOCK, [skus, None]) == want  # five rows of one cell, not one row of five
    one = _lite_call(recorded.SB_STOCK, [[skus[0]], None])
    assert one == [want[0]]
    ref = {"type": "Error", "basicValue": "#REF!"}
    assert _lite_call(recorded.SB_STOCK, [[skus[0]], [[ref]]]) == [["#REF!"]]  # not today's stock
    assert _lite_call(recorded.SB_RMB_UPPER, [[[ref], [12.0]]]) == [["#REF!"], ["壹拾贰元整"]]
    # a row of amounts stays a row
    assert _lite_call(recorded.SB_RMB_UPPER, [[[1.0, 2.0]]]) == [["壹元整", "贰元整"]]


def test_a_download_pasted_into_a_sheet_is_imported_and_the_sheet_stays_the_persons(main, tmp_path):
    """导入生意参谋 in Lite: the button was left out of those that read the active sheet (added after them), so
    it said 'No file was chosen' with no file to choose; and a sheet pasted for 导入订单 / 快递对账 came back
    from its own file as a 'report', replacing the person's sheet (their notes and formulas gone)."""
    from test_kpi_import import DAYS, sycm_xlsx

    from shopbook.shop import init_shop

    init_shop(tmp_path / "shop")
    book = FakeBook(one_book(tmp_path / "shop", tmp_path / "店铺.xlsx"))
    pasted = book.sheets.add("生意参谋")
    download = openpyxl.load_workbook(sycm_xlsx(tmp_path / "sycm.xlsx", [[d, *r[1:]] for r, d in
                                                                        zip(DAYS, ("2026-12-01", "2026-12-02"))])).active
    for row in download.iter_rows():
        pasted.store.values.update({(c.row, c.column): c.value for c in row if c.value is not None})
    pasted.store.notes[1, 1] = "11 月下载的"
    book.active_sheet = pasted
    main.import_kpi(book)
    assert book.app.alerts[-1]["prompt"].startswith("✓ 生意参谋 2 天：新增 2"), book.app.alerts[-1]
    assert [r[:3] for r in book.sheet_rows("日报")[1:]] == [[dt.datetime(2026, 12, 1), 21503, 7001],
                                                          [dt.datetime(2026, 12, 2), 3120, 1000]]
    assert book.sheets["生意参谋"] is pasted and pasted.store.notes == {(1, 1): "11 月下载的"}


def test_each_couriers_waybill_csv_comes_back_as_a_sheet(main, tmp_path):
    """拣货单 in Lite with a 顺丰 order beside the default courier's: the box listed 面单-BATCH-中通.csv and
    面单-BATCH-顺丰.csv in Lite's memory, where no one can open them; the .xlsx reports alone came back as sheets.
    Each CSV now comes back as a sheet of its name, its cells as the file opened in Excel shows them."""
    from decimal import Decimal as D

    from test_waybill_courier import _shop

    from shopbook.schema import ShippingRate
    from shopbook.workbook_builder import write_workbook

    folder = _shop(tmp_path, ["中通", "顺丰速运"])
    head = {"receiver": "赵六", "phone": "13800000000", "address": "浙江省 杭州市 西湖区 文三路 1 号", "sku": "P1",
            "qty": 1, "unit_price": D(99), "status": "已审核"}
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {
        OrderLine: [OrderLine(order_no="3515131473200001", **head), OrderLine(order_no="O2", courier="顺丰", **head)],
        ShippingRate: [ShippingRate(courier=c, province="其他", first_kg=D(1), first_price=D(fee), extra_per_kg=D(2))
                       for c, fee in (("中通", 6), ("顺丰速运", 18))]}, keep_backup=False)
    book = FakeBook(one_book(folder, tmp_path / "店铺.xlsx"))
    main.picklist(book)
    said = book.app.alerts[-1]["prompt"]
    csvs = sorted(n for n in (s.name for s in book.sheets) if n.startswith("面单-"))
    assert len(csvs) == 2 and all(f"{n}.csv" in said for n in csvs), (csvs, said)
    zto, sf = (book.sheet_rows(n) for n in csvs)
    assert zto[0][:3] == ["订单编号", "收货人", "手机"] and zto[1][:3] == ["3515131473200001", "赵六", "13800000000"]
    assert sf[1][0] == "O2" and sf[1][-1] == "18.00"
