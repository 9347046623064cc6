"""`shopbook daily`, the main job, and `shopbook email`.

validate → import what waits in inbox/ → order review → pick list → stock alerts →
KPI → the daily report workbook → the e-mail. A failing step is reported and the
steps that do not depend on it still run; the result says whether all went well.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..io import background, journal, lock
from ..io.files import BeingSaved, note_moved
from ..io.journal import locks_shop
from ..io.limits import move_into
from ..io.reader import gc_paused, parse_begun
from ..issues import DataStop, ShopbookError, cell_said, data_stop, en_count, issue_said, value_after
from ..shop import Shop, day_given
from ..sync_copies import copy_words, shop_copies
from . import chart_names, mail, sent_log
from .daily import FROM_ORDERS, ChartDrawer, DailySummary, kpi_rows, render_email, write_daily_workbook

INBOX_PATTERNS = ("*.csv", "*.xlsx", "*.xls")


def gifts_short_said(res, lang: str) -> list[str]:
    """Each gift that ran out in the pick list (PickResult.no_gift), for the daily report, its e-mail
    and the group message: how many orders ship without it and where they are said (their 赠品 cells)."""
    from ..orders.workflow import _first_ten
    from ..schema import ORDERS, OrderLine

    zh = lang == "zh"
    where = (f"{ORDERS.filename} › {OrderLine.zh if zh else OrderLine.en} › "
             f"{OrderLine.column('gifts').header(lang)}")
    out = []
    # a list cut at ten says where the whole is: the pick notes (reports/拣货提示-BATCH.csv), as the screen does
    notes = f"reports/{res.notes_file.name}" if getattr(res, "notes_file", None) else None
    for sku, nos in res.no_gift.items():
        shown, shown_en = _first_ten(nos, notes)
        out.append(f"拣货单：赠品 {sku} 不够，{len(nos)} 个订单没有送（照常拣货，批次 {res.batch}；实际送的写在 {where}）：{shown}"
                   if zh else f"Pick list: gift {sku} ran out, {en_count(len(nos), 'order')} picked without it (batch "
                   f"{res.batch}; what each is packed with is in {where}): {shown_en}")
    return out


def _push_bots(shop: Shop, summary, zh: bool, once: bool = False) -> str:
    """The day's summary to each group bot; one that fails waits in outbox/bots/ (✗: not pushed).
    `once`: a group that took this very summary already is not sent it again (–)."""
    from .bots import daily_summary, push

    pushes = push(shop.config, shop.outbox, daily_summary(summary), once=once)
    if pushes and all(p.already for p in pushes):
        at = max(p.already for p in pushes)
        raise Kept(f"每个群在 {at} 已收到这份日报，内容没有变化：不再推送（要再推一次：shopbook daily --force）" if zh else
                   f"every group had this daily summary at {at} and it says nothing new: not pushed again "
                   "(to push it anyway: shopbook daily --force)")
    failed = [p for p in pushes if not p.sent]
    if failed:
        raise Incomplete(("；" if zh else "; ").join(f"{p.said(zh)}：{p.error_zh.rstrip('。')}" if zh else f"{p.said(zh)}: {p.error}" for p in failed)
                         + (" —— 存入 outbox/bots/，用 shopbook push --retry 重发" if zh else
                            " — kept in outbox/bots/; shopbook push --retry sends it"))
    return (f"已推送 {len(pushes)} 个群" if zh else f"pushed to {en_count(len(pushes), 'group')}")


class StepEnd(Exception):
    """A step that ended other than ✓, its kind the mark (the subclasses), `detail` its line."""

    by_button = ""  # the line as the 日报 button's box says it, where it names a command line ("": as detail)

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


class Incomplete(StepEnd):
    """A step that ran but did not do its whole job (validation found errors, lines were
    refused): ✗ with its detail, and the run's exit code says so. `blocks`: whether the steps
    that need it are skipped (a 生意参谋 figure that differs from 日报 is the KPI's problem, not the
    orders': the review and the pick list still run)."""

    def __init__(self, detail: str, blocks: bool = True):
        super().__init__(detail)
        self.blocks = blocks


class Kept(StepEnd):
    """Nothing went wrong, but the step's job was not done as such (no SMTP server:
    the e-mail is kept, not sent): –, not ✓."""


PICK_SHOWN = 30  # orders of each list the pick list step names (as `picklist` prints them), then how many more


class Partly(StepEnd):
    """A step that did its job for all it could and left the rest for a person (the pick list made,
    an approved order short of its goods not in it): !, not ✓; not a failure (the steps that need
    it run) but the run exits 1 (DailyRun.needs_a_person), and not – (it was done). `loud` False: !
    and no more, the run's exit as `picklist`'s (orders picked without a gift that ran out: they ship)."""

    def __init__(self, detail: str, loud: bool = True):
        super().__init__(detail)
        self.loud = loud


STEP_MARKS = {True: "✓", False: "✗", None: "–"}  # did its whole job · failed or did part of it · not done


@dataclass
class Step:
    """One step of the daily job: its name and (zh, en) label, ok (None: not done), its line and the
    files it wrote."""

    name: str
    label: tuple[str, str]
    ok: bool | None = None  # None: skipped
    detail: str = ""
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)
    ran: bool = False  # False: skipped (the steps that need it are skipped too)
    blocks: bool = True  # when it failed: whether the steps that need it are skipped
    partly: bool = False  # ok, with some of its job left for a person (Partly): !
    loud: bool = True  # a Partly that makes the run exit 1 (Partly.loud)
    by_button: str = ""  # its line as the 日报 button's box says it (StepEnd.by_button); "": as detail

    @property
    def mark(self) -> str:
        """✓ did its whole job, ! did it and left some for a person, ✗ failed, – not done."""
        return "!" if self.ok and self.partly else STEP_MARKS[self.ok]


@dataclass
class DailyRun:
    """run_daily(): the report's day, each step as it went, the report and e-mail written, parcels to
    pull. `ok`: no step failed; `needs_a_person`: `shopbook daily` exits 1. to_json() is `daily --json`."""

    date: dt.date
    steps: list[Step]
    report: Path | None = None
    email: Path | None = None
    summary: DailySummary | None = None
    delivery: mail.Delivery | None = None  # how the e-mail went, when it was sent or tried
    # when the day's job already ran on exactly these files and nothing changed since: that
    # run's time (and no step ran now)
    standing: str | None = None
    standing_kept: bool = False  # that run's e-mail was kept in outbox/, no SMTP server being set: never sent
    # that run's steps marked ! that leave the run's exit 0 (orders packed without a gift that ran out), as
    # (mark, zh, en): said again, never a bare ✓ (a second press of the 日报 button read "done", and no word
    # that 33 parcels went without their gift)
    standing_notes: list = field(default_factory=list)
    # that run's ! steps as its --json gave them: a cron job reading `daily --json` again is told them, as the
    # screen says them again (before: "steps": [] and "ok": true, all well, while the screen said the gift)
    standing_steps: list = field(default_factory=list)
    pull: list[str] = field(default_factory=list)  # picked, then cancelled or held: parcels a person must take out
    # an interrupted job's files this run's taking of the lock put in place or kept aside (io.journal)
    recovered: list = field(default_factory=list)
    # versions an earlier run kept beside a workbook changed since, still there: said on every run until merged
    unmerged: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(s.ok is not False for s in self.steps)

    @property
    def kept(self) -> list:
        """The interrupted job's versions kept beside a workbook a person changed since: to merge."""
        return [f for f in self.recovered if f.kept]

    @property
    def needs_a_person(self) -> bool:
        """A parcel to pull, a kept version to merge, a step that did part of its job (!: the pick
        list left an order short of its goods out, as `picklist` exits 1 for it): the run exits 1
        however its other steps went, and the 日报 button's box is the loud one."""
        return bool(self.pull or self.kept or self.unmerged) or self.partly

    @property
    def partly(self) -> bool:
        """A step did part of its job and left the rest for a person (!, Partly.loud)."""
        return any(s.partly and s.loud for s in self.steps)

    def said(self, steps: bool = True, by_button: bool = False) -> list[tuple[str, str, str]]:
        """What `shopbook daily` and the 日报 button say of the run: (mark, zh, en) a step a line
        with what it wrote under it (the CLI puts `steps` in its table), what – means, the report,
        the e-mail and a version kept for a person to merge. A step's detail is in the shop's
        language already. `by_button`: as the 日报 button's box says it (the buttons to press where a
        step's line names a command line: step_by_button)."""
        out = []
        for s in self.steps if steps else ():
            out += [(m, step_by_button(zh, "zh"), step_by_button(en, "en")) if by_button else (m, zh, en)
                    for m, zh, en in self.said_of(s, by_button)]
        if any(s.ok is None for s in self.steps):  # not a failure, not done either: why is in its line
            out.append(("", "（– 表示没有做：跳过或留到下次，原因写在那一步；不是失败）",
                        "(– means not done: skipped or kept for later, the step says why; not a failure)"))
        if self.standing:  # (its further lines under it, as a cron job's log had them)
            out += [(m, zh.replace("\n", "\n  "), en.replace("\n", "\n  ")) for m, zh, en in self.standing_notes]
        if self.report:
            out.append(("", f"日报：{self.report}", f"report: {self.report}"))
        if self.email:
            out.append(("", f"邮件：{self.email}", f"e-mail: {self.email}"))
        if self.standing and self.pull:  # still to be taken out (a run's own are in its steps): cut as picklist's
            from ..orders.workflow import pulls_said

            out += pulls_said(dict.fromkeys(self.pull), PICK_SHOWN)
        out += [("!!", *journal.merge_words(f)) for f in self.kept]  # why it needs a person (said in full in problems)
        out += [("!!", *journal.unmerged_words(p)) for p in self.unmerged]
        return out

    @staticmethod
    def said_of(s: Step, by_button: bool = False) -> list[tuple[str, str, str]]:
        """A step's line and the files it wrote under it, as `said` gives them (`by_button`: its line as the 日报
        button's box says it, Step.by_button)."""
        line = (s.by_button or s.detail) if by_button else s.detail
        return [(s.mark, f"{s.label[0]}：{line}", f"{s.label[1]}: {line}"),
                *(("", f"  {o}", f"  {o}") for o in s.outputs if str(o) not in s.detail)]  # (its line names it)

    def to_json(self) -> dict:
        ok = self.ok and all(s.get("ok") is not False for s in self.standing_steps)  # (that run's, standing)
        return {"date": self.date.isoformat(), "ok": ok, "report": str(self.report) if self.report else None,
                "email": str(self.email) if self.email else None,
                # ISO, as every date of --json (the record keeps it as the screen says it: 2026-11-22 08:15)
                "unchanged_since": self.standing.replace(" ", "T") if self.standing else None,
                "pull": self.pull, "recovered": [journal.recovery_json(f) for f in self.recovered],
                "unmerged": [str(p) for p in self.unmerged],
                "steps": self.standing_steps if self.standing else [self.step_json(s) for s in self.steps]}

    @staticmethod
    def step_json(s: Step) -> dict:
        return {"step": s.name, "ok": s.ok, "mark": s.mark, "detail": s.detail,
                "seconds": round(s.seconds, 3), "outputs": [str(p) for p in s.outputs]}


