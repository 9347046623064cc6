"""Courier fee estimates from the 运费 sheet: first weight plus each started extra kg."""

from __future__ import annotations

import math
from decimal import Decimal

from ..schema import ShippingRate
from ..schema.lists import OTHER_PROVINCE as OTHER
from .address import short_province


class RateTable:
    def __init__(self, rates: list[ShippingRate], default: str | None = None):
        """`default`: the courier of a parcel whose 快递公司 is blank or 无 (shopbook.toml's default_courier), as
        its waybill goes; where the sheet has no rates of it, or none is given, the sheet's first courier's (a
        shop that ships 圆通 alone)."""
        from .couriers import canonical

        # each courier by its one name (中通快递 on the 运费 sheet is the 中通 an order or a bill names): an
        # order's 中通 parcel was else priced at the sheet's first courier's rates (圆通速递's)
        self._name = canonical
        self.rates: dict[tuple[str, str], ShippingRate] = {}
        for r in rates:
            prov = "其他" if r.province.strip().lower() in OTHER else short_province(r.province)
            self.rates[(canonical(r.courier), prov)] = r
        self.couriers = list(dict.fromkeys(r.courier for r in rates))
        # each courier's provinces, longest first: a bill's 目的地 of province and city (湖北省武汉市,
        # 重庆重庆市, 湖南长沙) is the province it starts with
        self._provinces: dict[str, list[str]] = {}
        for c, prov in sorted(self.rates, key=lambda k: -len(k[1])):
            if prov != "其他":
                self._provinces.setdefault(c, []).append(prov)
        self._found: dict[tuple, ShippingRate | None] = {}  # (province, courier) asked → its rate
        rated = {c for c, _ in self.rates}
        self.default = (canonical(default) if canonical(default) in rated else
                        canonical(self.couriers[0]) if self.couriers else None)
        self.rated = rated

    def courier(self, courier: str | None) -> str | None:
        """The courier whose rates price a parcel of `courier` (its 快递公司, as typed or canonical): its own,
        the default for a blank or 无 cell (None where the sheet is empty)."""
        from .couriers import given

        return self._name(given(courier)) or self.default

    def has(self, courier: str | None) -> bool:
        """Whether the sheet prices parcels of `courier` (blank: the default's) to any province."""
        return self.courier(courier) in self.rated

    def rate(self, province: str, courier: str | None = None) -> ShippingRate | None:
        found = self._found.get((province, courier), self)  # a waybill per parcel: the same few provinces
        if found is not self:
            return found
        c = self.courier(courier)
        prov = short_province(province)
        if (c, prov) not in self.rates:
            text = province.strip()
            prov = next((p for p in self._provinces.get(c, ()) if text.startswith(p)), prov)
        found = self._found[(province, courier)] = self.rates.get((c, prov)) or self.rates.get((c, "其他"))
        return found

    def fee(self, province: str, weight_kg: Decimal, courier: str | None = None) -> Decimal | None:
        r = self.rate(province, courier)
        if r is None:
            return None
        return fee_for(r, weight_kg)


def fee_for(r: ShippingRate, weight_kg: Decimal) -> Decimal:
    """First weight covers up to first_kg; every started kg beyond costs extra_per_kg."""
    extra = max(Decimal(0), Decimal(weight_kg) - r.first_kg)
    started = math.ceil(extra) if extra > 0 else 0
    return r.first_price + r.extra_per_kg * started
