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

import forkserver

from shopbook.io import files, forked, journal, lock
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
    from shopbook.validate.write import validate_and_write

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
        validate_and_write(folder, "zh", reports=folder / "reports")
    elif name.startswith("d-"):
        run_demo_op(name, shop)
    else:
        raise ValueError(name)

def _killed_after_the_journal(folder: str) -> None:
    os.environ["SHOPBOOK_CRASH_AT"] = "journal"
    try:
        run_op("picklist", Path(folder))
    finally:
        os._exit(0)


def picklist_left_mid_journal(folder: Path) -> None:
    """A pick list on `folder` killed once its journal is written, nothing yet replaced (as a PC switched off then)."""
    from shopbook.io import journal

    p = mp.get_context("fork").Process(target=_killed_after_the_journal, args=(str(folder),))
    p.start()
    p.join(60)
    assert p.exitcode == 86 and (folder / journal.JOURNAL_NAME).exists()



def state(folder: Path) -> dict:
    """What the shop's workbooks hold, as the commands' results are judged."""
    lines = read_workbook(folder / "orders.xlsx", ORDERS, (OrderLine,)).rows(OrderLine)
    moves = read_workbook(folder / "stock.xlsx", STOCK, (Movement,)).rows(Movement)
    import zipfile

    from shopbook.io.sheet_xml import sheet_parts

    with zipfile.ZipFile(folder / "stock.xlsx") as z:
        sheets = list(sheet_parts(z))  # (the names alone: workbook.xml, not openpyxl's styles too)
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
         ("stock-summary", "ship"), ("validate-write", "review")]


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return small_shop(tmp_path_factory.mktemp("tpl") / "shop", typo=True).folder


def copy_of(template: Path, tmp_path: Path):
    import shutil

    shutil.copytree(template, tmp_path / "shop")
    return open_shop(tmp_path / "shop")


def race_loses_nothing(template: Path, tmp_path: Path, a: str, b: str) -> None:
    folder = copy_of(template, tmp_path).folder
    results = race(folder, a, b)
    assert sorted(r for _, r in results) == ["ok", "ok"], results
    st = state(folder)
    assert done(a, st), (a, st)
    assert done(b, st), (b, st)
    assert not (folder / lock.LOCK_NAME).exists() and not (folder / journal.JOURNAL_NAME).exists()
    assert not list(folder.rglob("*" + files.TEMP_MARK + "*"))


@pytest.mark.parametrize("a,b", PAIRS, ids=[f"{a}+{b}" for a, b in PAIRS])
def test_two_writers_at_once_lose_nothing(template, tmp_path, a, b):
    race_loses_nothing(template, tmp_path, a, b)


BESIDE_PAIRS = [("review", "ship"), ("stocktake", "ship"), ("picklist", "ship")]


@pytest.mark.skipif(not forked.CAN_FORK, reason="written in turn where there is no fork")
@pytest.mark.parametrize("a,b", BESIDE_PAIRS, ids=[f"{a}+{b}" for a, b in BESIDE_PAIRS])
def test_two_writers_at_once_lose_nothing_when_a_copy_writes_stock(template, tmp_path, monkeypatch, a, b):
    """As above, with the scan check's stock.xlsx written by a forked copy (io/forked) however
    small: the racing processes are forked from here and keep the setting."""
    monkeypatch.setattr(files, "BESIDE_BYTES", 0)
    marks = tmp_path / "copies"
    real = forked.Forked.start.__func__

    def start(cls, write, tmp, path):
        with open(marks, "a", encoding="utf-8") as f:
            f.write(f"{Path(path).name}\n")
        return real(cls, write, tmp, path)

    monkeypatch.setattr(forked.Forked, "start", classmethod(start))
    race_loses_nothing(template, tmp_path, a, b)
    assert marks.read_text(encoding="utf-8").split() == ["stock.xlsx"]  # the scan check's write, by a copy


STREAMED_PAIRS = [("import-a", "import-b"), ("review", "ship"), ("review", "import-a"), ("picklist", "review")]


