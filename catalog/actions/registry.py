"""The explicit registry of CKAN actions: name -> function, GET-ability, documentation.

Every caller (HTTP action API, web pages, CLI, harvesters) looks actions up here and calls
them with an `ActionContext`, so there is one path for every read and write.
"""

from __future__ import annotations

import inspect
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
    """

    services: Any
    identity: Identity | None = None
    registry: ActionRegistry | None = None
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


def action(
    *, side_effect_free: bool = False, name: str | None = None
) -> Callable[[ActionFunc], ActionFunc]:
    """Mark a function as a CKAN action; `ActionRegistry.from_modules` collects it."""

    def mark(func: ActionFunc) -> ActionFunc:
        setattr(func, _ACTION_MARK, (name or func.__name__, side_effect_free))
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

    @classmethod
    def from_modules(cls, modules: Iterable[Any]) -> ActionRegistry:
        found = []
        for module in modules:
            for value in vars(module).values():
                mark = getattr(value, _ACTION_MARK, None)
                if mark and getattr(value, "__module__", None) == module.__name__:
                    found.append(Action(name=mark[0], func=value, side_effect_free=mark[1]))
        return cls(found)
