"""Computed criteria against values counted by hand in fixtures/mexico-2021.yaml.

How they were counted: reading the file's `plan.pillars[*].objectives[*].lines_of_action[*]`,
there are 11 lines of action (PREV-O1-LA2, PREV-O2-LA1, PREV-O2-LA2, PART-O1-LA1 to LA5,
PROT-O1-LA1, PROT-O1-LA2, RR-O1-LA1); all but PREV-O1-LA2 and PREV-O2-LA2 list `agencies`, so 9
name a responsible agency. Under them sit 10 indicators (PART-I1 to I5, PROT-I1 to I4, RR-I1).
No indicator gives a unit, baseline, target, timeframe or means of verification (all null; the
`unit: count` of five indicators became null with the audit's finding 1.27, no source gives a
unit); PART-I1, PART-I2, PART-I4, PART-I5, PROT-I2 and RR-I1 list agencies of their own (6).
`declared:` gives 16 lines and 23 indicators; `period: {start: 2021, end: null}`;
`review_due: 2024`.
"""

from scorecards.computed import figures_for
from scorecards.models import ScaleValue


def test_mexico_figures_match_the_hand_count(mexico, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        figures = figures_for([mexico])[mexico.pk]
    counted = {key: (f.stated, f.encoded, f.declared) for key, f in figures.items()}
    assert counted == {
        "indicator-unit": (0, 10, 23),
        "indicator-baseline": (0, 10, 23),
        "indicator-target": (0, 10, 23),
        "indicator-timeframe": (0, 10, 23),
        "indicator-verification": (0, 10, 23),
        "indicator-responsible": (6, 10, 23),
        "line-responsible": (9, 11, 16),
        "period-stated": (None, None, None),
        "review-stated": (None, None, None),
    }


def test_figures_say_their_denominator_and_never_turn_partial_coverage_into_a_no(mexico):
    figures = figures_for([mexico])[mexico.pk]
    baseline = figures["indicator-baseline"]
    assert baseline.text() == "0 of 10 encoded indicators; the plan declares 23"
    # None of the 10 encoded states a baseline, but 13 indicators are not encoded: not known
    assert baseline.level == ScaleValue.NOT_KNOWN
    assert figures["line-responsible"].text() == (
        "9 of 11 encoded lines of action; the plan declares 16"
    )
    assert figures["line-responsible"].level == ScaleValue.PARTLY
    assert figures["period-stated"].level == ScaleValue.NOT_KNOWN  # no end year
    assert figures["review-stated"].level == ScaleValue.YES


def test_a_fully_encoded_plan_with_nothing_stated_is_a_no(make_synthetic_plan):
    plan = make_synthetic_plan(1, indicators=20)
    plan.declared_indicators = plan.indicators.count()
    figures = figures_for([plan])[plan.pk]
    unit = figures["indicator-unit"]
    assert unit.complete
    assert unit.level in (ScaleValue.YES, ScaleValue.PARTLY, ScaleValue.NO)
    assert unit.level == {0: ScaleValue.NO, unit.encoded: ScaleValue.YES}.get(
        unit.stated, ScaleValue.PARTLY
    )


def test_many_plans_are_read_in_two_queries(
    mexico, make_synthetic_plan, django_assert_max_num_queries
):
    plans = [mexico, *(make_synthetic_plan(n, indicators=50) for n in range(1, 6))]
    with django_assert_max_num_queries(2):
        figures = figures_for(plans)
    assert set(figures) == {plan.pk for plan in plans}
    assert figures[plans[1].pk]["indicator-unit"].encoded == 50


def test_a_share_is_counted_over_the_encoded_elements_not_the_declared_ones(mexico):
    """9 of 11 encoded lines name an agency: 82%, not 9 of the 16 declared (56%); 6 of 10 encoded
    indicators name their own agencies: 60%, not 6 of 23 (26%); none of the 10 states a unit
    (audit finding 1.27): 0%."""
    figures = figures_for([mexico])[mexico.pk]
    assert figures["line-responsible"].percent == 82
    assert figures["indicator-unit"].percent == 0
    assert figures["indicator-responsible"].percent == 60
    assert figures["period-stated"].percent is None  # a yes/no of the plan has no share


def test_the_scorecard_shows_the_share_beside_its_count(client, mexico):
    html = client.get("/en/plans/mexico-2021/scorecard/").content.decode()
    card = html[html.index('id="criterion-line-responsible"') :]
    card = card[: card.index("</article>")]
    assert "9 of 11 encoded lines of action; the plan declares 16</strong> (82%)" in card
