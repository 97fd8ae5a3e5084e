#!/usr/bin/env python3
"""Bounded load test of `fairgate serve` on loopback.

C concurrent clients (default 50) upload N distinct quarterly returns (default 1,000) through
the HTTP API, each over its own keep-alive connection, every request timed. Then it checks:

  - every upload was answered 201 with file.status "imported" (no 200 duplicate: no bytes are
    sent twice), and no request failed;
  - the store (SQLite, table `files`) holds exactly N + 1 files (the returns and the register),
    all imported, with exactly the SHA-256s sent; table `returns` holds exactly as many returns
    as the uploaded files contain (an XLSX form holds one, a CSV export one a data row);
  - nothing is left in the inbox (not even a half-written upload) or in the quarantine;
  - the service logged no errors, and stops cleanly on SIGTERM (exit status 0).

and prints the wall time of the load, requests/s, latency p50/p90/p99/max, the runs the service
made (its intake batches every waiting upload into one run) and the machine.

The portfolio comes from fairgate-gen (enough contracts that N quarterly return files exist,
half XLSX forms, half CSV exports); its register is uploaded first, so every return's contract
is known, and is not timed. Each repetition starts a fresh service: new token, work folders and
SQLite store. Only the Python standard library is used. Builds nothing.

Usage: bench/service_load.py [BUILD_DIR] [options]
  BUILD_DIR            build tree with src/cli/fairgate and tools/gen/fairgate-gen
                       (default: $BUILD, else build; relative to the repository)
  --clients C          concurrent clients (default 50)
  --returns N          return files to upload (default 1000)
  --repeat R           repetitions, each with a fresh service and store; medians printed (default 1)
  --batch-files B      fairgate.batch_files: files per run (default: the service's own, 200)
  --http-threads T     fairgate.http.threads (default 64: each keep-alive client holds a thread)
  --jobs J             fairgate.jobs (default: the service's own)
  --xlsx-share F       share of returns written as XLSX forms (default 0.5)
  --seed S             generator seed (default 1)
  --timeout S          seconds any one request may take (default 600)
  --keep               keep the work folder (portfolio, logs, stores, workbooks)

Exit status: 0 when every check passed, 1 when one failed, 2 for a usage or setup problem.
Examples:
  bench/service_load.py build --repeat 3
  bench/service_load.py build --repeat 3 --batch-files 1
"""

import argparse
import contextlib
import csv
import hashlib
import http.client
import json
import os
import platform
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def die(message, status=2):
    print(f"service_load.py: {message}", file=sys.stderr)
    sys.exit(status)


