"""The audit trail: what changed, who changed it and where the change came from.

Every service records its write through `record()` inside the same transaction, so a write from a
request, a Celery task or a management command is logged alike. The origin (request id, task id or
command name) is carried in a context variable set by the middleware, the Celery signals and
`origin_scope()` for commands.
"""

from __future__ import annotations

import contextlib
import datetime
import decimal
import uuid
from contextvars import ContextVar

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile

from .models import AuditAction, AuditEntry

_origin: ContextVar[str] = ContextVar("audit_origin", default="")


def set_origin(origin: str) -> None:
    _origin.set(origin)


def current_origin() -> str:
    return _origin.get()


@contextlib.contextmanager
def origin_scope(origin: str):
    """Tag the writes made inside the block, e.g. `with origin_scope("command:seed_demo")`."""
    token = _origin.set(origin)
    try:
        yield
    finally:
        _origin.reset(token)


def _json_value(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, list | tuple | set):
        return sorted((_json_value(v) for v in value), key=str)
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    return str(value)


# Timestamps say nothing new; secrets must never be copied into the trail.
_NOT_AUDITED = frozenset({"created_at", "updated_at", "password", "digest", "last_login", "version"})


def snapshot(instance: models.Model) -> dict:
    """The audited state of an object: its concrete fields and the ids of its many-to-many relations."""
    state = {}
    opts = instance._meta
    for field in opts.concrete_fields:
        if field.name in _NOT_AUDITED:
            continue
        state[field.name] = _json_value(field.value_from_object(instance))
    if instance.pk is not None:
        for field in opts.many_to_many:
            if not field.remote_field.through._meta.auto_created:
                continue  # links with a role of their own (e.g. requesters) are audited by their service
            state[field.name] = sorted(getattr(instance, field.name).values_list("pk", flat=True))
    return state


def diff(before: dict, after: dict) -> dict:
    """Fields whose value differs, as {field: [before, after]}."""
    keys = before.keys() | after.keys()
    return {
        key: [before.get(key), after.get(key)] for key in sorted(keys) if before.get(key) != after.get(key)
    }


def record(
    *,
    actor,
    instance: models.Model,
    action: str,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
) -> AuditEntry:
    changes = diff(before or {}, after or {})
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if is_user else None,
        actor_label=(actor.email if is_user else "system"),
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        action=action,
        changes=changes,
        reason=reason,
        origin=current_origin(),
    )


def record_many(*, actor, entries) -> list[AuditEntry]:
    """Several entries in one insert: [(instance, action, before, after), ...]. For bulk writes."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    origin = current_origin()
    rows = []
    for instance, action, before, after in entries:
        rows.append(
            AuditEntry(
                actor=actor if is_user else None,
                actor_label=(actor.email if is_user else "system"),
                content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
                object_id=str(instance.pk),
                object_repr=str(instance)[:300],
                action=action,
                changes=diff(before or {}, after or {}),
                origin=origin,
            )
        )
    return AuditEntry.objects.bulk_create(rows, batch_size=1000)


__all__ = [
    "AuditAction",
    "current_origin",
    "diff",
    "origin_scope",
    "record",
    "record_many",
    "set_origin",
    "snapshot",
]
