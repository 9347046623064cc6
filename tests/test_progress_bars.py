"""What a person sees on a terminal while a command works: the bar's count, a spinner where there is
none, and what Ctrl-C does mid-job. The terminal is a console writing to a string (rich draws to it as
to a terminal: every frame is kept), the commands run in this process on a small shop."""

from __future__ import annotations

import io
import re
import time

from rich.console import Console
from typer.testing import CliRunner

from shopbook import cli
from shopbook.issues import ShopbookError
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


# each command that read a big shop in silence (the year shop: customers 12 s, orders follow-up 8 s,
# selfcheck 9 s, aftersales list, stock waitlist 7 s …): its work, and the words its spinner says
SILENT = [
    (["customers"], "shopbook.customers", "shop_customers", "统计客户"),
    (["orders", "follow-up"], "shopbook.orders.workflow", "follow_up", "找要跟进的订单"),
    (["selfcheck"], "shopbook.report.selfcheck", "read_selfcheck", "自检"),
    (["aftersales", "list"], "shopbook.aftersales.workflow", "aftersales", "售后"),
    (["stocktake", "sheet"], "shopbook.stock.workflow", "stocktake_sheet", "生成盘点表"),
    (["stock", "waitlist"], "shopbook.stock.workflow", "waitlist", "缺货登记"),
    (["stock", "slow"], "shopbook.stock.workflow", "slow_movers", "找滞销商品"),
    (["stock", "supplies"], "shopbook.stock.workflow", "supplies", "耗材"),
    (["purchase", "suppliers"], "shopbook.purchasing.workflow", "supplier_lead_times", "供应商到货"),
    (["email"], "shopbook.report.workflow", "send_report", "生成并发送邮件"),  # (its server's answer waited for too)
    (["push"], "shopbook.report.bots", "push_report", "推送到群"),
    (["validate", "--write"], "shopbook.validate.write", "_write_all", "写入校验结果"),  # (after the list: 7.6 s)
]


class _Screen(Console):
    """A terminal whose live displays (a bar, a spinner) are kept as they start: what each shows is
    drawn 0.08 s later, by rich's thread."""

    def __init__(self):
        super().__init__(file=io.StringIO(), force_terminal=True, width=100, highlight=False)
        self.lives: list = []

    def set_live(self, live) -> bool:
        self.lives.append(live)
        return super().set_live(live)


def _shown(live) -> str:
    """What a live display draws."""
    c = Console(file=io.StringIO(), width=100)
    c.print(live.renderable)
    return c.file.getvalue()


def test_a_command_that_reads_the_shop_says_what_it_does_while_it_works(tmp_path, monkeypatch):
    import importlib

    shop = tmp_path / "shop"
    init_shop(shop, "zh")
    seen: dict[str, str] = {}
    for args, module, name, words in SILENT:
        mod = importlib.import_module(module)
        screen = _Screen()
        monkeypatch.setattr(cli, "err", screen)

        def watched(*a, _name=name, _screen=screen, **kw):  # the screen as the work begins; the work stops there
            seen[_name] = "".join(_shown(live) for live in _screen.lives if live.is_started)
            raise ShopbookError("停下", "stopped")

        monkeypatch.setattr(mod, name, watched)
        r = CliRunner().invoke(cli.app, [*args, str(shop)])
        assert r.exit_code == 2 and "停下" in screen.file.getvalue(), (args, r.output)
        assert words + " …" in seen[name], (args, seen[name])
        assert not any(live.is_started for live in screen.lives), args  # (and it stopped, cleared, before the stop said)
    # and to a pipe or a cron job's log: nothing of it but the stop (the same spinner in each)
    monkeypatch.setattr(cli, "err", Console(file=(log := io.StringIO()), highlight=False))
    r = CliRunner().invoke(cli.app, ["customers", str(shop)])
    assert r.exit_code == 2 and log.getvalue() == "✗ 停下\nstopped\n", log.getvalue()


def test_ctrl_c_while_workbooks_are_read_two_at_a_time_is_not_held_until_the_reads_end():
    # validate reads the shop's workbooks two at a time (map_beside): Ctrl-C there waited for every
    # read, begun or not (the 100,000-line shop: 4.7 s of the bar still turning before 已中断)
    import threading

    from shopbook.io.background import map_beside

    release, begun = threading.Event(), []

    def read(k):
        begun.append(k)
        if k == 0:
            raise KeyboardInterrupt  # (as the main thread gets it, waiting for this result)
        release.wait(3)

    t = time.perf_counter()
    try:
        map_beside(read, range(6))
    except KeyboardInterrupt:
        pass
    held = time.perf_counter() - t
    release.set()
    time.sleep(0.05)
    assert held < 1, held
    assert len(begun) <= 3, begun  # the reads not begun are not begun (the one a thread freed as 0 failed may be)


