"""Read YAML quickly: with libyaml's parser when PyYAML has it (several times faster; every
build reads the data files and each page's front matter), and with PyYAML's own parser
again only when the text is not valid YAML, so that the mistake explained to the author
(sitebuild/sources/yaml_errors.py) is the same either way. The values are the same."""

from __future__ import annotations

import yaml

_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str):
    try:
        return yaml.load(text, Loader=_FAST)
    except yaml.YAMLError:
        return yaml.safe_load(text)  # raises PyYAML's own description of the mistake
