#!/usr/bin/env python3
"""Workbooks written by another program read the same in fairgate as in that program.

Writes XLSX files with openpyxl (Debian's python3-openpyxl): shared strings, numbers, whole
numbers, percentages, dates in several number formats, a date-time, times of day and a
duration, booleans, blank cells between values, several sheets, a sheet name with spaces and
a return form laid out as the council's template; and the mixed workbook again with its
workbook part moved out of xl/ (to book/main.xml), found only through the package's
relationships as a package from another writer may place it. Then asks `fairgate inspect --cells` for every non-empty cell and
compares each with what openpyxl reads back from the same file. fairgate reads a time of day
or a duration as Excel shows it, to the second ("14:30:00", "36:15:00") where openpyxl gives a
datetime.time or timedelta; they agree when the times do. A date-time is a date in fairgate
(the day, the time of day dropped).

Usage: openpyxl_cross_check.py FAIRGATE RULEBOOK WORKDIR

libreoffice_cross_check.py imports the writers and the comparison from here.
"""
import datetime
import json
import pathlib
import zipfile
import subprocess
import sys

import openpyxl


def mixed_workbook(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Values"
    ws["A1"] = "Text"
    ws["B1"] = "£1,250,000 and “curly quotes”"
    ws["A2"] = "Whole"
    ws["B2"] = 420
    ws["A3"] = "Decimal"
    ws["B3"] = 14.2
    ws["A4"] = "Percent"
    ws["B4"] = 0.85
    ws["B4"].number_format = "0%"
    ws["A5"] = "Date"
    ws["B5"] = datetime.date(2026, 3, 31)
    ws["B5"].number_format = "dd/mm/yyyy"
    ws["C5"] = datetime.datetime(2025, 10, 1)
    ws["C5"].number_format = "d mmm yyyy"
    ws["D5"] = datetime.date(2026, 8, 9)  # openpyxl's default date format
    ws["A6"] = "Yes/no"
    ws["B6"] = True
    ws["C6"] = False
    ws["A8"] = "After a blank row"
    ws["E8"] = "after blank columns"
    ws["A9"] = "  leading and trailing spaces  "
    ws["A10"] = "Money"
    ws["B10"] = 1250000.5
    ws["B10"].number_format = '"£"#,##0.00'
    ws["A11"] = "Time"
    ws["B11"] = datetime.time(14, 30)  # openpyxl's format for a time: h:mm:ss
    ws["C11"] = datetime.timedelta(days=1, hours=12, minutes=15)  # [h]:mm:ss, 36:15:00
    ws["D11"] = datetime.time(9, 5)
    ws["D11"].number_format = "h:mm AM/PM"
    ws["E11"] = datetime.time(0, 4, 30)
    ws["E11"].number_format = "mm:ss"
    ws["A12"] = "Date and time"
    ws["B12"] = datetime.datetime(2026, 3, 31, 14, 30)
    ws["B12"].number_format = "dd/mm/yyyy hh:mm"
    other = wb.create_sheet("Monitoring return")
    other["B2"] = "Reporting period"
    other["C2"] = "2026-Q2"
    other["B3"] = "Date submitted"
    other["C3"] = datetime.date(2026, 7, 20)
    other["C3"].number_format = "yyyy-mm-dd"
    wb.save(path)


def return_form(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Questionnaire"
    rows = [
        ("", "Return type", "Quarterly", ""),
        ("", "Contract reference", "BX-2025-0142", ""),
        ("", "Supplier registration number", "05512345", ""),
        ("", "Supplier name", "Bexley Care Partnership Ltd", ""),
        ("", "Reporting period", "2026-Q2", ""),
        ("Ref", "Question", "Response", "Evidence / comments"),
    ]
    for r, values in enumerate(rows, start=3):
        for c, v in enumerate(values, start=1):
            if v != "":
                ws.cell(row=r, column=c, value=v)
    ws.cell(row=3 + len(rows), column=1, value="Q1")
    ws.cell(row=3 + len(rows), column=3, value=0.92).number_format = "0%"
    wb.save(path)


def moved_workbook(source, path):
    """`source` with its workbook part at book/main.xml, reachable only through _rels/.rels,
    [Content_Types].xml and the workbook's relationships; those name its styles from there
    (openpyxl looks for them at xl/styles.xml whatever the relationships say, so they stay)."""
    moves = {"xl/workbook.xml": "book/main.xml", "xl/_rels/workbook.xml.rels": "book/_rels/main.xml.rels"}
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name == "_rels/.rels":
                data = data.replace(b'Target="xl/workbook.xml"', b'Target="book/main.xml"')
            elif name == "xl/_rels/workbook.xml.rels":
                data = data.replace(b'Target="styles.xml"', b'Target="../xl/styles.xml"')
                data = data.replace(b'Target="theme/', b'Target="/xl/theme/')
            elif name == "[Content_Types].xml":
                for old, new in moves.items():
                    data = data.replace(b'"/' + old.encode() + b'"', b'"/' + new.encode() + b'"')
            zout.writestr(moves.get(name, name), data)


def openpyxl_cells(path):
    wb = openpyxl.load_workbook(path, data_only=True)
    cells = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                v = c.value
                if v is None or v == "":
                    continue
                cells[(ws.title, c.coordinate)] = v
    return cells


def fairgate_cells(fairgate, rulebook, path):
    out = subprocess.run([fairgate, "inspect", "--rules", rulebook, "--cells", str(path)],
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"fairgate inspect failed on {path} ({out.returncode}): {out.stderr}")
    return {(d["sheet"], d["cell"]): d for d in map(json.loads, out.stdout.splitlines())}


def clock(seconds):
    """Whole seconds as fairgate shows a time or a duration: HH:MM:SS, hours past 24 kept."""
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def same(expected, got):
    kind, value = got["type"], got["value"]
    # A time of day or a duration is shown to the second in fairgate; openpyxl rounds to the
    # microsecond.
    if isinstance(expected, datetime.time):
        seconds = round(expected.hour * 3600 + expected.minute * 60 + expected.second + expected.microsecond / 1e6)
        return kind == "time" and value == clock(seconds % 86400)
    if isinstance(expected, datetime.timedelta):
        return kind == "duration" and value == clock(round(expected.total_seconds()))
    if isinstance(expected, bool):
        return kind == "boolean" and value == ("TRUE" if expected else "FALSE")
    if isinstance(expected, datetime.datetime):
        return kind == "date" and value.startswith(expected.date().isoformat())
    if isinstance(expected, datetime.date):
        return kind == "date" and value.startswith(expected.isoformat())
    if isinstance(expected, (int, float)):
        return kind == "number" and abs(float(value) - float(expected)) <= 1e-9 * max(1.0, abs(expected))
    return kind == "text" and value == expected


def compare(name, theirs, ours):
    """Every cell either reader sees, compared: (cells compared, problems)."""
    problems = []
    keys = sorted(set(theirs) | set(ours))
    for key in keys:
        if key not in ours:
            problems.append(f"{name} {key}: openpyxl reads {theirs[key]!r}, fairgate nothing")
        elif key not in theirs:
            problems.append(f"{name} {key}: fairgate reads {ours[key]}, openpyxl nothing")
        elif not same(theirs[key], ours[key]):
            problems.append(f"{name} {key}: openpyxl {theirs[key]!r}, fairgate {ours[key]}")
    return len(keys), problems


def main():
    fairgate, rulebook, work = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3])
    work.mkdir(parents=True, exist_ok=True)
    problems = []
    compared = 0
    makers = (("mixed.xlsx", mixed_workbook), ("return-form.xlsx", return_form),
              ("moved.xlsx", lambda path: moved_workbook(work / "mixed.xlsx", path)))
    for name, make in makers:
        path = work / name
        make(path)
        count, found = compare(name, openpyxl_cells(path), fairgate_cells(fairgate, rulebook, path))
        compared += count
        problems += found

    # The form written by openpyxl imports as a return, like the council's own template.
    form = subprocess.run([fairgate, "inspect", "--rules", rulebook, "--json", str(work / "return-form.xlsx")],
                          capture_output=True, text=True, check=False)
    if form.returncode != 0 or '"id":"quarterly:BX-2025-0142:2026-Q2"' not in form.stdout:
        problems.append(f"return-form.xlsx did not import as a return: {form.stdout[:300]} {form.stderr[:300]}")

    print(f"{compared} cells compared with openpyxl {openpyxl.__version__}")
    for p in problems:
        print("problem:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
