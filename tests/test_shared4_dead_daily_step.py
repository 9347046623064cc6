"""QA: the 06:00 cron `daily` was killed (kill -9, the OOM killer) while it put its pick list in place; at 08:30
a person pressed 审单并拣货 (`orders morning`). Its run said only "✓ “picklist” was interrupted while writing
several files: this run has put them in place", and nothing of the daily job whose lock it cleared: its stock
alerts, KPI, 日报 and e-mail never ran, and the ✓ had the person take the day's job for done. The run now also
says that job did not end, that its files were put in place and any steps after that were not done, and what to
check (marked !). A job finished whole from its journal (the killed one was `picklist` itself) is said once,
as before."""

from __future__ import annotations

import json
from pathlib import Path

from shopbook.io import files, journal, lock

DEAD = 2 ** 22 + 7  # a pid no process has here


def killed_at_commit(folder, holder_command: str) -> Path:
    """The lock and journal a job killed as it put a pick list in place leaves: the list's temp complete."""
    (folder / "reports").mkdir(parents=True)
    target = folder / "reports" / "拣货单-20261205-1.csv"
    tmp = folder / "reports" / f".拣货单-20261205-1.{lock.host_name()}~{DEAD}~x.shopbook-tmp.csv"
    tmp.write_text("订单号,SKU,数量\n3515139900000000101,TS2601-NV-L,2\n", encoding="utf-8")
    (folder / journal.JOURNAL_NAME).write_text(json.dumps({
        "command": "picklist", "started": "2026-12-05T06:00:12", "files": [
            {"tmp": str(tmp), "target": str(target), "before": None,
             "after": files.fingerprint(tmp).to_json(), "report": True}]}), encoding="utf-8")
    (folder / lock.LOCK_NAME).write_text(json.dumps({
        "host": lock.host_name(), "user": "cron", "pid": DEAD, "command": holder_command,
        "since": "2026-12-05 06:00:01 +0800", "token": "t"}), encoding="utf-8")
    return target


def taken(folder, monkeypatch) -> list:
    said: list = []
    monkeypatch.setattr(journal, "on_recovered", lambda _folder, found: said.extend(found))
    lock.acquire(folder, "orders review")
    lock.release(folder)
    return said


def test_a_daily_killed_in_its_pick_list_is_said_as_not_done(tmp_path, monkeypatch):
    folder = tmp_path / "店铺 共享"
    target = killed_at_commit(folder, "shopbook daily 店铺 共享")
    said = taken(folder, monkeypatch)
    assert [f.kind for f in said] == ["journal", "lock"], said
    assert target.exists() and said[0].finished == (target,)
    zh, en = journal.recovered_words(said[1])
    assert "cron@" in zh and "shopbook daily" in zh and "并写好了它中断时正在写的文件" in zh and "之后的步骤（若有）没有做" in zh
    assert "什么都没有写入" not in zh, zh  # it did write: the pick list is in place
    assert "put in place the files it was writing" in en and "any steps after that were not done" in en
    assert "wrote nothing" not in en
    assert journal.recovered(folder) == said  # daily's report and e-mail say it too


def test_a_pick_list_killed_alone_is_said_once(tmp_path, monkeypatch):
    folder = tmp_path / "店铺"
    target = killed_at_commit(folder, "shopbook picklist 店铺")
    said = taken(folder, monkeypatch)
    assert [f.kind for f in said] == ["journal"] and target.exists(), said
