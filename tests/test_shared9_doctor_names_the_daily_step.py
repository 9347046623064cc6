"""`shopbook daily` cut off while its pick list step wrote its files (a power cut, a cron job killed): doctor said
"“picklist”在写入多个文件时被中断", shopbook's own name of the job, which no one typed and daily's lines never
showed (they say 拣货单). It names the command line that ran and its step as daily named it."""

from __future__ import annotations

from cli_run import flat, shopbook
from test_concurrency import small_shop


def test_doctor_names_the_step_daily_showed(tmp_path, monkeypatch):
    folder = tmp_path / "店铺"
    small_shop(folder)
    monkeypatch.setenv("SHOPBOOK_CRASH_AT", "journal")  # (killed once the journal is written, before any replace)
    cut = shopbook("daily", folder)
    assert cut.returncode == 86, cut.stdout + cut.stderr
    monkeypatch.delenv("SHOPBOOK_CRASH_AT")
    up = shopbook("doctor", folder)
    said = flat(up.stdout + up.stderr)
    assert up.returncode == 0, said
    assert flat(f"“shopbook daily {folder}”的“拣货单”这一步在写入多个文件时被中断") in said, said
    assert "“picklist”" not in said, said
