"""QA of one language per shop, on the English demo shop (the scan of every command's words: the
helper script qa-english3/scan.py): each stop says what did not run, in the shop's language."""

from pathlib import Path

from cli_run import CJK, shopbook, type_in
from demo_shop import demo_copy


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