def _warm_up_in_background(began: threading.Event | None = None, charts: bool = True) -> None:
    """Load the address table (review) and, with `charts`, the chart library (report) while
    validation waits on reading the workbooks: half a second the morning job need not spend
    later. `began`: an event to wait for first (the reads' own checks before their parse hold the
    GIL: daily cold 3.16 → 3.04 s). No charts where a copy of the job draws them (ChartDrawer)."""

    def load() -> None:
        if began is not None:
            began.wait(60)
        try:
            if charts:
                # charts first: it sets matplotlib's backend before pyplot exists. Importing pyplot
                # first raced the report step's import of charts, whose matplotlib.use() then found
                # a half-imported pyplot ("partially initialized module … switch_backend")
                from ..report import charts as chart_library
                import matplotlib.pyplot  # noqa: F401

                chart_library.cjk_font()
            from ..orders.address import _cpca

            _cpca()
            from .daily import load_templates

            load_templates()  # the e-mail's templates compiled (0.025 s)
        except Exception:  # noqa: BLE001 - only a head start: the steps load what they need themselves
            pass

    if background.CAN_THREAD:
        threading.Thread(target=load, name="shopbook-warm-up", daemon=True).start()


def _inbox_files(shop: Shop) -> list[Path]:
    """What waits in inbox/ for the daily job to import."""
    inbox = shop.folder / "inbox"
    return sorted({p for pat in INBOX_PATTERNS for p in inbox.glob(pat)}) if inbox.is_dir() else []


def _record_key(shop: Shop, today: dt.date, date: dt.date) -> dict:
    """What a run of the whole job depends on besides the workbooks: the day it runs, the day it
    reports, shopbook.toml (as the run started)."""
    from ..config import CONFIG_NAME
    from ..io import memo

    return {"today": today.isoformat(), "date": date.isoformat(),
            "config": memo.file_state(shop.folder / CONFIG_NAME),
            # a sync copy come (or gone) since: the day's report says something new
            "copies": [[c.path.name, c.changed.isoformat()] for c in _sync_copies(shop)]}


def _sync_copies(shop: Shop):
    return shop_copies(shop.folder)


def _standing(shop: Shop, today: dt.date, date: dt.date) -> DailyRun | None:
    """The last run of the whole job for `date`, when it finished clean today and the
    workbooks, shopbook.toml and inbox/ are as it left them and its report is still there:
    running every step again would only make the same report and send the same e-mail twice."""
    from ..io import memo
    from ..schema import WORKBOOKS

    if _inbox_files(shop):
        return None
    key = memo.inputs(shop.folder, [w.filename for w in WORKBOOKS], **_record_key(shop, today, date))
    rec = memo.load(shop.folder, "daily", key)
    if rec is None:
        return None
    try:
        # (kept relative to the shop folder: cron's `daily shop` and a person's `daily .` find the same files)
        report = _in_shop(shop, rec["report"])
        if memo.file_state(report) != rec["report_state"]:  # moved, deleted or edited since: made again
            return None
        return DailyRun(date, [], report, _in_shop(shop, rec["email"]) if rec.get("email") else None, standing=rec["at"],
                        standing_kept=rec.get("kept") is True, unmerged=journal.unmerged(shop.folder),
                        pull=list(rec.get("pull") or []),  # still to be taken out: the files are as it left them
                        standing_notes=[tuple(n) for n in rec.get("notes") or []],
                        standing_steps=[dict(s) for s in rec.get("steps") or []])
    except (KeyError, TypeError, ValueError):
        return None


def _from_shop(shop: Shop, path: Path) -> str:
    """A file of the shop as the run record keeps it: relative to the shop folder, whatever folder
    the command was run from (a record kept as `rr1/reports/…` was missed from inside rr1)."""
    try:
        return Path(os.path.relpath(Path(path).resolve(), shop.folder.resolve())).as_posix()
    except ValueError:  # (another drive, on Windows)
        return str(Path(path).resolve())


def _in_shop(shop: Shop, kept: str) -> Path:
    """A file the run record keeps, as a path that reads from here (what the person is shown)."""
    p = Path(kept)
    return p if p.is_absolute() else shop.folder / p


def _record(shop: Shop, run: DailyRun, today: dt.date, key: dict) -> None:
    """Keep a clean run of the whole job for `_standing` (a run with a ✗ is not kept: the next
    run tries again; nor one with a !: a run standing on it said ✓ and exited 0, and the approved
    orders the pick list left out short of their goods went unsaid until someone edited a file)."""
    from ..io import memo
    from ..schema import WORKBOOKS

    if (not run.ok or run.partly or run.report is None or _inbox_files(shop)
            or _record_key(shop, today, run.date) != key):
        return
    left = memo.as_left(shop.folder, [w.filename for w in WORKBOOKS], **key)
    state = memo.file_state(run.report)
    if left is not None and state:
        memo.store(shop.folder, "daily", left, {
            "at": dt.datetime.now().strftime("%Y-%m-%d %H:%M"), "report": _from_shop(shop, run.report),
            "report_state": state, "email": _from_shop(shop, run.email) if run.email else None, "pull": run.pull,
            "notes": [line for s in run.steps if s.mark == "!" for line in run.said_of(s)],
            # (daily --json standing on it gives them, as the screen says them again: a clean run's none)
            "steps": [run.step_json(s) for s in run.steps if s.mark == "!"],
            # (a run whose e-mail step found that report sent already has no delivery: not "kept")
            "kept": bool(run.delivery is not None and not run.delivery.sent and not shop.config.smtp.host)})


def stop_said(e: ShopbookError, lang: str) -> str:
    """A step's stop in the shop's language, after the name of the file it is about (not twice: a
    stop_on about stock.xlsx begins with it)."""
    said = e.zh if lang == "zh" else e.en
    name = Path(e.path).name if e.path else ""
    return said if not name or said.startswith(name) else name + ("：" if lang == "zh" else ": ") + said


def selfcheck_into(shop: Shop, summary: DailySummary) -> str:
    """The self-check of the morning after the summary's day, today's for today's report (what each role
    must see to) put in `summary`, for the report's sheet, the e-mail and the group bots alike; what stopped it, said
    among its problems too, or "" where it was made. A past day's report (summary.now) has none:
    the orders and cases stand as they do now, so that day's morning cannot be told (an order held
    then and shipped since, a batch picked now named for that day read as late); its past_note says
    so and where today's is."""
    from .selfcheck import below_target, over_target, read_selfcheck, role_label

    if summary.now is not None:
        return ""
    try:
        # (today's own report, made before the day is over: today's, not tomorrow's, when a case due today is
        # not yet overdue)
        day = min(summary.date + dt.timedelta(days=1), _today())
        # the report's day with no 日报 row in a shop that keeps one (its 生意参谋 download not imported): said
        # among the planner's items, as `shopbook selfcheck` says it (no KPI under target is no "traffic on target")
        kept = {d.date for d in summary.history if not d.from_orders}
        missing = (summary.date if day > summary.date and summary.date not in kept
                   and any(x < summary.date for x in kept) else None)
        summary.selfcheck = read_selfcheck(shop, day, below_target(summary.kpi), over_target(summary.kpi), missing)
    except ShopbookError as e:
        failed = stop_said(e, summary.lang)  # the workbook named: 自查 reads several
        summary.problems.append(("自查：" if summary.lang == "zh" else "Self-check: ") + failed)
        return failed
    # a part of it not checked (a workbook that did not read: said in each role's list it stopped): the sheet is there,
    # the job not whole, said among the problems with the workbook and the roles (before: ✓, the e-mail silent)
    gaps: dict[str, list[str]] = {}
    for i in summary.selfcheck:
        if i.unchecked:
            gaps.setdefault(i.record, []).append(role_label(i.role, summary.lang))
    if gaps:
        zh = summary.lang == "zh"
        said = ("；" if zh else "; ").join(f"{book}（{'、'.join(roles)}）" if zh else f"{book} ({', '.join(roles)})"
                                          for book, roles in gaps.items())
        summary.problems.append(f"自查：{said}的部分没有检查，见日报的自查表" if zh else
                                f"Self-check: the parts of {said} were not checked: see the report's self-check sheet")
        return said
    return ""


