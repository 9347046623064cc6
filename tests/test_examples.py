"""The README's "Try it" commands, run as written against the demo shop and the sample
files in examples/; the samples are what examples/make_examples.py writes; the waybill CSV
keeps order numbers as text when a spreadsheet opens it."""

from __future__ import annotations

import csv
import importlib.util
import io
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shopbook.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
runner = CliRunner()


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("### Try it", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [ln.split("  #")[0].strip() for ln in block.splitlines() if ln.startswith("shopbook ")]


@pytest.fixture(scope="module")
def tried(tmp_path_factory):
    """Every command of the README's block, in order: (command, exit code, output). Its `shopbook
    demo demo-shop` copies this run's generation of the demo (tests/demo_shop.py) instead of
    generating it once more: the same files, and test_demo tests the generator."""
    from demo_shop import copying_generate_demo

    from shopbook import demo

    base = tmp_path_factory.mktemp("try")
    done = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(demo, "generate_demo", copying_generate_demo(demo.generate_demo))
        for cmd in readme_commands():
            args = shlex.split(cmd)[1:]
            args = [str(base / a) if a == "demo-shop" else str(ROOT / a) if a.startswith("examples/") else a
                    for a in args]
            r = runner.invoke(app, args)
            done.append((cmd, r.exit_code, " ".join((r.stdout + r.stderr).split())))
    return base / "demo-shop", done


SAMPLES = ("ExportOrderList20261122.csv", "ExportOrderDetailList20261122.csv", "scans.txt",
           "20881234567890120156_202611_账务明细.csv")  # what make_examples.py writes


def test_the_readme_block_uses_every_sample(tried):
    cmds = " ".join(c for c, _, _ in tried[1])
    for name in SAMPLES:
        assert (EXAMPLES / name).is_file() and f"examples/{name}" in cmds, name


def test_the_readme_commands_run_against_the_samples(tried):
    shop, done = tried
    by = {c: (rc, out) for c, rc, out in done}
    for cmd, rc, out in done:
        assert "Traceback" not in out and "internal error" not in out, (cmd, out)
    rc, out = next(v for c, v in by.items() if c.startswith("shopbook orders import"))
    assert rc == 0 and "导入：3 个订单，4 行" in out  # the sample shop is Chinese: Chinese only
    rc, out = next(v for c, v in by.items() if c.startswith("shopbook orders review"))
    assert rc == 0 and "挂起 淘宝 3515139900000000103：买家留言：请发顺丰，谢谢" in out
    rc, out = next(v for c, v in by.items() if c.startswith("shopbook picklist"))
    assert rc == 0 and "批次 example" in out
    rc, out = next(v for c, v in by.items() if c.startswith("shopbook ship"))
    assert rc == 0 and out.startswith("✓ 发货：2，出库：4 件")
    recon = [(c, rc, out) for c, rc, out in done if c.startswith("shopbook reconcile alipay")]
    assert [rc for _, rc, _ in recon] == [1, 0, 0]  # a fee missing from the ledger; --apply adds it (nothing left); clean
    assert "仅支付宝 1" in recon[0][2] and "已补录 1 条流水" in recon[1][2]
    assert "已匹配 7" in recon[2][2]
    waybill = (shop / "reports" / "面单-example.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(waybill)))
    ours = [r[0] for r in rows[1:] if "35151399" in r[0]]
    assert ours == ['="3515139900000000101"', '="3515139900000000102"']
    assert not [r[0] for r in rows[1:] if r[0].isdigit()]  # no bare digits for Excel to round
    assert all(re.fullmatch(r'="\d{12,}"', r[0]) for r in rows[1:] if "=" in r[0])


def test_the_samples_are_what_make_examples_writes(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("make_examples", EXAMPLES / "make_examples.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    monkeypatch.setattr(mod, "HERE", tmp_path)
    mod.taobao_pair(), mod.scans(), mod.alipay()
    assert sorted(f.name for f in tmp_path.iterdir()) == sorted(SAMPLES)
    for f in tmp_path.iterdir():
        assert f.read_bytes() == (EXAMPLES / f.name).read_bytes(), f.name
    assert (EXAMPLES / "ExportOrderList20261122.csv").read_bytes().decode("gb18030").startswith('"订单编号"')


@pytest.mark.libreoffice
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_a_spreadsheet_opening_the_waybill_csv_keeps_order_numbers_as_text(tmp_path):
    """LibreOffice opens the CSV as Excel does: ="…" becomes the text itself, all 19 digits;
    the bare number (as it was written before) becomes 3.51513E+18."""
    import openpyxl

    from shopbook.orders.documents import waybill_csv
    from shopbook.orders.picking import WaybillRow
    from decimal import Decimal

    row = WaybillRow("3515139900000000101", "林晓", "13812345678", "浙江", "杭州市", "西湖区", "文三路", "T×1",
                     Decimal("0.4"), Decimal("6.00"))
    path = tmp_path / "面单.csv"
    path.write_bytes(waybill_csv([row]) + b'3515139900000000102,bare\r\n')
    r = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--infilter=CSV:44,34,76",
                        "--convert-to", "xlsx", "--outdir", str(tmp_path / "out"), str(path)],
                       capture_output=True, text=True, timeout=180)
    ws = openpyxl.load_workbook(tmp_path / "out" / "面单.xlsx", data_only=True).active
    assert r.returncode == 0
    assert ws["A2"].value == "3515139900000000101" and ws["A2"].data_type == "s"
    assert ws["A3"].data_type == "n"  # what a bare number turns into: the digits are gone
