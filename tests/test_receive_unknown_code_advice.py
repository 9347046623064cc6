"""QA: a supplier's delivery note (GBK CSV, a 货号 column, a 合计 row) with a 货号 no product has was
refused with "在“商品”表的“条码”列填上它": the person typed the supplier's 货号 in as a barcode. A code is
looked up as a SKU, a barcode and a 供应商货号 alike, so the advice names both columns."""

from __future__ import annotations

from typer.testing import CliRunner

from shopbook.cli import app

from test_purchasing import shop  # noqa: F401 - the fixture


def test_an_unknown_code_from_a_delivery_note_is_advised_to_the_supplier_code_column(shop, tmp_path):  # noqa: F811
    note = tmp_path / "送货单.csv"  # 乙厂's note for CG20261110-01: C by its SKU, and a 货号 we do not know
    note.write_bytes("送货单 CG20261110-01\r\n货号,品名,数量,备注\r\nC,主推T恤,4,\r\nY-99,袜子,3,赠送\r\n合计,,7,\r\n"
                     .encode("gbk"))
    r = CliRunner().invoke(app, ["purchase", "receive", str(shop.folder), str(note), "--po", "CG20261110-01",
                                 "--date", "2026-11-20"])
    said = "".join(r.output.split())
    assert "Y-99（不认识的编码）×3没有入库" in said, r.output
    assert "供应商的货号填“供应商货号”列" in said and "“条码”列填上它" not in said, r.output
