"""Add or update Dutch translations in one catalog of node/web/locale/nl/LC_MESSAGES/.

Usage: python tools/translate.py CATALOG FILE.json
       python tools/translate.py --missing        (what `make messages` runs)
  CATALOG  the catalog's name, e.g. `messages` or `initiatives` (CATALOG.po, created if new)
  FILE     a JSON object {english msgid: dutch text}; for plurals give a list of two texts
           and the msgid as "singular|plural".
  --missing  prints every text of the code and templates without Dutch yet, as such a JSON
           object with empty translations: fill it in and pass it back.
Every catalog in the folder is loaded and merged at run time; tests/test_catalog.py fails
while any text in the code or templates lacks a Dutch translation in one of them.
"""

import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

FOLDER = Path(__file__).resolve().parent.parent / "node/web/locale/nl/LC_MESSAGES"


def missing() -> dict[str, str]:
    from babel.messages.extract import extract_from_dir

    translated = set()
    for po in FOLDER.glob("*.po"):
        with po.open("rb") as handle:
            translated |= {
                m.id if isinstance(m.id, str) else "|".join(m.id)
                for m in read_po(handle, locale="nl")
                if m.id and m.string and (isinstance(m.string, str) or all(m.string))
            }
    found = extract_from_dir(
        FOLDER.parents[3],
        [("**.py", "python"), ("**/templates/**.html", "jinja2")],
        options_map={"**/templates/**.html": {"extensions": "jinja2.ext.i18n"}},
    )
    todo = {}
    for _file, _line, message, _comments, _context in found:
        msgid = message if isinstance(message, str) else "|".join(m for m in message if m)
        if msgid not in translated:
            todo[msgid] = "" if isinstance(message, str) else ["", ""]
    return todo


if sys.argv[1:] == ["--missing"]:
    print(json.dumps(missing(), ensure_ascii=False, indent=1))
    sys.exit(0)
name, source = sys.argv[1], Path(sys.argv[2])
po = FOLDER / f"{name}.po"
if po.exists():
    with po.open("rb") as handle:
        catalog = read_po(handle, locale="nl")
else:
    catalog = Catalog(locale="nl", project="buurtnode", domain=name)
for msgid, text in json.loads(source.read_text(encoding="utf-8")).items():
    if isinstance(text, list):
        catalog.add(tuple(msgid.split("|", 1)), tuple(text))
    else:
        catalog.add(msgid, text)
with po.open("wb") as handle:
    write_po(handle, catalog, width=100, sort_output=True)
print(f"{po.name}: {len([m for m in catalog if m.id])} messages")
