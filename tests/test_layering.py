"""The core stays Qt-free: every service module is under the import-linter contract and imports
without Qt installed (napari's headless run)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import callcenter

ROOT = Path(__file__).resolve().parents[1]
# The Qt side: widgets, the composition root, the command line, and the benchmarks (which
# measure the real window).
QT_SIDE = {
    "callcenter.ui",
    "callcenter.app",
    "callcenter.cli",
    "callcenter.__main__",
    "callcenter.bench",
}


def _core_modules() -> list[str]:
    found = pkgutil.iter_modules(callcenter.__path__, prefix="callcenter.")
    return sorted(m.name for m in found if m.name not in QT_SIDE)


def test_every_core_module_is_in_the_qt_free_contract():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    qt_free = next(c for c in contracts if c["name"].startswith("only the ui"))
    assert set(_core_modules()) <= set(qt_free["source_modules"])


def test_the_core_imports_with_qt_missing():
    modules = [m for m in _core_modules() if m != "callcenter.storage"]
    modules += [
        f"callcenter.storage.{m.name}"
        for m in pkgutil.iter_modules([str(ROOT / "callcenter" / "storage")])
    ]
    code = (
        "import sys\n"
        "sys.modules['PySide6'] = None\n"
        "sys.modules['shiboken6'] = None\n"
        f"for name in {modules!r}:\n"
        "    __import__(name)\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
