"""A buyer's message as 抖店 exports it may hold line breaks, emoji, a formula's text, or run to a page.
`orders review` printed it as it came: the held order's line broke into several (the next lines read as
other orders) and a long message filled the screen. Now each held order is one line, a message's breaks
shown as " / ", a long one cut saying where it is whole; the 审单结果 cell keeps every word. Real 抖店
CSV bytes (quoted multi-line values, as a CSV writer makes them), a real `shopbook orders review`."""

from __future__ import annotations


import platform_fixtures as pf
from test_orders import build_shop, lines_of
from test_packing_note_long_text import _douyin
from typer.testing import CliRunner

from shopbook.cli import app

ASKS = "请发白色😀\n谢谢！\r\n=HYPERLINK(\"http://x.cn\",\"点我\")"
LONG = "尺码要大一码，" * 100


def test_a_held_orders_line_stays_one_line_whatever_the_message(tmp_path):
    shop = build_shop(tmp_path)
    rows = [pf.douyin_row("6930000000000005001", "6930000000000005101", "SH-BK-M", message=ASKS, detail="一路1号"),
            pf.douyin_row("6930000000000005002", "6930000000000005102", "SH-BK-M", message=LONG, detail="二路2号")]
    r = CliRunner().invoke(app, ["orders", "import", str(shop.folder), str(_douyin(tmp_path / "d", rows))])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(app, ["orders", "review", str(shop.folder)])
    out = r.output.splitlines()
    (first,) = [ln for ln in out if "6930000000000005001" in ln]
    assert '买家留言：请发白色😀 / 谢谢！ / =HYPERLINK("http://x.cn","点我")' in first
    (second,) = [ln for ln in out if "6930000000000005002" in ln]
    assert len(second) < 200 and "…（全文见 orders.xlsx 的“审单结果”列）" in second
    assert not any(ln.startswith(("谢谢", "=HYPERLINK", "尺码")) for ln in out), out
    by_no = {ln.order_no: ln for ln in lines_of(shop)}  # the cell keeps every word
    assert LONG in by_no["6930000000000005002"].review
    assert "请发白色😀\n谢谢！" in by_no["6930000000000005001"].review


def test_an_order_of_120_lines_short_of_each_is_one_short_line(tmp_path):
    """A Taobao order of 120 lines, none in stock: 120 hold reasons, which made a line of 2,700 characters."""
    from taobao_fixtures import detail_row, order_row, write_pair
    from test_orders import add_products, product

    shop = build_shop(tmp_path)
    add_products(shop, *[product(f"BIG-{i:03d}", "BIG", "红", str(i), f"C-{i:03d}", f"69100000{i:05d}", 0)
                         for i in range(120)])
    no = "3515131473290001"
    files = write_pair(tmp_path / "tb", [order_row(no, "tb_a", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号",
                                                   "2026-11-21 09:00:00", goods="11880.00")],
                       [detail_row(no, f"大单{i}", "99.00", "1", f"BIG-{i:03d}") for i in range(120)])
    r = CliRunner().invoke(app, ["orders", "import", str(shop.folder), *map(str, files)])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(app, ["orders", "review", str(shop.folder)])
    (line,) = [ln for ln in r.output.splitlines() if no in ln]
    assert len(line) < 400 and "库存不足：BIG-004" in line and "…另 115 条（全部在 orders.xlsx 的“审单结果”列）" in line, line
    assert all(f"BIG-{i:03d} 需要 1" in lines_of(shop)[0].review for i in range(120))  # the cell: every one
