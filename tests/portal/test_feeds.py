from django.urls import reverse

from portal.models import Output, Status

from .conftest import make_event, make_output


def test_the_outputs_feed_is_atom_of_published_outputs(client, member):
    brief = make_output(member, title="A brief", kind=Output.Kind.POLICY_BRIEF)
    report = make_output(member, title="A report")
    make_output(member, title="Unpublished", status=Status.SUBMITTED)
    response = client.get(reverse("portal:outputs_feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "Policy brief: A brief" in body and "Report: A report" in body
    assert "Unpublished" not in body
    assert "<name>Alice Moreau, A. Guest</name>" in body
    only_briefs = client.get(reverse("portal:outputs_feed"), {"kind": "policy_brief"})
    assert brief.title in only_briefs.content.decode()
    assert report.title not in only_briefs.content.decode()


def test_an_unknown_kind_gives_the_whole_feed(client, member):
    make_output(member, title="A report")
    body = client.get(reverse("portal:outputs_feed"), {"kind": "<nonsense>"}).content.decode()
    assert "A report" in body and "nonsense" not in body


def test_the_events_feed_gives_the_local_start(client, member):
    event = make_event(member)
    make_event(member, title="Proposed", status=Status.SUBMITTED)
    body = client.get(reverse("portal:events_feed")).content.decode()
    assert f"{event.title} ({event.local_start:%Y-%m-%d %H:%M} Europe/Berlin)" in body
    assert "Proposed" not in body


def test_public_pages_announce_the_feeds(client, db):
    body = client.get(reverse("portal:events")).content.decode()
    assert (
        f'type="application/atom+xml" title="Events (Atom)" href="{reverse("portal:events_feed")}"'
        in body
    )
