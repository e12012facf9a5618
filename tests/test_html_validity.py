"""Every built page is valid HTML, by the W3C Nu HTML Checker (npm vnu-jar, pinned in
package.json, run with the system Java), apart from the few errors listed below that
come from Material for MkDocs' own templates, each with its reason."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from site_pages import built_page_names
from sitebuild.build_site import PROJECT_DIR

VNU_JAR = PROJECT_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class ThemeError:
    message: str  # how the checker's message starts
    extract: str  # text in the checker's extract of the markup
    reason: str

    def matches(self, error: dict) -> bool:
        return error["message"].startswith(self.message) and self.extract in error.get("extract", "")


# Errors in Material's templates that do no harm, and would take a copy of a large
# template to remove. Anything else fails the test.
THEME_ERRORS = (
    ThemeError(
        "Attribute “autocomplete” is only allowed when the input type is",
        'class="md-toggle"',
        "Material puts autocomplete=off on the hidden checkboxes that open its drawer and "
        "search, so that Firefox does not restore them open after Back. Browsers ignore the "
        "attribute on checkboxes otherwise.",
    ),
    ThemeError(
        "Bad value “” for attribute “tabindex” on element “label”",
        'class="md-nav__link',
        "Material's nav-item.html writes an empty tabindex on section headings in the menu "
        "that must not take focus. Browsers treat an invalid tabindex as none, which is what "
        "is meant; the fix is in Material's 170-line template, not worth copying.",
    ),
    ThemeError(
        "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
        'for="__toc"',
        "On section landing pages Material leaves out the hidden table-of-contents toggle "
        "but keeps its label (the 'Table of contents' heading). The label then does nothing; "
        "nothing is lost.",
    ),
)


def _check(site_dir) -> tuple[set[str], list[dict]]:
    """The pages the checker read (relative to site_dir) and its messages."""
    java = shutil.which("java")
    if not java:
        pytest.fail("Java not found: the HTML checker needs it. Install Debian's package: "
                    "sudo apt-get install openjdk-17-jre-headless")
    if not VNU_JAR.exists():
        pytest.fail(f"{VNU_JAR.relative_to(PROJECT_DIR)} is missing: install the pinned npm "
                    "packages with `make test` (it runs `npm ci`) or `npm ci`.")
    result = subprocess.run(
        # The quick compiler only (half the processor time of a run this short; it needs a
        # larger thread stack than the checker's 512k minimum, or the schema overflows it).
        [java, "-Xss2m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU_JAR),
         "--format", "json", "--skip-non-html", "--verbose", str(site_dir)],
        capture_output=True, text=True, timeout=600,
    )
    # --verbose names each file read on stdout; the report is JSON on stderr.
    read = {Path(line).resolve().relative_to(site_dir.resolve()).as_posix()
            for line in result.stdout.splitlines() if line.strip()}
    return read, json.loads(result.stderr)["messages"]


def test_every_page_is_valid_html(site_dir):
    read, messages = _check(site_dir)
    assert read == built_page_names(site_dir), "the checker did not read every page"
    errors = [message for message in messages if message["type"] in ("error", "non-document-error")]
    unexpected = [error for error in errors if not any(known.matches(error) for known in THEME_ERRORS)]
    report = [
        f"{error['url'].split(str(site_dir), 1)[-1]}:{error.get('lastLine', '?')}: {error['message']}\n"
        f"    {error.get('extract', '').strip()[:160]}"
        for error in unexpected
    ]
    assert not report, f"{len(report)} HTML errors:\n" + "\n".join(report)
    # Each theme error is still there to be excused, so the list cannot go stale.
    for known in THEME_ERRORS:
        assert any(known.matches(error) for error in errors), \
            f"No longer seen, remove it from THEME_ERRORS: {known.message}"


def test_checker_reports_a_broken_page(tmp_path):
    """The checker runs and reports errors: a page with one known mistake fails."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head>'
        '<body><p id="a">one</p><p id="a">two</p></body></html>', encoding="utf-8")
    read, messages = _check(tmp_path)
    assert read == {"index.html"}
    assert [m["message"] for m in messages if m["type"] == "error"] == ["Duplicate ID “a”."]
