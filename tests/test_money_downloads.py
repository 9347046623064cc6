"""Payment bills as shops really have them: money that crosses a month's edge (a refund the refund
export dates 31 October that Alipay paid on 1 November), a bill opened and re-saved in Excel."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl
import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.schema import LEDGER, Account, Category, Entry
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook
from test_money import classic_statement, write_statement

O1, O2 = "3515131473290001", "3515131473290002"
WORDS = {"zh": ("支付宝", "销售收入", "退款", "收入", "支出", "销售", "退款"),
         "en": ("Alipay", "Sales", "Refunds", "in", "out", "sales", "refunds")}


def month_shop(tmp_path, lang: str, rows):
    acc, sale, refund, inc, out, g_sale, g_refund = WORDS[lang]
    folder = tmp_path / f"shop-{lang}"
    init_shop(folder, lang=lang)
    cat = {"sale": (sale, inc), "refund": (refund, out)}
    write_workbook(folder / "ledger.xlsx", LEDGER, lang, {
        Entry: [Entry(date=dt.date.fromisoformat(d), direction=cat[k][1], category=cat[k][0], amount=D(a), account=acc,
                      order_no=o, txn_no=t) for d, k, a, o, t in rows],
        Account: [Account(account=acc, opening_date=dt.date(2026, 10, 1), opening_balance=D("1000.00"))],
        Category: [Category(category=sale, direction=inc, group=g_sale),
                   Category(category=refund, direction=out, group=g_refund)]}, keep_backup=False)
    return open_shop(folder)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_refund_booked_last_month_by_its_order_is_never_booked_again(tmp_path, lang):
    """O1 paid in October, refunded: the refund export dates it 31 October and the ledger has it so,
    by its order number (no 流水号); Alipay paid it back at 00:00:05 on 1 November. Before, the
    November statement's refund line was 'Alipay only' and --apply booked the 150.00 refund a second
    time (the P&L's refunds twice over). Now it is the October row's money, said with both days."""
    shop = month_shop(tmp_path, lang, [("2026-10-28", "sale", "150.00", O1, "OCT1"),
                                       ("2026-10-31", "refund", "150.00", O1, None),
                                       ("2026-11-03", "sale", "99.00", O2, "N02")])
    lines = [["N01", "2026102822001", f"T200P{O1}", "衬衫", "2026-11-01 00:00:05", "tb_a", "", "150.00", "1000.00",
              "支付宝", "交易退款", ""],
             ["N02", "2026110322002", f"T200P{O2}", "衬衫", "2026-11-03 10:00:00", "tb_b", "99.00", "", "1099.00",
              "支付宝", "在线支付", ""]]
    path = write_statement(tmp_path, classic_statement(lines))
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(path), "--apply"])
    flat = "".join(r.output.split())
    said = ("流水账第3行有这个订单号（3515131473290001）和金额，日期是2026-10-31，对账单是2026-11-01：算作已记账，没有再补录"
            if lang == "zh" else "Ledgerrow3hasthisordernumber(3515131473290001)andamount,dated2026-10-31;"
            "thestatementsays2026-11-01:countedasbooked,notaddedagain")
    assert said in flat and r.exit_code == 0, r.output
    entries = read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
    refunds = [(e.date, e.amount, e.txn_no) for e in entries if e.category == WORDS[lang][2]]
    assert refunds == [(dt.date(2026, 10, 31), D("150.00"), "N01")], refunds  # numbered, never booked twice
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(path)])
    assert r.exit_code == 0 and ("仅支付宝 0" if lang == "zh" else "Alipay only 0") in r.output, r.output


def test_a_personal_wechat_bill_resaved_by_excel_never_books_a_number_it_lost(tmp_path):
    """The personal bill opened in Excel and saved as .xlsx: 交易单号 100003900126110700002 became the
    number 1.00004E+20. Before, it was read back as 100003900126110695424, a 流水号 no download has:
    --apply booked the agent's 300.00 under it with a ✓, and the next month's bill, as downloaded,
    booked it again. Now the row is refused, located, and --apply writes nothing."""
    import openpyxl
    from test_wechat import PERSONAL_HEAD, PREAMBLE, personal_rows
    from shopbook.money.wechat import read_wechat

    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Account: [Account(account="微信", opening_date=dt.date(2026, 11, 1), opening_balance=D("0"))],
        Category: [Category(category="其他收入", direction="收入", group="其他"),
                   Category(category="其他支出", direction="支出", group="其他")]}, keep_backup=False)
    wb = openpyxl.Workbook()
    ws = wb.active
    for ln in PREAMBLE:
        ws.append([ln] if ln else [])
    ws.append(PERSONAL_HEAD)
    for r in personal_rows(""):  # as Excel keeps them: a time, a number, and the 交易单号 a number too
        ws.append([dt.datetime.fromisoformat(r[0]), *r[1:5], float(r[5]), *r[6:8], float(r[8]), *r[9:]])
    path = tmp_path / "微信支付账单(20261106-20261109).xlsx"
    wb.save(path)
    st = read_wechat(path)
    assert st.lines == [] and [(i.row, i.column) for i in st.issues] == [(18, "交易单号"), (19, "交易单号"),
                                                                        (20, "交易单号"), (21, "交易单号")]
    assert "not opened and saved again in Excel" in st.issues[1].message_en
    before = (folder / "ledger.xlsx").read_bytes()
    r = CliRunner().invoke(app, ["reconcile", "wechat", str(folder), str(path), "--apply"])
    flat = "".join(r.output.split())
    assert r.exit_code == 1 and "第19行交易单号" in flat and "不要在Excel里打开后另存" in flat, r.output
    assert "695424" not in r.output and (folder / "ledger.xlsx").read_bytes() == before


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_alipay_statement_resaved_in_excel_as_xlsx_reconciles_as_the_csv(tmp_path, lang):
    """The 账务明细 CSV opened in Excel and saved as .xlsx (times made dates, amounts and short numbers
    made numbers). Before: 'This is a workbook or a zip, not a text (CSV) file', nothing said what to
    do. Now it is read as the CSV it came from, the footer checked; a 账务流水号 Excel made a number
    past 15 digits is that line's located error and --apply books nothing."""
    import openpyxl

    shop = month_shop(tmp_path, lang, [("2026-11-03", "sale", "99.00", O2, "2026110322002000123")])
    long_no = "2026110522004000456"
    lines = [["2026110322002000123", "2026110322002", f"T200P{O2}", "衬衫", "2026-11-03 10:00:00", "tb_b", "99.00", "",
              "1099.00", "支付宝", "在线支付", ""],
             [long_no, "2026110522004", "", "技术服务费", "2026-11-05 00:30:00", "tmall", "", "0.59", "1098.41", "支付宝",
              "收费", "服务费"]]
    csv_path = write_statement(tmp_path, classic_statement(lines))

    def resaved(numbers: bool):
        import csv as csv_
        wb = openpyxl.Workbook()
        for r in csv_.reader(csv_path.read_text(encoding="gbk").splitlines()):
            cells = []
            for c in (c.strip("\t") for c in r):
                if len(c) == 19 and c[4] == "-" and c[13] == ":":
                    cells.append(dt.datetime.fromisoformat(c))
                elif c.replace(".", "", 1).isdigit() and (numbers or len(c) < 16):
                    cells.append(float(c))
                else:
                    cells.append(c or None)
            wb.active.append(cells)
        path = tmp_path / f"账务明细-{numbers}.xlsx"
        wb.save(path)
        return path

    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(resaved(False))])
    want = "已匹配 1 · 金额不符 0 · 仅支付宝 1" if lang == "zh" else "matched 1 · amount differs 0 · Alipay only 1"
    assert want in r.output and long_no in r.output and r.exit_code == 1, r.output
    before = (shop.folder / "ledger.xlsx").read_bytes()
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(resaved(True)), "--apply"])
    flat = "".join(r.output.split())
    assert r.exit_code == 1 and ("第6行账务流水号" in flat if lang == "zh" else "row6账务流水号" in flat), r.output
    assert (shop.folder / "ledger.xlsx").read_bytes() == before


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_courier_bills_charge_without_a_parcel_and_its_totals_line_are_counted_to_the_fen(tmp_path, lang):
    """中通's monthly bill as its office sends it: a 面单费 line of 30.00 with no 运单编号, and the bill's
    合计 of 45.50. Before, the 面单费 line was skipped as a blank one: 'billed ¥15.50', a margin 30.00
    too high, and nothing said; the 合计 line was never compared. Now the line is an other charge of
    the bill, said at its row; and a bill whose lines do not add up to its 合计 is an error there."""
    import openpyxl

    from test_courier_bill_totals import courier_shop

    shop = courier_shop(tmp_path / "shop", 3)
    if lang == "en":
        toml = shop.folder / "shopbook.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'), encoding="utf-8")

    def bill(with_charge: bool):
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["中通快递 杭州西湖网点 2026年11月 月结对账单"])
        ws.append(["序号", "运单编号", "揽收时间", "目的地", "结算重量（kg）", "运费(元)", "备注"])
        ws.append([1, "73100000000001", dt.datetime(2026, 11, 10, 15, 30), "浙江省", 1, 5])
        ws.append([2, "73100000000002", dt.datetime(2026, 11, 10, 16, 0), "浙江省", 1, 5])
        if with_charge:
            ws.append([3, None, dt.datetime(2026, 11, 30, 16, 0), None, None, 30, "面单费"])
        ws.append([4, "73100000000003", dt.datetime(2026, 11, 10, 16, 0), "浙江省", 1, 5.5])
        ws.append([None, "合计", None, None, 3, 45.5])
        path = tmp_path / f"中通11月账单-{with_charge}.xlsx"
        wb.save(path)
        return path

    r = CliRunner().invoke(app, ["reconcile", "courier", str(shop.folder), str(bill(True)), "--json"])
    got = __import__("json").loads(r.stdout)
    assert (got["billed_total"], got["other_charges"], got["courier_margin"]) == ("45.50", "30.00", "-45.50"), got
    assert [(i["row"], i["severity"]) for i in got["issues"]] == [(5, "warning")], got["issues"]
    assert got["billed_not_shipped"] == [] and got["shipped_not_billed"] == []
    r = CliRunner().invoke(app, ["reconcile", "courier", str(shop.folder), str(bill(False))])
    flat = "".join(r.output.split())
    said = ("第6行运费='45.5'" in flat and "账单的合计行写着运费45.50，读到的各行加起来是15.50（相差30.00）" in flat
            if lang == "zh" else "row6运费='45.5'" in flat and "Thebill'stotalslinesays45.50inits运费column;thelinesreadaddupto"
            "15.50(adifferenceof30.00)" in flat)
    assert r.exit_code == 1 and said, r.output


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_difference_says_where_it_is_in_the_statement_and_what_to_do(tmp_path, lang):
    """Before, '金额不符 N02：支付宝 99.00，流水账第 2 行 98.00' and '仅流水账 第 3 行 …' were listed with
    nothing said about what to do, and a line only the statement has named no line of the file. Now
    each statement line says its line, and the amounts that differ and the ledger's own rows say
    what a person does about them, in the shop's language alone."""
    shop = month_shop(tmp_path, lang, [("2026-11-03", "sale", "98.00", O2, "N02"),
                                       ("2026-11-20", "sale", "50.00", None, None)])
    lines = [["N02", "2026110322002", f"T200P{O2}", "衬衫", "2026-11-03 10:00:00", "tb_b", "99.00", "", "1099.00",
              "支付宝", "在线支付", ""],
             ["N04", "2026110522004", "", "技术服务费", "2026-11-05 00:30:00", "tmall", "", "0.59", "1098.41", "支付宝",
              "收费", "服务费"]]
    path = write_statement(tmp_path, classic_statement(lines))
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(path)])
    flat = "".join(r.output.split())
    want = (["金额不符N02：支付宝¥99.00，流水账第2行¥98.00（对账单第6行）", "仅支付宝N04：2026-11-05收费-¥0.59（对账单第7行）",
             "金额不符的1笔：以支付宝的金额为准，改正流水账那一行的金额", "仅流水账的1条支付宝里没有：核对它们的日期、金额和账户"]
            if lang == "zh" else
            ["amountdiffersN02:Alipay¥99.00,ledgerrow2¥98.00(statementrow6)",
             "AlipayonlyN04:2026-11-05收费-¥0.59(statementrow7)",
             "1amountdiffers:correcttheledgerrow'samounttoAlipay's",
             "1ledgerrowisnotontheAlipaystatement:checkitsdate,amountandaccount"])
    assert all(w in flat for w in want) and r.exit_code == 1, r.output


