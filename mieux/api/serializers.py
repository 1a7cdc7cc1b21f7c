from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class StrictCharField(serializers.CharField):
    """Text must be sent as text: DRF would turn 0 or true into "0" and "True" without a word."""

    default_error_messages = {"not_text": _("Send text (a JSON string).")}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_text")
        return super().to_internal_value(data)


class ServiceModelSerializer(serializers.ModelSerializer):
    """A ModelSerializer that only validates and renders: the viewset hands `validated_data` to a
    service, which saves. Model-level rules (`clean()`) run in the service and come back as a 400."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
    }

    def create(self, validated_data):  # pragma: no cover - the viewset calls the service instead
        raise NotImplementedError("Writes go through the app's services.")

    def update(self, instance, validated_data):  # pragma: no cover
        raise NotImplementedError("Writes go through the app's services.")
