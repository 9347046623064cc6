"""PNG charts (matplotlib) with Chinese text that really renders.

The CJK font comes from the mplfonts wheel (Noto Sans CJK SC, installed by pip on any
machine), else from a system font (fonts-noto-cjk, fonts-wqy-*). Without one,
matplotlib would draw every Chinese character as an empty box.
"""

from __future__ import annotations

import datetime as dt
import io
from functools import lru_cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no screen: render to files

SYSTEM_CJK = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
              "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
              "C:/Windows/Fonts/msyh.ttc", "C:/Windows/Fonts/simhei.ttf",
              "/System/Library/Fonts/PingFang.ttc")


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """Register a CJK font with matplotlib once; its family name, or None."""
    from matplotlib import font_manager

    candidates = []
    try:
        import importlib.resources as res

        candidates.append(Path(str(res.files("mplfonts") / "fonts" / "NotoSansCJKsc-Regular.otf")))
    except (ImportError, ModuleNotFoundError, TypeError):
        pass
    candidates += [Path(p) for p in SYSTEM_CJK]
    for path in candidates:
        if path.exists():
            font_manager.fontManager.addfont(str(path))
            return font_manager.FontProperties(fname=str(path)).get_name()
    return None


def _figure(width: float = 8, height: float = 3.2):
    import matplotlib.pyplot as plt

    family = cjk_font()
    if family:
        plt.rcParams["font.family"] = [family, "DejaVu Sans"]
    plt.rcParams["axes.unicode_minus"] = False  # the minus sign without a CJK-font gap
    fig, ax = plt.subplots(figsize=(width, height), dpi=110)
    return plt, fig, ax


def _png(plt, fig) -> bytes:
    buf = io.BytesIO()
    fig.tight_layout()
    # tight_layout leaves a placeholder layout engine behind, for which savefig lays the whole
    # figure out once more (drawing nothing) before it draws it: the layout is done, so none
    fig.set_layout_engine(None)
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()


def _broken(dates: list, values: list) -> tuple[list, list]:
    """The points, the line broken where days are missing (no 日报 row, no order): drawn across them, it
    showed figures those days never had (0 on 02-18 rising to 33 on 02-22 through 8, 16, 25)."""
    xs, ys = [], []
    for k, (day, v) in enumerate(zip(dates, values)):
        if k and (day - dates[k - 1]).days > 1:
            xs.append(dates[k - 1] + dt.timedelta(days=1))
            ys.append(float("nan"))
        xs.append(day)
        ys.append(float("nan") if v is None else v)
    return xs, ys


# a chart's fewest days across: one point (a shop's first day) was drawn amid four years of axis
# (2025-01 … 2029-01) under the title "last 30 days", two a day apart with their hours
MIN_DAYS_SHOWN = 7


def trend_chart(title: str, dates: list, series: dict[str, list], target: float | list | None = None,
                target_label: str = "目标", span: tuple[dt.date, dt.date] | None = None) -> bytes:
    """Lines over days (orders, visitors …), with the target as a dashed line: one level,
    or a value per day (a step where a new target starts). `span`, the days the chart is of (a review's
    period): its axis, whatever days have figures; else the days drawn, at least the week to the last."""
    plt, fig, ax = _figure()
    for name, values in series.items():
        ax.plot(*_broken(dates, values), marker="o", markersize=2.5, linewidth=1.4, label=name)
    if isinstance(target, list):
        ax.plot(*_broken(dates, target), drawstyle="steps-post", linestyle="--", color="grey", linewidth=1,
                label=target_label)
    elif target is not None:
        ax.axhline(target, linestyle="--", color="grey", linewidth=1, label=target_label)
    # counts and money from nought: from the lowest point (25 under a month of 44–59), a day of 27 orders
    # looked like none and 44 against a target of 50 like half of it
    ax.set_ylim(bottom=0)
    if all(isinstance(v, int) for vs in series.values() for v in vs if v is not None):  # orders: no 2.5 of them
        from matplotlib.ticker import MaxNLocator

        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    if span is None and dates and (max(dates) - min(dates)).days < MIN_DAYS_SHOWN:  # a new shop's first days
        span = (max(dates) - dt.timedelta(days=MIN_DAYS_SHOWN - 1), max(dates))
    if span is not None:
        from matplotlib import dates as mdates

        lo, hi = (dt.datetime.combine(d, dt.time()) for d in span)  # (a date less half a day is the same date)
        ax.set_xlim(lo - dt.timedelta(hours=12), hi + dt.timedelta(hours=12))
        if (hi - lo).days < MIN_DAYS_SHOWN:  # a tick a day
            ax.xaxis.set_major_locator(mdates.DayLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%m-%d"))  # (the year is the title's)
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend(loc="best", fontsize=8)  # (upper left sat on the line, once the axis begins at 0)
    fig.autofmt_xdate()
    return _png(plt, fig)


def bar_chart(title: str, labels: list[str], values: list[float], xlabel: str = "") -> bytes:
    """Horizontal bars, largest on top (sales mix by style …)."""
    plt, fig, ax = _figure(8, max(2.5, 0.32 * len(labels) + 1))
    ax.barh(list(reversed(labels)), list(reversed(values)), color="#1F4E78")
    ax.set_title(title)
    if xlabel:
        ax.set_xlabel(xlabel)
    ax.grid(axis="x", alpha=0.3)
    return _png(plt, fig)
