"""`make check` runs every content check without a browser, Node or Java, and lists every
problem at once, naming the file."""

from __future__ import annotations

from sitebuild.build_site import PROJECT_DIR
from sitebuild.checks.check_all import built_site_problems, main

PAGE = "docs/parents/if-you-are-worried.md"  # for parents: reading grade 8 at most
HARD_PARAGRAPH = (
    "Notwithstanding considerable organisational complexities, institutional safeguarding "
    "responsibilities necessitate comprehensive multidisciplinary collaboration, systematic "
    "documentation, proportionate information sharing and continuous professional reflection "
    "regarding vulnerabilities, particularly considering intergenerational, socioeconomic, "
    "technological and psychological circumstances. ") * 12


def test_make_check_passes_on_the_project_and_names_each_problem_in_a_broken_copy(
        site_dir, project_copy, capsys):
    # The project: the build passed (site_dir), and no check that reads it finds anything.
    found = built_site_problems(site_dir, PROJECT_DIR)
    assert not any(found.values()), found

    page = project_copy / PAGE
    page.write_text(page.read_text(encoding="utf-8") + "\n" + HARD_PARAGRAPH + "\n\n"
                    "Take a screenshot of the messages as evidence.\n\n"
                    "Ask the QZXW team for help.\n", encoding="utf-8")
    assert main(["--project-dir", str(project_copy)]) == 1
    output = capsys.readouterr().err
    problems = [line for line in output.splitlines() if line.startswith("docs/")]
    assert any(p.startswith(f"{PAGE}:1: reads at grade") and "above 8" in p for p in problems), output
    assert any(p.startswith(f"{PAGE}:") and "screenshot" in p and "never gives" in p
               for p in problems), output
    assert any(p.startswith(f"{PAGE}:") and "QZXW is not in data/glossary.yml" in p
               for p in problems), output
    # Every problem at once, and only the page's: the sheet PDFs a check build leaves out
    # are not reported as broken links.
    assert len(problems) == 3, output
    assert "make check: 3 problem(s)" in output
