"""QA of one language per shop, on the English demo shop (the scan of every command's words: the
helper script qa-english3/scan.py): each stop says what did not run, in the shop's language."""

from pathlib import Path

from cli_run import CJK, shopbook, type_in
from demo_shop import november_copy as demo_copy


def test_a_ledger_row_to_fix_stops_the_pnl_saying_what_did_not_run(tmp_path):
    """ledger --month with a wrong 收支 said '✗ …/ledger.xlsx: ledger.xlsx: 1 data error to fix first',
    the workbook named twice and nothing said of the P&L; it says the P&L is what waits."""
    folder = demo_copy(tmp_path / "shop", "en")
    type_in(folder / "ledger.xlsx", "Entries", {(2, "direction"): "expense"})
    r = shopbook("ledger", folder, "--month", "2026-11")
    assert r.returncode == 2, r.stdout + r.stderr
    line = " ".join(r.stderr.split())
    assert "ledger.xlsx: ledger.xlsx" not in line and "Cannot make the P&L: 1 data error to fix first" in line, line
    assert not CJK.search(line.replace("'expense'", "")), line
    alipay = Path(__file__).resolve().parents[1] / "examples" / "20881234567890120156_202611_账务明细.csv"
    r = shopbook("reconcile", "alipay", folder, alipay)
    line = " ".join(r.stderr.split())
    assert r.returncode == 2 and "ledger.xlsx: ledger.xlsx" not in line and "Cannot reconcile: 1 data error" in line, line


def test_agents_email_in_a_shop_with_no_agents_says_so(tmp_path):
    """A new English shop's agents email printed nothing at all (exit 0): a person pressing it could
    not tell it ran. It says there is no agent, so no statement, in the shop's language."""
    folder = tmp_path / "shop"
    assert shopbook("init", folder, "--lang", "en").returncode == 0
    r = shopbook("agents", "email", folder, "--month", "2026-11")
    assert r.returncode == 0, r.stdout + r.stderr
    (line,) = [ln for ln in r.stdout.splitlines() if ln.strip()]
    assert line == "– The Agents sheet has no agents: there is no 2026-11 statement to send.", r.stdout
    assert not CJK.search(line) and not list((folder / "outbox").glob("*.eml"))
    assert shopbook("init", tmp_path / "zh").returncode == 0
    zh = shopbook("agents", "email", tmp_path / "zh", "--month", "2026-11")
    assert zh.stdout.strip() == "– 代理表里没有代理：2026-11 没有对账单可发。", zh.stdout


def test_a_missing_sheet_of_an_english_shop_is_named_in_english(tmp_path, wide_console):
    """QA: stock.xlsx without its Movements sheet: validate and `stock` located the error at
    'stock.xlsx › 出入库' in an English shop ('stock.xlsx: 出入库: 1 data error to fix first'), the
    sheet's Chinese name; it is 'Movements' there, as the message says. (A Chinese shop's stays 出入库:
    test_person_made.) And kpi import into its kpi.xlsx without the Daily sheet stopped in both
    languages ('kpi.xlsx 的日报表无法使用：缺少工作表“日报”…' above the English), where report weekly's stop
    on the same sheet is English alone: the sheet is the shop's own data (README, one language)."""
    import openpyxl
    from test_kpi_import import sycm_xlsx
    from typer.testing import CliRunner

    from shopbook.cli import app
    from shopbook.shop import init_shop

    runner = CliRunner()
    folder = tmp_path / "shop"
    init_shop(folder, "en")
    for book, sheet in (("stock.xlsx", "Movements"), ("kpi.xlsx", "Daily")):
        wb = openpyxl.load_workbook(folder / book)
        del wb[sheet]
        wb.save(folder / book)
    v = runner.invoke(app, ["validate", str(folder)])
    assert v.exit_code == 1 and "✗ error  stock.xlsx › Movements\n    The sheet 'Movements' is missing." in v.stdout, \
        v.stdout
    s = runner.invoke(app, ["stock", str(folder)])
    assert s.exit_code == 2 and "stock.xlsx: Movements: 1 data error" in " ".join(s.stderr.split()), s.stderr
    k = runner.invoke(app, ["kpi", "import", str(folder), str(sycm_xlsx(tmp_path / "店铺整体.xlsx"))])
    said = " ".join(k.stderr.split())
    assert k.exit_code == 2 and "The Daily sheet of kpi.xlsx cannot be used: the sheet 'Daily' is missing." in said, said
    assert not CJK.search(v.stdout + s.stderr + said), v.stdout + s.stderr + said


