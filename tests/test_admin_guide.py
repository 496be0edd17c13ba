"""docs/admin.md, kept honest: its commands parse, the files it names exist, and what it
shows of deploy/ is what deploy/ holds (the deploy drill runs those files)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from node.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "docs" / "admin.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w*)\n(.*?)```", GUIDE, flags=re.S)


def buurtnode_commands() -> list[list[str]]:
    found = []
    for _, block in BLOCKS:
        for line in block.replace("\\\n", " ").splitlines():
            line = re.sub(r"\$\([^)]*\)", "TODAY", line.split("#")[0])  # $(date +%F)
            words = shlex.split(line)
            # the command itself: `buurtnode ...` or `/opt/buurtnode/.venv/bin/buurtnode ...`
            starts = [i for i, w in enumerate(words) if w.endswith("bin/buurtnode")]
            if words[:1] == ["buurtnode"]:
                starts = [0]
            if starts:
                found.append(words[starts[0] + 1 :])
    return found


def test_the_guide_shows_commands_to_check() -> None:
    assert len(buurtnode_commands()) > 10


@pytest.mark.parametrize("words", buurtnode_commands(), ids=" ".join)
def test_every_buurtnode_command_in_the_guide_parses(words: list[str]) -> None:
    build_parser().parse_args(words)  # exits (SystemExit) on a wrong command or option


def test_every_deploy_file_the_guide_names_exists() -> None:
    named = set(re.findall(r"deploy/([\w@.-]+\w)", GUIDE))
    assert {"buurtnode@.service", "Caddyfile", "buurtnode-backup@.timer"} <= named
    assert [name for name in named if not (ROOT / "deploy" / name).exists()] == []


def test_the_caddy_block_in_the_guide_is_one_of_deploy_caddyfile() -> None:
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text(encoding="utf-8")
    [block] = [b for kind, b in BLOCKS if kind == "" and "reverse_proxy" in b]
    assert block.strip() in caddyfile


def test_the_units_the_guide_enables_are_in_deploy() -> None:
    enabled = set(re.findall(r"systemctl enable --now ([\w@. -]+)", GUIDE))
    units = {u for line in enabled for u in line.split()}
    for unit in units:
        template = re.sub(r"@[\w-]+(\.|$)", r"@\1", unit)
        template = template if "." in template else template + ".service"
        assert (ROOT / "deploy" / template).exists(), unit
