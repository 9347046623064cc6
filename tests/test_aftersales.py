"""After-sales (售后) on real workbooks and real exports: a refund export opens its case and
`aftersales` lists it; a held order and a parcel failing the scan check open a 问题件 once; an
exchange received posts its 退货 once and its resend goes through review and picking; refunds
on cases propose ledger lines; overdue cases come first; the packer is recorded."""

from __future__ import annotations

import atexit
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from cli_run import appended_in
from platform_fixtures import REFUND_HEADERS, REFUND_MORE, refund_row, write_refunds
from shopbook.aftersales.workflow import aftersales
from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.orders.workflow import import_orders, make_picklist, review, ship
from shopbook.schema import (LEDGER, ORDERS, STOCK, Account, AfterSalesCase, Category, CaseStatus, CaseType, Entry, Movement,
                             MovementType, OrderStatus)
from shopbook.workbook_builder import write_workbook
from taobao_fixtures import detail_row, write_pair
from test_order_life import tb_detail, tb_order
from test_orders import TODAY, build_shop, lines_of, scan_text


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def cases_of(shop) -> list[AfterSalesCase]:
    return read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,)).rows(AfterSalesCase)


def returns_of(shop) -> list[tuple]:
    return [(m.ref, m.sku, m.qty) for m in read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)
            if m.type is MovementType.RETURN]


def shipped_order(shop, tmp_path, no: str, sku: str = "SH-WH-M", barcode: str = "0690000000017") -> None:
    import_orders(shop, list(write_pair(tmp_path / f"d{no[-3:]}", [tb_order(no)], [tb_detail(no, sku)])),
                  today=TODAY)
    review(shop)
    make_picklist(shop, today=TODAY)
    scans = tmp_path / f"scan{no[-3:]}.txt"
    scans.write_text("打包员,小李\n" + scan_text(((no, "中通", f"73{no[-8:]}"), (barcode,))), encoding="utf-8")
    assert ship(shop, scans, today=TODAY).shipped == [no]


_shipped: dict[tuple, Path] = {}


def _state(folder: Path) -> tuple:
    """The shop folder's files and their content (a backup by its content alone: its name is the time it was made)."""
    import hashlib

    return tuple(sorted((p.parent.name == ".shopbook-backup" and ".shopbook-backup/" or str(p.relative_to(folder)),
                         hashlib.sha256(p.read_bytes()).hexdigest())
                        for p in folder.rglob("*") if p.is_file()))


def shipped_order_once(shop, tmp_path, no: str, sku: str = "SH-WH-M", barcode: str = "0690000000017") -> None:
    """shipped_order, its outcome made once a process for each shop folder it starts from (by content) and
    order, and copied for each later call from the same: the shop folder as shipped_order leaves it (its
    files newly dated, its backups named for when they were first made), and the export and scan file it
    wrote into tmp_path. Import, review, pick list and ship of one order are a quarter of
    test_aftersales_typed's CPU, and 8 of its 34 calls are of an order another of its tests shipped into
    the same new shop (3900000000000000471 in five tests)."""
    import shutil
    import tempfile

    key = (no, sku, barcode, _state(shop.folder))
    made = _shipped.get(key)
    exports, scans = tmp_path / f"d{no[-3:]}", tmp_path / f"scan{no[-3:]}.txt"  # (what shipped_order names them)
    if made is None or not made.is_dir():
        shipped_order(shop, tmp_path, no, sku, barcode)
        made = Path(tempfile.mkdtemp(prefix="shopbook-shipped-once-"))
        atexit.register(shutil.rmtree, made, True)
        shutil.copytree(shop.folder, made / "shop")
        shutil.copytree(exports, made / "exports")
        shutil.copyfile(scans, made / "scans")
        _shipped[key] = made
        return
    shutil.rmtree(shop.folder)
    shutil.copytree(made / "shop", shop.folder, copy_function=shutil.copyfile)
    shutil.copytree(made / "exports", exports, copy_function=shutil.copyfile, dirs_exist_ok=True)
    shutil.copyfile(made / "scans", scans)


def type_case(shop, **cells) -> None:
    """A case typed by hand on the 售后 sheet, in the columns as the sheet has them."""
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["售后"]
    head = [c.value for c in ws[1]]
    headers = {c.name: c.col.zh for c in AfterSalesCase.columns()}
    ws.append([cells.get(next((k for k, v in headers.items() if v == h), ""), None) for h in head])
    wb.save(shop.path(ORDERS))


def test_a_refund_export_opens_a_case_that_aftersales_lists(shop, tmp_path):
    no = "3900000000000000401"
    shipped_order(shop, tmp_path, no)
    refunds = write_refunds(tmp_path / "r", [refund_row("R901", no, "SH-WH-M", "99.00", "买家已经申请退款，等待卖家同意",
                                                        reason="尺码不合适", needs_return="是", goods="买家已收到货")])
    res = import_orders(shop, [refunds], today=TODAY)
    [c] = cases_of(shop)
    assert [x.case_no for x in res.cases_opened] == [c.case_no] == ["SH20261122-1"]
    assert (c.order_no, c.sku, c.qty, c.type, c.status, c.refund_no) == \
        (no, "SH-WH-M", 1, CaseType.RETURN, CaseStatus.WAITING_RETURN, "R901")
    assert c.amount == Decimal("99.00") and c.reason == "尺码不合适" and c.needs == "退货单号"
    assert c.due == TODAY + dt.timedelta(days=7)
    # the same export again opens nothing
    assert import_orders(shop, [refunds], today=TODAY).cases_opened == [] and len(cases_of(shop)) == 1
    r = CliRunner().invoke(app, ["aftersales", str(shop.folder), "--json", "--date", "2026-11-23"])
    assert r.exit_code == 0, r.output
    listed = json.loads(r.stdout)
    [v] = listed["open"]
    assert v["case_no"] == "SH20261122-1" and v["order_no"] == no and not v["overdue"]
    assert "退货单号" in v["next_step"]
    # a week and a day later it is overdue: listed as such, exit 1
    r = CliRunner().invoke(app, ["aftersales", str(shop.folder), "--date", "2026-11-30"])
    assert r.exit_code == 1 and "超期：1" in r.output and "超期 SH20261122-1" in r.output


