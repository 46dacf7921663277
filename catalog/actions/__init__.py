"""The CKAN actions, transport-free, collected in an explicit registry."""

from __future__ import annotations

from catalog.actions import (
    activity,
    datastore_search,
    datastore_writes,
    group_writes,
    groups,
    harvest_jobs,
    harvest_sources,
    package_writes,
    packages,
    resource_writes,
    resources,
    site,
    users,
)
from catalog.actions.registry import ActionRegistry

ACTION_MODULES = (
    packages,
    package_writes,
    resources,
    resource_writes,
    groups,
    group_writes,
    site,
    activity,
    users,
    harvest_sources,
    harvest_jobs,
    datastore_search,
    datastore_writes,
)


def build_registry() -> ActionRegistry:
    return ActionRegistry.from_modules(ACTION_MODULES)
