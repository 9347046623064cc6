"""Every platform's export, in its real bytes, through `orders import`: told apart by headers,
each order line with its 平台, an order number unique within its platform."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import time

import openpyxl
import pytest
from typer.testing import CliRunner

from platform_fixtures import (PDD_CURRENT, douyin_bytes, douyin_row, encrypt, pdd_bytes, pdd_row,
                               three_sheet_workbook, write_douyin, write_pdd)
from shopbook.cli import SCREEN_LINES, app
from shopbook.issues import ShopbookError
from shopbook.orders.workflow import import_orders, review
from shopbook.schema import ORDERS, STOCK, OrderStatus, Platform
from taobao_fixtures import detail_row, order_row, write_pair
from test_orders import D, build_shop, lines_of


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def test_pinduoduo_current_layout_values_ending_in_a_tab(shop, tmp_path):
    rows = [pdd_row("231121-012345678901234", "待发货", "SH-WH-M", qty=2, total="198.00"),
            pdd_row("231121-012345678901235", "待发货", "SH-BK-M", after="退款中"),
            pdd_row("231121-012345678901236", "已发货，待收货", "SH-BK-M", tracking="YT7788", courier="圆通快递"),
            pdd_row("231121-012345678901237", "已取消", "SH-BK-M"),
            pdd_row("231121-012345678901238", "待支付", "SH-BK-M")]
    path = write_pdd(tmp_path / "pdd", rows)
    raw = path.read_bytes()
    assert "商家实收金额（元）".encode() in raw and b"231121-012345678901234\t," in raw  # the platform's quirks
    res = import_orders(shop, [path])
    assert res.files[0]["kind"] == "pinduoduo"
    by = {ln.order_no: ln for ln in lines_of(shop)}
    assert set(by) == {"231121-012345678901234", "231121-012345678901235"}
    first = by["231121-012345678901234"]
    assert (first.platform, first.sku, first.qty, first.unit_price) == (Platform.PINDUODUO, "SH-WH-M", 2, D("99.00"))
    # the platform encrypts them: said so in every cell, nothing invented, no required cell left blank
    assert first.receiver == first.phone == first.address == "(平台加密)"
    assert first.status is OrderStatus.NEW and first.paid_at.hour == 10
    refunding = by["231121-012345678901235"]
    assert refunding.status is OrderStatus.HELD and "退款中" in refunding.platform_status
    assert {s["order_no"] for s in res.skipped} == {"231121-012345678901236", "231121-012345678901237",
                                                     "231121-012345678901238"}
    # the review does not hold an order for the receiver the platform keeps to itself
    decisions, _ = review(shop)
    d = {x.order_no: x for x in decisions}["231121-012345678901234"]
    assert d.status is OrderStatus.APPROVED and any("平台加密" in n[0] for n in d.notes)


def test_encrypted_pinduoduo_orders_stay_out_of_the_waybill_csv_and_the_pick_list_says_so(shop, tmp_path):
    """拼多多's current export keeps the receiver: its waybill is printed in the platform's tools.
    The waybill CSV leaves the order out (it held "(平台加密)" as receiver, phone and address, for the
    courier's software to print); its pick list and packing note lines stay; the output says how
    many and why, in the shop's language."""
    import csv as _csv

    from shopbook.orders.workflow import make_picklist

    sealed, plain = "231125-000000000000001", "231125-000000000000002"
    import_orders(shop, [write_pdd(tmp_path / "p", [pdd_row(sealed, "待发货", "SH-BK-M")]),
                         write_pdd(tmp_path / "o", [pdd_row(plain, "待发货", "SH-WH-M", receiver="陈静", phone="13712345678",
                                                            province="浙江省", city="杭州市", district="西湖区",
                                                            street="文三路1号")], old=True)])
    review(shop)
    r = CliRunner().invoke(app, ["picklist", str(shop.folder), "--batch", "b1"])
    assert r.exit_code == 0, r.output
    said = "".join(r.output.split())  # (the console wraps long lines)
    assert "1个订单不在面单CSV里：收货信息由平台加密" in said and sealed in said and plain not in said
    waybill = list(_csv.reader(io.StringIO((shop.folder / "reports" / "面单-b1.csv").read_text(encoding="utf-8-sig"))))
    assert [row[0] for row in waybill[1:]] == [plain] and "(平台加密)" not in str(waybill)
    notes = openpyxl.load_workbook(shop.folder / "reports" / "拣货单-b1.xlsx")
    assert sealed in str([c.value for ws in notes for row in ws.iter_rows() for c in row])  # its packing note stays
    assert {ln.order_no: ln.batch for ln in lines_of(shop)} == {sealed: "b1", plain: "b1"}
    review(shop)
    res = make_picklist(shop, batch="b2")
    assert res.parcels == [] and res.platform_waybills == []


@pytest.mark.parametrize("press", ["picklist", "morning"])
def test_the_pick_list_buttons_say_which_waybills_the_platform_prints(shop, tmp_path, press):
    """The 拣货单 and 审单并拣货 buttons, pressed in the open orders.xlsx: the order left out of the
    waybill CSV is named, in the words `picklist` prints, or its waybill is never printed."""
    from shopbook import xl
    from xlfake import FakeBook

    sealed, plain = "231125-000000000000001", "231125-000000000000002"
    import_orders(shop, [write_pdd(tmp_path / "p", [pdd_row(sealed, "待发货", "SH-BK-M")]),
                         write_pdd(tmp_path / "o", [pdd_row(plain, "待发货", "SH-WH-M", receiver="陈静", phone="13712345678",
                                                            province="浙江省", city="杭州市", district="西湖区",
                                                            street="文三路1号")], old=True)])
    if press == "picklist":  # (审单并拣货 reviews them itself)
        review(shop)
    book = FakeBook(shop.path(ORDERS))
    getattr(xl, press)(book)
    prompt = book.app.alerts[-1]["prompt"]
    assert f"! 1 个订单不在面单 CSV 里：收货信息由平台加密，请在平台打印面单（拣货单、发货单照常）：{sealed}" in prompt, prompt
    waybill = next((shop.folder / "reports").glob("面单-*.csv")).read_text(encoding="utf-8-sig")
    assert plain in waybill and sealed not in waybill


def test_the_daily_pick_step_says_which_waybills_the_platform_prints_as_picklist_does(shop, tmp_path):
    """The daily job's pick list names the order left out of the waybill CSV, in picklist's own words
    (before, its step said only how many, in words of its own, and no one knew which to print)."""
    import datetime as dt

    from shopbook.report.workflow import run_daily

    sealed = "231125-000000000000001"
    inbox = shop.folder / "inbox"
    inbox.mkdir(exist_ok=True)
    f = write_pdd(tmp_path / "p", [pdd_row(sealed, "待发货", "SH-BK-M")])
    f.rename(inbox / f.name)
    run = run_daily(shop, dt.date(2026, 11, 25), send=False)
    step = next(s for s in run.steps if s.name == "picklist")
    assert step.ok is True, [(s.name, s.detail) for s in run.steps]
    assert step.detail.splitlines()[-1] == (f"! 1 个订单不在面单 CSV 里：收货信息由平台加密，请在平台打印面单（拣货单、发货单照常）"
                                            f"：{sealed}"), step.detail


def test_pinduoduo_older_layout_with_receivers_and_sku_dimension(shop, tmp_path):
    row = pdd_row("231120-99", "待发货", "SH-BK-M", qty=2, total="198.00", receiver="陈静", phone="13712345678", province="浙江省",
                  city="杭州市", district="西湖区", street="文三路 200 号")
    path = write_pdd(tmp_path / "pdd", [row], old=True)
    raw = path.read_bytes()
    assert "商家编码-SKU维度".encode() in raw and "商家编码-规格维度".encode() not in raw and "商品数量（件）".encode() in raw
    res = import_orders(shop, [path])
    ln, = res.imported
    assert (ln.receiver, ln.phone, ln.address) == ("陈静", "13712345678", "浙江省 杭州市 西湖区 文三路 200 号")
    assert (ln.sku, ln.qty, ln.unit_price) == ("SH-BK-M", 2, D("99.00")) and ln.source.value == "拼多多"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_douyin_sub_orders_dashes_and_split_address(shop, tmp_path, encoding):
    rows = [douyin_row("6930000000000000001", "6930000000000000011", "SH-WH-M", qty=1),
            douyin_row("6930000000000000001", "6930000000000000012", "SH-BK-M", qty=2, price="89.50"),
            douyin_row("6930000000000000002", "6930000000000000021", "SH-BK-M", status="已关闭", after="退款成功"),
            douyin_row("6930000000000000003", "6930000000000000031", "SH-BK-M", status="已关闭", cancel="买家取消")]
    path = write_douyin(tmp_path / "dy", rows, encoding)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig") and b",-," in raw
    assert path.name.split("_")[0].isdigit()
    res = import_orders(shop, [path])
    lines = lines_of(shop)
    assert [(ln.order_no, ln.sku, ln.qty, ln.unit_price) for ln in lines] == [
        ("6930000000000000001", "SH-WH-M", 1, D("99.00")), ("6930000000000000001", "SH-BK-M", 2, D("89.50"))]
    head = lines[0]
    assert head.platform is Platform.DOUYIN and head.address == "广东省 深圳市 南山区 粤海街道 科技园路1号"
    assert head.buyer_message is None and head.seller_note is None  # "-" is the export's blank
    assert {s["order_no"] for s in res.skipped} == {"6930000000000000002", "6930000000000000003"}


def test_douyin_export_that_names_its_price_column_shang_pin_jin_e(shop, tmp_path):
    """Some 抖店 exports head the unit price 商品金额, not 商品单价: read alike, by its header."""
    rows = [douyin_row("6930000000000000041", "6930000000000000411", "SH-BK-M", qty=2, price="79.90")]
    path = tmp_path / "1763694000_订单导出.csv"
    path.write_bytes(douyin_bytes(rows).replace("商品单价".encode(), "商品金额".encode(), 1))
    assert "商品单价".encode() not in path.read_bytes()
    import_orders(shop, [path])
    assert [(ln.sku, ln.qty, ln.unit_price, ln.platform) for ln in lines_of(shop)] == [
        ("SH-BK-M", 2, D("79.90"), Platform.DOUYIN)]


def test_taobao_three_sheet_workbook(shop, tmp_path):
    orders = [order_row("3600000000000000001", "tb_a", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路1号(310000)",
                        "2026-11-21 09:00:00", goods="99.00"),
              order_row("3600000000000000002", "tb_b", "李雷", "13812345679", "浙江省 杭州市 西湖区 文三路2号(310000)",
                        "2026-11-21 09:30:00", status="卖家已发货，等待买家确认", goods="99.00")]
    details = [{"主订单编号": "3600000000000000001", "子订单编号": "3600000000000000101", "标题": "白衬衫", "价格": "99.00",
                "购买数量": "1", "商家编码": "SH-WH-M", "订单状态": "买家已付款，等待卖家发货", "退款状态": "没有申请退款"},
               {"主订单编号": "3600000000000000002", "子订单编号": "3600000000000000201", "标题": "黑衬衫", "价格": "99.00",
                "购买数量": "1", "商家编码": "SH-BK-M", "订单状态": "卖家已发货，等待买家确认", "退款状态": "没有申请退款"}]
    shipped = [{"主订单编号": "3600000000000000002", "物流公司": "中通快递", "物流单号": "7300000002",
                "发货时间": "2026-11-21 18:00:00"}]
    path = three_sheet_workbook(tmp_path / "淘宝订单导出.xlsx", orders, details, shipped)
    res = import_orders(shop, [path])
    assert [f["kind"] for f in res.files] == ["taobao-orders", "taobao-details", "tracking"]
    assert [(ln.order_no, ln.sku, ln.platform) for ln in lines_of(shop)] == [
        ("3600000000000000001", "SH-WH-M", Platform.TAOBAO)]
    # the shipped sheet names an order shopbook never had: said, not invented
    assert any(s["order_no"] == "3600000000000000002" for s in res.skipped)
    # the next day's workbook: its 发货报表 ships the order shopbook has, with its courier and number,
    # its stock out once (the same workbook imported again changes nothing)
    from shopbook.io.reader import read_workbook
    from shopbook.schema import Movement, MovementType

    orders[0]["订单状态"] = details[0]["订单状态"] = "卖家已发货，等待买家确认"
    shipped = [{"主订单编号": "3600000000000000001", "物流公司": "圆通速递", "物流单号": "YT8800000001",
                "发货时间": "2026-11-22 17:30:00"}]
    (tmp_path / "later").mkdir()
    later = three_sheet_workbook(tmp_path / "later" / "淘宝订单导出.xlsx", orders[:1], details[:1], shipped)
    res = import_orders(shop, [later])
    ln, = lines_of(shop)
    assert (ln.status, ln.courier, ln.tracking_no) == (OrderStatus.SHIPPED, "圆通速递", "YT8800000001")
    assert [c.order_no for c in res.changes] == ["3600000000000000001"]

    def moves():
        return [(m.ref, m.sku, m.qty, m.type) for m in
                read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)]

    assert moves() == [("3600000000000000001", "SH-WH-M", 1, MovementType.OUT)]
    assert import_orders(shop, [later]).changes == [] and len(moves()) == 1


