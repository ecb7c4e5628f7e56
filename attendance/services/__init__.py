"""Writes of the attendance app: every change goes through a function here (STYLE: services)."""
