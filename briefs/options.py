"""What a reader can choose about a brief: which pillars, element provenance, paper size."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext

PAPER_SIZES = ("a4", "letter")
TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off"}


class BriefOptionsError(ValueError):
    """An option value we do not understand; the message is shown to the reader as is."""


@dataclass(frozen=True)
class BriefOptions:
    pillars: tuple[
        str, ...
    ] = ()  # sorted, each once; empty: every pillar (printed in the plan's order)
    provenance: bool = True
    paper: str = "a4"

    def __post_init__(self) -> None:
        if self.paper not in PAPER_SIZES:
            raise BriefOptionsError(
                gettext("Unknown paper size %(paper)r: use one of %(sizes)s.")
                % {"paper": self.paper, "sizes": ", ".join(PAPER_SIZES)}
            )

    @classmethod
    def from_query(cls, query) -> BriefOptions:
        """From a QueryDict: ?pillar=a&pillar=b&provenance=no&paper=letter. Unknown keys are errors."""
        known = {"pillar", "provenance", "paper"}
        unknown = sorted(set(query.keys()) - known)
        if unknown:
            raise BriefOptionsError(
                gettext("Unknown option %(option)r: the brief takes pillar, provenance and paper.")
                % {"option": unknown[0]}
            )
        provenance = query.get("provenance", "yes").strip().lower()
        if provenance not in TRUE_VALUES | FALSE_VALUES:
            raise BriefOptionsError(
                gettext("provenance must be yes or no (got %(value)r).")
                % {"value": query.get("provenance")}
            )
        return cls(
            pillars=cls.clean_pillars(query.getlist("pillar")),
            provenance=provenance in TRUE_VALUES,
            paper=query.get("paper", "a4").strip().lower(),
        )

    @staticmethod
    def clean_pillars(values: Iterable[str]) -> tuple[str, ...]:
        pillars: list[str] = []
        for value in values:
            for slug in value.split(","):
                slug = slug.strip()
                if not slug:
                    raise BriefOptionsError(
                        gettext("pillar must name a pillar, for example pillar=protection.")
                    )
                if slug not in pillars:
                    pillars.append(slug)
        # Sorted: the brief prints pillars in the plan's order whatever order they are asked
        # in, so the order must not make another cache key (nor another render).
        return tuple(sorted(pillars))

    def query_string(self) -> str:
        """The canonical query string of these options ('' for the defaults)."""
        from urllib.parse import urlencode

        pairs = [("pillar", slug) for slug in self.pillars]
        if not self.provenance:
            pairs.append(("provenance", "no"))
        if self.paper != "a4":
            pairs.append(("paper", self.paper))
        return urlencode(pairs)

    def cache_parts(self) -> tuple:
        return (sorted(self.pillars), self.provenance, self.paper)
