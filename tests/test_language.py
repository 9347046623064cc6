"""One language per shop, everywhere a person reads: the console, the sheets shopbook
writes and its e-mails. An English shop reads English; a Chinese shop reads Chinese."""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
import re
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import LEDGER, ORDERS, STOCK, Account, Category, Entry, OrderLine, Product, Promotion
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook
from test_money import CATEGORIES, ledger_rows
from test_reports import SEPT, month_shop
from cli_run import type_in
from xml_cells import drop_column

runner = CliRunner()
CJK = re.compile(r"[\u4e00-\u9fff]")


def english_shop(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder, "en", "Blue Shirt Co")
    write_workbook(folder / "stock.xlsx", STOCK, "en", {Product: [
        Product(sku="S", name="Shirt", cost=D(20), price=D(60), opening_qty=10, barcode="6900000000011")]},
        keep_backup=False)
    write_workbook(folder / "orders.xlsx", ORDERS, "en", {OrderLine: [
        OrderLine(order_no="E1", receiver="Li Lei", phone="13800000000", address="浙江省 杭州市 西湖区 文三路 1 号",
                  sku="S", qty=1, unit_price=D(60), status="待审核", buyer_message="red one please",
                  paid_at=dt.datetime(2026, 11, 21, 9)),
        OrderLine(order_no="E2", receiver="Han Mei", phone="12345", address="浙江省 杭州市 西湖区 文三路 2 号",
                  sku="S", qty=1, unit_price=D(60), status="待审核", paid_at=dt.datetime(2026, 11, 21, 10))]},
        keep_backup=False)
    return open_shop(folder)


def test_an_english_shop_reads_review_reasons_in_english(tmp_path):
    shop = english_shop(tmp_path)
    r = runner.invoke(app, ["orders", "review", str(shop.folder)])
    assert r.exit_code == 0, r.stdout
    held = [ln for ln in r.stdout.splitlines() if "E1" in ln or "E2" in ln]
    assert len(held) == 2
    assert "  held E1: buyer message: red one please\n" in r.stdout and "phone '12345' is not a valid number" in r.stdout
    assert not any(w in r.stdout for w in ("挂起：", "买家留言", "手机号")), r.stdout
    ws = openpyxl.load_workbook(shop.path(ORDERS))["Orders"]
    head = [c.value for c in ws[1]]
    reasons = [row[head.index("review")] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert all(x and not CJK.search(x) for x in reasons), reasons


def test_validate_speaks_the_shops_language_and_lang_changes_the_screen(tmp_path):
    shop = english_shop(tmp_path)
    wb = openpyxl.load_workbook(shop.path(STOCK))
    ws = wb["Products"]
    head = [c.value for c in ws[1]]
    ws.cell(2, head.index("price") + 1).value = "48.9O"
    wb.save(shop.path(STOCK))
    msg = lambda out: [ln.strip() for ln in out.splitlines() if ln.startswith("    ")]  # noqa: E731
    en = runner.invoke(app, ["validate", str(shop.folder)])
    (line,) = msg(en.stdout)  # one message, the English one
    assert line.startswith("Not an amount") and not CJK.search(line)
    assert "1 error, 0 warnings" in en.stdout and "个错误" not in en.stdout and "✗ error " in en.stdout  # not "1 errors"
    zh = runner.invoke(app, ["validate", str(shop.folder), "--lang", "zh"])
    (line,) = msg(zh.stdout)
    assert zh.exit_code == 1 and CJK.search(line) and "Not an amount" not in zh.stdout
    assert "1 个错误" in zh.stdout and "errors" not in zh.stdout
    bad = runner.invoke(app, ["validate", str(shop.folder), "--lang", "fr"])
    assert bad.exit_code == 2


def chinese_ledger_shop(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Entry: ledger_rows(),
        Account: [Account(account="支付宝", opening_date=dt.date(2026, 11, 1), opening_balance=D("1000.00")),
                  Account(account="银行", opening_date=dt.date(2026, 11, 1), opening_balance=D("5000.00"))],
        Category: [Category(category=c, direction=d_, group=g) for c, d_, g in CATEGORIES],  # groups typed in English
    }, keep_backup=False)
    return open_shop(folder)


