from django.utils.translation import gettext_lazy as _

# The main navigation: (url name, label, who sees it). "portfolio" = staff and integrators.
_NAVIGATION = (
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
        if audience == "all" or user.sees_whole_portfolio
    ]
    return {"navigation": items}
