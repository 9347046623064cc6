"""Is this file a workbook we may read, and may we write it? Atomic writes with backups.

Every refusal is one `ShopbookError` with a plain bilingual message; nothing is
written before all checks pass, and a rewrite goes through a temp file that
replaces the original only once it is complete.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..issues import ShopbookError
from . import limits

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
BACKUP_DIR = ".shopbook-backup"
BACKUPS_KEPT = 20

# the shop's time, in which backups are named and the times of its files said: the same on every PC of a shared
# folder whatever zone each keeps (a till set to UTC by mistake, its clock set by hand to the right hour, named its
# backups 8 hours behind the office's, and the advice named the office's older one "the newest"). Its [shop]
# timezone (shop.keep_shop_time sets it), else China time, the shop's (Taobao's) day: UTC+8, no summer time
CHINA_TIME = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")
shop_zone: dt.tzinfo | None = None


def shop_clock(ts: float) -> dt.datetime:
    """The moment `ts` (seconds since the epoch) in the shop's time (shop_zone), as every PC of the shop says it."""
    return dt.datetime.fromtimestamp(ts, shop_zone or CHINA_TIME)


def shop_time_said(ts: float) -> str:
    """The moment `ts` as a person reads it (2026-12-06 19:10), in the shop's time as the backups' names, with its
    offset (UTC+08:00) where this PC's own clock says another hour: a PC elsewhere, or whose zone is set wrong."""
    t = shop_clock(ts)
    said, off = t.strftime("%Y-%m-%d %H:%M"), t.utcoffset()
    if off != dt.datetime.fromtimestamp(ts).astimezone().utcoffset():
        minutes = int(off.total_seconds()) // 60
        said += f" (UTC{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d})"
    return said


# what a workbook saved the other way is called: Excel 97-2003, a macro workbook, WPS, LibreOffice, a CSV
_STAND_IN_SUFFIXES = (".xlsx", ".xls", ".xlsm", ".xlsb", ".et", ".ods", ".csv")


def _shop_workbook(name: str) -> bool:
    from ..schema import WORKBOOKS  # (the schema imports io: not at this module's top)

    return name in {w.filename for w in WORKBOOKS}


def stand_in(path: Path) -> Path | None:
    """Beside a missing workbook, the file that is plainly meant to be it (orders.xls, Orders.xlsx,
    orders.csv): named so that a person is told, not given an empty workbook beside theirs. Where
    `path` is no shop workbook and the file beside is one, that is what was meant only where `path`
    is named as a workbook too (`validate orders.xls`, mistyped): the shop's kpi.xlsx is no stand-in
    for a kpi.csv given to import."""
    path = Path(path)
    try:
        names = sorted(os.listdir(path.parent))
    except OSError:
        return None
    stem = path.stem.casefold()
    for name in names:
        p = Path(name)
        if name != path.name and p.stem.casefold() == stem and p.suffix.casefold() in _STAND_IN_SUFFIXES:
            if _shop_workbook(name) and not _shop_workbook(path.name) and \
                    path.suffix.casefold() not in (".xlsx", ".xlsm", ".xls"):
                return None
            return path.parent / name
    if _shop_workbook(path.name):  # a sync service left only its copy (orders (1).xlsx), or a person's
        from ..sync_copies import left_for  # (orders - 副本.xlsx): the newest of them

        copies = [path.parent / n for n in names if left_for(n, path.name)]
        if copies:
            return max(copies, key=lambda c: (version(c) or (0, 0))[1])  # (its time: version's second)
    return None


def stand_in_words(path: Path, other: Path) -> tuple[str, str]:
    """What to do with `other`, found where `path` should be; where `other` is the shop's own
    workbook and `path` is not (`validate orders.xls`, mistyped), the name asked for is the slip."""
    if _shop_workbook(other.name) and not _shop_workbook(path.name):
        return (f"没有 {path.name}。是不是 {other.name}？", f"There is no {path.name}. Did you mean {other.name}?")
    from ..sync_copies import copy_of

    if copy_of(other.name, [path.name], by_pc_name=False):  # the workbook gone, a sync service's copy of it left
        return (f"没有 {path.name}，但有 {other.name}（同步盘留下的副本）：如果它是最新的版本，请把它改名为 {path.name}。"
                f"shopbook 不会把副本当作 {path.name} 读。",
                f"There is no {path.name}, but there is {other.name} (a copy a sync service left): if it is the "
                f"latest version, rename it {path.name}. shopbook does not read a copy as {path.name}.")
    from ..sync_copies import copied_from

    if copied_from(other.name, [path.name]):  # the workbook gone, a copy a person made of it left
        return (f"没有 {path.name}，但有 {other.name}（它的一份复制）：如果它是最新的版本，请把它改名为 {path.name}。"
                f"shopbook 不会把复制的文件当作 {path.name} 读。",
                f"There is no {path.name}, but there is {other.name} (a copy of it): if it is the latest version, "
                f"rename it {path.name}. shopbook does not read a copy as {path.name}.")
    if other.suffix.casefold() == path.suffix.casefold():  # Orders.xlsx: only the letters' case differs
        return (f"没有 {path.name}，但有 {other.name}（只是字母大小写不同）：请把它改名为 {path.name}。",
                f"There is no {path.name}, but there is {other.name} (only the letters' case differs): "
                f"rename it {path.name}.")
    app = "WPS" if other.suffix.casefold() == ".et" else "Excel"  # (Excel cannot open WPS's own .et)
    # (a workbook of macros: saved as .xlsx it keeps its sheets and loses its macros, which the person should know)
    macros = other.suffix.casefold() in (".xlsm", ".xlsb")
    return (f"没有 {path.name}，但有 {other.name}：shopbook 只读 .xlsx。请在 {app} 里打开 {other.name}，"
            f"“另存为” Excel 工作簿 (.xlsx)，文件名 {path.name}。"
            + (f"另存的 .xlsx 里没有它的宏：{other.name} 也留着。" if macros else ""),
            f"There is no {path.name}, but there is {other.name}: shopbook reads .xlsx only. Open {other.name} "
            f"in {app} and save it as an Excel Workbook (.xlsx) named {path.name}."
            + (f" The .xlsx keeps none of its macros: keep {other.name} too." if macros else ""))


def check_workbook(path: Path) -> None:
    """Raise ShopbookError unless `path` is a readable .xlsx/.xlsm/.xlam; one that does not read
    because another program is still saving it is told apart from a damaged one (BeingSaved).
    A version that passed is not checked again by this process (a job checks orders.xlsx as it
    reads it and before each write: the testzip unpacks every part, 0.01 s of the morning's)."""
    path = Path(path)
    try:
        st = os.stat(path)
        seen = (str(path.resolve()), st.st_size, st.st_mtime_ns, st.st_ino)  # (a replaced file: another inode)
    except (OSError, ValueError):
        seen = None
    if seen is not None and seen in _passed:
        return
    with told_apart(path, version(path)):
        _check_workbook(path)
    if seen is not None:
        _passed.add(seen)


_passed: set[tuple] = set()  # check_workbook's: (path, size, time, inode) of each version that passed


def _check_workbook(path: Path) -> None:
    if not path.exists():
        limits.check_regular(path)  # "not found", or the orders.xls meant to be it
    if path.is_dir():
        raise ShopbookError("这是一个文件夹，不是工作簿。", "This is a folder, not a workbook.", path)
    limits.check_regular(path)  # a FIFO or a device: refused before open() waits on it
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except PermissionError:
        if os.name != "nt":  # no program locks a file against reading here: its permissions do
            raise ShopbookError(*no_access_words(path), path) from None
        raise ShopbookError(
            "文件无法读取：可能正被 Excel 独占打开，或没有权限。请关闭后重试。",
            "Cannot read the file: it may be open in Excel or you lack permission. Close it and try again.",
            path,
        ) from None
    if not head:
        zh, en = restore_words(path)
        raise limits.Damaged(f"文件是空的（0 字节）。若它还开在 Excel 或 WPS 里，在那里再保存一次即可；否则，{zh}",
                             f"The file is empty (0 bytes). If it is still open in Excel or WPS, save it there again; "
                             f"otherwise: {en}", path)
    if not head.strip(b"\0"):  # room a copy or a sync client set aside, not written yet (or never: a crash)
        zh, en = restore_words(path)
        raise limits.Damaged(f"文件里只有空字节（{path.stat().st_size} 字节，没有内容）：复制或保存没有完成。若它还在复制或保存，"
                             f"等它完成再运行；否则，{zh}",
                             f"The file holds nothing but zero bytes ({path.stat().st_size} bytes, no content): a copy "
                             f"or save did not finish. If it is still being copied or saved, run again once it is done; "
                             f"otherwise: {en}", path)
    if head == OLE_MAGIC:
        if _is_encrypted(path):
            raise ShopbookError(
                "工作簿设置了打开密码，shopbook 无法读取。请在 Excel 中去掉密码（文件 › 信息 › 保护工作簿）后再试。",
                "The workbook is password-protected. Remove the password in Excel "
                "(File › Info › Protect Workbook) and try again.",
                path,
            )
        if path.suffix.lower() == ".et":  # WPS's own format (Excel cannot open it)
            raise _other_program(path, ".et", "WPS 表格（.et）", "a WPS spreadsheet (.et)", "WPS", "WPS")
        if path.suffix.lower() == ".xls":  # called what it is, not "an .xls with an .xlsx name"
            raise ShopbookError("这是旧版 Excel 97-2003 工作簿（.xls），shopbook 只读 .xlsx。请在 Excel 中打开它，"
                                "“另存为” Excel 工作簿 (.xlsx)。",
                                "This is an old Excel 97-2003 workbook (.xls); shopbook reads .xlsx. Open it in Excel "
                                "and save it as an Excel Workbook (.xlsx).", path)
        raise ShopbookError(
            "这是旧版 Excel 97-2003 (.xls) 文件，只是改了扩展名。请在 Excel 中“另存为 .xlsx”。",
            "This is an old Excel 97-2003 (.xls) file with an .xlsx name. Save it as .xlsx in Excel.",
            path,
        )
    if head[:4] != ZIP_MAGIC:
        kind, kind_en = _text_kind(path)
        raise ShopbookError(
            f"这不是 Excel 工作簿（看起来是{kind}，只是扩展名为 .xlsx）。请用 Excel 打开后另存为 .xlsx。",
            f"This is not an Excel workbook (it looks like {kind_en} renamed to .xlsx). "
            "Open it in Excel and save it as .xlsx.",
            path,
        )
    check_package_of(path, path, path.stat().st_size)


