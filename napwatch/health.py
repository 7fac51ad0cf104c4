"""The state of the app and its database, as /healthz reports it to a load balancer."""

import logging

from django.db import DatabaseError, connections
from django.http import JsonResponse

logger = logging.getLogger(__name__)


def database_is_up(alias: str = "default") -> bool:
    """One trivial query on the (persistent, health-checked) connection."""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.warning("healthz: database %s is unavailable: %s", alias, exc)
        return False
    return True


def healthz_response() -> JsonResponse:
    """200 {"status": "ok", ...} when the database answers, 503 otherwise. Never cached."""
    database = "ok" if database_is_up() else "unavailable"
    status = "ok" if database == "ok" else "unavailable"
    response = JsonResponse(
        {"status": status, "app": "ok", "database": database},
        status=200 if status == "ok" else 503,
    )
    response["Cache-Control"] = "no-store"
    return response
