"""`shopbook doctor SHOP`: what an interrupted run left in a shop folder, and its repair.

A stale shop lock (its holder's process is gone, or its heartbeat stopped), an
unfinished journal (a multi-file job killed half-way: finished now), temp files of
runs that are gone (removed), and versions kept beside a workbook because a person
changed it before the job could be finished, or by a sync service because two PCs changed
it at once (left for a person to compare: shopbook reads neither).
Every writing command does the same repair when it takes the lock; doctor says so.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from .io import journal, lock
from .io.files import BACKUP_DIR
from .io.journal import Finding
from .issues import ShopbookError, no_shop_folder


@dataclass
class Checkup:
    folder: Path
    findings: list[Finding] = field(default_factory=list)
    busy: tuple[str, str] | None = None  # a live job holds the lock (who, zh and en): nothing was repaired

    @property
    def needs_a_person(self) -> list[Finding]:
        return [f for f in self.findings if not f.repaired]

    def to_json(self) -> dict:
        return {"folder": str(self.folder), "busy": {"zh": self.busy[0], "en": self.busy[1]} if self.busy else None,
                "findings": [{"kind": f.kind, "path": str(f.path), "zh": f.zh, "en": f.en, "repaired": f.repaired}
                             for f in self.findings]}


# told before doctor watches another machine's lock, (who zh, who en, seconds at most): the CLI says it,
# or a person sees nothing for half a minute and takes doctor for hung
on_watch = None


def _beating(folder: Path, raw: bytes, st, who: tuple[str, str] = ("", "")) -> bool:
    """Whether the lock file changes (its heartbeat, a new holder, a release) within two
    heartbeats of its holder (lock.acquire beats every quarter of the staleness time)."""
    if on_watch is not None:
        on_watch(*who, int(lock.stale_seconds() / 2 + 0.5))
    end = time.monotonic() + lock.stale_seconds() / 2 + 0.5
    while time.monotonic() < end:
        time.sleep(0.1)
        _, now, now_raw = lock.read_holder(folder)
        if now is None or now_raw != raw or now.st_mtime_ns != st.st_mtime_ns:
            return True
    return False


def _lock_finding(folder: Path) -> tuple[Finding | None, tuple[str, str] | None]:
    """(a stale lock to clear, the holder of a live one)."""
    holder, st, raw = lock.read_holder(folder)
    if st is None:  # none; or one this user cannot read, which may be a live job's: a person to decide
        words = lock.unreadable_words(folder)
        return (None if words is None else
                Finding("unreadable", folder / lock.LOCK_NAME, f"{words[0]}。", f"{words[1][0].upper()}{words[1][1:]}."),
                None)
    path = folder / lock.LOCK_NAME
    # how long it has stood still by the share's clock (a file made there this instant): by this PC's, one an hour
    # ahead of the file server took a lock beaten on a second ago for one an hour old, and one behind never aged
    age = lock.share_age(folder, st)
    who, who_en = lock.holder_words(holder)
    if holder is None:  # (being written, on a slow share seconds on end; or left so by a crash): silent a whole
        stale = age >= lock.stale_seconds()  # staleness time, as lock.acquire judges it, never 2 s
    elif holder.on_this_host():  # its process gone; or its pid alive, but the lock silent past the staleness
        # time, as lock.acquire judges it: that pid is another process's now (a reboot starts numbering again),
        # which would have kept doctor from ever repairing it. Silent by both clocks: the share's (an NFS server
        # stamps the heartbeat by its own: a PC an hour ahead took a beat a second old for an hour's silence) and
        # this PC's (a Windows PC stamps it by its own: one a minute behind the file server took its running
        # job's lock for stale by the share's clock, ctime there the lock's making, not its last beat)
        stale = not lock.pid_alive(holder.pid) or min(age, lock.untouched_for(st)) > lock.stale_seconds()
    else:  # another machine: its heartbeat touches the file every few seconds while it runs, by its
        # own clock: an old mtime proves nothing (as lock.acquire: only ten times over); else watch it
        stale = lock.long_silent(folder, st) or not _beating(folder, raw, st, (who, who_en))
    if not stale:
        return None, (who, who_en)
    # (cleared, said ✓: what that job was to do is still for a person to check, as the commands say it)
    return Finding("lock", path, f"店铺锁属于一个已经不在运行的任务（{who}）：它没有正常结束，请确认它该做的事（例如日报和邮件、"
                   "拣货单）是否做完，没做完就再运行它",
                   f"The shop lock belongs to a job that is no longer running ({who_en}): it did not end properly; "
                   "check whether what it was to do (the daily report and e-mail, a pick list …) was done, and run it "
                   "again if not"), None


def _sync_copy_findings(folder: Path) -> list[Finding]:
    """A sync service's copy beside a workbook or shopbook.toml: a person's edits that do not count until someone
    enters them in the workbook (listed by name, never opened nor touched)."""
    from .io.files import stand_in_words
    from .sync_copies import copy_of, copy_words, shop_copies

    def words(c) -> tuple[str, str]:  # with the workbook (or shopbook.toml) itself gone there are not two
        gone = not (folder / c.workbook).exists()  # to compare: the copy is to be renamed (one known by
        if gone and copy_of(c.path.name, [c.workbook], by_pc_name=False):  # more than a PC's name)
            return stand_in_words(folder / c.workbook, c.path)
        return copy_words(c)

    return [Finding("sync-copy", c.path, *words(c)) for c in shop_copies(folder)]


def _open_findings(folder: Path) -> list[Finding]:
    """A workbook Excel, WPS or LibreOffice marks as open (~$orders.xlsx): every writing command refuses
    it, so doctor names it rather than say there is nothing to repair; after a crash the mark stays
    with nobody in the book. Never removed here: someone may have it open on another PC."""
    from .io.files import lock_owner, owner_file, shop_time_said
    from .schema import WORKBOOKS

    out = []
    for w in WORKBOOKS:
        mark = owner_file(folder / w.filename)
        if mark is None:
            continue
        who = lock_owner(folder / w.filename)
        who = "" if who in (None, "?") else who
        try:
            since = shop_time_said(mark.stat().st_mtime)  # (in the shop's time, as the lock's and the backups')
        except (OSError, ValueError, OverflowError):
            since = "?"
        out.append(Finding(
            "open", mark, f"{w.filename} 标记为正在被打开（{who + '，' if who else ''}自 {since}，标记文件 {mark.name}）："
                          f"写入它的命令都会停下。有人开着就请保存并关闭；没有人开着（程序崩溃后会留下这个文件）就删除 {mark.name}",
            f"{w.filename} is marked as open ({who + ', ' if who else ''}since {since}, the mark {mark.name}): every "
            f"command that writes it stops. If someone has it open, save and close it; if nobody has (a program that "
            f"crashed leaves the mark), delete {mark.name}"))
    return out


def _unreadable_findings(folder: Path) -> list[Finding]:
    """A workbook that does not read (empty: the 0 bytes a sync client or a crash left; damaged; an
    .xls or a web page renamed .xlsx): every command stops on it, so doctor says it, with the backup
    to restore, rather than "nothing to repair". Never repaired here: which version is right is a
    person's to say."""
    from .io.files import check_workbook, stand_in, stand_in_words
    from .schema import WORKBOOKS
    from .sync_copies import copy_of

    out = []
    for w in WORKBOOKS:
        path = folder / w.filename
        if not path.exists():  # gone, with the file meant to be it beside (orders.xls, orders - 副本.xlsx)
            other = stand_in(path)  # (a sync service's copy is named with the copies)
            if other is not None and copy_of(other.name, [w.filename], by_pc_name=False) is None:
                out.append(Finding("unreadable", other, *stand_in_words(path, other)))
            continue
        try:
            check_workbook(path)
        except ShopbookError as e:
            out.append(Finding("unreadable", path, f"{w.filename}：{e.zh}", f"{w.filename}: {e.en}"))
    from .config import CONFIG_NAME, load_config

    if (folder / CONFIG_NAME).is_file():  # every command stops on it too (nothing in it, a wrong setting)
        try:
            load_config(folder)
        except ShopbookError as e:
            out.append(Finding("unreadable", folder / CONFIG_NAME, e.zh, e.en))
    return out


