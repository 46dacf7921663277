"""Finding the interface messages of the web portal: Babel's extractors over the templates
(Jinja2) and the Python code of app/web. Used by the catalog test and tools/web_messages.py;
the running site never calls it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.messages.extract import extract_from_dir

WEB_DIR = Path(__file__).resolve().parent
METHODS = [("templates/**.html", "jinja2.ext:babel_extract"), ("**.py", "python")]
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}


@dataclass(frozen=True)
class Message:
    msgid: str
    plural: str | None
    where: str


def extract(directory: Path = WEB_DIR) -> dict[str, Message]:
    """Every literal message id in the templates and code under `directory`."""
    found: dict[str, Message] = {}
    options = {"templates/**.html": JINJA_OPTIONS}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(directory), METHODS, options
    ):
        if isinstance(message, tuple):
            singular, plural = message[0], message[1]
        else:
            singular, plural = message, None
        if singular and singular not in found:
            found[singular] = Message(singular, plural, f"{filename}:{lineno}")
    return found
