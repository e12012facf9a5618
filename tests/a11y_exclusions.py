"""The one place that lists axe-core findings the accessibility tests let through.

Each exclusion names the axe rule, a piece of the CSS selector axe reports for the element
(its "target"), and why it is acceptable. An exclusion that no longer matches anything
fails the tests, so this list cannot go stale: remove it when the problem is fixed.

Add one only for a false positive or a problem that cannot be fixed in this project,
never to make a real barrier go away. Fix real problems in overrides/ instead (see
"Accessibility fixes" in overrides/assets/stylesheets/site.css).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AxeExclusion:
    rule: str  # axe rule id, such as "color-contrast"
    target: str  # text found in the element's selector as axe reports it
    reason: str  # why letting this through is acceptable: for a reviewer to judge

    def matches(self, rule: str, target: str) -> bool:
        return rule == self.rule and self.target in target


# Nothing is excluded: every page passes the WCAG 2.0/2.1/2.2 A and AA rules as it is.
AXE_EXCLUSIONS: tuple[AxeExclusion, ...] = ()


def not_excluded(found: list[tuple[str, dict]]) -> list[str]:
    """The (where, violation) pairs no exclusion lets through, as lines to report."""
    return [f"{where}: {item['rule']} on {item['target']}: {item['why']}"
            for where, item in found
            if not any(exclusion.matches(item["rule"], item["target"]) for exclusion in AXE_EXCLUSIONS)]
