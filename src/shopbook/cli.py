"""The `shopbook` command: each command is a thin call of a library function."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.markup import escape
from rich.table import Table

from .issues import DataStop, Issue, ShopbookError, en_count, in_lang, refused_zh
from .values import BadValue

import re as _re

from typer._click import decorators as _click_decorators
from typer._click import exceptions as _click_exc  # typer carries its own click
from typer._click.utils import echo as _echo

# click's usage errors, in Chinese beside its English (one pattern per message click gives)
_USAGE_ZH = [
    (r"Missing option '(.+?)'\.?", r"缺少必需的选项 \1。"),
    (r"Missing argument '(.+?)'\.?", r"缺少参数 \1。"),
    (r"No such command '(.+?)'\.(?: Did you mean '(.+?)'\?)?", lambda m: f"没有 {m[1]} 这个命令。"
     + (f"是不是 {m[2]}？" if m[2] else "")),
    (r"No such option: (\S+)(?: \(Possible options: (.+)\)| Did you mean (\S+)\?)?",
     lambda m: f"没有 {m[1]} 这个选项。" + (f"可用：{m[2] or m[3]}" if (m[2] or m[3]) else "")),
    (r"Option '(.+?)' requires an argument\.?", r"选项 \1 后面要跟一个值。"),
    (r"Got unexpected extra arguments?(?:\(s\))? \((.+)\)\. Did you mean (.+)\?", r"多出来的参数：\1。是不是 \2？"),
    (r"Got unexpected extra arguments?(?:\(s\))? \((.+)\)", r"多出来的参数：\1。"),
    (r"Option '(.+?)' given twice \((.+)\): give it once\.", r"选项 \1 给了两次（\2）：只给一次。"),
    (r"Option '(.+?)' is one of '(.+?)': type it after the command's name \((.+)\)\.",
     r"选项 \1 是 \2 的：要写在命令名后面（\3）。"),
    (r"Invalid value for '(.+?)': (.+)", lambda m: f"{m[1]} 的值不对：" + (_OWN_WORDS_ZH.get(m[2]) or refused_zh(m[2]))),
]


_USAGE_ANY = "命令的写法不对。"


def _usage_zh(message: str) -> str:
    for pattern, zh in _USAGE_ZH:
        m = _re.fullmatch(pattern, message.strip(), _re.S)
        if m:
            return zh(m) if callable(zh) else m.expand(zh)
    return _USAGE_ANY


def _usage_lang(words: list[str]) -> str | None:
    """The language of the shop a mistyped command line names (its folder, with its shopbook.toml), for
    its usage error: a Chinese shop's staff read it in Chinese alone; None (both) where none is named."""
    for word in words:
        folder = Path(word) if word and not word.startswith("-") else None
        if folder is not None and (folder / "shopbook.toml").is_file():
            try:
                return _toml_lang(folder)
            except (ShopbookError, OSError):  # a shopbook.toml that does not read: both
                return None
    return None


_EMPTY_PATH = "no folder or file given (the argument is empty)"
_EMPTY_VALUE = "the value is empty"
_REPORT_KIND = "it is weekly, monthly or promotion, typed before the shop folder: shopbook report monthly SHOP"
_OWN_WORDS_ZH = {_EMPTY_PATH: "没有给出文件夹或文件（参数是空的）", _EMPTY_VALUE: "值是空的",
                 _REPORT_KIND: "要写 weekly、monthly 或 promotion，写在店铺文件夹前面：shopbook report monthly 店铺"}
# (our own BadParameter words)


def _filled(raw: str, said: str = _EMPTY_VALUE) -> str:
    """A value as typed, refused when it is empty (`--po ""`)."""
    if not raw.strip():
        raise typer.BadParameter(said)
    return raw


def _report_kind(raw: str) -> str:
    """`report`'s first word: a shop folder typed in its place (shopbook report SHOP --period 2026-11) is
    said as the kind left out, not as 'Missing argument shop'."""
    if raw not in ("weekly", "monthly", "promotion"):
        raise typer.BadParameter(_REPORT_KIND)
    return raw


def _folder(raw: str) -> Path:
    """A shop folder (or workbook) as typed: an empty one (a script's "$SHOP" unset) is refused,
    never taken for the current folder, where `init` would make a shop and `daily` would run."""
    return Path(_filled(raw, _EMPTY_PATH))


class _Bilingual(TyperGroup):
    """Typer's own usage errors (a missing --date, a mistyped command) in Chinese and
    English, as every other message; the exit code stays click's 2."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        global _interrupted_said
        _interrupted_said = False
        try:
            twice = _given_twice(self, sys.argv[1:] if args is None else list(args))
            if twice:
                raise _click_exc.UsageError(twice)
            given = sys.argv[1:] if args is None else list(args)
            alone = _password_alone(given)  # (args None otherwise: Windows expands a typed *.xlsx then)
            if alone != given and args is None and os.name == "nt":  # (as typer does for args None: cmd.exe
                from typer._click.utils import _expand_args  # leaves *.xlsx to the program)

                alone = _expand_args(alone)
            rv = super().main(args if alone == given else alone, prog_name, complete_var, False, **extra)
        except _click_exc.NoArgsIsHelpError as e:  # the help itself
            e.show()
            sys.exit(e.exit_code)
        except _click_exc.UsageError as e:
            ctx = e.ctx
            words = sys.argv[1:] if args is None else list(args)
            msg, lang = e.format_message(), _usage_lang(words)
            msg = _misplaced(ctx, words, msg) or _option_left_out(ctx, words, msg) or msg
            zh = _usage_zh(msg)
            lang = None if lang == "zh" and zh == _USAGE_ANY else lang  # (a message no pattern knows: both)
            if ctx:
                usage = ctx.get_usage()
                _echo(usage.replace("Usage: ", "用法：", 1) if lang == "zh" else usage, err=True)
            helps = f"{ctx.command_path if ctx else 'shopbook'} --help"
            _echo({"zh": f"✗ {zh}\n帮助：{helps}", "en": f"✗ {msg}\nhelp: {helps}"}.get(
                lang, f"✗ {zh}\n✗ {msg}\n帮助 help: {helps}"), err=True)
            if "--json" in (sys.argv[1:] if args is None else list(args)):  # a stop document, as every other stop
                _json(_stop_document(zh, msg, code=e.exit_code))
            sys.exit(e.exit_code)
        except _click_exc.ClickException as e:
            e.show()
            sys.exit(e.exit_code)
        except typer.Abort as e:  # an answer cut off (no one at the prompt: 1), or Ctrl+C at it (130, as elsewhere)
            if isinstance(e.__context__, KeyboardInterrupt):
                _echo(_t("已中断", "interrupted"), err=True)
                sys.exit(130)
            _echo("已取消 / aborted", err=True)
            sys.exit(1)
        if rv == 130 and not _interrupted_said:  # Ctrl+C outside a command's own handler (as it starts):
            _echo(_t("已中断", "interrupted"), err=True)  # typer made it a silent exit 130
            if "--json" in (sys.argv[1:] if args is None else list(args)):  # (its stop document, as every stop's)
                _json(_stop_document("已中断", "interrupted", code=130))
        sys.exit(rv if isinstance(rv, int) else 0)


def _misplaced(ctx, words: list[str], msg: str) -> str | None:
    """An option of a command typed before the command's name (shopbook --date 2026-12-01 daily SHOP, a
    cron line's --json first): the group that took it knows no such option and said so, as if --date were
    none of shopbook's. The words that say where it goes, else None."""
    m = _re.fullmatch(r"No such option: (\S+).*", msg, _re.DOTALL)
    if not m or ctx is None or not hasattr(ctx.command, "commands"):
        return None
    cmd, path, rest = ctx.command, [], list(words)
    while hasattr(cmd, "commands"):  # down to the command the words name (a group's default one too)
        sub = next((w for w in rest if w in cmd.commands), None)
        if sub is None:
            sub = getattr(cmd, "default", None)
            if not sub:
                return None
        else:
            rest = rest[rest.index(sub) + 1:]
            path.append(sub)
        cmd = cmd.commands[sub]
    if not path or not any(m[1] in p.opts for p in cmd.params):
        return None
    named = " ".join([*ctx.command_path.split()[1:], *path])  # (shopbook orders --json import: orders import)
    return f"Option '{m[1]}' is one of '{named}': type it after the command's name (shopbook {named} … {m[1]} …)."


def _option_left_out(ctx, words: list[str], msg: str) -> str | None:
    """A day or month typed without its option (shopbook daily SHOP 2026-12-01): click's 'unexpected extra
    argument' with the option it is likely meant for, where the command has it; else None."""
    m = _re.fullmatch(r"Got unexpected extra arguments?(?:\(s\))? \((\S+)\)", msg.strip())
    if not m or ctx is None:
        return None
    opts = {o for p in ctx.command.params for o in getattr(p, "opts", ())}
    typed = m[1]
    if _re.fullmatch(r"(20\d\d[-/.年]?)?\d{1,2}[-/.月]\d{1,2}日?|20\d{6}", typed):
        meant = "--date"
    elif _re.fullmatch(r"20\d\d([-/.年]\d{1,2}月?|(0[1-9]|1[0-2])|-?W\d{1,2})", typed):
        meant = next((o for o in ("--month", "--period") if o in opts), "")
    else:
        return None
    given = any(w.partition("=")[0] == meant for w in words)  # (--month typed too: the word is something else)
    return f"{msg.strip()}. Did you mean {meant} {typed}?" if meant in opts and not given else None


def _given_twice(group, words: list[str]) -> str | None:
    """An option of the command `words` name given twice with two values (--month 2026-11 … --period
    2026-10, --date twice in a script): click keeps the last and drops the other unsaid, so a job would
    run for a day or month nobody chose last. The words to refuse it with, else None."""
    cmd, i = group, 0
    while hasattr(cmd, "commands"):  # down to the command the words name (a group's default one too)
        while i < len(words) and words[i].startswith("-"):
            i += 1
        if i >= len(words):
            return None
        sub = cmd.commands.get(words[i])
        if sub is None:
            sub = cmd.commands.get(getattr(cmd, "default", None) or "")
            if sub is None:
                return None
        else:
            i += 1
        cmd = sub
    valued = {o: p for p in cmd.params if p.param_type_name == "option" and not p.is_flag and not p.multiple
              and not p.count for o in p.opts}
    given: dict[str, list[tuple[str, str]]] = {}
    while i < len(words) and words[i] != "--":
        name, eq, value = words[i].partition("=")
        if name in valued and (eq or i + 1 < len(words)):
            if not eq:
                i, value = i + 1, words[i + 1]
            given.setdefault(valued[name].name, []).append((name, value))
        i += 1
    for each in given.values():
        other = next((g for g in each if g[1] != each[0][1]), None)
        if other:
            return f"Option '{each[0][0]}' given twice ({each[0][0]} {each[0][1]}, {other[0]} {other[1]}): give it once."
    return None


def _help_in_both(make=_click_decorators.help_option):
    """typer's --help line ("Show this message and exit.") in both languages, as every other line of the help."""
    def help_option(names):
        add = make(names)

        def apply(cmd):
            cmd = add(cmd)
            cmd.params[-1].help = "显示这份说明 / show this help"
            return cmd
        return apply
    return help_option


_click_decorators.help_option = _help_in_both()  # (typer's command takes it from there when a help is asked)

# what a cron job or a script needs of every command, and where to begin (README: Exit codes)
_EPILOG = """\b
退出码 / exit codes (every command):
  0 完成 / done    1 有事要人处理 / something needs a person
  2 无法运行（除非列出，什么都没有写）/ could not run (nothing written unless listed)
  3 内部错误 / internal error    130 中断 / interrupted

\b
例 / e.g.:
  shopbook init 我的店铺 --lang zh     # 新店 / a new shop (--lang en: an English one)
  shopbook doctor 我的店铺             # 哪里没设好、中断留下了什么 / what is missing or left behind
  shopbook daily 我的店铺 >> daily.log 2>&1   # 每天的任务（cron）/ the daily job (cron)
  shopbook daily --help               # 每个命令的说明 / each command's own help
"""

app = typer.Typer(cls=_Bilingual, add_completion=False, no_args_is_help=True, rich_markup_mode=None, epilog=_EPILOG,
                  help="shopbook — 店铺工作簿的校验与自动化 / validation and automation for shop workbooks")
addin_app = typer.Typer(no_args_is_help=True, help="Excel 加载项 / the Excel add-in")
app.add_typer(addin_app, name="addin")


@app.callback()
def _global_options(no_cache: Annotated[bool, typer.Option(
        "--no-cache", help="不用也不写 .shopbook-cache / neither use nor write the parsed-sheet cache")] = False) -> None:
    if no_cache:
        from .io import cache

        cache.disabled = True


def _runs_by_default(default: str) -> type[TyperGroup]:
    """A group whose bare form runs one of its commands: `shopbook stock SHOP` the summary,
    `shopbook aftersales SHOP` the list; `shopbook stock alerts SHOP` the named one."""

    class Group(TyperGroup):
        default: str = ""  # (set below: the command the bare group runs)

        def parse_args(self, ctx, args):
            if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
                # a command mistyped (stock alert SHOP, stock supply SHOP) is said as one, not taken for
                # a shop folder and refused as "extra arguments"; a folder of that name is still the shop
                near = difflib.get_close_matches(args[0], list(self.commands), n=1, cutoff=0.5)
                if not args[0].startswith("-") and not Path(args[0]).exists() and (
                        difflib.get_close_matches(args[0], list(self.commands), n=1, cutoff=0.75)
                        or any(not a.startswith("-") and Path(a).is_dir() for a in args[1:])):
                    ctx.fail(f"No such command '{args[0]}'." + (f" Did you mean '{near[0]}'?" if near else ""))
                args = [default, *args]
            return super().parse_args(ctx, args)

    Group.default = default
    return Group


stock_app = typer.Typer(cls=_runs_by_default("summary"), no_args_is_help=True,
                        help="库存：汇总、预警、滞销、缺货登记、耗材 / stock: summary, alerts, slow movers, waiting list, supplies.\n\n"
                             "shopbook stock 店铺 = shopbook stock summary 店铺 / shopbook stock SHOP is the summary")
app.add_typer(stock_app, name="stock")
stocktake_app = typer.Typer(no_args_is_help=True, help="盘点 / stocktake")
app.add_typer(stocktake_app, name="stocktake")
agents_app = typer.Typer(no_args_is_help=True, help="代理：价格表、月结、邮件 / agents: price sheets, settlement, e-mail")
app.add_typer(agents_app, name="agents")
reconcile_app = typer.Typer(no_args_is_help=True, help="对账：支付宝、微信、快递 / reconciliation: Alipay, WeChat Pay, "
                                                       "courier bills")
app.add_typer(reconcile_app, name="reconcile")
orders_app = typer.Typer(no_args_is_help=True, help="订单：导入、审单、早上一次完成、跟进 / orders: import, review, the morning's run, follow-up")
app.add_typer(orders_app, name="orders")
kpi_app = typer.Typer(no_args_is_help=True, help="数据日报：导入生意参谋 / daily KPI: import 生意参谋 downloads")
app.add_typer(kpi_app, name="kpi")


class _Console(Console):
    """rich's console: on a terminal it wraps to the terminal's width; to a file or a pipe (a cron
    job's log, `> out.txt`) rich wraps at 80 and cuts paths and sentences mid-word, so there lines
    go whole and tables take the width they need (a COLUMNS set in the environment still wins)."""

    @property
    def size(self):
        size = super().size
        if self.whole:
            return size._replace(width=10_000)
        return size

    @property
    def whole(self) -> bool:
        """Lines go whole (a file or a pipe, no COLUMNS): a table would be as wide as its longest cell."""
        return self._width is None and not self.is_terminal and not self._environ.get("COLUMNS", "").isdigit()


out = _Console(highlight=False)
err = _Console(stderr=True, highlight=False)

Lang = Annotated[str, typer.Option("--lang", help="zh 或 en / zh or en")]

