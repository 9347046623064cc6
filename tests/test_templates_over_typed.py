"""`shopbook templates --out DIR` writes blank workbooks over the ones in DIR, without a backup: right
for a templates folder, and before, as much for a folder holding a person's orders.xlsx and no
shopbook.toml (a shop before `init`, or one whose shopbook.toml a sync moved away): its year of orders
became a blank template, exit 0. Now a workbook with a row typed below a header is refused (exit 2,
named with its sheet and row) and nothing in the folder is written; a templates folder is still
regenerated. Real files, real `shopbook` runs."""

from __future__ import annotations

import openpyxl

from cli_run import flat, shopbook


def test_templates_never_replace_a_workbook_with_rows_typed_in(tmp_path):
    folder = tmp_path / "订单文件"
    r = shopbook("templates", "--out", folder)
    assert r.returncode == 0, r.stdout + r.stderr
    assert shopbook("templates", "--out", folder).returncode == 0  # a templates folder: made again
    orders = folder / "orders.xlsx"
    wb = openpyxl.load_workbook(orders)
    ws = wb["订单"]
    ws.cell(row=2, column=1, value="3515131473026415139")  # a person's order, typed in
    ws.cell(row=2, column=6, value="张三")
    wb.save(orders)
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    r = shopbook("templates", "--out", folder)
    assert r.returncode == 2, r.stdout + r.stderr
    said = flat(r.stdout + r.stderr)
    assert flat("orders.xlsx 里已经有录入的数据（工作表“订单”第 2 行）：不会用空白模板覆盖它") in said, said
    assert flat("orders.xlsx already holds data (sheet '订单', row 2)") in said, said
    assert before == {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    assert not (folder / ".shopbook-backup").exists()
