"""Reports: the daily report and the monthly review (workbooks with charts), and the e-mails."""

from decimal import ROUND_HALF_UP, Decimal


def percent(v, places: int = 2, sign: bool = False) -> str:
    """A fraction as a cell under a percentage of `places` decimals (0.0%, 0.00%) shows it: rounded
    half up, as Excel rounds (Python's formatting of a Decimal rounds half to even: a repeat rate of
    0.0625 read 6.2 % beside the cell's 6.3 %). `sign`: +/- before it (a change)."""
    v = Decimal(v).quantize(Decimal(1).scaleb(-places - 2), ROUND_HALF_UP)
    return f"{v:{'+' if sign else ''}.{places}%}"


# each chart's name in an e-mail (its inline file name and alt text), by its cid: a Chinese shop's
# message names nothing in English ("orders.png"); a cid stays ASCII, as RFC 2392 wants it
CHART_NAMES = {"orders": ("支付订单数", "orders"), "conversion": ("转化率", "conversion"),
               "mix": ("销售额按款式", "sales-by-style")}


def chart_names(cids, lang: str) -> dict[str, str]:
    """cid → the chart's name in the shop's language."""
    return {c: CHART_NAMES[c][0 if lang == "zh" else 1] if c in CHART_NAMES else c for c in cids}
