"""An order to Hong Kong, Macau or Taiwan is no domestic parcel (another courier service, customs). The
review held a Hong Kong or Macau order saying its address did not parse (it does: 香港 九龙 油尖旺区) and
approved a Taiwan one into the domestic waybill CSV, at the domestic rate. Now each is held saying what
it is and what to confirm. Real 抖店 CSV bytes, a real `shopbook orders review`."""

from __future__ import annotations

from platform_fixtures import douyin_row, write_douyin
from test_orders import build_shop, lines_of
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import OrderStatus

PLACES = {
    "6930000000000004001": ("香港特别行政区", "九龙", "油尖旺区", "弥敦道1号", "香港"),
    "6930000000000004002": ("澳门特别行政区", "澳门半岛", "-", "新马路2号", "澳门"),
    "6930000000000004003": ("台湾省", "台北市", "信义区", "信义路五段7号", "台湾"),
    "6930000000000004004": ("广东省", "深圳市", "宝安区", "福永街道 XX集运仓 会员号A123", None),  # 集运: domestic
}


def test_hong_kong_macau_and_taiwan_are_held_for_what_they_are(tmp_path):
    shop = build_shop(tmp_path)
    rows = [douyin_row(no, no[:-4] + "9" + no[-3:], "SH-BK-M", receiver=f"买家{i}", province=p, city=c, district=d,
                       street="-", detail=detail)
            for i, (no, (p, c, d, detail, _)) in enumerate(PLACES.items())]
    r = CliRunner().invoke(app, ["orders", "import", str(shop.folder), str(write_douyin(tmp_path / "d", rows))])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(app, ["orders", "review", str(shop.folder)])
    by_no = {ln.order_no: ln for ln in lines_of(shop)}
    for no, (*_, region) in PLACES.items():
        ln = by_no[no]
        if region is None:
            assert ln.status is OrderStatus.APPROVED, ln.review
            continue
        assert ln.status is OrderStatus.HELD, (no, ln.review)
        assert f"港澳台地址（{region}）" in ln.review and "无法解析" not in ln.review, ln.review


def test_hong_kong_macau_and_taiwan_numbers_are_numbers(tmp_path):
    """A buyer there (or one shipping to a 集运 warehouse in 深圳) gives a +852/+853/+886 number: it was held as a
    bad phone besides, so a 集运 order waited for a person for nothing. A number a digit short still is held."""
    shop = build_shop(tmp_path)
    depot = ("广东省", "深圳市", "宝安区", "福永街道 XX集运仓 会员号A123")
    cases = {"6930000000000004011": ("+852 9123 4567", depot, OrderStatus.APPROVED),
             "6930000000000004012": ("00853-66123456", depot, OrderStatus.APPROVED),
             "6930000000000004013": ("+886 912 345 678", depot, OrderStatus.APPROVED),
             "6930000000000004014": ("+852 912345", depot, OrderStatus.HELD),
             "6930000000000004015": ("+852 9123 4567", PLACES["6930000000000004001"][:4], OrderStatus.HELD)}
    rows = [douyin_row(no, no[:-4] + "9" + no[-3:], "SH-BK-M", receiver=f"买家{i}", phone=phone, province=p, city=c,
                       district=d, street="-", detail=detail)
            for i, (no, (phone, (p, c, d, detail), _)) in enumerate(cases.items())]
    r = CliRunner().invoke(app, ["orders", "import", str(shop.folder), str(write_douyin(tmp_path / "d", rows))])
    assert r.exit_code == 0, r.output
    CliRunner().invoke(app, ["orders", "review", str(shop.folder)])
    by_no = {ln.order_no: ln for ln in lines_of(shop)}
    for no, (phone, _, want) in cases.items():
        ln = by_no[no]
        assert ln.status is want, (no, ln.review)
        assert ("手机号" in (ln.review or "")) is (phone == "+852 912345"), (no, ln.review)
    r = CliRunner().invoke(app, ["picklist", str(shop.folder)])
    assert r.exit_code == 0, r.output
    (waybills,) = (shop.folder / "reports").glob("面单-*.csv")
    text = waybills.read_bytes().decode("utf-8-sig")  # dialled from the mainland, and no formula's + to guard
    assert ",00852-91234567," in text and ",00853-66123456," in text and ",00886-912345678," in text, text
