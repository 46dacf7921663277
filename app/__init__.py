"""Delivery: the FastAPI application (action API, feeds, web pages) and the CLI."""