# The language of every console line: the shop's (shopbook.toml, set as the shop is opened, or
# validate's --lang); None where no shop says which (a lone workbook, a stop before the shop
# was read): both. One switch, read by _t and _print_issues.
_lang: str | None = None


def _set_lang(lang: str | None) -> None:
    global _lang
    _lang = lang


_shop_folder: Path | None = None  # the shop the command opened (_open): where a data stop's workbook is


def _t(zh: str, en: str, sep: str = " / ") -> str:
    """A console label or sentence in the shop's language; both (zh, sep, en) without a shop."""
    return in_lang(_lang, zh, en, sep)


def _label(zh: str, en: str) -> str:
    """A label before its value, with the colon of the shop's language (发货未签收：221, held: 3)."""
    return _t(zh + "：", en + ": ")


def _word(choice) -> str:
    """A list value (已审核, 盘盈 …) as the shop's sheets name it."""
    return _t(choice.value, choice.en, " ")


def _platform(name: str) -> str:
    """淘宝 / 拼多多 / 抖店 as the shop's sheets name it; '' stays ''."""
    from .schema.orders import platform_word

    return platform_word(name, _lang)


def _unreadable() -> tuple[type[BaseException], ...]:
    """What the parsers raise on a damaged file that no reader turned into a ShopbookError
    (the readers do, naming the file; this is the net under them): exit 2, never 3."""
    import csv
    import zipfile
    import zlib

    kinds: list[type[BaseException]] = [csv.Error, zipfile.BadZipFile, zlib.error, EOFError, UnicodeDecodeError]
    try:
        import python_calamine as pc

        kinds.append(pc.CalamineError)
    except ImportError:
        pass
    try:
        from zlib_ng import zlib_ng  # zipfile's zlib in shopbook (io/__init__)

        kinds.append(zlib_ng.error)
    except ImportError:
        pass
    try:
        from pyo3_runtime import PanicException  # a Rust parser's panic (calamine)

        kinds.append(PanicException)
    except ImportError:
        pass
    return tuple(kinds)


_UNREADABLE = _unreadable()


_interrupted_said = False  # a command's Ctrl+C said by its own handler (guarded), not again as it exits

# --json: "asked" while the command's own document is still to come, "out" once it is written
_json_state: str | None = None


def _json_stop(zh: str, en: str, path: object = "", code: int = 2, written=()) -> None:
    """With --json a stop is a JSON document on stdout too, so that whoever reads it gets one,
    never nothing: {"stop": {zh, en, path, exit_code, written}}. Not when the command's own
    document is out already (`validate --write --json` stopped by a workbook open in Excel: its
    list is printed first); the message stays on stderr for the log."""
    if _json_state == "asked":
        _json(_stop_document(zh, en, path, code, written))


def _stop_document(zh: str, en: str, path: object = "", code: int = 2, written=()) -> dict:
    return {"stop": {"zh": zh, "en": en, "path": str(path or ""), "exit_code": code,
                     "written": [str(p) for p in written]}}


def _say_left_open(written, as_json: bool) -> None:
    """Each report this command wrote beside one someone has open (io.files.free_of_readers,
    put_beside), said once whatever the command: on stderr under --json (stdout is its document)."""
    from .io.files import left_open_untold

    for words in left_open_untold(written):
        (err if as_json else out).print(f"[yellow]! {escape(_t(*words))}[/]")


def guarded(fn):
    """A stop (ShopbookError) is one clear message and exit 2 (with --json, a JSON document
    too); never a traceback unless SHOPBOOK_DEBUG is set."""

    @functools.wraps(fn)
    def wrapper(*a, **kw):
        from .io.files import WRITTEN

        global _json_state, _shop_folder, _interrupted_said
        _json_state = "asked" if kw.get("as_json") else None
        _say_lock_waits(fn.__name__)
        _set_lang(None)  # until this command's shop is opened
        _shop_folder = None
        before = len(WRITTEN)
        try:
            try:
                return fn(*a, **kw)
            finally:
                _say_lock_waits(None)
                _say_left_open(WRITTEN[before:], bool(kw.get("as_json")))
        # A stop is in both languages, whatever the shop's: it goes to whoever can fix the
        # file, the folder or the machine (README, "One language per shop")
        except DataStop as e:  # about the shop's own data: in its language, as the rest of its messages
            # the workbook its first error is in: the shop's, or (an export's, elsewhere) by its name
            book = _shop_folder / e.book if e.book and _shop_folder and (_shop_folder / e.book).exists() else e.book
            _json_stop(e.zh, e.en, e.path or book, e.exit_code, WRITTEN[before:])  # --json still gets its one document
            err.print(f"[bold red]✗[/] {escape(e.say(_lang))}")
            raise typer.Exit(e.exit_code) from None
        except ShopbookError as e:
            _json_stop(e.zh, e.en, e.path, e.exit_code, WRITTEN[before:])
            err.print(f"[bold red]✗[/] {escape(str(e))}")
            raise typer.Exit(e.exit_code) from None
        except BadValue as e:  # a value read outside a sheet's reader: still one plain message
            _json_stop(e.zh, e.en)
            err.print(f"[bold red]✗[/] {escape(e.zh)} / {escape(e.en)}")
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            _json_stop("已中断", "interrupted", code=130, written=WRITTEN[before:])
            err.print(_t("已中断", "interrupted"))
            _interrupted_said = True
            raise typer.Exit(130) from None
        except OSError as e:  # a folder where a file belongs, a file where a folder does, no permission
            from .io.files import os_error_stop  # which file, what of it, and what was written before

            done = WRITTEN[before:]  # "nothing was written" only when true; else what was
            said = os_error_stop(e, done)
            _json_stop(said.zh, said.en, e.filename or "", written=done)
            err.print(f"[bold red]✗[/] {escape(str(said))}" + "".join(f"\n  ✎ {escape(str(p))}" for p in done))
            raise typer.Exit(2) from None
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except (MemoryError, *_UNREADABLE) as e:  # a file that did not read, wherever it was opened
            done = WRITTEN[before:]
            _json_stop(f"有文件无法读取（已损坏或过大：{type(e).__name__}: {str(e)[:200]}）。",
                       f"A file could not be read (damaged or too large: {type(e).__name__}: {str(e)[:200]}).",
                       written=done)
            err.print(f"[bold red]✗[/] 有文件无法读取（已损坏或过大：{type(e).__name__}: {escape(str(e))[:200]}）；"
                      + ("什么都没有写入。" if not done else f"停下之前已写入 {len(done)} 个文件。")
                      + f"\nA file could not be read (damaged or too large: {type(e).__name__}: "
                      f"{escape(str(e))[:200]}); " + ("nothing was written." if not done else
                                                      f"{en_count(len(done), 'file')} {'was' if len(done) == 1 else 'were'} written before the stop.")
                      + "".join(f"\n  ✎ {escape(str(p))}" for p in done))
            raise typer.Exit(2) from None
        except Exception as e:  # pragma: no cover - the last line of defence
            if os.environ.get("SHOPBOOK_DEBUG"):
                raise
            _json_stop(f"内部错误：{type(e).__name__}: {e}。请把这条信息发给维护者。",
                       f"Internal error: {type(e).__name__}: {e}. Please report this.", code=3,
                       written=WRITTEN[before:])
            err.print(f"[bold red]✗ 内部错误 / internal error:[/] {type(e).__name__}: {e}\n"
                      "请把这条信息发给维护者（设置 SHOPBOOK_DEBUG=1 可看详情）。 "
                      "Please report this (set SHOPBOOK_DEBUG=1 for details).")
            raise typer.Exit(3) from None

    return wrapper


def _password_option(word: str) -> bool:
    """Whether a word of the command line is the --password option, or a prefix of it click accepts (--pass)."""
    return len(word) > 3 and "--password".startswith(word)


def _unsecret(args: list[str]) -> list[str]:
    """A command line as others may read it (the shop lock a colleague's wait names, the record beside the
    backups that a damaged workbook's advice names): an export's --password (its value, by either spelling,
    or a prefix click accepts: --pass) stands as ***."""
    shown, hide = [], False
    for a in args:
        name, eq, _ = a.partition("=")
        if hide and not a.startswith("--"):  # (--password --json: --json is no password, it is asked: _password_alone)
            shown.append("***")
        elif _password_option(name) and eq:
            shown.append(f"{name}=***")
        else:
            shown.append(a)
        hide = not hide and not eq and _password_option(a)
    return shown


def _say_lock_waits(name: str | None) -> None:
    """A writer that finds the shop locked says who holds it while it waits (io.lock);
    None: the command is over."""
    from .io import files, journal, limits, lock

    if name is None:
        lock.label = lock.on_wait = limits.on_writer_says = journal.on_recovered = files.on_save_wait = None
        return
    # a workbook another program is saving: read again once it is (io.files.after_saves), said here
    files.on_save_wait = lambda path, wait: err.print("… " + _t(
        f"{escape(path.name)} 正在被其他程序保存，{wait:g} 秒后再读", f"{escape(path.name)} is being saved by another "
        f"program: reading it again in {wait:g} s"))
    # and what a writer has to say of what it wrote (a control character removed from a name, rows
    # appended below a totals row)
    limits.on_writer_says = lambda issues: _print_issues(issues, err)
    journal.on_recovered = _say_recovered  # and an interrupted job it finished as it took the lock

    ran = Path(sys.argv[0]).name in ("shopbook", "shopbook.exe", "cli.py", "__main__.py")
    lock.label = (" ".join(["shopbook", *_unsecret(sys.argv[1:])]) if ran else f"shopbook {name}")[:200]

    def waiting(holder, waited: float) -> None:
        who, who_en = map(escape, lock.holder_words(holder))
        err.print("… " + _t(f"等待店铺锁：{who} 正在写入（已等 {int(waited)} 秒，最多 {int(lock.wait_seconds())} 秒）",
                            f"waiting for the shop lock held by {who_en} ({int(waited)} s of at most "
                            f"{int(lock.wait_seconds())} s)"))

    lock.on_wait = waiting


_recovered_here: list = []  # what this command's takings of the shop lock finished of an interrupted job


def _say_recovered(folder: Path, found: list) -> None:
    """What taking the shop lock finished of a job an earlier run was killed in: the files put in
    place, the versions kept beside a workbook changed since (with what to do), on this command's
    screen, in the shop's language (the lock may come before the command has said which)."""
    from .io.journal import recovered_words

    _recovered_here.extend(found)  # and in the command's --json document, for a script or cron job reading it
    lang = _lang
    if lang is None:
        try:
            lang = _toml_lang(folder)
        except ShopbookError:  # a shopbook.toml that does not read: both
            pass
    for f in found:
        zh, en = recovered_words(f)
        text = in_lang(lang, zh, en, "\n  ")
        err.print(("! " if f.kept or f.kind == "lock" else "✓ ") + escape(text))


def _check_lang(lang: str) -> str:
    if lang not in ("zh", "en"):
        raise ShopbookError("--lang 只能是 zh 或 en。", "--lang must be zh or en.")
    return lang


def progress_bar(total: int, what: str):
    # none on a terminal that cannot redraw a line (TERM=dumb: an editor's shell), where rich drew
    # nothing and left a blank line above the result
    p = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                 TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal or err.is_dumb_terminal)
    return p, p.add_task(what, total=total)


@app.command()
@guarded
def templates(out_dir: Annotated[Path, typer.Option("--out", help=(  # (the default's English set goes a folder down)
        "输出文件夹（默认 templates：中文模板写在 templates，--lang en 的写在 templates/en；给了别的文件夹，两种语言都写在那个"
        "文件夹）/ output folder (by default templates: the Chinese templates go in templates, --lang en's in "
        "templates/en; any other folder given gets either language's in it)"))] = Path("templates"),
              lang: Lang = "zh") -> None:
    """从表结构生成空白模板 / generate the blank workbook templates from the schema."""
    from .templates import write_templates

    for p in write_templates(out_dir, _check_lang(lang)):
        out.print(f"✓ {p}")


@app.command()
@guarded
def init(folder: Annotated[Path, typer.Argument(help="店铺文件夹（新的，或已有的店铺）/ the shop folder (new, or a shop's)",
                                                parser=_folder)], lang: Annotated[Optional[str], typer.Option(
             "--lang", help="zh 或 en（默认 zh；已有工作簿的文件夹按工作簿的语言）/ zh or en (default zh; in a "
                     "folder with workbooks, theirs)")] = None,
         name: Annotated[Optional[str], typer.Option(help="店铺名称 / shop name")] = None) -> None:
    """新建店铺文件夹，或补上缺少的工作簿（已有的不动）/ a new shop folder, or its missing workbooks (never touches existing ones)."""
    from .config import CONFIG_NAME, load_config
    from .shop import init_shop

    had = (folder / CONFIG_NAME).is_file()  # an existing shop keeps its own language and name
    made = init_shop(folder, _check_lang(lang) if lang else None, name)  # (none: the workbooks', else zh)
    _set_lang(_toml_lang(folder))
    for p in made:
        out.print(f"✓ {p}")
    if not made:
        out.print(_t("没有缺少的工作簿，什么都没有改动", "nothing was missing: nothing changed"))
    if had:  # options the shop's shopbook.toml overrules: said, not dropped in silence
        kept = load_config(folder).shop
        unused = [o for o, given, its in (("--lang", lang, kept.language), ("--name", name, kept.name))
                  if given is not None and given != its]
        if unused:
            out.print("! " + escape(_t(f"shopbook.toml 已经存在：{'、'.join(unused)} 没有用上（店铺的语言和名称在 shopbook.toml "
                                       "的 [shop] 里改）", f"shopbook.toml exists already: {', '.join(unused)} not used (a "
                                       "shop's language and name are changed under [shop] in shopbook.toml)")))


@app.command()
@guarded
def demo(folder: Annotated[Path, typer.Argument(help="默认 xlsx/ / default xlsx/", parser=_folder)] = Path("xlsx"),
         lang: Lang = "zh") -> None:
    """生成演示店铺 / build the demo shop (deterministic).

    那里已有的演示店铺重新生成，里面的改动不保留；别的店铺的文件夹不动 / a demo shop already there is made again, what
    was done in it not kept; another shop's folder is refused."""
    from .demo import generate_demo

    lang = _check_lang(lang)
    with err.status(in_lang(lang, "生成演示店铺", "building the demo shop") + " …"):  # (the shop's language: --lang's)
        paths = generate_demo(folder, lang)
    for p in paths:
        out.print(f"✓ {p}")


def _print_issues(issues: list[Issue], console: Console = out, lang: str | None = None) -> None:
    """One block per issue — where, which column, the value, then what to do: in the
    shop's language (`lang`), or in both where no shop says which. Readable in a narrow
    terminal and in a cron job's log alike."""
    lang = lang or _lang
    lines = []
    for i in issues:
        # (a note: what was done as asked, said so, e.g. a typed 售后 case taken as the export's refund: no !)
        mark = {"zh": ("[red]✗ 错误[/]", "[yellow]! 警告[/]", "· 说明"), "en": ("[red]✗ error[/]", "[yellow]! warning[/]",
                                                                           "· note")}.get(
            lang or "", ("[red]✗ 错误 error[/]", "[yellow]! 警告 warning[/]", "· 说明 note"))[
            0 if i.is_error else 2 if i.severity == "note" else 1]
        where = " › ".join(escape(p) for p in i.place(lang))
        col = f" [bold]{escape(i.column)}[/]" if i.column else ""
        val = f" = {escape(repr(i.value_in(lang)))}" if i.value else ""
        lines.append(f"{mark}  {where}{col}{val}")
        if lang != "en":
            lines.append(f"    {escape(i.message_zh)}")
        if lang != "zh":
            lines.append(f"    {escape(i.message_en)}")
    print_lines(lines, console)


def print_lines(lines: list[str], console: Console = out) -> None:
    """A long list in one print: rich's cost is per call (thousands of held orders took
    0.5 s one line at a time)."""
    if lines:
        console.print("\n".join(lines))


SCREEN_LINES = 30  # lines of a long list on screen (held orders, an import's changes); --json lists them all


