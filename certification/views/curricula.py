"""One training programme per institution: its curriculum of modules (MIEUX+ and other providers),
each official's learning record across all of them, and the career steps HR records.

Visibility through `for_user` (a partner of another institution gets a 404), writes through
certification.services; the training unit keeps the curriculum, HR and the training unit the
learning records, HR the career steps, programme staff all of it (certification.permissions)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, IntegerField, Min, OuterRef, Prefetch, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from mieux.errors import ApplicationError
from mieux.errors import PermissionDenied as ServicePermissionDenied
from mieux.permissions import Policy
from mieux.views import (
    Column,
    ScopedDetailView,
    ScopedListView,
    ScopedQuerysetMixin,
    ServiceCreateView,
    ServiceUpdateView,
)
from partners.models import Person
from partners.permissions import own_institution_id

from .. import services
from ..choices import CredentialStatus, ModuleProvider
from ..filtersets import CurriculumFilterSet
from ..forms.curricula import CareerStepForm, CurriculumForm, LearningRecordForm, ModuleForm
from ..models import CareerStep, Credential, Curriculum, CurriculumModule, LearningRecord
from ..permissions import (
    can_keep_curriculum,
    can_record_career_step,
    can_record_learning,
    is_programme_officer,
)
from ..querysets import INSTITUTION_READERS

# --- Who may do what (reading is for_user's) --------------------------------------------------


class CurriculumPolicy(Policy):
    """Programme staff open a curriculum for any institution; a training unit opens its own once."""

    def can_create(self, user) -> bool:
        if is_programme_officer(user):
            return True
        institution_id = own_institution_id(user)
        return (
            can_keep_curriculum(user, institution_id)
            and institution_id is not None
            and not Curriculum.objects.filter(institution_id=institution_id).exists()
        )

    def can_change(self, user, obj) -> bool:
        return can_keep_curriculum(user, obj.institution_id)


class ModulePolicy(Policy):
    def can_create(self, user) -> bool:
        return can_keep_curriculum(user)

    def can_change(self, user, obj) -> bool:
        return can_keep_curriculum(user, obj.curriculum.institution_id)

    def can_delete(self, user, obj) -> bool:
        return self.can_change(user, obj)


class LearningRecordPolicy(Policy):
    def can_create(self, user) -> bool:
        return can_record_learning(user)

    def can_delete(self, user, obj) -> bool:
        return can_record_learning(user, obj.institution_id)


class CareerStepPolicy(Policy):
    def can_create(self, user) -> bool:
        return can_record_career_step(user)

    def can_delete(self, user, obj) -> bool:
        return can_record_career_step(user, obj.institution_id)


def _reads_learning(user) -> bool:
    """Learning records are for the institution's people and programme staff (not experts)."""
    return user.is_authenticated and (user.is_partner or user.sees_whole_portfolio)


def visible_person(user, pk) -> Person:
    """The official whose learning record this user may open (404 otherwise)."""
    if not _reads_learning(user):
        raise Http404
    return get_object_or_404(Person.objects.for_user(user).select_related("institution", "user"), pk=pk)


def _due_state(day: datetime.date | None, today: datetime.date, horizon: datetime.date) -> str:
    if day is None:
        return ""
    if day < today:
        return "lapsed"
    return "due" if day <= horizon else ""


