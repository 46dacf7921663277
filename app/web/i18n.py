"""Interface messages: every `*.po` file under `locale/<lang>/LC_MESSAGES/` is read with Babel
at startup and merged into one Translations per language, so there is no compile step.

Message ids are English. Vietnamese (`vi`) is the default language; English (`en`) is chosen by
`?lang=en`, a `/en/...` path or the `lang` cookie those leave behind.
"""

from __future__ import annotations

from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}


def N_(message: str) -> str:
    """Marks a message for extraction (Babel's `N_` keyword); translated where it is shown."""
    return message


def po_files(lang: str, locale_dir: Path = LOCALE_DIR) -> list[Path]:
    return sorted((locale_dir / lang / "LC_MESSAGES").glob("*.po"))


def load_translations(lang: str, locale_dir: Path = LOCALE_DIR) -> NullTranslations:
    """All catalogs of one language merged; an untranslated message falls back to its id."""
    merged: NullTranslations = NullTranslations()
    for path in po_files(lang, locale_dir):
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        buffer = BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        translations = Translations(fp=buffer)
        if isinstance(merged, Translations):
            merged.merge(translations)
        else:
            merged = translations
    return merged


@lru_cache(maxsize=len(LANGUAGES))
def translations_for(lang: str) -> NullTranslations:
    """The (cached) translations of a supported language; the default for anything else."""
    return load_translations(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)


def normalize_language(value: str | None) -> str | None:
    """`en`, `EN`, `en-GB` -> `en`; None for unsupported values."""
    if not value:
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES else None
