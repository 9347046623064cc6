"""A self-check item whose words already name its command is not followed by → the same command."""

from __future__ import annotations

import datetime as dt
import email
from decimal import Decimal as D
from email import policy

from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.report import workflow
from shopbook.report.workflow import run_daily
from shopbook.schema import ORDERS, AfterSalesCase, OrderLine
from shopbook.workbook_builder import write_workbook
from test_daily import demo_like_shop

DAY = dt.date(2026, 11, 21)


def test_a_lost_parcels_make_the_resend_is_said_once_on_screen_and_in_the_e_mail(tmp_path, monkeypatch):
    """'丢件：运行 shopbook aftersales 店铺 生成补发单 → shopbook aftersales 店铺': the command twice in one line,
    in `selfcheck`, the e-mail's 自查 (text and HTML) and the 自查 button. Now once; the item whose words
    name another command (scan the return: aftersales receive) keeps its →."""
    monkeypatch.setattr(workflow, "_today", lambda: DAY + dt.timedelta(days=1))
    shop = demo_like_shop(tmp_path)
    line = {"receiver": "张三", "phone": "13800000000", "address": "浙江省 杭州市 西湖区 a", "sku": "S", "qty": 1,
            "unit_price": D(60), "status": "已发货", "paid_at": dt.datetime(2026, 11, 18, 9)}
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {
        OrderLine: [OrderLine(order_no="X1", **line), OrderLine(order_no="X2", **line)],
        AfterSalesCase: [AfterSalesCase(case_no="SH-1", opened_on=DAY, order_no="X1", type="丢件", status="处理中"),
                         AfterSalesCase(case_no="SH-2", opened_on=DAY, order_no="X2", type="换货", status="等退货",
                                        return_tracking="YT1")]}, keep_backup=False)
    r = CliRunner().invoke(app, ["selfcheck", str(shop.folder), "--date", str(DAY)])
    lost = next(ln for ln in r.stdout.splitlines() if "SH-1" in ln)
    assert lost.count("shopbook aftersales 店铺") == 1 and "→" not in lost, r.stdout
    assert "→ shopbook aftersales 店铺" in next(ln for ln in r.stdout.splitlines() if "SH-2" in ln), r.stdout
    run_daily(shop, DAY)
    (eml,) = shop.outbox.glob("*.eml")
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    text, html = (next(p.get_content() for p in msg.walk() if p.get_content_type() == kind)
                  for kind in ("text/plain", "text/html"))
    lost = next(ln for ln in text.splitlines() if "SH-1" in ln)
    assert lost.count("shopbook aftersales 店铺") == 1 and "→" not in lost, text
    assert html.split("SH-1")[1].split("</li>")[0].count("shopbook aftersales 店铺") == 1, html
