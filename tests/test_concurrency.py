"""Two writers at once on one shop lose nothing: real processes (forked, so the libraries
are loaded once) race on real files under the shop lock; a workbook changed by someone
else between shopbook's read and its write is read again and the edits re-applied, or
nothing is written; the lock waits a bounded time, names its holder, and a lock left by
a dead process (this host) or a silent one (another host) is taken over."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing as mp
import os
import socket
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

import pytest

from shopbook.io import files, journal, lock
from shopbook.io.reader import read_workbook
from shopbook.issues import ShopbookError
from shopbook.schema import (ORDERS, STOCK, Movement, MovementType, OrderLine, OrderStatus, Product, ShippingRate,
                             StocktakeCount)
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

D = Decimal
TODAY = dt.date(2026, 11, 22)
COUNT_DAY = dt.date(2026, 11, 21)
SKUS = ["P1", "P2", "P3", "P4"]
N = 12  # orders of each kind


def _line(no: str, sku: str, status: OrderStatus, batch: str | None = None) -> OrderLine:
    return OrderLine(order_no=no, paid_at=dt.datetime(2026, 11, 20, 10, 0), buyer="tb_" + no, receiver="王芳",
                     phone="13812345678", address="浙江省 杭州市 西湖区 文三路100号", sku=sku, qty=1,
                     unit_price=D("99.00"), status=status, batch=batch, gifts="无" if batch else None)


def small_shop(folder: Path, typo: bool = False):
    """Products with room to sell; orders waiting for review (R…), approved ones waiting to be
    picked (K…), picked ones waiting to ship (S…); a stocktake count to post. With
    `typo`, one 缺货登记 date does not read (validate --write has something to write into
    stock.xlsx, while the other commands still run)."""
    init_shop(folder)
    products = [Product(sku=s, style="ST", name=f"衬衫{s}", colour="白色", size="M", bin=f"A-0{i}", barcode=f"69000{i}",
                        cost=D("30"), price=D("99.00"), opening_qty=500, safety_stock=2, weight_kg=D("0.4"),
                        status="在售") for i, s in enumerate(SKUS, start=1)]
    counts = [StocktakeCount(date=COUNT_DAY, sku=s, counted=480 + i) for i, s in enumerate(SKUS)]
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: products, StocktakeCount: counts}, keep_backup=False)
    lines = ([_line(f"R{i:03d}", SKUS[i % 4], OrderStatus.NEW) for i in range(N)]
             + [_line(f"K{i:03d}", SKUS[i % 4], OrderStatus.APPROVED) for i in range(N)]
             + [_line(f"S{i:03d}", SKUS[i % 4], OrderStatus.APPROVED, batch="20261120-1") for i in range(N)])
    rates = [ShippingRate(courier="中通", province="其他", first_kg=D("1"), first_price=D("8"), extra_per_kg=D("4"))]
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines, ShippingRate: rates}, keep_backup=False)
    if typo:
        import openpyxl

        wb = openpyxl.load_workbook(folder / "stock.xlsx")
        ws = wb["缺货登记"]
        ws.append(["明天", "陈小姐", "13700002222", "P1"])
        wb.save(folder / "stock.xlsx")
    (folder / "scans.txt").write_text("".join(f"S{i:03d},中通,ZT{i:05d}\n{SKUS[i % 4]}\n" for i in range(N)),
                                      encoding="utf-8")
    for name, prefix in (("a.csv", "A"), ("b.csv", "B")):
        rows = ["订单编号,商家编码,数量,单价,收货人,手机,收货地址,付款时间"]
        rows += [f"{prefix}{i:03d},{SKUS[i % 4]},1,99.00,李四,13900001111,浙江省 杭州市 西湖区 文三路1号,2026-11-21 09:00"
                 for i in range(N)]
        (folder / name).write_text("\n".join(rows) + "\n", encoding="utf-8")
    return open_shop(folder)


# --- what each writing command does, and how to see that it was done ---------------------

def run_op(name: str, folder: Path) -> None:
    from shopbook.orders.workflow import import_orders, make_picklist, review, ship
    from shopbook.stock.workflow import stocktake_post
    from shopbook.validate import validate_path
    from shopbook.validate.write import write_all_issues

    shop = open_shop(folder)
    if name == "import-a":
        import_orders(shop, [folder / "a.csv"])
    elif name == "import-b":
        import_orders(shop, [folder / "b.csv"])
    elif name == "review":
        review(shop)
    elif name == "picklist":
        make_picklist(shop, today=TODAY)
    elif name == "ship":
        ship(shop, folder / "scans.txt", today=TODAY)
    elif name == "stocktake":
        stocktake_post(shop, COUNT_DAY, today=TODAY)
    elif name == "stock-summary":
        from shopbook.stock.workflow import stock_summary

        stock_summary(shop, as_of=TODAY)
    elif name == "validate-write":
        result = validate_path(folder)
        write_all_issues(list(result.books.values()), result.issues, "zh", reports=folder / "reports")
    else:
        raise ValueError(name)


def state(folder: Path) -> dict:
    """What the shop's workbooks hold, as the commands' results are judged."""
    lines = read_workbook(folder / "orders.xlsx", ORDERS, (OrderLine,)).rows(OrderLine)
    moves = read_workbook(folder / "stock.xlsx", STOCK, (Movement,)).rows(Movement)
    import openpyxl

    sheets = openpyxl.load_workbook(folder / "stock.xlsx", read_only=True).sheetnames
    return {"orders": {ln.order_no: (ln.status.value if ln.status else None, ln.batch, ln.tracking_no) for ln in lines},
            "out": sorted((m.ref, m.sku, m.qty) for m in moves if m.type is MovementType.OUT),
            "adjust": sorted((m.sku, m.qty) for m in moves if m.type is MovementType.ADJUST),
            "issues_sheet": "校验结果" in sheets, "summary_sheet": "库存汇总" in sheets}


def done(name: str, st: dict) -> bool:
    """Whether the effect of command `name` is all there in `st`."""
    o = st["orders"]
    if name in ("import-a", "import-b"):
        p = "A" if name == "import-a" else "B"
        return all(f"{p}{i:03d}" in o for i in range(N))
    if name == "review":
        return all(o[f"R{i:03d}"][0] in ("已审核", "已挂起") for i in range(N))
    if name == "picklist":
        return all(o[f"K{i:03d}"][1] for i in range(N))
    if name == "ship":
        return (all(o[f"S{i:03d}"][0] == "已发货" for i in range(N))
                and st["out"] == sorted((f"S{i:03d}", SKUS[i % 4], 1) for i in range(N)))
    if name == "stocktake":
        return len(st["adjust"]) == len(SKUS)
    if name == "validate-write":
        return st["issues_sheet"]
    if name == "stock-summary":
        return st["summary_sheet"]
    raise ValueError(name)


def _child(name: str, folder: str, go, result: str) -> None:
    said = "did not finish"
    # a slow share: each write waits before it replaces the file, so the two runs overlap
    # (without the lock both read the old file and the second replace drops the first's work)
    os.environ["SHOPBOOK_PAUSE_AT"] = "written=0.15"
    try:
        go.wait(20)
        run_op(name, Path(folder))
        said = "ok"
    except BaseException as e:  # noqa: BLE001 - reported to the parent, which fails the test
        said = f"{type(e).__name__}: {e}"
    finally:
        Path(result).write_text(said, encoding="utf-8")
        os._exit(0)


def race(folder: Path, a: str, b: str) -> list[tuple[str, str]]:
    """`a` and `b` in two processes released at the same moment; what each said."""
    ctx = mp.get_context("fork")
    go = ctx.Event()
    out = [folder.parent / f"result-{i}-{n}.txt" for i, n in enumerate((a, b))]
    procs = [ctx.Process(target=_child, args=(n, str(folder), go, str(r))) for n, r in zip((a, b), out)]
    for p in procs:
        p.start()
    go.set()
    for p in procs:
        p.join(60)
    return [(n, r.read_text(encoding="utf-8") if r.exists() else "no result") for n, r in zip((a, b), out)]


PAIRS = [("import-a", "import-b"), ("review", "ship"), ("review", "import-a"), ("stocktake", "ship"),
         ("validate-write", "ship"), ("validate-write", "stocktake"), ("picklist", "ship"), ("picklist", "review"), ("stocktake", "import-b"),
         ("stock-summary", "ship")]


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return small_shop(tmp_path_factory.mktemp("tpl") / "shop", typo=True).folder


def copy_of(template: Path, tmp_path: Path):
    import shutil

    shutil.copytree(template, tmp_path / "shop")
    return open_shop(tmp_path / "shop")


@pytest.mark.parametrize("a,b", PAIRS, ids=[f"{a}+{b}" for a, b in PAIRS])
def test_two_writers_at_once_lose_nothing(template, tmp_path, a, b):
    folder = copy_of(template, tmp_path).folder
    results = race(folder, a, b)
    assert sorted(r for _, r in results) == ["ok", "ok"], results
    st = state(folder)
    assert done(a, st), (a, st)
    assert done(b, st), (b, st)
    assert not (folder / lock.LOCK_NAME).exists() and not (folder / journal.JOURNAL_NAME).exists()
    assert not list(folder.rglob("*" + files.TEMP_MARK + "*"))


# --- no lost update: a change made between the read and the write --------------------------

def _edit_in_excel(path: Path, order_no: str, note: str) -> None:
    """What a person saving in Excel does to the file: a cell changes (openpyxl save)."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, head.index("订单编号") + 1).value == order_no:
            ws.cell(r, head.index("卖家备注") + 1).value = note
    wb.save(path)


