"""`shopbook addin install`: set up Excel on a staff member's Windows PC (or Mac).

Three steps, each safe to repeat: a Python environment with shopbook in it; the
add-in's configuration file (which Python to run), which xlwings' VBA reads from
%USERPROFILE%\\.shopbook\\shopbook.conf; and the built add-in copied into Excel's
start-up folder, so Excel opens it every time (on macOS also xlwings' AppleScript,
which RunPython needs). Paths are parameters, so the same code runs (and is tested)
on Linux against a stand-in home folder.
"""

from __future__ import annotations

import locale
import os
import shutil
import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path

from ..io.files import write_atomic, write_bytes_atomic
from ..issues import ShopbookError
from .build import build_addin

PROJECT = "shopbook"


@dataclass
class InstallResult:
    python: Path
    config: Path
    addin: Path


def _windows(platform: str) -> bool:
    return platform.startswith("win")


def startup_folder(home: Path, platform: str = sys.platform, appdata: Path | None = None) -> Path:
    """Excel's own start-up folder (XLSTART): add-ins there open with Excel."""
    if _windows(platform):
        return (appdata or home / "AppData" / "Roaming") / "Microsoft" / "Excel" / "XLSTART"
    if platform == "darwin":
        return (home / "Library" / "Group Containers" / "UBF8T346G9.Office" / "User Content.localized"
                / "Startup.localized" / "Excel")
    raise ShopbookError("Excel 加载项只能安装在 Windows 或 macOS 上。",
                        "The Excel add-in installs on Windows or macOS only.")


def config_path(home: Path, platform: str = sys.platform) -> Path:
    """Where xlwings' VBA (GetConfigFilePath, PROJECT_NAME = shopbook) looks for its settings."""
    if _windows(platform):
        return home / f".{PROJECT}" / f"{PROJECT}.conf"
    return home / "Library" / "Containers" / "com.microsoft.Excel" / "Data" / f"{PROJECT}.conf"


def env_python(env: Path, platform: str = sys.platform) -> Path:
    """python.exe, not pythonw.exe: RunPython sends the interpreter's stderr to the log xlwings
    shows when a button fails (pythonw has none), and xlwings' own `config create` writes
    python.exe too; the console stays hidden either way."""
    if _windows(platform):
        return env / "Scripts" / "python.exe"
    return env / "bin" / "python"


# The keys as xlwings 0.37.8's VBA asks for them (GetConfig in macros/xlwings.bas; a test reads
# them from there): the interpreter per platform and the cell functions' module.
INTERPRETER_KEY = {"win": "INTERPRETER_WIN", "mac": "INTERPRETER_MAC"}
UDF_MODULES_KEY = "UDF MODULES"
UDF_MODULE = "shopbook.xl.udfs"
# "false": RunPython and the UDF server do not put the workbook's folder on sys.path (shopbook runs
# from its environment). Where true, xlwings first maps the workbook's web address (a shop folder
# in OneDrive/SharePoint) to a local path, and where it cannot, every button and cell function
# stopped on its traceback before shopbook could say what to do (shopbook.xl._in_the_cloud).
BOOK_DIR_KEY = "ADD_WORKBOOK_TO_PYTHONPATH"


def ansi_code_page(platform: str = sys.platform) -> str:
    """The code page VBA's `Input #` reads the config file in: the ANSI code page on Windows
    (cp936 on Chinese Windows). On macOS only ASCII is certain, and all that is written."""
    return locale.getencoding() if _windows(platform) and sys.platform.startswith("win") else "ascii"


def config_path_value(python: Path, home: Path, platform: str = sys.platform) -> str:
    """The interpreter as the config file names it. Under the home folder it is written as
    %USERPROFILE%\\… (Windows) or $HOME/… (macOS), the forms xlwings' ExpandEnvironmentStrings
    expands, so a Chinese user name never passes through the file's code page."""
    python, home = Path(python), Path(home)
    try:
        rel = python.relative_to(home).parts
    except ValueError:
        return str(python)
    return "%USERPROFILE%\\" + "\\".join(rel) if _windows(platform) else "$HOME/" + "/".join(rel)


def config_text(python: Path, home: Path, platform: str = sys.platform) -> str:
    """The lines xlwings' GetConfigFromFile reads (VBA `Input #`: quoted, comma-separated)."""
    key = INTERPRETER_KEY["win" if _windows(platform) else "mac"]
    lines = [(key, config_path_value(python, home, platform)), (UDF_MODULES_KEY, UDF_MODULE), (BOOK_DIR_KEY, "false")]
    return "".join(f'"{k}","{v}"\r\n' for k, v in lines)


