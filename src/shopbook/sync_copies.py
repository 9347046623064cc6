"""Copies a sync service leaves beside a shop workbook (or shopbook.toml) when two PCs edit it at once.

The service keeps one version under the workbook's name and the other beside it under a new
name; shopbook reads only the first, so whatever a person typed into the copy never counts
unless someone is told. The copies are recognised by name alone (never opened: a copy is no
workbook of the shop, and may be half-synced), in the forms the services use:

  OneDrive       orders-DESKTOP-AB12CD.xlsx           (the PC's name; -2 … when taken)
  Dropbox        orders (张三's conflicted copy 2026-11-30).xlsx, … (Case Conflict) …
  Nextcloud      orders (conflicted copy 2026-11-30 101112).xlsx; ownCloud orders_conflict-….xlsx
  坚果云         orders-conflict.xlsx, orders-NSConflict.xlsx (with the user's nickname when shared)
  Syncthing      orders.sync-conflict-20261130-101112-ABCDEF7.xlsx
  WPS 云         orders-副本.xlsx
  Synology Drive orders_KEFU-PC_Nov-30-1011-2026_Conflict.xlsx (…CaseConflict_1 …)
  Chinese clients (坚果云, 360, Dropbox 中文 …)  orders(冲突).xlsx, orders (冲突副本 …).xlsx
  numbered       orders (1).xlsx, orders(2).xlsx: 百度网盘, WPS 云文档 and Google Drive keep the other
                 version under the next free number (as a second download or upload of it is named)
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .issues import Issue

# after the workbook's stem, case aside: a conflict said in words (every service but OneDrive and WPS)
_SAID = re.compile(r"conflict|冲突", re.IGNORECASE)
# OneDrive: "-" and the PC's name as Windows gives it (upper case, at most 15 characters, a letter in
# it), then -2 … when taken; the name has a digit or a hyphen (DESKTOP-AB12CD, KEFU01), which a
# person's own orders-OLD, -BAK or -NEW has not, and is no label of a period or version (_LABEL)
_PC_NAME = re.compile(r"-((?=[A-Z0-9-]*[A-Z])[A-Z0-9][A-Z0-9-]{0,14}?)(?:-\d{1,3})?")
_WHOLE_NAME = re.compile(r"(?=[A-Z0-9-]*[A-Z])[A-Z0-9][A-Z0-9-]{0,14}")  # the tail as a PC's name, its -1 too
# what a person puts after a copy kept on purpose: a period, a version, a copy word, with numbers
# (orders-Q4, -2025Q4, -2025-Q4, ledger-FY2025, -W48, -NOV2026, -V2, -BAK2, -OLD-1); no PC's name is
# made of these alone (Windows' own: DESKTOP-…, LAPTOP-…, WIN-…, ZHANGSAN-PC, PC-2019…)
_PART = (r"(?:\d+(?!\d)|Q[1-4]|H[12]|W\d{1,2}|FY\d{2,4}|V\d+|JAN|FEB|MAR|APR|MAY|JUNE?|JULY?|AUG|SEPT?|OCT|NOV|DEC"
         r"|OLD|BAK|BACKUP|NEW|FINAL|COPY|TEST|DRAFT)")
_LABEL = re.compile(rf"{_PART}+(?:-{_PART}+)*")
_WPS = re.compile(r"-副本(?:\s*\(\d+\))?")  # WPS 云: -副本, -副本 (2)
# the next free number, with or without a space, once or again (orders (1) (1).xlsx: a copy of a copy)
_NUMBERED = re.compile(r"(?:\s?\(\d{1,3}\))+")


# a copy a person made (Windows Explorer: "orders - 副本.xlsx", "orders - Copy (2).xlsx"; the Mac's Finder:
# "orders 副本.xlsx", "orders copy 2.xlsx"): no conflict, and often a backup kept on purpose, so never
# warned about beside the workbook; but where the workbook is gone it is plainly what was meant
_COPIED = re.compile(r"(?:(?:\s*-\s*|\s+)(?:副本|拷贝|复制|copy)(?:\s*\(\d{1,3}\)|\s\d{1,3})?)+", re.IGNORECASE)


def copied_from(name: str, workbooks: list[str]) -> str | None:
    """The workbook (of `workbooks`) a person's copy called `name` was made from, or None."""
    if name.startswith(("~$", ".")):
        return None
    for wb in workbooks:
        stem, ext = os.path.splitext(wb)
        if len(name) > len(wb) and name.casefold().startswith(stem.casefold()) and \
                name.casefold().endswith(ext.casefold()) and _COPIED.fullmatch(name[len(stem):len(name) - len(ext)]):
            return wb
    return None


def _pc_name(tail: str) -> bool:
    m = _PC_NAME.fullmatch(tail)
    if m is None:
        return False
    # a trailing -1 is OneDrive's number or the PC's own: KEFU-1, CANGKU-2, the shop's PCs numbered
    names = (m.group(1), tail[1:]) if _WHOLE_NAME.fullmatch(tail, 1) else (m.group(1),)
    return any((any(ch.isdigit() for ch in name) or "-" in name) and not _LABEL.fullmatch(name) for name in names)