def report_name(date: dt.date, lang: str) -> str:
    """The daily report workbook's file name in reports/ (日报-2026-11-21.xlsx)."""
    return f"{'日报' if lang == 'zh' else 'daily'}-{date:%Y-%m-%d}.xlsx"


# What the KPI step says to do where 日报 has no usable row for the day (said where its figures would be: the step, the
# e-mail, the group message, the report), each with how the 日报 button's box says it (DailyRun.said(by_button=True)):
# the ribbon's button to press, {b[control]} as the ribbon of the shop's language labels it, not a command to type
KPI_ADVICE = {
    "no_row": ("把生意参谋的下载放进 inbox/（或 shopbook kpi import），或在 kpi.xlsx 的“日报”表填上这一天。",
               " Put the 生意参谋 download in inbox/ (or shopbook kpi import), or fill in this day on kpi.xlsx's Daily "
               "sheet.",
               "把生意参谋的下载放进 inbox/（或按“{b[btnImportKpi]}”选它），或在 kpi.xlsx 的“日报”表填上这一天。",
               " Put the 生意参谋 download in inbox/ (or press {b[btnImportKpi]} and choose it), or fill in this day on "
               "kpi.xlsx's Daily sheet."),
    "unread": ("日报里有读不出的单元格（见 shopbook validate），这一天的行可能是其中之一。",
               " Some Daily cells do not read (see shopbook validate): this day's row may be one.",
               "日报里有读不出的单元格（在 kpi.xlsx 里按“{b[btnValidate]}”，它的“{issues[0]}”表列出），这一天的行可能是其中之一。",
               " Some Daily cells do not read (press {b[btnValidate]} in kpi.xlsx: its {issues[1]} sheet lists them): "
               "this day's row may be one."),
}


def _validate_by_button(said: str, v, zh: bool) -> str:
    """The validate step's line `said` as the 日报 button's box says it: then where its errors are seen from Excel, the
    workbooks to press 校验 in, those of them that read; each one missing or not reading (or shopbook.toml), which
    Excel cannot open to press it in, with what validate says to do (put it back, shopbook init, save it as .xlsx)."""
    from ..addin.build import button_label
    from ..validate.run import NOT_VALIDATED
    from ..validate.write import ISSUES_TITLES

    k = 0 if zh else 1
    read = [i for i in v.errors if not i.book or i.book in v.books]
    apart = {}  # each workbook that did not read (or is missing) → its words, once
    for i in v.errors:
        if i.book and i.book not in v.books and i.book not in apart:
            msg = (i.message_zh if zh else i.message_en).removesuffix(NOT_VALIDATED[k])
            apart[i.book] = msg if i.book in msg else f"{i.book}{'：' if zh else ': '}{msg}"
    out = said
    if read:
        books = ("、" if zh else ", ").join(dict.fromkeys(i.book for i in read if i.book)) or \
            ("各个工作簿" if zh else "each workbook")
        b = button_label("btnValidate")[k]
        out += (f"（在 {books} 里按“{b}”，它的“{ISSUES_TITLES['zh']}”表列出每一个）" if zh else
                f" (press {b} in {books}: its {ISSUES_TITLES['en']} sheet lists each)")
    for words in apart.values():  # (a sentence each: the words end as they end, once)
        out += ("" if out.endswith(("。", ".")) else "。" if zh else ".") + ("" if zh else " ") + words
    return out


def step_by_button(text: str, lang: str) -> str:
    """A step's line as the 日报 button's box says it: KPI_ADVICE's command lines as the buttons to press."""
    if "shopbook" not in text:
        return text
    from ..addin.build import button_label
    from ..validate.write import ISSUES_TITLES

    k = 0 if lang == "zh" else 1
    names = {"b": {c: button_label(c)[k] for c in ("btnImportKpi", "btnValidate")},
             "issues": (ISSUES_TITLES["zh"], ISSUES_TITLES["en"])}
    for words in KPI_ADVICE.values():
        text = text.replace(words[k], words[2 + k].format(**names))
    return text


# a report of today: its figures are the day's so far (the orders paid by now, a 生意参谋 row of the day's
# live figures), which a whole day's median would call a fall of most of the shop's trade
# a report of today with no order yet and no 日报 row: the advice to put the day's 生意参谋 download in inbox/
# was one `kpi import` refuses (a day not over: its figures are not final)
NOTHING_YET = ("{date} 是今天，还没有过完：还没有订单；生意参谋这一天的数据要等它过完才能下载（明天的日报会有）。",
               "{date} is today and not over: no orders yet, and 生意参谋's figures for it can be downloaded once it "
               "is over (tomorrow's report has them).")
TODAY_SO_FAR = ("{date} 是今天，还没有过完：数字只是到现在为止的，目标和中位数比不出什么，不判断异常。",
                ("{date} is today and not over: its figures are so far only, not comparable with the targets and "
                 "the medians, and no anomalies are judged."))


def _today() -> dt.date:
    """The day the job runs (one place, which a test of a fixed day's morning sets to the day after)."""
    return dt.date.today()


# the daily job's steps in the order they run (Step.name): what steps_only may name
STEP_NAMES = ("validate", "inbox-check", "inbox", "review", "picklist", "stock", "kpi", "report", "email", "bots")


def steps_in_whole_job(shop: Shop, send: bool = True) -> int:
    """How many steps run_daily's whole job begins (a progress bar's total): the group bots' only
    where shopbook.toml sets some, as the job pushes them."""
    return len(STEP_NAMES) - (0 if send and shop.config.bots else 1)


def _steps_named(steps_only) -> tuple[str, ...] | None:
    """steps_only as run_daily takes it: one name or several, each a step (a name no step has ran
    nothing, and the run said ok)."""
    if steps_only is None:
        return None
    names = (steps_only,) if isinstance(steps_only, str) else tuple(steps_only)
    unknown = [n for n in names if n not in STEP_NAMES]
    if unknown:
        raise ShopbookError(f"steps_only 里没有这个步骤：{'、'.join(map(str, unknown))}。步骤有：{'、'.join(STEP_NAMES)}。",
                            f"steps_only names no step: {', '.join(map(str, unknown))}. The steps are: "
                            f"{', '.join(STEP_NAMES)}.")
    return names


