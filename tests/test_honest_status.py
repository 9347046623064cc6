"""Results that never mislead: ✓ only for a step that did its whole job, exit codes that
say so, "nothing was written" only when true, file names every system can open, periods
read strictly, and hints that name a command that works."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl
import pytest
from typer.testing import CliRunner

import forkserver

from shopbook.cli import app
from shopbook.schema import AGENTS, ORDERS, STOCK, Agent, OrderLine, Payment, Product, Tier
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook
from test_daily import demo_like_shop

runner = CliRunner()


def flat(s: str) -> str:
    return " ".join(s.split())


def set_cell(path, sheet, header, row, value):
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    col = [c.value for c in ws[1]].index(header) + 1
    ws.cell(row, col).value = value
    wb.save(path)


def test_daily_marks_validation_errors_as_a_failed_step_and_exits_1(tmp_path):
    shop = demo_like_shop(tmp_path)
    set_cell(shop.path(STOCK), "商品", "售价", 2, "48.9O")  # one typo
    r = runner.invoke(app, ["daily", str(shop.folder), "--date", "2026-11-21"])
    assert r.exit_code == 1, r.stdout
    out = flat(r.stdout)
    assert "✗ 校验" in out and "✓ 校验" not in out
    r = runner.invoke(app, ["daily", str(shop.folder), "--date", "2026-11-21", "--json"])
    import json

    run = json.loads(r.stdout)
    assert r.exit_code == 1 and not run["ok"]
    assert [s["ok"] for s in run["steps"] if s["step"] == "validate"] == [False]


def test_daily_without_smtp_does_not_tick_the_email(tmp_path):
    shop = demo_like_shop(tmp_path)
    r = runner.invoke(app, ["daily", str(shop.folder), "--date", "2026-11-21"])
    assert r.exit_code == 0, r.stdout
    out = flat(r.stdout)
    assert "– 邮件" in out and "✓ 邮件" not in out and "没有设置 SMTP" in out


def test_ship_with_nothing_shipped_is_not_a_tick(tmp_path):
    shop = demo_like_shop(tmp_path)  # its one order X1 is held: never picked, cannot ship
    scans = tmp_path / "scans.txt"
    scans.write_text("X1,中通,73100012345678\n6900000000011\n", encoding="utf-8")
    r = runner.invoke(app, ["ship", str(shop.folder), str(scans)])
    assert r.exit_code == 1
    first = r.stdout.splitlines()[0]
    assert first.startswith("✗ 发货：0") and "✓" not in r.stdout


def test_a_shop_whose_reports_folder_is_a_file_is_told_so_before_anything_is_written(tmp_path):
    shop = demo_like_shop(tmp_path)
    (shop.folder / "reports").rmdir() if (shop.folder / "reports").is_dir() else None
    (shop.folder / "reports").write_text("not a folder", encoding="utf-8")
    before = {p: p.read_bytes() for p in shop.folder.glob("*.xlsx")}
    r = runner.invoke(app, ["daily", str(shop.folder), "--date", "2026-11-21"])
    assert r.exit_code == 2 and "reports should be a folder but is a file" in flat(r.stderr)
    assert {p: p.read_bytes() for p in shop.folder.glob("*.xlsx")} == before
    assert not list((shop.folder / "outbox").glob("*.eml"))


def test_nothing_was_written_is_said_only_when_true(tmp_path, monkeypatch):
    """A stop after files were written lists them instead of claiming nothing was."""
    from shopbook.report import workflow

    shop = demo_like_shop(tmp_path)
    real = workflow.write_daily_workbook

    def then_fail(path, s):
        real(path, s)
        raise PermissionError(13, "Permission denied", str(shop.outbox))

    monkeypatch.setattr(workflow, "write_daily_workbook", then_fail)
    r = runner.invoke(app, ["email", str(shop.folder), "--date", "2026-11-21"])
    (written,) = (shop.folder / "reports").glob("*.xlsx")  # the report was written before the stop
    out = flat(r.stderr)
    assert r.exit_code == 2 and "nothing was written" not in out and "什么都没有写入" not in out
    assert "1 个文件" in out and written.name in out.replace(" ", "")
    written.unlink()

    def fail(path, s):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(workflow, "write_daily_workbook", fail)  # and where nothing was, it says so
    r = runner.invoke(app, ["email", str(shop.folder), "--date", "2026-11-21"])
    assert r.exit_code == 2 and "nothing was written" in flat(r.stderr)
    assert not list((shop.folder / "reports").glob("*.xlsx")) and not list(shop.outbox.glob("*.eml"))


@pytest.fixture
def agents_shop(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku="P1", name="衬衫", barcode="6900000000011", cost=D(40), price=D(100), opening_qty=100)]},
        keep_backup=False)
    write_workbook(folder / "agents.xlsx", AGENTS, "zh", {
        Agent: [Agent(agent_id="CON.", name="张代理", tier="金牌"), Agent(agent_id="NUL.x", name="李", tier="金牌"),
                Agent(agent_id="DL3", name="王" * 100, tier="金牌")],
        Tier: [Tier(tier="金牌", discount=D("0.55"))],
        Payment: [Payment(date=dt.date(2026, 11, 10), agent_id="DL3", amount=D("10.00"))]}, keep_backup=False)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: []}, keep_backup=False)
    return open_shop(folder)


def test_output_file_names_open_on_windows_macos_and_linux(agents_shop):
    from shopbook.names import RESERVED

    r = runner.invoke(app, ["agents", "settle", str(agents_shop.folder), "--month", "2026-11"])
    assert r.exit_code == 0, r.stdout + r.stderr
    names = [p.name for p in (agents_shop.reports / "代理").iterdir()]
    assert len(names) == 4  # three statements and the summary
    for n in names:
        assert n.split(".")[0].rstrip(" ").upper() not in RESERVED, n
        assert len(n.encode("utf-8")) <= 180 and not any(c in n for c in '\\/:*?"<>|') and not n.endswith((".", " "))
    long = next(n for n in names if n.startswith("DL3"))
    assert long.endswith("-2026-11.xlsx")  # cut in the middle: the month stays


# (" 2026-11", "2026-11\n", "2026-1", "2026/11" are months, read as 2026-11 and named so: test_report_periods_typed)
@pytest.mark.parametrize("period", ["2026-\t11", "2026-13", "26-11", "2026-11x"])
def test_periods_are_read_strictly(agents_shop, period):
    for args in (["agents", "settle", str(agents_shop.folder), "--month", period],
                 ["ledger", str(agents_shop.folder), "--month", period],
                 ["report", "monthly", str(agents_shop.folder), "--period", period]):
        r = runner.invoke(app, args)
        assert r.exit_code == 2, (args, r.stdout)
        assert "YYYY-MM" in r.stderr or "2026-11" in r.stderr, r.stderr
    assert not list(agents_shop.reports.rglob("*.xlsx"))


def test_init_fills_in_missing_workbooks_and_never_touches_existing_ones(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder, "en")
    (folder / "stock.xlsx").unlink()
    before = {p.name: p.read_bytes() for p in folder.glob("*.xlsx")}
    r = runner.invoke(app, ["validate", str(folder)])
    assert r.exit_code == 1 and f"shopbook init {folder}" in flat(r.stdout)  # the hint names a command that works
    r = runner.invoke(app, ["init", str(folder)])
    assert r.exit_code == 0 and "stock.xlsx" in r.stdout.replace("\n", "")  # a long path wraps at the width
    assert {p.name: p.read_bytes() for p in folder.glob("*.xlsx") if p.name != "stock.xlsx"} == before
    assert openpyxl.load_workbook(folder / "stock.xlsx").sheetnames[0] == "Products"  # the shop's own language
    assert runner.invoke(app, ["validate", str(folder)]).exit_code == 0
    r = runner.invoke(app, ["init", str(folder)])
    assert r.exit_code == 0 and "nothing was missing" in r.stdout


def test_an_xls_is_called_an_xls(tmp_path):
    import shutil
    from pathlib import Path

    xls = tmp_path / "stock.xls"
    shutil.copy(Path(__file__).parent / "corpus" / "xls_renamed.xlsx", xls)  # a real Excel 97-2003 file
    r = runner.invoke(app, ["validate", str(xls)])
    assert r.exit_code == 2
    assert "old Excel 97-2003 workbook (.xls)" in flat(r.stderr) and "with an .xlsx name" not in r.stderr


def test_typer_usage_errors_come_in_both_languages():
    import os
    import sys
    from pathlib import Path

    for args, zh, en in ((["stocktake", "post", "x"], "缺少必需的选项 --date", "Missing option '--date'"),
                         (["ledgr"], "没有 ledgr 这个命令", "No such command 'ledgr'"),
                         (["daily", "x", "--dat", "3"], "没有 --dat 这个选项", "No such option: --dat")):
        r = forkserver.run([sys.executable, "-c", "from shopbook.cli import main; main()", *args],
                           capture_output=True, text=True, timeout=60,
                           env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")})  # (this tree's shopbook)
        assert r.returncode == 2 and zh in r.stderr and en in r.stderr, r.stderr


def test_validate_says_in_the_console_which_totals_rows_it_skipped(tmp_path):
    """The notes were only in --json: the console now gives their count and where, in one line,
    in the shop's language (a Chinese shop here; an English one reads English)."""
    shop = demo_like_shop(tmp_path)
    wb = openpyxl.load_workbook(shop.path(STOCK))
    ws = wb["商品"]
    ws.append(["合计"])  # a person's totals row under the products
    wb.save(shop.path(STOCK))
    r = runner.invoke(app, ["validate", str(shop.folder)])
    out = flat(r.stdout)
    assert r.exit_code == 0, r.stdout
    assert f"已跳过 1 行合计或说明文字（--json 列出每一行）：stock.xlsx › 商品 A{ws.max_row}" in out, out
    assert "totals" not in out
    r = runner.invoke(app, ["validate", str(shop.folder), "--lang", "en"])
    assert f"1 row of totals or notes skipped (--json lists each): stock.xlsx › 商品 A{ws.max_row}" in flat(r.stdout), r.stdout


