"""The 校验 button's Python side, run against the in-memory stand-in for a live Excel book."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shopbook import xl
from shopbook.io.reader import read_workbook
from shopbook.schema import STOCK, Product
from shopbook.shop import init_shop
from shopbook.validate import validate_path
from shopbook.validate.write import issue_rows
from shopbook.workbook_builder import write_workbook
from test_mail_exactly_once import serve  # noqa: F401 (a real SMTP server on loopback)
from xlfake import FakeBook


@pytest.fixture
def shop(tmp_path):
    init_shop(tmp_path / "shop")
    folder = tmp_path / "shop"
    products = [
        Product(sku="TS-1", name="T恤", cost=Decimal("30"), price=Decimal("20")),  # price below cost
        Product(sku="TS-2", name="=HYPERLINK(\"x\")", cost=Decimal("10"), price=Decimal("29.9")),
        Product(sku="TS-1", name="重复", cost=Decimal("1"), price=Decimal("2")),  # duplicate SKU
    ]
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: products}, keep_backup=False)
    return folder


def test_button_writes_the_same_issues_as_the_cli(shop):
    book = FakeBook(shop / "stock.xlsx")
    xl.validate(book)
    cli = validate_path(shop / "stock.xlsx")
    assert len(cli.errors) == 1 and len(cli.issues) == 2  # the duplicate SKU; a price below cost warns
    sheet = book.sheets["校验结果"]
    got = book.sheet_rows("校验结果")
    assert got == issue_rows(cli.issues, "zh")
    # a hyperlink on each located issue, pointing at its cell
    assert sorted(sheet.store.links.values()) == sorted(f"#'{i.sheet}'!{i.cell}" for i in cli.issues)
    notes = book.sheets["商品"].store.notes
    assert {f"{chr(64 + c)}{r}" for r, c in notes} == {i.cell for i in cli.issues}
    assert all(t.startswith("[shopbook]") for t in notes.values())
    assert "0 个错误" not in book.app.alerts[-1]["prompt"] and f"{len(cli.errors)} 个错误" in book.app.alerts[-1]["prompt"]
    assert book.app.status_history[0] == "shopbook：正在校验…"  # (a zh line full-width: 'shopbook: 正在校验…' before)
    assert book.app.status_bar is False  # the status bar is given back to Excel


def test_button_twice_replaces_sheet_and_stale_notes(shop):
    book = FakeBook(shop / "stock.xlsx")
    xl.validate(book)
    # the person fixes the price in the open book, and presses the button again
    products = book.sheets["商品"]
    price_col = next(c for (r, c), v in products.store.values.items() if r == 1 and v == "售价")
    products.store.values[(2, price_col)] = 99
    xl.validate(book)
    assert [s.name for s in book.sheets].count("校验结果") == 1
    assert len(book.sheet_rows("校验结果")) == 2  # header + the duplicate SKU only
    assert (2, price_col) not in products.store.notes


def test_person_note_is_kept(shop):
    book = FakeBook(shop / "stock.xlsx")
    products = book.sheets["商品"]
    cost_col = next(c for (r, c), v in products.store.values.items() if r == 1 and v == "售价")
    products.store.notes[(2, cost_col)] = "老板：先别改"
    xl.validate(book)
    assert products.store.notes[(2, cost_col)] == "老板：先别改"


def test_text_that_looks_like_a_formula_stays_text(shop):
    book = FakeBook(shop / "stock.xlsx")
    assert book.sheets["商品"].range("C3").value == '=HYPERLINK("x")'
    products = read_workbook(shop / "stock.xlsx", STOCK).rows(Product)
    assert products[1].name == '=HYPERLINK("x")'
    xl.validate(book)
    values = book.sheets["校验结果"].store.values.values()
    assert not any(isinstance(v, tuple) and v[0] == "FORMULA" for v in values)


def test_unreadable_sibling_does_not_stop_the_button(shop):
    (shop / "orders.xlsx").write_bytes(b"")  # a broken sibling
    book = FakeBook(shop / "stock.xlsx")
    xl.validate(book)
    assert "校验结果" in [s.name for s in book.sheets]


def test_english_shop_gets_english_sheet_and_message(tmp_path):
    init_shop(tmp_path / "en", lang="en")
    book = FakeBook(tmp_path / "en" / "stock.xlsx")
    xl.validate(book)
    assert "Issues" in [s.name for s in book.sheets]
    assert book.app.alerts[-1]["prompt"].startswith("Validation done: 0 errors")
    assert book.app.status_history[0] == "shopbook: validating…"


def test_book_outside_a_shop_reports_clearly(tmp_path):
    src = tmp_path / "x.xlsx"
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "hello"
    wb.save(src)
    book = FakeBook(src)
    xl.validate(book)
    alert = book.app.alerts[-1]
    assert alert["mode"] == "critical" and "认不出" in alert["prompt"]


def test_review_and_picklist_buttons_match_the_cli(tmp_path):
    """The 审单 and 拣货单 buttons, pressed in the open orders.xlsx, give the same
    statuses, reasons and batch as the CLI on a copy of the same shop."""
    import shutil as sh

    from shopbook.orders.workflow import import_orders, make_picklist, review
    from shopbook.schema import ORDERS, OrderLine
    from test_orders import build_shop, exports

    base = build_shop(tmp_path)
    import_orders(base, list(exports(tmp_path)))
    twin = tmp_path / "twin"
    sh.copytree(base.folder, twin)

    review(base)  # the CLI's library call
    book = FakeBook(twin / "orders.xlsx")
    xl.review(book)
    assert "✓ 已审核：" in book.app.alerts[-1]["prompt"]
    cli_rows = [(ln.order_no, ln.status, ln.review) for ln in
                read_workbook(base.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)]
    live = book.sheet_rows("订单")
    head = live[0]
    got = [(r[head.index("订单编号")], r[head.index("状态")], r[head.index("审单结果")]) for r in live[1:] if r[0]]
    assert got == [(no, st.value, rv) for no, st, rv in cli_rows]

    res = make_picklist(base)
    xl.picklist(book)
    live = book.sheet_rows("订单")
    batches = {r[live[0].index("拣货批次")] for r in live[1:] if r[0]} - {None}
    assert batches == {res.batch}


def _orders_shop(tmp_path):
    """A shop with the platform's exports imported (the CLI side) and its twin folder."""
    import shutil as sh

    from shopbook.orders.workflow import import_orders
    from test_orders import build_shop, exports

    base = build_shop(tmp_path)
    import_orders(base, list(exports(tmp_path)))
    twin = tmp_path / "twin"
    sh.copytree(base.folder, twin)
    return base, twin


