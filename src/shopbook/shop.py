"""A shop is one folder: five workbooks, shopbook.toml, and folders shopbook writes."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from .config import CONFIG_NAME, ShopConfig, config_stand_in, default_toml, load_config
from .io.files import make_dirs, stand_in, stand_in_words, write_bytes_atomic
from .io.reader import WorkbookData, read_workbook
from .issues import DataStop, Issue, ShopbookError, no_shop_folder
from .schema import WORKBOOKS, SheetModel, WorkbookSpec


@dataclass
class Shop:
    """An opened shop (open_shop): its folder and its settings (shopbook.toml). Every job takes it
    as its first argument; `lang` is the language its people read (zh or en)."""

    folder: Path
    config: ShopConfig

    @property
    def lang(self) -> str:
        return self.config.shop.language

    def path(self, spec: WorkbookSpec) -> Path:
        return self.folder / spec.filename

    @property
    def reports(self) -> Path:
        return self.folder / "reports"

    @property
    def outbox(self) -> Path:
        return self.folder / "outbox"


def open_shop(folder: Path | str) -> Shop:
    """The shop in `folder`, its shopbook.toml read and its time zone kept (see keep_shop_time).
    ShopbookError when the folder is not there, holds no shop workbook, its settings do not read,
    or reports/ or outbox/ is a file."""
    folder = Path(folder)
    if not folder.is_dir():
        raise no_shop_folder(folder)
    if not any((folder / w.filename).exists() for w in WORKBOOKS):
        raise no_workbooks(folder)
    shop = Shop(folder, load_config(folder))
    keep_shop_time(shop.config.shop.timezone, folder / CONFIG_NAME)
    for d in (shop.reports, shop.outbox):  # before any command or button writes anything
        if d.exists() and not d.is_dir():
            raise ShopbookError(f"{d.name} 应该是文件夹，这里却是一个文件：请把它改名或移走。什么都没有写入。",
                                f"{d.name} should be a folder but is a file: rename or move it. Nothing was written.", d)
    return shop


def typed(folder: Path | str) -> str:
    """A folder as a person types it in a command line they copy: quoted where it holds a space
    (我的 店铺), which a shell would take for two arguments."""
    s = str(folder)
    return f'"{s}"' if any(c.isspace() for c in s) else s


def no_workbooks(folder: Path) -> ShopbookError:
    """The stop for a folder that holds no shop workbook (the folder above the shop, a new empty one)."""
    return ShopbookError(
        f"这个文件夹里没有店铺工作簿（stock.xlsx、orders.xlsx …）。用 shopbook init {typed(folder)} 新建，或选对文件夹。",
        "This folder holds no shop workbooks (stock.xlsx, orders.xlsx …). Create one with "
        f"shopbook init {typed(folder)}, or pick the right folder.", folder)


_MACHINE_TZ = os.environ.get("TZ")  # the zone the process started in: a shop without its own goes back to it


def keep_shop_time(zone: str, where: Path | str = CONFIG_NAME) -> None:
    """The process's clock set to the shop's time zone ([shop] timezone), so that today, yesterday and
    the times shown are the shop's whichever zone the machine (a server's cron, in UTC) keeps; a shop
    without one has the machine's (a process that opened another shop first goes back to it). Where the
    OS cannot switch a running process (Windows: no tzset), the machine's zone stays, as it is the
    shop's own PC there. A zone the OS has no data for stops: it would run on UTC without a word."""
    import time

    from .io import files

    # backups named in it on every PC, Windows too (no tzset there): its zone, else China time (files.shop_clock)
    files.shop_zone = _zone_of(zone)
    if not hasattr(time, "tzset"):
        return
    want = zone or _MACHINE_TZ
    if os.environ.get("TZ") == want:
        return
    if want is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = want
    time.tzset()
    if zone and not _applied(zone):
        keep_shop_time("")
        raise ShopbookError(
            f"这台电脑没有时区 {zone} 的数据，shopbook 无法按店铺的时区计算日期：请安装时区数据（Linux：apt install tzdata），"
            "或把 shopbook.toml 的 [shop] timezone 留空（用这台电脑的时区）。",
            f"This computer has no data for the time zone {zone}, so shopbook cannot keep the shop's day: install "
            "the time zone data (Linux: apt install tzdata), or leave [shop] timezone empty in shopbook.toml (this "
            "computer's zone).", where)


def _zone_of(zone: str):
    """The tzinfo of a [shop] timezone, None for none (or one this computer has no data for: said by keep_shop_time
    where the clock is switched; its backups named in China time meanwhile)."""
    import zoneinfo

    try:
        return zoneinfo.ZoneInfo(zone) if zone else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def _applied(zone: str) -> bool:
    """Whether the C library's clock now keeps `zone` (its offset is the zone's, as Python's data has it)."""
    import datetime as dt
    import time
    import zoneinfo

    now = dt.datetime.now(zoneinfo.ZoneInfo(zone))
    return time.localtime().tm_gmtoff == int(now.utcoffset().total_seconds())


