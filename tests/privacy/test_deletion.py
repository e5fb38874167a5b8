from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.management import call_command
from django.db import models
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from audit.models import Entry
from directory.models import Profile
from forum.models import Post, Thread
from privacy.erasure import FORMER_MEMBER_EMAIL
from privacy.models import DeletionRequest

pytestmark = pytest.mark.django_db

DELETE = reverse("privacy:delete")


def schedule(client, on_commit):
    with on_commit(execute=True):
        response = client.post(DELETE, {"confirm": "on"})
    assert response.status_code == 302, response.content
    return response


def run_housekeeping(days_later: int):
    DeletionRequest.objects.update(due_at=timezone.now() - timedelta(days=days_later))
    call_command("privacy_housekeeping", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_a_deletion_without_re_authentication_is_refused(client, member):
    client.force_login(member)
    response = client.post(DELETE, {"confirm": "on"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not DeletionRequest.objects.exists()


def test_anonymous_visitors_cannot_ask(client):
    response = client.post(DELETE, {"confirm": "on"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not DeletionRequest.objects.exists()


def test_without_the_confirmation_nothing_is_scheduled(reauthenticated, member):
    response = reauthenticated(member).post(DELETE, {})
    assert response.status_code == 400
    assert "Tick the box" in response.content.decode()
    assert not DeletionRequest.objects.exists()


def test_a_deletion_is_scheduled_after_the_grace_period_and_can_be_cancelled(
    reauthenticated, member, on_commit, settings
):
    settings.PRIVACY_DELETION_GRACE_DAYS = 10
    client = reauthenticated(member)
    schedule(client, on_commit)
    request = DeletionRequest.objects.get(user=member)
    assert timedelta(days=9, hours=23) < request.due_at - timezone.now() <= timedelta(days=10)
    assert any("will be deleted" in m.subject for m in mail.outbox)
    assert "Keep my account" in client.get(reverse("privacy:data")).content.decode()
    call_command("privacy_housekeeping", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert get_user_model().objects.filter(pk=member.pk).exists()  # not due yet
    with on_commit(execute=True):
        assert client.post(reverse("privacy:cancel_deletion")).status_code == 302
    assert not DeletionRequest.objects.exists()
    run_housekeeping(1)
    assert get_user_model().objects.filter(pk=member.pk).exists()


def test_when_due_the_account_goes_and_posts_stay_under_former_member(
    reauthenticated, busy_member, other_member, on_commit, client
):
    schedule(reauthenticated(busy_member), on_commit)
    photo = busy_member.profile.photo
    assert photo.storage.exists(photo.name)
    mentioning = Post.objects.get(author=other_member)
    assert '<a href="/directory/' in mentioning.body_html
    with on_commit(execute=True):
        run_housekeeping(1)
    assert not get_user_model().objects.filter(pk=busy_member.pk).exists()
    assert not Profile.objects.filter(user_id=busy_member.pk).exists()
    assert not photo.storage.exists(photo.name)
    former = get_user_model().objects.get(email=FORMER_MEMBER_EMAIL)
    assert not former.is_active and not former.has_usable_password()
    assert Thread.objects.get().author == former
    assert set(Post.objects.filter(author=former).values_list("body", flat=True)) == {
        "Which sources?",
        "World Bank bilateral matrices.",
    }
    mentioning.refresh_from_db()
    assert "<a " not in mentioning.body_html and "@Alice Moreau" in mentioning.body_html
    client.force_login(other_member)
    page = client.get(Thread.objects.get().get_absolute_url()).content.decode()
    assert "Former member" in page and "World Bank bilateral matrices." in page
    assert any("was deleted" in m.subject and m.to == [busy_member.email] for m in mail.outbox)


def test_no_row_of_any_table_still_refers_to_the_deleted_person(
    reauthenticated, busy_member, on_commit
):
    """Every table of every installed app, from the registry: foreign keys to the user, generic
    references to the user or their profile, email columns, session data."""
    person, email = busy_member.pk, busy_member.email
    profile = busy_member.profile.pk
    schedule(reauthenticated(busy_member), on_commit)
    with on_commit(execute=True):
        run_housekeeping(1)
    user_model = get_user_model()
    user_type = ContentType.objects.get_for_model(user_model)
    profile_type = ContentType.objects.get_for_model(Profile)
    checked = 0
    for model in apps.get_models(include_auto_created=True):
        rows = model._base_manager
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model:
                assert not rows.filter(**{field.attname: person}).exists(), (model, field.name)
                checked += 1
            if field.is_relation and field.related_model is Profile:
                assert not rows.filter(**{field.attname: profile}).exists(), (model, field.name)
            if isinstance(field, models.EmailField):
                assert not rows.filter(**{f"{field.name}__iexact": email}).exists(), model
        for field in model._meta.private_fields:
            if isinstance(field, GenericForeignKey):
                for content_type, pk in [(user_type, person), (profile_type, profile)]:
                    assert not rows.filter(
                        **{field.ct_field: content_type, field.fk_field: pk}
                    ).exists(), model
    assert checked > 20  # the walk saw the tables: forum, notifications, allauth, portal...
    for session in Session.objects.all():
        assert str(session.get_decoded().get("_auth_user_id")) != str(person)


# What others wrote keeps her name as they wrote it (the link to her profile goes).
OTHERS_WORDS = {("forum.post", "body"), ("forum.post", "body_html"), ("forum.revision", "body")}


def test_no_text_column_of_any_table_still_holds_the_person_s_name_or_address(
    reauthenticated, busy_member, on_commit
):
    """Not only the references: a copy of her name or of any of her addresses in any text column
    (audit labels, invitations, the Django admin's log, queued emails...)."""
    words = [
        busy_member.display_name,
        *busy_member.emailaddress_set.values_list("email", flat=True),
    ]
    words.append("alice.old@university.example")  # the address she was invited at
    assert "ama@university.example" in words
    schedule(reauthenticated(busy_member), on_commit)
    with on_commit(execute=True):
        run_housekeeping(1)
    found, scanned = [], 0
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if not isinstance(field, (models.CharField, models.TextField, models.JSONField)):
                continue
            if (model._meta.label_lower, field.name) in OTHERS_WORDS:
                continue
            scanned += 1
            rows = model._base_manager.annotate(_text=Cast(field.name, models.TextField()))
            for word in words:
                if rows.filter(_text__icontains=word).exists():
                    found.append((model._meta.label_lower, field.name, word))
    assert scanned > 100
    assert found == [], found
    assert Entry.objects.filter(target_label="A former member").count() >= 2
