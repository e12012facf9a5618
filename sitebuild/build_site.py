"""Build the site, strictly, with MkDocs (the default) or with Zensical.

The one way the site is built: `make build`, `make serve`'s first build and the tests
all come through here, so a post-build step added here runs everywhere.

    python -m sitebuild.build_site                      # MkDocs into site/
    python -m sitebuild.build_site --builder zensical --site-dir /tmp/zensical-site
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from sitebuild.open_data import write_open_data

PROJECT_DIR = Path(__file__).resolve().parent.parent
# What a build reads. Zensical builds a copy of these, because it always writes to the
# site_dir named in mkdocs.yml.
SOURCES = ("mkdocs.yml", "docs", "overrides", "sitebuild", "data")


class BuildFailed(RuntimeError):
    def __init__(self, builder: str, output: str):
        super().__init__(f"{builder} build failed:\n{output}")
        self.output = output


def _run(command: list[str], cwd: Path) -> str:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    output = result.stdout + result.stderr
    if result.returncode != 0:
        raise BuildFailed(command[2], output)
    return output


def build_with_mkdocs(project_dir: Path, site_dir: Path) -> str:
    return _run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
                 "--site-dir", str(site_dir.resolve())], cwd=project_dir)


def build_with_zensical(project_dir: Path, site_dir: Path) -> str:
    with tempfile.TemporaryDirectory(prefix="zensical-build-") as scratch:
        copy = Path(scratch)
        for name in SOURCES:
            source = project_dir / name
            if source.is_dir():
                shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
            elif source.exists():
                shutil.copy2(source, copy / name)
        output = _run([sys.executable, "-m", "zensical", "build", "--clean", "--strict"], cwd=copy)
        if site_dir.exists():
            shutil.rmtree(site_dir)
        shutil.copytree(copy / "site", site_dir)
    return output


def build(builder: str = "mkdocs", site_dir: Path | None = None,
          project_dir: Path = PROJECT_DIR) -> str:
    """Build into site_dir (default: the project's site/) and return the builder's output."""
    site_dir = Path(site_dir or project_dir / "site")
    builders = {"mkdocs": build_with_mkdocs, "zensical": build_with_zensical}
    output = builders[builder](project_dir, site_dir)
    # Post-build steps: the same for both builders.
    write_open_data(site_dir, project_dir / "data" / "contacts.yml")
    return output


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builder", choices=("mkdocs", "zensical"), default="mkdocs")
    parser.add_argument("--site-dir", type=Path, default=None)
    args = parser.parse_args()
    try:
        output = build(args.builder, args.site_dir)
    except BuildFailed as failure:
        print(failure.output, file=sys.stderr)
        return 1
    print(output, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
