"""File names shopbook makes from people's words (agent ids and names, shop names) that
open on Windows, macOS and Linux alike."""

from __future__ import annotations

import re

# Windows refuses these as a name's stem whatever the extension ("CON.xlsx", "nul.x.xlsx")
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in "123456789¹²³"), *(f"LPT{i}" for i in "123456789¹²³")}
BAD = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f\x85\u2028\u2029]')
MAX_BYTES = 180  # under every file system's 255, with room for a temp file's suffix


def safe_file_name(name: str, max_bytes: int = MAX_BYTES) -> str:
    """`name` (with its extension) made safe: no path separators, control or reserved
    characters; no reserved device name as its first part; no trailing dot or space
    (Windows drops them); at most `max_bytes` of UTF-8, cut in the middle of the stem."""
    name = BAD.sub("_", name)
    stem, dot, ext = name.rpartition(".") if "." in name.lstrip(".") else (name, "", "")
    if len(ext) > 10 or not ext.isalnum():  # not an extension: part of the name
        stem, dot, ext = name, "", ""
    stem = stem.strip().rstrip(". ") or "_"
    if stem.split(".")[0].rstrip(" ").upper() in RESERVED:
        stem = "_" + stem
    tail = (dot + ext).encode("utf-8")
    room = max(1, max_bytes - len(tail))
    if len(stem.encode("utf-8")) > room:  # cut in the middle: the id before and the month after stay
        tail = stem[-16:]
        head = stem.encode("utf-8")[:room - len(tail.encode("utf-8")) - 3].decode("utf-8", "ignore")
        stem = head + "…" + tail
    return stem + dot + ext
