"""What a reconciliation tells a person to do when --apply will book nothing: the statement's own
problems send them to the statement, the shop's books alone to ledger.xlsx."""

import datetime as dt

import openpyxl
import pytest
from test_money import classic_statement, november_lines, write_statement
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.shop import init_shop


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_new_shop_without_its_account_is_not_told_to_download_a_good_statement_again(tmp_path, lang):
    """QA: a shop just made by `init` (its 账户 sheet empty) reconciling a whole, correct statement was
    told '…先加上“支付宝”（期初日期和期初余额）。请先核对或重新下载对账单' (and with --apply '…请核对或重新下载对账单'):
    nothing is wrong with the statement; the account is what to add, then run again."""
    folder = tmp_path / "new"
    init_shop(folder, lang=lang)
    path = write_statement(tmp_path, classic_statement(november_lines()))
    download = "重新下载" if lang == "zh" else "download it again"
    rerun = "改好后再用 --apply 运行" if lang == "zh" else "Once that is done, run it with --apply"
    for apply in ([], ["--apply"]):
        r = CliRunner().invoke(app, ["reconcile", "alipay", str(folder), str(path), *apply])
        said = " ".join(r.output.split())
        assert r.exit_code == 1 and rerun in said and download not in said, r.output
    # a statement cut off besides: that is the statement's to fix, said as before
    cut = write_statement(tmp_path, classic_statement(november_lines(), footer=False), "cut.csv")
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(folder), str(cut)])
    said = " ".join(r.output.split())
    assert r.exit_code == 1 and download in said and rerun not in said, r.output
    # the account added: --apply books, and the advice is gone
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    wb.worksheets[1].append(["支付宝" if lang == "zh" else "Alipay", dt.datetime(2026, 11, 1), 1000])
    wb.save(folder / "ledger.xlsx")
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(folder), str(path)])
    said = " ".join(r.output.split())
    assert rerun not in said and download not in said, r.output
