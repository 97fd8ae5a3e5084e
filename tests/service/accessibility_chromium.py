#!/usr/bin/env python3
"""Every page of `fairgate serve` checked for accessibility in headless Chromium, with axe-core.

    accessibility_chromium.py FAIRGATE SOURCE_DIR WORK_DIR

Starts `fairgate serve` on a free port with a fresh inbox, store and output folder under
WORK_DIR (wiped first), feeds it samples/inbox and waits until the sample contracts are
judged. Then, in headless Chromium, visits each page of PAGES below (the sign-in page signed
out, the rest signed in with an auditor's token) and on each:

- runs axe-core (injected through WebDriver, not served by fairgate) with the WCAG 2.0, 2.1
  and 2.2 A and AA rules: every violation fails the test, listed with the page, the rule, its
  impact, the elements (CSS selectors) and the rule's help page;
- checks the basics a keyboard and screen-reader user needs: `html[lang]`, one `main`
  landmark, one `h1`, and that pressing Tab from the top of the page reaches a focusable
  element that shows it has the focus: a computed outline or box-shadow that can be seen
  (not `none`, not of zero width, not transparent) and that the element lacks unfocused;
- saves a full-page screenshot, WORK_DIR/screenshots/NAME.png, and axe's answer in full,
  WORK_DIR/axe/NAME.json.

A page marked optional that answers 404 is reported as "not yet served" and does not fail
the test. axe's "incomplete" results (what it could not decide, such as contrast over an
image) are listed but do not fail. SIGTERM must then stop the service cleanly (exit 0).

Skipped (exit 77) where Chromium, chromedriver or axe-core is missing: `scripts/install-deps.sh
--test` installs Debian's `chromium chromium-driver` and axe-core (pinned there) from the npm
registry into SOURCE_DIR/.cache/axe-core/. AXE_CORE in the environment names another
axe.min.js; CHROMIUM and CHROMEDRIVER override /usr/bin/chromium and /usr/bin/chromedriver.
Python 3 standard library only (webdriver.py beside this file).
"""

import json
import os
import re
import sys
import urllib.parse
from dataclasses import dataclass

from axe import axe_source, nodes_of, run_axe
from webdriver import (SKIP, Browser, Failure, Service, check, command_line, drive_and_stop, fresh_folder, log,
                       sign_in, verdict)


@dataclass(frozen=True)
class Page:
    name: str               # names its screenshot and its lines in the report
    path: str               # {contract}, {tender} and {run} are filled in from the API
    signed_in: bool = True  # visited with the session of a signed-in auditor, or signed out
    status: int = 200       # what the page must answer
    optional: bool = False  # a page still to come: a 404 is "not yet served", not a failure


# Every page a person sees. Extend this list as pages are added.
PAGES = [
    Page("login", "/login", signed_in=False),
    Page("portfolio", "/"),
    Page("portfolio-empty", "/?area=no-such-service-area"),  # a filter that matches nothing
    Page("tenders", "/tenders"),
    Page("tender", "/tenders/{tender}"),
    Page("run", "/runs/{run}"),
    Page("contract", "/contracts/{contract}"),
    Page("contract-filtered", "/contracts/{contract}?outcome=pass"),
    # An auditor may not upload: the refusal page. The form itself, as an officer sees it, is
    # checked with axe-core by upload_page_chromium.py.
    Page("upload", "/upload", status=403),
    Page("not-found", "/no-such-page", status=404),
]

TAB = "\ue004"

BASICS = """
return {
  lang: document.documentElement.getAttribute('lang'),
  mains: document.querySelectorAll('main, [role="main"]').length,
  h1s: Array.from(document.querySelectorAll('h1')).map(h => h.textContent.trim()),
  title: document.title,
};
"""

# The element that has the focus, with its focus style; then the same element's style once
# it has lost the focus, to tell a focus indicator from a border it always has.
FOCUSED = """
const e = document.activeElement;
if (!e || e === document.body || e === document.documentElement) return null;
const style = () => { const s = getComputedStyle(e);
  return {outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth, outlineColor: s.outlineColor,
          boxShadow: s.boxShadow}; };
const focused = style();
e.blur();
const unfocused = style();
const text = (e.innerText || e.value || e.getAttribute('aria-label') || '').trim().slice(0, 60);
let where = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '');
if (e.getAttribute('href')) where += `[href="${e.getAttribute('href')}"]`;
else if (e.getAttribute('name')) where += `[name="${e.getAttribute('name')}"]`;
return {element: where, text: text, focused: focused, unfocused: unfocused};
"""


