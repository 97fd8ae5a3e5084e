#!/usr/bin/env python3
"""Officer cases: small inboxes with the outcomes a council officer expects, written from the
council's policy (not from the rules), checked against what `fairgate run` stored.

Usage: run_officer_cases.py [--promote] FAIRGATE RULEBOOK CASES_DIR WORK_DIR [CASE_NAME...]

With --promote, pending expectations that now agree move to expect.tsv, a `?` rule replaced by
the rule that met it and a leading "DISAGREES: ..." sentence dropped: run it after fairgate
learns what a pending row asks, and read the diff.

Each folder of CASES_DIR holding an `inbox/` is a case: `case.ini` gives the date the position
is stated at (`as_of`), `expect.tsv` the expectations that must agree, `expect-pending.tsv`
(optional) those fairgate is not expected to meet yet: they are checked and reported, never
failed on. See README.md beside this script for the columns.

Python's standard library only: the store is read with sqlite3.
Exit status: 0 when every expectation of every expect.tsv agrees; 1 otherwise, or when an
expectation file is malformed (an unknown rule id, outcome or subject is an error in either
file), or when fairgate fails to run.
"""
import configparser
import pathlib
import re
import shutil
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET

OUTCOMES = {"pass", "warn", "fail", "refer", "missing", "not-applicable", "absent"}
STATUSES = {"red", "amber", "green", "not-green", "not-red"}
COLUMNS = ["contract", "subject", "period", "rule", "outcome", "why"]
PERIOD = re.compile(r"^\d{4}-Q[1-4]$")
FIELD = re.compile(r"\b(?:q|sv|eq|fw|contract|supplier|tender)\.[a-z_]+(?:\.[a-z_]+)?\b")
REF = re.compile(r"\b([A-DQ]\d{1,2}[a-z]?)\b")


def supplier_key(typed):
    """The key fairgate compares supplier numbers by (docs/input-formats.md, Supplier
    identifiers), for the spellings the cases use: zeros a spreadsheet drops restored, case,
    spaces, dots, dashes and commas ignored, a Companies House prefix kept with its zeros."""
    s = re.sub(r"[\s.,\-\u00a0]", "", typed).upper()
    s = re.sub(r"^GB(COH|CHC)", "", s)
    if re.fullmatch(r"\d{1,8}", s) and s.strip("0"):
        return s.zfill(8)
    m = re.fullmatch(r"([A-Z]{2})(\d{1,6})", s)
    if m:
        return m[1] + m[2].zfill(6)
    return s


class Expectation:
    def __init__(self, path, line, cells):
        self.path, self.line = path, line
        self.contract, self.subject, self.period, self.rule, self.outcome, self.why = cells

    def where(self):
        return f"{self.path.parent.name}/{self.path.name}:{self.line}"

    def label(self):
        period = f" {self.period}" if self.period else ""
        return f"{self.contract} {self.subject}{period} {self.rule}"


def read_expectations(path, rule_ids, errors):
    rows = []
    if not path.exists():
        return rows
    lines = path.read_text(encoding="utf-8").splitlines()
    for n, text in enumerate(lines, start=1):
        if not text.strip() or text.startswith("#"):
            continue
        cells = text.split("\t")
        if n == 1 or cells[0] == "contract":
            if [c.strip() for c in cells] != COLUMNS:
                errors.append(f"{path}:{n}: the heading must be {' '.join(COLUMNS)} (tab-separated)")
            continue
        if len(cells) != len(COLUMNS):
            errors.append(f"{path}:{n}: {len(cells)} tab-separated cells, expected {len(COLUMNS)}")
            continue
        e = Expectation(path, n, [c.strip() for c in cells])
        where = e.where()
        if not e.contract:
            errors.append(f"{where}: no contract (or tender) reference")
        if e.rule == "STATUS":
            if e.subject != "contract" or e.period:
                errors.append(f"{where}: a STATUS row has subject 'contract' and no period")
            if not set(e.outcome.split("|")) <= STATUSES:
                errors.append(f"{where}: status '{e.outcome}' is not one of {sorted(STATUSES)}")
        else:
            if e.rule != "?" and e.rule not in rule_ids:
                errors.append(f"{where}: unknown rule id '{e.rule}' (not in the rulebook; write ? for a rule "
                              "that does not exist yet)")
            if not set(e.outcome.split("|")) <= OUTCOMES:
                errors.append(f"{where}: outcome '{e.outcome}' is not one of {sorted(OUTCOMES)}")
            if e.subject == "quarter":
                if not PERIOD.match(e.period):
                    errors.append(f"{where}: a quarter's period is written as 2025-Q3, not '{e.period}'")
            elif e.subject == "contract" or e.subject.startswith("bid:"):
                if e.period:
                    errors.append(f"{where}: only a quarter has a period")
            else:
                errors.append(f"{where}: subject '{e.subject}' is not contract, bid:<supplier id> or quarter")
        if e.rule == "?" and not re.match(r"^[A-Z][A-Z0-9-]*[0-9A-Z]", e.why):
            errors.append(f"{where}: a ? row's why starts with the clause it is matched by (e.g. 'GP-3: ...')")
        rows.append(e)
    return rows


