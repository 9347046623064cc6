"""A scanner's CSV opened and saved in Excel: its long numbers in scientific notation (7.31E+13), their last
digits lost. The parcel shipped with "7.31E+13" written as its 快递单号 (never to be tracked, the follow-up
calling about a number no courier has); a code so mangled was "不属于任何商品". Each is said as what it is,
and the parcel does not ship until the number is whole."""

from __future__ import annotations

from cli_run import flat, shopbook
from test_orders import lines_of
from test_ship_scan_csv_rescanned import A, B, two_orders


def test_numbers_excel_turned_into_scientific_notation_are_said_and_nothing_ships_on_them(tmp_path):
    shop = two_orders(tmp_path)
    scan = tmp_path / "scan.csv"
    scan.write_bytes((f"订单编号,快递公司,快递单号,条码\r\n{A},中通,7.31E+13,690000000017\r\n"
                      f"{B},中通,73100000000002,6.9E+11\r\n3.51513E+15,中通,73100000000003,690000000017\r\n").encode("gbk"))
    r = shopbook("ship", shop.folder, scan)
    assert r.returncode == 1, r.stdout + r.stderr
    said = flat(r.stdout)
    assert "发货：0，出库：0件；3个包裹没有通过" in said, r.stdout
    why = "是科学计数法（扫描文件用Excel打开后保存过），后几位已丢失：请用扫描枪导出的原始文件，或在扫描文件里改回完整的号码，再运行ship"
    assert f"✗{A}：快递单号7.31E+13{why}" in said
    assert f"✗{B}：条码6.9E+11{why}" in said
    assert f"✗3.51513E+15：订单编号或快递单号3.51513E+15{why}" in said
    assert {(ln.status.value, ln.tracking_no) for ln in lines_of(shop)} == {("已审核", None)}
    # the file as the scanner saved it ships
    scan.write_text(f"订单编号,快递公司,快递单号,条码\n{A},中通,73100000000001,0690000000017\n", encoding="utf-8")
    r = shopbook("ship", shop.folder, scan)
    assert r.returncode == 0 and "✓发货：1，出库：1" in flat(r.stdout), r.stdout + r.stderr
