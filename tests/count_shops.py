"""A new shop for a stocktake test: its 商品 a few Tees (cost 20, price 60, 在售), its 出入库 and 盘点 rows as given."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from shopbook.schema import STOCK, Movement, Product, StocktakeCount
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook


def count_shop(tmp_path: Path, lang: str, skus: tuple[str, ...], opening: int = 10,
               movements: list[Movement] = (), counts: list[StocktakeCount] = ()) -> Path:
    """tmp_path/shop, made by `shopbook init` in `lang`, with stock.xlsx written as said; the folder."""
    folder = tmp_path / "shop"
    init_shop(folder, lang)
    sheets = {Product: [Product(sku=s, name="Tee", cost=Decimal(20), price=Decimal(60), opening_qty=opening,
                                status="在售") for s in skus]}
    if movements:
        sheets[Movement] = list(movements)
    if counts:
        sheets[StocktakeCount] = list(counts)
    write_workbook(folder / "stock.xlsx", STOCK, lang, sheets, keep_backup=False)
    return folder