@pytest.mark.parametrize("a,b", STREAMED_PAIRS, ids=[f"{a}+{b}" for a, b in STREAMED_PAIRS])
def test_two_writers_at_once_lose_nothing_when_the_sheets_are_patched_as_streams(template, tmp_path, monkeypatch, a, b):
    """As above, with every sheet patched as it is unpacked (io.xlsx_patch._patch_streamed, for
    sheets of 32 MiB of XML or more) however small: the racing processes are forked from here and
    keep the setting, and each says which sheets went that way."""
    from shopbook.io import xlsx_patch

    monkeypatch.setattr(xlsx_patch, "STREAM_BYTES", 0)
    marks = tmp_path / "streamed"
    real = xlsx_patch._patch_streamed

    def spied(z, info, patch, styles):
        made = real(z, info, patch, styles)
        with open(marks, "a", encoding="utf-8") as f:
            f.write(f"{patch.sheet}:{made is not None}\n")
        return made

    monkeypatch.setattr(xlsx_patch, "_patch_streamed", spied)
    race_loses_nothing(template, tmp_path, a, b)
    said = marks.read_text(encoding="utf-8").split()
    # every 订单 patch went that way; stock.xlsx's 出入库 here ends in the template's styled empty
    # row, which only the walk of the whole patch appends below rightly (the stream declines it)
    orders = [m for m in said if m.startswith("订单:")]
    assert orders and all(m == "订单:True" for m in orders), said


EARLY_PAIRS = [("import-a", "import-b"), ("review", "import-a"), ("picklist", "review")]


@pytest.mark.parametrize("a,b", EARLY_PAIRS, ids=[f"{a}+{b}" for a, b in EARLY_PAIRS])
def test_two_writers_at_once_lose_nothing_when_their_reads_were_begun_early(template, tmp_path, monkeypatch, a, b):
    """As above, each command's read of orders.xlsx begun on a thread as it starts, before it takes
    the shop's lock (io/prefetch, as the `shopbook` command does it) however small the sheet: both
    effects are there, and each process says whether it took what it began. (That a read finds the
    file another wrote since, not what it began on, tests/test_prefetch.py proves on a changed file.)"""
    pytest.importorskip("fastexcel")
    from shopbook.io import prefetch, reader

    if not prefetch.RENAME_OVER_OPEN:
        pytest.skip("nothing is begun early here")
    monkeypatch.setattr(prefetch, "WORTH_BYTES", 0)
    monkeypatch.setattr(reader, "ARROW_MIN_BYTES", 0)
    marks = tmp_path / "begun"
    real_take, real_op = prefetch.take, run_op

    def take(raw, part):
        got = real_take(raw, part)
        if Path(raw.path).name == "orders.xlsx":
            with open(marks, "a", encoding="utf-8") as f:
                f.write(f"{os.getpid()}:{got is not None}\n")
        return got

    def begun_then_run(name: str, folder: Path) -> None:
        prefetch.begin_in(folder)
        real_op(name, folder)

    monkeypatch.setattr(prefetch, "take", take)
    monkeypatch.setattr(sys.modules[__name__], "run_op", begun_then_run)
    race_loses_nothing(template, tmp_path, a, b)
    said = [m.split(":") for m in marks.read_text(encoding="utf-8").split()]
    racing = [(pid, took) for pid, took in said if pid != str(os.getpid())]  # (not this test's own reads after)
    assert len({pid for pid, _ in racing}) == 2, said  # both processes read orders.xlsx the Arrow way
    assert ("True" in {took for _, took in racing}), said  # and at least one took what it began


# --- the commands that need a whole shop's books: on the demo shop ----------------------------

DEMO_DAY = dt.date(2026, 11, 21)  # the demo's last day of history
COUNTED = dt.date(2026, 11, 18)  # its stocktake counts, not posted yet
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
STATEMENT = "20881234567890120156_202611_账务明细.csv"
EXAMPLE_ORDERS = ("3515139900000000101", "3515139900000000102", "3515139900000000103")
_DEMO: dict = {}  # made once per test run (the crash test uses it too)


