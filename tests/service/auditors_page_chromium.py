#!/usr/bin/env python3
"""The auditors' page in a real browser: headless Chromium, driven through chromedriver.

    auditors_page_chromium.py FAIRGATE SOURCE_DIR WORK_DIR

Starts `fairgate serve` on a free port with a fresh inbox, store and output folder under
WORK_DIR (wiped first), feeds it samples/inbox and waits until the 14 sample contracts are
judged. Then, in headless Chromium: the page sends a stranger to /login; signing in with an
auditor's token shows the table of 14 contracts; the status filter narrows it to the red
ones; the first row's "Workbook" link downloads an .xlsx that is a real workbook, byte for
byte the one fairgate wrote under OUT/<contract>/; the "Sign out" button ends the session, so
its cookie no longer opens the page. The contract list's link leads to the tenders page (a
row per tender the API lists, each bidder's standing in words) and on to one tender's page.
The first red contract's id leads to its page: its status, the SVG history chart, the
findings and the workbook link, in the frame's landmarks. Leaves WORK_DIR/auditors_page.png,
contract_page.png and tenders_page.png, screenshots of the pages, and the
logs of fairgate and chromedriver. SIGTERM must then stop the service cleanly (exit 0) within
20 seconds.

Python 3 standard library only: chromedriver is spoken to through its W3C WebDriver HTTP
API with urllib (webdriver.py beside this file, shared with accessibility_chromium.py).
Where Chromium or chromedriver is not installed the test is skipped (exit 77):
`scripts/install-deps.sh --test` installs Debian's `chromium chromium-driver`.
CHROMIUM and CHROMEDRIVER in the environment override /usr/bin/chromium and
/usr/bin/chromedriver.
"""

import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
import zipfile

from webdriver import (CONTRACTS, Browser, NoRedirect, Service, check, command_line, drive_and_stop, fresh_folder,
                       log, verdict, wait_for)


# --- the test ----------------------------------------------------------------------------------


def downloaded_workbook(downloads, timeout=30):
    def landed():
        names = os.listdir(downloads)
        if any(n.endswith((".crdownload", ".tmp")) or n.startswith(".com.google.") for n in names):
            return None
        done = [n for n in names if n.endswith(".xlsx")]
        return done[0] if len(done) == 1 else None
    return wait_for(f"a downloaded .xlsx in {downloads}", landed, timeout)


