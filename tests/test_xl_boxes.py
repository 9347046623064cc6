"""A button's message box lists what it made as the CLI does, a long list cut saying how many more
and where (BOX_LINES): a box taller than the screen hides its own OK button."""

from __future__ import annotations

from shopbook import xl
from shopbook.schema import AGENTS
from test_agents import shop  # noqa: F401  (the fixture: two agents 合作中)
from xlfake import FakeBook


def test_the_price_sheets_button_cuts_its_list_saying_how_many_more_and_where(shop, monkeypatch):  # noqa: F811
    """代理价格表 listed every agent's file, full path and all (60 agents: 60 lines)."""
    monkeypatch.setattr(xl, "BOX_LINES", 1)
    book = FakeBook(shop.path(AGENTS))
    xl.agent_sheets(book)
    said = book.app.alerts[-1]["prompt"]
    made = sorted((shop.reports).rglob("*价格表*.xlsx"))
    assert len(made) == 2 and "已生成 2 份价格表" in said, said
    assert sum(str(p) in said for p in made) == 1, said
    assert f"… 还有 1 份；都在 {made[0].parent}" in said, said


def test_a_stop_names_the_file_it_is_about_as_the_cli_does(tmp_path):
    """验货发货… with a scan file gone (moved, renamed on the share) said "找不到扫描文件。" and not which
    file; the CLI prints it first ("✗ D:/扫描/0412.csv：找不到扫描文件。"). A button's box now does too."""
    from shopbook.cli import app
    from shopbook.shop import init_shop
    from typer.testing import CliRunner

    init_shop(tmp_path / "shop")
    gone = tmp_path / "扫描" / "0412.csv"
    cli = CliRunner().invoke(app, ["ship", str(tmp_path / "shop"), str(gone)])
    assert f"{gone}：找不到扫描文件。" in cli.output.replace("\n", ""), cli.output
    for press in (xl.ship_scans, xl.reconcile_alipay, xl.import_orders):
        book = FakeBook(tmp_path / "shop" / "orders.xlsx")
        press(str(gone), book=book)
        said = book.app.alerts[-1]["prompt"]
        assert book.app.alerts[-1]["mode"] == "critical" and said.count(str(gone)) == 2, said  # each language