def config_bytes(python: Path, home: Path, platform: str = sys.platform, code_page: str | None = None) -> bytes:
    text = config_text(python, home, platform)
    code_page = code_page or ansi_code_page(platform)
    try:
        return text.encode(code_page)
    except UnicodeEncodeError:
        raise ShopbookError(
            f"Python 的路径 {python} 含有本机代码页（{code_page}）写不出的字符，Excel 的 VBA 读不到它。"
            f"请把 Python 环境放在用户文件夹下（默认 ~/.shopbook/venv），或放在只含英文字母和数字的路径里。",
            f"The Python path {python} holds characters this PC's code page ({code_page}) cannot write, so "
            f"Excel's VBA would misread it. Keep the environment under your user folder (the default "
            f"~/.shopbook/venv) or in a path of plain letters and digits.", python) from None


def applescript_folder(home: Path) -> Path:
    """Where xlwings' RunPython on macOS looks for its AppleScript (AppleScriptTask)."""
    return home / "Library" / "Application Scripts" / "com.microsoft.Excel"


def install_applescript(python: Path, home: Path) -> Path:
    """What `xlwings runpython install` does, with the xlwings of `python` (the command itself
    is not on the PATH of the environment the installer makes)."""
    try:
        done = subprocess.run([str(python), "-c", "import os, xlwings; print(os.path.dirname(xlwings.__file__)); "
                               "print(xlwings.__version__)"], capture_output=True, text=True)
    except OSError as e:
        done = subprocess.CompletedProcess([], 1, "", str(e))
    if done.returncode:
        raise ShopbookError(f"{python} 里没有 xlwings：\n{done.stderr[-1000:]}",
                            f"xlwings does not import in {python}:\n{done.stderr[-1000:]}", python)
    folder, version = done.stdout.split()[-2:]
    source = Path(folder) / f"xlwings-{version}.applescript"
    target = applescript_folder(home)
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target / source.name)
    return target / source.name


def package_source() -> str:
    """What pip installs: this checkout when run from one, else the wheel (or folder) this
    shopbook was installed from, as pip recorded it; a released version as the last resort."""
    import json
    from importlib.metadata import PackageNotFoundError, distribution
    from urllib.parse import unquote, urlparse
    from urllib.request import url2pathname

    root = Path(__file__).resolve().parents[3]
    if (root / "pyproject.toml").exists():
        return str(root)
    try:
        dist = distribution(PROJECT)
    except PackageNotFoundError:
        return PROJECT
    url = json.loads(dist.read_text("direct_url.json") or "{}").get("url", "")
    if url.startswith("file:"):
        local = Path(url2pathname(unquote(urlparse(url).path)))
        if local.exists():
            return str(local)
    return f"{PROJECT}=={dist.version}"


def create_env(env: Path, pip_args: list[str] | None = None, progress=None) -> None:
    """A virtual environment at `env` with shopbook installed (pip, from PyPI or this checkout)."""
    if not (env / "pyvenv.cfg").exists():
        if progress:
            progress("创建 Python 环境 / creating the Python environment")
        venv.EnvBuilder(with_pip=True).create(env)
    if progress:
        progress("安装 shopbook / installing shopbook")
    py = env_python(env, sys.platform)
    cmd = [str(py), "-m", "pip", "install", "--quiet", *(pip_args or [package_source()])]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode:
        raise ShopbookError(f"安装 shopbook 失败：\n{done.stderr[-2000:]}", f"Installing shopbook failed:\n{done.stderr[-2000:]}",
                            env)


def install_addin(lang: str = "zh", home: Path | None = None, platform: str = sys.platform,
                  env: Path | None = None, python: Path | None = None, appdata: Path | None = None,
                  pip_args: list[str] | None = None, progress=None, code_page: str | None = None) -> InstallResult:
    """Set up Excel for shopbook: environment (unless `python` names one), config, add-in."""
    home = Path(home) if home else Path.home()
    if appdata is None and _windows(platform) and sys.platform.startswith("win") and os.environ.get("APPDATA"):
        appdata = Path(os.environ["APPDATA"])  # a redirected (roaming) profile moves XLSTART with it
    target_dir = startup_folder(home, platform, appdata)  # fails first on a platform without Excel
    if python is None:
        env = Path(env) if env else home / f".{PROJECT}" / "venv"
        create_env(env, pip_args, progress)
        python = env_python(env, platform)
    conf = config_path(home, platform)
    conf.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(conf, config_bytes(Path(python), home, platform, code_page), keep_backup=True)
    if platform == "darwin":
        if progress:
            progress("安装 xlwings 的 AppleScript / installing xlwings' AppleScript")
        install_applescript(Path(python), home)
    if progress:
        progress("复制加载项 / copying the add-in")
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{PROJECT}.xlam"
    built = build_addin(out=home / f".{PROJECT}" / f"{PROJECT}-{lang}.xlam", lang=lang)
    # no backup here: Excel would open a copy left in its start-up folder; the add-in is rebuilt at will
    write_atomic(target, lambda p: p.write_bytes(built.read_bytes()), keep_backup=False)
    return InstallResult(Path(python), conf, target)
