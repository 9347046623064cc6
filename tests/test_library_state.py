"""A script's process as it was after each public call: no cwd, environment, logging handler, signal
handler, locale, cache mode (the command line's) or thread of shopbook's left behind, nothing printed,
and a stop one ShopbookError in both languages, as the command line says it."""

from __future__ import annotations

import locale
import logging
import os
import signal
import sys
import threading

from test_library_threads import small_shop

import shopbook
from shopbook.io import cache, lock


def threads_left() -> list[str]:
    """The threads that outlive the call (a worker whose one task is done ends a moment after it)."""
    for t in threading.enumerate():
        if t.name.startswith("shopbook") and not t.daemon:
            t.join(5)
    return sorted(t.name for t in threading.enumerate() if not t.daemon and t.is_alive())


def process_state() -> dict:
    root = logging.getLogger()
    loggers = {name: (tuple(lg.handlers), lg.level, lg.propagate, lg.disabled)
               for name, lg in logging.root.manager.loggerDict.items() if isinstance(lg, logging.Logger)}
    return {"cwd": os.getcwd(), "env": dict(os.environ), "umask": os.umask(os.umask(0o22)),
            "root": (tuple(root.handlers), root.level), "loggers": {k: v for k, v in loggers.items() if any(v[:2])},
            "logging off": logging.root.manager.disable,
            "signals": {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGPIPE,
                                                         signal.SIGCHLD, signal.SIGALRM)},
            "locale": locale.setlocale(locale.LC_ALL), "streams": (sys.stdout, sys.stderr, sys.stdin),
            "hooks": (sys.excepthook, threading.excepthook), "recursion": sys.getrecursionlimit(),
            "cache mode": (cache.after_result_on(), cache.disabled, cache._pending),
            "lock": (lock.label, lock.on_wait, dict(lock._held)),
            "threads": threads_left()}


def test_each_public_call_leaves_the_process_as_it_was_and_prints_nothing(tmp_path, capfd):
    folder = small_shop(tmp_path / "shop").folder
    (tmp_path / "other").mkdir()
    calls = [("open_shop", lambda: shopbook.open_shop(folder)),
             ("validate_path", lambda: shopbook.validate_path(folder)),
             ("load_shop", lambda: shopbook.load_shop(shopbook.open_shop(folder))),
             ("review", lambda: shopbook.orders.workflow.review(shopbook.open_shop(folder))),
             ("make_picklist", lambda: shopbook.orders.workflow.make_picklist(shopbook.open_shop(folder), today="2026-11-21")),
             ("stock_alerts", lambda: shopbook.stock.workflow.stock_alerts(shopbook.open_shop(folder), "2026-11-21")),
             ("settle_month", lambda: shopbook.agents.workflow.settle_month(shopbook.open_shop(folder), "2026-11")),
             ("run_daily", lambda: shopbook.report.workflow.run_daily(shopbook.open_shop(folder), "2026-11-21",
                                                                      send=False, steps_only=("validate", "stock"))),
             ("init_shop", lambda: shopbook.init_shop(tmp_path / "other" / "new"))]
    capfd.readouterr()
    # a stop: the workbook open in Excel, said as `orders morning` says it, the process as it was
    (folder / "~$orders.xlsx").write_bytes(b"\x03amy")
    before = process_state()
    try:
        shopbook.orders.workflow.review(shopbook.open_shop(folder))
    except shopbook.ShopbookError as e:
        stop = e
    assert process_state() == before and capfd.readouterr() == ("", "")
    assert "工作簿正在被打开（amy）" in stop.zh and "The workbook is open (amy)" in stop.en, stop
    assert stop.path == str(folder / "orders.xlsx") and stop.exit_code == 2
    (folder / "~$orders.xlsx").unlink()
    for name, call in calls:
        before = process_state()
        call()
        after = process_state()
        assert after == before, (name, {k: (before[k], after[k]) for k in before if before[k] != after[k]})
        assert capfd.readouterr() == ("", ""), name
