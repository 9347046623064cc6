"""A button and its CLI command say the same of the same workbook: the 导入订单, 验货发货,
导入生意参谋, 库存预警 and 采购建议 buttons and the money buttons show the lines their command
prints (one wording, in the library), in the shop's language; a list cut at the message box's
BOX_LINES lines says how many more and where the rest are."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil

import pytest

from cli_run import flat, shopbook
from platform_fixtures import pdd_row, refund_row, write_pdd, write_refunds
from shopbook import xl
from shopbook.io.reader import read_workbook
from shopbook.schema import LEDGER, ORDERS, Account, Category, Entry
from shopbook.workbook_builder import write_workbook
from taobao_fixtures import write_pair
from test_order_life import tb_detail, tb_order, two_picked
from test_orders import D, build_shop
from test_mail_exactly_once import serve  # noqa: F401 (a real SMTP server on loopback)
from xlfake import FakeBook

A, B, C = "3600000000000000201", "3600000000000000202", "3700000000000000701"


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def _twin(shop, tmp_path):
    twin = tmp_path / "twin"
    shutil.copytree(shop.folder, twin)
    return twin


def _prompt(book) -> list[str]:
    return book.app.alerts[-1]["prompt"].splitlines()


def test_the_import_button_lists_refused_lines_refunds_and_each_parcel_to_pull_as_the_cli(shop, tmp_path):
    """Two picked parcels cancelled, a refund paid, 12 lines that do not read: the button says what
    `orders import` says, each parcel to pull on its own line, the refund booked to the ledger, the
    first 10 lines refused where they are, then how many more and the list file that holds them all."""
    write_workbook(shop.path(LEDGER), LEDGER, "zh", {
        Account: [Account(account="支付宝", opening_date=dt.date(2026, 11, 1), opening_balance=D("1000.00"))],
        Category: [Category(category="销售收入", direction="收入", group="销售"),
                   Category(category="退款", direction="支出", group="退款")]}, keep_backup=False)
    two_picked(shop, tmp_path, A, B)
    from shopbook.orders.workflow import import_orders

    import_orders(shop, list(write_pair(tmp_path / "c", [tb_order(C)], [tb_detail(C, "SH-BK-M")])))
    later = list(write_pair(tmp_path / "d2", [tb_order(A, "交易关闭", close="买家不想买了"),
                                              tb_order(B, "交易关闭", close="买家不想买了")],
                            [tb_detail(A, "SH-BK-M", "交易关闭"), tb_detail(B, "SH-WH-M", "交易关闭")], stamp="20261122"))
    row = refund_row("R701", C, "SH-BK-M", "99.00", "退款成功")
    row["退款完结时间"] = "2026-11-23 10:00:00"
    bad = write_pdd(tmp_path / "p", [pdd_row(f"231121-0000000000{i:04d}", "待发货", "SH-BK-M", qty="x") for i in range(12)])
    files = [*later, write_refunds(tmp_path / "r", [row]), bad]
    twin = _twin(shop, tmp_path)
    cli = shopbook("orders", "import", twin, *files)
    assert cli.returncode == 1, cli.stdout + cli.stderr

    book = FakeBook(shop.path(ORDERS))
    xl.import_orders("|".join(map(str, files)), book)
    lines = _prompt(book)
    assert book.app.alerts[-1]["mode"] == "critical"
    for no in (A, B):  # a line each, in picklist's words (with the batch it is in), as the CLI prints it
        (said,) = [ln for ln in lines if ln.startswith(f"!! 订单 {no}（拣货批次 ")]
        assert said.endswith("）拣货后已取消或挂起：把这个包裹拿出来，再清空它的拣货批次"), said
        assert flat(said) in flat(cli.stdout), (lines, cli.stdout)
    assert "✓ 退款记入流水账：1 笔，¥99.00" in lines and "✓退款记入流水账：1笔，¥99.00" in flat(cli.stdout)
    assert [e.amount for e in read_workbook(shop.path(LEDGER), LEDGER, (Entry,)).rows(Entry)] == [D("99.00")]
    refused = [ln for ln in lines[1:] if ln.startswith("✗ ")]
    assert len(refused) == xl.BOX_LINES and refused[0] == "✗ orders_export_20261121.csv › 第 2 行：应为整数：“x”。请填不带小数和单位的数字，例如 20。", refused
    more = next(ln for ln in lines if ln.startswith("  … 还有 2 行没有导入；全部列在 "))
    rows = list(csv.reader(io.StringIO(open(more.split("全部列在 ")[1], encoding="utf-8-sig").read())))
    assert sum(1 for r in rows if r[0] == "未导入" and r[6] == "应为整数：“x”。请填不带小数和单位的数字，例如 20。") == 12, rows
    assert lines[0] == "✗ 导入：0 个订单，0 行；12 个错误（见下）" and flat(lines[0]) in flat(cli.stdout), (lines, cli.stdout)


def test_the_ship_button_says_nothing_new_shipped_cuts_its_list_and_names_the_cases_it_opened(shop, tmp_path):
    """Scans of a parcel shipped already: – nothing new shipped, as `ship` says (not "发货 0 个").
    A parcel with the wrong item and 12 scans of no order: the first 10 problems, how many more and
    where to see them all, and the 售后 case the failed parcel opened, as `ship` says them."""
    from test_orders import scan_text

    scans = two_picked(shop, tmp_path, A, B)
    scans.write_text(scan_text(((A, "中通", "7310001"), ("SH-BK-M",))), encoding="utf-8")
    book = FakeBook(shop.path(ORDERS))
    xl.ship_scans(str(scans), book)
    assert _prompt(book)[0] == "✓ 发货：1，出库：1 件", _prompt(book)
    xl.ship_scans(str(scans), book)
    assert _prompt(book) == ["– 没有新发货：扫描的 1 个包裹都已发过，没有再出库。", f"– {A}：已发过（快递单号 7310001 的包裹又扫了一次），没有再出库"]
    assert book.app.alerts[-1]["mode"] == "info"

    bad = tmp_path / "bad.txt"
    bad.write_text(scan_text(((B, "中通", "7310002"), ("SH-BK-M",)),
                             *(((f"NOPE{i}", "中通", f"73200{i}"), ("SH-BK-M",)) for i in range(12))), encoding="utf-8")
    twin = _twin(shop, tmp_path)
    cli = shopbook("ship", twin, bad)
    assert cli.returncode == 1, cli.stdout + cli.stderr
    xl.ship_scans(str(bad), book)
    lines = _prompt(book)
    assert book.app.alerts[-1]["mode"] == "critical"
    assert lines[0] == "✗ 发货：0，出库：0 件；13 个包裹没有通过（见下）", lines
    assert len([ln for ln in lines if ln.startswith("✗ ")]) == 1 + xl.BOX_LINES
    # the rest whole in reports/ (the command line's "shopbook ship --json 再核对 bad.txt 列出全部" is no step in Excel)
    (listed,) = (shop.folder / "reports").glob("验货清单-*.csv")
    assert f"  … 还有 3 行；全部列在 {listed}" in lines, "\n".join(lines)
    assert all(f"NOPE{i}" in listed.read_text(encoding="utf-8-sig") for i in range(12))
    opened = next(ln for ln in lines if ln.startswith("! 开了 1 个售后问题件（orders.xlsx 的“售后”表）："))
    for ln in (lines[0], lines[1], opened):  # the CLI's words, line for line (its list is cut at its own 30)
        assert flat(ln) in flat(cli.stdout), (ln, cli.stdout)


def _twelve_short(tmp_path):
    """A shop of 12 products out of stock, each from a supplier of its own."""
    from shopbook.schema import STOCK, Product
    from shopbook.shop import init_shop, open_shop

    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku=f"SKU-{i:02d}", name="衬衫", cost=D(20), price=D(60), opening_qty=0, safety_stock=5,
                supplier=f"厂{i:02d}") for i in range(12)]}, keep_backup=False)
    return open_shop(folder)


def test_the_stock_alert_and_purchase_buttons_say_where_the_rest_of_a_cut_list_is(tmp_path):
    """12 alerts, 12 draft POs: each button shows 10, then how many more and where they all are;
    the alerts' lines are the ones `stock alerts` prints."""
    from shopbook.purchasing.workflow import purchase_suggest
    from shopbook.schema import STOCK, PurchaseLine

    shop = _twelve_short(tmp_path)
    cli = shopbook("stock", "alerts", shop.folder)
    book = FakeBook(shop.folder / "stock.xlsx")
    xl.stock_alerts(book)
    lines = _prompt(book)
    # (then that their quantities leave out the wait: no 补货周期 and no supplier's 交货周期; then the alerts)
    assert lines[0] == "! 库存预警：12 个" and lines[1].startswith("! 12 个 SKU 没有补货周期"), lines
    assert len([ln for ln in lines if ln.startswith("  SKU-")]) == xl.BOX_LINES, lines
    listed = sorted((shop.folder / "reports").glob("库存预警清单-*.csv"))  # (the rest: a file the box names)
    assert len(listed) == 1 and lines[-1] == f"  … 还有 2 个；全部列在 {listed[0]}", lines
    for ln in lines[:-1]:
        assert flat(ln) in flat(cli.stdout), (ln, cli.stdout)
    assert "SKU-11" in cli.stdout  # the CLI lists every one

    xl.purchase_suggest(book)
    lines = _prompt(book)
    assert len([ln for ln in lines if ln.startswith("CG")]) == xl.BOX_LINES, lines
    assert "  … 还有 2 张；全部在 stock.xlsx 的“采购”表，每张一个文件在 reports/" in lines, lines
    # then the warnings `purchase suggest` prints (厂00 … are not on the 供应商 sheet), cut as well
    assert lines[-1].startswith("  … 还有 2 条提醒；全部列在 ") and lines[-1].endswith(".csv"), lines
    assert len({ln.po_no for ln in read_workbook(shop.path(STOCK), STOCK).rows(PurchaseLine)}) == 12
    assert not purchase_suggest(shop).plan.orders  # (drafts written: nothing ordered twice)


