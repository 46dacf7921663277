"""`/dashboard`: the datasets of the steward's organizations, public and private, with each
resource's validation status."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from app.web.steward.access import member_organization_ids, publishable_organizations
from app.web.steward.pages import acting, handles_refusals, page, signed_in

PAGE_SIZE = 20


def build_dashboard_routes(router: APIRouter) -> None:
    @router.get("/dashboard", include_in_schema=False)
    @handles_refusals
    async def dashboard(request: Request) -> Response:
        context = acting(request, signed_in(request))
        try:
            page_number = max(1, min(int(request.query_params.get("page", "1")), 10_000))
        except ValueError:
            page_number = 1

        def show() -> Response:
            org_ids = member_organization_ids(context)
            found = {"count": 0, "results": []}
            if org_ids is None or org_ids:
                params = {
                    "include_private": True,
                    "rows": PAGE_SIZE,
                    "start": (page_number - 1) * PAGE_SIZE,
                    "sort": "metadata_modified desc",
                }
                if org_ids is not None:
                    params["fq"] = (
                        "owner_org:(" + " OR ".join(f'"{i}"' for i in sorted(org_ids)) + ")"
                    )
                found = context.call("package_search", params)
            values = {
                "datasets": found["results"],
                "count": found["count"],
                "page": page_number,
                "pages": max(1, -(-found["count"] // PAGE_SIZE)),
                "can_create": bool(publishable_organizations(context)),
                "done": request.query_params.get("done"),
            }
            return page(request, "steward/dashboard.html", values)

        return await run_in_threadpool(show)
