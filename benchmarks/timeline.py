"""Where a whole command's time goes, step by step (`python benchmarks/timeline.py [--step MODULE:NAME]…
-- ARGS…`, ARGS as after `shopbook`): the command runs as the shell starts it (shopbook.start), with
the steps below wrapped as their modules load, and each step's start and end (seconds from this
script's start) is printed when the command ends, by process and thread; a forked copy prints its
own steps. A sampling profiler stretches a job of a second by 15–35 % and shows where, not when;
this shows when, at the cost of a perf_counter pair per call (the steps are called a few times a
command, not per row). A step that is not there (a function renamed or gone) and a module of the
steps the command never loaded are said after the steps, so a timeline leaves nothing out silently."""

from __future__ import annotations

import functools
import importlib.abc
import importlib.machinery
import importlib.util
import os
import resource
import sys
import threading
import time
from pathlib import Path

T0 = time.perf_counter()

# module → the functions (or Class.method) timed: the morning job's, daily's and the imports' steps
STEPS: dict[str, list[str]] = {
    "shopbook.io.prefetch": ["_work", "load"],
    "shopbook.io.reader": ["read_workbook"],
    "shopbook.io.sheet_edit": ["_edit_workbook", "patch_workbook"],
    "shopbook.io.xlsx_patch": ["_patch_sheet", "_write_pieces", "fill_sheets"],
    "shopbook.io.forked": ["Forked.start", "Forked.wait"],
    "shopbook.orders.address_ahead": ["take"],
    "shopbook.orders.review": ["review_orders"],
    "shopbook.orders.picking": ["pick_list", "waybill_rows"],
    "shopbook.orders.workflow": ["review", "make_picklist", "pick_with_kept", "import_orders"],
    "shopbook.orders.documents": ["write_picking_documents", "_documents", "write_waybill_csv", "waybill_csv"],
}

LOG: list[tuple[float, float, str, str, int]] = []  # (start, end, step, thread, pid); a step within another is indented
MISSING: list[str] = []
_depth = threading.local()


def _timed(fn, label: str):
    @functools.wraps(fn)
    def timed(*args, **kwargs):
        t = time.perf_counter()
        depth = getattr(_depth, "n", 0)
        _depth.n = depth + 1
        try:
            return fn(*args, **kwargs)
        finally:
            _depth.n = depth
            LOG.append((t - T0, time.perf_counter() - T0, "  " * depth + label, threading.current_thread().name,
                        os.getpid()))
    return timed


def _wrap(module, names: list[str]) -> None:
    for name in names:
        *owner_path, attr = name.split(".")
        owner = module
        for part in owner_path:
            owner = getattr(owner, part, None)
        if owner is None or not hasattr(owner, attr):
            MISSING.append(f"{module.__name__}:{name}")
            continue
        raw = owner.__dict__.get(attr) if isinstance(owner, type) else None
        if isinstance(raw, classmethod):
            setattr(owner, attr, classmethod(_timed(raw.__func__, name)))
        elif isinstance(raw, staticmethod):
            setattr(owner, attr, staticmethod(_timed(raw.__func__, name)))
        else:
            setattr(owner, attr, _timed(getattr(owner, attr), name))
    LOG.append((time.perf_counter() - T0,) * 2 + (f"(imported {module.__name__})", threading.current_thread().name,
                                                  os.getpid()))


class _WrapOnLoad(importlib.abc.MetaPathFinder):
    """Finds nothing itself: for a module of STEPS it asks the other finders and wraps the
    module's steps right after the module has run."""

    def find_spec(self, name, path, target=None):
        if name not in STEPS:
            return None
        # the path finder asked directly (not the finders with this one taken off sys.meta_path, which
        # another thread importing at that moment would find without it: a module loaded untimed)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            _wrap(module, STEPS[name])

        spec.loader.exec_module = exec_module
        return spec


def report(out=None) -> None:
    """The steps logged in this process, in order of their start, with what was not found."""
    out = out or sys.stderr
    pid = os.getpid()
    out.write(f"timeline of process {pid} ({'the command' if pid == MAIN else 'a forked copy'}):"
              f" start  end  seconds  thread  step\n")
    # (a copy's own steps; an outer step before the ones within it, which start at its start or after)
    for start, end, step, thread, _ in sorted((e for e in LOG if e[4] == pid), key=lambda e: (e[0], -e[1])):
        out.write(f"{start:7.3f} {end:7.3f} {end - start:7.3f}  {thread[:18]:<18} {step}\n")
    use = resource.getrusage(resource.RUSAGE_SELF)  # (its threads' too; not its children's)
    out.write(f"{time.perf_counter() - T0:7.3f}                  (this process's end: CPU {use.ru_utime:.3f} s user"
              f" + {use.ru_stime:.3f} s system, {use.ru_minflt} page faults)\n")
    if pid == MAIN:  # (a forked copy has the same list: said once)
        for m in MISSING:
            out.write(f"not found (not timed): {m}\n")
        for m in STEPS:
            if m not in sys.modules:
                try:
                    there = importlib.util.find_spec(m) is not None
                except ModuleNotFoundError:  # (its package is not there either)
                    there = False
                out.write(f"{'not loaded by this command' if there else 'no such module'} (not timed): {m}\n")
    out.flush()


MAIN = os.getpid()



def main(argv: list[str]) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))  # this checkout's code
    if "--" in argv:
        opts, args = argv[: argv.index("--")], argv[argv.index("--") + 1:]
    else:
        opts, args = [], argv
    while opts:
        opt = opts.pop(0)
        if opt == "--step" and opts:
            module, _, name = opts.pop(0).partition(":")
            STEPS.setdefault(module, []).append(name)
        else:
            sys.exit(__doc__)
    sys.meta_path.insert(0, _WrapOnLoad())
    # the command ends with os._exit (shopbook's exit without teardown): report before it, in
    # whichever process calls it; an ordinary exit reports too
    exit_now = os._exit

    def reporting_exit(code):
        report()
        exit_now(code)

    os._exit = reporting_exit
    sys.argv = ["shopbook", *args]
    from shopbook.start import main as shopbook

    try:
        shopbook()
    except SystemExit as e:
        report()
        raise SystemExit(e.code) from None
    report()


if __name__ == "__main__":
    main(sys.argv[1:])