def test_the_courier_button_names_each_parcel_as_reconcile_courier_does(tmp_path):
    """A bill that leaves 11 parcels out, bills one too heavy, one at the wrong fee, one twice, one
    not ours, and has a line that does not read: the 快递对账 button shows what `reconcile courier`
    prints, line for line (each parcel named, not only counted), the first 10 of a list, then how
    many more and where they all are; the line that does not read, where it is."""
    from test_courier_bill_totals import courier_shop

    shop = courier_shop(tmp_path / "shop", 15)
    bill = tmp_path / "中通11月账单.csv"
    bill.write_bytes(("运单号,揽收日期,目的地,计费重量,运费\n73100000000001,2026-11-10,浙江,1,5\n"
                      "73100000000002,2026-11-10,浙江,3,7\n73100000000003,2026-11-10,浙江,1,6\n"
                      "73100000000003,2026-11-10,浙江,1,6\n7.31000123457E+13,2026-11-10,浙江,1,5\n"
                      "T9,2026-11-11,江苏,1,8.00\n").encode("gb18030"))
    cli = shopbook("reconcile", "courier", shop.folder, bill)
    assert cli.returncode == 1, cli.stdout + cli.stderr
    book = FakeBook(shop.path(ORDERS))
    xl.reconcile_courier(str(bill), book)
    lines = _prompt(book)
    assert book.app.alerts[-1]["mode"] == "critical"
    assert lines[0] == "快递：中通（账单的名字写着）" and lines[1].startswith("账单金额 ¥"), lines
    assert "发了、账单没有：12" in lines, lines
    assert "  73100000000004  订单 O04" in lines and "  73100000000014  订单 O14" not in lines, lines
    assert any(ln.startswith("  … 还有 2 个发了、账单没有的包裹；全部列在 ") for ln in lines), lines
    assert any(ln.startswith("  超重 73100000000002") for ln in lines), lines
    assert any(ln.startswith("✗ 重复计费 73100000000003") for ln in lines), lines
    unread = next(ln for ln in lines if ln.startswith("✗ ") and "7.31000123457E+13" in ln)
    assert flat(unread.split("：", 1)[1].split(" = ")[0]) in flat(cli.stdout), (unread, cli.stdout)
    for ln in lines:  # the CLI's words, line for line (its lists are cut at its own 30)
        if ln is not unread and "还有" not in ln:
            assert flat(ln) in flat(cli.stdout), (ln, cli.stdout)
    assert "73100000000014订单O14" in flat(cli.stdout)