@app.command()
@guarded
def validate(path: Annotated[Path, typer.Argument(help="店铺文件夹或一个工作簿 / shop folder or one workbook",
                                                  parser=_folder)],
             as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / print JSON")] = False,
             write: Annotated[bool, typer.Option("--write", help="写入“校验结果”表和批注，补全旧模板下拉列表缺的选项 / write an Issues sheet and comments, and add to an older template's drop-down lists the words they lack")] = False,
             lang: Annotated[Optional[str], typer.Option("--lang", help=(
                 "消息用 zh 或 en（默认店铺的语言；店铺外的工作簿两种都有）/ messages in zh or en (default: the shop's "
                 "language; both for a workbook outside a shop)"))] = None) -> None:
    """校验工作簿，指出每个出错的单元格 / check workbooks and point at every wrong cell.

    退出码 / exit code: 0 没有错误 clean, 1 有错误 errors found, 2 无法读取 could not read."""
    _read_early(path)
    from .validate import validate_path

    # the shop's language from the start: what the reads say as they go (a workbook being saved) too,
    # and what --write puts in the workbooks (None: both, for workbooks outside a shop)
    said_in = _validate_lang(lang, path)
    _set_lang(said_in)

    # --write: what follows the list, the workbooks rewritten (the 100,000-line shop: 7.6 s)
    writing = err.status(_t("写入校验结果", "writing the issues into the workbooks") + " …")

    def check(path: Path):
        writing.stop()  # (a workbook changed before the write: the job reads and checks again, under its bar)
        if as_json:
            return validate_path(path)
        # the bar names the workbooks still being read: validate_path says each as its read ends, and
        # the name it gave stood beside the bar while the next ones were read (agents.xlsx, 6 s of orders.xlsx)
        left = _books_read(path)
        p, task = progress_bar(len(left), _reading(left))

        def read(name: str) -> None:
            if name in left:
                left.remove(name)
            p.update(task, advance=1, description=_reading(left))

        with p:
            return validate_path(path, progress=read)

    if write:  # under the shop lock: the list written is the list of the versions written to
        from .validate.write import validate_and_write  # openpyxl: only when writing (0.3 s of imports)

        folder = path if path.is_dir() else path.parent

        def shown(r) -> None:
            _show_validation(r, path, as_json, lang)
            if not as_json:
                writing.start()

        try:
            result, written = validate_and_write(path, said_in, reports=folder / "reports", validate=check, shown=shown)
        finally:
            writing.stop()
        from .io.files import landed, left_open_words

        for w in written:
            if not as_json:
                out.print(f"✎ {(at := landed(w))}")
                for s in written.extended.get(w, ()):  # (its warning was shown before the write)
                    out.print(escape(_extended_words(at.name, s)))
                if words := left_open_words(at):
                    out.print(f"  [yellow]{_t(*words)}[/]")
    else:
        result = check(path)
        _show_validation(result, path, as_json, lang)
    raise typer.Exit(result.exit_code)


def _books_read(path: Path) -> list[str]:
    """The workbooks `validate PATH` reads, by name: a folder's, or the one named and those beside it."""
    from .schema import WORKBOOKS

    folder = path if path.is_dir() else path.parent
    beside = [w.filename for w in WORKBOOKS if (folder / w.filename).is_file() and w.filename != path.name]
    return beside if path.is_dir() else [path.name, *beside]


def _reading(books: list[str]) -> str:
    """A bar's words for the workbooks still being read (the first two: the bar keeps its room)."""
    sep = "、" if _lang == "zh" else ", "
    return _t("读取", "reading") + (" " + sep.join(books[:2]) + (" …" if len(books) > 2 else "") if books else "")


def _extended_words(book: str, s) -> str:
    """What validate --write did to a drop-down list (io.lists.StaleList `s`) of workbook `book`."""
    from .issues import col_letter

    col = col_letter(s.col)
    return _t(f"✎ {book}：{s.sheet} {col} 列（{s.header}）的下拉列表加上了" + "".join(f"“{w}”" for w in s.missing),
              f"✎ {book}: added " + ", ".join(f"'{w}'" for w in s.missing)
              + f" to the drop-down list of column {col} ({s.header}) on {s.sheet}")


def _show_validation(result, path: Path, as_json: bool, lang: str | None) -> None:
    if as_json:
        _json([i.to_json() for i in result.issues + result.notes])
    else:
        # --lang, else the shop's own (shopbook.toml beside the workbooks), else both
        _set_lang(_validate_lang(lang, path))
        if result.issues:
            _print_issues(result.issues)
        _print_notes(result.notes)
        n_err, n_warn = len(result.errors), len(result.warnings)
        # green only with the exit that says all is well: a shop an interrupted job left half written (exit 1) read
        # "0 errors" in green, and the person took it for checked and typed on in the workbook the job had to finish
        colour = "red" if n_err or result.exit_code else "green"
        zh, en = f"{n_err} 个错误，{n_warn} 个警告", f"{en_count(n_err, 'error')}, {en_count(n_warn, 'warning')}"
        if result.half_written:
            zh += "（一个被中断的任务还没有写完：这个结果不可信，请先运行 shopbook doctor）"
            en += " (an interrupted job is not finished: this result cannot be trusted; run shopbook doctor first)"
        count = _t(zh, en, " / ")
        out.print(f"[{colour}]{count}[/] — {', '.join(result.books) or path}")


def _validate_lang(lang: str | None, path: Path) -> str | None:
    """--lang, else the shop's own (shopbook.toml beside the workbooks), else both: also where
    shopbook.toml does not read (said among the workbooks' problems, validate_path)."""
    try:
        if lang:
            return _check_lang(lang)
        if path.is_dir() and not (path / "shopbook.toml").exists():
            # a shop without it: its workbooks' language, as its other commands speak (both where they do not
            # tell, or where a copy of it stands in its place: load_config stops on that)
            from .config import config_stand_in
            from .shop import workbooks_lang

            return None if config_stand_in(path) is not None else workbooks_lang(path)  # (each workbook opened once)
        return _toml_lang(path if path.is_dir() else path.parent)
    except ShopbookError:
        if lang:
            raise
        return None


def _print_notes(notes: list[Issue], most: int = 4) -> None:
    """What was read differently from how it looks (totals rows skipped): one line, the count
    and where, never one line per row (a month of daily totals would flood the list)."""
    from .io.reader import AHEAD_NOTE

    for n in (n for n in notes if AHEAD_NOTE in n.message_en):  # (one a sheet, its rows counted in it: said whole)
        at = " › ".join(p for p in (n.book, n.sheet, n.cell) if p)
        out.print(f"[dim]– {escape(at)}{'：' if _lang == 'zh' else ': '}{escape(_t(n.message_zh, n.message_en))}[/]")
    notes = [n for n in notes if AHEAD_NOTE not in n.message_en]
    if not notes:
        return
    where: dict[str, list[str]] = {}
    for n in notes:
        where.setdefault(" › ".join(p for p in (n.book, n.sheet) if p), []).append(n.cell or str(n.row or ""))
    places = [f"{w} {', '.join(c for c in cells if c)}".strip() for w, cells in where.items()]
    more = len(places) - most
    shown = _t("；", "; ").join(places[:most]) + (_t(f"；另有 {more} 处", f"; and {en_count(more, 'more place')}", " / ")
                                                  if more > 0 else "")
    label = _t(f"已跳过 {len(notes)} 行合计或说明文字（--json 列出每一行）",
               f"{en_count(len(notes), 'row')} of totals or notes skipped (--json lists each)", " / ")
    out.print(f"[dim]– {escape(label)}{'：' if _lang == 'zh' else ': '}{escape(shown)}[/]")


def _shop_lang(folder: Path) -> str:
    from .config import load_config

    return load_config(folder).shop.language


def _toml_lang(folder: Path) -> str | None:
    """The language a shop folder's shopbook.toml sets; None for workbooks outside a shop."""
    from .config import CONFIG_NAME

    return _shop_lang(folder) if (folder / CONFIG_NAME).is_file() else None


@app.command()
@guarded
def docs(out_file: Annotated[Path, typer.Option("--out", help="写到哪个文件 / the file to write")] = Path("docs/workbooks.md")) -> None:
    """从表结构生成列说明文档 / write the column reference generated from the schema."""
    from .templates import write_docs

    out.print(f"✓ {write_docs(out_file)}")


@addin_app.command("build")
@guarded
def addin_build(out_file: Annotated[Optional[Path], typer.Option("--out", help=(
                    "写到哪个文件（默认 dist/shopbook.xlam，英文 dist/shopbook-en.xlam）/ the file to write (default "
                    "dist/shopbook.xlam; English: dist/shopbook-en.xlam)"))] = None,
                macros: Annotated[Optional[Path], typer.Option("--macros", help=(
                    "VBA 源文件的文件夹（默认自带的 macros/）/ the VBA sources' folder (default: the macros/ shipped "
                    "with shopbook)"))] = None,
                lang: Annotated[str, typer.Option("--lang", help="功能区语言 zh|en / ribbon language")] = "zh") -> None:
    """由 macros/ 构建 shopbook.xlam（可复现）/ build the add-in from macros/, reproducibly."""
    from .addin.build import build_addin, default_addin_path

    out.print(f"✓ {build_addin(macros, out_file or default_addin_path(lang), lang)}")


@addin_app.command("install")
@guarded
def addin_install(lang: Annotated[str, typer.Option("--lang", help="功能区语言 zh|en / ribbon language")] = "zh",
                  python: Annotated[Optional[Path], typer.Option("--python", help="用已有的 Python / use this "
                                                                 "interpreter instead of a new environment")] = None,
                  env: Annotated[Optional[Path], typer.Option("--env", help="新环境的位置 / where the new "
                                                              "environment goes (default ~/.shopbook/venv)")] = None
                  ) -> None:
    """为 Excel 安装：Python 环境、加载项配置、复制到 Excel 启动文件夹 / set up Excel (Windows, macOS)."""
    from .addin.install import install_addin

    res = install_addin(lang, env=env, python=python, progress=lambda s: out.print(f"… {s}"))
    out.print(f"✓ Python: {res.python}\n✓ {res.config}\n✓ {res.addin}\n"
              "重新打开 Excel 即可看到“店铺 Shopbook”选项卡。/ Restart Excel: the Shopbook tab appears.")


@app.command()
@guarded
def lite(folder: Annotated[Path, typer.Argument(help="输出文件夹 / where main.py and requirements.txt go",
                                               parser=_folder)],
         wheel_url: Annotated[str, typer.Option("--wheel-url", help=(
             "shopbook 的 wheel 的 https 网址（Lite 从网址安装；不填就写 shopbook，但 PyPI 上还没有 shopbook，Lite 装不上）/ "
             "https URL of a shopbook wheel (Lite installs it from there; left out, requirements.txt names shopbook, "
             "which is not on PyPI yet: Lite cannot install it)"))] = "shopbook") -> None:
    """为 xlwings Lite 生成 main.py 和 requirements.txt / write main.py and requirements.txt for xlwings Lite."""
    from .addin.lite_files import write_lite

    for p in write_lite(folder, wheel_url):
        out.print(f"✓ {p}")


@addin_app.command("doctor")
@guarded
def addin_doctor(shop: Annotated[Optional[Path], typer.Option("--shop", help="也检查这个店铺文件夹的工作簿 / "
                                                              "also check this shop folder's workbooks",
                                                              parser=_folder)] = None,
                 excel: Annotated[bool, typer.Option("--excel/--no-excel", help="在 Excel 里试运行 / "
                                                     "try it in Excel")] = True,
                 lang: Annotated[Optional[str], typer.Option("--lang", help="报告语言 zh|en（默认：--shop 店铺的语言，"
                                                             "否则 zh）/ report language (default: the --shop "
                                                             "shop's, else zh)")] = None) -> None:
    """检查加载项在这台电脑上能否运行 / check that the add-in will run on this PC (Windows, macOS)."""
    from .addin.doctor import doctor

    if lang is None:  # an English shop's report in English, as every command on it
        try:
            lang = (_toml_lang(shop) if shop is not None and shop.is_dir() else None) or "zh"
        except ShopbookError:  # a shopbook.toml that does not read: the report says nothing of it
            lang = "zh"
    report = doctor(shop, excel)
    sys.stdout.write(report.text(_check_lang(lang)))
    if not report.ok:
        raise typer.Exit(1)


@addin_app.command("wrappers")
@guarded
def addin_wrappers(macros: Annotated[Optional[Path], typer.Option("--macros", help=(
                       "写到哪个 macros/ 文件夹（默认自带的）/ the macros/ folder to write to (default: shopbook's "
                       "own)"))] = None) -> None:
    """由 shopbook/xl/udfs.py 生成单元格函数的 VBA 包装 / regenerate macros/xlwings_udfs.bas."""
    from .addin.build import write_udf_wrappers

    out.print(f"✓ {write_udf_wrappers(macros)}")


Shop = Annotated[Path, typer.Argument(help="店铺文件夹 / shop folder", parser=_folder)]
AsJson = Annotated[bool, typer.Option("--json", help="输出 JSON / print JSON")]


def _json(obj) -> None:
    global _json_state
    _json_state = "out"
    if _recovered_here and isinstance(obj, dict) and "recovered" not in obj:  # (a list's shape is kept)
        from .io.journal import recovery_json

        obj = {**obj, "recovered": [recovery_json(f) for f in _recovered_here]}
    text = json.dumps(obj, ensure_ascii=False, indent=1, default=str)
    try:
        text.encode(getattr(sys.stdout, "encoding", None) or "utf-8")
    except (UnicodeError, LookupError):  # a stdout of a code page without them (a Windows job's `> run.json`:
        # cp936 has no ✓, cp1252 no Chinese): the same document, its characters as \u escapes
        text = json.dumps(obj, ensure_ascii=True, indent=1, default=str)
    sys.stdout.write(text + "\n")


def _open(folder: Path):
    from .shop import open_shop

    global _shop_folder
    shop = open_shop(folder)  # (it stops on a reports/ or outbox/ that is a file: buttons too)
    _set_lang(shop.lang)
    _shop_folder = shop.folder
    return shop


def _read_early(path: Path) -> None:
    """The biggest sheet of the shop's orders.xlsx (or of the workbook named) begun on a thread
    now, while the command imports the rest: a year's orders parse in a second (io/prefetch; the
    `shopbook` command begins it sooner still, shopbook.start, and then this finds it begun)."""
    from .io.prefetch import begin_in

    begin_in(path)


def _kept_for_the_next_command():
    """Around a command that rewrites orders.xlsx or stock.xlsx once: the versions it wrote are
    kept in the parsed-sheet cache for the next command (the next import, the pick list after the
    review, `daily`), proven by the writer that runs after the result is out (io/at_exit). Only
    where that writer is a process of its own: elsewhere (Windows, SHOPBOOK_APART=0, a container's
    process 1) the person would wait for the proof (a year's orders: ~1.5 s) before the prompt."""
    from contextlib import nullcontext

    from .io.at_exit import writes_apart
    from .io.reader import read_cache

    return read_cache(last_step=True) if writes_apart() else nullcontext()


_PASSWORD_HELP = (
    "加密导出文件的密码。写在命令行上的密码，这台电脑的其他用户在进程列表里看得到：只写 --password（放在最后）或 --password -，"
    "会提示输入（不显示），或从管道读入（< 密码文件，只让自己读：chmod 600）；定时任务请设环境变量 SHOPBOOK_EXPORT_PASSWORD / password of a "
    "protected export. One typed on the command line shows in the process list to every user of this computer: give "
    "--password alone (last) or --password - to be asked for it (not shown as typed) or to read it from a pipe "
    "(< password-file, readable by you alone: chmod 600); for a scheduled job set SHOPBOOK_EXPORT_PASSWORD")


def _password_alone(words: list[str]) -> list[str]:
    """--password with no value, last on the line (click would stop: it requires one) or before another option
    (--password --json: click took --json for the password, and printed no JSON): --password=-, asked."""
    out = list(words)
    for i, w in enumerate(words):
        if _password_option(w) and (i + 1 == len(words) or words[i + 1].startswith("--") or _a_file(words[i + 1])):
            out[i] = f"{w}=-"  # (--password a.xlsx b.xlsx: a.xlsx is an export to import, not the password)
    return out


