"""An order typed by hand (an agent's, a WeChat sale) with its address's province and city left out, or the city
in pinyin: 西湖区文三路100号 was approved as 江西 南昌市 西湖区, the first 西湖区 the address table holds, and
the waybill CSV sent the Hangzhou buyer's parcel to Nanchang. A district several cities have (西湖区, 朝阳区,
鼓楼区 …), named without its city, is now held, naming the places it may be; one its city or province pins
down is approved as before. A real orders.xlsx, a real `shopbook orders review`."""

from __future__ import annotations

from test_orders import lines_of
from test_review_merge_written_otherwise import reviewed

from shopbook.schema import OrderStatus

ADDRESSES = {  # order → its address as typed, the places a hold names (none: approved)
    "W1": ("西湖区文三路100号", "江西 南昌市、浙江 杭州市"),
    "W2": ("Hangzhou 西湖区 wensan lu 100 hao", "江西 南昌市、浙江 杭州市"),  # the city in pinyin
    "W3": ("江苏省鼓楼区中山路1号", "江苏 徐州市、江苏 南京市"),  # two in its province
    "W4": ("杭州西湖区文三路100号", None),  # its city named
    "W5": ("江西省西湖区象山北路1号", None),  # the one in its province
    "W6": ("浙江省 杭州市 西湖区 文三路100号(310000)", None),
    "W7": ("余杭区文一西路1号", None),  # a district of one city
}


def test_a_district_named_without_its_city_where_several_have_it_is_held(tmp_path):
    shop, said = reviewed(tmp_path, {no: (f"买家{i}", address) for i, (no, (address, _)) in enumerate(ADDRESSES.items())})
    by_no = {ln.order_no: ln for ln in lines_of(shop)}
    for no, (address, places) in ADDRESSES.items():
        ln = by_no[no]
        if places is None:
            assert ln.status is OrderStatus.APPROVED, (no, ln.review)
        else:
            assert ln.status is OrderStatus.HELD, (no, ln.review)
            assert ln.review == f"自动挂起：地址没写明省和市，{'鼓楼区' if no == 'W3' else '西湖区'}有好几个（{places}）：" \
                                "请核对，在收货地址里补上省市", (no, ln.review)
    assert "挂起 W1：地址没写明省和市，西湖区有好几个（江西 南昌市、浙江 杭州市）" in said
