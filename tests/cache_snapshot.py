"""test_cache's snapshot of a read, in a module of its own that imports nothing but dataclasses:
the racing runs (test_cache.RACER, each a new Python) import it without test_cache's own imports
(pytest, openpyxl, typer, cli_run: half a CPU-second a run)."""

from __future__ import annotations

import dataclasses


def snapshot(wd) -> list:
    """Everything a read gives, in comparable form: layouts, records (their fields and
    fields-set), unreadable rows, issues and notes (every field, row and field included)."""
    def recs(rs):
        return [(type(r).__name__, r.__dict__, sorted(r.__pydantic_fields_set__)) for r in rs]

    def iss(xs):
        return [dataclasses.astuple(x) for x in xs]

    return [[(m.__name__, sd.book, sd.sheet, sd.header_row, sd.columns, sd.headers, sd.present, sd.width,
              recs(sd.records), recs(sd.unreadable), iss(sd.issues), iss(sd.notes))
             for m, sd in wd.sheets.items()], iss(wd.issues)]
