"""The one target picker: "What it criticises" is a plan and a code, resolved here to the right
one of the critique's six target columns.

Without JavaScript an editor types the element's code ("PART-I3", "PREV", "section-financing",
or "plan" for the plan as a whole); static/admin-extra/target-picker.js turns the same text box
into a WAI-ARIA combobox that searches the plan through `search()` (served as JSON by the critique
admin's `targets/` view) and fills in "CODE – wording".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from critiques.models import TARGETS
from indicators.models import Indicator
from plans.models import (
    LineOfAction,
    Pillar,
    Plan,
    Section,
    StrategicObjective,
    site_languages,
)

PLAN_CODE = "plan"
SEPARATOR = " – "
RESULTS_PER_TYPE = 8
MAX_QUERY_CHARS = 200
MAX_WORDS = 6

# (target field, model, group label, path to the pillar for select_related or None)
KINDS = [
    ("target_section", Section, _("Sections"), None),
    ("target_pillar", Pillar, _("Pillars"), None),
    ("target_objective", StrategicObjective, _("Strategic objectives"), "pillar"),
    ("target_line", LineOfAction, _("Lines of action"), "objective__pillar"),
    ("target_indicator", Indicator, _("Indicators"), "line_of_action__objective__pillar"),
]
TYPE_LABEL = {name: label for name, _model, label in TARGETS}


@dataclass(frozen=True)
class Option:
    field: str
    element: object
    code: str
    text: str
    pillar: str

    @property
    def label(self) -> str:
        text = self.text if len(self.text) <= 90 else f"{self.text[:89]}…"
        return f"{self.code}{SEPARATOR}{text}"

    def as_json(self) -> dict:
        return {
            "field": self.field,
            "type": str(TYPE_LABEL[self.field]),
            "code": self.code,
            "label": self.label,
            "pillar": self.pillar,
        }


def option_for(element) -> Option:
    """The picker's line for any element a critique can target."""
    if isinstance(element, Plan):
        return Option("target_plan", element, PLAN_CODE, gettext("The plan as a whole"), "")
    if isinstance(element, Section):
        return Option("target_section", element, element.code, element.display_title, "")
    if isinstance(element, Pillar):
        return Option("target_pillar", element, element.code, element.name_en, "")
    pillar = {
        StrategicObjective: lambda e: e.pillar,
        LineOfAction: lambda e: e.objective.pillar,
        Indicator: lambda e: e.line_of_action.objective.pillar,
    }[type(element)](element)
    field = {StrategicObjective: "target_objective", LineOfAction: "target_line"}.get(
        type(element), "target_indicator"
    )
    return Option(field, element, element.code, element.wording, pillar.name_en)


def code_of(text: str) -> str:
    """ "PART-I3 – Number of …" → "PART-I3": what a person typed or the combobox filled in."""
    return text.split(SEPARATOR, 1)[0].split(" - ", 1)[0].strip()


class Unresolved(ValueError):
    """The typed code names nothing (or several things) in the plan; the message says which."""


def resolve(plan: Plan, text: str) -> Option:
    """The element of `plan` the text names by its code (case does not matter)."""
    code = code_of(text)
    if not code:
        raise Unresolved(gettext("Choose what this critique criticises."))
    if code.lower() in (PLAN_CODE, plan.slug.lower()):
        return option_for(plan)
    found = []
    if code.lower().startswith("section-"):
        found += Section.objects.filter(plan=plan, slug__iexact=code[len("section-") :])
    for _field, model, _label, pillar_path in KINDS[1:]:
        rows = model.objects.filter(plan=plan, code__iexact=code)
        if pillar_path:
            rows = rows.select_related(pillar_path)
        found += rows[:2]
    if len(found) == 1:
        return option_for(found[0])
    if not found:
        raise Unresolved(
            gettext(
                "%(plan)s has no element with the code “%(code)s”. Type a code such as PREV-I1, "
                "“plan” for the plan as a whole, or search for words of the wording."
            )
            % {"plan": plan.short_label, "code": code}
        )
    raise Unresolved(
        gettext("“%(code)s” names several elements of %(plan)s: %(which)s.")
        % {
            "code": code,
            "plan": plan.short_label,
            "which": ", ".join(str(type(e)._meta.verbose_name) for e in found),
        }
    )


def search(plan: Plan, query: str) -> list[dict]:
    """Groups of options matching every word of `query` in a code or wording: one query a type,
    at most RESULTS_PER_TYPE options each. [{"group": label, "options": [option json…]}]"""
    words = query.split()[:MAX_WORDS]
    groups = []
    plan_option = option_for(plan)
    if not words or all(
        w.lower() in f"{PLAN_CODE} {plan.short_label} {plan.display_title}".lower() for w in words
    ):
        groups.append({"group": str(_("The plan")), "options": [plan_option.as_json()]})
    for _field, model, label, pillar_path in KINDS:
        text_fields = (
            [*(f"title_{code}" for code in site_languages()), "title_original", "slug"]
            if model is Section
            else ["name_en", "name_original", "code"]
            if model is Pillar
            else ["wording_en", "wording_original", "code"]
        )
        condition = Q()
        for word in words:
            either = Q()
            for name in text_fields:
                either |= Q(**{f"{name}__icontains": word})
            condition &= either
        rows = model.objects.filter(plan=plan).filter(condition).order_by("pk")
        if pillar_path:
            rows = rows.select_related(pillar_path)
        options = [option_for(e).as_json() for e in rows[:RESULTS_PER_TYPE]]
        if options:
            groups.append({"group": str(label), "options": options})
    return groups
