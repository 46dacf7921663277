"""Pulling other catalogs (CKAN, DCAT) into this one, over httpx. Filled by the harvesting issue."""