def copy_of(name: str, workbooks: list[str], by_pc_name: bool = True) -> str | None:
    """The workbook (of `workbooks`) whose sync copy a file called `name` is, or None. Without
    `by_pc_name`, not one known by a PC's name after the stem alone (OneDrive's orders-DESKTOP-AB12CD.xlsx),
    which is also how people name a copy they keep (ledger-FY2025.xlsx)."""
    found = _copy_of(name, workbooks, by_pc_name)
    return found[0] if found else None


def left_for(name: str, gone: str) -> bool:
    """Whether the file `name` is a copy of `gone` a sync service (orders (1).xlsx) or a person (orders - 副本.xlsx)
    left: where `gone` (a workbook, shopbook.toml) is missing, plainly what was meant. Not one known by a PC's
    name alone (copy_of's by_pc_name)."""
    return bool(copy_of(name, [gone], by_pc_name=False) or copied_from(name, [gone]))


def _copy_of(name: str, workbooks: list[str], by_pc_name: bool = True) -> tuple[str, bool] | None:
    """(the workbook, whether the copy only carries a number: it may be a second download too)."""
    if name.startswith(("~$", ".")):  # Excel's owner files, LibreOffice's locks, our temps
        return None
    folded = name.casefold()
    for wb in workbooks:
        stem, ext = os.path.splitext(wb)
        if folded == wb.casefold() or not (folded.startswith(stem.casefold()) and folded.endswith(ext.casefold())):
            continue
        tail = name[len(stem):len(name) - len(ext)]
        if _SAID.search(tail) or (by_pc_name and _pc_name(tail)) or _WPS.fullmatch(tail):
            return wb, False
        if _NUMBERED.fullmatch(tail):
            return wb, True
    return None


@dataclass(frozen=True)
class SyncCopy:
    path: Path
    workbook: str  # the file name of the workbook it is a copy of
    changed: dt.datetime  # when it was last saved
    numbered: bool = False  # orders (1).xlsx: a sync's copy, or the same file downloaded again


def sync_copies(folder: Path, workbooks: list[str]) -> list[SyncCopy]:
    """The sync copies of `workbooks` in `folder`, oldest first (a listing only: none is opened)."""
    out = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for e in entries:
        found = _copy_of(e.name, workbooks)
        if found is None:
            continue
        try:
            if not e.is_file():
                continue
            changed = dt.datetime.fromtimestamp(e.stat().st_mtime)
        except OSError:  # gone meanwhile (the sync client took it back)
            continue
        wb, numbered = found
        out.append(SyncCopy(Path(e.path), wb, changed, numbered))
    return sorted(out, key=lambda c: (c.changed, c.path.name))


def shop_copies(folder: Path) -> list[SyncCopy]:
    """The sync copies in a shop folder: of its workbooks, and of shopbook.toml (the owner's
    settings changed on two PCs: the e-mail list or a threshold typed into the copy never counts)."""
    from .config import CONFIG_NAME
    from .schema import WORKBOOKS

    return sync_copies(folder, [w.filename for w in WORKBOOKS] + [CONFIG_NAME])


def copy_words(c: SyncCopy) -> tuple[str, str]:
    """What the copy is and what a person does with it, in both languages."""
    from .io.files import shop_time_said

    when = shop_time_said(c.changed.timestamp())  # (in the shop's time, as doctor's other times and the backups')
    if c.numbered:  # the number alone does not prove a conflict: said as what it may be
        return (f"{c.path.name} 是 {c.workbook} 的另一份（最后保存于 {when}）：百度网盘、WPS 云文档、Google Drive 等在两台电脑"
                f"都改了 {c.workbook} 时，或同名文件再次上传、下载时，会这样加上编号另存。shopbook 只读 {c.workbook}，不读这一份："
                f"在这一份里做的修改不会算数。请打开这两个文件比较，把这一份里需要的修改录入 {c.workbook}，然后删除这一份"
                f"（或把它移出店铺文件夹）。",
                f"{c.path.name} is a second copy of {c.workbook} (last saved {when}): Baidu Netdisk, WPS cloud documents, "
                f"Google Drive and others number a copy like this when two PCs changed {c.workbook}, or when a file of that name is "
                f"uploaded or downloaded again. shopbook reads {c.workbook} only, never this copy: changes made in it do not "
                f"count. Open the two and compare them, enter what is needed from the copy in {c.workbook}, then delete the "
                f"copy (or move it out of the shop folder).")
    return (f"{c.path.name} 是同步盘（OneDrive、Dropbox、坚果云、WPS 云等）在两台电脑同时修改 {c.workbook} 时留下的副本"
            f"（最后保存于 {when}）。shopbook 只读 {c.workbook}，不读这个副本：在副本里做的修改不会算数。请打开这两个文件比较，"
            f"把副本里需要的修改录入 {c.workbook}，然后删除这个副本（或把它移出店铺文件夹）。",
            f"{c.path.name} is a copy a sync service (OneDrive, Dropbox, Nutstore, WPS cloud …) left when two PCs changed "
            f"{c.workbook} at once (last saved {when}). shopbook reads {c.workbook} only, never this copy: changes made "
            f"in the copy do not count. Open the two and compare them, enter what is needed from the copy in "
            f"{c.workbook}, then delete the copy (or move it out of the shop folder).")


def copy_issues(copies: list[SyncCopy]) -> list[Issue]:
    """One warning per sync copy, located on the copy."""
    return [Issue("warning", *copy_words(c), book=c.path.name) for c in copies]
