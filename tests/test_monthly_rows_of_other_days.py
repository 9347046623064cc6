"""日报 as a person keeps it: the month's dates typed ahead (a row of its date alone for each day to
come) and, some months on, a typo. Any 日报 row that did not read stopped every review: October's
monthly review, a week's, a promotion of September, each "无法生成考核表：81 个数据错误…第一个：C7
“访客数”必填" for December's empty rows. Now only a row of the period's days (to yesterday: today's is not
over), a row whose date does not read, or the sheet's header stop it."""

import datetime as dt

import openpyxl
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.shop import init_shop


def kept_by_hand(folder, days):
    """kpi.xlsx's 日报 with `days`: date → (visitors, orders, sales), a None figure left blank."""
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    ws = wb["日报"]
    head = [c.value for c in ws[1]]
    rows = {}
    for day, (visitors, orders, sales) in sorted(days.items()):
        typed = {"日期": dt.datetime.combine(day, dt.time()), "访客数": visitors, "支付订单数": orders, "销售额": sales}
        ws.append([typed.get(h) for h in head])
        rows[day] = ws.max_row
    wb.save(folder / "kpi.xlsx")
    return rows


def test_rows_of_other_days_do_not_stop_a_periods_review(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    october = {dt.date(2026, 10, d): (1000, 30, 5000) for d in range(1, 32)}
    today = dt.date.today()
    ahead = {today + dt.timedelta(days=k): (None, None, None) for k in range(20)}  # typed ahead, date alone
    typo = {dt.date(2026, 3, 3): ("1,2OO", 30, 5000)}  # letter O for zero, in March
    rows = kept_by_hand(folder, october | ahead | typo)
    r = CliRunner().invoke(app, ["report", "monthly", str(folder), "--period", "2026-10"])
    assert r.exit_code == 0 and "2026-10：订单 930，销售额 ¥155,000.00" in r.output, r.output
    r = CliRunner().invoke(app, ["report", "weekly", str(folder), "--period", "2026-W42"])
    assert r.exit_code == 0 and "订单 210" in r.output, r.output
    # the month under way: its days to come, date alone, are no error to stop on either
    r = CliRunner().invoke(app, ["report", "monthly", str(folder), "--period", f"{today:%Y-%m}"])
    assert r.exit_code != 2 and "无法生成考核表" not in r.output, r.output
    # a row of the period's own days still stops it, at its cell
    r = CliRunner().invoke(app, ["report", "monthly", str(folder), "--period", "2026-03"])
    said = " ".join(r.output.split())
    assert r.exit_code == 2 and "无法生成考核表：1 个数据错误" in said and f"日报 › C{rows[dt.date(2026, 3, 3)]}" in said, said


def test_a_promotions_review_is_not_stopped_by_a_row_of_another_month(tmp_path):
    from test_promotion import ORDERS_ROWS, Promotion

    from shopbook.schema import ORDERS, OrderLine
    from shopbook.workbook_builder import write_workbook

    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: ORDERS_ROWS, Promotion: [
        Promotion(name="双11满就送", kind="满就送", threshold=200, gift_sku="SCARF", gift_qty=1,
                  start=dt.date(2026, 11, 11), end=dt.date(2026, 11, 13), enabled=True)]}, keep_backup=False)
    kept_by_hand(folder, {dt.date(2026, 11, 11): (1000, 2, 480), dt.date(2026, 3, 3): ("1,2OO", 30, 5000)})
    r = CliRunner().invoke(app, ["report", "promotion", str(folder), "双11满就送"])
    assert r.exit_code == 0 and "订单数：4 ← 3" in " ".join(r.output.split()), r.output
