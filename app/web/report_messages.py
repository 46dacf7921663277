"""Validation errors in plain language: a translated title for every error type a stored
report can hold (Frictionless' and our own, see catalog/services/tabular/report.py) and an
explanation of what is wrong and how to fix it, with the row, column and value filled in.

Message ids are English and go through Babel like every interface text. An explanation needs
certain facts (a row number, a column); when the error lacks them, or its type is unknown,
Frictionless' own (English) message is kept.
"""

from __future__ import annotations

import ast
import re
from typing import Any, Protocol

from app.web.i18n import N_

VALUE_LIMIT = 80


class Translations(Protocol):
    def gettext(self, message: str) -> str: ...


# The types that need no error on a row: what they are about is the file as a whole.
CHECK_FAILED = N_("The check could not run")
CHECK_FAILED_TEXT = N_(
    "The file could not be checked because of an unexpected problem. Upload it again; if it "
    "keeps failing, tell the site's administrators."
)
SETTINGS = N_("Table settings problem")
SETTINGS_TEXT = N_(
    "The settings for reading the table (separator, quote character, sheet) are not valid. "
    "Correct them and upload the file again."
)

TITLES: dict[str, str] = {
    "blank-label": N_("Blank column name"),
    "duplicate-label": N_("Duplicate column name"),
    "missing-label": N_("Missing column"),
    "extra-label": N_("Extra column"),
    "incorrect-label": N_("Column name differs from the schema"),
    "blank-header": N_("Blank header row"),
    "unmatched-header": N_("Header does not match the schema"),
    "blank-row": N_("Blank row"),
    "duplicate-row": N_("Duplicate row"),
    "missing-cell": N_("Missing cell"),
    "extra-cell": N_("Extra cell"),
    "type-error": N_("Wrong type of value"),
    "constraint-error": N_("Value breaks a rule of the schema"),
    "required-error": N_("Missing required value"),
    "unique-error": N_("Duplicate value"),
    "primary-key": N_("Duplicate or missing key"),
    "foreign-key": N_("Unknown reference"),
    "row-constraint": N_("Row breaks a rule"),
    "truncated-value": N_("Value may be cut off"),
    "forbidden-value": N_("Value not allowed"),
    "sequential-value": N_("Value out of sequence"),
    "ascii-value": N_("Characters outside ASCII"),
    "deviated-value": N_("Unusual value"),
    "deviated-cell": N_("Unusually large cell"),
    "required-value": N_("Required value not found"),
    "table-dimensions": N_("Table size out of range"),
    "encoding-error": N_("Text encoding problem"),
    "undecodable-byte": N_("Unreadable characters"),
    "source-error": N_("File could not be read"),
    "scheme-error": N_("File could not be loaded"),
    "format-error": N_("Format not readable"),
    "compression-error": N_("Compressed file could not be opened"),
    "byte-count": N_("File size does not match"),
    "hash-count": N_("Checksum does not match"),
    "field-count": N_("Number of columns does not match"),
    "row-count": N_("Number of rows does not match"),
    "schema-error": N_("Schema problem"),
    "field-error": N_("Column definition problem"),
    "dialect-error": SETTINGS,
    "control-error": SETTINGS,
    "not-a-table": N_("Not a table"),
    "extra-key": N_("Extra key"),
    "row-shape": N_("Row of the wrong kind"),
    "json-error": N_("Broken JSON"),
    "validation-error": CHECK_FAILED,
    "resource-error": CHECK_FAILED,
    "package-error": CHECK_FAILED,
    "check-error": CHECK_FAILED,
    "checklist-error": CHECK_FAILED,
}

