"""The WeChat bill as it reaches a shop: the personal bill e-mailed as a .zip locked with a password
(the 微信支付 official account's message gives it), and a bill a person or a download zipped."""

import shutil
import subprocess
import zipfile
from decimal import Decimal as D

import pytest
from test_wechat import merchant_bill, personal_xlsx, shop  # noqa: F401
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.money.wechat import read_wechat

BILL = "微信支付账单流水文件(20261106-20261109).xlsx"
LINES = [("100005000126110600001", D("500.00")), ("100003900126110700002", D("300.00")),
         ("420000200126110800003", D("-45.50")), ("1000200126110900004", D("-99.90")),
         ("1000200126110900004#手续费", D("-0.10"))]


@pytest.mark.skipif(not shutil.which("zip"), reason="Info-ZIP's zip makes the password-locked .zip")
def test_the_password_locked_zip_wechat_emails_says_to_unzip_it(shop, tmp_path, wide_console):  # noqa: F811
    """QA: given the .zip as e-mailed, `reconcile wechat` said 'The zip member 'σ╛«Σ┐íµö»…' is encrypted:
    shopbook does not read encrypted content' (its name garbled, nothing to do said); the same .zip
    unlocked was 'a zip file but not an Excel workbook'. Now the locked one names the bill and says to
    unzip it with the password, and an unlocked one is read as the bill it holds."""
    personal_xlsx(tmp_path / BILL)
    locked = tmp_path / "微信支付账单流水文件(20261106-20261109)——【解压密码可在微信支付公众号查看】.zip"
    plain = tmp_path / "账单.zip"
    for args, out in ((["-P", "135790"], locked), ([], plain)):  # Info-ZIP: UTF-8 names, no UTF-8 flag
        subprocess.run(["zip", "-q", *args, str(out), BILL], cwd=tmp_path, check=True)
    r = CliRunner().invoke(app, ["reconcile", "wechat", str(shop.folder), str(locked)])
    said = " ".join(r.output.split())
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output
    assert f"压缩包里的账单“{BILL}”有解压密码" in said and "请先用密码解压，再把解压出来的账单文件给 shopbook" in said, said
    assert "Unzip it with the password first" in said, said
    st = read_wechat(plain)
    assert [(x.txn_no, x.amount) for x in st.lines] == LINES and st.issues == []
    r = CliRunner().invoke(app, ["reconcile", "wechat", str(shop.folder), str(plain)])
    assert r.exit_code == 1 and "Traceback" not in r.output and "100003900126110700002" in r.output, r.output


def test_a_trade_bill_zipped_is_read_and_a_zip_of_two_bills_is_refused(tmp_path):
    trade = tmp_path / "trade.zip"
    with zipfile.ZipFile(trade, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("交易账单_20261101-20261130.csv", merchant_bill())
    st = read_wechat(trade)
    assert len(st.lines) == 8 and st.complete and not st.issues  # 4 rows, each with its fee line
    two = tmp_path / "two.zip"
    with zipfile.ZipFile(two, "w") as z:
        z.writestr("a.csv", merchant_bill())
        z.writestr("b.csv", merchant_bill())
    from shopbook.issues import ShopbookError

    with pytest.raises(ShopbookError) as e:
        read_wechat(two)
    assert "有 2 个账单（a.csv、b.csv）" in str(e.value) and "unzip it first" in e.value.en
