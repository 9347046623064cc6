"""One writer at a time per shop folder: the shop lock.

The lock is a file, `.shopbook.lock`, created with O_CREAT|O_EXCL (atomic on local
disks, SMB and NFSv3+), holding who has it (host, user, pid, command, since). While it
is held a background thread touches it every few seconds (its heartbeat), so a waiter
on another machine can tell a live holder from one that crashed without trusting
either clock: a lock whose content and mtime have not changed for SHOPBOOK_LOCK_STALE
seconds of the waiter's own clock is stale. On the holder's own host a dead pid makes
it stale at once. Readers never take it.

Re-entrant within one process (the daily job holds it while its steps take it again);
released on exit, and on a crash by the staleness rules above. Waiting is bounded
(SHOPBOOK_LOCK_WAIT seconds, default 120), with a progress callback, then one clear
bilingual error naming the holder.
"""

from __future__ import annotations

import datetime as dt
import errno
import getpass
import glob
import json
import os
import socket
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..issues import ShopbookError, no_shop_folder

LOCK_NAME = ".shopbook.lock"


def wait_seconds() -> float:
    return _seconds("SHOPBOOK_LOCK_WAIT", 120, zero=True)


def stale_seconds() -> float:
    return _seconds("SHOPBOOK_LOCK_STALE", 60)


def _seconds(name: str, default: int, zero: bool = False) -> float:
    """A number of seconds an environment variable sets (as typed: full-width digits, spaces, a trailing s or 秒),
    else `default`. One that does not read stops with its name, its value and what it takes: a Task Scheduler
    entry's SHOPBOOK_LOCK_WAIT=2m stopped every writing command with "internal error: ValueError", and a
    SHOPBOOK_LOCK_STALE of 0 took every colleague's running job's lock for stale at once. `zero`: 0 allowed
    (SHOPBOOK_LOCK_WAIT=0: never wait)."""
    import math
    import unicodedata

    raw = os.environ.get(name, "")
    text = unicodedata.normalize("NFKC", raw).strip()
    if not text:
        return float(default)
    try:
        v = float(text[:-1] if text[-1:] in ("s", "S", "秒") else text)
    except ValueError:
        v = math.nan
    if v > 0 or (zero and v <= 0 and not math.isnan(v)):  # (inf: no end; a wait of -1 as earlier ones took it: none)
        return max(v, 0.0)
    least = "0 或更大的" if zero else "大于 0 的"
    least_en = "0 or more" if zero else "more than 0"
    raise ShopbookError(
        f"环境变量 {name} 设成了“{raw}”，读不出秒数：请把它设为{least}秒数（例如 {default}），或删除它（默认 {default} 秒），"
        "再运行；什么都没有写入。",
        f"The environment variable {name} is set to '{raw}', which is no number of seconds: set it to a number of "
        f"seconds, {least_en} (e.g. {default}), or remove it (the default is {default} s), then run again; nothing "
        "was written.")


def host_name() -> str:
    try:
        return socket.gethostname() or "?"
    except OSError:  # no network stack (xlwings Lite)
        return "?"


def user_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in the environment: still lockable
        return str(os.getuid()) if hasattr(os, "getuid") else "?"


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill(pid, 0) would send Ctrl+C there
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    except OSError:
        return True  # cannot tell (Windows and the like): not proven dead
    return _not_zombie(pid)


def _windows_pid_alive(pid: int) -> bool:
    import ctypes

    k = ctypes.windll.kernel32  # type: ignore[attr-defined]
    h = k.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not h:
        return k.GetLastError() == 5  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        return not k.GetExitCodeProcess(h, ctypes.byref(code)) or code.value == 259  # STILL_ACTIVE
    finally:
        k.CloseHandle(h)


def _not_zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def boot_id() -> str:
    """This machine's current boot, where the system says (Linux): two machines of one host name (cloned
    VMs, two Raspberry Pis called raspberrypi, a server and a PC both called ubuntu) are told apart by it."""
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as f:
            return f.read().strip()
    except OSError:
        return ""


