"""What shopbook remembers of the platform exports it imported, so that an export older than one imported
before changes nothing back.

Within one import the exports are applied oldest first (platform_export._oldest_first); across two imports
nothing else tells an older export from a newer one. An order the newer export showed closed, cancelled or
shipped before shopbook ever had it leaves no row in orders.xlsx (never a 待审核 row to pick): the older export
would bring it in as 待审核, to be picked and shipped. So the shop folder keeps `.shopbook-imported.json`,
shopbook's own (no person's cells; written atomically within the import's job, as orders.xlsx is):

    {"version": 1,
     "newest": {"taobao": "2026-12-03T10:30:00", ...},          # the newest order export imported, per platform
     "closed": {"taobao": {"2026-12-03T10:30:00": ["3515131473293579", ...]}, ...},
                  # by export: the orders it first showed closed, cancelled or shipped (no row written)
     "stores": {"taobao": ["演示服装店"]},    # the stores the exports named (orders/platforms/store.py)
     "notes": {"taobao": {"3515131473293579": ["2026-12-03T10:30:00", "改发黑色M"]}, ...}}
                  # the seller's note each order's newest export had (lifecycle._note_added): brought into 卖家备注
                  # once; a person who rewrote or cleared it there has the last word, the next export's same note
                  # is not added again

Only a time the platform wrote into a download's name makes a platform's newest (the earliest it can be: a date
alone, that day's start): a file's modified time is never before its export but may be long after it (a copy, an
Excel re-save), and a newest too late would take the next real exports for older ones. An export is older where
even the latest it can have been made is (a date alone: that day's end; without one, its modified time, in Beijing
time as the names are, unless it is before the export's own rows): never taken for older than it is, for its 退款中
is then not applied.

An export older than its platform's newest (lifecycle.apply: `stale`) brings none of those orders in, and its
word on an order already there is taken where it moves the order on to shipped, delivered or cancelled (what a
platform never takes back), or holds an order still open (a refund asked, some lines refunded and the rest waiting,
part of it shipped: a newer export may not have named it; held, said as older, lest it ship); not its 待发货, nor a refund closed since or of lines a newer export took away: those
would release, hold or call rows missing on an order a newer export has moved on (lifecycle._stale_word_counts).
The closed orders are kept KEEP_DAYS after their export: a platform's export covers three months at most.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..issues import Issue, ShopbookError, en_count, few
from ..schema import Platform

RECORD_NAME = ".shopbook-imported.json"
KEEP_DAYS = 92


@dataclass
class Record:
    newest: dict[str, dt.datetime] = field(default_factory=dict)  # platform (its English key) → newest export time
    closed: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # platform → export time → order nos.
    stores: dict[str, list[str]] = field(default_factory=dict)  # platform → the stores its exports named
    # platform → order no. → [export time, the seller's note it had]
    notes: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    unread: bool = False  # the file is there but does not read (taken as empty; rewritten whole by the import)


def read_record(folder: Path) -> Record:
    """The record; empty where there is none yet, `unread` where its bytes make no record (cut short by a sync, a
    full disk: rewritten whole by the import). A file there that cannot be read at all (a sync client or an
    antivirus holding it, no permission) stops the import before anything is written: rewritten from this
    import alone, it would lose the closed orders and stores of every import before. Remembered as read under
    the lock, as a workbook is: its write is then checked as orders.xlsx's."""
    from ..io.files import remember_read

    path = Path(folder) / RECORD_NAME
    # the version read (or that there was none) is the one written over, or nothing is written: another import
    # meanwhile (a lock taken over as stale) stops this one's commit, read again and redone (io.files)
    try:
        remember_read(path)  # (its hash: a file held or not ours stops here, said as below)
        raw = path.read_bytes()
    except FileNotFoundError:
        return Record()
    except OSError as e:
        raise _unreadable(path, e) from None
    try:
        data = json.loads(raw)
        newest = {k: dt.datetime.fromisoformat(v) for k, v in data["newest"].items()}
        closed = {k: dict(v) for k, v in data.get("closed", {}).items()}
        stores = {k: [x for x in v if isinstance(x, str)] for k, v in data.get("stores", {}).items()}
        notes = {k: {no: [str(at), str(note)] for no, (at, note) in v.items()}
                 for k, v in data.get("notes", {}).items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        return Record(unread=True)
    return Record(newest, closed, stores, notes)


def known_notes(record: Record | None) -> dict[tuple[str, str], str]:
    """(platform, order no.) → the seller's note an import before brought in."""
    if record is None:
        return {}
    return {(p, no): note for p, by_no in record.notes.items() for no, (_, note) in by_no.items()}


def _unreadable(path: Path, e: OSError) -> ShopbookError:
    """The stop for a record there that does not open: what it is, why, and what to do (a file that cannot be
    read: said in both languages, as a workbook's is, io.files)."""
    from ..io.files import no_access_words, os_reason

    if isinstance(e, PermissionError) and os.name != "nt" and path.is_file():  # its permissions: whose, what to do
        return ShopbookError(*no_access_words(path), path)
    why = os_reason(e)
    return ShopbookError(
        f"shopbook 的导入记录无法读取（{why[0]}）：什么都没有导入。它记着以前导入的导出，没有它就分不出比以前导入的"
        "旧的导出。请关闭正占用它的程序（同步盘、杀毒软件），或检查读取它的权限，再运行。",
        f"shopbook's record of the exports imported cannot be read ({why[1]}): nothing was imported. It keeps "
        "the exports imported before, without which an older export cannot be told. Close the program holding it "
        "(a sync client, an antivirus) or check the permission to read it, then run again.", path)


def stale_exports(record: Record, exported: dict[str, tuple], rows_latest: dict) -> dict[str, dt.datetime]:
    """The exports of this import older than their platform's newest imported before: table name → that newest.
    `rows_latest`: of those dated by their modified time, the scan of their rows' latest time (ImportResult's)."""
    from .platform_export import before_its_rows

    out = {}
    for name, (platform, _, latest) in exported.items():
        newest = record.newest.get(platform.en)
        # (a modified time before the export's own rows: a clock not to trust, never taken for older)
        if newest is not None and latest < newest and not (
                name in rows_latest and before_its_rows(latest, rows_latest[name]())):
            out[name] = newest
    return out


def closed_orders(record: Record, exported: dict[str, tuple], stale) -> set[str]:
    """The orders first seen closed, cancelled or shipped, of the platforms of the `stale` exports."""
    platforms = {exported[name][0].en for name in stale}
    return {no for p in platforms for nos in record.closed.get(p, {}).values() for no in nos}


def record_bytes(record: Record, exported: dict[str, tuple], unwritten: dict[str, str],
                 stores: dict[str, list[str]],
                 notes: dict[tuple[str, str], tuple[str, str]] | None = None) -> bytes | None:
    """The record with this import's exports, `unwritten` (order no. → the export table it was first seen
    closed in), the `stores` its exports named (淘宝's alone name one) and the seller's `notes` they had ((platform,
    order no.) → (export, note)) added, its closed orders and notes older than KEEP_DAYS before their platform's
    newest export dropped; None when it would not change."""
    newest = dict(record.newest)
    for platform, earliest, _ in exported.values():
        if earliest is not None and (newest.get(platform.en) is None or earliest > newest[platform.en]):
            newest[platform.en] = earliest
    closed = {p: dict(by_time) for p, by_time in record.closed.items()}  # (the lists: shared, never changed)
    key = {name: (platform.en, latest.isoformat()) for name, (platform, _, latest) in exported.items()}
    added: dict[tuple[str, str], list[str]] = {}
    for no, name in unwritten.items():
        if name in key:
            added.setdefault(key[name], []).append(no)
    for (p, at), nos in added.items():
        by_time = closed.setdefault(p, {})
        by_time[at] = sorted(set(by_time.get(at, ())) | set(nos))
    noted = {p: dict(by_no) for p, by_no in record.notes.items()}
    for (p, no), (name, note) in (notes or {}).items():
        if name in key:
            noted.setdefault(p, {})[no] = [key[name][1], note]
    for p, by_time in closed.items():
        if p in newest:
            since = (newest[p] - dt.timedelta(days=KEEP_DAYS)).isoformat()
            closed[p] = {at: nos for at, nos in by_time.items() if at >= since}
    for p, by_no in noted.items():
        if p in newest:
            since = (newest[p] - dt.timedelta(days=KEEP_DAYS)).isoformat()
            noted[p] = {no: v for no, v in by_no.items() if v[0] >= since}
    taobao = Platform.TAOBAO.en  # (the one platform whose order export names its store)
    known = record.stores.get(taobao, [])
    named = {**record.stores, taobao: known + [n for n in stores if n not in known]} if stores else record.stores
    if (newest == record.newest and closed == record.closed and named == record.stores and noted == record.notes
            and not record.unread):
        return None
    data = {"version": 1, "newest": {p: at.isoformat() for p, at in sorted(newest.items())},
            "closed": {p: nos for p, nos in sorted(closed.items()) if nos},
            "stores": {p: names for p, names in sorted(named.items()) if names},
            **({"notes": n} if (n := {p: dict(sorted(by_no.items())) for p, by_no in sorted(noted.items()) if by_no})
               else {})}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_record(folder: Path, data: bytes) -> None:
    from ..io.files import write_bytes_atomic

    write_bytes_atomic(Path(folder) / RECORD_NAME, data)


def unread_said() -> Issue:
    return Issue("warning", f"shopbook 的导入记录 {RECORD_NAME} 读不出，已按这次导入重写：这次没能判断导出是否比以前导入的旧"
                            "（比以前导入的旧的导出可能把订单改回了旧的状态，请核对这次的状态变化）。",
                 f"shopbook's record of the exports imported ({RECORD_NAME}) did not read and was written anew from "
                 "this import: this time it could not tell an export older than one imported before (check this "
                 "import's changes: an older export may have set orders back).", book=RECORD_NAME)


def kept_said(kept: list[dict]) -> list[tuple[str, str, str]]:
    """Each older export's orders kept as a newer one left them: (mark, zh, en)."""
    out = []
    for k in kept:
        n, when = len(k["orders"]), k["newest"]
        shown, shown_en = few(k["orders"])
        zh = f"订单导出 {k['file']} 比 {when} 已导入的导出旧：其中 {n} 个订单保持较新的状态，未改回（{shown}）"
        en = (f"The order export {k['file']} is older than the one imported at {when}: {en_count(n, 'order')} in it "
              f"kept {'its' if n == 1 else 'their'} newer state and {'was' if n == 1 else 'were'} not changed back "
              f"({shown_en})")
        out.append(("!", zh, en))
    return out
