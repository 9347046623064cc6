"""orders.xlsx damaged after the 日报 button's run: the restore advice says to move back into inbox/ the exports that
run imported and moved to inbox/done/ (run again without them, it imports nothing, and the restored workbook goes
without that day's orders without a word), as it says of a `shopbook daily` run. The button's job is named by the
button (Excel 按钮“日报”), and the advice took a job named otherwise than "shopbook daily …" for one that moved nothing."""

from __future__ import annotations

from cli_run import flat
from test_shared6_restore_reruns_job import _damage
from test_shared8_restore_advice_midnight import shop_with_an_export
from xlfake import FakeBook

from shopbook import xl
from shopbook.io import files


def test_the_daily_buttons_run_is_told_where_it_moved_the_files(tmp_path):
    folder, inbox = shop_with_an_export(tmp_path)
    book = FakeBook(folder / "stock.xlsx")  # (pressed in another of the shop's workbooks: orders.xlsx written on disk)
    xl.daily_report(book)
    done = next((inbox / "done").iterdir())
    assert [p.name for p in done.iterdir()] == ["订单导出 11-21.csv"], book.app.alerts
    _damage(folder / "orders.xlsx")
    zh, en = files.restore_words(folder / "orders.xlsx")
    assert flat("最后一次写入它的任务（Excel 按钮“日报”，") in flat(zh), zh  # the button the person pressed
    assert flat(f"先把它从 inbox/ 导入后移到 {done} 的文件（订单导出 11-21.csv）移回 {inbox}") in flat(zh), zh
    assert flat(f"move the files it imported from inbox/ and moved to {done} (订单导出 11-21.csv) back into "
                f"{inbox}") in flat(en), en
