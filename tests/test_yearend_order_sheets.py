"""QA (the year's turn): a shop that keeps its orders a sheet a year — last year's 订单 renamed 2025订单 and
a new 订单 begun for January, or 订单2025 beside 订单2026 — has one of them read (order lines have no date
every row holds, so no years are joined). In January, December's review, P&L and staff pay were made of
January's sheet alone, each with its ✓: 商品销售 all 0, 发货毛利 0.00, no commission ("no order paid in
2025-12: check --month"), and nothing at all said of 2025订单. Now each stops, naming the sheet not read and
what to do, as a 2025流水 not read stops them; a month of this year's sheet is made as before."""

import datetime as dt

import openpyxl
import pytest

from shopbook.issues import ShopbookError
from shopbook.money.workflow import ledger_report
from shopbook.report.monthly import build_review
from shopbook.report.promotion import promotion_report
from shopbook.shop import init_shop, open_shop
from shopbook.staff.workflow import staff_pay

Y = dt.date.today().year - 1  # last December, reviewed in January of this year (both over)


def _line(no: str, paid: dt.datetime, shipped: dt.datetime) -> dict:
    return {"订单编号": no, "来源": "淘宝", "付款时间": paid, "收货人": "王小明", "手机": "13812345678",
            "收货地址": "浙江省 杭州市 西湖区 学院路1号", "商家编码": "TS01-M", "数量": 2, "单价": 50, "运费": 0,
            "状态": "已签收", "快递公司": "中通", "快递单号": f"7{no}", "发货日期": shipped, "客服": "小美"}


@pytest.fixture(scope="module", params=["kept beside", "named for its year"])
def shop(tmp_path_factory, request):
    folder = tmp_path_factory.mktemp("orders_a_year") / "shop"
    init_shop(folder)
    wb = openpyxl.load_workbook(folder / "orders.xlsx")
    old = wb["订单"]
    head = [c.value for c in old[1]]
    new = wb.copy_worksheet(old)
    old.title, new.title = (f"{Y}订单", "订单") if request.param == "kept beside" else (f"订单{Y}", f"订单{Y + 1}")
    old.append([_line("1001", dt.datetime(Y, 12, 12, 10), dt.datetime(Y, 12, 13)).get(h) for h in head])
    new.append([_line("1002", dt.datetime(Y + 1, 1, 2, 10), dt.datetime(Y + 1, 1, 3)).get(h) for h in head])
    wb["促销"].append(["双12", "大促", None, None, None, dt.datetime(Y, 12, 12), None, "是"])  # (its one day)
    wb.save(folder / "orders.xlsx")
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    wb["商品"].append(["TS01-M", "TS01", "T恤", None, "M", None, None, 20, 50])
    wb.save(folder / "stock.xlsx")
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    wb["账户"].append(["支付宝", dt.datetime(Y, 12, 1), 1000])
    wb["类别"].append(["销售收入", "收入", "销售"])
    wb["流水"].append([dt.datetime(Y, 12, 12), "收入", "销售收入", 100, "支付宝"])
    wb["绩效"].append(["小美", "客服", 3000, 0.01, None, None, None, None, "支付宝", "是"])
    wb.save(folder / "ledger.xlsx")
    return open_shop(folder), f"{Y}订单" if request.param == "kept beside" else f"订单{Y}"


def test_decembers_orders_on_last_years_sheet_stop_its_review_pnl_and_pay(shop):
    shop, unread = shop
    for make in (lambda: build_review(shop, "monthly", f"{Y}-12"), lambda: ledger_report(shop, f"{Y}-12"),
                 lambda: staff_pay(shop, f"{Y}-12")):
        with pytest.raises(ShopbookError) as e:
            make()
        assert f"“{unread}”" in e.value.zh and f"{Y}-12" in e.value.zh and f"'{unread}'" in e.value.en
    # January's are of this year's sheet, read: made as before (its one order, shipped in January)
    review = build_review(shop, "monthly", f"{Y + 1}-01")
    assert sum(s.units for s in review.skus) == 2
    _report, margin, _path = ledger_report(shop, f"{Y + 1}-01")
    assert margin.revenue == 100


def test_the_double_12_reviewed_in_january_stops_where_its_orders_are_not_read(shop):
    """双12 reviewed in January of a 2025订单 not read was ¥0.00 against ¥0.00, ROI 0.00, ✓."""
    shop, unread = shop
    with pytest.raises(ShopbookError) as e:
        promotion_report(shop, "双12")
    assert f"“{unread}”" in e.value.zh and "双12" in e.value.zh


def test_a_copy_kept_beside_an_order_sheet_holding_the_month_stops_nothing(tmp_path):
    """2025订单备份 beside a 订单 that still holds December: December's orders are read, the review made."""
    folder = tmp_path / "shop"
    init_shop(folder)
    wb = openpyxl.load_workbook(folder / "orders.xlsx")
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    ws.append([_line("1001", dt.datetime(Y, 12, 12, 10), dt.datetime(Y, 12, 13)).get(h) for h in head])
    wb.copy_worksheet(ws).title = f"{Y}订单备份"
    wb.save(folder / "orders.xlsx")
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    wb["商品"].append(["TS01-M", "TS01", "T恤", None, "M", None, None, 20, 50])
    wb.save(folder / "stock.xlsx")
    review = build_review(open_shop(folder), "monthly", f"{Y}-12")
    assert sum(s.units for s in review.skus) == 2
