"""The after-sales desk had no ribbon button: the person at the returns bench had to type `shopbook aftersales receive
店铺 YT… …` for each parcel back. 售后收货… takes the scanner's file of the returns (a header line, a code a line) and
售后处理 runs the desk; each does what its command does to the same workbooks and says what it prints."""

from __future__ import annotations

import datetime as dt
import shutil

from cli_run import flat, shopbook
from shopbook import xl
from shopbook.io.reader import read_workbook
from shopbook.schema import ORDERS, STOCK, AfterSalesCase, Movement
from test_aftersales import shipped_order, type_case
from test_orders import TODAY, build_shop
from xlfake import FakeBook

NO = "3900000000000000405"


def _state(folder):
    cases = [(c.case_no, c.status, c.resend_order) for c in
             read_workbook(folder / "orders.xlsx", ORDERS, (AfterSalesCase,)).rows(AfterSalesCase)]
    moves = [(m.type, m.sku, m.qty, m.ref) for m in read_workbook(folder / "stock.xlsx", STOCK, (Movement,)).rows(Movement)]
    return cases, moves


def test_the_receive_and_desk_buttons_do_and_say_what_their_commands_do(tmp_path):
    shop = build_shop(tmp_path)
    shipped_order(shop, tmp_path, NO)
    type_case(shop, case_no="HX-1", opened_on=TODAY, order_no=NO, sku="SH-WH-M", qty=1, type="换货", reason="尺码小了",
              wants="换 L 码", exchange_sku="SH-WH-L", return_tracking="YT900001", status="等退货",
              due=dt.date.today() + dt.timedelta(days=7), staff="小美")
    twin = tmp_path / "twin"
    shutil.copytree(shop.folder, twin)
    scans = tmp_path / "退货扫描.txt"  # (the scanner's file: a header, a code a line, full-width typed by an IME)
    scans.write_text("退货单号\r\nＹＴ900001\r\n\r\n=\"NOPE\"\r\n", encoding="utf-8")  # (="…": as a tool writes it)

    cli = shopbook("aftersales", "receive", twin, "YT900001", "NOPE")
    assert cli.returncode == 1, cli.stdout + cli.stderr  # (NOPE: a parcel nobody registered)
    book = FakeBook(shop.path(ORDERS))
    xl.aftersales_receive(str(scans), book)
    box = book.app.alerts[-1]
    lines = box["prompt"].splitlines()
    assert box["mode"] == "critical", lines
    assert f"✓ 补发单：{NO}-R1" in lines and "✓ 退货入库：SH-WH-M×1（HX-1）" in lines and "✓ 收到：YT900001" in lines, lines
    assert any(ln.startswith("✗ 找不到售后单：NOPE（") for ln in lines), lines
    for ln in lines:  # every line the box says, the command prints (an open case's step: the button, not the command)
        assert flat(ln if not ln.startswith("  ") else ln.split("：")[0]) in flat(cli.stdout), (ln, cli.stdout)
    assert "shopbook" not in box["prompt"], lines
    assert f"  HX-1 {NO} 换货" in box["prompt"] and f"：补发单 {NO}-R1：审单、拣货、发货（按“审单并拣货…”，再按“验货发货…”）" in box["prompt"]
    assert "（shopbook daily）" in cli.stdout
    assert _state(shop.folder) == _state(twin)
    cases, moves = _state(shop.folder)
    assert cases == [("HX-1", cases[0][1], f"{NO}-R1")] and moves[-1][1:] == ("SH-WH-M", 1, "HX-1"), (cases, moves)

    cli = shopbook("aftersales", twin)
    xl.aftersales(book)
    box = book.app.alerts[-1]
    lines = box["prompt"].splitlines()
    assert "未完成售后：1，超期：0" in lines, lines
    for ln in lines:
        assert flat(ln if not ln.startswith("  ") else ln.split("：")[0]) in flat(cli.stdout), (ln, cli.stdout)
    assert box["mode"] == ("critical" if cli.returncode else "info"), (box, cli.stdout)
    assert _state(shop.folder) == _state(twin)


