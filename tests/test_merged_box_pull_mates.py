"""An order cancelled after the pick list packed it with others (合并发货) names only the orders of its own box, as the
pick list packed them: not another platform's orders of the same buyer (a box of their own, their waybill right), nor
a depot's orders packed apart above BOX_ORDERS (before: 'void their waybill and print them a new one' for every
approved order of the batch to that address, exit 1)."""

from __future__ import annotations

from test_aftersales_merged_box_cancelled import _picklist, _typed
from test_morning_ship_together import _picked_edited

ADDRESS = "浙江省 杭州市 西湖区 文三路100号"


class _Shop:
    def __init__(self, tmp_path):
        self.folder = tmp_path / "shop"


def test_orders_packed_apart_above_the_box_limit_are_no_box_of_the_cancelled_one(tmp_path, monkeypatch):
    from shopbook.orders import picking

    monkeypatch.setattr(picking, "BOX_ORDERS", 3)
    many = {f"35151314730000{n:05d}": ("王芳", ADDRESS) for n in range(1, 5)}
    together, numbers = _picked_edited(tmp_path, many, {})
    assert together == [] and sorted(numbers) == list(many)  # 4 > BOX_ORDERS: four parcels, four waybill rows
    _typed(_Shop(tmp_path), **{next(iter(many)): "已取消"})
    out = _picklist(_Shop(tmp_path)).output
    assert "合并发货" not in out, out


def test_a_cancelled_order_names_its_own_platforms_box_only(tmp_path):
    orders = {no: ("王芳", ADDRESS) for no in ("M1", "M2", "M4", "M5")}
    tb, dy = {"平台": "淘宝"}, {"平台": "抖店"}
    _picked_edited(tmp_path, orders, {"M1": tb, "M4": tb, "M2": dy, "M5": dy})
    _typed(_Shop(tmp_path), M1="已取消")
    out = _picklist(_Shop(tmp_path)).output
    said = next(ln for ln in out.splitlines() if "M1" in ln and "合并发货" in ln)
    assert "M4" in said and "M2" not in said and "M5" not in said, out
