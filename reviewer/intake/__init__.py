"""Applicant workbook intake: the Excel template, the cell-level reader/validator, annotated returns and batch import.

Headless (no Qt): the UI calls :func:`reviewer.intake.batch.import_paths` from a worker thread.
"""