# type -> explanations, most specific first: (message id, the facts it needs).
EXPLANATIONS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "blank-label": [
        (N_("Column %(position)s has no name in the header row. Give every column a short, "
            "unique name."), ("position",)),
    ],
    "duplicate-label": [
        (N_("Column %(position)s is named “%(label)s”, like column %(other_position)s. Give "
            "each column a different name."), ("position", "label", "other_position")),
        (N_("Column %(position)s is named “%(label)s”, like another column. Give each column a "
            "different name."), ("position", "label")),
    ],
    "missing-label": [
        (N_("The schema expects a column “%(column)s” at position %(position)s, but the header "
            "row has none there. Add the column to the file, or remove it from the schema."),
         ("column", "position")),
    ],
    "extra-label": [
        (N_("Column %(position)s, “%(label)s”, is not in the schema. Remove the column, or add "
            "it to the schema."), ("position", "label")),
    ],
    "incorrect-label": [
        (N_("Column %(position)s is named “%(label)s”, but the schema calls it “%(column)s”. "
            "Rename the column, or correct the schema."), ("position", "label", "column")),
    ],
    "blank-header": [
        (N_("The header row is empty. Put the column names in the first row of the table."),
         ()),
    ],
    "unmatched-header": [
        (N_("None of the columns of the schema is in the header row. Check that the first row "
            "holds the column names and that the right schema is used."), ()),
    ],
    "blank-row": [(N_("Row %(row)s is completely empty. Delete the row."), ("row",))],
    "duplicate-row": [
        (N_("Row %(row)s repeats an earlier row exactly. Delete the copy if it is not meant to "
            "be there."), ("row",)),
    ],
    "missing-cell": [
        (N_("Missing cell in row %(row)s, column “%(column)s”: the row has fewer cells than "
            "there are columns. Add the missing value (or a separator for an empty cell)."),
         ("row", "column")),
    ],
    "extra-cell": [
        (N_("Extra cell in row %(row)s at position %(position)s: the row has more cells than "
            "there are columns. Remove the extra value, or look for a stray separator (such as "
            "a comma inside a value without quotes)."), ("row", "position")),
    ],
    "type-error": [
        (N_("The value “%(value)s” in row %(row)s, column “%(column)s” is not %(expected)s. "
            "Correct the value, or change the column's type in the schema."),
         ("value", "row", "column", "expected")),
        (N_("The value “%(value)s” in row %(row)s, column “%(column)s” does not have the "
            "column's type. Correct the value, or change the column's type in the schema."),
         ("value", "row", "column")),
    ],
    "required-error": [
        (N_("Row %(row)s has no value in column “%(column)s”, which is required. Fill in the "
            "value, or let the column be empty in the schema."), ("row", "column")),
    ],
    "unique-error": [
        (N_("The value “%(value)s” in row %(row)s, column “%(column)s” is already in row "
            "%(other_row)s, but this column must not repeat. Correct one of the two rows."),
         ("value", "row", "column", "other_row")),
        (N_("The value “%(value)s” in row %(row)s, column “%(column)s” is already in an earlier "
            "row, but this column must not repeat. Correct one of the rows."),
         ("value", "row", "column")),
    ],
    "primary-key": [
        (N_("Row %(row)s has no value in its key (“%(column)s”). Every row needs a key: fill "
            "it in."), ("row", "column", "blank_key")),
        (N_("Row %(row)s has the same key (“%(column)s” = “%(value)s”) as row %(other_row)s. "
            "Every row needs its own key: correct one of the two rows."),
         ("row", "column", "value", "other_row")),
        (N_("Row %(row)s breaks the table's key (“%(column)s”): every row needs its own key, "
            "and it must not be empty."), ("row", "column")),
    ],
    "foreign-key": [
        (N_("The value “%(value)s” in row %(row)s, column “%(column)s” is not in the table it "
            "refers to. Correct the value, or add it to that table."),
         ("value", "row", "column")),
    ],
    "encoding-error": [
        (N_("The text of the file could not be decoded. Save it as UTF-8 (in Excel: “CSV "
            "UTF-8”) and upload it again."), ()),
    ],
    "undecodable-byte": [
        (N_("Row %(row)s holds bytes (%(bytes)s) that are not valid %(encoding)s text. Save the "
            "file as UTF-8 (in Excel: “CSV UTF-8”) and upload it again."),
         ("row", "bytes", "encoding")),
        (N_("Line %(line)s of the file holds bytes (%(bytes)s) that are not valid %(encoding)s "
            "text. Save the file as UTF-8 (in Excel: “CSV UTF-8”) and upload it again."),
         ("line", "bytes", "encoding")),
        (N_("The file holds bytes (%(bytes)s) that are not valid %(encoding)s text. Save the "
            "file as UTF-8 (in Excel: “CSV UTF-8”) and upload it again."),
         ("bytes", "encoding")),
    ],
    "source-error": [
        (N_("The file could not be read as a table. Check that it is a complete CSV, Excel or "
            "JSON file and upload it again."), ()),
    ],
    "scheme-error": [
        (N_("The file could not be fetched from its address. Check the link, or upload the "
            "file instead."), ()),
    ],
    "format-error": [
        (N_("The file is not in a table format that can be checked (CSV, TSV, XLSX, XLS or a "
            "JSON table), or its content does not match its format. Save it in one of these "
            "formats and upload it again."), ()),
    ],
    "compression-error": [
        (N_("The compressed file could not be unpacked. Upload the table itself, or a valid "
            "ZIP or GZIP file."), ()),
    ],
    "byte-count": [
        (N_("The size of the file differs from the size given in its description. Upload the "
            "file again, or correct the size."), ()),
    ],
    "hash-count": [
        (N_("The checksum of the file differs from the one given in its description: the file "
            "may be damaged or another version. Upload the right file, or correct the "
            "checksum."), ()),
    ],
    "field-count": [
        (N_("The table does not have the number of columns its description gives. Check the "
            "columns, or correct the description."), ()),
    ],
    "row-count": [
        (N_("The table does not have the number of rows its description gives. Check the rows, "
            "or correct the description."), ()),
    ],
    "schema-error": [
        (N_("The schema of the table (the description of its columns) is not valid, so the rows "
            "could not be checked. Correct the schema and save again."), ()),
    ],
    "field-error": [
        (N_("A column of the schema is not defined correctly (its name, type or format), so the "
            "rows could not be checked. Correct the schema and save again."), ()),
    ],
    "dialect-error": [(SETTINGS_TEXT, ())],
    "control-error": [(SETTINGS_TEXT, ())],
    "not-a-table": [
        (N_("The JSON file is not a table: it should be a list of records (objects with the "
            "same keys), or a list of rows (arrays) whose first row holds the column names."),
         ()),
    ],
    "extra-key": [
        (N_("Row %(row)s has a key “%(column)s” that is not one of the table's columns (they "
            "come from the first record). Use the same keys in every record."),
         ("row", "column")),
    ],
    "row-shape": [
        (N_("Row %(row)s is not a record like the others (for example a number or a text "
            "instead of an object). Make every row the same kind."), ("row",)),
    ],
    "json-error": [
        (N_("The JSON is broken or cut off at row %(row)s, so the rest could not be read. Look "
            "for a missing bracket, comma or quote around that row and upload the file again."),
         ("row",)),
    ],
    **{
        kind: [(CHECK_FAILED_TEXT, ())]
        for kind in ("validation-error", "resource-error", "package-error", "check-error",
                     "checklist-error")
    },
}  # fmt: skip

