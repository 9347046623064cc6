"""orders.xlsx cut short as it was saved (Excel or the PC closed mid-save, the share dropped) and read at once
(the cron job, or the person pressing a button): after the waits for a save that never came it was said to be
'a download or copy cut off: download or export it again'. The shop's own workbook is downloaded from nowhere,
and the backup that would save the day, in .shopbook-backup, went unnamed. It is now said as a save cut off,
with the newest backup to put in its place and what is lost by it; an export keeps 'download it again'."""

from __future__ import annotations

from cli_run import flat, shopbook
from test_concurrency import small_shop

from shopbook.io import files


def test_the_shops_own_workbook_cut_short_and_unchanged_names_its_backup(tmp_path, monkeypatch):
    folder = tmp_path / "shop"
    small_shop(folder)
    orders = folder / "orders.xlsx"
    kept = files.backup(orders)  # (as the last rewrite before it kept it)
    whole = orders.read_bytes()
    orders.write_bytes(whole[: len(whole) // 2])  # the save cut off half-way, just now
    cut = orders.read_bytes()
    monkeypatch.setenv("SHOPBOOK_SAVE_WAITS", "0.2,0.3")
    r = shopbook("orders", "review", folder)
    said = flat(r.stderr)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "这个工作簿不完整（文件没有结尾），等了0.5秒也没有变化" in said, said
    assert "如果没有，它的保存中断了" in said and "请用最新的备份替换它" in said and kept.name in said, said
    assert "复制过来并改名为orders.xlsx" in said and "重新下载" not in said, said
    en = " ".join(r.stderr.split())
    assert "its save was cut off" in en and "Replace it with the newest backup" in en and "download" not in en.split(
        "if not,")[1], en
    assert orders.read_bytes() == cut  # nothing written
