"""The Alipay statement given to `reconcile wechat`, a WeChat bill to `reconcile alipay` (or picked under
the other button): said as the file it is, with the command that reconciles it."""

import pytest
from test_money import classic_statement, november_lines, shop, write_statement  # noqa: F401
from test_wechat import merchant_bill, personal_xlsx
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import LEDGER


@pytest.mark.parametrize("command, make, right", [
    ("wechat", lambda d: write_statement(d, classic_statement(november_lines())), "alipay"),
    ("alipay", lambda d: write_statement(d, merchant_bill(), "All_20261101-20261130.csv"), "wechat"),
    ("alipay", lambda d: personal_xlsx(d / "微信支付账单流水文件(20261106-20261109).xlsx"), "wechat")])
def test_a_bill_given_to_the_other_command_is_named_with_its_own(shop, tmp_path, command, make, right,  # noqa: F811
                                                                wide_console):
    """QA: the Alipay 账务明细 given to `reconcile wechat` was '认不出微信支付账单…请从微信支付商户平台下载“交易账单”'
    (download another file), and a WeChat bill given to `reconcile alipay` '认不出支付宝对账单…请从支付宝商家后台导出…':
    the file in hand is the right one, for the other command."""
    before = shop.path(LEDGER).read_bytes()
    r = CliRunner().invoke(app, ["reconcile", command, str(shop.folder), str(make(tmp_path))])
    said = " ".join(r.output.split())
    other = "微信支付账单" if right == "wechat" else "支付宝对账单"
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output
    assert f"这是{other}" in said and f"请用 shopbook reconcile {right} 对账" in said, said
    assert f"reconcile it with shopbook reconcile {right}" in said and "下载" not in said, said
    assert shop.path(LEDGER).read_bytes() == before
