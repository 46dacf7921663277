"""The data of resources being written: uploads staged and validated, links fetched and
validated, before any database transaction; their reports stored and files placed after.

Used by resource_create/_update/_patch for one resource and by package_create/_update/_patch
for uploads inside a dataset's `resources` (as CKAN's package_update accepts them), so a
dataset and its files are written in one transaction or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from catalog.actions.common import utcnow
from catalog.actions.registry import ActionContext
from catalog.db.models import ResourceValidation, new_id
from catalog.errors import UploadTooLarge, ValidationFailed
from catalog.services.tabular.report import summary
from catalog.services.tabular.validate import ValidationOutcome
from catalog.services.uploads import (
    CheckedLink,
    PreparedUpload,
    prepare_upload,
    store_validation,
    validate_link,
)


def prepare(context: ActionContext, data: dict[str, Any]) -> PreparedUpload | None:
    """Stage and validate the `upload` of a resource input (None without one); in `block`
    mode a file that is not valid is refused (ValidationFailed on `validation`)."""
    upload = data.get("upload")
    if upload in (None, ""):
        return None
    settings = context.services.settings
    prepared = prepare_upload(
        context.services.storage,
        upload,
        max_mb=settings.max_upload_mb,
        format_hint=data.get("format"),
        schema=data.get("schema"),
        workdir=context.services.storage.staging_dir,
    )
    outcome = prepared.outcome
    if settings.validation_mode == "block" and outcome and outcome.status != "success":
        context.services.storage.discard(prepared.staged)
        raise ValidationFailed({"validation": [summary(outcome.report)]})
    return prepared


def check_link(
    context: ActionContext, data: dict[str, Any], previous_url: str | None
) -> CheckedLink | None:
    """A new or changed link to a table is fetched and validated like an upload; the file,
    when it passed, comes back staged for `place_link_copy`."""
    url = data.get("url")
    if data.get("upload") not in (None, "") or not isinstance(url, str) or url == previous_url:
        return None
    if not url.startswith(("http://", "https://")):
        return None
    return fetch_and_validate(context, url, data.get("format"), data.get("schema"), block=True)


def fetch_and_validate(
    context: ActionContext, url: str, format_hint: Any, schema: Any, *, block: bool = False
) -> CheckedLink | None:
    """Validate the file at `url` (None: not a table); `block`: refuse it when invalid and
    the site is in `block` mode."""
    settings = context.services.settings
    checked = validate_link(
        context.services.storage,
        url,
        format_hint=format_hint,
        schema=schema,
        max_mb=settings.max_upload_mb,
        workdir=context.services.storage.staging_dir,
    )
    outcome = checked.outcome if checked else None
    if block and settings.validation_mode == "block" and outcome and outcome.status == "failure":
        raise ValidationFailed({"validation": [summary(outcome.report)]})
    return checked


def place_link_copy(context: ActionContext, resource_id: str, link: CheckedLink | None) -> None:
    """After the commit of a resource's new data: keep the link's validated file as its
    copy, or delete the old copy (it no longer matches the resource's report)."""
    storage = context.services.storage
    if link is not None and link.copy is not None:
        storage.keep_link_copy(link.copy, resource_id)
    else:
        storage.delete_link_copy(resource_id)


def discard_link_copy(context: ActionContext, link: CheckedLink | None) -> None:
    if link is not None and link.copy is not None:
        context.services.storage.discard(link.copy)


def with_upload(data: dict[str, Any], prepared: PreparedUpload | None) -> dict[str, Any]:
    """The resource input with the stored file's facts in place of the `upload` part."""
    data = {key: value for key, value in data.items() if key not in ("upload", "clear_upload")}
    if prepared is not None:
        data.update(
            url=prepared.filename,
            url_type="upload",
            size=prepared.staged.size,
            hash=prepared.staged.sha256,
            last_modified=utcnow().isoformat(),
        )
        data.setdefault("format", prepared.format)
        data["mimetype"] = data.get("mimetype") or prepared.mimetype
        if not data.get("name"):
            data["name"] = prepared.filename
    return data


def record_new_data(session: Session, resource_id: str, outcome: ValidationOutcome | None) -> None:
    """Store the report of a resource's new data, or, without one, drop its old report (it
    describes other data)."""
    if outcome is not None:
        store_validation(session, resource_id, outcome, utcnow())
    else:
        session.execute(
            delete(ResourceValidation).where(ResourceValidation.resource_id == resource_id)
        )


@dataclass
class StagedFiles:
    """The new data of a dataset write's resources, keyed by resource id."""

    uploads: dict[str, PreparedUpload] = field(default_factory=dict)
    outcomes: dict[str, ValidationOutcome] = field(default_factory=dict)
    replaced: set[str] = field(default_factory=set)  # data changed: old reports go

    def record(self, session: Session) -> bool:
        """Store the new reports (dropping those of replaced data); True if any changed."""
        for resource_id in self.replaced:
            record_new_data(session, resource_id, self.outcomes.get(resource_id))
        if self.replaced:
            session.flush()
        return bool(self.replaced)

    def commit(self, context: ActionContext) -> None:
        for resource_id, prepared in self.uploads.items():
            context.services.storage.commit(prepared.staged, resource_id)
            context.services.storage.delete_link_copy(resource_id)  # if it was a link
        self.uploads.clear()

    def discard(self, context: ActionContext) -> None:
        for prepared in self.uploads.values():
            context.services.storage.discard(prepared.staged)
        self.uploads.clear()


def _nested(index: int, count: int, errors: dict[str, Any]) -> dict[str, Any]:
    """CKAN's shape for errors of one resource in a dataset: a list aligned with the input."""
    return {"resources": [errors if i == index else {} for i in range(count)]}


def stage_package_files(
    context: ActionContext, data_dict: dict[str, Any]
) -> tuple[dict[str, Any], StagedFiles]:
    """Stage and validate the uploads in `data_dict["resources"]` (links are left as
    package_create/_update always took them: only resource_create/_update fetch them).

    Returns the data dict with each upload replaced by its stored file's facts (a new
    resource gets its id here) and what to record after the save. Refusals (too large,
    invalid in `block` mode) name the resource by position; nothing staged is left behind.
    """
    resources = data_dict.get("resources")
    staged = StagedFiles()
    if not isinstance(resources, list) or not any(
        isinstance(r, dict) and r.get("upload") not in (None, "") for r in resources
    ):
        return data_dict, staged
    result: list[Any] = []
    try:
        for index, resource in enumerate(resources):
            if not isinstance(resource, dict) or resource.get("upload") in (None, ""):
                result.append(resource)
                continue
            try:
                prepared = prepare(context, resource)
            except UploadTooLarge as error:
                error.errors = _nested(index, len(resources), error.errors)
                raise
            except ValidationFailed as error:
                raise ValidationFailed(_nested(index, len(resources), error.errors)) from None
            assert prepared is not None
            resource = with_upload(resource, prepared)
            resource_id = str(resource.get("id") or "") or new_id()
            resource["id"] = resource_id
            staged.uploads[resource_id] = prepared
            if prepared.outcome is not None:
                staged.outcomes[resource_id] = prepared.outcome
            staged.replaced.add(resource_id)
            result.append(resource)
    except BaseException:
        staged.discard(context)
        raise
    return {**data_dict, "resources": result}, staged