def test_the_buyers_return_tracking_number_from_the_refund_export_fills_the_case(shop, tmp_path):
    """The refund export as shops download it today names the parcel the buyer sent back (退货物流单号,
    or the number in 退货物流信息): a new case takes it as its 退货单号 and needs nothing more; a case
    opened before it came gets it from the later export, once, and a number a person typed stays.
    Receiving the parcel by that number marks the case."""
    a, b, c = "3900000000000000431", "3900000000000000432", "3900000000000000433"
    for no in (a, b, c):
        shipped_order(shop, tmp_path, no)
    headers = REFUND_HEADERS + REFUND_MORE
    first = [refund_row("R931", a, "SH-WH-M", "99.00", "买家已经退货，等待卖家确认收货", needs_return="是", goods="买家已退货"),
             refund_row("R932", b, "SH-WH-M", "99.00", "卖家同意退款，等待买家退货", needs_return="是", goods="买家已收到货"),
             refund_row("R933", c, "SH-WH-M", "99.00", "卖家同意退款，等待买家退货", needs_return="是", goods="买家已收到货")]
    first[0].update({"退货物流单号": "YT7300000000931", "退货物流公司": "圆通速递", "买家退货时间": "2026-11-22 10:00:00"})
    res = import_orders(shop, [write_refunds(tmp_path / "r1", first, headers=headers)], today=TODAY)
    by = {x.refund_no: x for x in cases_of(shop)}
    assert (by["R931"].return_tracking, by["R931"].needs, by["R931"].status) == \
        ("YT7300000000931", None, CaseStatus.WAITING_RETURN)
    assert (by["R932"].return_tracking, by["R932"].needs) == (None, "退货单号")
    assert res.returns_numbered == []
    # a person types the tracking number the buyer sent for R933 into the case
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["售后"]
    ws.cell(by["R933"].row, [x.value for x in ws[1]].index("退货单号") + 1, "SF1400000000933")
    wb.save(shop.path(ORDERS))
    # the evening's export: both buyers have sent their parcels; R932's number is only in 退货物流信息
    later = [dict(r) for r in first]
    later[1].update({"退款状态": "买家已经退货，等待卖家确认收货", "退货物流信息": "中通快递 75123400000932"})
    later[2].update({"退款状态": "买家已经退货，等待卖家确认收货", "退货物流单号": "75999900000933"})
    res = import_orders(shop, [write_refunds(tmp_path / "r2", later, headers=headers)], today=TODAY)
    assert res.cases_opened == [] and res.returns_numbered == [(by["R932"].case_no, "75123400000932")]
    said = "\n".join(zh for _, zh, _ in res.said(30))
    assert f"售后单 {by['R932'].case_no}：退货单号 75123400000932（退款导出）" in said
    after = {x.refund_no: x for x in cases_of(shop)}
    assert {k: x.return_tracking for k, x in after.items()} == \
        {"R931": "YT7300000000931", "R932": "75123400000932", "R933": "SF1400000000933"}
    # the same export again fills nothing more
    assert import_orders(shop, [write_refunds(tmp_path / "r3", later, headers=headers)], today=TODAY).returns_numbered == []
    # the warehouse scans the parcels' numbers: each finds its case
    done = aftersales(shop, TODAY, received=["YT7300000000931", "75123400000932"])
    assert done.unknown == [] and len(done.received) == 2
    assert {x.refund_no: x.status for x in cases_of(shop)} == \
        {"R931": CaseStatus.RETURNED, "R932": CaseStatus.RETURNED, "R933": CaseStatus.WAITING_RETURN}


def test_a_return_tracking_number_excel_spoiled_fills_no_case(shop, tmp_path):
    no = "3900000000000000441"
    shipped_order(shop, tmp_path, no)
    row = refund_row("R941", no, "SH-WH-M", "99.00", "买家已经退货，等待卖家确认收货", needs_return="是", goods="买家已退货")
    row["退货物流单号"] = "7.51234E+13"
    res = import_orders(shop, [write_refunds(tmp_path / "r", [row], headers=REFUND_HEADERS + REFUND_MORE)], today=TODAY)
    [c] = cases_of(shop)
    assert (c.return_tracking, c.needs) == (None, "退货单号")
    [w] = [i for i in res.issues if i.column == "退货物流单号"]
    assert not w.is_error and w.value == "7.51234E+13" and "退货单号没有填" in w.message_zh