def opaque(colour):
    """False for a CSS colour that cannot be seen: transparent, or of alpha 0."""
    colour = colour.strip()
    if colour in ("", "transparent"):
        return False
    m = re.fullmatch(r"rgba?\((.*)\)", colour)
    if not m:
        return True
    parts = [p for p in re.split(r"[\s,/]+", m.group(1)) if p]
    return len(parts) < 4 or float(parts[3].rstrip("%")) > 0


def outline_seen(style):
    width = re.match(r"[\d.]+", style["outlineWidth"] or "0")
    return (style["outlineStyle"] != "none" and width is not None and float(width.group()) > 0
            and opaque(style["outlineColor"]))


def shadow_seen(style):
    shadow = style["boxShadow"]
    if shadow in ("", "none"):
        return False
    colours = re.findall(r"rgba?\([^)]*\)", shadow)
    return not colours or any(opaque(c) for c in colours)


def focus_shown(focused, unfocused):
    """A focus indicator: an outline or a box-shadow that can be seen, and that the element
    does not have when it is not focused."""
    def differs(keys):
        return any(focused[k] != unfocused[k] for k in keys)
    return ((outline_seen(focused) and differs(("outlineStyle", "outlineWidth", "outlineColor")))
            or (shadow_seen(focused) and differs(("boxShadow",))))


def ids_from_api(service):
    """Real ids for the pages' paths: a red contract, its run, and a tender with bids."""
    contracts = service.contracts()
    check(contracts, "GET /api/v1/contracts lists no contract")
    contract = next((c for c in contracts if c["status"] == "red"), contracts[0])
    status, _, body = service.get("/api/v1/tenders")
    check(status == 200, f"GET /api/v1/tenders: {status} {body[:300]!r}")
    tenders = [t["id"] for t in json.loads(body)["tenders"]]
    check(tenders, "GET /api/v1/tenders lists no tender")
    tender = "BX-T-2026-031" if "BX-T-2026-031" in tenders else tenders[0]  # the sample with most bidders
    check(contract.get("run"), f"contract {contract['id']} names no run: {contract}")
    quote = lambda s: urllib.parse.quote(s, safe="")  # noqa: E731
    return {"contract": quote(contract["id"]), "run": quote(contract["run"]), "tender": quote(tender)}


def signed_in_cookie(service, browser):
    """Signs in as the auditor; the session's cookie, as a Cookie header's value."""
    sign_in(service, browser, service.token)
    cookie = [c for c in browser.cookies() if c.get("name") == "fairgate_session"]
    check(len(cookie) == 1, f"no fairgate_session cookie after signing in: {browser.cookies()}")
    log("signed in")
    return f"fairgate_session={cookie[0]['value']}"