def test_the_receive_button_says_what_purchase_receive_prints(tmp_path):
    """A delivery with 12 codes that are not the PO's: the 采购收货 button shows the lines `purchase
    receive` prints (what was posted, each PO line, the payment proposed), the first 10 lines not
    posted, then how many more and the file that holds them; loud, as the CLI exits 1."""
    from shopbook.purchasing.workflow import purchase_suggest
    from shopbook.schema import STOCK, PurchaseLine

    shop = _twelve_short(tmp_path)
    purchase_suggest(shop, write_drafts=True)
    po = next(ln for ln in read_workbook(shop.path(STOCK), STOCK).rows(PurchaseLine) if ln.sku == "SKU-00")
    box = tmp_path / "box.txt"
    box.write_text(f"{po.po_no},顺丰,SF1\nSKU-00,3\n" + "".join(f"ZZ-{i}\n" for i in range(12)), encoding="utf-8")
    twin = _twin(shop, tmp_path)
    cli = shopbook("purchase", "receive", twin, box, "--po", po.po_no)
    assert cli.returncode == 1, cli.stdout + cli.stderr
    book = FakeBook(shop.path(STOCK))
    xl.purchase_receive(str(box), book)
    lines = _prompt(book)
    assert book.app.alerts[-1]["mode"] == "critical"
    assert lines[0] == f"! {po.po_no} 厂00：入库 3 件，1 行", lines
    assert len([ln for ln in lines if ln.startswith("✗ ")]) == xl.BOX_LINES, lines
    assert "✗ 第 3 行：ZZ-0（不认识的编码） × 1 没有入库" in lines, lines
    assert "  … 还有 2 行没有入库；全部在 box.txt 里" in lines, lines
    for ln in lines:  # the CLI's words, line for line (its list is cut at its own 30), but the command to run
        if "还有" not in ln and "命令行的选项" not in ln:  # for its --pay (the button's own: test_excel_receive_button_options)
            assert flat(ln) in flat(cli.stdout), (ln, cli.stdout)
    assert "ZZ-11" in cli.stdout