def _a_file(word: str) -> bool:
    """Whether a word of the command line names a file: one there, or on Windows a *.xlsx the shell left to the
    program to expand (cmd.exe does)."""
    if os.name == "nt" and any(c in word for c in "*?"):
        return True
    try:
        return Path(word).is_file()
    except (OSError, ValueError):
        return False


def _password_given(password: str | None, files: list[Path]) -> str | None:
    """An export's password as given: "-" (--password - or --password alone) asked at the terminal without
    showing it, or read as the first line of a pipe (a password typed on the command line shows in the process
    list, `ps`, to every user of the computer, and the shell's history keeps it); not asked where none of
    `files` is password-protected."""
    if password != "-":
        return password
    from .orders.platform_export import needs_password

    if not any(needs_password(Path(f)) for f in files):
        return None
    typed = ""
    try:
        if sys.stdin is not None and sys.stdin.isatty():
            import getpass

            typed = getpass.getpass(_t("导出文件的密码（输入时不显示）：", "The export's password (not shown as typed): ",
                                       " / "))
        elif os.environ.get("SHOPBOOK_EXPORT_PASSWORD"):  # (a scheduled job that sets it, --password left on its line)
            return None
        elif sys.stdin is not None:
            _loose_password_file()
            # (said, as a pipe that never ends would otherwise wait unsaid: ssh without -t, a CI runner)
            err.print(escape(_t("从标准输入读取密码（第一行）…", "reading the password from standard input (its first line) …",
                                " / ")))
            typed = _first_line(sys.stdin)
    except EOFError:
        typed = ""
    if not typed:
        raise ShopbookError(
            "--password 后面没有写密码，也没有输入或读到密码：在终端运行时按提示输入，或从管道给出（< 密码文件）；"
            "定时任务请设环境变量 SHOPBOOK_EXPORT_PASSWORD。什么都没有导入。",
            "--password was given without a password and none was typed or piped in: run it in a terminal and type "
            "it when asked, or pipe it in (< password-file); for a scheduled job set SHOPBOOK_EXPORT_PASSWORD. "
            "Nothing was imported.")
    return typed


def _first_line(stream) -> str:
    """The first line of a piped password file as its bytes say it, whatever the console's code page: UTF-8 (with
    Notepad's BOM or without), else GB18030 (a Chinese Windows' own files)."""
    raw = getattr(stream, "buffer", None)
    if raw is None:
        return stream.readline().rstrip("\r\n").lstrip("\ufeff")
    line = raw.readline().rstrip(b"\r\n")
    line = line.removeprefix(b"\xef\xbb\xbf")
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("gb18030", errors="replace")


def _loose_password_file() -> None:
    """A password file piped in (< password-file) that others than its owner may read: said, as ssh says of a
    key, with what to do (the password is still read: a share whose file system keeps no modes shows 0777)."""
    import stat

    try:
        st = os.fstat(sys.stdin.fileno())
        name = os.readlink(f"/proc/self/fd/{sys.stdin.fileno()}") if os.path.exists("/proc/self/fd") else ""
    except (OSError, ValueError, AttributeError):
        return
    if not stat.S_ISREG(st.st_mode) or not st.st_mode & 0o077 or os.name == "nt":
        return
    mode = stat.filemode(st.st_mode)
    file = name or _t("密码文件", "password-file", " / ")  # (no /proc on a Mac: the file is not named)
    said = _t(f"密码文件 {name + '（' if name else '（'}权限 {mode}）除了它的主人，别人也能读：请用 chmod 600 {file} 只让自己读。",
              f"The password file {name + ' ' if name else ''}({mode}) may be read by others than its owner: chmod 600 "
              f"{file} to keep it yours alone.")
    err.print(f"[yellow]! {escape(said)}[/]")


@orders_app.command("import")
@guarded
def orders_import(shop: Shop, files: Annotated[list[Path], typer.Argument(help="导出文件 / export files")],
                  as_json: AsJson = False,
                  password: Annotated[Optional[str], typer.Option("--password", help=_PASSWORD_HELP)] = None) -> None:
    """导入订单、退款和发货文件 / import order, refund and shipped files.

    淘宝/天猫、拼多多、抖店的订单导出、退款导出、面单工具的发货文件或代理订单表；已有订单随之更新 / Taobao/Tmall,
    Pinduoduo and Douyin order exports, refund exports, waybill tools' shipped files or agent order sheets; the
    orders shopbook has move on as they say."""
    _read_early(shop)
    from .orders.workflow import import_orders

    folder = _open(shop)
    password = _password_given(password, files)  # (asked before the spinner, which would draw over the prompt)
    with err.status(_t("导入订单", "importing orders") + " …"), _kept_for_the_next_command():
        res = import_orders(folder, files, password=password)
    if as_json:
        _json(res.to_json())
    else:
        listed = res.listed(SCREEN_LINES, folder.reports, folder.lang)  # the whole of a cut list, to open in Excel
        print_lines(_said(res.said(SCREEN_LINES, listed, issues=False)))  # as the 导入订单 button says it
        _print_issues(res.issues)  # every one, located to its column and value
    # a parcel to pull, or rows of a status no reader knows left out, need a person as much as a line refused
    raise typer.Exit(1 if any(i.is_error for i in res.issues) or res.pull or res.left_out or res.back_batches else 0)


@kpi_app.command("import")
@guarded
def kpi_import(shop: Shop, files: Annotated[list[Path], typer.Argument(help="生意参谋下载的 .xls/.xlsx / 生意参谋 downloads")],
               replace: Annotated[bool, typer.Option("--replace", help="与日报不同的数改用生意参谋的 / take 生意参谋's "
                                                                        "figure where the Daily sheet differs")] = False,
               as_json: AsJson = False) -> None:
    """生意参谋的数据导入日报 / 生意参谋 downloads into the Daily sheet.

    空格补上，填得不同的数列出来（--replace 改用生意参谋的）/ blanks filled, figures typed differently listed
    (--replace takes 生意参谋's)."""
    from .kpi.import_sycm import import_kpi

    res = import_kpi(_open(shop), files, replace)
    if as_json:
        _json(res.to_json())
    else:
        print_lines(_said(res.said(SCREEN_LINES, issues=False)))  # as the 导入生意参谋 button says it
        _print_issues(res.issues)  # every one, located to its column and value
    raise typer.Exit(0 if res.ok else 1)


@app.command()
@guarded
def customers(shop: Shop, month: Annotated[Optional[str], typer.Option("--month", help=(
                  "月份 YYYY-MM：客户和 VIP 按这个月月底算 / a month, YYYY-MM: the customers and VIPs as at its end"),
                  parser=_filled)] = None,
              top: Annotated[int, typer.Option("--top", min=0, help="列出消费最高的客户数 / how many top customers to list")] = 10,
              as_json: AsJson = False) -> None:
    """客户：每天每月的新客与老客、复购率、每位客户的订单和消费、VIP 名单 / customers: new and returning per
    day and month, repeat-purchase rate, each customer's orders and spend, the VIP list."""
    from .customers import shop_customers

    folder = _open(shop)
    period = _month(month) if month else ""
    with err.status(_t("统计客户", "counting customers") + " …"):
        rep, path = shop_customers(folder, period or month)
    if as_json:
        _json({**rep.to_json(top), "report": str(path)})
        return
    zh = folder.lang == "zh"
    from .report import percent  # as the report's 0.0% cells show them: half up
    from .values import money_exact_text  # the threshold as set: 999.50 is not ≥ ¥1,000

    rr = percent(rep.repeat_rate, 1) if rep.repeat_rate is not None else "—"
    vip = f"≥ ¥{money_exact_text(rep.vip_spend)}"  # (a Chinese line's brackets full-width, as its sheets' VIP（消费≥500）)
    out.print(_t(f"客户 {len(rep.customers)} · 复购 {rep.repeat_customers}（{rr}）· VIP（{vip}）{len(rep.vip)}",
                 f"customers {len(rep.customers)} · repeat {rep.repeat_customers} ({rr}) · VIP ({vip}) {len(rep.vip)}"))
    for m in rep.months:
        r = percent(m.repeat_rate, 1) if m.repeat_rate is not None else "—"
        out.print(f"  {m.label}  {'买家' if zh else 'buyers'} {m.buyers}  {'新客' if zh else 'new'} {m.new}  "
                  f"{'老客' if zh else 'returning'} {m.returning}  {'复购率' if zh else 'repeat rate'} {r}")
    shown = rep.customers[:top]
    from rich.cells import cell_len

    def pad(text: str, wide: int) -> str:  # a Chinese character takes two of the screen's columns
        return text + " " * (wide - cell_len(text))

    names, wheres = [c.name for c in shown], [_platform(c.platform).strip() for c in shown]
    wide, where_wide = max([16, *map(cell_len, names)]), max([4, *map(cell_len, wheres)])
    for c, name, where in zip(shown, names, wheres):
        out.print(f"  {escape(pad(name, wide))} {pad(where, where_wide)} {c.orders:>3} "
                  f"{'单' if zh else 'order' if c.orders == 1 else 'orders'}  ¥{c.spend:,.2f}")
    if len(rep.customers) > len(shown):  # a cut list says how many more
        more = len(rep.customers) - len(shown)
        out.print("  … " + _t(f"还有 {more} 位客户：完整名单在 {path.name} 的“客户”表",  # (where: the file and its sheet)
                              f"and {en_count(more, 'more customer')}: the whole list is on sheet Customers of {path.name}"))
    for note in rep.notes(zh):
        out.print(f"! {escape(note)}")
    if not rep.months:  # no customer's order paid in the period: an empty report is no ✓
        out.print("– " + escape(_t(f"{period + ' ' if period else ''}没有客户的订单（已付款，未关闭或取消）：报表是空的",
                                   f"no customer's order (paid, not closed or cancelled){' in ' + period if period else ''}: "
                                   "the report is empty")))
        out.print(f"– {path}")
        return
    if rep.unread or rep.cases_unread:  # orders (or 售后 refunds) not read: figures of part of them, no ✓
        out.print(f"– {path}")
        raise typer.Exit(1)
    out.print(f"✓ {path}")


@orders_app.command("review")
@guarded
def orders_review(shop: Shop, as_json: AsJson = False) -> None:
    """审单：检查待审核订单（和挂起原因已解决的订单），设为已审核或已挂起 / review new orders (and held ones whose reason is settled): approve or hold, with reasons."""
    _read_early(shop)
    from .orders.workflow import held_said, review, review_words

    folder = _open(shop)
    with err.status(_t("审单", "reviewing") + " …"), _kept_for_the_next_command():
        decisions, issues = review(folder)
    broken = any(i.is_error for i in issues)  # a rule that does not read was not applied: not a whole review
    if as_json:  # (a bare list, as scripts read it: an order left unreviewed, a rule ignored, on stderr)
        _print_issues(issues, err)
        _json([d.to_json() for d in decisions])
        raise typer.Exit(1 if broken else 0)
    print_lines(_said([review_words(decisions, issues)]))
    # the reasons as they were written into orders.xlsx: in the shop's language
    print_lines(_said(held_said(decisions, SCREEN_LINES)))  # as orders morning lists them
    _print_issues(issues)
    if broken:
        raise typer.Exit(1)


@orders_app.command("morning")
@guarded
def orders_morning(shop: Shop, files: Annotated[Optional[list[Path]], typer.Argument(
                       help="导出文件（可不填）/ export files (optional)")] = None,
                   batch: Annotated[Optional[str], typer.Option(help="批次名 / batch name")] = None,
                   as_json: AsJson = False,
                   password: Annotated[Optional[str], typer.Option("--password", help=_PASSWORD_HELP)] = None) -> None:
    """每天早上的订单：导入 → 审单 → 拣货单，一次完成 / the morning's orders in one run: import → review → pick list."""
    _read_early(shop)
    from .orders.workflow import morning

    folder = _open(shop)
    password = _password_given(password, files or [])  # (asked before the spinner, which would draw over it)
    with err.status(_t("导入、审单、拣货", "import, review, pick") + " …"):
        r = morning(folder, files or [], password=password, batch=batch)
    if as_json:
        _json(r.to_json())
        raise typer.Exit(1 if r.needs_a_person else 0)
    # the whole of a cut import list, to open in Excel
    listed = r.imported.listed(SCREEN_LINES, folder.reports, folder.lang) if r.imported else None
    print_lines(_said(r.said(SCREEN_LINES, listed, issues=False)))  # as the 审单并拣货 button says it
    _print_issues((r.imported.issues if r.imported else []) + r.review_issues, lang=folder.lang)
    # a parcel to pull, an approved order short of its goods: a person (the button's loud box too)
    raise typer.Exit(1 if r.needs_a_person else 0)


@orders_app.command("follow-up")
@guarded
def orders_follow_up(shop: Shop, days: Annotated[Optional[int], typer.Option(min=1, help=(
                         "发货多少天还没签收就跟进（默认 shopbook.toml 的 follow_up_days：5）/ days shipped and not "
                         "delivered before an order is followed up (default: follow_up_days in shopbook.toml, 5)"))] = None,
                     as_json: AsJson = False) -> None:
    """跟进：发货 N 天未签收、挂起超过一天的订单 / follow-up: shipped N days and not delivered, held over a day."""
    from .orders.workflow import follow_up, held_line

    folder = _open(shop)
    with err.status(_t("找要跟进的订单", "finding the orders to follow up") + " …"):
        res = follow_up(folder, days)
    if as_json:
        _json(res.to_json())
        return
    j = res.to_json()  # the whole of both lists: they are the day's calls to make (printed in one go)
    print_lines([f"{_label('发货未签收', 'shipped, not delivered')}{len(j['not_delivered'])}",
                 *(f"  {r['order_no']}  {r['shipped_on']}  {r['courier'] or ''} {r['tracking_no'] or ''}  "
                   f"{escape(r['receiver'] or '')} {r['phone']}" for r in j["not_delivered"]),
                 f"{_label('挂起', 'held')}{len(j['held'])}",
                 *(f"  {r['order_no']}  {(r['paid_at'] or '')[:16].replace('T', ' ')}  "
                   f"{escape(held_line(r['review'], folder.lang))}" for r in j["held"]),
                 # (a person's hold: theirs to release; its 审单结果 may still say the review passed it)
                 *([_label('人工挂起（由挂起的人决定何时放行，不急）', 'held by hand (theirs to release, not urgent)')
                    + str(len(j['held_by_hand']))] if j["held_by_hand"] else []),
                 *(f"  {r['order_no']}  {(r['paid_at'] or '')[:16].replace('T', ' ')}" for r in j["held_by_hand"])])
    # (paid at to the minute, as the sheet shows it)


@app.command()
@guarded
def picklist(shop: Shop, batch: Annotated[Optional[str], typer.Option(help="批次名 / batch name")] = None,
             as_json: AsJson = False) -> None:
    """拣货单、发货单和面单 CSV（每家快递一个）/ pick list, packing notes and the waybill CSVs (one per courier) for approved orders."""
    _read_early(shop)
    from .orders.workflow import make_picklist

    folder = _open(shop)
    with err.status(_t("生成拣货单", "making the pick list") + " …"), _kept_for_the_next_command():
        res = make_picklist(folder, batch)
    if as_json:
        _json(res.to_json())
        raise typer.Exit(1 if res.needs_a_person else 0)  # a parcel to pull, an order short: a person
    print_lines(_said(res.said(SCREEN_LINES)))
    raise typer.Exit(1 if res.needs_a_person else 0)  # (the 拣货单 button's loud box too)


_MARKS = {"!!": "[bold red]!! {}[/]", "!": "[yellow]![/] {}", "✗": "[red]✗[/] {}", "✓": "✓ {}", "–": "– {}", "": "{}"}


def _said(said: list[tuple[str, str, str]]) -> list[str]:
    """A result's lines as the library words them ((mark, zh, en), as a button shows them too), with
    their marks in colour."""
    return [_MARKS[mark].format(escape(_t(zh, en))) for mark, zh, en in said]


