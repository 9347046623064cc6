"""QA (the buyer's week): a new shop's 8 SKUs to reorder had no 补货周期 and no supplier with a lead time; `stock alerts`
said "X0、X1、X2、X3、X4 等，还有 3 个" and `purchase suggest` the same at one cell, and nothing said which the other
3 were (the alert lines do not mark them). A cut list says where the rest are: the 商品 rows with those cells blank."""

from __future__ import annotations

from decimal import Decimal

from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import Product, Supplier


def test_the_skus_with_no_lead_time_cut_say_where_the_rest_are(stock_shop):
    folder, lang = stock_shop({
        Product: [Product(sku=f"X{i}", name="袜子", cost=Decimal(5), price=Decimal(15), safety_stock=3, opening_qty=2,
                          supplier="F1" if i >= 8 else None) for i in range(14)],
        Supplier: [Supplier(supplier="F1")]})  # F1: no 交货周期 either
    runner = CliRunner()
    said = "".join(runner.invoke(app, ["stock", "alerts", str(folder)]).output.split())
    assert ("等，还有9个（其余的都在“商品”表补货周期(天)空着、供应商也没有交货周期的行里）" if lang == "zh" else
            "and9more(therestareamongtherowsoftheProductssheetwithlead_daysblankandnosupplier'sleadtimeeither)") in said, said
    said = "".join(runner.invoke(app, ["purchase", "suggest", str(folder)]).output.split())
    if lang == "zh":
        assert "等，还有3个（其余的都在“商品”表供应商和补货周期(天)都空着的行里）没有供应商" in said, said
        assert "等，还有1个（其余的都在“商品”表供应商是它、补货周期(天)空着的行里）也没有填补货周期" in said, said
    else:
        assert ("and3more(therestareamongtherowsoftheProductssheetwithsupplierandlead_daysbothblank)havenosupplier"
                in said), said
        assert "and1more(therestareamongtherowsoftheProductssheetwithitassupplierandlead_daysblank)oftheirown" in said, \
            said