def test_the_alipay_buttons_file_picker_offers_the_xlsx_it_reads():
    """The 支付宝对账 button's picker listed *.csv;*.zip: the statement re-saved as .xlsx, which the
    command reads, could not be chosen there (its WeChat neighbour offers *.xlsx)."""
    from pathlib import Path

    vba = (Path(__file__).parent.parent / "macros" / "Ribbon.bas").read_text(encoding="cp1252")
    (line,) = [ln for ln in vba.splitlines() if 'WithFile "reconcile_alipay"' in ln]
    assert "*.xlsx" in line.split('"Alipay statement")')[1], line


def test_the_wechat_buttons_file_picker_offers_the_zip_it_reads():
    """The 微信对账 button's picker listed *.csv;*.xlsx: the personal bill as WeChat sends it (a .zip,
    locked or unlocked), which `reconcile wechat` reads or names, could not be chosen there."""
    from pathlib import Path

    vba = (Path(__file__).parent.parent / "macros" / "Ribbon.bas").read_text(encoding="cp1252")
    (line,) = [ln for ln in vba.splitlines() if 'WithFile "reconcile_wechat"' in ln]
    assert "*.zip" in line.split('"WeChat Pay bill")')[1], line


def test_a_trade_bill_resaved_without_its_backticks_never_books_a_number_it_lost(tmp_path):
    """The merchant trade bill opened in Excel, its backticks replaced away and saved as .xlsx: the
    28-digit 微信订单号 became 4.2E+27. Before, it was read back as 4200001234202611000000000000-like
    digits and --apply booked the payment and its fee under them. Now the row is refused, located."""
    import openpyxl
    from test_wechat import DETAIL, SUMMARY, trade
    from shopbook.money.wechat import read_wechat

    wb = openpyxl.Workbook()
    wb.active.append(DETAIL)
    row = trade("2026-11-02 10:00:01", "4200001234202611021234567890", "W1001", "99.00", "0.59")
    wb.active.append([float(c) if c.replace(".", "", 1).isdigit() else c for c in row])
    wb.active.append(SUMMARY)
    wb.active.append([1, 99.0, 0.0, 0.0, 0.59, 99.0, 0.0])
    path = tmp_path / "1900000109_All_20261102_20261102.xlsx"
    wb.save(path)
    st = read_wechat(path)
    assert st.lines == [] and [(i.row, i.column, i.is_error) for i in st.issues] == [(2, "微信订单号", True)]
    assert "4.2e+27" in st.issues[0].message_en


