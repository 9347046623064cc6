"""shopbook's record of the exports imported (.shopbook-imported.json, orders/imported.py) is the only memory of
the orders a newer export showed closed and of the stores imported before. A record there that could not be
opened (a sync client or an antivirus holding it on Windows, no permission, a share's I/O error) was taken as
unreadable and rewritten from that import alone: every closed order and store before it lost, so the next older
export brought closed orders back to be picked. Now such an import stops before anything is written, saying the
file, why, and what to do; only bytes that make no record are rewritten (said)."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest
from test_imports12_older_export_later import TB, tb_pair
from test_orders import TODAY, build_shop

from shopbook.issues import ShopbookError
from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS

RECORD = ".shopbook-imported.json"


def test_a_record_that_cannot_be_opened_stops_the_import_and_is_kept(tmp_path, monkeypatch):
    shop = build_shop(tmp_path)
    import_orders(shop, tb_pair(tmp_path, "202612031030", status="交易关闭", close="买家不想买了"), today=TODAY)
    record, orders = (shop.folder / RECORD).read_bytes(), shop.path(ORDERS).read_bytes()
    assert TB.encode() in record  # the order the newer export showed closed
    real = Path.read_bytes
    for e in (PermissionError(errno.EACCES, "Permission denied"), OSError(errno.EIO, "Input/output error")):
        def held(p, e=e):
            if p.name == RECORD:
                raise e
            return real(p)

        monkeypatch.setattr(Path, "read_bytes", held)
        with pytest.raises(ShopbookError) as stop:
            import_orders(shop, tb_pair(tmp_path, "202612010930"), today=TODAY)
        monkeypatch.setattr(Path, "read_bytes", real)
        zh, en = stop.value.located()
        assert zh.startswith(str(shop.folder / RECORD)) and en.startswith(str(shop.folder / RECORD))
        assert ("权限" in zh and "permission" in en) if isinstance(e, PermissionError) else (
            "读写出错" in zh and "什么都没有导入" in zh and "nothing was imported" in en and "run again" in en)
        assert (shop.folder / RECORD).read_bytes() == record and shop.path(ORDERS).read_bytes() == orders


def test_a_record_written_by_another_import_meanwhile_is_read_again_not_overwritten(tmp_path, monkeypatch):
    """Another import (one that took over a lock it judged stale) writes the record between this import's read
    and its write: the record was replaced with this import's alone, the other's closed orders lost. Now it is
    checked as orders.xlsx is (io.files.remember_read): the import is read again and redone over the other's."""
    from shopbook.orders import imported

    shop = build_shop(tmp_path)
    import_orders(shop, tb_pair(tmp_path, "202612010930"), today=TODAY)
    theirs = {"version": 1, "newest": {"taobao": "2026-12-03T10:30:00"},
              "closed": {"taobao": {"2026-12-03T10:30:00": ["3515000000000009999"]}}, "stores": {}}
    real, calls = imported.record_bytes, []

    def meanwhile(*a, **k):
        if not calls:  # the other import's record lands while this one works
            (shop.folder / RECORD).write_text(json.dumps(theirs), "utf-8")
        calls.append(1)
        return real(*a, **k)

    monkeypatch.setattr(imported, "record_bytes", meanwhile)
    import_orders(shop, tb_pair(tmp_path, "202612040930", status="交易关闭", close="买家不想买了"), today=TODAY)
    record = json.loads((shop.folder / RECORD).read_text("utf-8"))
    assert len(calls) == 2  # redone once, over the other's record
    assert record["newest"] == {"taobao": "2026-12-04T09:30:00"}
    assert record["closed"]["taobao"]["2026-12-03T10:30:00"] == ["3515000000000009999"]
