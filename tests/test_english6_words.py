"""QA of an English shop's words (english6): counts singular or plural as they should be, and amounts
said with their unit, in the messages an English shop reads."""

from __future__ import annotations

import datetime as dt
import email as email_lib
import re
from decimal import Decimal
from email import policy

import openpyxl
from test_mail_exactly_once import serve  # noqa: F401  (the loopback SMTP server fixture)
from test_money import classic_statement, november_lines, write_statement

from shopbook.money.alipay import read_statement
from shopbook.purchasing.suggest import LeadTime

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_an_alipay_footer_of_one_line_says_1_line_not_1_lines(tmp_path):
    # the statement's footer counts 1 income line where 3 are read: said '1 lines, 14925.66' before
    text = classic_statement(november_lines()).decode("gbk").replace("#收入合计：3笔，", "#收入合计：1笔，")
    (issue,) = [i for i in read_statement(write_statement(tmp_path, text.encode("gbk"), "a.csv")).issues
                if i.is_error]
    en = issue.message_en
    assert "income of 1 line, " in en and "give 3 lines, " in en and " yuan" in en, en
    assert "1 lines" not in en, en


def test_a_slow_supplier_of_a_one_day_lead_time_says_1_day():
    # a next-day market supplier whose last 3 POs took 5 days: 'lead time says 1 days ... cover 1 days' before
    t = LeadTime("Hangzhou Sijiqing", 1, Decimal(5), 3, recent=Decimal(5), recent_orders=3)
    assert t.slow
    en = t.slow_said()[1]
    assert "lead time says 1 day: the reorder quantities cover 1 day and" in en, en
    assert not CJK.search(en), en


