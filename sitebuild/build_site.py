"""Build the site, strictly, with MkDocs (the default) or with Zensical.

The one way the site is built: `make build`, `make serve`'s first build and the tests
all come through here, so a post-build step added here runs everywhere.

    python -m sitebuild.build_site                      # MkDocs into site/
    python -m sitebuild.build_site --builder zensical --site-dir /tmp/zensical-site

Every content check runs at once (`sitebuild.content_checks`), so that a build lists every
problem together; it runs in a process of its own beside the builder, which skips those
checks (two cores, half the wait), and its problems come first: when it finds any, the
builder is stopped rather than waited for. A failed build prints
"The site was not built" and each problem as `file:line: what is wrong; how to fix it`;
`--debug` also prints what the builder printed, tracebacks and all.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

from sitebuild.build_report import builder_problems, report, split_problems
from sitebuild.builder_process import start_builder
from sitebuild.errors import CHECKED_ELSEWHERE, ContentError
from sitebuild.postbuild import pipeline
from sitebuild.postbuild.built_page import Site
from sitebuild.postbuild.form_pdfs import write_form_pdfs_apart
from sitebuild.postbuild.print_packs import PACKS, write_packs
from sitebuild.postbuild.sheet_pdfs import printed_sheets, write_sheet_pdfs_apart

PROJECT_DIR = Path(__file__).resolve().parent.parent
# What a build reads. Zensical builds a copy of these, because it always writes to the
# site_dir named in mkdocs.yml.
SOURCES = ("mkdocs.yml", "docs", "overrides", "sitebuild", "data")
# REPOSITORY_URL: the repository's own page, whose issue form "Report a problem with this
# page" opens, such as https://github.com/OWNER/NAME. The deploy workflow sets it.
REPOSITORY_ADDRESS = re.compile(r"https://[^\s/?#]+/[^\s?#]*[^\s?#/]")


class BuildFailed(RuntimeError):
    """The site was not built. `output` is what the author reads: every problem, each as
    `file:line: what is wrong; how to fix it`; `details` is what the builder printed."""

    def __init__(self, builder: str, problems: list[str], details: str = ""):
        self.problems = problems
        self.output = report(problems)
        self.details = details
        super().__init__(f"{builder} build failed:\n{self.output}")


class ChecksFailedFirst(Exception):
    """The content checks found problems while the builder was still running, and the
    builder was stopped: those problems are what the author needs, and sooner."""


def _run(command: list[str], cwd: Path, site_url: str | None,
         repository_url: str | None = None, checks: subprocess.Popen | None = None) -> str:
    # The content checks run beside the builder (see build): it need not run them too.
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **{CHECKED_ELSEWHERE: "1"})
    if site_url is not None:
        env["SITE_URL"] = site_url  # read by mkdocs.yml (site_url: !ENV SITE_URL)
    if repository_url is not None:
        env["REPOSITORY_URL"] = repository_url  # read by mkdocs.yml (extra.repository_url)
    # One stream, so the builder's lines keep their order; into a file, so that the
    # builder never waits on a full pipe while this waits on it.
    with tempfile.TemporaryFile("w+", encoding="utf-8") as output:
        builder = start_builder(command, cwd, env, output)
        try:
            while builder.poll() is None:
                # Exit status 1: the checks found problems (sitebuild/content_checks.py).
                if checks is not None and checks.poll() == 1:
                    raise ChecksFailedFirst()
                try:
                    builder.wait(timeout=0.05)
                except subprocess.TimeoutExpired:
                    pass
        finally:
            if builder.poll() is None:
                builder.kill()
                builder.wait()
        output.seek(0)
        printed = output.read()
    if builder.returncode != 0:
        raise BuildFailed(command[2], builder_problems(printed, cwd), printed)
    return printed


def start_content_checks(project_dir: Path) -> subprocess.Popen:
    """Start every extension's checks, at once, in a process of their own."""
    env = {key: value for key, value in os.environ.items() if key != CHECKED_ELSEWHERE}
    return subprocess.Popen([sys.executable, "-m", "sitebuild.content_checks"], cwd=project_dir,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish_content_checks(checks: subprocess.Popen) -> str:
    """Wait for the content checks; raise BuildFailed listing all their problems, or
    return the notes they printed (such as abbreviations no page uses)."""
    stdout, stderr = checks.communicate()
    try:
        problems = json.loads(stdout)
    except ValueError:
        problems = None
    if checks.returncode not in (0, 1) or problems is None:
        last = (stderr.strip().splitlines() or ["no message"])[-1]
        raise BuildFailed("content checks", [f"the content checks stopped unexpectedly ({last}); "
                                             f"this is a bug, not your mistake: build with --debug "
                                             f"to see the whole of it."],
                          stdout + stderr)
    if problems:
        raise BuildFailed("content checks", problems, stderr)
    return stderr


def build_with_mkdocs(project_dir: Path, site_dir: Path, site_url: str | None,
                      repository_url: str | None = None, checks: subprocess.Popen | None = None) -> str:
    return _run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
                 "--site-dir", str(site_dir.resolve())], cwd=project_dir, site_url=site_url,
                repository_url=repository_url, checks=checks)


def copy_sources(project_dir: Path, target: Path) -> Path:
    """Copy what a build reads into target (which may exist), and return target."""
    for name in SOURCES:
        source = project_dir / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, target / name)
    return target


