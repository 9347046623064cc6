"""抖店 and Taobao export a protected buyer masked: 张**, 138****8000, 粤海街道 ****. The waybill CSV
carried those stars to the courier's software (a waybill nobody can deliver), and the review told the
warehouse to pack two such buyers in one parcel, their masked names and addresses being alike. Now a
masked order is left out of the waybill CSV (printed in the platform's tools, and said so, as a sealed
拼多多 order is), and never paired for a merge. Real 抖店 CSV bytes, a real review and pick list."""

from __future__ import annotations

import csv
import io

from platform_fixtures import douyin_row, write_douyin
from test_orders import build_shop, lines_of
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import OrderStatus


def test_masked_buyers_are_printed_by_the_platform_and_never_merged(tmp_path):
    shop = build_shop(tmp_path)
    rows = [douyin_row("6930000000000003001", "6930000000000003101", "SH-BK-M", receiver="张**", phone="138****8000",
                       detail="****"),
            douyin_row("6930000000000003002", "6930000000000003102", "SH-BK-M", receiver="张**", phone="139****1234",
                       detail="****"),
            douyin_row("6930000000000003003", "6930000000000003103", "SH-BK-M")]
    r = CliRunner().invoke(app, ["orders", "import", str(shop.folder), str(write_douyin(tmp_path / "d", rows))])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(app, ["orders", "review", str(shop.folder)])
    lines = lines_of(shop)
    assert all(ln.status is OrderStatus.APPROVED for ln in lines), r.output
    assert not any("合并" in (ln.review or "") for ln in lines), [ln.review for ln in lines]
    r = CliRunner().invoke(app, ["picklist", str(shop.folder)])
    assert r.exit_code == 0, r.output
    (waybills,) = (shop.folder / "reports").glob("面单-*.csv")
    rows = list(csv.DictReader(io.StringIO(waybills.read_bytes().decode("utf-8-sig"))))
    assert [row["订单编号"].strip('="') for row in rows] == ["6930000000000003003"]
    assert "*" not in waybills.read_text(encoding="utf-8-sig")
    said = "".join(r.output.split())
    assert "2个订单不在面单CSV里" in said and "6930000000000003001" in said and "6930000000000003002" in said


def test_one_buyer_whose_phone_alone_is_masked_is_still_told_to_ship_together(tmp_path):
    """Taobao may mask the phone alone (138****5678), the name and address whole: two orders of that buyer
    are still one parcel (the phone is no part of what a merge compares)."""
    shop = build_shop(tmp_path)
    rows = [douyin_row(no, no[:-4] + "9" + no[-3:], "SH-BK-M", phone="138****8000")
            for no in ("6930000000000003011", "6930000000000003012")]
    r = CliRunner().invoke(app, ["orders", "import", str(shop.folder), str(write_douyin(tmp_path / "d", rows))])
    assert r.exit_code == 0, r.output
    CliRunner().invoke(app, ["orders", "review", str(shop.folder)])
    first, second = lines_of(shop)
    assert "同一收货人和地址还有订单 6930000000000003012" in first.review, first.review
    assert "同一收货人和地址还有订单 6930000000000003011" in second.review, second.review


def test_a_new_order_whose_first_row_is_not_open_is_still_told_of_its_mates():
    """An order reviewed for a 待审核 row under a first row of another status (typed by hand) is still compared
    by its receiver and address, as before masked receivers were left out of merges."""
    import datetime as dt
    from decimal import Decimal

    from shopbook.orders.review import review_orders, rules_from_sheet
    from shopbook.schema import OrderLine, Product

    def ln(no, status):
        return OrderLine(order_no=no, receiver="王芳", phone="13812345678", address="浙江省 杭州市 西湖区 文三路1号",
                         sku="A", qty=1, status=status, paid_at=dt.datetime(2026, 11, 21, 9))

    lines = [ln("X1", "已发货"), ln("X1", "待审核"), ln("X2", "待审核")]
    rules, _ = rules_from_sheet([], [])
    decisions = review_orders(lines, [Product(sku="A", name="衬衫", cost=Decimal(30), price=Decimal(99))], {"A": 9}, rules)
    said = {d.order_no: d.text() for d in decisions}
    assert "同一收货人和地址还有订单 X2" in said["X1"], said