def test_a_partial_refund_of_some_units_brings_back_only_those(shop, tmp_path):
    """Three shirts shipped on the platform; the buyer returns one (部分退款 ¥99.00 of ¥297.00 paid):
    its case is of 1 unit and receiving the parcel posts 1 back, not the line's 3. A refund that is
    no whole number of units (¥150.00) leaves the count to a person: nothing is posted when its
    parcel is scanned until 数量 is typed, and then that many."""
    a, b = "3900000000000000411", "3900000000000000412"
    for status, stamp in (("买家已付款，等待卖家发货", "20261121"), ("卖家已发货，等待买家确认", "20261122")):
        heads = [tb_order(no, status, courier="中通快递", tracking=f"73{no[-8:]}") for no in (a, b)]
        for h in heads:
            h["宝贝总数量"] = "3"
        items = [detail_row(no, "衬衫", "99.00", "3", sku, status=status) for no, sku in ((a, "SH-WH-M"), (b, "SH-BK-M"))]
        import_orders(shop, list(write_pair(tmp_path / stamp, heads, items, stamp=stamp)), today=TODAY)
    assert {ln.order_no: ln.status for ln in lines_of(shop)} == {a: OrderStatus.SHIPPED, b: OrderStatus.SHIPPED}
    rows = [refund_row("R921", a, "SH-WH-M", "99.00", "退款成功", needs_return="是", whole="部分退款", goods="买家已退货"),
            refund_row("R922", b, "SH-BK-M", "150.00", "退款成功", needs_return="是", whole="部分退款", goods="买家已退货")]
    for r in rows:
        r["买家实际支付金额"] = "297.00"
    import_orders(shop, [write_refunds(tmp_path / "r", rows)], today=TODAY)
    by = {c.refund_no: c for c in cases_of(shop)}
    assert (by["R921"].qty, by["R921"].needs) == (1, "退货单号")
    assert (by["R922"].qty, by["R922"].needs) == (None, "退货单号；退回件数")
    res = aftersales(shop, TODAY, received=[a, b])
    assert returns_of(shop) == [(by["R921"].case_no, "SH-WH-M", 1)]
    [why] = [i for i in res.issues if i.row == by["R922"].row]
    assert why.is_error and "填上退回了几件" in why.message_zh
    [step] = [v.step for v in res.open if v.case.refund_no == "R922"]
    assert "数量" in step
    # the person counts two shirts in the parcel: those two come back, once
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["售后"]
    ws.cell(by["R922"].row, [c.value for c in ws[1]].index("数量") + 1, 2)
    wb.save(shop.path(ORDERS))
    aftersales(shop, TODAY)
    aftersales(shop, TODAY)
    assert returns_of(shop) == [(by["R921"].case_no, "SH-WH-M", 1), (by["R922"].case_no, "SH-BK-M", 2)]


def add_order_row(shop, no: str, **cells) -> None:
    """A further row of order `no` on the 订单 sheet (a copy of its first), with `cells` by header."""
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, head.index("订单编号") + 1).value == no)
    ws.append([c.value for c in ws[row]])
    for h, v in cells.items():
        ws.cell(ws.max_row, head.index(h) + 1, v)
    wb.save(shop.path(ORDERS))


def test_a_refund_of_a_sku_on_two_rows_counts_the_row_its_amount_fits(shop, tmp_path):
    """Review: a refund export's case of a SKU on two rows of the order (typed ¥99.00 × 1, and from a
    bundle ¥50.00 × 2) counted the first row's units: a refund of ¥100.00 brought back 1, and one of
    ¥120.00 (no row's units) 1 too. Now the row whose price the amount is a whole number of units at
    counts (2); where none fits, or two do, 数量 is left for a person to count, as a partial refund's."""
    a, b = "3900000000000000463", "3900000000000000464"
    for no in (a, b):
        shipped_order(shop, tmp_path, no)  # SH-WH-M × 1 at ¥99.00
    add_order_row(shop, a, 数量=2, 单价="50.00", 平台编码="SET-SHIRT×2")
    add_order_row(shop, b, 平台编码="SET-SHIRT×1")  # ¥99.00 × 1 again: either row
    rows = [refund_row("R963", a, "SH-WH-M", "100.00", "买家已经退货，等待卖家确认收货", needs_return="是", goods="买家已退货"),
            refund_row("R964", a, "SH-WH-M", "120.00", "买家已经退货，等待卖家确认收货", needs_return="是",
                       whole="部分退款", goods="买家已退货"),
            refund_row("R965", b, "SH-WH-M", "99.00", "买家已经退货，等待卖家确认收货", needs_return="是", goods="买家已退货")]
    import_orders(shop, [write_refunds(tmp_path / "r", rows)], today=TODAY)
    by = {c.refund_no: c for c in cases_of(shop)}
    assert {k: (c.sku, c.qty, c.needs) for k, c in by.items()} == {
        "R963": ("SH-WH-M", 2, "退货单号"), "R964": ("SH-WH-M", None, "退货单号；退回件数"),
        "R965": ("SH-WH-M", None, "退货单号；退回件数")}
    res = aftersales(shop, TODAY, received=[c.case_no for c in by.values()])
    assert returns_of(shop) == [(by["R963"].case_no, "SH-WH-M", 2)]
    assert {i.row for i in res.issues if i.is_error and "填上退回了几件" in i.message_zh} == {by["R964"].row, by["R965"].row}


def held_order(shop, tmp_path, no: str, why: str) -> None:
    """An order imported, then held by a person with `why` in its 审单结果."""
    import_orders(shop, list(write_pair(tmp_path / "d", [tb_order(no)], [tb_detail(no, "SH-WH-M")])), today=TODAY)
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    ws.cell(2, head.index("状态") + 1, "已挂起")
    ws.cell(2, head.index("审单结果") + 1, why)
    wb.save(shop.path(ORDERS))


def test_a_held_order_opens_one_problem_case(shop, tmp_path):
    no = "3900000000000000402"
    held_order(shop, tmp_path, no, "地址不全")
    res = aftersales(shop, TODAY)
    [c] = res.opened
    assert (c.order_no, c.type, c.reason, c.due) == (no, CaseType.PROBLEM, "地址不全", TODAY + dt.timedelta(days=1))
    assert [v.case.case_no for v in res.open] == [c.case_no] and "地址不全" in res.open[0].step
    assert aftersales(shop, TODAY).opened == [] and len(cases_of(shop)) == 1


def test_a_held_orders_case_says_its_reasons_without_held_before_each(shop, tmp_path):
    """The review writes 挂起：… before each reason in 审单结果; the 问题件 opened for the held order
    read "挂起：买家留言：要快；挂起：库存不足…": the case says the order is held already."""
    held_order(shop, tmp_path, "3900000000000000409", "挂起：买家留言：要快；挂起：库存不足：SH-WH-M 需要 9，可用 5")
    [c] = aftersales(shop, TODAY).opened
    assert c.reason == "买家留言：要快；库存不足：SH-WH-M 需要 9，可用 5"


