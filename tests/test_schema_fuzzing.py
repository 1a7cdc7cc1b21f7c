"""Schema fuzzing: schemathesis sends generated requests to every operation of the OpenAPI schema.
No response may be a 5xx, and every response must match the schema (status, content type, body)."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings

from mieux.services import api_token_issue


@pytest.fixture(autouse=True)
def _keep_the_test_transaction_open():
    """As Django's test client does: requests through the raw WSGI app must not close the test's
    database connection (and with it the transaction that isolates the test)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def admin_token(world):
    return api_token_issue(actor=None, user=world.user("administrator"))[1]


# Loaded at collection: the schema endpoint needs no database.
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


@schema.parametrize()
@hypothesis_settings(
    max_examples=12,
    derandomize=True,  # seeded: the same requests on every run
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_operation_never_errors_and_matches_its_schema(case, admin_token):
    # positive_data_acceptance is left out: a schema-valid request may still name an id that does
    # not exist or break a cross-field rule ("a name in at least one language"), which is a 400.
    case.call_and_validate(
        headers={"Authorization": f"Token {admin_token}"},
        excluded_checks=[schemathesis.checks.positive_data_acceptance],
    )
