"""=SB_STOCK(J:J) hands over 1,048,576 rows: the blank ones below the last value are passed over a block at
a time (udfs._used_rows). The rows counted must be the ones a row-by-row walk from the end counts: a value on
either side of a block's edge, in the very last row, a 0 or FALSE, blanks as None and "" mixed, two columns."""

from __future__ import annotations

import pytest

from shopbook.xl import udfs

N = udfs.WHOLE_COLUMN
EDGE = udfs._BLOCK


def column(values: dict[int, object], blank=(None,), width=1) -> list:
    """A whole column of blank rows (cycling through `blank`), with `values` at 1-based rows."""
    rows = ([[b] * width for b in blank] * (N // len(blank) + 1))[:N]
    for row, v in values.items():
        rows[row - 1] = v
    return rows


@pytest.mark.parametrize("row", [1, EDGE - 1, EDGE, EDGE + 1, N - EDGE, N - EDGE + 1, N - 1, N])
def test_the_last_value_is_found_on_either_side_of_a_blocks_edge(row):
    assert udfs._used_rows(column({row: ["SKU"]})) == row
    assert udfs._used_rows(column({3: ["x"], row: [0.0]}, blank=(None, ""))) == max(row, 3)  # 0 is a value


def test_blank_rows_inside_and_below_and_odd_rows():
    assert udfs._used_rows(column({})) == 0
    assert udfs._used_rows(column({}, blank=("", None, ""))) == 0
    assert udfs._used_rows(column({5000: [None, False]}, blank=(None, ""), width=2)) == 5000
    assert udfs._used_rows(column({5000: ["", None], 4999: [None, "x"]}, width=2)) == 4999
    assert udfs._used_rows(column({7000: (None,)})) == 7000  # not a list: one value, and not a blank one
    assert udfs._used_rows(column({7000: ""})) == 0  # a bare "" is a blank cell
    assert udfs._used_rows(column({9000: [[]]})) == 9000  # a value that does not hash