@dataclass
class Holder:
    host: str
    user: str
    pid: int
    command: str
    since: str
    token: str
    boot: str = ""  # boot_id() of its machine ("" from a shopbook before it, or a system without one)
    # the job that took it (daily, picklist), where `command` says how a person started it (a command line, an Excel
    # button's words): "" from a shopbook before it, whose command was the command line
    job: str = ""

    @classmethod
    def parse(cls, raw: bytes) -> Holder | None:
        try:
            d = json.loads(raw.decode("utf-8"))
            return cls(str(d["host"]), str(d["user"]), int(d["pid"]), str(d["command"]), str(d["since"]),
                       str(d["token"]), str(d.get("boot") or ""), str(d.get("job") or ""))
        except (ValueError, KeyError, TypeError, UnicodeDecodeError, AttributeError):
            return None

    def describe(self) -> str:
        return f"{self.user}@{self.host}, {self.command}, {self.since_said()}"

    def since_said(self) -> str:
        """When it took the lock, in the shop's time as the backups' names and the other times doctor says
        (files.shop_time_said): the lock keeps its PC's clock and zone (2026-12-06 00:59:54 +0000 from a cron
        server in UTC), which doctor said as it was beside the backups named 08:59 and the marks of open books."""
        from .files import shop_time_said

        try:
            return shop_time_said(dt.datetime.strptime(self.since, "%Y-%m-%d %H:%M:%S %z").timestamp())
        except (ValueError, OverflowError, OSError):
            return self.since  # (one another shopbook wrote otherwise: as it says it)

    def on_this_host(self) -> bool:
        """Its pid is one of this machine's processes: same host name, and same boot where both say
        (another machine of the same name: its pid dead here proves nothing; judged by its heartbeat)."""
        me = boot_id()
        return self.host == host_name() and (not self.boot or not me or self.boot == me)


def holder_words(holder: Holder | None) -> tuple[str, str]:
    """Who holds the lock, as a message names them (zh, en): a lock file still being written, or
    left damaged, names nobody, and the message says so rather than show a question mark."""
    if holder is not None:
        return holder.describe(), holder.describe()
    if _waiting_in is not None and unreadable_words(_waiting_in) is not None:  # (acquire's waits: not "does not say")
        return "不知是谁：锁文件无法读取", "holder unknown: the lock file cannot be read"
    return "不知是谁：锁文件里没有写明", "holder unknown: the lock file does not say"


_waiting_in: Path | None = None  # the shop folder acquire is waiting for, as its on_wait is called


