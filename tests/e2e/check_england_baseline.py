#!/usr/bin/env python3
"""End to end: `fairgate run` judges the England baseline portfolio (tests/e2e/england-baseline)
with rules/england-baseline.xml, a rulebook whose field names, question references and
thresholds are none of Bexley's, and every outcome below follows from that rulebook and the
files in the inbox, worked out by hand (the comments give the arithmetic).

Usage: check_england_baseline.py FAIRGATE RULEBOOK INBOX WORKDIR
Python's standard library only: the store is read with sqlite3, workbooks with zipfile.
"""
import pathlib
import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile

fairgate, rulebook, inbox, work = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3]), pathlib.Path(sys.argv[4])
shutil.rmtree(work, ignore_errors=True)
out, db = work / "out", work / "fairgate.db"
problems = []

run = subprocess.run([fairgate, "run", "--rules", rulebook, "--inbox", str(inbox), "--out", str(out), "--db", str(db)],
                     capture_output=True, text=True)
summary = run.stdout + run.stderr
if run.returncode != 0:
    sys.exit(f"fairgate run exited {run.returncode}\n{summary}")

# Eight files: the register, two tender CSV/XLSX/XML sources for EB-T-001 and EB-T-002, three
# quarterly files, the gender pay gap service's data. None may be refused.
inbox_files = sorted(p for p in inbox.rglob("*") if p.is_file())
m = re.search(r"files +(\d+) found: (\d+) imported, (\d+) already imported, (\d+) quarantined", summary)
if not m:
    problems.append("the summary has no files line")
elif (int(m[1]), int(m[2]), int(m[4])) != (len(inbox_files), len(inbox_files), 0):
    problems.append(f"files line '{m[0]}': expected {len(inbox_files)} found and imported, 0 quarantined")
if "refused" in summary:
    problems.append("the summary lists a refused file")
quarantined = [p for p in (out / "quarantine").rglob("*") if p.is_file()] if (out / "quarantine").exists() else []
if quarantined:
    problems.append(f"files in quarantine: {quarantined}")
for needle in ("contracts  3 judged", "tenders    2 screened", "england-statutory-baseline 2026.1"):
    if needle not in summary:
        problems.append(f"the summary does not say '{needle}'")

con = sqlite3.connect(db)
statuses = con.execute("SELECT name, status FROM run_files").fetchall()
for name, status in statuses:
    if status != "imported":
        problems.append(f"the store records {name} as {status}")
found = {(s, r): o for s, r, o in con.execute("SELECT subject_id, rule_id, outcome FROM findings")}
rulebooks = {r for (r,) in con.execute("SELECT DISTINCT rulebook_id FROM findings")}
if rulebooks != {"england-statutory-baseline"}:
    problems.append(f"findings from rulebooks {sorted(rulebooks)}")

