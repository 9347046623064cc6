"""A job that writes several files commits as one.

Inside a job every atomic write (io.files.atomic_path) leaves its complete temp file
beside its target instead of replacing it. At the end the job checks that no target
changed since it was read, keeps the backups, writes the journal
(`.shopbook-journal.json` in the shop folder: each temp file, its target, the target's
version before and the new content's hash), and only then replaces the targets one by
one. A run killed before the journal is written leaves the shop as it was (its temp
files are removed by the next run); one killed after is finished by the next run (or
`shopbook doctor`), which replaces what is left, since every temp file was complete
before the journal existed. A target someone changed in between is never overwritten:
the new version is kept beside it and reported.

`writes_shop(command)` makes a library function a job under the shop lock (the CLI and
the Excel buttons call the same functions, so both behave the same); `locks_shop` only
holds the lock (the daily job, whose steps are jobs of their own).
"""

from __future__ import annotations

import datetime as dt
import errno
import functools
import json
import os
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..issues import Issue, ShopbookError
from . import cache, files, limits, lock

JOURNAL_NAME = ".shopbook-journal.json"
RETRIES = 2  # a workbook changed under us: read again and redo, at most this many times
LEGACY_TEMP_AGE = 3600.0  # seconds


@dataclass
class Staged:
    path: Path  # as the caller named it (a symlink stays a link: the backup goes beside it)
    real: Path
    tmp: Path
    keep_backup: bool
    settle: Callable[[], None] | None = None  # a temp a forked copy is writing (io/forked): waited for, raises what it raised
    stop: Callable[[], None] | None = None  # …or ended, when the job fails elsewhere
    report: bool = False  # a file made anew each run: one whose replace is refused goes beside it (files.put_beside)

    def settled(self) -> None:
        fn, self.settle, self.stop = self.settle, None, None
        if fn is not None:
            fn()

    def stopped(self) -> None:
        fn, self.settle, self.stop = self.stop, None, None
        if fn is not None:
            fn()