def test_a_bill_with_no_line_read_names_its_report_by_its_file_not_none(tmp_path):
    """Every row of a trade bill refused (its numbers lost to Excel): before, the report was
    reports/对账-微信-None-None.xlsx with 期间 'None – None' (an English word in a Chinese report, and
    the next such bill overwrote it). Now it is named by the bill's file and its period is '—'."""
    import openpyxl
    from test_wechat import DETAIL, trade

    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Account: [Account(account="微信", opening_date=dt.date(2026, 11, 1), opening_balance=D("0"))]}, keep_backup=False)
    wb = openpyxl.Workbook()
    wb.active.append(DETAIL)
    row = trade("2026-11-02 10:00:01", "4200001234202611021234567890", "W1001", "99.00", "0.59")
    wb.active.append([float(c) if c.replace(".", "", 1).isdigit() else c for c in row])
    path = tmp_path / "1900000109_All_20261102_20261102.xlsx"
    wb.save(path)
    r = CliRunner().invoke(app, ["reconcile", "wechat", str(folder), str(path)])
    assert "None" not in r.output and r.exit_code == 1, r.output
    (report,) = (folder / "reports").glob("对账-微信-*.xlsx")
    assert report.name == "对账-微信-1900000109_All_20261102_20261102.xlsx"
    summary = {r[0]: r[1] for r in openpyxl.load_workbook(report)["汇总"].iter_rows(values_only=True)}
    assert summary["期间"] == "—"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_days_sales_total_is_matched_beside_a_fee_given_back_that_day(tmp_path, lang):
    """The ledger books 3 November's sales as one line of 297.00; Alipay's day has the three 99.00
    payments and a 0.59 fee given back (收费退回), money in too. Before, the day's lines in (297.59)
    did not add up to the line and nothing was grouped: the three payments were 'Alipay only' and
    --apply booked them again (sales of 594.00 for 297.00), the 297.00 left 'ledger only'. Now the
    day's payments answer for the total, and only the fee given back is booked."""
    shop = month_shop(tmp_path, lang, [("2026-11-03", "sale", "297.00", None, None)])
    if lang == "zh":
        other = ("其他收入", "收入", "其他")
    else:
        other = ("Other income", "in", "other")
    import openpyxl
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    wb.worksheets[3].append(list(other))  # the 类别 sheet: where the fee given back goes
    wb.save(shop.path(LEDGER))
    bal, lines = D("1000.00"), []
    for txn, order, when, inc, kind in (("N01", "3515131473290011", "10:00", "99.00", "在线支付"),
                                        ("N02", "3515131473290012", "11:00", "99.00", "在线支付"),
                                        ("N03", "3515131473290013", "12:00", "99.00", "在线支付"),
                                        ("N05", "", "23:40", "0.59", "收费退回")):
        bal += D(inc)
        lines.append([txn, f"20261103220{txn[1:]}", f"T200P{order}" if order else "", "衬衫",
                      f"2026-11-03 {when}:00", "tb", inc, "", f"{bal:.2f}", "支付宝", kind, ""])
    path = write_statement(tmp_path, classic_statement(lines))
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(path), "--apply"])
    assert r.exit_code == 0, r.output
    entries = read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
    assert [(e.amount, e.txn_no) for e in entries] == [(D("297.00"), None), (D("0.59"), "N05")], entries


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_months_wechat_fees_booked_as_one_line_on_its_last_day_are_matched(tmp_path, lang):
    """Five WeChat payments of 99.00 (2 to 28 November), each booked by its order; their fees, 0.59
    each, booked once as 2.95 on 30 November. Before, the fee line lay after the bill's last line
    (28 November), outside the days it was matched among: the screen said the ledger lacked the five
    fee lines, said nothing of the 2.95, and --apply booked the fees a second time. Now the month's
    line answers for the five."""
    from test_wechat import merchant_bill, trade

    acc, sale, fees = ("微信", "销售收入", "平台服务费") if lang == "zh" else ("WeChat", "Sales", "Platform fees")
    inc, out = ("收入", "支出") if lang == "zh" else ("in", "out")
    folder = tmp_path / "shop"
    init_shop(folder, lang=lang)
    days = (2, 5, 9, 17, 28)
    write_workbook(folder / "ledger.xlsx", LEDGER, lang, {
        Entry: [Entry(date=dt.date(2026, 11, d), direction=inc, category=sale, amount=D("99.00"), account=acc,
                      order_no=f"W{d}") for d in days]
        + [Entry(date=dt.date(2026, 11, 30), direction=out, category=fees, amount=D("2.95"), account=acc)],
        Account: [Account(account=acc, opening_date=dt.date(2026, 11, 1), opening_balance=D("0"))],
        Category: [Category(category=sale, direction=inc, group="sales"),
                   Category(category=fees, direction=out, group="other")]}, keep_backup=False)
    path = tmp_path / "1900000109_All_20261101_20261130.csv"
    path.write_bytes(merchant_bill([trade(f"2026-11-{d:02d} 10:00:00", f"42000{d:05d}", f"W{d}", "99.00", "0.59400")
                                    for d in days], ("5", "495.00", "0.00", "0.00", "2.97000", "495.00", "0.00")))
    before = len(read_workbook(folder / "ledger.xlsx", LEDGER).rows(Entry))
    r = CliRunner().invoke(app, ["reconcile", "wechat", str(folder), str(path), "--apply"])
    want = "已匹配 10 · 金额不符 0 · 仅微信 0 · 仅流水账 0" if lang == "zh" else \
        "matched 10 · amount differs 0 · WeChat only 0 · ledger only 0"
    assert want in r.output and r.exit_code == 0, r.output
    assert len(read_workbook(folder / "ledger.xlsx", LEDGER).rows(Entry)) == before  # no fee booked twice