def unreadable_words(folder: Path) -> tuple[str, str] | None:
    """A lock file there that this user cannot read (a colleague's run under umask 077 made it theirs
    alone; a folder in its place): no holder can be named nor judged stale, so what it is, whose, how
    long untouched and what to do. None when there is none, or it reads."""
    from .files import NotAFile

    p = Path(folder) / LOCK_NAME
    try:
        st = os.lstat(p)
        with _open_lock(p):
            return None
    except FileNotFoundError:
        return None
    except PermissionError:
        why = ("没有读取它的权限", "no permission to read it")
    except NotAFile:
        why = (("它是一个文件夹", "it is a folder") if os.path.isdir(p) else
               ("它不是普通文件（例如一个管道）", "it is not a plain file (a pipe, say)"))
    except OSError as e:
        from .files import os_reason

        why = os_reason(e)
    from .files import owner_name

    who = owner_name(p)
    mins = max(int(share_age(folder, st) // 60), 0)  # (by the share's clock: a PC an hour ahead said 60 min of 1 s)
    return (f"锁文件 {p} 无法读取（{why[0]}；它属于 {who}，{mins} 分钟没有改动），看不出是谁的任务。若确定没有 shopbook "
            f"正在运行，请删除这个文件（或请 {who} 删除），再运行",
            f"the lock file {p} cannot be read ({why[1]}; it belongs to {who}, unchanged for {mins} min), so whose job "
            f"holds it cannot be told. If no shopbook is running, delete that file (or ask {who} to), then run again")


def _open_lock(p: Path):
    """The lock file open for reading, only as a regular file (through a link): a FIFO in its place blocked
    the open (and every writing command with it) for ever. files.NotAFile for a folder or anything else."""
    from .files import open_regular

    return os.fdopen(open_regular(p, follow=True), "rb")


def read_holder(folder: Path) -> tuple[Holder | None, os.stat_result | None, bytes]:
    p = Path(folder) / LOCK_NAME
    try:
        with _open_lock(p) as f:
            raw = f.read(4096)
            st = os.fstat(f.fileno())
        return Holder.parse(raw), st, raw
    except FileNotFoundError:
        return None, None, b""
    except OSError:
        return None, None, b""


def untouched_for(st: os.stat_result) -> float:
    """Seconds since the lock file last changed, by this machine's clock: by its mtime and its
    ctime, whichever is newer. A heartbeat sets the mtime by the holder's clock (a PC whose clock
    is behind makes a live lock look old), while the ctime is set by the file system itself,
    which no holder's clock moves (on Windows, its creation time)."""
    return time.time() - max(st.st_mtime, st.st_ctime)


def share_now(folder: Path) -> float | None:
    """Now by the clock that times the shop folder's files: the ctime the file system gives a file made there
    this instant (a share's server sets it, whatever this PC's clock says). None where none can be made."""
    from .files import new_temp

    try:
        probe = new_temp(Path(folder) / LOCK_NAME)  # (named as a temp of this run: a crash's is cleared as one)
    except OSError:
        return None
    try:
        return os.stat(probe).st_ctime
    except OSError:
        return None
    finally:
        probe.unlink(missing_ok=True)


def share_age(folder: Path, st: os.stat_result) -> float:
    """Seconds since the lock file `st` last changed by the share's own clock (share_now), where a file can be
    made there; else by this PC's (untouched_for). A PC whose clock is an hour ahead of the file server's
    said a lock silent for a minute had stood still for 3660 s, and judged an empty lock made that second
    as one a crash left."""
    now = share_now(folder)
    return untouched_for(st) if now is None else now - max(st.st_mtime, st.st_ctime)


def long_silent(folder: Path, st: os.stat_result, age: float | None = None) -> bool:
    """The lock file `st` has not changed for ten staleness times by the share's own clock (share_now), not
    only by this PC's: a PC whose clock is ten minutes (or a wrongly set time zone's hours) ahead of the file
    server's took every live lock there, its heartbeat seconds old, for one a crash left long ago, and broke it.
    `age`: its share_age, where the caller has read it already."""
    if untouched_for(st) <= 10 * stale_seconds():
        return False
    # (on a share this user may only read share_age is this PC's clock, as before, all there is; `validate`
    # there still says a job a crash left half written, and no lock is taken there to break)
    return (share_age(folder, st) if age is None else age) > 10 * stale_seconds()


def dead_here(h: Holder | None) -> bool:
    """A holder on this host whose process is gone."""
    return h is not None and h.on_this_host() and not pid_alive(h.pid)


# --- what this process holds ---------------------------------------------------------------

@dataclass
class _Held:
    folder: Path
    token: str
    depth: int
    command: str
    stop: threading.Event
    beat: threading.Thread | None
    # the thread that took it, which alone takes it again as a further level: another thread of this process (a
    # script's scheduler running two jobs of one shop at once) waits for it as a second process does
    thread: int = 0


_held: dict[str, _Held] = {}
_mutex = threading.RLock()
# how a waiting writer is told who holds the lock (the CLI prints it; a button shows it)
on_wait = None  # Callable[[Holder | None, float], None]
# what the holder is doing, as a person would recognise it (the CLI sets its command line)
label: str | None = None


class _Step(threading.local):
    """Which step of the holder's job runs, as its run names the step to the person (daily's 拣货单 / pick list: zh,
    en): per thread, as jobs are (files._here: a script's two shops' dailies in two threads each name their own)."""
    now: tuple[str, str] | None = None


step = _Step()
# run once after the lock is first taken in a folder: finishing what a killed run left
after_acquire = []  # list[Callable[[Path], None]]
# and just before it is released
before_release = []  # list[Callable[[Path], None]]


# shop folder → (the holder, "dead" or the seconds its lock stood still) of a stale lock its last taking
# cleared: the job it was is said (journal.recover), or the person takes for done what it never finished
_cleared: dict[str, tuple[Holder, str | int]] = {}


def cleared(folder: Path) -> tuple[Holder, str | int] | None:
    """The stale lock the last taking of `folder`'s lock cleared (once: forgotten as it is asked)."""
    return _cleared.pop(_key(folder), None)


def cleared_words(holder: Holder, why: str | int, finished: bool = False) -> tuple[str, str]:
    """What a run says of the stale lock it cleared: whose job, why it is taken for ended, that the step it
    was in wrote nothing (`finished`: that its files were put in place from its journal, where that was a step
    of a longer job, `daily`'s pick list, whose later steps never ran), and what to do."""
    zh_why, en_why = (("它的进程已经不在了", "its process is gone") if why == "dead" else
                      (f"它的店铺锁 {why} 秒没有更新：它的进程号现在可能是另一个程序的，或那个任务被暂停了",
                       (f"its shop lock was not updated for {why} s: its process number may be another program's "
                        "now, or that job was suspended")) if holder.on_this_host() else
                      (f"它的店铺锁 {why} 秒没有更新：那台电脑可能关机、睡眠或断开了共享",
                       f"its shop lock was not updated for {why} s: that PC may be off, asleep or off the share"))
    zh_step, en_step = (("并写好了它中断时正在写的文件（见上），它之后的步骤（若有）没有做",
                         "and put in place the files it was writing (above); any steps after that were not done")
                        if finished else ("它中断时正在做的那一步什么都没有写入",
                                          "and the step it was in the middle of wrote nothing"))
    zh = (f"上一个写入任务没有正常结束（{holder.describe()}；{zh_why}）：这次运行清除了它留下的店铺锁，{zh_step}。"
          "请确认它该做的事（例如日报和邮件、拣货单）是否做完，没做完就再运行它")
    en = (f"The last writing job did not end properly ({holder.describe()}; {en_why}): this run cleared the shop "
          f"lock it left, {en_step}. Check whether what it was to do (the daily report and e-mail, a pick list …) "
          "was done, and run it again if not")
    return zh, en


def _key(folder: Path) -> str:
    return os.path.realpath(folder)


def token_of(folder: Path) -> str | None:
    """The token of the shop lock this process holds on `folder` (one run of a job: each taking a new one)."""
    with _mutex:
        h = _held.get(_key(folder))
    return None if h is None else h.token


def job_of(folder: Path) -> str:
    """The job (daily, orders review) whose run holds the shop lock this process holds on `folder`, "" for none: the
    job that took it, whatever a person started it by (label: a command line, a button)."""
    with _mutex:
        h = _held.get(_key(folder))
    return "" if h is None else h.command


def held(folder: Path) -> bool:
    return _key(folder) in _held


def held_any() -> bool:
    return bool(_held)


class TakenOver(ShopbookError):
    """The shop lock this process holds is gone or another job's: this one was judged stale while it
    stood still (a PC asleep, a process stopped, a share gone) and another may have written since."""

    def __init__(self, folder: Path, holder: Holder | None, finished: bool = False):
        self.holder, self.finished = holder, finished
        who, who_en = (f"已被另一个任务接手（{holder.describe()}）", f"another job has taken it over ({holder.describe()})") \
            if holder is not None else ("已被当作停止的任务清除", "it was cleared as a stopped job's")
        if finished:  # (its journal was there: the job that took over finished it, as it finishes a crashed one's)
            super().__init__(
                f"这个任务停顿太久（电脑睡眠、程序被挂起或网络共享断开），店铺锁{who}。接手的任务已按日志把这个任务的结果写入"
                "（在那之前被人改动过的工作簿，这个任务的版本另存在它旁边，shopbook doctor 会列出）；这个任务之后没有再写入。",
                f"This job stood still too long (the PC asleep, the program suspended or the share gone) and {who_en}. "
                "The job that took over put this job's result in place from its journal (where a workbook had been "
                "changed before, this job's version is kept beside it: shopbook doctor lists it); this job wrote "
                "nothing more.", folder)
            return
        super().__init__(
            f"这个任务停顿太久（电脑睡眠、程序被挂起或网络共享断开），店铺锁{who}：为了不覆盖别的任务可能写入的内容，"
            "这个任务没有写入它的结果。请再运行一次（有任务在运行时，等它完成）。",
            f"This job stood still too long (the PC asleep, the program suspended or the share gone) and {who_en}: "
            "so as not to overwrite what another job may have written, this job did not write its result. Run "
            "again (once any job running is done).", folder)


def check_still_held() -> None:
    """Just before a write replaces a file: each shop lock this process holds is still there with its
    token. TakenOver when it is gone or another job's (judged stale while this process stood still:
    another may have written since this one checked its workbooks were unchanged). Only this thread's: a
    script's other shop, its job in another thread, is that thread's to judge as it writes."""
    me = threading.get_ident()
    with _mutex:
        mine = [h for h in _held.values() if h.thread == me]
    for h in mine:
        end = time.monotonic() + PUT_BACK_WAIT
        while True:
            try:
                with _open_lock(Path(h.folder) / LOCK_NAME) as f:
                    holder = Holder.parse(f.read(4096))
            except FileNotFoundError:
                # gone; or taken aside this instant by a waiter breaking a stale lock, who finds it is ours and
                # puts it back by name (a share without hard links: break_stale): waited for while it is aside
                aside = _aside(h.folder, h.token)
                if aside is not None and time.monotonic() < end:
                    time.sleep(0.02)
                    continue
                if aside is None and (Path(h.folder) / LOCK_NAME).exists() and time.monotonic() < end:
                    continue  # put back between the two looks (not found, then no longer aside): read again
                # still aside after the wait (its waiter killed, its PC asleep): never put back by this job, as
                # another may have taken the shop and ended meanwhile, its work then written over by this one's
                raise TakenOver(h.folder, None) from None
            except OSError:  # cannot tell (a share's hiccup): not proof of another writer
                break
            if holder is None or holder.token != h.token:  # (none named: another's, still being written)
                raise TakenOver(h.folder, holder)
            break


PUT_BACK_WAIT = 5.0  # seconds a lock of ours taken aside by a waiter (break_stale) is waited for to be back


def _aside(folder: Path, token: str) -> Path | None:
    """A lock with `token` taken aside by break_stale (.shopbook.lock.stale-XXXXXXXX), not yet put back."""
    for p in Path(folder).glob(glob.escape(LOCK_NAME) + ".stale-*"):
        try:
            with _open_lock(p) as f:
                holder = Holder.parse(f.read(4096))
        except OSError:
            continue
        if holder is not None and holder.token == token:
            return p
    return None


def _heartbeat(path: Path, stop: threading.Event, every: float, token: str) -> None:
    while not stop.wait(every):
        try:
            with _open_lock(path) as f:
                holder = Holder.parse(f.read(4096))
            if holder is None:  # (not ours as written, yet not named another's: a torn read, a new one being written)
                continue
            if holder.token != token:  # taken over while this process stood still: another's lock, whose own
                return  # beat says whether it lives (ours would keep a crashed one from ever going stale)
            os.utime(path)
        except OSError:
            pass  # the lock is gone (doctor, a person): the job's own checks still hold


def _try_create(path: Path, holder: Holder) -> bool:
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
    except FileExistsError:
        return False
    try:
        os.write(fd, json.dumps(holder.__dict__, ensure_ascii=False).encode("utf-8"))
        os.fsync(fd)
    except BaseException:  # (a full disk makes the file but refuses its content): ours, not left
        os.close(fd)  # behind, where the next run would wait on a lock "of someone unknown"
        path.unlink(missing_ok=True)
        raise
    os.close(fd)
    from .files import share_made

    # shared as any file shopbook makes in the shop: a cron job's umask 077 made it the job's alone,
    # and a colleague could neither tell whose it was nor judge it stale
    share_made(path)
    return True


def break_stale(folder: Path, raw: bytes) -> bool:
    """Remove the lock file if it still holds `raw` (what was judged stale). A rename to
    a unique name first, so two waiters breaking it at once cannot remove a fresh lock
    taken in between: the one whose renamed file is not what it judged puts it back."""
    path = Path(folder) / LOCK_NAME
    aside = path.with_name(f"{LOCK_NAME}.stale-{uuid.uuid4().hex[:8]}")
    try:
        os.rename(path, aside)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    try:
        if aside.read_bytes() == raw:
            return True
        try:  # we took a live lock aside: back, unless a newer one exists
            os.link(aside, path)
        except FileExistsError:
            pass
        except OSError:  # a share without hard links (SMB): back by name, never over a newer one
            if not os.path.lexists(path):
                try:
                    os.rename(aside, path)
                except OSError:
                    pass
        return False
    finally:
        aside.unlink(missing_ok=True)


def acquire(folder: Path, command: str) -> str:
    """Take the lock (or a further level of it); returns its token."""
    folder = Path(folder)
    k = _key(folder)
    with _mutex:
        h = _held.get(k)
        if h is not None and h.thread == threading.get_ident():
            h.depth += 1
            return h.token
    path = folder / LOCK_NAME
    me = Holder(host_name(), user_name(), os.getpid(), label or command,
                dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S %z"), uuid.uuid4().hex, boot_id(), command)
    limit = wait_seconds()
    stale_seconds()  # (one that does not read stops here, before a lock is made: never after, the lock left behind)
    start = time.monotonic()
    gone = None
    seen: tuple[bytes, int] | None = None
    seen_since = start
    # (a state of the lock, long_silent of it, its share_age as it was first seen less the seconds watched then)
    silent: tuple[tuple[bytes, int] | None, bool, float] = (None, False, 0.0)
    last_told = -1e9
    delay = 0.05
    while True:
        try:
            if _try_create(path, me):
                break
        except (FileNotFoundError, NotADirectoryError):
            raise no_shop_folder(folder) from None
        except PermissionError:  # a colleague's folder (drwxr-xr-x), a share this user may only read
            from .files import owner_name

            who = owner_name(folder)
            raise ShopbookError(
                f"没有在店铺文件夹 {folder} 里建立文件的权限（这个文件夹属于 {who}）：shopbook 写入前要在里面建立锁文件 "
                f".shopbook.lock，所以什么都没有写入。请让 {who} 或管理这个共享文件夹的人给你们写入它的权限"
                "（例如 chmod g+w，或在 Windows 的“安全”里允许修改），再运行。",
                f"No permission to make a file in the shop folder {folder} (it belongs to {who}): shopbook makes its "
                "lock file .shopbook.lock there before it writes, so nothing was written. Ask "
                f"{who} or whoever manages the shared folder to let you write in it (e.g. chmod g+w, or Modify in "
                "its Windows Security settings), then run again.", folder) from None
        except OSError as e:  # a read-only share
            if e.errno == errno.EROFS:  # (its strerror is English whatever the shop's language)
                raise ShopbookError(
                    f"店铺文件夹 {folder} 在只读的磁盘或共享上：shopbook 写入前要在里面建立锁文件 .shopbook.lock，所以什么都"
                    "没有写入。只看不改的命令（validate、selfcheck）在这里照常运行；要写入，请在可写的店铺文件夹里运行"
                    "（或请管理这个共享的人把它设为可写）。",
                    f"The shop folder {folder} is on a read-only disk or share: shopbook makes its lock file "
                    ".shopbook.lock there before it writes, so nothing was written. Commands that only read "
                    "(validate, selfcheck) run here as usual; to write, run in a shop folder that can be written (or ask "
                    "whoever manages the share to make it writable).", folder) from None
            from .files import FREE_SPACE, NO_SPACE, os_reason

            if e.errno in NO_SPACE:
                raise ShopbookError(
                    "店铺文件夹所在的磁盘没有空间了（或配额已用完），连锁文件 .shopbook.lock 都建立不了：什么都没有写入。"
                    + FREE_SPACE[0],
                    "The disk of the shop folder is full (or a quota is used up): not even the lock file .shopbook.lock "
                    "could be made, so nothing was written. " + FREE_SPACE[1], folder) from None
            why = os_reason(e)
            raise ShopbookError(f"无法在店铺文件夹里建立锁文件 .shopbook.lock（{why[0]}）：为了安全，什么都没有写入。",
                                f"Cannot create the lock file .shopbook.lock in the shop folder ({why[1]}): "
                                "to be safe, nothing was written.", folder) from None
        holder, st, raw = read_holder(folder)
        now = time.monotonic()
        if st is not None:
            state = (raw, st.st_mtime_ns)
            if state != seen:
                seen, seen_since = state, now
            # dead here; silent for the staleness time by our own clock; or, without waiting that long,
            # silent ten times over by the file's own times (a lock a crash left on the share hours ago;
            # never one a PC whose clock is behind beats on). One that names nobody yet is judged so too,
            # never sooner: on a slow network share its holder's content can take seconds to show here
            # (and a holder stalled between making it and writing it lives): broken sooner, its job ran
            # beside ours, and stopped as "taken over"
            if silent[0] != state:  # (the share's clock read once for each state of the lock, not each look)
                age = share_age(folder, st)  # (the share's clock read once, for long_silent and an empty lock)
                silent = (state, long_silent(folder, st, age), age - (now - seen_since))
            # a lock that names nobody is never beaten on: silent the staleness time since it was made or last
            # written, by the share's clock, it is stale, however long this waiter has watched it (waits shorter
            # than the staleness time never watched it long enough, and it stood until ten times stale)
            empty_stale = holder is None and silent[2] + (now - seen_since) >= stale_seconds()
            if dead_here(holder) or now - seen_since >= stale_seconds() or silent[1] or empty_stale:
                if break_stale(folder, raw):
                    if holder is not None:  # (said by journal.recover, with what it finishes of that job)
                        # (its silence by the share's clock, not this PC's: one an hour ahead said 3660 s of a minute)
                        gone = (holder, "dead" if dead_here(holder) else
                                int(max(now - seen_since, silent[2] + (now - seen_since))))
                    continue
                # not removed: a live lock put back (waited for below, never spun on), or one this user may
                # not remove, which no wait ends
                from .files import sticky_owners

                if (owners := sticky_owners(path)) is not None:
                    (mine, boss), (who, who_en) = owners, holder_words(holder)
                    raise ShopbookError(
                        f"店铺锁是一个已经不在运行的任务留下的（{who}），但 {user_name()} 不能清除它：店铺文件夹设置了粘滞位"
                        f"（sticky，chmod +t），在这样的文件夹里只有文件的主人（{mine}）能删除它。什么都没有写入。请让 {mine} "
                        f"运行 shopbook doctor（或删除这个文件），再运行；也请 {boss} 或管理这个共享文件夹的人去掉粘滞位"
                        f"（chmod -t {folder}），否则大家也不能互相更新对方保存过的工作簿。",
                        f"The shop lock was left by a job that is no longer running ({who_en}), but {user_name()} cannot "
                        f"clear it: the shop folder has the sticky bit set (chmod +t), and in such a folder only a file's "
                        f"owner ({mine}) may delete it. Nothing was written. Ask {mine} to run shopbook doctor (or delete "
                        f"the file), then run again; and ask {boss} or whoever manages the shared folder to remove the "
                        f"sticky bit (chmod -t {folder}), or colleagues cannot update the workbooks each other saved "
                        "either.", path)
        if now - start >= limit:
            if st is None and (words := unreadable_words(folder)) is not None:
                raise ShopbookError(f"等了 {int(limit)} 秒，店铺锁仍在：{words[0]}；什么都没有写入。",
                                    f"Waited {int(limit)} s and the shop lock is still there: {words[1]}; nothing "
                                    "was written.", folder)
            who, who_en = holder_words(holder)
            raise ShopbookError(
                f"店铺正被另一个写入任务占用（{who}），等了 {int(limit)} 秒仍未结束。请等它完成后再运行；什么都没有写入。"
                "若确定没有任务在运行，可用 shopbook doctor 清除。",
                f"The shop is locked by another writing job ({who_en}); it did not finish within {int(limit)} s. "
                "Run again once it is done; nothing was written. If no job is running, shopbook doctor clears it.",
                folder)
        # told once the holder can be named: a lock file that names nobody yet is one its holder is writing
        # this instant (or gone): read again in a moment, never said as "of someone unknown" meanwhile; unless
        # it stays so (a slow share; or a crash left it so), waited for until it is stale: then said as it is
        if on_wait is not None and now - last_told >= 5.0 and (holder is not None or (
                st is None and unreadable_words(folder) is not None) or (st is not None and now - seen_since > 2.0)):
            last_told = now
            global _waiting_in
            _waiting_in = folder if st is None else None
            try:
                on_wait(holder, now - start)
            finally:
                _waiting_in = None
        time.sleep(delay)
        delay = min(delay * 1.5, 0.5)
    from .background import CAN_THREAD

    stop = threading.Event()
    beat = None
    if CAN_THREAD:  # xlwings Lite has no threads (and one user per file system: nobody to wait)
        beat = threading.Thread(target=_heartbeat, args=(path, stop, max(stale_seconds() / 4, 0.2), me.token),
                                name="shopbook-lock-heartbeat", daemon=True)
        beat.start()
    with _mutex:
        _held[k] = _Held(folder, me.token, 1, command, stop, beat, threading.get_ident())
        if gone is not None:
            _cleared[k] = gone
        else:
            _cleared.pop(k, None)
    try:
        for fn in after_acquire:
            fn(folder)
    except BaseException:
        release(folder)
        raise
    return me.token


def release(folder: Path) -> None:
    k = _key(folder)
    with _mutex:
        h = _held.get(k)
        if h is None:
            return
        h.depth -= 1
        if h.depth > 0:
            return
    try:
        for fn in before_release:
            fn(h.folder)
    finally:
        with _mutex:
            _held.pop(k, None)
        h.stop.set()
        holder, _, _ = read_holder(h.folder)
        end = time.monotonic() + PUT_BACK_WAIT
        while holder is None and time.monotonic() < end:
            # taken aside this instant by a waiter who puts it back (break_stale): removed once back, or it stood
            # after this job, and the next one waited for it, or said this job had not ended properly
            if _aside(h.folder, h.token) is None:
                holder, _, _ = read_holder(h.folder)  # (put back between the two looks: removed all the same)
                break
            time.sleep(0.02)
            holder, _, _ = read_holder(h.folder)
        if holder is None and (aside := _aside(h.folder, h.token)) is not None:  # (its waiter gone meanwhile)
            aside.unlink(missing_ok=True)
        if holder is not None and holder.token == h.token:  # never remove a lock someone else took
            (Path(h.folder) / LOCK_NAME).unlink(missing_ok=True)


@contextmanager
def shop_lock(folder: Path, command: str = "shopbook"):
    acquire(folder, command)
    try:
        yield
    finally:
        release(folder)


def _forget_after_fork() -> None:
    """A forked child does not hold its parent's locks."""
    global _mutex
    _held.clear()
    _mutex = threading.RLock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_after_fork)
