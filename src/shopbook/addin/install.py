"""`shopbook addin install`: set up Excel on a staff member's Windows PC (or Mac).

Three steps, each safe to repeat: a Python environment with shopbook in it; the
add-in's configuration file (which Python to run), which xlwings' VBA reads from
%USERPROFILE%\\.shopbook\\shopbook.conf; and the built add-in copied into Excel's
start-up folder, so Excel opens it every time. Paths are parameters, so the same
code runs (and is tested) on Linux against a stand-in home folder.
"""

from __future__ import annotations

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


def env_python(env: Path, platform: str = sys.platform, windowed: bool = False) -> Path:
    if _windows(platform):
        return env / "Scripts" / ("pythonw.exe" if windowed else "python.exe")
    return env / "bin" / "python"


def config_text(python: Path, platform: str = sys.platform) -> str:
    """The lines xlwings' GetConfigFromFile reads (VBA `Input #`: quoted, comma-separated)."""
    key = "INTERPRETER_WIN" if _windows(platform) else "INTERPRETER_MAC"
    lines = [(key, str(python)), ("UDF_MODULES", "shopbook.xl.udfs")]
    return "".join(f'"{k}","{v}"\r\n' for k, v in lines)


def package_source() -> str:
    """What pip installs: this checkout when run from one, else the released package."""
    root = Path(__file__).resolve().parents[3]
    if (root / "pyproject.toml").exists():
        return str(root)
    from importlib.metadata import version

    return f"{PROJECT}=={version(PROJECT)}"


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
                  pip_args: list[str] | None = None, progress=None) -> InstallResult:
    """Set up Excel for shopbook: environment (unless `python` names one), config, add-in."""
    home = Path(home) if home else Path.home()
    target_dir = startup_folder(home, platform, appdata)  # fails first on a platform without Excel
    if python is None:
        env = Path(env) if env else home / f".{PROJECT}" / "venv"
        create_env(env, pip_args, progress)
        python = env_python(env, platform, windowed=True)
    conf = config_path(home, platform)
    conf.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(conf, config_text(Path(python), platform).encode("utf-8"), keep_backup=True)
    if progress:
        progress("复制加载项 / copying the add-in")
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{PROJECT}.xlam"
    built = build_addin(out=home / f".{PROJECT}" / f"{PROJECT}-{lang}.xlam", lang=lang)
    # no backup here: Excel would open a copy left in its start-up folder; the add-in is rebuilt at will
    write_atomic(target, lambda p: p.write_bytes(built.read_bytes()), keep_backup=False)
    return InstallResult(Path(python), conf, target)
