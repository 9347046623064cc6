"""Arrow's functions called by name (io/arrow_ops) give what pyarrow.compute's wrappers of the
same names give, with the arguments the reads pass: nulls, blanks, white space, non-ASCII text,
dates, the Latin-1 bytes of a sheet's XML. (That the reads never import pyarrow.compute is
tests/test_startup.py's.)"""

from __future__ import annotations

import datetime as dt
import struct

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from shopbook.io import arrow_ops as ops

TEXT = pa.array([" a ", None, "", "\u3000x\u3000", "1.2E+17", "=SUM(A1)", "'007", "淘宝", "  ", "SKU-1"])
BIG = pa.array(["x", None, "y"], pa.large_string())
WHOLE = pa.array([3, None, 1, 3, None, 7], pa.int64())
DAYS = pa.array([dt.datetime(2026, 11, 30, 8, 5), None, dt.datetime(1899, 12, 31)], pa.timestamp("us"))
MASK = pa.array([True, None, False, True, False, None, True, False, True, False])


@pytest.mark.parametrize("name, args", [
    ("utf8_trim_whitespace", (TEXT,)),
    ("utf8_lower", (pa.array(["待审核", "NEW", None, " Ab "]),)),
    ("string_is_ascii", (TEXT,)),
    ("equal", (TEXT, "")),
    ("invert", (MASK,)),
    ("and_", (MASK, pc.is_valid(TEXT))),
    ("or_", (MASK, pc.is_null(TEXT))),
    ("if_else", (MASK, pa.scalar(None, pa.string()), TEXT)),
    ("drop_null", (WHOLE,)),
    ("count_distinct", (WHOLE,)),
    ("count_distinct", (TEXT,)),
])
def test_a_function_without_options_is_pyarrow_computes(name, args):
    assert getattr(ops, name)(*args).equals(getattr(pc, name)(*args))


def test_the_functions_with_options_are_pyarrow_computes():
    assert ops.cast(DAYS, pa.timestamp("ms")).equals(pc.cast(DAYS, pa.timestamp("ms")))
    assert ops.cast(WHOLE, pa.large_string()).equals(WHOLE.cast(pa.large_string()))
    with pytest.raises(pa.ArrowInvalid):  # safe, as Array.cast is
        ops.cast(pa.array([1.5]), pa.int64())
    for arr, value in ((TEXT, ""), (WHOLE, 0), (MASK, True), (DAYS, pa.scalar(5, pa.int64()))):
        assert ops.fill_null(arr, value).equals(arr.fill_null(value))
    assert ops.is_null(pa.array([1.0, None, float("nan")])).equals(pa.array([1.0, None, float("nan")]).is_null())
    assert ops.dictionary_encode(TEXT).equals(TEXT.dictionary_encode())
    assert ops.take(TEXT, pa.array([3, 0, 0], pa.int32())).equals(TEXT.take(pa.array([3, 0, 0], pa.int32())))
    chunked = pa.chunked_array([TEXT, TEXT])
    assert ops.take(chunked, [11, 2]).equals(chunked.take([11, 2]))
    assert ops.filter(TEXT, MASK).equals(pc.filter(TEXT, MASK))  # a null in the mask: the row dropped
    assert ops.is_in(BIG, pa.array(["y", "z"], pa.large_string())).equals(
        pc.is_in(BIG, value_set=pa.array(["y", "z"], pa.large_string())))
    assert ops.match_substring_regex(TEXT, "^['=]|[Ee]").equals(pc.match_substring_regex(TEXT, "^['=]|[Ee]"))
    for arr in (MASK, pa.array([None, False], pa.bool_()), pa.array([], pa.bool_())):
        assert ops.any_true(arr).equals(pc.any(arr))
    b = pa.large_binary()
    parts = (pa.scalar(b"<r>", b), pa.array([b"1", None, b"3"], b), pa.scalar(b"", b))
    assert ops.binary_join_element_wise(*parts).equals(pc.binary_join_element_wise(*parts))
    assert ops.binary_join_element_wise(*parts, null_handling="replace", null_replacement=b"").equals(
        pc.binary_join_element_wise(*parts, null_handling="replace", null_replacement=b""))


def test_a_sheet_s_xml_is_searched_by_re2_as_pyarrow_compute_searches_it():
    xml = b'<c r="A1"><v>NaN</v></c>' + bytes(range(128, 256))
    value = pa.LargeBinaryArray.from_buffers(pa.large_binary(), 1, [None, pa.py_buffer(struct.pack("<qq", 0, len(xml))),
                                                                    pa.py_buffer(xml)])
    for pattern in ("v>[-+]?(?:[nN][aA][nN])", "r=\"[A-Z]{3}"):
        assert ops.match_substring_regex(value, pattern).equals(pc.match_substring_regex(value, pattern))
