"""Typed and agents' order sheets naming the same order, given together: the order came in from whichever
file was dragged in first (Tuesday's copy of Monday's order, qty 2, given first, was imported and Monday's
skipped), where day by day Monday's would have come in and Tuesday's been skipped as already imported. Now
the sheets are applied oldest first as the platform exports are (io.files.file_times: the time in the name,
else the latest 付款时间 inside, else the modified time), and the summary says so."""

from __future__ import annotations

import openpyxl

from cli_run import flat, shopbook
from test_orders import build_shop, lines_of

HEAD = ["订单编号", "付款时间", "收货人", "手机", "收货地址", "商家编码", "数量", "单价"]


def sheet(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "订单"
    ws.append(HEAD)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def qty_of(shop) -> dict[str, int]:
    return {ln.order_no: ln.qty for ln in lines_of(shop)}


def test_the_older_sheet_by_its_name_stands_whatever_the_order_given(tmp_path):
    shop = build_shop(tmp_path)
    addr = "浙江省杭州市西湖区文三路1号"
    mon = sheet(tmp_path / "手工订单-20261121.xlsx", [["M-7", "2026-11-21 10:00", "张三", "13800000001", addr, "SH-BK-M", 1, 99]])
    tue = sheet(tmp_path / "手工订单-20261122.xlsx", [["M-7", "2026-11-21 10:00", "张三", "13800000001", addr, "SH-BK-M", 2, 99],
                                                    ["M-8", "2026-11-22 09:00", "李四", "13800000002", addr, "SH-WH-M", 1, 99]])
    r = shopbook("orders", "import", shop.folder, tue, mon)
    assert r.returncode == 0, r.stdout + r.stderr
    assert qty_of(shop) == {"M-7": 1, "M-8": 1}  # as Monday's import, then Tuesday's, would have left it
    out = flat(r.stdout)
    assert flat(f"代理和手工订单表：按文件名中的导出时间从旧到新导入，不是给出的顺序：{mon.name}（2026-11-21） → "
                f"{tue.name}（2026-11-22）；同一订单以较早的 {mon.name} 为准") in out
    assert flat(f"M-7：同一订单已在 {mon.name}:订单 中导入") in out  # (the shop's colon)


def test_sheets_without_a_date_in_their_name_go_by_the_latest_time_inside(tmp_path):
    shop = build_shop(tmp_path)
    addr = "浙江省杭州市西湖区文三路1号"
    older = sheet(tmp_path / "订单A.xlsx", [["M-7", "2026-11-21 10:00", "张三", "13800000001", addr, "SH-BK-M", 1, 99]])
    newer = sheet(tmp_path / "订单B.xlsx", [["M-7", "2026-11-21 10:00", "张三", "13800000001", addr, "SH-BK-M", 3, 99],
                                           ["M-9", "2026-11-22 15:00", "王五", "13800000003", addr, "SH-WH-M", 1, 99]])
    r = shopbook("orders", "import", shop.folder, newer, older)
    assert r.returncode == 0, r.stdout + r.stderr
    assert qty_of(shop) == {"M-7": 1, "M-9": 1}
    assert flat("按文件里最晚的时间从旧到新导入") in flat(r.stdout)


def test_a_typed_order_and_a_platform_order_of_one_number_in_one_import_are_not_both_brought_in(tmp_path):
    """QA: a 手工订单.xlsx row and the 淘宝 export's order of the same number, imported together, both came
    in: two orders' rows under one number (手工 and 淘宝), reviewed, picked and shipped twice. The platform
    order is now refused at its row, as it is when the typed one is on the orders sheet already."""
    from taobao_fixtures import detail_row, order_row, write_pair

    shop = build_shop(tmp_path)
    no = "3515000000000000777"
    pair = write_pair(tmp_path / "tb", [order_row(no, "tb_a", "王芳", "13812345678",
                                                   "浙江省 杭州市 西湖区 文三路100号(310000)", "2026-11-21 09:00:00")],
                      [detail_row(no, "白衬衫", "99.00", "1", "SH-WH-M")])
    typed = sheet(tmp_path / "手工订单.xlsx", [[no, "2026-11-21 09:00", "王芳", "13812345678", "浙江省杭州市西湖区文三路100号",
                                                "SH-WH-M", 1, 99]])
    r = shopbook("orders", "import", shop.folder, *pair, typed)
    assert r.returncode == 1, r.stdout + r.stderr
    assert [(ln.order_no, ln.source.value) for ln in lines_of(shop)] == [(no, "手工")]
    assert flat(f"订单编号 {no} 已有一个手工订单（本次导入的 手工订单.xlsx:订单 第 2 行）：这个淘宝订单没有导入") \
        in flat(r.stdout + r.stderr)
