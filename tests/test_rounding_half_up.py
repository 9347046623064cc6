"""Money rounded as Chinese shops round it, 四舍五入 (half up), to the fen: Python's round(), a bare
quantize() and format() of a Decimal round half to even (2.125 → 2.12), so a figure worked out by
shopbook read a fen less than the one the shop works out by hand or in Excel."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from taobao_fixtures import detail_row, order_row, write_pair
from test_orders import build_shop

from shopbook.io.reader import read_workbook
from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS, OrderLine, Platform, SkuMap
from shopbook.workbook_builder import write_workbook


def test_a_bundle_split_over_its_parts_rounds_each_share_half_up(tmp_path):
    """A Taobao set TEE-SET (SH-WH-M + SH-WH-L + 2 × SH-BK-M, all ¥99.00 list) sold at ¥50.10: a unit's
    share is 12.525. Half-even made it 12.52 everywhere and put the 2 fen left on one part (12.54), so
    no line read the 12.53 the shop works out; half up, the 2 fen over come off one part alone."""
    shop = build_shop(tmp_path)
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {SkuMap: [
        SkuMap(platform=Platform.TAOBAO, code="TEE-SET", sku=s, qty=q)
        for s, q in (("SH-WH-M", 1), ("SH-WH-L", 1), ("SH-BK-M", 2))]}, keep_backup=False)
    no = "3515131473299101"
    files = write_pair(tmp_path / "d", [order_row(no, "tb_amy", "王芳", "13812345678",
                                                  "浙江省 杭州市 西湖区 文三路100号(310000)", "2026-11-21 09:15:02",
                                                  goods="50.10")],
                       [detail_row(no, "三款套装", "50.10", "1", "TEE-SET")])
    import_orders(shop, list(files), today=dt.date(2026, 11, 21))
    lines = {ln.sku: ln for ln in read_workbook(shop.path(ORDERS), ORDERS).rows(OrderLine) if ln.order_no == no}
    assert sum(ln.unit_price * ln.qty for ln in lines.values()) == D("50.10")  # exact, as before
    assert (lines["SH-WH-L"].unit_price, lines["SH-BK-M"].unit_price) == (D("12.53"), D("12.53"))
    assert lines["SH-WH-M"].unit_price == D("12.51")  # (half-even: 12.54, 12.52, 12.52)


def test_a_vip_threshold_with_jiao_is_said_as_set(tmp_path):
    """vip_spend = 999.5: erin, who spent ¥999.50, is a VIP, yet `shopbook customers` and the monthly
    review said "VIP（≥ ¥1,000）1" (a whole-yuan format, rounding half to even): now ≥ ¥999.50."""
    import openpyxl
    from cli_run import shopbook

    from shopbook.report.monthly import build_review
    from shopbook.report.promotion import customers_and_ads_sheet
    from shopbook.shop import init_shop, open_shop

    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [
        OrderLine(order_no=no, platform="淘宝", buyer=who, receiver=who, phone="13800000001",
                  address="浙江省 杭州市 西湖区 文三路 1 号", sku="S1", qty=1, unit_price=D(price),
                  paid_at=dt.datetime(2026, 11, 3, 10)) for no, who, price in (("T1", "erin", "999.50"),
                                                                               ("T2", "finn", "999.49"))]},
                   keep_backup=False)
    (folder / "shopbook.toml").write_text("[customers]\nvip_spend = 999.5\n", encoding="utf-8")
    r = shopbook("customers", str(folder), "--month", "2026-11")
    assert r.returncode == 0, r.stdout + r.stderr
    out = " ".join(r.stdout.split())
    assert "VIP（≥ ¥999.50）1" in out and "¥1,000" not in out, r.stdout
    wb = openpyxl.Workbook()  # the review's sheet as make_review writes it, without its charts (1.4 s)
    customers_and_ads_sheet(wb, build_review(open_shop(folder), "monthly", "2026-11"), zh=True)
    rows = [r[:2] for r in wb["客户与推广"].values]
    assert ("VIP（累计消费 ≥ ¥999.50）", 1) in rows, rows


def test_validate_says_the_aov_per_buyer_rounded_half_up(tmp_path):
    """日报 typed 客单价 as 销售额 ÷ 支付订单数 (306.25 ÷ 3 = 102.08): validate says what 生意参谋 shows,
    销售额 ÷ 支付买家数 = 306.25 ÷ 2 = 153.125, and said 153.12 (format rounds half to even) where
    生意参谋 and the shop's =ROUND(F2/D2,2) say 153.13."""
    from shopbook.schema import KPI, DailyKpi
    from shopbook.validate.run import validate_path

    write_workbook(tmp_path / "kpi.xlsx", KPI, "zh", {DailyKpi: [
        DailyKpi(date=dt.date(2026, 11, 18), visitors=100, buyers=2, orders=3, sales=D("306.25"), aov=D("102.08"))]},
                   keep_backup=False)
    (i,) = [i for i in validate_path(tmp_path / "kpi.xlsx").issues if i.field == "aov"]
    assert i.severity == "warning" and "销售额÷支付买家数 = 153.13。" in i.message_zh, i.message_zh
    assert "sales ÷ buyers = 153.13." in i.message_en