def check_package_of(source, path: Path, size: int) -> None:
    """The checks of a workbook's package (`source`: its file, or its bytes when they are not
    the file's: an export decrypted in memory), any failure named after `path`."""
    try:
        with zipfile.ZipFile(source) as z:
            names = set(z.namelist())
            limits.check_package(z, path)  # sizes, methods, encryption, [Content_Types].xml, no DTD
            bad = limits.testzip(z, path) if size < 5_000_000 else None
    except zipfile.BadZipFile:
        zh, en = restore_words(path)
        raise limits.Damaged(f"工作簿已损坏（压缩包无法打开）。{zh}",
                             f"The workbook is corrupt (the zip cannot be opened). {en}", path) from None
    if "xl/workbook.xml" not in names:
        for part, *said in _OTHER_SPREADSHEETS:  # a spreadsheet in another program's format
            if part in names:
                raise _other_program(path, *said)
        if held := [n for n in sorted(names) if n.lower().endswith(_HELD_FILES)]:  # a platform's zipped download
            zh, en = "、".join(held[:3]) + (f" 等 {len(held)} 个" if len(held) > 3 else ""), ", ".join(held[:3]) + (
                f" and {len(held) - 3} more" if len(held) > 3 else "")
            raise ShopbookError(f"这是压缩包（里面有 {zh}），不是 Excel 工作簿：请先解压，再把解压出来的文件给 shopbook。",
                                f"This is a zip file (holding {en}), not an Excel workbook: unzip it first, then give "
                                "shopbook the files it holds.", path)
        raise ShopbookError("这是压缩包，但不是 Excel 工作簿（缺少 xl/workbook.xml）。",
                            "This is a zip file but not an Excel workbook (no xl/workbook.xml).", path)
    if bad:
        zh, en = restore_words(path)
        raise limits.Damaged(f"工作簿已损坏（{bad} 校验失败）。{zh}", f"The workbook is corrupt ({bad} fails its checksum). {en}",
                             path)


# --- caught mid-save, or damaged: what to do differs ----------------------------------------------

# a workbook cut short (no end-of-central-directory record, which a zip writer puts last) that was
# written this recently may still be being written: a sync client can stall that long between pieces
SAVING_SECONDS = 30.0
# and one cut short that changes while it is watched this long is being written, whatever the clocks
# of this machine and of the file server say about its time
WATCH_SECONDS = 1.0


# seconds waited, in turn, for a workbook being saved, before a read says so (SHOPBOOK_SAVE_WAITS,
# comma-separated, overrides them): a save takes Excel a second or two, a sync client a few more
SAVE_WAITS = (2.0, 4.0)
on_save_wait: Callable[[Path, float], None] | None = None  # the command line's: one line on stderr


def save_waits() -> tuple[float, ...]:
    try:
        return tuple(float(x) for x in os.environ["SHOPBOOK_SAVE_WAITS"].split(",") if x.strip())
    except (KeyError, ValueError):
        return SAVE_WAITS


def after_saves(fn, *args, **kwargs):
    """`fn(*args, **kwargs)`, run again after a wait while a file it reads is being saved by another
    program (BeingSaved), SAVE_WAITS in turn; then BeingSaved. A read changes nothing, so it can
    always be made again: the person who just pressed Ctrl+S, or the scheduled job that met a sync
    client's write, gets the result instead of a stop. A save this process waited out already, the
    file as it was then, stops at once: the daily job's next steps do not wait (and say so) again."""
    waits = save_waits()
    # each file's version when it was first found being saved, and the wait it was found before
    first: dict[str, tuple[tuple[int, int] | None, int]] = {}
    for k_wait, wait in enumerate((*waits, None)):
        seen = set(_seen)
        try:
            return fn(*args, **kwargs)
        except BeingSaved as e:
            if (k := os.path.realpath(e.path)) not in seen:  # the half-saved version was not read: the
                _seen.pop(k, None)  # one read next is what the edits are made against (remember_read)
            now = version(e.path)
            was, since = first.setdefault(k, (now, k_wait))
            if (k, now) in _waited_out:
                raise (NotWritten(e.path, _waited_out[k, now]) if _waited_out[k, now] else e) from None
            if wait is None:
                # not changed once in the waits since it was first found so (a download or copy cut off as
                # likely as a save: said both); found so only now, after the last wait, it is a save begun
                still = sum(waits[since:]) if was == now and now is not None else 0.0
                _waited_out[k, now] = still
                raise (NotWritten(e.path, still) if still else e) from None
            if on_save_wait is not None:
                on_save_wait(Path(e.path), wait)
            time.sleep(wait)


# after_saves': (file, version) whose waits ran out → the seconds it did not change in them (0: it changed)
_waited_out: dict[tuple[str, tuple[int, int] | None], float] = {}


class BeingSaved(ShopbookError):
    """A workbook another program (Excel, WPS, a sync client, a script) is still writing: nothing
    is wrong with it, and restoring a backup over it would lose what is being saved."""

    def __init__(self, path: Path):
        super().__init__(
            "这个工作簿正在被其他程序保存（Excel、WPS、同步盘或脚本），还没有写完：shopbook 没有读它，也没有改动它。"
            "请等它保存完，再运行一次。",
            "This workbook is being saved by another program (Excel, WPS, a sync client or a script) and is not "
            "complete yet: shopbook has neither read nor changed it. Wait until it is saved and run again.", path)


class NotWritten(BeingSaved):
    """A workbook cut short (no zip end) that did not change in all the waits for its save: still being written
    by a program that stalls (a sync client), or a download or copy (of the shop's own workbook: a save) cut off
    for good. Both are said, the wait first; what to do in the second case after it (restore_words: an export
    downloaded again, the shop's workbook put back from its newest backup, named), never a backup put back over
    a save still to come (as BeingSaved)."""

    def __init__(self, path: Path, seconds: float):
        # what to do if nothing is writing it: an export is downloaded again; the shop's own workbook, which
        # no platform gives again, is put back from its newest backup (named), what was typed after it lost
        zh_do, en_do = restore_words(Path(path))
        if (Path(path).parent / "shopbook.toml").exists() and _shop_workbook(Path(path).name.lower()):
            zh_why, en_why = ("它的保存中断了（程序或电脑在保存时关闭、共享断开），或已经损坏",
                              "its save was cut off (the program or PC closed as it saved, the share dropped), or the "
                              "file is damaged")
        else:
            zh_why, en_why = "它就是下载或复制中断了，或已经损坏", "a download or copy was cut off, or the file is damaged"
        ShopbookError.__init__(
            self,
            f"这个工作簿不完整（文件没有结尾），等了 {seconds:g} 秒也没有变化：shopbook 没有读它，也没有改动它。"
            f"如果有程序（Excel、WPS、同步盘、浏览器下载）还在写它，请等它写完再运行一次；如果没有，{zh_why}：{zh_do}",
            f"This workbook is incomplete (the file has no end) and did not change in {seconds:g} seconds of waiting: "
            "shopbook has neither read nor changed it. If a program (Excel, WPS, a sync client, a browser download) "
            f"is still writing it, wait until it is done and run again; if not, {en_why}. {en_do}", path)


def version(path) -> tuple[int, int] | None:
    """(size, mtime) of `path` now; None when it is not there."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def cut_short(path) -> bool:
    """Whether a zip file ends before its end-of-central-directory record: empty, or cut off."""
    try:
        with open(path, "rb") as f:
            size = f.seek(0, os.SEEK_END)
            f.seek(max(0, size - 22 - 65_535))  # the record (22 bytes) and the longest comment after it
            tail = f.read()
    except OSError:
        return False
    at = tail.rfind(b"PK\x05\x06")
    return at < 0 or len(tail) - at < 22


def being_saved(path, before: tuple[int, int] | None, cut: bool | None = None) -> bool:
    """Whether a workbook that did not read is one another program is still writing, as well as
    can be told: it changed while it was read (`before`: its version as the read began), or it is
    cut short (`cut`: as the reader found it; else no zip end record) and was written just now or
    changes while watched."""
    now = version(path)
    if now != before:
        return True
    if now is None or not (cut_short(path) if cut is None else cut):
        return False
    if abs(time.time() - now[1] / 1e9) < SAVING_SECONDS:
        return True
    return _changes_while_watched(path, now)


def still_growing(path, before: tuple[int, int] | None) -> bool:
    """Whether a text file that read whole (a CSV export: nothing in it says where it ends) is
    still being copied in: it changed while it was read, or, written just now, changes while
    watched. A copy cut at a line's end reads as a shorter export; taken so, the rest never comes in."""
    now = version(path)
    if now != before:
        return True
    if now is None or abs(time.time() - now[1] / 1e9) >= SAVING_SECONDS:
        return False
    return _changes_while_watched(path, now)


def _changes_while_watched(path, now: tuple[int, int]) -> bool:
    key = (os.path.realpath(path), now)
    if key in _STILL:  # watched already in this run: a command reads a damaged file more than once
        return False
    time.sleep(WATCH_SECONDS)
    if version(path) != now:
        return True
    _STILL.add(key)
    return False


_STILL: set[tuple[str, tuple[int, int]]] = set()  # (file, version) watched and found not changing


@contextmanager
def told_apart(path, before: tuple[int, int] | None):
    """Within it, a workbook that does not read (limits.Damaged) is told apart: one another
    program is still saving raises BeingSaved, whose advice never costs that save."""
    try:
        yield
    except (limits.Damaged, zipfile.BadZipFile):  # (the second: a zip opened without the checks' words)
        if being_saved(path, before):
            raise BeingSaved(Path(path)) from None
        raise


def _backups_of(path: Path, folder: Path | None = None) -> list[Path]:
    """The versions of `path` that backup() kept in .shopbook-backup/ beside it, oldest first: by when each was
    made, not by its name as a string. Names are in the shop's time since shopbook 55; an older shopbook named
    them in the PC's own zone, and a PC ahead of China (Japan, Australia, a zone set wrong) that upgraded had its
    old backups named hours after the new ones: the advice for a damaged workbook named an old one "the newest",
    and the next backups pushed out the new ones made meanwhile, not the oldest."""
    path = Path(path)
    folder = folder or path.parent / BACKUP_DIR
    named = re.compile(re.escape(path.stem) + r"\.(\d{8}-\d{6}-\d{6})(?:" + re.escape(OWN_MARK) + ")?"
                       + re.escape(path.suffix) + "$")
    try:
        found = [(p, m.group(1)) for p in folder.iterdir() if (m := named.match(p.name))]
    except OSError:
        return []
    return [p for _, p in sorted((_made_at(p, stamp), p) for p, stamp in found)]