def test_an_english_agent_statement_mail_says_its_amounts_in_yuan(tmp_path):
    # a Chinese shop's mail says 元 after each amount; an English one said bare '550.00' beside the ¥ of the screen
    from test_agents_settlement import line, make_shop

    from shopbook.agents.workflow import email_agents

    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 20, "27.50", shipped=dt.date(2026, 11, 3))],
                     settings=[("shop", "language", '"en"')])
    (kept,) = email_agents(shop, "2026-11").deliveries
    text = email_lib.message_from_bytes(kept.path.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
    assert "Brought forward: 0.00 yuan; this month: 550.00 yuan; balance due: 550.00 yuan." in text, text
    assert not CJK.search(text.replace("甲", "")), text  # 甲: the agent's name as typed


def test_a_courier_fee_that_differs_is_said_in_yuan_as_the_lines_beside_it(tmp_path):
    # 'fee differs …: billed 9.00, by the rates 5.00' stood bare among '¥6.00' and '¥4.00 more than the rates'
    from test_courier_bill_totals import courier_shop

    from shopbook.money.said import courier_said
    from shopbook.money.workflow import reconcile_courier_file

    shop = courier_shop(tmp_path / "shop", 2)
    bill = tmp_path / "中通11月账单.csv"
    bill.write_bytes("运单号,揽收日期,目的地,计费重量,运费\n73100000000001,2026-11-10,浙江,1,5.00\n"
                     "73100000000002,2026-11-10,浙江,1,1009.00\n".encode("gb18030"))
    chk, issues = reconcile_courier_file(shop, bill)
    en = [e for _, _, e in courier_said(chk, issues)]
    assert "  fee differs 73100000000002: billed ¥1,009.00, by the rates ¥5.00 (bill line 3)" in en, en
    assert "1 parcel billed at another fee, ¥1,004.00 more than the rates" in " ".join(en), en


def test_email_retry_in_an_english_shop_says_1_older_one_waits(tmp_path, serve):  # noqa: F811
    # one older message waiting beside today's: '(1 older ones wait: add --all to send them)' before
    import email.utils

    from typer.testing import CliRunner

    from shopbook.cli import app
    from shopbook.shop import init_shop

    _, port = serve()
    folder = tmp_path / "shop"
    init_shop(folder, "en")
    cfg = (folder / "shopbook.toml").read_text(encoding="utf-8")
    cfg = cfg.replace('host = ""', 'host = "127.0.0.1"').replace("port = 587", f"port = {port}")
    cfg = cfg.replace('security = "starttls"', 'security = "none"').replace("to = []", 'to = ["boss@shop.test"]')
    (folder / "shopbook.toml").write_text(cfg, encoding="utf-8")
    (folder / "outbox").mkdir(exist_ok=True)
    old = email.utils.format_datetime((dt.datetime.now() - dt.timedelta(days=3)).astimezone())
    for name, date in (("old.eml", old), ("today.eml", email.utils.formatdate(localtime=True))):
        (folder / "outbox" / name).write_bytes(f"From: a@shop.test\r\nTo: boss@shop.test\r\nDate: {date}\r\n"
                                               f"Message-ID: <{name}@shop.test>\r\nSubject: {name}\r\n\r\nx\r\n".encode())
    r = CliRunner().invoke(app, ["email", str(folder), "--retry"])
    out = " ".join(r.stdout.split())
    assert r.exit_code == 0, r.stdout + r.stderr
    assert "to send: 1 (1 older one waits: add --all to send it)" in out, out
    assert not CJK.search(r.stdout), r.stdout


def test_an_english_shops_vip_threshold_reads_as_the_screen_says_it(tmp_path):
    # the screen said 'VIP (≥ ¥1,000)', the customers workbook's sheet 'VIP (spend ≥ 1000)' and the monthly
    # review 'VIPs (spend ≥ ¥1000)': one amount, three ways
    from test_customers import LINES

    from shopbook.customers import shop_customers
    from shopbook.report.monthly import make_review
    from shopbook.schema import ORDERS, OrderLine
    from shopbook.shop import init_shop, open_shop
    from shopbook.workbook_builder import write_workbook

    folder = tmp_path / "shop"
    init_shop(folder, lang="en")
    write_workbook(folder / "orders.xlsx", ORDERS, "en", {OrderLine: LINES}, keep_backup=False)
    shop = open_shop(folder)
    _, path = shop_customers(shop, "2026-11")
    assert openpyxl.load_workbook(path).sheetnames[2] == "VIP (spend ≥ ¥1,000)"
    _, path, _ = make_review(shop, "monthly", "2026-11")
    rows = [r[0] for r in openpyxl.load_workbook(path)["Customers and ads"].values if r and r[0]]
    assert "VIPs (spend ≥ ¥1,000)" in rows, rows


def test_a_count_day_not_posted_is_said_without_claiming_a_post_a_dry_run_never_made():
    # under --dry-run ('nothing written') it said 'this posted only 2026-11-21's'
    from decimal import Decimal as D

    from shopbook.schema import Product, StocktakeCount
    from shopbook.stock.stocktake import not_posted

    products = [Product(sku="A", name="Tee", cost=D(20), price=D(50), opening_qty=10)]
    counts = [StocktakeCount(date=dt.date(2026, 11, 20), sku="A", counted=8, counter="Li")]
    ((_, en),) = not_posted(products, [], counts, dt.date(2026, 11, 21), "en")
    assert "were never posted, and posting 2026-11-21 leaves them out: post them too: " in en, en
    assert "this posted" not in en and not CJK.search(en), en


def test_an_order_of_one_item_missing_from_the_item_list_says_1_item(tmp_path):
    # a cut item list: 'Order … has 0 of its 1 items' (a new order, refused) and 'has 1 items (宝贝总数量)'
    # (one already there, warned) before
    from taobao_fixtures import detail_row, order_row, write_pair
    from test_orders import build_shop

    from shopbook.orders.workflow import import_orders

    shop = build_shop(tmp_path)
    no, ok = "3515139900000000302", "3515139900000000303"
    orders = [order_row(n, "tb_a", "甲", "13800000003", "浙江省 杭州市 西湖区 文三路 3 号", "2026-11-25 09:00:00")
              for n in (no, ok)]
    orders[0]["宝贝总数量"] = orders[1]["宝贝总数量"] = "1"
    items = [detail_row(ok, "衬衫", "99.00", "1", "SH-BK-M")]
    res = import_orders(shop, list(write_pair(tmp_path / "cut", orders, items)))
    (short,) = [i for i in res.issues if i.column == "宝贝总数量"]
    assert f"Order {no} has 0 of its 1 item in the item list" in short.message_en, short.message_en
    orders = orders[1:]
    res = import_orders(shop, list(write_pair(tmp_path / "again", orders, [])))
    (short,) = [i for i in res.issues if i.column == "宝贝总数量"]
    assert f"Order {ok} has 1 item (宝贝总数量) but the item list holds 0" in short.message_en, short.message_en


def test_an_english_shops_refused_inbox_file_gives_its_reason_in_english(tmp_path):
    # inbox/refused/<file>.reason.txt held the Chinese sentence above the English one in an English shop
    import shutil
    from pathlib import Path

    from shopbook.report.workflow import run_daily
    from shopbook.shop import init_shop, open_shop

    folder = tmp_path / "shop"
    init_shop(folder, "en")
    (folder / "inbox").mkdir(exist_ok=True)
    statement = Path(__file__).resolve().parents[1] / "examples" / "20881234567890120156_202611_账务明细.csv"
    shutil.copy(statement, folder / "inbox" / statement.name)
    run_daily(open_shop(folder), dt.date(2026, 11, 21), send=False, steps_only="inbox-check")
    why = (folder / "inbox" / "refused" / f"{statement.name}.reason.txt").read_text(encoding="utf-8")
    assert "it is an Alipay statement" in why, why
    assert not CJK.search(why.replace("账务明细 / 资金流水", "")), why  # (Alipay's own words for it)


def test_an_english_shops_courier_report_names_the_courier_as_its_screen_does(tmp_path):
    # the screen said 'courier: ZTO', the report's Summary sheet 'Courier 中通'
    from test_courier_bill_totals import courier_shop

    from shopbook.money.workflow import reconcile_courier_file
    from shopbook.shop import open_shop

    shop = courier_shop(tmp_path / "shop", 1)
    toml = shop.folder / "shopbook.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'), encoding="utf-8")
    bill = tmp_path / "ZTO-2026-11.csv"
    bill.write_bytes("运单号,揽收日期,目的地,计费重量,运费\n73100000000001,2026-11-10,浙江,1,5.00\n".encode("gb18030"))
    chk, _ = reconcile_courier_file(open_shop(shop.folder), bill)
    rows = list(openpyxl.load_workbook(chk.report)["Summary"].iter_rows(values_only=True))
    assert ("Courier", "ZTO", None) in rows, rows
