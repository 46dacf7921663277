"""API documentation: the OpenAPI description of every route and action, and Swagger UI."""

from app.docs.swagger import install_api_docs

__all__ = ["install_api_docs"]