@locks_shop("daily")
@gc_paused()
def run_daily(shop: Shop, date: dt.date | None = None, progress: Callable[[str], None] | None = None,
              send: bool = True, steps_only: tuple[str, ...] | None = None, write=None,
              stand_if_unchanged: bool = False) -> DailyRun:
    """The morning job for `date` (yesterday by default). `write` is how the steps write the
    shop's workbooks (the Excel button's writer puts the open book's edits into it live).
    `stand_if_unchanged`: when this whole job already ran clean today for `date` and nothing
    changed since, say so instead of running it again (`shopbook daily`; `--force` runs it).
    `steps_only`: run only those of STEP_NAMES (the others are not in `steps`). `progress(label)` is
    called as each step begins. `send` False: the e-mail is kept in outbox/ and no group bot is
    pushed (a script's trial run)."""
    steps_only = _steps_named(steps_only)
    today = _today()
    date = day_given(date) or today - dt.timedelta(days=1)
    if date > today:  # a report of days to come: a pick batch named for them, an e-mail of nothing
        raise DataStop(f"日报的日期 {date} 还没有到（今天是 {today}）：日报是今天或以前某一天的。",
                            f"The report's day {date} is still to come (today is {today}): the daily report is "
                            "of today or an earlier day.")
    whole = write is None and send and steps_only is None  # the whole job, on the files: one a record can stand for
    if whole:
        standing = _standing(shop, today, date) if stand_if_unchanged else None
        if standing is not None:
            return standing
        record_key = _record_key(shop, today, date)
    from ..kpi.metrics import (blank_targets, daily_sheets_said, day_report, days_from, days_twice, rows_without_year,
                               shop_start, targets_on, targets_read, year_typos)
    from ..io.reader import read_workbook
    from ..io.limits import set_aside
    from ..orders.platform_export import not_orders, read_table
    from ..orders.workflow import (back_words, import_orders, left_alone_said, make_picklist, pulls_said, review,
                                   review_words)
    from ..kpi.import_sycm import import_kpi, is_sycm, not_by_day, sycm_files
    from ..schema import KPI, ORDERS, AfterSalesCase, DailyKpi, OrderLine, Promotion
    from ..stock import workflow as stock
    from ..validate import validate_path

    lang = shop.lang
    zh = lang == "zh"
    colon = "：" if zh else ": "  # a zh line's punctuation full-width, an English one's ASCII
    gap = "" if zh else " "  # between two sentences: none after a Chinese 。, a space after an English full stop
    summary = DailySummary(shop.config.shop.name, date, lang)
    # a past day's (not yesterday's): the workbooks stand as they do now, not as on that day
    past = date < today - dt.timedelta(days=1)
    summary.now = today if past else None
    summary.unread = {"orders", "stock"}  # until the steps that read them have: a step skipped or failed, not known
    finished = journal.recovered(shop.folder)  # as the lock was taken: the boss reads the e-mail, not the console
    for f in finished:
        summary.problems.append(("被中断的任务：" if zh else "Interrupted job: ") + journal.recovered_words(f)[0 if zh else 1])
    # and those an earlier run kept, not merged yet: said every day until they are (doctor lists them too)
    seen = {os.path.realpath(f.kept) for f in finished if f.kept}  # (the journal's paths are real ones)
    unmerged = [p for p in journal.unmerged(shop.folder) if os.path.realpath(p) not in seen]
    summary.problems += [journal.unmerged_words(p)[0 if zh else 1] for p in unmerged]
    writer = {"write": write} if write is not None else {}
    once = None  # review and pick list set cells of orders.xlsx: written once, after the pick list
    steps: list[Step] = []
    state: dict = {}

    def step(name: str, label: tuple[str, str], fn: Callable[[], str | None], needs: tuple[str, ...] = (),
             after: tuple[str, ...] = ()):
        """`needs`: skipped when one of them failed; `after`: skipped also when one did not run (no
        review, so no pick list: "nothing to pick" would be false). The e-mail needs the report only
        not to have failed: without it the mail still goes, saying what is missing."""
        if steps_only is not None and name not in steps_only:
            return
        s = Step(name, label)
        steps.append(s)
        if progress:
            progress(label[0] if zh else label[1])
        failed = [x.label[0] if zh else x.label[1] for x in steps if x.name in needs and x.ok is False and x.blocks]
        if failed:  # named as the table names them
            s.detail = ("跳过：依赖的步骤失败：" if zh else "skipped: a step it needs failed: ") + ("、" if zh else ", ").join(failed)
            return
        unrun = [x.label[0] if zh else x.label[1] for x in steps if x.name in after and not x.ran]
        if unrun:
            s.detail = (f"跳过：{'、'.join(unrun)}没有运行" if zh else f"skipped: {', '.join(unrun)} did not run")
            return
        if "taken_over" in state:  # every later write would stop the same way: said once, on the step it stopped
            at = state["taken_over"]
            s.detail = (f"跳过：这个任务停顿太久，店铺锁已不在它手里（见“{at[0]}”）" if zh else
                        f"skipped: this job stood still too long and no longer holds the shop lock (see {at[1]})")
            return
        s.ran = True
        t = time.perf_counter()
        was, lock.step.now = lock.step.now, label  # (its journal, if it is cut short, names it as this line does: doctor)
        try:
            s.detail = fn() or ""
            s.ok = True
        except Incomplete as e:
            s.ok, s.detail, s.blocks, s.by_button = False, e.detail, e.blocks, e.by_button
        except Kept as e:
            s.ok, s.detail = None, e.detail
        except Partly as e:
            s.ok, s.partly, s.detail, s.loud = True, True, e.detail, e.loud
        except ShopbookError as e:  # the message names the file it is about
            s.ok, s.detail = False, stop_said(e, lang)
            if isinstance(e, lock.TakenOver):
                state["taken_over"] = label
            summary.problems.append(f"{label[0]}：{s.detail}" if zh else f"{label[1]}: {s.detail}")
        finally:
            lock.step.now = was
        s.seconds = time.perf_counter() - t

    def do_validate():
        v = validate_path(shop.folder)
        summary.validation = (len(v.errors), len(v.warnings))
        said = (f"{len(v.errors)} 个错误，{len(v.warnings)} 个警告" if zh else
                f"{en_count(len(v.errors), 'error')}, {en_count(len(v.warnings), 'warning')}")
        if v.unread:  # named, as `validate` names each: the steps reading them say why
            said += (f"；{len(v.unread)} 个工作簿读不出，没有校验：{'、'.join(v.unread)}" if zh else
                     f"; {en_count(len(v.unread), 'workbook')} did not read, not validated: {', '.join(v.unread)}")
        copies = _sync_copies(shop)
        for c in copies:  # a person's edits that do not count: named in the report and the e-mail, not only counted
            summary.problems.append(("同步副本：" if zh else "Sync copy: ") + copy_words(c)[0 if zh else 1])
        if copies:
            said += (f"；{len(copies)} 个同步盘留下的副本（见日报和邮件的“问题”）：" if zh else
                     f"; {en_count(len(copies), 'copy', 'copies')} a sync service left (see Problems in the report and e-mail): ") \
                + ", ".join(c.path.name for c in copies)
        if v.errors:  # the other steps still run on what reads; this one did not come out clean
            stop = Incomplete(said + ("（shopbook validate 列出每一个）" if zh else " (shopbook validate lists each)"))
            # (in Excel: the 校验 button checks the workbook it is pressed in: which ones, named; a workbook missing or
            # not reading, Excel cannot open to press it in: what validate says to do with it, said here)
            stop.by_button = _validate_by_button(said, v, zh)
            raise stop
        return said

    def do_inbox_check():
        """A file in inbox/ that does not read (corrupt, a FIFO, a bomb), or that is neither a file
        of orders nor a 生意参谋 download (an Alipay statement someone dropped there), is set aside
        with its reason: ✗ here, and the import goes on with the others."""
        files = _inbox_files(shop)
        refused, arriving = [], []
        for f in files:
            try:
                tables = read_table(f)
                if not any(map(is_sycm, tables)) and (why := not_orders(f, tables)) is not None:
                    raise why
                if (why := not_by_day(f, tables)) is not None:  # a week's totals: no day of 日报's, ever
                    raise why
            except BeingSaved:  # still arriving (a download, a sync): left for the next run, not refused
                arriving.append(f.name)
                summary.problems.append(f"{'导入 inbox：' if zh else 'import inbox: '}{f.name} " + (
                    "还在写入（下载或同步没有完成），留在 inbox/，下次运行时导入" if zh else
                    "is still being written (a download or sync not finished): left in inbox/ for the next run"))
            except ShopbookError as e:
                moved = set_aside(f, e, lang=shop.lang)
                refused.append(moved.name)
                summary.problems.append(f"{'导入 inbox：' if zh else 'import inbox: '}{f.name} "
                                        f"{e.zh if zh else e.en} → inbox/refused/{moved.name}")
        state["arriving"] = set(arriving)
        if refused:
            raise Incomplete((f"{len(refused)} 个文件无法读取或不是订单文件，已移到 inbox/refused/（原因在 .reason.txt）："
                              if zh else f"{en_count(len(refused), 'file')} could not be read or hold no orders, moved "
                              "to inbox/refused/ (reason in .reason.txt): ") + ", ".join(refused))
        if arriving:  # nothing wrong: the file is taken on the next run
            raise Kept((f"{len(arriving)} 个文件还在写入，留到下次：" if zh else
                        f"{en_count(len(arriving), 'file')} still being written, left for the next run: ")
                       + ", ".join(arriving))
        return f"{len(files)} 个文件" if zh else f"{en_count(len(files), 'file')}"

    def do_inbox():
        inbox = shop.folder / "inbox"
        files = [f for f in _inbox_files(shop) if f.name not in state.get("arriving", ())]
        if not files:
            if state.get("arriving"):
                return "没有已写完的文件" if zh else "no file has fully arrived"
            return "inbox/ 是空的" if zh else "inbox/ is empty"
        kpi_said, kpi_ok, kres = "", True, None
        sycm, tables = sycm_files(files)  # 生意参谋 downloads go to 日报, the rest are orders
        if sycm:
            where = "导入 inbox" if zh else "import inbox"
            try:
                kres = import_kpi(shop, sycm, tables=tables, **writer)
            except ShopbookError as e:  # kpi.xlsx cannot take them: 日报's problem, the orders still come in
                kpi_ok = False
                kpi_said = "；生意参谋没有导入" if zh else "; 生意参谋 not imported"
                summary.problems.append(where + ("：" if zh else ": ") + stop_said(e, lang))
            else:
                kpi_ok = kres.ok
                kpi_said = (f"；生意参谋 {len(kres.added) + len(kres.filled)} 天进日报" if zh else
                            f"; 生意参谋: {en_count(len(kres.added) + len(kres.filled), 'day')} into Daily")
                # the days whose earlier import a newer download revised: written too, never "0 days"
                if revised := len({c.date for c in kres.merge.revised} - set(kres.added) - set(kres.filled)):
                    kpi_said += (f"，按新下载更新 {revised} 天" if zh else
                                 f", {en_count(revised, 'day')} revised by a newer download")
                if same := kres.merge.unchanged:  # the same download again: its days are there, not "0 days"
                    kpi_said += (f"，{same} 天已在日报中，没有变化" if zh else
                                 f", {en_count(same, 'day')} already in Daily, unchanged")
                for i in kres.issues[:10]:
                    summary.problems.append(f"{where}{colon}{cell_said(i, shop.lang)} {i.message_zh if zh else i.message_en}")
            done = inbox / "done" / f"{today:%Y%m%d}"
            # a file whose figures differ from 日报 stays, seen (and said) again each day until they agree; so
            # do all while 日报 has a row to fix first (or kpi.xlsx could not take them). A download whose own
            # rows do not read cannot be fixed by anyone here: set aside, its other days in
            differ = set() if kpi_ok else ({c.file for c in kres.merge.conflicts} if kres and not kres.merge.replaced
                                           else set())
            daily_fix = not kpi_ok and (kres is None or any(  # (a 日报 row that does not read: merge's date issue)
                i.is_error and i.book == KPI.filename and i.field == "date" for i in kres.issues))
            refused = []
            now_at = {f.name: f for f in sycm}  # where each download is after this step: the cut list's command
            for f in sycm:
                own = [i for i in (kres.issues if kres else []) if i.is_error and i.book == f.name]
                if daily_fix or f.name in differ:
                    continue
                if own:
                    first = own[0]
                    moved = set_aside(f, ShopbookError(
                        f"{len(own)} 处读不出或对不上（第一处：{cell_said(first, 'zh')} {first.message_zh}），其余的天已导入日报。"
                        "请重新下载这个文件。", f"{en_count(len(own), 'problem')} in the file (the first: "
                        f"{cell_said(first, 'en')} {first.message_en}); its other days are in Daily. Download it again."),
                        lang=shop.lang)
                    refused.append(moved.name)
                    now_at[f.name] = moved
                else:
                    now_at[f.name] = move_into(f, done)
                    note_moved(shop.folder, now_at[f.name])  # (named by a damaged workbook's advice to run again)
            if kres is not None and len(kres.issues) > 10:  # a cut list says how many more and where they are
                rest = kres.issues[10:]
                named = [str(now_at[b]) for b in dict.fromkeys(i.book for i in rest) if b in now_at]

                def q(p) -> str:  # a path pasted as one argument (D:\My Shop, 生意参谋 (1).xls), in cmd.exe and a shell
                    return f'"{p}"' if re.search(r"[\s()&;'\"]", str(p)) else str(p)

                run = (f"shopbook kpi import {q(shop.folder)} {' '.join(map(q, named))}" if named
                       else f"shopbook validate {q(shop.folder)}")
                summary.problems.append(f"… 还有 {len(rest)} 条：{run} 列出全部" if zh else
                                        f"… {len(rest)} more: {run} lists them all")
            if refused:
                summary.problems.append(
                    f"{where}：生意参谋的下载本身有问题（见上），已移到 inbox/refused/（原因在 .reason.txt）：{', '.join(refused)}"
                    if zh else f"{where}: the 生意参谋 downloads' own rows have problems (above), moved to inbox/refused/ "
                    f"(reason in .reason.txt): {', '.join(refused)}")
            if not kpi_ok:
                kpi_said += "（见日报和邮件的“问题”）" if zh else " (see Problems in the report and e-mail)"
            if differ:  # --replace only where 日报 has a figure that differs
                names = " ".join(str(f) for f in sycm if f.name in differ)
                summary.problems.append(
                    f"{where}：生意参谋的文件留在 inbox/，每天再核对，直到日报和它一致：改正日报，或用 shopbook kpi "
                    f"import {shop.folder} {names} --replace 采用生意参谋的数" if zh else
                    f"{where}: the 生意参谋 files stay in inbox/ and are checked again each day until Daily agrees: "
                    f"fix Daily, or take 生意参谋's figures with shopbook kpi import {shop.folder} {names} --replace")
            elif daily_fix and kres is not None:
                summary.problems.append(
                    f"{where}：生意参谋的文件留在 inbox/，日报里的那一行改好后（shopbook validate 指出是哪一格）下次运行导入" if zh
                    else f"{where}: the 生意参谋 files stay in inbox/ and come in on the next run once the Daily row is "
                    "fixed (shopbook validate shows which cell)")
            files = [f for f in files if f not in sycm]
            if not files:
                if not kpi_ok:
                    raise Incomplete(kpi_said.lstrip("；; "), blocks=False)
                return kpi_said.lstrip("；; ")
        res = import_orders(shop, files, **writer)
        # lines refused, and rows of a status no reader knows (a paid order left out): not taken, said
        rejected = [i for i in res.issues if i.is_error] + res.left_out
        keep = {i.book for i in rejected}  # a file with lines refused stays, seen again tomorrow
        pair = {f["file"].split(":")[0] for f in res.files if f["kind"] in ("taobao-orders", "taobao-details")}
        if keep & pair:  # with its Taobao partner: the order list alone is refused on its own next time
            keep |= pair
        done = inbox / "done" / f"{today:%Y%m%d}"
        for f in files:  # imported files move aside, so tomorrow does not see them again
            if f.name not in keep:
                note_moved(shop.folder, move_into(f, done))
        inbox_said = '导入 inbox：' if zh else 'import inbox: '  # (a problem of this step's, as the report lists it)

        def at_inbox(i) -> str:
            return (f"{inbox_said}{cell_said(i, shop.lang)} {i.message_zh if zh else i.message_en}"
                    f"{value_after(i, shop.lang)}")

        # into the report and the e-mail: a refused order is an order not shipped
        summary.problems += [at_inbox(i) for i in rejected[:10]]
        if len(rejected) > 10:  # a cut list says how many more and where they are
            names = " ".join(f"{inbox / n}" for n in sorted(keep))
            summary.problems.append(f"… 还有 {len(rejected) - 10} 行没有导入：文件留在 inbox/，用 shopbook orders import "
                                    f"{shop.folder} {names} 查看全部" if zh else
                                    f"… {en_count(len(rejected) - 10, 'more line')} not imported: the files stay in inbox/; "
                                    f"shopbook orders import {shop.folder} {names} lists them all")
        # its warnings (an order cancelled here that the export still shows waiting to ship, a code the SKU map
        # lacks …): into the report and the e-mail as the refused lines are, and under the step's line, which is
        # then ! not ✓ (before: dropped, said by `orders import` and nowhere by daily). Rows left out are said above
        left = {id(i) for i in res.left_out}
        warned = [i for i in res.warned if i.severity != "note" and id(i) not in left]
        summary.problems += [at_inbox(i) for i in warned[:10]]
        warned_more = ""
        if len(warned) > 10:  # a cut list says how many more and where they are
            listed = res.listed(10, shop.reports, lang, warnings=True)
            warned_more = (f"… 还有 {len(warned) - 10} 条警告：全部列在 {listed}" if zh else
                           f"… {en_count(len(warned) - 10, 'more warning')}: all of them are listed in {listed}")
            summary.problems.append(warned_more)
        unsure = {id(i) for i in res.refunds_unsure}  # (said on the step's line itself, below)
        under = "".join(f"\n! {cell_said(i, shop.lang)}{colon}{i.message_zh if zh else i.message_en}"
                        f"{value_after(i, shop.lang)}" for i in warned[:10] if id(i) not in unsure)
        under += f"\n{warned_more}" if warned_more else ""
        # and what else `orders import` says with ! (a file of its header alone, downloaded before the platform
        # wrote its orders and moved to done/ under '✓ 导入 0 个订单'; an export older than one imported before;
        # stock below zero after the 出库 posted): said under the step and among the problems too
        from ..orders.imported import kept_said

        also = [(z if zh else e) for _, z, e in res.empty_said() + kept_said(res.kept_newer) + res.below_zero_said()]
        summary.problems += [f"{inbox_said}{a}" for a in also]
        under += "".join(f"\n! {a}" for a in also)
        look = bool(warned or also)  # done, with something for a person to look at: ! (below)
        n = len({ln.order_no for ln in res.imported})
        state["left_alone"] = res.left_alone  # a parcel refused: its order out of the review, the rest go on
        state.setdefault("pull", []).extend(res.pull)
        # picked, then cancelled or held on the platform: loudly, cut as the e-mail's lists (hundreds on 双12)
        summary.problems += [(z if zh else e).strip() for _, z, e in pulls_said(res.pull_batches, summary.CUT)]
        for no, batch in res.back_batches.items():  # picked, held, released since: its parcel pulled or not
            summary.problems.append(back_words(no, batch)[0 if zh else 1])
        if res.changes:  # the orders a later export moved on (cancelled, held, shipped, delivered)
            n_changed = f"，{len(res.changes)} 个订单状态变化" if zh else f", {en_count(len(res.changes), 'order')} changed"
        else:
            n_changed = ""
        if res.unchanged:  # the same export again (or an overlap): its orders are there, not "0" and nothing more
            n_changed += (f"，{len(res.unchanged)} 个订单已在订单表中，没有变化" if zh else
                          f", {en_count(len(res.unchanged), 'order')} already on the Orders sheet, unchanged")
        more = n_changed + ((f"；{len(rejected)} 行没有导入，文件留在 inbox/（见日报和邮件的“问题”）" if zh else
                             f"; {en_count(len(rejected), 'line')} not imported, file left in inbox/ (see Problems in the report and e-mail)")
                            if rejected else "")
        more += kpi_said
        said = (f"导入 {n} 个订单" if zh else f"imported {en_count(n, 'order')}") + more
        if rejected or not kpi_ok:  # only lines refused stop the review (日报's figures are not the orders',
            # and an order of an unknown status is not on the sheet to review)
            raise Incomplete(said + under, blocks=bool(res.stops_review))
        if res.refunds_unsure:  # a refund left for a person to say its case: done, but look at this (!)
            raise Partly(said + ("；" if zh else "; ") + res.unsure_said(below=False)[0 if zh else 1] + under, loud=False)
        if look:  # done, and warned of: ! (the run's exit as `orders import`'s for a warning)
            raise Partly(said + under, loud=False)
        return said

    def do_review():
        left = state.get("left_alone", [])
        decisions, issues = review(shop, leave=left, **writer)
        said = review_words(decisions, issues)[1 if zh else 2]  # (as `orders review` says it)
        if left:  # said on this step's line too: the review went on without them
            said += ("；" if zh else "; ") + left_alone_said(left, False)[0 if zh else 1]
        return said

    def do_picklist():
        from ..orders.workflow import pick_with_kept

        if once is None:  # (the button's writer: the open book takes each step's cells as they come)
            res = make_picklist(shop, today=today, named_for=date, **writer)  # the batch is the report day's
        else:
            kept = bool(once.pending)
            try:  # the list, its marks and the review's cells commit as one
                res = pick_with_kept(shop, once, "picklist", today=today, named_for=date)
            except lock.TakenOver as e:  # no write goes in now: the review's cells went with the pick list's, or not
                if kept and not e.finished:
                    review_not_written(e, ("（见“拣货单”）", " (see pick list)"))
                raise
            except ShopbookError:
                if kept:  # the review's cells still go in
                    try:
                        write_kept()
                    except ShopbookError:
                        pass  # said on the review's step (review_not_written); the pick list's stop is its own
                raise
        state["pick_files"] = res.files
        state.setdefault("pull", []).extend(res.pull)
        steps[-1].outputs = list(res.files)
        # what `picklist` says, a line each (its files are the step's outputs; the batch's ✓, !, ✗ or –
        # is the step's mark)
        head = res.batch_said()  # (each list of orders cut at 30, its "… N more" line kept: hundreds short on 双12)
        said = [("" if (m, *words) == head else m if m in ("!", "!!") else "", words[0 if zh else 1])
                for m, *words in res.said(PICK_SHOWN) if m or words[0].lstrip().startswith("…")]
        detail = "\n".join(f"{m} {line}" if m else line for m, line in said)
        summary.problems += gifts_short_said(res, lang)  # the boss reads the report, not the step's line
        # approved orders short of their goods are not in the batch (the run exits 1, as `picklist` does), or
        # orders go without their gift (they ship: the exit as `picklist`'s): ! as `picklist` says it
        # (an order whose SKU is on no 商品 row, or the platform shipped part of: left out as well, ! and exit 1)
        if res.short or res.without_gifts or res.unknown or res.sent_before:
            raise Partly(detail, loud=bool(res.short or res.unknown or res.sent_before))
        return detail

    def do_stock():
        # as of the report's day when re-running a past one; this morning's otherwise. A past day's
        # orders stand as they are now, not as they stood: left out, and said (as purchase suggest --date)
        alerts = stock.stock_alerts(shop, date if past else today, past=past)
        if past:
            from ..stock.report import PAST_ALERTS_NOTE

            summary.alerts_note = PAST_ALERTS_NOTE[0 if zh else 1]
        # 在途的件数写进原因：否则“缺货，补货 0”读起来像不用补，其实是已经下单了
        # what is on order goes in the reason: "out of stock, reorder 0" would read as nothing to
        # order, when it is that much already ordered
        sep = "；" if zh else "; "
        summary.alerts = [(a.sku, a.name or "", sep.join([r[0 if zh else 1] for r in a.reasons] + (
                               [f"在途 {a.on_order} 件" if zh else f"{a.on_order} on order"] if a.on_order else [])),
                           a.available, a.reorder_qty) for a in alerts]  # the name beside the code
        summary.unread.discard("stock")
        stopped = []  # a cell of 缺货登记 that does not read stops its list, not the supplies' (and the other way)
        try:
            summary.to_call = [(c.customer, c.contact, c.sku, c.name or "") for c in stock.waitlist(shop).calls]
        except ShopbookError as e:
            stopped.append(e)
        try:
            summary.supplies = [(c.name, str(c.days_left) if c.days_left is not None else "—", c.low)
                                for c in stock.supplies(shop)]
        except ShopbookError as e:
            stopped.append(e)
        if stopped:
            raise stopped[0]
        said = f"{len(alerts)} 个预警" if zh else en_count(len(alerts), 'alert')
        return said + ("（" + summary.alerts_note + "）" if zh else f" ({summary.alerts_note})") if past else said

    def do_kpi():
        # (售后 for the resends, 促销 as the self-check reads them: its read is then this one)
        ow = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine, Promotion, AfterSalesCase))
        lines = ow.rows(OrderLine)
        from .selfcheck import open_heads

        # counted first: they do not depend on kpi.xlsx being readable (each order's first line)
        held, new, approved = open_heads(lines)
        summary.to_ship, summary.to_review = len(approved), len(new)
        rv = next((x for x in steps if x.name == "review"), None)
        if rv is None or rv.ok is not True:  # the orders to ship are then not the day's: said beside them
            summary.review_missing = rv.detail if rv is not None else ("这次只做日报" if zh else "this run made the report only")
        from ..orders.review import held_reasons

        summary.held = [(no, held_reasons(h.review or "")) for no, h in held]  # under "held orders": said once
        summary.unread.discard("orders")
        kw = read_workbook(shop.path(KPI), KPI)
        # a 日报 date on two rows up to the day (validate's error): which row is right is not known,
        # so the day counts as neither (no figures, out of the medians and the history), said located
        twice = days_twice(kw, last=date)
        twice_rows = {i.row for i in twice}
        bad = {r.date for r in kw.rows(DailyKpi) if r.row in twice_rows}
        unpriced = []

        def agents_prices():
            """For an agent's line typed with a blank 单价 on a day filled from the orders (at the
            agent's price, as `ledger` counts it): agents.xlsx read, money.workflow imported, only then.
            One that does not read leaves those lines at 0, as before, said: the report still goes."""
            from ..money.workflow import agent_prices

            try:
                book.append(agent_prices(shop))
            except ShopbookError as e:
                unpriced.append(("代理订单单价空着的行没有按代理价计入销售额（按 0 计）：" if zh else
                                 "Agents' order lines without a unit price are in the sales at 0, not at the "
                                 "agent's price: ") + stop_said(e, lang))
                book.append(None)
            return book[-1]

        book: list = []  # agents.xlsx's prices, once read
        at_agent_price: list = []  # the agents' lines with a blank 单价 the days filled from the orders count

        def resends():  # the after-sales desk's, for a day filled from the orders
            from ..customers import resend_orders

            return resend_orders(ow)

        days = [d for d in days_from(kw.rows(DailyKpi), lines, agents_prices, shop.config.agents.shipping_per_order,
                                     resends, at_agent_price) if d.date not in bad]
        # the day's line counted at its agent's tier now, the tier it was ordered at on no record: said at its 单价,
        # as `ledger` says it (before, the day's sales counted it so without a word)
        if book and (on_day := [ln for ln in at_agent_price if ln.paid_at.date() == date and date not in bad]):
            from ..money.workflow import tiers_unknown

            summary.tier_unknown = [(i.where(lang), (i.message_zh if zh else i.message_en) + value_after(i, lang))
                                    for i in ow.locate(tiers_unknown(on_day, book[-1],
                                                                     ("日报的销售额", "the daily report's sales")))]
            # the first of them and how many more, the rest on the report's sheet (where this run makes one)
            unpriced += summary.tier_lines(steps_only is None or "report" in steps_only)
        rep = day_report(days, date, targets_read(kw), shop.config.kpi.anomaly_drop)
        going = rep is not None and date == today  # today's figures so far: no fall against whole days
        if going:
            rep.anomalies = []
        summary.kpi, summary.kpi_note = kpi_rows(rep, lang)
        if going:
            summary.kpi_note = gap.join([TODAY_SO_FAR[0 if zh else 1].format(date=date), summary.kpi_note]).strip()
        half_typed = [("" if not i.is_error else "这一行目标没有用：" if zh else "This target row is not used: ")
                      + issue_said(i)[1 if zh else 2] for i in blank_targets(kw)]  # a 目标 row: where, beside the （默认）
        summary.kpi_note = gap.join([summary.kpi_note, *half_typed]).strip()
        if twice:
            twice_said = stop_said(data_stop(twice, "日报里同一日期有两行，这些天没有计入 KPI（不知道哪一行是对的）",
                                             "A date is on two rows of the Daily sheet: those days are left out of "
                                             "the KPIs (which row is right is not known)"), lang)
            summary.kpi_note = twice_said if date in bad else f"{summary.kpi_note}{gap}{twice_said}".strip()
        # what the note says beyond the day's own figures (a half-typed target, a date on two rows), kept by the
        # notes below that say the day's row anew. A KPI problem is said there, at the figures, with its cell,
        # and not again under the problems (the e-mail, the group message, the report's first sheet)
        beyond = [twice_said] if twice and date in bad else [*half_typed, *([twice_said] if twice else [])]
        summary.problems += [f"KPI{colon}{w}" for w in unpriced]
        # the day's own row, there with a cell that does not read: said at that cell (not "no row for this
        # day", nor the advice to download it), and no ✓
        sd = kw.sheets.get(DailyKpi)
        ahead = set(sd.ahead if sd is not None else ())  # (rows of a date alone, typed ahead: no figures yet)
        own = {u.row for u in (sd.unreadable if sd is not None else []) if getattr(u, "date", None) == date}
        own |= rows_without_year(kw, date)  # (its date typed "1-1", no year: the day's own row all the same)
        unread_said = ""
        if own and own <= ahead and (rep is None or rep.day.from_orders):  # its date typed ahead, nothing else
            summary.kpi_note = (f"日报里 {date} 这一行只填了日期，还没有数据。" if zh else
                                f"The Daily row of {date} holds only its date, no figures yet.")
            if rep is not None:  # filled from its orders, as a day with no row is
                summary.kpi_note += FROM_ORDERS[2] if zh else f" {FROM_ORDERS[3]}"
            summary.kpi_note = gap.join([summary.kpi_note, *beyond])
        elif own and (rep is None or rep.day.from_orders):
            unread_said = stop_said(data_stop([i for i in kw.errors_in(DailyKpi) if i.row in own],
                                              f"日报里 {date} 这一行有读不出的单元格，没有用它",
                                              f"The Daily row of {date} has a cell that does not read and was not "
                                              "used"), lang)
            # a day filled from its orders: they stand in for the row, said as such (the row is there)
            filled = beyond if rep is None else [FROM_ORDERS[2 if zh else 3],
                                                 summary.kpi_note.removeprefix(FROM_ORDERS[0 if zh else 1]).strip()]
            summary.kpi_note = gap.join(x for x in [unread_said, *filled] if x)
        elif rep is not None and not rep.day.from_orders and (cells := [
                i for i in kw.errors_in(DailyKpi) if i.row in {r.row for r in kw.rows(DailyKpi) if r.date == date}]):
            # the day's row read with an optional cell that does not (好评率 typed 99): that figure is blank in the
            # report, said at its cell, and no ✓ for a step that left it out
            unread_said = stop_said(data_stop(cells, f"日报里 {date} 这一行有读不出的单元格，报表里这一项空着",
                                              f"The Daily row of {date} has a cell that does not read, left blank "
                                              "in the report"), lang)
            summary.kpi_note = gap.join(x for x in [summary.kpi_note, unread_said] if x)
        elif (rep is None or rep.day.from_orders) and kw.errors_in(DailyKpi):  # its row may be there, unreadable
            summary.kpi_note += KPI_ADVICE["unread"][0 if zh else 1]
        if rep is None or rep.day.from_orders:  # its row may be on a sheet not read (a sheet a month: 11月日报)
            summary.kpi_note = gap.join([summary.kpi_note] + [i.message_zh if zh else i.message_en
                                                              for i in daily_sheets_said(kw)]).strip()
        typos = year_typos(kw, {date}) if (rep is None or rep.day.from_orders) and not own else []
        if typos:  # its row typed with the year wrong (2026-01-02 for 2027-01-02): pointed at, no ✓
            summary.kpi_note = gap.join([summary.kpi_note, issue_said(typos[0])[1 if zh else 2]]).strip()
        if rep is None and date == today and not unread_said and not typos:  # (its row typed ahead too)
            # a report of today: no download to fetch yet (`kpi import` refuses a day not over), none to type
            # (in place of kpi_rows' 'no row for this day': the notes after it, a sheet a month not read …, kept)
            rest = summary.kpi_note.removeprefix(kpi_rows(None, lang)[1]).strip()
            summary.kpi_note = gap.join([NOTHING_YET[0 if zh else 1].format(date=date), rest]).strip()
        elif rep is None and not unread_said and not typos:  # what to do, said where the figures would be (e-mail, group, report)
            summary.kpi_note += KPI_ADVICE["no_row"][0 if zh else 1]
        summary.history = [d for d in days if d.date <= date]
        if "charts" in state:  # drawn for the e-mail (by the copy forked as the job began)
            first_day = shop_start(days)  # (a new shop's first two months: no default orders target, kpi.metrics)
            state["charts"].draw(summary, targets_on(targets_read(kw), date, first_day), targets_read(kw), first_day)
        state["kpi_report"] = rep
        said = ([twice_said] if twice else []) + ([unread_said] if unread_said else []) + unpriced + (
            [issue_said(typos[0])[1 if zh else 2]] if typos and rep is not None else [])
        if said:  # no ✓: the report and the e-mail still go, saying it
            raise Incomplete(" ".join(said), blocks=False)
        if rep is None:  # no figures for the day: the report goes without them, and this is no ✓
            raise Kept(summary.kpi_note)
        if going:  # not "0 anomalies": none judged
            return "今天还没有过完：不判断异常" if zh else "today is not over: no anomalies judged"
        if rep.unjudged is not None:  # not "0 anomalies": too few days before to tell
            from .daily import unjudged_said

            return unjudged_said(rep.unjudged, lang)
        n = len(rep.anomalies)
        said = f"{n} 个异常" if zh else en_count(n, "anomaly", "anomalies")
        if rep.day.from_orders:  # of the orders' figures alone: ✓ 0 个异常 read as the whole day judged
            said += "（日报里没有这一天：只有订单表的订单数、件数和销售额，没有流量数据）" if zh else \
                " (no Daily row for this day: only the orders workbook's orders, units and sales, no traffic figures)"
        return said

    def do_report():
        name = report_name(date, lang)
        check_failed = selfcheck_into(shop, summary)
        path = write_daily_workbook(shop.reports / name, summary)
        state["report"] = path
        steps[-1].outputs = [path]
        # (the report is there all the same: the e-mail and the group message still go, saying it among the problems)
        if check_failed and not summary.selfcheck:  # the report is there, its 自查 sheet is not: not a whole job
            raise Incomplete(f"{path}；" + ("没有自查表：" if zh else "no self-check sheet: ") + check_failed,
                             blocks=False)
        if check_failed:  # its 自查 sheet with parts not checked: not a whole job either
            raise Incomplete(f"{path}；" + ("自查有部分没有检查：" if zh else "parts of the self-check not checked: ")
                             + check_failed, blocks=False)
        from ..io.files import left_open_words

        words = left_open_words(path)  # the one of that name is open: this run's is beside it (and attached)
        return f"{path}\n{words[0 if zh else 1]}" if words else str(path)

    def do_email():
        if "charts" in state:
            summary.charts = state.pop("charts").result()
        html, text = render_email(summary)
        cfg = shop.config
        report, digest = f"daily {date:%Y-%m-%d}", sent_log.digest(text)
        # run again after a step failed (a group bot, validation errors), nothing changed: the boss
        # has this very report already. --force, the button and `shopbook email` send it anyway
        at = mail.sent_before(shop.outbox, report, digest) if send and cfg.smtp.host else None
        if at and stand_if_unchanged:
            raise Kept(f"{date} 的日报在 {at} 已发送，内容没有变化：不再发送（要再发一次：shopbook daily --force）" if zh else
                       f"the daily report of {date} was sent at {at} and says nothing new: not sent again "
                       "(to send it anyway: shopbook daily --force)")
        attachments = [state["report"]] if state.get("report") else []
        msg = mail.build_message(mail.Outgoing(f"{cfg.email.subject_prefix} {summary.title}".strip(), html, text,
                                               list(cfg.email.to), cfg.mail_sender(), attachments,
                                               dict(summary.charts), chart_names(summary.charts, shop.lang),
                                               report=report, digest=digest))
        if not send:
            path = mail.write_to_outbox(shop.outbox, msg)
            state["email"] = path
            return str(path)
        d = mail.send_or_keep(cfg, shop.outbox, msg)
        d.sent_before = at if d.sent else None
        state["email"], state["delivery"] = d.path, d
        steps[-1].outputs = [d.path]
        if cfg.smtp.host and not d.sent:  # the reason once, in the shop's language (both: the caller prints it)
            raise Incomplete(d.error_zh + "\n" + d.error if d.error_zh else d.error)
        if not d.sent:
            raise Kept((f"没有设置 SMTP 服务器，邮件存入 {d.path}" if zh else
                        f"no SMTP server set: kept in {d.path}"))
        if d.error:  # sent, but some recipients were refused
            raise Incomplete(d.sent_words(lang) + str(d.path) + "\n" + d.error_zh + "\n" + d.error)
        # sent anyway (`shopbook email`, the button, --force): the boss has this very report twice, so say so
        again = ((f"（同样内容的日报 {at} 已发过一次）" if zh else f" (the same report went out at {at} too)") if at else "")
        return d.sent_words(lang) + str(d.path) + again

    from ..io.reader import read_cache

    def write_kept():
        """The review's and the pick list's cells, in one write of orders.xlsx. If it fails, the
        review did not do its whole job either (its decisions are not in the file)."""
        if once is None:
            return
        try:
            once.flush()
        except ShopbookError as e:
            review_not_written(e)
            raise

    def review_not_written(e: ShopbookError, see: tuple[str, str] | None = None):
        if isinstance(e, lock.TakenOver) and see is None:  # (the review's cells, written after the pick list)
            state["taken_over"] = ("审单", "order review")
        for s in steps:
            if s.name == "review" and s.ok:
                s.ok = False
                s.detail += (("；没有写入 orders.xlsx" + (see[0] if see else "：" + e.zh)) if zh else
                             ("; not written to orders.xlsx" + (see[1] if see else ": " + e.en)))

    from ..orders.platform_export import keep_tables  # each inbox file read once: checked, then imported

    from ..io import cache

    # the steps share each workbook's read until a step changes the file; the parsed-sheet
    # cache keeps each workbook as the job leaves it
    with read_cache(), keep_tables(), cache.deferred():
        if write is None:
            from ..io.sheet_edit import WriteOnce

            once = WriteOnce()
            writer = {"write": once}
        try:
            if steps_only is None or {"kpi", "email"} <= set(steps_only):
                # forked before the reads and the warm-up thread: a small copy, no lock held in it
                state["charts"] = ChartDrawer()
            began = threading.Event()  # set as validation's first big parse begins (or it ends)
            _warm_up_in_background(began, charts="charts" not in state or not state["charts"].apart)
            with parse_begun(began):
                step("validate", ("校验", "validate"), do_validate)
            if "charts" in state:  # the reads are over: matplotlib loads in the copy now, beside the steps
                state["charts"].begin()
            step("inbox-check", ("检查 inbox", "check inbox"), do_inbox_check)
            step("inbox", ("导入 inbox", "import inbox"), do_inbox)
            step("review", ("审单", "order review"), do_review, ("inbox",))
            step("picklist", ("拣货单", "pick list"), do_picklist, ("review",), after=("review",))
            if once is not None and once.pending and "taken_over" not in state:  # the pick list did not run (skipped,
                # or not in steps_only); with the lock gone no write goes in (the pick list's step says why)
                try:
                    write_kept()
                except ShopbookError:
                    pass  # said on the review's line
            step("stock", ("库存预警", "stock alerts"), do_stock)
            step("kpi", ("KPI", "KPI"), do_kpi)
            step("report", ("日报", "daily report"), do_report, ("kpi",))
            # the e-mail and the group message point at the report's sheets only where this run made it (its
            # step failed or did not run: none to attach nor to point at, so their lists go whole)
            if not state.get("report") and len(summary.tier_unknown) > summary.CUT:  # no sheet holds the rest: whole
                cut = [f"KPI{colon}{w}" for w in summary.tier_lines()]  # (as the KPI step cut them, a workbook to come)
                summary.problems = _replaced(summary.problems, cut, [f"KPI{colon}{w}" for w in summary.tier_lines(False)])
            summary.workbook = bool(state.get("report"))
            step("email", ("邮件", "e-mail"), do_email, ("report",))
            if send and shop.config.bots:  # the group chats ([[bots]] in shopbook.toml)
                step("bots", ("群推送", "group bots"), lambda: _push_bots(shop, summary, zh, once=stand_if_unchanged),
                     ("kpi",))
        finally:
            if "charts" in state:  # drawn for an e-mail that was not made
                state.pop("charts").close()
    run = DailyRun(date, steps, state.get("report"), state.get("email"), summary, state.get("delivery"),
                   pull=list(dict.fromkeys(state.get("pull", []))), recovered=finished, unmerged=unmerged)
    if whole:
        _record(shop, run, today, record_key)
    return run


