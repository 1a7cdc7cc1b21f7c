"""get_<field>_display() through ChoiceLabelsModel (mieux.models): the label Django would show, in the
active language, translating only that label."""

from unittest import mock

from django.utils import translation

from actions.choices import ActionStatus, ActionType
from actions.models import Action


def test_the_label_is_djangos_in_each_language():
    action = Action(type=ActionType.HOLISTIC, status=ActionStatus.FOLLOW_UP)
    for language in ("en", "fr", "es"):
        with translation.override(language):
            assert action.get_type_display() == str(ActionType.HOLISTIC.label)
            assert action.get_status_display() == str(ActionStatus.FOLLOW_UP.label)
    with translation.override("fr"):
        assert action.get_status_display() != "Follow-up"  # the French catalogue has it


def test_a_value_without_a_choice_is_shown_as_it_is():
    assert Action(status="retired").get_status_display() == "retired"
    assert Action(status="").get_status_display() == ""


def test_only_the_label_shown_is_translated():
    action = Action(status=ActionStatus.CLOSED)
    with mock.patch("django.utils.translation._trans.gettext", side_effect=lambda text: text) as gettext:
        action.get_status_display()
    assert gettext.call_count == 1
