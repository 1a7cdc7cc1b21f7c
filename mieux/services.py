"""Write helpers the domain services build on: validate, save and audit in one transaction.

Views, serializers, forms, tasks and commands never call `.save()` on a domain model themselves;
they call a domain service, which calls these.
"""

from __future__ import annotations

import copy
from collections.abc import Collection, Iterable
from typing import TypeVar

from django.contrib.auth import password_validation
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, router, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit
from .errors import ApplicationError, Conflict, PermissionDenied, PreconditionFailed, PreconditionRequired
from .models import ApiToken, AuditAction, User, UserSession

M = TypeVar("M", bound=models.Model)


def require(allowed: bool, message: str) -> None:
    """Re-check a permission predicate inside a service (views check it too, for a nicer answer)."""
    if not allowed:
        raise PermissionDenied(message)


def _validated(instance: models.Model, *, unchanged: Collection[str] = frozenset()) -> None:
    """full_clean(), with the same errors, minus the queries that could only repeat what is known.

    - A foreign key given as a saved instance (`create_audited(Activity, action=action)`) needs no
      query to prove the related row exists: Django's ForeignKey.validate would only ask the database
      again. Nor does a foreign key among `unchanged`, the fields still holding the value the row had
      when it was read under a lock (see _unchanged_fields): the database's foreign-key constraint
      kept that related row alive.
    - A constraint whose fields are all `unchanged` is not asked again either: the database enforces
      it, and the row met it when it was read.
    Field rules, clean(), unique fields and every constraint on a changed field run as in full_clean.
    """
    errors: dict = {}
    try:
        instance.clean_fields(exclude=_related_known_to_exist(instance, unchanged))
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    try:
        instance.clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    # As in full_clean: unique fields and constraints are checked only on fields that passed.
    failed = {name for name in errors if name != NON_FIELD_ERRORS}
    try:
        instance.validate_unique(exclude=failed)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
        failed = {name for name in errors if name != NON_FIELD_ERRORS}
    try:
        _constraints_validated(instance, exclude=failed, unchanged=unchanged)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if errors:
        error = ValidationError(errors)
        fields = error.message_dict
        raise ApplicationError(
            "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in fields.items()), fields=fields
        ) from error


def _comparable(value):
    """A field's value as it can be compared later: a file by its name, a JSON value copied so that
    a change made in place still shows."""
    if isinstance(value, FieldFile):
        return value.name
    if isinstance(value, dict | list):
        return copy.deepcopy(value)
    return value


def _stored_values(instance: models.Model) -> dict:
    """The values of a row just read from the database, to tell later which fields changed."""
    return {
        field.attname: _comparable(field.value_from_object(instance))
        for field in instance._meta.concrete_fields
    }


def _unchanged_fields(instance: models.Model, stored: dict) -> set[str]:
    """Names (and column names) of the fields still holding their stored value."""
    unchanged: set[str] = set()
    for field in instance._meta.concrete_fields:
        if _comparable(field.value_from_object(instance)) == stored[field.attname]:
            unchanged.update((field.name, field.attname))
    return unchanged


def _related_known_to_exist(instance: models.Model, unchanged: Collection[str]) -> set[str]:
    """Foreign keys whose related row is known to exist (see _validated), and whose check is only
    that: no limit_choices_to or validators, which ForeignKey.validate would also apply, and a value
    (an empty one is left to the field's null and blank rules)."""
    known = set()
    for field in instance._meta.concrete_fields:
        if not field.many_to_one and not field.one_to_one:
            continue
        value = getattr(instance, field.attname)
        if value is None or field.validators or field.get_limit_choices_to():
            continue
        related = field.get_cached_value(instance, default=None)
        given = (
            related is not None
            and not related._state.adding
            and getattr(related, field.target_field.attname) == value
        )
        if given or field.name in unchanged:
            known.add(field.name)
    return known


def _constraint_fields(constraint) -> set[str] | None:
    """The fields a constraint reads, or None when it cannot be told (an expression): then it is
    always checked."""
    if isinstance(constraint, models.UniqueConstraint) and constraint.fields:
        names = set(constraint.fields)
        if constraint.condition is not None:
            names |= constraint.condition.referenced_base_fields
        return names
    if isinstance(constraint, models.CheckConstraint) and isinstance(constraint.condition, models.Q):
        return set(constraint.condition.referenced_base_fields)
    return None