def test_reconcile_alipay_takes_the_account_its_stop_tells_a_person_to_name(tmp_path):
    """A shop whose 账户 sheet names its Alipay account 店铺支付宝: the stop says '用命令行时也可以用 --account
    写表里的名字', but before, `reconcile alipay` had no --account ('No such option', exit 2) and the
    shop could not reconcile from the command line at all. Now it takes it, as `reconcile wechat` does."""
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Entry: [Entry(date=dt.date(2026, 11, 3), direction="收入", category="销售收入", amount=D("99.00"),
                      account="店铺支付宝", order_no=O2)],
        Account: [Account(account="店铺支付宝", opening_date=dt.date(2026, 11, 1), opening_balance=D("1000.00"))],
        Category: [Category(category="销售收入", direction="收入", group="销售")]}, keep_backup=False)
    lines = [["N02", "2026110322002", f"T200P{O2}", "衬衫", "2026-11-03 10:00:00", "tb_b", "99.00", "", "1099.00",
              "支付宝", "在线支付", ""]]
    path = write_statement(tmp_path, classic_statement(lines))
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(folder), str(path)])
    assert r.exit_code == 2 and "--account" in r.output, r.output
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(folder), str(path), "--account", "店铺支付宝"])
    assert r.exit_code == 0 and "已匹配 1 · 金额不符 0 · 仅支付宝 0 · 仅流水账 0" in r.output, r.output


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_courier_difference_says_what_to_do_and_the_money_in_it(tmp_path, lang):
    """Before, a courier check listed the parcels (not ours, left off, heavy, at another fee, billed
    twice) and stopped: nothing said what to do about them, nor how much the fee differences come to.
    Now each list ends with what to do and, where it is money, the sum to the fen."""
    from test_courier_bill_totals import courier_shop

    shop = courier_shop(tmp_path / "shop", 3)
    if lang == "en":
        toml = shop.folder / "shopbook.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'), encoding="utf-8")
    bill = tmp_path / "中通11月账单.csv"
    bill.write_bytes(("运单号,揽收日期,目的地,计费重量,运费\n73100000000001,2026-11-10,浙江,3,7.15\n"
                      "73100000000002,2026-11-10,浙江,1,5.05\n73100000000002,2026-11-10,浙江,1,5.05\n"
                      "YT9000000001,2026-11-11,江苏,1,8.00\n").encode("gb18030"))
    r = CliRunner().invoke(app, ["reconcile", "courier", str(shop.folder), str(bill)])
    flat = "".join(r.output.split())
    want = (["账单有、我们没发的1个运单共¥8.00：找快递核对", "发了、账单没有的包裹：看下一期账单里有没有它们",
             "超重的1个包裹：找快递核对计费重量", "运费不符的2个包裹，账单比运费表多¥0.20：找快递核对价格",
             "重复计费的1行共¥5.05：请快递从账单里扣掉"] if lang == "zh" else
            ["1billedparcelwedidnotsend,¥8.00:takeitupwiththecourier", "parcelsshippedandnotbilled:lookforthem",
             "1heavyparcel:takethebilledweightupwiththecourier",
             "2parcelsbilledatanotherfee,¥0.20morethantherates", "1linebilledtwice,¥5.05:havethecouriertakeitoff"])
    assert r.exit_code == 1 and all(w in flat for w in want), r.output