def test_an_import_that_left_orders_out_for_a_status_it_does_not_know_is_no_tick(tmp_path):
    """QA: a 拼多多 export with orders in a status word no reader knows (风控审核中) imported the rest
    and said "✓ 导入：1 个订单，1 行", the left-out orders only as warnings below: ✓ beside an import that
    did not take every row. Now the line says how many rows it could not take, with ! (✗ when none
    came in), on the command line and the 导入订单 button alike."""
    from platform_fixtures import pdd_row, write_pdd
    from test_orders import build_shop

    shop = build_shop(tmp_path / "shop")
    rows = [pdd_row("231121-000000000001", "待发货", "SH-BK-M"),
            pdd_row("231121-000000000002", "风控审核中", "SH-BK-M"), pdd_row("231121-000000000003", "风控审核中", "SH-WH-M")]
    r = runner.invoke(app, ["orders", "import", str(shop.folder), str(write_pdd(tmp_path / "p", rows))])
    head = next(ln for ln in r.output.splitlines() if "导入：" in ln)
    assert flat(head) == "! 导入：1 个订单，1 行；2 行的订单状态不认识，没有导入（见下）", r.output
    assert r.output.count("不认识的订单状态“风控审核中”") == 2, r.output
    only = write_pdd(tmp_path / "q", [pdd_row("231121-000000000004", "风控审核中", "SH-BK-M")])
    r = runner.invoke(app, ["orders", "import", str(shop.folder), str(only), "--json"])
    import json
    assert json.loads(r.stdout)["left_out"] == 1 and r.exit_code != 0, r.output
    from shopbook.orders.workflow import import_orders

    said = import_orders(shop, [only]).said(10)
    assert said[0][0] == "✗" and said[0][2] == ("imported: 0 orders, 0 lines; 1 row of an unknown order status not "
                                                "imported (below)"), said[0]
    r = runner.invoke(app, ["orders", "morning", str(shop.folder), str(only)])
    assert r.exit_code == 1 and "✗ 导入：0 个订单，0 行；1 行的订单状态不认识" in flat(r.output), r.output
