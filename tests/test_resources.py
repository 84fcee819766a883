"""Where the icons, style and translations are found: the source tree, or where a wheel put
them (``pip install .`` without ``-e``)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from callcenter import resources


def test_an_installed_wheels_resources_are_found_under_the_environments_share(
    tmp_path, monkeypatch
):
    site = tmp_path / "site-packages" / "callcenter"
    site.mkdir(parents=True)
    monkeypatch.setattr(resources, "__file__", str(site / "resources.py"))  # no resources/ beside
    monkeypatch.delenv("CALLCENTER_RESOURCES", raising=False)
    prefix = tmp_path / "prefix"
    installed = prefix / "share" / "callcenter" / "resources"
    for name in resources.REQUIRED:
        (installed / name).parent.mkdir(parents=True, exist_ok=True)
        (installed / name).write_bytes(b"x")
    monkeypatch.setattr(resources.sysconfig, "get_path", lambda _name, _scheme=None: str(prefix))
    assert resources.resources_dir() == installed
    assert resources.missing_resources() == []


@pytest.mark.slow
def test_the_wheel_carries_every_required_resource(tmp_path):
    checkout = Path(__file__).resolve().parents[1]
    source = tmp_path / "source"  # a copy: the build leaves nothing in the checkout
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(checkout / name, source / name)
    for name in ("callcenter", "resources"):
        skip = shutil.ignore_patterns("__pycache__")
        shutil.copytree(checkout / name, source / name, ignore=skip)
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), "."],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=source,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = wheels.glob("callcenter-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in resources.REQUIRED:
        assert any(n.endswith(f".data/data/share/callcenter/resources/{name}") for n in names), name
