"""One shape for every error the API answers, documented in its OpenAPI document as `Error`:

    {"error": {"status": 400, "code": "invalid_parameters",
               "message": "Some query parameters are not valid.",
               "fields": {"pillar": ["Select a valid choice. nope is not one of the available choices."]}}}

`status` repeats the HTTP status; `code` is a stable word a program can test; `message` is for a
person; `fields` names each query parameter that is wrong (empty when the error is not about one).
Every exception DRF handles goes through `exception_handler` (settings.REST_FRAMEWORK); an
unknown address under /api/ and a malformed one answer the same shape from napwatch/errors.py
(handler404) and napwatch/middleware.py, before any view runs.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, serializers
from rest_framework.response import Response

INVALID_PARAMETERS = "invalid_parameters"


class InvalidParameters(exceptions.ValidationError):
    """A 400 naming the query parameters that are wrong: {"name": ["what is wrong", …]}."""

    default_code = INVALID_PARAMETERS


def error_body(status: int, code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"status": status, "code": code, "message": message, "fields": fields or {}}}


def _messages(detail) -> list[str]:
    if isinstance(detail, dict):
        return [m for value in detail.values() for m in _messages(value)]
    if isinstance(detail, list):
        return [m for value in detail for m in _messages(value)]
    return [str(detail)]


def exception_handler(exc, context):
    """DRF's exception handler, answering the one error shape. Anything else is left to Django
    (there is nothing else to leave: every bad input is turned into one of these first)."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or None)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None
    status = exc.status_code
    if isinstance(exc.detail, dict):
        fields = {name: _messages(value) for name, value in exc.detail.items()}
        code = INVALID_PARAMETERS
        message = "Some query parameters are not valid: " + ", ".join(sorted(fields)) + "."
    else:
        fields = {}
        messages = _messages(exc.detail)
        message = " ".join(messages)
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else (_messages(codes) or ["error"])[0]
    headers = {}
    if isinstance(exc, exceptions.MethodNotAllowed):
        view = context.get("view")
        if view is not None:
            headers["Allow"] = ", ".join(view.allowed_methods)
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    return Response(error_body(status, code, message, fields), status=status, headers=headers)


class ErrorDetailSerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text="The HTTP status, repeated.")
    code = serializers.CharField(
        help_text="A stable word: invalid_parameters, not_found, method_not_allowed, …"
    )
    message = serializers.CharField(help_text="What went wrong, for a person.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Each query parameter that is wrong, with what is wrong with it.",
    )


class ErrorSerializer(serializers.Serializer):
    """The body of every error response."""

    error = ErrorDetailSerializer()

    class Meta:
        ref_name = "Error"
