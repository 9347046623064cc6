"""A symlinked workbook (orders.xlsx in the shop folder, a link to the file on another disk) that a person
opened through the link while a job worked (a share shows the link as the file: Excel's ~$orders.xlsx is
made beside the link) was replaced under the open book: the check just before the replace looked for the
mark beside the link's target only. A workbook's marks are now looked for beside both."""

from __future__ import annotations

import os

import pytest
from test_concurrency import small_shop

from shopbook.io import files
from shopbook.issues import ShopbookError


def test_a_workbook_opened_through_its_link_meanwhile_is_not_replaced(tmp_path, monkeypatch):
    from shopbook.orders.workflow import review

    folder, data = tmp_path / "shop", tmp_path / "data"
    shop = small_shop(folder)
    data.mkdir()
    os.replace(folder / "orders.xlsx", data / "orders.xlsx")
    (folder / "orders.xlsx").symlink_to(data / "orders.xlsx")
    before = files.file_hash(data / "orders.xlsx")
    crash_point = files.crash_point

    def opened_meanwhile(name):
        if name == "staged":  # the job's new version written, nothing replaced yet: Excel opens it via the link
            (folder / "~$orders.xlsx").write_bytes(b"\x03amy")
        crash_point(name)
    monkeypatch.setattr(files, "crash_point", opened_meanwhile)
    with pytest.raises(ShopbookError) as e:
        review(shop)
    assert "(amy)" in e.value.en and "~$orders.xlsx" in e.value.en
    assert files.file_hash(data / "orders.xlsx") == before and (folder / "orders.xlsx").is_symlink()