@app.command()
@guarded
def ship(shop: Shop, scans: Annotated[Path, typer.Argument(help="扫描枪输出 / scanner output")],
         as_json: AsJson = False) -> None:
    """验货发货：扫描结果与订单核对，一致的发货并扣库存 / scan check: matching parcels ship and post stock out."""
    from .orders.workflow import ship as ship_

    folder = _open(shop)
    with err.status(_t("验货发货", "checking the scans") + " …"), _kept_for_the_next_command():
        res = ship_(folder, scans)
    if as_json:
        _json(res.to_json())
    else:
        print_lines(_said(res.said(SCREEN_LINES, scans)))  # as the 验货发货 button says it
    raise typer.Exit(1 if any(not c.ok for c in res.checks) else 0)


aftersales_app = typer.Typer(cls=_runs_by_default("list"), no_args_is_help=True,
                             help="售后：退货、换货、退款、补发、投诉 / after-sales cases.\n\n"
                                  "shopbook aftersales 店铺 = shopbook aftersales list 店铺 / shopbook aftersales SHOP is the "
                                  "list")
_CASE_DAY = ("哪天（默认今天，不能是将来）：登记、补发单、退货入库记在这天，超期算到这天 / the day (today unless given, never "
             "ahead): cases, resends and the returns posted to stock are dated so, and overdue counted to it")
app.add_typer(aftersales_app, name="aftersales")


def _show_aftersales(res, as_json: bool, lang: str) -> None:
    if as_json:
        _json(res.to_json())
        return
    _print_issues(res.issues, lang=lang)
    # the cases it opened as ship and orders import say theirs: !, and the first SCREEN_LINES, then how many
    # more and where (hundreds of held orders on 双12); then what was done and the open cases (as the 售后 buttons say it)
    print_lines(_said(res.said(lang, SCREEN_LINES)))


@aftersales_app.command("list")
@guarded
def aftersales_list(shop: Shop, as_json: AsJson = False,
                    date: Annotated[Optional[str], typer.Option("--date", help=_CASE_DAY)] = None) -> None:
    """未完成的售后和下一步 / open cases and their next step.

    挂起的订单登记问题件，换货/补发生成补发单，已收到的退货入库 / a held order gets a problem case, an exchange or
    resend its resend order, a return received goes back to stock."""
    from .aftersales.workflow import aftersales

    s = _open(shop)
    with err.status(_t("售后", "after-sales") + " …"):
        res = aftersales(s, _date(date))
    _show_aftersales(res, as_json, s.lang)
    raise typer.Exit(1 if res.needs_a_person() else 0)


@app.command("selfcheck")
@guarded
def selfcheck_cmd(shop: Shop, as_json: AsJson = False,
                  date: Annotated[Optional[str], typer.Option("--date", help="哪天的自查（默认今天）/ the day (today)")] = None
                  ) -> None:
    """自查：客服、仓库、运营、财务今天要看的事 / the daily self-check: each role's list for today."""
    from .report.selfcheck import by_role, read_selfcheck

    s = _open(shop)
    day = _date(date)
    if day is not None and day > dt.date.today():  # (the shop's day: _open keeps its time zone) as aftersales says it
        raise DataStop(f"日期 {day} 在未来（今天是 {dt.date.today()}）：自查只列今天或过去的一天（算到将来，今天到期的售后"
                            "就成了超期）。请核对 --date。",
                            f"The date {day} is in the future (today is {dt.date.today()}): the self-check lists today "
                            "or a past day (counted to a day ahead, a case due today reads as overdue). Check --date.")
    with err.status(_t("自检", "self-check") + " …"):
        items = read_selfcheck(s, day)
    if as_json:
        _json([i.to_json() for i in items])
    else:
        zh = s.lang == "zh"  # a zh line's punctuation full-width
        for role, n, shown, _ in by_role(items, s.lang, cut=len(items) or 1):
            out.print(f"{escape(role)}（{n}）" if zh else f"{escape(role)} ({n})")
            for i in shown:
                out.print(f"  {'[red]![/] ' if i.urgent else ''}{escape(i.record)}{'：' if zh else ': '}{escape(i.what)}"
                          f"{escape(i.then)}")
        if day is not None and day < dt.date.today():  # the list is not that morning's: say what it is
            out.print(_t(f"（{day} 是过去的日期：订单、售后、库存和流水都按现在的状态列出，看不出那天的；只有天数和期限按 {day} 算）",
                         f"({day} is a past day: orders, cases, stock and the ledger are listed as they stand now, not "
                         f"as on that day; only days and deadlines are counted to {day})"))
    raise typer.Exit(1 if any(i.urgent for i in items) else 0)


staff_app = typer.Typer(no_args_is_help=True, help="员工绩效 / staff performance pay")
app.add_typer(staff_app, name="staff")


@staff_app.command("pay")
@guarded
def staff_pay_cmd(shop: Shop, month: Annotated[str, typer.Option("--month", help="YYYY-MM")],
                  as_json: AsJson = False,
                  book: Annotated[bool, typer.Option("--book", help="把工资记入流水 / write the salary lines to the "
                                                                     "ledger")] = False,
                  date: Annotated[str | None, typer.Option("--date", help=(
                      "发薪日（默认今天，不能是将来，也不能在月底之前）：工资按钱付出的这天记入流水 / pay day (today unless given, "
                      "never ahead, nor before the month's end): the salary lines are dated so"))] = None,
                  person: Annotated[str | None, typer.Option("--person", help=(
                      "只算并记账这个人的工资（如月中离职的人，离职当天发）/ this person's pay alone (e.g. one leaving "
                      "mid-month, paid on their last day)"))] = None) -> None:
    """绩效：底薪、提成、计件、销冠奖金、投诉扣款 / each person's month: base, commission, piece pay, bonus, deductions."""
    from .staff.workflow import staff_pay

    s = _open(shop)
    res = staff_pay(s, _month(month), book, pay_day=_date(date), person=person)
    if as_json:
        _json(res.to_json())
    else:
        _print_issues(res.payroll.issues, lang=s.lang)
        for p in res.payroll.people:
            out.print("  " + escape(_t(*p.said())))
        if res.pay_day:  # (the day the lines below are dated: the money leaves the account then)
            out.print("  " + _t(f"发薪日 {res.pay_day}（--date）：工资按这天记入流水", f"pay day {res.pay_day} (--date): the "
                                                                           "salary lines are dated so"))
        from .values import yuan  # (money as the screen says it: -¥3,505.95)

        for e in res.payroll.ledger:
            out.print(f"  {_label('已记账', 'booked in the ledger') if res.booked else _label('建议记账', 'proposed ledger line')}{e.date} "
                      f"{escape(e.counterparty or '')} {yuan(-e.amount)} {escape(e.category)} {escape(e.account)}")
        if res.booked_before:  # (a second --book is no silence: nothing is booked twice, and it says so)
            out.print("  – " + escape(_t(f"{res.payroll.month} 的工资已在流水记过账，没有再记：{'、'.join(res.booked_before)}",
                                         f"pay for {res.payroll.month} already in the ledger, not booked again: "
                                         f"{', '.join(res.booked_before)}")))
        out.print(f"{_label('绩效', 'report')}{escape(str(res.path))}")
    raise typer.Exit(1 if any(i.is_error for i in res.payroll.issues) else 0)


@aftersales_app.command("receive")
@guarded
def aftersales_receive(shop: Shop, codes: Annotated[list[str], typer.Argument(
        help="售后单号、退货单号或订单编号（扫描枪）/ case no., return tracking no. or order no.")],
        as_json: AsJson = False, date: Annotated[Optional[str], typer.Option("--date", help=_CASE_DAY)] = None) -> None:
    """退货到了：标记已收到，退货入库，换货生成补发单 / returns received: marked, posted back to stock, exchanges resent."""
    from .aftersales.workflow import aftersales

    s = _open(shop)
    res = aftersales(s, _date(date), received=codes)
    _show_aftersales(res, as_json, s.lang)
    # a return scanned again is nothing to do (exit 0, as a parcel shipped twice); one for a case
    # closed without its return is a person's to look at
    raise typer.Exit(1 if res.needs_a_person(receiving=True) else 0)


def _month(s: str) -> str:
    """A --month as a person types it (2026年11月, 2026/11, 2026-1, 202611), as YYYY-MM: periods.month_typed."""
    from .periods import month_typed

    return month_typed(_yyyymm(s))


def _yyyymm(s: str | None) -> str | None:
    """A month typed as six figures (202611, as the platforms' file names and `--date 20261121` write it)
    as 2026-11; anything else as typed."""
    return f"{s[:4]}-{s[4:]}" if s and _re.fullmatch(r"20\d\d(0[1-9]|1[0-2])", s.strip()) else s


def _date(s: str | None, what: str = "--date") -> dt.date | None:
    from .values import parse_date

    if s is None:
        return None
    try:
        return parse_date(s)
    except BadValue as e:  # (what the shop's staff typed: in the shop's language, as the rest of its run)
        raise DataStop(f"{what}：{e.zh}", f"{what}: {e.en}") from None


@stock_app.command("summary")
@guarded
def stock(shop: Shop, as_of: Annotated[Optional[str], typer.Option("--as-of", help="截至日期 / as of date")] = None,
          as_json: AsJson = False) -> None:
    """库存汇总（写入 stock.xlsx 的“库存汇总”表）/ the stock summary, also written into stock.xlsx."""
    from .stock.workflow import stock_summary

    folder = _open(shop)
    with err.status(_t("库存汇总", "summing stock") + " …"):
        rows = stock_summary(folder, _date(as_of, "--as-of"))
    if as_json:  # (a bare list: what a person must look at — typed text with no place, a stock below zero — on stderr)
        if rows.attention:
            err.print("! " + escape(_t(*rows.words())))
        _json([r.to_json() for r in rows])
        return
    out.print(("! " if rows.attention else "✓ ") + escape(_t(*rows.words())))


@stock_app.command("alerts")
@guarded
def stock_alerts_cmd(shop: Shop,
                     as_json: AsJson = False) -> None:
    """库存预警和补货建议 / stock alerts and suggested reorder quantities."""
    from .stock.workflow import alerts_notes, alerts_said, stock_alerts

    folder = _open(shop)
    with err.status(_t("库存预警", "checking stock") + " …"):
        res = stock_alerts(folder)
    if as_json:  # (a bare list, as scripts read it: what the quantities leave out on stderr, as stock waitlist does)
        print_lines(_said(alerts_notes(res)), err)
        _json([a.to_json() for a in res])
        return
    print_lines(_said(alerts_said(res)))  # every one; the 库存预警 button shows the first of them


@stock_app.command("slow")
@guarded
def stock_slow_cmd(shop: Shop,
                   days: Annotated[Optional[int], typer.Option(min=1, help=(
                       "多少天没有卖出算滞销（默认 shopbook.toml 的 slow_days：30）/ days without a sale that make a slow "
                       "mover (default: slow_days in shopbook.toml, 30)"))] = None,
                   as_json: AsJson = False) -> None:
    """滞销款和库龄 / slow movers and stock age."""
    from .stock.workflow import slow_movers

    folder = _open(shop)
    with err.status(_t("找滞销商品", "finding slow movers") + " …"):
        slow, ages = slow_movers(folder, days=days)
    if as_json:
        _json({"slow": [s.to_json() for s in slow],
               "ages": {k: {**v, "value": str(v["value"])} for k, v in ages.items()},
               # the SKUs on hand each once (a SKU of two ages is in both buckets), how many are in several
               "ages_total": {**ages.total, "value": str(ages.total["value"]), "skus_in_several": ages.split}})
        return
    out.print(f"{_label('滞销', 'slow movers')}{len(slow)}")
    for s_ in slow:
        since = (_t(f"{s_.days_since_sale} 天", f"{en_count(s_.days_since_sale, 'day')}") if s_.days_since_sale is not None
                 else _t("卖出的都退回了", "every sale returned") if s_.returned else _t("从未售出", "never sold"))
        if s_.returned and s_.days_since_sale is not None:  # (its later sales came back: why it is listed)
            since += _t("（之后卖出的都退回了）", " (later sales all returned)")
        if s_.style_sold:  # a size of a style that sells: no listing to delist
            since += "  " + _t(*s_.advice())
        out.print(f"  {s_.sku:<18} {s_.on_hand:>5} {_t('件', 'units')}  ¥{s_.value:>10,.2f}  {since}")
    # (first in first out: what is on hand is the latest received, each unit aged from its own 入库; a SKU with
    # units of two ages is counted in both)
    out.print(_t("库龄（按入库日期，先进先出；期初库存算最久）：",
                 "stock age (by the day received, first in first out; opening stock the oldest):"))
    for k, v in ages.items():
        out.print(f"  {k:>6}: " + _t(f"{v['skus']} 个 SKU，{v['units']} 件，¥{v['value']:,.2f}",
                                      f"{en_count(v['skus'], 'SKU')}, {en_count(v['units'], 'unit')}, ¥{v['value']:,.2f}"))
    tot = ages.total  # (the buckets' SKUs add up to more where a SKU is in two: said, with the SKUs in stock each once)
    line = _t(f"{tot['skus']} 个 SKU，{tot['units']} 件，¥{tot['value']:,.2f}",
              f"{en_count(tot['skus'], 'SKU')}, {en_count(tot['units'], 'unit')}, ¥{tot['value']:,.2f}")
    if ages.split:
        line += _t(f"（其中 {ages.split} 个 SKU 的货分属几个库龄段，每段都算了它一次，所以各段的 SKU 数加起来比这多）",
                   f" ({en_count(ages.split, 'SKU')} of them {'has' if ages.split == 1 else 'have'} units of several "
                   f"ages and {'is' if ages.split == 1 else 'are'} counted in each range, so the ranges' SKUs add up "
                   "to more)")
    out.print(f"  {_t('合计', 'total'):>6}: " + line)


@stock_app.command("waitlist")
@guarded
def stock_waitlist_cmd(shop: Shop,
                       as_json: AsJson = False) -> None:
    """缺货登记中现在有货、要通知的客户 / waiting customers whose item is back."""
    from .stock.workflow import waitlist

    folder = _open(shop)
    with err.status(_t("缺货登记", "the waiting list") + " …"):
        res = waitlist(folder)
    if res.warnings:  # entries nobody would call: on stderr, so --json stays clean
        _print_issues(res.warnings, err)
    if as_json:
        _json([c.to_json() for c in res.calls])
        return
    out.print(f"{_label('要通知', 'to call')}{len(res.calls)}")
    for c in res.calls:
        # registered twice: called once, and each of its rows to mark (one marked, the other came back the next day)
        twice = _t(f"；登记了 {len(c.rows)} 次，第 {'、'.join(map(str, c.rows))} 行都要填“是”",
                   f"; registered {'twice' if len(c.rows) == 2 else f'{len(c.rows)} times'}, rows "
                   f"{', '.join(map(str, c.rows))}: mark each") if c.rows else ""
        out.print(f"  {escape(c.customer)}  {escape(str(c.contact))}  {c.sku} {escape(c.name)}  "
                  + _t(f"（可用 {c.available}，登记 {c.since}{twice}）", f"(available {c.available}, since {c.since}{twice})"))
    if res.calls:  # the list comes back every day (the daily report too) until the row says so
        out.print(_t("通知后在 stock.xlsx 的“缺货登记”表把这位客户的“已通知”填“是”：以后不再列出。",
                     "Once a customer is told, type yes in their notified cell (stock.xlsx, sheet Waitlist): "
                     "they are not listed again."))


