"""What a writer has to say (new rows gone below a person's totals row) reaches a script: the command
line prints it and a button shows it; a library call's result holds it, located."""

from __future__ import annotations

import openpyxl
from test_library_threads import orders_of, small_shop

from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS


def test_an_import_below_a_totals_row_says_so_in_its_result(tmp_path, capfd):
    """import_orders(shop, export) into a 订单 sheet whose last row is a person's 合计: before, the
    warning that the new rows went below it (outside its sums) reached a script nowhere; now it is
    among the result's issues, at the totals row, as `orders import` prints it."""
    shop = small_shop(tmp_path / "shop")
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["订单"]
    totals = ws.max_row + 1
    ws.cell(totals, 1).value = "合计"
    ws.cell(totals, [c.value for c in ws[1]].index("数量") + 1).value = f"=SUM(J2:J{totals - 1})"
    wb.save(shop.path(ORDERS))
    export = tmp_path / "export.csv"
    export.write_text("订单编号,商家编码,数量,单价,收货人,手机,收货地址,付款时间\n"
                      "A001,P1,1,99.00,李四,13900001111,浙江省 杭州市 西湖区 文三路1号,2026-11-21 09:00\n", encoding="utf-8")
    res = import_orders(shop, export)
    assert "A001" in orders_of(shop)
    below = [i for i in res.issues if "totals row" in i.message_en]
    assert len(below) == 1, res.issues
    assert below[0].where("en").endswith(f"A{totals}") and "合计行" in below[0].message_zh
    assert below[0].severity == "warning" and any("totals row" in str(d) for d in res.to_json()["issues"])
    assert capfd.readouterr() == ("", "")


def test_a_dead_jobs_lock_cleared_by_a_scripts_job_is_said_in_its_result(tmp_path, capfd):
    """The 06:00 daily killed (its report and e-mail never made), then a script's import_orders at 09:00:
    before, its taking of the lock cleared the dead job's silently, where `orders import` prints with ! that
    the last writing job did not end properly and to check what it was to do; now the result says it too."""
    import json
    import socket
    import subprocess
    import sys

    from shopbook.io import lock

    shop = small_shop(tmp_path / "shop")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (shop.folder / lock.LOCK_NAME).write_text(json.dumps(
        {"host": socket.gethostname(), "user": "amy", "pid": dead.pid, "command": "shopbook daily shop",
         "since": "2026-11-22 06:00:00 +0800", "token": "t"}), encoding="utf-8")
    export = tmp_path / "export.csv"
    export.write_text("订单编号,商家编码,数量,单价,收货人,手机,收货地址,付款时间\n"
                      "A001,P1,1,99.00,李四,13900001111,浙江省 杭州市 西湖区 文三路1号,2026-11-21 09:00\n", encoding="utf-8")
    res = import_orders(shop, export)
    said = [i for i in res.issues if "did not end properly" in i.message_en]
    assert len(said) == 1 and said[0].book == lock.LOCK_NAME and said[0].severity == "warning", res.issues
    assert "shopbook daily shop" in said[0].message_en and "上一个写入任务没有正常结束" in said[0].message_zh
    assert not (shop.folder / lock.LOCK_NAME).exists() and capfd.readouterr() == ("", "")
    assert not [i for i in import_orders(shop, export).issues if "did not end properly" in i.message_en]  # once