NA = "not-applicable"
expected = {
    # The register (contract stage).
    "contract:EB-C-001": {"CON-PAYMENT-TERMS": "pass", "CON-KPIS": "pass",  # 30 days; 3 KPIs on £12m
                          "CON-SOCIAL-VALUE-WEIGHTING": "pass", "CON-EQUALITY-CLAUSES": "pass"},  # 10%; public function, clauses
    "contract:EB-C-002": {"CON-PAYMENT-TERMS": "fail",            # 45 days > 30
                          "CON-KPIS": "fail",                     # 2 KPIs on £6.5m > £5m
                          "CON-SOCIAL-VALUE-WEIGHTING": "fail",   # 5% < 10%
                          "CON-EQUALITY-CLAUSES": NA},            # no public function
    "contract:EB-C-003": {"CON-PAYMENT-TERMS": "pass",
                          "CON-KPIS": NA,                         # £250,000, KPIs left blank
                          "CON-SOCIAL-VALUE-WEIGHTING": NA,       # direct award: no procurement reference
                          "CON-EQUALITY-CLAUSES": NA},
    # EB-T-001, the home care tender (public function): the awarded bid, an Excel form...
    "tender:EB-T-001:01234567": {"TND-PSED-DUE-REGARD": "pass", "TND-EQUALITY-POLICY": "pass",
                                 "TND-DISCRIMINATION": "pass",
                                 "TND-GENDER-PAY-GAP": "pass",    # 420 employees, published
                                 "TND-GPG-SERVICE": "pass",       # on the register by company number
                                 "TND-MODERN-SLAVERY": "pass",    # £48m, statement with its address
                                 "TND-SUBCONTRACT-PAYMENT": "pass", "TND-SOCIAL-VALUE-OFFER": "pass"},
    # ...and two losing bids in the portal's CSV export.
    "tender:EB-T-001:12340000": {"TND-PSED-DUE-REGARD": "fail",   # E2 = No on a public function
                                 "TND-DISCRIMINATION": "fail",    # finding, E3a blank
                                 "TND-GENDER-PAY-GAP": NA,        # 60 employees
                                 "TND-GPG-SERVICE": NA,
                                 "TND-MODERN-SLAVERY": NA,        # £3.2m < £36m
                                 "TND-SUBCONTRACT-PAYMENT": "fail",  # 60 days
                                 "TND-SOCIAL-VALUE-OFFER": "warn",   # nothing offered at 10%
                                 "TND-EQUALITY-POLICY": "pass"},
    "tender:EB-T-001:OC123456": {"TND-EQUALITY-POLICY": "fail",   # E1 = No
                                 "TND-DISCRIMINATION": "refer",   # finding with action described
                                 "TND-GENDER-PAY-GAP": "fail",    # 300 employees, "Not applicable"
                                 "TND-MODERN-SLAVERY": NA,        # £20m
                                 "TND-SUBCONTRACT-PAYMENT": "missing",  # 'tbc'
                                 "TND-PSED-DUE-REGARD": "pass", "TND-SOCIAL-VALUE-OFFER": "pass",
                                 "TND-GPG-SERVICE": NA},          # L1 is not Yes
    # EB-T-002, highways (no public function): one bid, an XML return.
    "tender:EB-T-002:07654321": {"TND-MODERN-SLAVERY": "warn",    # £36,000,000 exactly, Yes, no address
                                 "TND-GENDER-PAY-GAP": "pass",    # 310, published
                                 "TND-GPG-SERVICE": "refer",      # said published; not on the register
                                 "TND-PSED-DUE-REGARD": NA,
                                 "TND-SUBCONTRACT-PAYMENT": "pass",
                                 "TND-SOCIAL-VALUE-OFFER": "pass",  # 40 skills weeks at 5%
                                 "TND-EQUALITY-POLICY": "pass", "TND-DISCRIMINATION": "pass"},
    # EB-C-001: 1 Oct 2025 to 30 Sep 2028, 1096 days. 2025-Q3 ends 31 Dec 2025: 92 days, 8.39%;
    # 2025-Q4 ends 31 Mar 2026: 182 days, 16.61%. Committed: 12 hires, 200 weeks, £600,000.
    "quarterly:EB-C-001:2025-Q3": {"QTR-ON-TIME": "pass",         # 20 Jan 2026: 20 days
                                   "QTR-SUBCONTRACT-PAYMENT": "pass",  # 28 days
                                   "QTR-EQUALITY-INFORMATION": "pass",  # 85%
                                   "QTR-DISCRIMINATION-COMPLAINTS": "pass",  # 2 of 2
                                   "QTR-SV-HIRES": "pass",        # 1 against 1.01 due (fail < 0.76, warn < 0.91)
                                   "QTR-SV-SKILLS": "fail",       # 10 against 16.8 due (fail < 12.6)
                                   "QTR-SV-SPEND": "warn"},       # £40,000 against £50,365 (warn < £45,328, fail < £37,774)
    "quarterly:EB-C-001:2025-Q4": {"QTR-ON-TIME": "fail",         # 15 May 2026: 45 days
                                   "QTR-SUBCONTRACT-PAYMENT": "fail",  # 34 days
                                   "QTR-EQUALITY-INFORMATION": "missing",  # M2 not given
                                   "QTR-DISCRIMINATION-COMPLAINTS": "refer",  # 1 of 3
                                   "QTR-SV-HIRES": "pass",        # 2 against 1.99
                                   "QTR-SV-SKILLS": "fail",       # 18 against 33.2 (fail < 24.9)
                                   "QTR-SV-SPEND": "warn"},       # £85,000 against £99,635 (warn < £89,672, fail < £74,726)
    # EB-C-002: 1 Oct 2025 to 30 Sep 2027, 730 days; 12.60% then 24.93%. Committed: 40 weeks.
    "quarterly:EB-C-002:2025-Q3": {"QTR-ON-TIME": "pass",         # 30 Jan 2026: 30 days, not more
                                   "QTR-SUBCONTRACT-PAYMENT": "pass",  # 25
                                   "QTR-EQUALITY-INFORMATION": NA,
                                   "QTR-DISCRIMINATION-COMPLAINTS": NA,  # M3 = 0: M4 is not asked
                                   "QTR-SV-HIRES": NA, "QTR-SV-SPEND": NA,  # nothing committed
                                   "QTR-SV-SKILLS": "pass"},      # 6 against 5.04
    "quarterly:EB-C-002:2025-Q4": {"QTR-ON-TIME": "pass",         # 28 Apr 2026: 28 days
                                   "QTR-SUBCONTRACT-PAYMENT": "fail",  # 31
                                   "QTR-EQUALITY-INFORMATION": NA,
                                   "QTR-SV-SKILLS": "fail"},      # 7 against 9.97 (fail < 7.48)
}
for subject, rules in expected.items():
    for rule, outcome in rules.items():
        got = found.get((subject, rule))
        if got != outcome:
            problems.append(f"{subject} {rule}: expected {outcome}, found {got or 'no finding'}")

# One compliance workbook per contract, with the rulebook's own headline facts and social
# value measures (and none of Bexley's); one comparison per tender.
for contract in ("EB-C-001", "EB-C-002", "EB-C-003"):
    books = list((out / contract).glob(f"{contract} * compliance.xlsx"))
    if len(books) != 1:
        problems.append(f"{out / contract}: {len(books)} compliance workbooks, expected 1")
for tender in ("EB-T-001", "EB-T-002"):
    if not (out / "tenders" / tender / f"{tender} tender comparison.xlsx").is_file():
        problems.append(f"no tender comparison for {tender}")
books = list((out / "EB-C-001").glob("EB-C-001 * compliance.xlsx"))
if books:
    with zipfile.ZipFile(books[0]) as z:
        text = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    for label in ("People facing barriers to work hired", "Apprenticeship and training weeks",
                  "Spend with SMEs and VCSEs (£)", "KPIs set", "Payment terms (days)"):
        if label not in text:
            problems.append(f"{books[0].name} does not show '{label}'")
    for label in ("Local people employed", "London Living Wage", "Bexley"):
        if label in text:
            problems.append(f"{books[0].name} shows '{label}', which is not in this rulebook")

if problems:
    print("\n".join(problems))
    print("--- fairgate run ---\n" + summary)
    sys.exit(1)
checked = sum(len(r) for r in expected.values())
print(f"england baseline end to end: {checked} findings as expected, 3 workbooks, 2 tender comparisons, no refused file")