def _protected_pair(folder, no: str = "3700000000000000001") -> list:
    """A Taobao export pair in the seller centre's .xlsx form, encrypted with 店铺2026 as Excel does."""
    a, b = write_pair(folder, [order_row(no, "tb", "王芳", "13812345678", "浙江省 杭州市 西湖区 a路1号(310000)",
                                         "2026-11-21 09:00:00")], [detail_row(no, "白衬衫", "99.00", "1", "SH-WH-M")])
    plain = []
    for src in (a, b):
        wb = openpyxl.Workbook()
        for r in csv.reader(io.StringIO(src.read_bytes().decode("gb18030"))):
            wb.active.append([c[2:-1] if c.startswith('="') else c for c in r])
        wb.save(src.with_suffix(".plain.xlsx"))
        plain.append(encrypt(src.with_suffix(".plain.xlsx"), src.with_suffix(".xlsx"), "店铺2026"))
    assert plain[0].read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    return plain


def _refused_without_the_password(shop, files: list, monkeypatch) -> None:
    """Protected exports: refused without the password (saying how to give it) and with a wrong one;
    nothing imported."""
    monkeypatch.delenv("SHOPBOOK_EXPORT_PASSWORD", raising=False)
    with pytest.raises(ShopbookError) as e:
        import_orders(shop, files)
    assert "password-protected" in e.value.en and "--password" in e.value.en
    assert "SHOPBOOK_EXPORT_PASSWORD" in e.value.zh
    with pytest.raises(ShopbookError) as e:
        import_orders(shop, files, password="wrong")
    assert "Wrong password" in e.value.en and lines_of(shop) == []