def build_with_zensical(project_dir: Path, site_dir: Path, site_url: str | None,
                        repository_url: str | None = None, checks: subprocess.Popen | None = None) -> str:
    with tempfile.TemporaryDirectory(prefix="zensical-build-") as scratch:
        copy = copy_sources(project_dir, Path(scratch))
        output = _run([sys.executable, "-m", "zensical", "build", "--clean", "--strict"], cwd=copy,
                      site_url=site_url, repository_url=repository_url, checks=checks)
        if site_dir.exists():
            shutil.rmtree(site_dir)
        shutil.copytree(copy / "site", site_dir)
    return output


def check_repository_url(url: str) -> None:
    """Empty (no "Report a problem" link), or the repository's https address."""
    if url and not REPOSITORY_ADDRESS.fullmatch(url):
        raise ContentError(
            f"REPOSITORY_URL is {url!r}: set it to the repository's address, such as "
            f"https://github.com/OWNER/NAME (https, no trailing slash, no ? or #), or leave "
            f"it empty for no \"Report a problem with this page\" link.")


def build(builder: str = "mkdocs", site_dir: Path | None = None,
          project_dir: Path = PROJECT_DIR, site_url: str | None = None, pdf: bool = False,
          repository_url: str | None = None) -> str:
    """Build into site_dir (default: the project's site/) and return the builder's output.

    site_url overrides the SITE_URL environment variable (the public address);
    repository_url overrides REPOSITORY_URL (the repository whose issue form each page's
    "Report a problem with this page" link opens); pdf also prints the sheet PDFs (each
    fitted to its page, with a picture of it), the form PDFs and the print packs, which
    needs Chromium."""
    site_dir = Path(site_dir or project_dir / "site")
    repository = os.environ.get("REPOSITORY_URL", "") if repository_url is None else repository_url
    try:
        check_repository_url(repository)
    except ContentError as error:
        raise BuildFailed(builder, error.problems) from error
    builders = {"mkdocs": build_with_mkdocs, "zensical": build_with_zensical}
    checks = start_content_checks(project_dir)
    try:
        output = builders[builder](project_dir, site_dir, site_url, repository_url, checks)
    except (BuildFailed, ChecksFailedFirst):
        # The content checks' list, when they found anything, says what the builder's
        # failure was about; without them, the builder's own problems. (After
        # ChecksFailedFirst they found something: this raises it.)
        finish_content_checks(checks)
        raise
    except BaseException:  # Ctrl-C, or a bug: no checks left running
        checks.kill()
        checks.wait()
        raise
    output = finish_content_checks(checks) + output
    public_url = os.environ.get("SITE_URL", "") if site_url is None else site_url
    try:
        # The same for both builders (see sitebuild/postbuild/pipeline.py).
        pipeline.run(Site(site_dir, project_dir, public_url))
    except ContentError as error:
        raise BuildFailed(builder, split_problems(str(error))) from error
    if pdf:
        # Prints the finished pages; it reads them and changes none.
        try:
            write_sheet_pdfs_apart(site_dir, project_dir)
            write_form_pdfs_apart(site_dir, project_dir)
        except ContentError as error:
            raise BuildFailed(builder, error.problems) from error
        except RuntimeError as error:
            raise BuildFailed(builder, [str(error)], str(error)) from error
        # Every PDF of a folder in one, linked from its landing page (print_packs.py).
        write_packs(site_dir)
    return output


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builder", choices=("mkdocs", "zensical"), default="mkdocs")
    parser.add_argument("--site-dir", type=Path, default=None)
    parser.add_argument("--pdf", action="store_true", help="also print the sheet and form PDFs (needs Chromium)")
    parser.add_argument("--debug", action="store_true",
                        help="on failure, also print what the builder printed, tracebacks and all")
    args = parser.parse_args()
    try:
        output = build(args.builder, args.site_dir, pdf=args.pdf)
    except BuildFailed as failure:
        if args.debug:
            print(failure.details or "".join(traceback.format_exception(failure)), file=sys.stderr)
        print(failure.output, file=sys.stderr, end="")
        return 1
    print(output, end="")
    site_dir = (args.site_dir or PROJECT_DIR / "site").resolve()
    print(f"The site is in {site_dir}/ (open index.html, or run make serve).")
    if args.pdf:
        print_pdf_report(site_dir)
    return 0


def print_pdf_report(site_dir: Path) -> None:
    """Say which PDFs, packs and pictures the build wrote, and how each sheet fits."""
    sheets = printed_sheets(site_dir)
    print(f"The {len(sheets)} sheet PDFs are in {site_dir}/sheets/NAME/NAME.pdf, each with a "
          f"picture of its page (NAME.png):")
    for sheet in sheets:
        print(f"  {sheet.pdf.relative_to(site_dir)}: type {sheet.body_pt:.1f} pt, text down to "
              f"{sheet.filled:.0%} of the page")
    forms = sorted(site_dir.glob("forms/*/*.pdf"))
    print(f"The {len(forms)} form PDFs, each beside its Word copy (.docx), are in "
          f"{site_dir}/forms/NAME/NAME.pdf:")
    for pdf in forms:
        print(f"  {pdf.relative_to(site_dir)}")
    packs = [site_dir / folder / name for folder, name in PACKS.items()
             if (site_dir / folder / name).exists()]
    print(f"The {len(packs)} print pack(s), every PDF of a folder in one:")
    for pack in packs:
        print(f"  {pack.relative_to(site_dir)}")


if __name__ == "__main__":
    sys.exit(main())
