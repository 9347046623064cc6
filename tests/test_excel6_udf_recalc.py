"""QA (excel6): the cell functions as a person fills them down a column.

The stock cell functions filled down a column (=SB_STOCK(A2), =SB_AVAILABLE(A2),
=SB_REORDER_QTY(A2) on each row, as a person writes them) are one call a cell, and each call worked
out every SKU's figures from every movement again: on the demo shop's 343 SKUs a recalculation
took 1 s for SB_STOCK and 3.5 s for SB_REORDER_QTY. Now what a call works out from one read of the
shop's files is kept for the next cell's call, until a file changes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from test_addin_udf_calls import (
    MISSING,
    call_udf,
    mod,  # noqa: F401  (the fixture: the functions as xlwings' UDF server calls them)
)
from test_functions import Caller, shop  # noqa: F401  (shop: a fixture of a shop with 中通's and 顺丰's rates)

from shopbook import functions as F
from shopbook.schema import STOCK, Movement, Product
from shopbook.shop import init_shop
from shopbook.stock import levels
from shopbook.workbook_builder import write_workbook
from shopbook.xl import udfs


def test_a_column_filled_down_works_each_figure_out_once_and_anew_when_the_file_changes(tmp_path, monkeypatch):
    folder = tmp_path / "shop"
    init_shop(folder)
    day = dt.date.today() - dt.timedelta(days=3)
    products = [Product(sku=s, name="T恤", cost=Decimal(20), price=Decimal(60), opening_qty=10, safety_stock=8)
                for s in ("A", "B", "C")]
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: products, Movement: [Movement(date=day, sku="A", type="出库", qty=6)]}, keep_backup=False)
    calls = {"on_hand": 0, "sales_per_day": 0}
    for name in calls:
        real = getattr(levels, name)

        def counted(*a, _real=real, _name=name, **kw):
            calls[_name] += 1
            return _real(*a, **kw)
        monkeypatch.setattr(levels, name, counted)
    caller = Caller(folder / "stock.xlsx")

    cells = [udfs.SB_STOCK(s, caller=caller) for s in ("A", "B", "C", "A ")]  # one formula a row
    assert cells == [4, 10, 10, 4]
    assert calls["on_hand"] == 1, calls  # (was 4: every SKU's stock worked out again for each cell)
    assert [udfs.SB_AVAILABLE(s, caller=caller) for s in ("A", "B", "C")] == [4, 10, 10]
    reorder = [udfs.SB_REORDER_QTY(s, caller=caller) for s in ("A", "B", "C")]
    assert udfs.SB_REORDER_QTY([["A"], ["B"], ["C"]], caller=caller) == [[r] for r in reorder]  # as the column's
    assert calls == {"on_hand": 3, "sales_per_day": 1}, calls  # (once each function)

    # a movement typed and saved: the next recalculation answers from it, never from what was kept
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: products, Movement: [Movement(date=day, sku="A", type="出库", qty=6),
                                      Movement(date=day, sku="B", type="出库", qty=1)]}, keep_backup=False)
    assert [udfs.SB_STOCK(s, caller=caller) for s in ("A", "B", "C")] == [4, 9, 10]
    assert calls["on_hand"] == 4, calls
    # what was worked out from the file's last read is let go (the UDF server runs all day)
    assert [k for k in F._DERIVED if k[:2] == (folder, "on hand")] == [(folder, "on hand", dt.date.today())]


def test_a_column_of_couriers_prices_each_row_with_its_own(mod, shop):  # noqa: F811
    """=SB_SHIPPING_FEE(省份列, 重量列, 快递列), the orders' 快递公司 beside their provinces and weights, was
    #N/A on every row (the courier was read as one value, the column's text); a column of couriers now
    prices each row with its own courier, a blank one at the default, as one cell's courier does."""
    caller = Caller(shop / "orders.xlsx")
    provinces, weights = (("浙江",), ("浙江",), ("广东",), ("浙江",)), ((1.0,), (2.0,), (2.0,), (1.0,))
    couriers = (("顺丰",), ("中通",), (None,), (-2146826246,))  # the last cell holding #N/A
    assert call_udf(mod, "SB_SHIPPING_FEE", [provinces, weights, couriers, None], caller) == [
        [12.0], [6.0], [12.0], ["#N/A"]]  # 顺丰 12, 中通 5 + 1, 广东 at 中通's 其他 8 + 4
    # one cell of each row's arguments answers as the row of the column does
    assert [call_udf(mod, "SB_SHIPPING_FEE", [p[0], w[0], c[0] if c[0] is not None else MISSING, None], caller)
            for p, w, c in list(zip(provinces, weights, couriers))[:3]] == [[[12.0]], [[6.0]], [[12.0]]]
    # one weight for a column of couriers: each courier's price; columns of two lengths: #VALUE!, not a guess
    assert call_udf(mod, "SB_SHIPPING_FEE", ["浙江", 1.0, (("顺丰",), ("中通",)), None], caller) == [[12.0], [5.0]]
    assert call_udf(mod, "SB_SHIPPING_FEE", [provinces, weights, couriers[:2], None], caller) == [["#VALUE!"]]