def _statement(extra: str) -> bytes:
    """The example Alipay statement (GB18030, Alipay's # lines and tab-padded fields) with one
    more line of expense, which the ledger lacks: `--apply` books it. Its footer's 支出合计 counts it."""
    import re
    from decimal import Decimal

    lines = (EXAMPLES / STATEMENT).read_bytes().decode("gb18030").split("\r\n")
    end = next(k for k, ln in enumerate(lines) if ln.startswith("#") and k > 5)
    paid = Decimal(extra.split(",")[7].strip())
    lines = [re.sub(r"支出合计：(\d+)笔，([\d.]+)元", lambda m: f"支出合计：{int(m[1]) + 1}笔，{Decimal(m[2]) + paid}元", ln)
             for ln in lines]
    return "\r\n".join(lines[:end] + [extra] + lines[end:]).encode("gb18030")


def demo_template(factory) -> Path:
    """The demo shop, with the files the commands are given: two Alipay statements that each
    book one line, a 申通 bill of three shipped parcels, the example Taobao exports."""
    if "folder" in _DEMO:
        return _DEMO["folder"]
    from shopbook import demo

    folder = factory.mktemp("demo") / "shop"
    days, demo.DAYS = demo.DAYS, 25  # its last 25 days (all of November so far): the same books, a fifth the size
    try:
        demo.generate_demo(folder)
    finally:
        demo.DAYS = days
    (folder / "alipay-a.csv").write_bytes(_statement(
        "LS2026112200901\t,202611200000901\t,\t,提现手续费\t,2026-11-22 00:40:00\t,alipay\t,\t,2.00\t,82401.83\t,"
        "支付宝\t,收费\t,\t,"))
    (folder / "alipay-b.csv").write_bytes(_statement(
        "LS2026112200902\t,202611200000902\t,\t,提现手续费\t,2026-11-22 00:50:00\t,alipay\t,\t,3.00\t,82400.83\t,"
        "支付宝\t,收费\t,\t,"))
    lines = read_workbook(folder / "orders.xlsx", ORDERS, (OrderLine,)).rows(OrderLine)
    first = {}  # an order's parcels are on its first line
    for ln in lines:
        first.setdefault(ln.order_no, ln)
    parcels = [ln for ln in first.values() if ln.courier == "申通" and ln.tracking_no
               and ln.status is OrderStatus.SHIPPED][-3:]
    (folder / "bill.csv").write_text("运单号,计费重量,目的地,费用,日期\n" + "".join(
        f"{ln.tracking_no},1.0,浙江,5.00,{ln.shipped_on}\n" for ln in parcels), encoding="utf-8")
    for f in ("ExportOrderList20261122.csv", "ExportOrderDetailList20261122.csv"):
        (folder / f).write_bytes((EXAMPLES / f).read_bytes())
    _DEMO["new"] = {ln.order_no for ln in lines if ln.status is OrderStatus.NEW}
    _DEMO["folder"] = folder
    return folder


def run_demo_op(name: str, shop) -> None:
    from shopbook.agents.workflow import price_sheets, settle_month
    from shopbook.money.workflow import reconcile_alipay_file, reconcile_courier_file
    from shopbook.orders.workflow import import_orders, review
    from shopbook.report.monthly import make_review
    from shopbook.report.workflow import run_daily
    from shopbook.stock.workflow import stocktake_post, stocktake_sheet

    f = shop.folder
    if name == "d-import":
        import_orders(shop, [f / "ExportOrderList20261122.csv", f / "ExportOrderDetailList20261122.csv"])
    elif name == "d-review":
        review(shop)
    elif name == "d-daily":
        run = run_daily(shop, DEMO_DAY, send=False)
        if not run.ok:
            raise AssertionError([(s.name, s.detail) for s in run.steps if s.ok is False])
    elif name in ("d-alipay-a", "d-alipay-b"):
        reconcile_alipay_file(shop, f / f"alipay-{name[-1]}.csv", apply=True)
    elif name == "d-courier":
        chk, _ = reconcile_courier_file(shop, f / "bill.csv", "申通")
        assert not chk.billed_not_shipped and chk.billed_total == D("15.00"), chk.to_json()
    elif name == "d-settle":
        settle_month(shop, "2026-11")
    elif name == "d-sheets":
        price_sheets(shop)
    elif name == "d-monthly":
        make_review(shop, "monthly", "2026-11")
    elif name == "d-count-sheet":
        stocktake_sheet(shop, COUNTED)
    elif name == "d-stocktake":
        stocktake_post(shop, COUNTED, today=DEMO_DAY)
    else:
        raise ValueError(name)