@dataclass
class ShopData:
    """Everything read from a shop's workbooks: typed records and located issues."""

    shop: Shop
    books: dict[str, WorkbookData] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)  # missing workbooks

    def rows(self, model: type[SheetModel]) -> list:
        for wd in self.books.values():
            if model in wd.sheets:
                return wd.sheets[model].records
        return []

    def has(self, model: type[SheetModel]) -> bool:
        return any(model in wd.sheets and wd.sheets[model].present for wd in self.books.values())

    def all_issues(self) -> list[Issue]:
        out = list(self.issues)
        for wd in self.books.values():
            out.extend(wd.all_issues())
        return out


def missing_workbook(folder: Path, spec: WorkbookSpec) -> Issue:
    """The error for a workbook the folder lacks: what to do, naming the file plainly meant to be it."""
    other = stand_in(folder / spec.filename)
    if other is not None:
        return Issue("error", *stand_in_words(folder / spec.filename, other), book=spec.filename)
    return Issue("error", f"缺少工作簿 {spec.filename}（{spec.zh}）。用 shopbook init {typed(folder)} "
                          "补上缺少的工作簿（已有的不会动）。",
                 f"The workbook {spec.filename} ({spec.en}) is missing. Add the missing workbooks with "
                 f"shopbook init {typed(folder)} (existing ones are left as they are).", book=spec.filename)


def shop_given(shop: object) -> Shop:
    """The Shop a job was handed, or a stop saying to open it: a folder passed as it is (morning('my-shop'))
    ended on 'AttributeError: 'str' object has no attribute 'path'' deep in the job."""
    if isinstance(shop, Shop) or hasattr(shop, "folder") and hasattr(shop, "path"):  # (or a stand-in for one)
        config = getattr(shop, "config", None)
        if config is not None:  # its day and times, not those of the shop a script opened after it (open_shop)
            keep_shop_time(config.shop.timezone, Path(shop.folder) / CONFIG_NAME)
        return shop
    raise ShopbookError(f"shopbook 的各项工作要的是 shopbook.open_shop(文件夹) 打开的店铺，给的是 {type(shop).__name__} {shop!r}："
                        f"先 shop = shopbook.open_shop({str(shop)!r})，再把 shop 交给它。",
                        f"shopbook's jobs take the shop shopbook.open_shop(folder) opens, not {type(shop).__name__} "
                        f"{shop!r}: shop = shopbook.open_shop({str(shop)!r}) first, then hand it that shop.")


def day_given(value: object, what: str = "date") -> dt.date | None:
    """The day a script hands a job (run_daily's `date`, stock_alerts' `today` …): a date, a datetime's
    day, or text as the command line's --date takes it (2026-11-21, 2026/11/21); None stays None. A
    datetime or a str went on to be compared with dates and ended on a TypeError deep in the job;
    anything else is one ShopbookError naming the argument."""
    from .values import BadValue, parse_date

    if value is None or type(value) is dt.date:
        return value
    if isinstance(value, (dt.date, str)):  # (a datetime is a date)
        try:
            return parse_date(value)
        except BadValue as e:  # (typed by the shop's staff, a --date: in the shop's language where it is known)
            raise DataStop(f"{what}：{e.zh}", f"{what}: {e.en}") from None
    raise ShopbookError(f"{what} 应为日期（datetime.date，或 2026-11-21 这样的文字），给的是 {type(value).__name__} {value!r}。",
                        f"{what} must be a day (a datetime.date, or text such as 2026-11-21), not "
                        f"{type(value).__name__} {value!r}.")


def files_given(files) -> list[Path]:
    """The files a script hands a job (import_orders, morning, import_kpi): a list, or one file alone (a
    str, a Path), which was taken a character at a time ('/: This is a folder, not a file')."""
    return [Path(files)] if isinstance(files, (str, os.PathLike)) else [Path(f) for f in files]


def days_given(value: object, what: str = "days") -> int | None:
    """A number of days a script hands a job (follow_up, slow_movers): a whole number, 0 or more (0: as
    of today itself), or its digits as text as --days takes them; None stays None (shopbook.toml's). Text
    ended on a TypeError inside the job, a negative number counted days to come; either is one ShopbookError."""
    if value is None:
        return None
    n = int(value.strip()) if isinstance(value, str) and value.strip().isdigit() else value
    if type(n) is int and n >= 0:
        return n
    raise ShopbookError(f"{what} 应为 0 或更大的整数（天数），给的是 {value!r}。",
                        f"{what} must be a whole number of days, 0 or more, not {value!r}.")


def month_given(value: object, what: str = "month") -> str:
    """The month a script hands a job (ledger_report, settle_month, staff_pay): as the command line's
    --month takes it (2026-11, 2026/11, 2026年11月), as YYYY-MM; a date or datetime names its month. The
    jobs took 2026-11 alone, where the command line took every form; anything else is one ShopbookError."""
    from .periods import month_typed

    if isinstance(value, dt.date):
        return f"{value.year:04d}-{value.month:02d}"
    if isinstance(value, str):
        return month_typed(value, what)
    raise ShopbookError(f"{what} 应为月份（如 \"2026-11\"），给的是 {type(value).__name__} {value!r}。",
                        f"{what} must be a month (such as \"2026-11\"), not {type(value).__name__} {value!r}.")


