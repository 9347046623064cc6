"""What help(shopbook) says a job gives a script is what it gives."""

from __future__ import annotations

from test_library_threads import small_shop


def test_stock_alerts_result_gives_the_document_stock_alerts_json_prints(tmp_path):
    """help(shopbook): the jobs return a typed result with to_json(), the document --json prints; the
    stock alerts (named there) had none: AttributeError ('AlertRows' object has no attribute 'to_json')."""
    import json
    from decimal import Decimal

    from typer.testing import CliRunner

    from shopbook.cli import app
    from shopbook.schema import STOCK, Product
    from shopbook.stock.workflow import stock_alerts
    from shopbook.workbook_builder import write_workbook

    shop = small_shop(tmp_path / "shop")
    low = Product(sku="P1", name="衬衫", cost=Decimal(30), price=Decimal(99), opening_qty=1, safety_stock=5)
    write_workbook(shop.path(STOCK), STOCK, "zh", {Product: [low]}, keep_backup=False)
    doc = stock_alerts(shop).to_json()
    assert [a["sku"] for a in doc] == ["P1"]
    said = CliRunner().invoke(app, ["stock", "alerts", str(shop.folder), "--json"])
    assert json.loads(said.stdout) == json.loads(json.dumps(doc, ensure_ascii=False, default=str))
