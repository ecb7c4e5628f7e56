"""Writes of the attendance app: every change goes through a function here (STYLE: services).
classify.py and rules.py decide with no database: how a day is judged (SPEC §6), which days.py
stores, and the sentences of the rule codes it and the monthly sheet record."""