def _made_at(p: Path, stamp: str) -> float:
    """When the backup `p` named `stamp` was made (seconds since the epoch): its name read in the shop's time; or,
    for a name an older shopbook gave it in the zone of a PC ahead of the shop's, the same stamp less that zone's
    difference, which the backup's own made time (st_ctime, the share's clock its name was read from) shows as
    whole quarter hours its name is ahead of it. Never a name behind its made time: a backup folder copied (to a
    new PC, back from a backup drive) has every made time the copy's, after every name, and each is read by its
    name (a name ahead of its made time is no copy's)."""
    try:
        local = dt.datetime.strptime(stamp, "%Y%m%d-%H%M%S-%f").replace(tzinfo=shop_zone or CHINA_TIME)
        named = local.timestamp()
    except ValueError:
        return 0.0
    try:
        st = os.stat(p)
    except OSError:
        return named
    made = getattr(st, "st_birthtime", None)  # (Windows on Python 3.12+, macOS: when it was made, whatever else)
    if made is None:
        # a ctime no other than the mtime is no made time: exFAT (Linux) and a Samba share without birth times give
        # the mtime, which copy2 set to the workbook's last save, any time before the backup (an hourly cron's
        # backup read an hour early, before the one made an hour before it: the restore advice named that one)
        # (the very same time: copy2 sets the mtime, and the ctime then is now, later by some nanoseconds at least)
        if st.st_ctime == st.st_mtime:
            return named
        made = st.st_ctime
    off = named - made
    zones = round(off / 900) * 900
    # (no PC is further ahead of the shop than UTC+14 is: a name further ahead than that is no zone's)
    widest = 14 * 3600 - (local.utcoffset() or dt.timedelta()).total_seconds()
    if off > 120 and abs(off - zones) <= 120 and zones <= widest:
        return named - zones
    return named


def newest_backup(path: Path) -> Path | None:
    """The newest version of `path` that backup() kept in .shopbook-backup/ beside it."""
    kept = _backups_of(path)
    return kept[-1] if kept else None


def restore_words(path: Path) -> tuple[str, str]:
    """What to do with a damaged file: the newest backup to put in its place and the time of that
    version, since whatever was changed after it is lost by restoring it."""
    from ..schema import WORKBOOKS

    path = Path(path)
    kept = newest_backup(path)
    try:
        when = shop_time_said(kept.stat().st_mtime) if kept else ""
    except OSError:
        kept = None
    if kept is not None:
        zh_job, en_job = _rerun_words(path)
        return (f"请用最新的备份替换它：{kept}（{when} 的版本），复制过来并改名为 {path.name}。"
                f"{when} 之后对它做的修改会丢失，需要重新录入；{zh_job}",
                f"Replace it with the newest backup: {kept} (the version of {when}), copied here and renamed "
                f"{path.name}. Whatever was changed in it after {when} is lost and must be entered again; {en_job}")
    if path.name.lower() in {w.filename for w in WORKBOOKS} and (path.parent / "shopbook.toml").exists():
        return (f"shopbook 没有它的备份（{BACKUP_DIR} 里没有）：请从你们自己的备份恢复。那个备份之后对它做的修改会丢失，"
                "需要重新录入。",
                f"shopbook has no backup of it (none in {BACKUP_DIR}): restore it from a backup of your own. Whatever "
                "was changed in it after that backup is lost and must be entered again.")
    return ("请重新下载或导出它；若它是你们自己保存的文件，请从备份恢复（那个备份之后做的修改会丢失）。",
            "Download or export it again; if it is a file you saved yourselves, restore it from a backup (whatever "
            "was changed after that backup is lost).")


def _rerun_words(path: Path) -> tuple[str, str]:
    """After a damaged workbook is put back from a backup: what shopbook wrote into it since is lost too, so the
    job that last wrote it is run again, named (with when) where its note_own_version record says."""
    record = _own_record(path)
    try:
        with open(_job_record(path), encoding="utf-8") as f:
            job = json.loads(f.read(65_536))
        # (the job of this very version only: one an older shopbook wrote since has left the hash and not this)
        said = job.get("command") or "" if job.get("sha256") == record.read_text(encoding="ascii").strip() else ""
        at = shop_time_said(os.stat(record).st_mtime)
    except (OSError, ValueError, AttributeError, UnicodeDecodeError):
        said = ""
    if said:
        zh_more, en_more = _rerun_more(path, job, at)
        return (f"shopbook 最后一次写入它的任务（{said}，{at}）写入的内容也不在备份里：替换之后，{zh_more}请再运行一次这个任务。",
                f"what the last shopbook job that wrote it ({said}, {at}) wrote is not in the backup either: once "
                f"it is replaced, {en_more}run that job again.")
    return ("shopbook 在那之后写入它的内容（导入的订单、审单、拣货等）也不在备份里：替换之后，请再运行一次那之后运行过的 "
            "shopbook 任务。",
            "what shopbook wrote into it since (orders imported, reviewed, picked …) is not in the backup either: "
            "once it is replaced, run again the shopbook jobs run since.")


def _rerun_more(path: Path, job: dict, at: str) -> tuple[str, str]:
    """What else the advice to run the job again needs (zh, en, each ending where "run it again" follows): the
    files `daily` imported from inbox/ it moved to inbox/done/DAY/ (run again without them, it imported nothing,
    and the restored workbook went without that day's orders without a word), and the other workbooks the same
    run wrote and nobody changed since (to keep, not to restore as well: its run again finds its work there)."""
    from ..schema import WORKBOOKS

    zh = en = ""
    words = [w for w in str(job.get("command") or "").split()[1:] if not w.startswith("-")]
    done = path.parent / "inbox" / "done" / at[:10].replace("-", "")
    daily = str(job.get("run") or "").split()[:1] == ["daily"] or words[:1] == ["daily"]  # (a button's: its run)
    ran = _moved_by(path.parent, job.get("job") or "") if daily else []
    if ran:  # the folder and files that very run moved (its day's folder is the day it started, not the record's)
        done = ran[0].parent
        moved = sorted(p.name for p in ran if p.parent == done)
    elif ran is not None or job.get("moves"):  # (a run that moved nothing: another run's files there are not its)
        moved = []
    else:  # (a run of an older shopbook, which noted none: the files in the folder of its record's day)
        try:
            moved = sorted(p.name for p in done.iterdir() if p.is_file())
        except OSError:
            moved = []
    if moved:
        shown = "、".join(moved[:5]), ", ".join(moved[:5])
        more = (f" 等 {len(moved)} 个文件", f" and {len(moved) - 5} more") if len(moved) > 5 else ("", "")
        zh += (f"先把它从 inbox/ 导入后移到 {done} 的文件（{shown[0]}{more[0]}）移回 {path.parent / 'inbox'}（重复导入"
               "同一个文件不会重复计算），")
        en += (f"first move the files it imported from inbox/ and moved to {done} ({shown[1]}{more[1]}) back into "
               f"{path.parent / 'inbox'} (a file imported again is not counted twice), then ")
    token = job.get("job") or ""
    also = []
    for w in WORKBOOKS:
        other = path.parent / w.filename
        if token and other.name != path.name:
            try:
                with open(_job_record(other), encoding="utf-8") as f:
                    theirs = json.loads(f.read(65_536))
                if theirs.get("job") == token and theirs.get("sha256") == _own_record(other).read_text(
                        encoding="ascii").strip() == file_hash(other):
                    also.append(other.name)
            except (OSError, ValueError, AttributeError, UnicodeDecodeError):
                continue
    if also:
        it = ("它", "it", "it is") if len(also) == 1 else ("它们", "them", "they are")
        zh += f"同一次运行还写入了 {'、'.join(also)}，之后没有改动过：保留{it[0]}，不要一起替换；"
        en += (f"keep {' and '.join(also)} as {it[2]} (the same run wrote {it[1]}, unchanged since: not to be "
               "replaced too); ")
    return zh, en


def _is_encrypted(path: Path) -> bool:
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            return ole.exists("EncryptedPackage") or ole.exists("EncryptionInfo")
    except (OSError, ValueError):  # (olefile's ValueError: a header of zeros after the signature)
        return False


# zips that are spreadsheets of other programs, by a part only each holds: (part, what it is, the program to save it in)
# what a zipped download holds (a platform's export, a bill): said, with "unzip it", where a zip is given as a workbook
_HELD_FILES = (".csv", ".xls", ".xlsx", ".txt")
_OTHER_SPREADSHEETS = (
    ("xl/workbook.bin", ".xlsb", "Excel 二进制工作簿（.xlsb）", "an Excel Binary Workbook (.xlsb)", "Excel", "Excel"),
    ("content.xml", ".ods", "ODS 表格（LibreOffice、WPS 的格式）", "an ODS spreadsheet (LibreOffice's and WPS's format)",
     "LibreOffice 或 WPS", "LibreOffice or WPS"),
    ("Index/Document.iwa", ".numbers", "Numbers 表格", "a Numbers spreadsheet", "Numbers", "Numbers"),
)


def _other_program(path: Path, suffix: str, zh: str, en: str, app: str, app_en: str) -> ShopbookError:
    """A spreadsheet in another program's format (`suffix` its own; `zh`, `en`: what it is, `app`:
    where to save it as .xlsx): said as renamed only where its name says otherwise."""
    renamed = path.suffix.lower() != suffix
    return ShopbookError(
        f"这是 {zh}，" + (f"只是扩展名为 {path.suffix}" if renamed else "shopbook 只读 .xlsx")
        + f"。请在 {app} 中打开它，“另存为” Excel 工作簿 (.xlsx)。",
        f"This is {en}" + (f" with a {path.suffix} name" if renamed else "; shopbook reads .xlsx only")
        + f". Open it in {app_en} and save it as an Excel Workbook (.xlsx).", path)


