"""The pick list's documents (pick list and packing notes, .xlsx) of a big batch are made by a
forked copy of the process while the job writes orders.xlsx (issue 20: the morning job), and the
morning job commits them and orders.xlsx as one: neither is in place without the other. A pick
list template that cannot be used is one clear stop, and the morning's review still stands."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from cli_run import flat, shopbook
from test_orders import TODAY, build_shop, detail_row, exports, order_row, write_pair

from shopbook.io import cache, forked
from shopbook.io.reader import read_workbook
from shopbook.orders import documents
from shopbook.orders.workflow import import_orders, make_picklist, morning
from shopbook.schema import ORDERS, OrderLine, OrderStatus


def _imported(tmp_path: Path, name: str):
    shop = build_shop(tmp_path / name)
    import_orders(shop, list(exports(tmp_path / name)), today=TODAY)
    return shop


def _state(shop) -> list[tuple]:
    return [(ln.order_no, ln.sku, ln.status, ln.review, ln.batch, ln.gifts)
            for ln in read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)]


def _sheets(path: Path) -> dict[str, bytes]:
    """The sheets of a written workbook (its docProps carry the time it was made)."""
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith("xl/")}


@pytest.fixture
def forks(monkeypatch):
    """Every batch big enough for a copy of its own; the copies started, counted."""
    started = []
    real = forked.Forked.start

    def start(write, tmp, path):
        copy = real(write, tmp, path)
        started.append((Path(path).name, copy is not None))
        return copy

    monkeypatch.setattr(documents, "BESIDE_PARCELS", 1)
    monkeypatch.setattr(forked.Forked, "start", start)
    return started


def test_the_morning_documents_made_by_a_forked_copy_are_those_made_in_place(tmp_path, monkeypatch, forks):
    a, b = _imported(tmp_path, "a"), _imported(tmp_path, "b")
    ra = morning(a, today=TODAY)
    assert ra.complete and ra.pick.parcels
    # the packing notes' workbook and the waybill CSV, each by a copy of its own
    assert forks == [(ra.pick.files[0].name, True), (ra.pick.files[1].name, True)]

    monkeypatch.setattr(forked, "CAN_FORK", False)  # where there is no fork: the same, made in place
    rb = morning(b, today=TODAY)
    assert len(forks) == 2
    assert _state(a) == _state(b) and any(s[4] for s in _state(a))
    assert [f.name for f in ra.pick.files] == [f.name for f in rb.pick.files]
    assert _sheets(ra.pick.files[0]) == _sheets(rb.pick.files[0])
    assert ra.pick.files[1].read_bytes() == rb.pick.files[1].read_bytes()  # the waybill CSV
    assert not list(a.folder.rglob("*.shopbook-tmp*")) and not list(a.reports.glob(".*"))  # no temp file left


def test_the_job_leaves_a_big_batch_s_pick_list_to_the_copy_that_writes_it(tmp_path, monkeypatch, forks):
    """The lines of a big batch's pick list are made by the copy that writes its documents; the
    job makes them only when asked (--json lists them), and counts the batch's items from its
    parcels: the same count as the pick list's, gifts among them."""
    from shopbook.orders import workflow

    made, real = [], workflow.pick_list
    monkeypatch.setattr(workflow, "pick_list", lambda *a: made.append(1) or real(*a))
    shop = _imported(tmp_path, "a")
    orders = [order_row("301", "b", "甲", "13800000000", "浙江省 杭州市 西湖区 x路1号", "2026-11-21 09:00:00")]
    details = [detail_row("301", "t", "99.50", "2", "SH-BK-M")]  # 199.00: a gift (满199送袜子)
    import_orders(shop, list(write_pair(tmp_path / "g", orders, details)), today=TODAY)
    res = morning(shop, today=TODAY)
    assert len(res.pick.parcels) > 1 and forks and made == []
    # what the summary counts was counted within the job, while the copies finished
    assert {"items", "platform_waybills"} <= vars(res.pick).keys()
    said = [zh for mark, zh, _ in res.pick.said() if mark == "✓"]
    assert made == []
    lines = res.pick.lines
    assert made == [1] and res.pick.lines is lines and any(x.gift for x in lines)
    assert said == [f"批次 {res.pick.batch}：{len(res.pick.parcels)} 个订单，{sum(x.qty for x in lines)} 件"]


