#!/usr/bin/env python3
"""Prints each kind of workbook a run writes (contract workbooks, the portfolio, tender
comparisons) to PDF with LibreOffice headless, as an officer printing them would, and checks
what a reader of the printout sees (pdfinfo, pdftotext):

- every page of every printout is the same paper, A4, landscape;
- the page count stays within bounds for the sample (a sheet fitted to width that spilled
  across, or a page per few lines, would pass them);
- each contract's title is printed whole in the footer of every page (not cut at 60
  characters or mid-word), and the Summary's title whole on its first page;
- the portfolio's and each tender's footer text is whole on every page;
- a contract's printout carries its id and a rule id of its Findings sheet (a failed rule's,
  else the first), so the text really rendered.

Skips (exit 77) when soffice or poppler's pdfinfo/pdftotext are not installed.

Usage: print_workbooks.py OUT_DIR WORKDIR CONTRACT_ID... -- TENDER_ID...
"""
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
args = sys.argv[1:]
out, work = pathlib.Path(args[0]), pathlib.Path(args[1])
split = args.index("--") if "--" in args else len(args)
contracts, tenders = args[2:split], args[split + 1:]

soffice = shutil.which("soffice") or shutil.which("libreoffice")
missing = [name for name, path in (("soffice", soffice), ("pdfinfo", shutil.which("pdfinfo")),
                                   ("pdftotext", shutil.which("pdftotext"))) if not path]
if missing:
    print(f"skipped: {', '.join(missing)} not installed (scripts/install-deps.sh --test installs them)")
    sys.exit(SKIP)

import openpyxl  # noqa: E402 - only needed once the tools are known to be there

problems = []


def one(paths, what):
    if len(paths) != 1:
        sys.exit(f"expected one {what}, found {[str(p) for p in paths]}")
    return paths[0]


def a_rule_of(workbook, book):
    """A rule id from the Findings sheet: a failed rule's, else the first."""
    rows = list(workbook["Findings"].iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r and "Rule" in r and "Outcome" in r)
    rule_col, outcome_col = rows[header].index("Rule"), rows[header].index("Outcome")
    findings = [(r[outcome_col], r[rule_col]) for r in rows[header + 1:] if r and r[rule_col]]
    if not findings:
        sys.exit(f"{book}: the Findings sheet has no findings")
    return next((rule for outcome, rule in findings if outcome == "Fail"), findings[0][1])


# (workbook, page bounds, footer text that must be whole on every page, text whole on page 1,
#  texts the printout must hold somewhere)
books = []
for contract in contracts:
    book = one(sorted((out / contract).glob("* compliance.xlsx")), f"workbook under {out / contract}")
    workbook = openpyxl.load_workbook(book, read_only=True)
    facts = {r[0]: r[1] for r in workbook["Summary"].iter_rows(values_only=True) if r and r[0]}
    title = facts.get("Title")
    if not title:
        sys.exit(f"{book}: the Summary states no title")
    # Eight sheets; the samples' largest contract prints in 45 pages.
    books.append((book, (8, 60), title, f"Equality and social value compliance \u2014 {title}",
                  (contract, a_rule_of(workbook, book))))
portfolio = one(sorted(out.glob("portfolio *.xlsx")), f"portfolio workbook in {out}")
books.append((portfolio, (2, 6), "Contract portfolio at ", "Contract portfolio", ()))
for tender in tenders:
    book = one(sorted((out / "tenders" / tender).glob("* tender comparison.xlsx")), f"comparison of {tender}")
    books.append((book, (4, 16), f"Tender comparison \u2014 {tender}", f"Tender comparison \u2014 {tender}", ()))

work.mkdir(parents=True, exist_ok=True)
for book, *_ in books:
    (work / (book.stem + ".pdf")).unlink(missing_ok=True)
# One conversion for all, with a private, throw-away profile: no clash with a running
# LibreOffice or a parallel test.
with tempfile.TemporaryDirectory(prefix="fairgate-lo-") as profile:
    try:
        run = subprocess.run([soffice, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                              f"-env:UserInstallation={pathlib.Path(profile).as_uri()}",
                              "--convert-to", "pdf", "--outdir", str(work)] + [str(b) for b, *_ in books],
                             capture_output=True, text=True, timeout=280, check=False)
    except subprocess.TimeoutExpired:
        sys.exit("soffice did not finish converting within 280 s")
if run.returncode != 0:
    problems.append(f"soffice exited {run.returncode}: {run.stdout} {run.stderr}")


def squeeze(text):
    """Text with runs of whitespace made one space, so wrapping does not matter."""
    return re.sub(r"\s+", " ", text).strip()


for book, (least, most), footer, first_page, held in books:
    pdf = work / (book.stem + ".pdf")
    if not pdf.is_file() or pdf.stat().st_size == 0:
        problems.append(f"soffice wrote no PDF for {book}")
        continue
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False).stdout
    pages = int(next((line.split()[1] for line in info.splitlines() if line.startswith("Pages:")), "0"))
    if not least <= pages <= most:
        problems.append(f"{pdf.name}: {pages} pages, expected {least} to {most}")
    # "Page    3 size: 841.89 x 595.304 pts (A4)" for every page: one paper, landscape.
    sizes = subprocess.run(["pdfinfo", "-f", "1", "-l", str(pages), str(pdf)],
                           capture_output=True, text=True, check=False).stdout
    papers = set()
    for line in sizes.splitlines():
        if line.startswith("Page") and " size: " in line:
            width, _, height = line.split(" size: ")[1].split()[:3]
            papers.add((round(float(width)), round(float(height))))
    if papers != {(842, 595)}:
        problems.append(f"{pdf.name}: pages are {sorted(papers)} points, expected only A4 landscape (842 x 595)")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=False).stdout
    page_texts = text.split("\f")[:pages]
    for number, page in enumerate(page_texts, 1):
        # The footer's "Page n of m" sits on the footer's line: taken out, the title reads whole.
        flat = squeeze(re.sub(r"Page \d+ of \d+", " ", page))
        if squeeze(footer) not in flat:
            problems.append(f"{pdf.name}: page {number} does not print the footer text whole: {footer!r}")
            break
    if page_texts and squeeze(first_page) not in squeeze(page_texts[0]):
        problems.append(f"{pdf.name}: page 1 does not show {first_page!r} whole")
    for wanted in held:
        if wanted not in text:
            problems.append(f"{pdf.name}: the text does not contain {wanted}")
    print(f"{book.name} -> {pdf.name}: {pages} page(s), paper {sorted(papers)}")

for p in problems:
    print("problem:", p)
sys.exit(1 if problems else 0)
