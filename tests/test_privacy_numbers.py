"""A buyer who turned on 号码保护 gets a privacy number (虚拟号): 11 digits the courier dials, then a 4-digit
extension, which 抖店, 拼多多 and Taobao write after it (17012345678-1234, 17012345678转1234,
17012345678[1234]). The review held every such order for a bad phone, so each waited for a person; now it
approves them, the waybill CSV carries the number with its extension, and a wrong number (a digit short,
an extension of 2) is still held. Real 抖店 and 拼多多 CSV bytes, a real `shopbook orders review` and
`shopbook picklist`."""

from __future__ import annotations

import csv
import io

from platform_fixtures import douyin_row, pdd_row, write_douyin, write_pdd
from test_orders import build_shop, lines_of
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import OrderStatus

PHONES = {
    "6930000000000002001": ("17012345678-1234", OrderStatus.APPROVED),
    "6930000000000002002": ("17012345678转1234", OrderStatus.APPROVED),
    "6930000000000002003": ("17012345678[1234]", OrderStatus.APPROVED),
    "6930000000000002004": ("1701234567-1234", OrderStatus.HELD),  # the number a digit short
    "6930000000000002005": ("17012345678-12", OrderStatus.HELD),  # no extension is 2 digits
}


def _run(shop, *files):
    r = CliRunner().invoke(app, ["orders", "import", str(shop.folder), *map(str, files)])
    assert r.exit_code in (0, 1) and "导入" in r.output, r.output
    return CliRunner().invoke(app, ["orders", "review", str(shop.folder)])


def test_privacy_numbers_with_their_extension_pass_the_review_and_reach_the_waybill(tmp_path):
    shop = build_shop(tmp_path)
    rows = [douyin_row(no, no[:-4] + "9" + no[-3:], "SH-BK-M", phone=phone, receiver=f"买家{i}",
                       detail=f"科技园路{i}号") for i, (no, (phone, _)) in enumerate(PHONES.items())]
    r = _run(shop, write_douyin(tmp_path / "d", rows))
    status = {ln.order_no: ln.status for ln in lines_of(shop)}
    assert status == {no: want for no, (_, want) in PHONES.items()}, r.output
    assert "1701234567-1234" in r.output and "17012345678-12”" in r.output  # the wrong ones, named
    assert "17012345678转1234" not in r.output
    r = CliRunner().invoke(app, ["picklist", str(shop.folder)])
    assert r.exit_code == 0, r.output
    (waybills,) = (shop.folder / "reports").glob("面单-*.csv")
    phones = {row["订单编号"].strip('="'): row["手机"]
              for row in csv.DictReader(io.StringIO(waybills.read_bytes().decode("utf-8-sig")))}
    # the courier's software dials the number, then the extension: both on the waybill
    assert phones == {"6930000000000002001": "17012345678-1234", "6930000000000002002": "17012345678-1234",
                      "6930000000000002003": "17012345678-1234"}


def test_a_pinduoduo_privacy_number_ending_in_the_exports_tab(tmp_path):
    shop = build_shop(tmp_path)
    row = pdd_row("261121-000000000000001", "待发货", "SH-BK-M", receiver="陈静", phone="17012345678-1234",
                  province="浙江省", city="杭州市", district="西湖区", street="文三路100号")
    r = _run(shop, write_pdd(tmp_path / "p", [row], old=True))
    (line,) = lines_of(shop)
    assert line.status is OrderStatus.APPROVED, r.output
