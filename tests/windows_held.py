"""A file Windows will not move (an .eml open in Foxmail or Outlook, a message open in an editor, a file being
scanned or synced): os.replace into a folder of a given name raises as Windows raises it; every other move goes."""

import os
from pathlib import Path


def hold_moves_into(monkeypatch, folder: str):
    """Moves into folders named `folder` (sent, replaced) refused from now on; the real os.replace is returned,
    for the test to put back with monkeypatch.setattr(os, "replace", it)."""
    replace = os.replace

    def held(a, b, *k, **kw):
        if Path(b).parent.name == folder:
            raise PermissionError(32, "The process cannot access the file because it is being used by another process")
        return replace(a, b, *k, **kw)

    monkeypatch.setattr(os, "replace", held)
    return replace
