"""Interface languages: every message in the templates and code has Vietnamese and English
entries; Vietnamese by default, English by `?lang=en` or `/en/`, and the choice sticks."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
from babel.messages.pofile import read_po

from app.web.i18n import LANGUAGES, LOCALE_DIR, load_translations, po_files
from app.web.i18n_extract import extract

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def catalog_entries(lang: str) -> dict[str, tuple[str, ...]]:
    """msgid -> translations. English msgids are English text, so an English entry may leave
    msgstr empty (the msgid is shown); a Vietnamese one must be translated."""
    entries: dict[str, tuple[str, ...]] = {}
    for path in po_files(lang):
        with path.open("rb") as handle:
            for message in read_po(handle, locale=lang):
                if not message.id or message.fuzzy:
                    continue
                msgid = message.id if isinstance(message.id, str) else message.id[0]
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                if lang == "en" and not any(strings):
                    strings = (msgid,) if isinstance(message.id, str) else tuple(message.id)
                if all(strings):
                    entries[msgid] = strings
    return entries


def test_every_message_has_vietnamese_and_english_entries() -> None:
    messages = extract()
    assert len(messages) > 150
    for lang in LANGUAGES:
        entries = catalog_entries(lang)
        missing = [f"{m.msgid!r} ({m.where})" for m in messages.values() if m.msgid not in entries]
        assert not missing, f"untranslated in {lang}: " + "; ".join(missing[:20])
        for message in messages.values():
            wanted = set(PLACEHOLDER.findall(message.msgid))
            for string in entries[message.msgid]:
                assert set(PLACEHOLDER.findall(string)) == wanted, (lang, message.msgid, string)


def test_catalogs_of_one_language_are_merged(tmp_path: Path) -> None:
    folder = tmp_path / "vi" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    header = 'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
    (folder / "a.po").write_text(header + 'msgid "One"\nmsgstr "Một"\n', encoding="utf-8")
    (folder / "b.po").write_text(header + 'msgid "Two"\nmsgstr "Hai"\n', encoding="utf-8")
    translations = load_translations("vi", tmp_path)
    assert translations.gettext("One") == "Một" and translations.gettext("Two") == "Hai"
    assert translations.gettext("Three") == "Three"
    assert LOCALE_DIR.is_dir()


def html_lang(response: httpx.Response) -> str:
    match = re.search(r'<html lang="(\w+)">', response.text)
    assert match
    return match.group(1)


def test_vietnamese_by_default_english_by_switch_and_it_sticks(web_site: str) -> None:
    with httpx.Client(base_url=web_site, timeout=30) as client:
        home = client.get("/")
        assert html_lang(home) == "vi" and "Duyệt theo chủ đề" in home.text
        assert "set-cookie" not in home.headers
        english = client.get("/dataset", params={"lang": "en"})
        assert html_lang(english) == "en" and "Search datasets" in english.text
        assert "lang=en" in english.headers["set-cookie"]
        # the cookie keeps English on the next pages, links carry no parameter
        for path in ("/", "/dataset/bang-gia-dat", "/organization", "/no-such-page"):
            assert html_lang(client.get(path)) == "en", path
        assert html_lang(client.get("/", params={"lang": "vi"})) == "vi"
        assert html_lang(client.get("/group")) == "vi"


def test_english_paths_and_switch_links(web_site: str) -> None:
    with httpx.Client(base_url=web_site, timeout=30) as client:
        page = client.get("/en/dataset", params={"q": "giao duc"})
        assert page.status_code == 200 and html_lang(page) == "en"
        assert 'href="/en/dataset/' in page.text  # links keep the /en/ prefix
        assert 'href="/dataset?q=giao+duc&amp;lang=vi"' in page.text  # the switch
        assert 'lang="en" aria-current="true"' in page.text
        dataset = client.get("/en/dataset/bang-gia-dat").text
        assert "Land price table" in dataset and "Update frequency" in dataset
        assert "Annually" in dataset
        assert html_lang(client.get("/en")) == "en"
