"""QA (the warehouse's week): eight stock movements typed with 2027 for 2026 were said by `stock alerts` and `stock
summary` as "出入库有 8 行日期在今天之后…：A2 …、A6 … 等，还有 3 个", the other three nowhere said to be found; a
cut list says where the rest are: shopbook validate warns at each of them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import Movement, Product


def test_movements_dated_after_today_cut_say_where_the_rest_are(stock_shop):
    later = dt.date.today() + dt.timedelta(days=365)
    folder, lang = stock_shop({
        Product: [Product(sku="T1", name="T恤", cost=Decimal(20), price=Decimal(49), opening_qty=50)],
        Movement: [Movement(date=later, sku="T1", type="入库", qty=1 + k) for k in range(8)]})
    runner = CliRunner()
    for cmd in (["stock", "alerts", str(folder)], ["stock", "summary", str(folder)]):
        said = "".join(runner.invoke(app, cmd).output.split())
        assert ("等，还有3个（shopbookvalidate列出全部）" if lang == "zh" else "and3more(shopbookvalidateliststhemall)") \
            in said, said
    said = runner.invoke(app, ["validate", str(folder)]).output
    assert said.count(str(later)) >= 8, said  # where it says: every one of them
