"""Reads of the staffing app: querysets and plain functions that answer a question and change
nothing (who is placed where, which contracts lack people). Writes go through staffing.services. One module per area
(assignments, movement: entering and leaving)."""
