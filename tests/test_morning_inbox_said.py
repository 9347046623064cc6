"""`shopbook orders morning SHOP` with no files reviews and picks what orders.xlsx holds; its --help said it took
"the files in inbox/", so a person who dropped the morning's exports in inbox/ and ran it read
"✓ 没有待审核的订单 – 没有待拣货的已审核订单" and shipped nothing of them. The example now says what it does, and
the run names the files waiting in inbox/ that it did not import and how to import them (daily imports inbox/),
in the shop's language; the files stay where they are. Real exports, a real shop, the real command."""

from __future__ import annotations

from cli_run import flat
from typer.testing import CliRunner
from taobao_fixtures import detail_row, order_row, write_pair
from test_orders import build_shop, lines_of

from shopbook.cli import app
from shopbook.shop import init_shop


def shopbook(*args):
    return CliRunner().invoke(app, [str(a) for a in args])

NO = "3515000000000000801"


def test_exports_left_in_inbox_are_named_not_passed_over(tmp_path):
    shop = build_shop(tmp_path)
    before = len(lines_of(shop))
    a, b = write_pair(shop.folder / "inbox", [order_row(NO, "tb_a", "王芳", "13812345678",
                                                       "浙江省 杭州市 西湖区 文三路100号(310000)", "2026-11-21 09:00:00")],
                      [detail_row(NO, "白衬衫", "99.00", "1", "SH-WH-M")])
    r = shopbook("orders", "morning", shop.folder)
    out = flat(r.output)
    assert flat("! inbox/ 里有 2 个文件没有导入（ExportOrderDetailList20261121.csv、ExportOrderList20261121.csv）："
                "没有给出文件，只审单并拣货了订单表里已有的订单；要导入，给出这些文件（或运行 daily：它导入 inbox/）") in out
    assert len(lines_of(shop)) == before and a.exists() and b.exists()  # nothing imported, nothing moved
    help_text = flat(shopbook("orders", "morning", "--help").output)
    assert "the files in inbox/" not in help_text and flat("no import: review and pick the orders already in") in help_text
    r = shopbook("orders", "morning", shop.folder, a, b)  # given, they come in, and nothing is said of inbox/
    assert NO in {ln.order_no for ln in lines_of(shop)} and "inbox/" not in r.output


def test_an_english_shop_is_told_in_english(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder, lang="en")
    (folder / "inbox" / "orders_export2026-11-22-08-00-00.csv").write_text("订单号\n", encoding="utf-8")
    (folder / "inbox" / "notes.txt").write_text("not an export", encoding="utf-8")
    r = shopbook("orders", "morning", folder)
    assert flat("! 1 file in inbox/ not imported (orders_export2026-11-22-08-00-00.csv): no files were given, so only "
                "the orders already in orders.xlsx were reviewed and picked") in flat(r.output)
    assert "没有" not in r.output