SLOW_READ = """
import sys, time
from shopbook import cli
from shopbook.io.background import beside

@cli.app.command("slow-read")
@cli.guarded
def slow_read() -> None:
    beside(time.sleep, 8)  # a read beside the job (an export, a statement), given up at Ctrl-C
    print(time.time(), flush=True)  # (as Ctrl-C comes)
    raise KeyboardInterrupt

sys.argv = ["shopbook", "slow-read"]
cli.main()
"""


def test_ctrl_c_gives_the_prompt_back_without_waiting_for_a_read_given_up():
    # orders import stopped by Ctrl-C said 已中断 at once, and the prompt came back 4 s later, once
    # the exports' read beside the job had ended
    import os
    import sys

    import forkserver

    r = forkserver.run([sys.executable, "-c", SLOW_READ], capture_output=True, text=True, timeout=60,
                       env={**os.environ, "PYTHONPATH": str(cli_src())})
    assert r.returncode == 130, r.stderr
    assert r.stderr.strip() == "已中断 / interrupted", r.stderr  # one plain line, no traceback
    assert time.time() - float(r.stdout) < 4  # (the read would have taken 8 s)


def cli_src():
    from pathlib import Path

    return Path(__file__).resolve().parents[1] / "src"


def test_supplies_line_up_under_chinese_names(tmp_path):
    # `stock supplies` padded each name to 10 characters: a Chinese one is twice as wide on screen,
    # and the quantities after 面单 stood out of line with those after 赠品 袜子 or a name in letters
    from rich.cells import cell_len

    from shopbook.schema import STOCK
    from shopbook.schema.stock import Supply
    from shopbook.workbook_builder import write_workbook

    shop = tmp_path / "shop"
    init_shop(shop, "zh")
    names = ["面单", "赠品 袜子", "tape", "特大号纸箱（60×40×40）"]
    write_workbook(shop / "stock.xlsx", STOCK, "zh", {Supply: [Supply(name=n, on_hand=100 + k, daily_use=10)
                                                               for k, n in enumerate(names)]}, keep_backup=False)
    r = CliRunner().invoke(cli.app, ["stock", "supplies", str(shop)])
    assert r.exit_code == 0, r.output
    lines = [ln for ln in r.output.splitlines() if any(n in ln for n in names)]
    assert len(lines) == len(names), r.output
    ends = {cell_len(ln[:ln.index(str(100 + k)) + 3]) for k, ln in
            enumerate(sorted(lines, key=lambda ln: next(i for i, n in enumerate(names) if n in ln)))}
    assert len(ends) == 1, r.output  # each quantity ends in the same column of the screen


def test_a_dumb_terminal_gets_no_bar_and_no_blank_line(tmp_path, monkeypatch):
    # TERM=dumb (an editor's shell): rich draws no bar there, and validate's and daily's left a
    # blank line above what the command said
    shop = tmp_path / "shop"
    init_shop(shop, "zh")
    monkeypatch.setattr(cli, "err", Console(file=(screen := io.StringIO()), force_terminal=True, width=100,
                                            highlight=False, _environ={"TERM": "dumb"}))
    r = CliRunner().invoke(cli.app, ["validate", str(shop)])
    assert r.exit_code == 0, r.output
    assert screen.getvalue() == "", repr(screen.getvalue())


def test_the_validate_bar_names_the_workbooks_still_being_read(tmp_path, monkeypatch):
    # validate says each workbook as its read ends: the bar showed that name while the next ones were
    # read (the 100,000-line shop: "agents.xlsx 3/5" for the 6 s orders.xlsx took)
    shop = tmp_path / "shop"
    init_shop(shop, "zh")
    books = sorted(p.name for p in shop.glob("*.xlsx"))
    frames: list[tuple[str, int, float]] = []  # (the bar's words, read so far, total) at each workbook read
    made = cli.progress_bar

    def bar(total, what):
        p, task = made(total, what)
        update = p.update

        def recorded(task_id, **kw):
            update(task_id, **kw)
            t = p.tasks[0]
            frames.append((t.description, int(t.completed), t.total))

        p.update = recorded
        return p, task

    monkeypatch.setattr(cli, "progress_bar", bar)
    _terminal(monkeypatch)
    read: list[str] = []
    from shopbook.validate import run

    real = run.read_workbook

    def reading(path, *a, **kw):
        try:
            return real(path, *a, **kw)
        finally:
            read.append(path.name)

    monkeypatch.setattr(run, "read_workbook", reading)
    monkeypatch.setattr(run, "map_beside", lambda fn, items: [fn(x) for x in items])  # (one at a time: in order)
    r = CliRunner().invoke(cli.app, ["validate", str(shop)])
    assert r.exit_code == 0, r.output
    assert frames and frames[-1][1:] == (len(books), len(books)), frames
    for words, done, _ in frames:
        assert words.startswith("读取"), frames
        assert not any(b in words for b in read[:done]), (words, read[:done])  # none of those already read
