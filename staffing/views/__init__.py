"""Staffing pages, one module per area."""
