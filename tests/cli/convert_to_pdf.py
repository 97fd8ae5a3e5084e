#!/usr/bin/env python3
"""Prints one contract's workbook to PDF with LibreOffice headless, as an officer printing it
would, and checks what comes out: soffice succeeds, the PDF has pages, every page is
landscape (the workbooks print landscape, fitted to the page width), and the text really
rendered: the contract id and a rule id from the Findings sheet (read with openpyxl) are
in the PDF's text (pdftotext).

Skips (exit 77) when soffice or poppler's pdfinfo/pdftotext are not installed.

Usage: convert_to_pdf.py OUT_DIR CONTRACT_ID WORKDIR
"""
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77
out, contract, work = pathlib.Path(sys.argv[1]), sys.argv[2], pathlib.Path(sys.argv[3])

soffice = shutil.which("soffice") or shutil.which("libreoffice")
missing = [name for name, path in (("soffice", soffice), ("pdfinfo", shutil.which("pdfinfo")),
                                   ("pdftotext", shutil.which("pdftotext"))) if not path]
if missing:
    print(f"skipped: {', '.join(missing)} not installed (scripts/install-deps.sh --test installs them)")
    sys.exit(SKIP)

books = sorted((out / contract).glob("* compliance.xlsx"))
if len(books) != 1:
    sys.exit(f"expected one workbook under {out / contract}, found {[str(b) for b in books]}")
book = books[0]

# The rule ids on the Findings sheet, failures first: one of them must be in the PDF's text.
import openpyxl  # noqa: E402 - only needed once the tools are known to be there

wb = openpyxl.load_workbook(book, read_only=True)
rows = list(wb["Findings"].iter_rows(values_only=True))
header = next(i for i, r in enumerate(rows) if r and "Rule" in r and "Outcome" in r)
rule_col, outcome_col = rows[header].index("Rule"), rows[header].index("Outcome")
findings = [(r[outcome_col], r[rule_col]) for r in rows[header + 1:] if r and r[rule_col]]
outcomes = sorted({o for o, _ in findings})
rule = next((rid for o, rid in findings if o == "Fail"), findings[0][1] if findings else None)
if rule is None:
    sys.exit(f"{book}: the Findings sheet has no findings")

work.mkdir(parents=True, exist_ok=True)
pdf = work / (book.stem + ".pdf")
pdf.unlink(missing_ok=True)
problems = []
# A private, throw-away profile: no clash with a running LibreOffice or a parallel test.
with tempfile.TemporaryDirectory(prefix="fairgate-lo-") as profile:
    started = time.monotonic()
    try:
        run = subprocess.run([soffice, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                              f"-env:UserInstallation={pathlib.Path(profile).as_uri()}",
                              "--convert-to", "pdf", "--outdir", str(work), str(book)],
                             capture_output=True, text=True, timeout=240, check=False)
    except subprocess.TimeoutExpired:
        sys.exit(f"soffice did not finish converting {book} within 240 s")
    seconds = time.monotonic() - started
if run.returncode != 0:
    problems.append(f"soffice exited {run.returncode}: {run.stdout} {run.stderr}")
if not pdf.is_file() or pdf.stat().st_size == 0:
    problems.append(f"soffice wrote no PDF at {pdf}: {run.stdout} {run.stderr}")
else:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False).stdout
    pages = int(next((line.split()[1] for line in info.splitlines() if line.startswith("Pages:")), "0"))
    if pages < 1:
        problems.append(f"{pdf}: pdfinfo reports no pages:\n{info}")
    else:
        # "Page    3 size: 841.89 x 595.304 pts (A4)" for every page.
        sizes = subprocess.run(["pdfinfo", "-f", "1", "-l", str(pages), str(pdf)],
                               capture_output=True, text=True, check=False).stdout
        for line in sizes.splitlines():
            if line.startswith("Page") and " size: " in line:
                number = line.split()[1]
                width, _, height = line.split(" size: ")[1].split()[:3]
                if float(width) <= float(height):
                    problems.append(f"{pdf}: page {number} is portrait ({width} x {height} pts)")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=False).stdout
    for wanted in (contract, rule):
        if wanted not in text:
            problems.append(f"{pdf}: the text does not contain {wanted}")
    print(f"{book.name} -> {pdf}: {pages} page(s) in {seconds:.1f} s; findings {', '.join(outcomes)}; "
          f"looked for {contract} and {rule}")
for p in problems:
    print("problem:", p)
sys.exit(1 if problems else 0)
