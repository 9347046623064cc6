"""A figure on the half (17 buyers of 800 visitors: a conversion of 0.02125) reads the same in the
e-mail as in the report's cell. QA: the daily e-mail said 转化率 2.12 % and 好评率 98.12 % while the
report's cells, 0.02125 and 0.98125 under 0.00 %, show 2.13 % and 98.13 % in Excel and LibreOffice
(they round half up; Python's formatting of a Decimal rounds half to even); the monthly e-mail said
2.12 % beside its review's 2.13 %."""

from __future__ import annotations

import datetime as dt
import email
from decimal import ROUND_HALF_UP, Decimal
from email import policy

import openpyxl

from cli_run import shopbook
from shopbook.schema import KPI, ORDERS, STOCK, DailyKpi, OrderLine, Product, Promotion
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook

D = Decimal


def shop_of_one_day(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "kpi.xlsx", KPI, "zh", {DailyKpi: [
        DailyKpi(date=dt.date(2026, 11, 21), visitors=800, buyers=17, orders=17, sales=D("1700.85"), units=17,
                 positive_rate=D("0.98125"))]}, keep_backup=False)
    return folder


def shown(cell) -> str:
    """What Excel shows of a cell under 0.00%: its value rounded half up."""
    assert cell.number_format == "0.00%", cell.number_format
    return f"{(D(repr(cell.value)) * 100).quantize(D('0.01'), ROUND_HALF_UP)}%"


def kept_mail(folder) -> str:
    (eml,) = (folder / "outbox").glob("*.eml")
    text = email.message_from_bytes(eml.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
    eml.unlink()
    return text


def test_the_daily_email_says_a_rate_on_the_half_as_the_report_shows_it(tmp_path):
    folder = shop_of_one_day(tmp_path)
    r = shopbook("daily", str(folder), "--date", "2026-11-21")
    assert r.returncode == 0, r.stdout + r.stderr
    text = kept_mail(folder)
    ws = openpyxl.load_workbook(folder / "reports" / "日报-2026-11-21.xlsx")["摘要"]
    cells = {row[0].value: row[1] for row in ws.iter_rows(min_row=4) if row[0].value in ("转化率", "好评率")}
    assert (cells["转化率"].value, cells["好评率"].value) == (0.02125, 0.98125)
    assert (shown(cells["转化率"]), shown(cells["好评率"])) == ("2.13%", "98.13%")
    assert "转化率：2.13%" in text and "好评率：98.13%" in text, text
    assert "2.12%" not in text and "98.12%" not in text, text  # (the self-check's line says it too)


def test_the_monthly_email_says_the_conversion_as_its_review_shows_it(tmp_path):
    folder = shop_of_one_day(tmp_path)
    r = shopbook("email", str(folder), "--report", "monthly", "--period", "2026-11")
    assert r.returncode == 0, r.stdout + r.stderr
    text = kept_mail(folder)
    ws = openpyxl.load_workbook(folder / "reports" / "月报-2026-11.xlsx")["考核"]
    total = next(row for row in ws.iter_rows(min_row=4) if row[0].value == "合计")
    assert total[6].value == 0.02125 and shown(total[6]) == "2.13%"
    assert "转化率：2.13%" in text, text


# --- rates shown at one decimal (0.0%): the repeat-purchase rate, a promotion's change ----------

def order(no: str, day: int, buyer: str, sku: str = "S1", price: str = "32.00") -> OrderLine:
    return OrderLine(order_no=no, platform="淘宝", buyer=buyer, receiver=buyer, phone="13800000001",
                     address="浙江省 杭州市 西湖区 文三路 1 号", sku=sku, qty=1, unit_price=D(price),
                     paid_at=dt.datetime(2026, 11, day, 10))


def shop_of_sixteen_buyers(tmp_path):
    """November: 16 buyers, b01 twice: a repeat-purchase rate of 1/16 = 0.0625, which a 0.0% cell
    shows as 6.3 % (half up) and Python's `:.1%` wrote 6.2 % (half to even). S1 sells at 32.00 and
    costs 23.00: a margin of 9/32 = 0.28125."""
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [
        order(f"T{k:02d}", k, f"b{k:02d}") for k in range(1, 17)] + [order("T17", 20, "b01")]}, keep_backup=False)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku="S1", name="T恤", cost=D(23), price=D(32))]}, keep_backup=False)
    return folder


def shown_as(cell, places: int) -> str:
    """What Excel shows of a cell under 0.0% (places 1) or 0.00% (2): its value rounded half up."""
    assert cell.number_format == "0." + "0" * places + "%", cell.number_format
    return f"{(D(repr(cell.value)) * 100).quantize(D(1).scaleb(-places), ROUND_HALF_UP)}%"