def test_the_pick_list_command_waits_for_its_copy(tmp_path, forks):
    shop = _imported(tmp_path, "a")
    from shopbook.orders.workflow import review

    review(shop)
    pick = make_picklist(shop, today=TODAY)
    assert forks and forks[0] == (pick.files[0].name, True)
    notes = _sheets(pick.files[0])  # whole when the command returns
    assert b"3515131473293579" in notes["xl/worksheets/sheet2.xml"]


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "in place"])
@pytest.mark.parametrize("damage", ["not a workbook", "sheet renamed"])
def test_a_template_that_cannot_be_used_stops_the_pick_list_and_the_review_stands(tmp_path, monkeypatch, forks,
                                                                                 fork, damage):
    """Before, a shop's own pick list template that was not a workbook ended the morning job with
    an internal error. Now: the pick list says why not, no pick list file is made, no order is
    marked picked, and the review is written, whether the copy or the job made the documents."""
    monkeypatch.setattr(forked, "CAN_FORK", fork)
    monkeypatch.setattr(cache, "MIN_BYTES", 0)  # the parsed-sheet cache kept for this small shop too
    shop = _imported(tmp_path, "a")
    own = shop.folder / "templates" / "reports" / "picklist.xlsx"
    own.parent.mkdir(parents=True)
    if damage == "not a workbook":
        own.write_bytes(b"PK\x03\x04 half a file")
    else:
        wb = documents.build_template("zh")
        wb["发货单"].title = "发货"
        wb.save(own)
    r = morning(shop, today=TODAY)
    assert r.pick is None and r.stopped is not None
    assert ("打不开" if damage == "not a workbook" else "缺少工作表“发货单”") in r.stopped[0]
    assert forks == ([("拣货单-20261122-1.xlsx", True), ("面单-20261122-1.csv", True)] if fork else [])
    lines = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)
    assert any(ln.status is OrderStatus.APPROVED for ln in lines) and all(ln.review for ln in lines
                                                                           if ln.status is OrderStatus.APPROVED)
    assert not any(ln.batch for ln in lines)  # nothing marked picked
    assert not list(shop.reports.iterdir())  # no pick list, no waybills, no temp file
    assert not list(shop.folder.glob(".shopbook-journal*"))
    # the reads the job cached held the batch it dropped: they did not outlive it, in memory or in the cache
    assert list((shop.folder / ".shopbook-cache").iterdir())
    monkeypatch.setattr(cache, "disabled", True)
    assert _state(shop) == [(ln.order_no, ln.sku, ln.status, ln.review, ln.batch, ln.gifts) for ln in lines]


def test_the_pick_list_command_with_a_broken_template_is_one_clear_stop(tmp_path):
    shop = _imported(tmp_path, "a")
    from shopbook.orders.workflow import review

    review(shop)
    own = shop.folder / "templates" / "reports" / "picklist.xlsx"
    own.parent.mkdir(parents=True)
    own.write_text("not a workbook")
    before = shop.path(ORDERS).read_bytes()
    r = shopbook("picklist", shop.folder)
    assert r.returncode == 2, r.stderr
    assert "拣货单模板打不开" in flat(r.stderr) and "picklist.xlsx" in flat(r.stderr)
    assert "Traceback" not in r.stderr and "内部错误" not in r.stderr
    assert shop.path(ORDERS).read_bytes() == before and not list(shop.reports.iterdir())


def test_a_copy_of_the_shop_with_its_template_moved_aside_picks_again(tmp_path, forks):
    """The stop is the whole story: once the template is mended (here: removed), the same
    orders are picked, in one batch, as if nothing had happened."""
    shop = _imported(tmp_path, "a")
    own = shop.folder / "templates" / "reports" / "picklist.xlsx"
    own.parent.mkdir(parents=True)
    own.write_text("x")
    assert morning(shop, today=TODAY).pick is None
    shutil.rmtree(own.parent)
    r = morning(shop, today=TODAY)
    assert r.complete and r.pick.batch == "20261122-1" and r.pick.parcels
    picked = [ln for ln in read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine) if ln.batch]
    assert {ln.order_no for ln in picked} == {p.order_no for p in r.pick.parcels}


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "in place"])
def test_the_daily_job_with_a_template_that_cannot_be_used_keeps_its_review(tmp_path, monkeypatch, forks, fork):
    """daily's pick list step fails on the template; its review step stands, written, whether the
    documents' copy failed at the job's commit (after orders.xlsx was planned with the batch) or
    the write failed in place before it."""
    from shopbook.report.workflow import run_daily

    monkeypatch.setattr(forked, "CAN_FORK", fork)
    shop = _imported(tmp_path, "a")
    own = shop.folder / "templates" / "reports" / "picklist.xlsx"
    own.parent.mkdir(parents=True)
    own.write_bytes(b"PK\x03\x04 half a file")
    run = run_daily(shop, TODAY, send=False)
    steps = {s.name: s for s in run.steps}
    assert steps["review"].ok, steps["review"].detail
    assert steps["picklist"].ok is False and "打不开" in steps["picklist"].detail
    lines = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)
    assert any(ln.status is OrderStatus.APPROVED for ln in lines) and not any(ln.batch for ln in lines)
    assert not [p for p in shop.reports.iterdir() if "拣货单" in p.name or "面单" in p.name]
