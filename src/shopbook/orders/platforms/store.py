"""Whose store an export is of. Of the platforms' exports only 淘宝/天猫's order list names its store
(店铺名称); 拼多多's and 抖店's exports, the refund export, 生意参谋's downloads name none (../shared/PLATFORMS.md).
Two stores in one import are refused where the files are read (platform_export._two_stores). A lone export of
another store is told by the names earlier imports of this shop folder brought in, kept in shopbook's record of
the exports imported (orders/imported.py): gone or unreadable, the next import starts it again.
The shop's own name in its settings ([shop] name) always passes: a store renamed on Taobao is said so there."""

from __future__ import annotations

from ...issues import DataStop


def other_store(shop, stores: dict[str, list[str]], known: list[str]) -> DataStop | None:
    """Why an import's exports are not this shop's: the one store they name is neither the shop's name in its
    settings nor one this folder's earlier imports brought in (`known`). None when they name none, or it is this
    shop's, or no import has named one yet (the first export is taken as the shop's)."""
    if len(stores) != 1:
        return None  # (none named; two are refused where the files are read)
    [(name, files)] = stores.items()
    own = shop.config.shop.name
    if not known or name in known or name == own:
        return None
    said = "、".join(f"“{n}”" for n in known)
    said_en = ", ".join(f"'{n}'" for n in known)
    at = "、".join(dict.fromkeys(files))
    at_en = ", ".join(dict.fromkeys(files))
    # about the shop's own stores, not a file that does not read: said in the shop's language alone (DataStop)
    return DataStop(
        f"这份导出是店铺“{name}”的（{at}，店铺名称一列），这个店铺文件夹以前导入的是 {said} 的订单，设置里的店名是“{own}”："
        "它像是另一家店的导出，它的订单会从这里的库存拣货发货，所以什么也没有导入。"
        "另一家店的导出请放进它自己的店铺文件夹再导入；如果是本店在淘宝上改了名，"
        f"请把 shopbook.toml 里 [shop] 的 name 改成“{name}”，再导入。",
        f"This export is of the store '{name}' ({at_en}, its 店铺名称 column), while this shop folder's earlier "
        f"imports were of {said_en} and its settings name the shop '{own}': it looks like another store's export, "
        "whose orders would be picked from this stock, so nothing was imported. Import another store's export into "
        "its own shop folder; if this store was renamed on Taobao, set name under [shop] in shopbook.toml to "
        f"'{name}' and import again.")