def percentile(sorted_values, p):
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, -(-len(sorted_values) * p // 100))  # ceil(n * p / 100)
    return sorted_values[int(rank) - 1]


def machine():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f", {int(line.split()[1]) / 1048576:.1f} GiB RAM"
    except OSError:
        pass
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{cpus} CPUs, {cpu}{mem}, {platform.system()} {platform.release()}"


# --- the portfolio -------------------------------------------------------------------------

def returns_in(path):
    """How many returns a generated quarterly file holds: a form one, a CSV export a data row."""
    if path.suffix.lower() == ".xlsx":
        return 1
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = [r for r in csv.reader(f) if any(cell.strip() for cell in r)]
    return max(0, len(rows) - 1)  # less the heading row


def generate(gen, folder, want, xlsx_share, seed):
    """Generates portfolios until one has `want` quarterly files; returns register and files."""
    # About 2.9 quarterly files a contract at share 0.5 (forms one a quarter, the rest in one CSV).
    per_contract = 4 * xlsx_share + (1 - (xlsx_share ** 4 if xlsx_share < 1 else 0)) if xlsx_share > 0 else 1
    contracts = max(1, int(want / max(per_contract, 1) * 1.1) + 1)
    for _ in range(8):
        out = folder / "portfolio"
        if out.exists():
            shutil.rmtree(out)
        started = time.monotonic()
        res = subprocess.run([str(gen), "--out", str(out), "--contracts", str(contracts), "--quarters", "4",
                              "--seed", str(seed), "--xlsx-share", str(xlsx_share)],
                             capture_output=True, text=True)
        if res.returncode != 0:
            die(f"fairgate-gen failed ({res.returncode}): {res.stderr.strip()}")
        files = sorted(p for p in (out / "quarterly").rglob("*") if p.is_file())
        if len(files) >= want:
            register = out / "register" / "contract-register.csv"
            if not register.is_file():
                die(f"fairgate-gen wrote no register at {register}")
            print(f"portfolio: {contracts} contracts, {len(files)} quarterly files, "
                  f"generated in {time.monotonic() - started:.1f} s; uploading {want} of them")
            return register, files[:want]
        contracts = int(contracts * want / max(len(files), 1) * 1.1) + 1
    die(f"could not generate {want} quarterly files")


# --- the service ---------------------------------------------------------------------------

class Service:
    def __init__(self, cli, work, settings):
        self.cli, self.work, self.settings = cli, work, settings
        self.proc = None
        self.port = None
        self.token = None
        self.log = work / "service.log"

    def start(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith("FAIRGATE_")}
        res = subprocess.run([str(self.cli), "serve", "token", "load", "officer"], capture_output=True, text=True,
                             env=env)
        if res.returncode != 0:
            die(f"fairgate serve token failed ({res.returncode}): {res.stderr.strip()}")
        lines = res.stdout.splitlines()
        tokens = [m.group(1) for m in (re.match(r"^#\s+([0-9a-fA-F]{16,})\s*$", l) for l in lines) if m]
        if len(tokens) != 1:
            die(f"no token in the output of fairgate serve token:\n{res.stdout}")
        self.token = tokens[0]
        config = self.work / "service.properties"
        with open(config, "w") as f:
            for key, value in self.settings.items():
                f.write(f"{key} = {value}\n")
            f.writelines(l + "\n" for l in lines if l.startswith("fairgate.token."))
        self.log_file = open(self.log, "wb")
        self.proc = subprocess.Popen([str(self.cli), "serve", "--config", str(config)], stdin=subprocess.DEVNULL,
                                     stdout=self.log_file, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            m = re.search(r"listening on http://[^\s:/]+:(\d+)/", self.log.read_text(errors="replace"))
            if m:
                self.port = int(m.group(1))
                return
            if self.proc.poll() is not None:
                die(f"the service exited with {self.proc.returncode} before listening:\n{self.log_text()}")
            time.sleep(0.05)
        self.proc.kill()
        die(f"the service did not listen within 30 s:\n{self.log_text()}")

    def log_text(self):
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def stop(self, timeout=120):
        """SIGTERM, then wait; returns (exit status or None when it had to be killed, seconds)."""
        if self.proc is None or self.proc.poll() is not None:
            return (self.proc.returncode if self.proc else None), 0.0
        started = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        try:
            status = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            status = None
        self.log_file.close()
        return status, time.monotonic() - started

    def connection(self, timeout):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def get_json(self, path):
        c = self.connection(60)
        try:
            c.request("GET", path, headers={"Authorization": f"Bearer {self.token}"})
            r = c.getresponse()
            body = r.read()
            if r.status != 200:
                raise RuntimeError(f"GET {path}: {r.status} {body[:300]!r}")
            return json.loads(body)
        finally:
            c.close()


def upload(conn, token, name, body):
    conn.request("POST", "/api/v1/returns?filename=" + urllib.parse.quote(name), body=body,
                 headers={"Authorization": f"Bearer {token}", "Content-Type": "application/octet-stream"})
    r = conn.getresponse()
    data = r.read()
    try:
        answer = json.loads(data)
    except ValueError:
        answer = {"unparsed": data[:300].decode(errors="replace")}
    return r.status, answer


# --- one repetition ------------------------------------------------------------------------

def one_run(args, cli, work, register, items, expected_returns):
    inbox, out, db = work / "inbox", work / "out", work / "store.db"
    settings = {
        "fairgate.rules": REPO / "rules" / "bexley.xml",
        "fairgate.inbox": inbox,
        "fairgate.out": out,
        "fairgate.db": db,
        "fairgate.http.host": "127.0.0.1",
        "fairgate.http.port": 0,
        "fairgate.http.threads": args.http_threads,
    }
    if args.batch_files:
        settings["fairgate.batch_files"] = args.batch_files
    if args.jobs is not None:
        settings["fairgate.jobs"] = args.jobs
    service = Service(cli, work, settings)
    failures = []
    service.start()
    try:
        # The register first, untimed: every return's contract must be known.
        conn = service.connection(args.timeout)
        status, answer = upload(conn, service.token, register.name, register.read_bytes())
        conn.close()
        if status != 201:
            failures.append(f"register upload answered {status}: {json.dumps(answer)[:300]}")

        results = [None] * len(items)  # (status, file status, seconds, returns, error)
        next_item = iter(range(len(items)))
        take = threading.Lock()
        ready = threading.Barrier(args.clients + 1)

        def client():
            conn = service.connection(args.timeout)
            ready.wait()
            while True:
                with take:
                    i = next(next_item, None)
                if i is None:
                    break
                name, body, _ = items[i]
                t0 = time.perf_counter()
                try:
                    status, answer = upload(conn, service.token, name, body)
                    file = answer.get("file", {}) if isinstance(answer, dict) else {}
                    error = "" if status == 201 else json.dumps(answer)[:300]
                    results[i] = (status, file.get("status"), time.perf_counter() - t0, file.get("returns"), error)
                except Exception as e:  # a refused, reset or timed-out connection
                    results[i] = (None, None, time.perf_counter() - t0, None, f"{type(e).__name__}: {e}")
                    conn.close()
                    conn = service.connection(args.timeout)
            conn.close()

        threads = [threading.Thread(target=client, daemon=True) for _ in range(args.clients)]
        for t in threads:
            t.start()
        ready.wait()
        t0 = time.perf_counter()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0

        runs = service.get_json("/api/v1/runs?limit=1000")["runs"]
    finally:
        exit_status, stop_seconds = service.stop()

    # --- checks ----------------------------------------------------------------------------
    by_status = {}
    for r in results:
        key = f"{r[0]} {r[1]}" if r[0] is not None else "no answer"
        by_status[key] = by_status.get(key, 0) + 1
    bad = [(items[i][0], r) for i, r in enumerate(results) if r[0] != 201 or r[1] != "imported"]
    if bad:
        failures.append(f"{len(bad)} of {len(items)} uploads not answered 201 imported: {by_status}")
        for name, r in bad[:10]:
            failures.append(f"  {name}: {r[0]} {r[1]} after {r[2]:.2f} s: {r[4]}")
    answered_returns = sum(r[3] or 0 for r in results)
    if not bad and answered_returns != expected_returns:
        failures.append(f"the answers report {answered_returns} returns imported, the files hold {expected_returns}")

    if exit_status != 0:
        failures.append(f"the service did not stop cleanly on SIGTERM: exit status {exit_status} "
                        f"after {stop_seconds:.1f} s")

    sent = {hashlib.sha256(register.read_bytes()).hexdigest()} | {sha for _, _, sha in items}
    runs_in_store = None
    try:
        with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as store:
            files = dict(store.execute("SELECT sha256, status FROM files").fetchall())
            returns = store.execute("SELECT count(*) FROM returns").fetchone()[0]
            quarterly = store.execute("SELECT count(*) FROM returns WHERE kind = 'quarterly'").fetchone()[0]
            runs_in_store = store.execute("SELECT count(*) FROM runs").fetchone()[0]
            run_states = dict(store.execute("SELECT status, count(*) FROM runs GROUP BY status").fetchall())
            taken, distinct = store.execute("SELECT count(*), count(DISTINCT sha256) FROM run_files").fetchone()
        if taken != len(items) + 1 or distinct != len(items) + 1:
            failures.append(f"the runs took {taken} files ({distinct} distinct); expected each of the "
                            f"{len(items) + 1} once")
        states = {}
        for s in files.values():
            states[s] = states.get(s, 0) + 1
        if len(files) != len(items) + 1 or states != {"imported": len(items) + 1}:
            failures.append(f"the store has {len(files)} files ({states}); expected {len(items) + 1}, all imported")
        if set(files) != sent:
            failures.append(f"the store's files differ from those sent: {len(set(files) - sent)} not sent, "
                            f"{len(sent - set(files))} missing")
        if returns != expected_returns or quarterly != expected_returns:
            failures.append(f"the store has {returns} returns ({quarterly} quarterly); the uploaded files hold "
                            f"{expected_returns}")
        if len(runs) != min(runs_in_store, 1000):  # the API lists at most 1,000
            failures.append(f"the API listed {len(runs)} runs, the store has {runs_in_store}")
        if set(run_states) != {"completed"}:
            failures.append(f"not every run completed: {run_states}")
    except sqlite3.Error as e:
        failures.append(f"cannot read the store {db}: {e}")

    left = sorted(p.name for p in inbox.iterdir()) if inbox.is_dir() else []
    if left:
        failures.append(f"{len(left)} file(s) left in the inbox: {left[:10]}")
    quarantine = out / "quarantine"
    held = sorted(p.name for p in quarantine.iterdir()) if quarantine.is_dir() else []
    if held:
        failures.append(f"{len(held)} file(s) in quarantine: {held[:10]}")

    log = service.log_text()
    error_lines = [l for l in log.splitlines() if re.search(r"\b(error|critical)\b", l[:40], re.I)]
    locked = log.count("database is locked")
    if error_lines or locked:
        failures.append(f"the service logged {len(error_lines)} error line(s), {locked} 'database is locked':")
        failures.extend("  " + l for l in error_lines[:10])

    latencies = sorted(r[2] for r in results)
    return {
        "wall": wall,
        "rps": len(items) / wall if wall > 0 else float("nan"),
        "p50": percentile(latencies, 50),
        "p90": percentile(latencies, 90),
        "p99": percentile(latencies, 99),
        "max": latencies[-1] if latencies else float("nan"),
        # Less the register's run; from the store, as the API lists at most 1,000.
        "runs": (runs_in_store if runs_in_store is not None else len(runs)) - 1,
        "stop": stop_seconds,
        "statuses": by_status,
        "failures": failures,
    }


def main():
    if {"-h", "--help"} & set(sys.argv[1:]):
        print(__doc__.strip())
        return 0
    p = argparse.ArgumentParser(prog="bench/service_load.py", add_help=False)
    p.add_argument("build", nargs="?", default=os.environ.get("BUILD", "build"))
    p.add_argument("--clients", type=int, default=50)
    p.add_argument("--returns", type=int, default=1000)
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--batch-files", type=int, default=0)
    p.add_argument("--http-threads", type=int, default=64)
    p.add_argument("--jobs", type=int, default=None)
    p.add_argument("--xlsx-share", type=float, default=0.5)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--timeout", type=float, default=600)
    p.add_argument("--keep", action="store_true")
    args = p.parse_args()
    if args.clients < 1 or args.returns < 1 or args.repeat < 1:
        die("--clients, --returns and --repeat must be at least 1")
    if not 0 <= args.xlsx_share <= 1:
        die("--xlsx-share must be between 0 and 1")

    build = Path(args.build)
    if not build.is_absolute():
        build = REPO / build
    cli, gen = build / "src" / "cli" / "fairgate", build / "tools" / "gen" / "fairgate-gen"
    for exe, target in ((cli, "fairgate"), (gen, "fairgate-gen")):
        if not os.access(exe, os.X_OK):
            die(f"{exe} not found: cmake --build {build} --target {target}")

    work = Path(tempfile.mkdtemp(prefix="fairgate-load.", dir=os.environ.get("TMPDIR")))
    try:
        print("fairgate service load test")
        print(f"machine:   {machine()}")
        print(f"work:      {work}")
        print(f"load:      {args.clients} clients, {args.returns} returns, http.threads {args.http_threads}, "
              f"batch_files {args.batch_files or 'default (200)'}, jobs {args.jobs if args.jobs is not None else 'default'}")
        register, files = generate(gen, work, args.returns, args.xlsx_share, args.seed)
        items = []
        for f in files:
            body = f.read_bytes()
            items.append((f.name, body, hashlib.sha256(body).hexdigest()))
        if len({sha for _, _, sha in items}) != len(items) or len({n for n, _, _ in items}) != len(items):
            die("the generated files are not all distinct")
        expected_returns = sum(returns_in(f) for f in files)
        print(f"uploads:   {len(items)} files, {sum(len(b) for _, b, _ in items) / 1e6:.1f} MB, "
              f"{expected_returns} returns ({sum(1 for f in files if f.suffix == '.xlsx')} XLSX forms)")

        results, failed = [], False
        for k in range(1, args.repeat + 1):
            rep = work / f"rep-{k}"
            rep.mkdir()
            r = one_run(args, cli, rep, register, items, expected_returns)
            results.append(r)
            print(f"run {k}/{args.repeat}:  {r['wall']:.2f} s, {r['rps']:.1f} req/s, latency p50 {r['p50'] * 1000:.0f} ms, "
                  f"p90 {r['p90'] * 1000:.0f} ms, p99 {r['p99'] * 1000:.0f} ms, max {r['max'] * 1000:.0f} ms; "
                  f"{r['runs']} runs ({len(items) / max(r['runs'], 1):.1f} files/run); answers {r['statuses']}; stopped in {r['stop']:.1f} s")
            for line in r["failures"]:
                print(f"  FAIL {line}")
            failed = failed or bool(r["failures"])
            if not args.keep:
                shutil.rmtree(rep, ignore_errors=True)

        def med(key):
            return statistics.median(r[key] for r in results)

        print(f"median of {len(results)}: {med('wall'):.2f} s, {med('rps'):.1f} req/s, latency p50 {med('p50') * 1000:.0f} ms, "
              f"p90 {med('p90') * 1000:.0f} ms, p99 {med('p99') * 1000:.0f} ms, max {med('max') * 1000:.0f} ms, "
              f"{med('runs'):g} runs")
        print("checks:    " + ("FAILED" if failed else
                               f"passed (every upload 201 imported, store holds {len(items) + 1} files and "
                               f"{expected_returns} returns, inbox empty, clean stop on SIGTERM)"))
        return 1 if failed else 0
    finally:
        if args.keep:
            print(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
