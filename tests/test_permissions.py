"""A shop folder shared by colleagues stays shared: a file shopbook rewrites keeps its mode
(and, where the process may, its owner and group), a file it creates gets what the umask
gives any new file, a backup keeps the mode of what it backs up. Real files, under
umask 002 (a group-shared folder) and 022."""

from __future__ import annotations

import os
import stat

import pytest

from shopbook.orders.workflow import make_picklist, review
from shopbook.schema import ORDERS
from test_concurrency import TODAY, small_shop


def mode(p) -> int:
    return stat.S_IMODE(os.stat(p).st_mode)


def month_shop(folder):
    """A new shop with November's few orders (two customers) and a person on 绩效: the P&L, the pay, the customers
    and the monthly review are made of its ledger.xlsx and orders.xlsx as of the demo's (whose year each of the
    tests below read for a file's mode, over 2 CPU-seconds a test)."""
    import datetime as dt
    from decimal import Decimal as D

    from shopbook.schema import LEDGER, OrderLine, StaffMember
    from shopbook.shop import init_shop, open_shop
    from shopbook.workbook_builder import write_workbook

    init_shop(folder)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {StaffMember: [
        StaffMember(name="小美", role="客服", base=D("3000.00"), commission_rate="1.5%")]}, keep_backup=False)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [
        OrderLine(order_no=f"T{i}", receiver=who, phone=f"1380000000{i}", address="浙江省 杭州市 西湖区 文三路1号",
                  sku="SH-WH-M", qty=1, unit_price=D(60), status="已发货", cs="小美",
                  paid_at=dt.datetime(2026, 11, 10 + i, 9)) for i, who in enumerate(("张三", "李四", "张三"))]},
        keep_backup=False)
    return open_shop(folder)


@pytest.fixture(params=[0o002, 0o022], ids=["umask002", "umask022"])
def umask(request):
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


def test_rewritten_files_keep_their_mode_and_new_files_follow_the_umask(tmp_path, umask):
    shop = small_shop(tmp_path / "shop")
    orders = shop.path(ORDERS)
    os.chmod(orders, 0o664)  # the group may write it: colleagues on the shared folder
    review(shop)
    assert mode(orders) == 0o664  # not 0600, and not the umask's 0644 either: its own mode
    backups = list((shop.folder / ".shopbook-backup").glob("orders.*.xlsx"))
    assert backups and all(mode(b) == 0o664 for b in backups)
    res = make_picklist(shop, today=TODAY)
    assert mode(orders) == 0o664
    assert res.files and all(mode(f) == 0o666 & ~umask for f in res.files)  # new: as any new file


def test_a_private_file_stays_private(tmp_path, umask):
    shop = small_shop(tmp_path / "shop")
    orders = shop.path(ORDERS)
    os.chmod(orders, 0o640)
    review(shop)
    assert mode(orders) == 0o640


def test_the_target_of_a_link_keeps_its_mode(tmp_path, umask):
    shop = small_shop(tmp_path / "shop")
    real = tmp_path / "share" / "orders.xlsx"
    real.parent.mkdir()
    shop.path(ORDERS).rename(real)
    shop.path(ORDERS).symlink_to(real)
    os.chmod(real, 0o660)
    review(shop)
    assert shop.path(ORDERS).is_symlink() and mode(real) == 0o660


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing a file's owner needs root")
def test_a_rewritten_file_keeps_its_owner_and_group(tmp_path):
    shop = small_shop(tmp_path / "shop")
    orders = shop.path(ORDERS)
    os.chown(orders, 1234, 4321)  # a colleague's file, in the shop's group
    review(shop)
    st = os.stat(orders)
    assert (st.st_uid, st.st_gid) == (1234, 4321)
    backup = next((shop.folder / ".shopbook-backup").glob("orders.*.xlsx"))
    assert os.stat(backup).st_gid == 4321


def test_a_file_of_a_group_we_belong_to_keeps_its_group(tmp_path):
    """Without root the owner cannot be kept, but the group can: every group the process is in."""
    groups = [g for g in os.getgroups() if g != os.getegid()]
    if not groups:
        pytest.skip("the process belongs to one group only")
    shop = small_shop(tmp_path / "shop")
    orders = shop.path(ORDERS)
    os.chown(orders, -1, groups[0])
    review(shop)
    assert os.stat(orders).st_gid == groups[0]



def test_a_report_about_a_private_workbook_is_no_wider_than_it(tmp_path, umask):
    """validate --write lists a workbook it may not rewrite (a chart) in reports/: a 0640
    stock.xlsx's rows are not for others to read in a 0664 report, new or replaced."""
    import openpyxl
    from openpyxl.chart import BarChart, Reference

    from shopbook.validate import validate_path
    from shopbook.validate.write import write_issues
    from test_write import formula_free_corpus

    book = formula_free_corpus(tmp_path)
    wb = openpyxl.load_workbook(book)
    chart = BarChart()
    chart.add_data(Reference(wb["商品"], min_col=8, min_row=1, max_row=4))
    wb["商品"].add_chart(chart, "R2")
    wb.save(book)
    os.chmod(book, 0o640)
    out = write_issues(book, validate_path(book).issues)
    assert out.name == "校验结果-stock.xlsx" and mode(out) == 0o640 & (0o666 & ~umask)
    os.chmod(out, 0o666)  # an earlier shopbook's, left wide
    write_issues(book, validate_path(book).issues)
    assert mode(out) == 0o640


def test_the_reports_of_private_workbooks_are_no_wider_than_them(tmp_path, umask):
    """QA: a 0640 ledger.xlsx gave a 0664 reports/利润表 and 绩效 (everyone's pay), a 0600 orders.xlsx a 0664
    客户 report (names, phones): each is now no more readable than the workbook it lists."""
    from shopbook.customers import shop_customers
    from shopbook.money.workflow import ledger_report
    from shopbook.schema import LEDGER
    from shopbook.staff.workflow import staff_pay

    shop = month_shop(tmp_path / "shop")
    os.chmod(shop.path(LEDGER), 0o640)
    os.chmod(shop.path(ORDERS), 0o600)
    _, _, pnl = ledger_report(shop, "2026-11")
    pay = staff_pay(shop, "2026-11").path
    _, customers = shop_customers(shop, "2026-11")
    assert (mode(pnl), mode(pay), mode(customers)) == (0o640 & (0o666 & ~umask), 0o640 & (0o666 & ~umask), 0o600)


def test_the_monthly_review_is_no_wider_than_the_ledger_nor_the_orders(tmp_path, umask):
    """Review: the monthly review holds the ledger's P&L and the orders' customers, and came out as the
    umask gives (0664) beside a 0640 ledger.xlsx and a 0600 orders.xlsx. It is no wider than either."""
    from shopbook.report.monthly import make_review
    from shopbook.schema import LEDGER

    shop = month_shop(tmp_path / "shop")
    os.chmod(shop.path(LEDGER), 0o640)
    os.chmod(shop.path(ORDERS), 0o604)  # (others may read the orders, not the ledger; the group neither)
    _, path, _ = make_review(shop, "monthly", "2026-11")
    assert mode(path) == 0o600  # the group may not read the orders, others not the ledger
