"""validate's record of a run (io.memo) kept how a box in Excel words an after-sales case set 已完成 and its return
never posted (Issue.by_button: the 售后收货… button's words), given back a list by a run from the record where a cold
run gave a tuple. validate gives none, cold or from its record, and its record holds none."""

from __future__ import annotations

import dataclasses

from shopbook.io import cache
from shopbook.validate.run import validate_path
from test_addin_labels_half_edited import shop_with_a_done_return  # noqa: F401 (the fixture)


def test_a_validate_from_its_record_gives_what_a_cold_one_gives(shop_with_a_done_return, monkeypatch):
    monkeypatch.setattr(cache, "MIN_BYTES", 0)  # (a record kept of a shop this small too)
    cold = validate_path(shop_with_a_done_return)
    [record] = (shop_with_a_done_return / ".shopbook-cache").rglob("validate.run.json")
    kept = validate_path(shop_with_a_done_return)
    assert any("SH-9" in i.message_zh for i in cold.warnings), cold.issues
    assert [dataclasses.astuple(i) for i in kept.issues] == [dataclasses.astuple(i) for i in cold.issues]
    assert all(i.by_button is None for i in cold.issues + kept.issues)
    said = record.read_text(encoding="utf-8")
    assert "售后收货" not in said and "Receive returns" not in said, said
