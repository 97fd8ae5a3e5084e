#!/usr/bin/env python3
"""Opens every per-contract workbook under a folder with openpyxl, a reader fairgate shares no code with,
and checks what an officer would look for: the sheets, the contract on the Summary, a header
and at least one finding on Findings, the imported values on Return data, one History row per
quarterly return, the Audit's fingerprint and input checksums, landscape print set-up with page
numbers, and no formulas anywhere (supplier text stays text).

Usage: open_workbooks.py OUT_DIR EXPECTED_COUNT
"""
import pathlib
import sys

import openpyxl

out, expected = pathlib.Path(sys.argv[1]), int(sys.argv[2])
# Per-contract workbooks only ("<id> <period> compliance.xlsx"); tender comparisons and the
# portfolio workbook have sheets of their own.
books = sorted(p for p in out.rglob("* compliance.xlsx") if "quarantine" not in p.parts)
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
    for name in ("Summary", "Findings", "Returns", "Return data", "History", "Evidence", "Clauses", "Audit"):
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
    if "Return data" in wb.sheetnames:
        rows = list(wb["Return data"].iter_rows(values_only=True))
        if not rows or rows[0][:3] != ("Subject", "Supplier", "Field") or len(rows) < 2:
            problems.append(f"{path}: Return data has no header or no values")
        elif not any(r[8] for r in rows[1:]):
            problems.append(f"{path}: Return data says where no value came from")
    if "History" in wb.sheetnames and "Returns" in wb.sheetnames:
        quarterly = sum(1 for r in wb["Returns"].iter_rows(min_row=2, values_only=True) if r[0] == "Quarterly")
        history = [r for r in wb["History"].iter_rows(min_row=2, values_only=True) if r[0]]
        if len(history) != quarterly:
            problems.append(f"{path}: History has {len(history)} quarters, Returns {quarterly} quarterly returns")
    if "Audit" in wb.sheetnames:
        facts = {r[0]: r[1] for r in wb["Audit"].iter_rows(values_only=True) if r and r[0]}
        fingerprint = facts.get("Evaluation fingerprint") or ""
        if len(fingerprint) != 64 or any(ch not in "0123456789abcdef" for ch in fingerprint):
            problems.append(f"{path}: Audit has no evaluation fingerprint")
        if not any(isinstance(v, str) and len(v) == 64 and k not in ("Evaluation fingerprint", "Rulebook SHA-256")
                   for k, v in facts.items()):
            problems.append(f"{path}: Audit lists no input file with its SHA-256")
    for ws in wb.worksheets:
        if ws.page_setup.orientation != "landscape":
            problems.append(f"{path}: {ws.title} does not print landscape")
        if "&P" not in (ws.oddFooter.right.text or ""):
            problems.append(f"{path}: {ws.title} prints no page numbers")
    if contract not in (wb.properties.keywords or "") or wb.properties.creator != "fairgate":
        problems.append(f"{path}: document properties do not name {contract} and fairgate")
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    problems.append(f"{path}: {ws.title}!{c.coordinate} is a formula")
print(f"{len(books)} workbooks opened with openpyxl {openpyxl.__version__}")
for p in problems:
    print("problem:", p)
sys.exit(1 if problems else 0)
