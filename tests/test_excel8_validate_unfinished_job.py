"""The 校验 button on a shop a job was killed in after its journal (a pick list: orders.xlsx without its batch yet)
says it, first on the Issues sheet and in a box that warns, as `shopbook validate` says it and exits 1 (91a66b81;
the button said "校验完成：0 个错误" of the half-written shop)."""

from __future__ import annotations

from cli_run import flat, shopbook
from shopbook import xl
from test_concurrency import picklist_left_mid_journal, small_shop
from xlfake import FakeBook


def test_the_validate_button_says_an_interrupted_job_as_validate_does(tmp_path):
    folder = tmp_path / "shop"
    small_shop(folder)
    picklist_left_mid_journal(folder)
    cli = shopbook("validate", folder / "orders.xlsx")
    assert cli.returncode == 1 and "被中断" in cli.stdout, cli.stdout
    book = FakeBook(folder / "orders.xlsx")
    xl.validate(book)
    alert = book.app.alerts[-1]
    assert "1 个警告" in alert["prompt"], alert
    rows = book.sheet_rows("校验结果")
    text = rows[1][-1]
    assert rows[1][0] == "警告" and text.startswith("orders.xlsx：") and "被中断" in text and "结果不可信" in text, rows
    assert flat(text.removeprefix("orders.xlsx：")) in flat(cli.stdout), (text, cli.stdout)
