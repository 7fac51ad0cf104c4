"""The pieces a release table is made of: its scope (which plans, which site), its columns, its
foreign keys, and the table itself with its Table Schema."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db import models

from plans.models import Plan


@dataclass
class Scope:
    """What a release holds: the public data of these plans (never synthetic ones, except for
    the benchmark's own option), and the site address its `url` columns start with."""

    plans: models.QuerySet
    site_url: str

    @classmethod
    def public(cls, *, include_synthetic: bool = False) -> Scope:
        plans = Plan.objects.all() if include_synthetic else Plan.objects.filter(is_synthetic=False)
        return cls(plans=plans, site_url=settings.NAPWATCH_SITE_URL.rstrip("/"))

    @cached_property
    def slugs(self) -> frozenset[str]:
        return frozenset(self.plans.values_list("slug", flat=True))

    def page(self, plan: str, pillar: str | None = None, anchor: str = "") -> str:
        path = f"/en/plans/{plan}/" + (f"pillars/{pillar}/" if pillar else "")
        return f"{self.site_url}{path}{'#' + anchor if anchor else ''}"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Table Schema type: string, integer, boolean, date, datetime, array
    description: str
    path: str | None = None  # the values() path; default: the column's name
    value: Callable[[dict, Scope], object] | None = None  # or computed from the row
    needs: tuple[str, ...] = ()  # the values() paths `value` reads
    enum: tuple[str, ...] | None = None
    required: bool = False

    def paths(self) -> tuple[str, ...]:
        return self.needs if self.value else (self.path or self.name,)

    def read(self, row: dict, scope: Scope):
        return self.value(row, scope) if self.value else row[self.path or self.name]

    def schema(self) -> dict:
        described = {"name": self.name, "type": self.type, "description": self.description}
        if self.type == "datetime":
            described["format"] = "%Y-%m-%dT%H:%M:%SZ"
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints:
            described["constraints"] = constraints
        return described


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str
    table_columns: tuple[str, ...] = ("id",)

    def schema(self) -> dict:
        return {
            "fields": list(self.columns),
            "reference": {"resource": self.table, "fields": list(self.table_columns)},
        }


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[Scope], models.QuerySet]
    primary_key: tuple[str, ...] = ("id",)
    foreign_keys: tuple[ForeignKey, ...] = field(default=())

    def paths(self) -> list[str]:
        return list(dict.fromkeys(path for column in self.columns for path in column.paths()))

    def schema(self) -> dict:
        return {
            "fields": [column.schema() for column in self.columns],
            "primaryKey": list(self.primary_key),
            "foreignKeys": [foreign_key.schema() for foreign_key in self.foreign_keys],
            "missingValues": [""],
        }


# -- columns that many tables share ---------------------------------------------------------