def _count_of(model, link: str, **filters):
    rows = (
        model.objects.filter(**{link: OuterRef("pk")}, **filters)
        .order_by()
        .values(link)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


# --- Curricula --------------------------------------------------------------------------------


class CurriculumViews:
    model = Curriculum
    policy = CurriculumPolicy()
    select_related = ("institution",)


class CurriculumListView(CurriculumViews, ScopedListView):
    template_name = "certification/curricula/curriculum_list.html"
    filterset_class = CurriculumFilterSet
    create_url_name = "certification:curriculum_create"
    hidden_filters = ("institution",)
    columns = (
        Column("name", gettext_lazy("Curriculum"), link=True),
        Column("institution", gettext_lazy("Institution")),
        Column("module_count", gettext_lazy("Modules")),
        Column("updated_at", gettext_lazy("Updated")),
    )

    def get_queryset(self):
        return super().get_queryset().annotate(module_count=_count_of(CurriculumModule, "curriculum"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            title=_("Training curricula")
            if user.sees_whole_portfolio
            else _("Your institution's curriculum"),
            own_person=Person.objects.filter(user=user).first() if user.is_partner else None,
        )
        return context


class CurriculumCreateView(CurriculumViews, ServiceCreateView):
    form_class = CurriculumForm
    template_name = "actions/object_form.html"

    def get_initial(self):
        initial = super().get_initial()
        person = Person.objects.filter(user=self.request.user).select_related("institution").first()
        if person is not None and not is_programme_officer(self.request.user):
            initial["name"] = _("Training curriculum of %(institution)s") % {
                "institution": person.institution.acronym or person.institution
            }
        return initial

    def call_service(self, form):
        data = form.service_data()
        institution = data.pop("institution", None)
        if institution is None:
            person = Person.objects.filter(user=self.request.user).select_related("institution").first()
            if person is None:
                raise PermissionDenied
            institution = person.institution
        return services.curriculum_create(actor=self.request.user, institution=institution, **data)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=_("New training curriculum"), cancel_url=reverse("certification:curriculum_list")
        )
        return context


class CurriculumUpdateView(CurriculumViews, ServiceUpdateView):
    form_class = CurriculumForm
    template_name = "actions/object_form.html"
    update_service = services.curriculum_update


class CurriculumDetailView(CurriculumViews, ScopedDetailView):
    template_name = "certification/curricula/curriculum_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        curriculum = self.object
        certified = Credential.objects.for_user(user).filter(
            person=OuterRef("pk"), status=CredentialStatus.ACTIVE
        )
        modules = list(
            curriculum.modules.select_related("programme")
            .prefetch_related(
                Prefetch(
                    "trainers",
                    queryset=Person.objects.annotate(certified=Exists(certified)).order_by(
                        "last_name", "first_name", "id"
                    ),
                )
            )
            .order_by("-is_active", "title", "id")
        )
        mieux = [module for module in modules if module.provider_kind == ModuleProvider.MIEUX]
        others = [module for module in modules if module.provider_kind != ModuleProvider.MIEUX]
        trainer_ids = {trainer.pk for module in modules for trainer in module.trainers.all()}
        reads_people = user.sees_whole_portfolio or user.role in INSTITUTION_READERS
        officials = []
        if reads_people:
            horizon = timezone.localdate() + datetime.timedelta(days=settings.SKILL_REMINDER_DAYS)
            records = LearningRecord.objects.for_user(user)
            next_refresh = (
                records.filter(person=OuterRef("pk"), refresh_by__isnull=False)
                .order_by()
                .values("person")
                .annotate(first=Min("refresh_by"))
                .values("first")
            )
            officials = list(
                Person.objects.for_user(user)
                .filter(institution_id=curriculum.institution_id)
                .annotate(
                    record_count=_count_of(LearningRecord, "person"),
                    next_refresh=Subquery(next_refresh),
                )
                .order_by("last_name", "first_name", "id")[:200]
            )
            today = timezone.localdate()
            for person in officials:
                person.due_state = _due_state(person.next_refresh, today, horizon)
        own_person = Person.objects.filter(user=user).first() if user.is_partner else None
        context.update(
            title=str(curriculum),
            mieux_modules=mieux,
            other_modules=others,
            module_total=len(modules),
            hours_total=sum((module.hours or 0) for module in modules if module.is_active),
            trainer_total=len(trainer_ids),
            reads_people=reads_people,
            officials=officials,
            own_person=own_person,
            can_keep=can_keep_curriculum(user, curriculum.institution_id),
        )
        return context


# --- Modules ----------------------------------------------------------------------------------


class ModuleViews:
    model = CurriculumModule
    policy = ModulePolicy()
    select_related = ("curriculum", "curriculum__institution")


class ModuleCreateView(ModuleViews, ServiceCreateView):
    form_class = ModuleForm
    template_name = "actions/object_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.curriculum = get_object_or_404(
            Curriculum.objects.for_user(request.user).select_related("institution"), pk=kwargs["pk"]
        )
        if not can_keep_curriculum(request.user, self.curriculum.institution_id):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["curriculum"] = self.curriculum
        return kwargs

    def call_service(self, form):
        return services.module_create(
            actor=self.request.user, curriculum=self.curriculum, **form.service_data()
        )

    def get_success_url(self):
        return self.curriculum.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=_("New module in %(curriculum)s") % {"curriculum": self.curriculum},
            cancel_url=self.curriculum.get_absolute_url(),
        )
        return context


class ModuleUpdateView(ModuleViews, ServiceUpdateView):
    form_class = ModuleForm
    template_name = "actions/object_form.html"
    update_service = services.module_update

    def get_success_url(self):
        return self.object.curriculum.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.object.curriculum.get_absolute_url()
        return context


class _DeleteView(ScopedQuerysetMixin, generic.DeleteView):
    """Confirm, then delete through the service; back to the page the row was shown on."""

    template_name = "mieux/object_confirm_delete.html"
    delete_service = None

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not self.policy.can_delete(self.request.user, obj):
            raise PermissionDenied
        return obj

    def back_url(self) -> str:  # pragma: no cover - each view says where
        raise NotImplementedError

    def form_valid(self, form):
        name, back = str(self.object), self.back_url()
        try:
            type(self).delete_service(self.object, actor=self.request.user)
        except ServicePermissionDenied as error:
            raise PermissionDenied(error.message) from error
        except ApplicationError as error:
            form.add_error(None, error.message)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(self.request, _("%(object)s was deleted.") % {"object": name})
        return HttpResponseRedirect(back)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.back_url()
        return context


