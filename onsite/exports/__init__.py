"""Background exports: files too long to make inside a request (a large site's monthly sheet
PDF, the batch PDFs to come) are made by a Celery task into private storage, while the person
who asked watches a progress page that offers the file when it is ready.

An app plugs in from its `AppConfig.ready()`:

    from onsite.exports.registry import ExportKind, export_kind_register

    export_kind_register(ExportKind(
        key="attendance.sheet_pdf",
        label=_("Attendance sheet (PDF)"),
        title=sheet_pdf_title,      # params -> the job's title in the list, e.g. "甲机房 2026-10"
        allows=sheet_pdf_allows,    # (user, params) -> may this person have this file (scope)?
        build=sheet_pdf_build,      # (*, params, user, progress) -> ExportFile
    ))

and its view asks for one with `onsite.exports.services.export_request(user=, kind=, params=)`,
then redirects to `exports:detail`. The core imports no app: it finds the kind by its key.
"""
