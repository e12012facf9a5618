"""A build with mistakes says so plainly: "The site was not built", then every problem
from every check at once, each as `file:line: what is wrong; how to fix it`, and never a
Python traceback."""

import os
import subprocess
import sys

import pytest

from sitebuild.build_report import builder_problems
from sitebuild.build_site import PROJECT_DIR, BuildFailed, build
from sitebuild.sources.contacts_data import check_contacts
from sitebuild.sources.yaml_list_file import read_list_file


def edit(path, old, new):
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def line_of(path, text):
    """The line number of the first line of `path` that is exactly `text`."""
    return path.read_text().splitlines().index(text) + 1


def test_every_mistake_is_listed_in_one_build_without_a_traceback(project_copy, tmp_path):
    licence = project_copy / "docs" / "about" / "licence.md"
    with licence.open("a") as page:
        page.write("\nCall [[phone:childlin]] for help.\n")
    typo_line = len(licence.read_text().splitlines())
    contacts = project_copy / "data" / "contacts.yml"
    entry_line = line_of(contacts, "  - id: childline")
    assert contacts.read_text().splitlines()[entry_line - 2] == "", "the entry follows a blank line"
    text = contacts.read_text()
    cost = text.index("    cost: Free\n", text.index("  - id: childline"))
    contacts.write_text(text[:cost] + text[cost + len("    cost: Free\n"):])
    glossary = project_copy / "data" / "glossary.yml"
    term_line = line_of(glossary, "  - term: BBC")
    edit(glossary, "    definition: The UK's public service broadcaster.\n", "")
    edit(project_copy / "docs" / "parents" / "sextortion.md", "review_due:", "review_dew:")

    # As `make build` runs it, from the (copied) project folder.
    result = subprocess.run([sys.executable, "-m", "sitebuild.build_site", "--site-dir",
                             str(tmp_path / "out")], cwd=project_copy, capture_output=True,
                            text=True, env=dict(os.environ, PYTHONPATH=str(project_copy)))
    assert result.returncode == 1
    said = result.stdout + result.stderr
    assert said.startswith("The site was not built."), said
    assert (f"docs/about/licence.md:{typo_line}: '[[phone:childlin]]': unknown contact id "
            f"'childlin'; did you mean 'childline'?") in said
    assert f"data/contacts.yml:{entry_line} (childline): field 'cost' is missing." in said
    assert f"data/glossary.yml:{term_line}: entry 2 (BBC) has no 'definition'" in said
    assert "docs/parents/sextortion.md: field 'review_due' is missing" in said
    assert "Traceback" not in said and "configuration error" not in said, said


def test_a_contacts_entry_is_named_on_the_line_it_starts(project_copy):
    contacts = project_copy / "data" / "contacts.yml"
    start = line_of(contacts, "  - id: childline")
    text = contacts.read_text()
    entry = text.index("  - id: childline")
    cost = text.index("    cost: Free\n", entry)
    contacts.write_text(text[:cost] + text[cost + len("    cost: Free\n"):])
    problem = f"{contacts.as_posix()}:{start} (childline): field 'cost' is missing."
    assert problem in check_contacts(contacts)


def test_a_glossary_entry_is_named_on_the_line_it_starts(project_copy):
    glossary = project_copy / "data" / "glossary.yml"
    start = line_of(glossary, "  - term: BBC")
    listed, problems = read_list_file(glossary, "terms", "the glossary file")
    assert not problems and listed.line(2) == start


@pytest.mark.parametrize("old, new, fix", [
    ("    cost: Free\n", "    cost: Free: always\n", "a value with a colon in it needs quotes"),
    ("    cost: Free\n", "\tcost: Free\n", "indent with spaces, not tabs"),
    ("    cost: Free\n", "     cost: Free\n", "indented further than the line above it"),
    ("  - id: childline\n", "  id: childline\n", "each entry of a list starts with '- '"),
])
def test_a_yaml_mistake_names_its_line_and_the_usual_fix(project_copy, old, new, fix):
    contacts = project_copy / "data" / "contacts.yml"
    text = contacts.read_text()
    at = text.index(old, text.index("  - id: childline"))
    contacts.write_text(text[:at] + new + text[at + len(old):])
    line = text.count("\n", 0, at) + 1
    [problem] = check_contacts(contacts)
    assert problem.startswith(f"{contacts.as_posix()}:{line}: this line cannot be read; "), problem
    assert fix in problem.split("(The YAML reader said")[0], problem


def test_a_list_entry_without_its_dash_is_named(project_copy):
    glossary = project_copy / "data" / "glossary.yml"
    line = line_of(glossary, "  - term: BBC")
    edit(glossary, "  - term: BBC\n", "  term: BBC\n")
    _, [problem] = read_list_file(glossary, "terms", "the glossary file")
    assert problem.startswith(f"{glossary.as_posix()}:{line}: this line cannot be read;"), problem


@pytest.mark.parametrize("forked", [True, False], ids=["mkdocs-forked", "mkdocs-new-python"])
def test_the_builders_own_warnings_name_the_source_file(project_copy, monkeypatch, forked):
    # MkDocs runs in a fork of the build process where that is safe, else in a new Python
    # (sitebuild/builder_process.py): the author reads the same either way.
    monkeypatch.setattr("sitebuild.builder_process.can_fork", lambda: forked)
    page = project_copy / "docs" / "about" / "licence.md"
    (project_copy / "docs" / "about" / "forgotten.md").write_text(
        page.read_text().replace("title: ", "title: Forgotten ", 1).replace("\n# ", "\n# Forgotten ", 1))
    with page.open("a") as text:
        text.write("\nSee [the missing page](nowhere.md).\n")
    line = len(page.read_text().splitlines())
    with pytest.raises(BuildFailed) as failure:
        build("mkdocs", project_copy / "out", project_dir=project_copy)
    output = failure.value.output
    assert output.startswith("The site was not built. Fix these 2 problems"), output
    assert (f"docs/about/licence.md:{line}: the link 'nowhere.md' goes to a page that does "
            f"not exist") in output
    assert "docs/about/forgotten.md: the page is not in the menus; add it under 'nav:'" in output
    assert "Traceback" not in output and "WARNING" not in output


def test_a_plain_mkdocs_abort_is_read_as_our_problems(project_copy):
    # `mkdocs build` run by hand stops while loading the first extension that finds a
    # problem, with a traceback; the build reads our message out of it.
    with (project_copy / "docs" / "about" / "licence.md").open("a") as page:
        page.write("\nCall [[phone:childlin]] for help.\n")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                             str(project_copy / "out")], cwd=project_copy, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env=dict(os.environ, PYTHONPATH=str(project_copy)))
    assert result.returncode == 1 and "Aborted with a configuration error!" in result.stdout
    problems = builder_problems(result.stdout, project_copy)
    assert len(problems) == 1, problems
    assert problems[0].startswith("docs/about/licence.md:"), problems
    assert "did you mean 'childline'?" in problems[0]
