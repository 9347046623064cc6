"""Excel's error values as COM hands them over: a VT_ERROR whose code is 0x800A0000 + the XlCVError number
(xlErrNA 2042 → -2146826246), which pywin32 gives Python as an int.

xlwings 0.37.8 turns only the seven classic errors into their text (_xlwindows.cell_errors, with err_to_str);
Excel 365's newer ones (#SPILL!, #CALC! …, XlCVError 2043–2050) come over as the bare int, which would be
read as a number (a price of -2146826238.00). A cell's number through COM is always a float, so such an int
is one of these errors.
"""

from __future__ import annotations

CLASSIC = {"#NULL!": 2000, "#DIV/0!": 2007, "#VALUE!": 2015, "#REF!": 2023, "#NAME?": 2029, "#NUM!": 2036,
           "#N/A": 2042}
NEWER = {"#GETTING_DATA": 2043, "#SPILL!": 2045, "#CONNECT!": 2046, "#BLOCKED!": 2047, "#UNKNOWN!": 2048,
         "#FIELD!": 2049, "#CALC!": 2050}


def com_code(n: int) -> int:
    """The int COM carries for XlCVError number `n` (what CVErr(n) is once it leaves VBA)."""
    return -0x80000000 + 0x000A0000 + n


NEWER_BY_CODE = {com_code(n): text for text, n in NEWER.items()}
