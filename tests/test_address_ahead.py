"""The new orders' addresses parsed by a second Python while the command reads (orders/address_ahead):
what it sends is taken from the prefetch thread's Arrow columns, what it finds is what the review
would have found, the review parses only what it lacks, and a second Python that fails or is never
sent anything costs nothing but itself. The demo shop's orders.xlsx, a real second process."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

pytest.importorskip("fastexcel")
pa = pytest.importorskip("pyarrow")

from shopbook import start  # noqa: E402
from shopbook.io import prefetch, reader  # noqa: E402
from shopbook.orders import address, address_ahead  # noqa: E402
from shopbook.schema import ORDERS, OrderLine, OrderStatus  # noqa: E402
from shopbook.shop import open_shop  # noqa: E402

CAN_SPAWN = os.name == "posix"


@pytest.fixture
def shop(demo_begun_early, monkeypatch):
    monkeypatch.delenv("SHOPBOOK_APART", raising=False)
    address._PARSED.clear()
    address_ahead.take()  # (a second Python another test left, test_prefetch's `orders morning`: ended)
    yield demo_begun_early
    address_ahead.take()  # (a second Python a test left: ended)
    address._PARSED.clear()


def _begun(folder: Path) -> None:
    """As `shopbook orders review FOLDER` begins, and its thread's parse and hand-over done."""
    start.begin_for(["orders", "review", str(folder)])
    a = prefetch._ahead[str((folder / "orders.xlsx").resolve())]
    assert a.done.wait(60)
    for _ in range(600):  # (the hand-over runs on the thread once its parse is done)
        if address_ahead._sent:
            return
        time.sleep(0.01)


def _first_addresses_of_new_orders(folder: Path) -> list[str]:
    lines = reader._read_workbook(folder / "orders.xlsx", ORDERS, (OrderLine,)).rows(OrderLine)
    first = {}
    for ln in lines:
        first.setdefault(ln.order_no, ln)
    return list(dict.fromkeys(address.split_postcode(ln.address)[0] for ln in first.values()
                              if ln.status is OrderStatus.NEW))


def test_the_constants_are_the_schemas():
    """The thread cannot ask the models (they may not be imported yet): the names it looks for."""
    cols = {c.name: c.col for c in OrderLine.columns()}
    for name, pair in (("order_no", address_ahead.ORDER_NO), ("status", address_ahead.STATUS),
                       ("address", address_ahead.ADDRESS)):
        assert pair == (cols[name].zh, cols[name].en)
    assert address_ahead.NEW == (OrderStatus.NEW.value, OrderStatus.NEW.en)


@pytest.mark.skipif(not CAN_SPAWN, reason="a second Python is begun on POSIX only here")
def test_the_second_python_parses_the_new_orders_addresses_as_the_review_would(shop):
    _begun(shop)
    proc = address_ahead._proc
    assert proc is not None and proc.pid != os.getpid() and address_ahead._sent
    got = address_ahead.take()
    wanted = _first_addresses_of_new_orders(shop)
    assert wanted and set(got) == set(wanted)  # each 待审核 order's first row, nothing else
    assert got == address.parsed_of(wanted)  # what this process finds, field for field
    assert proc.returncode == 0 and not Path(f"/proc/{proc.pid}").exists()  # ended and reaped
    assert address_ahead.take() == {}  # once


@pytest.mark.skipif(not CAN_SPAWN, reason="a second Python is begun on POSIX only here")
def test_the_review_parses_only_what_the_second_python_did_not(shop, monkeypatch, tmp_path):
    """The same decisions with and without it, and with it the review's own parse is left with
    nothing to do."""
    from shopbook.orders.workflow import review

    plain = tmp_path / "plain"
    shutil.copytree(shop, plain)
    wanted = _first_addresses_of_new_orders(plain)
    asked: list = []
    real = address.parsed_of

    def spy(texts):
        asked.extend(texts)
        return real(texts)

    monkeypatch.setattr(address, "parsed_of", spy)
    _begun(shop)
    decisions, _ = review(open_shop(shop))
    assert decisions and asked == []  # every address came from the second Python
    monkeypatch.setenv("SHOPBOOK_APART", "0")  # none begun: the review parses them all itself
    address._PARSED.clear()
    prefetch._ahead.clear()
    start.begin_for(["orders", "review", str(plain)])
    assert address_ahead._proc is None
    alone, _ = review(open_shop(plain))
    assert sorted(asked) == sorted(wanted)
    assert [d.to_json() for d in decisions] == [d.to_json() for d in alone]


@pytest.mark.skipif(not CAN_SPAWN, reason="a second Python is begun on POSIX only here")
@pytest.mark.parametrize("end", ["killed", "cut short", "sent nothing"])
def test_a_second_python_that_dies_or_is_sent_nothing_costs_nothing_but_itself(shop, monkeypatch, end):
    """What it wrote, if anything, is not taken, it is reaped, and the review parses for itself."""
    if end == "killed":
        monkeypatch.setattr(address_ahead, "_RUN", "import os, signal; os.kill(os.getpid(), signal.SIGKILL)")
    elif end == "cut short":  # one text and two of its four fields, then gone
        monkeypatch.setattr(address_ahead, "_RUN", "import sys; sys.stdin.buffer.read(); "
                                                   "sys.stdout.write('浙江省杭州市\\0浙江\\0杭州市'); sys.exit(3)")
    if end == "sent nothing":  # begun, no parse handed over (the header not found, say)
        address_ahead.begin()
        assert not address_ahead._sent
    else:
        _begun(shop)
    proc = address_ahead._proc
    assert proc is not None and address_ahead.take() == {}
    assert proc.returncode == 0 and not Path(f"/proc/{proc.pid}").exists()  # reaped, not left behind
    assert address.parse_addresses(["浙江省杭州市西湖区文三路90号"])[0].city == "杭州市"


def test_the_columns_go_over_as_their_buffers_and_come_back_the_same():
    """Sliced arrays (an offset into their buffers), nulls, Chinese, an empty column."""
    import io

    texts = ["订单A", None, "", "浙江省杭州市西湖区文三路90号（310000）", "x" * 300, "收货人"]
    cols = [pa.array(texts, pa.large_string()).slice(1, 4), pa.array([], pa.large_string()),
            pa.array(texts, pa.large_string())]
    out = io.BytesIO()
    for c in cols:
        address_ahead._send_texts(out, c)
    data, at, back = memoryview(out.getvalue()), 0, []
    for _ in cols:
        got, at = address_ahead._read_texts(data, at)
        back.append(got)
    assert at == len(data)
    assert back == [[t or "" for t in c.to_pylist()] for c in cols]


def test_each_orders_first_row_is_taken_once():
    nos = ["1", "1", "2", "3", "3"]
    addrs = ["A省B市（310000）", "C省D市", "A省B市", "", "E省F市"]
    assert address_ahead.first_addresses(nos, addrs) == ["A省B市"]  # order 2's is the same; 3's first is blank


def test_daily_begins_no_second_python(shop):
    """Its reads keep both cores busy: a second Python there only takes CPU from them."""
    start.begin_for(["daily", str(shop)])
    assert str((shop / "orders.xlsx").resolve()) in prefetch._ahead  # the parse begun, as ever
    assert address_ahead._proc is None
