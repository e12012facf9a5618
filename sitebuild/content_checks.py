"""Run the checks of every one of our Markdown extensions, and list all their problems.

The extensions check the pages and the data when a builder loads them, and the first one
that finds a problem stops the builder. `sitebuild.build_site` runs this beside the
builder (which then skips these checks), from the project folder, so that an author sees
every problem from every check in one build.

    python -m sitebuild.content_checks      # prints the problems as JSON; exit 1 if any
"""

from __future__ import annotations

import contextlib
import json
import sys
import traceback
from pathlib import Path

import markdown
import yaml

from sitebuild.errors import ContentError, ProblemsRecorded, collecting

OUR_EXTENSIONS = "sitebuild.extensions."


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving its tags (!ENV, !!python/name): only the list
    of Markdown extensions is needed, and none of ours is configured with a tag."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def our_extensions(config_file: Path) -> list[tuple[str, dict]]:
    """Our extensions listed under markdown_extensions, each with its settings."""
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    found = []
    for entry in config.get("markdown_extensions") or []:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        if isinstance(name, str) and name.startswith(OUR_EXTENSIONS):
            found.append((name, settings or {}))
    return found


def check_all(config_file: Path = Path("mkdocs.yml")) -> list[str]:
    """Every problem every extension's checks find, in the order mkdocs.yml lists them."""
    problems: list[str] = []
    with collecting() as recorded:
        for name, settings in our_extensions(config_file):
            try:
                # `abbr` too, which the glossary needs; each extension on its own, so that
                # one that stops does not keep the others from checking.
                markdown.Markdown(extensions=["abbr", name], extension_configs={name: settings})
            except ProblemsRecorded:
                pass
            except ContentError as error:
                recorded.extend(error.problems)
            except Exception:  # noqa: BLE001 (a check that crashed is reported, not hidden)
                # A check that reads data another check already found broken may crash on it:
                # the author fixes the reported problem first.
                if not recorded:
                    recorded.append(f"{name} failed unexpectedly (a bug, not your mistake; "
                                    f"please report it):\n{traceback.format_exc()}")
        problems = list(dict.fromkeys(recorded))  # each once, in order
    return problems


def main() -> int:
    # Notes an extension prints (such as unused abbreviations) go to stderr: stdout is the
    # JSON list. build_site adds them to the builder's output (the builder skips them).
    with contextlib.redirect_stdout(sys.stderr):
        problems = check_all()
    print(json.dumps(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