def test_password_protected_export(shop, tmp_path, monkeypatch):
    plain = _protected_pair(tmp_path / "e")
    _refused_without_the_password(shop, plain, monkeypatch)
    r = CliRunner().invoke(app, ["orders", "import", str(shop.folder), *map(str, plain), "--password", "店铺2026",
                                 "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["orders"] == ["3700000000000000001"]
    # the same again through the environment: already there, nothing changes
    monkeypatch.setenv("SHOPBOOK_EXPORT_PASSWORD", "店铺2026")
    res = import_orders(shop, plain)
    assert res.imported == [] and res.changes == [] and len(lines_of(shop)) == 1


def test_password_protected_old_xls_export(shop, monkeypatch):
    """The pair saved as old .xls with a password (Excel 97–2003's own encryption, not an encrypted
    package: tests/corpus/exports/make_exports.py, by LibreOffice): refused without the password as
    the .xlsx is, refused with a wrong one, imported with it."""
    from pathlib import Path

    from shopbook.io.files import _is_encrypted
    from shopbook.orders.platform_export import needs_password

    files = sorted((Path(__file__).parent / "corpus" / "exports").glob("*.xls"))
    assert len(files) == 2 and all(f.read_bytes()[:4] == b"\xd0\xcf\x11\xe0" for f in files)
    assert not any(_is_encrypted(f) for f in files) and all(needs_password(f) for f in files)
    _refused_without_the_password(shop, files, monkeypatch)
    import_orders(shop, files, password="店铺2026")
    assert [(ln.order_no, ln.sku, ln.platform) for ln in lines_of(shop)] == [
        ("3700000000000000011", "SH-WH-M", Platform.TAOBAO)]


def test_the_import_button_asks_for_an_export_s_password(shop, tmp_path, monkeypatch):
    """导入订单 (and 审单并拣货) given a password-protected export ask for its password in an Excel
    input box, where SHOPBOOK_EXPORT_PASSWORD does not give it: the orders come in as with
    --password. Cancelled, nothing is imported; a wrong one is said; no box for plain files."""
    from types import SimpleNamespace

    from shopbook import xl
    from xlfake import FakeBook

    monkeypatch.delenv("SHOPBOOK_EXPORT_PASSWORD", raising=False)
    plain = _protected_pair(tmp_path / "e")
    asked: list = []

    def button(answer, files=plain, entry=xl.import_orders):
        book = FakeBook(shop.path(ORDERS))
        def input_box(Prompt, Title, Type):  # Excel's Application.InputBox, as the button calls it
            assert (Title, Type) == ("shopbook", 2)
            asked.append(Prompt)
            return answer

        book.app.api = SimpleNamespace(InputBox=input_box)
        entry(path="|".join(map(str, files)), book=book)
        return book.app.alerts[-1]

    said = button(False)  # Cancel
    assert "没有输入密码" in said["prompt"] and said["mode"] == "critical" and lines_of(shop) == []
    assert len(asked) == 1 and all(f.name in asked[0] for f in plain) and "密码" in asked[0]
    said = button("wrong")
    assert "密码不对" in said["prompt"] and lines_of(shop) == []
    said = button("店铺2026")
    assert [ln.order_no for ln in lines_of(shop)] == ["3700000000000000001"], said
    more = _protected_pair(tmp_path / "f", "3700000000000000002")
    said = button("店铺2026", more, xl.morning)  # the morning job's button asks the same way
    assert "3700000000000000002" in {ln.order_no for ln in lines_of(shop)}, said
    n = len(asked)
    plain_pair = write_pair(tmp_path / "g", [order_row("3700000000000000003", "tb", "王芳", "13812345678",
                                                       "浙江省 杭州市 西湖区 a路3号(310000)", "2026-11-21 09:00:00")],
                            [detail_row("3700000000000000003", "白衬衫", "99.00", "1", "SH-WH-M")])
    button("never asked", list(plain_pair))
    monkeypatch.setenv("SHOPBOOK_EXPORT_PASSWORD", "店铺2026")  # given where Excel runs: no box either
    button("never asked", _protected_pair(tmp_path / "h", "3700000000000000004"))
    assert len(asked) == n and {"3700000000000000003", "3700000000000000004"} <= {ln.order_no for ln in lines_of(shop)}


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice writes the real .xls")
def test_old_binary_xls_export(shop, tmp_path):
    a, b = write_pair(tmp_path / "e", [order_row("3800000000000000001", "tb", "王芳", "13812345678",
                                                  "浙江省 杭州市 西湖区 a路1号(310000)", "2026-11-21 09:00:00")],
                      [detail_row("3800000000000000001", "白衬衫", "99.00", "1", "SH-WH-M")])
    out = []
    for src in (a, b):
        import csv
        import io
        wb = openpyxl.Workbook()
        for r in csv.reader(io.StringIO(src.read_bytes().decode("gb18030"))):
            wb.active.append([c[2:-1] if c.startswith('="') else c for c in r])
        wb.save(tmp_path / f"{src.stem}.xlsx")
        out.append(tmp_path / f"{src.stem}.xlsx")
    subprocess.run(["soffice", "--headless", "--convert-to", "xls", "--outdir", str(tmp_path / "xls"), *map(str, out)],
                   check=True, capture_output=True, timeout=120, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    xls = sorted((tmp_path / "xls").glob("*.xls"))
    assert len(xls) == 2 and xls[0].read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    res = import_orders(shop, xls)
    assert [ln.order_no for ln in res.imported] == ["3800000000000000001"]


def test_a_file_of_no_known_format_names_what_it_lacks_per_format(shop, tmp_path):
    # a 拼多多 export whose status columns were cut off, saved again by hand
    half = [h for h in PDD_CURRENT if h not in ("订单状态", "售后状态")]
    p = tmp_path / "pdd.csv"
    p.write_bytes(pdd_bytes(half, [pdd_row("231121-1", "待发货", "SH-WH-M")]))
    with pytest.raises(ShopbookError) as e:
        import_orders(shop, [p])
    assert "像拼多多 订单查询导出，但缺少 订单状态、售后状态" in e.value.zh
    assert "Pinduoduo order export but lacks 订单状态, 售后状态" in e.value.en
    dy = tmp_path / "dy.csv"
    dy.write_text("主订单编号,子订单编号,选购商品\n1,2,x\n", encoding="utf-8-sig")
    with pytest.raises(ShopbookError) as e:
        import_orders(shop, [dy])
    assert "像抖店 订单导出，但缺少 订单状态、商品数量、商家编码" in e.value.zh


def test_a_download_cut_off_is_a_cut_file_and_nothing_of_it_imports(shop, tmp_path):
    """A download stopped mid-row: a 宝贝报表 cut inside its last quoted value (it imported a line of
    SKU "TS2601"), a 拼多多 export cut after a row's 商品数量 (it imported an order with a wrong
    reason), a 抖店 export cut mid-row. Each is said to be cut, at its file and line, exit 2, and
    nothing is imported; a whole file of the same rows imports."""
    no = "3515139900000000301"
    order = order_row(no, "tb_a", "甲", "13800000003", "浙江省 杭州市 西湖区 文三路 3 号", "2026-11-25 09:00:00")
    order["宝贝总数量"] = "2"
    items = [detail_row(no, "衬衫", "99.00", "1", "SH-BK-M"), detail_row(no, "衬衫", "99.00", "1", "SH-WH-M")]
    a, b = write_pair(tmp_path / "tb", [order], items)
    whole = b.read_bytes()
    b.write_bytes(whole[:whole.rindex(b"SH-WH-M") + 5])  # ...,"SH-W
    pdd = pdd_bytes(PDD_CURRENT, [pdd_row("231125-000000000000001", "待发货", "SH-BK-M"),
                                  pdd_row("231125-000000000000002", "待发货", "SH-WH-M", qty=2)])
    cut_pdd = tmp_path / "pdd.csv"
    cut_pdd.write_bytes(pdd[:pdd.rindex(b"2\t,") + 3])  # the last row stops after its 商品数量
    dy = write_douyin(tmp_path / "dy", [douyin_row("6930000000000000801", "6930000000000000811", "SH-BK-M"),
                                        douyin_row("6930000000000000802", "6930000000000000812", "SH-WH-M")])
    raw = dy.read_bytes()
    dy.write_bytes(raw[:raw.rindex("刘洋".encode())])
    for cut in (b, cut_pdd, dy):  # stopped an hour ago: one cut just now may be still arriving (test_being_saved)
        os.utime(cut, (time.time() - 3600, time.time() - 3600))
    before = shop.path(ORDERS).read_bytes()
    for files, name, line in (([a, b], b.name, 3), ([cut_pdd], cut_pdd.name, 3), ([dy], dy.name, 3)):
        with pytest.raises(ShopbookError) as e:
            import_orders(shop, files)
        assert e.value.path.endswith(name) and f"第 {line} 行被截断" in e.value.zh and "文件不完整" in e.value.zh
        assert f"cut off at line {line}" in e.value.en and "again" in e.value.en
        r = CliRunner().invoke(app, ["orders", "import", str(shop.folder), *map(str, files)])
        assert r.exit_code == 2 and "被截断" in r.output
    assert shop.path(ORDERS).read_bytes() == before
    b.write_bytes(whole)
    cut_pdd.write_bytes(pdd)
    assert len(import_orders(shop, [a, b, cut_pdd]).imported) == 4


def test_a_new_order_short_of_its_units_in_the_item_list_is_refused_until_the_lists_are_whole(shop, tmp_path):
    """The 宝贝报表 lists fewer units for a new order than its 宝贝总数量 (a download cut at a
    line's end): the order is refused at the 订单报表's row and column, the others come in, and the
    whole files imported next bring it in with every line. Before, it came in short with a warning,
    was reviewed and picked so, and the whole files added nothing: an order there is not given rows."""
    no, ok = "3515139900000000302", "3515139900000000303"
    orders = [order_row(n, "tb_a", "甲", "13800000003", "浙江省 杭州市 西湖区 文三路 3 号", "2026-11-25 09:00:00")
              for n in (no, ok)]
    orders[0]["宝贝总数量"] = "3"
    items = [detail_row(no, "衬衫", "99.00", "2", "SH-BK-M"), detail_row(ok, "衬衫", "99.00", "1", "SH-BK-M")]
    res = import_orders(shop, list(write_pair(tmp_path / "cut", orders, items)))
    short, = [i for i in res.issues if i.column == "宝贝总数量"]
    assert short.severity == "error" and short.book == "ExportOrderList20261121.csv" and short.row == 2
    assert "宝贝报表里只有 2 件" in short.message_zh and "2 of its 3 items" in short.message_en
    assert "没有导入" in short.message_zh and "not imported" in short.message_en
    assert {ln.order_no for ln in res.imported} == {ok}
    assert {ln.order_no for ln in lines_of(shop)} == {ok}
    items.append(detail_row(no, "衬衫", "99.00", "1", "SH-WH-M"))  # the whole item list, downloaded again
    res = import_orders(shop, list(write_pair(tmp_path / "whole", orders, items)))
    assert not res.issues and {ln.order_no for ln in res.imported} == {no}
    assert sorted((ln.sku, ln.qty) for ln in lines_of(shop) if ln.order_no == no) == [("SH-BK-M", 2), ("SH-WH-M", 1)]
    # a later export whose item list is cut again: the order is there, whole; the gap is said, nothing changes
    res = import_orders(shop, list(write_pair(tmp_path / "later", orders, items[:2])))
    short, = [i for i in res.issues if i.column == "宝贝总数量"]
    assert short.severity == "warning" and "宝贝报表可能不完整" in short.message_zh
    assert sorted((ln.sku, ln.qty) for ln in lines_of(shop) if ln.order_no == no) == [("SH-BK-M", 2), ("SH-WH-M", 1)]


def test_an_order_number_is_unique_within_its_platform(shop, tmp_path):
    """The same number from another platform is not 'already imported': it is refused, located."""
    pdd = write_pdd(tmp_path / "pdd", [pdd_row("3515000000000000001", "待发货", "SH-WH-M")])
    a, b = write_pair(tmp_path / "tb", [order_row("3515000000000000001", "tb", "王芳", "13812345678",
                                                   "浙江省 杭州市 西湖区 a路1号(310000)", "2026-11-21 09:00:00")],
                      [detail_row("3515000000000000001", "白衬衫", "99.00", "1", "SH-BK-M")])
    import_orders(shop, [pdd])
    res = import_orders(shop, [a, b])
    assert res.imported == []
    err, = [i for i in res.issues if i.is_error]
    assert "拼多多" in err.message_zh and "Pinduoduo" in err.message_en and err.value == "3515000000000000001"
    assert [(ln.platform, ln.sku) for ln in lines_of(shop)] == [(Platform.PINDUODUO, "SH-WH-M")]
    # the same 拼多多 export again: one order, unchanged
    res = import_orders(shop, [pdd])
    assert res.imported == [] and res.changes == [] and len(lines_of(shop)) == 1


def test_three_platforms_in_one_import(shop, tmp_path):
    a, b = write_pair(tmp_path / "tb", [order_row("3900000000000000001", "tb", "王芳", "13812345678",
                                                   "浙江省 杭州市 西湖区 a路1号(310000)", "2026-11-21 09:00:00")],
                      [detail_row("3900000000000000001", "白衬衫", "99.00", "1", "SH-WH-M")])
    pdd = write_pdd(tmp_path / "pdd", [pdd_row("231121-7", "待发货", "SH-BK-M")])
    dy = write_douyin(tmp_path / "dy", [douyin_row("6930000000000000009", "6930000000000000091", "SH-BK-M")])
    r = CliRunner().invoke(app, ["orders", "import", str(shop.folder), str(dy), str(a), str(pdd), str(b)])
    assert r.exit_code == 0, r.output
    assert "3 个订单" in r.output
    assert {(ln.platform.value, ln.order_no) for ln in lines_of(shop)} == {
        ("拼多多", "231121-7"), ("抖店", "6930000000000000009"), ("淘宝", "3900000000000000001")}
    ws = openpyxl.load_workbook(shop.folder / "orders.xlsx")["订单"]
    assert "平台" in [c.value for c in ws[1]]


def test_one_number_from_two_platforms_in_one_import(shop, tmp_path):
    pdd = write_pdd(tmp_path / "pdd", [pdd_row("6930000000000000077", "待发货", "SH-WH-M")])
    dy = write_douyin(tmp_path / "dy", [douyin_row("6930000000000000077", "6930000000000000771", "SH-BK-M")])
    res = import_orders(shop, [pdd, dy])
    err, = [i for i in res.issues if i.is_error]
    assert "本次导入" in err.message_zh and "this import" in err.message_en
    assert [(ln.platform, ln.sku) for ln in lines_of(shop)] == [(Platform.PINDUODUO, "SH-WH-M")]


def test_one_export_saved_twice_under_its_name_is_read_once(shop, tmp_path):
    """The same download in two folders (or given twice) keeps its file name: each order's
    quantity is the file's, never doubled."""
    tb = [order_row("3900000000000000002", "tb", "王芳", "13812345678", "浙江省 杭州市 西湖区 a路1号(310000)",
                    "2026-11-21 09:00:00")], [detail_row("3900000000000000002", "白衬衫", "99.00", "2", "SH-WH-M")]
    pdd = [pdd_row("231121-8", "待发货", "SH-BK-M", qty=2, total="198.00")]
    dy = [douyin_row("6930000000000000010", "6930000000000000101", "SH-BK-L", qty=2)]
    files = []
    for day in ("mon", "tue"):
        files += [*write_pair(tmp_path / day, *tb), write_pdd(tmp_path / day, pdd), write_douyin(tmp_path / day, dy)]
    assert files[0].name == files[4].name and files[2].name == files[6].name and files[3].name == files[7].name
    (tmp_path / "link.csv").symlink_to(files[3])  # the 抖店 file once more, through a link
    from shopbook.orders.platform_export import keep_tables

    with keep_tables():  # as the daily job reads inbox/: one file's tables are the same objects
        import_orders(shop, files + [tmp_path / "link.csv"])
    assert sorted((ln.order_no, ln.sku, ln.qty) for ln in lines_of(shop)) == [
        ("231121-8", "SH-BK-M", 2), ("3900000000000000002", "SH-WH-M", 2), ("6930000000000000010", "SH-BK-L", 2)]


def listed_in(output: str):
    """The list file a cut list on screen names (the path may wrap across lines)."""
    from pathlib import Path

    return Path(output.split("全部列在 ", 1)[1].split(".csv", 1)[0] + ".csv")


def test_a_long_import_summary_is_cut_on_screen_saying_how_many_more_and_where(shop, tmp_path):
    """A month's re-import changes thousands of orders: the first SCREEN_LINES of each list on screen (rich
    took seconds for 17,000), a count of each new status, how many more and where; --json has all."""
    n = SCREEN_LINES + 5
    nos = [f"231121-01234567{i:05d}" for i in range(n)]
    waiting = [pdd_row(no, "待发货", "SH-BK-M") for no in nos]
    unpaid = [pdd_row(f"231121-09876543{i:05d}", "待支付", "SH-BK-M") for i in range(n)]
    runner = CliRunner()
    r = runner.invoke(app, ["orders", "import", str(shop.folder), str(write_pdd(tmp_path / "a", waiting + unpaid))])
    assert r.exit_code == 0, r.output
    assert len([ln for ln in r.output.splitlines() if ln.startswith("  – 231121-09876543")]) == SCREEN_LINES
    out = r.output.replace("\n", "")
    assert "还有 5 行没有导入；全部列在 " in out
    first_list = listed_in(out)
    rows = list(csv.reader(io.StringIO(first_list.read_bytes().decode("utf-8-sig"))))
    assert rows[0] == ["类型", "平台", "订单编号", "商家编码", "原状态", "新状态", "说明", "文件"]
    assert sorted(r[2] for r in rows[1:] if r[0] == "未导入") == [x["订单号"] for x in unpaid]
    assert all("待支付" in r[6] for r in rows[1:])

    shipped = write_pdd(tmp_path / "b", [pdd_row(no, "已发货，待收货", "SH-BK-M", tracking=f"YT{i:06d}", courier="圆通快递",
                                                 shipped="2026-11-22 10:00:00") for i, no in enumerate(nos)])
    twin = tmp_path / "twin"
    shutil.copytree(shop.folder, twin)
    r = runner.invoke(app, ["orders", "import", str(shop.folder), str(shipped)])
    assert r.exit_code == 0, r.output
    out = r.output.replace("\n", "")
    assert f"状态变化：{n} 个订单，出库 {n} 行（已发货 {n}）" in out
    assert len([ln for ln in r.output.splitlines() if ln.startswith("  → 拼多多 231121-")]) == SCREEN_LINES
    assert "还有 5 个订单的状态变化；全部列在 " in out
    rows = list(csv.reader(io.StringIO(listed_in(out).read_bytes().decode("utf-8-sig"))))
    assert sorted(r[2] for r in rows[1:]) == nos and {(r[0], r[1], r[4], r[5]) for r in rows[1:]} == {
        ("状态变化", "拼多多", "待审核", "已发货")}
    assert {ln.order_no for ln in lines_of(shop) if ln.status is OrderStatus.SHIPPED} == set(nos)  # every one

    r = runner.invoke(app, ["orders", "import", str(twin), str(shipped), "--json"])
    assert sorted(c["order_no"] for c in json.loads(r.output)["changes"]) == nos


def test_what_does_not_read_is_said_in_step_order_though_read_side_by_side(shop, tmp_path):
    """The exports and stock.xlsx are read on the other core while orders.xlsx is: a bad export is
    still said before a damaged orders.xlsx, and that before a damaged stock.xlsx."""
    bad_export = tmp_path / "pdd.csv"
    bad_export.write_bytes(pdd_bytes([h for h in PDD_CURRENT if h != "订单状态"], [pdd_row("231121-1", "待发货", "SH-WH-M")]))
    good_export = write_pdd(tmp_path / "ok", [pdd_row("231121-2", "待发货", "SH-WH-M")])
    orders, stock = shop.path(ORDERS), shop.path(STOCK)
    stock.write_bytes(b"not a workbook")
    with pytest.raises(ShopbookError) as e:
        import_orders(shop, [good_export])
    assert e.value.path == str(stock)
    orders.write_bytes(b"PK\x03\x04 damaged")
    with pytest.raises(ShopbookError) as e:
        import_orders(shop, [good_export])
    assert e.value.path == str(orders)
    with pytest.raises(ShopbookError) as e:
        import_orders(shop, [bad_export])
    assert "缺少 订单状态" in e.value.zh


def test_the_import_list_speaks_the_shops_language_and_keeps_codes_as_text(tmp_path):
    from shopbook.orders.import_list import import_list_csv
    from shopbook.orders.lifecycle import Change

    changes = [Change("3515000000000000001", "淘宝", None, OrderStatus.CANCELLED, "平台已关闭：买家取消", "closed: cancelled",
                      "ExportOrderList.csv"),
               Change("231121-2", "拼多多", OrderStatus.APPROVED, OrderStatus.SHIPPED, "已发货", "shipped", "pdd.csv")]
    skipped = [{"order_no": "=HYPERLINK(1)", "sku": "+1", "file": "x.csv", "reason_zh": "@未付款", "reason_en": "-unpaid"}]
    rows = list(csv.reader(io.StringIO(import_list_csv(changes, skipped, "en").decode("utf-8-sig"))))
    assert rows == [["Kind", "Platform", "Order no", "SKU", "Was", "Now", "Note", "File"],
                    ["changed", "taobao", '="3515000000000000001"', "", "new", "cancelled", "closed: cancelled",
                     "ExportOrderList.csv"],
                    ["changed", "pinduoduo", "231121-2", "", "approved", "shipped", "shipped", "pdd.csv"],
                    ["not imported", "", "'=HYPERLINK(1)", "'+1", "", "", "'-unpaid", "x.csv"]]
    zh = import_list_csv(changes, skipped, "zh").decode("utf-8-sig")
    assert zh.splitlines()[1] == '状态变化,淘宝,"=""3515000000000000001""",,新,已取消,平台已关闭：买家取消,ExportOrderList.csv'