def demo_state(folder: Path) -> dict:
    from shopbook.schema import LEDGER, Entry

    lines = read_workbook(folder / "orders.xlsx", ORDERS, (OrderLine,)).rows(OrderLine)
    moves = read_workbook(folder / "stock.xlsx", STOCK, (Movement,)).rows(Movement)
    entries = read_workbook(folder / "ledger.xlsx", LEDGER, (Entry,)).rows(Entry)
    reports = folder / "reports"
    return {"orders": {ln.order_no: (ln.status.value if ln.status else None, ln.batch) for ln in lines},
            "adjust": sorted((m.sku, m.qty) for m in moves if m.type is MovementType.ADJUST and m.date == COUNTED),
            "txns": sorted(e.txn_no for e in entries if e.txn_no),
            "reports": sorted(str(p.relative_to(reports)) for p in reports.rglob("*") if p.is_file())
            if reports.exists() else []}


def demo_done(name: str, st: dict) -> bool:
    o, reports = st["orders"], st["reports"]
    if name == "d-import":
        return all(no in o for no in EXAMPLE_ORDERS)
    if name == "d-review":
        return all(o[no][0] != "待审核" for no in _DEMO["new"])
    if name == "d-daily":
        return (all(o[no][0] != "待审核" for no in _DEMO["new"])
                and any((b or "").startswith("20261121-") for _, b in o.values())
                and "日报-2026-11-21.xlsx" in reports)
    if name in ("d-alipay-a", "d-alipay-b"):
        return ("LS2026112200901" if name.endswith("a") else "LS2026112200902") in st["txns"]
    if name == "d-courier":
        return True  # a check that writes nothing: the op itself asserts what it found
    if name == "d-settle":
        return sum(r.endswith("对账单-2026-11.xlsx") for r in reports) == 3 and "代理/代理结算汇总-2026-11.xlsx" in reports
    if name == "d-sheets":
        return sum(r.endswith("价格表.xlsx") for r in reports) == 3
    if name == "d-monthly":
        return "月报-2026-11.xlsx" in reports
    if name == "d-count-sheet":
        return "盘点表-20261118.xlsx" in reports
    if name == "d-stocktake":
        return len(st["adjust"]) > 0
    raise ValueError(name)


DEMO_PAIRS = [("d-alipay-a", "d-alipay-b"), ("d-courier", "d-review"), ("d-settle", "d-sheets"),
              ("d-monthly", "d-review"), ("d-count-sheet", "d-stocktake"),
              ("d-daily", "d-import")]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return demo_template(tmp_path_factory)


@pytest.mark.parametrize("a,b", DEMO_PAIRS, ids=[f"{a}+{b}" for a, b in DEMO_PAIRS])
def test_two_writers_at_once_on_a_whole_shop_lose_nothing(demo, tmp_path, a, b):
    import shutil

    folder = tmp_path / "shop"
    shutil.copytree(demo, folder)
    results = race(folder, a, b)
    assert sorted(r for _, r in results) == ["ok", "ok"], results
    st = demo_state(folder)
    assert demo_done(a, st), a
    assert demo_done(b, st), b
    assert not (folder / lock.LOCK_NAME).exists() and not (folder / journal.JOURNAL_NAME).exists()
    assert not list(folder.rglob("*" + files.TEMP_MARK + "*"))


# --- no lost update: a change made between the read and the write --------------------------

PERSON_SAVES = """
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["订单"]
head = [c.value for c in ws[1]]
for r in range(2, ws.max_row + 1):
    if ws.cell(r, head.index("订单编号") + 1).value == "S003":
        ws.cell(r, head.index("卖家备注") + 1).value = "周五后发"
wb.save(sys.argv[2])
"""