def test_a_refund_booked_last_month_under_its_payments_trade_number_is_never_booked_again(tmp_path):
    """As the refund booked on 31 October by its order, but typed with the 支付宝交易号 (the payment's
    业务流水号, which the refund export and Taobao's refund page show) as its 流水号. Before, that
    number matched no line's own and the row lay outside the statement's days: --apply booked the
    150.00 refund a second time."""
    shop = month_shop(tmp_path, "zh", [("2026-10-28", "sale", "150.00", O1, "OCT1"),
                                       ("2026-10-31", "refund", "150.00", O1, "2026102822001")])
    lines = [["N01", "2026102822001", f"T200P{O1}", "衬衫", "2026-11-01 00:00:05", "tb_a", "", "150.00", "1000.00",
              "支付宝", "交易退款", ""]]
    path = write_statement(tmp_path, classic_statement(lines))
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(path), "--apply"])
    assert r.exit_code == 0 and "日期是2026-10-31，对账单是2026-11-01" in "".join(r.output.split()), r.output
    refunds = [e for e in read_workbook(shop.path(LEDGER), LEDGER).rows(Entry) if e.category == "退款"]
    assert len(refunds) == 1, refunds


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_trade_bill_says_which_days_of_its_month_it_did_not_check(tmp_path, lang):
    """A WeChat trade bill names no dates: it covers its first line's day to its last (2 to 5
    November). Before, a ledger row of 29 November (a payment the bill may lack) was left out of the
    matching without a word. Now the rows of the same month outside those days
    are said, with their rows and what to do."""
    from test_wechat import merchant_bill, trade

    acc, sale, inc = ("微信", "销售收入", "收入") if lang == "zh" else ("WeChat", "Sales", "in")
    folder = tmp_path / "shop"
    init_shop(folder, lang=lang)
    write_workbook(folder / "ledger.xlsx", LEDGER, lang, {
        Entry: [Entry(date=dt.date(2026, 11, d), direction=inc, category=sale, amount=D("99.00"), account=acc,
                      order_no=f"W{d}") for d in (2, 5, 29)],
        Account: [Account(account=acc, opening_date=dt.date(2026, 11, 1), opening_balance=D("0"))],
        Category: [Category(category=sale, direction=inc, group="sales")]}, keep_backup=False)
    path = tmp_path / "bill.csv"
    path.write_bytes(merchant_bill([trade(f"2026-11-{d:02d} 10:00:00", f"42000{d:05d}", f"W{d}", "99.00", "0")
                                    for d in (2, 5)], ("2", "198.00", "0.00", "0.00", "0", "198.00", "0.00")))
    r = CliRunner().invoke(app, ["reconcile", "wechat", str(folder), str(path)])
    flat = "".join(r.output.split())
    want = ("只核对了2026-11-02至2026-11-05（它第一笔到最后一笔）的流水。流水账里同月其他日子的1条“微信”流水（第4行）没有核对"
            if lang == "zh" else "onlyrowsfrom2026-11-02to2026-11-05(itsfirstlinetoitslast)werechecked.1rowof'WeChat'"
            "onotherdaysofthesamemonth(row4)wasnot")
    assert want in flat, r.output


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_withdrawal_booked_asks_for_its_bank_side_only_when_the_ledger_lacks_it(tmp_path, lang):
    """Alipay's 5,000.00 withdrawal of 15 November, missing on the Alipay side; the bank side (银行
    收入 in a 内部转账 category, 16 November) is in the ledger. Before, --apply booked the Alipay side
    and said 'book it in the ledger for that account too': typed again, the bank's balance would be
    5,000.00 too high. Now it asks only for the sides the ledger lacks, naming each."""
    words = {"zh": ("支付宝", "银行", "提现转出", "提现转入", "收入", "支出", "内部转账"),
             "en": ("Alipay", "Bank", "Transfer out", "Transfer in", "in", "out", "transfers")}[lang]
    alipay_, bank, out_, in_, inc, exp, group = words
    folder = tmp_path / "shop"
    init_shop(folder, lang=lang)

    def ledger(rows):
        write_workbook(folder / "ledger.xlsx", LEDGER, lang, {
            Entry: rows,
            Account: [Account(account=alipay_, opening_date=dt.date(2026, 11, 1), opening_balance=D("6000.00")),
                      Account(account=bank, opening_date=dt.date(2026, 11, 1), opening_balance=D("0"))],
            Category: [Category(category=out_, direction=exp, group=group),
                       Category(category=in_, direction=inc, group=group)]}, keep_backup=False)

    lines = [["N09", "2026111522009", "", "提现", "2026-11-15 09:00:00", "招商银行", "", "5000.00", "1000.00", "支付宝",
              "提现", ""]]
    path = write_statement(tmp_path, classic_statement(lines))
    asked = "流水账里也没有，请在流水账里给那个账户也记上" if lang == "zh" else "norintheledger;bookitintheledgerforthataccounttoo"
    ledger([Entry(date=dt.date(2026, 11, 16), direction=inc, category=in_, amount=D("5000.00"), account=bank)])
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(folder), str(path), "--apply"])
    assert r.exit_code == 0 and asked not in "".join(r.output.split()) and "给那个账户也记上" not in r.output, r.output
    ledger([])
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(folder), str(path), "--apply"])
    assert r.exit_code == 0 and asked in "".join(r.output.split()) and "2026-11-155000.00" in "".join(r.output.split()), r.output