def audit(page, url, browser, axe, work):
    """Visits url; returns (problems, notes): the failures found, and what was only noted."""
    problems, notes = [], []
    browser.go(url)
    at = urllib.parse.urlsplit(browser.url())
    wanted = urllib.parse.urlsplit(url)
    if (at.path, at.query) != (wanted.path, wanted.query):
        return [f"{page.name}: {wanted.path} ended at {browser.url()}"], notes
    shot = os.path.join(work, "screenshots", f"{page.name}.png")
    size = browser.full_page_screenshot(shot)

    # The basics.
    basics = browser.execute(BASICS)
    if not basics["lang"]:
        problems.append(f"{page.name}: <html> has no lang attribute")
    if basics["mains"] != 1:
        problems.append(f"{page.name}: {basics['mains']} main landmarks, expected 1")
    if len(basics["h1s"]) != 1:
        problems.append(f"{page.name}: {len(basics['h1s'])} h1 headings, expected 1: {basics['h1s']}")

    # axe-core.
    result = run_axe(browser, axe, page.name)
    with open(os.path.join(work, "axe", f"{page.name}.json"), "w", encoding="utf-8") as f:
        f.write(result["full"])
    for v in result["violations"]:
        for target, node in nodes_of(v):
            problems.append(f"{page.name}: axe {v['id']} ({v['impact']}): {target} — {v['help']} — {v['helpUrl']}"
                            f"\n      {node['html'][:160]}")
    for v in result["incomplete"]:
        for target, _ in nodes_of(v):
            notes.append(f"{page.name}: axe could not decide {v['id']} ({v['impact']}): {target} — {v['helpUrl']}")

    # The keyboard, on the page as loaded: Tab from the top must land on something that shows it.
    browser.go(url)
    browser.press(TAB)
    focused = browser.execute(FOCUSED)
    if focused is None:
        problems.append(f"{page.name}: Tab from the top of the page focuses nothing")
        keyboard = "Tab focuses nothing"
    else:
        f = focused["focused"]
        keyboard = (f"Tab → {focused['element']} {focused['text']!r} (focused: outline {f['outlineStyle']} "
                    f"{f['outlineWidth']} {f['outlineColor']}; box-shadow {f['boxShadow']})")
        if not focus_shown(f, focused["unfocused"]):
            u = focused["unfocused"]
            problems.append(f"{page.name}: the first element Tab reaches shows no focus (no outline or box-shadow "
                            f"that can be seen and that it lacks unfocused): {keyboard}; unfocused: outline "
                            f"{u['outlineStyle']} {u['outlineWidth']} {u['outlineColor']}; box-shadow {u['boxShadow']}")
    log(f"{page.name} {wanted.path}{'?' + wanted.query if wanted.query else ''}: title {basics['title']!r}; "
        f"axe {result['version']}: {len(result['violations'])} rules violated, {result['passes']} passed, "
        f"{len(result['incomplete'])} undecided; {keyboard}; screenshot {shot} ({size} bytes)")
    return problems, notes


def drive(service, browser, axe, work):
    ids = ids_from_api(service)
    log(f"ids for the pages: {ids}")
    problems, notes, outcome = [], [], {}
    cookie = None
    # Signed out first, then signed in: the session is opened once.
    for page in sorted(PAGES, key=lambda p: p.signed_in):
        if page.signed_in and cookie is None:
            cookie = signed_in_cookie(service, browser)
        path = page.path.format(**ids)
        status, _, body = service.get(path, bearer=False, follow=False, cookie=cookie if page.signed_in else None)
        if status == 404 and page.optional:
            log(f"{page.name} {path}: not yet served (404); optional, so not checked")
            outcome[page.name] = "not yet served"
            continue
        if status != page.status:
            problems.append(f"{page.name}: GET {path} answered {status}, expected {page.status}: {body[:200]!r}")
            outcome[page.name] = f"answered {status}"
            continue
        found, noted = audit(page, service.base + path, browser, axe, work)
        problems += found
        notes += noted
        outcome[page.name] = f"{len(found)} problems" if found else "passed"
    log("pages: " + "; ".join(f"{name} {what}" for name, what in outcome.items()))
    if notes:
        log(f"{len(notes)} things axe could not decide (not failures):\n  " + "\n  ".join(notes))
    return problems


def main():
    fairgate, source, work = command_line(__doc__)
    axe, axe_path = axe_source(source)
    if axe is None:
        print(f"SKIP: axe-core not installed: no {axe_path} (scripts/install-deps.sh --test installs it from the "
              "npm registry; AXE_CORE names another axe.min.js)")
        return SKIP

    fresh_folder(work, "screenshots", "axe")
    service = Service(fairgate, source, work)
    browser = Browser(work)

    def steps():
        service.start()
        service.feed_samples()
        contracts = service.wait_until_judged()
        log(f"{len(contracts)} contracts judged")
        browser.start()
        problems = drive(service, browser, axe, work)
        if problems:
            raise Failure(f"{len(problems)} accessibility problems:\n  " + "\n  ".join(problems))

    failures = drive_and_stop(service, browser, work, steps)
    return verdict(failures, f"screenshots: {os.path.join(work, 'screenshots')}; axe's answers: "
                             f"{os.path.join(work, 'axe')}; logs: {service.log_path}, {browser.log_path}")


if __name__ == "__main__":
    sys.exit(main())
