"""The public read API: published content only, paginated, filterable, and as its OpenAPI
document says."""

import pytest
from django.urls import reverse

from directory.models import Profile, Theme
from portal.models import Event, Output, Status

from .conftest import make_event, make_output

TYPES = {"integer": int, "string": str, "boolean": bool, "array": list, "object": dict}


@pytest.fixture
def content(member, other_member):
    theme = Theme.objects.get(slug="remittances")
    brief = make_output(member, title="Public brief", kind=Output.Kind.POLICY_BRIEF)
    brief.themes.add(theme)
    make_output(member, title="Public report")
    make_output(member, title="Hidden draft", status=Status.DRAFT)
    make_event(member, title="Public event")
    make_event(member, title="Hidden event", status=Status.SUBMITTED)
    Profile.objects.filter(user=other_member).update(visibility=Profile.Visibility.PUBLIC)
    return {"brief": brief, "theme": theme}


def schema_of(document, ref_or_schema):
    ref = ref_or_schema.get("$ref")
    if ref:
        return document["components"]["schemas"][ref.rsplit("/", 1)[1]]
    return ref_or_schema


def check(document, schema, value, where):
    """The value has the schema's required fields, each of the declared JSON type."""
    schema = schema_of(document, schema)
    if "anyOf" in schema:
        assert any(
            value is None if option.get("type") == "null" else True for option in schema["anyOf"]
        ), where
        options = [o for o in schema["anyOf"] if o.get("type") != "null"]
        if value is not None and options:
            check(document, options[0], value, where)
        return
    kind = schema.get("type")
    if kind in TYPES:
        assert isinstance(value, TYPES[kind]), f"{where}: {value!r} is not {kind}"
    if kind == "object":
        for name in schema.get("required", []):
            assert name in value, f"{where}: {name} missing"
        for name, field in schema.get("properties", {}).items():
            if name in value:
                check(document, field, value[name], f"{where}.{name}")
    if kind == "array":
        for index, item in enumerate(value):
            check(document, schema["items"], item, f"{where}[{index}]")


def test_every_get_in_the_openapi_document_answers_as_described(client, content):
    document = client.get("/api/openapi.json").json()
    assert document["info"]["title"] == "Migration Network public API"
    ids = {"output_id": content["brief"].pk, "event_id": Event.objects.public().get().pk}
    assert len(document["paths"]) == 7
    for path, operations in document["paths"].items():
        assert set(operations) == {"get"}, path  # read-only
        url = path.format(**ids)
        response = client.get(url)
        assert response.status_code == 200, url
        schema = operations["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        check(document, schema, response.json(), url)


def test_lists_hold_published_content_only(client, content):
    outputs = client.get("/api/outputs").json()
    assert outputs["count"] == 2
    assert {item["title"] for item in outputs["items"]} == {"Public brief", "Public report"}
    events = client.get("/api/events").json()
    assert [item["title"] for item in events["items"]] == ["Public event"]
    experts = client.get("/api/experts").json()
    assert [item["name"] for item in experts["items"]] == ["Bob Mensah"]


def test_unpublished_items_are_404(client, content):
    hidden = Output.objects.get(title="Hidden draft")
    assert client.get(f"/api/outputs/{hidden.pk}").status_code == 404


def test_outputs_filter_like_the_page(client, content):
    by_kind = client.get("/api/outputs", {"kind": "policy_brief"}).json()
    assert [item["title"] for item in by_kind["items"]] == ["Public brief"]
    by_area = client.get("/api/outputs", {"theme": content["theme"].parent.slug}).json()
    assert [item["title"] for item in by_area["items"]] == ["Public brief"]
    assert client.get("/api/outputs", {"kind": "nonsense"}).json()["count"] == 0
    assert client.get("/api/outputs", {"year": "not a year"}).status_code == 422


def test_lists_are_paginated(client, member):
    for number in range(25):
        make_output(member, title=f"Output {number}")
    first = client.get("/api/outputs").json()
    assert first["count"] == 25 and len(first["items"]) == 20
    assert len(client.get("/api/outputs", {"page": 2}).json()["items"]) == 5


def test_the_api_is_read_only(client, content):
    assert client.post("/api/outputs", {}).status_code == 405


def test_the_outputs_list_has_a_fixed_query_budget(client, member, content, assert_stable_queries):
    def grow():
        for number in range(3):
            make_output(member, title=f"More {number}").themes.add(content["theme"])

    assert assert_stable_queries(client, reverse("api:outputs"), grow) == 8


def test_a_page_number_past_any_real_one_is_refused_not_a_server_error(client, db):
    url = reverse("api:institutes")
    assert client.get(url, {"page": 92233720368547760}).status_code == 422
    assert client.get(url, {"page_size": 101}).status_code == 422
    assert client.get(url, {"page": 10_000}).status_code == 200