def _daily_child(folder: str, result: str) -> None:
    from shopbook.report.workflow import run_daily

    os.environ["SHOPBOOK_PAUSE_AT"] = "written=0.3"  # every write waits: the person saves meanwhile
    try:
        run = run_daily(open_shop(Path(folder)), COUNT_DAY, send=False)
        said = {s.name: s.ok for s in run.steps}
    except BaseException as e:  # noqa: BLE001 - reported to the parent
        said = {"error": f"{type(e).__name__}: {e}"}
    Path(result).write_text(json.dumps(said), encoding="utf-8")
    os._exit(0)


def test_a_person_saving_orders_in_the_middle_of_the_daily_job_loses_nothing(template, tmp_path):
    """Another process (a person's Excel, here openpyxl) rewrites orders.xlsx while the daily job
    is writing it: the person's edit stays, and the job's work is either all there too or the
    job says (✗) that its review and pick list did not get in; a pick list is in reports/
    only for orders marked with its batch."""
    folder = copy_of(template, tmp_path).folder
    result = tmp_path / "daily.json"
    # the person's Excel (openpyxl, another process) has the edit ready; saving it, as Excel does,
    # is a temp file then a rename: it lands while the job is writing orders.xlsx
    saved = tmp_path / "excel-save.xlsx"
    subprocess.run([sys.executable, "-c", PERSON_SAVES, str(folder / "orders.xlsx"), str(saved)], check=True,
                   timeout=60)
    p = mp.get_context("fork").Process(target=_daily_child, args=(str(folder), str(result)))
    p.start()
    deadline = time.monotonic() + 30
    while not list(folder.glob(".orders.*" + files.TEMP_MARK + "*")) and p.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert p.is_alive(), "the daily job wrote orders.xlsx without waiting"
    os.replace(saved, folder / "orders.xlsx")
    p.join(60)
    said = json.loads(result.read_text(encoding="utf-8"))
    assert "error" not in said, said
    by = {ln.order_no: ln for ln in read_workbook(folder / "orders.xlsx", ORDERS, (OrderLine,)).rows(OrderLine)}
    assert by["S003"].seller_note == "周五后发"  # the person's save is never overwritten
    reviewed = all(by[f"R{i:03d}"].status is not OrderStatus.NEW for i in range(N))
    picked = {ln.batch for ln in by.values() if ln.batch and ln.batch != "20261120-1"}
    if said["review"] and said["picklist"]:  # ✓: the job's edits were applied again on the person's version
        assert reviewed and picked
    else:  # ✗, said: nothing of its orders.xlsx edits went in
        assert not reviewed and not picked
    lists = sorted(p.name for p in (folder / "reports").glob("拣货单-*.xlsx"))
    assert lists == [f"拣货单-{b}.xlsx" for b in sorted(picked)]  # a pick list exactly for a batch marked
    assert not (folder / lock.LOCK_NAME).exists() and not list(folder.rglob("*" + files.TEMP_MARK + "*"))


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


def _comments(path: Path, sheet: str) -> dict[str, str]:
    import openpyxl

    ws = openpyxl.load_workbook(path)[sheet]
    return {c.coordinate: c.comment.text for row in ws.iter_rows() for c in row if c.comment is not None}


