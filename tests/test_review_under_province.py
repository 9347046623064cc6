"""Counties right under their province (省直辖: 海南's 定安县 and 白沙黎族自治县, 湖北's 神农架林区) have no
city: the review held every order there as an address that "does not parse into province and city",
and noted "no district" on orders to 仙桃市 or 东莞市, which have none. Now those are complete addresses,
approved without a note, and an address that does leave out its district is still noted. Real 抖店 CSV
bytes (省 市 区 as the platform splits them), a real `shopbook orders review`."""

from __future__ import annotations

from platform_fixtures import douyin_row, write_douyin
from test_orders import build_shop, lines_of
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import OrderStatus

PLACES = {  # order → (省, 市, 区, 街道), whether a note on the district is wanted
    "6930000000000006001": (("海南省", "省直辖县级行政区划", "定安县", "定城镇"), False),
    "6930000000000006002": (("海南省", "-", "白沙黎族自治县", "牙叉镇"), False),
    "6930000000000006003": (("湖北省", "-", "神农架林区", "松柏镇"), False),
    "6930000000000006004": (("湖北省", "仙桃市", "-", "干河街道"), False),
    "6930000000000006005": (("广东省", "东莞市", "-", "长安镇"), False),
    "6930000000000006006": (("浙江省", "杭州市", "-", "文三路"), True),  # a district left out: said
}


def test_counties_under_their_province_are_complete_addresses(tmp_path):
    shop = build_shop(tmp_path)
    rows = [douyin_row(no, no[:-4] + "9" + no[-3:], "SH-BK-M", receiver=f"买家{i}", province=p, city=c, district=d,
                       street=s, detail=f"{i}号") for i, (no, ((p, c, d, s), _)) in enumerate(PLACES.items())]
    r = CliRunner().invoke(app, ["orders", "import", str(shop.folder), str(write_douyin(tmp_path / "d", rows))])
    assert r.exit_code == 0, r.output
    CliRunner().invoke(app, ["orders", "review", str(shop.folder)])
    by_no = {ln.order_no: ln for ln in lines_of(shop)}
    for no, (_, noted) in PLACES.items():
        ln = by_no[no]
        assert ln.status is OrderStatus.APPROVED, (no, ln.address, ln.review)
        assert ("地址没有区县" in (ln.review or "")) is noted, (no, ln.address, ln.review)