def drive(service, browser, work, downloads):
    # Without a cookie the page is behind the sign-in (checked over plain HTTP first, so a
    # failure says whether the service or the browser is at fault).
    status, headers, _ = service.get("/", bearer=False, follow=False)
    check(status == 303 and headers.get("Location", "").endswith("/login"),
          f"GET / without a cookie: expected 303 to /login, got {status} Location={headers.get('Location')}")

    browser.go(service.base + "/")
    wait_for("the redirect to /login", lambda: urllib.parse.urlsplit(browser.url()).path == "/login", 10)
    check(browser.find_all("form[action='/login'][method='post']"), "the sign-in page has no form posting to /login")
    token_input = browser.find("input#token")
    check(browser.attribute(token_input, "name") == "token", "the token field is not named 'token'")
    check(browser.find_all("label[for='token']"), "the token field has no label")
    browser.type(token_input, service.token)
    browser.click(browser.find("form[action='/login'] button[type='submit']"))
    wait_for("the page after signing in", lambda: urllib.parse.urlsplit(browser.url()).path == "/", 15)
    log(f"signed in, at {browser.url()}")

    cookie = [c for c in browser.cookies() if c.get("name") == "fairgate_session"]
    check(len(cookie) == 1, f"no fairgate_session cookie after signing in: {browser.cookies()}")
    check(cookie[0].get("httpOnly") is True, f"the fairgate_session cookie is not HttpOnly: {cookie[0]}")
    check(service.token not in cookie[0].get("value", ""), "the fairgate_session cookie holds the access token")

    title = browser.title()
    check("contract compliance" in title.lower(), f"page title: expected 'Contract compliance' in it, got {title!r}")
    heading = browser.text(browser.find("h1"))
    check(heading == "Contract compliance", f"heading: expected 'Contract compliance', got {heading!r}")
    rows = browser.find_all("table tbody tr")
    check(len(rows) == CONTRACTS, f"table: expected {CONTRACTS} rows, got {len(rows)}")
    caption = browser.text(browser.find("table caption"))
    check(caption == f"{CONTRACTS} of {CONTRACTS} contracts", f"caption: got {caption!r}")
    size = browser.screenshot(os.path.join(work, "auditors_page.png"))
    log(f"{CONTRACTS} rows; screenshot {os.path.join(work, 'auditors_page.png')} ({size} bytes)")

    # The filter: status red.
    browser.click(browser.find("select#status option[value='red']"))
    check(browser.prop(browser.find("select#status"), "value") == "red", "choosing 'red' in select#status failed")
    browser.click(browser.find("form[method='get'] button[type='submit']"))
    wait_for("the filtered page",
             lambda: urllib.parse.parse_qs(urllib.parse.urlsplit(browser.url()).query).get("status") == ["red"], 15)
    check(browser.prop(browser.find("select#status"), "value") == "red",
          "after filtering, select#status no longer shows 'red'")
    rows = browser.find_all("table tbody tr")
    red = [c for c in service.contracts() if c["status"] == "red"]
    check(rows, "filtering by status red left no rows (the samples have red contracts)")
    check(len(rows) == len(red), f"filter red: {len(rows)} rows on the page, the API lists {len(red)} red contracts")
    for row in rows:
        check(browser.displayed(row), "a row of the filtered table is not displayed")
        row_class = browser.attribute(row, "class")
        check(row_class == "red", f"filter red: a row has class {row_class!r}")
    caption = browser.text(browser.find("table caption"))
    check(caption == f"{len(rows)} of {CONTRACTS} contracts", f"filtered caption: got {caption!r}")
    log(f"filter red: {len(rows)} of {CONTRACTS} rows, all class red")

    # The first row's workbook link downloads the workbook fairgate wrote.
    first = rows[0]
    contract_id = browser.text(browser.find_all("th, td", within=first)[0])  # the row header
    links = browser.find_all("a[download]", within=first)
    check(len(links) == 1, f"the row of {contract_id} has {len(links)} download links, expected 1")
    href = browser.attribute(links[0], "href")
    check(urllib.parse.urlsplit(href).path == f"/api/v1/contracts/{urllib.parse.quote(contract_id, safe='')}/workbook",
          f"the workbook link of {contract_id} is {href!r}")
    status, headers, body = service.get(urllib.parse.urlsplit(href).path)
    check(status == 200, f"GET {href} with the bearer token: {status} {body[:200]!r}")
    disposition = headers.get("Content-Disposition", "")
    check(disposition.startswith("attachment") and ".xlsx" in disposition,
          f"GET {href}: Content-Disposition {disposition!r}, expected an attachment named *.xlsx")
    browser.click(links[0])
    name = downloaded_workbook(downloads)
    path = os.path.join(downloads, name)
    with open(path, "rb") as f:
        got = f.read()
    log(f"downloaded {name} ({len(got)} bytes) for {contract_id}")
    check(zipfile.is_zipfile(path), f"{name} is not a zip file")
    with zipfile.ZipFile(path) as z:
        entries = set(z.namelist())
        check(z.testzip() is None, f"{name}: a damaged zip entry")
    for needed in ("xl/workbook.xml", "[Content_Types].xml"):
        check(needed in entries, f"{name} has no {needed}: {sorted(entries)[:10]}")
    folder = os.path.join(service.out, contract_id)
    on_disk = os.path.join(folder, name)
    held = os.listdir(folder) if os.path.isdir(folder) else "nothing"
    check(os.path.isfile(on_disk),
          f"no {on_disk}: the download's name is not that of a workbook fairgate wrote (OUT/{contract_id} holds {held})")
    with open(on_disk, "rb") as f:
        check(f.read() == got, f"the downloaded {name} differs from {on_disk}")
    check(got == body, f"the downloaded {name} differs from what GET {href} answers")

    # The contract's id links to its page: its status and why, what to do, its history as an
    # SVG chart (with its numbers as a table), and its findings with their evidence.
    browser.go(service.base + "/")
    link = browser.find(f"table tbody th a[href='/contracts/{urllib.parse.quote(contract_id, safe='')}']")
    browser.click(link)
    wait_for(f"the page of {contract_id}",
             lambda: urllib.parse.urlsplit(browser.url()).path == f"/contracts/{contract_id}", 15)
    heading = browser.text(browser.find("h1"))
    check(heading == f"Contract {contract_id}", f"contract heading: got {heading!r}")
    check(len(browser.find_all("h1")) == 1, "the contract page has more than one h1")
    status_heading = browser.text(browser.find("h2#status"))
    check(status_heading == "Status: Red", f"{contract_id} was listed red; its page says {status_heading!r}")
    check(browser.find_all("svg[role='img'] title"), f"the page of {contract_id} has no titled SVG chart")
    check(browser.find_all(f"a[href='/api/v1/contracts/{urllib.parse.quote(contract_id, safe='')}/workbook'][download]"),
          f"the page of {contract_id} has no link to its workbook")
    check(browser.find_all("main table caption"), f"the page of {contract_id} has no findings table")
    for landmark in ("header", "nav", "main#main", "footer", "a.skip[href='#main']"):
        check(browser.find_all(landmark), f"the page of {contract_id} has no {landmark}")
    browser.screenshot(os.path.join(work, "contract_page.png"))
    log(f"contract page of {contract_id}: {status_heading}; screenshot contract_page.png")

    # The contract list links to the tenders: every tender with a bid, its bidders' standing
    # in words, and each tender's own page.
    browser.go(service.base + "/")
    browser.click(browser.find("nav a[href='/tenders']"))
    wait_for("the tenders page", lambda: urllib.parse.urlsplit(browser.url()).path == "/tenders", 15)
    check(browser.text(browser.find("h1")) == "Tenders", f"tenders heading: got {browser.text(browser.find('h1'))!r}")
    status, _, body = service.get("/api/v1/tenders")
    check(status == 200, f"GET /api/v1/tenders: {status} {body[:300]!r}")
    tenders = json.loads(body)["tenders"]
    rows = browser.find_all("table tbody tr")
    check(tenders and len(rows) == len(tenders),
          f"tenders page: {len(rows)} rows, the API lists {len(tenders)} tenders")
    words = ("Can proceed", "Needs a decision", "Cannot proceed")
    for row in rows:
        text = browser.text(row)
        check(any(w in text for w in words), f"a tender row says no standing in words: {text!r}")
    browser.screenshot(os.path.join(work, "tenders_page.png"))
    live = "BX-T-2026-031"  # the sample tender no contract comes from yet
    browser.click(browser.find(f"a[href='/tenders/{live}']"))
    wait_for(f"the page of {live}", lambda: urllib.parse.urlsplit(browser.url()).path == f"/tenders/{live}", 15)
    check(browser.text(browser.find("h1")) == f"Tender {live}", f"tender heading: got {browser.text(browser.find('h1'))!r}")
    bidders = [t for t in tenders if t["id"] == live]
    check(bidders, f"GET /api/v1/tenders does not list {live}")
    columns = browser.find_all("table:first-of-type thead th[scope='col']")  # one per bidder, side by side
    check(len(columns) == bidders[0]["bidder_count"],
          f"{live}: {len(columns)} bidder columns, the API says {bidders[0]['bidder_count']}")
    rows = columns
    check(browser.find_all(f"a[href='/api/v1/tenders/{live}/workbook'][download]"),
          f"the page of {live} has no link to its comparison workbook")
    log(f"tenders page: {len(tenders)} tenders; {live}: {len(rows)} bidders with their standing")

    # Signing out with the page's button (its form carries the session's CSRF token) ends the
    # session on the server: the old cookie, sent by hand, no longer opens the page.
    session = f"fairgate_session={cookie[0]['value']}"
    browser.click(browser.find("form[action='/logout'] button[type='submit']"))
    wait_for("the sign-in page after signing out", lambda: urllib.parse.urlsplit(browser.url()).path == "/login", 15)
    request = urllib.request.Request(service.base + "/", headers={"Cookie": session})
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=30) as r:
            status = r.status
    except urllib.error.HTTPError as e:
        status = e.code
    check(status == 303, f"GET / with the signed-out session's cookie: expected 303 to /login, got {status}")
    log("signed out; the old session cookie is refused")


def main():
    fairgate, source, work = command_line(__doc__)

    fresh_folder(work, "downloads")
    downloads = os.path.join(work, "downloads")
    service = Service(fairgate, source, work)
    browser = Browser(work, downloads)

    def steps():
        service.start()
        service.feed_samples()
        contracts = service.wait_until_judged()
        log(f"{len(contracts)} contracts judged: "
            + ", ".join(f"{s} {sum(c['status'] == s for c in contracts)}" for s in ("red", "amber", "green")))
        browser.start()
        drive(service, browser, work, downloads)

    failures = drive_and_stop(service, browser, work, steps)
    return verdict(failures, f"logs: {service.log_path}, {browser.log_path}")


if __name__ == "__main__":
    sys.exit(main())