def test_a_chinese_shops_ledger_reads_chinese_on_screen_and_in_the_pnl(tmp_path):
    shop = chinese_ledger_shop(tmp_path)
    r = runner.invoke(app, ["ledger", str(shop.folder), "--month", "2026-11"])
    assert r.exit_code == 0, r.stdout + r.stderr
    for word in ("sales", "cost of goods", "advertising", "income", "expense", "net", "opening", "closing",
                 "gross margin"):
        assert not re.search(rf"\b{word}\b", r.stdout), (word, r.stdout)
    assert "销售" in r.stdout and "商品成本" in r.stdout and "收入合计" in r.stdout and "期初" in r.stdout
    wb = openpyxl.load_workbook(next(shop.reports.glob("利润表-2026-11.xlsx")))
    cells = [str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    for key in ("revenue", "courier_cost", "gross_margin", "platform_fee", "sales", "cost of goods"):
        assert key not in cells, key
    if "毛利" in wb.sheetnames:
        assert [r[0] for r in wb["毛利"].iter_rows(values_only=True)] == ["发货收入", "商品成本", "快递成本", "平台扣点", "毛利"]


def test_the_monthly_review_names_pnl_groups_in_the_shops_language(tmp_path):
    from shopbook.report.monthly import make_review

    shop = month_shop(tmp_path, days=SEPT)
    rows = [Entry(date=dt.date(2026, 9, 3), direction="收入", category="销售收入", amount=D("500.00"), account="支付宝"),
            Entry(date=dt.date(2026, 9, 4), direction="支出", category="采购货款", amount=D("200.00"), account="银行")]
    write_workbook(shop.folder / "ledger.xlsx", LEDGER, "zh", {
        Entry: rows,
        Account: [Account(account="支付宝", opening_date=dt.date(2026, 9, 1), opening_balance=D("0")),
                  Account(account="银行", opening_date=dt.date(2026, 9, 1), opening_balance=D("0"))],
        Category: [Category(category=c, direction=d_, group=g) for c, d_, g in CATEGORIES]}, keep_backup=False)
    rev, path, _ = make_review(open_shop(shop.folder), "monthly", "2026-09")
    groups = [r[0] for r in openpyxl.load_workbook(path)["利润表"].iter_rows(min_row=2, values_only=True)]
    assert groups == ["销售", "商品成本", "净额"], groups


def test_an_english_shops_daily_report_and_email_are_english(tmp_path):
    from shopbook.report.daily import render_email
    from shopbook.report.workflow import run_daily

    shop = english_shop(tmp_path)
    run = run_daily(shop, dt.date(2026, 11, 21), send=False)
    wb = openpyxl.load_workbook(run.report)
    assert not any(CJK.search(n) for n in wb.sheetnames), wb.sheetnames
    text = [str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    assert "E1" in text and "buyer message: red one please" in text  # under Held orders: held said once
    assert not [t for t in text if CJK.search(t)], [t for t in text if CJK.search(t)]
    html, plain = render_email(run.summary)
    assert "  E1: buyer message: red one please\n" in plain and not CJK.search(plain), plain
    assert all(s.detail and not CJK.search(s.detail) for s in run.steps if s.detail), [s.detail for s in run.steps]


# --- every command, on a Chinese and an English shop -------------------------------------

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ALIPAY = "20881234567890120156_202611_账务明细.csv"


def commands(shop: Path, bill: Path) -> list[list[str]]:
    """Every command a person runs on a shop, each as the README gives it (no --json: what is read).
    `bill`'s folder holds the WeChat Pay bill and the 生意参谋 download too (small_demo_shops)."""
    from shopbook.demo import word

    s, e, lang = str(shop), str(EXAMPLES), shop.name
    return [["validate", s], ["orders", "import", s, f"{e}/ExportOrderList20261122.csv",
                              f"{e}/ExportOrderDetailList20261122.csv"],
            ["orders", "import", s, f"{e}/shipped-waybills.csv"], ["orders", "review", s],
            ["orders", "follow-up", s], ["picklist", s], ["ship", s, f"{e}/scans.txt"], ["orders", "morning", s],
            ["stock", s],
            ["stock", "alerts", s], ["stock", "slow", s], ["stock", "waitlist", s], ["stock", "supplies", s],
            ["stocktake", "sheet", s, "--date", "2026-11-21"],
            ["stocktake", "post", s, "--date", "2026-11-18", "--dry-run"], ["ledger", s, "--month", "2026-11"],
            ["staff", "pay", s, "--month", "2026-11"],
            ["reconcile", "alipay", s, f"{e}/{ALIPAY}"], ["reconcile", "courier", s, str(bill), "--courier", "中通"],
            ["reconcile", "wechat", s, str(bill.parent / "微信支付账单.csv")],
            ["agents", "sheets", s], ["agents", "settle", s, "--month", "2026-11"],
            ["agents", "email", s, "--month", "2026-11"], ["report", "monthly", s, "--period", "2026-11"],
            ["report", "promotion", s, word("满199送袜子", lang)],
            ["kpi", "import", s, str(bill.parent / "【生意参谋】店铺整体-2026-11-18.xlsx")],
            ["daily", s, "--date", "2026-11-21"],
            ["email", s, "--date", "2026-11-21"], ["purchase", "suggest", s], ["purchase", "suppliers", s],
            ["aftersales", s], ["customers", s, "--month", "2026-11"], ["selfcheck", s, "--date", "2026-11-22"],
            ["doctor", s, "--dry-run"], ["init", s]]


@functools.lru_cache(maxsize=64)
def _workbook_words(content: bytes) -> frozenset:
    """The texts of a workbook's cells, by its bytes: a workbook no command changed since (the English
    demo shop's, read again by the next test of test_language_demo_shops) is not read twice."""
    wb = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    words = frozenset(str(v).strip() for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row
                      if isinstance(v, str) and v.strip())
    wb.close()
    return words


def shop_words(shop: Path) -> re.Pattern:
    """Every text the shop's own data holds (product, customer, supplier, courier and agent names,
    buyer messages, provinces, categories …) and the sample files': legitimately in either language."""
    words = set()
    for f in shop.glob("*.xlsx"):
        words |= _workbook_words(f.read_bytes())
    for f in EXAMPLES.glob("*.*"):
        if f.suffix in (".csv", ".txt"):
            text = f.read_bytes().decode("utf-8-sig", errors="replace") if f.suffix == ".txt" else \
                f.read_bytes().decode("gb18030", errors="replace")
            words |= {w.strip().strip('"') for w in re.split(r"[,\n\t]", text) if w.strip()}
    from shopbook.orders.couriers import NAMES
    from shopbook.schema.lists import PROVINCES

    words |= set(PROVINCES) | {a for k, v in NAMES.items() for a in (k, *v) if CJK.search(a)}  # a province, a courier
    parts = {p for w in words for p in re.split(r"[:：;；,，/（）()\s]+", w) if p}  # a reason quotes a part of a cell
    alts = "|".join(re.escape(w) for w in sorted(words | parts, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z0-9])(?:{alts})(?![A-Za-z0-9])")  # a size M is no part of 'Margin'


ALLOWED_LATIN = {"SKU", "KPI", "VIP", "CSV", "ROI", "inbox", "outbox", "reports", "SMTP", "shopbook", "kg"}  # loanwords, names


def other_language(text: str, lang: str, data: re.Pattern) -> list[str]:
    """The lines of `text` with words of the other language, once the shop's own data and the
    file paths are taken out."""
    bad = []
    for line in text.splitlines():
        rest = re.sub(r"\S*(/|\.xlsx|\.eml|\.csv)\S*", " ", line)  # paths and file names: the shop's own names
        rest = re.sub(r"(?<!\w)--[a-z-]+|shopbook [a-z -]+", " ", rest)  # options and commands named in a hint
        rest = data.sub(" ", rest)
        words = ([w for w in re.findall(r"[A-Za-z][A-Za-z-]{2,}", rest) if w not in ALLOWED_LATIN] if lang == "zh"
                 else CJK.findall(rest))
        if words:
            bad.append(f"{line.strip()} ⟵ {''.join(words[:10]) if lang == 'en' else words[:5]}")
    return bad


@pytest.fixture(scope="module")
def small_demo_shops(tmp_path_factory):
    """The demo shop, a month of it, once in Chinese and once in English."""
    from shopbook import demo

    base = tmp_path_factory.mktemp("lang")
    saved, demo.DAYS = demo.DAYS, 14
    try:
        for lang in ("zh", "en"):
            demo.generate_demo(base / lang, lang)
    finally:
        demo.DAYS = saved
    bill = base / "zto-bill.csv"
    bill.write_text("运单号,重量,目的地,运费\n73100000000001,1.2,浙江,5\n73100000000001,1.2,浙江,5\n",
                    encoding="utf-8")
    from test_kpi_import import sycm_xlsx
    from test_wechat import merchant_bill

    (base / "微信支付账单.csv").write_bytes(merchant_bill())
    sycm_xlsx(base / "【生意参谋】店铺整体-2026-11-18.xlsx")
    return base, bill


def test_an_english_shops_value_hints_name_english_choices_and_no_chinese_examples(tmp_path, monkeypatch):
    """A choice not on its list lists the words an English shop's sheets use; the date, amount and
    yes/no hints give what may be typed without Chinese words (¥ is a sign, not a word)."""
    from shopbook import cli

    monkeypatch.setattr(cli.out, "width", 400)  # one message a line
    shop = english_shop(tmp_path)
    type_in(shop.path(ORDERS), "Orders", {(2, "status"): "aproved", (3, "paid_at"): "yesterday"})
    type_in(shop.path(STOCK), "Products", {(2, "price"): "48.9O", (2, "main"): "maybe"})
    r = runner.invoke(app, ["validate", str(shop.folder)])
    assert r.exit_code == 1, r.stdout
    said = [ln.strip() for ln in r.stdout.splitlines() if ln.startswith("    ")]
    assert len(said) == 4 and not [s for s in said if CJK.search(s)], said
    (status,) = [s for s in said if "aproved" in s]
    assert "new, approved, held, shipped, delivered, closed, cancelled" in status and "Did you mean 'approved'" in status
    zh = runner.invoke(app, ["validate", str(shop.folder), "--lang", "zh"])
    (status,) = [ln.strip() for ln in zh.stdout.splitlines() if ln.startswith("    ") and "aproved" in ln]
    assert "待审核、已审核、已挂起" in status and "approved)" not in status  # unchanged: the Chinese words


def test_import_issues_are_located_in_the_shops_language(tmp_path, monkeypatch):
    """An import's warnings and refusals name the SKU map as an English shop's sheet is named and a
    row of the export as 'row N'; a Chinese shop reads 商品映射 and 第 N 行 (no 'row')."""
    from shopbook import cli
    from taobao_fixtures import DETAIL_HEADERS, ORDER_HEADERS, export_bytes
    from test_order_life import tb_detail, tb_order

    monkeypatch.setattr(cli.out, "width", 400)
    rows = [tb_order("3900000000000000601"), {**tb_order("3900000000000000602"), "收货人姓名": ""}]
    a, b = tmp_path / "ExportOrderList20261121.csv", tmp_path / "ExportOrderDetailList20261121.csv"
    a.write_bytes(export_bytes(ORDER_HEADERS, rows))
    b.write_bytes(export_bytes(DETAIL_HEADERS, [tb_detail("3900000000000000601", "JN2613-BG-28"),
                                                tb_detail("3900000000000000602", "S")], trailing_comma=True))
    shop = english_shop(tmp_path)
    r = runner.invoke(app, ["orders", "import", str(shop.folder), str(a), str(b)])
    marks = [ln for ln in r.stdout.splitlines() if ln.startswith(("! warning", "✗ error"))]
    assert r.exit_code == 1 and len(marks) == 2, r.stdout
    assert "! warning  SKU map = 'JN2613-BG-28'" in marks, marks
    assert "imported: 1 order, 1 line; 1 error (below)" in r.stdout, r.stdout  # not "1 orders, 1 lines"
    (refused,) = [m for m in marks if m.startswith("✗")]
    assert re.search(r"› row \d+ ", refused) and not CJK.search(refused.replace("收货人姓名", "")), refused
    import shutil

    zh = tmp_path / "zh"
    init_shop(zh)
    shutil.copy(shop.path(STOCK), zh / "stock.xlsx")
    r = runner.invoke(app, ["orders", "import", str(zh), str(a), str(b)])
    marks = [ln for ln in r.stdout.splitlines() if ln.startswith(("! 警告", "✗ 错误"))]
    assert "! 警告  商品映射 = 'JN2613-BG-28'" in marks, marks
    assert any(re.search(r"› 第 \d+ 行 ", m) for m in marks) and not any("row" in m for m in marks), marks


def test_stops_about_the_shops_own_data_are_in_its_language(tmp_path, monkeypatch):
    """A command that will not run on wrong data (review, picklist), an empty Staff pay sheet and a
    stocktake date with no counts stop in the shop's language alone; a file that cannot be read
    still stops in both."""
    from shopbook import cli

    monkeypatch.setattr(cli.err, "width", 400)
    shop = english_shop(tmp_path)
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["Orders"]
    ws.cell(2, [c.value for c in ws[1]].index("status") + 1).value = "aproved"
    wb.save(shop.path(ORDERS))
    s = str(shop.folder)
    for args, start in ((["orders", "review", s], "✗ Cannot review: 1 data error to fix first"),
                        (["picklist", s], "✗ Cannot make the pick list: 1 data error to fix first"),
                        (["staff", "pay", s, "--month", "2026-11"], "✗ "),
                        (["stocktake", "post", s, "--date", "2026-11-01"], "✗ ")):
        r = runner.invoke(app, args)
        assert r.exit_code == 2 and r.stderr.startswith(start) and not CJK.search(r.stderr), (args, r.stderr)
    zh = tmp_path / "zh"
    init_shop(zh)
    r = runner.invoke(app, ["staff", "pay", str(zh), "--month", "2026-11"])
    assert r.exit_code == 2 and "绩效表是空的" in r.stderr and "empty" not in r.stderr, r.stderr
    (zh / "stock.xlsx").write_text("not a workbook")
    r = runner.invoke(app, ["stocktake", "post", str(zh), "--date", "2026-11-01"])
    assert r.exit_code == 2 and CJK.search(r.stderr) and re.search(r"[A-Za-z]{4} [a-z]{3,}", r.stderr), r.stderr


def test_a_statement_line_is_located_in_the_shops_language(tmp_path, monkeypatch):
    """A payment statement's line is 'row N' to an English shop and 第 N 行 to a Chinese one, as an
    export's is. Before, it read '第 9 行 / line 9' to both."""
    from shopbook import cli
    from test_money import classic_statement, november_lines, write_statement

    monkeypatch.setattr(cli.out, "width", 400)
    lines = november_lines()
    for x in lines[3:]:  # a running balance that breaks at the fourth line, to the last
        x[8] = str(D(x[8]) + 1)
    statement = write_statement(tmp_path, classic_statement(lines))
    shop = english_shop(tmp_path)
    r = runner.invoke(app, ["reconcile", "alipay", str(shop.folder), str(statement)])
    located = [ln for ln in r.stdout.splitlines() if "账务明细.csv ›" in ln]
    assert "running balance does not add up" in r.stdout and len(located) == 1, r.stdout
    assert all(re.search(r"› row \d+ 账户余额 = ", ln) for ln in located), located  # (the file's own column)
    assert not re.search(r"第 \d+ 行|line \d+", r.stdout), r.stdout
    zh = tmp_path / "zh"
    init_shop(zh)
    r = runner.invoke(app, ["reconcile", "alipay", str(zh), str(statement)])
    located = [ln for ln in r.stdout.splitlines() if "账务明细.csv ›" in ln]
    assert "对账单余额对不上" in r.stdout and len(located) == 1, r.stdout
    assert all(re.search(r"› 第 \d+ 行 账户余额 = ", ln) for ln in located), located
    assert not re.search(r"\brow \d+|line \d+", r.stdout), r.stdout


def test_a_held_order_s_platform_is_named_as_a_sentence_names_it():
    """The held list names the platform and the reason once: 'held Taobao 123: remote area …' in
    English ('held taobao 123: held: …' before), '挂起 淘宝 123：偏远地区…' in Chinese."""
    from shopbook.orders.review import Decision
    from shopbook.orders.workflow import held_said
    from shopbook.schema import OrderStatus
    from shopbook.schema.orders import platform_word

    assert [platform_word(p, "en") for p in ("淘宝", "拼多多", "抖店", "闲鱼", "")] == [
        "Taobao ", "Pinduoduo ", "Douyin ", "闲鱼 ", ""]
    assert [platform_word(p, "zh") for p in ("淘宝", "拼多多", "抖店")] == ["淘宝 ", "拼多多 ", "抖店 "]
    d = Decision("123", OrderStatus.HELD, [("偏远地区（西藏），请确认运费和快递", "remote area (西藏): confirm fee and courier")],
                 platform="淘宝")
    ((_, zh, en),) = held_said([d], 30)
    assert zh == "  挂起 淘宝 123：偏远地区（西藏），请确认运费和快递"
    assert en == "  held Taobao 123: remote area (西藏): confirm fee and courier"
    assert d.text("zh") == "自动挂起：偏远地区（西藏），请确认运费和快递"  # the 审单结果 cell keeps its word


def test_a_label_before_its_value_takes_the_languages_colon(tmp_path):
    """发货未签收：0 in a Chinese shop (not 发货未签收: 0), shipped, not delivered: 0 in an English one."""
    shop = english_shop(tmp_path)
    r = runner.invoke(app, ["orders", "follow-up", str(shop.folder)])
    assert "shipped, not delivered: 0" in r.stdout and "held: " in r.stdout, r.stdout
    init_shop(tmp_path / "zh")
    r = runner.invoke(app, ["orders", "follow-up", str(tmp_path / "zh")])
    assert "发货未签收：0" in r.stdout and "挂起：0" in r.stdout and ": " not in r.stdout, r.stdout


def _cell_texts(shop: Path) -> str:
    """Every text cell of the shop's data sheets, one a line: what a message may quote as it is
    (not the How to use sheets shopbook writes, which name each column's Chinese header too)."""
    from shopbook.schema import WORKBOOKS

    data = {m.en for w in WORKBOOKS for m in w.sheets}
    import python_calamine  # (openpyxl takes seconds over the demo's year of orders)

    texts = []
    for f in shop.glob("*.xlsx"):
        wb = python_calamine.CalamineWorkbook.from_path(str(f))
        texts += [v for name in wb.sheet_names if name in data
                  for row in wb.get_sheet_by_name(name).to_python() for v in row if isinstance(v, str)]
        wb.close()
    return "\n".join(texts)


def typed_in(path: Path, sheets: dict[str, dict[tuple[int, str], object]], drop: tuple[str, str] | None = None
             ) -> None:
    """cli_run.type_in over several sheets of one workbook; `drop`: (sheet, header) of a column
    deleted after (xml_cells.drop_column)."""
    for sheet, cells in sheets.items():
        type_in(path, sheet, cells)
    if drop:
        assert drop_column(path, *drop)


def test_an_english_shops_issues_quote_its_cells_in_english(tmp_path, monkeypatch):
    """Mistakes typed into an English demo shop: every message validate (and a check that stops on
    them) prints is English but for what the shop's own cells hold (receivers, addresses, couriers).
    A rule's issue quotes a choice as an English shop writes it (out, not 支出) and a column the
    sheet lacks by its English header; a Chinese screen quotes the Chinese word."""
    from demo_shop import demo_copy
    from shopbook import cli
    from shopbook.schema import Direction, Platform, PromotionKind

    for console in (cli.out, cli.err):
        monkeypatch.setattr(console, "width", 400)
    shop = demo_copy(tmp_path / "shop", "en")
    order_no = openpyxl.load_workbook(shop / "orders.xlsx", read_only=True)["Orders"]["A2"].value
    typed_in(shop / "ledger.xlsx", {"Entries": {(2, "direction"): "out", (3, "amount"): -5}})  # row 2: a sale
    typed_in(shop / "orders.xlsx", {"Orders": {(2, "status"): "aproved", (3, "qty"): 0, (4, "order_no"): order_no,
                                               (4, "platform"): "douyin"},
                                    "Promotions": {(2, "kind"): "gift for favourite"},
                                    "After-sales": {(2, "type"): "refnd"}})
    typed_in(shop / "stock.xlsx", {"Movements": {(2, "qty"): -3, (3, "type"): "inn"},  # row 2: an out
                                   "Purchases": {(2, "status"): "recieved"}},
             drop=("Waitlist", "sku"))  # a Waitlist without its sku column: style alone
    cells = _cell_texts(shop)
    words = [m.value for m in (Direction.OUT, Platform.DOUYIN, PromotionKind.GIFT_FAVOURITE)]
    assert not [w for w in words if w in cells]  # (else quoting one would be quoting a cell)

    said = {}
    for args in (["validate", str(shop)], ["selfcheck", str(shop), "--date", "2026-11-22"], ["stock", str(shop)]):
        r = runner.invoke(app, args)
        assert r.exit_code in (1, 2), (args, r.stdout, r.stderr)
        said[args[0]] = r.stdout + r.stderr
    foreign = {cmd: [ln for ln in text.splitlines() if any(w not in cells for w in CJK_RUN.findall(ln))]
               for cmd, text in said.items()}
    assert not any(foreign.values()), foreign
    text = said["validate"]
    assert "Entries › B2 direction = 'out'\n    The category 'Sales' is in, but this line is out." in text, text
    assert "Orders › C4 platform = 'douyin'" in text and "Promotions › B2 kind = 'gift for favourite'" in text, text
    assert "Movements › D2 qty = '-3'\n    The quantity of a movement 'out' must be positive" in text, text
    assert re.search(r"Waitlist › row \d+ sku\n    Give the SKU, or the style \+ size \(and the colour", text), text
    zh = runner.invoke(app, ["validate", str(shop), "--lang", "zh"]).stdout
    assert "B2 direction = '支出'\n    类别“Sales”是收入，这一行却是支出。" in zh and "C4 platform = '抖店'" in zh, zh
    r = runner.invoke(app, ["validate", str(shop), "--json"])
    (entry,) = [i for i in json.loads(r.stdout) if i["sheet"] == "Entries" and i["cell"] == "B2"]
    assert (entry["value"], entry["value_en"]) == ("支出", "out")  # both languages, as its messages


CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def test_an_english_shops_promotion_review_names_the_gifts_cell_in_english(tmp_path, wide_console):
    """QA: an English shop's promotion review said its orders had 'a blank 赠品 cell (… it writes 无
    for none)' and '赠品 cells do not read', on screen and in the review's notes: the sheet's column
    is 'gifts' and the pick list writes 'none' there."""
    folder = tmp_path / "shop"
    init_shop(folder, "en", "Blue Shirt Co")
    write_workbook(folder / "stock.xlsx", STOCK, "en", {Product: [
        Product(sku="S", name="Shirt", cost=D(20), price=D(60)), Product(sku="SOCK", name="Socks", cost=D(3), price=D(9))]},
        keep_backup=False)

    def line(no, day, gifts):
        return OrderLine(order_no=no, platform="淘宝", buyer=no, receiver="Li Lei", phone="13800000001",
                         address="浙江省 杭州市 西湖区 文三路 1 号", sku="S", qty=1, unit_price=D(60), gifts=gifts,
                         paid_at=dt.datetime(2026, 11, day, 12))

    write_workbook(folder / "orders.xlsx", ORDERS, "en", {
        OrderLine: [line("A1", 9, None), line("A2", 10, None),  # the days before: never picked
                    line("B1", 11, "SOCK×1"), line("B2", 12, None), line("B3", 12, "SOCK×0")],  # one does not read
        Promotion: [Promotion(name="Socks free", kind="满就送", threshold=D(50), gift_sku="SOCK", gift_qty=1,
                              start=dt.date(2026, 11, 11), end=dt.date(2026, 11, 12), enabled=True)]},
        keep_backup=False)
    r = runner.invoke(app, ["report", "promotion", str(folder), "Socks free"])
    assert r.exit_code == 0, r.stdout + r.stderr
    *said, written = [ln for ln in r.stdout.splitlines() if ln.startswith("!")]
    assert written.endswith(".xlsx"), written  # (the report's line: ! below warnings, not ✓)
    assert said == [
        "! In the promotion's days, 1 order has a blank gifts cell (the pick list never wrote it; it writes 'none' "
        "when there is none): what they were given is not known and is not in the gifts and gift cost.",
        "! In the promotion's days, 1 order's gifts cell does not read: their gifts are not counted (shopbook "
        "validate shows which).",
        "! In the days before, 2 orders have a blank gifts cell (the pick list never wrote it; it writes 'none' when "
        "there is none): what was given is not known, so gifts and gift cost are not counted."], r.stdout
    (report,) = (folder / "reports").glob("promotion-*.xlsx")
    cells = [str(v) for ws in openpyxl.load_workbook(report).worksheets for row in ws.iter_rows(values_only=True)
             for v in row if v is not None]
    assert [c for c in cells if "gifts cell" in c] and not [c for c in cells if CJK.search(c)], cells


def test_an_agent_line_of_another_source_is_told_the_english_word_to_type(tmp_path):
    """QA: validate and agents settle told an English shop to 'set the source to 代理 (agent)': the
    word its sheet takes is 'agent'."""
    from test_agents_settlement import d, line, make_shop

    from shopbook.agents.workflow import settle_month
    from shopbook.schema.orders import OrderSource

    shop = make_shop(tmp_path, lines=[line("DL1-002", "A", 1, "27.50", shipped=d(2026, 11, 4)).model_copy(
        update={"source": OrderSource.TAOBAO})])
    (i,) = settle_month(shop, "2026-11").issues
    assert "set the source to 'agent'; if not, clear the agent id" in i.message_en, i.message_en
    assert not CJK.search(i.message_en), i.message_en


def test_a_withdrawal_not_booked_names_the_english_transfers_group(tmp_path, monkeypatch):
    """QA: reconcile alipay --apply in an English shop said 'add an 'out' category whose group is
    Transfers (内部转账)': the group its Categories sheet takes is 'transfers'."""
    from shopbook import cli
    from test_money import (balance_agrees, classic_statement, november_lines, pin_account, write_statement)
    from test_money import shop as money_shop

    monkeypatch.setattr(cli.out, "width", 400)
    shop = pin_account(balance_agrees(money_shop.__wrapped__(tmp_path)))
    toml = shop.folder / "shopbook.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'), encoding="utf-8")
    lines = november_lines()
    lines[4][6], lines[4][8], lines[5][8] = "300.00", "1378.00", "1372.06"  # A6 as the ledger has it
    lines.append(["A9", "2026112122009", "", "提现", "2026-11-21 09:00:00", "招商银行", "", "400.00", "972.06",
                  "支付宝", "提现", ""])
    path = write_statement(tmp_path, classic_statement(lines))
    r = runner.invoke(app, ["reconcile", "alipay", str(shop.folder), str(path), "--apply"])
    said = [ln for ln in r.output.splitlines() if "whose group is" in ln]
    assert r.exit_code == 1 and said, r.output
    assert all("whose group is 'transfers'" in ln and not CJK.search(ln) for ln in said), said


def test_an_english_shops_settings_file_names_its_columns_in_english(tmp_path):
    """QA: `init --lang en` wrote a shopbook.toml whose comments named 主推 items, 少量 (few left), the
    waybill CSV's 预估运费, the 运费 sheet and cell and 企业微信/钉钉/飞书 (加签): the English shop's
    columns are main, Estimated fee, Shipping rates and shipping_fee. (The default provinces and
    courier are values, as typed.) The Chinese shop's file is as before."""
    import tomllib

    r = runner.invoke(app, ["init", str(tmp_path / "en"), "--lang", "en"])
    assert r.exit_code == 0, r.output
    text = (tmp_path / "en" / "shopbook.toml").read_text(encoding="utf-8")
    comments = [ln.split("#", 1)[1] for ln in text.splitlines() if "#" in ln]
    assert comments and not [c for c in comments if CJK.search(c)], [c for c in comments if CJK.search(c)]
    assert "# main items keep at least" in text and "whose shipping_fee cell is blank" in text, text
    assert tomllib.loads(text)["orders"]["default_courier"] == "中通"
    runner.invoke(app, ["init", str(tmp_path / "zh")])
    zh = (tmp_path / "zh" / "shopbook.toml").read_text(encoding="utf-8")
    assert "# 主推款（同一款号的主推 SKU 合计）至少保持这么多库存" in zh and "“运费”格留空" in zh, zh


def test_a_chinese_shops_settings_file_is_written_in_chinese(tmp_path):
    """QA: the Chinese shop's shopbook.toml explained every setting in English ("# 主推 items keep at
    least this many on hand", "whose 运费 cell is blank"): the person who opens it reads Chinese.
    What stays as typed: the keys, values and words a setting takes (starttls, fen, dingtalk…)."""
    import re
    import tomllib

    r = runner.invoke(app, ["init", str(tmp_path / "zh")])
    assert r.exit_code == 0, r.output
    text = (tmp_path / "zh" / "shopbook.toml").read_text(encoding="utf-8")
    examples = ("# [[bots]]", "# kind =", "# url_env =", "# secret_env =")  # a table to copy, as TOML
    comments = [ln.split("#", 1)[1] for ln in text.splitlines() if "#" in ln and not ln.startswith(examples)]
    assert len(comments) >= 19 and not [c for c in comments if not CJK.search(c)], comments
    values = {"shopbook", "Asia", "Shanghai", "boss", "example", "finance", "outbox", "starttls", "none",
              "yuan", "jiao", "wecom", "dingtalk", "feishu", "bots", "reconcile", "alipay", "apply",
              "alipay_account", "SHOPBOOK_SMTP_USER"}
    words = {w for c in comments for w in re.findall(r"[A-Za-z_]{4,}", c)}
    assert words <= values, sorted(words - values)
    assert tomllib.loads(text)["shop"]["language"] == "zh"


def test_an_english_shops_after_sales_steps_name_its_own_columns(tmp_path):
    """An English shop's return waiting for the buyer's tracking no.: its next step named the column
    退货单号 (the English shop's After-sales sheet heads it return_tracking)."""
    import openpyxl
    from typer.testing import CliRunner

    from shopbook.cli import app
    from shopbook.shop import init_shop

    folder = tmp_path / "shop"
    init_shop(folder, lang="en")
    wb = openpyxl.load_workbook(folder / "orders.xlsx")
    head = [c.value for c in wb["Orders"][1]]
    wb["Orders"].append([{"order_no": "T1", "paid_at": "2026-11-20 10:00", "receiver": "Ann", "phone": "13800000000",
                          "address": "浙江省杭州市西湖区文三路1号", "sku": "S1", "qty": 1, "unit_price": 99,
                          "status": "shipped", "shipped_on": "2026-11-21"}.get(h) for h in head])
    head = [c.value for c in wb["After-sales"][1]]
    wb["After-sales"].append([{"case_no": "C1", "opened_on": "2026-11-22", "order_no": "T1", "sku": "S1", "qty": 1,
                               "type": "return", "status": "open"}.get(h) for h in head])
    wb.save(folder / "orders.xlsx")
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    head = [c.value for c in wb["Products"][1]]
    wb["Products"].append([{"sku": "S1", "name": "Tee", "cost": 30, "price": 99}.get(h) for h in head])
    wb.save(folder / "stock.xlsx")
    r = CliRunner().invoke(app, ["aftersales", str(folder), "--json"])
    steps = [v["next_step"] for v in json.loads(r.stdout)["open"]]
    assert steps == ["ask the buyer for the return's tracking no. (return_tracking)"], r.stdout


def test_init_after_the_settings_file_was_deleted_writes_it_in_the_workbooks_language(tmp_path):
    """An English shop (its workbooks' sheets Products, Entries …) whose shopbook.toml was deleted:
    `init` wrote a Chinese one (language = "zh", 我的店铺), and every command after spoke Chinese to the
    English shop. Now the workbooks there decide; --lang still rules, and a new folder is zh."""
    import tomllib

    r = runner.invoke(app, ["init", str(tmp_path / "en"), "--lang", "en"])
    assert r.exit_code == 0, r.output
    (tmp_path / "en" / "shopbook.toml").unlink()
    (tmp_path / "en" / "kpi.xlsx").unlink()  # one missing too: made in English
    r = runner.invoke(app, ["init", str(tmp_path / "en")])
    assert r.exit_code == 0 and not CJK.search(r.output), r.output
    shop = tomllib.loads((tmp_path / "en" / "shopbook.toml").read_text(encoding="utf-8"))["shop"]
    assert shop["language"] == "en" and shop["name"] == "My shop"
    assert "Daily" in openpyxl.load_workbook(tmp_path / "en" / "kpi.xlsx").sheetnames
    (tmp_path / "en" / "shopbook.toml").unlink()
    runner.invoke(app, ["init", str(tmp_path / "en"), "--lang", "zh"])
    assert tomllib.loads((tmp_path / "en" / "shopbook.toml").read_text(encoding="utf-8"))["shop"]["language"] == "zh"