class Store:
    def __init__(self, db):
        con = sqlite3.connect(db)
        self.findings = [dict(zip(("subject", "rule", "contract", "tender", "supplier", "period", "stage", "outcome",
                                   "message", "citations"), r))
                         for r in con.execute("SELECT subject_id, rule_id, contract_id, tender_id, supplier_id, period, "
                                              "stage, outcome, message, citations FROM findings")]
        self.evidence = {}
        for subject, rule, field in con.execute("SELECT subject_id, rule_id, field FROM finding_evidence"):
            self.evidence.setdefault((subject, rule), set()).add(field)
        self.tender_of = dict(con.execute("SELECT id, tender_id FROM contracts"))
        self.status = dict(con.execute("SELECT contract_id, status FROM run_contracts"))
        con.close()

    def subject_findings(self, e):
        if e.subject == "contract":
            return [f for f in self.findings if f["stage"] == "contract" and f["contract"] == e.contract]
        if e.subject == "quarter":
            return [f for f in self.findings
                    if f["stage"] == "quarterly" and f["contract"] == e.contract and f["period"] == e.period]
        supplier = e.subject[len("bid:"):]
        tender = self.tender_of.get(e.contract, e.contract)
        if "/" in supplier:
            tender, supplier = supplier.split("/", 1)
        key = supplier_key(supplier)
        return [f for f in self.findings if f["stage"] == "tender" and f["tender"] == tender
                and supplier_key(f["supplier"] or f["subject"].rsplit(":", 1)[-1]) == key]


def judge(e, store, field_of_ref):
    """(verdict, found, message): verdict is agree, disagree or unmatched."""
    wanted = set(e.outcome.split("|"))
    if e.rule == "STATUS":
        got = store.status.get(e.contract)
        if got is None:
            return "disagree", "no status (contract not judged)", "", e.rule
        ok = (got in wanted or ("not-green" in wanted and got != "green")
              or ("not-red" in wanted and got != "red"))
        return ("agree" if ok else "disagree"), got, "", e.rule
    found = store.subject_findings(e)
    if e.rule != "?":
        hits = [f for f in found if f["rule"] == e.rule]
        if not hits:
            return ("agree" if "absent" in wanted else "disagree"), "absent", "", e.rule
        f = hits[0]
        return ("agree" if f["outcome"] in wanted else "disagree"), f["outcome"], f["message"], f["rule"]
    # A rule that may not exist yet: matched by subject, period and the clauses the why starts
    # with, and by any field the why names that the finding's evidence cites.
    clauses = {c.strip() for c in e.why.split(":", 1)[0].split(",") if c.strip()}
    # A question reference (B11, Q12f) names its field; one the rulebook lacks matches nothing.
    fields = set(FIELD.findall(e.why)) | {field_of_ref.get(r, "no field with ref " + r) for r in REF.findall(e.why)}
    cands = [f for f in found if clauses & set(re.split(r"[\s,;]+", f["citations"]))]
    if fields:
        cands = [f for f in cands if fields & store.evidence.get((f["subject"], f["rule"]), set())]
    if not cands:
        return ("agree" if wanted == {"absent"} else "unmatched"), "no finding citing " + ", ".join(sorted(clauses)) + (
            " on " + ", ".join(sorted(fields)) if fields else ""), "", e.rule
    good = [f for f in cands if f["outcome"] in wanted]
    f = good[0] if good else cands[0]
    found_text = ", ".join(f"{c['rule']} {c['outcome']}" for c in cands)
    return ("agree" if good else "disagree"), found_text, f["message"], f["rule"]


DISAGREES = re.compile(r"^DISAGREES:.*?\.\s+(?=[A-Z][A-Z0-9-]*[0-9A-Z](?:,\s*[A-Z][A-Z0-9-]*)*:)")


def promote(case, agreed):
    """Moves the pending rows that agree (line number -> rule that met them) to expect.tsv."""
    pending_path, main_path = case / "expect-pending.tsv", case / "expect.tsv"
    lines = pending_path.read_text(encoding="utf-8").splitlines()
    kept, moved = [], []
    for number, text in enumerate(lines, start=1):
        if number not in agreed:
            kept.append(text)
            continue
        cells = text.split("\t")
        if cells[3] == "?":
            cells[3] = agreed[number]
        cells[5] = DISAGREES.sub("", cells[5])
        moved.append("\t".join(cells))
    main_lines = main_path.read_text(encoding="utf-8").splitlines() if main_path.exists() else ["\t".join(COLUMNS)]
    main_path.write_text("\n".join(main_lines + moved) + "\n", encoding="utf-8")
    if len(kept) > 1:
        pending_path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    else:
        pending_path.unlink()
    return len(moved)


