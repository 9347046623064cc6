"""A wheel install builds the add-in and the Lite files: `pip wheel .` (offline, no build
isolation), installed into a fresh environment, runs `shopbook addin build` and `shopbook lite`
and gives the same bytes as the clone. The fresh environment borrows the test environment's
third-party packages (a .pth line) but not its shopbook, which is checked to be the wheel's."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

from shopbook.addin.build import build_addin, repo_macros
from shopbook.addin.lite_files import write_lite

ROOT = Path(__file__).resolve().parents[1]
URL = "https://example.invalid/shopbook-0.1.0-py3-none-any.whl"


def run(*cmd, **kw) -> subprocess.CompletedProcess:
    """A command without PYTHONPATH: a run of the suite on another tree's src (a git worktree's) would
    otherwise have the fresh environment import that shopbook, not the wheel's."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    r = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=300, env=env, **kw)
    assert r.returncode == 0, r.stdout + r.stderr
    return r


def test_wheel_install_builds_the_same_addin_and_lite_files(tmp_path):
    # the build inputs, copied so that the build leaves nothing behind in the clone
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy(ROOT / name, src / name)
    for folder in ("src", "macros"):
        shutil.copytree(ROOT / folder, src / folder, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", tmp_path / "dist", src)
    wheel = next((tmp_path / "dist").glob("shopbook-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        packed = {n.split("shopbook/addin/macros/", 1)[1]: z.read(n) for n in z.namelist()
                  if n.startswith("shopbook/addin/macros/")}
    assert packed == {p.name: p.read_bytes() for p in repo_macros().iterdir() if p.is_file()}

    env = tmp_path / "env"
    run(sys.executable, "-m", "venv", "--without-pip", env)
    py = env / "bin" / "python"
    site = Path(run(py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
    (site / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run(sys.executable, "-m", "pip", "--python", py, "install", "-q", "--no-deps", "--no-index", wheel)
    where = run(py, "-c", "import shopbook.addin.build as b; print(b.__file__); print(b.repo_macros())").stdout.split()
    assert where[0].startswith(str(site)) and where[1] == str(site / "shopbook" / "addin" / "macros")
    # `addin install` from this install puts the same wheel into the environment it makes
    source = run(py, "-c", "from shopbook.addin.install import package_source; print(package_source())").stdout
    assert source.strip() == str(wheel)

    out = tmp_path / "out"
    shopbook = env / "bin" / "shopbook"
    run(shopbook, "addin", "build", "--out", out / "shopbook.xlam", cwd=tmp_path)
    run(shopbook, "addin", "build", "--lang", "en", "--out", out / "shopbook-en.xlam", cwd=tmp_path)
    run(shopbook, "lite", out / "lite", "--wheel-url", URL, cwd=tmp_path)

    clone = tmp_path / "clone"
    assert (out / "shopbook.xlam").read_bytes() == build_addin(out=clone / "shopbook.xlam").read_bytes()
    assert (out / "shopbook-en.xlam").read_bytes() == build_addin(out=clone / "en.xlam", lang="en").read_bytes()
    for p in write_lite(clone / "lite", URL):
        assert (out / "lite" / p.name).read_bytes() == p.read_bytes(), p.name