def test_a_case_awaiting_its_return_says_the_button_in_excel_and_the_command_on_the_command_line(tmp_path):
    """The step of a case waiting for its parcel: 售后收货… in a box, `shopbook aftersales receive` on the screen."""
    shop = build_shop(tmp_path)
    type_case(shop, case_no="TH-1", opened_on=TODAY, order_no=NO, sku="SH-WH-M", qty=1, type="退货退款",
              reason="不喜欢", return_tracking="YT900002", status="等退货", due=dt.date.today() + dt.timedelta(days=7))
    from shopbook.aftersales.workflow import list_open

    [v] = list_open(read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,)).rows(AfterSalesCase), [], TODAY, "zh")
    assert v.step == "退货到了扫描：shopbook aftersales receive 店铺 YT900002"
    assert v.by_button == "退货 YT900002 到了：扫描，再按“售后收货…”选扫描文件收货"
    [v] = list_open(read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,)).rows(AfterSalesCase), [], TODAY, "en")
    assert v.by_button == "when the return YT900002 comes: scan it, then press Receive returns… and choose the scan file"


def test_a_press_with_no_file_chosen_says_so(tmp_path):
    shop = build_shop(tmp_path)
    book = FakeBook(shop.path(ORDERS))
    xl.aftersales_receive(None, book)
    assert book.app.alerts[-1]["prompt"] == "没有选择文件。"


def test_the_after_sales_group_is_wired_as_the_other_buttons():
    """customUI.xml's 售后 group → Ribbon.bas' Subs → shopbook.xl's entries, labelled in both ribbons, the receive
    button asking for the scan file as 验货发货… does, and its xlwings Lite script reading the active sheet as a CSV."""
    from shopbook.addin.build import ribbon_labels
    from shopbook.addin.lite_files import main_py, ribbon_buttons
    from test_addin_button_calls import commands

    buttons = {b["entry"]: b for b in ribbon_buttons()}
    assert (buttons["aftersales"]["zh"], buttons["aftersales"]["en"], buttons["aftersales"]["file"]) == \
        ("售后处理", "After-sales cases", None)
    assert (buttons["aftersales_receive"]["zh"], buttons["aftersales_receive"]["en"],
            buttons["aftersales_receive"]["file"]) == ("售后收货…", "Receive returns…", "csv")
    assert ribbon_labels("zh")["grpAftersales"] == "售后" and ribbon_labels("en")["grpAftersales"] == "After-sales"
    cmds = commands()
    assert cmds["Aftersales"] == ["import shopbook.xl; shopbook.xl.aftersales()"]
    assert cmds["AftersalesReceive"][0].startswith("import shopbook.xl; shopbook.xl.aftersales_receive(path=")
    assert 'lite.run("aftersales_receive", book, "csv")' in main_py()


def test_the_labels_shipped_for_a_copy_without_macros_are_the_ribbons_own():
    # the words that name a button where macros/ cannot be read: a label renamed in customUI.xml and not here
    # would have a box name a button the ribbon no longer shows
    from shopbook.addin.build import SHIPPED_LABELS, ribbon_labels

    assert {c: (ribbon_labels("zh")[c], ribbon_labels("en")[c]) for c in SHIPPED_LABELS} == SHIPPED_LABELS


def test_a_button_named_by_a_box_is_its_shipped_label_where_macros_cannot_be_read(monkeypatch, tmp_path):
    from shopbook.addin import build

    build.ribbon_labels.cache_clear()
    monkeypatch.setattr(build, "repo_macros", lambda: tmp_path / "gone")
    try:
        assert build.button_label("btnImportKpi") == ("导入生意参谋…", "Import shop data…")
    finally:
        build.ribbon_labels.cache_clear()
