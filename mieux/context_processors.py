from django.utils.translation import gettext_lazy as _

# The main navigation: (url name, label, who sees it). "portfolio" = staff and integrators.
_NAVIGATION = (
    ("actions:action_list", _("Actions"), "all"),
    ("actions:request_list", _("Requests"), "requests"),
    ("actions:meeting_list", _("Steering Committee"), "portfolio"),
    ("partners:institution_list", _("Institutions"), "all"),
    ("partners:person_list", _("People"), "all"),
    ("partners:mechanism_list", _("Coordination mechanisms"), "all"),
    ("partners:expert_list", _("Expert roster"), "portfolio"),
)


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    items = [
        {"url": url, "label": label}
        for url, label, audience in _NAVIGATION
        if audience == "all"
        or user.sees_whole_portfolio
        or (audience == "requests" and user.role in {"focal_point", "hr_officer", "training_officer"})
    ]
    return {"navigation": items}
