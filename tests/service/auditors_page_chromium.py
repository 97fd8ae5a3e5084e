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
API with urllib. Where Chromium or chromedriver is not installed the test is skipped
(exit 77): `scripts/install-deps.sh --test` installs Debian's `chromium chromium-driver`.
CHROMIUM and CHROMEDRIVER in the environment override /usr/bin/chromium and
/usr/bin/chromedriver.
"""

import base64
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile

SKIP = 77
CONTRACTS = 14
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # the W3C web element identifier key

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def log(message):
    print(f"[{time.monotonic() - STARTED:6.1f}s] {message}", flush=True)


STARTED = time.monotonic()


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what, predicate, timeout, interval=0.2):
    """Polls predicate() until it returns something truthy; fails after timeout seconds."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except (OSError, urllib.error.URLError, http.client.HTTPException, ValueError) as e:
            last_error = e
        time.sleep(interval)
    raise Failure(f"timed out after {timeout} s waiting for {what}"
                  + (f" (last error: {last_error})" if last_error else ""))


def tail(path, lines=40):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return "(no log)"


# --- fairgate ---------------------------------------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Service:
    def __init__(self, fairgate, source, work):
        self.fairgate, self.source, self.work = fairgate, source, work
        self.inbox = os.path.join(work, "inbox")
        self.out = os.path.join(work, "out")
        self.log_path = os.path.join(work, "fairgate.log")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.token = None

    def make_token(self, name, role):
        done = subprocess.run([self.fairgate, "serve", "token", name, role], capture_output=True, text=True,
                              timeout=30)
        check(done.returncode == 0, f"fairgate serve token failed ({done.returncode}): {done.stderr}")
        token = [l.split()[1] for l in done.stdout.splitlines() if l.startswith("#   ")]
        settings = [l for l in done.stdout.splitlines() if l.startswith(f"fairgate.token.{name}.")]
        check(len(token) == 1 and len(settings) == 3, f"unexpected output of fairgate serve token:\n{done.stdout}")
        return token[0], settings

    def start(self):
        self.token, token_lines = self.make_token("auditor", "auditor")
        config = os.path.join(self.work, "fairgate.properties")
        with open(config, "w", encoding="utf-8") as f:
            f.write("\n".join([
                f"fairgate.rules = {os.path.join(self.source, 'rules', 'bexley.xml')}",
                f"fairgate.inbox = {self.inbox}",
                f"fairgate.out = {self.out}",
                f"fairgate.db = {os.path.join(self.work, 'fairgate.sqlite')}",
                "fairgate.poll_ms = 200",
                "fairgate.http.host = 127.0.0.1",
                f"fairgate.http.port = {self.port}",
                *token_lines, ""]))
        os.makedirs(self.inbox)
        self.log_file = open(self.log_path, "wb")
        self.process = subprocess.Popen([self.fairgate, "serve", "--config", config], stdin=subprocess.DEVNULL,
                                        stdout=self.log_file, stderr=subprocess.STDOUT)

        def listening():
            check(self.process.poll() is None,
                  f"fairgate serve exited with {self.process.returncode}:\n{tail(self.log_path)}")
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                return f"listening on {self.base}/" in f.read()
        wait_for(f"fairgate to listen on {self.base}", listening, 30)
        log(f"fairgate serving on {self.base} (pid {self.process.pid})")

    def get(self, path, bearer=True, follow=True):
        request = urllib.request.Request(self.base + path)
        if bearer:
            request.add_header("Authorization", f"Bearer {self.token}")
        opener = urllib.request.build_opener() if follow else urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=30) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()

    def contracts(self):
        status, _, body = self.get("/api/v1/contracts")
        check(status == 200, f"GET /api/v1/contracts: {status} {body[:300]!r}")
        return json.loads(body)["contracts"]

    def feed_samples(self):
        shutil.copytree(os.path.join(self.source, "samples", "inbox"), self.inbox, dirs_exist_ok=True)

    def inbox_files(self):
        return [os.path.join(d, f) for d, _, files in os.walk(self.inbox) for f in files if not f.startswith(".")]

    def wait_until_judged(self, timeout=60):
        def settled():
            check(self.process.poll() is None,
                  f"fairgate serve exited with {self.process.returncode}:\n{tail(self.log_path)}")
            if self.inbox_files():
                return False
            _, _, body = self.get("/healthz", bearer=False)
            if json.loads(body).get("queue") != 0:
                return False
            contracts = self.contracts()
            return contracts if len(contracts) == CONTRACTS else False
        try:
            return wait_for(f"{CONTRACTS} contracts judged and an empty inbox", settled, timeout, 0.5)
        except Failure as e:
            left = self.inbox_files()
            raise Failure(f"{e}; files still in the inbox: {left[:5]}; contracts listed: "
                          f"{len(self.contracts())}\n{tail(self.log_path)}")

    def stop(self, timeout=20):
        """SIGTERM; returns the exit status, or None if it had to be killed."""
        if self.process is None:
            return 0
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                self.log_file.close()
                return None
        self.log_file.close()
        return self.process.returncode


# --- chromedriver ------------------------------------------------------------------------------


class WebDriverError(Failure):
    pass