def test_a_change_between_read_and_write_is_read_again_and_kept(template, tmp_path, monkeypatch):
    from shopbook.orders.workflow import review

    shop = copy_of(template, tmp_path)
    path = shop.path(ORDERS)
    real_commit = journal.Job.commit
    calls = []

    def commit(self):
        if not calls:  # the first time: a person saves the workbook just before shopbook replaces it
            _edit_in_excel(path, "S003", "周五后发")
        calls.append(1)
        return real_commit(self)

    monkeypatch.setattr(journal.Job, "commit", commit)
    decisions, _ = review(shop)
    assert len(calls) == 2  # the first commit stopped before writing; the review ran again on the new file
    by = {ln.order_no: ln for ln in read_workbook(path, ORDERS, (OrderLine,)).rows(OrderLine)}
    assert by["S003"].seller_note == "周五后发"  # the person's edit is there
    assert all(by[f"R{i:03d}"].status in (OrderStatus.APPROVED, OrderStatus.HELD) for i in range(N))  # and the review


def test_a_file_that_keeps_changing_stops_the_job_with_nothing_written(template, tmp_path, monkeypatch):
    from shopbook.orders.workflow import ship

    shop = copy_of(template, tmp_path)
    n = [0]
    real_commit = journal.Job.commit

    def commit(self):
        n[0] += 1
        _edit_in_excel(shop.path(ORDERS), "S001", f"改了 {n[0]} 次")
        return real_commit(self)

    monkeypatch.setattr(journal.Job, "commit", commit)
    stock_before = shop.path(STOCK).read_bytes()
    with pytest.raises(files.WorkbookChanged) as e:
        ship(shop, shop.folder / "scans.txt", today=TODAY)
    assert "nothing was written" in e.value.en and "什么都没有写入" in e.value.zh
    assert shop.path(STOCK).read_bytes() == stock_before  # the other file of the job was not written either
    by = {ln.order_no: ln for ln in read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)}
    assert by["S001"].seller_note == f"改了 {journal.RETRIES + 1} 次" and by["S001"].status is OrderStatus.APPROVED
    assert not list(shop.folder.rglob("*" + files.TEMP_MARK + "*"))


