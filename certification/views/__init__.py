"""Certification pages, one module per area (programmes, the path, credentials, curricula, portal)."""
