"""What a person sees on a terminal while a command works: the bar's count, a spinner where there is
none, and what Ctrl-C does mid-job. The terminal is a console writing to a string (rich draws to it as
to a terminal: every frame is kept), the commands run in this process on a small shop."""

from __future__ import annotations

import io
import re

from rich.console import Console
from typer.testing import CliRunner

from shopbook import cli
from shopbook.shop import init_shop

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _terminal(monkeypatch) -> io.StringIO:
    """cli's stderr console swapped for a terminal 100 columns wide whose frames are all kept."""
    screen = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=screen, force_terminal=True, width=100, highlight=False))
    return screen


class _NoCharts:
    """The daily e-mail's chart drawer, drawing none."""

    apart = True

    def begin(self):
        pass

    def draw(self, *a, **kw):
        pass

    def result(self):
        return {}

    def close(self):
        pass


def test_the_daily_bar_ends_at_its_last_step_never_past_its_total(tmp_path, monkeypatch):
    # the bar was made for 8 steps and the job has 9 (10 with group bots): the e-mail step showed 9/8
    from shopbook.report import workflow

    monkeypatch.setattr(workflow, "ChartDrawer", _NoCharts)  # (matplotlib in a forked copy: 1 s of the test)
    shop = tmp_path / "shop"
    init_shop(shop, "zh")
    screen = _terminal(monkeypatch)
    r = CliRunner().invoke(cli.app, ["daily", str(shop)])
    assert r.exit_code in (0, 1), r.output
    counts = [(int(a), int(b)) for a, b in re.findall(r"(\d+)/(\d+) \d:\d\d:\d\d", ANSI.sub("", screen.getvalue()))]
    assert counts, screen.getvalue()
    assert all(done <= total for done, total in counts), counts
    assert counts[-1][0] == counts[-1][1] == 9, counts  # its last frame: every step begun, the e-mail's