def _orders(path):
    from shopbook.schema import ORDERS, OrderLine

    return [(ln.order_no, ln.status, ln.review, ln.batch, ln.gifts)
            for ln in read_workbook(path, ORDERS, (OrderLine,)).rows(OrderLine)]


def test_the_daily_button_in_the_open_orders_book_does_what_the_cli_does(tmp_path):
    """Pressed in orders.xlsx, the daily job's review and pick list go into the open book (its
    file is Excel's): the same statuses, reasons, batch and gifts as `shopbook daily`. Both run
    for one fixed day: the batch is named after it, and a run crossing midnight named it twice."""
    import datetime as dt

    from shopbook.report.workflow import run_daily
    from shopbook.shop import open_shop

    day = dt.date(2026, 11, 21)
    base, twin = _orders_shop(tmp_path)
    (twin / "~$orders.xlsx").write_bytes(b"\x05alice" + b" " * 50)  # Excel's lock: the file is open
    run = run_daily(base, day, send=False)
    assert [s.name for s in run.steps if s.ok is False] == ["validate"]  # NOPE-9: a line naming no product
    book = FakeBook(twin / "orders.xlsx")
    xl.daily_report(book, day.isoformat())
    prompt = book.app.alerts[-1]["prompt"]
    assert [ln.split("：")[0] for ln in prompt.splitlines() if "✗" in ln] == ["✗ 校验"], prompt  # as the CLI
    (twin / "~$orders.xlsx").unlink()
    got, want = _orders(twin / "orders.xlsx"), _orders(base.folder / "orders.xlsx")
    assert got == want and {b for _, _, _, b, _ in got} - {None} == {"20261121-1"}
    assert len(list((twin / ".shopbook-backup").glob("orders.*.xlsx"))) >= 2  # as the CLI keeps them
    assert open_shop(twin)


