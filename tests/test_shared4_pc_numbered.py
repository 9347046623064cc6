"""QA: a shop whose PCs are numbered (KEFU-1 at the service desk, CANGKU-2 in the warehouse) keeps its folder
on OneDrive. Both PCs changed orders.xlsx at once and OneDrive kept KEFU-1's version as
orders-KEFU-1.xlsx: validate, daily and doctor never named it, so what 客服 typed there silently never
counted, while CANGKU-2's own second copy, orders-CANGKU-2-2.xlsx, was named. The trailing -1 was taken
for OneDrive's number and KEFU alone (no digit, no hyphen) for a person's label such as -OLD; a PC's
whole name is now tried too. A person's own orders-OLD-1.xlsx, -NEW-2, -V2-1 stay theirs."""

from __future__ import annotations

import pytest

from shopbook.sync_copies import copy_of, copy_words, shop_copies

BOOKS = ["stock.xlsx", "orders.xlsx", "ledger.xlsx", "kpi.xlsx", "agents.xlsx"]


@pytest.mark.parametrize("name", ["orders-KEFU-1.xlsx", "orders-DESKTOP-1.xlsx", "orders-CANGKU-2.xlsx",
                                  "orders-CANGKU-2-2.xlsx", "orders-KEFU-PC.xlsx", "orders-KEFU01-2.xlsx"])
def test_a_numbered_pcs_copy_is_known(name):
    assert copy_of(name, BOOKS) == "orders.xlsx"


@pytest.mark.parametrize("name", ["orders-OLD-1.xlsx", "orders-NEW-2.xlsx", "orders-V2-1.xlsx", "orders-BAK-2.xlsx",
                                  "orders-NOV-30.xlsx", "orders-Q4-2025.xlsx", "orders-2025-12.xlsx", "orders-old-1.xlsx"])
def test_a_persons_numbered_label_is_still_theirs(name):
    assert copy_of(name, BOOKS) is None


def test_the_shop_folder_names_the_copy_and_what_to_do(tmp_path):
    folder = tmp_path / "网店 共享"
    folder.mkdir()
    (folder / "orders.xlsx").write_bytes(b"PK")
    (folder / "orders-KEFU-1.xlsx").write_bytes(b"PK")  # never opened: known by its name
    (folder / "orders-OLD-1.xlsx").write_bytes(b"PK")
    found = shop_copies(folder)
    assert [(c.path.name, c.workbook) for c in found] == [("orders-KEFU-1.xlsx", "orders.xlsx")]
    zh, en = copy_words(found[0])
    assert "orders-KEFU-1.xlsx" in zh and "录入 orders.xlsx" in zh and "enter what is needed from the copy" in en