def test_a_wechat_refund_booked_under_the_shops_own_refund_number_is_matched(tmp_path):
    """The shop books W1002's refund (198.00) under its own refund number RW1002 (the trade bill's
    商户退款单号) on 4 November, a day after WeChat's refund row. Before, the bill's refund line knew
    only WeChat's 微信退款单号: the row's number matched no line, so it was neither matched by its
    order nor by its day, and --apply booked the 198.00 refund a second time. Now 商户退款单号 is one of
    the refund line's numbers."""
    from test_wechat import merchant_bill, trade

    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Entry: [Entry(date=dt.date(2026, 11, 2), direction="收入", category="销售收入", amount=D("198.00"), account="微信",
                      order_no="W1002"),
                Entry(date=dt.date(2026, 11, 4), direction="支出", category="退款", amount=D("198.00"), account="微信",
                      order_no="W1002", txn_no="RW1002")],
        Account: [Account(account="微信", opening_date=dt.date(2026, 11, 1), opening_balance=D("0"))],
        Category: [Category(category="销售收入", direction="收入", group="销售"),
                   Category(category="退款", direction="支出", group="退款")]}, keep_backup=False)
    rows = [trade("2026-11-02 11:00:00", "4200001002", "W1002", "198.00", "0"),
            trade("2026-11-03 09:30:00", "4200001002", "W1002", "0.00", "0", "REFUND", "50300001002", "198.00")]
    path = tmp_path / "bill.csv"
    path.write_bytes(merchant_bill(rows, ("2", "198.00", "198.00", "0.00", "0", "198.00", "198.00")))
    r = CliRunner().invoke(app, ["reconcile", "wechat", str(folder), str(path), "--apply"])
    assert "已匹配 2 · 金额不符 0 · 仅微信 0 · 仅流水账 0" in r.output and r.exit_code == 0, r.output
    assert len(read_workbook(folder / "ledger.xlsx", LEDGER).rows(Entry)) == 2


def test_one_line_to_add_is_it_in_english():
    """'the ledger lacks 1 line (…): once checked, … --apply adds them': 'it' for one."""
    from types import SimpleNamespace

    from shopbook.money.said import reconciled_said
    from shopbook.money.reconcile import Reconciliation

    def said(n: int) -> str:
        res = Reconciliation(proposed=[object()] * n)
        run = SimpleNamespace(result=res, account="", report=None, applied=0, left=0, refused=None, would_refuse=[],
                              numbered=0, to_number=0, statement_issues=[], balance_issues=[], differs=False)
        return next(en for _, _, en in reconciled_said(run, ("支付宝", "Alipay")) if "--apply" in en)

    assert said(1).endswith("--apply adds it") and said(2).endswith("--apply adds them")