def _replaced(lines: list, old: list, new: list) -> list:
    """`lines` with the run of `old` in it (its first) replaced by `new`; as they were where it is not there."""
    for k in range(len(lines) - len(old) + 1):
        if lines[k:k + len(old)] == old:
            return lines[:k] + new + lines[k + len(old):]
    return lines


@dataclass
class RetryPlan:
    """What `email --retry` will send (the messages made today, or all with --all) and
    what it leaves waiting."""

    send: list[Path]
    left: list[Path]
    maybe_sent: set[Path] = field(default_factory=set)  # may have gone out already: sent only when confirmed
    # older copies of the same report (a re-run before replacing was done; a crash), behind the
    # newest: set aside, never sent, so no day's report goes out twice
    replaced: dict[Path, list[Path]] = field(default_factory=dict)
    # older copies a newer one already stands for (sent or waiting), left where they were when Windows would
    # not move them (mail.set_aside): never sent, moved now
    set_aside: list[Path] = field(default_factory=list)
    everything: bool = False  # --all
    today: dt.date | None = None  # the shop's day it was made on
    # each of `send` as it was read then (Message-ID, REPORT, DIGEST): one gone when the lock is taken (another
    # run sent it, or set it aside for a newer copy) is said as such (retry_outbox)
    heads: dict[Path, tuple[str, str, str]] = field(default_factory=dict)


