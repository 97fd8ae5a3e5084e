"""Headless Chromium and `fairgate serve`, for the service's browser tests.

Shared by auditors_page_chromium.py and accessibility_chromium.py: a `Service` (`fairgate
serve` on a free loopback port with a fresh inbox, store and output folder, an auditor's
token, the samples fed in) and a `Browser` (chromedriver spoken to through its W3C WebDriver
HTTP API with urllib). Python 3 standard library only. CHROMIUM and CHROMEDRIVER in the
environment override /usr/bin/chromium and /usr/bin/chromedriver; `scripts/install-deps.sh
--test` installs Debian's `chromium chromium-driver`.
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

SKIP = 77
CONTRACTS = 14  # in samples/inbox
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # the W3C web element identifier key

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")


def browser_missing():
    """Why the browser tests cannot run here, or None when Chromium and chromedriver are there."""
    if os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK):
        return None
    return "chromium/chromedriver not installed (scripts/install-deps.sh --test installs them)"


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

    def get(self, path, bearer=True, follow=True, cookie=None):
        request = urllib.request.Request(self.base + path)
        if bearer:
            request.add_header("Authorization", f"Bearer {self.token}")
        if cookie:
            request.add_header("Cookie", cookie)
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

    def __init__(self, work, downloads=None):
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
        options = {"binary": CHROMIUM, "args": args}
        if self.downloads:
            options["prefs"] = {"download.default_directory": self.downloads, "download.prompt_for_download": False,
                                "download.directory_upgrade": True, "safebrowsing.enabled": False}
        capabilities = {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": options}}
        answer = self.call("POST", "/session", {"capabilities": capabilities}, timeout=120)
        self.session = answer["sessionId"]
        version = answer.get("capabilities", {}).get("browserVersion", "?")
        log(f"Chromium {version} session {self.session} (chromedriver on port {self.port})")
        if not self.downloads:
            return
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

    def cdp(self, command, params=None):
        """A Chrome DevTools Protocol command through chromedriver, and its result."""
        return self.s("POST", "/chromium/send_command_and_get_result", {"cmd": command, "params": params or {}})

    def full_page_screenshot(self, path):
        """The whole page, not just the window: Page.captureScreenshot beyond the viewport (falls
        back to the window's screenshot where chromedriver refuses the CDP command)."""
        try:
            size = self.cdp("Page.getLayoutMetrics")["cssContentSize"]
            shot = self.cdp("Page.captureScreenshot", {
                "format": "png", "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
            png = base64.b64decode(shot["data"])
        except (WebDriverError, KeyError, TypeError) as e:
            log(f"full-page screenshot refused ({e}); taking the window's")
            return self.screenshot(path)
        with open(path, "wb") as f:
            f.write(png)
        return len(png)

    def execute(self, script, *args):
        """Runs script (a function body; arguments[i] are args) in the page; returns its result."""
        return self.s("POST", "/execute/sync", {"script": script, "args": list(args)})

    def execute_async(self, script, *args, timeout=60):
        """Runs script in the page; it calls arguments[arguments.length - 1](result) when done."""
        self.s("POST", "/timeouts", {"script": int(timeout * 1000)})
        return self.s("POST", "/execute/async", {"script": script, "args": list(args)}, timeout=timeout + 30)

    def press(self, *keys):
        """Presses and releases each key in turn, as a person at the keyboard would (WebDriver
        actions: "\ue004" is Tab)."""
        actions = []
        for key in keys:
            actions += [{"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}]
        self.s("POST", "/actions", {"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})
        self.s("DELETE", "/actions")

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


def command_line(doc):
    """FAIRGATE SOURCE_DIR WORK_DIR from a browser test's command line, made absolute. Exits 2
    with the usage line of `doc` (its third line) when they are not three, and 77 (skipped)
    when Chromium or chromedriver is missing."""
    if len(sys.argv) != 4:
        print(doc.strip().splitlines()[2].strip(), file=sys.stderr)
        sys.exit(2)
    missing = browser_missing()
    if missing:
        print(f"SKIP: {missing}")
        sys.exit(SKIP)
    return tuple(os.path.abspath(a) for a in sys.argv[1:])


def fresh_folder(work, *subfolders):
    """`work` emptied, with `subfolders` made in it."""
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    for folder in subfolders:
        os.makedirs(os.path.join(work, folder))


def verdict(failures, where):
    """A browser test's exit status: 1 with each failure and `where` (its logs and files) on
    stderr, else 0 after "PASS"."""
    if failures:
        print("FAIL: " + "\n".join(failures), file=sys.stderr)
        print(where, file=sys.stderr)
        return 1
    log("PASS")
    return 0


def sign_in(service, browser, token):
    """Signs in through the page's form with `token` and waits for the contracts' page."""
    browser.go(service.base + "/login")
    browser.type(browser.find("input#token"), token)
    browser.click(browser.find("form[action='/login'] button[type='submit']"))
    wait_for("the page after signing in", lambda: urllib.parse.urlsplit(browser.url()).path == "/", 15)


def drive_and_stop(service, browser, work, steps):
    """Runs `steps()` (which starts what it needs), then always quits the browser and stops the
    service with SIGTERM, which must end it cleanly (exit 0) within 20 s. Returns the failures,
    each a message: a Failure's, any other exception's, a screenshot of the page a failure was
    on (WORK/failure.png), and the service's stop."""
    failures = []
    try:
        steps()
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
    return failures