def test_cases_of_one_day_are_listed_in_number_order_and_a_parcel_scanned_twice_is_one(shop, tmp_path):
    """SH…-10 came before SH…-2 (sorted as text); a return scanned twice in one run was said twice."""
    no = "3900000000000000410"
    shipped_order(shop, tmp_path, no)
    for k in (2, 10, 1):
        type_case(shop, case_no=f"SH20261122-{k}", opened_on=TODAY, order_no=no, type="投诉", reason="态度",
                  status="处理中", due=TODAY + dt.timedelta(days=1))
    type_case(shop, case_no="RET-1", opened_on=TODAY, order_no=no, sku="SH-WH-M", qty=1, type="退货退款",
              status="等退货", return_tracking="YT0410", due=TODAY + dt.timedelta(days=1))
    res = aftersales(shop, TODAY, received=["YT0410", "YT0410 "])
    assert res.received == ["YT0410"]
    assert [v.case.case_no for v in res.open if v.case.case_no.startswith("SH")] == \
        ["SH20261122-1", "SH20261122-2", "SH20261122-10"]
    assert returns_of(shop) == [("RET-1", "SH-WH-M", 1)]


def test_a_parcel_failing_the_scan_check_opens_a_case_and_the_packer_is_kept(shop, tmp_path):
    a, b = "3900000000000000403", "3900000000000000404"
    import_orders(shop, list(write_pair(tmp_path / "d", [tb_order(a), tb_order(b)],
                                        [tb_detail(a, "SH-WH-M"), tb_detail(b, "SH-BK-M")])), today=TODAY)
    review(shop)
    make_picklist(shop, today=TODAY)
    scans = tmp_path / "scan.txt"
    # b's parcel holds the white shirt instead of the black one
    scans.write_text("打包员,小王\n" + scan_text(((a, "中通", "7300000403"), ("0690000000017",)),
                                             ((b, "中通", "7300000404"), ("0690000000017",))), encoding="utf-8")
    res = ship(shop, scans, today=TODAY)
    assert res.shipped == [a]
    [c] = cases_of(shop)
    assert [x.case_no for x in res.cases_opened] == [c.case_no]
    assert c.order_no == b and c.type is CaseType.PROBLEM and "SH-BK-M" in c.reason
    by = {ln.order_no: ln for ln in lines_of(shop)}
    assert by[a].packer == "小王" and by[b].packer is None
    ship(shop, scans, today=TODAY)  # scanned again: still one open case for b
    assert len(cases_of(shop)) == 1


def test_an_exchange_received_posts_its_return_once_and_its_resend_is_reviewed_and_picked(shop, tmp_path):
    no = "3900000000000000405"
    shipped_order(shop, tmp_path, no)
    type_case(shop, case_no="HX-1", opened_on=TODAY, order_no=no, sku="SH-WH-M", qty=1, type="换货",
              reason="尺码小了", wants="换 L 码", exchange_sku="SH-WH-L", return_tracking="YT900001", status="等退货",
              due=TODAY + dt.timedelta(days=7), staff="小美")
    res = aftersales(shop, TODAY)
    assert res.resends == [] and res.returns == []  # nothing until the old one is back
    assert "YT900001" in res.open[0].step
    res = aftersales(shop, TODAY, received=["YT900001"])
    assert res.received == ["YT900001"] and res.unknown == []
    assert returns_of(shop) == [("HX-1", "SH-WH-M", 1)]
    [c] = cases_of(shop)
    assert c.status is CaseStatus.RETURNED and c.resend_order == f"{no}-R1"
    resend = [ln for ln in lines_of(shop) if ln.order_no == f"{no}-R1"]
    assert [(ln.sku, ln.qty, ln.status, ln.unit_price) for ln in resend] == \
        [("SH-WH-L", 1, OrderStatus.NEW, Decimal("0"))]
    assert resend[0].receiver == next(ln for ln in lines_of(shop) if ln.order_no == no).receiver
    # run again: no second 退货, no second resend
    again = aftersales(shop, TODAY)
    assert again.returns == [] and again.resends == [] and len(returns_of(shop)) == 1
    assert len([ln for ln in lines_of(shop) if ln.order_no.startswith(f"{no}-R")]) == 1
    # the resend goes through review and picking like any order
    review(shop)
    assert {ln.order_no: ln.status for ln in lines_of(shop)}[f"{no}-R1"] is OrderStatus.APPROVED
    assert [p.order_no for p in make_picklist(shop, today=TODAY).parcels] == [f"{no}-R1"]
    assert f"{no}-R1" in aftersales(shop, TODAY).open[0].step
    # a code matching no case is said, not guessed
    assert aftersales(shop, TODAY, received=["NOPE"]).unknown == ["NOPE"]


