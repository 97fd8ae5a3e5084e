#!/usr/bin/env python3
"""`fairgate serve` killed with SIGKILL at random moments and restarted loses no return and
duplicates none.

usage: sigkill_restart.py FAIRGATE SOURCE_DIR WORK_DIR [--kills N] [--seed S]

The sample inbox is processed twice: once by `fairgate run` (the reference), and once by the
service, which is killed (SIGKILL, no chance to clean up) N times at random moments while it
works, restarted each time, and finally stopped with SIGTERM once its inbox is empty. Then:
every sample file is in processed/ or quarantine/ exactly once and none is left in the
inbox; the store holds exactly the reference's files, contracts and returns, each once; the
latest findings are the reference's, finding for finding; and every contract workbook has
the same bytes as the reference's.
"""
import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def regular_files(folder, hidden=False):
    out = []
    for root, _, names in os.walk(folder):
        out += [os.path.join(root, n) for n in names if hidden or not n.startswith(".")]
    return out


def table(db, sql):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("fairgate")
    ap.add_argument("source")
    ap.add_argument("work")
    ap.add_argument("--kills", type=int, default=8)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    a = ap.parse_args()
    rng = random.Random(a.seed)
    print(f"seed {a.seed} (rerun with --seed {a.seed} to repeat the same kill times)")

    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    rules = os.path.join(a.source, "rules", "bexley.xml")
    samples = os.path.join(a.source, "samples", "inbox")
    env = {k: v for k, v in os.environ.items() if not k.startswith("FAIRGATE_")}

    # The reference: one `fairgate run` over the same files.
    ref_db = os.path.join(a.work, "reference.db")
    ref_out = os.path.join(a.work, "reference-out")
    run([a.fairgate, "run", "--rules", rules, "--inbox", samples, "--out", ref_out, "--db", ref_db, "--jobs", "1",
         "--log-level", "warn"], env=env)

    inbox = os.path.join(a.work, "inbox")
    out = os.path.join(a.work, "out")
    db = os.path.join(a.work, "service.db")
    shutil.copytree(samples, inbox)
    sample_names = sorted(os.path.basename(p) for p in regular_files(samples))
    config = os.path.join(a.work, "fairgate.properties")
    with open(config, "w") as f:
        f.write(f"fairgate.rules = {rules}\nfairgate.inbox = {inbox}\nfairgate.out = {out}\nfairgate.db = {db}\n"
                # One file a run and quick polls, so that kills land in every phase of the work.
                "fairgate.poll_ms = 100\nfairgate.batch_files = 1\nfairgate.jobs = 1\n"
                "fairgate.http.enabled = false\n")
    log = open(os.path.join(a.work, "serve.log"), "a")

    def start():
        return subprocess.Popen([a.fairgate, "serve", "--config", config], stdout=log, stderr=log, env=env)

    # Kill while there is work left, so every kill lands mid-batch: during an import, a
    # judgement, a workbook write or a move.
    kills = 0
    while kills < a.kills and regular_files(inbox):
        p = start()
        # Short enough that several kills land before a fast machine has taken every file
        # (a one-file run takes about 10 ms); long enough to land after start-up, mid-batch.
        delay = rng.uniform(0.05, 0.3)
        time.sleep(delay)
        p.send_signal(signal.SIGKILL)
        p.wait()
        kills += 1
        left = len(regular_files(inbox))
        print(f"kill {kills}: SIGKILL after {delay:.2f} s, {left} of {len(sample_names)} files still in the inbox")

    p = start()
    deadline = time.time() + 120
    while regular_files(inbox) and time.time() < deadline:
        time.sleep(0.2)
    time.sleep(0.5)
    p.send_signal(signal.SIGTERM)
    code = p.wait(timeout=60)
    failures = []

    def check(ok, what):
        print(("ok   " if ok else "FAIL ") + what)
        if not ok:
            failures.append(what)

    check(kills >= 3, f"{kills} kills landed while files were still waiting (at least 3 wanted)")
    check(code == 0, f"SIGTERM: the service exits 0 (got {code})")
    check(not regular_files(inbox, hidden=True), "the inbox is empty, with no temporary files left")
    leftovers = [p for p in regular_files(out, hidden=True) if ".tmp-" in os.path.basename(p)]
    check(not leftovers, f"no temporary workbooks left behind ({len(leftovers)} found: {leftovers[:3]})")
    taken = sorted(os.path.basename(p) for p in regular_files(os.path.join(out, "processed")))
    refused = sorted(os.path.basename(p) for p in regular_files(os.path.join(out, "quarantine"))
                     if not p.endswith(".reason.txt"))
    check(sorted(taken + refused) == sample_names,
          f"every sample file is in processed/ or quarantine/ exactly once ({len(taken)} + {len(refused)} of "
          f"{len(sample_names)})")

    for what, sql in [("files", "SELECT sha256, status FROM files ORDER BY sha256"),
                      ("contracts", "SELECT id FROM contracts ORDER BY id"),
                      ("returns", "SELECT id, source_sha256 FROM returns ORDER BY id"),
                      ("return values", "SELECT return_id, seq, field, canonical FROM return_values ORDER BY 1, 2"),
                      ("findings", "SELECT subject_id, rule_id, outcome, found FROM findings ORDER BY 1, 2")]:
        ours, theirs = table(db, sql), table(ref_db, sql)
        check(ours == theirs, f"{what}: the store holds the reference's {len(theirs)} rows, each once "
                              f"(service: {len(ours)})")

    # The latest workbook of every contract is byte-identical to the reference's.
    latest = table(db, "SELECT rc.contract_id, rc.workbook FROM run_contracts rc WHERE rc.run_id = "
                       "(SELECT MAX(run_id) FROM run_contracts x WHERE x.contract_id = rc.contract_id)")
    reference = dict(table(ref_db, "SELECT contract_id, workbook FROM run_contracts"))
    same = [c for c, path in latest if c in reference and open(path, "rb").read() == open(reference[c], "rb").read()]
    check(len(latest) == len(reference) and len(same) == len(reference),
          f"contract workbooks: {len(same)} of {len(reference)} byte-identical to the reference's")

    if failures:
        print(f"{len(failures)} check(s) failed; the service log is {log.name}; seed {a.seed}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
