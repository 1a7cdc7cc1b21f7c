from django.contrib import admin

from mieux.admin import ReadOnlyAdmin

from .models import CertificationProgramme, Enrolment


@admin.register(CertificationProgramme)
class CertificationProgrammeAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "accepts_nominations"]


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnlyAdmin):
    list_display = ["person", "programme", "institution", "status", "nominated_on"]
    list_filter = ["status"]
