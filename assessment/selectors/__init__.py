"""Reads of assessments that change nothing: the querysets and functions pages, commands and reports
use (a person's assessments, the scores of a quarter), scoped to the reader and with a fixed number of queries whatever the rows."""
