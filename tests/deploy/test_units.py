"""The files in deploy/ are what an association copies to its server: systemd must accept
both units and Caddy its Caddyfile. systemd-analyze verify checks a unit against the
machine it runs on (the program in ExecStart must exist, systemd's own targets too), so the
test builds a small root folder holding exactly that and verifies there."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.deploy

DEPLOY = Path(__file__).parents[2] / "deploy"
SYSTEM_UNITS = Path("/usr/lib/systemd/system")
UNITS = sorted(p.name for p in DEPLOY.iterdir() if p.suffix in (".service", ".timer"))


def fake_root(tmp_path: Path) -> Path:
    if not shutil.which("systemd-analyze") or not SYSTEM_UNITS.is_dir():
        pytest.skip("systemd-analyze is missing: apt-get install --no-install-recommends systemd")
    root = tmp_path / "root"
    shutil.copytree(SYSTEM_UNITS, root / SYSTEM_UNITS.relative_to("/"), symlinks=True)
    (root / "etc/systemd/system").mkdir(parents=True)
    for unit in UNITS:  # a timer needs its service beside it
        shutil.copy(DEPLOY / unit, root / "etc/systemd/system" / unit)
        for program in re.findall(r"^Exec\w+=[+!@-]*(/\S+)", (DEPLOY / unit).read_text(), re.M):
            stand_in = root / program.lstrip("/")  # every program a unit runs must exist
            stand_in.parent.mkdir(parents=True, exist_ok=True)
            stand_in.write_text("#!/bin/sh\n", encoding="utf-8")
            stand_in.chmod(0o755)
    return root


def test_every_unit_in_deploy_is_verified() -> None:
    assert {"buurtnode.service", "buurtnode@.service", "buurtnode-backup@.timer"} <= set(UNITS)


@pytest.mark.parametrize("unit", UNITS)
def test_systemd_accepts_the_unit(tmp_path: Path, unit: str) -> None:
    root = fake_root(tmp_path)
    name = unit.replace("@.", "@noord.")  # a template is verified as one of its instances
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", f"--root={root}", name],
        capture_output=True,
        text=True,
        timeout=60,
    )
    # Warnings (an unknown key, a missing section) do not change the exit code: none allowed.
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_the_template_serves_the_instance_folder() -> None:
    unit = (DEPLOY / "buurtnode@.service").read_text(encoding="utf-8")
    assert "serve /srv/buurtnode/%i " in unit and "ReadWritePaths=/srv/buurtnode/%i" in unit


def test_caddy_accepts_the_caddyfile() -> None:
    if not shutil.which("caddy"):
        pytest.skip("caddy is missing: apt-get install --no-install-recommends caddy")
    result = subprocess.run(
        ["caddy", "adapt", "--config", str(DEPLOY / "Caddyfile"), "--adapter", "caddyfile"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "noord.example.nl" in result.stdout and "gemeente.example.nl" in result.stdout
