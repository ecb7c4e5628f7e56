"""Attendance's imports (SPEC §14), on staffing's import framework (staffing.imports), each read
in bulk rather than row by row through import-export:

- punches.py reads punches, from a spreadsheet or a device's attlog file, and the shared pieces
  (`Problems`, `Directory`) every attendance import uses;
- leave.py reads stretches of leave;
- kinds.py registers both kinds in AttendanceConfig.ready()."""
