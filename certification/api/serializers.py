"""Serializers of the certification API. They validate and render; the viewsets hand the validated
data to certification.services, which writes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from actions.models import Action
from mieux.api.fields import ScopedPrimaryKeyRelatedField
from mieux.api.serializers import ServiceModelSerializer
from partners.api.serializers import NameInSomeLanguageMixin
from partners.models import Person

from ..models import CertificationProgramme, Enrolment

LANGUAGE_SUFFIXES = ("en", "fr", "es")


def translated_fields(name: str) -> list[str]:
    return [name, *(f"{name}_{code}" for code in LANGUAGE_SUFFIXES)]


class CertificationProgrammeSerializer(NameInSomeLanguageMixin, ServiceModelSerializer):
    name = serializers.CharField(
        read_only=True, help_text=_("The name in the request's language (with fallback).")
    )
    description = serializers.CharField(read_only=True)
    actions = ScopedPrimaryKeyRelatedField(
        Action, many=True, required=False, help_text=_("The holistic Actions the programme runs within.")
    )

    class Meta:
        model = CertificationProgramme
        fields = [
            "id",
            *translated_fields("name"),
            *translated_fields("description"),
            "kind",
            "actions",
            "accepts_nominations",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class EnrolmentSerializer(ServiceModelSerializer):
    programme = ScopedPrimaryKeyRelatedField(
        CertificationProgramme, help_text=_("A programme open for nominations.")
    )
    person = ScopedPrimaryKeyRelatedField(Person, help_text=_("An official of your institution."))
    person_name = serializers.CharField(source="person", read_only=True)
    institution = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text=_("The official's institution when nominated.")
    )

    class Meta:
        model = Enrolment
        fields = [
            "id",
            "programme",
            "person",
            "person_name",
            "institution",
            "status",
            "nominated_by",
            "nominated_on",
            "motivation",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "nominated_by", "nominated_on", "created_at", "updated_at"]
        # One live place per programme and official: the service checks it and names `person`.
        validators = []
