"""The public catalogue of published Actions: list, detail and an Atom feed per language.

No login. Only what the programme publishes anyway (and sends to IATI) is shown: no officer, no
people, no request details, no comments or audit trail."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import Case, DateField, F, Q, When
from django.db.models.functions import Coalesce
from django.http import Http404, QueryDict
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views import generic

from .choices import ActionStatus
from .filtersets import ActionFilterSet
from .models import Action
from .views.staff import partners_in_role_order

# The filters of the shared ActionFilterSet that speak only of public facts.
PUBLIC_FILTERS = ("q", "type", "region", "country", "thematic_area")
FEED_LANGUAGES = ("en", "fr", "es")
FEED_SIZE = 50
LAUNCHED_STATUSES = (ActionStatus.IMPLEMENTATION, ActionStatus.FOLLOW_UP, ActionStatus.CLOSED)


def _public_query(query: QueryDict) -> QueryDict:
    public = QueryDict(mutable=True)
    for name in PUBLIC_FILTERS:
        values = [value for value in query.getlist(name) if value]
        if values:
            public.setlist(name, values)
    return public


class CatalogueListView(generic.TemplateView):
    template_name = "catalogue/action_list.html"
    paginate_by = 24

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = _public_query(self.request.GET)
        queryset = Action.objects.published().select_related("thematic_area", "phase")
        filterset = ActionFilterSet(query, queryset=queryset, request=self.request)
        results = filterset.qs if filterset.is_valid() else queryset.none()
        page = Paginator(results.order_by("-approved_on", "-id"), self.paginate_by).get_page(
            self.request.GET.get("page")
        )
        context.update(
            title=_("Catalogue of Actions"),
            filter_fields=[filterset.form[name] for name in PUBLIC_FILTERS],
            page_obj=page,
            object_list=page.object_list,
            query_without_page=query.urlencode(),
        )
        return context


class CatalogueDetailView(generic.DetailView):
    template_name = "catalogue/action_detail.html"
    slug_field = "code"
    slug_url_kwarg = "code"
    context_object_name = "action"

    def get_queryset(self):
        return Action.objects.published().select_related(
            "phase", "thematic_area", "specific_area", "purpose_code"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        action = self.object
        published = Action.objects.published()
        context.update(
            partners=partners_in_role_order(action.partner_links.select_related("institution")),
            activities=action.activities.exclude(status="cancelled"),
            gcm_objectives=action.gcm_objectives.all(),
            predecessor=published.filter(pk=action.predecessor_id).first() if action.predecessor_id else None,
            successors=published.filter(predecessor=action).order_by("approved_on"),
        )
        return context


class CatalogueFeed(Feed):
    """Actions that launched or completed, newest first, in the language of the URL."""

    feed_type = Atom1Feed

    # No `language` attribute: Django then labels the feed with the active language, set here.
    def __call__(self, request, *args, **kwargs):
        language = kwargs.get("language")
        if language not in FEED_LANGUAGES:
            raise Http404(_("No feed in this language."))
        with translation.override(language):
            return super().__call__(request, *args, **kwargs)

    def get_object(self, request, language):
        return language

    def title(self, obj):
        return _("MIEUX+ Actions: launches and completions")

    def subtitle(self, obj):
        return _("Capacity-building Actions on migration that started or were completed.")

    def link(self, obj):
        return reverse("catalogue:action_list")

    def feed_url(self, obj):
        return reverse("catalogue:feed", args=[obj])

    def items(self, obj):
        launched = Q(status__in=LAUNCHED_STATUSES) & (
            Q(launched_on__isnull=False) | Q(actual_start__isnull=False)
        )
        completed = Q(status=ActionStatus.CLOSED, actual_end__isnull=False)
        event_on = Case(
            When(completed, then=F("actual_end")),
            default=Coalesce("launched_on", "actual_start"),
            output_field=DateField(),
        )
        return list(
            Action.objects.published()
            .filter(launched | completed)
            .annotate(event_on=event_on)
            .order_by("-event_on", "-id")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.title

    def item_link(self, item):
        return reverse("catalogue:action_detail", args=[item.code])

    def item_updateddate(self, item):
        return _as_datetime(item.event_on)

    def item_pubdate(self, item):
        return _as_datetime(item.event_on)

    def item_categories(self, item):
        completed = item.status == ActionStatus.CLOSED and item.actual_end
        return [_("Completed") if completed else _("Launched"), item.get_type_display()]


def _as_datetime(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=timezone.get_default_timezone())


catalogue_feed = CatalogueFeed()
