"""What a command-line run leaves for the system to free when it ends.

A run of `shopbook` ends with os._exit once its output is flushed (cli.main): the system takes
back its memory at once. Records dropped just before that end would be freed one by one first,
~0.1 s for a year's orders, while the person waits. So, on the command line only, the records
handed to the cache's writer are kept here. Elsewhere (a library call, an Excel button: a
process that goes on) nothing is kept.
"""

from __future__ import annotations

ending = False  # a command-line run: set by cli.main
_kept: list = []


def keep(obj) -> None:
    """Hold `obj` until the process ends, on the command line; elsewhere let it go."""
    if ending:
        _kept.append(obj)
