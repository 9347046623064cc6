"""Reports: the daily report and the monthly review (workbooks with charts), and the e-mails."""

from decimal import ROUND_HALF_UP, Decimal


def percent(v, places: int = 2, sign: bool = False) -> str:
    """A fraction as a cell under a percentage of `places` decimals (0.0%, 0.00%) shows it: rounded
    half up, as Excel rounds (Python's formatting of a Decimal rounds half to even: a repeat rate of
    0.0625 read 6.2 % beside the cell's 6.3 %). `sign`: +/- before it (a change)."""
    v = Decimal(v).quantize(Decimal(1).scaleb(-places - 2), ROUND_HALF_UP)
    return f"{v:{'+' if sign else ''}.{places}%}"
