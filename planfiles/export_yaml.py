"""Writing an exported plan document as YAML: the same document always gives the same bytes."""

from __future__ import annotations

import yaml

PUBLIC_HEADER = (
    "# A napwatch plan file (docs/plan-format.md), exported from the database by export_plan.\n"
    "# Published critiques and assessments only.\n"
)
DRAFTS_HEADER = (
    "# A napwatch plan file (docs/plan-format.md), exported from the database by export_plan.\n"
    "# With every critique and assessment, drafts included: for editors' version control, not for publication.\n"
)


class PlanFileDumper(yaml.SafeDumper):
    """YAML for people and for diffs: block style, lists indented under their key, keys in the
    format's order, Unicode as itself, multi-line texts as literal blocks, no anchors or aliases
    (the loader refuses them), lines folded at a fixed width. The pure-Python emitter, so the
    bytes do not depend on whether libyaml is installed."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)

    def ignore_aliases(self, data):
        return True


def _represent_text(dumper: yaml.SafeDumper, text: str):
    style = "|" if "\n" in text and text == text.strip() and "\r" not in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


PlanFileDumper.add_representer(str, _represent_text)


def dump_plan_file(document: dict, *, include_drafts: bool = False) -> str:
    header = DRAFTS_HEADER if include_drafts else PUBLIC_HEADER
    body = yaml.dump(
        document,
        Dumper=PlanFileDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
        indent=2,
    )
    return header + body
