"""DCAT-AP (RDF) and DCAT-US (data.json) feeds built from CKAN package dicts; pure, no web."""