def load_shop(shop: Shop, specs: tuple[WorkbookSpec, ...] = WORKBOOKS, progress=None) -> ShopData:
    """Read the named workbooks of a shop (`specs`: schema.WORKBOOKS, all five, unless given) into
    typed records: data.rows(schema.Product) … A workbook that is absent is one issue; one that
    cannot be read at all raises ShopbookError. `progress(file name)` is called before each read."""
    data = ShopData(shop_given(shop))
    for spec in specs:
        path = shop.path(spec)
        if progress:
            progress(spec.filename)
        if not path.exists():
            data.issues.append(missing_workbook(shop.folder, spec))
            continue
        data.books[spec.key] = read_workbook(path, spec)
    return data


def workbooks_lang(folder: Path) -> str | None:
    """The language the shop's workbooks are made in, by their sheets' names (流水 or Entries …), most
    sheets deciding; None when no workbook there tells."""
    import zipfile

    from .io.reader import header_key
    from .io.sheet_xml import sheet_parts

    count = {"zh": 0, "en": 0}
    for w in WORKBOOKS:
        try:
            with zipfile.ZipFile(Path(folder) / w.filename) as z:
                names = {header_key(n) for n in sheet_parts(z)}
        except (OSError, zipfile.BadZipFile, KeyError, SyntaxError):  # (ParseError is a SyntaxError)
            continue
        for m in w.sheets:
            for lang in count:
                count[lang] += header_key(getattr(m, lang)) in names
    if count["zh"] == count["en"]:
        return None
    return max(count, key=count.get)


def init_shop(folder: Path | str, lang: str | None = "zh", name: str | None = None) -> list[Path]:
    """A new, empty shop folder: the five workbooks from the schema, and shopbook.toml.
    Existing files are never overwritten. `lang` None: the language of the workbooks there
    (a shop whose shopbook.toml was deleted), else zh. `name`: the shop's name in a new shopbook.toml
    (我的店铺 / My shop). Returns the files made. A folder that cannot be made or written (a file of its
    name, no permission) stops as the command line says it (io.files.os_error_stop), not as the OS's
    FileExistsError."""
    from .io.files import WRITTEN, os_error_stop

    before = len(WRITTEN)
    try:
        return _init_shop(Path(folder), lang, name)
    except OSError as e:
        raise os_error_stop(e, WRITTEN[before:]) from None


def _init_shop(folder: Path, lang: str | None, name: str | None) -> list[Path]:
    from .config import CONTROL, stand_in_words_for_config
    from .workbook_builder import write_workbook

    if folder.is_file() and folder.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".csv", ".toml"):
        raise no_shop_folder(folder)  # (init shop/orders.xlsx was 'a file of that name is already there')
    if name is not None and CONTROL.search(name):  # (a shopbook.toml naming it would stop every command)
        raise ShopbookError(f"--name 里有换行或控制字符（{name!r}）：店铺名称写在一行里。没有创建任何文件。",
                            f"--name holds a line break or control character ({name!r}): give the shop's name on "
                            "one line. No file was created.", folder)

    # orders.xls beside where orders.xlsx goes: an empty orders.xlsx would hide the shop's real one
    stand_ins = [(folder / w.filename, other) for w in WORKBOOKS
                 if not (folder / w.filename).exists() and (other := stand_in(folder / w.filename)) is not None]
    cfg = folder / CONFIG_NAME
    if not cfg.exists() and (other := config_stand_in(folder)) is not None:  # the shop's settings, as a copy
        stand_ins.append((cfg, other))
    if stand_ins:
        words = [stand_in_words_for_config(folder, o) if p == cfg else stand_in_words(p, o) for p, o in stand_ins]
        raise ShopbookError(" ".join(z for z, _ in words) + " 改好后再运行 init：没有创建任何文件。",
                            " ".join(e for _, e in words) + " Then run init again: no file was created.", folder)
    make_dirs(folder)  # in a group-shared folder (2775), shared as it is: colleagues run the next command
    cfg = folder / CONFIG_NAME
    if cfg.exists():  # a shop already: the missing workbooks come in its own language
        lang = load_config(folder).shop.language
    elif lang is None:  # its shopbook.toml deleted: written in the language its workbooks are in
        lang = workbooks_lang(folder) or "zh"
    # only what is missing: a workbook that is there (even one that does not open) is never touched
    made = [write_workbook(folder / w.filename, w, lang) for w in WORKBOOKS
            if not (folder / w.filename).exists() and not (folder / w.filename).is_symlink()]
    if not cfg.exists():
        write_bytes_atomic(cfg, default_toml(name or ("我的店铺" if lang == "zh" else "My shop"), lang)
                           .encode("utf-8"))
        made.append(cfg)
    for sub in ("reports", "outbox", "inbox"):
        make_dirs(folder / sub)
    return made
