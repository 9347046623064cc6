"""Writing a Compound File Binary (OLE2, MS-CFB version 3) with storages and streams.

Enough for a VBA project: 512-byte sectors, a mini stream for streams under 4096
bytes, one FAT (no DIFAT beyond the header's 109 entries), no timestamps, so the
same tree gives the same bytes.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

SECTOR = 512
MINI = 64
CUTOFF = 4096
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


@dataclass
class Node:
    name: str
    data: bytes | None = None  # None: a storage
    children: list["Node"] = field(default_factory=list)
    sid: int = 0
    start: int = END
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM


def _key(n: Node) -> tuple[int, str]:
    return (len(n.name), n.name.upper())  # the order CFB compares names in


def _tree(nodes: list[Node]) -> int:
    """A balanced binary search tree over siblings; returns the root's id."""
    if not nodes:
        return NOSTREAM
    nodes = sorted(nodes, key=_key)
    mid = len(nodes) // 2
    root = nodes[mid]
    root.left = _tree(nodes[:mid])
    root.right = _tree(nodes[mid + 1:])
    return root.sid


def build(streams: dict[str, bytes]) -> bytes:
    """`streams` maps paths ('PROJECT', 'VBA/dir' …) to their bytes."""
    root = Node("Root Entry")
    storages = {"": root}
    for path in streams:
        parts = path.split("/")
        for i in range(1, len(parts)):
            key = "/".join(parts[:i])
            if key not in storages:
                st = Node(parts[i - 1])
                storages["/".join(parts[:i - 1])].children.append(st)
                storages[key] = st
        storages["/".join(parts[:-1])].children.append(Node(parts[-1], streams[path]))
    order: list[Node] = []

    def number(n: Node) -> None:
        n.sid = len(order)
        order.append(n)
        for c in sorted(n.children, key=_key):
            number(c)

    number(root)
    for n in order:
        n.child = _tree(n.children)

    # the mini stream: small streams in 64-byte pieces, chained in the mini FAT
    mini = bytearray()
    minifat: list[int] = []
    big: list[Node] = []
    for n in order:
        if n.data is None:
            continue
        if len(n.data) < CUTOFF:
            if not n.data:
                n.start = END
                continue
            n.start = len(minifat)
            count = -(-len(n.data) // MINI)
            minifat += list(range(n.start + 1, n.start + count)) + [END]
            mini += n.data + b"\0" * (count * MINI - len(n.data))
        else:
            big.append(n)
    sectors: list[bytes] = []
    fat: list[int] = []

    def place(data: bytes) -> int:
        if not data:
            return END
        first = len(sectors)
        count = -(-len(data) // SECTOR)
        padded = data + b"\0" * (count * SECTOR - len(data))
        for i in range(count):
            sectors.append(padded[i * SECTOR:(i + 1) * SECTOR])
        fat.extend(list(range(first + 1, first + count)) + [END])
        return first

    root.start = place(bytes(mini))
    root.data = None
    for n in big:
        n.start = place(n.data)
    minifat_bytes = b"".join(struct.pack("<I", x) for x in minifat)
    minifat_bytes += b"\xff" * (-len(minifat_bytes) % SECTOR)
    minifat_start = place(minifat_bytes) if minifat else END
    n_minifat = len(minifat_bytes) // SECTOR if minifat else 0

    def entry(n: Node) -> bytes:
        name = n.name.encode("utf-16-le") + b"\0\0"
        if n is root:
            kind, start, size = 5, n.start, len(mini)
        elif n.data is None:
            kind, start, size = 1, 0, 0  # a storage
        else:
            kind, start, size = 2, n.start, len(n.data)
        return struct.pack("<64sHBBIII16sIQQIQ", name.ljust(64, b"\0"), len(name), kind, 1, n.left, n.right, n.child,
                           b"\0" * 16, 0, 0, 0, start, size)

    dir_bytes = b"".join(entry(n) for n in order)
    empty = struct.pack("<64sHBBIII16sIQQIQ", b"\0" * 64, 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM, b"\0" * 16, 0, 0, 0,
                        0, 0)
    dir_bytes += empty * (-(len(dir_bytes) // 128) % 4)
    dir_start = place(dir_bytes)
    # the FAT covers every sector, its own included
    n_fat = 1
    while len(sectors) + n_fat > n_fat * (SECTOR // 4):
        n_fat += 1
    if n_fat > 109:
        raise ValueError("VBA project too large for a header-only DIFAT")
    fat_start = len(sectors)
    fat += [FATSECT] * n_fat
    fat += [FREE] * (n_fat * (SECTOR // 4) - len(fat))
    fat_bytes = b"".join(struct.pack("<I", x) for x in fat)
    for i in range(n_fat):
        sectors.append(fat_bytes[i * SECTOR:(i + 1) * SECTOR])
    difat = [fat_start + i for i in range(n_fat)] + [FREE] * (109 - n_fat)
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", bytes.fromhex("D0CF11E0A1B11AE1"), b"\0" * 16, 0x003E, 0x0003,
                         0xFFFE, 9, 6, b"\0" * 6, 0, n_fat, dir_start, 0, CUTOFF, minifat_start, n_minifat, END, 0)
    header += b"".join(struct.pack("<I", x) for x in difat)
    return header + b"".join(sectors)
