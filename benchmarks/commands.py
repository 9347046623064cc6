"""Whole commands as a user runs them (`python benchmarks/commands.py [--repeat N] [JOB…]`).

Each run is `shopbook …` started from the shell on a fresh copy of the shop, timed from
outside (start-up, imports, work and exit: until the prompt comes back), with its peak RSS
(os.wait4: the largest of that process, of any process it forked and waited for, and of the
process that writes the parsed-sheet cache after it, not their sum). That writer (a command
line's cache entries are written once its result is out, io/at_exit.write_cache) is waited for
before anything else is measured, and its time is shown beside ("then … in the background"),
not in the command's. Each run is paired in the same call
with bare reads of the same workbooks in a fresh Python: python-calamine's row reader and
fastexcel's Arrow reader (the time of the read itself, imports excluded). min / median / max
of --repeat runs; the ratio is shopbook's median over the bare read's median, next to the
target of issue 20, and beside it each run's own ratio (shopbook over the bare read made just
before it). Nothing is asserted.

Jobs: help, empty, validate, validate-warm, validate-sheets, daily-100k, daily, daily-again, daily-force,
customers, morning, morning-warm, import, reimport, reimport-cold.
"cold" is a shop without .shopbook-cache/; "warm" a fresh copy of the shop whose cache a
`shopbook validate` filled (the workbooks unchanged since): its parsed sheets and the
verdict's run record (io/memo.py). "validate-sheets" is warm without the run records: the
parsed-sheet cache alone. "daily-force" is `daily --force` after one daily: every step again,
on the cache, where "daily-again" finds the first run's record. "import" is issue 17's first import
(`shopbook orders import` of a month from three platforms into the year shop), "reimport" the later
exports imported right after it (the first import's cache entries there, as it left them),
"reimport-cold" the same with no cache (orders.xlsx saved in Excel in between); their bare reads are
the exports' CSV parse plus orders.xlsx.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from run import DATA, make_month_exports, make_order_shop, make_shop, make_year_shop, spread  # noqa: E402  (the shops run.py builds)

BIN = Path(sys.executable).parent
SHOPBOOK = [str(BIN / "shopbook")] if (BIN / "shopbook").exists() else [sys.executable, "-m", "shopbook.cli"]
WORK = DATA / f"commands-run-{os.getpid()}"  # one per run: two people benchmarking at once do not share it
BOOKS = ("stock.xlsx", "orders.xlsx", "ledger.xlsx", "kpi.xlsx", "agents.xlsx")

BARE = r"""
import csv, io, json, sys, time
mode, paths = sys.argv[1], sys.argv[2:]
if mode == "calamine":
    import python_calamine as pc
else:
    import fastexcel
t = time.perf_counter()
cells = 0
for p in paths:
    if p.endswith(".csv"):  # a platform's export: decoded (UTF-8 with or without BOM, else GB18030) and parsed
        data = open(p, "rb").read()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("gb18030")
        cells += sum(map(len, csv.reader(io.StringIO(text))))
    elif mode == "calamine":
        wb = pc.CalamineWorkbook.from_path(p)
        for name in wb.sheet_names:
            cells += sum(map(len, wb.get_sheet_by_name(name).to_python(skip_empty_area=False)))
        wb.close()
    else:
        r = fastexcel.read_excel(p)
        for name in r.sheet_names:
            t_ = r.load_sheet_by_name(name, header_row=None).to_arrow()
            cells += t_.num_rows * t_.num_columns
print(json.dumps({"seconds": time.perf_counter() - t, "cells": cells}))
"""


LAST_ERR: list[str] = []
BACKGROUND: list[float] = []  # per run() call: seconds its command's background writers went on after it
CPU: list[float] = []  # each command's CPU seconds (run)
CORES = os.cpu_count() or 1


def adopt_orphans() -> None:
    """Make this process the one a command's detached processes fall to when it exits (Linux's
    child subreaper): shopbook writes the parsed-sheet cache after its result is out, in a
    process of its own (io/at_exit.write_cache); run() waits for it, times it and counts its
    memory, so that nothing it does overlaps the next measurement or escapes this one."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER


def run(cmd: list[str], env: dict | None = None) -> tuple[float, int, int, str]:
    """(wall seconds, peak RSS in bytes, exit code, stdout) of one child, timed from outside:
    until it exits (what a person waits for). The processes it left writing in the background
    are then waited for: their time goes to BACKGROUND, their peak RSS into the one returned."""
    t = time.perf_counter()
    errf = tempfile.TemporaryFile()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=errf, env=env)
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    peak = usage.ru_maxrss
    CPU.append(usage.ru_utime + usage.ru_stime)  # its own and its waited-for children's (not the writer after it)
    while True:  # (its orphans, adopted: adopt_orphans)
        try:
            _, _, u = os.wait4(-1, 0)
        except ChildProcessError:
            break
        peak = max(peak, u.ru_maxrss)
    BACKGROUND.append(time.perf_counter() - t - wall)
    p.returncode = os.waitstatus_to_exitcode(status)
    p.stdout.close()
    if p.returncode not in (0, 1):  # it could not run, or crashed: kept to be shown
        errf.seek(0)
        LAST_ERR[:] = [errf.read().decode("utf-8", "replace")[-2000:]]
    errf.close()
    return wall, peak * 1024, p.returncode, out.decode("utf-8", "replace")


def bare(mode: str, what: Path | list[Path]) -> tuple[float, int]:
    """The bare read of a shop folder's workbooks, or of the files listed."""
    paths = [str(p) for p in what] if isinstance(what, list) else [str(what / b) for b in BOOKS if (what / b).exists()]
    _, rss, code, out = run([sys.executable, "-c", BARE, mode, *paths])
    if code != 0:
        return float("nan"), rss
    return json.loads(out.strip().splitlines()[-1])["seconds"], rss


def fresh(base: Path, with_cache: bool = False, records: bool = True) -> Path:
    if WORK.exists():
        shutil.rmtree(WORK)
    shutil.copytree(base, WORK, ignore=None if with_cache else shutil.ignore_patterns(".shopbook-cache"))
    if not records:
        for p in WORK.glob(".shopbook-cache/*.run.json"):
            p.unlink()
    return WORK


def warmed(base: Path, warm: Path | None = None, shopbook: list[str] = SHOPBOOK, env: dict | None = None) -> Path:
    """A copy of `base` (at `warm`: beside it by default) with its cache filled by one `shopbook
    validate` (`shopbook` and `env`: another version's code, ab.py's), base itself left as run.py
    builds it."""
    warm = warm or base.parent / f"{base.name}-warm"
    if warm.exists():
        shutil.rmtree(warm)
    shutil.copytree(base, warm, ignore=shutil.ignore_patterns(".shopbook-cache"))
    run([*shopbook, "validate", str(warm)], env)
    return warm


RESULTS: list[dict] = []


