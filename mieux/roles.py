"""Who a user is on the platform. One role per account; a partner's institution comes from the
person record linked to the account (see partners.Person.user)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    PROGRAMME_MANAGER = "programme_manager", _("Programme manager")
    PROGRAMME_OFFICER = "programme_officer", _("Programme officer")
    FOCAL_POINT = "focal_point", _("Focal point")
    HR_OFFICER = "hr_officer", _("HR officer")
    TRAINING_OFFICER = "training_officer", _("Training-unit officer")
    OFFICIAL = "official", _("Official")
    EXPERT = "expert", _("Expert")
    INTEGRATOR = "integrator", _("Integrator")


# Programme staff: see the whole portfolio in the browser.
STAFF_ROLES = frozenset({Role.ADMINISTRATOR, Role.PROGRAMME_MANAGER, Role.PROGRAMME_OFFICER})
# Managers: may delete and decide; officers may create and edit.
MANAGER_ROLES = frozenset({Role.ADMINISTRATOR, Role.PROGRAMME_MANAGER})
# People of a partner institution, who see only their institution's data.
PARTNER_ROLES = frozenset({Role.FOCAL_POINT, Role.HR_OFFICER, Role.TRAINING_OFFICER, Role.OFFICIAL})