def plan_retry(shop: Shop, everything: bool = False, today: dt.date | None = None) -> RetryPlan:
    if not shop.config.smtp.host:
        raise ShopbookError("shopbook.toml 里没有设置 SMTP 服务器（[smtp] host），无法发送。",
                            "No SMTP server is set in shopbook.toml ([smtp] host): nothing can be sent.")
    if shop.outbox.exists() and not shop.outbox.is_dir():
        raise ShopbookError("outbox 是一个文件，不是文件夹：请把它改名或移走。什么都没有发送。",
                            "outbox is a file, not a folder: rename or move it. Nothing was sent.", shop.outbox)
    from ..io.files import shop_clock

    today = today or shop_clock(time.time()).date()  # the shop's day, as written_on says each message's
    # made without the lock (`email --retry` lists it first): another run holding it may send (and move) a message
    # while it is read. What has gone is not in the list, read again (before, 'not found' stopped the run, exit 2)
    for tries in range(1, 11):
        try:
            return _retry_plan(shop, everything, today)
        except FileNotFoundError:
            if tries == 10 or not shop.outbox.is_dir():
                raise


def _retry_plan(shop: Shop, everything: bool, today: dt.date) -> RetryPlan:
    every = mail.waiting(shop.outbox)
    aside = [p for p in every if mail.noted_replaced(shop.outbox, p)]
    waiting, replaced = mail.newest_of_each([p for p in every if p not in aside])
    send = [p for p in waiting if everything or mail.written_on(p) == today]
    maybe = mail.maybe_sent_paths(shop.outbox, send)
    maybe |= {p for p in send if mail.maybe_sent_paths(shop.outbox, replaced.get(p, []))}  # handed on: see supersede
    return RetryPlan(send, [p for p in waiting if p not in send], maybe, replaced, aside, everything, today,
                     {p: mail.heads(p) for p in send})