@dataclass
class Job:
    folder: Path
    command: str
    staged: dict[str, Staged] = field(default_factory=dict)
    after_commit: list = field(default_factory=list)

    def stage(self, path: Path, real: Path, tmp: Path, keep_backup: bool, settle=None, stop=None,
              report: bool = False) -> None:
        k = str(real)
        old = self.staged.get(k)
        if old is not None:  # written twice in one job: the later content wins, the earlier temp goes
            old.stopped()
            old.tmp.unlink(missing_ok=True)
            keep_backup = keep_backup or old.keep_backup
        self.staged[k] = Staged(path, real, tmp, keep_backup, settle, stop, report)

    def source(self, path: Path) -> Path:
        """What a further edit of `path` in this job starts from: its staged content."""
        s = self.staged.get(os.path.realpath(path))
        if s is not None:
            s.settled()
        return s.tmp if s else Path(path)

    def discard(self) -> None:
        for s in self.staged.values():
            s.stopped()
            s.tmp.unlink(missing_ok=True)
        self.staged.clear()

    def commit(self) -> None:
        items = list(self.staged.values())
        if not items:
            self._done()
            return
        try:  # the writes made by forked copies, done and as they would have been made here
            for s in items:
                s.settled()
        except BaseException:
            self.discard()
            raise
        files.crash_point("staged")
        verified = {}
        try:
            for s in items:  # before anything is replaced: a change anywhere stops it all
                verified[s.real] = files.verify_unchanged(s.real)
                if not s.report:  # …and a workbook a person has opened since it was read (by its link's name too)
                    files.check_not_open(s.path)
                    if (words := files.sticky_words(s.real)) is not None:  # (or one whose replace would be refused)
                        raise ShopbookError(*words, s.path)
            for s in items:
                if s.keep_backup:
                    with files.room_for(s.path):
                        files.backup(s.path)
            entries = [{"tmp": str(s.tmp), "target": str(s.real),
                        "before": (fp.to_json() if (fp := files.fingerprint(s.real)) else None),
                        "after": files.fingerprint(s.tmp).to_json(), **({"report": True} if s.report else {}),
                        **({"backup": os.path.join(os.path.realpath(s.path.parent), s.path.name)}
                           if s.keep_backup else {})}
                       for s in items]
        except BaseException:
            self.discard()
            raise
        journal = Path(self.folder) / JOURNAL_NAME
        jid = uuid.uuid4().hex
        if len(items) > 1:
            # a disk with room for the new versions and their backups but not this: said as a full disk at a
            # workbook it leaves as it was (not an OSError naming no file), the temps gone
            first = next((s.path for s in items if s.real.exists()), items[0].path)
            try:
                with files.room_for(first):
                    # ("label": the command line a person ran, password hidden: daily, not its picklist step)
                    _write_journal(journal, {"id": jid, "command": self.command, "label": lock.label or "",
                                             **({"step": list(lock.step.now)} if lock.step.now else {}),
                                             "pid": os.getpid(), "host": lock.host_name(),
                                             "started": dt.datetime.now().astimezone().isoformat(),  # (with its zone)
                                             "folder": os.path.realpath(self.folder), "files": entries})
            except BaseException:
                self.discard()
                raise
            files.crash_point("journal")
        for i, (s, e) in enumerate(zip(items, entries)):
            files.crash_point("replace")
            if i == 0:  # (once one is replaced the job is finished whole, as the journal's next run would)
                try:
                    lock.check_still_held()
                    for t in items:  # none saved by a person while the backups and the journal were made
                        files.still_as_verified(t.real, verified[t.real])
                        if not t.report:  # …nor opened
                            files.check_not_open(t.path)
                except ShopbookError as stop:  # (TakenOver; WorkbookChanged: read again and redone; a workbook opened)
                    if isinstance(stop, lock.TakenOver) and len(items) > 1 and _journal_id(journal) != jid:
                        # the job that took the lock over finished this one from its journal (as after a crash)
                        if self._finished_by_another(items, entries):
                            return
                        self.discard()
                        raise lock.TakenOver(self.folder, stop.holder, finished=True) from None
                    if len(items) > 1:
                        journal.unlink(missing_ok=True)
                    self.discard()
                    raise
            real = s.real
            try:
                try:
                    os.replace(s.tmp, s.real)
                    files._landed.pop(Path(s.real), None)  # (an earlier run's put_beside)
                except PermissionError:
                    if not s.report:
                        raise
                    real = files.put_beside(s.tmp, s.real)  # the rest of the job goes on
            except OSError as e:  # open in Excel (Windows); EBUSY, EIO … on a network share
                # why, in each language (files.os_reason: the system's own text is in its language, not the shop's)
                why = ("", "") if isinstance(e, PermissionError) else tuple(f"{w}; " for w in files.os_reason(e))
                if len(items) > 1:  # the rest waits in the journal for the next run: its temps stay
                    self.staged.clear()
                    raise ShopbookError(
                        f"无法替换文件（{why[0]}它可能正被 Excel 打开）。其余的修改已记入日志，下次运行（或 shopbook doctor）时完成。",
                        f"Cannot replace the file ({why[1]}it may be open in Excel). The rest of this job is in the "
                        "journal and is finished by the next run (or shopbook doctor).", s.path) from None
                self.discard()
                raise ShopbookError(
                    f"无法替换文件（{why[0]}它可能正被 Excel 打开）。请关闭后重试；原文件没有改动。",
                    f"Cannot replace the file ({why[1]}it may be open in Excel). Close it and try again; the original "
                    "is unchanged.", s.path) from None
            files.note_written(real, after := files.Fingerprint.from_json(e["after"]), s.path)
            if s.keep_backup:
                files.note_own_version(s.path, after.sha256)
        files.crash_point("replaced")
        if len(items) > 1:
            journal.unlink(missing_ok=True)
        self.staged.clear()
        self._done()

    def _finished_by_another(self, items: list[Staged], entries: list[dict]) -> bool:
        """Whether every file of this job holds the version it was writing (put in place by the job that
        took its lock over): then it is done, as if this run had replaced them."""
        afters = [files.Fingerprint.from_json(e["after"]) for e in entries]
        if not all((now := files.fingerprint(s.real)) is not None and now.sha256 == a.sha256
                   for s, a in zip(items, afters)):
            return False
        for s, a in zip(items, afters):
            files.note_written(s.real, a, s.path)
            if s.keep_backup:
                files.note_own_version(s.path, a.sha256)
        self.staged.clear()
        self._done()
        return True

    def _done(self) -> None:
        todo, self.after_commit = self.after_commit, []
        for fn in todo:
            fn()


