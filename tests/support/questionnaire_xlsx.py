"""Writes a return as a supplier fills in a council's Excel template: a title, a header block
of label | value rows, then a Ref | Question | Response | Evidence / comments table. Shared by
the scripts that make committed test inputs (tests/officer-cases/make_xlsx.py,
tests/e2e/england-baseline/make_xlsx.py); needs openpyxl (Debian python3-openpyxl).
"""
import datetime

import openpyxl

# Fixed document times, so the files say nothing about when they were made.
FIXED = datetime.datetime(2026, 1, 1)


def _put(ws, row, column, value):
    """A value, or (value, number format); dates get the UK date format."""
    fmt = None
    if isinstance(value, tuple):
        value, fmt = value
    elif isinstance(value, datetime.date):
        fmt = "dd/mm/yyyy"
    cell = ws.cell(row=row, column=column, value=value)
    if fmt:
        cell.number_format = fmt


def write_form(path, title, header, rows, sheet="Questionnaire"):
    """header: (label, value) pairs; rows: (ref, question, response, evidence) with None
    for a blank response or evidence."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws["A1"] = title
    row = 3
    for label, value in header:
        ws.cell(row=row, column=2, value=label)
        _put(ws, row, 3, value)
        row += 1
    row += 1
    for col, heading in enumerate(("Ref", "Question", "Response", "Evidence / comments"), start=1):
        ws.cell(row=row, column=col, value=heading)
    for ref, question, answer, evidence in rows:
        row += 1
        ws.cell(row=row, column=1, value=ref)
        ws.cell(row=row, column=2, value=question)
        if answer is not None:
            _put(ws, row, 3, answer)
        if evidence:
            ws.cell(row=row, column=4, value=evidence)
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
