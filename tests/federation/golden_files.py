"""Golden files: what the node sends, compared with the JSON kept in golden/ (rewritten with
BUURTNODE_GOLDEN=write after a deliberate change)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

GOLDEN = Path(__file__).parent / "golden"
_UUID = re.compile(r"/ap/activities/[0-9a-f-]{36}")


def _normalised(document: Any) -> Any:
    return json.loads(_UUID.sub("/ap/activities/ID", json.dumps(document)))


def check_golden(name: str, document: Any) -> None:
    path = GOLDEN / f"{name}.json"
    actual = _normalised(document)
    if os.environ.get("BUURTNODE_GOLDEN") == "write":
        path.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", "utf-8")
    assert path.exists(), f"no golden file {path.name}; write it with BUURTNODE_GOLDEN=write"
    assert actual == json.loads(path.read_text("utf-8")), f"{path.name} changed"