def _here(p: str, was: object, folder: Path) -> str:
    """A path a journal names, as this run sees it: one under the shop folder as the job saw it (`was`) is
    rebased onto `folder`. A share is mounted at a path of each machine's own (/srv/shop for the server's
    cron, /mnt/nas/shop or Z:\\shop on a PC): read as written, none of a crashed job's files was found, its
    journal was taken for finished ("its files were all in place already") and its complete new versions
    removed as stray temps, the job's result lost under a ✓."""
    if isinstance(was, str) and was:
        w = was.rstrip("/\\")
        if len(p) > len(w) and p.startswith(w) and p[len(w)] in "/\\":
            parts = [x for x in re.split(r"[\\/]", p[len(w) + 1:]) if x]
            return str(Path(os.path.realpath(folder)).joinpath(*parts))
    return p


def _written_in(entries: list, folder: Path) -> str | None:
    """The shop folder a journal that does not name it (a shopbook before it wrote it) was written in, where its
    paths are not this run's: the part before a temp file of it found under `folder` (a temp's name is its own)."""
    for e in entries:
        tmp = e.get("tmp") if isinstance(e, dict) else None
        if not isinstance(tmp, str) or os.path.lexists(tmp):
            continue
        parts = re.split(r"[\\/]", tmp)
        for k in range(1, min(4, len(parts))):  # the shop folder, reports/, reports/代理/
            if os.path.lexists(Path(folder).joinpath(*parts[-k:])):
                return tmp[: len(tmp) - len("/".join(parts[-k:])) - 1]
    return None


def _entries(data: dict, folder: Path) -> list[dict]:
    """The journal's entries, their paths as this run sees them (_here)."""
    was = data.get("folder") or _written_in(data["files"], folder)
    return [{**e, **{k: _here(e[k], was, folder) for k in ("tmp", "target", "backup") if isinstance(e.get(k), str)}}
            for e in data["files"]]


