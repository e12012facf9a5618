"""The external link check sorts answers as documented, shown without the internet.

Local servers on 127.0.0.1 answer 200, 301, 404, 410, 500, 429 and too slowly. The
test runs the real command (`python -m sitebuild.checks.external_link_check`, as
`make links-external` does) with the real lychee.toml and report step, on a small
generated site that links to them. It adds only what a loopback test needs: loopback
addresses allowed (lychee.toml excludes them), and short timeouts and retries.
"""

from __future__ import annotations

import http.server
import os
import re
import subprocess
import sys
import time

import pytest

from sitebuild.build_site import PROJECT_DIR
from sitebuild.errors import ContentError
from sitebuild.checks.external_links import external_addresses
from sitebuild.checks.link_report import load_accepted
from sitebuild.devtools.local_server import serve_handler

TIMEOUT = 1  # seconds per request in the test
SLOW = 3  # the slow page answers after this long: past the timeout, retries included
LOOPBACK_ARGS = "--exclude-all-private=false --max-retries 1 --retry-wait-time 1"


def _handler(routes: dict):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            status, headers, delay = routes.get(self.path, (404, {}, 0))
            time.sleep(delay)
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value() if callable(value) else value)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                self.wfile.write(b"<!doctype html><title>test page</title>")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the checker gave up waiting, as it should

        do_HEAD = do_GET

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture(scope="module")
def servers():
    """The site being linked to, and another one that a redirect leads to."""
    with serve_handler(_handler({"/final-page": (200, {}, 0)})) as elsewhere:
        routes = {
            "/ok": (200, {}, 0),
            "/moved": (301, {"Location": f"{elsewhere}/final-page"}, 0),
            "/missing": (404, {}, 0),
            "/gone": (410, {}, 0),
            "/error": (500, {}, 0),
            "/slow": (200, {}, SLOW),
            "/busy": (429, {"Retry-After": "1"}, 0),
        }
        with serve_handler(_handler(routes)) as base:
            yield {name.strip("/"): base + name for name in routes} | {
                "final": f"{elsewhere}/final-page"}


def _make_site(folder, addresses):
    """A built site of one page linking to the addresses, and contacts data with none."""
    site = folder / "site"
    site.mkdir(parents=True)
    links = "\n".join(f'<p><a href="{address}">{address}</a></p>' for address in addresses)
    (site / "index.html").write_text(f"<!doctype html><title>Home</title>\n{links}\n")
    contacts = folder / "contacts.yml"
    # Loadable like the real file (the build checks that first), but with no addresses.
    contacts.write_text("licence: CC BY 4.0\nlicence_url: ''\nservices: []\n")
    return site, contacts


def _run_check(folder, cache_dir, addresses):
    site, contacts = _make_site(folder, addresses)
    report = folder / "link-report.md"
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "sitebuild.checks.external_link_check", "--site-dir", str(site),
         "--contacts", str(contacts), "--report", str(report), "--cache-dir", str(cache_dir),
         "--timeout", str(TIMEOUT), f"--lychee-args={LOOPBACK_ARGS}"],
        cwd=PROJECT_DIR, env=env, capture_output=True, text=True)
    assert report.exists(), result.stdout + result.stderr
    return result.returncode, report.read_text(), time.monotonic() - started


def _sections(report: str) -> dict[str, list[list[str]]]:
    """Each '## Title (n)' section's table rows, as lists of cells."""
    sections, current = {}, None
    for line in report.splitlines():
        heading = re.match(r"## (.+?) \(\d+\)$", line)
        if heading:
            current = sections.setdefault(heading.group(1), [])
        elif current is not None and line.startswith("| ") and not line.startswith("| Address"):
            current.append([cell.strip() for cell in line.strip("|").split(" | ")])
    return sections


def _addresses(rows):
    return sorted(row[0] for row in rows)


def test_each_answer_is_sorted_as_documented_and_stays_so_on_a_rerun(servers, tmp_path):
    addresses = [servers[name] for name in ("ok", "moved", "missing", "gone", "error", "slow", "busy")]
    cache_dir = tmp_path / "cache"  # fresh for this test, then reused by the second run
    for run in (1, 2):
        code, report, seconds = _run_check(tmp_path / f"run{run}", cache_dir, addresses)
        sections = _sections(report)
        where = f"run {run}:\n{report}"
        assert _addresses(sections["Broken"]) == sorted([servers["missing"], servers["gone"]]), where
        # A server error and no answer in time: a person must look.
        assert _addresses(sections["Unreachable"]) == sorted([servers["error"], servers["slow"]]), where
        # A redirect is reported with the address it ends at, and does not fail the check.
        assert sections["Redirected"] == [[servers["moved"], servers["final"], "301 redirect", "`/`"]], where
        # 429 is "try later", not broken.
        assert _addresses(sections["Rate limited"]) == [servers["busy"]], where
        assert sections["Accepted"] == [] and sections["Not checked"] == [], where
        assert "1 fine." in report, where
        assert code == 1, f"broken links must fail the check; {where}"
        assert seconds < 30, f"run {run} took {seconds:.0f}s"
        # The cache records the fine address, and the rerun still reports every problem.
        assert servers["ok"] in (cache_dir / ".lycheecache").read_text()


def test_redirects_and_rate_limits_alone_do_not_fail_the_check(servers, tmp_path):
    addresses = [servers["ok"], servers["moved"], servers["busy"]]
    code, report, _ = _run_check(tmp_path, tmp_path / "cache", addresses)
    assert code == 0, report
    assert "0 broken, 0 unreachable, 1 redirected, 1 rate limited" in report


def test_a_refused_address_can_be_accepted_with_its_reason(servers, tmp_path):
    """links-accepted.toml turns a known, hand-checked refusal into 'accepted'."""
    from sitebuild.checks.external_link_check import check_external_links

    accepted = tmp_path / "accepted.toml"
    accepted.write_text(f"[[accept]]\nurl = '^{re.escape(servers['error'])}$'\nstatus = [500]\n"
                        f"reason = \"Fails for robots only; fine in a browser (checked 2026-11-29).\"\n")
    report = check_external_links({servers["error"]: ["/test/"]}, tmp_path / "report.md",
                                  tmp_path / "cache", extra_args=LOOPBACK_ARGS.split(),
                                  timeout=TIMEOUT, accepted=accepted)
    assert report.urls("accepted") == [servers["error"]] and not report.failing
    assert "checked 2026-11-29" in (tmp_path / "report.md").read_text()


def test_a_wrong_accepted_entry_names_the_file_and_the_entry(tmp_path):
    accepted = tmp_path / "links-accepted.toml"
    accepted.write_text("[[accept]]\nurl = '^https://www\\.example\\.org/'\nstatus = 403\n")
    with pytest.raises(ContentError) as failure:
        load_accepted(accepted)
    message = str(failure.value)
    assert "links-accepted.toml: [[accept]] entry 1" in message
    assert "'status' must be a list" in message and "needs a 'reason'" in message


def test_every_external_address_on_the_site_and_in_the_contacts_data_is_collected(site_dir):
    """Offline: what the weekly check will ask about, and where it says each was found."""
    places = external_addresses(site_dir, PROJECT_DIR / "data" / "contacts.yml")
    assert all(address.startswith(("https://", "http://")) for address in places)
    # A service's web address is found in the data file and on the pages that show it.
    ceop = places["https://www.ceop.police.uk/Safety-Centre/"]
    assert ceop[0].startswith("data/contacts.yml (") and "/report/ceop/" in ceop
    # Every source a contacts entry was checked against is checked too.
    assert any("source)" in place for places_ in places.values() for place in places_)