def test_a_lost_parcel_is_resent_and_a_refund_case_proposes_its_ledger_line(shop, tmp_path):
    no = "3900000000000000406"
    shipped_order(shop, tmp_path, no)
    type_case(shop, case_no="LOST-1", opened_on=TODAY, order_no=no, type="丢件", reason="快递丢件", status="处理中",
              due=TODAY + dt.timedelta(days=3))
    type_case(shop, case_no="TK-1", opened_on=TODAY, order_no=no, type="仅退款", reason="少发赠品", amount="12.50",
              status="处理中", due=TODAY + dt.timedelta(days=2))
    res = aftersales(shop, TODAY)
    assert sorted({ln.order_no for ln in res.resends}) == [f"{no}-R1"]
    # no 退款 category yet: nothing proposed, and said
    assert res.ledger == [] and "退款" in res.issues[0].message_zh
    write_workbook(shop.path(LEDGER), LEDGER, "zh", {
        Account: [Account(account="支付宝", opening_date=dt.date(2026, 11, 1), opening_balance=Decimal("1000.00"))],
        Category: [Category(category="退款", direction="支出", group="退款")]}, keep_backup=False)
    res = aftersales(shop, TODAY)
    assert res.resends == []  # made already
    [e] = res.ledger  # proposed, not written
    assert (e.order_no, e.amount, e.account) == (no, Decimal("12.50"), "支付宝") and "TK-1" in e.note
    assert e.note == "退款 TK-1（售后单记入，待支付宝对账）"  # not "the refund export's": a person typed the case
    assert all(x.order_no != no for x in read_workbook(shop.path(LEDGER), LEDGER, (Entry,)).rows(Entry))
    steps = {v.case.case_no: v.step for v in res.open}
    assert "¥12.50" in steps["TK-1"] and f"{no}-R1" in steps["LOST-1"]


def test_a_case_that_does_not_read_is_said_with_its_cell_and_not_received_by_a_scan_naming_it(shop, tmp_path):
    type_case(shop, case_no="BAD-1", opened_on=TODAY, order_no="X1", type="退钱")
    r = CliRunner().invoke(app, ["aftersales", str(shop.folder)])  # the other cases are worked; this one skipped
    assert r.exit_code == 1 and "售后" in r.output and "退钱" in r.output and "跳过" in r.output, r.output
    assert "Traceback" not in r.output
    r = CliRunner().invoke(app, ["aftersales", "receive", str(shop.folder), "BAD-1"])  # said at its cell, not received
    assert r.exit_code == 1 and "退钱" in r.output and "再扫一次 BAD-1" in r.output and "Traceback" not in r.output


def test_an_orders_book_without_the_sheet_gets_it_with_its_first_case(shop, tmp_path):
    no = "3900000000000000407"
    shipped_order(shop, tmp_path, no)
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    del wb["售后"]
    wb.save(shop.path(ORDERS))
    refunds = write_refunds(tmp_path / "r", [refund_row("R907", no, "SH-WH-M", "20.00", "买家已经申请退款，等待卖家同意",
                                                        reason="少发赠品")])
    assert len(import_orders(shop, [refunds], today=TODAY).cases_opened) == 1
    [c] = cases_of(shop)
    assert (c.type, c.status, c.amount, c.refund_no) == (CaseType.REFUND_ONLY, CaseStatus.OPEN, Decimal("20.00"), "R907")
    assert "订单" in openpyxl.load_workbook(shop.path(ORDERS)).sheetnames  # the person's sheets are all there
    assert len(list((shop.folder / ".shopbook-backup").glob("orders.*.xlsx"))) >= 1  # the previous version kept


def case_cells(shop, no: str) -> dict:
    return {c.case_no: c for c in cases_of(shop)}[no]


def test_validate_flags_returns_the_order_does_not_back_and_receive_refuses_them(shop, tmp_path):
    from shopbook.validate import validate_path

    no = "3900000000000000408"
    shipped_order(shop, tmp_path, no)  # one line: SH-WH-M × 1
    due = TODAY + dt.timedelta(days=7)
    for case_no, sku, qty in (("TH-OK", "SH-WH-M", 1), ("TH-1", "SH-WH-M", 1), ("TH-5", "SH-WH-M", 5),
                              ("TH-BK", "SH-BK-M", 1), ("TH-NEG", "SH-WH-M", -1)):
        type_case(shop, case_no=case_no, opened_on=TODAY, order_no=no, sku=sku, qty=qty, type="退货退款",
                  reason="质量问题", return_tracking=f"YT{case_no}", status="等退货", due=due, staff="小红")
    v = validate_path(shop.folder)
    rows = {c.case_no: c.row for c in cases_of(shop)}
    got = {(i.row, i.field): i for i in v.errors if i.sheet == "售后"}
    # the first case takes the order's one unit; the second is one too many; another SKU; a negative quantity
    assert set(got) == {(rows["TH-1"], "qty"), (rows["TH-5"], "qty"), (rows["TH-BK"], "sku"), (rows["TH-NEG"], "qty")}
    assert "TH-OK" in got[rows["TH-1"], "qty"].message_zh and "TH-OK" in got[rows["TH-1"], "qty"].message_en
    assert "只有 1 件" in got[rows["TH-5"], "qty"].message_zh and "has 1" in got[rows["TH-5"], "qty"].message_en
    assert "SH-BK-M" in got[rows["TH-BK"], "sku"].message_zh and "has no line" in got[rows["TH-BK"], "sku"].message_en
    assert got[rows["TH-5"], "qty"].cell == f"E{rows['TH-5']}"
    r = CliRunner().invoke(app, ["aftersales", "receive", str(shop.folder), "YTTH-OK", "YTTH-1", "YTTH-5", "YTTH-BK",
                                 "YTTH-NEG", "--date", TODAY.isoformat()])
    assert r.exit_code == 1, r.output
    said = "".join(r.output.split())
    for case_no in ("TH-1", "TH-5", "TH-BK", "TH-NEG"):
        assert f"售后单{case_no}未处理" in said
    # the valid one posted, the others left as they were: no movement, not marked received
    assert returns_of(shop) == [("TH-OK", "SH-WH-M", 1)]
    assert {c.case_no: c.status for c in cases_of(shop)} == {
        "TH-OK": CaseStatus.RETURNED, **dict.fromkeys(("TH-1", "TH-5", "TH-BK", "TH-NEG"), CaseStatus.WAITING_RETURN)}
    # a case typed as received is refused too, and stock.xlsx holds no row validate calls wrong
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["售后"]
    ws.cell(rows["TH-NEG"], [c.value for c in ws[1]].index("状态") + 1, "已收到退货")
    wb.save(shop.path(ORDERS))
    assert aftersales(shop, TODAY).returns == [] and len(returns_of(shop)) == 1
    assert [i for i in validate_path(shop.folder).errors if i.book == "stock.xlsx"] == []


