"""Update the web portal's message catalogs (app/web/locale/{vi,en}/LC_MESSAGES/messages.po)
from the templates and code: new messages are added (English msgstr = msgid; Vietnamese left
empty for a translator), messages no longer used are dropped, translations are kept.
web-steward's own messages (steward pages, sign-in) live in steward.po and are left alone.

    .venv/bin/python tools/web_messages.py          # update, then translate the empty vi entries
    .venv/bin/python tools/web_messages.py --check  # list vi entries still untranslated
"""

from __future__ import annotations

import sys

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from app.web.i18n import LOCALE_DIR
from app.web.i18n_extract import extract

STEWARD_PARTS = ("templates/steward/", "steward/", "auth/", "templates/partials/account_nav")


def is_steward(where: str) -> bool:
    return where.startswith(STEWARD_PARTS)


def steward_ids(lang: str) -> set[str]:
    path = LOCALE_DIR / lang / "LC_MESSAGES" / "steward.po"
    if not path.exists():
        return set()
    with path.open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


def update(lang: str) -> list[str]:
    path = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
    old = Catalog(locale=lang)
    if path.exists() and path.stat().st_size:
        with path.open("rb") as handle:
            old = read_po(handle, locale=lang)
    catalog = Catalog(
        locale=lang,
        project="bacgiang-opendata",
        version="0.1.0",
        charset="utf-8",
        header_comment="# Interface messages of the public web pages; msgids are English.",
        fuzzy=False,
    )
    theirs = steward_ids(lang)
    missing = []
    for msgid, message in sorted(extract().items()):
        if is_steward(message.where) and msgid in theirs:
            continue
        key = (msgid, message.plural) if message.plural else msgid
        previous = old.get(msgid)
        if previous is not None and previous.string and any(previous.string):
            string = previous.string
        elif lang == "en":
            string = (msgid, message.plural) if message.plural else msgid
        else:
            string = ("",) if message.plural else ""
            missing.append(msgid)
        catalog.add(key, string, locations=[(message.where.split(":")[0], None)])
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, no_location=True, sort_output=True)
    return missing


def main(argv: list[str]) -> int:
    missing = update("vi")
    update("en")
    for msgid in missing:
        print(f"untranslated (vi): {msgid}")
    return 1 if ("--check" in argv and missing) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
