"""The Jinja2 environment and `render(request, name, context)` for every web page.

The language of a request comes from, in order: a `/en/...` path (see `LanguagePrefix`),
`?lang=`, the `lang` cookie, then Vietnamese. A `?lang=` or `/en/` choice is written back to
the cookie, so it sticks across pages. gettext/ngettext are passed per request (Jinja's i18n
extension resolves them from the context), so concurrent requests in different languages never
share state. Templates get plain dicts only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal
from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from markupsafe import Markup
from starlette.types import ASGIApp, Receive, Scope, Send

from app.web.i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, normalize_language
from app.web.i18n import translations_for as _translations_for

WEB_DIR = Path(__file__).resolve().parent
TEMPLATE_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"
LANG_COOKIE = "lang"
LANG_COOKIE_MAX_AGE = 365 * 24 * 3600
BABEL_LOCALES = {"vi": "vi_VN", "en": "en_GB"}


class LanguagePrefix:
    """ASGI middleware: `/en/...` is served as `/...` in English (CKAN's `/{lang}/` URLs)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path: str = scope["path"]
            for lang in LANGUAGES:
                prefix = f"/{lang}"
                if path == prefix or path.startswith(prefix + "/"):
                    scope = dict(scope)
                    scope["path"] = path[len(prefix) :] or "/"
                    raw = scope.get("raw_path")
                    if raw is not None:
                        scope["raw_path"] = raw[len(prefix) :] or b"/"
                    scope["state"] = {**scope.get("state", {}), "lang_prefix": lang}
                    break
        await self.app(scope, receive, send)


def path_language(request: Request) -> str | None:
    return request.scope.get("state", {}).get("lang_prefix")


def chosen_language(request: Request) -> str | None:
    """The language this request explicitly asks for (path prefix or `?lang=`), if any."""
    return path_language(request) or normalize_language(request.query_params.get("lang"))


def current_language(request: Request) -> str:
    return (
        chosen_language(request)
        or normalize_language(request.cookies.get(LANG_COOKIE))
        or DEFAULT_LANGUAGE
    )


def translations(request: Request) -> Any:
    return _translations_for(current_language(request))


def gettext(request: Request, message: str, **variables: Any) -> str:
    """Translate a message for Python code (flash texts, titles built in routes)."""
    text = translations(request).gettext(message)
    return text % variables if variables else text


def ngettext(request: Request, singular: str, plural: str, n: int, **variables: Any) -> str:
    variables.setdefault("num", n)
    return translations(request).ngettext(singular, plural, n) % variables


def _jinja_gettext(trans: Any) -> Callable[..., str]:
    @pass_context
    def gettext_(context: Any, message: str, **variables: Any) -> str:
        text = trans.gettext(message)
        if context.eval_ctx.autoescape:
            text = Markup(text)
        return text % variables

    return gettext_


def _jinja_ngettext(trans: Any) -> Callable[..., str]:
    @pass_context
    def ngettext_(context: Any, singular: str, plural: str, n: int, **variables: Any) -> str:
        variables.setdefault("num", n)
        text = trans.ngettext(singular, plural, n)
        if context.eval_ctx.autoescape:
            text = Markup(text)
        return text % variables

    return ngettext_


@lru_cache(maxsize=256)
def _static_version(path: str) -> str:
    target = (STATIC_DIR / path).resolve()
    if not target.is_relative_to(STATIC_DIR) or not target.is_file():
        return "0"
    return hashlib.sha256(target.read_bytes()).hexdigest()[:10]


def static_url(path: str) -> str:
    """`/static/<path>?v=<content hash>`: the URL changes when the file does, so static files
    can be cached for long."""
    return f"/static/{path}?v={_static_version(path)}"


def href_for(request: Request) -> Callable[..., str]:
    """`href("/dataset", q="x")`: a site link that keeps a `/en/` prefix the page came with."""
    prefix = f"/{path_language(request)}" if path_language(request) else ""

    def href(path: str, **params: Any) -> str:
        items = [
            (key, value)
            for key, value in params.items()
            if value is not None and value != "" and value != []
        ]
        query = urlencode(items, doseq=True)
        target = prefix + path if path.startswith("/") else path
        if prefix and target == prefix + "/":
            target = prefix + "/"
        return f"{target}?{query}" if query else target

    return href


def language_switch_url(request: Request, lang: str) -> str:
    """This page in `lang`: the path without any language prefix, `lang` in the query."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    params.append(("lang", lang))
    return f"{request.url.path}?{urlencode(params)}"


def format_date_filter(lang: str) -> Callable[[Any], str]:
    def fmt(value: Any, with_time: bool = False) -> str:
        if not value:
            return ""
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                try:
                    value = date.fromisoformat(value[:10])
                except ValueError:
                    return value
        locale = BABEL_LOCALES[lang]
        if isinstance(value, datetime):
            if with_time:
                return format_datetime(value, "short", locale=locale)
            value = value.date()
        return format_date(value, "medium" if lang == "en" else "dd/MM/yyyy", locale=locale)

    return fmt


def format_number_filter(lang: str) -> Callable[[Any], str]:
    def fmt(value: Any) -> str:
        if value is None or value == "":
            return ""
        try:
            return format_decimal(value, locale=BABEL_LOCALES[lang])
        except (ValueError, TypeError, ArithmeticError):
            return str(value)

    return fmt


def format_size_filter(lang: str) -> Callable[[Any], str]:
    number = format_number_filter(lang)

    def fmt(size: Any) -> str:
        try:
            value = float(size)
        except (TypeError, ValueError):
            return ""
        for unit in ("B", "KB", "MB", "GB"):
            if value < 1024 or unit == "GB":
                shown = round(value) if unit == "B" else round(value, 1)
                return f"{number(shown)} {unit}"
            value /= 1024
        return ""

    return fmt


def translated(obj: dict[str, Any] | None, field: str, lang: str) -> str:
    """CKAN's `<field>_translated[lang]` (ckanext-fluent style) when present, else `<field>`."""
    if not obj:
        return ""
    value = (obj.get(f"{field}_translated") or {}).get(lang)
    return value or obj.get(field) or (obj.get("name", "") if field == "title" else "")


def build_environment() -> Environment:
    from app.web.markdown import render_markdown

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=select_autoescape(["html", "xml"], default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_null_translations(newstyle=True)  # replaced per request through the context
    env.globals.update(static=static_url, languages=LANGUAGES, language_names=LANGUAGE_NAMES)
    env.filters["markdown"] = render_markdown
    return env


def page_context(request: Request) -> dict[str, Any]:
    """What every page gets: language, translation callables, link helpers, site, user."""
    lang = current_language(request)
    trans = _translations_for(lang)
    settings = request.app.state.services.settings
    current_user = getattr(request.app.state, "web_current_user", None)
    gettext_ = _jinja_gettext(trans)
    return {
        "request": request,
        "lang": lang,
        "gettext": gettext_,
        "_": gettext_,
        "ngettext": _jinja_ngettext(trans),
        "href": href_for(request),
        "switch_language": lambda code: language_switch_url(request, code),
        "site_url": settings.site_url,
        "site_title": settings.site_title if lang == "vi" else "Bắc Giang Open Data",
        "current_user": current_user(request) if current_user else None,
        "tr": lambda obj, field="title": translated(obj, field, lang),
        "format_date": format_date_filter(lang),
        "format_number": format_number_filter(lang),
        "format_size": format_size_filter(lang),
    }


def render(
    request: Request,
    name: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """Render template `name` with the page context plus `context` as an HTML response."""
    env: Environment = request.app.state.web_env
    values = page_context(request)
    values.update(context or {})
    html = env.get_template(name).render(values)
    response = HTMLResponse(html, status_code=status_code, headers=headers)
    response.headers["Vary"] = "Cookie"
    remember_language(request, response)
    return response


def remember_language(request: Request, response: Any) -> None:
    """Make an explicit language choice stick (the `lang` cookie)."""
    chosen = chosen_language(request)
    if chosen and chosen != normalize_language(request.cookies.get(LANG_COOKIE)):
        response.set_cookie(
            LANG_COOKIE, chosen, max_age=LANG_COOKIE_MAX_AGE, samesite="lax", httponly=True
        )
