"""Fill Dutch translations into node/web/locale/nl/LC_MESSAGES/messages.po.

Usage: python tools/translate.py FILE.json   (a JSON object {english msgid: dutch text})
Runs `make messages` first if needed; entries not in the JSON keep their translation.
"""

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PO = Path(__file__).resolve().parent.parent / "node/web/locale/nl/LC_MESSAGES/messages.po"

updates = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
with PO.open("rb") as handle:
    catalog = read_po(handle, locale="nl")
for message in catalog:
    if message.id and message.id in updates:
        message.string = updates[message.id]
        message.flags.discard("fuzzy")
with PO.open("wb") as handle:
    write_po(handle, catalog, width=100, omit_header=False)
missing = [m.id for m in catalog if m.id and not m.string]
print(f"{len(missing)} untranslated")
for m in missing:
    print("  ", repr(m))
