#!/usr/bin/env python3
"""Workbooks LibreOffice writes read the same in fairgate as in openpyxl.

LibreOffice Calc (headless `soffice --convert-to xlsx`) writes XLSX its own way: dates as
numbers with its own date formats ([$-809]DD/MM/YYYY and the like), booleans, shared strings,
its own styles part. This converts to XLSX with it:
  - the two workbooks openpyxl_cross_check.py writes with openpyxl (mixed values, a return form);
  - a CSV with text, whole and decimal numbers, percentages, money, ISO and dd/mm/yyyy dates
    and date-times, a time of day (14:30) and a duration (36:15:00), and TRUE/FALSE, which
    Calc types as it reads it (en-GB, special numbers detected);
  - every bundled sample return under samples/inbox (XLSX forms and CSV exports);
then compares, cell by cell with openpyxl_cross_check's comparison, what `fairgate inspect
--cells` reads from each LibreOffice-written file with what openpyxl reads from it. The return
form must still import as the same return.

Skips (exit 77) when soffice is not installed.

Usage: libreoffice_cross_check.py FAIRGATE RULEBOOK WORKDIR SAMPLES_INBOX
"""
import csv
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import openpyxl  # noqa: E402

from openpyxl_cross_check import compare, fairgate_cells, mixed_workbook, openpyxl_cells, return_form  # noqa: E402

SKIP = 77
# Calc's CSV import options: comma (or ;) separated, " quoted, UTF-8, from line 1, standard
# columns, English (UK) so 31/03/2026 is a date, quoted fields not forced to text, special
# numbers (dates, percentages, TRUE/FALSE) detected.
CSV_FILTER = "CSV:{sep},34,76,1,,2057,false,true"

VALUES_CSV = [
    ["Field", "Value", "Other"],
    ["Text", "£1,250,000 and “curly quotes”", "ends with spaces  "],
    ["Whole", "420", "-3"],
    ["Decimal", "14.2", "0.001"],
    ["Percent", "85%", "12.5%"],
    ["Money", "£1250000.50", "1,250,000"],
    ["ISO date", "2026-03-31", "2025-10-01"],
    ["UK date", "31/03/2026", "09/08/2026"],
    ["Date and time", "2026-03-31 14:30", "20/07/2026 09:05:00"],
    ["Time", "14:30", "36:15:00"],
    ["Yes/no", "TRUE", "FALSE"],
    ["", "", ""],
    ["Registration", "05512345", "BX-2025-0142"],
    ["Period", "2026-Q2", "Q1 2026"],
]


def refused(fairgate, rulebook, path):
    return subprocess.run([fairgate, "inspect", "--rules", rulebook, "--cells", str(path)],
                          capture_output=True, check=False).returncode != 0


def main():
    fairgate, rulebook, work, inbox = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3]), pathlib.Path(sys.argv[4])
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("skipped: soffice (LibreOffice) is not installed; scripts/install-deps.sh --test installs it")
        return SKIP
    if work.exists():
        shutil.rmtree(work)
    written, converted = work / "written", work / "libreoffice"
    written.mkdir(parents=True)

    # What LibreOffice is given: (source, soffice input filter or None).
    sources = []
    for name, make in (("mixed.xlsx", mixed_workbook), ("return-form.xlsx", return_form)):
        make(written / name)
        sources.append((written / name, None))
    with open(written / "values.csv", "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(VALUES_CSV)
    sources.append((written / "values.csv", CSV_FILTER.format(sep=44)))
    for path in sorted(inbox.rglob("*")):
        if path.suffix == ".xlsx":
            sources.append((path, None))
        elif path.suffix == ".csv":
            with open(path, encoding="utf-8-sig", newline="") as f:
                first = f.readline()
            sources.append((path, CSV_FILTER.format(sep=59 if first.count(";") > first.count(",") else 44)))

    # One soffice run per input filter (starting LibreOffice is most of the cost), each into
    # its own folder so that equal file names cannot overwrite each other.
    problems = []
    groups = {}
    for path, infilter in sources:
        groups.setdefault(infilter, []).append(path)
    outputs = []  # (label, LibreOffice-written xlsx)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="fairgate-lo-") as profile:
        for n, (infilter, paths) in enumerate(sorted(groups.items(), key=lambda g: g[0] or "")):
            by_name = {}
            for p in paths:
                by_name.setdefault(p.stem, []).append(p)
            batches = [[]]
            for stem, same_name in by_name.items():  # equal stems go to separate runs
                for i, p in enumerate(same_name):
                    while len(batches) <= i:
                        batches.append([])
                    batches[i].append(p)
            for m, batch in enumerate(batches):
                outdir = converted / f"{n}-{m}"
                command = [soffice, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                           f"-env:UserInstallation={pathlib.Path(profile).as_uri()}"]
                if infilter:
                    command.append(f"--infilter={infilter}")
                command += ["--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(outdir)]
                command += [str(p) for p in batch]
                try:
                    run = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
                except subprocess.TimeoutExpired:
                    problems.append(f"soffice did not convert {len(batch)} file(s) within 180 s")
                    continue
                if run.returncode != 0:
                    problems.append(f"soffice exited {run.returncode}: {run.stdout[-500:]} {run.stderr[-500:]}")
                for p in batch:
                    out = outdir / (p.stem + ".xlsx")
                    label = str(p.relative_to(inbox)) if p.is_relative_to(inbox) else p.name
                    if out.is_file():
                        outputs.append((label, out))
                    elif refused(fairgate, rulebook, p):
                        # A sample that is damaged on purpose: neither program opens it.
                        print(f"{label}: LibreOffice cannot load it either; fairgate refuses it")
                    else:
                        problems.append(f"{label}: LibreOffice wrote no XLSX ({run.stderr.strip()[-300:]})")
        seconds = time.monotonic() - started
        version = subprocess.run([soffice, f"-env:UserInstallation={pathlib.Path(profile).as_uri()}", "--version"],
                                 capture_output=True, text=True, check=False).stdout.strip()

    compared = 0
    for label, path in outputs:
        count, found = compare(f"{label} (via LibreOffice)", openpyxl_cells(path),
                               fairgate_cells(fairgate, rulebook, path))
        compared += count
        problems += found

    # The form, rewritten by LibreOffice, still imports as the same return.
    form = next((path for label, path in outputs if label == "return-form.xlsx"), None)
    imported = subprocess.run([fairgate, "inspect", "--rules", rulebook, "--json", str(form)],
                              capture_output=True, text=True, check=False) if form else None
    if imported and (imported.returncode != 0 or '"id":"quarterly:BX-2025-0142:2026-Q2"' not in imported.stdout):
        problems.append(f"return-form.xlsx via LibreOffice did not import as a return: "
                        f"{imported.stdout[:300]} {imported.stderr[:300]}")

    print(f"{len(outputs)} files converted by {version or 'LibreOffice'} in {seconds:.1f} s; "
          f"{compared} cells compared with openpyxl {openpyxl.__version__}")
    for p in problems:
        print("problem:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
