"""Reads of service tickets that change nothing: the querysets and functions pages, commands and reports
use (tickets waiting for a person, a site's open tickets), scoped to the reader and with a fixed number of queries whatever the rows."""
