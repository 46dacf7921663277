"""Harvest bookkeeping: sources, jobs, objects (catalog.db.harvest), their rules and dicts.

The fetching and mapping of remote catalogs lives in the top-level `harvesters` package;
this part only stores what it did, so the actions and the runner share one record.
"""

# Extras every harvested dataset carries; only the harvest runner may set them.
HARVEST_EXTRAS = (
    "harvest_source_id",
    "harvest_source_title",
    "harvest_object_id",
    "harvest_guid",
    "harvest_url",
)