@stock_app.command("supplies")
@guarded
def stock_supplies_cmd(shop: Shop,
                       as_json: AsJson = False) -> None:
    """耗材可用天数 / days of packing supplies left."""
    from .stock.workflow import supplies

    folder = _open(shop)
    with err.status(_t("耗材", "supplies") + " …"):
        res = supplies(folder)
    if as_json:
        _json([c.to_json() for c in res])
        return
    if not res:  # (a bare prompt would leave it open whether the sheet was read at all)
        out.print("– " + _t("耗材表里没有耗材：要跟踪纸箱、胶带、快递袋的剩余天数，请在 stock.xlsx 的“耗材”表每种填一行"
                            "（名称、库存、日均用量）",
                            "no supplies on the Supplies sheet: to track the days of boxes, tape and bags left, give each "
                            "a row on the Supplies sheet of stock.xlsx (name, on hand, daily use)"))
    from rich.cells import cell_len

    # filled out by the screen's columns: a Chinese character takes two (:<10 counted it as one, and
    # the quantities after 面单 stood two columns left of those after 赠品 袜子)
    wide = max([10, *(cell_len(c.name) for c in res)])
    for c in res:
        mark = "[red]![/]" if c.low else " "
        out.print(f" {mark} {escape(c.name + ' ' * (wide - cell_len(c.name)))} {c.on_hand:>6}  "
                  f"{c.days_left if c.days_left is not None else '-'} {_t('天', 'days')}")
    from .stock.report import unwatched_said

    if said := unwatched_said(res):
        out.print("[yellow]![/] " + escape(_t(*said)))


@stocktake_app.command("sheet")
@guarded
def stocktake_sheet_cmd(shop: Shop, date: Annotated[Optional[str], typer.Option("--date", help=(
                            "盘点日期（默认今天）/ the count's date (today unless given)"))] = None,
                        with_book: Annotated[bool, typer.Option("--with-book", help="显示账面数 / show book quantity")] = False
                        ) -> None:
    """打印用盘点表（按库位，默认盲盘）/ a count sheet in bin order (blind by default)."""
    from .stock.workflow import count_sheet_said, stocktake_sheet

    folder = _open(shop)  # (first: the shop's time zone makes today)
    day = _date(date) or dt.date.today()
    with err.status(_t("生成盘点表", "making the count sheet") + " …"):
        made = stocktake_sheet(folder, day, blind=not with_book)
    print_lines(_said(count_sheet_said(made, day)))


@stocktake_app.command("post")
@guarded
def stocktake_post_cmd(shop: Shop, date: Annotated[str, typer.Option("--date", help="盘点日期 / count date")],
                       dry_run: Annotated[bool, typer.Option("--dry-run", help="只看不写 / show, write nothing")] = False,
                       zero_uncounted: Annotated[bool, typer.Option(
                           "--zero-uncounted", help="未盘的 SKU 按实盘 0 计（账面数记为盘亏；账面为负数的补到 0，记为盘盈）/ "
                                                    "post each SKU not counted as counted 0 (its book quantity a loss; "
                                                    "one below 0 brought up to 0, a gain)")] = False,
                       as_json: AsJson = False) -> None:
    """把盘点结果记为调整（盘盈/盘亏）/ post the count as adjustments (gains and losses at cost)."""
    from .stock.workflow import stocktake_listed, stocktake_matched, stocktake_post

    plan = stocktake_post(_open(shop), _date(date), dry_run, zero_uncounted)
    if as_json:
        _json(plan.to_json())
        return
    if plan.already_posted:
        out.print(_t(f"这次盘点（{plan.date}）已经过账，没有改动", f"the count of {plan.date} was already posted: "
                     "nothing changed"))
    diffs, warnings, uncounted = stocktake_listed(plan, SCREEN_LINES)  # a long list: the first 30, then how many more
    print_lines(_said(diffs))
    out.print(_t(*plan.totals_said()) + "  "
              + _t(f"未盘：{len(plan.uncounted)} 个 SKU", f"uncounted: {en_count(len(plan.uncounted), 'SKU')}"))
    print_lines(_said(uncounted))  # which, and what to do about them
    print_lines(["  " + s for s in _said(warnings)])
    matched = stocktake_matched(plan)  # every count as the book has it: nothing to post, and no failure
    if matched:
        print_lines(_said([matched]))
    if dry_run:
        out.print(_t("（--dry-run：没有写入）", "(--dry-run: nothing written)"))
    elif plan.adjustments:
        out.print("✓ " + _t(*plan.written_said()))


@app.command()
@guarded
def ledger(shop: Shop, month: Annotated[str, typer.Option("--month", help="YYYY-MM")], as_json: AsJson = False) -> None:
    """月度利润表、账户余额和发货毛利 / the month's P&L, account balances and gross margin.

    退出码 / exit code: 1 当月底前有余额核对不符（利润表照样生成）/ a balance check by the month's end
    disagrees (the P&L is written all the same)."""
    from .money.said import ledger_said
    from .money.workflow import ledger_report

    folder = _open(shop)
    with err.status(_t("利润表", "the P&L") + " …"):
        report, margin, path = ledger_report(folder, _month(month))
    failing = report.balance_issues  # validate's errors: exit 1 as validate does, though the P&L is written
    if as_json:
        _json({**report.to_json(), "gross_margin": margin.to_json() if margin else None, "report": str(path),
               **({"balance_issues": [i.to_json() for i in failing]} if failing else {}),
               **({"sheet_warnings": [i.to_json() for i in report.sheet_warnings]} if report.sheet_warnings else {}),
               **({"unpriced_parcels": [{"order_no": o, "province": p or None, "courier": c}
                                        for o, p, c in margin.unpriced]} if margin and margin.unpriced else {}),
               **({"postage_differs": [i.to_json() for i in margin.fee_differs]} if margin and margin.fee_differs else {}),
               **({"tier_unknown": [i.to_json() for i in margin.tier_unknown]} if margin and margin.tier_unknown else {})})
    else:
        print_lines(_said(ledger_said(report, margin, path)))  # as the 利润表 button says it, in the shop's language
    raise typer.Exit(1 if failing else 0)


@reconcile_app.command("alipay")
@guarded
def reconcile_alipay_cmd(shop: Shop,
                         file: Annotated[Path, typer.Argument(help="支付宝账务明细 CSV（或下载的 .zip，或在 Excel 里另存的 "
                                                                   ".xlsx）/ the Alipay statement CSV (or the .zip as "
                                                                   "downloaded, or the .xlsx Excel saved it as)")],
                         apply: Annotated[bool, typer.Option("--apply", help="补录缺失的流水 / add the missing ledger lines")] = False,
                         account: Annotated[Optional[str], typer.Option(
                             "--account", help="流水账里的支付宝账户，默认账户表里的“支付宝”或“Alipay” / the ledger's Alipay account (default: 支付宝 or Alipay, as the Accounts sheet names it)",
                             parser=_filled)] = None,
                         as_json: AsJson = False) -> None:
    """支付宝对账单与流水账核对 / reconcile the Alipay statement with the ledger."""
    from .money.workflow import reconcile_alipay_file

    folder = _open(shop)
    with err.status(_t("支付宝对账", "reconciling Alipay") + " …"):
        res = reconcile_alipay_file(folder, file, apply, account)
    _show_reconciled(res, as_json, "支付宝", "Alipay")


def _show_reconciled(res, as_json: bool, source_zh: str, source_en: str) -> None:
    """A payment statement's reconciliation (Alipay, WeChat Pay) on screen, as its button says it;
    exit 1 for any difference left (lines --apply booked are none) or error."""
    from .money.said import reconcile_problem, reconciled_said, statement_problems

    if as_json:
        _json(res.to_json())
    else:
        print_lines(_said(reconciled_said(res, (source_zh, source_en), SCREEN_LINES, issues=False)))
        _print_issues(statement_problems(res))  # every one, located to its column and value
    raise typer.Exit(1 if reconcile_problem(res) else 0)


@reconcile_app.command("wechat")
@guarded
def reconcile_wechat_cmd(shop: Shop,
                         file: Annotated[Path, typer.Argument(help="微信支付交易账单或个人账单（CSV/.xlsx）/ the WeChat Pay "
                                                                   "trade bill or personal bill (CSV/.xlsx)")],
                         apply: Annotated[bool, typer.Option("--apply", help="补录缺失的流水 / add the missing ledger lines")] = False,
                         account: Annotated[Optional[str], typer.Option(
                             "--account", help="流水账里的微信账户，默认账户表里的“微信”或“WeChat” / the ledger's WeChat account (default: 微信 or WeChat, as the Accounts sheet names it)",
                             parser=_filled)] = None,
                         as_json: AsJson = False) -> None:
    """微信支付账单与流水账核对 / reconcile a WeChat Pay bill with the ledger."""
    from .money.workflow import reconcile_wechat_file

    folder = _open(shop)
    with err.status(_t("微信对账", "reconciling WeChat Pay") + " …"):
        res = reconcile_wechat_file(folder, file, apply, account)
    _show_reconciled(res, as_json, "微信", "WeChat")  # its balance_issues: none (no 余额核对 against a bill)


@reconcile_app.command("courier")
@guarded
def reconcile_courier_cmd(shop: Shop, file: Annotated[Path, typer.Argument(help="快递月结账单 / courier bill")],
                          as_json: AsJson = False,
                          courier: Annotated[Optional[str], typer.Option(
                              "--courier", help="哪家快递的账单（不填则由账单认出）/ whose bill (else read from "
                                                "the bill)", parser=_filled)] = None) -> None:
    """快递账单与该快递的发货核对，算运费差价 / check a courier bill against that courier's shipped parcels; the margin."""
    from .money.said import courier_differs, courier_said
    from .money.workflow import reconcile_courier_file

    folder = _open(shop)
    with err.status(_t("快递对账", "checking the courier bill") + " …"):
        chk, issues = reconcile_courier_file(folder, file, courier)
    # every difference is one for a person to take up with the courier: exit 1, as reconcile alipay
    problems = courier_differs(chk, issues)
    if as_json:
        _json({**chk.to_json(), "issues": [i.to_json() for i in issues]})
        raise typer.Exit(1 if problems else 0)
    # as the 快递对账 button says it; each list cut, --json has them all
    print_lines(_said(courier_said(chk, issues, shown=SCREEN_LINES, with_issues=False)))
    _print_issues(issues)
    raise typer.Exit(1 if problems else 0)


@app.command()
@guarded
def daily(shop: Shop, date: Annotated[Optional[str], typer.Option("--date", help="报表日期，默认昨天 / the report's day, yesterday unless given")] = None,
          force: Annotated[bool, typer.Option("--force", help="今天已经跑过且没有变化也全部重跑 / run every step even "
                                                               "when nothing changed since today's run")] = False,
          as_json: AsJson = False) -> None:
    """每天的主任务：校验、导入、审单、拣货、库存预警、KPI、日报、邮件 / the main daily job: validate, import, review, pick
    list, stock alerts, KPI, daily report, e-mail."""
    _read_early(shop)
    from .report.workflow import run_daily, steps_in_whole_job

    folder = _open(shop)
    day = _date(date)
    if as_json:
        run = run_daily(folder, day, stand_if_unchanged=not force)
        _json(run.to_json())
        raise typer.Exit(0 if run.ok and not run.needs_a_person else 1)  # a parcel to pull, a version to merge
    p, task = progress_bar(steps_in_whole_job(folder), _t("日报", "daily"))
    with p:
        run = run_daily(folder, day, progress=lambda label: p.update(task, advance=1, description=label),
                        stand_if_unchanged=not force)
    if run.standing:
        mail_zh, mail_en = (("它的邮件没有发出，在 outbox/ 里（没有设置 SMTP 服务器），没有再做一封",
                             "its e-mail was not sent and waits in outbox/ (no SMTP server is set); none is made again")
                            if run.standing_kept else ("邮件不再重发", "the e-mail is not sent again"))
        import shlex  # (the command to copy: this shop and this day, never yesterday's by default)

        again = f"shopbook daily {shlex.quote(str(shop))} --date {run.date} --force"
        # (a step of that run left some for a person, said again below: no bare ✓)
        done = "!" if run.standing_notes else "✓"
        out.print(_t(f"{done} {run.date} 的日报在 {run.standing} 已经做完，之后工作簿、inbox/ 和 shopbook.toml 都没有变化："
                     f"结果不变，{mail_zh}。要全部重跑：{again}",
                     f"{done} The daily job for {run.date} finished at {run.standing} and nothing has changed since "
                     f"(workbooks, inbox/, shopbook.toml): its results stand and {mail_en}. "
                     f"To run every step anyway: {again}"))
    whole = run.steps and out.whole  # a cron job's log or e-mail: a line a step, as the 日报 button says them, not
    if whole:  # a table as wide as its longest line (hundreds of columns, its title centred over them)
        # (a step's further lines, the pick list's notes, indented under it as its cell held them)
        print_lines([f"shopbook daily {run.date}", *(ln.replace("\n", "\n  ") for ln in _said(run.said()))])
    elif run.steps:
        t = Table(title=f"shopbook daily {run.date}", header_style="bold")
        for zh, en in (("步骤", "step"), ("结果", "result"), ("秒", "s"), ("输出", "output")):
            t.add_column(_t(zh, en, " "), overflow="fold")
        for s_ in run.steps:
            mark = {"✓": "[green]✓[/]", "!": "[yellow]![/]", "✗": "[red]✗[/]", "–": "[yellow]–[/]"}[s_.mark]
            t.add_row(f"{mark} {_t(*s_.label, ' ')}", escape(s_.detail), f"{s_.seconds:.2f}",
                      "\n".join(escape(str(o)) for o in s_.outputs))
        out.print(t)
    # what – means, the report, the e-mail, a version to merge: as the 日报 button says them
    print_lines([] if whole else _said(run.said(steps=False)))
    raise typer.Exit(0 if run.ok and not run.needs_a_person else 1)  # a parcel to pull, as picklist says; a version to merge


@app.command()
@guarded
def report(kind: Annotated[str, typer.Argument(help="weekly（周报）、monthly（月度考核）或 promotion（促销评估）/ weekly, monthly or promotion",
                                               parser=_report_kind)], shop: Shop,
           name: Annotated[Optional[str], typer.Argument(help="promotion：促销名称 / the promotion's name")] = None,
           period: Annotated[Optional[str], typer.Option("--period", "--month", help=(
               "月份 2026-11 或一周 2026-W47（默认上个月或上一周；也可写 --month）/ a month, 2026-11, or a week, 2026-W47 "
               "(default: the last whole one; --month too)"))] = None,
           as_json: AsJson = False) -> None:
    """周报、月度考核表或促销评估 / the weekly or monthly review, or a promotion's review.

    退出码 / exit code: 1 月报当月底前有余额核对不符，或期间里有的天（或每一天）没有数据（考核表照样生成）/ a
    balance check by the month's end disagrees, or some (or all) of the period's days have no figures (the review
    is written all the same), as ledger."""
    from .report.monthly import make_review

    if kind == "promotion":
        if period:  # (its days are its 促销 row's: a period given would be dropped unsaid)
            raise ShopbookError("促销评估按促销表里这个促销的开始和结束日期，不用 --period。什么都没有写。",
                                "A promotion's review takes its days from its row on the Promotions sheet, not --period. "
                                "Nothing was written.")
        return _promotion(shop, name, as_json)
    if kind not in ("weekly", "monthly"):
        raise ShopbookError("只能是 weekly、monthly 或 promotion。", "Must be weekly, monthly or promotion.")
    folder = _open(shop)
    if name is not None:  # (report monthly SHOP 2026-11: the period typed without its option)
        from .periods import read_period

        meant = read_period(_yyyymm(name)) is not None
        raise DataStop(f"多余的参数：{name}" + (f"。是不是 --period {name}？" if meant else ""),
                       f"Unexpected argument: {name}" + (f". Did you mean --period {name}?" if meant else ""))
    with err.status(_t("生成报表", "building the review") + " …"):
        rev, path, _ = make_review(folder, kind, _yyyymm(period))
    failing = rev.balance_issues  # as `ledger --month`: exit 1, though the review is written
    if as_json:
        _json({**rev.to_json(), "report": str(path),
               **({"balance_issues": [i.to_json() for i in failing]} if failing else {})})
    else:
        print_lines(_said(rev.said(path)))  # as the 月报 button says it
    # a partial period, or one of no figures at all: days for a person to fill in (or a period mistyped)
    raise typer.Exit(1 if failing or rev.partial or rev.nothing else 0)


