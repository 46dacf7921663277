"""Transport-free validation of tabular uploads (CSV, TSV, XLSX, XLS, JSON tables).

`validate_file` is the entry point; see `validate` for the pipeline and `report` for the
stored report's shape. Frictionless is imported lazily by the modules that run it.
"""

from catalog.services.tabular.formats import is_tabular, resolve_format
from catalog.services.tabular.report import status_of, summary
from catalog.services.tabular.validate import ValidationOutcome, parse_schema, validate_file

__all__ = [
    "ValidationOutcome",
    "is_tabular",
    "parse_schema",
    "resolve_format",
    "status_of",
    "summary",
    "validate_file",
]
