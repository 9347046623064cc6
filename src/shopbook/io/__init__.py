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
