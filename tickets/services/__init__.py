"""Writes of service tickets: every change goes through a function here, keyword-only and typed, named
`<thing>_<action>` (ticket_open, ticket_close). Each checks its rule in tickets.permissions itself, so a view, a
command and a task are refused alike; status changes go through the workflow's transitions."""
