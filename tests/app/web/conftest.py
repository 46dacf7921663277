"""Fixtures for the web pages' tests (and web-steward's, under tests/app/web/steward/)."""

from tests.support.browser import axe_check, browser, page, screenshot, web_site  # noqa: F401
