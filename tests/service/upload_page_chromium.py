#!/usr/bin/env python3
"""The officers' upload page in a real browser: headless Chromium, driven through chromedriver.

    upload_page_chromium.py FAIRGATE SOURCE_DIR WORK_DIR

Starts `fairgate serve` on a free port with an empty inbox and store under WORK_DIR (wiped
first) and tokens for an auditor and an officer. In headless Chromium, signed in as the
officer: /upload shows a labelled file field that takes several files; two sample files
(samples/inbox: the contract register and a quarterly return) are uploaded with the page's
script disabled (the form is posted whole, and the answer is the results page: both
imported, the return's contract linked); then the same two and a damaged workbook with the
script: each row fills in as its answer arrives, the refused one moves to the top, the others
say "Already imported", and the live region says it is done. Where axe-core is found (AXE_CORE,
or SOURCE_DIR/.cache/axe-core as `scripts/install-deps.sh --test` installs it), both answers
are checked with its WCAG 2.0/2.1/2.2 A and AA rules. Signed in as the auditor, /upload says
they may not upload (403). Leaves WORK_DIR/upload_page.png (the page after the scripted
upload) and upload_page_without_script.png. SIGTERM must then stop the service (exit 0).

Skipped (exit 77) where Chromium or chromedriver is not installed. Python 3 standard library
only; the Service and Browser helpers are auditors_page_chromium.py's.
"""

import os
import sys
import urllib.parse

from axe import axe_source, nodes_of, run_axe
from webdriver import (Browser, Service, check, command_line, drive_and_stop, fresh_folder, log, sign_in, verdict,
                       wait_for)

SAMPLES = ["register/contract-register.csv", "quarterly/BX-2025-0142/BX-2025-0142_2025-Q3.xlsx"]
CONTRACT = "BX-2025-0142"
ROWS = """
return Array.from(document.querySelectorAll('#results tbody tr')).map(r => ({
  verdict: r.getAttribute('data-verdict'), file: r.cells[0].textContent, what: r.cells[1].textContent,
  details: r.cells[2].textContent,
  links: Array.from(r.querySelectorAll('a')).map(a => a.getAttribute('href'))}));
"""


class OfficerService(Service):
    """The helpers' service with an officer's token besides the auditor's."""

    def make_token(self, name, role):
        token, settings = super().make_token(name, role)
        if name == "auditor":
            self.officer_token, officer_settings = super().make_token("officer", "officer")
            settings = settings + officer_settings
        return token, settings


def check_accessible(browser, axe, what):
    if axe is None:
        log(f"{what}: axe-core not found, not checked (scripts/install-deps.sh --test installs it)")
        return
    result = run_axe(browser, axe, what)
    problems = [f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(t for t, _ in list(nodes_of(v))[:3])}"
                for v in result["violations"]]
    check(not problems, f"{what}: axe-core found WCAG violations:\n  " + "\n  ".join(problems))
    log(f"{what}: no axe-core violations")


def choose_files(browser, paths):
    # WebDriver's way of choosing files: their paths, one a line, typed into the file field.
    browser.type(browser.find("input#files"), "\n".join(paths))