def _text_kind(path: Path) -> tuple[str, str]:
    """What a file that is no zip looks like (zh, en): the web page (HTML) or Excel 2003 XML that
    platforms and old tools save as "xls", and a person renames, is no "text/CSV" file."""
    with open(path, "rb") as f:
        chunk = f.read(4096)
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):  # (UTF-16 exports: NULs)
        if chunk.startswith(bom):
            chunk = chunk[2:].decode(codec, "replace").encode("utf-8")
    if b"\x00" in chunk:
        return "别的格式的文件", "a file of another kind"
    head = chunk.lower()
    if b"urn:schemas-microsoft-com:office:spreadsheet" in head:
        return "Excel 2003 XML 表格", "an Excel 2003 XML spreadsheet"
    if b"<html" in head or b"<table" in head or b"<!doctype html" in head:
        return "网页（HTML）导出", "a web page (HTML) export"
    return "文本/CSV", "a text/CSV file"


def owner_file(path: Path) -> Path | None:
    """The lock file Excel (~$name), LibreOffice (.~lock.name#) or WPS on a Mac or Linux PC
    (.~name; WPS on Windows writes Excel's) keeps beside an open workbook."""
    path = Path(path)
    # a symlinked workbook: the mark is beside the link when it was opened through it (a share shows the link as
    # the file), beside its target when opened there
    for p in (path, Path(os.path.realpath(path))) if path.is_symlink() else (path,):
        for lock in (p.with_name("~$" + p.name), p.with_name(f".~lock.{p.name}#"), p.with_name(".~" + p.name)):
            if lock.exists():
                return lock
    return None


def lock_owner(path: Path) -> str | None:
    """Who has the workbook open, from the lock files Excel (~$name), LibreOffice
    (.~lock.name#) and WPS (.~name) leave beside it; None when nobody does."""
    lock = owner_file(path)
    if lock is None:
        return None
    try:
        raw = lock.read_bytes()
    except OSError:  # a colleague's, that a share's create mask made theirs alone: theirs by its owner
        return owner_name(lock) if os.name != "nt" else "?"
    if lock.name.startswith(".~lock"):  # "user,name,host,date,..." in UTF-8
        fields = raw.decode("utf-8", "replace").split(",")
        return (fields[1] or fields[0]).strip() if len(fields) > 1 else "?"
    if lock.name == ".~" + Path(path).name:  # WPS's: a name when it is in Excel's form, else at least whose program
        return _office_owner(raw) or "WPS"
    return _office_owner(raw) or "?"


def _beside_names(path: Path):
    n = 2
    while True:
        yield path.with_name(f"{path.stem} ({n}){path.suffix}")
        n += 1


def free_of_readers(path: Path) -> Path:
    """Where to write a file shopbook makes anew each run (a report) that a person may have open:
    `path`, or where its owner file says it is open (Windows refuses to replace it; elsewhere the
    person goes on reading the old one unaware) the first `name (2).xlsx`, `name (3).xlsx` … beside
    it that nobody has open. left_open_words(what was written) then says so."""
    path = Path(path)
    if owner_file(path) is None:
        return path
    other = next(o for o in _beside_names(path) if owner_file(o) is None)
    _left_open[_real(other)] = path
    _told.discard(_real(other))  # (said of an earlier write in this process, the add-in's: this one is to be said too)
    return other


BESIDE_TRIES = 9  # `name (2)` … `name (10)`: a report whose replace fails this often is a folder's problem


def put_beside(tmp: Path, real: Path) -> Path:
    """A report's temp file whose replace of `real` failed (Windows: open in a program that left
    no owner file, or being read by a sync client or a virus scanner) moved to the first
    `name (2).xlsx` … beside it that takes it; the refusal of the last one raised."""
    for i, other in enumerate(_beside_names(Path(real))):
        if owner_file(other) is not None:
            continue
        try:
            os.replace(tmp, other)
        except PermissionError:
            if i >= BESIDE_TRIES:
                raise
            continue
        _left_open[_real(other)] = Path(real)
        _landed[Path(real)] = other
        _told.discard(_real(other))
        return other


_left_open: dict[Path, Path] = {}  # free_of_readers', put_beside's: the file written → the one left open
_landed: dict[Path, Path] = {}  # put_beside's: the report's own name → where this run's went
_told: set[Path] = set()  # the files left_open_words was asked of: said already


def _real(path) -> Path:
    """The key of _left_open and _told: the file as written (a write notes its real path, absolute, where
    free_of_readers is given the shop's path as typed, `shopbook ledger 店铺`: relative)."""
    return Path(os.path.realpath(path))


def landed(path: Path) -> Path:
    """Where a report written to `path` is: beside it when its replace failed in a job's commit."""
    return _landed.get(Path(os.path.realpath(path)), Path(path))


def stands_for(written: Path) -> Path:
    """The file a report free_of_readers or put_beside wrote beside stands for (`written` itself
    otherwise): an e-mail names its attachment so, never by this computer's `name (2).xlsx`."""
    return _left_open.get(_real(written), Path(written))


def left_open_untold(written) -> list[tuple[str, str]]:
    """left_open_words of those of `written` nobody has said it of yet (the CLI, after a command)."""
    return [w for p in written if _real(p) not in _told and (w := left_open_words(p))]


def left_open_words(written: Path) -> tuple[str, str] | None:
    """What to say of a file free_of_readers put beside the one a person has open; None otherwise."""
    other = _left_open.get(_real(written))
    if other is None:
        return None
    _told.add(_real(written))
    who, mark = lock_owner(other), owner_file(other)
    if mark is None:  # put_beside's: no owner file to say whose, just a replace refused
        return (f"无法替换 {other.name}（它可能正被别的程序打开着，或正被同步、杀毒软件读取），没有替换它："
                f"它还是上一次的结果，这次的在 {Path(written).name}。",
                f"{other.name} could not be replaced (it may be open in another program, or being read by a sync "
                f"client or a virus scanner) and was left as it was: it is the last run's result; this run's is "
                f"in {Path(written).name}.")
    zh, en = (f"（{who}）", f" ({who})") if who and who != "?" else ("", "")
    try:  # a mark Excel left when it did not close properly would send every run's list beside it
        when = shop_time_said(mark.stat().st_mtime)
    except (AttributeError, OSError, ValueError, OverflowError):
        when = "?"
    name = mark.name if mark else ""
    return (f"{other.name} 正被打开着{zh}，没有替换它：打开着的是上一次的结果，这次的在 {Path(written).name}。"
            f"若没有人打开它：标记文件 {name}（隐藏文件，{when} 留下的）是 Excel 或 WPS 没有正常关闭时留下的，删除它即可。",
            f"{other.name} is open{en} and was not replaced: what is open there is the last run's result; "
            f"this run's is in {Path(written).name}. If no one has it open: the marker file {name} (a hidden "
            f"file, left at {when}) was left by Excel or WPS not closing properly; delete it.")


def _office_owner(raw: bytes) -> str:
    """The user name in Microsoft Office's owner file (~$name.xlsx): a length byte and the name
    in the PC's ANSI code page (GBK on a Chinese Windows) padded to byte 55 (54 for Word), then a
    2-byte length and the same name in UTF-16LE, which is the one to trust; the ANSI copy only
    when that is missing or does not read, decoded as whichever code page gives its length."""
    if not raw:
        return ""
    for at in (55, 54):  # Excel and PowerPoint, Word
        n = int.from_bytes(raw[at:at + 2], "little")
        if 0 < n <= 52 and len(raw) >= at + 2 + 2 * n:
            try:
                name = raw[at + 2:at + 2 + 2 * n].decode("utf-16-le")
            except UnicodeDecodeError:
                continue
            if name.isprintable() and name.strip():
                return name.strip()
    ansi = raw[1:55].rstrip(b" \0")
    for codec in ("utf-8", "gb18030", "cp1252"):
        try:
            name = ansi.decode(codec)
        except UnicodeDecodeError:
            continue
        if len(name) == raw[0]:
            return name.strip()
    return raw[1:1 + raw[0]].decode("latin-1", "replace").strip()


class NotAFile(OSError):
    """Something other than a regular file where one is read (a folder, a FIFO, a device)."""


def open_regular(path, flags: int = 0, mode: int = 0o666, follow: bool = False) -> int:
    """A descriptor of `path` open for reading (`flags` added: O_CREAT), only as a regular file
    reached without a symbolic link at its end (`follow`: through one): a FIFO put in its place would
    block the open or the read for ever. NotAFile for anything else. (Windows has neither flag: a plain
    open there.)"""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | (0 if follow else getattr(os, "O_NOFOLLOW", 0))
                 | getattr(os, "O_BINARY", 0) | flags, mode)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotAFile(errno.EINVAL, "not a regular file", str(path))
    except BaseException:
        os.close(fd)
        raise
    return fd


def check_writable(path: Path) -> None:
    check_workbook(path)
    check_not_open(path)
    check_not_read_only(path)


def check_not_open(path: Path) -> None:
    """Stop when a person has the workbook open (its owner file is there): asked before the work, and
    again just before the file is replaced, since Excel may have opened it meanwhile (a replace there goes
    through on a share, and the person's next save puts back the old rows over this run's)."""
    who = lock_owner(path)
    if who is not None:
        # the owner file is all that says it is open, and one is left behind when Excel or the PC
        # stops without closing the workbook (often on a share): without its name and time, and
        # the way out, every run stops here for good
        lock = owner_file(path)
        try:
            when = shop_time_said(lock.stat().st_mtime)  # (in the shop's time, as the backups' names)
        except (AttributeError, OSError, ValueError, OverflowError):
            when = "?"
        # (a mark that names nobody, 0 bytes or not readable here, is said without a "(?)")
        zh, en = (f"（{who}）", f" ({who})") if who and who != "?" else ("", "")
        # (beside a symlinked workbook's target, not in the folder of its name: said where it is)
        mark = "" if lock is None else lock.name if lock.parent == Path(path).parent else str(lock)
        raise ShopbookError(
            f"工作簿正在被打开{zh}。请先在 Excel/WPS/LibreOffice 中关闭它，再运行；什么都没有写入。"
            f"若确定没有人打开它：Excel、WPS 或电脑没有正常关闭时会留下标记文件 {mark}（隐藏文件，"
            f"这个是 {when} 留下的），在同一文件夹里删除它，再运行。",
            f"The workbook is open{en}. Close it in Excel/WPS/LibreOffice first and run again; nothing was written. "
            f"If you are sure no one has it open: Excel, WPS or a PC that did not close properly leaves its marker file "
            f"{mark} behind (a hidden file; this one was left at {when}); delete it in the "
            "same folder and run again.",
            path,
        )


