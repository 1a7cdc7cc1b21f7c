from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MieuxConfig(AppConfig):
    name = "mieux"
    verbose_name = _("Platform")

    def ready(self):
        from . import signals  # noqa: F401 - connects the receivers
