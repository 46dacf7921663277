"""The CKAN actions, transport-free, collected in an explicit registry."""

from __future__ import annotations

from catalog.actions import groups, packages, resources, site
from catalog.actions.registry import ActionRegistry

ACTION_MODULES = (packages, resources, groups, site)


def build_registry() -> ActionRegistry:
    return ActionRegistry.from_modules(ACTION_MODULES)