def check_not_read_only(path: Path) -> None:
    """A workbook a person set read-only (no write bit for anyone: Windows' read-only attribute,
    chmod a-w) is not rewritten, even by a job that runs as root or as its owner, who may replace
    it regardless; one this process may not write is said as whose it is and what to do."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return
    if not mode & 0o222:
        raise ShopbookError(
            "这个工作簿被设成了只读：shopbook 没有改动它，什么都没有写入。若它应当由 shopbook 更新，请去掉只读"
            "（Windows：右键 › 属性 › 取消勾选“只读”；Linux/Mac：chmod ug+w），再运行。",
            "This workbook is set read-only: shopbook has not changed it; nothing was written. If shopbook should "
            "update it, clear read-only (Windows: right-click › Properties › untick Read-only; Linux/Mac: chmod "
            "ug+w) and run again.", path)
    if (words := sticky_words(Path(path))) is not None:
        raise ShopbookError(*words, path)
    if not os.access(path, os.W_OK):
        who = owner_name(Path(path))
        raise ShopbookError(
            f"没有写入这个工作簿的权限（它属于 {who}）：shopbook 没有改动它，什么都没有写入。请让 {who} 或管理共享文件夹的人"
            "给你们写入它的权限（例如 chmod g+w，或在 Windows 的“安全”里允许修改），再运行。",
            f"No permission to write this workbook (it belongs to {who}): shopbook has not changed it; nothing was "
            f"written. Ask {who} or whoever manages the shared folder to let you write it (e.g. chmod g+w, or Modify "
            "in its Windows Security settings), then run again.", path)


def sticky_owners(path: Path) -> tuple[str, str] | None:
    """(whose `path` is, whose its folder is) where that folder has the sticky bit (chmod +t, as some shared
    folders are set up) and the file is another user's: there only its owner (or the folder's) may rename over
    or delete it, whatever the group may write. None where that is not so (and on Windows)."""
    if os.name == "nt":
        return None
    path = Path(os.path.realpath(path))  # (a symlinked workbook: its target is what is replaced)
    try:
        folder, own = os.stat(path.parent), os.lstat(path)
    except OSError:
        return None
    if not folder.st_mode & stat.S_ISVTX or os.geteuid() in (0, own.st_uid, folder.st_uid):
        return None
    return owner_name(path), owner_name(path.parent)


def sticky_words(path: Path) -> tuple[str, str] | None:
    """Why `path` cannot be replaced (sticky_owners), and what to do; None where it can. Its replace would
    otherwise be refused only at the end, and said as a workbook open in Excel."""
    if (owners := sticky_owners(path)) is None:
        return None
    (who, boss), d = owners, Path(path).parent
    zh = (f"文件夹 {d} 设置了粘滞位（sticky，chmod +t）：在这样的文件夹里只有文件的主人（{who}）能替换或删除它，"
          f"所以 shopbook 不能更新 {Path(path).name}；它没有改动，什么都没有写入。请让 {boss} 或管理这个共享文件夹"
          f"的人去掉粘滞位（chmod -t {d}），大家才能互相更新对方保存过的文件，再运行。")
    en = (f"The folder {d} has the sticky bit set (chmod +t): in such a folder only a file's owner ({who}) may "
          f"replace or delete it, so shopbook cannot update {Path(path).name}; it is unchanged and nothing was "
          f"written. Ask {boss} or whoever manages the shared folder to remove the sticky bit (chmod -t "
          f"{d}), so that colleagues can update the files each other saved, then run again.")
    return zh, en


def ensure_not_a_shop(folder: Path, generated_for: tuple[str, ...] = (), templates: bool = False) -> None:
    """Generated workbooks (templates, the demo) replace what is in `folder` without a backup:
    refuse a shop folder (its shopbook.toml, or for the demo any shop workbook), unless
    `generated_for` names the shop its shopbook.toml is for (the demo regenerating itself, in
    either language); and any workbook open in Excel. A templates folder holds the five workbooks but no toml."""
    from .. import schema

    folder = Path(folder)
    toml = folder / "shopbook.toml"
    books = [folder / w.filename for w in schema.WORKBOOKS if (folder / w.filename).exists()]
    text = toml.read_text(encoding="utf-8", errors="replace") if generated_for and toml.exists() else ""
    ours = any(f'name = "{name}"' in text for name in generated_for)
    if (toml.exists() or (books and not templates)) and not ours:
        raise ShopbookError("这个文件夹里是一个店铺的工作簿：不会用生成的工作簿覆盖它们。请换一个空文件夹。",
                            "This folder holds a shop's workbooks: they are not replaced by generated ones. "
                            "Choose an empty folder.", folder)
    for p in books:
        if templates:  # a templates folder's workbooks are blank: one with rows typed in is a person's
            typed = _typed_row(p)
            if typed is not None:
                sheet, row = typed
                raise ShopbookError(
                    f"{p.name} 里已经有录入的数据（工作表“{sheet}”第 {row} 行）：不会用空白模板覆盖它。请换一个空文件夹。",
                    f"{p.name} already holds data (sheet '{sheet}', row {row}): it is not replaced by a blank "
                    "template. Choose an empty folder.", p)
        check_writable(p)


def _typed_row(path: Path) -> tuple[str, int] | None:
    """(sheet, row) of the first row below a header that holds a value, outside the 说明 / How to use
    sheet a template carries; a file that does not read as a workbook is no template either."""
    import python_calamine as pc

    from ..workbook_builder import HOWTO

    try:
        wb = pc.CalamineWorkbook.from_path(str(path))
        for name in wb.sheet_names:
            if name in (h[0] for h in HOWTO.values()):
                continue
            rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
            for i, r in enumerate(rows[1:], start=2):
                if any(v not in ("", None) for v in r):
                    return name, i
    except Exception:  # noqa: BLE001 - damaged, or no workbook: not a blank template
        return "?", 1
    return None


OWN_MARK = ".shopbook"  # in a backup's name: a version shopbook wrote that no one has saved since


def _own_record(path: Path) -> Path:
    return path.parent / BACKUP_DIR / f"{path.name}.written"


def _job_record(path: Path) -> Path:
    """Beside _own_record, the job that wrote that version: a file of its own, the record holding the hash alone as
    every shopbook reads it (a second line there made an older shopbook on a colleague's PC take shopbook's own
    version for a person's save, and let the person's real last save go with the oldest backups)."""
    return path.parent / BACKUP_DIR / f"{path.name}.written-by"


def _put_small(record: Path, text: str) -> None:
    """`text` in place of `record`, whole: replaced, not written over (the record a colleague's run wrote is theirs
    to keep, 0644)."""
    tmp = new_temp(record)
    try:
        tmp.write_text(text, encoding="utf-8")
        share_new(tmp, record.parent)
        os.replace(tmp, record)
    finally:
        tmp.unlink(missing_ok=True)


def note_own_version(path: Path, sha256: str, command: str | None = None) -> None:
    """What shopbook has just put in place of `path`: its backup, later, is no version a person saved. With it,
    the job that wrote it (`command`; else the command line this process runs, or its job's name): a damaged
    workbook's advice (restore_words) says that job's work is not in the newest backup, and to run it again."""
    own = command is None  # (the job running writes it: its moves from inbox/ are noted under its token)
    if command is None:
        from .lock import label

        command = label or (f"shopbook {_here.job.command}" if _here.job is not None else "")
    try:
        make_dirs(path.parent / BACKUP_DIR)
        _put_small(_own_record(path), sha256)
        if command:  # (with the shop lock's token, the job's own: the workbooks one run wrote are told by it)
            from .lock import job_of, token_of

            # ("moves": this shopbook notes the files a run moves from inbox/, note_moved: none noted, none moved)
            # ("run": the job's own name, daily, where `command` is how the person started it: a button's words,
            # Excel 按钮“日报”, are no command line whose word says which job it was)
            run = job_of(path.parent) if own else ""
            _put_small(_job_record(path), json.dumps({"sha256": sha256, "command": command,
                                                      "job": token_of(path.parent) or "", "moves": own, "run": run},
                                                     ensure_ascii=False))
    except OSError:
        pass  # its backup is then kept as a person's: one more kept, never one less


def _moved_record(folder: Path) -> Path:
    return Path(folder) / BACKUP_DIR / "inbox.moved"


def note_moved(folder: Path, moved: Path) -> None:
    """A file the job now running on the shop in `folder` (its lock's token) imported from inbox/ and has moved to
    `moved`: a damaged workbook's advice to run that job again names the folder and the files that run moved, to
    move back into inbox/ first (by the day of its record, a run across midnight was sent to the next day's
    folder, found nothing there, and the day's orders went unsaid). The last MOVED_RUNS runs' are kept: a later
    run (a `daily --force` moving a 生意参谋 download alone) leaves an earlier one's, whose workbook may be the one
    to restore."""
    from .lock import token_of

    token = token_of(Path(folder))
    if not token:
        return
    had = _moved_runs(folder)  # (read once: the other runs' kept, this one's added to)
    runs = [r for r in had if r["job"] != token]
    mine = next((r["files"] for r in had if r["job"] == token), [])
    try:  # (relative to the shop: each PC reaches the share by its own path, Z:\店铺, /Volumes/店铺 …)
        mine = [*mine, Path(os.path.relpath(moved, folder)).as_posix()]
        make_dirs(Path(folder) / BACKUP_DIR)
        _put_small(_moved_record(folder), json.dumps({"runs": [*runs[-(MOVED_RUNS - 1):], {"job": token, "files": mine}]},
                                                     ensure_ascii=False))
    except (OSError, ValueError):
        pass  # the advice then looks in inbox/done/ of the record's day, as before


MOVED_RUNS = 10


def _moved_runs(folder: Path) -> list[dict]:
    """The runs note_moved noted, oldest first: {"job": token, "files": [path in the shop, …]}; [] where none reads."""
    try:
        with open(_moved_record(folder), encoding="utf-8") as f:
            had = json.loads(f.read(1_000_000))
        return [{"job": r["job"], "files": [n for n in r["files"] if isinstance(n, str)]} for r in had["runs"]
                if isinstance(r, dict) and isinstance(r.get("job"), str) and isinstance(r.get("files"), list)]
    except (OSError, ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        return []


def _moved_by(folder: Path, token: str) -> list[Path] | None:
    """The files the run of `token` moved from inbox/ (note_moved) still where it put them; None: no note of it."""
    run = next((r for r in _moved_runs(folder) if token and r["job"] == token), None)
    if run is None:
        return None
    return [p for p in (Path(folder) / n for n in run["files"]) if p.is_file()]


def backup(path: Path) -> Path | None:
    """Keep the current version in .shopbook-backup/ beside it (the newest BACKUPS_KEPT, and the
    newest version a person saved however many rewrites of shopbook's came after it), with its
    mode and, where the process may, its group (colleagues on a shared folder)."""
    path = Path(path)
    if not path.exists():
        return None
    folder = path.parent / BACKUP_DIR
    with may_write_in(folder, path):
        make_dirs(folder)
    try:
        ours = _own_record(path).read_text(encoding="ascii") == hash_of(path, os.stat(path))
    except (OSError, UnicodeDecodeError):
        ours = False
    # copied under a temp name and renamed whole: a copy cut short (a full disk) is never left
    # among the backups, where it would be the "newest backup" a damaged workbook's advice names
    with may_write_in(folder, path):
        part = new_temp(folder / path.name)
    try:
        # named by the time the share gives the file just made (its server's clock), not this PC's: backups of
        # PCs whose clocks differ sort as they were made, and the newest is the newest. A PC a day behind
        # named its versions before those of a day earlier, the newest backup named was that earlier one, and
        # each backup it made pushed out its own last one as the oldest. In the shop's time (shop_clock), not the
        # PC's zone: a PC whose zone is wrong named them hours off the others'
        made = os.stat(part).st_ctime
        while True:
            stamp = shop_clock(made).strftime("%Y%m%d-%H%M%S-%f")
            dest = folder / f"{path.stem}.{stamp}{OWN_MARK if ours else ''}{path.suffix}"
            if not (dest.exists() or dest.with_name(f"{path.stem}.{stamp}{'' if ours else OWN_MARK}{path.suffix}")
                    .exists()):  # (a file system that keeps whole seconds: one made the same second, after it)
                break
            made += 1e-6
        shutil.copy2(path, part)  # through a symlink: the target's content and mode
        _keep_owner(part, os.stat(path))
        os.replace(part, dest)
    finally:
        part.unlink(missing_ok=True)
    old = _backups_of(path, folder)  # (oldest first by when each was made, whatever zone named it)
    if dest not in old:  # (a folder that did not list it at once)
        old.append(dest)
    # the version just kept stays whatever its name: backups named by a PC whose clock is ahead
    # sort after it, and it would otherwise go at once (and the rewrite with no version kept)
    stale = [p for p in old[:-BACKUPS_KEPT] if p != dest]
    theirs = [p for p in old if not p.name.endswith(OWN_MARK + path.suffix)]
    if theirs and theirs[-1] in stale:  # twenty rewrites by shopbook never push out what a person last saved
        stale.remove(theirs[-1])
    for p in stale:
        try:
            p.unlink(missing_ok=True)
        except OSError:  # open in Excel on a PC, a colleague's in a folder with the sticky bit, a share that
            pass  # lets files be made but not deleted: one more kept, never the rewrite stopped for it
    return dest


# --- permissions: a shared shop folder stays shared ------------------------------------------

def current_umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    m = os.umask(0o022)  # no /proc: read it by setting it, and put it straight back
    os.umask(m)
    return m


def _keep_owner(p: Path, st: os.stat_result) -> None:
    if not hasattr(os, "chown"):
        return
    for uid, gid in ((st.st_uid, st.st_gid), (-1, st.st_gid)):  # owner needs root; the group only membership
        try:
            os.chown(p, uid, gid)
            return
        except OSError:
            continue


def match_mode(tmp: Path, target: Path, like: Path | None = None) -> None:
    """The temp file (mkstemp makes it 0600) gets the mode, and where allowed the owner and
    group, of the file it replaces; a new file gets what the umask gives a new file, shared
    with the group as its folder is (share_new). `like`: the workbook the file is about (a
    validate report), or the workbooks (a tuple: the monthly review lists the ledger's and the orders'):
    its group and others may read it no more than they may read any of them."""
    try:
        st = os.stat(target)
    except FileNotFoundError:
        share_new(tmp, Path(target).parent)
    else:
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        _keep_owner(tmp, st)
    for source in (like if isinstance(like, tuple) else (like,) if like is not None else ()):
        no_wider_than(tmp, source)


def no_wider_than(p: Path, source: Path) -> None:
    """`p`'s group and other bits cut to `source`'s: a report of a 0640 ledger.xlsx lists its
    rows, and must not be readable by those who may not read the ledger."""
    try:
        allowed = stat.S_IMODE(os.stat(source).st_mode) | ~0o077
    except OSError:
        return
    mode = stat.S_IMODE(os.stat(p).st_mode)
    if mode & ~allowed:
        os.chmod(p, mode & allowed)


def _shared(folder: Path) -> os.stat_result | None:
    """The folder's stat when its group may write in it (colleagues share it), else None."""
    try:
        st = os.stat(folder)
    except OSError:
        return None
    return st if st.st_mode & stat.S_IWGRP else None


def _take_group(p: Path, gid: int) -> None:
    if hasattr(os, "chown"):
        try:
            os.chown(p, -1, gid)
        except OSError:
            pass  # not a member of that group: the setgid bit (if set) gave it already


def share_new(p: Path, folder: Path, is_dir: bool = False) -> None:
    """A file or folder shopbook just made in `folder`: what the umask gives (a cron job's 022
    included), plus the group's read and write where the folder's group may write, in the
    folder's group; a folder also keeps its parent's setgid bit. Else the colleague in the same
    group who runs the next command cannot add to it (outbox/sent.log, reports/, the backups)."""
    base = (0o777 if is_dir else 0o666) & ~current_umask()
    _folders_owner(p, folder)
    st = _shared(folder)
    if st is None:
        os.chmod(p, base)
        return
    keep = (0o070 | stat.S_ISGID) if is_dir else 0o060
    os.chmod(p, base | (stat.S_IMODE(st.st_mode) & keep))
    _take_group(p, st.st_gid)


def _folders_owner(p: Path, folder: Path) -> None:
    """A file or folder a job running as root (a cron job in /etc/crontab, a NAS's task scheduler) made in a
    shop folder that is a person's: theirs, as if they had made it. Else the reports/, outbox/ and
    .shopbook-backup/ it made were root's alone (0755), and every later run of the shop's owner stopped on
    them (no file may be made in reports/, no backup kept before a rewrite). Before the mode is set: a
    change of owner may clear a setgid bit."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return
    try:
        st = os.stat(folder)
        if st.st_uid != 0:
            os.chown(p, st.st_uid, st.st_gid)
    except OSError:
        pass  # (a share that keeps its own owners)


def share_made(path: Path) -> None:
    """share_new of a file just made beside its folder, where modes can be set: a file system
    without them, or one a colleague's run made meanwhile (not ours to change), is left as it is."""
    try:
        share_new(path, path.parent)
    except OSError:
        pass


def make_dirs(path: Path) -> Path:
    """mkdir -p of a folder shopbook writes in (reports/, outbox/, .shopbook-backup/ …): each
    folder it makes shared as the one it is made in (share_new)."""
    path = Path(path)
    if path.is_dir():
        return path
    if path.parent != path:
        make_dirs(path.parent)
    try:
        os.mkdir(path)
    except FileExistsError:  # made meanwhile by a colleague's run: theirs is kept as it is
        if not path.is_dir():
            raise
        return path
    try:
        share_new(path, path.parent, is_dir=True)
    except OSError:
        pass  # a share whose permissions are not ours to set (SMB): as the server makes it
    return path


@contextmanager
def open_log(path: Path):
    """`path` open for appending (made with its folder when missing): a log that every run
    adds to, whoever runs it, so one made now is shared as its folder is."""
    path = Path(path)
    make_dirs(path.parent)
    new = not path.exists()
    with open(path, "a", encoding="utf-8") as f:
        if new:
            try:
                share_new(path, path.parent)
            except OSError:
                pass
        yield f


# --- no lost update: the version read is the version replaced ----------------------------------

@dataclass(frozen=True)
class Fingerprint:
    size: int
    mtime_ns: int
    sha256: str

    def to_json(self) -> list:
        return [self.size, self.mtime_ns, self.sha256]

    @classmethod
    def from_json(cls, v) -> Fingerprint | None:
        return cls(int(v[0]), int(v[1]), str(v[2])) if v else None


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        # 16 MB at a time: each read and hash lets go of the GIL, and every piece then waits to get
        # it back from a thread reading another workbook (a year's orders in 1 MB pieces: 8 waits)
        for chunk in iter(lambda: f.read(16 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


_hashes: dict[tuple, str] = {}


def hash_of(path: Path, st: os.stat_result) -> str:
    """file_hash, once per version in a process (the run record, the cache and the read of
    one workbook all ask for it). A version is its size, mtime, ctime and inode: any write,
    and any utime() that puts an old mtime back, moves the ctime, which no one can set."""
    k = (os.path.realpath(path), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    h = _hashes.get(k)
    if h is None:
        h = _hashes[k] = file_hash(path)
    return h


def fingerprint(path: Path) -> Fingerprint | None:
    try:
        st = os.stat(path)
        return Fingerprint(st.st_size, st.st_mtime_ns, hash_of(Path(path), st))
    except FileNotFoundError:
        return None


# real path → the version first read while this process holds a shop lock (and then the
# version shopbook itself wrote); a shop's forgotten when its lock is taken and released
_seen: dict[str, Fingerprint | None] = {}
# real path → the real folder it was read or written in, as the shop names it (a link's own folder, not its
# target's): a script's other shop, its job mid-way in another thread, keeps its reads (forget_reads)
_seen_in: dict[str, str] = {}


def _folder_of(path: Path | str) -> str:
    return os.path.realpath(os.path.dirname(os.path.abspath(path)))


def remember_read(path: Path) -> None:
    """Called as a workbook is read: the first read under the lock is the version the
    edits are made against."""
    from .lock import held_any

    if not held_any():
        return
    k = os.path.realpath(path)
    if k not in _seen:
        _seen[k] = fingerprint(k)
        _seen_in[k] = _folder_of(path)


WRITTEN: list[Path] = []  # every file replaced in this process, in order: what a stop may say was written


def note_written(real: Path, fp: Fingerprint | None, path: Path | None = None) -> None:
    """`path`: the file as the shop names it, where `real` is a link's target."""
    WRITTEN.append(Path(real))
    if fp is not None:  # what this process wrote is the version its next edit starts from
        k = os.path.realpath(real)
        _seen[k] = fp
        _seen_in[k] = _folder_of(real if path is None else path)


def forget_reads(folder: Path | None = None) -> None:
    """Forget the versions read and written, as the lock of the shop `folder` is taken and released and its
    job is redone, but another shop's whose lock this process holds too: its job, mid-way in another thread
    of a script, checks its workbooks against them before it replaces them (no lost update). None: all."""
    from .lock import _held

    top = os.path.realpath(folder) if folder is not None else None
    others = [f.rstrip(os.sep) + os.sep for f in list(_held) if f != top and folder is not None]
    for k in list(_seen):
        where = _seen_in.get(k)
        if where is None or not any((where + os.sep).startswith(f) for f in others):
            _seen.pop(k, None)
            _seen_in.pop(k, None)


class WorkbookChanged(ShopbookError):
    """The file changed between shopbook's read and its write: nothing was written."""

    def __init__(self, path: Path):
        super().__init__(
            "这个文件在 shopbook 读取之后被改动了（Excel、WPS、同步盘或另一台电脑）：为了不覆盖别人的修改，"
            "什么都没有写入。请保存并关闭它，再运行一次。",
            "This file was changed after shopbook read it (Excel, WPS, a sync client or another computer): "
            "so as not to overwrite that change, nothing was written. Save and close it, then run again.",
            path)


def verify_unchanged(real: Path) -> os.stat_result | None:
    """WorkbookChanged unless `real` is the version first read under the lock; the stat of what was
    checked (None: nothing read, or not there), for still_as_verified just before the replace."""
    k = os.path.realpath(real)
    if k not in _seen:
        return None
    was = _seen[k]
    try:
        st = os.stat(k)
    except FileNotFoundError:
        if was is not None:
            raise WorkbookChanged(Path(k)) from None
        return None
    if not _as_first_read(k, st, was):
        raise WorkbookChanged(Path(k))
    return st


def _as_first_read(path, st: os.stat_result, was: Fingerprint | None) -> bool:
    """The file at `path` (its stat `st`) holds what was first read under the lock: its size, then its hash."""
    return was is not None and st.st_size == was.size and file_hash(Path(path)) == was.sha256


def still_as_verified(real: Path, st: os.stat_result | None) -> None:
    """WorkbookChanged when `real` is no longer the file verify_unchanged checked: saved (Excel's save
    is a new file put in its place), renamed away or written meanwhile. Asked at the last moment before
    the replace: the backups and the journal before it take seconds for big workbooks on a share, and a
    person's Ctrl+S then was replaced, with no version of it kept. A stat: nothing on the clean path."""
    if st is None:
        return
    try:
        now = os.stat(real)
    except FileNotFoundError:
        raise WorkbookChanged(Path(real)) from None
    # (not the inode: a share mounted without the server's inode numbers makes them up, and may anew);
    # its time set, its content the same (a sync client): unchanged, as verify_unchanged judges it
    if ((now.st_size, now.st_mtime_ns) != (st.st_size, st.st_mtime_ns)
            and not _as_first_read(real, now, _seen.get(os.path.realpath(real)))):
        raise WorkbookChanged(Path(real))


# --- crash points: where the crash tests stop a run ---------------------------------------------

_crash_counts: dict[str, int] = {}


def crash_point(name: str) -> None:
    """SHOPBOOK_CRASH_AT=name (or name:N, the Nth time) ends the process right here, as
    a power cut or kill -9 would: no clean-up, no exception handlers (tests only).
    SHOPBOOK_PAUSE_AT=name=seconds waits there instead: a slow disk or network share,
    which widens the time between a read and its write (the concurrency tests)."""
    pause = os.environ.get("SHOPBOOK_PAUSE_AT")
    if pause and pause.partition("=")[0] == name:
        import time

        time.sleep(float(pause.partition("=")[2] or 0))
    want = os.environ.get("SHOPBOOK_CRASH_AT")
    if not want:
        return
    point, _, nth = want.partition(":")
    if point != name:
        return
    _crash_counts[name] = _crash_counts.get(name, 0) + 1
    if _crash_counts[name] >= int(nth or 1):
        os._exit(86)


# --- temp files ----------------------------------------------------------------------------------

TEMP_MARK = ".shopbook-tmp"
# .<stem>.<host>~<pid>~<random>.shopbook-tmp<suffix>: whose it is, so a run can tell a
# temp file of a live writer from one a killed run left behind
TEMP_NAME = re.compile(r"^\..*\.([A-Za-z0-9-]{1,30})~(\d+)~[^.~]*" + re.escape(TEMP_MARK))


def _host_tag() -> str:
    """This PC's name as a temp file's name carries it: as it is where it is plain (DESKTOP-AB12CD); else with a
    hash of the whole name, or two PCs named 张三的电脑 and 李四的电脑 (both "-----") took each other's temp
    files for their own, and one removed the other's as a dead process's while it was being written."""
    from .lock import host_name

    name = host_name()
    tag = re.sub(r"[^A-Za-z0-9-]", "-", name)
    if tag == name and 0 < len(tag) <= 30:
        return tag
    return f"{tag[:21]}-{hashlib.sha256(name.encode('utf-8', 'replace')).hexdigest()[:8]}"


def new_temp(real: Path) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f".{real.stem[:40]}.{_host_tag()}~{os.getpid()}~",
                               suffix=TEMP_MARK + real.suffix, dir=real.parent)
    os.close(fd)
    return Path(tmp)


def temp_owner(p: Path) -> tuple[str, int] | None:
    m = TEMP_NAME.match(p.name)
    return (m.group(1), int(m.group(2))) if m else None


class _ThisThread(threading.local):
    job = None


# a multi-file job (io.journal) collects temp files instead of replacing one by one: the job of the
# thread that writes (a script's two shops in two threads: neither's writes staged in the other's job,
# put in place only by its commit, after the first job returned, or dropped with it when it stops)
_here = _ThisThread()


def resolve_target(path: Path) -> Path:
    """Where a write lands: through a symlink to its target (never replacing the link by
    a copy); refused when the link leads nowhere writable."""
    path = Path(path)
    real = Path(os.path.realpath(path))
    if path.is_symlink() and not real.parent.is_dir():
        raise ShopbookError("这个文件是一个链接，但它指向的文件夹不存在：无法写入。",
                            "This file is a link whose target folder does not exist: cannot write.", path)
    return real


def replace_now(path: Path, real: Path, tmp: Path, keep_backup: bool, report: bool = False) -> Path:
    """The single-file commit: the version read is still there, the old one is kept, the new
    one replaces it in one rename. A `report` whose replace is refused goes beside it (put_beside):
    where it went is returned."""
    from .lock import check_still_held, held_any

    verified = verify_unchanged(real)
    if not report:  # (a report someone opened meanwhile: they read the last one; this one replaces it)
        check_not_open(path)  # (the link's name: opened through it or at its target)
    if keep_backup:
        backup(path)
    fp = fingerprint(tmp) if held_any() else None
    crash_point("replace")
    check_still_held()
    still_as_verified(real, verified)
    if not report:  # (nor opened while the backup was made)
        check_not_open(path)
    try:
        os.replace(tmp, real)
    except PermissionError:
        if report:
            real = put_beside(tmp, real)
            note_written(real, fp, Path(path).parent / real.name)
            return real
        if (words := sticky_words(real)) is not None:
            raise ShopbookError(*words, path) from None
        raise ShopbookError(
            "无法替换文件：它可能正被 Excel 打开。请关闭后重试；原文件没有改动。",
            "Cannot replace the file: it may be open in Excel. Close it and try again; the original is unchanged.",
            path,
        ) from None
    note_written(real, fp, path)
    _landed.pop(Path(real), None)  # (an earlier run's put_beside)
    if keep_backup:
        note_own_version(path, fp.sha256 if fp else file_hash(real))
    return real


# a write the disk has no room for: full, a quota used up, a size limit
NO_SPACE = frozenset(n for n in (errno.ENOSPC, getattr(errno, "EDQUOT", None), errno.EFBIG) if n is not None)


# what to free on a full disk (zh, en): the cache folder goes whole at no cost (shopbook rebuilds it), and on a
# big shop it is the largest of shopbook's own
FREE_SPACE = ("请在这个磁盘上腾出空间（删除不再需要的大文件；.shopbook-cache 文件夹可以整个删掉，shopbook 会重建它；"
              ".shopbook-backup 文件夹里旧的备份也可以删），再运行一次。",
              "Free some space on that disk (large files no longer needed; the .shopbook-cache folder may go whole, "
              "shopbook makes it again; old backups in the .shopbook-backup folder may go too) and run again.")


class NoSpace(ShopbookError):
    """A write stopped part-way for want of room: the file it was to replace is as it was."""

    def __init__(self, path: Path):
        super().__init__("磁盘空间不足（或配额已用完），这个文件没能写完：它保持原样，没有改动。" + FREE_SPACE[0],
                         "The disk is full (or a quota is used up), so this file could not be written: it stays as "
                         "it was, unchanged. " + FREE_SPACE[1], path)


@contextmanager
def room_for(path: Path):
    """Within it, a write the disk has no room for is said as that, naming the file it was for
    (not the temp file, nor an OSError without a name)."""
    try:
        yield
    except OSError as e:
        if e.errno in NO_SPACE:
            raise NoSpace(Path(path)) from None
        raise


def owner_name(folder: Path) -> str:
    """Who owns a folder or file, by name where this machine has one."""
    try:
        uid = os.stat(folder).st_uid
    except OSError:
        return "?"
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):  # Windows; a user this machine has no name for
        return str(uid)


def no_access_words(path: Path) -> tuple[str, str]:
    """A file this process may not read or write, said with whose it is, its permissions and what to
    do (a colleague's script or a share's create mask made it 0600): never a bare "Permission denied"."""
    who = owner_name(path)
    try:
        mode = stat.filemode(os.stat(path).st_mode)
    except OSError:
        mode = "?"
    return (f"没有读写这个文件的权限（它属于 {who}，权限 {mode}）：什么都没有写入。请让 {who} 或管理这个共享文件夹的人"
            "给你们读写它的权限（例如 chmod g+rw，或在 Windows 的“安全”里允许修改），再运行。",
            f"No permission to read or write this file (it belongs to {who}, permissions {mode}): nothing was "
            f"written. Ask {who} or whoever manages the shared folder to let you read and write it (e.g. chmod "
            "g+rw, or Modify in its Windows Security settings), then run again.")


OS_WORDS = {IsADirectoryError: ("这是一个文件夹，要的是文件", "is a folder, a file is needed"),
            NotADirectoryError: ("这是一个文件，要的是文件夹", "is a file, a folder is needed"),
            FileExistsError: ("已经有一个同名的文件", "a file of that name is already there"),
            FileNotFoundError: ("找不到", "not found"),
            PermissionError: ("没有权限", "no permission")}


# why the system refused, in each language: its own text (strerror) is in the system's language, English
# on a Linux server, Chinese on a Chinese Windows, whatever the shop's
_OS_REASONS = {errno.ENOSPC: ("磁盘已满", "the disk is full"),
               errno.EROFS: ("磁盘或共享是只读的", "the disk or share is read-only"),
               errno.EACCES: ("没有权限", "no permission"), errno.EPERM: ("没有权限", "no permission"),
               errno.EIO: ("读写出错（磁盘或网络共享）", "an input/output error (the disk or network share)"),
               errno.ENOENT: ("找不到", "not found"), errno.EISDIR: ("它是一个文件夹", "it is a folder"),
               errno.ENOTDIR: ("路径中有一段不是文件夹", "a part of the path is not a folder"),
               errno.EBUSY: ("正被占用", "it is busy"), errno.ENAMETOOLONG: ("名字或路径太长", "the name or path is too long"),
               errno.ESTALE: ("网络共享连不上", "the network share cannot be reached"),
               errno.ETIMEDOUT: ("网络共享连不上", "the network share cannot be reached"),
               **({errno.EDQUOT: ("超出了磁盘配额", "the disk quota is used up")} if hasattr(errno, "EDQUOT") else {})}
_WIN_REASONS = {32: ("文件正被另一个程序使用", "the file is in use by another program"),
                362: ("云盘（OneDrive 等）没有运行：文件不在这台电脑上", "the cloud drive (OneDrive …) is not running: the "
                      "file is not on this PC")}


def os_reason(e: OSError) -> tuple[str, str]:
    """Why `e` was refused, (zh, en): the words of its errno (or Windows error) where known, else the
    system's own text in both."""
    said = _WIN_REASONS.get(getattr(e, "winerror", None)) or _OS_REASONS.get(e.errno)
    return said or ((e.strerror or str(e)),) * 2


def os_error_stop(e: OSError, written: list) -> ShopbookError:
    """An OSError no reader or writer turned into a stop (a folder where a file belongs, no permission, a
    OneDrive file not on this PC, a share gone), as the stop the CLI and the buttons say: the file, what of
    it, and "nothing was written" only when true (`written`: the files written before it)."""
    name = e.filename or ""
    if isinstance(e, PermissionError) and name and not written and os.path.isfile(name) and os.name != "nt":
        return ShopbookError(*no_access_words(Path(name)), name)  # whose file, and what to do
    what = OS_WORDS.get(type(e), ("无法访问", "cannot be used"))
    zh, en = (("什么都没有写入", "nothing was written") if not written else
              (f"停下之前已写入 {len(written)} 个文件", f"written before the stop: {len(written)} file(s)"))
    # the file first, after a colon of each line's language
    why = os_reason(e)
    return ShopbookError(f"{what[0]}（{why[0]}）；{zh}。", f"{what[1]} ({why[1]}); {en}.", name or None)


@contextmanager
def may_write_in(folder: Path, path: Path):
    """Within it, a folder in which no file may be made (a colleague made reports/ or
    .shopbook-backup/ under umask 022; a read-only share) is said as that: which folder, whose it
    is and what to do, never as a temp file's name that was never made."""
    try:
        yield
    except PermissionError:
        who = owner_name(folder)
        raise ShopbookError(
            f"没有在文件夹 {folder} 里建立文件的权限（这个文件夹属于 {who}）：{Path(path).name} 没有写入。"
            f"请让 {who} 或管理这个共享文件夹的人给你们写入它的权限（例如 chmod g+w，或在 Windows 的“安全”里允许修改），再运行。",
            f"No permission to make a file in the folder {folder} (it belongs to {who}): {Path(path).name} was not "
            f"written. Ask {who} or whoever manages the shared folder to let you write in it (e.g. chmod "
            "g+w, or Modify in its Windows Security settings), then run again.", path) from None


@contextmanager
def atomic_path(path: Path, keep_backup: bool = True, like: Path | None = None, report: bool = False):
    """Yield a temp path beside the file; on success it replaces `path` (after a backup
    of the old version), or, inside a job (io.journal), waits for the job's commit; on
    failure it is removed. A symlink is written through to its target. `like`: match_mode's;
    `report`: replace_now's."""
    path = Path(path)
    make_dirs(path.parent)
    real = resolve_target(path)
    if real.is_dir():  # a folder of the file's name: said before the work, not an OS error on the temp's name
        raise ShopbookError("这里有一个同名的文件夹，shopbook 要在这里写这个文件：请把这个文件夹改名或移走，再运行一次；"
                            "它没有被改动。",
                            "A folder of this name is where shopbook writes this file: rename or move the folder, "
                            "then run again; it was left as it is.", path)
    with room_for(path), may_write_in(real.parent, path):
        tmp_path = new_temp(real)
    kept = False
    try:
        with room_for(path):  # the temp file, then (outside a job) the backup
            crash_point("temp")
            yield tmp_path
            with open(tmp_path, "rb+") as f:
                os.fsync(f.fileno())
            match_mode(tmp_path, real, like)
            crash_point("written")
            if _here.job is not None and TEMP_MARK not in real.name:  # (a temp written through a nested write: now)
                _here.job.stage(path, real, tmp_path, keep_backup, report=report)
                kept = True
            else:
                replace_now(path, real, tmp_path, keep_backup, report)
    finally:
        if not kept:
            tmp_path.unlink(missing_ok=True)


def write_atomic(path: Path, write: Callable[[Path], None], keep_backup: bool = True,
                 beside: bool | None = None, like: Path | None = None, report: bool = False) -> Path:
    """`write(tmp)`, then tmp replaces `path` (atomic_path). Within writes_beside() in a job, a big
    file is written by a forked copy: one whose target is big already, or that the caller says
    will be (`beside`: a new file). A `report` (a file shopbook makes anew each run, never one a
    person types in) that someone has open, or whose replace is refused, is left as it is and this
    run's goes beside it (free_of_readers, put_beside; left_open_words says so): where it went is
    returned (inside a job, a refusal at its commit: landed())."""
    if report:
        path = free_of_readers(path)
    if _beside and _here.job is not None and (_worth_a_process(path) if beside is None else beside and _can_fork()):
        return _write_beside(Path(path), write, keep_backup, like, report)
    with atomic_path(path, keep_backup, like, report) as tmp:
        write(tmp)
    return landed(path) if report and _here.job is None else Path(path)


_beside = False  # within writes_beside()
BESIDE_BYTES = 1 << 20  # a workbook this big or more is worth a process of its own (a fork costs ~10 ms)


@contextmanager
def writes_beside():
    """Within it, a job's atomic writes of big workbooks are made by forked copies of the
    process (io/forked) while the caller goes on to its next write; the job's commit waits for
    them. Outside a job, and where there is no fork, a write is made in place as always."""
    global _beside
    outer, _beside = _beside, True
    try:
        yield
    finally:
        _beside = outer


def _can_fork() -> bool:
    from . import forked

    return forked.CAN_FORK


def _worth_a_process(path: Path) -> bool:
    try:
        return _can_fork() and os.stat(path).st_size >= BESIDE_BYTES
    except OSError:
        return False


def _write_beside(path: Path, write: Callable[[Path], None], keep_backup: bool, like: Path | None = None,
                  report: bool = False) -> Path:
    """atomic_path's write inside a job, made by a forked copy: the temp file is staged at once
    (the job's files keep the order they were written in) and settled by the job before its
    commit, as atomic_path settles it after the write."""
    from .forked import Forked

    make_dirs(path.parent)
    real = resolve_target(path)
    with room_for(path), may_write_in(real.parent, path):
        tmp = new_temp(real)
    crash_point("temp")
    try:
        copy = Forked.start(write, tmp, path)
    except BaseException:  # (no pipe to be had: too many files open)
        tmp.unlink(missing_ok=True)
        raise
    if copy is None:  # no copy to be had now: written in place
        tmp.unlink(missing_ok=True)
        with atomic_path(path, keep_backup, like, report) as t:
            write(t)
        return path

    def settle() -> None:
        copy.wait()  # what the write raised, raised here (the job then removes the temp file)
        match_mode(tmp, real, like)
        crash_point("written")

    _here.job.stage(path, real, tmp, keep_backup, settle=settle, stop=copy.stop, report=report)
    return path


def write_bytes_atomic(path: Path, data: bytes, keep_backup: bool = False) -> Path:
    return write_atomic(path, lambda p: p.write_bytes(data), keep_backup)


@dataclass
class FileTimes:
    """Files oldest first by their own times (see file_times)."""

    key: dict  # file → its sort key
    told: int | None  # the source that told them apart first (len(sources): the modified time); None: none did
    at: dict  # file → its time by that source

    def oldest_first(self, files) -> list:
        return sorted(files, key=self.key.__getitem__)  # (stable: ties keep the order given)


def file_times(files, *sources: Callable) -> FileTimes:
    """The order to apply several downloads of one kind in, oldest first: by each of `sources` (a
    file → its time, None where it cannot say) that every file has, in turn (a later source only
    where the earlier ones tie), then by when each file was last modified. Never by name: a
    browser names a second download "X (1).xls", which sorts before "X.xls"."""
    files = list(dict.fromkeys(files))
    keys: dict = {f: () for f in files}
    told, at = None, {}

    def mtime(f):  # (in the shop's time, as the platforms' times beside it: a server in UTC said them 8 hours early)
        try:
            return shop_clock(os.stat(f).st_mtime).replace(tzinfo=None)
        except (OSError, ValueError, OverflowError):
            return dt.datetime.min
    for i, source in enumerate((*sources, mtime)):
        if len(set(keys.values())) == len(files):  # every file told apart already
            break
        times = {f: source(f) for f in files}
        if any(t is None for t in times.values()):
            continue
        if told is None and len(set(times.values())) > 1:
            told, at = i, times
        keys = {f: (*keys[f], times[f]) for f in files}
    return FileTimes(keys, told, at)
