"""The files assessments make in the background (onsite/exports/): a site's assessment sheets of a
cycle as one PDF. Registered in AssessmentConfig.ready()."""
