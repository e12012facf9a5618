"""The post-build pipeline: what happens to the site after MkDocs or Zensical wrote it.

1. SITE_STEPS write whole-site files (the open data, security.txt, the style sheet, the
   forms' Word copies).
2. Every HTML page is read once, passed through PAGE_STEPS in order, given its
   Content-Security-Policy, and written once. The policy holds the hashes of the page's
   final inline scripts, so it is applied by run() after every page step, never as a
   step in the list: a new step cannot land after it.
3. Every problem any step found, on any page, is reported at once. No page is written
   if there is one.

The site steps and shares of the pages run side by side in two forked helper processes
where that is safe (see helpers): a page step must keep no state between pages.

A page step takes a BuiltPage, may change page.html, and returns the problems it found
as "file:line: what is wrong; how to fix it".
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Callable, Iterator

from sitebuild.builder_process import can_fork
from sitebuild.errors import ContentError
from sitebuild.postbuild.built_page import BuiltPage, Site
from sitebuild.postbuild.csp import with_content_security_policy
from sitebuild.postbuild.external_link_rel import mark_page
from sitebuild.postbuild.form_docx import write_form_documents
from sitebuild.postbuild.leftover_syntax import leftovers
from sitebuild.postbuild.minify_assets import minify_own_assets
from sitebuild.postbuild.open_data import write_open_data
from sitebuild.postbuild.security_txt import write_security_txt
from sitebuild.postbuild.sheet_qr import draw_qr_codes
from sitebuild.postbuild.whitespace import squeeze
from sitebuild.sources.site_files import built_pages

PageStep = Callable[[BuiltPage], list[str]]


def _open_data(site: Site) -> None:
    write_open_data(site.site_dir, site.project_dir / "data" / "contacts.yml")


def _security_txt(site: Site) -> None:
    write_security_txt(site.site_dir, site.site_url)


def _minified_assets(site: Site) -> None:
    minify_own_assets(site.site_dir)


def _form_documents(site: Site) -> None:
    write_form_documents(site.site_dir, site.project_dir / ".cache" / "form-docx")


def fill_qr_codes(page: BuiltPage) -> list[str]:
    page.html = draw_qr_codes(page.html)
    return []


def find_raw_syntax(page: BuiltPage) -> list[str]:
    return [f"{page.where(snippet)}: {message}" for snippet, message in leftovers(page.html)]


def mark_links_to_other_sites(page: BuiltPage) -> list[str]:
    page.html = mark_page(page.html, page.site.own_host)
    return []


def drop_blank_lines(page: BuiltPage) -> list[str]:
    page.html = squeeze(page.html)
    return []


SITE_STEPS: tuple[Callable[[Site], None], ...] = (_open_data, _security_txt, _minified_assets,
                                                  _form_documents)
PAGE_STEPS: tuple[PageStep, ...] = (fill_qr_codes, find_raw_syntax, mark_links_to_other_sites,
                                    drop_blank_lines)


def add_policy(page: BuiltPage) -> list[str]:
    page.html, problems = with_content_security_policy(page.html)
    return [f"{page.name}: {problem}" for problem in problems]


def finish_page(page: BuiltPage) -> list[str]:
    """Every page step, then the policy (only on a page with no problems)."""
    problems = [problem for step in PAGE_STEPS for problem in step(page)]
    return problems or add_policy(page)


def finish_pages(pages: list[BuiltPage]) -> tuple[list[str], list[BuiltPage]]:
    """finish_page for each page: every problem found, and the pages as changed."""
    return [problem for page in pages for problem in finish_page(page)], pages


def run_site_steps(site: Site) -> None:
    for step in SITE_STEPS:
        step(site)


def run(site: Site) -> None:
    """Apply every step to the built site; raise ContentError listing every problem."""
    pages = [BuiltPage.read(path, site) for path in built_pages(site.site_dir)]
    with helpers() as pool:
        # The site steps (the forms' Word copies are most of their time) beside the page
        # steps, the pages in a few shares; on one core, one after another (see helpers).
        site_steps = pool.submit(run_site_steps, site)
        shares = [pool.submit(finish_pages, pages[start::SHARES]) for start in range(SHARES)]
        finished = [share.result() for share in shares]
        site_steps.result()  # before any page is written: the Word copies read the pages
    problems = [problem for found, _ in finished for problem in found]
    if problems:
        raise ContentError(f"The built pages have {len(problems)} problem(s):\n"
                           + "\n".join(f"  - {problem}" for problem in problems))
    for _, done in finished:
        for page in done:
            page.path.write_text(page.html, encoding="utf-8")


# Pages are shared out in this many parts, whatever the number of helpers.
SHARES = 4


class _InThisProcess:
    """What helpers() gives when it cannot fork: each job runs at once, here."""

    def submit(self, job, *args) -> Future:
        future: Future = Future()
        future.set_result(job(*args))
        return future


@contextlib.contextmanager
def helpers() -> Iterator[ProcessPoolExecutor | _InThisProcess]:
    """Two forked helper processes, so that a build on two cores (make serve, make build)
    finishes its pages in about half the time; or, with one core, or in a process that
    runs threads (forking those is unsafe: the test runner's workers) or is a daemon
    (which may not have children), this process."""
    if (os.cpu_count() or 1) < 2 or not can_fork() or multiprocessing.current_process().daemon:
        yield _InThisProcess()
        return
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("fork")) as pool:
        yield pool
