"""Two versions of shopbook's code, the same command, alternating (`python benchmarks/ab.py OLD_SRC
NEW_SRC [--pairs N] JOB`): on a machine whose speed drifts 10–30 % within an hour, pairs run one
after the other say whether a change made a difference where two benchmark runs apart cannot.

OLD_SRC and NEW_SRC are `src/` folders, each with the `templates/` of its code beside it (`git archive
<rev> src templates | tar -x -C /tmp/old`: without it the pick list's template is built by openpyxl
in the documents' copy, 0.15 s that the other side does not pay, so ab.py refuses). Each run
is the whole command from the shell on a fresh copy of the shop, as commands.py runs it, the cache
writer it leaves waited for before the next run; wall seconds, CPU seconds (its own and its
waited-for children's: a cost the two cores hide from the wall clock) and the command's own peak RSS.
Jobs: daily (the year shop, cold), import (issue 17's first import, cold), reimport (the later
exports right after the first import), reimport-cold, morning (10k open orders, cold), morning-warm
(the same, its cache filled by a `shopbook validate` of each side's own code: an entry names the
code that wrote it, so one side's entries are a miss for the other's)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from commands import CPU, DATA, adopt_orphans, make_month_exports, make_order_shop, make_year_shop, run, warmed

# as the `shopbook` command starts (shopbook.start; older code: its cli)
RUN = ("import sys; sys.argv = ['shopbook', *sys.argv[1:]]\ntry:\n    from shopbook.start import main\n"
       "except ImportError:\n    from shopbook.cli import main\nmain()")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("old", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("job", choices=["daily", "import", "reimport", "reimport-cold", "morning", "morning-warm"])
    ap.add_argument("--pairs", type=int, default=5)
    args = ap.parse_args()
    adopt_orphans()
    for src in (args.old, args.new):
        if not (src.resolve().parent / "templates" / "reports").is_dir():
            sys.exit(f"{src}: no templates/ beside it (git archive <rev> src templates | tar -x -C <dir>)")
    for src in (args.old, args.new):
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(src)], check=False)
    shop = make_order_shop(DATA / "orders") if args.job.startswith("morning") else make_year_shop(DATA / "year")
    files = make_month_exports(DATA / "month-exports", dt.date(2026, 11, 22)) if "import" in args.job else None
    work = DATA / f"ab-run-{os.getpid()}"
    warm = {}  # side → its warmed copy of the shop (morning-warm)
    if args.job == "morning-warm":
        for src in (args.old, args.new):
            warm[src] = warmed(shop, DATA / f"ab-warm-{os.getpid()}-{len(warm)}", [sys.executable, "-c", RUN],
                               {**os.environ, "PYTHONPATH": str(src.resolve())})

    def one(src: Path) -> tuple[float, int]:
        env = {**os.environ, "PYTHONPATH": str(src.resolve())}
        sb = [sys.executable, "-c", RUN]
        if work.exists():
            shutil.rmtree(work)
        if src in warm:
            shutil.copytree(warm[src], work)
        else:
            shutil.copytree(shop, work, ignore=shutil.ignore_patterns(".shopbook-cache"))
        if args.job == "daily":
            cmd = ["daily", str(work), "--date", "2026-11-21"]
        elif args.job.startswith("morning"):
            cmd = ["orders", "morning", str(work)]
        elif args.job == "import":
            cmd = ["orders", "import", str(work), *map(str, files["first"])]
        else:
            run([*sb, "orders", "import", str(work), *map(str, files["first"])], env)
            if args.job == "reimport-cold":
                shutil.rmtree(work / ".shopbook-cache", ignore_errors=True)
            cmd = ["orders", "import", str(work), *map(str, files["later"])]
        wall, peak, code, _ = run([*sb, *cmd], env)
        if code not in (0, 1):
            sys.exit(f"{src}: exit {code}")
        return wall, peak, CPU[-1]

    got: dict[str, list] = {"old": [], "new": []}
    for i in range(args.pairs):
        order = (("old", args.old), ("new", args.new)) if i % 2 == 0 else (("new", args.new), ("old", args.old))
        for name, src in order:
            got[name].append(one(src))
    shutil.rmtree(work, ignore_errors=True)
    for folder in warm.values():
        shutil.rmtree(folder, ignore_errors=True)
    for name, runs in got.items():
        print(f"{name}: " + " ".join(f"{w:.2f}" for w, _, _ in runs)
              + f" s · median {statistics.median(w for w, _, _ in runs):.3f} s"
              + f" · CPU median {statistics.median(c for _, _, c in runs):.3f} s"
              + f" · peak RSS median {statistics.median(p for _, p, _ in runs) / 2**20:.0f} MiB")


if __name__ == "__main__":
    main()
