"""A reconciliation's account the ledger's Accounts sheet lacks is the shop's own data: said in the
shop's language alone, as an unknown agent of `agents sheets --agent` is."""

from __future__ import annotations

from pathlib import Path

from cli_run import CJK, shopbook
from demo_shop import demo_copy

ALIPAY = Path(__file__).resolve().parents[1] / "examples" / "20881234567890120156_202611_账务明细.csv"


def test_an_account_not_on_the_accounts_sheet_is_said_in_the_shops_language(tmp_path):
    """`reconcile alipay shop FILE --account Alipy` in an English shop stopped in Chinese first
    ('✗ …/ledger.xlsx：流水账的“账户”表里没有账户“Alipy”…', naming a 账户 sheet the shop has not) and
    then English; it is English alone there (Did you mean 'Alipay'?), Chinese alone in a Chinese
    shop, still exit 2 with nothing written."""
    for lang, typed, said in (
            ("en", "Alipy", "ledger.xlsx: The ledger's Accounts sheet has no account 'Alipy': a reconciliation and "
                            "what it books use an account listed there. Did you mean 'Alipay'?"),
            ("zh", "支付保", "ledger.xlsx：流水账的“账户”表里没有账户“支付保”：对账和补录只用表里有的账户。")):
        shop = demo_copy(tmp_path / lang, lang)
        before = (shop / "ledger.xlsx").read_bytes()
        r = shopbook("reconcile", "alipay", shop, ALIPAY, "--account", typed, "--apply")
        text = " ".join(r.stderr.split())
        assert r.returncode == 2 and said in text, r.stdout + r.stderr
        words = text.replace(str(shop), "").replace(typed, "")
        if lang == "en":
            assert not CJK.search(words), text
        else:
            assert "The ledger" not in text and "reconciliation" not in words, text
        assert (shop / "ledger.xlsx").read_bytes() == before and not list((shop / "reports").glob("*对账*"))
        assert not list((shop / "reports").glob("reconcile*"))
