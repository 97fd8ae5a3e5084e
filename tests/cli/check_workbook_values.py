#!/usr/bin/env python3
"""Reads a run's workbooks with openpyxl (a reader fairgate shares no code with) and checks
that values are what they are, not text that looks like them:

- the Summary's dates (Start, End, Position stated at) are dates and its figures (Returns
  judged, the counts) numbers; its text facts stay text;
- the "Submitted" column of Returns and History holds dates (or says "(not stated)");
- Return data's Value column holds, for each valid answer, what its field's type in the
  rulebook says: a date for a date, a number for a number, amount, share or count, and text
  for text, yes/no and options (a company number "05987612" stays text);
- no pass or not-applicable finding shows a remedy, on a contract's Findings or a tender's;
- the portfolio's Workbook column links every contract to its workbook, and each link's
  target, read relative to the portfolio, is a file that exists.

Usage: check_workbook_values.py OUT_DIR RULEBOOK
"""
import datetime
import pathlib
import sys
import urllib.parse
import xml.etree.ElementTree as ET

import openpyxl

out = pathlib.Path(sys.argv[1])
types = {f.get("name"): f.get("type") for f in ET.parse(sys.argv[2]).iter() if f.tag.endswith("field") and f.get("name")}
NUMBER_TYPES = {"integer", "number", "money", "percent", "days"}
problems = []


def is_date(cell):
    return cell.is_date and isinstance(cell.value, (datetime.date, datetime.datetime))


def is_number(cell):
    return isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool) and not cell.is_date


def header(ws, *names):
    row = [c.value for c in next(ws.iter_rows(min_row=1, max_row=1))]
    return [row.index(n) for n in names]


def no_remedy_on_closed(path, ws):
    outcome, remedy = header(ws, "Outcome", "Remedy")
    for row in ws.iter_rows(min_row=2):
        if row[outcome].value in ("Pass", "Not applicable") and row[remedy].value:
            problems.append(f"{path.name}: {ws.title}!{row[remedy].coordinate}: a {row[outcome].value} row shows a remedy")


contracts = sorted(p for p in out.rglob("* compliance.xlsx") if "quarantine" not in p.parts)
dates_in_return_data = numbers_in_return_data = 0
for path in contracts:
    wb = openpyxl.load_workbook(path)
    summary = {row[0].value: row[1] for row in wb["Summary"].iter_rows() if row[0].value and len(row) > 1}
    for name in ("Start", "End", "Position stated at"):
        cell = summary.get(name)
        if cell is not None and cell.value != "(not recorded)" and not is_date(cell):
            problems.append(f"{path.name}: Summary {name} is {cell.value!r}, not a date")
    for name in ("Returns judged", "Total", "Fail", "Pass"):
        cell = summary.get(name)
        if cell is None or not is_number(cell):
            problems.append(f"{path.name}: Summary {name} is {cell.value if cell else None!r}, not a number")
    for name in ("Contract reference", "Supplier", "Latest period"):
        cell = summary.get(name)
        if cell is None or not isinstance(cell.value, str):
            problems.append(f"{path.name}: Summary {name} is not text")
    for sheet in ("Returns", "History"):
        ws = wb[sheet]
        (submitted,) = header(ws, "Submitted")
        for row in ws.iter_rows(min_row=2):
            cell = row[submitted]
            if cell.value is not None and cell.value != "(not stated)" and not is_date(cell):
                problems.append(f"{path.name}: {sheet}!{cell.coordinate} Submitted is {cell.value!r}, not a date")
    ws = wb["Return data"]
    value, state, field = header(ws, "Value", "State", "Field")
    for row in ws.iter_rows(min_row=2):
        cell, kind = row[value], types.get(row[field].value)
        dates_in_return_data += is_date(cell)
        numbers_in_return_data += is_number(cell)
        if row[state].value != "Valid" or kind is None:
            continue
        ok = is_date(cell) if kind == "date" else is_number(cell) if kind in NUMBER_TYPES else isinstance(cell.value, str)
        if not ok:
            problems.append(f"{path.name}: Return data!{cell.coordinate} ({row[field].value}, {kind}) "
                            f"holds {cell.value!r}")
    no_remedy_on_closed(path, wb["Findings"])
if contracts and not dates_in_return_data:
    problems.append("Return data holds no date in any workbook")
if contracts and not numbers_in_return_data:
    problems.append("Return data holds no number in any workbook")

for path in sorted((out / "tenders").rglob("* tender comparison.xlsx")):
    no_remedy_on_closed(path, openpyxl.load_workbook(path)["Findings"])

portfolios = sorted(out.glob("portfolio *.xlsx"))
if len(portfolios) != 1:
    problems.append(f"expected one portfolio workbook in {out}, found {len(portfolios)}")
for path in portfolios:
    ws = openpyxl.load_workbook(path)["Portfolio"]
    contract, workbook = header(ws, "Contract", "Workbook")
    linked = 0
    for row in ws.iter_rows(min_row=2):
        cell = row[workbook]
        if not row[contract].value:
            continue
        if cell.hyperlink is None or not cell.hyperlink.target:
            problems.append(f"{path.name}: {cell.coordinate} ({row[contract].value}) has no link")
            continue
        # Excel's form: Windows separators, URL escapes.
        target = urllib.parse.unquote(cell.hyperlink.target.replace("\\", "/"))
        if not (path.parent / target).is_file():
            problems.append(f"{path.name}: {cell.coordinate} links to {target}, which does not exist")
        elif not target.startswith(str(row[contract].value).replace("/", "%2F") + "/"):
            problems.append(f"{path.name}: {cell.coordinate} links {row[contract].value} to {target}")
        linked += 1
    if linked != len(contracts):
        problems.append(f"{path.name}: {linked} workbook links for {len(contracts)} contract workbooks")

print(f"{len(contracts)} contract workbooks, their portfolio and tender comparisons read with openpyxl "
      f"{openpyxl.__version__}: {dates_in_return_data} dates and {numbers_in_return_data} numbers in Return data")
for p in problems:
    print("problem:", p)
sys.exit(1 if problems else 0)
