"""QA: on the shop folder the group shares, 张三 imported orders under umask 077 with an older shopbook (or a
share's create mask), leaving .shopbook-imported.json 0600 and his. Every import of 李四's then stopped
(no permission to read it), and each morning's daily skipped its 导入 inbox, 审单 and 拣货单. 李四 ran
`shopbook doctor` to find out why: ✓ 没有发现问题, exit 0. doctor now names the record, whose it is, what stops
on it and what to do (not to delete it: it keeps the exports imported before), exit 1, and changes nothing."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from cli_run import flat
from test_folder_not_writable import shopbook_unprivileged

from shopbook.orders.imported import RECORD_NAME

DEMO = Path(__file__).resolve().parents[1] / "xlsx"


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_doctor_names_an_import_record_this_user_may_not_read(tmp_path):
    folder = tmp_path / "店 铺"
    shutil.copytree(DEMO, folder, ignore=shutil.ignore_patterns(".shopbook-*"))
    record = folder / RECORD_NAME
    record.write_text(json.dumps({"version": 1, "newest": {"taobao": "2026-12-04T00:00:00"}, "closed": {},
                                  "stores": {"taobao": ["演示服装店"]}}), encoding="utf-8")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.chown(record, 2001, 2001)  # a colleague's
    record.chmod(0o600 if os.geteuid() == 0 else 0o000)
    before = record.stat()
    r = shopbook_unprivileged("doctor", folder, "--json")
    assert r.returncode == 1, r.stdout + r.stderr
    found = [f for f in json.loads(r.stdout)["findings"] if f["kind"] == "unwritable"]
    assert [Path(f["path"]).name for f in found] == [RECORD_NAME], found
    zh, en = flat(found[0]["zh"]), found[0]["en"]
    assert "不能读它" in zh and "导入订单" in zh and "不要删除它" in zh and "chmodg+rw" in zh, zh
    assert "may not read it" in en and "Do not delete it" in en and not found[0]["repaired"]
    after = record.stat()
    assert (after.st_mode, after.st_uid, after.st_mtime_ns) == (before.st_mode, before.st_uid, before.st_mtime_ns)