def test_the_daily_button_shows_every_step_as_the_cli_table_does(tmp_path):
    """The 日报 button lists every step with its mark and detail (not only the failed ones), the
    files a step wrote, and what – means, as `shopbook daily` prints them."""
    from cli_run import flat, shopbook

    base, twin = _orders_shop(tmp_path)
    cli = shopbook("daily", base.folder, "--date", "2026-11-21")
    book = FakeBook(twin / "orders.xlsx")
    xl.daily_report(book, "2026-11-21")
    prompt = book.app.alerts[-1]["prompt"]
    lines = prompt.splitlines()
    marks = {ln[0] for ln in lines if ln[:1] in "✓✗–"}
    assert marks == {"✓", "✗", "–"}, prompt  # (the e-mail waits in outbox/: no SMTP server)
    for label in ("校验", "审单", "拣货单", "库存预警", "邮件"):
        assert any(ln[2:].startswith(label + "：") for ln in lines), (label, prompt)
    picked = next(ln for ln in lines if ln.startswith("✓ 拣货单："))
    assert "批次 20261121-1：" in picked and "批次20261121-1：" in flat(cli.stdout), (picked, cli.stdout)
    assert any(ln.startswith("  ") and ln.strip().endswith(".xlsx") and "拣货单" in ln for ln in lines), prompt
    legend = "（– 表示没有做：跳过或留到下次，原因写在那一步；不是失败）"
    assert legend in lines and flat(legend) in flat(cli.stdout), cli.stdout
    assert book.app.alerts[-1]["mode"] == "critical"  # a step failed (validation)


def test_order_numbers_and_phones_stay_text_when_imported_into_the_open_book(tmp_path):
    """Excel reads text that looks like a number as one (16 digits: the last is lost, two orders
    share a number): every text set live goes in with its apostrophe."""
    from test_orders import exports

    from test_orders import build_shop

    base, twin = _orders_shop(tmp_path / "a")  # imported by the CLI
    fresh = build_shop(tmp_path / "b")
    files = list(exports(tmp_path / "b"))
    book = FakeBook(fresh.folder / "orders.xlsx")
    xl.import_orders("|".join(str(f) for f in files), book)
    live = book.sheet_rows("订单")
    head = live[0]
    numbers = [r[head.index("订单编号")] for r in live[1:] if r[0]]
    phones = [r[head.index("手机")] for r in live[1:] if r[0]]
    assert numbers == [no for no, *_ in _orders(base.folder / "orders.xlsx")]
    assert all(isinstance(x, str) for x in numbers + phones) and "13812345678" in phones


def test_the_courier_button_reports_what_the_cli_reports(tmp_path):
    from shopbook.money.workflow import reconcile_courier_file

    base, twin = _orders_shop(tmp_path)
    bill = tmp_path / "bill.csv"
    bill.write_text("快递单号,重量,运费,日期\n731000001,1.0,5.00,2026-11-21\n731000001,1.0,5.00,2026-11-21\n"
                    "7.31E+13,1.0,5.00,2026-11-21\n", encoding="utf-8")
    chk, issues = reconcile_courier_file(base, bill)
    assert issues
    book = FakeBook(twin / "orders.xlsx")
    xl.reconcile_courier(str(bill), book)
    prompt = book.app.alerts[-1]["prompt"]
    assert f"账单有、我们没发：{len(chk.billed_not_shipped)}" in prompt, prompt  # each list counted, as the CLI does
    assert f"✗ {issues[0].where('zh')}：{issues[0].message_zh}" in prompt and "row" not in prompt  # located, in Chinese


