"""Every user-facing text in code and templates has a Dutch translation (Dutch first)."""

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
METHODS = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
OPTIONS = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n"}}


def test_every_message_has_a_dutch_translation() -> None:
    translated = {}
    for po in sorted((ROOT / "node/web/locale/nl/LC_MESSAGES").glob("*.po")):
        with po.open("rb") as handle:
            catalog = read_po(handle, locale="nl")
        for m in catalog:
            if m.id and m.string:
                translated[m.id if isinstance(m.id, str) else m.id[0]] = m.string
    missing = []
    for filename, _lineno, message, _comments, _context in extract_from_dir(
        ROOT / "node", METHODS, options_map=OPTIONS
    ):
        msgid = message if isinstance(message, str) else message[0]
        string = translated.get(msgid)
        if not string or (isinstance(string, tuple) and not all(string)):
            missing.append(f"{filename}: {msgid!r}")
    assert not missing, "untranslated (run `make messages`, then fill nl):\n" + "\n".join(missing)