def _constraints_validated(instance: models.Model, *, exclude: set[str], unchanged: Collection[str]) -> None:
    """Model.validate_constraints(exclude), skipping the constraints on unchanged fields only."""
    using = router.db_for_write(type(instance), instance=instance)
    errors: dict = {}
    for model_class, constraints in instance.get_constraints():
        for constraint in constraints:
            fields = _constraint_fields(constraint)
            if fields is not None and fields.issubset(unchanged):
                continue
            try:
                constraint.validate(model_class, instance, exclude=exclude, using=using)
            except ValidationError as error:
                # Named after its field when it has one, as validate_constraints names it.
                if getattr(error, "code", None) == "unique" and len(constraint.fields) == 1:
                    errors.setdefault(constraint.fields[0], []).append(error)
                else:
                    errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _validated_in_bulk(instance: models.Model) -> None:
    """full_clean for rows written in bulk, minus the checks that cost a query per row: related
    objects the caller passed as instances exist already, and the database's own constraints
    still refuse a duplicate (callers check those rules for the whole batch at once)."""
    loaded = [
        field.name
        for field in instance._meta.concrete_fields
        if field.is_relation and field.is_cached(instance)
    ]
    try:
        instance.full_clean(exclude=loaded, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        fields = error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
        raise ApplicationError(
            "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in fields.items()), fields=fields
        ) from error


def _set_many(instance: models.Model, many: dict[str, Iterable] | None) -> None:
    for name, values in (many or {}).items():
        getattr(instance, name).set(values)


@transaction.atomic
def create_audited(
    model: type[M], *, actor, many: dict[str, Iterable] | None = None, with_related=None, **fields
) -> M:
    """Validate, save and audit a new row. `with_related(instance) -> dict` may add rows that belong
    to it (e.g. requesting institutions) before the entry is written; what it returns is recorded in
    the same "create" entry, so one creation is one entry."""
    instance = model(**fields)
    _validated(instance)
    instance.save()
    _set_many(instance, many)
    after = audit.snapshot(instance)
    if with_related is not None:
        after.update(with_related(instance) or {})
    audit.record(actor=actor, instance=instance, action=AuditAction.CREATE, after=after)
    return instance


@transaction.atomic
def update_audited(instance: M, *, actor, many: dict[str, Iterable] | None = None, **fields) -> M:
    """Change the given fields; an update that changes nothing writes no audit entry."""
    before = audit.snapshot(instance)
    for name, value in fields.items():
        setattr(instance, name, value)
    _validated(instance)
    instance.save()
    _set_many(instance, many)
    after = audit.snapshot(instance)
    if audit.diff(before, after):
        audit.record(actor=actor, instance=instance, action=AuditAction.UPDATE, before=before, after=after)
    return instance


@transaction.atomic
def update_fields_audited(instance: M, *, actor, reason: str = "", **fields) -> M:
    """Set fields the service itself decides (a flag, a timestamp, a link it has checked), save only
    those, and audit the change with an optional reason. Unlike update_audited it runs no model
    validation: for values no user typed in."""
    before = audit.snapshot(instance)
    for name, value in fields.items():
        setattr(instance, name, value)
    update_fields = list(fields)
    if any(field.name == "updated_at" for field in instance._meta.concrete_fields):
        update_fields.append("updated_at")
    instance.save(update_fields=update_fields)
    after = audit.snapshot(instance)
    if audit.diff(before, after):
        audit.record(
            actor=actor,
            instance=instance,
            action=AuditAction.UPDATE,
            before=before,
            after=after,
            reason=reason,
        )
    return instance


@transaction.atomic
def bulk_create_audited(model: type[M], *, actor, instances: list[M], batch_size: int = 1000) -> list[M]:
    """Validate every row, insert them in batches, and write one "create" entry per row.

    For imports and seeding, where thousands of rows arrive at once: the same rules and the same
    trail as create_audited, in a handful of queries. clean() runs on every row (see
    _validated_in_bulk for what is left to the caller); the first invalid one stops everything."""
    for instance in instances:
        _validated_in_bulk(instance)
    created = model.objects.bulk_create(instances, batch_size=batch_size)
    audit.record_many(
        actor=actor,
        entries=[(instance, AuditAction.CREATE, {}, audit.snapshot(instance)) for instance in created],
    )
    return created


@transaction.atomic
def bulk_update_audited(
    model: type[M], *, actor, changes: list[tuple[M, dict]], batch_size: int = 1000
) -> list[M]:
    """Apply {field: value} to each row, validate, save in batches and audit each changed row."""
    entries, changed, names = [], [], set()
    for instance, fields in changes:
        before = audit.snapshot(instance)
        for name, value in fields.items():
            setattr(instance, name, value)
        _validated_in_bulk(instance)
        after = audit.snapshot(instance)
        if audit.diff(before, after):
            entries.append((instance, AuditAction.UPDATE, before, after))
            changed.append(instance)
            names.update(fields)
    if changed:
        model.objects.bulk_update(changed, sorted(names | {"updated_at"}), batch_size=batch_size)
        audit.record_many(actor=actor, entries=entries)
    return changed


@transaction.atomic
def delete_audited(instance: models.Model, *, actor, reason: str = "") -> None:
    before = audit.snapshot(instance)
    audit.record(actor=actor, instance=instance, action=AuditAction.DELETE, before=before, reason=reason)
    try:
        instance.delete()
    except models.ProtectedError as error:
        names = sorted({str(obj._meta.verbose_name) for obj in error.protected_objects})
        message = _("%(object)s is still used by: %(users)s. Remove or move those first.") % {
            "object": instance,
            "users": ", ".join(names),
        }
        raise ApplicationError(message, code="protected") from error


# --- Accounts and API tokens --------------------------------------------------------------------


@transaction.atomic
def user_create(*, actor, email: str, role: str, password: str | None = None, **fields) -> User:
    user = User(email=User.objects.normalize_email(email).lower(), role=role, **fields)
    if password is not None:
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise ApplicationError(" ".join(error.messages), fields={"password": error.messages}) from error
    user.set_password(password)
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as error:
        raise ApplicationError("; ".join(error.messages), fields=error.message_dict) from error
    user.save()
    audit.record(actor=actor, instance=user, action=AuditAction.CREATE, after=audit.snapshot(user))
    return user


def user_update(user, *, actor, **fields):
    return update_audited(user, actor=actor, **fields)


def sessions_end(user) -> int:
    """Delete every session this user is signed in with (see UserSession), on any session engine."""
    from importlib import import_module

    from django.conf import settings

    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    UserSession.objects.filter(user=user).delete()
    return len(keys)


@transaction.atomic
def user_deactivate(user, *, actor, reason: str = "") -> User:
    """Close an account: it can no longer sign in, its API tokens stop working (ApiToken.active
    checks the user) and every session it has ends now, not at its next request."""
    require(actor.is_programme_staff and actor.pk != user.pk, _("You may not deactivate this account."))
    if not user.is_active:
        return user
    update_fields_audited(user, actor=actor, reason=reason, is_active=False)
    transaction.on_commit(lambda: sessions_end(user))
    return user


@transaction.atomic
def user_reactivate(user, *, actor, reason: str = "") -> User:
    require(actor.is_programme_staff, _("You may not reactivate this account."))
    if user.is_active:
        return user
    return update_fields_audited(user, actor=actor, reason=reason, is_active=True)


@transaction.atomic
def user_password_set(user, *, actor, password: str, reason: str):
    """Give an account a new password, after the password rules (AUTH_PASSWORD_VALIDATORS) accept it.
    The audit entry records that it changed and why, never the password or its hash."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ApplicationError(" ".join(error.messages), fields={"password": error.messages}) from error
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record(actor=actor, instance=user, action=AuditAction.UPDATE, reason=reason)
    return user


def user_language_set(user, *, language: str):
    """Remember the language a user picked with the switcher, for their next visit and e-mails."""
    if user.language == language:
        return user
    return update_audited(user, actor=user, language=language)


@transaction.atomic
def api_token_issue(*, actor, user, name: str = "", read_only: bool = False) -> tuple[ApiToken, str]:
    """Create a token and return it with its plain value, which is shown once and never stored."""
    raw, prefix, digest = ApiToken.generate()
    token = ApiToken.objects.create(user=user, name=name, prefix=prefix, digest=digest, read_only=read_only)
    audit.record(actor=actor, instance=token, action=AuditAction.CREATE, after=audit.snapshot(token))
    return token, raw


def api_token_revoke(token, *, actor):
    return update_audited(token, actor=actor, revoked_at=timezone.now())


# --- Optimistic concurrency and state transitions -----------------------------------------------


def check_version(instance, expected_version: int | None) -> None:
    """Refuse an edit made on a stale copy: `expected_version` is the version the client read."""
    if expected_version is None:
        raise PreconditionRequired(_("Say which version you are editing (If-Match header or version field)."))
    if int(expected_version) != instance.version:
        raise PreconditionFailed(
            _("Someone else changed this record since you opened it. Reload it and make your change again."),
            fields={"version": [_("This version is out of date.")]},
        )


@transaction.atomic
def update_versioned(instance: M, *, actor, expected_version: int | None, many=None, **fields) -> M:
    """update_audited for models with a `version`: checks the version the editor read and bumps it."""
    locked = type(instance).objects.select_for_update().get(pk=instance.pk)
    check_version(locked, expected_version)
    fields["version"] = locked.version + 1
    updated = update_audited(locked, actor=actor, many=many, **fields)
    return updated


@transaction.atomic
def transition_apply(
    instance: M,
    *,
    machine,
    to: str,
    actor,
    comment: str = "",
    on_enter=None,
    allow_internal: bool = False,
    read_with: tuple[str, ...] = (),
) -> M:
    """Move `instance` to state `to` if the machine allows it from its current state, this actor may,
    and every guard holds; record it (who, when, from → to, comment) in the audit trail.

    Raises Conflict (409) with the reason when the state or a guard refuses, PermissionDenied when the
    actor may not, and ApplicationError (400) naming `comment` when a comment is required. Internal
    transitions (made by another service, e.g. a Steering Committee decision) need allow_internal.
    The foreign keys named in `read_with` (those the caller goes on to use) are read in the same
    query as the row, and are not locked."""
    rows = type(instance).objects.select_for_update()
    if read_with:
        rows = type(instance).objects.select_for_update(of=("self",)).select_related(*read_with)
    locked = rows.get(pk=instance.pk)
    stored = _stored_values(locked)
    current = machine.current(locked)
    transition = machine.find(locked, to, actor)
    if transition is None or (transition.internal and not allow_internal):
        raise Conflict(
            _("This record cannot go from “%(from)s” to “%(to)s”.") % {"from": current, "to": to},
            fields={"to": [_("Not allowed from the current status.")]},
        )
    require(transition.permitted(actor, locked), _("You may not make this change."))
    comment = (comment or "").strip()
    if transition.needs_comment and not comment:
        raise ApplicationError(
            _("Say why in a comment."), fields={"comment": [_("A comment is required for this change.")]}
        )
    refusal = transition.refusal(locked)
    if refusal:
        raise Conflict(refusal, fields={"to": [refusal]})
    before = audit.snapshot(locked)
    setattr(locked, machine.field_name, to)
    if hasattr(locked, "version"):
        locked.version += 1
    if on_enter is not None:
        on_enter(locked, current)
    unchanged = _unchanged_fields(locked, stored)
    _validated(locked, unchanged=unchanged)
    # Only what changed is written (the row is locked, so the rest is as read), and the timestamps.
    locked.save(
        update_fields=[
            field.name
            for field in locked._meta.concrete_fields
            if not field.primary_key and (field.name not in unchanged or getattr(field, "auto_now", False))
        ]
    )
    audit.record(
        actor=actor,
        instance=locked,
        action=AuditAction.TRANSITION,
        before=before,
        after=audit.snapshot(locked),
        reason=comment,
    )
    return locked