def test_a_column_of_days_answers_each_row_on_its_own_day(mod, tmp_path, monkeypatch):  # noqa: F811
    """=SB_BALANCE("支付宝", A2:A4) and =SB_STOCK("A", A2:A4) beside a column of days (a balance or a stock
    day by day) were one #VALUE! for the whole column (the days read as one date); now each row is its
    day's figure, as one cell's =SB_BALANCE("支付宝", A2) is, a blank row #N/A and a cell's error given back."""
    import xlwings
    from test_addin_udf_calls import _WindowsEngineWithErrors

    from shopbook.schema import LEDGER, Account, Entry

    monkeypatch.setitem(xlwings.engines.engines_by_name, "excel", _WindowsEngineWithErrors)  # a cell's #REF! as COM's
    folder = tmp_path / "shop"
    init_shop(folder)
    d1, d2 = dt.date(2026, 11, 2), dt.date(2026, 11, 3)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Account: [Account(account="支付宝", opening_balance=Decimal("100.00"), opening_date=dt.date(2026, 11, 1))],
        Entry: [Entry(date=d1, account="支付宝", direction="收入", amount=Decimal("20.50"), category="销售收入"),
                Entry(date=d2, account="支付宝", direction="支出", amount=Decimal("0.30"), category="平台服务费")]},
        keep_backup=False)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="A", name="T恤", cost=Decimal(20), price=Decimal(60), opening_qty=10)],
        Movement: [Movement(date=d2, sku="A", type="出库", qty=4)]}, keep_backup=False)
    caller = Caller(folder / "ledger.xlsx")
    days = ((46327.0,), (46328.0,), (46329.0,), (None,), (-2146826265,))  # 11-01, 11-02, 11-03 as serials; blank; #REF!
    assert call_udf(mod, "SB_BALANCE", ["支付宝", days, None], caller) == [
        [100.0], [120.5], [120.2], ["#N/A"], ["#REF!"]]
    assert call_udf(mod, "SB_STOCK", ["A", days, None], caller) == [[10], [10], [6], ["#N/A"], ["#REF!"]]
    # each row as one cell of it answers
    assert [call_udf(mod, "SB_BALANCE", ["支付宝", d[0], None], caller) for d in days[:3]] == [[[100.0]], [[120.5]], [[120.2]]]
    # a column of accounts beside a column of days: row by row; of two lengths: #VALUE!, not a guess
    assert call_udf(mod, "SB_BALANCE", [(("支付宝",), ("支付宝",)), days[1:3], None], caller) == [[120.5], [120.2]]
    assert call_udf(mod, "SB_BALANCE", [(("支付宝",), ("支付宝",)), days, None], caller) == [["#VALUE!"]]
