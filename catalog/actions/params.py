"""CKAN's parameter validators for action input, with CKAN's messages.

Values arrive as JSON types (POST) or strings (GET, forms); these convert them and collect
errors per field so an action can raise one ValidationFailed (409) for all of them.
"""

from __future__ import annotations

import json
from typing import Any

from catalog.errors import ValidationFailed
from catalog.services.validation import as_bool

__all__ = ["Params", "as_bool"]

LARGEST = 2**62


class Params:
    """Typed access to a data dict; errors accumulate until `check()`."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.errors: dict[str, list[str]] = {}

    def _fail(self, key: str, message: str) -> None:
        self.errors.setdefault(key, []).append(message)

    def string(self, key: str, default: str | None = None) -> str | None:
        value = self.data.get(key)
        if value is None:
            return default
        if isinstance(value, list):
            value = value[-1] if value else ""
        return (
            value
            if isinstance(value, str)
            else json.dumps(value)
            if isinstance(value, dict)
            else str(value)
        )

    def required_string(self, key: str, *aliases: str) -> str:
        for name in (key, *aliases):
            value = self.string(name)
            if value not in (None, ""):
                return value
        self._fail(key, "Missing value")
        return ""

    def integer(
        self, key: str, default: int | None = None, *, minimum: int | None = None
    ) -> int | None:
        value = self.data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            return default
        parsed: int | None = None
        if isinstance(value, bool):
            parsed = int(value)
        elif isinstance(value, int):
            parsed = value
        elif isinstance(value, float) and value.is_integer():
            parsed = int(value)
        elif isinstance(value, str):
            try:
                parsed = int(value.strip())
            except ValueError:
                parsed = None
        if parsed is None:
            self._fail(key, "Invalid integer")
            return default
        parsed = max(-LARGEST, min(parsed, LARGEST))  # databases count in 64 bits
        if minimum == 0 and parsed < 0:
            self._fail(key, "Must be a natural number")
            return default
        if minimum == 1 and parsed < 1:
            self._fail(key, "Must be a positive integer")
            return default
        return parsed

    def natural(self, key: str, default: int | None = None) -> int | None:
        return self.integer(key, default, minimum=0)

    def boolean(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key)
        return default if value is None else as_bool(value)

    def string_list(self, key: str, *, json_text: bool = False) -> list[str]:
        """A list of strings; with `json_text`, a string is parsed as JSON first (facet.field)."""
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            if json_text:
                try:
                    value = json.loads(value)
                except ValueError:
                    self._fail(key, "Could not parse as valid JSON")
                    return []
            else:
                return [value]
        if not isinstance(value, list):
            self._fail(key, "Not a list")
            return []
        for item in value:
            if not isinstance(item, str):
                self._fail(key, f"Not a string: {item}")
                return []
        return value

    def comma_list(self, key: str) -> list[str] | None:
        """A list given as a list or as a comma-separated string."""
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        if isinstance(value, list):
            return [str(item) for item in value]
        return [str(value)]

    def check(self) -> None:
        if self.errors:
            raise ValidationFailed(self.errors)