class ModuleDeleteView(ModuleViews, _DeleteView):
    delete_service = services.module_delete

    def back_url(self) -> str:
        return self.object.curriculum.get_absolute_url()


# --- An official's learning record ------------------------------------------------------------


class LearningRecordView(LoginRequiredMixin, generic.TemplateView):
    """One record across every provider: MIEUX+ modules, other providers' training, credentials held
    and the career steps they brought; refresh and expiry dates due within SKILL_REMINDER_DAYS are
    highlighted."""

    template_name = "certification/curricula/learning_record.html"

    def get_person(self) -> Person:
        return visible_person(self.request.user, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        person = self.get_person()
        today = timezone.localdate()
        horizon = today + datetime.timedelta(days=settings.SKILL_REMINDER_DAYS)
        records = list(
            LearningRecord.objects.for_user(user)
            .filter(person=person)
            .select_related("module", "credential__programme")
            .order_by("-completed_on", "-id")
        )
        for record in records:
            record.due_state = _due_state(record.refresh_by, today, horizon)
        credentials = list(
            Credential.objects.for_user(user)
            .filter(person=person)
            .select_related("programme")
            .order_by("-issued_on", "-id")
        )
        for credential in credentials:
            credential.due_state = (
                _due_state(credential.valid_until, today, horizon)
                if credential.status == CredentialStatus.ACTIVE
                else ""
            )
        steps = list(
            CareerStep.objects.for_user(user)
            .filter(person=person)
            .select_related("credential__programme", "recorded_by")
            .order_by("-effective_on", "-id")
        )
        mieux = [r for r in records if r.module_id and r.module.provider_kind == ModuleProvider.MIEUX]
        others = [r for r in records if not (r.module_id and r.module.provider_kind == ModuleProvider.MIEUX)]
        curriculum = Curriculum.objects.for_user(user).filter(institution_id=person.institution_id).first()
        hours = (
            LearningRecord.objects.for_user(user)
            .filter(person=person)
            .aggregate(total=Sum("module__hours"))["total"]
        )
        context.update(
            title=_("Learning record of %(person)s") % {"person": person},
            person=person,
            is_own=person.user_id == user.pk,
            mieux_records=mieux,
            other_records=others,
            record_total=len(records),
            hours_total=hours or 0,
            due_total=sum(1 for row in [*records, *credentials] if row.due_state),
            credentials=credentials,
            career_steps=steps,
            curriculum=curriculum,
            reminder_days=settings.SKILL_REMINDER_DAYS,
            may_record=can_record_learning(user, person.institution_id),
            may_record_step=can_record_career_step(user, person.institution_id),
            back_url=reverse("portal:home") if user.is_partner else reverse("certification:curriculum_list"),
        )
        return context


class MyLearningView(LearningRecordView):
    """The signed-in official's own learning record."""

    def get_person(self) -> Person:
        person = Person.objects.filter(user=self.request.user).select_related("institution", "user").first()
        if person is None or not _reads_learning(self.request.user):
            raise Http404
        return person


class _PersonCreateView(ServiceCreateView):
    """A form about one official, who must be visible (404) and whose record this user keeps (403)."""

    template_name = "actions/object_form.html"
    allowed = staticmethod(lambda user, institution_id: False)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.person = visible_person(request.user, kwargs["pk"])
        if not type(self).allowed(request.user, self.person.institution_id):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["person"] = self.person
        return kwargs

    def get_success_url(self):
        return reverse("certification:learning_record", args=[self.person.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.get_success_url()
        return context


class LearningRecordCreateView(_PersonCreateView):
    model = LearningRecord
    policy = LearningRecordPolicy()
    form_class = LearningRecordForm
    allowed = staticmethod(can_record_learning)

    def call_service(self, form):
        return services.learning_record_create(
            actor=self.request.user, person=self.person, **form.service_data()
        )

    def success_message(self) -> str:
        return _("“%(title)s” was added to the learning record.") % {"title": self.object.title}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Add to the learning record of %(person)s") % {"person": self.person}
        return context


class CareerStepCreateView(_PersonCreateView):
    model = CareerStep
    policy = CareerStepPolicy()
    form_class = CareerStepForm
    allowed = staticmethod(can_record_career_step)

    def call_service(self, form):
        return services.career_step_record(actor=self.request.user, person=self.person, **form.service_data())

    def success_message(self) -> str:
        return _("The career step was recorded.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Record a career step of %(person)s") % {"person": self.person}
        return context


class LearningRecordDeleteView(_DeleteView):
    model = LearningRecord
    policy = LearningRecordPolicy()
    select_related = ("person",)
    delete_service = services.learning_record_delete

    def back_url(self) -> str:
        return reverse("certification:learning_record", args=[self.object.person_id])


class CareerStepDeleteView(_DeleteView):
    model = CareerStep
    policy = CareerStepPolicy()
    select_related = ("person",)
    delete_service = services.career_step_delete

    def back_url(self) -> str:
        return reverse("certification:learning_record", args=[self.object.person_id])
