#!/usr/bin/python3
"""Writes the officer cases' few Excel forms, filled in as a supplier fills in the council's
template: a header block, then Ref | Question | Response | Evidence / comments.

The files are committed; run this only to change them (needs openpyxl):
    /usr/bin/python3 tests/officer-cases/make_xlsx.py   (Debian python3-openpyxl)
"""
import datetime
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "support"))
from questionnaire_xlsx import write_form  # noqa: E402

TENDER_QUESTIONS = [
    ("A1", "Full legal name of the organisation"),
    ("A2", "Companies House or charity registration number"),
    ("A3", "Number of employees in the UK"),
    ("A4", "Annual turnover (last full financial year)"),
    ("A5", "Are you a voluntary, community or social enterprise organisation?"),
    ("B1", "Do you have a written equality, diversity and inclusion policy covering all nine protected characteristics? (attach it)"),
    ("B2", "In the last three years, has any court or employment tribunal made a finding of unlawful discrimination against your organisation?"),
    ("B2a", "If yes: what have you done to prevent it happening again?"),
    ("B3", "In the last three years, has the Equality and Human Rights Commission formally investigated your organisation for alleged unlawful discrimination?"),
    ("B3a", "If yes: the outcome and the measures taken"),
    ("B4", "Do staff delivering this contract receive equality and diversity training?"),
    ("B5", "Do you monitor your workforce by protected characteristic?"),
    ("B6", "Will you collect equality monitoring data on service users and report it each quarter, stored under UK GDPR / DPA 2018?"),
    ("B7", "Will you bind subcontractors to equivalent equality obligations?"),
    ("B8", "Can residents raise discrimination complaints through a procedure available in accessible formats?"),
    ("B9", "Will you provide service information in accessible formats, Easy Read included?"),
    ("B10", "Will you report hate incidents and discrimination linked to the service to the council?"),
    ("B11", "Will you contribute to the council's Equality Impact Assessment of the service?"),
    ("C1", "If turnover is £36m or more: have you published a Modern Slavery Act s54 statement? (give its address)"),
    ("C2", "If you have 250 or more employees: have you published your latest gender pay gap figures?"),
    ("C3", "Your Disability Confident level"),
    ("C4", "Will staff on this contract be paid at least the London Living Wage?"),
    ("C5", "Payment terms you give your subcontractors, in days"),
    ("D1", "Commitment over the contract: local people employed (FTE) (National TOMs NT1)"),
    ("D2", "long-term unemployed people hired (FTE) (NT3)"),
    ("D3", "disabled people hired (FTE) (NT6)"),
    ("D4", "weeks of apprenticeships (NT10)"),
    ("D5", "weeks of training (NT9)"),
    ("D6", "spend with voluntary, community and social enterprises"),
    ("D7", "spend with local small and medium enterprises"),
    ("D8", "staff volunteering hours in the borough"),
]
CHARACTERISTICS = ["age", "disability", "gender reassignment", "marriage and civil partnership",
                   "pregnancy and maternity", "race", "religion or belief", "sex", "sexual orientation"]
QUARTERLY_QUESTIONS = [("Q1", "Residents served in the quarter")] + [
    (f"Q2{chr(ord('a') + i)}", f"Share of service users with {c} recorded") for i, c in enumerate(CHARACTERISTICS)] + [
    ("Q3", "Discrimination complaints received"),
    ("Q4", "Of those, resolved within 28 days"),
    ("Q5", "Hate incidents reported to the council"),
    ("Q6", "Contract staff with current equality training"),
    ("Q7", "Easy Read service information available this quarter"),
    ("Q8", "Resident feedback opportunities held"),
    ("Q9", "Last accessibility review of the service"),
    ("Q10", "All contract staff paid at least the London Living Wage"),
    ("Q11", "Average days taken to pay subcontractors"),
    ("Q12a", "Delivered this quarter: local people employed (FTE) (National TOMs NT1)"),
    ("Q12b", "Delivered this quarter: long-term unemployed people hired (FTE) (NT3)"),
    ("Q12c", "Delivered this quarter: disabled people hired (FTE) (NT6)"),
    ("Q12d", "Delivered this quarter: weeks of apprenticeships (NT10)"),
    ("Q12e", "Delivered this quarter: weeks of training (NT9)"),
    ("Q12f", "Delivered this quarter: spend with voluntary, community and social enterprises"),
    ("Q12g", "Delivered this quarter: spend with local small and medium enterprises"),
    ("Q12h", "Delivered this quarter: staff volunteering hours in the borough"),
]


def form(path, title, header, questions, answers):
    write_form(path, title, header, [(ref, question, answers.get(ref), None) for ref, question in questions])


# 02: the awarded bid for BX-OT-0205, its company number typed into a number cell, so Excel
# shows 7654321 where the register (and Companies House) has 07654321.
form(HERE / "02-company-numbers/inbox/tenders/BX-OT-0205/welling-cleaning-services.xlsx",
     "London Borough of Bexley: equality and social value questionnaire",
     [("Return type", "Tender"), ("Tender reference", "BX-OT-0205"),
      ("Supplier registration number", 7654321), ("Supplier name", "Welling Cleaning Services Ltd"),
      ("Date submitted", datetime.date(2025, 6, 30))],
     TENDER_QUESTIONS,
     {"A1": "Welling Cleaning Services Ltd", "A2": 7654321, "A3": 85, "A4": 4200000, "A5": "No",
      "B1": "Yes", "B2": "No", "B3": "No", "B4": "Yes", "B5": "Yes", "B6": "Yes", "B7": "Yes", "B8": "Yes",
      "B9": "Yes", "B10": "Yes", "B11": "Yes", "C1": "N/A", "C2": "N/A", "C3": "Level 2",
      "C4": "Accredited Living Wage Employer", "C5": 30, "D1": 8, "D2": 2, "D3": 1, "D4": 208, "D5": 320,
      "D6": 80000, "D7": 400000, "D8": 800})

# 07: a quarterly return in the council's template, the period written with an en dash and
# the shares typed into percentage-formatted cells.
form(HERE / "07-what-suppliers-type/inbox/quarterly/BX-OC-0705/Q3 return - Thamesmead Youth Trust.xlsx",
     "London Borough of Bexley: quarterly equality and social value monitoring return",
     [("Return type", "Quarterly"), ("Contract reference", "BX-OC-0705"),
      ("Supplier registration number", "1190005"), ("Supplier name", "Thamesmead Youth Trust"),
      ("Reporting period", "Oct\u2013Dec 2025"), ("Date submitted", datetime.date(2026, 1, 22))],
     QUARTERLY_QUESTIONS,
     dict({"Q1": 230, "Q3": 0, "Q4": 0, "Q5": 1, "Q6": (0.92, "0%"), "Q7": "Yes", "Q8": 2,
           "Q9": datetime.date(2025, 11, 3), "Q10": "Yes", "Q11": 14, "Q12a": 0.3, "Q12b": 0.1, "Q12c": 0.1,
           "Q12d": 8, "Q12e": 12, "Q12f": 1500, "Q12g": 4000, "Q12h": 60},
          **{f"Q2{chr(ord('a') + i)}": (0.86, "0%") for i in range(9)}))