@locks_shop("email --retry")
def retry_outbox(shop: Shop, everything: bool = False, confirm: Callable[[Path], bool] | None = None,
                 plan: RetryPlan | None = None) -> list[mail.Delivery]:
    """Send what waits in outbox/ from today (all of it with `everything`), each message at
    most once; one that may have gone out already only if `confirm(path)` says so.

    `plan` (what was listed to the person) is made before the lock is taken: a colleague's --retry or cron's
    may have sent a message of it, or a re-run set it aside for a newer copy, meanwhile. The outbox is read
    again under the lock: such a message is said as what became of it (mail.Delivery.gone), not sent, no
    failure; the rest of the plan goes, each once. (Before, the first of them stopped the run, 'not found',
    exit 2, and the rest of the plan waited.) One set aside for a newer copy of its report made meanwhile has
    that copy, waiting, sent in its place (said as the newer copy, mail.Delivery.instead_of; its failure is a
    failure): the person asked for that report. (Before, it was said to wait for the next --retry, exit 0, and
    cron's run ended with the boss never sent the report.)"""
    fresh = plan_retry(shop, plan.everything if plan else everything, plan.today if plan else None)
    for new, old in fresh.replaced.items():
        mail.supersede(shop.outbox, new, old)
    for p in fresh.set_aside:
        mail.set_aside(shop.outbox, p)
    if plan is None:
        return mail.deliver(shop.config, shop.outbox, fresh.send, confirm)
    gone = {p: _gone(shop, p, plan.heads.get(p), fresh) for p in plan.send if p not in fresh.send}  # (before any moves)
    # a listed report replaced meanwhile: its newer copy goes in its place (once, however it was listed)
    instead: dict[Path, Path] = {}  # a message set aside → the newer copy sent in its place (each copy once: the first's)
    for p, d in gone.items():
        if d.gone == "replaced" and d.newer is not None and d.newer.is_file() and d.newer not in plan.send \
                and d.newer not in instead.values():
            instead[p] = d.newer
    went = iter(mail.deliver(shop.config, shop.outbox, [instead.get(p, p) for p in plan.send
                                                        if p not in gone or p in instead], confirm))
    out = []
    for p in plan.send:
        if p in instead:
            d = next(went)
            d.instead_of, d.report = gone[p].path, gone[p].report
            out.append(d)
        else:
            out.append(gone[p] if p in gone else next(went))
    return out


