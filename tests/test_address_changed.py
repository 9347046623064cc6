"""A buyer changes the address on the platform after the order came in (淘宝 修改后的收货地址):
the later export holds the order with the new address named, pulls it if it was picked (its
packing note and waybill carry the old address), leaves the 收货地址 cell to the person, and the
same export again changes nothing, also once a person has released the order. Before, the later
export was taken as "already imported" and the parcel went to the old address."""

from __future__ import annotations

import openpyxl
from typer.testing import CliRunner

from shopbook.cli import app

from shopbook.orders.workflow import import_orders, make_picklist, review
from shopbook.schema import ORDERS, OrderStatus
from taobao_fixtures import detail_row, order_row, write_pair
from test_orders import TODAY, build_shop, lines_of

NO = "3515000000000000102"
OLD, NEW = "江苏省 南京市 鼓楼区 中山北路 12 号(210000)", "北京 北京市 朝阳区 建国路 1 号"


def _export(tmp_path, name: str, new_address: str = ""):
    return list(write_pair(tmp_path / name, [order_row(NO, "tb", "王芳", "13812345678", OLD, "2026-11-21 09:00:00",
                                                       goods="99.00", new_address=new_address)],
                           [detail_row(NO, "白衬衫", "99.00", "1", "SH-WH-M")]))


def _set_status(shop, no: str, status: str) -> None:
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["订单"]
    heads = [c.value for c in ws[1]]
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, heads.index("订单编号") + 1).value == no:
            ws.cell(r, heads.index("状态") + 1).value = status
    wb.save(shop.path(ORDERS))


def test_an_address_changed_later_holds_the_order_naming_the_new_one(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, _export(tmp_path, "a"))
    review(shop)
    assert lines_of(shop)[0].status is OrderStatus.APPROVED
    res = import_orders(shop, _export(tmp_path, "b", NEW))
    line, = lines_of(shop)
    assert line.status is OrderStatus.HELD and NEW in line.platform_status and NEW in line.review
    assert line.address == OLD  # the cell stays the person's to change
    change, = res.changes
    assert (change.order_no, change.after) == (NO, OrderStatus.HELD) and NEW in change.note_zh
    assert res.pull == []  # not picked: nothing to pull
    # the same export again: nothing
    assert import_orders(shop, _export(tmp_path, "c", NEW)).changes == []
    # released by a person (who checked it): the same export does not hold it again
    _set_status(shop, NO, "已审核")
    assert import_orders(shop, _export(tmp_path, "d", NEW)).changes == []
    assert lines_of(shop)[0].status is OrderStatus.APPROVED


def test_a_picked_order_whose_address_changed_is_pulled(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, _export(tmp_path, "a"))
    review(shop)
    assert make_picklist(shop, today=TODAY).parcels
    # the command a person runs: the parcel to pull is said, and the exit says a person is needed (1)
    r = CliRunner().invoke(app, ["orders", "import", str(shop.folder), *map(str, _export(tmp_path, "b", NEW))])
    assert r.exit_code == 1 and "把这个包裹拿出来" in r.output and NO in r.output
    assert lines_of(shop)[0].status is OrderStatus.HELD
    again = make_picklist(shop, today=TODAY)
    assert again.pull == [NO]  # said on every pick list until its 拣货批次 is cleared
    for args in (["picklist", str(shop.folder)], ["picklist", str(shop.folder), "--json"],
                 ["orders", "morning", str(shop.folder)]):
        r = CliRunner().invoke(app, args)
        assert r.exit_code == 1 and NO in r.output, (args, r.output)


def test_the_same_address_or_none_changes_nothing(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, _export(tmp_path, "a"))
    assert import_orders(shop, _export(tmp_path, "b")).changes == []
    # modified on the platform before the first import: the row has it already (and the review holds it)
    shop2 = build_shop(tmp_path / "two")
    import_orders(shop2, _export(tmp_path, "c", NEW))
    assert lines_of(shop2)[0].address == NEW
    assert import_orders(shop2, _export(tmp_path, "d", NEW)).changes == []


SIZE_L = "颜色分类：白色;尺码：L"


def _sku_export(tmp_path, name: str, new_sku: str = ""):
    return list(write_pair(tmp_path / name, [order_row(NO, "tb", "王芳", "13812345678", OLD, "2026-11-21 09:00:00",
                                                       goods="99.00", new_sku=new_sku)],
                           [detail_row(NO, "白衬衫", "99.00", "1", "SH-WH-M", "颜色分类：白色;尺码：M")]))


def test_a_sku_changed_later_on_the_platform_holds_and_pulls_the_order(tmp_path):
    """淘宝 修改后的sku (a size changed for the buyer after the order came in): held naming the new one,
    pulled if picked, as an address changed is; before, the later export changed nothing and the
    parcel went out in the old size."""
    shop = build_shop(tmp_path)
    import_orders(shop, _sku_export(tmp_path, "a"))
    review(shop)
    assert make_picklist(shop, today=TODAY).parcels
    res = import_orders(shop, _sku_export(tmp_path, "b", SIZE_L))
    line, = lines_of(shop)
    assert line.status is OrderStatus.HELD and SIZE_L in line.platform_status and SIZE_L in line.review
    assert line.sku == "SH-WH-M" and res.pull == [NO]
    assert make_picklist(shop, today=TODAY).pull == [NO]
    assert import_orders(shop, _sku_export(tmp_path, "c", SIZE_L)).changes == []
    _set_status(shop, NO, "已审核")  # a person corrected it and released it: it stays released
    assert import_orders(shop, _sku_export(tmp_path, "d", SIZE_L)).changes == []
    assert lines_of(shop)[0].status is OrderStatus.APPROVED


def test_a_sku_changed_before_the_order_came_in_is_the_reviews(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, _sku_export(tmp_path, "a", SIZE_L))
    review(shop)
    line, = lines_of(shop)
    assert line.status is OrderStatus.HELD and SIZE_L in line.review
    _set_status(shop, NO, "已审核")
    assert import_orders(shop, _sku_export(tmp_path, "b", SIZE_L)).changes == []


def test_the_change_record_is_in_the_shop_s_language(tmp_path):
    """The export's word that the buyer changed the address and the item goes into 修改记录 (and the
    review's reason) in the shop's language alone: it was '地址已修改 address modified；SKU已修改 SKU
    modified: …' in every shop."""
    import re

    from shopbook.shop import open_shop

    for lang, want in (("zh", "地址已修改；SKU已修改：SH-WH-L"), ("en", "address modified; SKU modified: SH-WH-L")):
        shop = build_shop(tmp_path / lang)
        if lang == "en":
            toml = shop.folder / "shopbook.toml"
            toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'), encoding="utf-8")
            shop = open_shop(shop.folder)
            assert shop.lang == "en"
        rows = write_pair(tmp_path / lang / "x", [order_row(NO, "tb", "王芳", "13812345678", OLD, "2026-11-21 09:00:00",
                                                            goods="99.00", new_address=NEW, new_sku="SH-WH-L")],
                          [detail_row(NO, "白衬衫", "99.00", "1", "SH-WH-M")])
        import_orders(shop, list(rows))
        decisions, _ = review(shop)
        line, = lines_of(shop)
        assert line.changes == want
        reason = " ".join(h[0 if lang == "zh" else 1] for d in decisions for h in d.holds)
        assert want in reason and (lang == "zh" or not re.search(r"[\u4e00-\u9fff]", reason)), reason