@pytest.mark.parametrize("label", ["本页合计", "合计", "总计：", "Total"])
def test_a_courier_bills_totals_line_labelled_beside_a_blank_tracking_cell_is_no_charge(tmp_path, label):
    """The bill's totals line with its label in the 序号 column and no tracking number (本页合计 15.00):
    a totals line, never a charge of no parcel counted on top of the parcels it adds up."""
    import openpyxl

    from shopbook.money.workflow import reconcile_courier_file
    from test_courier_bill_totals import courier_shop

    shop = courier_shop(tmp_path / "shop", 3)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "运单编号", "揽收时间", "目的地", "结算重量（kg）", "运费(元)"])
    for i in (1, 2, 3):
        ws.append([i, f"7310000000000{i}", dt.datetime(2026, 11, 10, 15, 30), "浙江省", 1, 5])
    ws.append([label, None, None, None, 3, 15])
    path = tmp_path / "中通11月账单.xlsx"
    wb.save(path)
    chk, issues = reconcile_courier_file(shop, path)
    assert (chk.billed_total, chk.other_charges, issues) == (D("15.00"), D("0.00"), []), (chk.billed_total, issues)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_refund_booked_last_month_at_another_amount_is_held_for_a_person_not_booked(tmp_path, lang):
    """The refund export booked O1's refund at 155.00 on 31 October (Taobao folds discount differences
    into it); Alipay paid 150.00 on 1 November. Before, the row lay outside the statement's days and
    was never looked at: the line was 'Alipay only' and --apply booked a second refund of 150.00 with
    nothing said of the first. Now the line is held as probably booked, naming the row, both days and
    both amounts, and --apply books nothing."""
    shop = month_shop(tmp_path, lang, [("2026-10-28", "sale", "155.00", O1, "OCT1"),
                                       ("2026-10-31", "refund", "155.00", O1, None)])
    lines = [["N01", "2026102822001", f"T200P{O1}", "衬衫", "2026-11-01 00:00:05", "tb_a", "", "150.00", "1000.00",
              "支付宝", "交易退款", ""]]
    path = write_statement(tmp_path, classic_statement(lines))
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(path), "--apply"])
    flat = "".join(r.output.split())
    want = ("疑似已记账，没有补录：流水账第3行有这个订单号（3515131473290001），日期2026-10-31、金额-155.00，对账单是2026-11-01、-150.00"
            if lang == "zh" else "Probablybookedalready,notadded:ledgerrow3hasthisordernumber(3515131473290001),dated"
            "2026-10-31at-155.00;thestatementsays2026-11-01at-150.00")
    assert want in flat and r.exit_code == 1, r.output
    assert len(read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)) == 2  # nothing booked


@pytest.mark.parametrize("command, name", [("alipay", "20881234567890120156_202611_账务明细.csv"),
                                           ("wechat", "微信支付账单(20261101-20261130).csv")])
@pytest.mark.parametrize("data", [b"", bytes(4096)], ids=["0 bytes", "zero bytes set aside"])
def test_a_statement_whose_download_has_not_finished_is_said_so_not_another_file(tmp_path, command, name, data):
    """QA: a statement of 0 bytes (the download or the copy to the shared drive still under way) was
    '认不出支付宝对账单：找不到表头…请从支付宝商家后台导出“账务明细”', as if the wrong file had been given."""
    shop = month_shop(tmp_path, "zh", [("2026-11-02", "sale", "99.00", O1, "A1")])
    before = (shop.folder / "ledger.xlsx").read_bytes()
    path = write_statement(tmp_path, data, name)
    r = CliRunner().invoke(app, ["reconcile", command, str(shop.folder), str(path), "--apply"])
    said = "".join(r.output.split())
    assert r.exit_code == 2, r.output
    assert "文件里没有内容" in said and "下载或复制还没有完成" in said and "认不出" not in said, r.output
    assert "Thefileholdsnothing" in said and "Notan" not in said, r.output
    assert (shop.folder / "ledger.xlsx").read_bytes() == before and not list((shop.folder / "reports").glob("*"))


BUSINESS_HEAD = ("支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,"
                 "商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,"
                 "商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注")


def business_bill() -> bytes:
    """Alipay's 业务明细 as its 对账中心 downloads it beside the 账务明细: GBK, # lines, tab padding."""
    row = (f"2026110322002\t,T200P{O2}\t,交易\t,衬衫\t,2026-11-03 09:59:00\t,2026-11-03 10:00:00\t,\t,\t,\t,\t,tb_b\t,"
           "99.00\t,99.00\t,0.00\t,0.00\t,0.00\t,0.00\t,0.00\t,\t,0.00\t,0.00\t,\t,-0.59\t,0.00\t,")
    lines = ["#支付宝业务明细查询", "#账号：[20881234567890120156]",
             "#起始日期：[2026年11月01日 00:00:00]   终止日期：[2026年12月01日 00:00:00]",
             "#-----------------------------------------业务明细列表----------------------------------------",
             BUSINESS_HEAD, row,
             "#-----------------------------------------业务明细列表结束------------------------------------",
             "#交易合计：1笔，商家实收共99.00元，商家优惠共0.00元", "#导出时间：[2026年12月01日 10:15:42]", ""]
    return "\r\n".join(lines).encode("gbk")