def test_an_exchange_to_an_unknown_sku_makes_no_resend_until_it_is_right(shop, tmp_path):
    from shopbook.validate import validate_path

    no = "3900000000000000409"
    shipped_order(shop, tmp_path, no)
    type_case(shop, case_no="HX-2", opened_on=TODAY, order_no=no, sku="SH-WH-M", qty=1, type="换货", reason="尺码小了",
              wants="换 L 码", exchange_sku="SH-WH-LL", return_tracking="YT900002", status="等退货",
              due=TODAY + dt.timedelta(days=7))
    [e] = [i for i in validate_path(shop.folder).errors if i.sheet == "售后"]
    assert e.field == "exchange_sku" and "SH-WH-LL" in e.message_zh and "“SH-WH-L”" in e.message_zh
    assert "Did you mean 'SH-WH-L'" in e.message_en
    res = aftersales(shop, TODAY, received=["YT900002"])
    # the goods that came back are right: received and posted; the resend waits for its SKU
    assert returns_of(shop) == [("HX-2", "SH-WH-M", 1)] and res.resends == []
    assert any("不生成补发单" in i.message_zh for i in res.issues)
    assert case_cells(shop, "HX-2").resend_order is None and "SH-WH-LL" in res.open[0].step
    assert all(not ln.order_no.startswith(f"{no}-R") for ln in lines_of(shop))
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["售后"]
    ws.cell(case_cells(shop, "HX-2").row, [c.value for c in ws[1]].index("换货编码") + 1, "SH-WH-L")
    wb.save(shop.path(ORDERS))
    res = aftersales(shop, TODAY)
    assert [(ln.order_no, ln.sku) for ln in res.resends] == [(f"{no}-R1", "SH-WH-L")] and res.issues == []
    assert validate_path(shop.folder).errors == []


def test_an_exchange_for_another_size_with_its_code_blank_is_a_warning(shop, tmp_path):
    from shopbook.validate import validate_path

    no = "3900000000000000410"
    shipped_order(shop, tmp_path, no)
    for case_no, wants in (("HX-3", "换大一码"), ("HX-4", "换同款")):
        type_case(shop, case_no=case_no, opened_on=TODAY, order_no=no, sku="SH-WH-M", qty=1, type="换货",
                  reason="尺码小了", wants=wants, status="处理中", due=TODAY + dt.timedelta(days=7))
    v = validate_path(shop.folder)
    row = case_cells(shop, "HX-3").row
    [w] = [i for i in v.warnings if i.sheet == "售后"]
    assert (w.row, w.field) == (row, "exchange_sku")
    assert "换货编码" in w.message_zh and "exchange SKU" in w.message_en


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_refund_the_ledger_holds_is_not_to_be_agreed_again(lang):
    """A 退货退款 case from the refund export, its return received: once the refund export has booked
    the refund (the platform paid it: the ledger line's note names its 退款编号), the next step is to
    mark the case done, not to agree the refund on the platform again; before it, to agree it."""
    from shopbook.aftersales.workflow import list_open
    from shopbook.orders.refunds import Refund, note_of

    case = AfterSalesCase(case_no="SH1", opened_on=dt.date(2026, 11, 20), order_no="T1", type="退货退款",
                          amount=Decimal("59.00"), refund_no="R77", status="已收到退货", qty=1, return_tracking="YT1")
    paid = Entry(date=dt.date(2026, 11, 21), direction="支出", category="退款", amount=Decimal("59.00"), account="支付宝",
                 order_no="T1", note=note_of(Refund("T1", "R77", Decimal("59.00"), dt.date(2026, 11, 21), ""), lang))
    other = paid.model_copy(update={"note": note_of(Refund("T2", "R770", Decimal("59.00"), dt.date(2026, 11, 21), ""), lang)})
    (before,) = list_open([case], [], dt.date(2026, 11, 22), lang, [other])  # R770 is not R77
    (after,) = list_open([case], [], dt.date(2026, 11, 22), lang, [other, paid])
    if lang == "zh":
        assert (before.step, after.step) == ("在平台上同意退款 ¥59.00，然后改为已完成", "平台已退款 ¥59.00（流水账已记）：改为已完成")
    else:
        assert (before.step, after.step) == ("agree the refund ¥59.00 on the platform, then mark it done",
                                             "refunded ¥59.00 on the platform (in the ledger): mark it done")


def test_a_code_that_is_no_case_says_what_receive_takes(shop, tmp_path):
    """`aftersales receive` with a code that names no case: located in one line, in the shop's
    language, saying what it takes (a return's tracking number only once typed in its case)."""
    r = CliRunner().invoke(app, ["aftersales", "receive", str(shop.folder), "73100000000099"])
    out = "".join(r.output.split())  # (the screen's line may wrap anywhere)
    assert "✗找不到售后单：73100000000099（可以用售后单号、订单编号，或售后表“退货单号”里填过的退货单号）" in out, r.output
    assert "nocase" not in out and ":7310" not in out
    # QA (returns): a parcel back that nobody registered was told which codes work, not what to do with it
    assert "这次没有收货。没有登记过的包裹：拆开找到它的订单编号（发货单、买家留言），在售后表登记这个退货并填上退货单号，再扫一次" in out
    assert r.exit_code == 1


