"""Reading and writing files: the thin edge between the core and the disk."""

import zipfile

try:  # zlib-ng: the same deflate format, twice as fast to write and to read back (and
    # smaller at its level 2 than zlib at 1). Rewriting a year's orders.xlsx (70 MB of
    # sheet XML) is mostly deflate: 0.35 s → 0.15 s. zipfile takes it as its zlib.
    from zlib_ng import zlib_ng as _zlib

    zipfile.zlib = _zlib
    zipfile.crc32 = _zlib.crc32
    FAST_DEFLATE = True
except ImportError:  # xlwings Lite (Pyodide) has no zlib-ng: the standard library's zlib
    FAST_DEFLATE = False



_ARROW_CODE = ("shopbook/io/cache.py", "shopbook/io/arrow_read.py", "shopbook/io/prefetch.py", "shopbook/io/xlsx_patch.py",
               "shopbook/io/arrow_ops.py", "shopbook/orders/address_ahead.py")  # shopbook's pyarrow callers


class _NoPandasForPyarrow:
    """pyarrow imports pandas the first time it converts Python values (to see whether they are
    a pandas Series): 0.16 s and 38 MiB in every command that reads or writes the parsed-sheet
    cache, for nothing, since shopbook never hands pyarrow a pandas object. That one import is
    refused: only while pandas is not imported yet, and only when the nearest Python code asking
    is pyarrow's own or shopbook's Arrow code (_ARROW_CODE). An `import pandas`
    anywhere else imports it as usual, and pyarrow then finds it."""

    def find_spec(self, name, path=None, target=None):
        if name != "pandas":
            return None
        import sys

        f = sys._getframe(1)
        while f is not None and f.f_code.co_filename.startswith("<frozen importlib"):
            f = f.f_back
        where = f.f_code.co_filename.replace("\\", "/") if f is not None else ""
        if "/pyarrow/" in where or where.endswith(_ARROW_CODE):
            raise ImportError("shopbook: pandas is not loaded for pyarrow's checks")
        return None


def refuse_pandas_to_pyarrow() -> None:
    """Called where shopbook imports pyarrow (io/cache, io/arrow_read)."""
    import sys

    if not any(isinstance(f, _NoPandasForPyarrow) for f in sys.meta_path):
        sys.meta_path.insert(0, _NoPandasForPyarrow())
