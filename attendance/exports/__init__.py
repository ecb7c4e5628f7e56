"""The monthly attendance sheet as files (SPEC §6, §14):

- files.py renders the sheet as CSV, XLSX and PDF from one list of columns;
- jobs.py is the kind of export made in the background (onsite/exports/): the sheet's PDF, which
  for a large site takes too long inside a request. Registered in AttendanceConfig.ready()."""