def test_a_return_posted_then_its_quantity_put_right_says_the_adjustment(shop, tmp_path):
    # the case says 2 (the order's line), the parcel held 1: scanned first, 数量 put right after
    no = "3900000000000000411"
    import_orders(shop, list(write_pair(tmp_path / "d", [tb_order(no)], [detail_row(no, "衬衫", "99.00", "2", "SH-WH-M")])),
                  today=TODAY)
    review(shop)
    make_picklist(shop, today=TODAY)
    (tmp_path / "scan.txt").write_text("打包员,小李\n" + scan_text(((no, "中通", "7311"), ("0690000000017",) * 2)),
                                       encoding="utf-8")
    assert ship(shop, tmp_path / "scan.txt", today=TODAY).shipped == [no]
    type_case(shop, case_no="TH-2", opened_on=TODAY, order_no=no, sku="SH-WH-M", type="退货退款", status="等退货",
              return_tracking="YT911", due=TODAY + dt.timedelta(days=7))
    assert aftersales(shop, TODAY, received=["YT911"]).returns[0].qty == 2
    assert aftersales(shop, TODAY).issues == []
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["售后"]
    ws.cell(ws.max_row, [c.value for c in ws[1]].index("数量") + 1).value = 1
    wb.save(shop.path(ORDERS))
    res = aftersales(shop, TODAY)
    [i] = res.issues
    assert (i.sheet, i.field, i.value, i.is_error) == ("售后", "qty", "1", True) and i.cell
    assert "调整" in i.message_zh and "-1" in i.message_zh and "TH-2" in i.message_zh and "-1" in i.message_en
    assert res.returns == [] and returns_of(shop) == [("TH-2", "SH-WH-M", 2)]  # nothing posted again
    # the adjustment typed under the case's number: said no more
    wb = openpyxl.load_workbook(shop.path(STOCK))
    wb["出入库"].append([TODAY, "SH-WH-M", "调整", -1, "TH-2", None])
    wb.save(shop.path(STOCK))
    assert aftersales(shop, TODAY).issues == []


def test_a_complaint_typed_without_a_due_date_is_overdue_and_first(shop, tmp_path, monkeypatch):
    import shopbook.cli

    monkeypatch.setattr(shopbook.cli.out, "width", 400)
    no = "3900000000000000412"
    shipped_order(shop, tmp_path, no)
    type_case(shop, case_no="TH-3", opened_on=TODAY, order_no=no, type="退货退款", status="等退货",
              due=TODAY + dt.timedelta(days=7))
    type_case(shop, case_no="TS-1", opened_on=TODAY - dt.timedelta(days=3), order_no=no, type="投诉",
              reason="客服态度", status="处理中", staff="小美")  # 截止日期 left blank, as people do
    r = CliRunner().invoke(app, ["aftersales", str(shop.folder), "--date", TODAY.isoformat()])
    assert r.exit_code == 1, r.output
    listed = [ln.strip() for ln in r.output.splitlines() if ln.startswith("  ")]
    assert listed[0].startswith("超期 TS-1") and "2026-11-20" in listed[0] and "TH-3" in listed[1], r.output
    assert "超期：1" in r.output
    assert case_cells(shop, "TS-1").due is None  # the blank cell is left as the person left it


def test_a_resend_typed_with_an_order_number_not_on_the_sheet_says_to_correct_it(shop, tmp_path, monkeypatch):
    from shopbook.validate import validate_path
    import shopbook.cli

    monkeypatch.setattr(shopbook.cli.out, "width", 400)
    no = "3900000000000000413"
    shipped_order(shop, tmp_path, no)
    type_case(shop, case_no="BF-1", opened_on=TODAY, order_no=no[:-1], type="补发", status="处理中")  # a digit short
    r = CliRunner().invoke(app, ["aftersales", str(shop.folder), "--date", TODAY.isoformat()])
    assert r.exit_code == 1 and "订单编号" in r.output and no[:-1] in r.output, r.output
    step = next(ln for ln in r.output.splitlines() if ln.strip().startswith("BF-1"))
    assert "先改正" in step and "请改正订单编号" in step and "生成补发单" not in step, step  # not "run aftersales"
    issues = [i for i in validate_path(shop.folder).issues if i.sheet == "售后"]
    assert [(i.field, i.is_error) for i in issues] == [("order_no", True)]
    assert case_cells(shop, "BF-1").resend_order is None
    # put right, the resend is made
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["售后"]
    ws.cell(ws.max_row, [c.value for c in ws[1]].index("订单编号") + 1).value = no
    wb.save(shop.path(ORDERS))
    assert sorted({ln.order_no for ln in aftersales(shop, TODAY).resends}) == [f"{no}-R1"]


def test_a_case_that_takes_nothing_back_is_said_as_such_not_as_no_case(demo_copy):
    """QA: `aftersales receive` of a 投诉 case's number, or of the order of a 仅退款 case, said
    "no case for …" of cases that the list printed right below: the case is there, and it takes no
    goods back. Said so (exit 1: a person scanned something no case waits for), nothing received."""
    folder = demo_copy
    r = CliRunner().invoke(app, ["aftersales", "receive", str(folder), "SH20261117-23", "3515131473025158020"])
    out = "".join(r.output.split())
    assert r.exit_code == 1, r.output
    assert "!SH20261117-23：售后单SH20261117-23是“投诉”，没有要收的退货：这次没有收货" in out, r.output
    assert "!3515131473025158020：售后单SH20261120-24是“仅退款”，没有要收的退货" in out, r.output
    assert "找不到售后单" not in out
    r = CliRunner().invoke(app, ["aftersales", "receive", str(folder), "SH20261117-23", "--json"])
    assert json.loads(r.stdout)["no_return"] == [{"code": "SH20261117-23", "case_no": "SH20261117-23", "type": "投诉"}]


