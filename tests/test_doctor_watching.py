"""`shopbook doctor` on a lock of another computer's job: it watches the lock's heartbeat for up to half
the staleness time (30 s by default) before judging it, and says so first, in the shop's language."""

from __future__ import annotations

import json
import shutil

from cli_run import CJK, flat, shopbook
from test_concurrency import small_shop


def test_doctor_says_it_watches_another_computers_lock_before_it_waits(tmp_path, monkeypatch):
    """QA: doctor on a shop whose lock 张三's PC (KEFU-PC) left printed nothing for 30 s, then its finding:
    a person took it for hung and pressed Ctrl+C."""
    folder = tmp_path / "店 铺"
    small_shop(folder)  # (test_concurrency's: orders waiting for review; the demo's year read the same, 1–2 s a run)
    (folder / ".shopbook.lock").write_text(json.dumps(
        {"host": "KEFU-PC", "user": "zhang", "pid": 4242, "command": "shopbook daily",
         "since": "2026-12-05 04:29:00 +0800", "token": "t1"}), encoding="utf-8")
    monkeypatch.setenv("SHOPBOOK_LOCK_STALE", "4")
    r = shopbook("doctor", folder, "--dry-run")
    assert r.returncode == 1, r.stdout + r.stderr
    said = flat(r.stderr)
    assert "店铺锁是另一台电脑上的任务的（zhang@KEFU-PC" in said and "看它是否还在更新" in said, r.stderr
    assert "最多2秒" in said and "watching" not in r.stderr  # one language: the shop's
    assert "已经不在运行" in flat(r.stdout)
    en = tmp_path / "en"
    shutil.copytree(folder, en)
    r = shopbook("init", tmp_path / "fresh", "--lang", "en")
    shutil.copy(tmp_path / "fresh" / "shopbook.toml", en / "shopbook.toml")
    (en / ".shopbook.lock").touch()
    r = shopbook("doctor", en, "--dry-run")
    assert "watching whether it is still updated" in " ".join(r.stderr.split()) and not CJK.search(r.stderr), r.stderr
