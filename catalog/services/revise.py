"""The dict operations behind package_revise (CKAN 2.9+): match, filter, update.

Paths are `__`-separated keys; in a list a key is an index (negative allowed) or the first
5+ characters of an item's `id`. Patterns may use `*` for "everything at this level"; a
`+` prefix protects what it matches from later `-` patterns, the first match winning.
"""

from __future__ import annotations

import json
from typing import Any

Path = tuple[Any, ...]


class RevisionError(ValueError):
    """A path that does not resolve, or a value of the wrong kind for its place."""


def json_or_string(value: Any) -> Any:
    """Values may arrive as JSON text (multipart, query strings)."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _label(path: Path) -> str:
    return "__".join(str(part) for part in path)


def _step(current: Any, key: str, path: Path) -> tuple[Any, Any]:
    if isinstance(current, dict):
        if key not in current:
            raise RevisionError(f"Unmatched key {_label((*path, key))}")
        return key, current[key]
    if not isinstance(current, list):
        raise RevisionError(f"Unmatched key {_label((*path, key))}")
    if len(key) >= 5:
        for index, item in enumerate(current):
            if not isinstance(item, dict) or "id" not in item:
                break
            if str(item["id"]).startswith(key):
                return index, item
        raise RevisionError(f"Unmatched key {_label((*path, key))}")
    try:
        index = int(key)
        item = current[index]
    except (ValueError, IndexError):
        raise RevisionError(f"Unmatched key {_label((*path, key))}") from None
    return index, item


def resolve(data: Any, string_key: str) -> tuple[Any, Path]:
    path: Path = ()
    current = data
    for key in string_key.split("__"):
        part, current = _step(current, key, path)
        path = (*path, part)
    return current, path


def mismatches(actual: Any, expected: Any, path: Path = ()) -> list[Path]:
    """Paths of `expected` whose values differ in `actual` (dicts and lists compared deep)."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [path]
        found: list[Path] = []
        for key in sorted(expected):
            if key not in actual:
                found.append((*path, key))
            else:
                found.extend(mismatches(actual[key], expected[key], (*path, key)))
        return found
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return [path]
        found = []
        for index, item in enumerate(expected):
            if index >= len(actual):
                found.append((*path, index))
            else:
                found.extend(mismatches(actual[index], item, (*path, index)))
        return found
    return [] if actual == expected else [path]


def match_key(data: dict[str, Any], string_key: str, value: Any) -> list[Path]:
    current, path = resolve(data, string_key)
    return mismatches(current, value, path)


def merge(target: Any, update: Any, path: Path = ()) -> None:
    """Deep merge in place: dicts by key, lists by position (longer lists append)."""
    if isinstance(target, dict):
        if not isinstance(update, dict):
            raise RevisionError(f"Expected dict for {_label(path)}")
        for key, value in update.items():
            if key in target and isinstance(target[key], (dict, list)):
                merge(target[key], value, (*path, key))
            else:
                target[key] = value
        return
    if not isinstance(update, list):
        raise RevisionError(f"Expected list for {_label(path)}")
    for index, value in enumerate(update):
        if index >= len(target):
            target.append(value)
        elif isinstance(target[index], (dict, list)):
            merge(target[index], value, (*path, index))
        else:
            target[index] = value


def merge_key(data: dict[str, Any], string_key: str, value: Any) -> None:
    """`update__a__b=value`; `update__resources__extend=[...]` appends to a list."""
    *parents, last = string_key.split("__")
    container, path = resolve(data, "__".join(parents)) if parents else (data, ())
    if isinstance(container, dict):
        merge(container, {last: value}, path)
        return
    if not isinstance(container, list):
        raise RevisionError(f"Unmatched key {string_key}")
    if last == "extend":
        if not isinstance(value, list):
            raise RevisionError(f"Expected list for {_label(path)}")
        container.extend(value)
        return
    index, child = _step(container, last, path)
    if isinstance(child, (dict, list)):
        merge(child, value, (*path, index))
    else:
        container[index] = value


def filter_globs(data: Any, patterns: list[str]) -> None:
    """Remove what `-pattern`s match, keeping what an earlier `+pattern` protects."""
    _filter(data, [(p.startswith("+"), p.lstrip("+-").split("__")) for p in patterns])


def _filter(data: Any, globs: list[tuple[bool, list[str]]]) -> None:
    if isinstance(data, dict):
        keys = list(data)
    elif isinstance(data, list):
        keys = list(range(len(data)))
    else:
        return
    fate: dict[Any, bool] = {}
    deeper: dict[Any, list[tuple[bool, list[str]]]] = {}
    for keep, parts in globs:
        head, rest = parts[0], parts[1:]
        if head == "*":
            targets = keys
        elif isinstance(data, dict):
            targets = [head] if head in data else []
        else:
            try:
                targets = [_step(data, head, ())[0] % len(data)]
            except RevisionError:
                targets = []
        for key in targets:
            if rest:
                deeper.setdefault(key, []).append((keep, rest))
            else:
                fate.setdefault(key, keep)
    for key, child_globs in deeper.items():
        if fate.get(key, True):
            _filter(data[key], child_globs)
    dropped = {key for key, keep in fate.items() if not keep}
    if isinstance(data, dict):
        for key in dropped:
            del data[key]
    else:
        data[:] = [item for index, item in enumerate(data) if index not in dropped]
