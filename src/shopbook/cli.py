"""The `shopbook` command: each command is a thin call of a library function."""

from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from .issues import Issue, ShopbookError

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="shopbook — 店铺工作簿的校验与自动化 / validation and automation for shop workbooks")
addin_app = typer.Typer(no_args_is_help=True, help="Excel 加载项 / the Excel add-in")
app.add_typer(addin_app, name="addin")
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

Lang = Annotated[str, typer.Option("--lang", help="zh 或 en / zh or en")]


def guarded(fn):
    """A stop (ShopbookError) is one clear message and exit 2; never a traceback
    unless SHOPBOOK_DEBUG is set."""

    @functools.wraps(fn)
    def wrapper(*a, **kw):
        try:
            return fn(*a, **kw)
        except ShopbookError as e:
            err.print(f"[bold red]✗[/] {e}")
            raise typer.Exit(e.exit_code) from None
        except KeyboardInterrupt:
            err.print("已中断 / interrupted")
            raise typer.Exit(130) from None
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except Exception as e:  # pragma: no cover - the last line of defence
            if os.environ.get("SHOPBOOK_DEBUG"):
                raise
            err.print(f"[bold red]✗ 内部错误 / internal error:[/] {type(e).__name__}: {e}\n"
                      "请把这条信息发给维护者（设置 SHOPBOOK_DEBUG=1 可看详情）。 "
                      "Please report this (set SHOPBOOK_DEBUG=1 for details).")
            raise typer.Exit(3) from None

    return wrapper


def _check_lang(lang: str) -> str:
    if lang not in ("zh", "en"):
        raise ShopbookError("--lang 只能是 zh 或 en。", "--lang must be zh or en.")
    return lang


def progress_bar(total: int, what: str):
    p = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                 TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal)
    return p, p.add_task(what, total=total)


@app.command()
@guarded
def templates(out_dir: Annotated[Path, typer.Option("--out", help="输出文件夹 / output folder")] = Path("templates"),
              lang: Lang = "zh") -> None:
    """从表结构生成空白模板 / generate the blank workbook templates from the schema."""
    from .templates import write_templates

    for p in write_templates(out_dir, _check_lang(lang)):
        out.print(f"✓ {p}")


@app.command()
@guarded
def init(folder: Path, lang: Lang = "zh",
         name: Annotated[Optional[str], typer.Option(help="店铺名称 / shop name")] = None) -> None:
    """新建空白店铺文件夹 / create a new, empty shop folder."""
    from .shop import init_shop

    for p in init_shop(folder, _check_lang(lang), name):
        out.print(f"✓ {p}")


@app.command()
@guarded
def demo(folder: Annotated[Path, typer.Argument(help="默认 xlsx/ / default xlsx/")] = Path("xlsx"),
         lang: Lang = "zh") -> None:
    """生成演示店铺 / build the demo shop (deterministic)."""
    from .demo import generate_demo

    with err.status("生成演示店铺 / building the demo shop …"):
        paths = generate_demo(folder, _check_lang(lang))
    for p in paths:
        out.print(f"✓ {p}")


def _print_issues(issues: list[Issue]) -> None:
    t = Table(show_lines=False, header_style="bold")
    for h in ("", "工作簿 book", "工作表 sheet", "单元格 cell", "列 column", "值 value", "说明 / what to do"):
        t.add_column(h, overflow="fold")
    for i in issues:
        mark = "[red]✗[/]" if i.is_error else "[yellow]![/]"
        t.add_row(mark, i.book, i.sheet, i.cell, i.column, i.value, f"{i.message_zh}\n{i.message_en}")
    out.print(t)


@app.command()
@guarded
def validate(path: Annotated[Path, typer.Argument(help="店铺文件夹或一个工作簿 / shop folder or one workbook")],
             as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / print JSON")] = False,
             write: Annotated[bool, typer.Option("--write", help="写入“校验结果”表和批注 / write an Issues sheet and comments")] = False,
             lang: Annotated[Optional[str], typer.Option("--lang")] = None) -> None:
    """校验工作簿，指出每个出错的单元格 / check workbooks and point at every wrong cell.

    退出码 / exit code: 0 没有错误 clean, 1 有错误 errors found, 2 无法读取 could not read."""
    from .validate import validate_path
    from .validate.write import write_issues

    if as_json:
        result = validate_path(path)
    else:
        p, task = progress_bar(5, "读取 / reading")
        with p:
            result = validate_path(path, progress=lambda name: p.update(task, advance=1, description=name))
    if write:
        folder = path if path.is_dir() else path.parent
        shop_lang = lang or _shop_lang(folder)
        for name, book_path in result.books.items():
            written = write_issues(book_path, result.issues, shop_lang, reports=folder / "reports")
            if not as_json:
                out.print(f"✎ {written}")
    if as_json:
        sys.stdout.write(json.dumps([i.to_json() for i in result.issues], ensure_ascii=False, indent=1) + "\n")
    else:
        if result.issues:
            _print_issues(result.issues)
        n_err, n_warn = len(result.errors), len(result.warnings)
        colour = "red" if n_err else "green"
        out.print(f"[{colour}]{n_err} 个错误 errors, {n_warn} 个警告 warnings[/] — "
                  f"{', '.join(result.books) or path}")
    raise typer.Exit(result.exit_code)


def _shop_lang(folder: Path) -> str:
    from .config import load_config

    return load_config(folder).shop.language


@app.command()
@guarded
def docs(out_file: Annotated[Path, typer.Option("--out")] = Path("docs/workbooks.md")) -> None:
    """从表结构生成列说明文档 / write the column reference generated from the schema."""
    from .templates import write_docs

    out.print(f"✓ {write_docs(out_file)}")


@addin_app.command("build")
@guarded
def addin_build(out_file: Annotated[Path, typer.Option("--out")] = Path("dist/shopbook.xlam"),
                macros: Annotated[Optional[Path], typer.Option("--macros")] = None) -> None:
    """由 macros/ 构建 shopbook.xlam（可复现）/ build the add-in from macros/, reproducibly."""
    from .addin.build import build_addin

    out.print(f"✓ {build_addin(macros, out_file)}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