def test_the_monthly_repeat_rate_is_a_percentage_and_reads_as_its_cell_shows_it(tmp_path):
    """QA: the review's 客户与推广 sheet wrote the repeat rate as a bare 0.0625, and the e-mail said
    6.2 % (Excel shows 6.3 % of it as a percentage); the SKU sheet's margin was a bare 0.2813."""
    from shopbook.report.bots import monthly_summary
    from shopbook.report.monthly import build_review
    from shopbook.shop import open_shop

    folder = shop_of_sixteen_buyers(tmp_path)
    r = shopbook("email", str(folder), "--report", "monthly", "--period", "2026-11")
    assert r.returncode == 0, r.stdout + r.stderr
    text = kept_mail(folder)
    wb = openpyxl.load_workbook(folder / "reports" / "月报-2026-11.xlsx")
    (rate,) = [row[1] for row in wb["客户与推广"].iter_rows() if str(row[0].value).startswith("复购率")]
    assert rate.value == 0.0625 and shown_as(rate, 1) == "6.3%"
    assert "复购率：6.3%" in text and "6.2%" not in text, text
    bot = monthly_summary(open_shop(folder), build_review(open_shop(folder), "monthly", "2026-11"))
    assert ("复购率", "6.3%") in bot.figures, bot.figures
    sku = wb["商品销售"]
    assert [c.value for c in sku[1]][5] == "毛利率" and sku["A2"].value == "S1"
    assert sku["F2"].number_format == "0.00%"  # a rate, not a bare fraction


def test_the_customers_report_says_its_repeat_rates_as_its_cells_show_them(tmp_path):
    """`shopbook customers` printed 复购率 6.2 % beside its report's 6.3 % (0.0625 under 0.0%). Its first line
    took ASCII brackets in Chinese, '复购 1 (6.3%) · VIP (≥ ¥1,000)': full-width, as the report's VIP（消费≥1000）."""
    folder = shop_of_sixteen_buyers(tmp_path)
    r = shopbook("customers", str(folder), "--month", "2026-11")
    assert r.returncode == 0, r.stdout + r.stderr
    ws = openpyxl.load_workbook(folder / "reports" / "客户-2026-11.xlsx")["按月"]
    head = [c.value for c in ws[1]]
    rate = ws.cell(2, head.index("复购率") + 1)
    assert rate.value == 0.0625 and shown_as(rate, 1) == "6.3%"
    out = " ".join(r.stdout.split())
    assert "复购 1（6.3%）· VIP（≥ ¥1,000）" in out and "复购率 6.3%" in out and "6.2%" not in out, r.stdout


def test_a_promotions_change_is_said_as_its_cell_shows_it(tmp_path):
    """16 orders the day before a one-day promotion, 17 on its day: +0.0625, which its 0.0% cell
    shows as +6.3 %; `report promotion` printed +6.2 %."""
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {
        OrderLine: [order(f"A{k:02d}", 20, f"a{k:02d}", price="100.00") for k in range(16)]
        + [order(f"B{k:02d}", 21, f"b{k:02d}", price="100.00") for k in range(17)],
        Promotion: [Promotion(name="双12预热", kind="满减", start=dt.date(2026, 11, 21), end=dt.date(2026, 11, 21),
                              enabled=True)]}, keep_backup=False)
    r = shopbook("report", "promotion", str(folder), "双12预热")
    assert r.returncode == 0, r.stdout + r.stderr
    (path,) = (folder / "reports").glob("促销-*.xlsx")
    ws = openpyxl.load_workbook(path)["促销评估"]
    changes = {row[0].value: row[3] for row in ws.iter_rows(min_row=2) if row[0].value in ("销售额", "订单数")}
    assert [c.value for c in changes.values()] == [0.0625, 0.0625]
    assert [shown_as(c, 1) for c in changes.values()] == ["6.3%", "6.3%"]
    out = " ".join(r.stdout.split())
    assert "订单数：17 ← 16（+6.3%）" in out and "6.2%" not in out, r.stdout


def test_a_margin_on_the_half_is_rounded_up_in_the_review_and_by_sb_margin(tmp_path):
    """S1 at 32.00, cost 23.00: a margin of 9/32 = 0.28125, kept to four decimals. QA: the review's
    SKU sheet and SB_MARGIN rounded it half to even, 0.2812 (28.12 %); every other figure shopbook
    works out is rounded half up: 0.2813 (28.13 %)."""
    from shopbook.xl import udfs
    from test_functions import Caller

    folder = shop_of_sixteen_buyers(tmp_path)
    # the review as the e-mail makes it (`report monthly` exits 1 on this month's days without orders)
    r = shopbook("email", str(folder), "--report", "monthly", "--period", "2026-11")
    assert r.returncode == 0, r.stdout + r.stderr
    sku = openpyxl.load_workbook(folder / "reports" / "月报-2026-11.xlsx")["商品销售"]
    assert [c.value for c in sku[2]][:6] == ["S1", "T恤", None, 17, 544.0, 0.2813]  # 17 × 32; (544 − 391) ÷ 544
    assert shown_as(sku["F2"], 2) == "28.13%"
    stock = Caller(folder / "stock.xlsx")
    assert udfs.SB_MARGIN("S1", caller=stock) == 0.2813  # at its list price, 32
    assert udfs.SB_MARGIN([["S1"], ["S1"]], [[64.0], [32.0]], caller=stock) == [[0.6406], [0.2813]]  # 41/64 = 0.640625