def test_a_symlinked_workbook_is_written_through_to_its_target(template, tmp_path):
    from shopbook.orders.workflow import review

    shop = copy_of(template, tmp_path)
    elsewhere = tmp_path / "nas" / "orders-real.xlsx"
    elsewhere.parent.mkdir()
    shop.path(ORDERS).rename(elsewhere)
    shop.path(ORDERS).symlink_to(elsewhere)
    review(shop)
    assert shop.path(ORDERS).is_symlink() and os.readlink(shop.path(ORDERS)) == str(elsewhere)
    lines = read_workbook(elsewhere, ORDERS, (OrderLine,)).rows(OrderLine)
    assert all(ln.status is not OrderStatus.NEW for ln in lines)
    assert list((shop.folder / ".shopbook-backup").glob("orders.*.xlsx"))  # the version before, kept
    assert not list(elsewhere.parent.glob("*" + files.TEMP_MARK + "*"))


# --- the lock itself -----------------------------------------------------------------------

def _write_lock(folder: Path, **holder) -> Path:
    h = {"host": socket.gethostname(), "user": "amy", "pid": os.getpid(), "command": "shopbook daily",
         "since": "2026-11-22 08:00:00 +0800", "token": "t"} | holder
    p = folder / lock.LOCK_NAME
    p.write_text(json.dumps(h), encoding="utf-8")
    return p