def _gone(shop: Shop, p: Path, head: tuple[str, str, str] | None, fresh: RetryPlan) -> mail.Delivery:
    """What became of `p`, in the plan but no longer to send once the lock was taken: sent by another run (its
    Message-ID in sent.log; when, where its report's words were noted), set aside for a newer copy of its report,
    or gone from outbox/ without a trace (moved or deleted by a person)."""
    mid, report, digest = head or ("", "", "")
    outbox = shop.outbox
    if (mid and mid in mail.sent_ids(outbox)) or (not p.exists() and (outbox / "sent" / p.name).is_file()):
        where = p if p.exists() else outbox / "sent" / p.name
        at = mail.sent_before(outbox, report, digest) if report and digest else None
        return mail.Delivery(where, False, gone="sent", gone_at=at or "")
    aside = outbox / "replaced" / p.name
    if p in fresh.set_aside or any(p in old for old in fresh.replaced.values()) or aside.is_file():
        newer = next((q for q in [*fresh.send, *fresh.left] if report and mail.report_of(q) == report), None)
        return mail.Delivery(aside if aside.is_file() else p, False, gone="replaced", newer=newer, report=report)
    return mail.Delivery(p, False, gone="vanished")


def check_report_options(kind: str, date: dt.date | None, period: str | None) -> None:
    """`email` and `push`: a day given to the monthly report, or a month to the daily one, is
    refused, never dropped unsaid (the other report sent)."""
    if kind == "monthly" and date is not None:
        raise ShopbookError("月报用 --period YYYY-MM 指定月份，不用 --date。什么都没有发送。",
                            "The monthly report takes its month as --period YYYY-MM, not --date. Nothing was sent.")
    if kind == "daily" and period:
        raise ShopbookError("日报用 --date 指定日期；--period 是月报的（--report monthly）。什么都没有发送。",
                            "The daily report takes --date; --period is the monthly report's (--report monthly). "
                            "Nothing was sent.")


@locks_shop("email")
def send_report(shop: Shop, kind: str = "daily", date: dt.date | None = None, period: str | None = None
                ) -> mail.Delivery:
    """Build the daily (`kind` "daily", for `date`: yesterday unless given) or monthly ("monthly", for
    `period` YYYY-MM: last month unless given) report and e-mail it: the same message `daily` sends."""
    check_report_options(kind, date, period)
    if shop.config.smtp.host and not shop.config.email.to:  # before anything is made or sent
        raise ShopbookError("没有收件人：在 shopbook.toml 的 [email] 里设置 to = [\"you@example.com\"]。什么都没有发送。",
                            "No recipient: set to = [\"you@example.com\"] under [email] in shopbook.toml. "
                            "Nothing was sent.", shop.folder / "shopbook.toml")
    if kind == "daily":
        run = run_daily_report_only(shop, date)
        return run
    if kind == "monthly":
        from .monthly import monthly_email

        return monthly_email(shop, period)
    raise ShopbookError("--report 只能是 daily 或 monthly。", "--report must be daily or monthly.")


def run_daily_report_only(shop: Shop, date: dt.date | None) -> mail.Delivery:
    """KPI → report → e-mail, without touching orders or stock (for `shopbook email`)."""
    run = run_daily(shop, date, send=True, steps_only=("validate", "stock", "kpi", "report", "email"))
    sent = next((s for s in run.steps if s.name == "email"), None)
    if run.email is None:
        failed = next((s for s in run.steps if s.ok is False and s.name != "validate"), None) or sent
        # the step's detail is in the shop's language (as the step table says it): so is the whole stop
        raise DataStop(f"日报邮件没有生成：{failed.detail if failed else ''}",
                       f"The report e-mail was not made: {failed.detail if failed else ''}")
    # what went wrong making it: the message says so in its last lines, the caller must too
    problems = [f"{s.label[0]}：{s.detail}" if shop.lang == "zh" else f"{s.label[1]}: {s.detail}" for s in run.steps
                if s.ok is False and s.name != "email"]
    d = run.delivery or mail.Delivery(run.email, False)
    d.problems = problems
    return d
