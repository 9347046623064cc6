"""QA: an order whose 客服 or 打包员 is a name not on 绩效 (外包, a new hire not yet added, a typo) was said as
'“外包”在订单表的客服/打包员里，但不在绩效表上：这些订单没有算进任何人的绩效' on no cell, with no order named and no
count: which orders ('这些订单') was left to find by hand in a month's sheet. Now it is said at the first one's
客服 / 打包员 cell, with how many and which orders (the list cut says how many more), in both languages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from shopbook.schema import OrderLine, StaffMember
from shopbook.staff.pay import month_pay


def _line(no: str, row: int, cs: str | None, packer: str | None = None) -> OrderLine:
    return OrderLine(order_no=no, receiver="张三", phone="13800000000", address="浙江省 杭州市 西湖区 a", sku="S", qty=1,
                     unit_price=D("100"), paid_at=dt.datetime(2026, 11, 9, 10), status="已发货", cs=cs, packer=packer,
                     shipped_on=dt.date(2026, 11, 10) if packer else None, row=row)


def test_orders_of_a_name_not_on_the_sheet_are_counted_named_and_located():
    staff = [StaffMember(name="小美", role="客服", base=D("3000"), commission_rate="1%", row=2),
             StaffMember(name="小李", role="仓库", base=D("2500"), piece_rate=D("1"), daily_quota=0, row=3)]
    lines = [_line("O1", 2, "小美", "小李"), *(_line(f"W{k:02}", 2 + k, "外包", "小李") for k in range(1, 13)),
             _line("P1", 15, "小美", "临时工")]
    _, issues = month_pay(staff, lines, [], dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    said = {i.value: i for i in issues if i.message_zh.startswith("“") and "不在绩效表上" in i.message_zh}
    assert sorted(said) == ["临时工", "外包"], [i.message_zh for i in issues]
    cs, packer = said["外包"], said["临时工"]
    assert (cs.sheet, cs.row, cs.field) == ("订单", 3, "cs") and (packer.row, packer.field) == (15, "packer")
    assert "12 个订单（W01、W02" in cs.message_zh and "等，还有 2 个" in cs.message_zh, cs.message_zh
    assert "12 orders (W01, W02" in cs.message_en and "and 2 more" in cs.message_en, cs.message_en
    assert "1 个订单（P1）" in packer.message_zh and "1 order (P1) counts for nobody" in packer.message_en


def test_a_name_typed_on_a_later_row_of_the_order_is_said_at_that_row():
    """From the review: the order's first row blank, its second naming 外包 (客服) and 阿强 (打包员): said at row 3's
    cells, which hold the names (before: at row 2's, blank)."""
    staff = [StaffMember(name="小美", role="客服", base=D("3000"), commission_rate="1%", row=2)]
    lines = [_line("O1", 2, None), _line("O1", 3, "外包", "阿强")]
    _, issues = month_pay(staff, lines, [], dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    said = {i.value: (i.row, i.field) for i in issues if "不在绩效表上" in i.message_zh}
    assert said == {"外包": (3, "cs"), "阿强": (3, "packer")}, said
