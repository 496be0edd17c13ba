"""`buurtnode export`: all of the node's data, public and private, and back again."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from node.app import init_node, run_with_hood
from node.cli import main
from node.config import load
from node.storage.export import export_database
from tests.conftest import PASSWORD


def _fill(data: Path) -> None:
    settings = load(data)

    async def fill(hood):  # type: ignore[no-untyped-def]
        anna = await hood.members.add("anna", PASSWORD, "resident", display_name="Anna Smit")
        await hood.members.update_profile(
            anna, display_name="Anna Smit", phone="06 1111 2222", availability="", about="Bakt"
        )
        admin = await hood.members.add("ad", PASSWORD, "admin")
        await hood.members.create_invite(admin)

    run_with_hood(settings, fill)


def test_export_holds_what_was_put_in_and_imports_into_a_new_node(tmp_path: Path) -> None:
    source = tmp_path / "source"
    init_node(source, url="http://127.0.0.1:8101", name="Bron", kind="wijk", dev=True)
    _fill(source)
    exported = tmp_path / "export.json"

    assert main(["export", str(source), str(exported)]) == 0

    assert stat.S_IMODE(exported.stat().st_mode) == 0o600
    data = json.loads(exported.read_text())
    members = data["tables"]["members"]
    rows = [dict(zip(members["columns"], row, strict=True)) for row in members["rows"]]
    anna = next(r for r in rows if r["username"] == "anna")
    assert anna["phone"] == "06 1111 2222" and anna["about"] == "Bakt"
    assert len(data["tables"]["invites"]["rows"]) == 1

    target = tmp_path / "target"
    init_node(target, url="http://127.0.0.1:8102", name="Doel", kind="wijk", dev=True)
    assert main(["import", str(target), str(exported)]) == 0
    again = export_database(load(target).database_path)
    assert again["tables"] == data["tables"]
    assert main(["import", str(target), str(exported)]) == 1  # not into a node with members


def test_export_refuses_to_overwrite(tmp_path: Path) -> None:
    source = tmp_path / "source"
    init_node(source, url="http://127.0.0.1:8101", name="Bron", kind="wijk", dev=True)
    existing = tmp_path / "export.json"
    existing.write_text("keep me")
    assert main(["export", str(source), str(existing)]) == 1
    assert existing.read_text() == "keep me"