def test_a_failed_scan_s_reasons_are_joined_in_the_shop_s_language():
    """Two problems with one parcel go into its case's reason joined as the shop writes: '；' in a
    Chinese shop, '; ' in an English one (it was '；' in both)."""
    from shopbook.aftersales.cases import open_cases_from_scans
    from shopbook.orders.scan import ParcelCheck
    from shopbook.schema import OrderLine

    line = OrderLine(order_no="X1", receiver="r", phone="13800000000", address="a", sku="A", qty=1, row=2)
    chk = ParcelCheck("X1", "X1", False, [("多了 B：应 0 件，扫到 1 件", "extra B: 0 expected, 1 scanned"),
                                          ("少了 A：应 1 件，扫到 0 件", "missing A: 1 expected, 0 scanned")])
    (en,) = open_cases_from_scans([chk], [line], [], dt.date(2026, 11, 21), "en")
    (zh,) = open_cases_from_scans([chk], [line], [], dt.date(2026, 11, 21), "zh")
    assert en.reason == "extra B: 0 expected, 1 scanned; missing A: 1 expected, 0 scanned"
    assert zh.reason == "多了 B：应 0 件，扫到 1 件；少了 A：应 1 件，扫到 0 件"


def set_order_cell(shop, no: str, header: str, value) -> None:
    """A person's edit of every row of order `no` on the 订单 sheet."""
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, head.index("订单编号") + 1).value == no:
            ws.cell(r, head.index(header) + 1, value)
    wb.save(shop.path(ORDERS))


def picked_order(shop, tmp_path, no: str, sku: str = "SH-WH-M") -> None:
    import_orders(shop, list(write_pair(tmp_path / f"d{no[-3:]}", [tb_order(no)], [tb_detail(no, sku)])), today=TODAY)
    review(shop)
    make_picklist(shop, today=TODAY)


def set_case_cell(shop, case_no: str, header: str, value) -> None:
    """A person's edit of one cell of case `case_no` on the 售后 sheet."""
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["售后"]
    head = [c.value for c in ws[1]]
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, head.index("售后单号") + 1).value == case_no:
            ws.cell(r, head.index(header) + 1).value = value  # (None: the cell emptied)
    wb.save(shop.path(ORDERS))


@pytest.mark.parametrize("lang, made, posted", [
    ("zh", "✓ 补发单：3515131473025173988-R1、3515131473025183834-R1", "✓ 退货入库：DJ2628-BK-XL×1（SH20261118-22）"),
    ("en", "✓ resends made: 3515131473025173988-R1, 3515131473025183834-R1",
     "✓ returns posted: DJ2628-BK-XL×1 (SH20261118-22)")])
def test_the_desk_lists_what_it_did_in_the_shops_punctuation(tmp_path, wide_console, lang, made, posted):
    """A Chinese shop's desk listed its resends and returns with an English comma and brackets: '✓ 补发单：
    …-R1, …-R1' and '✓ 退货入库：DJ2628-BK-XL×1 (SH20261118-22)'."""
    from demo_shop import demo_copy

    folder = demo_copy(tmp_path / "shop", lang)
    r = CliRunner().invoke(app, ["aftersales", str(folder), "--date", "2026-11-21"])
    lines = r.stdout.splitlines()
    assert made in lines and posted in lines, r.stdout


@pytest.mark.parametrize("qty, amount, said", [
    (5, None, ("5 × JK2633-BL-XL back, but order 3515131473020181902 has 1, and earlier case SH20261101-11 takes "
               "back 1.")),
    (None, 15000, "Case X1 refunds ¥15,000.00, with earlier case X0 ¥15,001.00 in all, more than the ¥409.41")])
def test_one_earlier_case_is_said_in_the_singular(tmp_path, wide_console, qty, amount, said):
    """An English shop's desk said 'and earlier cases SH20261101-11 take back 1' and 'with earlier cases X0
    ¥15,001.00 in all' of one earlier case."""
    from demo_shop import demo_copy

    folder = demo_copy(tmp_path / "shop", "en")
    rows = [{"case_no": no, "opened_on": dt.datetime(2026, 11, 20), "order_no": "3515131473020181902",
             "sku": "JK2633-BL-XL", "qty": n, "type": "refund only" if amount else "return", "amount": money,
             "return_tracking": None if amount else "YT99", "status": "open", "staff": "Hong"}
            for no, n, money in ([("X0", None, 1)] if amount else []) + [("X1", qty, amount)]]
    appended_in(folder / "orders.xlsx", "After-sales", [{k: v for k, v in r.items() if v is not None} for r in rows])
    r = CliRunner().invoke(app, ["aftersales", str(folder), "--date", "2026-11-21"])
    assert said in " ".join(r.stdout.split()), r.stdout


def test_a_parcel_back_scanned_by_its_order_before_its_case_is_typed_says_to_type_the_case_first(tmp_path):
    """QA: a buyer's parcel back (拒收, or a return nobody typed yet) scanned by its order number: 'no case for:
    O2 (give the case number, the order number, …)', telling the warehouse to give the order number it had
    just given. An order with no case is now said as such: type the return first, then scan again."""
    from shopbook.schema import AfterSalesCase, OrderLine
    from shopbook.shop import init_shop
    from shopbook.workbook_builder import write_workbook

    folder = tmp_path / "shop"
    init_shop(folder)
    line = OrderLine(order_no="O2", receiver="王芳", phone="13800138000", address="浙江省 杭州市 西湖区 文三路 1 号",
                     sku="S", qty=1, status="已发货", paid_at=dt.datetime(2026, 11, 1, 10))
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [line], AfterSalesCase: []}, keep_backup=False)
    r = CliRunner().invoke(app, ["aftersales", "receive", str(folder), "o2 ", "YT9"])
    out = "".join(r.output.split())
    assert r.exit_code == 1
    assert "✗o2：订单O2还没有售后单，这次没有收货：先在售后表登记这个退货（类型“退货退款”或“换货”，填上退货单号），再扫一次" in out, r.output
    assert "✗找不到售后单：YT9（" in out and "找不到售后单：o2" not in out