def _journal_id(path: Path) -> str | None:
    """The id of the journal there (None: none, or one that does not read)."""
    try:
        return str(json.loads(_read(path))["id"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _read(journal: Path) -> str:
    """The journal's text, only from a regular file: a FIFO in its place blocked every writing command, and
    doctor, for ever as they took the lock."""
    import stat

    if not stat.S_ISREG(os.stat(journal).st_mode):
        raise OSError(errno.EINVAL, "not a regular file", str(journal))
    return journal.read_text(encoding="utf-8")


def _write_journal(path: Path, data: dict) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:  # (a full disk): not left for the next run to find
        tmp.unlink(missing_ok=True)
        raise
    files.share_made(tmp)  # as any file shopbook makes (a cron job's umask 077: no colleague could finish the job)
    os.replace(tmp, path)
    try:  # the rename itself must reach the disk before the first target is replaced
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass


def current() -> Job | None:
    return files._here.job


def after_commit(fn) -> None:
    """Run `fn` once the current job's files are in place (at once when there is no job)."""
    if files._here.job is None:
        fn()
    else:
        files._here.job.after_commit.append(fn)


# --- finishing what a killed run left --------------------------------------------------------

@dataclass
class Finding:
    kind: str  # "journal", "temp", "lock", "conflict", "sync-copy" (doctor: a sync service's copy), "open" (an owner file),
    # "unreadable" (doctor: a workbook every command stops on)
    path: Path
    zh: str
    en: str
    repaired: bool = False
    finished: tuple[Path, ...] = ()  # a journal's files its roll-forward puts in place
    kept: Path | None = None  # a conflict's: where the job's version is kept
    command: str = ""  # a journal's: the job that wrote it (picklist, orders review …)


# how a run that finishes an interrupted job as it takes the lock tells a person (the CLI prints,
# a button shows): the files it put in place, the versions it kept beside a workbook changed since
on_recovered = None  # Callable[[Path, list[Finding]], None]


def recovered_words(f: Finding) -> tuple[str, str]:
    """What a run says of a Finding of its own roll-forward (on_recovered)."""
    if f.kind == "journal":
        one = len(f.finished) == 1
        return (f"{f.zh}：这次运行已把{'它' if one else '它们'}写好。",
                f"{f.en}: this run has put {'it' if one else 'them'} in place.")
    return f"{f.zh}。", f"{f.en}."


KEPT_MARK = ".shopbook-unfinished-"  # in the name of an interrupted job's version kept beside a workbook


def unmerged(folder: Path) -> list[Path]:
    """The interrupted jobs' versions kept beside the shop's workbooks (a person changed the workbook
    meanwhile), still there: each to compare, merge and delete (merge_words)."""
    try:
        return sorted(p for p in Path(folder).iterdir() if is_kept_version(p.name) and p.is_file())
    except OSError:
        return []


def is_kept_version(name: str) -> bool:
    """A kept version's name, not the owner file Excel or LibreOffice makes beside it once a person
    opens it to compare (~$orders.shopbook-unfinished-….xlsx, .~lock.…#)."""
    return KEPT_MARK in name and not name.startswith(("~$", "."))


def unmerged_words(kept: Path) -> tuple[str, str]:
    """merge_words of a version kept by an earlier run: the workbook is the name before the mark."""
    name = kept.name.split(KEPT_MARK)[0] + kept.suffix
    return merge_words(Finding("journal", kept.with_name(name), "", "", kept=kept))


def merge_words(f: Finding) -> tuple[str, str]:
    """Why a run that kept a job's version beside a workbook changed since needs a person (its exit 1)."""
    return (f"需要人处理：{f.kept.name} 是被中断的任务要写入的版本，和 {f.path.name} 比较、合并后删除它",
            f"a person must act: {f.kept.name} is the interrupted job's version; compare it with {f.path.name}, "
            "merge, then delete it")


def finish_journal(folder: Path, repair: bool = True) -> list[Finding]:
    """Roll an unfinished journal forward: every temp it lists was complete before it was
    written. A target that is neither its before nor its after version was changed by a
    person since: it stays, and the job's version is kept beside it."""
    journal = Path(folder) / JOURNAL_NAME
    out: list[Finding] = []
    if not journal.exists():
        return out
    try:
        text = _read(journal)
    except FileNotFoundError:
        return out
    except OSError as e:  # there, not readable by this user: what the job replaced is unknown, nothing is touched
        raise _unreadable(journal, e) from None
    try:
        data = json.loads(text)
        entries = _entries(data, Path(folder))
    except (ValueError, KeyError, TypeError, AttributeError):
        f = Finding("journal", journal, "日志文件无法读取（写到一半时被中断）：它列出的文件都还没有被替换",
                    "The journal cannot be read (cut off while written): none of its files had been replaced yet")
        if repair:
            journal.unlink(missing_ok=True)
            f.repaired = True
        return [f]
    if repair:
        _none_open(data, entries)
    done, left = [], []
    for e in entries:
        tmp, target = Path(e["tmp"]), Path(e["target"])
        before = files.Fingerprint.from_json(e.get("before"))
        after = files.Fingerprint.from_json(e.get("after"))
        if not tmp.exists():
            done.append(target)
            continue
        cur = files.fingerprint(target)
        if cur is not None and after is not None and cur.sha256 == after.sha256:
            if repair:
                tmp.unlink(missing_ok=True)
                _note_own(e, after, data)
            done.append(target)
        elif _still_before(cur, before):
            if repair:
                try:
                    if e.get("report") and files.owner_file(target) is not None:
                        raise PermissionError  # someone has it open: as write_atomic's free_of_readers
                    os.replace(tmp, target)
                except PermissionError:  # open in Excel (Windows): the journal stays for the next run
                    if e.get("report"):  # a report, made anew each run: beside it, said by its name
                        left.append(files.put_beside(tmp, target))
                        continue
                    job = job_said(data)
                    raise ShopbookError(
                        f"被中断的{job[0]}还剩 {target.name} 没有写完，但现在无法替换它（可能正被 Excel 打开）。"
                        "请关闭它再运行；在此之前什么都不会写入。",
                        f"The interrupted {job[1]} has {target.name} left to finish, which cannot "
                        "be replaced now (open in Excel?). Close it and run again; nothing is written until then.",
                        target) from None
                _note_own(e, after, data)
            left.append(target)
        else:
            keep = _kept_name(target, data.get("started"))
            if repair:
                os.replace(tmp, keep)
            out.append(Finding("conflict", target, *_kept_words(job_said(data), target, keep), kept=keep))
    out.insert(0, Finding("journal", journal, *_interrupted_words(job_said(data), left, len(out)), repair,
                          finished=tuple(left), command=str(data.get("command", ""))))
    if repair:
        journal.unlink(missing_ok=True)
    return out


def pending(folder: Path) -> tuple[Path, str, str] | None:
    """An interrupted job's journal that no run has finished yet, as a command that only reads (validate,
    selfcheck) meets it: (the file it names, zh, en), or None. What such a command reads is the shop half
    written (the pick list made, orders.xlsx not yet marked with its batch), which it would otherwise give
    with ✓ as the shop; and a workbook changed in Excel meanwhile is one the job can no longer finish.
    Nothing is said while a job holds the shop lock (this process, or one alive: it may be committing this
    instant): only a journal whose job is gone."""
    folder = Path(folder)
    if lock.held(folder) or not (folder / JOURNAL_NAME).exists():
        return None
    holder, st, _ = lock.read_holder(folder)
    # a live job's lock (or one being written) is not told apart here from a dead one of another PC but by the time
    # it has not been touched, as lock.acquire judges it without watching: ten times its staleness time (its
    # heartbeat touches it every quarter of it), by the share's clock as well as this PC's (lock.long_silent)
    if st is not None and not lock.dead_here(holder) and not lock.long_silent(folder, st):
        return None
    try:
        found = finish_journal(folder, repair=False)
    except ShopbookError:  # a journal this user may not read: doctor says it
        return None
    f = next((f for f in found if f.kind == "journal"), None)
    if f is None or not f.finished:  # (every file in place already, or kept aside: nothing read is half-made)
        return None
    from ..schema import WORKBOOKS

    books = [p.name for p in f.finished if p.name.lower() in {w.filename for w in WORKBOOKS}]
    first = next((p for p in f.finished if p.name in books), f.finished[0])
    zh_keep = (f"；在那之前不要在 Excel 里修改 {'、'.join(books)}，否则它的版本只能另存在旁边，要人手工合并"
               if books else "")
    en_keep = (f"; until then do not change {', '.join(books)} in Excel, or the job's version can only be kept beside "
               "it, to be merged by hand" if books else "")
    return (first,
            f"{f.zh}，还没有人把它写完：这次读到的是它没有写完的店铺，结果不可信。"
            f"请先运行 shopbook doctor（或任何写入的命令）把它写完，再运行这个命令{zh_keep}",
            f"{f.en}, and no run has finished it: what was read here is the shop it left unfinished, so the result "
            f"cannot be trusted. Run shopbook doctor (or any writing command) first, which finishes it, then run this "
            f"again{en_keep}")


class WaitsForOpenBook(ShopbookError):
    """An unfinished journal whose workbook a person has open: finished by the first run once it is closed."""


def _still_before(cur: files.Fingerprint | None, before: files.Fingerprint | None) -> bool:
    """Whether a journal's target is still the version the job read (`before`; None: there was none), so the
    new one is to be put in place."""
    return (cur is None and before is None) or (cur is not None and before is not None and cur.sha256 == before.sha256)


def _none_open(data: dict, entries: list) -> None:
    """A stop, before anything is replaced, where a workbook the journal is to put in place is open (its owner
    file ~$orders.xlsx is there), as the job itself would have stopped: replaced under the open book (which a
    share allows), the person's next save put back what it shows over the job's result (a pick list printed,
    its orders without their batch). Finished by the first run once it is closed."""
    for e in entries:
        target, named = Path(e["target"]), Path(e.get("backup") or e["target"])  # (a workbook's name: its link's)
        if e.get("report") or not Path(e["tmp"]).exists() or files.owner_file(named) is None:
            continue
        before, cur = files.Fingerprint.from_json(e.get("before")), files.fingerprint(target)
        if not _still_before(cur, before):
            continue  # in place already, or changed since: not replaced (kept beside it), open or not
        try:
            files.check_not_open(named)
        except ShopbookError as stop:
            job = job_said(data)
            raise WaitsForOpenBook(f"被中断的{job[0]}还剩 {target.name} 没有写完，要等它关闭后才能完成。{stop.zh}",
                                f"The interrupted {job[1]} has {target.name} left to finish, once it is closed. {stop.en}",
                                target) from None


def _note_own(entry: dict, after: files.Fingerprint | None, data: dict) -> None:
    """A workbook a journal's roll-forward put in place (or found in place) noted as shopbook's own version,
    as the job would have noted it: its backup, later, is then no person's save, which would otherwise
    protect it in .shopbook-backup in place of the version a person last saved (files.backup)."""
    if entry.get("backup") and after is not None:
        # (named as the job the journal is, not this run that finishes it: that job is the one to run again)
        # (as the person ran it, `shopbook daily 店铺`: `shopbook picklist`, its step, names no shop and is not it)
        said = data.get("label") if isinstance(data.get("label"), str) and data.get("label") else ""
        files.note_own_version(Path(entry["backup"]), after.sha256,
                               said or f"shopbook {data.get('command') or ''}".strip())


def _kept_name(target: Path, started: str | None) -> Path:
    """Where a job's version of a workbook changed since goes: named after the job's start (so
    that doctor's report and its repair name the same file), never over a file already there. In the shop's
    time, as the backups the job kept before it (a cron server in UTC named it 8 hours before them); a journal
    of a shopbook before it, its start without its zone, by this PC's clock."""
    try:
        when = dt.datetime.fromisoformat(started) if started else dt.datetime.now().astimezone()
    except (TypeError, ValueError):
        when = dt.datetime.now().astimezone()
    if when.tzinfo is not None:
        when = files.shop_clock(when.timestamp())
    keep, n = target.with_name(f"{target.stem}{KEPT_MARK}{when:%Y%m%d-%H%M%S}{target.suffix}"), 1
    while keep.exists() or keep.is_symlink():
        n += 1
        keep = target.with_name(f"{target.stem}{KEPT_MARK}{when:%Y%m%d-%H%M%S}-{n}{target.suffix}")
    return keep


def job_said(data: dict) -> tuple[str, str]:
    """The job a journal is, as the person who ran it knows it (zh, en, quoted): the command line they ran
    (`shopbook daily 店铺`, its password hidden) and, for one step of it, that step as its run named it on the
    screen (拣货单 / pick list). Not shopbook's own name of the job: doctor said "'picklist' was interrupted" of a
    `shopbook daily` that had shown "拣货单 ✗", no command anyone had typed."""
    command = str(data.get("command") or "").strip()
    label = data.get("label") if isinstance(data.get("label"), str) else ""
    ran = label.strip() or f"shopbook {command}".strip()
    step = data.get("step")
    said = isinstance(step, list) and len(step) == 2 and all(isinstance(w, str) and w for w in step)
    if not ran.startswith("shopbook"):  # an Excel button's (xl._job_named: Excel 按钮“日报”), its quotes its own: the
        # button is the job a person knows, never "'Excel 按钮“拣货单”' (its shopbook picklist part)", a command's words
        return (f"{ran}的“{step[0]}”这一步", f"{ran} (its {step[1]} step)") if said else (ran, ran)
    if said:
        return f"“{ran}”的“{step[0]}”这一步", f"'{ran}' (its {step[1]} step)"
    if command and label.strip() and label.split()[1:len(command.split()) + 1] != command.split():  # (orders morning's)
        return f"“{ran}”中的 shopbook {command}", f"'{ran}' (its shopbook {command} part)"
    return f"“{ran}”", f"'{ran}'"


def _kept_words(job: tuple[str, str], target: Path, keep: Path) -> tuple[str, str]:
    """Which workbook, where the job's version of it is, and what a person does with the two."""
    return (f"被中断的{job[0]}没能写完 {target.name}，而它之后又被人改动过：{target.name} 保持改动后的样子，没有被覆盖；"
            f"它要写入的版本另存为 {keep}。请打开这两个文件比较，把需要的内容留在 {target.name} 里，"
            f"然后删除 {keep.name}",
            f"The interrupted {job[1]} did not finish {target.name}, which was changed since: {target.name} stays "
            f"as it was changed, not overwritten; the version it was writing is kept as {keep}. Open the "
            f"two and compare them, keep what is needed in {target.name}, then delete {keep.name}")


def _interrupted_words(job: tuple[str, str], left: list[Path], kept: int) -> tuple[str, str]:
    """What an unfinished journal was: the files it had still to put in place, else (every one
    in place, or kept aside: said on its own) no count of nothing."""
    zh, en = f"{job[0]}在写入多个文件时被中断", f"{job[1]} was interrupted while writing several files"
    if left:
        names = ", ".join(t.name for t in left)
        return (f"{zh}：还有 {len(left)} 个没有写完（{names}）",
                f"{en}: {len(left)} of them {'was' if len(left) == 1 else 'were'} not in place yet ({names})")
    if kept:
        return zh, en
    return f"{zh}：它的文件都已写好，只剩下它的日志", f"{en}: its files were all in place already; only its journal was left"


def _temp_dirs(folder: Path, depth: int = 2) -> list[Path]:
    """The shop folder and the folders shopbook writes in it (reports/, reports/代理/, outbox/ …,
    and .shopbook-backup/, where a backup is copied under a temp name first)."""
    dirs = [Path(folder)]
    if depth:
        try:
            for e in os.scandir(folder):
                if e.is_dir(follow_symlinks=False):
                    dirs += _temp_dirs(Path(e.path), depth - 1)
        except OSError:
            pass
    return dirs


def _unreadable(journal: Path, e: OSError) -> ShopbookError:
    return ShopbookError(
        f"被中断的任务留下的日志 {journal.name} 打不开（{e.strerror or e}）：它可能已经替换了部分工作簿，shopbook 什么都没有动。"
        "请让运行那个任务的用户（或管理员）运行 shopbook doctor，或给这个文件加上组的读写权限后再运行。",
        f"The journal {journal.name} an interrupted job left cannot be opened ({e.strerror or e}): the job may have "
        "replaced some workbooks already, and shopbook touched nothing. Have the user who ran that job (or an "
        "administrator) run shopbook doctor, or give the file the group's read and write permission and run again.",
        journal)


def _share_now(folder: Path) -> float:
    """Now by the clock that times the shop folder's files (a share's server sets their mtimes as another PC
    writes them), where this process holds the lock: the ctime the file system gave the lock file as it was
    made, or at its last heartbeat (so a temp looks younger by at most a heartbeat, never older). Else this
    PC's clock: one 5 minutes ahead took a temp another PC's run was writing that very second (a report of a
    command that does not lock, `customers`) for one 5 minutes old, and removed it under that run."""
    import time

    if lock.held(folder):
        try:
            return os.stat(Path(folder) / lock.LOCK_NAME).st_ctime
        except OSError:
            pass
    return time.time()


def stray_temps(folder: Path, min_age: float | None = None) -> list[Path]:
    """Temp files of shopbook runs that are gone: this host's with a dead pid; another
    host's once older than the lock's staleness time (by the share's clock: _share_now)."""
    age = lock.stale_seconds() if min_age is None else min_age
    me = files._host_tag()
    now = _share_now(folder)
    out = []
    listed = set()  # an unfinished journal's temps are the job's new versions, not strays
    try:
        listed = {os.path.realpath(e["tmp"]) for e in _entries(json.loads(_read(Path(folder) / JOURNAL_NAME)), folder)}
    except FileNotFoundError:
        pass
    except OSError:  # a journal this user cannot read: which temps are the job's is unknown, none is a stray
        return []
    except (ValueError, KeyError, TypeError, AttributeError):
        pass
    try:  # the journal's own temp file: .shopbook-journal.json.<pid>.tmp
        for e in os.scandir(folder):
            parts = e.name.split(".")
            if e.name.startswith(JOURNAL_NAME + ".") and len(parts) == 5 and parts[3].isdigit() \
                    and not lock.pid_alive(int(parts[3])):
                out.append(Path(e.path))
    except OSError:
        pass
    for d in _temp_dirs(folder):
        try:
            names = [e for e in os.scandir(d) if e.is_file(follow_symlinks=False) and files.TEMP_MARK in e.name]
        except OSError:
            continue
        for e in names:
            if os.path.realpath(e.path) in listed:
                continue
            owner = files.temp_owner(Path(e.name))
            if owner is None:  # named by an older shopbook, without its owner: gone once an hour old
                try:
                    if now - e.stat().st_mtime >= max(age, LEGACY_TEMP_AGE):
                        out.append(Path(e.path))
                except OSError:
                    pass
                continue
            host, pid = owner
            if host == me:
                if pid == os.getpid() or lock.pid_alive(pid):
                    continue
            else:
                try:
                    if now - e.stat().st_mtime < age:
                        continue
                except OSError:
                    continue
            out.append(Path(e.path))
    return out


# real path of a shop folder → what its lock's last taking finished of an interrupted job (the
# findings on_recovered is told): what a job's own result (daily's --json, report and e-mail) says too
_recovered: dict[str, list[Finding]] = {}


def recovered(folder: Path) -> list[Finding]:
    """What the shop lock's last taking in `folder` finished of an interrupted job (said findings)."""
    return list(_recovered.get(os.path.realpath(folder), ()))


def recovery_json(f: Finding) -> dict:
    """A said finding as --json carries it: both languages, the files put in place, the version kept."""
    zh, en = recovered_words(f)
    return {"zh": zh, "en": en, "path": str(f.path), "finished": [str(p) for p in f.finished],
            "kept": str(f.kept) if f.kept else None}


def recover(folder: Path) -> list[Finding]:
    """Called with the lock just taken: finish an interrupted job, remove stray temps."""
    gone = lock.cleared(folder)
    found = finish_journal(folder)
    said = [f for f in found if f.finished or f.kept]  # what changed in the shop or waits for a person
    if gone is not None and not said:
        said.append(Finding("lock", Path(folder) / lock.LOCK_NAME, *lock.cleared_words(*gone), True))
    elif gone is not None and not any(_whole_job(f.command, gone[0]) for f in found if f.kind == "journal"):
        # a journal finished says its own job; where that was a step of the one holding the lock (daily's pick
        # list), the rest of that one (its report and e-mail) never ran: said, or it is taken for done
        said.append(Finding("lock", Path(folder) / lock.LOCK_NAME, *lock.cleared_words(*gone, finished=True), True))
    _recovered[os.path.realpath(folder)] = said
    if said and on_recovered is not None:
        on_recovered(Path(folder), said)
    for p in stray_temps(folder):
        p.unlink(missing_ok=True)
        found.append(Finding("temp", p, f"被中断的运行留下的临时文件 {p.name}",
                             f"A temp file an interrupted run left behind: {p.name}", True))
    return found


def _whole_job(command: str, holder: lock.Holder) -> bool:
    """Whether a journal's job (`picklist`, `validate --write`) is the whole job of the lock's holder (its
    command line: `shopbook picklist 店铺`), not a step of a longer one (`shopbook daily 店铺`). By the job that took
    the lock where it says (an Excel button's job says the button: Excel 按钮“拣货单”, no command's words)."""
    return bool(command) and set(command.split()) <= set((holder.job or holder.command).split())


lock.after_acquire.append(lambda folder: (files.forget_reads(folder), recover(folder)))
lock.before_release.append(lambda folder: files.forget_reads(folder))


# --- the decorators --------------------------------------------------------------------------

def _folder_of(args, kwargs) -> Path:
    shop = kwargs.get("shop", args[0] if args else None)
    from ..shop import shop_given

    return Path(shop_given(shop).folder)


def _forget_cached_reads() -> None:
    from . import reader

    if reader._cache is not None:
        reader._cache.clear()


def run_job(folder: Path, command: str, fn, *args, retries: int | None = None, **kwargs):
    """`fn(*args, **kwargs)` as one job under the shop lock. When a workbook changed
    between its read and the commit nothing was written: read again and redo it (up to
    `retries` times; 0 for a job whose edits were worked out before it and cannot be redone)."""
    retries = RETRIES if retries is None else retries
    with lock.shop_lock(folder, command):
        if files._here.job is not None:  # inside another job: part of it
            return fn(*args, **kwargs)
        # after the commit: a workbook the job rewrote is not kept as it was read
        with cache.deferred(), limits.kept_for_the_result() as said:
            if on_recovered is None:  # a script's call: what taking the lock cleared or finished, in its result
                said.extend(recovered_issue(f) for f in recovered(folder))
            result = _attempts(folder, command, retries, fn, *args, **kwargs)
        return _with_said(result, said)


def recovered_issue(f: Finding) -> Issue:
    """A said finding of the lock's taking (a killed job's lock cleared, its files put in place or its version
    kept beside a workbook changed since) as a script's result holds it: what the command line prints with !."""
    return Issue("warning", *recovered_words(f), book=f.path.name)


def _with_said(result, said: list):
    """`result` with what its writers had to say for a script (limits.writer_says, rows gone below a totals
    row) among its `issues`, where it has a list of them (ImportSummary …)."""
    issues = vars(result).get("issues") if said and hasattr(result, "__dict__") else None
    if isinstance(issues, list):
        issues.extend(i for i in said if i not in issues)
    return result


def _attempts(folder: Path, command: str, retries: int, fn, *args, **kwargs):
    for attempt in range(retries + 1):
        job = files._here.job = Job(Path(folder), command)
        try:
            result = fn(*args, **kwargs)
            files._here.job = None
            job.commit()
            return result
        except files.WorkbookChanged:
            job.discard()
            if attempt == retries:
                raise
            files.forget_reads(folder)
            _forget_cached_reads()
        except BaseException:
            job.discard()
            raise
        finally:
            files._here.job = None


def writes_shop(command: str):
    """A library function (first argument: the Shop) that writes: one job under the lock."""
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            return run_job(_folder_of(args, kwargs), command, fn, *args, **kwargs)
        return wrapper
    return deco


def locks_shop(command: str):
    """A function whose steps are jobs of their own: it only holds the lock throughout."""
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with lock.shop_lock(_folder_of(args, kwargs), command):
                return fn(*args, **kwargs)
        return wrapper
    return deco
