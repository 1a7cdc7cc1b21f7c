from django.contrib import admin

from mieux.admin import ReadOnlyAdmin

from .models import (
    Assessment,
    BulkIssue,
    CareerStep,
    CertificationProgramme,
    Credential,
    Curriculum,
    CurriculumModule,
    Enrolment,
    LearningRecord,
    RecognitionEvidence,
    ReplicaSession,
    SignOff,
)


@admin.register(CertificationProgramme)
class CertificationProgrammeAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "accepts_nominations"]


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnlyAdmin):
    list_display = ["person", "programme", "institution", "status", "nominated_on"]
    list_filter = ["status"]


# Read-only, like every domain model in the admin: writes go through the pages, the API and the
# services that audit them.


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ["enrolment", "kind", "score", "portfolio_accepted", "assessed_on"]
    list_filter = ["kind"]


@admin.register(ReplicaSession)
class ReplicaSessionAdmin(ReadOnlyAdmin):
    list_display = ["title", "trainer", "institution", "held_on", "supervised", "colleagues_trained"]


@admin.register(SignOff)
class SignOffAdmin(ReadOnlyAdmin):
    list_display = ["enrolment", "step", "unit", "signed_by", "signed_at"]


@admin.register(Credential)
class CredentialAdmin(ReadOnlyAdmin):
    list_display = ["public_id", "person", "programme", "kind", "status", "issued_on", "valid_until"]
    list_filter = ["status", "kind"]
    search_fields = ["public_id", "person__last_name"]


@admin.register(BulkIssue)
class BulkIssueAdmin(ReadOnlyAdmin):
    list_display = ["programme", "status", "progress", "issued_count", "total", "created_at"]


@admin.register(RecognitionEvidence)
class RecognitionEvidenceAdmin(ReadOnlyAdmin):
    list_display = ["title", "programme", "kind", "recognised_on"]


@admin.register(Curriculum)
class CurriculumAdmin(ReadOnlyAdmin):
    list_display = ["name", "institution"]


@admin.register(CurriculumModule)
class CurriculumModuleAdmin(ReadOnlyAdmin):
    list_display = ["title", "curriculum", "provider_kind", "provider", "refresher_months"]


@admin.register(LearningRecord)
class LearningRecordAdmin(ReadOnlyAdmin):
    list_display = ["person", "title", "provider", "completed_on", "refresh_by"]


@admin.register(CareerStep)
class CareerStepAdmin(ReadOnlyAdmin):
    list_display = ["person", "change", "description", "effective_on"]
