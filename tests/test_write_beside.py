"""stock.xlsx written by a forked copy of the process while orders.xlsx is written (io/forked:
a re-import, the scan check): the same files as a write made in place; what the copy raises (an error of ours, a
full disk, being killed) stops the job with nothing changed and no temp file left; a job failing
elsewhere ends the copy. Real imports of real exports into a real shop, the copy a real process."""

from __future__ import annotations

import errno
import os
import signal
import zipfile

import pytest

from shopbook.io import files, forked, sheet_edit
from shopbook.issues import ShopbookError
from shopbook.orders.workflow import import_orders, review, ship
from shopbook.schema import STOCK, Movement, MovementType
from shopbook.io.reader import read_workbook
from taobao_fixtures import detail_row, order_row, write_pair
from test_orders import TODAY, build_shop, scan_text

pytestmark = pytest.mark.skipif(not forked.CAN_FORK, reason="written in turn where there is no fork")

NOS = ["3900000000000000401", "3900000000000000402", "3900000000000000403"]


def tb(no: str, status: str = "买家已付款，等待卖家发货", tracking: str = "") -> dict:
    r = order_row(no, f"tb_{no}", f"买家{no[-2:]}", f"138000{no[-5:]}", f"浙江省 杭州市 西湖区 文三路{no[-3:]}号(310000)",
                  "2026-11-21 09:00:00", status=status, goods="99.00")
    if tracking:
        r.update({"物流公司": "中通快递", "物流单号 ": tracking, "发货时间": "2026-11-22 15:00:00"})
    return r


def shipped_later(tmp_path):
    """A shop with three reviewed orders, and the next day's export in which two have shipped."""
    shop = build_shop(tmp_path / "shop")
    import_orders(shop, list(write_pair(tmp_path / "d1", [tb(n) for n in NOS],
                                        [detail_row(n, "衬衫", "99.00", "1", "SH-BK-M") for n in NOS])))
    review(shop)
    sent = "卖家已发货，等待买家确认"
    day2 = write_pair(tmp_path / "d2", [tb(NOS[0], sent, "7300000401"), tb(NOS[1], sent, "7300000402"), tb(NOS[2])],
                      [detail_row(NOS[0], "衬衫", "99.00", "1", "SH-BK-M", status=sent),
                       detail_row(NOS[1], "衬衫", "99.00", "1", "SH-BK-M", status=sent),
                       detail_row(NOS[2], "衬衫", "99.00", "1", "SH-BK-M")], stamp="20261122")
    return shop, list(day2)


def members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def books(shop) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (shop.folder / "stock.xlsx", shop.folder / "orders.xlsx")}


def temps(shop) -> list[str]:
    return [p.name for p in shop.folder.rglob(f"*{files.TEMP_MARK}*")]


@pytest.fixture
def copies(monkeypatch):
    """Every workbook is worth a copy; the copies started, by pid."""
    monkeypatch.setattr(files, "BESIDE_BYTES", 0)
    started = []
    real = forked.Forked.start.__func__

    def start(cls, write, tmp, path):
        copy = real(cls, write, tmp, path)
        started.append(copy)
        return copy

    monkeypatch.setattr(forked.Forked, "start", classmethod(start))
    return started


def import_then_ship(shop, day2, tmp_path):
    """The later export imported (two orders shipped on the platform), then the third order's
    parcel through the scan check: two jobs that write stock.xlsx and then orders.xlsx."""
    res = import_orders(shop, day2, today=TODAY)
    scans = tmp_path / "scan.txt"
    scans.write_text(scan_text(((NOS[2], "中通", "7300000403"), ("0690000000031",))), encoding="utf-8")
    return res, ship(shop, scans, today=TODAY)


def test_stock_written_by_a_copy_is_the_file_a_write_in_place_makes(tmp_path, copies, monkeypatch):
    shop, day2 = shipped_later(tmp_path / "a")
    res, shipped = import_then_ship(shop, day2, tmp_path / "a")
    assert [c.path.name for c in copies] == ["stock.xlsx", "stock.xlsx"] and all(c.done for c in copies)
    assert sorted((m.ref, m.type) for m in read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)) == [
        (NOS[0], MovementType.OUT), (NOS[1], MovementType.OUT), (NOS[2], MovementType.OUT)]
    assert len(res.movements) == 2 and shipped.shipped == [NOS[2]] and temps(shop) == []

    monkeypatch.setattr(files, "BESIDE_BYTES", 1 << 60)  # the same jobs, each file written in place
    other, day2b = shipped_later(tmp_path / "b")
    import_then_ship(other, day2b, tmp_path / "b")
    assert len(copies) == 2
    for name in ("stock.xlsx", "orders.xlsx"):
        assert members(shop.folder / name) == members(other.folder / name), name


