"""The GitHub workflow files are valid, least-privilege and pinned, checked offline."""

import re
import subprocess
import sys
from pathlib import Path

from sitebuild.build_site import PROJECT_DIR

GITHUB = PROJECT_DIR / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def run(*command):
    return subprocess.run(command, capture_output=True, text=True, cwd=PROJECT_DIR)


def test_workflows_match_githubs_schema():
    assert WORKFLOWS, "no workflows found"
    result = run(BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dependabot_config_matches_its_schema():
    result = run(BIN / "check-jsonschema", "--builtin-schema", "vendor.dependabot",
                 GITHUB / "dependabot.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing():
    result = run(BIN / "zizmor", "--offline", "--no-progress", GITHUB)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_to_a_commit():
    for workflow in WORKFLOWS:
        for line in workflow.read_text().splitlines():
            match = re.search(r"uses:\s*(\S+)", line)
            if match:
                assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", match.group(1)), \
                    f"{workflow.name}: {match.group(1)} is not pinned to a full commit SHA"


def test_workflows_default_to_read_only():
    for workflow in WORKFLOWS:
        assert re.search(r"^permissions:\n  contents: read$", workflow.read_text(), re.MULTILINE), \
            f"{workflow.name} must start from 'permissions: contents: read'"
