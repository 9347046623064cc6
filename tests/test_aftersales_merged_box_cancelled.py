"""QA (a cancelled order in a merged box): two orders of one buyer were picked into one box (合并发货: side by side
packing notes, one waybill row "M1,M2"); then the buyer cancelled M2 and the clerk typed 已取消 (or 已挂起) on it.
The next pick list said nothing (a parcel to pull was said only for a cancel the platform export brought), so the
box went out with M2's goods, and the tool's shipped file "M1,M2" then refused M2. Now the pick list says M2 is in
one box with M1: take M2's goods out, ship M1, reprint its waybill, clear M2's batch; exit 1 as for any parcel to
pull. A box both of whose orders are cancelled, or an order picked alone, is said as before."""

from __future__ import annotations

import openpyxl
from test_morning_ship_together import _picked
from typer.testing import CliRunner

from shopbook.cli import app


def _typed(shop, **status) -> None:
    wb = openpyxl.load_workbook(shop.folder / "orders.xlsx")
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if (no := row[head.index("订单编号")].value) in status:
            row[head.index("状态")].value = status[no]
    wb.save(shop.folder / "orders.xlsx")


def _picklist(shop, *more):
    return CliRunner().invoke(app, ["picklist", str(shop.folder), *more])


def test_an_order_cancelled_by_hand_in_a_box_is_taken_out_of_it(tmp_path):
    shop, _, waybill = _picked(tmp_path)
    assert waybill[0][0] == "M1,M2"
    _typed(shop, M2="已取消")
    r = _picklist(shop)
    assert r.exit_code == 1, r.output
    assert "订单 M2（拣货批次" in r.output and "它和订单 M1 合并发货，装在一个包裹里：从这个包裹里取出订单 M2 的商品" in r.output
    assert "给订单 M1 重打面单" in r.output and "再清空订单 M2 的拣货批次" in r.output
    assert "订单 M3" not in r.output
    r = _picklist(shop, "--json")
    assert '"M2"' in r.stdout


def test_one_held_by_hand_alike_in_english(tmp_path):
    shop, _, _ = _picked(tmp_path)
    _typed(shop, M1="held")
    toml = shop.folder / "shopbook.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"', 1), encoding="utf-8")
    r = _picklist(shop)
    assert r.exit_code == 1, r.output
    assert ("order M1 (pick batch" in r.output and "packed in one box with order M2 (shipped together): take order "
            "M1's goods out of that box" in r.output), r.output
    assert "合并发货" not in r.output


def test_a_box_all_cancelled_or_an_order_alone_is_as_before(tmp_path):
    shop, _, _ = _picked(tmp_path)
    _typed(shop, M1="已取消", M2="已取消", M3="已取消")
    r = _picklist(shop)
    assert r.exit_code == 0 and "合并发货" not in r.output and "拿出来" not in r.output, r.output


def test_a_refund_the_platform_export_brings_says_the_box_at_the_import(tmp_path):
    from taobao_fixtures import detail_row, order_row, write_pair
    from test_imports16_held_by_hand_refund import TB, TB2
    from test_orders import TODAY, build_shop

    from shopbook.orders.workflow import import_orders, make_picklist, review

    def pair(stamp: str, refund: str = ""):
        rows, lines = [], []
        for no, sku in ((TB, "SH-WH-M"), (TB2, "SH-BK-M")):  # one buyer's two orders to one address
            rows.append(order_row(no, "tb_wf", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)",
                                  "2026-11-21 09:00:00", goods="99.00"))
            d = detail_row(no, "衬衫", "99.00", "1", sku)
            d["退款状态"] = refund if no == TB2 else ""
            lines.append(d)
        return list(write_pair(tmp_path / stamp, rows, lines, stamp=stamp))

    shop = build_shop(tmp_path)
    import_orders(shop, pair("202611210930"), today=TODAY)
    review(shop)
    assert [p.together for p in make_picklist(shop, today=TODAY).parcels] == [(TB2,), (TB,)]
    s = import_orders(shop, pair("202611211230", refund="退款中"), today=TODAY)
    [said] = [zh for mark, zh, _ in s.said(10) if mark == "!!"]
    assert f"订单 {TB2}（拣货批次" in said and f"它和订单 {TB} 合并发货，装在一个包裹里：从这个包裹里取出订单 {TB2} 的商品" in said
