"""What a command-line run leaves for the system to free when it ends.

A run of `shopbook` ends with os._exit once its output is flushed (cli.main): the system takes
back its memory at once. Records dropped just before that end would be freed one by one first,
~0.1 s for a year's orders, while the person waits; and the first cyclic collection after a big
read (io/reader.gc_paused) would scan every object it made, another ~0.1 s. So, on the command
line only, the records handed to the cache's writer are kept here, and what a read made is
frozen out of the collector's sight (gc.freeze) rather than scanned. Elsewhere (a library call,
an Excel button: a process that goes on) nothing is kept and nothing frozen.
"""

from __future__ import annotations

ending = False  # a command-line run: set by cli.main
_kept: list = []


def keep(obj) -> None:
    """Hold `obj` until the process ends, on the command line; elsewhere let it go."""
    if ending:
        _kept.append(obj)