def test_addin_doctor_on_an_english_shop_reports_in_english(tmp_path, monkeypatch):
    """QA: `addin doctor --shop D:\\shop` of an English shop printed its report in Chinese (--lang was zh
    unless given, whatever the shop): the shop says which language, as for every command on it. No
    shop, or --lang given: as before."""
    from typer.testing import CliRunner

    from shopbook.addin import doctor as addin_doctor
    from shopbook.addin.doctor import Check, Host, Report
    from shopbook.cli import app

    report = Report(Host("win", tmp_path), [Check(("工作簿", "workbooks"), True, ("都能打开", "all open"))])
    monkeypatch.setattr(addin_doctor, "doctor", lambda shop, excel: report)  # (the PC's checks: Windows or macOS)
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "shopbook.toml").write_text('[shop]\nlanguage = "en"\n', encoding="utf-8")
    runner = CliRunner()
    en = runner.invoke(app, ["addin", "doctor", "--shop", str(tmp_path / "en"), "--no-excel"])
    assert en.exit_code == 0 and "✓ 1. workbooks: all open\nAll passed." in en.stdout and not CJK.search(en.stdout), \
        en.stdout
    assert "全部通过。" in runner.invoke(app, ["addin", "doctor", "--no-excel"]).stdout
    zh = runner.invoke(app, ["addin", "doctor", "--shop", str(tmp_path / "en"), "--no-excel", "--lang", "zh"])
    assert "✓ 1. 工作簿: 都能打开" in zh.stdout, zh.stdout


def test_sheets_not_read_are_each_named_in_their_quotes(tmp_path):
    """QA: an English shop's ledger.xlsx with its Entries sheet renamed and two more of its headers beside
    it said "('Sheet1, Sheet2' has the same headers and was not read.)": one sheet of that name, as read.
    Each is quoted, the verb theirs; the year sheets' note the same."""
    import openpyxl

    from shopbook.io.reader import read_workbook
    from shopbook.schema import LEDGER, Entry
    from shopbook.shop import init_shop

    init_shop(tmp_path / "shop", "en")
    path = tmp_path / "shop" / "ledger.xlsx"
    wb = openpyxl.load_workbook(path)
    wb["Entries"].title = "Money"
    for name in ("Sheet1", "Sheet2"):
        wb.copy_worksheet(wb["Money"]).title = name
    wb.save(path)
    (i,) = read_workbook(path, LEDGER, (Entry,)).sheets[Entry].issues
    assert i.message_en == ("There is no sheet 'Entries'; 'Money' has its headers and was read as it. Rename the sheet "
                            "'Entries'. ('Sheet1', 'Sheet2' have the same headers and were not read.)"), i.message_en
    assert i.message_zh.endswith("（“Sheet1”“Sheet2”的表头也相同，没有读取。）"), i.message_zh


def test_a_courier_bill_of_an_english_shop_names_the_courier_in_english(tmp_path):
    """QA: `reconcile courier SHOP bill.csv --courier ZTO` in an English shop printed 'courier: 中通 (named by
    --courier)' and wrote reports/reconcile-courier-中通-bill.xlsx: the courier by the name the shop gave it,
    as its waybills-B1-ZTO.csv. A bill named for its courier keeps its name as it is, and ZTO-2026-11.csv, the
    name the shop is told to give a bill of no told courier (e.g. 中通-2026-11.xlsx, it was), is read as 中通's."""
    from shopbook.money.said import courier_said
    from shopbook.money.workflow import reconcile_courier_file
    from shopbook.shop import init_shop, open_shop

    init_shop(tmp_path / "shop", "en")
    shop = open_shop(tmp_path / "shop")
    bill = tmp_path / "bill.csv"
    bill.write_text("运单号,日期,目的地,重量,运费\n73100000000001,2026-11-10,浙江,1,5.00\n", encoding="utf-8")
    chk, issues = reconcile_courier_file(shop, bill, "ZTO")
    assert courier_said(chk, issues)[0] == ("", "快递：中通（--courier 指定）", "courier: ZTO (named by --courier)")
    assert chk.report.name == "reconcile-courier-ZTO-bill.xlsx", chk.report
    named = tmp_path / "ZTO-2026-11.csv"
    named.write_bytes(bill.read_bytes())
    chk, issues = reconcile_courier_file(shop, named)  # (its name read as it is told to name it: ZTO, not 中通 alone)
    assert chk.report.name == "reconcile-courier-ZTO-2026-11.xlsx", chk.report
    assert courier_said(chk, issues)[0][2] == "courier: ZTO (the bill's name says so)"
