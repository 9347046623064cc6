"""A waybill tool's shipped file naming an order that must not ship (held by the review, not yet reviewed,
cancelled by a person) is refused at its row, loudly; before, that one line also stopped `orders morning`'s
and `daily`'s review and pick list for the whole shop, every day the file stayed in inbox/, until a person
approved the order. That order is never picked (not approved), so the others now go on: it is left out of
the job's review (a 待审核 one is not approved into the pick list the tool already printed a waybill for),
the job says which order and that the rest were reviewed and picked, exits non-zero, and daily keeps the
file in inbox/ so it is said again."""

from __future__ import annotations

import datetime as dt

import openpyxl

from cli_run import flat, shopbook
from platform_fixtures import kuaidizhushou_shipped
from shopbook.orders.workflow import import_orders, review
from shopbook.report.workflow import run_daily
from shopbook.schema import OrderStatus
from taobao_fixtures import detail_row, order_row, write_pair
from test_order_life import moves_of, status_of
from test_orders import build_shop

OK, REMOTE, LATE, GONE, NEWER = (f"35150000000000009{i:02d}" for i in range(1, 6))


def _shop_and_file(tmp_path):
    shop = build_shop(tmp_path)

    def order(no, name, addr, paid, sku="SH-BK-M"):
        return (order_row(no, "tb_" + no[-2:], name, "13812345678", addr, f"2026-11-21 {paid}:00:00"),
                detail_row(no, "黑衬衫", "99.00", "1", sku))

    first = [order(OK, "王芳", "浙江省 杭州市 西湖区 文三路100号(310000)", "08"),
             order(REMOTE, "张伟", "新疆维吾尔自治区 乌鲁木齐市 天山区 某路1号(830000)", "09"),
             order(GONE, "赵敏", "浙江省 宁波市 海曙区 中山路5号(315000)", "10")]
    import_orders(shop, list(write_pair(tmp_path / "d1", [o for o, _ in first], [d for _, d in first])))
    review(shop)  # OK approved, REMOTE held (偏远地区), GONE approved …
    wb = openpyxl.load_workbook(shop.folder / "orders.xlsx")  # … then cancelled by a person
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[head.index("订单编号")].value == GONE:
            row[head.index("状态")].value = "已关闭"
    wb.save(shop.folder / "orders.xlsx")
    later = [order(LATE, "李雷", "浙江省 宁波市 海曙区 中山路6号(315000)", "11"),
             order(NEWER, "韩梅", "浙江省 温州市 鹿城区 人民路7号(325000)", "12")]
    import_orders(shop, list(write_pair(tmp_path / "d2", [o for o, _ in later], [d for _, d in later], "20261122")))
    assert [status_of(shop)[n] for n in (OK, REMOTE, LATE, GONE, NEWER)] == [
        OrderStatus.APPROVED, OrderStatus.HELD, OrderStatus.NEW, OrderStatus.CLOSED, OrderStatus.NEW]
    f = kuaidizhushou_shipped(tmp_path / "kd", [(OK, "中通快递", "73100000000901"), (REMOTE, "中通快递", "73100000000902"),
                                                (LATE, "中通快递", "73100000000903"), (GONE, "中通快递", "73100000000904")])
    return shop, f


def _picked(shop) -> set[str]:
    """The orders on the pick list's waybill CSV (its order numbers written ="…", to stay text in Excel)."""
    text = "".join(p.read_bytes().decode("utf-8-sig") for p in shop.reports.glob("面单-*.csv"))
    assert text
    return {n for n in (OK, REMOTE, LATE, GONE, NEWER) if n in text}


def test_orders_morning_reviews_and_picks_the_others_and_names_the_refused(tmp_path):
    shop, f = _shop_and_file(tmp_path)
    r = shopbook("orders", "morning", shop.folder, f)
    out = flat(r.stdout + r.stderr)
    assert r.returncode == 1, out  # loud: a parcel to stop
    assert flat(f"订单 {REMOTE} 已挂起（") in out and flat(f"订单 {LATE} 是“待审核”，还没有审核") in out
    assert flat(f"订单 {GONE} 在 shopbook 里已取消") in out
    assert flat(f"订单 {REMOTE}、{LATE}、{GONE} 的发货被拒绝（原因见它的错误），这次没有审单，也不在拣货单里；其余订单已审单，拣货单已生成。") in out
    assert "没有审单，也没有生成拣货单" not in out
    st = status_of(shop)
    assert [st[n] for n in (OK, REMOTE, LATE, GONE, NEWER)] == [
        OrderStatus.SHIPPED, OrderStatus.HELD, OrderStatus.NEW, OrderStatus.CLOSED, OrderStatus.APPROVED]
    assert [m[0] for m in moves_of(shop)] == [OK]
    assert _picked(shop) == {NEWER}  # LATE, with the tool's waybill out, is not approved into the pick list


def test_daily_reviews_and_picks_the_others_and_keeps_the_file(tmp_path):
    shop, f = _shop_and_file(tmp_path)
    inbox = shop.folder / "inbox"
    inbox.mkdir(exist_ok=True)
    kept = inbox / f.name
    f.rename(kept)
    run = run_daily(shop, dt.date(2026, 11, 22), send=False)
    steps = {s.name: s for s in run.steps}
    assert steps["inbox"].ok is False and "文件留在 inbox/" in steps["inbox"].detail
    assert steps["review"].ok is True and steps["picklist"].ok is True, steps["review"].detail
    assert f"订单 {REMOTE}、{LATE}、{GONE} 的发货被拒绝（原因见它的错误），这次没有审单" in steps["review"].detail
    assert kept.exists()  # said again tomorrow
    assert any(f"订单 {LATE} 是“待审核”" in p for p in run.summary.problems), run.summary.problems
    st = status_of(shop)
    assert [st[n] for n in (OK, LATE, NEWER)] == [OrderStatus.SHIPPED, OrderStatus.NEW, OrderStatus.APPROVED]
    assert _picked(shop) == {NEWER}


def test_a_line_not_imported_still_stops_the_review(tmp_path):
    """Every other refusal is as before: an order whose line did not come in may be one to review."""
    from test_blank_receiver import taobao_pair

    shop = build_shop(tmp_path)
    files = taobao_pair(tmp_path / "x")
    r = shopbook("orders", "morning", shop.folder, *files)
    assert r.returncode == 1 and "没有审单，也没有生成拣货单" in flat(r.stdout + r.stderr)
