"""Generic page views every domain app builds on.

Each applies `for_user` (visibility), asks the app's policy before writing, and writes only through
the app's services. Forms validate input; they never save.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.forms import ModelChoiceField
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import generic

from .errors import ApplicationError
from .errors import PermissionDenied as ServicePermissionDenied
from .models import AuditEntry, visible_to
from .permissions import Policy
from .renderers import FILTER_FORM_RENDERER


@dataclass(frozen=True)
class Column:
    """A list-page column: the attribute path to show, its heading, and the sort key (if sortable)."""

    accessor: str
    label: str
    sort: str | None = None
    link: bool = False


# Lists count their rows up to here, and say "more than" beyond it.
COUNT_CAP = 10_000


class BoundedPaginator(Paginator):
    """Django's Paginator, counting at most `cap` + 1 rows: its plain COUNT(*) reads every matching row
    on every request, 150,000 people for the unfiltered people list. Past the cap the list says
    "more than 10,000 results" and offers the pages up to the cap (filters narrow it down)."""

    cap = COUNT_CAP

    def __init__(self, object_list, per_page, *, cap: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        if cap is not None:
            self.cap = cap

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, QuerySet):
            # SELECT COUNT(*) FROM (SELECT … LIMIT cap + 1): stops reading at the cap.
            # The order is dropped: it changes which rows, not how many.
            return self.object_list.order_by()[: self.cap + 1].count()
        return min(len(self.object_list), self.cap + 1)

    @property
    def capped(self) -> bool:
        return self.count > self.cap

    @property
    def pages_below_cap(self) -> int:
        """The number of whole pages the cap holds: "page 3 of 400+"."""
        return self.cap // self.per_page


class ScopedQuerysetMixin(LoginRequiredMixin):
    model = None
    policy: Policy = Policy()
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple = ()

    def get_queryset(self):
        return visible_to(
            self.request.user,
            self.model,
            select_related=self.select_related,
            prefetch_related=self.prefetch_related,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["opts"] = self.model._meta
        context["can_create"] = self.policy.can_create(self.request.user)
        return context


class ScopedListView(ScopedQuerysetMixin, generic.TemplateView):
    """A filterable, searchable, sortable, paginated list of what the user may see."""

    template_name = "mieux/object_list.html"
    filterset_class = None
    columns: tuple[Column, ...] = ()
    paginate_by = 25
    max_paginate_by = 100
    create_url_name: str | None = None
    # Filters by raw id serve links and the API; the page keeps their value but shows no box for them.
    hidden_filters: tuple[str, ...] = ()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset_class(self.request.GET, queryset=self.get_queryset(), request=self.request)
        filterset.form.renderer = FILTER_FORM_RENDERER
        # Invalid filters show their errors next to the field and an empty list, never a 500.
        queryset = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        if not queryset.ordered:
            queryset = queryset.order_by(*self.default_ordering())
        paginator = BoundedPaginator(queryset, self._page_size())
        page = paginator.get_page(self.request.GET.get("page"))
        # Rows and filter choices are fetched here, so rendering the template runs no query (the
        # query-count guards in tests/test_query_counts.py forbid it).
        page.object_list = list(page.object_list)
        _fetch_choices(filterset.form)
        query = self.request.GET.copy()
        query.pop("page", None)
        sort_query = query.copy()
        sort_query.pop("ordering", None)
        context.update(
            filterset=filterset,
            page_obj=page,
            object_list=page.object_list,
            columns=self.columns,
            current_ordering=self.request.GET.get("ordering", ""),
            query_without_page=query.urlencode(),
            query_without_ordering=sort_query.urlencode(),
            create_url_name=self.create_url_name,
            hidden_filters=self.get_hidden_filters(),
            title=self.model._meta.verbose_name_plural,
        )
        return context

    def get_hidden_filters(self) -> tuple[str, ...]:
        return self.hidden_filters

    def default_ordering(self) -> tuple[str, ...]:
        return tuple(self.model._meta.ordering or ("-id",))

    def _page_size(self) -> int:
        try:
            size = int(self.request.GET.get("page_size", self.paginate_by))
        except ValueError:
            size = self.paginate_by
        return max(1, min(size, self.max_paginate_by))


def _fetch_choices(form) -> None:
    """Give each related-object box its options as a list: a ModelChoiceField queries the database
    each time its widget is rendered."""
    for form_field in form.fields.values():
        if isinstance(form_field, ModelChoiceField):
            # list(iter(...)): list() of the iterator itself would first ask its length, which a
            # ModelChoiceIterator answers with a COUNT query of its own.
            form_field.widget.choices = list(iter(form_field.choices))


class ScopedDetailView(ScopedQuerysetMixin, generic.DetailView):
    """One object the user may see (404 otherwise), with its change history for staff."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        obj = self.object
        context["can_change"] = self.policy.can_change(user, obj)
        context["can_delete"] = self.policy.can_delete(user, obj)
        context["history"] = AuditEntry.objects.for_user(user).for_object(obj).select_related("actor")[:50]
        return context


class ServiceFormMixin(ScopedQuerysetMixin):
    """Validates with a form, then calls a service; a service error becomes a form error."""

    form_class = None
    template_name = "mieux/object_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def call_service(self, form):  # pragma: no cover - each view says which service
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.object = self.call_service(form)
        except ServicePermissionDenied as error:
            raise PermissionDenied(error.message) from error
        except ApplicationError as error:
            # Errors on fields the user cannot see (a hidden version, a field not on this form) are
            # shown at the top of the form.
            visible = {name for name, field in form.fields.items() if not field.widget.is_hidden}
            for field, field_messages in error.fields.items():
                for message in field_messages:
                    form.add_error(field if field in visible else None, message)
            if not error.fields:
                form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message())
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return self.object.get_absolute_url()


class ServiceCreateView(ServiceFormMixin, generic.CreateView):
    create_service: Callable | None = None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not self.policy.can_create(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def call_service(self, form):
        return type(self).create_service(actor=self.request.user, **form.service_data())

    def success_message(self) -> str:
        return _("%(object)s was created.") % {"object": self.object}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("New %(kind)s") % {"kind": self.model._meta.verbose_name}
        return context


class ServiceUpdateView(ServiceFormMixin, generic.UpdateView):
    update_service: Callable | None = None

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not self.policy.can_change(self.request.user, obj):
            raise PermissionDenied
        return obj

    def call_service(self, form):
        # The form cleaned its data onto a copy; the service applies it to a fresh row.
        fresh = get_object_or_404(self.get_queryset(), pk=self.object.pk)
        return type(self).update_service(fresh, actor=self.request.user, **form.service_data())

    def success_message(self) -> str:
        return _("%(object)s was saved.") % {"object": self.object}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit %(object)s") % {"object": self.object}
        return context


class ServiceDeleteView(ScopedQuerysetMixin, generic.DeleteView):
    template_name = "mieux/object_confirm_delete.html"
    delete_service: Callable | None = None
    success_url_name: str = "home"

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not self.policy.can_delete(self.request.user, obj):
            raise PermissionDenied
        return obj

    def form_valid(self, form):
        name = str(self.object)
        try:
            type(self).delete_service(self.object, actor=self.request.user)
        except ServicePermissionDenied as error:
            raise PermissionDenied(error.message) from error
        except ApplicationError as error:
            form.add_error(None, error.message)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(self.request, _("%(object)s was deleted.") % {"object": name})
        return HttpResponseRedirect(reverse(self.success_url_name))