def test_the_pnl_button_says_what_ledger_prints(tmp_path):
    """The 利润表 button shows what `ledger --month` prints, line for line: the month, each group's
    total in the shop's language, income, expense and net, each account's opening and closing,
    the report (before: the net alone)."""
    from test_language import chinese_ledger_shop

    shop = chinese_ledger_shop(tmp_path)
    cli = shopbook("ledger", shop.folder, "--month", "2026-11")
    assert cli.returncode == 0, cli.stdout + cli.stderr
    book = FakeBook(shop.path(LEDGER))
    xl.pnl("2026-11", book)
    lines = _prompt(book)
    assert book.app.alerts[-1]["mode"] == "info"
    assert lines[0] == "2026-11 利润表" and lines[-1] == f"✓ {shop.reports / '利润表-2026-11.xlsx'}", lines
    assert any(ln.split()[0] == "销售" for ln in lines), lines  # a group, in Chinese
    assert any(ln.split()[:2] == ["支付宝", "期初"] for ln in lines) and any(ln.split()[0] == "净额" for ln in lines), lines
    assert flat(cli.stdout) == flat("\n".join(lines)), (lines, cli.stdout)  # nothing more, nothing less


def test_the_agent_settlement_button_says_what_agents_settle_prints(tmp_path):
    """The 代理月结 button shows what `agents settle` prints, line for line: the month, how many agents
    and what they owe in all, then each agent's line with every figure its balance is made of
    (before: the total alone, in words of its own), the summary written."""
    from shopbook.schema import AGENTS, Payment
    from test_agents_settlement import d, line, make_shop, ret

    shop = make_shop(tmp_path, settings=[("shop", "language", '"zh"'), ("agents", "shipping_per_order", "6.00")],
                     lines=[line("DL1-001", "A", 2, "27.50", shipped=d(2026, 11, 3), fee="10"),
                            line("DL1-002", "A", 2, "27.50", shipped=d(2026, 11, 12))],
                     moves=[ret(d(2026, 11, 20), "A", 1, "DL1-001")],
                     payments=[Payment(date=d(2026, 11, 25), agent_id="DL1", amount=D("50.00"))])
    twin = _twin(shop, tmp_path)
    cli = shopbook("agents", "settle", twin, "--month", "2026-11")
    assert cli.returncode == 0, cli.stdout + cli.stderr
    book = FakeBook(shop.path(AGENTS))
    xl.agent_settle("2026-11", book)
    lines = _prompt(book)
    assert lines[0] == "2026-11 代理月结：1 个代理，应收合计 ¥48.50", lines
    agent = next(ln for ln in lines if ln.startswith("  DL1 "))
    assert "货款 110.00" in " ".join(agent.split()) and "本期应收 48.50" in " ".join(agent.split()), agent
    assert lines[-1].startswith("✓ ") and lines[-1].endswith(".xlsx"), lines
    for ln in lines[:-1]:  # the CLI's words, line for line (its summary is the twin's)
        assert flat(ln) in flat(cli.stdout), (ln, cli.stdout)


