"""The report view both report pages share: errors grouped by type with counts, the first
rows only (with what was left out), Frictionless' message kept under file-level errors."""

from __future__ import annotations

from app.web.i18n import translations_for
from app.web.validation_report import SHOWN_ERRORS, shape_report

VI = translations_for("vi")
EN = translations_for("en")


def missing_cell(row: int) -> dict:
    return {"type": "missing-cell", "rowNumber": row, "fieldName": "b", "fieldNumber": 2,
            "cell": "", "message": f'Row at position "{row}" has a missing cell'}  # fmt: skip


def validation(errors: list[dict], total: int | None = None, **report) -> dict:
    stats = {"rows": 600, "fields": 2, "errors": len(errors) if total is None else total}
    return {"status": "failure", "finished": "2025-03-01T08:00:00",
            "report": {"valid": False, "stats": stats, "errors": errors, **report}}  # fmt: skip


def test_a_long_report_is_summarised_by_type_and_capped() -> None:
    errors = [missing_cell(row) for row in range(2, 502)]
    errors += [{"type": "blank-row", "rowNumber": 600, "message": "blank"}] * 3
    errors += [{"type": "constraint-error", "rowNumber": 601, "fieldName": "b", "cell": "",
                "note": 'constraint "required" is "True"', "message": "required"}]  # fmt: skip
    shaped = shape_report(validation(errors), VI, resource_id="r1")
    assert [(g["title"], g["count"]) for g in shaped["groups"]] == [
        ("Thiếu ô", 500),
        ("Dòng trống", 3),
        ("Thiếu giá trị bắt buộc", 1),  # told apart from the other rules
    ]
    assert len(shaped["errors"]) == SHOWN_ERRORS == 50
    assert shaped["hidden"] == 504 - 50 and shaped["listed"] == 504
    assert shaped["error_count"] == 504 and not shaped["partial"]
    first = shaped["errors"][0]
    assert first["row"] == 2 and first["field"] == "b" and first["cell"] == ""
    assert first["title"] == "Thiếu ô" and first["translated"]
    assert first["message"].startswith("Thiếu ô ở dòng 2, cột “b”")


def test_more_errors_than_stored_is_partial() -> None:
    shaped = shape_report(validation([missing_cell(2)], total=5000), EN, resource_id="r1")
    assert shaped["partial"] and shaped["error_count"] == 5000 and shaped["hidden"] == 0
    assert shaped["label"] == "Has errors" and shaped["badge"] == "invalid"


def test_file_level_errors_keep_frictionless_message_as_detail() -> None:
    error = {"type": "source-error", "message": "The data source has not supported or has "
             "inconsistent contents: no data"}  # fmt: skip
    report = validation([error]) | {"status": "error"}
    shaped = shape_report(report, VI, resource_id="r1")
    (row,) = shaped["errors"]
    assert row["title"] == "Không đọc được tệp" and row["message"].startswith("Không đọc được")
    assert row["detail"] == error["message"]
    assert shaped["label"] == VI.gettext("Could not be checked") and shaped["badge"] == "pending"


def test_unknown_error_types_are_shown_as_frictionless_wrote_them() -> None:
    error = {"type": "new-error", "title": "New Error", "message": "Row 3 is new"}
    (row,) = shape_report(validation([error]), VI, resource_id="r1")["errors"]
    assert (row["title"], row["message"], row["translated"]) == ("New Error", "Row 3 is new", False)


def test_an_empty_or_odd_report_still_renders() -> None:
    shaped = shape_report({"status": "success", "report": None}, VI, resource_id="r1")
    assert shaped["errors"] == [] and shaped["groups"] == [] and shaped["badge"] == "valid"
    odd = shape_report(validation(["not a dict", missing_cell(2)]), VI, resource_id="r1")
    assert len(odd["errors"]) == 1
