"""The HTTP transport of CKAN's Action API v3 (`/api/3/action/{name}`, `/api/action/{name}`).

`build_action_router(registry, site_url=..., make_context=..., identify=...)` gives the routes;
`install_api_error_handlers(app)` makes 404/405 under `/api` look like CKAN's.
"""

from app.api.router import build_action_router, install_api_error_handlers

__all__ = ["build_action_router", "install_api_error_handlers"]
