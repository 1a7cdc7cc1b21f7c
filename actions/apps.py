from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = _("Requests and Actions")

    def ready(self) -> None:
        # Experts' expertise areas (partners app, below this one) are thematic area codes from here.
        from partners import models as partner_models

        from .models import ThematicArea

        def codes_in_use() -> set[str]:
            return set(ThematicArea.objects.filter(is_active=True).values_list("code", flat=True))

        partner_models.expertise_area_codes = codes_in_use