def test_validate_write_works_out_its_list_under_the_lock(template, tmp_path, monkeypatch):
    """A person fixes the bad 缺货登记 date and types another one in just as `validate --write`
    takes the lock: the comments go on the cell that is wrong now, not on the one that was."""
    import openpyxl
    from typer.testing import CliRunner

    from shopbook.cli import app

    shop = copy_of(template, tmp_path)
    path = shop.path(STOCK)
    edits = []

    def person_saves(folder):
        if edits:
            return
        wb = openpyxl.load_workbook(path)
        ws = wb["缺货登记"]
        row = next(c.row for c in ws["A"] if c.value == "明天")
        ws.cell(row, 1).value = dt.datetime(2026, 11, 20)
        ws.append(["后天", "周先生", "13700003333", "P2"])
        wb.save(path)
        edits.append((f"A{row}", f"A{row + 1}"))

    monkeypatch.setattr(lock, "after_acquire", [person_saves, *lock.after_acquire])
    r = CliRunner().invoke(app, ["validate", str(shop.folder), "--write"])
    assert edits, r.output
    fixed, bad = edits[0]
    notes = _comments(path, "缺货登记")
    assert bad in notes and fixed not in notes, notes
    wb = openpyxl.load_workbook(path)
    listed = [row[2] for row in wb["校验结果"].iter_rows(min_row=2, values_only=True) if row[1] == "缺货登记"]
    assert listed == [bad]
    assert wb["缺货登记"][bad].value == "后天"  # the person's save is kept


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
    env = dict(os.environ, SHOPBOOK_LOCK_WAIT="1", PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"))  # (this tree's shopbook)
    with lock.shop_lock(shop.folder, "shopbook ship shop scans.txt"):
        r = forkserver.run([sys.executable, "-m", "shopbook.cli", "orders", "review", str(shop.folder)],
                           capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 2, r.stderr
    err = " ".join(r.stderr.split())
    assert "等待店铺锁" in err  # the progress line in the shop's language (a zh shop)
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
    # a crash there an hour ago: by the waiter's clock, an hour since the file last changed at all
    # (its mtime alone proves nothing: set by till-pc's clock, which may be behind; its ctime,
    # set by the file system, cannot be put back, so the waiter's clock is put forward)
    import types

    monkeypatch.setattr(lock, "time", types.SimpleNamespace(time=lambda: time.time() + 3600,
                                                            monotonic=time.monotonic, sleep=time.sleep))
    # (and by the share's own clock: one of this PC's alone proves nothing, test_shared6_clock_ahead_lock)
    monkeypatch.setattr(lock, "share_now", lambda folder: time.time() + 3600)
    start = time.monotonic()
    journal.run_job(shop.folder, "test", lambda: None)
    assert time.monotonic() - start < 2 and not p.exists()


def test_a_lock_file_that_names_nobody_is_said_to_be_of_someone_unknown(template, tmp_path, monkeypatch):
    """A lock file still being written (or left damaged) names no holder: the waiting line, the
    stop and doctor say that nobody can be named, in each language, not "(?)"."""
    from typer.testing import CliRunner

    from shopbook.cli import app

    shop = copy_of(template, tmp_path)
    p = shop.folder / lock.LOCK_NAME
    p.write_bytes(b'{"host": "till')  # cut short
    told = []
    monkeypatch.setenv("SHOPBOOK_LOCK_WAIT", "0.5")
    monkeypatch.setattr(lock, "on_wait", lambda holder, waited: told.append(lock.holder_words(holder)))
    with pytest.raises(ShopbookError) as e:  # (within 2 s of its last change it is taken as being written)
        journal.run_job(shop.folder, "test", lambda: None)
    assert told == []  # (within 2 s of its last change: being written, so no waiting line names nobody)
    assert "不知是谁：锁文件里没有写明" in e.value.zh and "holder unknown: the lock file does not say" in e.value.en
    assert "?" not in e.value.zh + e.value.en
    r = CliRunner().invoke(app, ["doctor", str(shop.folder), "--json"])
    busy = json.loads(r.output)["busy"]
    assert r.exit_code == 1 and busy == {"zh": "不知是谁：锁文件里没有写明", "en": "holder unknown: the lock file does not say"}
    monkeypatch.setattr(lock, "share_age", lambda folder, st: 60.0)  # long silent (by its ctime, which utime cannot set back)
    r = CliRunner().invoke(app, ["doctor", str(shop.folder), "--json"])
    found = json.loads(r.output)["findings"]
    assert [f["kind"] for f in found] == ["lock"] and found[0]["repaired"] and not p.exists()
    assert "holder unknown" in found[0]["en"] and "不知是谁" in found[0]["zh"]


def test_a_lock_being_written_as_a_second_writer_looks_is_said_as_its_holders(template, tmp_path):
    """QA: two people pressed `orders import` at once; the second found the first's lock file made but its
    holder not yet written in it, and said "waiting for the shop lock held by holder unknown: the lock file
    does not say". It reads the file again a moment later and names the holder, as it is."""
    shop = copy_of(template, tmp_path)
    p = shop.folder / lock.LOCK_NAME
    p.write_bytes(b"")  # made (O_CREAT|O_EXCL), its content not written yet
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"))
    env.pop("COLUMNS", None)
    said_to = tmp_path / "waiter-stderr.txt"
    with open(said_to, "w", encoding="utf-8") as to:
        waiter = subprocess.Popen([sys.executable, "-m", "shopbook.cli", "orders", "review", str(shop.folder)],
                                  stdout=subprocess.PIPE, stderr=to, text=True, env=env)
    for _ in range(6):  # a slow share: still being written (changing, so not yet judged stale) while the waiter starts
        time.sleep(0.5)
        os.utime(p)
    _write_lock(shop.folder, user="张三", command="shopbook orders import 订单导出.csv")
    end = time.monotonic() + 60
    while "张三" not in said_to.read_text(encoding="utf-8") and waiter.poll() is None and time.monotonic() < end:
        time.sleep(0.1)  # (until the waiter has said whom it waits for)
    p.unlink()  # done
    out, _ = waiter.communicate(timeout=120)
    err = said_to.read_text(encoding="utf-8")
    assert waiter.returncode == 0, out + err
    said = "".join(err.split())
    assert "不知是谁" not in said and "unknown" not in err, err
    assert "等待店铺锁：张三@" in said and "shopbookordersimport订单导出.csv" in said, err


def test_breaking_a_stale_lock_never_removes_a_fresh_one_on_a_share_without_hard_links(tmp_path, monkeypatch):
    # two waiters judged the same dead lock stale; the first broke it and took a fresh lock; the
    # second's rename takes the fresh one aside, sees it is not what it judged, and must put it
    # back. A CIFS/SMB share without unix extensions refuses hard links (EOPNOTSUPP).
    import errno

    old = json.dumps({"host": "till-pc", "user": "amy", "pid": 1, "command": "daily", "since": "x",
                      "token": "dead"}).encode()
    p = _write_lock(tmp_path, host="till-pc", pid=2, token="fresh")
    fresh = p.read_bytes()

    def no_links(*a, **k):
        raise OSError(errno.EOPNOTSUPP, "Operation not supported")

    monkeypatch.setattr(lock.os, "link", no_links)
    assert lock.break_stale(tmp_path, old) is False
    assert p.read_bytes() == fresh  # the live holder keeps its lock
    assert [q.name for q in tmp_path.iterdir()] == [lock.LOCK_NAME]  # nothing left aside


@pytest.mark.parametrize("kind", ["folder", "no read permission"])
def test_a_lock_file_that_cannot_be_read_is_said_with_its_path_owner_age_and_what_to_do(template, tmp_path, kind,
                                                                                        monkeypatch):
    """A .shopbook.lock this user cannot read (a colleague's run made it theirs alone; a folder in its
    place) names no holder and is never judged stale: the stop said "holder unknown" and sent the
    person to doctor, which found nothing. Both now say the file, whose it is, how long untouched,
    and to delete it if no run is going; doctor repairs nothing under it."""
    from typer.testing import CliRunner

    from shopbook.cli import app

    shop = copy_of(template, tmp_path)
    p = shop.folder / lock.LOCK_NAME
    if kind == "folder":
        p.mkdir()
    else:
        if os.geteuid() == 0:
            pytest.skip("root reads any file")
        p.write_text("{}")
        p.chmod(0)
    monkeypatch.setenv("SHOPBOOK_LOCK_WAIT", "0.3")
    with pytest.raises(ShopbookError) as e:
        journal.run_job(shop.folder, "test", lambda: None)
    assert str(p) in e.value.zh and "分钟没有改动" in e.value.zh and "请删除这个文件" in e.value.zh
    assert str(p) in e.value.en and "delete that file" in e.value.en and "unknown" not in e.value.en
    r = CliRunner().invoke(app, ["doctor", str(shop.folder), "--json"])
    found = json.loads(r.output)["findings"]
    assert r.exit_code == 1 and [f["kind"] for f in found] == ["unreadable"] and not found[0]["repaired"]
    assert found[0]["path"] == str(p) and "delete that file" in found[0]["en"]
    assert p.exists()
