"""The framework's own tables: accounts, API tokens and the audit trail, plus the base classes that
every domain model builds on."""

from __future__ import annotations

import hashlib
import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _

from .roles import MANAGER_ROLES, PARTNER_ROLES, STAFF_ROLES, Role

if TYPE_CHECKING:
    from collections.abc import Iterable


class ScopedQuerySet(models.QuerySet):
    """Base queryset of every model whose rows not every user may see.

    `for_user` is what the base API viewset and the base views call, so visibility is decided in
    exactly one place per model: nobody signed out or deactivated sees anything, staff and
    integrators see the whole portfolio, and everyone else sees what the model's `scoped_for` allows.
    The default is deny-all: a model that forgets to say who sees it shows nothing.
    """

    def for_user(self, user) -> ScopedQuerySet:
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        if user.sees_whole_portfolio:
            return self.all()
        return self.scoped_for(user)

    def scoped_for(self, user) -> ScopedQuerySet:
        """Rows a partner user or an expert may see."""
        return self.none()


def visible_to(user, model: type[models.Model], *, select_related=(), prefetch_related=()) -> models.QuerySet:
    """The rows of `model` this user may see, with the joins a list or page needs."""
    queryset = model.objects.for_user(user)
    if select_related:
        queryset = queryset.select_related(*select_related)
    if prefetch_related:
        queryset = queryset.prefetch_related(*prefetch_related)
    return queryset


class ChoiceLabelsModel(models.Model):
    """`get_<field>_display()` without translating every choice of the field.

    Django's version builds a dict of the field's choices with make_hashable(), which hashes each
    label; a label is a lazy translation, so each hash translates it. A list page showing the type
    and status of 25 rows translated some 300 labels to show 50: an eighth of its time. Only the
    values are keys here, and only the label shown is translated."""

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        try:
            label = dict(field.flatchoices).get(value, value)
        except TypeError:  # a list or dict value (unhashable): Django's way
            return super()._get_FIELD_display(field)
        return force_str(label, strings_only=True)


class TimeStampedModel(ChoiceLabelsModel):
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(models.Model):
    """A row edited by several people: `version` goes up with every change, and an edit made on an
    older version is refused (see mieux.services.update_versioned), so no edit is silently lost."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    @property
    def etag(self) -> str:
        return f'"{self.version}"'


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **fields) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        fields.update(is_superuser=True, role=Role.ADMINISTRATOR)
        return self._create_user(email, password, **fields)

    def get_by_natural_key(self, username: str) -> User:
        # E-mail addresses are compared case-insensitively: Maria@x and maria@x are one person.
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """An account. People log in with their e-mail address; what they may do follows from `role`."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["role"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def is_staff(self) -> bool:
        # Django's admin site is for administrators only; programme staff work in the platform's pages.
        return self.is_active and (self.is_superuser or self.role == Role.ADMINISTRATOR)

    @property
    def is_programme_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def is_programme_manager(self) -> bool:
        return self.role in MANAGER_ROLES

    @property
    def is_partner(self) -> bool:
        return self.role in PARTNER_ROLES

    @property
    def sees_whole_portfolio(self) -> bool:
        """Staff and integrators read everything; partners and experts read their own share."""
        return self.role in STAFF_ROLES or self.role == Role.INTEGRATOR


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(models.Model):
    """A bearer token for integrators. Only its SHA-256 digest is stored: the plain token is shown once.

    Hand-written rather than DRF's authtoken (which stores tokens in clear) or django-rest-knox (which
    has no read-only scope): the whole model is these few lines.
    """

    PREFIX_LENGTH = 8

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, blank=True)
    prefix = models.CharField(_("prefix"), max_length=PREFIX_LENGTH, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    read_only = models.BooleanField(_("read-only"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @staticmethod
    def generate() -> tuple[str, str, str]:
        """Return (plain token, prefix, digest)."""
        raw = secrets.token_urlsafe(32)
        return raw, raw[: ApiToken.PREFIX_LENGTH], hash_token(raw)

    @classmethod
    def find_active(cls, raw: str) -> ApiToken | None:
        return cls.objects.active().select_related("user").filter(digest=hash_token(raw)).first()


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")
    TRANSITION = "transition", _("Status changed")


class AuditEntryQuerySet(ScopedQuerySet):
    def for_user(self, user) -> AuditEntryQuerySet:
        # The trail names people and shows old values: programme staff only, not integrators.
        if user and user.is_authenticated and user.is_active and user.is_programme_staff:
            return self.all()
        return self.none()

    def for_object(self, obj: models.Model) -> AuditEntryQuerySet:
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
        )

    def for_objects(self, model: type[models.Model], ids: Iterable) -> AuditEntryQuerySet:
        return self.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=[str(i) for i in ids]
        )


class AuditEntry(models.Model):
    """One write to a domain object: who, what, which fields changed (before → after), and from where.

    Written by `mieux.audit.record` inside the same transaction as the change it describes.
    """

    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept even when the account is later deleted, so the trail still says who acted.
    actor_label = models.CharField(_("actor"), max_length=254, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    action = models.CharField(_("action"), max_length=16, choices=AuditAction.choices)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    # "request:<uuid>", "task:<name>:<id>" or "command:<name>": where the write came from.
    origin = models.CharField(_("origin"), max_length=200, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"


class UserSession(models.Model):
    """A signed-in browser session of a user, so deactivating an account can end every session it
    has, whatever the session engine (the engine itself cannot be searched by user)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sessions")
    session_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d %H:%M})"
