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


def test_a_job_keeps_its_own_shops_day_when_the_script_opened_another_shop_after_it(tmp_path, monkeypatch):
    """shops = [open_shop(f) for f in folders], then a job for each: open_shop sets the process's clock to its
    shop's zone ([shop] timezone), so every job ran on the last shop opened's: run_daily(a) of a shop on
    Kiritimati (UTC+14) reported a day of Pago Pago's (UTC-11), always another day. Each job now keeps the
    day of the shop it is handed."""
    import datetime as dt
    import time
    from zoneinfo import ZoneInfo

    from shopbook import shop as sh
    from shopbook.report.workflow import run_daily

    monkeypatch.setattr(sh, "_MACHINE_TZ", "UTC")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        shops = {}
        for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):
            folder = small_shop(tmp_path / zone.split("/")[1]).folder
            (folder / "shopbook.toml").write_text(f'[shop]\ntimezone = "{zone}"\n', encoding="utf-8")
            shops[zone] = sh.open_shop(folder)
        for zone, shop in shops.items():
            yesterday = dt.datetime.now(ZoneInfo(zone)).date() - dt.timedelta(days=1)
            assert run_daily(shop, send=False, steps_only="validate").date == yesterday, zone
    finally:
        monkeypatch.undo()
        time.tzset()
