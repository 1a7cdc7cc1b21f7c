from django import forms


class ServiceModelForm(forms.ModelForm):
    """A ModelForm used only to validate: the view hands `service_data()` to a service, which saves."""

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name in self.cleaned_data}
