"""The DCAT-AP / DCAT-US feed routes and the RDF content negotiation on HTML URLs."""

from app.feeds.negotiation import RdfNegotiation
from app.feeds.routes import build_feeds_router

__all__ = ["RdfNegotiation", "build_feeds_router"]
