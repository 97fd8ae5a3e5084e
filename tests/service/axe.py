"""axe-core in a page driven through WebDriver: where its script is, running it with the WCAG
2.x A and AA rules, and naming the elements it reports. Shared by accessibility_chromium.py
(every page) and upload_page_chromium.py (the upload form and its answers).

axe-core comes from the npm registry: `scripts/install-deps.sh --test` installs it into
SOURCE_DIR/.cache/axe-core/; AXE_CORE in the environment names another axe.min.js.
"""

import json
import os

from webdriver import check

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations', 'incomplete']})
  .then(r => done({version: r.testEngine && r.testEngine.version, full: JSON.stringify(r),
                   violations: r.violations, incomplete: r.incomplete, passes: r.passes.length}))
  .catch(e => done({error: String(e && e.stack || e)}));
"""


def axe_source(source):
    """(axe.min.js's text, its path), or (None, the path looked at) when it is not there."""
    path = os.environ.get("AXE_CORE") or os.path.join(source, ".cache", "axe-core", "node_modules", "axe-core",
                                                      "axe.min.js")
    if not os.path.isfile(path):
        return None, path
    with open(path, encoding="utf-8") as f:
        return f.read(), path


def run_axe(browser, axe, what):
    """Loads axe (its text) into the page the browser shows and runs it with AXE_TAGS; returns
    its answer: violations, incomplete (what it could not decide), full (the whole result as
    JSON). Fails, naming `what`, when axe does not load or cannot run."""
    loaded = browser.execute(axe + "\n;return typeof window.axe === 'object' ? window.axe.version : null;")
    check(loaded, f"{what}: axe-core did not load into the page")
    result = browser.execute_async(RUN_AXE, AXE_TAGS, timeout=120)
    check(not result.get("error"), f"{what}: axe.run failed: {result.get('error')}")
    return result


def nodes_of(result):
    """(CSS selector path, node) of each element one axe result names."""
    for node in result["nodes"]:
        yield " ".join(json.dumps(t) if not isinstance(t, str) else t for t in node["target"]), node
