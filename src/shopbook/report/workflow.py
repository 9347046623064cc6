"""`shopbook daily`, the main job, and `shopbook email`.

validate → import what waits in inbox/ → order review → pick list → stock alerts →
KPI → the daily report workbook → the e-mail. A failing step is reported and the
steps that do not depend on it still run; the result says whether all went well.
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..io import background
from ..io.reader import gc_paused
from ..issues import ShopbookError
from ..shop import Shop
from . import mail
from .daily import DailySummary, kpi_rows, make_charts, render_email, write_daily_workbook

INBOX_PATTERNS = ("*.csv", "*.xlsx", "*.xls")


@dataclass
class Step:
    name: str
    label: tuple[str, str]
    ok: bool | None = None  # None: skipped
    detail: str = ""
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)


@dataclass
class DailyRun:
    date: dt.date
    steps: list[Step]
    report: Path | None = None
    email: Path | None = None
    summary: DailySummary | None = None

    @property
    def ok(self) -> bool:
        return all(s.ok is not False for s in self.steps)

    def to_json(self) -> dict:
        return {"date": self.date.isoformat(), "ok": self.ok, "report": str(self.report) if self.report else None,
                "email": str(self.email) if self.email else None,
                "steps": [{"step": s.name, "ok": s.ok, "detail": s.detail, "seconds": round(s.seconds, 3),
                           "outputs": [str(p) for p in s.outputs]} for s in self.steps]}


def _warm_up_in_background() -> None:
    """Load the address table (review) and the chart library (report) while validation
    waits on reading the workbooks: half a second the morning job need not spend later."""
    import threading

    def load() -> None:
        try:
            import matplotlib.pyplot  # noqa: F401

            from ..orders.address import _cpca
            from ..report import charts

            _cpca()
            charts.cjk_font()
        except Exception:  # noqa: BLE001 - only a head start: the steps load what they need themselves
            pass

    if background.CAN_THREAD:
        threading.Thread(target=load, name="shopbook-warm-up", daemon=True).start()


@gc_paused()
def run_daily(shop: Shop, date: dt.date | None = None, progress: Callable[[str], None] | None = None,
              send: bool = True, steps_only: tuple[str, ...] | None = None, write=None) -> DailyRun:
    """The morning job for `date` (yesterday by default). `write` is how the steps write the
    shop's workbooks (the Excel button's writer puts the open book's edits into it live)."""
    from ..kpi.metrics import day_report, days_from, targets_on
    from ..io.reader import read_workbook
    from ..orders.workflow import import_orders, make_picklist, review
    from ..schema import KPI, ORDERS, DailyKpi, OrderLine, OrderStatus, Target
    from ..stock import workflow as stock
    from ..validate import validate_path

    today = dt.date.today()
    date = date or today - dt.timedelta(days=1)
    lang = shop.lang
    _warm_up_in_background()
    zh = lang == "zh"
    summary = DailySummary(shop.config.shop.name, date, lang)
    writer = {"write": write} if write is not None else {}
    steps: list[Step] = []
    state: dict = {}

    def step(name: str, label: tuple[str, str], fn: Callable[[], str | None], needs: tuple[str, ...] = ()):
        if steps_only is not None and name not in steps_only:
            return
        s = Step(name, label)
        steps.append(s)
        if progress:
            progress(label[0] if zh else label[1])
        failed = [x.name for x in steps if x.name in needs and x.ok is False]
        if failed:
            s.detail = ("跳过：依赖的步骤失败 " if zh else "skipped: a step it needs failed: ") + ", ".join(failed)
            return
        t = time.perf_counter()
        try:
            s.detail = fn() or ""
            s.ok = True
        except ShopbookError as e:  # the message names the file it is about
            s.ok, s.detail = False, (f"{Path(e.path).name}：" if e.path else "") + (e.zh if zh else e.en)
            summary.problems.append(f"{label[0] if zh else label[1]}: {s.detail}")
        s.seconds = time.perf_counter() - t

    def do_validate():
        v = validate_path(shop.folder)
        summary.validation = (len(v.errors), len(v.warnings))
        return f"{len(v.errors)} 个错误，{len(v.warnings)} 个警告" if zh else f"{len(v.errors)} errors, {len(v.warnings)} warnings"

    def do_inbox():
        inbox = shop.folder / "inbox"
        files = sorted({p for pat in INBOX_PATTERNS for p in inbox.glob(pat)}) if inbox.exists() else []
        if not files:
            return "inbox/ 是空的" if zh else "inbox/ is empty"
        res = import_orders(shop, files, **writer)
        rejected = [i for i in res.issues if i.is_error]
        keep = {i.book for i in rejected}  # a file with lines refused stays, seen again tomorrow
        done = inbox / "done" / f"{today:%Y%m%d}"
        done.mkdir(parents=True, exist_ok=True)
        for f in files:  # imported files move aside, so tomorrow does not see them again
            if f.name not in keep:
                shutil.move(str(f), done / f.name)
        for i in rejected[:10]:  # into the report and the e-mail: a refused order is an order not shipped
            summary.problems.append(f"{'导入 inbox' if zh else 'import inbox'}: {i.where()} {i.message_zh if zh else i.message_en}"
                                    + (f" = {i.value}" if i.value else ""))
        n = len({ln.order_no for ln in res.imported})
        more = (f"；{len(rejected)} 行没有导入，文件留在 inbox/（见问题）" if zh else
                f"; {len(rejected)} lines not imported, file left in inbox/ (see problems)") if rejected else ""
        return (f"导入 {n} 个订单" if zh else f"imported {n} orders") + more

    def do_review():
        decisions, _ = review(shop, **writer)
        held = sum(1 for d in decisions if d.holds)
        return f"{len(decisions) - held} 个已审核，{held} 个挂起" if zh else f"{len(decisions) - held} approved, {held} held"

    def do_picklist():
        res = make_picklist(shop, today=today, **writer)
        state["pick_files"] = res.files
        steps[-1].outputs = list(res.files)
        return (f"批次 {res.batch}：{len(res.parcels)} 个订单" if res.parcels else "没有待拣货的订单") if zh else \
            (f"batch {res.batch}: {len(res.parcels)} orders" if res.parcels else "nothing to pick")

    def do_stock():
        # as of the report's day when re-running a past one; this morning's otherwise
        alerts = stock.stock_alerts(shop, today if date >= today - dt.timedelta(days=1) else date)
        summary.alerts = [(a.sku, "；".join(r[0 if zh else 1] for r in a.reasons), a.available, a.reorder_qty)
                          for a in alerts]
        summary.to_call = [(c.customer, c.contact, c.sku) for c in stock.waitlist(shop).calls]
        summary.supplies = [(c.name, str(c.days_left) if c.days_left is not None else "—", c.low)
                            for c in stock.supplies(shop)]
        return f"{len(alerts)} 个预警" if zh else f"{len(alerts)} alerts"

    def do_kpi():
        lines = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)
        heads = {}  # counted first: they do not depend on kpi.xlsx being readable
        for ln in lines:
            heads.setdefault(ln.order_no, ln)
        summary.to_ship = sum(1 for h in heads.values() if h.status is OrderStatus.APPROVED)
        summary.held = [(no, h.review or "") for no, h in heads.items() if h.status is OrderStatus.HELD]
        kw = read_workbook(shop.path(KPI), KPI)
        days = days_from(kw.rows(DailyKpi), lines)
        rep = day_report(days, date, kw.rows(Target), shop.config.kpi.anomaly_drop)
        summary.kpi, summary.kpi_note = kpi_rows(rep, lang)
        if (rep is None or rep.day.from_orders) and kw.errors_in(DailyKpi):  # its row may be there, unreadable
            summary.kpi_note += (" 日报里有读不出的单元格（见 shopbook validate），这一天的行可能是其中之一。" if zh else
                                 " Some Daily cells do not read (see shopbook validate): this day's row may be one.")
        summary.history = [d for d in days if d.date <= date]
        summary.charts = make_charts(summary, targets_on(kw.rows(Target), date))
        state["kpi_report"] = rep
        n = len(rep.anomalies) if rep else 0
        return (f"{n} 个异常" if zh else f"{n} anomalies") if rep else summary.kpi_note

    def do_report():
        name = f"{'日报' if zh else 'daily'}-{date:%Y-%m-%d}.xlsx"
        path = write_daily_workbook(shop.reports / name, summary)
        state["report"] = path
        steps[-1].outputs = [path]
        return str(path)

    def do_email():
        html, text = render_email(summary)
        cfg = shop.config
        attachments = [state["report"]] if state.get("report") else []
        msg = mail.build_message(mail.Outgoing(f"{cfg.email.subject_prefix} {summary.title}".strip(), html, text,
                                               cfg.email.to or ["shop@localhost"], cfg.email.sender, attachments,
                                               dict(summary.charts)))
        if not send:
            path = mail.write_to_outbox(shop.outbox, msg)
            state["email"] = path
            return str(path)
        d = mail.send_or_keep(cfg, shop.outbox, msg)
        state["email"] = d.path
        steps[-1].outputs = [d.path]
        if cfg.smtp.host and not d.sent:
            raise ShopbookError(f"发送失败，邮件留在 {d.path}：{d.why('zh')}", f"Not sent, kept at {d.path}: {d.error}")
        return (("已发送 " if zh else "sent ") if d.sent else ("已存入 " if zh else "kept in ")) + str(d.path)

    from ..io.reader import read_cache

    with read_cache():  # the steps share each workbook's read until a step changes the file
        step("validate", ("校验", "validate"), do_validate)
        step("inbox", ("导入 inbox", "import inbox"), do_inbox)
        step("review", ("审单", "order review"), do_review, ("inbox",))
        step("picklist", ("拣货单", "pick list"), do_picklist, ("review",))
        step("stock", ("库存预警", "stock alerts"), do_stock)
        step("kpi", ("KPI", "KPI"), do_kpi)
        step("report", ("日报", "daily report"), do_report, ("kpi",))
        step("email", ("邮件", "e-mail"), do_email, ("report",))
    return DailyRun(date, steps, state.get("report"), state.get("email"), summary)


