from rest_framework import serializers


class ServiceModelSerializer(serializers.ModelSerializer):
    """A ModelSerializer that only validates and renders: the viewset hands `validated_data` to a
    service, which saves. Model-level rules (`clean()`) run in the service and come back as a 400."""

    def create(self, validated_data):  # pragma: no cover - the viewset calls the service instead
        raise NotImplementedError("Writes go through the app's services.")

    def update(self, instance, validated_data):  # pragma: no cover
        raise NotImplementedError("Writes go through the app's services.")
