from django.contrib import admin

from mieux.admin import ReadOnlyAdmin

from .models import CoordinationMechanism, Department, Expert, Institution, Invitation, Person


@admin.register(Institution)
class InstitutionAdmin(ReadOnlyAdmin):
    list_display = ["name", "acronym", "type", "country"]
    list_filter = ["type"]
    search_fields = ["name_en", "name_fr", "name_es", "acronym"]


@admin.register(Department)
class DepartmentAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "institution"]


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["last_name", "first_name", "institution", "gender"]
    search_fields = ["last_name", "first_name", "email"]


@admin.register(CoordinationMechanism)
class CoordinationMechanismAdmin(ReadOnlyAdmin):
    list_display = ["name", "country"]


@admin.register(Expert)
class ExpertAdmin(ReadOnlyAdmin):
    list_display = ["person", "member_state", "roster_status"]
    list_filter = ["roster_status"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["email", "role", "created_at", "expires_at", "accepted_at", "revoked_at"]
    search_fields = ["email"]