# A constraint-error is explained by the rule it breaks.
CONSTRAINTS: dict[str, str] = {
    "minimum": N_("The value “%(value)s” in row %(row)s, column “%(column)s” is below the "
                  "minimum, %(limit)s. Correct the value, or the limit in the schema."),
    "maximum": N_("The value “%(value)s” in row %(row)s, column “%(column)s” is above the "
                  "maximum, %(limit)s. Correct the value, or the limit in the schema."),
    "exclusiveMinimum": N_("The value “%(value)s” in row %(row)s, column “%(column)s” must be "
                           "greater than %(limit)s. Correct the value, or the limit in the "
                           "schema."),
    "exclusiveMaximum": N_("The value “%(value)s” in row %(row)s, column “%(column)s” must be "
                           "less than %(limit)s. Correct the value, or the limit in the schema."),
    "minLength": N_("The value “%(value)s” in row %(row)s, column “%(column)s” is shorter than "
                    "%(limit)s characters. Correct the value, or the limit in the schema."),
    "maxLength": N_("The value “%(value)s” in row %(row)s, column “%(column)s” is longer than "
                    "%(limit)s characters. Correct the value, or the limit in the schema."),
    "pattern": N_("The value “%(value)s” in row %(row)s, column “%(column)s” does not match "
                  "the pattern %(limit)s. Correct the value, or the pattern in the schema."),
    "enum": N_("The value “%(value)s” in row %(row)s, column “%(column)s” is not one of the "
               "allowed values: %(limit)s. Use one of them, or add it to the schema."),
}  # fmt: skip
OTHER_CONSTRAINT = N_(
    "The value “%(value)s” in row %(row)s, column “%(column)s” breaks the schema's rule "
    "“%(constraint)s” (%(limit)s). Correct the value, or the rule in the schema."
)

TYPE_NAMES: dict[str, str] = {
    "string": N_("text"),
    "integer": N_("a whole number"),
    "number": N_("a number"),
    "boolean": N_("true or false"),
    "date": N_("a date"),
    "datetime": N_("a date and time"),
    "time": N_("a time of day"),
    "year": N_("a year"),
    "yearmonth": N_("a year and month"),
    "duration": N_("a duration"),
    "object": N_("a JSON object"),
    "array": N_("a JSON array"),
    "geopoint": N_("a geographic point"),
    "geojson": N_("GeoJSON"),
}
DEFAULT_FORMATS = {"date": "YYYY-MM-DD", "datetime": "YYYY-MM-DDThh:mm:ss", "time": "hh:mm:ss",
                   "yearmonth": "YYYY-MM"}  # fmt: skip

