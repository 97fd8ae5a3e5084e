#!/usr/bin/env python3
"""Opens every workbook under a folder with openpyxl, a reader fairgate shares no code with,
and checks what an officer would look for: the sheets, the contract on the Summary, a header
and at least one finding on Findings, and no formulas anywhere (supplier text stays text).

Usage: open_workbooks.py OUT_DIR EXPECTED_COUNT
"""
import pathlib
import sys

import openpyxl

out, expected = pathlib.Path(sys.argv[1]), int(sys.argv[2])
books = sorted(p for p in out.rglob("*.xlsx") if "quarantine" not in p.parts)
problems = []
if len(books) != expected:
    problems.append(f"{len(books)} workbooks under {out}, expected {expected}")
for path in books:
    contract = path.parent.name
    try:
        wb = openpyxl.load_workbook(path)
    except Exception as e:  # noqa: BLE001 - any failure to open is the finding
        problems.append(f"{path}: does not open: {e}")
        continue
    for name in ("Summary", "Findings", "Returns", "Evidence", "Clauses"):
        if name not in wb.sheetnames:
            problems.append(f"{path}: no {name} sheet")
    if "Summary" in wb.sheetnames:
        cells = [c.value for row in wb["Summary"].iter_rows() for c in row]
        if contract not in cells:
            problems.append(f"{path}: the Summary does not name {contract}")
    if "Findings" in wb.sheetnames:
        rows = list(wb["Findings"].iter_rows(values_only=True))
        header = next((r for r in rows if r and "Rule" in r and "Outcome" in r), None)
        if header is None:
            problems.append(f"{path}: Findings has no header row with Rule and Outcome")
        elif len(rows) - rows.index(header) < 2:
            problems.append(f"{path}: Findings has no findings")
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    problems.append(f"{path}: {ws.title}!{c.coordinate} is a formula")
print(f"{len(books)} workbooks opened with openpyxl {openpyxl.__version__}")
for p in problems:
    print("problem:", p)
sys.exit(1 if problems else 0)
