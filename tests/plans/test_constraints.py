"""The database itself refuses data that breaks an invariant, whatever wrote it.

Each constraint is tested on its own: a row that breaks only that constraint is refused with an
IntegrityError that names it, and the same row with that one thing put right is accepted, so no
other rule can be what refused it.
"""

from collections.abc import Callable

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, models, transaction

from critiques.models import Citation, Critique, Recommendation
from indicators.models import Indicator
from plans.models import (
    Agency,
    LineOfAction,
    Pillar,
    Plan,
    PlanAgency,
    Responsibility,
    Section,
    Source,
    StrategicObjective,
)

pytestmark = pytest.mark.django_db

TEST_APPS = ("plans", "indicators", "critiques")


# -- the rows: each builder writes one row, breaking its constraint when `broken` is true --------


def provenance(**extra) -> dict:
    return {"source": Source.objects.get(key="test-brief"), "confidence": "inferred", **extra}


def minrel() -> Agency:
    return Agency.objects.get(acronym="MINREL")


def other_agency() -> Agency:
    return Agency.objects.create(country_code="TST", acronym="MINDEF", name_original="Defensa")


def prevention() -> Pillar:
    return Pillar.objects.get(slug="prevention")


def objective() -> StrategicObjective:
    return StrategicObjective.objects.get(code="PREV-O1")


def line() -> LineOfAction:
    return LineOfAction.objects.get(code="PREV-O1-LA1")


def indicator() -> Indicator:
    return Indicator.objects.get(code="PREV-I1")


def plan_period(plan, broken):
    start, end = (2030, 2020) if broken else (2020, 2030)
    Plan.objects.filter(pk=plan.pk).update(period_start=start, period_end=end)


def plan_slug(plan, broken):
    Plan.objects.create(
        slug="testland-2024" if broken else "testland-2030",
        country="Testland",
        country_code="TST",
        language="es",
        title_original="Otro plan",
        **provenance(),
    )


def source_key(plan, broken):
    Source.objects.create(
        key="test-brief" if broken else "other-brief", kind="report", title="Another"
    )


def agency_acronym(plan, broken):
    Agency.objects.create(
        country_code="TST", acronym="MINREL" if broken else "MINDEF", name_original="Otra"
    )


def plan_agency(plan, broken):
    agency = minrel() if broken else other_agency()
    PlanAgency.objects.create(plan=plan, agency=agency, role="related", order=9, **provenance())


def section(slug, order):
    def make(plan, broken):
        Section.objects.create(
            plan=plan,
            slug=slug if broken else "annex",
            order=order if broken else 99,
            kind="annex",
            title_en="Annex",
            **provenance(),
        )

    return make


def pillar(slug, code, order):
    def make(plan, broken):
        Pillar.objects.create(
            plan=plan,
            slug=slug if broken else "other",
            code=code if broken else "OTHER",
            order=order if broken else 99,
            name_en="Other",
            **provenance(),
        )

    return make


def element(model, parent, code, order):
    """An objective, line or indicator under the first one of its level in the minimal plan."""

    def make(plan, broken):
        model.objects.create(
            plan=plan,
            code=code if broken else "NEW-9",
            order=order if broken else 99,
            wording_en="again",
            **parent(),
            **provenance(),
        )

    return make


def responsibility_elements(plan, broken):
    if broken:  # no element at all: none of the partial unique constraints applies
        Responsibility.objects.create(agency=minrel(), **provenance())
    else:
        Responsibility.objects.create(agency=minrel(), indicator=indicator(), **provenance())


def responsibility_elements_two(plan, broken):
    # Two elements, none of which MINREL already answers for.
    elements = {"line_of_action": line(), "indicator": indicator()}
    if not broken:
        del elements["indicator"]
    Responsibility.objects.create(agency=minrel(), **elements, **provenance())


def responsibility_unique(field_name, element_of):
    def make(plan, broken):
        # MINREL answers for PREV-O1 in the file; it is made to answer for the line or indicator.
        if field_name != "objective":
            Responsibility.objects.create(
                agency=minrel(), **{field_name: element_of()}, **provenance()
            )
        agency = minrel() if broken else other_agency()
        Responsibility.objects.create(agency=agency, **{field_name: element_of()}, **provenance())

    return make


def critique_row(*, key="new", severity=2, targets=None):
    plan = Plan.objects.get(slug="testland-2024")
    Critique.objects.create(
        plan=plan,
        key=key,
        title="t",
        category="data-gaps",
        body="b",
        severity=severity,
        **({"target_plan": plan} if targets is None else targets),
    )


def critique_key(plan, broken):
    critique_row(key="outward" if broken else "new")


def critique_no_target(plan, broken):
    critique_row(targets={} if broken else {"target_pillar": prevention()})


def critique_two_targets(plan, broken):
    targets = {"target_pillar": prevention(), "target_indicator": indicator()}
    if not broken:
        del targets["target_indicator"]
    critique_row(targets=targets)


def critique_severity(plan, broken):
    critique = Critique.objects.get(key="outward")
    Critique.objects.filter(pk=critique.pk).update(severity=7 if broken else 1)


def citation_order(plan, broken):
    critique = Critique.objects.get(key="no-money")  # cites test-brief, p. 4, as citation 1
    Citation.objects.create(
        critique=critique, source=Source.objects.get(key="test-brief"), order=1 if broken else 2
    )


def recommendation(key, order):
    def make(plan, broken):
        Recommendation.objects.create(
            plan=plan,
            key=key if broken else "another",
            order=order if broken else 99,
            title="Another",
            body="b",
            **provenance(),
        )

    return make


