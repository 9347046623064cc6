"""The `shopbook` command as the shell starts it. Before the command line is parsed (typer and rich
take a tenth of a second to import), a command that reads the shop's orders.xlsx whole has the
parse of its biggest sheet begun (io/prefetch); then shopbook.cli parses the line and runs the
command as ever. A line this look misreads begins nothing, or a parse nobody takes: the command
reads as it would have."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# the commands that read the shop's orders.xlsx whole (cli calls _read_early in each)
READS_ORDERS = {("daily",), ("validate",), ("picklist",), ("orders", "import"), ("orders", "review"),
                ("orders", "morning")}
# those whose review of the new orders waits on the main thread while the other core is idle: their
# addresses are parsed by a second Python once the parse is done (orders/address_ahead). Not `daily`,
# whose reads keep both cores busy: there the second Python made it slower (3.10 -> 3.17 s, 5 pairs)
REVIEWS = {("orders", "review"), ("orders", "morning")}
# those that then rewrite orders.xlsx: the sheet's XML the parse unpacked is kept for their patch
# (prefetch.kept_xml); `validate` only reads
WRITES_ORDERS = READS_ORDERS - {("validate",)}


def main() -> None:
    # pydantic looks for plugins among the installed packages' entry points as it builds the
    # first validator (the config's): a scan of every package's metadata on every command, for
    # plugins shopbook does not use. A person who sets the variable keeps their own choice.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        begin_for(sys.argv[1:])
        from .cli import main as run

        run()
    except KeyboardInterrupt:  # Ctrl+C as the command starts (its imports: ~0.3 s), before its own
        # handler, which says the same, is there: one line, not a traceback of numpy's import
        sys.stderr.write("已中断 / interrupted\n")
        if "--json" in sys.argv[1:]:  # (the stop document every stop prints under --json)
            sys.stdout.write('{"stop": {"zh": "已中断", "en": "interrupted", "path": "", "exit_code": 130, '
                             '"written": []}}\n')
        sys.exit(130)


def begin_for(args: list[str]) -> None:
    """The parse begun for the command line `args` (without the program's name), when it names a
    command of READS_ORDERS and a folder or workbook right after it."""
    words = list(args)
    while words and words[0].startswith("-"):  # the options of shopbook itself (--no-cache)
        if words.pop(0) == "--no-cache":  # (as cli's option does: before the look below, which asks the cache)
            from .io import cache

            cache.disabled = True
    for n in (1, 2):
        if tuple(words[:n]) in READS_ORDERS:
            if len(words) > n and not words[n].startswith("-"):
                from .io.prefetch import begin_in

                keep = tuple(words[:n]) in WRITES_ORDERS
                if tuple(words[:n]) in REVIEWS:
                    from .orders import address_ahead

                    if begin_in(Path(words[n]), then=address_ahead.on_parse, keep=keep):
                        address_ahead.begin()
                else:
                    begin_in(Path(words[n]), keep=keep)
            return
