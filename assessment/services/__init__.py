"""Writes of assessments: every change goes through a function here, keyword-only and typed, named
`<thing>_<action>` (assessment_submit, assessment_appeal). Each checks its rule in assessment.permissions itself, so a view, a
command and a task are refused alike; status changes go through the workflow's transitions."""