@pytest.mark.parametrize("failure", ["ours", "disk full", "killed"])
def test_what_the_copy_raises_stops_the_job_and_nothing_changes(tmp_path, copies, monkeypatch, failure):
    shop, day2 = shipped_later(tmp_path)
    before = books(shop)
    real = sheet_edit.patch_workbook

    def patch(path, out, *a, **k):  # in the copy: only stock.xlsx is written there
        if out.name.startswith(".stock"):
            if failure == "ours":
                raise ShopbookError("工作表结构无法识别。", "The sheet's structure is not recognised.", path)
            if failure == "disk full":
                raise OSError(errno.ENOSPC, "No space left on device", str(out))
            os.kill(os.getpid(), signal.SIGKILL)
        return real(path, out, *a, **k)

    monkeypatch.setattr(sheet_edit, "patch_workbook", patch)
    if failure == "ours":
        with pytest.raises(ShopbookError) as e:
            import_orders(shop, day2, today=TODAY)
        assert (e.value.en, e.value.zh) == ("The sheet's structure is not recognised.", "工作表结构无法识别。")
        assert e.value.path.endswith("stock.xlsx")
    elif failure == "disk full":
        with pytest.raises(OSError) as e:
            import_orders(shop, day2, today=TODAY)
        assert e.value.errno == errno.ENOSPC and not isinstance(e.value, ShopbookError)
    else:
        with pytest.raises(ShopbookError, match="ended unexpectedly") as e:
            import_orders(shop, day2, today=TODAY)
        assert "signal 9" in e.value.en and "没有改动任何文件" in e.value.zh
    assert [c.path.name for c in copies] == ["stock.xlsx"]
    assert books(shop) == before  # neither workbook replaced
    assert temps(shop) == []  # the copy's temp file and the one written here both removed


def test_a_job_that_fails_elsewhere_ends_its_copy(tmp_path, copies, monkeypatch):
    shop, day2 = shipped_later(tmp_path)
    before = books(shop)

    def patch(path, out, *a, **k):
        if out.name.startswith(".stock"):
            signal.pause()  # the copy would write for ever
        raise ShopbookError("工作表结构无法识别。", "The sheet's structure is not recognised.", path)  # orders.xlsx

    monkeypatch.setattr(sheet_edit, "patch_workbook", patch)
    with pytest.raises(ShopbookError, match="not recognised"):
        import_orders(shop, day2, today=TODAY)
    (copy,) = copies
    assert copy.done
    with pytest.raises(ChildProcessError):  # ended and reaped: no such child any more
        os.waitpid(copy.pid, os.WNOHANG)
    assert books(shop) == before and temps(shop) == []


def _crash_child(folder: str, day2: list[str], point: str) -> None:
    from pathlib import Path

    from shopbook.shop import open_shop

    os.environ["SHOPBOOK_CRASH_AT"] = point
    files.BESIDE_BYTES = 0
    try:
        import_orders(open_shop(Path(folder)), [Path(p) for p in day2], today=TODAY)
    finally:
        os._exit(0)


def _state(shop) -> tuple:
    from shopbook.schema import ORDERS, OrderLine

    lines = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)
    moves = read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)
    return (sorted((ln.order_no, ln.status.value, ln.tracking_no) for ln in lines),
            sorted((m.ref, m.sku, m.qty) for m in moves if m.type is MovementType.OUT))


@pytest.mark.parametrize("point", ["temp", "written", "staged", "journal", "replace:1", "replace:2", "replaced"])
def test_killed_at_a_named_point_while_a_copy_writes(tmp_path, point):
    """As tests/test_crash.py for a job one of whose files a copy writes: the shop is as it was
    or as the whole job leaves it once doctor has run, no temp file stays, and the import then
    completes. (The crash points of the write made beside are the parent's: before the fork, and
    once the copy is done.)"""
    import multiprocessing as mp

    from typer.testing import CliRunner

    from shopbook.cli import app
    from shopbook.io import journal
    from shopbook.shop import open_shop
    from test_crash import leftovers

    shop, day2 = shipped_later(tmp_path / "clean")
    before = _state(shop)
    import_orders(shop, day2, today=TODAY)
    after = _state(shop)
    assert after != before

    shop, day2 = shipped_later(tmp_path / "crash")
    p = mp.get_context("fork").Process(target=_crash_child, args=(str(shop.folder), [str(x) for x in day2], point))
    p.start()
    p.join(60)
    assert p.exitcode == 86  # the point was reached
    if point in ("journal", "replace:2", "replaced"):
        assert (shop.folder / journal.JOURNAL_NAME).exists()
    assert CliRunner().invoke(app, ["doctor", str(shop.folder)]).exit_code == 0
    assert _state(shop) in (before, after)
    assert leftovers(shop.folder) == []  # no temp file, journal or lock
    import_orders(open_shop(shop.folder), day2, today=TODAY)
    assert _state(shop) == after
