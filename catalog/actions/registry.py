"""The explicit registry of CKAN actions: name -> function, GET-ability, documentation.

Every caller (HTTP action API, web pages, CLI, harvesters) looks actions up here and calls
them with an `ActionContext`, so there is one path for every read and write.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from catalog.errors import ActionNotFound

ActionFunc = Callable[["ActionContext", dict[str, Any]], Any]


@dataclass(frozen=True)
class Identity:
    """Who is calling: None for anonymous callers."""

    user_id: str
    name: str
    sysadmin: bool = False


@dataclass
class ActionContext:
    """What an action needs besides its data dict.

    `services` is the composition of engine, search backend, storage and settings
    (`catalog.services.runtime.Services`); `identity` is None for anonymous callers;
    `registry` lets actions call other actions (and help_show read their docs).
    `harvest` is set only by the harvest runner: it may write harvested datasets, which are
    read-only to everyone else (catalog.actions.harvest_guard).
    """

    services: Any
    identity: Identity | None = None
    registry: ActionRegistry | None = None
    harvest: bool = False
    current_url: str | None = None  # the HTTP request's path?query (CKAN_CURRENT_URL), if any

    @property
    def is_sysadmin(self) -> bool:
        return bool(self.identity and self.identity.sysadmin)

    @property
    def user_id(self) -> str | None:
        return self.identity.user_id if self.identity else None

    def call(self, name: str, data_dict: dict[str, Any]) -> Any:
        """Call another action as the same caller."""
        if self.registry is None:
            raise RuntimeError("this context has no registry")
        return self.registry.get(name)(self, data_dict)


@dataclass(frozen=True)
class Action:
    name: str
    func: ActionFunc
    side_effect_free: bool

    @property
    def doc(self) -> str | None:
        return inspect.getdoc(self.func)

    @property
    def params(self) -> dict[str, str]:
        """Parameter name -> description: as declared with `action(params={...})`, else
        the `:param name: text` entries of the docstring (see `ActionRegistry.params` for
        actions that take another action's parameters)."""
        declared = getattr(self.func, _PARAMS_MARK, None)
        if isinstance(declared, dict):
            return dict(declared)
        return doc_params(self.doc or "")

    @property
    def params_like(self) -> str | None:
        """The action whose parameters this one takes, if declared so."""
        declared = getattr(self.func, _PARAMS_MARK, None)
        return declared if isinstance(declared, str) else None

    def __call__(self, context: ActionContext, data_dict: dict[str, Any]) -> Any:
        return self.func(context, without_nul(data_dict))


def without_nul(value: Any) -> Any:
    """Drop NUL characters from every string of the input: PostgreSQL cannot store or
    compare them, and no catalog value needs one."""
    if isinstance(value, str):
        return value.replace("\x00", "") if "\x00" in value else value
    if isinstance(value, dict):
        return {without_nul(key): without_nul(item) for key, item in value.items()}
    if isinstance(value, list):
        return [without_nul(item) for item in value]
    return value


_ACTION_MARK = "__ckan_action__"
_PARAMS_MARK = "__ckan_action_params__"
_PARAM = re.compile(r":param\s+([\w.\[\]-]+(?:\s*,\s*[\w.\[\]-]+)*):[ \t]*")
_PARAM_END = re.compile(r"\n\s*\n|\n\s*:(?:returns?|rtype|raises?)\b")


def doc_params(doc: str) -> dict[str, str]:
    """`:param name: text` entries of a docstring (`:param a, b: text` documents both;
    several may share a line, separated by `;`; a description may continue on the next
    lines, up to a blank line)."""
    found = list(_PARAM.finditer(doc))
    params: dict[str, str] = {}
    for index, match in enumerate(found):
        end = found[index + 1].start() if index + 1 < len(found) else len(doc)
        text = _PARAM_END.split(doc[match.end() : end])[0]
        for name in match.group(1).split(","):
            params[name.strip()] = " ".join(text.split()).rstrip(";").strip()
    return params


def action(
    *,
    side_effect_free: bool = False,
    name: str | None = None,
    params: dict[str, str] | str | None = None,
) -> Callable[[ActionFunc], ActionFunc]:
    """Mark a function as a CKAN action; `ActionRegistry.from_modules` collects it.

    `params` documents its parameters when the docstring has no `:param` entries: a dict
    name -> description, or the name of another action whose parameters it takes.
    """

    def mark(func: ActionFunc) -> ActionFunc:
        setattr(func, _ACTION_MARK, (name or func.__name__, side_effect_free))
        if params is not None:
            setattr(func, _PARAMS_MARK, params)
        return func

    return mark


class ActionRegistry:
    def __init__(self, actions: Iterable[Action] = ()) -> None:
        self._actions: dict[str, Action] = {}
        for item in actions:
            self.add(item)

    def add(self, item: Action) -> None:
        if item.name in self._actions:
            raise ValueError(f"action {item.name!r} registered twice")
        self._actions[item.name] = item

    def get(self, name: str) -> Action:
        try:
            return self._actions[name]
        except KeyError:
            raise ActionNotFound(name) from None

    def __contains__(self, name: object) -> bool:
        return name in self._actions

    def names(self) -> list[str]:
        return sorted(self._actions)

    def params(self, name: str) -> dict[str, str]:
        """The documented parameters of an action, following `action(params="other")`."""
        item = self.get(name)
        seen = {name}
        while item.params_like and item.params_like not in seen and item.params_like in self:
            seen.add(item.params_like)
            item = self.get(item.params_like)
        return item.params

    @classmethod
    def from_modules(cls, modules: Iterable[Any]) -> ActionRegistry:
        found = []
        for module in modules:
            for value in vars(module).values():
                mark = getattr(value, _ACTION_MARK, None)
                if mark and getattr(value, "__module__", None) == module.__name__:
                    found.append(Action(name=mark[0], func=value, side_effect_free=mark[1]))
        return cls(found)
