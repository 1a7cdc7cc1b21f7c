from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .roles import Role

# The main navigation of staff and integrators: (url name, label, who sees it). "portfolio" = staff
# and integrators.
_NAVIGATION = (
    ("actions:action_list", _("Actions"), "all"),
    ("actions:request_list", _("Requests"), "requests"),
    ("actions:meeting_list", _("Steering Committee"), "portfolio"),
    ("partners:institution_list", _("Institutions"), "all"),
    ("partners:person_list", _("People"), "all"),
    ("partners:mechanism_list", _("Coordination mechanisms"), "all"),
    ("partners:expert_list", _("Expert roster"), "portfolio"),
    ("certification:programme_list", _("Certification"), "portfolio"),
)

REQUEST_ROLES = frozenset({Role.FOCAL_POINT, Role.HR_OFFICER, Role.TRAINING_OFFICER})
CERTIFICATION_ROLES = frozenset({Role.HR_OFFICER, Role.TRAINING_OFFICER, Role.OFFICIAL})


def _item(url_name: str, label, *args) -> dict:
    return {"url": url_name, "href": reverse(url_name, args=args), "label": label}


def _partner_navigation(user) -> list[dict]:
    """The portal's navigation: home, the institution's requests (for who follows them), Actions,
    certification (HR and training units, officials), the official's own activities and the
    institution's page."""
    items = [_item("portal:home", _("Home"))]
    if user.role in REQUEST_ROLES:
        items.append(_item("actions:request_list", _("Requests")))
    items.append(_item("actions:action_list", _("Actions")))
    if user.role in CERTIFICATION_ROLES:
        items.append(_item("certification:programme_list", _("Certification")))
    if user.role == Role.OFFICIAL:
        items.append(_item("portal:my_activities", _("My activities")))
    # The account's person record (cached on the user for the rest of the request).
    person = getattr(user, "person", None)
    if person is not None:
        items.append(_item("partners:institution_detail", _("My institution"), person.institution_id))
    return items


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    if user.is_partner:
        return {"navigation": _partner_navigation(user)}
    if user.role == Role.EXPERT:
        return {
            "navigation": [
                _item("portal:home", _("My missions")),
                _item("actions:action_list", _("Actions")),
            ]
        }
    items = [
        _item(url, label)
        for url, label, audience in _NAVIGATION
        if audience == "all" or user.sees_whole_portfolio
    ]
    return {"navigation": items}
