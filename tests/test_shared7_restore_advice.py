"""orders.xlsx damaged after the 06:00 `daily`: the advice said to put the newest backup in its place and run
`shopbook daily` again. But daily had moved the exports it imported from inbox/ to inbox/done/DAY/: run again, it
found inbox/ empty and imported nothing, its ✓ said so, and the day's orders were gone from orders.xlsx without a
word. Nor did it say which other workbooks the same run wrote (a person restored stock.xlsx too, "to be safe",
and lost what ship had posted). The advice now says to move those files back into inbox/ first, naming the
folder and files, and names the workbooks the same run wrote that nobody changed since, to keep."""

from __future__ import annotations

from cli_run import flat, shopbook
from test_concurrency import small_shop
from test_shared6_restore_reruns_job import _damage

from shopbook.io import files


def test_daily_run_again_is_told_to_put_back_the_inbox_files_it_moved_to_done(tmp_path):
    folder = tmp_path / "店铺"
    small_shop(folder)
    (folder / "inbox").mkdir(exist_ok=True)
    (folder / "a.csv").rename(folder / "inbox" / "订单导出 11-21.csv")
    r = shopbook("daily", folder)
    assert r.returncode in (0, 1), r.stdout + r.stderr
    done = [p for p in (folder / "inbox" / "done").rglob("*.csv")]
    assert [p.name for p in done] == ["订单导出 11-21.csv"], r.stdout
    _damage(folder / "orders.xlsx")
    r = shopbook("orders", "review", folder)
    assert r.returncode == 2, r.stdout + r.stderr
    said = flat(r.stderr)
    assert flat(f"最后一次写入它的任务（shopbook daily {folder}") in said, said
    assert flat(f"先把它从 inbox/ 导入后移到 {done[0].parent} 的文件（订单导出 11-21.csv）移回 {folder / 'inbox'}") in said, said
    assert "请再运行一次这个任务" in said, said
    zh, en = files.restore_words(folder / "orders.xlsx")
    assert flat(f"move the files it imported from inbox/ and moved to {done[0].parent} (订单导出 11-21.csv) back "
                f"into {folder / 'inbox'}") in flat(en), en
    assert "then run that job again" in en, en


def test_the_other_workbooks_the_same_run_wrote_are_named_to_keep(tmp_path):
    folder = tmp_path / "shop"
    small_shop(folder)
    r = shopbook("ship", folder, folder / "scans.txt")  # orders.xlsx 已发货, stock.xlsx its 出库 rows
    assert r.returncode == 0, r.stdout + r.stderr
    _damage(folder / "orders.xlsx")
    zh, en = files.restore_words(folder / "orders.xlsx")
    assert "同一次运行还写入了 stock.xlsx，之后没有改动过：保留它，不要一起替换；请再运行一次这个任务" in zh, zh
    assert "keep stock.xlsx as it is (the same run wrote it, unchanged since: not to be replaced too); run " \
           "that job again" in en, en
    assert "inbox" not in zh + en  # (ship moves no file)
    # stock.xlsx saved by a person since: no longer that run's alone, not said to keep
    with open(folder / "stock.xlsx", "ab") as f:
        f.write(b"\0")
    zh, en = files.restore_words(folder / "orders.xlsx")
    assert "stock.xlsx" not in zh + en and "请再运行一次这个任务" in zh