# (model, constraint name or unique field, builder). Several builders may test one constraint.
CASES: list[tuple[type[models.Model], str, Callable]] = [
    (Plan, "plan_period_ends_after_start", plan_period),
    (Plan, "slug", plan_slug),
    (Source, "key", source_key),
    (Agency, "agency_acronym_unique_per_country", agency_acronym),
    (PlanAgency, "plan_agency_unique", plan_agency),
    (Section, "section_slug_unique_in_plan", section("financing", 99)),
    (Section, "section_order_unique_in_plan", section("annex", 1)),
    (Pillar, "pillar_slug_unique_in_plan", pillar("prevention", "OTHER", 99)),
    (Pillar, "pillar_code_unique_in_plan", pillar("other", "PREV", 99)),
    (Pillar, "pillar_order_unique_in_plan", pillar("other", "OTHER", 1)),
    (
        StrategicObjective,
        "objective_code_unique_in_plan",
        element(StrategicObjective, lambda: {"pillar": prevention()}, "PREV-O1", 99),
    ),
    (
        StrategicObjective,
        "objective_order_unique_in_pillar",
        element(StrategicObjective, lambda: {"pillar": prevention()}, "NEW-9", 1),
    ),
    (
        LineOfAction,
        "line_code_unique_in_plan",
        element(LineOfAction, lambda: {"objective": objective()}, "PREV-O1-LA1", 99),
    ),
    (
        LineOfAction,
        "line_order_unique_in_objective",
        element(LineOfAction, lambda: {"objective": objective()}, "NEW-9", 1),
    ),
    (
        Indicator,
        "indicator_code_unique_in_plan",
        element(Indicator, lambda: {"line_of_action": line()}, "PREV-I1", 99),
    ),
    (
        Indicator,
        "indicator_order_unique_in_line",
        element(Indicator, lambda: {"line_of_action": line()}, "NEW-9", 1),
    ),
    (Responsibility, "responsibility_has_exactly_one_element", responsibility_elements),
    (Responsibility, "responsibility_has_exactly_one_element", responsibility_elements_two),
    (
        Responsibility,
        "responsibility_unique_objective",
        responsibility_unique("objective", objective),
    ),
    (
        Responsibility,
        "responsibility_unique_line",
        responsibility_unique("line_of_action", line),
    ),
    (
        Responsibility,
        "responsibility_unique_indicator",
        responsibility_unique("indicator", indicator),
    ),
    (Critique, "critique_key_unique_in_plan", critique_key),
    (Critique, "critique_has_exactly_one_target", critique_no_target),
    (Critique, "critique_has_exactly_one_target", critique_two_targets),
    (Critique, "critique_severity_in_range", critique_severity),
    (Citation, "citation_order_unique_in_critique", citation_order),
    (Recommendation, "recommendation_key_unique_in_plan", recommendation("fund-it", 99)),
    (Recommendation, "recommendation_order_unique_in_plan", recommendation("another", 1)),
]


def case_id(case) -> str:
    model, name, builder = case
    return f"{model._meta.label}.{name}:{builder.__name__}"


def names_the_constraint(message: str, model: type[models.Model], name: str) -> bool:
    """Whether the database's message names this constraint (or, for SQLite's UNIQUE failures,
    which name no constraint, exactly its table's columns)."""
    table = model._meta.db_table
    named = [c for c in model._meta.constraints if c.name == name]
    if named:
        if connection.vendor != "sqlite" or isinstance(named[0], models.CheckConstraint):
            return f'"{name}"' in message or message.endswith(f": {name}")
        columns = [model._meta.get_field(f).column for f in named[0].fields]
    else:
        field = model._meta.get_field(name)
        assert field.unique, f"{model._meta.label}.{name} is neither a constraint nor unique"
        columns = [field.column]
        if connection.vendor != "sqlite":
            return f"Key ({field.column})=" in message
    return message == f"UNIQUE constraint failed: {', '.join(f'{table}.{c}' for c in columns)}"


def write_and_roll_back(write) -> None:
    with transaction.atomic():
        write()
        transaction.set_rollback(True)


@pytest.mark.parametrize(("model", "name", "build"), CASES, ids=[case_id(c) for c in CASES])
def test_the_database_refuses_a_row_that_breaks_only_this_constraint(
    minimal_plan, model, name, build
):
    write_and_roll_back(lambda: build(minimal_plan, broken=False))  # put right, it is accepted
    with pytest.raises(IntegrityError) as refused:
        with transaction.atomic():
            build(minimal_plan, broken=True)
    message = str(refused.value).strip()
    assert names_the_constraint(message, model, name), message


def test_every_constraint_of_the_models_has_a_case():
    """A constraint added to a model without a case here fails this test."""
    declared = set()
    for app in TEST_APPS:
        for model in apps.get_app_config(app).get_models():
            if model.__name__.startswith("Historical"):
                continue
            declared |= {(model, c.name) for c in model._meta.constraints}
            declared |= {
                (model, f.name) for f in model._meta.local_fields if f.unique and not f.primary_key
            }
    assert declared == {(model, name) for model, name, _build in CASES}


def test_markdown_body_is_rendered_and_sanitised_on_save(minimal_plan):
    critique = Critique.objects.get(key="outward")
    critique.body = (
        "Hi <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)> **b**"
    )
    critique.save()
    html = critique.body_html
    assert "<strong>b</strong>" in html
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html
    assert "<img" not in html
