"""Importing the catalog's content (datasets/: a site file and Frictionless data packages)."""
