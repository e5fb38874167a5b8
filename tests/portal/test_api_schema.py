"""Schemathesis against the public API's own OpenAPI document: generated requests for every
operation, valid and not, never answered with a 5xx, and every answer as the document says."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from directory.models import Profile, Theme
from forum.models import Practice
from portal.models import Output, Status

from .conftest import make_event, make_output
from .test_public_pages import make_practice

# Few examples each, the same every run: quick on a loaded CI machine, and reproducible.
EXAMPLES = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def api_schema(db, member, other_member, moderator, institutes, settings):
    """The document as the product serves it (WSGI, in process), over published content."""
    brief = make_output(member, title="Public brief", kind=Output.Kind.POLICY_BRIEF)
    brief.themes.add(Theme.objects.get(slug="remittances"))
    brief.institutes.add(institutes["gcm"])
    make_output(member, title="Hidden draft", status=Status.DRAFT)
    make_event(member, title="Public event", capacity=10).institutes.add(institutes["gcm"])
    Profile.objects.filter(user=other_member).update(visibility=Profile.Visibility.PUBLIC)
    make_practice(member, moderator, "Public practice", status=Practice.Status.CURATED, public=True)
    from config.wsgi import application

    settings.ALLOWED_HOSTS = ["localhost"]  # the Host schemathesis sends in process
    # As Django's test client does: the test's transaction keeps its connection across requests
    # (a request's end would otherwise close it, on PostgreSQL).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


# schemathesis.pytest.from_fixture needs a pytest older than this project's (it reads a private
# attribute pytest 9 removed), so each operation's strategy is driven by Hypothesis here.
def run_operation(operation, mode: GenerationMode) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @EXAMPLES
    def check(case):
        response = case.call()
        assert response.status_code < 500, (response.status_code, case.as_curl_command())
        if mode is GenerationMode.POSITIVE:
            case.validate_response(
                response,
                checks=[
                    status_code_conformance,
                    content_type_conformance,
                    response_schema_conformance,
                ],
            )
        else:
            assert response.status_code >= 400 or response.status_code == 200, response

    check()


def operations(api_schema) -> list:
    return [result.ok() for result in api_schema.get_all_operations()]


def test_the_document_describes_every_public_operation(api_schema):
    paths = sorted(operation.path for operation in operations(api_schema))
    assert paths == [
        "/api/events",
        "/api/events/{event_id}",
        "/api/experts",
        "/api/institutes",
        "/api/outputs",
        "/api/outputs/{output_id}",
        "/api/practices",
    ]


def test_valid_generated_requests_get_the_answers_the_document_describes(api_schema):
    for operation in operations(api_schema):
        run_operation(operation, GenerationMode.POSITIVE)


def test_invalid_generated_requests_never_get_a_server_error(api_schema):
    for operation in operations(api_schema):
        run_operation(operation, GenerationMode.NEGATIVE)