@pytest.mark.parametrize("case", ["refused", "server down", "no smtp"])
def test_the_email_button_says_what_shopbook_email_prints(tmp_path, serve, case):
    """The 发邮件 button shows what `shopbook email` prints, line for line (Delivery.said), with a real
    SMTP server on loopback: sent but a recipient refused (!, never a plain ✓; the refusal in both
    languages), the server down (✗ where the message waits, why in both languages: it goes to whoever
    looks after the server), no server set (– kept in outbox/). Before, the button worded each itself:
    "已存入 outbox：…", "未发送，留在 …：" with the reason in Chinese alone, "✗" for a refusal."""
    from test_daily import demo_like_shop
    from test_mail_exactly_once import dead_port, set_toml

    server, port = serve()
    shop = demo_like_shop(tmp_path, None if case == "no smtp" else dead_port() if case == "server down" else port)
    if case == "refused":
        shop = set_toml(shop, **{'to = ["boss@shop.test"]': 'to = ["boss@shop.test", "nobody@shop.test"]'})
    twin = _twin(shop, tmp_path)
    cli = shopbook("email", twin)
    book = FakeBook(shop.folder / "kpi.xlsx")
    xl.email(book)
    alert = book.app.alerts[-1]
    lines = alert["prompt"].splitlines()

    def same(text: str, folder) -> str:  # the twin's folder and the message's time stamp aside
        return re.sub(r"\d{8}-\d{6}-\d{6}", "STAMP", flat(text).replace(flat(str(folder)), "SHOP"))

    assert same("\n".join(lines), shop.folder) == same(cli.stdout + cli.stderr, twin), (lines, cli.stdout, cli.stderr)
    if case == "refused":
        assert len(server.messages) == 2 and cli.returncode == 1 and alert["mode"] == "critical"
        assert lines[0].startswith("! 已发送给 boss@shop.test：") and "✓" not in alert["prompt"], lines  # (not nobody@: refused)
        assert "拒收" in lines[1] and "nobody@shop.test" in lines[1] and "refused" in lines[2], lines
        assert "拒收" in cli.stderr and "已发送" in cli.stdout  # the refusal on stderr, for cron
    elif case == "server down":
        assert cli.returncode == 1 and alert["mode"] == "critical" and cli.stdout == ""
        assert lines[0].startswith("✗ 未发送，留在 / not sent, kept in: "), lines
        assert alert["prompt"].count("邮件发送失败") == 1 and alert["prompt"].count("Sending failed") == 1, lines
    else:
        assert cli.returncode == 0 and alert["mode"] == "info" and server.connections == 0
        assert lines == [f"– 没有 SMTP，已存入：{next(shop.outbox.glob('*.eml'))}"], lines