_REPORT_MONTH = "月报的月份，如 2026-11（默认上个月）/ the monthly report's month, e.g. 2026-11 (default: last month)"


@app.command()
@guarded
def push(shop: Shop, report: Annotated[str, typer.Option("--report", help="daily（日报）或 monthly（月报）/ daily or monthly")] = "daily",
         date: Annotated[Optional[str], typer.Option("--date", help="日报日期，默认昨天 / the daily report's date, yesterday unless given")] = None,
         period: Annotated[Optional[str], typer.Option("--period", help=_REPORT_MONTH)] = None,
         retry: Annotated[bool, typer.Option("--retry", help="重发 outbox/bots/ 里等待的消息 / send what waits in "
                                                              "outbox/bots/")] = False) -> None:
    """把日报或月报摘要推送到企业微信/钉钉/飞书群 / push the daily or monthly summary to the group bots."""
    from .report import bots

    folder = _open(shop)
    if report not in ("daily", "monthly"):
        raise ShopbookError("--report 只能是 daily 或 monthly。", "--report must be daily or monthly.")
    _retry_alone(retry, date, period, report)
    if retry:
        waiting = bots.waiting(folder.outbox)
        out.print(_label("outbox/bots/", "outbox/bots/") + _t(f"{len(waiting)} 条等待", f"{len(waiting)} waiting"))
        with err.status(_t("推送到群", "pushing to the groups") + " …"):
            pushes = bots.retry_shop(folder)
    else:
        with err.status(_t("推送到群", "pushing to the groups") + " …"):  # (the day's figures read first)
            pushes = bots.push_report(folder, report, _date(date), _yyyymm(period))
    for p in pushes:
        if p.sent:
            out.print(f"✓ {escape(_t(p.said(True), p.said(False)))} " + _t("已推送", "pushed"))
            if p.already:  # (--retry: pushed at that time by a retry that could not move it to sent/)
                out.print("  " + escape(_t(f"这条消息 {p.already} 已推送过，这次没有再推送（{p.kept}）",
                                           f"this message went to the group at {p.already}: not pushed again ({p.kept})")))
            if p.pushed_before:  # the group now has it twice
                out.print("  " + _t(f"同样内容的这条消息 {p.pushed_before} 已推送过一次",
                                    f"the same message went to this group at {p.pushed_before} too"))
            continue
        mark = "–" if p.replaced else "[red]✗[/]"
        out.print(f"{mark} {escape(_label(p.said(True), p.said(False)))}{escape(_t(p.error_zh, p.error))}" + (f" → {escape(str(p.kept))}" if p.kept else ""))
    raise typer.Exit(1 if any(not p.sent and not p.replaced for p in pushes) else 0)


def _promotion(shop: Path, name: str | None, as_json: bool) -> None:
    from .report.promotion import promotion_report

    folder = _open(shop)
    if not name:  # a usage error of a line naming a shop: in its language (README, "One language per shop")
        raise DataStop("请给出促销名称：shopbook report promotion 店铺 促销名称", "Give the promotion's name: shopbook "
                       "report promotion SHOP NAME")
    rev, path = promotion_report(folder, name)
    if as_json:
        _json({**rev.to_json(), "report": str(path)})
        return
    from .report import percent  # a change as its 0.0% cell shows it: half up
    from .report.daily import fmt  # money to the fen with ¥, counts whole, none as —

    d, b = rev.during, rev.before
    zh = folder.lang == "zh"
    out.print(f"{escape(rev.name)} {d.first}–{d.last} {'对比之前' if zh else 'against'} {b.first}–{b.last}")
    for m, lz, le in (("sales", "销售额", "sales"), ("orders", "订单数", "orders"), ("aov", "客单价", "AOV"),
                      ("units", "件数", "units")):
        c = rev.change(m)
        out.print(f"  {lz if zh else le}{'：' if zh else ': '}{fmt(m, getattr(d, m))} ← {fmt(m, getattr(b, m))}"
                  + ((f"（{percent(c, 1, sign=True)}）" if zh else f"  ({percent(c, 1, sign=True)})") if c is not None else ""))
    cost = f"¥{d.gift_cost:,.2f}" if d.gifts_known else "—"  # unknown, as its cell (blank), never ¥0.00
    given = f"{sum(d.gifts.values()):,}" if d.gifts_known or not d.orders else "—"  # (unknown: not 0, none given)
    out.print(f"  {'赠品：' if zh else 'gifts: '}{given}  {'成本' if zh else 'cost'} {cost}"
              f"  {'推广花费' if zh else 'ad spend'} ¥{d.ad_spend:,.2f}  ROI {d.roi if d.roi is not None else '—'}")
    warned = rev.warnings()
    for w_zh, w_en in warned:  # what the figures leave out
        out.print("! " + escape(w_zh if zh else w_en))
    out.print(f"{'!' if warned else '✓'} {path}")  # (✓ only for a review whose figures left nothing out)


def _retry_alone(retry: bool, date: str | None, period: str | None, report: str = "daily") -> None:
    """`email --retry` and `push --retry` send what waits as it was made: a day, month or report
    given with them is refused, never dropped unsaid."""
    if retry and (date or period):
        raise ShopbookError("--retry 重发 outbox/ 里等待的，不和 --date、--period 一起用。什么都没有发送。",
                            "--retry sends what waits in outbox/; it takes no --date or --period. Nothing was sent.")
    if retry and report != "daily":
        raise ShopbookError("--retry 重发 outbox/ 里等待的所有报表（日报和月报都发），不和 --report 一起用。什么都没有发送。",
                            "--retry sends every report waiting in outbox/ (daily and monthly alike); it takes no "
                            "--report. Nothing was sent.")


@app.command()
@guarded
def email(shop: Shop, report: Annotated[str, typer.Option("--report", help="daily（日报）或 monthly（月报）/ daily or monthly")] = "daily",
          retry: Annotated[bool, typer.Option("--retry", help="重发 outbox/ 里今天等待的邮件 / send what waits from today")] = False,
          all_: Annotated[bool, typer.Option("--all", help="和 --retry 一起：所有等待的邮件 / with --retry: every waiting message")] = False,
          yes: Annotated[bool, typer.Option("--yes", help="可能已发出的也重发，不再询问 / resend a maybe-sent message without asking")] = False,
          date: Annotated[Optional[str], typer.Option("--date", help="日报日期，默认昨天 / the daily report's date, "
                                                                       "yesterday unless given")] = None,
          period: Annotated[Optional[str], typer.Option("--period", help=_REPORT_MONTH)] = None) -> None:
    """发送日报或月报邮件（没有设置 SMTP 时存入 outbox/）/ e-mail the report (kept in outbox/ without SMTP)."""
    from .report.mail import report_name, report_of
    from .report.workflow import plan_retry, retry_outbox, send_report

    folder = _open(shop)
    _retry_alone(retry, date, period, report)
    if (all_ or yes) and not retry:  # (they choose among what waits: alone they would make and keep a new report unsaid)
        flag = "--all" if all_ else "--yes"
        raise ShopbookError(f"{flag} 只和 --retry 一起用（重发 outbox/ 里等待的）。什么都没有发送。",
                            f"{flag} goes with --retry (sending what waits in outbox/). Nothing was sent.")
    if retry:
        plan = plan_retry(folder, all_)
        out.print(f"{_label('要发送', 'to send')}{len(plan.send)}" + (_t(
            f"（另有 {len(plan.left)} 封较早的等待中，加 --all 一起发送）",
            f" ({len(plan.left)} older one waits: add --all to send it)" if len(plan.left) == 1 else
            f" ({len(plan.left)} older ones wait: add --all to send them)") if plan.left else ""))
        for p_ in plan.send:
            out.print(f"  {escape(p_.name)}" + (f"  [yellow]{_t('可能已发出', 'maybe sent')}[/]"
                                                if p_ in plan.maybe_sent else ""))
        for new, old in plan.replaced.items():  # the same report made again (a day's, a month's): only the newest goes
            key = report_of(new)
            for p_ in old:
                out.print("  " + _t(f"不发送 {escape(p_.name)}：{escape(report_name(key, True))}有更新的一封 "
                                    f"{escape(new.name)}，移到 outbox/replaced/",
                                    f"not sent: {escape(p_.name)} ({escape(new.name)} is a newer copy of "
                                    f"{escape(report_name(key, False))}), moved to outbox/replaced/"))
        aside = {p_: report_of(p_) for p_ in plan.set_aside}  # (its newer copy went, or waits: Windows would not
        # move this one then; said once it was tried again, below)

        def confirm(p_: Path) -> bool:
            if yes:
                return True
            if not sys.stdin.isatty():
                return False
            return typer.confirm(_t(f"{p_.name} 可能已经发出。再发一次？",
                                    f"{p_.name} may have been sent already. Send it again?"))

        res = retry_outbox(folder, confirm=confirm, plan=plan)
        for p_, key in aside.items():
            out.print("  " + _t(f"不发送 {escape(p_.name)}：{escape(report_name(key, True))}有更新的一封，",
                                f"not sent: {escape(p_.name)} (a newer copy of {escape(report_name(key, False))} was "
                                "made), ") + (_t("移到 outbox/replaced/", "moved to outbox/replaced/") if not p_.exists()
                                              else _t("它还在 outbox/（文件被占用，没能移到 replaced/），下次 --retry 再移",
                                                      "it is still in outbox/ (the file is in use, it could not be "
                                                      "moved to replaced/): the next --retry moves it")))
        for p_ in (o for old in plan.replaced.values() for o in old):
            if p_.exists():  # open in Foxmail or Outlook, being scanned: noted, never sent (mail.set_aside)
                out.print("  " + _t(f"{escape(p_.name)} 没能移到 outbox/replaced/（文件被占用）：它还在 outbox/，不会发送，"
                                    "下次 --retry 再移",
                                    f"{escape(p_.name)} could not be moved to outbox/replaced/ (the file is in use): it "
                                    "is still in outbox/, never sent; the next --retry moves it"))
        for d in res:
            _delivered(d)
        raise typer.Exit(0 if all(d.done for d in res) else 1)  # (one another run sent meanwhile: no failure)
    with err.status(_t("生成并发送邮件", "making and sending the e-mail") + " …"):  # (a big shop's read, a slow server)
        d = send_report(folder, report, _date(date), _yyyymm(period))
    _delivered(d, bool(folder.config.smtp.host))
    # not sent, recipients refused, the report went out incomplete: exit 1 for cron
    if (folder.config.smtp.host and not d.sent) or d.problems or (d.sent and d.error):
        raise typer.Exit(1)


def _delivered(d, smtp: bool = True) -> None:
    """A message sent, kept or not sent, as the library words it (Delivery.said, what the 发邮件
    button shows): the first line on stdout, unless it is a failure; a failure, the recipients
    refused and the steps that failed on stderr, once (a mail server's in both languages)."""
    said = d.said(smtp)
    lines = _said(said)
    if said[0][0] != "✗":
        print_lines(lines[:1])
        lines = lines[1:]
    print_lines(lines, err)


@agents_app.command("sheets")
@guarded
def agents_sheets(shop: Shop, agent: Annotated[Optional[str], typer.Option("--agent", help="代理编号 / agent id",
                                                                          parser=_filled)] = None
                  ) -> None:
    """每个代理一份价格表（含回传的订单表）/ one price sheet per agent, with an order sheet to send back."""
    from .agents.workflow import price_sheets

    sheets = price_sheets(_open(shop), agent)
    for p_ in sheets:
        out.print(f"✓ {p_}")
    print_lines(_said(sheets.said()))  # (a tier's floor below 7 折: on the sheets, to see before sending them)


@agents_app.command("settle")
@guarded
def agents_settle(shop: Shop, month: Annotated[str, typer.Option("--month", help="YYYY-MM")], as_json: AsJson = False
                  ) -> None:
    """代理月结：货款、运费、退货、返利、收款、余额 / monthly settlement per agent: goods, shipping, returns, rebate,
    payments, balance."""
    from .agents.workflow import settle_month

    folder = _open(shop)
    with err.status(_t("代理月结", "settling agents") + " …"):
        res = settle_month(folder, _month(month))
    if res.issues:  # lines left out or cut down: finance must see them (stderr: --json stays clean)
        _print_issues(res.issues, err)
    if as_json:
        _json(res.to_json())
        return
    print_lines(_said(res.said(SCREEN_LINES, issues=False)))  # as the 代理月结 button says it


@agents_app.command("email")
@guarded
def agents_email(shop: Shop, month: Annotated[str, typer.Option("--month", help="YYYY-MM")]) -> None:
    """把对账单和价格表发给每个代理（默认存入 outbox/）/ e-mail each agent their statement and price sheet."""
    from .agents.workflow import email_agents

    folder = _open(shop)
    failed = False

    def say(res) -> None:  # before the first message goes: a statement's problem is read before the agent's
        if res.issues:  # what settle says (lines left out or cut down) and the agents not mailed, each where
            _print_issues(res.issues, err)
        print_lines(_said(res.settlement.priced_said() + res.idle_said()))  # the 单价 it wrote; agents not mailed

    res = email_agents(folder, month := _month(month), say)
    if not res.settlement.statements:  # (else a run that made nothing printed nothing at all)
        out.print("– " + _t(f"代理表里没有代理：{month} 没有对账单可发。",
                            f"The Agents sheet has no agents: there is no {month} statement to send."))
    for d in res.deliveries:
        if folder.config.smtp.host and not d.sent or d.sent and d.error:  # (sent, some recipients refused: no ✓)
            failed = True
            _delivered(d)  # where it is and why, on stderr, as `shopbook email` says it
        else:
            out.print(("✓ " + _t("已发送 ", "sent ") if d.sent else "– " + _t("没有 SMTP，已存入：", "no SMTP server, kept: "))
                      + escape(str(d.path)))
            if d.sent_before:  # the agent has this very statement twice now
                print_lines(_said(d.said(True)[1:2]))
    if failed:
        raise typer.Exit(1)


