"""Data exchange (SPEC §14): imports of companies, sites, contracts, staff and assignments from
CSV or XLSX, their templates, and the roster export.

- parsing.py reads a file into rows; widgets.py reads a cell; resources.py imports a row;
- services.import_file runs a whole file and reports every bad row;
- storage.py keeps an upload between its preview and its confirmation; views.py the pages;
- exports.py writes the templates and the roster; the command is `import_data`."""
