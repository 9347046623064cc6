"""shopbook: a spreadsheet-native back office for small online shops.

Used from Python, a shop is its folder, opened once and handed to each job::

    import shopbook

    shop = shopbook.open_shop("my-shop")              # a Shop; ShopbookError if it is none
    checked = shopbook.validate_path("my-shop")       # a Validation: .issues, .errors, .exit_code
    for issue in checked.issues:                      # each an Issue: .where(), .value, .message_zh/_en
        print(issue.where(shop.lang), issue.message_en)
    data = shopbook.load_shop(shop)                   # typed records: data.rows(shopbook.schema.Product)

The jobs the command line runs are in their areas, each taking the Shop and returning a typed
result (a dataclass with to_json(), the same document `--json` prints): orders.workflow.morning,
stock.workflow.stock_alerts, money.workflow.reconcile_alipay_file, report.workflow.run_daily …
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


def __getattr__(name: str):
    """shopbook.validate.validate_path(…) after a bare `import shopbook`, as the README writes it: a
    submodule (or one of _NAMES) imported when first asked for, not all of them with the package."""
    import importlib

    if name in _NAMES:
        return getattr(importlib.import_module(f".{_NAMES[name]}", __name__), name)
    if not name.startswith("_"):
        try:
            return importlib.import_module(f".{name}", __name__)
        except ModuleNotFoundError as e:
            if e.name != f"{__name__}.{name}":  # the submodule is there but something it imports is not
                raise
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