def test_cell_functions_take_a_column_and_give_a_column(tmp_path):
    """Through xlwings' own conversion: a one-column range reaches the function 2-D and its
    answer goes back as a column; one cell gives one value."""
    from types import SimpleNamespace as NS

    import xlwings
    from xlwings import conversion

    from shopbook.addin.udf_wrappers import decorated_udfs

    udfs = decorated_udfs()  # with xlwings' real decorators: the options Excel's call uses

    class Impl:  # the COM engine's value cleaning, as pass-through: only the shape matters here
        @staticmethod
        def clean_value_data(data, *a):
            return [list(r) for r in data]

        @staticmethod
        def prepare_xl_data_element(x, options=None):
            return x

    saved = dict(xlwings.engines.engines_by_name)
    xlwings.engines.engines_by_name["excel"] = NS(impl=Impl, name="excel")
    try:
        opts = udfs.SB_RMB_UPPER.__xlfunc__["args"][0]["options"]
        column = conversion.read(None, (("1234.5",), (100.0,), (None,)), opts)
        out = conversion.write(udfs.SB_RMB_UPPER(column), None, {})
        assert out == [["壹仟贰佰叁拾肆元伍角整"], ["壹佰元整"], ["#N/A"]]
        one = conversion.read(None, (("100",),), opts)
        assert udfs.SB_RMB_UPPER(one) == "壹佰元整"
    finally:
        xlwings.engines.engines_by_name.clear()
        xlwings.engines.engines_by_name.update(saved)


def test_a_button_says_reports_is_a_file_as_the_cli_does_before_writing(tmp_path):
    """The check lives in the library (open_shop): the 日报 button stops with the CLI's words."""
    from test_daily import demo_like_shop

    shop = demo_like_shop(tmp_path)
    if (shop.folder / "reports").is_dir():
        (shop.folder / "reports").rmdir()
    (shop.folder / "reports").write_text("not a folder", encoding="utf-8")
    others = lambda: {p: p.read_bytes() for p in shop.folder.glob("*.xlsx") if p.name != "kpi.xlsx"}  # noqa: E731
    before = others()  # (the open book itself is saved before any button runs: what is on screen)
    book = FakeBook(shop.folder / "kpi.xlsx")
    xl.daily_report(book)
    alert = book.app.alerts[-1]
    assert alert["mode"] == "critical" and "reports 应该是文件夹，这里却是一个文件" in alert["prompt"], alert
    assert others() == before
    assert not (shop.folder / "outbox").exists() or not list((shop.folder / "outbox").glob("*.eml"))


def test_the_email_button_flags_recipients_the_server_refused(tmp_path, serve):
    """A real SMTP server on loopback takes the boss and refuses nobody@: the message box is
    critical and names the refused address, as `shopbook email` exits 1 and says it."""
    from test_daily import demo_like_shop
    from test_mail_exactly_once import set_toml

    server, port = serve()
    shop = set_toml(demo_like_shop(tmp_path, port),
                    **{'to = ["boss@shop.test"]': 'to = ["boss@shop.test", "nobody@shop.test"]'})
    book = FakeBook(shop.folder / "kpi.xlsx")
    xl.email(book)
    alert = book.app.alerts[-1]
    assert len(server.messages) == 1  # the boss got it
    assert alert["mode"] == "critical" and "nobody@shop.test" in alert["prompt"] and "拒收" in alert["prompt"], alert