def retry_outbox(shop: Shop) -> list[mail.Delivery]:
    """Send what waits in outbox/ (each message at most once)."""
    if not shop.config.smtp.host:
        raise ShopbookError("shopbook.toml 里没有设置 SMTP 服务器（[smtp] host），无法发送。",
                            "No SMTP server is set in shopbook.toml ([smtp] host): nothing can be sent.")
    return mail.deliver(shop.config, shop.outbox, mail.waiting(shop.outbox))


def send_report(shop: Shop, kind: str = "daily", date: dt.date | None = None, period: str | None = None
                ) -> mail.Delivery:
    """Build the daily (or monthly) report and e-mail it: the same message `daily` sends."""
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
    if run.email is None:
        failed = next((s for s in run.steps if s.ok is False), None)
        raise ShopbookError(f"日报没有生成：{failed.detail if failed else ''}", f"No report: {failed.detail if failed else ''}")
    sent = next(s for s in run.steps if s.name == "email")
    # what went wrong making it: the message says so in its last lines, the caller must too
    problems = [f"{s.label[0] if shop.lang == 'zh' else s.label[1]}: {s.detail}" for s in run.steps if s.ok is False]
    return mail.Delivery(run.email, "已发送" in sent.detail or sent.detail.startswith("sent"), sent.detail,
                         problems=problems)