def run_case(case, fairgate, rulebook, work, rule_ids, field_of_ref, promoting=False):
    errors, report = [], []
    ini = configparser.ConfigParser()
    ini.read(case / "case.ini", encoding="utf-8")
    as_of = ini.get("case", "as_of", fallback="")
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", as_of):
        errors.append(f"{case.name}/case.ini: no [case] as_of = YYYY-MM-DD (a case states its position at a fixed date)")
    main = read_expectations(case / "expect.tsv", rule_ids, errors)
    pending = read_expectations(case / "expect-pending.tsv", rule_ids, errors)
    if not main and not pending:
        errors.append(f"{case.name}: no expectations (expect.tsv)")
    tally = {"main": [0, 0, 0], "pending": [0, 0, 0]}  # agree, total, unmatched
    if errors:
        return errors, report, tally
    out = work / case.name
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    cmd = [fairgate, "run", "--rules", str(rulebook), "--inbox", str(case / "inbox"), "--out", str(out / "out"),
           "--db", str(out / "f.db"), "--as-of", as_of]
    run = subprocess.run(cmd, capture_output=True, text=True)
    (out / "run.log").write_text(run.stdout + run.stderr, encoding="utf-8")
    if run.returncode != 0:
        errors.append(f"{case.name}: fairgate run exited {run.returncode}:\n{run.stdout}{run.stderr}")
        return errors, report, tally
    store = Store(out / "f.db")
    agreed = {}
    for kind, rows in (("main", main), ("pending", pending)):
        for e in rows:
            verdict, got, message, rule = judge(e, store, field_of_ref)
            tally[kind][1] += 1
            if verdict == "agree":
                tally[kind][0] += 1
                if kind == "pending":
                    agreed[e.line] = rule
                continue
            if verdict == "unmatched":
                tally[kind][2] += 1
            tag = {"main": "DISAGREE", "pending": "pending"}[kind]
            report.append(f"  {tag} {verdict:9} {e.where()}: {e.label()}: expected {e.outcome}, found {got}\n"
                          f"      fairgate: {message or '-'}\n      officer:  {e.why}")
    if promoting and agreed:
        report.append(f"  promoted {promote(case, agreed)} pending expectation(s) to expect.tsv")
    return errors, report, tally


def main():
    args = sys.argv[1:]
    promoting = bool(args) and args[0] == "--promote"
    if promoting:
        args = args[1:]
    if len(args) < 4:
        sys.exit(__doc__)
    fairgate, rulebook = args[0], pathlib.Path(args[1])
    cases_dir, work = pathlib.Path(args[2]), pathlib.Path(args[3])
    only = set(args[4:])
    root = ET.parse(rulebook).getroot()
    rule_ids = {r.get("id") for r in root.iter() if r.tag.split("}")[-1] == "rule"}
    field_of_ref = {f.get("ref"): f.get("name") for f in root.iter() if f.tag.split("}")[-1] == "field" and f.get("ref")}
    cases = sorted(p for p in cases_dir.iterdir() if (p / "inbox").is_dir() and (not only or p.name in only))
    if not cases:
        sys.exit(f"no cases in {cases_dir}")
    work.mkdir(parents=True, exist_ok=True)
    totals = {"main": [0, 0, 0], "pending": [0, 0, 0]}
    all_errors, failed = [], False
    for case in cases:
        errors, report, tally = run_case(case, fairgate, rulebook, work, rule_ids, field_of_ref, promoting)
        m, p = tally["main"], tally["pending"]
        line = f"{case.name}: main {m[0]}/{m[1]} agree"
        if p[1]:
            line += f"; pending {p[0]}/{p[1]} agree ({p[2]} unmatched)"
        print(line + (" -- ERROR" if errors else ""))
        for r in report:
            print(r)
        for err in errors:
            print("  ERROR " + err)
        all_errors += errors
        failed |= m[0] != m[1]
        for k in totals:
            totals[k] = [a + b for a, b in zip(totals[k], tally[k])]
    m, p = totals["main"], totals["pending"]
    print(f"\nofficer cases: {len(cases)} cases; main {m[0]}/{m[1]} expectations agree; "
          f"pending {p[0]}/{p[1]} agree ({p[2]} unmatched)")
    if all_errors:
        print(f"{len(all_errors)} error(s) in the cases: see ERROR above")
    sys.exit(1 if failed or all_errors else 0)


if __name__ == "__main__":
    main()