_CONSTRAINT_NOTE = re.compile(r'constraint "(\w+)" is "(.*)"\s*$', re.S)
_TYPE_NOTE = re.compile(r'type is "(\w+)/([^"]*)"')
_OTHER_ROW = re.compile(r"the row at position (\d+)")
_OTHER_POSITION = re.compile(r'at position "(\d+)"')


def kind_of(error: dict[str, Any]) -> str:
    """The error's type, with a required-value constraint error told apart from the others."""
    kind = str(error.get("type") or "")
    if kind == "constraint-error" and 'constraint "required"' in str(error.get("note") or ""):
        return "required-error"
    return kind


def title(error: dict[str, Any], trans: Translations) -> str:
    """The error's type in words; Frictionless' title (or the type) for unknown types."""
    kind = kind_of(error)
    if kind in TITLES:
        return trans.gettext(TITLES[kind])
    return str(error.get("title") or kind.replace("-", " ").capitalize())


def explain(error: dict[str, Any], trans: Translations, *, encoding: str | None = None) -> str:
    """What is wrong and how to fix it, with the facts filled in; Frictionless' message when
    the type is unknown or the error lacks a fact the explanation needs."""
    found = explanation(error, trans, encoding=encoding)
    return found if found is not None else str(error.get("message") or title(error, trans))


def explanation(
    error: dict[str, Any], trans: Translations, *, encoding: str | None = None
) -> str | None:
    """`explain`'s translated text, or None when there is none for this error."""
    kind = kind_of(error)
    facts = _facts(error, trans, encoding)
    if kind == "constraint-error":
        constraint = facts.get("constraint")
        if constraint and {"value", "row", "column", "limit"} <= facts.keys():
            template = CONSTRAINTS.get(constraint, OTHER_CONSTRAINT)
            return trans.gettext(template) % facts
    for template, needs in EXPLANATIONS.get(kind, ()):
        if all(name in facts for name in needs):
            return trans.gettext(template) % facts
    return None


def _short(value: Any) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= VALUE_LIMIT else text[: VALUE_LIMIT - 1] + "…"


def _facts(error: dict[str, Any], trans: Translations, encoding: str | None) -> dict[str, str]:
    """The facts of one error an explanation may use, as text; missing ones are left out."""
    facts: dict[str, str] = {}
    if error.get("rowNumber") is not None:
        facts["row"] = str(error["rowNumber"])
    if error.get("fieldNumber") is not None:
        facts["position"] = str(error["fieldNumber"])
    if error.get("fieldName"):
        facts["column"] = _short(error["fieldName"])
    elif "position" in facts:
        facts["column"] = "#" + facts["position"]
    if error.get("label") is not None:
        facts["label"] = _short(error["label"])
    if error.get("cell") is not None:
        facts["value"] = _short(error["cell"])
    if error.get("lineNumber") is not None:
        facts["line"] = str(error["lineNumber"])
    if error.get("bytes"):
        raw = str(error["bytes"])
        facts["bytes"] = " ".join(f"0x{raw[i : i + 2].upper()}" for i in range(0, len(raw), 2))
    if encoding:
        facts["encoding"] = encoding
    note = str(error.get("note") or "")
    kind = error.get("type")
    if kind == "constraint-error" and (match := _CONSTRAINT_NOTE.search(note)):
        facts["constraint"], facts["limit"] = match.group(1), _limit(match.group(2))
    elif kind == "type-error" and (match := _TYPE_NOTE.search(note)):
        facts["expected"] = _expected(match.group(1), match.group(2), trans)
    elif kind in ("unique-error", "primary-key") and (match := _OTHER_ROW.search(note)):
        facts["other_row"] = match.group(1)
    elif kind == "primary-key" and "are all" in note:
        facts["blank_key"] = "yes"
    elif kind == "duplicate-label" and (match := _OTHER_POSITION.search(note)):
        facts["other_position"] = match.group(1)
    return facts


def _limit(text: str) -> str:
    """A constraint's value for reading: a list of allowed values as "a, b", else as given."""
    if text.startswith("[") and text.endswith("]"):
        try:
            values = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            return _short(text)
        if isinstance(values, list):
            return _short(", ".join(f"“{value}”" for value in values))
    return _short(text)


def _expected(kind: str, fmt: str, trans: Translations) -> str:
    if kind not in TYPE_NAMES:
        return kind
    name = trans.gettext(TYPE_NAMES[kind])
    shown = DEFAULT_FORMATS.get(kind) if fmt in ("default", "") else fmt
    if fmt == "any" or not shown:
        return name
    return f"{name} ({shown})"