def _looks_like_a_shop(folder: Path) -> bool:
    """A shop workbook or shopbook.toml there, or what is plainly meant to be one (orders.xls, a sync
    service's copy of shopbook.toml)."""
    from .config import CONFIG_NAME, config_stand_in
    from .io.files import stand_in
    from .schema import WORKBOOKS

    paths = [folder / w.filename for w in WORKBOOKS]
    return (any(p.exists() for p in (*paths, folder / CONFIG_NAME)) or config_stand_in(folder) is not None
            or any(stand_in(p) is not None for p in paths))


def _missing_findings(folder: Path) -> list[Finding]:
    """What a newcomer's shop lacks: a workbook (moved away, never made: the commands that need it stop
    or skip their step) and shopbook.toml (every setting its default: no one to e-mail, the language
    guessed from the workbooks). A file plainly meant to be one is said with the unreadable and the sync
    copies; init makes what is missing and touches nothing that is there."""
    from .config import CONFIG_NAME, config_stand_in, stand_in_words_for_config
    from .io.files import stand_in
    from .schema import WORKBOOKS
    from .shop import typed

    out = []
    for w in WORKBOOKS:
        path = folder / w.filename
        if not path.exists() and not path.is_symlink() and stand_in(path) is None:
            out.append(Finding(
                "missing", path, f"缺少工作簿 {w.filename}（{w.zh}）：用到它的命令会停下或跳过那一步。若它被移走或改了名，"
                                 f"请放回；否则用 shopbook init {typed(folder)} 补上空白的（已有的工作簿不动）",
                f"The workbook {w.filename} ({w.en}) is missing: the commands that need it stop or skip that step. "
                f"If it was moved or renamed, put it back; else shopbook init {typed(folder)} adds a blank one (the "
                "workbooks there are left as they are)"))
    cfg = folder / CONFIG_NAME
    other = None if cfg.exists() or cfg.is_symlink() else config_stand_in(folder)
    if other is not None and other.name.casefold() == CONFIG_NAME + ".txt":  # (a sync copy is said with the copies)
        out.append(Finding("missing", other, *stand_in_words_for_config(folder, other)))
    if not cfg.exists() and not cfg.is_symlink() and other is None:
        out.append(Finding(
            "missing", cfg, f"没有 shopbook.toml：每项设置都是默认的（邮件没有收件人，店铺语言按工作簿猜）。用 shopbook init "
                            f"{typed(folder)} 生成一份（工作簿不动），再填上店铺名称、邮件收件人等设置",
            f"There is no shopbook.toml: every setting is its default (no one to e-mail, the shop's language "
            f"guessed from its workbooks). shopbook init {typed(folder)} writes one (the workbooks are left as they "
            "are); then fill in the shop's name, the e-mail recipients and the other settings"))
    return out