class Browser:
    """Just enough of the W3C WebDriver protocol, over chromedriver's HTTP port."""

    def __init__(self, work, downloads):
        self.work, self.downloads = work, downloads
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = os.path.join(work, "chromedriver.log")
        self.profile = tempfile.mkdtemp(prefix="profile-", dir=work)
        self.driver = None
        self.session = None

    def call(self, method, path, body=None, timeout=60):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Content-Type": "application/json; charset=utf-8"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as r:
                answer = json.loads(r.read() or b"{}")
        except urllib.error.HTTPError as e:
            text = e.read()
            try:
                value = json.loads(text).get("value", {})
                message = f"{value.get('error')}: {value.get('message', '')}".splitlines()[0]
            except ValueError:
                message = text[:300]
            raise WebDriverError(f"WebDriver {method} {path}: {e.code} {message}") from None
        return answer.get("value")

    def s(self, method, path, body=None, timeout=60):
        return self.call(method, f"/session/{self.session}{path}", body, timeout)

    def start(self):
        self.log_file = open(self.log_path, "wb")
        # A session of its own, so that cleaning up can end chromedriver and every browser
        # process it started, by this group's id.
        self.driver = subprocess.Popen([CHROMEDRIVER, f"--port={self.port}", "--allowed-ips=127.0.0.1"],
                                       stdin=subprocess.DEVNULL, stdout=self.log_file, stderr=subprocess.STDOUT,
                                       start_new_session=True)
        wait_for("chromedriver to be ready", lambda: self.driver.poll() is None and self.call("GET", "/status")
                 .get("ready"), 30)
        args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1000", f"--user-data-dir={self.profile}"]
        capabilities = {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": args,
                "prefs": {"download.default_directory": self.downloads, "download.prompt_for_download": False,
                          "download.directory_upgrade": True, "safebrowsing.enabled": False},
            }}}
        answer = self.call("POST", "/session", {"capabilities": capabilities}, timeout=120)
        self.session = answer["sessionId"]
        version = answer.get("capabilities", {}).get("browserVersion", "?")
        log(f"Chromium {version} session {self.session} (chromedriver on port {self.port})")
        # Headless Chromium does not always honour the download preference: say it over CDP too.
        try:
            self.s("POST", "/chromium/send_command", {"cmd": "Browser.setDownloadBehavior",
                                                       "params": {"behavior": "allow",
                                                                  "downloadPath": self.downloads}})
        except WebDriverError as e:
            log(f"Browser.setDownloadBehavior refused ({e}); relying on the download preference")

    def go(self, url):
        self.s("POST", "/url", {"url": url})

    def url(self):
        return self.s("GET", "/url")

    def title(self):
        return self.s("GET", "/title")

    def find(self, css):
        return self.s("POST", "/element", {"using": "css selector", "value": css})[ELEMENT]

    def find_all(self, css, within=None):
        path = f"/element/{within}/elements" if within else "/elements"
        return [e[ELEMENT] for e in self.s("POST", path, {"using": "css selector", "value": css})]

    def text(self, element):
        return self.s("GET", f"/element/{element}/text")

    def attribute(self, element, name):
        return self.s("GET", f"/element/{element}/attribute/{name}")

    def prop(self, element, name):
        return self.s("GET", f"/element/{element}/property/{name}")

    def displayed(self, element):
        return self.s("GET", f"/element/{element}/displayed")

    def type(self, element, text):
        self.s("POST", f"/element/{element}/value", {"text": text})

    def click(self, element):
        self.s("POST", f"/element/{element}/click", {})

    def cookies(self):
        return self.s("GET", "/cookie")

    def screenshot(self, path):
        png = base64.b64decode(self.s("GET", "/screenshot"))
        with open(path, "wb") as f:
            f.write(png)
        return len(png)

    def quit(self):
        if self.session:
            try:
                self.call("DELETE", f"/session/{self.session}", timeout=30)
            except (Failure, OSError) as e:
                log(f"could not end the WebDriver session: {e}")
            self.session = None
        if self.driver and self.driver.poll() is None:
            try:
                os.killpg(self.driver.pid, signal.SIGTERM)
                self.driver.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.driver.pid, signal.SIGKILL)
                self.driver.wait()
            except ProcessLookupError:
                pass
        if self.driver:
            self.log_file.close()


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
    if len(sys.argv) != 4:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    fairgate, source, work = (os.path.abspath(a) for a in sys.argv[1:])
    if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
        print("SKIP: chromium/chromedriver not installed (scripts/install-deps.sh --test installs them)")
        return SKIP

    shutil.rmtree(work, ignore_errors=True)
    downloads = os.path.join(work, "downloads")
    os.makedirs(downloads)
    service = Service(fairgate, source, work)
    browser = Browser(work, downloads)
    failures = []
    try:
        service.start()
        service.feed_samples()
        contracts = service.wait_until_judged()
        log(f"{len(contracts)} contracts judged: "
            + ", ".join(f"{s} {sum(c['status'] == s for c in contracts)}" for s in ("red", "amber", "green")))
        browser.start()
        drive(service, browser, work, downloads)
    except Failure as e:
        failures.append(str(e))
    except Exception as e:  # noqa: BLE001 - report anything, then still clean up
        failures.append(f"{type(e).__name__}: {e}")
    finally:
        if failures and browser.session:
            try:
                browser.screenshot(os.path.join(work, "failure.png"))
                failures.append(f"(at {browser.url()}; screenshot {os.path.join(work, 'failure.png')})")
            except Exception:  # noqa: BLE001
                pass
        browser.quit()
        code = service.stop(20)
        if code is None:
            failures.append(f"fairgate serve did not stop within 20 s of SIGTERM (killed):\n{tail(service.log_path)}")
        elif code != 0:
            failures.append(f"fairgate serve exited with {code} after SIGTERM, expected 0:\n{tail(service.log_path)}")
        else:
            log("fairgate stopped cleanly (exit 0)")
    if failures:
        print("FAIL: " + "\n".join(failures), file=sys.stderr)
        print(f"logs: {service.log_path}, {browser.log_path}", file=sys.stderr)
        return 1
    log("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