def test_alipays_business_bill_is_named_for_what_it_is_and_a_zip_of_both_reconciles_the_account(tmp_path, monkeypatch):
    """QA: the 业务明细 (the orders' trades, the 对账中心's other bill) was 'Not an Alipay statement' —
    of a file downloaded from Alipay — and a zip holding the 业务明细 before the 账务明细 read the
    业务明细 and stopped so. The 业务明细 is now said for what it is, with the bill to download instead;
    a zip of both reconciles its 账务明细."""
    import zipfile

    shop = month_shop(tmp_path, "zh", [("2026-11-03", "sale", "99.00", O2, None)])
    before = (shop.folder / "ledger.xlsx").read_bytes()
    alone = write_statement(tmp_path, business_bill(), "20881234567890120156_20261130_业务明细.csv")
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(alone), "--apply"])
    said = "".join(r.output.split())
    assert r.exit_code == 2, r.output
    assert "这是支付宝的“业务明细”" in said and "下载“账务明细”" in said and "认不出" not in said, r.output
    assert "ThisisAlipay's业务明细" in said and "NotanAlipay" not in said, r.output
    assert (shop.folder / "ledger.xlsx").read_bytes() == before
    account = classic_statement([["N02", "2026110322002", f"T200P{O2}", "衬衫", "2026-11-03 10:00:00", "tb_b", "99.00",
                                  "", "1099.00", "支付宝", "在线支付", ""]])
    both = tmp_path / "20881234567890120156_202611.csv.zip"
    # as Alipay's zip writer names them: raw GBK bytes, the UTF-8 flag clear
    monkeypatch.setattr(zipfile.ZipInfo, "_encodeFilenameFlags",
                        lambda self: (self.filename.encode("gb18030"), self.flag_bits & ~0x800))
    with zipfile.ZipFile(both, "w") as z:
        for name, data in (("业务明细", business_bill()), ("业务明细(汇总)", b"#\r\n"), ("账务明细", account)):
            z.writestr(f"20881234567890120156_202611_{name}.csv", data)
    monkeypatch.undo()
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(both), "--apply"])
    assert r.exit_code == 0, r.output
    assert [e.txn_no for e in read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)] == ["N02"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_statement_reaching_back_before_the_books_began_books_none_of_those_days(tmp_path, lang):
    """QA: a shop began its books on 1 November (支付宝 opening 1,000.00, the balance Alipay showed that
    night) and downloaded a statement of 30 October – 3 November. --apply booked the 30 October sale with
    a ✓ — money already in the opening balance — and `ledger --month 2026-11` then stopped: 'date before
    the account's opening date'. The lines before the opening date are now said once and left alone."""
    shop = month_shop(tmp_path, lang, [("2026-11-03", "sale", "99.00", O2, None)])
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    wb.worksheets[1]["B2"] = dt.datetime(2026, 11, 1)  # 账户 › 期初日期
    wb.save(shop.path(LEDGER))
    lines = [["E01", "2026103022001", f"T200P{O1}", "衬衫", "2026-10-30 10:00:00", "tb_a", "150.00", "", "1000.00",
              "支付宝", "在线支付", ""],
             ["N02", "2026110322002", f"T200P{O2}", "衬衫", "2026-11-03 10:00:00", "tb_b", "99.00", "", "1099.00",
              "支付宝", "在线支付", ""]]
    path = write_statement(tmp_path, classic_statement(lines))
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(path), "--apply"])
    flat = "".join(r.output.split())
    said = ("对账单有1行在账户“支付宝”的期初日期2026-11-01之前（2026-10-30）：它们的钱已在期初余额里，没有核对，也不补录"
            if lang == "zh" else "1statementline(2026-10-30)fallsbeforetheopeningdate2026-11-01oftheaccount"
            "'Alipay':itsmoneyisintheaccount'sopeningbalance;notreconcilednorbooked")
    assert r.exit_code == 0 and said in flat, r.output
    assert [(e.date, e.txn_no) for e in read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)] == [
        (dt.date(2026, 11, 3), "N02")]  # numbered, nothing booked before the books began
    r = CliRunner().invoke(app, ["ledger", str(shop.folder), "--month", "2026-11"])
    assert r.exit_code == 0, r.output


def test_lines_added_from_a_newest_first_statement_are_booked_oldest_first(tmp_path):
    """QA: Alipay lists its lines newest first; --apply appended them so (11-20 above 11-05 above
    11-02) under a ledger a person keeps in date order. They are booked oldest first."""
    shop = month_shop(tmp_path, "zh", [("2026-11-01", "sale", "10.00", None, "N00")])
    lines = [["N03", "2026110222001", f"T200P{O2}", "衬衫", "2026-11-20 10:00:00", "tb_b", "", "99.00", "1030.00",
              "支付宝", "交易退款", ""],
             ["N02", "2026110522002", f"T200P{O1}", "袜子", "2026-11-05 12:00:00", "tb_a", "20.00", "", "1129.00",
              "支付宝", "在线支付", ""],
             ["N01", "2026110222001", f"T200P{O2}", "衬衫", "2026-11-02 10:00:00", "tb_b", "99.00", "", "1109.00",
              "支付宝", "在线支付", ""],
             ["N00", "2026110122000", "", "衬衫", "2026-11-01 09:00:00", "tb_c", "10.00", "", "1010.00", "支付宝",
              "在线支付", ""]]
    path = write_statement(tmp_path, classic_statement(lines))
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(path), "--apply"])
    assert r.exit_code == 0, r.output
    booked = [(e.date, e.txn_no) for e in read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)]
    assert booked == [(dt.date(2026, 11, 1), "N00"), (dt.date(2026, 11, 2), "N01"), (dt.date(2026, 11, 5), "N02"),
                      (dt.date(2026, 11, 20), "N03")], booked
