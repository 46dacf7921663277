"""The domain core of the Bắc Giang open data catalog: no web framework, no HTTP client."""
