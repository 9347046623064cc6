"""The same export imported again (the 导入订单 button pressed twice, a download dropped into inbox/ again)
said only "✓ 导入：0 个订单，0 行": as if the file held no order, or the import had lost them. Now the line says
its orders are on the Orders sheet already and unchanged, in the shop's language, on the CLI, the library's
lines and the daily job's import step alike; an export that moves an order on counts only the others."""

from __future__ import annotations

import datetime as dt
import os
import shutil

from cli_run import flat, shopbook
from test_orders import build_shop, exports

from shopbook.orders.workflow import import_orders
from shopbook.report.workflow import run_daily


def test_the_same_export_again_says_its_orders_are_there_unchanged(tmp_path):
    shop = build_shop(tmp_path)
    files = list(exports(tmp_path))
    first = import_orders(shop, files)
    assert first.said(10)[0] == ("✓", "导入：5 个订单，5 行", "imported: 5 orders, 5 lines")
    assert first.unchanged == []
    again = import_orders(shop, files)
    assert again.said(10)[0] == ("✓", "导入：0 个订单，0 行；5 个订单已在订单表中，没有变化",
                                 "imported: 0 orders, 0 lines; 5 orders already on the Orders sheet, unchanged")
    assert sorted(again.to_json()["unchanged"]) == ["3515131473293579", "3515131473293580", "3515131473293581",
                                                    "3515131473293582", "3515131473293584"]

    # on the command line, an English shop: English only
    toml = shop.folder / "shopbook.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'), encoding="utf-8")
    r = shopbook("orders", "import", shop.folder, *files)
    assert r.returncode == 0, r.stdout + r.stderr
    assert flat("✓ imported: 0 orders, 0 lines; 5 orders already on the Orders sheet, unchanged") in flat(r.stdout), \
        r.stdout


def test_the_daily_jobs_import_step_says_them_too(tmp_path):
    shop = build_shop(tmp_path)
    files = list(exports(tmp_path))
    import_orders(shop, files)
    inbox = shop.folder / "inbox"
    inbox.mkdir(exist_ok=True)
    for f in files:  # the same download dropped into inbox/ again
        os.utime(f, (f.stat().st_mtime - 60,) * 2)  # (downloaded a minute ago: not watched for growing)
        shutil.copy2(f, inbox / f.name)
    run = run_daily(shop, dt.date(2026, 11, 22), send=False, steps_only=("inbox",))
    step = next(s for s in run.steps if s.name == "inbox")
    assert step.ok and step.detail == "导入 0 个订单，5 个订单已在订单表中，没有变化", step.detail


def test_a_sycm_download_dropped_again_says_its_days_are_in_daily_unchanged(tmp_path):
    """The same 生意参谋 download in inbox/ again: the import step said '生意参谋 0 天进日报' and nothing of the days
    already there, as if the file held none."""
    from test_kpi_import import sycm_xlsx

    from shopbook.kpi.import_sycm import import_kpi
    from shopbook.shop import init_shop, open_shop

    for lang, said in (("zh", "生意参谋 0 天进日报，3 天已在日报中，没有变化"),
                       ("en", "生意参谋: 0 days into Daily, 3 days already in Daily, unchanged")):
        init_shop(tmp_path / lang, lang)
        shop = open_shop(tmp_path / lang)
        f = sycm_xlsx(tmp_path / f"{lang}.xlsx")
        assert import_kpi(shop, [f]).ok
        os.utime(f, (f.stat().st_mtime - 60,) * 2)
        shutil.copy2(f, shop.folder / "inbox" / "【生意参谋平台】店铺整体_日_2026-11-18_2026-11-20.xlsx")
        run = run_daily(shop, dt.date(2026, 11, 21), send=False, steps_only=("inbox",))
        step = next(s for s in run.steps if s.name == "inbox")
        assert step.ok and step.detail == said, step.detail
