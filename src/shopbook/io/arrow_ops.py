"""Arrow's compute functions called by name, without importing pyarrow.compute.

As it is imported, pyarrow.compute makes a Python wrapper, with its documentation, for each of
Arrow's ~290 compute functions: 35–40 ms of every command that reads a big workbook, all of it
before the read begins (issue 20). The reads use a dozen of them. Each is here as what its
wrapper calls: `call_function(name, arguments, the options its defaults make)`. The Array methods
that call these functions (fill_null, cast, is_null, drop_null, dictionary_encode, take, filter)
import pyarrow.compute themselves, so the reads call the functions here instead.
tests/test_arrow_ops.py holds each one equal to pyarrow.compute's, and checks that the morning
job never imports pyarrow.compute."""

from __future__ import annotations

from . import refuse_pandas_to_pyarrow

refuse_pandas_to_pyarrow()

import pyarrow as pa  # noqa: E402 - after the refusal: converting a Python value would import pandas
from pyarrow._compute import (CastOptions, DictionaryEncodeOptions, FilterOptions, JoinOptions,
                              MatchSubstringOptions, NullOptions, SetLookupOptions, TakeOptions, call_function)


def cast(arr, target):
    """pc.cast(arr, target): safe."""
    return call_function("cast", [arr], CastOptions.safe(target))


def fill_null(arr, value):
    """pc.fill_null: `value` as a scalar of the column's type."""
    if not isinstance(value, (pa.Array, pa.ChunkedArray, pa.Scalar)):
        value = pa.scalar(value, type=arr.type)
    elif arr.type != value.type:
        value = pa.scalar(value.as_py(), type=arr.type)
    return call_function("coalesce", [arr, value])


def is_null(arr):
    return call_function("is_null", [arr], NullOptions(nan_is_null=False))


def drop_null(arr):
    return call_function("drop_null", [arr])


def dictionary_encode(arr):
    """Array.dictionary_encode(): a blank is a null index."""
    return call_function("dictionary_encode", [arr], DictionaryEncodeOptions("mask"))


def take(arr, indices):
    return call_function("take", [arr, indices], TakeOptions(boundscheck=True))


def filter(arr, mask):  # noqa: A001 - Arrow's name
    """pc.filter: rows whose mask is null are dropped."""
    return call_function("filter", [arr, mask], FilterOptions("drop"))


def is_in(arr, value_set):
    return call_function("is_in", [arr], SetLookupOptions(value_set, skip_nulls=False))


def match_substring_regex(arr, pattern: str):
    return call_function("match_substring_regex", [arr], MatchSubstringOptions(pattern, ignore_case=False))


def any_true(arr):
    """pc.any: nulls skipped, false for none at all (Arrow's defaults)."""
    return call_function("any", [arr])


def count_distinct(arr):
    """pc.count_distinct: the distinct values that are not null (Arrow's default)."""
    return call_function("count_distinct", [arr])


def binary_join_element_wise(*strings, null_handling: str = "emit_null", null_replacement=""):
    return call_function("binary_join_element_wise", list(strings), JoinOptions(null_handling, null_replacement))


def _plain(name: str):
    """The function `name`, which takes no options."""
    def call(*args):
        return call_function(name, list(args))

    call.__name__ = call.__qualname__ = name
    return call


equal = _plain("equal")
and_ = _plain("and")
or_ = _plain("or")
invert = _plain("invert")
if_else = _plain("if_else")
string_is_ascii = _plain("string_is_ascii")
utf8_lower = _plain("utf8_lower")
utf8_trim_whitespace = _plain("utf8_trim_whitespace")
