"""The exceptions the core raises. The delivery layer maps each to CKAN's envelope and status."""

from __future__ import annotations

from typing import Any


class CatalogError(Exception):
    """Base of every error the core raises on purpose."""


class NotFound(CatalogError):
    """The object does not exist (CKAN: 404 `Not Found Error`)."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail)
        self.detail = detail


class NotAuthorized(CatalogError):
    """The caller may not do this (CKAN: 403 `Authorization Error`)."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail)
        self.detail = detail


class ValidationFailed(CatalogError):
    """Input rejected field by field (CKAN: 409 `Validation Error`).

    `errors` maps a field name to a list of messages (or to nested structures for
    resources and extras, as CKAN does).
    """

    def __init__(self, errors: dict[str, Any]) -> None:
        super().__init__(errors)
        self.errors = errors


class UploadTooLarge(ValidationFailed):
    """An upload over OPENDATA_MAX_UPLOAD_MB (HTTP 413, CKAN's validation envelope)."""

    def __init__(self, limit_mb: int) -> None:
        super().__init__({"upload": [f"File upload too large (the limit is {limit_mb} MB)"]})
        self.limit_mb = limit_mb


class DataShapeError(CatalogError):
    """Input of the wrong structure (CKAN: 400 `Integrity Error`)."""

    def __init__(self, message: str, data: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.data = data


class SearchQueryError(CatalogError):
    """Unacceptable search parameters (CKAN: 400 `Search Query Error`)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class SearchError(CatalogError):
    """The query could not be run, e.g. a malformed date (CKAN: 409 `Search Error`)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ActionNotFound(CatalogError):
    """No action of that name is registered (CKAN: 400 with a JSON string body)."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name
