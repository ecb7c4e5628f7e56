"""Writes of the staffing app: every status change and every multi-step rule goes through here."""
