"""shopbook: a spreadsheet-native back office for small online shops.

Used from Python, a shop is its folder, opened once and handed to each job::

    import shopbook

    shop = shopbook.open_shop("my-shop")              # a Shop; ShopbookError if it is none
    checked = shopbook.validate_path("my-shop")       # a Validation: .issues, .errors, .exit_code
    for issue in checked.issues:                      # each an Issue: .where(), .value, .message_zh/_en
        print(issue.where(shop.lang), issue.message_en)
    data = shopbook.load_shop(shop)                   # typed records: data.rows(shopbook.schema.Product)
    alerts = shopbook.stock.workflow.stock_alerts(shop)  # an Alert a SKU to restock: .sku, .reorder_qty
    print(len(alerts), "to restock")

The jobs the command line runs are in their areas, each taking the Shop (and a day as a date or as
--date takes it, "2026-11-21") and returning a typed result (a dataclass with to_json(), the same
document `--json` prints): shopbook.orders.workflow.morning, shopbook.stock.workflow.stock_alerts,
shopbook.money.workflow.reconcile_alipay_file, shopbook.report.workflow.run_daily …
A stop (a file that cannot be read, a row to fix first) raises ShopbookError, whose str() is its
message in Chinese and English, located to the file; nothing is printed and nothing exits.

The submodules (shopbook.validate, shopbook.shop, shopbook.orders …) load when first used, so
`import shopbook` alone is quick."""

__version__ = "0.1.0"

# the names a script starts from, by the module that holds them (loaded when first asked for)
_NAMES = {"open_shop": "shop", "load_shop": "shop", "init_shop": "shop", "Shop": "shop", "ShopData": "shop",
          "validate_path": "validate", "Validation": "validate", "ShopbookError": "issues", "Issue": "issues"}

__all__ = ["Issue", "Shop", "ShopData", "ShopbookError", "Validation", "init_shop", "load_shop", "open_shop",
           "validate_path"]


def _submodules_when_used(package: str):
    """A package's module __getattr__: shopbook.orders.workflow.morning(…) after a bare `import shopbook`,
    as the README and help(shopbook) write it, each submodule imported when first asked for, not all
    of them with the package (a command imports only what it uses)."""
    import importlib

    def __getattr__(name: str):
        if not name.startswith("_"):
            try:
                return importlib.import_module(f".{name}", package)
            except ModuleNotFoundError as e:
                if e.name != f"{package}.{name}":  # the submodule is there but something it imports is not
                    raise
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__


_submodule = _submodules_when_used(__name__)


def __getattr__(name: str):
    """One of _NAMES, or a submodule, imported when first asked for."""
    if name in _NAMES:
        import importlib

        return getattr(importlib.import_module(f".{_NAMES[name]}", __name__), name)
    return _submodule(name)