def drive(service, browser, work, axe):
    sign_in(service, browser, service.officer_token)
    browser.click(browser.find("nav a[href='/upload']"))
    wait_for("the upload page", lambda: urllib.parse.urlsplit(browser.url()).path == "/upload", 15)
    check(browser.text(browser.find("h1")) == "Upload returns", f"heading: {browser.text(browser.find('h1'))!r}")
    field = browser.find("input#files")
    check(browser.prop(field, "multiple") is True, "the file field does not take several files")
    check(browser.attribute(field, "name") == "files", "the file field is not named 'files'")
    check(browser.text(browser.find("label[for='files']")), "the file field has no label")
    check(not browser.find_all("#results:not([hidden])"), "an empty results table is shown before any upload")
    check_accessible(browser, axe, "the upload form")

    samples = [os.path.join(service.source, "samples", "inbox", s) for s in SAMPLES]
    names = [os.path.basename(p) for p in samples]

    # Without the script: the form posts both files together; the answer is the results page.
    browser.execute("const f = document.getElementById('upload-form'); f.replaceWith(f.cloneNode(true));")
    choose_files(browser, samples)
    browser.click(browser.find("form#upload-form button[type='submit']"))
    wait_for("the results page", lambda: browser.execute(ROWS), 60)
    rows = browser.execute(ROWS)
    check(sorted(r["file"] for r in rows) == sorted(names), f"results without the script: {rows}")
    check(all(r["what"] == "Imported" for r in rows), f"results without the script: {rows}")
    ret = [r for r in rows if r["file"] == names[1]][0]
    check(f"/contracts/{CONTRACT}" in ret["links"], f"the return's row does not link its contract: {ret}")
    check(any(l.startswith("/runs/") for l in ret["links"]), f"the return's row does not link its run: {ret}")
    summary = browser.text(browser.find("#results-summary"))
    check(summary == "2 files: 2 imported.", f"summary without the script: {summary!r}")
    browser.screenshot(os.path.join(work, "upload_page_without_script.png"))
    check_accessible(browser, axe, "the results page")
    log(f"without the script: {summary}")

    # With the script: the same two and a damaged workbook, one at a time, each row as it comes.
    broken = os.path.join(work, "broken.xlsx")
    with open(broken, "wb") as f:
        f.write(b"PK\x03\x04 this is not a workbook")
    browser.go(service.base + "/upload")
    choose_files(browser, samples + [broken])
    browser.click(browser.find("form#upload-form button[type='submit']"))
    check(urllib.parse.urlsplit(browser.url()).path == "/upload", "the scripted upload left the page")

    def finished():
        status = browser.text(browser.find("#upload-progress"))
        return status if status.startswith("Done.") else None
    status = wait_for("the live region to say the upload is done", finished, 90)
    rows = browser.execute(ROWS)
    check([r["file"] for r in rows][0] == "broken.xlsx" and rows[0]["verdict"] == "refused",
          f"the refused file is not first: {rows}")
    check("zip" in rows[0]["details"] or "workbook" in rows[0]["details"], f"no reason for the refusal: {rows[0]}")
    check(sorted(r["file"] for r in rows[1:]) == sorted(names) and all(r["what"] == "Already imported" for r in rows[1:]),
          f"the second upload of the samples: {rows}")
    check(status == "Done. 3 files: 1 refused, 2 already imported.", f"live region: {status!r}")
    check(browser.find_all("#upload-progress[role='status']"), "the progress is not in a status region")
    browser.screenshot(os.path.join(work, "upload_page.png"))
    check_accessible(browser, axe, "the page after the scripted upload")
    log(f"with the script: {status}")

    # An auditor may not upload.
    browser.click(browser.find("form[action='/logout'] button[type='submit']"))
    wait_for("signing out", lambda: urllib.parse.urlsplit(browser.url()).path == "/login", 15)
    sign_in(service, browser, service.token)
    browser.go(service.base + "/upload")
    heading = browser.text(browser.find("h1"))
    check(heading == "You may not upload returns", f"the auditor's /upload: {heading!r}")
    check(not browser.find_all("input[type='file']"), "the auditor is shown the upload form")
    status, _, _ = service.get("/upload")  # with the auditor's bearer token
    check(status == 403, f"GET /upload as the auditor: {status}")
    log("the auditor is told they may not upload (403)")


def main():
    fairgate, source, work = command_line(__doc__)

    fresh_folder(work, "downloads")
    downloads = os.path.join(work, "downloads")
    service = OfficerService(fairgate, source, work)
    browser = Browser(work, downloads)

    def steps():
        service.start()
        browser.start()
        drive(service, browser, work, axe_source(source)[0])

    failures = drive_and_stop(service, browser, work, steps)
    return verdict(failures, f"logs: {service.log_path}, {browser.log_path}")


if __name__ == "__main__":
    sys.exit(main())