def test_a_second_writer_waits_says_who_holds_the_lock_then_stops(template, tmp_path, monkeypatch):
    shop = copy_of(template, tmp_path)
    before = shop.path(ORDERS).read_bytes()
    env = dict(os.environ, SHOPBOOK_LOCK_WAIT="1")
    with lock.shop_lock(shop.folder, "shopbook ship shop scans.txt"):
        r = subprocess.run([sys.executable, "-m", "shopbook.cli", "orders", "review", str(shop.folder)],
                           capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 2, r.stderr
    err = " ".join(r.stderr.split())
    assert "等待店铺锁" in err and "waiting for the shop lock held by" in err
    assert "shopbook ship shop scans.txt" in err and socket.gethostname() in err  # who, on which machine
    assert "nothing was written" in err and "什么都没有写入" in err
    assert shop.path(ORDERS).read_bytes() == before


def test_a_waiting_writer_goes_on_once_the_lock_is_released(template, tmp_path, monkeypatch):
    from shopbook.orders.workflow import review

    shop = copy_of(template, tmp_path)
    monkeypatch.setenv("SHOPBOOK_LOCK_WAIT", "30")
    told = []
    monkeypatch.setattr(lock, "on_wait", lambda holder, waited: told.append(holder.command))
    ctx = mp.get_context("fork")
    held, free = ctx.Event(), ctx.Event()

    def holder():
        with lock.shop_lock(shop.folder, "other job"):
            held.set()
            free.wait(20)
        os._exit(0)

    p = ctx.Process(target=holder)
    p.start()
    assert held.wait(20)
    threading.Timer(0.8, free.set).start()
    t = time.monotonic()
    review(shop)
    assert time.monotonic() - t >= 0.5 and told and told[0] == "other job"
    p.join(10)
    assert all(ln.status is not OrderStatus.NEW for ln in
               read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine))


def test_readers_never_wait(template, tmp_path, monkeypatch):
    from shopbook.orders.workflow import follow_up
    from shopbook.stock.workflow import stock_alerts

    shop = copy_of(template, tmp_path)
    monkeypatch.setenv("SHOPBOOK_LOCK_WAIT", "0")
    _write_lock(shop.folder, host="other-pc", pid=1)
    follow_up(shop, today=TODAY)
    stock_alerts(shop, today=TODAY)
    with pytest.raises(ShopbookError):  # while a writer would
        journal.run_job(shop.folder, "test", lambda: None)


def test_the_lock_is_reentrant_and_released(template, tmp_path):
    shop = copy_of(template, tmp_path)
    with lock.shop_lock(shop.folder, "daily"):
        with lock.shop_lock(shop.folder, "orders review"):
            assert json.loads((shop.folder / lock.LOCK_NAME).read_text())["command"] == "daily"
        assert (shop.folder / lock.LOCK_NAME).exists()
    assert not (shop.folder / lock.LOCK_NAME).exists()


def test_a_lock_left_by_a_dead_process_here_is_taken_at_once(template, tmp_path, monkeypatch):
    from shopbook.orders.workflow import review

    shop = copy_of(template, tmp_path)
    monkeypatch.setenv("SHOPBOOK_LOCK_WAIT", "1")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    _write_lock(shop.folder, pid=dead.pid)
    review(shop)
    assert not (shop.folder / lock.LOCK_NAME).exists()


def test_another_machines_lock_is_stale_only_when_its_heartbeat_stops(template, tmp_path, monkeypatch):
    shop = copy_of(template, tmp_path)
    monkeypatch.setenv("SHOPBOOK_LOCK_STALE", "0.5")
    monkeypatch.setenv("SHOPBOOK_LOCK_WAIT", "1.0")
    p = _write_lock(shop.folder, host="till-pc", pid=4242)
    stop = threading.Event()

    def beat():  # the other machine is alive: its heartbeat touches the file
        while not stop.wait(0.1):
            os.utime(p)

    t = threading.Thread(target=beat)
    t.start()
    try:
        with pytest.raises(ShopbookError) as e:
            journal.run_job(shop.folder, "test", lambda: None)
        assert "till-pc" in e.value.en
    finally:
        stop.set()
        t.join()
    start = time.monotonic()  # now silent: taken over after the staleness time
    journal.run_job(shop.folder, "test", lambda: None)
    assert 0.4 <= time.monotonic() - start < 1.0
    assert not p.exists()


def test_another_machines_lock_silent_for_long_is_taken_at_once(template, tmp_path, monkeypatch):
    shop = copy_of(template, tmp_path)
    monkeypatch.setenv("SHOPBOOK_LOCK_STALE", "60")
    monkeypatch.setenv("SHOPBOOK_LOCK_WAIT", "5")
    p = _write_lock(shop.folder, host="till-pc", pid=4242)
    os.utime(p, (time.time() - 3600, time.time() - 3600))  # a crash there an hour ago
    start = time.monotonic()
    journal.run_job(shop.folder, "test", lambda: None)
    assert time.monotonic() - start < 2 and not p.exists()