_WRITTEN_IN = ("reports", "outbox", "inbox", BACKUP_DIR)  # the folders of the shop its commands make files in


def _unwritable_findings(folder: Path) -> list[Finding]:
    """A workbook set read-only, or one this user may not write (a colleague's 0644 in a folder the group
    shares), and a folder of the shop no file may be made in: every command that writes there stops (the
    daily job's steps fail each morning), so doctor says which, whose and what to do, rather than "nothing
    to repair". Never changed here: who may write what is for the owner to say."""
    import stat

    from .io.files import owner_name, sticky_words
    from .io.lock import user_name
    from .schema import WORKBOOKS

    out, me = [], user_name()
    ask = ("请让 {who} 或管理这个共享文件夹的人给你们写入的权限（例如 chmod g+w，或在 Windows 的“安全”里允许修改）",
           ("ask {who} or whoever manages the shared folder to let you write (e.g. chmod g+w, or Modify in its "
            "Windows Security settings)"))
    for d in (folder, *(folder / n for n in _WRITTEN_IN)):
        if d.is_dir() and not os.access(d, os.W_OK | os.X_OK):
            who = owner_name(d)
            out.append(Finding(
                "unwritable", d, f"文件夹 {d} 属于 {who}，{me} 不能在里面建立文件：用到它的命令都会停下，什么都不写入。"
                                 + ask[0].format(who=who),
                f"The folder {d} belongs to {who} and {me} may not make files in it: every command that writes "
                f"there stops, writing nothing. To go on, {ask[1].format(who=who)}"))
    for w in WORKBOOKS:
        path = folder / w.filename
        try:
            mode = os.stat(path).st_mode
        except OSError:  # gone, or not to be read: said with the unreadable ones
            continue
        if not stat.S_ISREG(mode):
            continue
        if not mode & 0o222:  # as io.files.check_not_read_only: not rewritten, even by its owner or root
            out.append(Finding(
                "unwritable", path, f"{w.filename} 被设成了只读：写入它的命令都会停下，不改动它。若它应当由 shopbook 更新，"
                                    "请去掉只读（Windows：右键 › 属性 › 取消勾选“只读”；Linux/Mac：chmod ug+w）",
                f"{w.filename} is set read-only: every command that writes it stops and leaves it as it is. If "
                "shopbook should update it, clear read-only (Windows: right-click › Properties › untick Read-only; "
                "Linux/Mac: chmod ug+w)"))
        elif not os.access(path, os.W_OK):
            who = owner_name(path)
            out.append(Finding(
                "unwritable", path, f"{w.filename} 属于 {who}（权限 {stat.filemode(mode)}），{me} 没有写入它的权限：写入它的"
                                    "命令都会停下，不改动它。" + ask[0].format(who=who),
                f"{w.filename} belongs to {who} (permissions {stat.filemode(mode)}) and {me} may not write it: "
                f"every command that writes it stops and leaves it as it is. To go on, {ask[1].format(who=who)}"))
        elif (words := sticky_words(path)) is not None:  # writable, but not to be replaced here (chmod +t)
            out.append(Finding("unwritable", path, *words))
    from .orders.imported import RECORD_NAME

    record = folder / RECORD_NAME  # read by every import, which stops where it may not (orders.imported.read_record)
    if record.is_file() and not os.access(record, os.R_OK):
        who, mode = owner_name(record), stat.filemode(os.stat(record).st_mode)
        out.append(Finding(
            "unwritable", record,
            f"shopbook 的导入记录 {RECORD_NAME} 属于 {who}（权限 {mode}），{me} 不能读它：导入订单（orders import、daily 的"
            f"“导入 inbox”）都会停下，什么都不导入（daily 的审单和拣货单也就跳过）。不要删除它（它记着以前导入的导出）；请让 {who} 或管理"
            "这个共享文件夹的人给你们读写它的权限（例如 chmod g+rw，或在 Windows 的“安全”里允许修改）",
            f"shopbook's record of the exports imported, {RECORD_NAME}, belongs to {who} (permissions {mode}) and {me} "
            "may not read it: importing orders (orders import, daily's inbox import) stops, importing nothing (and "
            "daily skips its review and pick list). Do not delete it (it keeps the exports imported before); to go on, ask "
            f"{who} or whoever manages the shared folder to let you read and write it (e.g. chmod g+rw, or Modify in "
            "its Windows Security settings)"))
    return out


