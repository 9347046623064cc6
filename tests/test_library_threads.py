"""A script that runs two shops at once, one thread each (a scheduler's thread pool): each job's
files are its own, written by its own commit, checked against its own reads."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal
from pathlib import Path

from shopbook.io import journal
from shopbook.io.reader import read_workbook
from shopbook.issues import ShopbookError
from shopbook.orders.workflow import review
from shopbook.schema import ORDERS, STOCK, OrderLine, OrderStatus, Product, ShippingRate
from shopbook.shop import Shop, init_shop, open_shop
from shopbook.workbook_builder import write_workbook


def small_shop(folder: Path) -> Shop:
    """One product in stock and two new orders for it, for the review to approve."""
    init_shop(folder)
    product = Product(sku="P1", name="衬衫", cost=Decimal(30), price=Decimal(99), opening_qty=50)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [product]}, keep_backup=False)
    lines = [OrderLine(order_no=f"R{i}", paid_at=dt.datetime(2026, 11, 20, 10), receiver="王芳", phone="13812345678",
                       address="浙江省 杭州市 西湖区 文三路100号", sku="P1", qty=1, unit_price=Decimal(99),
                       status=OrderStatus.NEW) for i in range(2)]
    rates = [ShippingRate(courier="中通", province="其他", first_kg=Decimal(1), first_price=Decimal(8),
                          extra_per_kg=Decimal(4))]
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines, ShippingRate: rates}, keep_backup=False)
    return open_shop(folder)


def orders_of(shop: Shop) -> dict[str, OrderLine]:
    return {ln.order_no: ln for ln in read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)}


def in_thread(name: str, fn, *args) -> BaseException | None:
    """`fn(*args)` on a thread of its own, waited for; what it raised."""
    raised = []

    def run():
        try:
            fn(*args)
        except BaseException as e:  # noqa: BLE001 - handed back to the test
            raised.append(e)

    t = threading.Thread(target=run, name=name)
    t.start()
    t.join(120)
    return raised[0] if raised else None


def test_a_shops_job_is_its_own_while_another_shops_job_runs_in_another_thread(tmp_path, monkeypatch):
    """review(b) on one thread while review(a) was mid-job on another: before, b's orders.xlsx was staged
    in a's job (one per process), so review(b) returned with nothing written, and a's stop then dropped
    b's decisions; now b's job commits its own files before it returns, whatever becomes of a's."""
    a, b = small_shop(tmp_path / "a"), small_shop(tmp_path / "b")
    stage, seen = journal.Job.stage, {}

    def a_stops_after_b_ran(self, *args, **kwargs):
        stage(self, *args, **kwargs)
        if threading.current_thread().name == "A" and not seen:  # a has staged its orders.xlsx: b runs now
            seen["raised"] = in_thread("B", review, b)
            seen["b"] = orders_of(b)
            raise ShopbookError("停", "a stops here")

    monkeypatch.setattr(journal.Job, "stage", a_stops_after_b_ran)
    assert str(in_thread("A", review, a)).endswith("a stops here")
    assert seen["raised"] is None
    assert {ln.status for ln in seen["b"].values()} == {OrderStatus.APPROVED}  # in place as review(b) returned
    assert {ln.status for ln in orders_of(b).values()} == {OrderStatus.APPROVED}  # and kept when a stopped
    assert {ln.status for ln in orders_of(a).values()} == {OrderStatus.NEW}
    assert not list(tmp_path.rglob(journal.JOURNAL_NAME))



def test_a_change_saved_mid_job_is_kept_while_another_shops_job_runs_in_another_thread(tmp_path, monkeypatch):
    """A person saves b's orders.xlsx (a 卖家备注) while review(b) works, and review(a) runs meanwhile on
    another thread: before, a's lock, taken and released, forgot every shop's reads (one list per process),
    so b's commit had nothing to check its workbook against and replaced the person's save; now b's job
    sees the change, reads the workbook again and redoes its review on it."""
    import openpyxl

    a, b = small_shop(tmp_path / "a"), small_shop(tmp_path / "b")
    commit, commits = journal.Job.commit, []

    def person_saves_and_a_runs(self):
        if threading.current_thread().name == "B":
            if not commits:
                wb = openpyxl.load_workbook(b.path(ORDERS))
                ws = wb["订单"]
                ws.cell(2, [c.value for c in ws[1]].index("卖家备注") + 1).value = "周五后发"
                wb.save(b.path(ORDERS))
                assert in_thread("A", review, a) is None
            commits.append(self)
        return commit(self)

    monkeypatch.setattr(journal.Job, "commit", person_saves_and_a_runs)
    assert in_thread("B", review, b) is None
    assert len(commits) == 2  # the first stopped before writing; the review ran again on the saved workbook
    assert orders_of(b)["R0"].seller_note == "周五后发"
    assert {ln.status for ln in orders_of(a).values()} == {OrderStatus.APPROVED}


def test_two_threads_writing_one_shop_take_turns(tmp_path, monkeypatch):
    """make_picklist(shop) on one thread while review(shop) was mid-job on another (a scheduler's two jobs
    of one shop at once): before, the shop lock, held by the process, let the second thread in at once, and
    the review, committed after it from what it had read, put back orders.xlsx without the pick list's
    batch: K0 and K1, on a printed pick list, waiting to be picked again. Now the second thread waits for the
    lock as a second process does, then works on what the first wrote."""
    from shopbook.orders.workflow import make_picklist

    shop = small_shop(tmp_path / "s")
    lines = list(orders_of(shop).values())
    approved = [ln.model_copy(update={"order_no": "K" + ln.order_no[1:], "status": OrderStatus.APPROVED})
                for ln in lines]
    rates = read_workbook(shop.path(ORDERS), ORDERS, (ShippingRate,)).rows(ShippingRate)
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: lines + approved, ShippingRate: rates},
                   keep_backup=False)
    stage, picking = journal.Job.stage, []

    def picklist_meanwhile(self, *args, **kwargs):
        stage(self, *args, **kwargs)
        if threading.current_thread().name == "A" and not picking:
            picking.append(threading.Thread(target=make_picklist, args=(shop,), kwargs={"today": "2026-11-21"},
                                            name="B"))
            picking[0].start()
            picking[0].join(0.3)
            assert picking[0].is_alive()  # waiting for the lock the review holds

    monkeypatch.setattr(journal.Job, "stage", picklist_meanwhile)
    assert in_thread("A", review, shop) is None
    picking[0].join(60)
    by = orders_of(shop)
    assert {by[n].status for n in ("R0", "R1")} == {OrderStatus.APPROVED}
    assert {by[n].batch for n in ("K0", "K1")} == {"20261121-1"}, by
