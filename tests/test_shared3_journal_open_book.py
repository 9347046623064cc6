"""A job killed after its journal (a power cut, kill -9) was finished by the next writing run even where a
person had meanwhile opened its workbook in Excel (~$orders.xlsx beside it): orders.xlsx was replaced under
the open book, which a share allows, and the run said ✓; the person's next save then put back the orders
without their batch, while the pick list stood. The job itself would have stopped on the open workbook: so
does its finishing now, naming who has it open, with nothing replaced, and finishes once it is closed;
doctor lists the journal and the open mark (before: it stopped, listing nothing)."""

from __future__ import annotations


import pytest
from test_concurrency import picklist_left_mid_journal, small_shop

from shopbook import doctor
from shopbook.io import files, journal, lock
from shopbook.issues import ShopbookError


def test_a_journal_waits_for_its_open_workbook_to_be_closed(tmp_path):
    folder = tmp_path / "shop"
    small_shop(folder)
    orders = folder / "orders.xlsx"
    before = files.file_hash(orders)
    picklist_left_mid_journal(folder)
    mark = folder / "~$orders.xlsx"
    mark.write_bytes(b"\x03amy" + b" " * 51 + (3).to_bytes(2, "little") + "amy".encode("utf-16-le"))
    with pytest.raises(ShopbookError) as e:
        lock.acquire(folder, "stock summary")  # the next writing run finishes the job as it takes the lock
    assert "orders.xlsx" in e.value.en and "(amy)" in e.value.en and "~$orders.xlsx" in e.value.en
    assert "orders.xlsx" in e.value.zh and "（amy）" in e.value.zh
    assert files.file_hash(orders) == before and (folder / journal.JOURNAL_NAME).exists()  # nothing replaced
    assert not lock.held(folder)
    up = doctor.check(folder)  # doctor lists it, and the mark, rather than stop
    assert {f.kind: f.repaired for f in up.findings if f.kind in ("journal", "open")} == {"journal": False,
                                                                                           "open": False}
    assert files.file_hash(orders) == before
    mark.unlink()  # closed: the next run finishes it
    lock.acquire(folder, "stock summary")
    try:
        assert [f.kind for f in journal.recovered(folder)] == ["journal"]
    finally:
        lock.release(folder)
    assert files.file_hash(orders) != before and not (folder / journal.JOURNAL_NAME).exists()
