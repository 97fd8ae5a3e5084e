#!/usr/bin/python3
"""Writes the two Excel forms of the England baseline portfolio (inbox/), as a council using
rules/england-baseline.xml would send its template out: a header block, then a
Ref | Question | Response | Evidence / comments table whose refs and wording are the
rulebook's own (O, E, L, P, S for the tender questionnaire; M for the quarterly return).

The files are committed; run this only to change them (needs openpyxl):
    /usr/bin/python3 tests/e2e/england-baseline/make_xlsx.py   (Debian python3-openpyxl)
"""
import datetime
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent / "inbox"
sys.path.insert(0, str(HERE.parents[2] / "support"))
from questionnaire_xlsx import write_form  # noqa: E402


def form(path, title, header, questions):
    write_form(path, title, header, questions, sheet="Return")


form(HERE / "tenders/EB-T-001/northgate-care.xlsx",
     "Equality and social value questionnaire",
     [("Return type", "Tender"),
      ("Procurement reference", "EB-T-001"),
      ("Companies House number (or charity number)", "01234567"),
      ("Registered name of the organisation", "Northgate Care Ltd"),
      ("Date of submission", datetime.date(2025, 6, 20))],
     [("O3", "Number of employees on your latest gender pay gap snapshot date (5 April)", 420, None),
      ("O4", "Total turnover in your last financial year, subsidiaries included", "£48m", "Accounts to 31 March 2025"),
      ("E1", "Written equality policy covering the protected characteristics", "Yes", "EDI policy 2025.pdf"),
      ("E2", "Public sector equality duty: due regard and information", "Yes", None),
      ("E3", "Unlawful discrimination found in the last three years", "No", None),
      ("E3a", "If yes: action taken since", None, None),
      ("L1", "Gender pay gap figures published", "Yes", None),
      ("L2", "Slavery and human trafficking statement published", "Yes", None),
      ("L2a", "Web address of the statement", "https://northgate-care.example/modern-slavery-statement-2025", None),
      ("P1", "Payment terms in your subcontracts, in days", 30, None),
      ("S1", "Commitment: people facing barriers to work hired", 12, None),
      ("S2", "Commitment: apprenticeship and training weeks", 200, None),
      ("S3", "Commitment: supply chain spend with SMEs and VCSEs", "£600,000", None)])

form(HERE / "quarterly/EB-C-001/EB-C-001_2025-Q3.xlsx",
     "Contract monitoring return",
     [("Return type", "Quarterly"),
      ("Contract reference", "EB-C-001"),
      ("Company number", "01234567"),
      ("Supplier name", "Northgate Care Ltd"),
      ("Quarter reported", "2025-Q3"),
      ("Date of submission", datetime.date(2026, 1, 20))],
     [("M1", "Average days to pay subcontractors' valid invoices", 28, None),
      ("M2", "Share of service users with equality monitoring information recorded", 0.85, None),
      ("M3", "Complaints of discrimination, harassment or victimisation received", 2, None),
      ("M4", "Of those, resolved by the end of the quarter", 2, None),
      ("M5", "Delivered: people facing barriers to work hired", 1, None),
      ("M6", "Delivered: apprenticeship and training weeks", 10, None),
      ("M7", "Delivered: supply chain spend with SMEs and VCSEs", 40000, None)])
