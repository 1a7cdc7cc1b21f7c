"""The platform's one application error type.

Services raise it for workflow and permission rules; the API turns it into the common JSON error
shape (400, 403, 404 or 409), the views into a form error or a 403/404 page.
"""

from __future__ import annotations


class ApplicationError(Exception):
    """A rule was broken. `fields` maps field names to messages, so the user sees where."""

    status_code = 400
    code = "invalid"

    def __init__(self, message: str, *, fields: dict[str, list[str]] | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}
        if code:
            self.code = code


class PermissionDenied(ApplicationError):
    status_code = 403
    code = "permission_denied"


class Conflict(ApplicationError):
    """The request is well-formed but the object's current state forbids it (a guard failed)."""

    status_code = 409
    code = "conflict"


class PreconditionRequired(ApplicationError):
    """An update must say which version it edits (If-Match), so no edit is silently lost."""

    status_code = 428
    code = "precondition_required"


class PreconditionFailed(ApplicationError):
    """Someone else changed the object since this client read it."""

    status_code = 412
    code = "precondition_failed"