def test_the_morning_button_says_the_import_review_and_pick_list_as_orders_morning(shop, tmp_path):
    """The 审单并拣货 button, given the morning's export, shows what `orders morning` prints, line for
    line (MorningResult.said): the import in `orders import`'s words (ImportSummary.said: the count,
    the orders the export moved on, each one's change), the review and each held order, the parcel to
    pull once, the batch and its files. Before, the CLI worded the import's line itself ("1 个订单状态
    变化") and the button took no file, so it never said the import."""
    two_picked(shop, tmp_path, A, B)
    later = list(write_pair(tmp_path / "d2", [tb_order(A, "交易关闭", close="买家不想买了"), tb_order(C)],
                            [tb_detail(A, "SH-BK-M", "交易关闭"), tb_detail(C, "SH-BK-M")], stamp="20261122"))
    twin = _twin(shop, tmp_path)
    cli = shopbook("orders", "morning", twin, *later)
    assert cli.returncode == 1, cli.stdout + cli.stderr  # a parcel to pull
    book = FakeBook(shop.path(ORDERS))
    xl.morning(book, "|".join(map(str, later)))
    lines = _prompt(book)
    assert book.app.alerts[-1]["mode"] == "critical"
    same = lambda text, folder: flat(text).replace(flat(str(folder)), "SHOP")  # noqa: E731
    assert same("\n".join(lines), shop.folder) == same(cli.stdout, twin), (lines, cli.stdout, cli.stderr)
    assert lines[0] == "✓ 导入：1 个订单，1 行", lines
    assert lines[1].startswith("✓ 状态变化：1 个订单") and lines[2].startswith(f"  → 淘宝 {A}: "), lines
    assert sum(A in ln for ln in lines) == 2, lines  # its change, then the parcel to pull: once
    assert any(ln.startswith("✓ 批次 ") for ln in lines), lines


def test_the_import_button_says_how_many_more_warnings_and_where_they_all_are(shop, tmp_path):
    """A 拼多多 export of 14 orders in a status word no reader knows (the platform renamed one): a
    warning each, 'the order was neither imported nor changed'. The 导入订单 box showed the first 10
    and dropped the rest without a word; now it says how many more and the list file holding all."""
    rows = [pdd_row(f"231121-0000000000{i:04d}", "风控审核中", "SH-BK-M") for i in range(14)]
    book = FakeBook(shop.path(ORDERS))
    xl.import_orders(str(write_pdd(tmp_path / "p", rows)), book)
    lines = _prompt(book)
    warned = [ln for ln in lines if ln.startswith("! ") and "不认识的订单状态" in ln]
    assert len(warned) == xl.BOX_LINES, lines
    more = next(ln for ln in lines if ln.startswith("  … 还有 4 条警告；全部列在 "))
    rows = list(csv.reader(io.StringIO(open(more.split("全部列在 ")[1], encoding="utf-8-sig").read())))
    assert sum(1 for r in rows if r[0] == "警告" and "不认识的订单状态" in r[6]) == 14, rows