@app.command()
@guarded
def doctor(shop: Annotated[Path, typer.Argument(help="店铺文件夹 / shop folder", parser=_folder)],
           dry_run: Annotated[bool, typer.Option("--dry-run", help="只报告，不修复 / report only")] = False,
           as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / print JSON")] = False) -> None:
    """检查并修复被中断的运行留下的东西（锁、日志、临时文件），列出同步盘留下的副本 / report and repair what an
    interrupted run left, and name the copies a sync service left beside the workbooks.

    退出码 / exit code: 0 没有问题或已修复 clean or repaired, 1 需要人处理 a person must look."""
    from . import doctor as dr

    lang = _doctor_lang(shop)
    dr.on_watch = lambda who, who_en, most: err.print("… " + in_lang(lang, (
        f"店铺锁是另一台电脑上的任务的（{escape(who)}）：看它是否还在更新，以判断那个任务是否还在运行（最多 {most} 秒）"), (
        f"the shop lock is a job's on another computer ({escape(who_en)}): watching whether it is still updated, "
        f"to tell whether that job still runs (at most {most} s)")))
    try:
        up = dr.check(shop, repair=not dry_run)
    finally:
        dr.on_watch = None
    if as_json:
        _json(up.to_json())
    else:
        _set_lang(lang)
        nl = "\n  "
        if up.busy:
            out.print("… " + _t(f"一个写入任务正在运行（{escape(up.busy[0])}）：没有修复任何东西。",
                                f"a writing job is running ({escape(up.busy[1])}): nothing was repaired."))
        for f in up.findings:
            if f.repaired:
                out.print("✓ " + _t(f"{escape(f.zh)}：已修复。", f"{escape(f.en)}: repaired.", nl))
            elif f.kind == "conflict":
                out.print("! " + _t(f"{escape(f.zh)}。", f"{escape(f.en)}.", nl))
            elif f.kind in ("sync-copy", "open", "unreadable", "unwritable", "missing"):  # (whole sentences)
                out.print("! " + _t(escape(f.zh), escape(f.en), nl))
            else:
                out.print("! " + _t(f"{escape(f.zh)}（未修复{'：--dry-run' if dry_run else ''}）。",
                                    f"{escape(f.en)} (not repaired{': --dry-run' if dry_run else ''}).", nl))
        if not up.findings and not up.busy:  # (a job running: nothing was looked at to repair, so no ✓)
            out.print("✓ " + _t("没有发现问题", "nothing to repair"))
    raise typer.Exit(1 if up.busy or up.needs_a_person else 0)


def _doctor_lang(shop: Path) -> str | None:
    """The shop's language (without shopbook.toml, its workbooks'); both where its shopbook.toml does
    not read or the folder holds no shop."""
    from .schema import WORKBOOKS

    try:
        if shop.is_dir() and any((shop / n).exists() for n in ("shopbook.toml", *(w.filename for w in WORKBOOKS))):
            return _shop_lang(shop)
    except ShopbookError:
        pass
    return None


purchase_app = typer.Typer(no_args_is_help=True, help="采购：建议采购单、到货收货、供应商交货周期 / purchasing: draft POs, receiving, "
                                                      "suppliers' lead times")
app.add_typer(purchase_app, name="purchase")


@purchase_app.command("suggest")
@guarded
def purchase_suggest_cmd(shop: Shop, write: Annotated[bool, typer.Option(
                             "--write", help="写入草稿采购单并生成采购单文件 / write the draft POs and the PO workbooks")] = False,
                         date: Annotated[Optional[str], typer.Option("--date", help=(
                             "按哪天算，默认今天（过去的日期不算订单）/ the day to suggest for, today unless given (a past "
                             "day leaves the orders out)"))] = None,
                         as_json: AsJson = False) -> None:
    """按供应商建议采购（预警补货量减去在途）/ what to order from whom: the alerts' reorder quantities less what is on order."""
    from .purchasing.workflow import purchase_suggest

    folder = _open(shop)
    with err.status(_t("采购建议", "working out what to order") + " …"):
        res = purchase_suggest(folder, as_of=_date(date), write_drafts=write)
    if res.plan.warnings:
        _print_issues(res.plan.warnings, err)
    if as_json:
        _json(res.to_json())
        raise typer.Exit(0 if res.whole else 1)  # a product no one can be asked for: a person
    for o in res.plan.orders:
        who = escape(o.supplier) if o.supplier else f"[yellow]{_t('没有供应商', 'no supplier')}[/]"
        lead = f"  {_label('交货周期', 'lead time')}{_lead_time(o.measured)}" if o.measured else ""
        out.print(f"{who}  {o.po_no or ''}  {_t('预计到货', 'expected')} {o.expected_date or '-'}  ¥{o.total:,.2f}{lead}")
        for x in o.lines:
            code = f" ({escape(x.supplier_code)})" if x.supplier_code else ""
            out.print(f"  {x.sku:<18}{code} {escape(x.name)}  {x.qty:>5} × ¥{x.unit_cost:,.2f}  "
                      + _t(f"（需要 {x.need}，在途 {x.on_order}" + (f"，单价按 {x.paid_on.po_no}" if x.paid_on else "") + "）",
                           f"(need {x.need}, on order {x.on_order}"
                           + (f"; unit cost as on {x.paid_on.po_no}" if x.paid_on else "") + ")"))
    # each PO workbook (✓ only when no product was left out), then what was written and what was not:
    # as the 采购建议 button says it
    print_lines(_said(res.documents_said() + res.said(SCREEN_LINES)))
    raise typer.Exit(0 if res.whole else 1)  # a product no one can be asked for: a person


@purchase_app.command("receive")
@guarded
def purchase_receive_cmd(shop: Shop, file: Annotated[Path, typer.Argument(help="扫描文件或收货表 / scan file or count sheet")],
                         po: Annotated[str, typer.Option("--po", help="采购单号 / PO number", parser=_filled)],
                         close: Annotated[bool, typer.Option("--close", help="少到的不再等，关闭采购单 / close the PO "
                                                                            "even if short")] = False,
                         pay: Annotated[bool, typer.Option("--pay", help="把建议的货款写入流水 / write the proposed "
                                                                        "payment into the ledger")] = False,
                         date: Annotated[Optional[str], typer.Option("--date", help="到货日期 / date received")] = None,
                         new_delivery: Annotated[bool, typer.Option("--new-delivery", help=(
                             "另一批到货：全部入库，即使同一天已收过或已到货 / a delivery of its own: all of it "
                             "posted, even on a day the PO already received or onto lines already received"))] = False,
                         as_json: AsJson = False) -> None:
    """按采购单收货：入库、差异、关单、到货通知、货款 / receive a delivery against a PO: stock in, differences, closing,
    customers to call, payment."""
    from .purchasing.workflow import purchase_receive

    with err.status(_t("收货", "receiving") + " …"):
        r = purchase_receive(_open(shop), file, po, _date(date), close=close, book_payment=pay,
                             new_delivery=new_delivery)
    # nothing new to post is no failure (as the same count posted twice): exit 0 unless a line of
    # the file did not read or an item is not the PO's
    if as_json:
        _json(r.to_json())
        raise typer.Exit(0 if r.ok else 1)
    print_lines(_said(r.said(SCREEN_LINES, file.name)))  # as the 采购收货 button says it
    raise typer.Exit(0 if r.ok else 1)


@purchase_app.command("suppliers")
@guarded
def purchase_suppliers_cmd(shop: Shop, date: Annotated[Optional[str], typer.Option("--date", help=(
                               "按哪天看（默认今天）：过去的日期列出那天还没到的货 / the day to look from (today unless "
                               "given): a past day lists what was still owed that day"))] = None,
                           as_json: AsJson = False) -> None:
    """供应商交货周期（约定与实际）和逾期未到的采购单 / suppliers' lead times (declared and measured), overdue POs."""
    from .purchasing.workflow import overdue_purchase_orders, supplier_lead_times

    folder = _open(shop)
    with err.status(_t("供应商到货", "suppliers' deliveries") + " …"):
        times, late = supplier_lead_times(folder), overdue_purchase_orders(folder, _date(date))
    if as_json:
        _json({"lead_times": [t.to_json() for t in times], "overdue": [o.to_json() for o in late]})
        raise typer.Exit(1 if late else 0)
    for t in times:
        out.print(f"  {escape(t.supplier)}  {_lead_time(t)}")
        if t.slow:  # its last POs came clearly later than its 交货周期 says
            out.print(f"    [yellow]![/] {escape(_t(*t.slow_said()))}")
    out.print(f"{_label('逾期未到', 'overdue POs')}{len(late)}")
    for o in late:
        expected = o.expected_said()
        out.print(f"  [red]![/] {o.po_no} {escape(o.supplier)}  " + _t(
            f"{expected[0]}  晚 {o.days_late} 天  未到 {o.outstanding}",
            f"{expected[1]}  {en_count(o.days_late, 'day')} late  outstanding {o.outstanding}")
            + (_t("  还是草稿：没发给供应商的话请删掉（它的件数一直算在途，不会再建议补货）；发了的把状态改成“已下单”",
                  "  still a draft: if it was never sent, delete it (its units count as on order, so they are not "
                  "suggested again); if it was, set its status to ordered") if o.draft else ""))
    raise typer.Exit(1 if late else 0)  # as with --json: an overdue PO is something to act on


def _lead_time(m) -> str:
    """A supplier's declared lead time beside the one its receipts show."""
    d = m.declared if m.declared is not None else "-"
    x = m.days if m.days is not None else "-"
    said = (f"约定 {d} 天" if m.declared is not None else "没有约定",  # (before: '约定 - 天', 'declared - days')
            f"declared {en_count(d, 'day')}" if m.declared is not None else "none declared")
    if not m.orders:  # (before: '实际 - 天（0 单）', 'measured - days (0 POs)')
        return _t(f"{said[0]}，还没有收货记录", f"{said[1]}, no deliveries yet")
    return _t(f"{said[0]}，实际 {x} 天（{m.orders} 单）", f"{said[1]}, measured {en_count(x, 'day')} ({en_count(m.orders, 'PO')})")


# what the screen's marks become on a stdout that cannot carry them (a Windows scheduled job's `> run.log`
# in cp936, which has no ✓, or cp1252, which has no Chinese): the rest as \u escapes, never a crash
_PLAIN_MARKS = {"✓": "OK", "✗": "X", "–": "-", "—": "--", "…": "...", "›": ">", "→": "->", "✎": "*", "•": "*",
          "≥": ">=", "≤": "<=", "−": "-", "¥": "CNY "}


def _marks_where_they_do_not_go(e: UnicodeError) -> tuple[str, int]:
    if not isinstance(e, UnicodeEncodeError):
        raise e
    bad = e.object[e.start:e.end]
    return "".join(_PLAIN_MARKS.get(c) or c.encode("ascii", "backslashreplace").decode("ascii") for c in bad), e.end


def _plain_output() -> None:
    """stdout and stderr of a code page (not UTF-8) write what they cannot carry as _PLAIN_MARKS says: before,
    `shopbook stock SHOP > log.txt` in a Windows job did its work and then ended as an internal error
    (exit 3) at its first ✓."""
    import codecs

    codecs.register_error("shopbook-marks", _marks_where_they_do_not_go)
    for stream in (sys.stdout, sys.stderr):
        enc = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
        if not enc.startswith("utf") and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="shopbook-marks")


# a command line written out under the commands whose files and options come in an order (the rest are
# `shopbook COMMAND 店铺`): what the help shows after its options. A date or name in them is the demo shop's
# (`shopbook demo`), so that each runs as written there, bar files a shop downloads itself
_EXAMPLES = {
    ("daily",): ["shopbook daily 我的店铺                       # 昨天的 / yesterday's",
                 "shopbook daily 我的店铺 --date 2026-11-30",
                 "0 8 * * * shopbook daily /home/me/我的店铺 >> /home/me/daily.log 2>&1   # cron：每天 8 点 / 8 am daily"],
    ("orders", "import"): ["shopbook orders import 我的店铺 ExportOrderList20261122.csv ExportOrderDetailList20261122.csv"],
    ("orders", "morning"): ["shopbook orders morning 我的店铺 ExportOrderList20261122.csv ExportOrderDetailList20261122.csv",
                            "shopbook orders morning 我的店铺      # 不导入：审单并拣货订单表里已有的订单 / no import: review and "
                            "pick the orders already in orders.xlsx"],
    ("ship",): ["shopbook ship 我的店铺 scans.txt"],
    ("kpi", "import"): ["shopbook kpi import 我的店铺 【生意参谋平台】店铺-2026-11-30.xls"],
    ("reconcile", "alipay"): ["shopbook reconcile alipay 我的店铺 20881234567890120156_202611_账务明细.csv",
                              "shopbook reconcile alipay 我的店铺 20881234567890120156_202611_账务明细.csv --apply"],
    ("reconcile", "wechat"): ["shopbook reconcile wechat 我的店铺 微信支付账单(20261101-20261130).csv"],
    ("reconcile", "courier"): ["shopbook reconcile courier 我的店铺 中通-2026-11.xlsx"],
    ("purchase", "receive"): ["shopbook purchase receive 我的店铺 scans.txt --po CG20261118-01"],
    ("stocktake", "post"): ["shopbook stocktake post 我的店铺 --date 2026-11-18 --dry-run   # 先看 / look first",
                            "shopbook stocktake post 我的店铺 --date 2026-11-18"],
    ("report",): ["shopbook report monthly 我的店铺 --period 2026-11", "shopbook report weekly 我的店铺 --period 2026-W47",
                  "shopbook report promotion 我的店铺 满199送袜子"],
    ("ledger",): ["shopbook ledger 我的店铺 --month 2026-11"],
    ("staff", "pay"): ["shopbook staff pay 我的店铺 --month 2026-11"],
    ("agents", "settle"): ["shopbook agents settle 我的店铺 --month 2026-11"],
    ("aftersales", "receive"): ["shopbook aftersales receive 我的店铺 YT7000000001 SH20261118-21"],
}


def _examples_in_help() -> None:
    from typer.main import get_command_name

    groups = {g.name: g.typer_instance for g in app.registered_groups}
    for path, lines in _EXAMPLES.items():
        where = groups[path[0]] if len(path) == 2 else app
        for c in where.registered_commands:
            if (c.name or get_command_name(c.callback.__name__)) == path[-1]:
                c.epilog = "\b\n例 / e.g.:\n" + "\n".join("  " + line for line in lines)


_examples_in_help()


def main() -> None:
    from .io import at_exit, cache

    _plain_output()
    cache.after_result()  # parsed-sheet cache entries written once the result is out (io/at_exit)
    try:
        _only_what_was_asked(sys.argv[1:])()
    except SystemExit as e:
        if not (e.code is None or isinstance(e.code, int)) or not _nothing_left_open(interrupted=e.code == 130):
            at_exit.write_cache()  # a normal exit: written here first
            raise
        # every file is closed and no other thread runs: exit without tearing down what the OS
        # frees anyway (a big run's millions of objects took ~0.3 s to free), after flushing
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                raise e from None
        if e.code != 130:  # by a process the person does not wait for; after Ctrl-C none: the reads given up may
            # still run on their threads, and a fork taken while one holds an import lock hangs its copy
            at_exit.write_cache(detach=True)  # (the cache is never a source of truth: the next run reads again)
        os._exit(e.code or 0)
    except KeyboardInterrupt:
        raise
    except BaseException:
        at_exit.write_cache()  # what the jobs that finished kept, as they would have written it
        raise


def _only_what_was_asked(args: list[str]) -> typer.Typer:
    """The app with only the command or group the command line names: typer builds every
    command from its signature before it parses anything (~40 ms of each start for 44 commands).
    Help, and a name that matches none, still see them all."""
    import copy

    from typer.main import get_command_name

    first = next((a for a in args if not a.startswith("-")), None)
    commands = [c for c in app.registered_commands
                if (c.name or get_command_name(c.callback.__name__)) == first]
    groups = [g for g in app.registered_groups if g.name == first]
    if not (commands or groups) or "--help" in args or "-h" in args:
        return app
    trimmed = copy.copy(app)
    trimmed.registered_commands, trimmed.registered_groups = commands, groups
    return trimmed


def _nothing_left_open(interrupted: bool = False) -> bool:
    """True when the process has no other thread running and no regular file open for
    writing (Linux: /proc/self/fd). Anywhere else, or when in doubt: False (a normal exit).
    `interrupted` (Ctrl-C): the reads on `beside` threads the job gave up are not waited for (they
    only read: what is written beside the job is written by forked processes); the prompt came
    back only once they ended (orders import: 4 s after 已中断)."""
    import threading

    others = [t for t in threading.enumerate() if t is not threading.main_thread()
              and t.name != "shopbook-prefetch"  # (a parse begun early and not needed: it only reads)
              and not (interrupted and t.name.startswith("shopbook_"))]
    for t in others:
        if _told_to_stop(t):
            t.join(2)  # (under load a thread told to stop may take its time to end)
    if any(t.is_alive() for t in others):
        return False
    try:
        fds = os.listdir("/proc/self/fd")
    except OSError:
        return False
    for fd in fds:
        if int(fd) <= 2:
            continue
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
            with open(f"/proc/self/fdinfo/{fd}", encoding="ascii") as f:
                flags = int(f.read().split("flags:", 1)[1].split()[0], 8)
        except (OSError, IndexError, ValueError):
            continue  # (the listing's own descriptor, closed by now)
        if target.startswith("/") and flags & (os.O_WRONLY | os.O_RDWR):
            return False
    return True


def _told_to_stop(t) -> bool:
    """A thread whose work is over and which is only ending: the lock's heartbeat (told to stop as
    the lock was released), a `beside` worker (io/background: every result is taken before the
    command ends), a progress bar's refresh thread once it is told to stop (rich's Live.stop()
    does not wait for it to end)."""
    if t.name == "shopbook-lock-heartbeat" or t.name.startswith("shopbook_"):
        return True
    done = getattr(t, "done", None) if type(t).__name__ == "_RefreshThread" else None
    return done is not None and done.is_set()


if __name__ == "__main__":
    main()