def check(folder: Path | str, repair: bool = True) -> Checkup:
    folder = Path(folder)
    if not folder.is_dir():
        raise no_shop_folder(folder)
    if not _looks_like_a_shop(folder):  # (the folder above the shop: "nothing to repair" would mislead)
        from .shop import no_workbooks

        raise no_workbooks(folder)
    up = Checkup(folder)
    stale, busy = _lock_finding(folder)
    if busy is not None:
        up.busy = busy
    if stale is not None:
        up.findings.append(stale)
    up.findings += journal.finish_journal(folder, repair=False)
    for p in journal.stray_temps(folder):
        up.findings.append(Finding("temp", p, f"被中断的运行留下的临时文件 {p.name}",
                                   f"A temp file an interrupted run left behind: {p.name}"))
    for d in [folder, *(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink())]:
        for p in journal.unmerged(d):
            up.findings.append(Finding(
                "conflict", p, f"{p.name}：一个被中断的任务的版本，因为原文件之后被改动过而另存。请与原文件比较后删除其一",
                f"{p.name}: an interrupted job's version, kept aside because the original was changed since. Compare "
                "the two and delete one"))
    up.findings += _sync_copy_findings(folder)
    up.findings += _open_findings(folder)
    up.findings += _unreadable_findings(folder)
    up.findings += _missing_findings(folder)
    up.findings += (unwritable := _unwritable_findings(folder))
    if not repair or busy is not None or (stale is not None and stale.kind == "unreadable") \
            or any(f.path == folder for f in unwritable):
        # (a lock that does not read may be a live job's: nothing repaired under it; in a shop folder
        # this user may make no file in, no lock to repair under either: said above, not a stop)
        return up
    if stale is not None:
        _, _, raw = lock.read_holder(folder)
        lock.break_stale(folder, raw)
    said, journal.on_recovered = journal.on_recovered, None  # (listed above: not said twice)
    try:
        with lock.shop_lock(folder, "doctor"):  # taking it finishes the journal and removes the temps
            pass
    except journal.WaitsForOpenBook:  # its workbook is open: the journal stays (listed, with the open mark)
        pass
    finally:
        journal.on_recovered = said
    for f in up.findings:  # a conflict or sync copy stays for a person: which version is right is theirs to say
        if f.kind in ("temp", "journal"):
            f.repaired = not f.path.exists()
        elif f.kind == "lock":
            f.repaired = True
    return up
