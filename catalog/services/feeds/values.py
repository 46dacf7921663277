"""Small, pure conversions from CKAN dict values to what the feeds need."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from rdflib import Literal

from catalog.services.feeds.vocab import XSD

_SHA256 = re.compile(r"^(?:sha256:)?([0-9a-fA-F]{64})$")
_YEAR = re.compile(r"^\d{4}$")
_YEAR_MONTH = re.compile(r"^\d{4}-\d{2}$")


def text(value: Any) -> str | None:
    """The value as stripped text, or None when it is empty."""
    if value is None:
        return None
    result = str(value).strip()
    return result or None


def extras(package: dict[str, Any]) -> dict[str, str]:
    return {
        str(item.get("key")): str(item.get("value"))
        for item in package.get("extras") or []
        if isinstance(item, dict) and item.get("value") not in (None, "")
    }


def language_codes(more: dict[str, str]) -> list[str]:
    """The codes of a dataset's `language` extra (space or comma separated; default vi)."""
    return (more.get("language") or "vi").replace(",", " ").split()


def iso_utc(value: Any) -> str | None:
    """CKAN's naive-UTC time stamps as ISO 8601 with an explicit `Z`."""
    raw = text(value)
    if not raw:
        return None
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        return parsed.isoformat().replace("+00:00", "Z")
    return f"{parsed.isoformat()}Z"


def datetime_literal(value: Any) -> Literal | None:
    stamp = iso_utc(value)
    return Literal(stamp, datatype=XSD.dateTime) if stamp else None


def date_literal(value: Any) -> Literal | None:
    """A temporal-coverage bound with the narrowest XSD type that holds it."""
    raw = text(value)
    if not raw:
        return None
    if _YEAR.match(raw):
        return Literal(raw, datatype=XSD.gYear)
    if _YEAR_MONTH.match(raw):
        return Literal(raw, datatype=XSD.gYearMonth)
    try:
        return Literal(date.fromisoformat(raw).isoformat(), datatype=XSD.date)
    except ValueError:
        pass
    stamp = iso_utc(raw)
    return Literal(stamp, datatype=XSD.dateTime) if stamp else None


def sha256(value: Any) -> str | None:
    """The hex digest of a resource `hash` that is a SHA-256 (bare or `sha256:` prefixed)."""
    match = _SHA256.match(text(value) or "")
    return match.group(1).lower() if match else None


def size(value: Any) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


def translated(data: dict[str, Any], key: str) -> dict[str, str]:
    """`{lang: text}` from CKAN's fluent `<key>_translated`, falling back to `<key>` in
    Vietnamese (the site's default language)."""
    found: dict[str, str] = {}
    values = data.get(f"{key}_translated")
    if isinstance(values, dict):
        for lang, value in values.items():
            clean = text(value)
            if clean and isinstance(lang, str):
                found[lang] = clean
    plain = text(data.get(key))
    if plain and "vi" not in found:
        found["vi"] = plain
    return found


def is_url(value: Any) -> bool:
    raw = text(value) or ""
    return raw.startswith(("http://", "https://")) and " " not in raw