def job(name: str, target: str, repeat: int, prepare, argv, bare_of=None, limit=None, against="calamine",
        env=None) -> None:
    """`prepare()` gives the shop folder for one run (a fresh copy); `argv(folder)` the command."""
    times, rss, codes, cal, fx, cal_rss, background, cpu = [], [], set(), [], [], [], [], []
    for _ in range(repeat):
        folder = prepare()
        if bare_of is not None:  # the bare reads of the same files, in the same call
            s, r = bare("calamine", bare_of(folder))
            cal.append(s)
            cal_rss.append(r)
            fx.append(bare("fastexcel", bare_of(folder))[0])
        cmds = argv(folder)
        total, peak, after, used = 0.0, 0, 0.0, 0.0
        for cmd in cmds:
            w, r, code, _ = run([*SHOPBOOK, *cmd], env)
            total += w
            after += BACKGROUND[-1]
            used += CPU[-1]
            peak = max(peak, r)
            codes.add(code)
        times.append(total)
        rss.append(peak)
        background.append(after)
        cpu.append(used)
    row = {"job": name, "target": target, "shopbook": times, "rss": rss, "exit": sorted(codes),
           "background": background, "cpu": cpu}
    line = f"{name:<44} shopbook {spread(times)} s"
    if max(background) >= 0.005:
        line += f" (then the cache written in the background for {spread(background)} s)"
    if cal:
        row.update(calamine=cal, fastexcel=fx, calamine_rss=cal_rss)
        base = statistics.median(cal if against == "calamine" else fx)
        ratio = statistics.median(times) / base
        # each run over the bare read made just before it: on a machine whose speed drifts within
        # the minutes a job takes, the pairs say more than the medians taken apart
        pairs = [t / b for t, b in zip(times, cal if against == "calamine" else fx)]
        row["ratio"], row["ratios"] = ratio, pairs
        line += (f" · calamine {spread(cal)} s · fastexcel {spread(fx)} s · ratio {ratio:.2f}× {against}"
                 f" (per run {min(pairs):.2f}–{max(pairs):.2f}×, median {statistics.median(pairs):.2f}×)"
                 f" · peak RSS {max(rss) / 2**20:.0f} MiB (bare calamine {max(cal_rss) / 2**20:.0f} MiB)"
                 # the CPU the command used, spread over every core at once: how near its target can come
                 f" · CPU {statistics.median(cpu):.2f} s, on {CORES} cores at best "
                 f"{statistics.median(cpu) / CORES / base:.2f}×")
        met = ratio <= limit if limit is not None else None
    else:
        met = statistics.median(times) < limit if limit is not None else None
    if codes - {0, 1}:  # a run that could not run or crashed measures nothing
        met = None
        line += f"  [FAILED: exit {sorted(codes - {0, 1})}]\n{LAST_ERR[0] if LAST_ERR else ''}"
    row["met"] = met
    line += f"  [target {target}: {'met' if met else 'NOT met' if met is not None else '-'}] exit {sorted(codes)}"
    print(line, flush=True)
    RESULTS.append(row)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path, help="write the figures here too")
    ap.add_argument("only", nargs="*", help="help empty validate validate-warm validate-sheets daily-100k daily "
                    "daily-again daily-force customers morning morning-warm import reimport reimport-cold (default: all)")
    args = ap.parse_args()
    adopt_orphans()
    # shopbook's bytecode, as every install has it (pip compiles a wheel's modules; an editable
    # install writes it at the first import, except where PYTHONDONTWRITEBYTECODE is set, as on
    # this machine): without it each run compiles ~60 modules from source first (0.04–0.1 s)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "src")], check=False)
    want = set(args.only) or {"help", "empty", "validate", "validate-warm", "validate-sheets", "daily-100k", "daily",
                              "daily-again", "daily-force", "customers", "morning", "morning-warm", "import",
                              "reimport", "reimport-cold"}
    n = args.repeat
    print(f"whole commands, {n} runs each, min/median/max; python {sys.version.split()[0]}, {os.cpu_count()} cores")

    if "help" in want:
        job("shopbook --help", "< 0.25 s", n, lambda: None, lambda f: [["--help"]], limit=0.25)
    if "empty" in want:
        empty = DATA / "empty-shop"
        if not (empty / "orders.xlsx").exists():
            subprocess.run([*SHOPBOOK, "init", str(empty)], stdout=subprocess.DEVNULL, check=True)
        job("validate, an empty shop", "< 0.5 s", n, lambda: fresh(empty), lambda f: [["validate", str(f)]],
            limit=0.5)
    if want & {"validate", "validate-warm", "validate-sheets", "daily-100k"}:
        base = make_shop(DATA / "validate")
        if "validate" in want:
            job("validate, 100k shop, cold", "≤ 1.5× fastexcel", n, lambda: fresh(base),
                lambda f: [["validate", str(f)]], bare_of=lambda f: f, limit=1.5, against="fastexcel")
        if want & {"validate-warm", "validate-sheets"}:
            warm = warmed(base)
        if "validate-warm" in want:
            job("validate, 100k shop, unchanged (cache hit)", "≤ 0.5× calamine", n,
                lambda: fresh(warm, with_cache=True), lambda f: [["validate", str(f)]], bare_of=lambda f: f,
                limit=0.5)
        if "validate-sheets" in want:
            job("validate, 100k shop, unchanged, parsed sheets only", "(breakdown)", n,
                lambda: fresh(warm, with_cache=True, records=False), lambda f: [["validate", str(f)]],
                bare_of=lambda f: f)
        if "daily-100k" in want:  # a big ledger and 5,000 SKUs: the report's stock lists, the self-check
            job("daily, 100k shop (200k ledger lines, 5k SKUs), cold", "(breakdown)", n, lambda: fresh(base),
                lambda f: [["daily", str(f), "--date", "2026-11-21"]], bare_of=lambda f: f)
    if "customers" in want:  # issue 18's target is the compute alone (run.py customers): this is the whole command
        year = make_year_shop(DATA / "year")
        job("customers, year shop (read, report written)", "(compute < 1 s: run.py)", n, lambda: fresh(year),
            lambda f: [["customers", str(f)]], bare_of=lambda f: f)
    if want & {"daily", "daily-again", "daily-force"}:
        base = make_year_shop(DATA / "year")
        day = ["--date", "2026-11-21"]
        if "daily" in want:
            job("daily, year shop, cold", "≤ 2× calamine", n, lambda: fresh(base),
                lambda f: [["daily", str(f), *day]], bare_of=lambda f: f, limit=2.0)
        if want & {"daily-again", "daily-force"}:
            def after_one_daily() -> Path:
                f = fresh(base)
                run([*SHOPBOOK, "daily", str(f), *day])
                return f
        if "daily-again" in want:
            job("daily again, nothing changed", "≤ 1× calamine", n, after_one_daily,
                lambda f: [["daily", str(f), *day]], bare_of=lambda f: f, limit=1.0)
        if "daily-force" in want:
            job("daily again --force (every step, on the cache)", "(breakdown)", n, after_one_daily,
                lambda f: [["daily", str(f), *day, "--force"]], bare_of=lambda f: f)
    if want & {"morning", "morning-warm"}:
        base = make_order_shop(DATA / "orders")
        has_morning = "morning" in run([*SHOPBOOK, "orders", "--help"])[3]
        cmds = (lambda f: [["orders", "morning", str(f)]]) if has_morning else (
            lambda f: [["orders", "review", str(f)], ["picklist", str(f)]])
        label = "orders morning" if has_morning else "orders review + picklist"
        if "morning" in want:
            job(f"{label}, 10k open orders, cold", "≤ 4× calamine", n, lambda: fresh(base), cmds,
                bare_of=lambda f: f, limit=4.0)
        if "morning-warm" in want:
            warm = warmed(base)
            job(f"{label}, 10k open orders, warm", "≤ 2× calamine", n, lambda: fresh(warm, with_cache=True), cmds,
                bare_of=lambda f: f, limit=2.0)
    if want & {"import", "reimport", "reimport-cold"}:  # issue 17, as a user runs it
        year = make_year_shop(DATA / "year")
        files = make_month_exports(DATA / "month-exports", dt.date(2026, 11, 22))
        first, later = [str(f) for f in files["first"]], [str(f) for f in files["later"]]
        if "import" in want:
            job("orders import, a month of 3 platforms, cold", "≤ 2× bare", n, lambda: fresh(year),
                lambda f: [["orders", "import", str(f), *first]],
                bare_of=lambda f: [f / "orders.xlsx", *files["first"]], limit=2.0)
        def after_first_import(cold: bool) -> Path:
            f = fresh(year)
            run([*SHOPBOOK, "orders", "import", str(f), *first])  # (its cache writer waited for: run)
            if cold:  # orders.xlsx saved by someone else since (Excel): nothing of the shop in the cache
                shutil.rmtree(f / ".shopbook-cache", ignore_errors=True)
            return f

        if "reimport" in want:  # the sequence: the later exports right after the first import
            job("orders import, the later exports, after the first", "≤ 2× bare", n,
                lambda: after_first_import(False), lambda f: [["orders", "import", str(f), *later]],
                bare_of=lambda f: [f / "orders.xlsx", *files["later"]], limit=2.0)
        if "reimport-cold" in want:
            job("orders import, the later exports, cold", "(breakdown)", n, lambda: after_first_import(True),
                lambda f: [["orders", "import", str(f), *later]],
                bare_of=lambda f: [f / "orders.xlsx", *files["later"]])
    if WORK.exists():
        shutil.rmtree(WORK)
    if args.json:
        args.json.write_text(json.dumps(RESULTS, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
