from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The partner portal's own pages (home, tasks, what officials and experts see of themselves): a
    thin app that reads through the domain apps' querysets and writes through their services."""

    name = "portal"
    verbose_name = _("Partner portal")
