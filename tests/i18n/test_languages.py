"""Choosing a language: the browser's first, then the switcher, remembered per member and used
for everything sent to them."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings

from accounts import actions
from accounts.models import User
from notifications.actions import notify

pytestmark = pytest.mark.django_db

SELF_NAMES = {
    "en": "English",
    "ar": "العربيّة",
    "zh-hans": "简体中文",
    "fr": "Français",
    "ru": "Русский",
    "es": "Español",
}


def html_tag(response) -> str:
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


@pytest.mark.parametrize(
    ("accept", "lang", "direction", "sign_in"),
    [
        ("ar,en;q=0.5", "ar", "rtl", "تسجيل الدخول"),
        ("fr-CH,fr;q=0.9", "fr", "ltr", "Se connecter"),
        ("zh-CN,zh;q=0.9", "zh-hans", "ltr", "登录"),
        ("ru", "ru", "ltr", "Войти"),
        ("es-MX", "es", "ltr", "Iniciar sesión"),
        ("de-DE,de;q=0.9", "en", "ltr", "Sign in"),
        ("", "en", "ltr", "Sign in"),
    ],
)
def test_a_first_visit_follows_the_browsers_languages(client, accept, lang, direction, sign_in):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 200
    assert html_tag(response) == f'<html lang="{lang}" dir="{direction}">'
    assert sign_in in response.content.decode()
    assert response["Content-Language"] == lang


def test_the_switcher_names_each_language_in_itself_and_marks_the_current(client):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    form = re.search(r'<form method="post" action="/i18n/setlang/".*?</form>', page, re.S)
    assert form, "the switcher is a form posting to set_language"
    buttons = re.findall(
        r'<button type="submit" name="language" value="([\w-]+)" lang="([\w-]+)" '
        r'dir="(\w+)" class="link-button"( aria-current="true")?>([^<]+)</button>',
        form.group(0),
    )
    assert [(b[0], b[4]) for b in buttons] == list(SELF_NAMES.items())
    assert [b[0] for b in buttons if b[3]] == ["ru"]
    assert all(b[0] == b[1] for b in buttons)
    assert [b[0] for b in buttons if b[2] == "rtl"] == ["ar"]
    assert 'name="next" value="/accounts/login/"' in form.group(0)


def test_a_visitor_switches_and_the_choice_is_kept(client):
    response = client.post("/i18n/setlang/", {"language": "ar", "next": "/accounts/login/"})
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert response.cookies["django_language"].value == "ar"
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="fr")
    assert html_tag(page) == '<html lang="ar" dir="rtl">'


@pytest.mark.parametrize("code", ["xx", "de", "", "ar'><script>", "e" * 300])
def test_an_unknown_language_changes_nothing_and_never_fails(client, member, code):
    client.force_login(member)
    response = client.post("/i18n/setlang/", {"language": code, "next": "/home/"})
    assert response.status_code == 302 and response["Location"] == "/home/"
    page = client.get("/home/")
    assert page.status_code == 200
    assert html_tag(page) == '<html lang="en" dir="ltr">'
    member.refresh_from_db()
    assert member.language == ""


def test_the_switcher_only_takes_a_post(client):
    assert client.get("/i18n/setlang/?language=ar").status_code == 405


def test_the_switcher_goes_back_only_to_this_site(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/fr/"  # the home, in French


def test_a_member_who_switches_keeps_the_language_on_any_browser(client, member):
    client.force_login(member)
    client.post("/i18n/setlang/", {"language": "ru", "next": "/home/"})
    member.refresh_from_db()
    assert member.language == "ru"
    elsewhere = Client(HTTP_ACCEPT_LANGUAGE="fr")  # another browser: no cookie, asks for French
    elsewhere.force_login(member)
    page = elsewhere.get("/home/")
    assert html_tag(page) == '<html lang="ru" dir="ltr">'
    assert "Главная" in page.content.decode()


def test_a_member_who_never_chose_gets_the_browsers_language(client, member):
    client.force_login(member)
    page = client.get("/home/", HTTP_ACCEPT_LANGUAGE="es")
    assert html_tag(page) == '<html lang="es" dir="ltr">'


@override_settings(RATE_LIMITS={"accounts.language": "2/h"})
def test_switching_is_rate_limited_for_members(client, member):
    client.force_login(member)
    for code in ["fr", "es"]:
        assert client.post("/i18n/setlang/", {"language": code}).status_code == 302
    assert client.post("/i18n/setlang/", {"language": "ru"}).status_code == 429
    member.refresh_from_db()
    assert member.language == "es"


def test_signing_up_keeps_the_language_of_the_sign_up(client, institutes):
    client.post(
        "/accounts/signup/",
        {
            "display_name": "Nadia Rahman",
            "email": "nadia@gcm.unu.example",
            "password1": "a-long-unusual-passphrase-42",
            "password2": "a-long-unusual-passphrase-42",
        },
        HTTP_ACCEPT_LANGUAGE="ar",
    )
    assert User.objects.get(email="nadia@gcm.unu.example").language == "ar"


def test_a_member_who_chose_russian_receives_the_digest_in_russian(member, other_member, on_commit):
    actions.choose_language(member, "ru")
    with on_commit(execute=True):
        notify([member, other_member], "thread_post", summary="New post in Data")
    call_command("send_digests")
    russian = next(m for m in mail.outbox if m.to == [member.email])
    english = next(m for m in mail.outbox if m.to == [other_member.email])
    assert "Ваша ежедневная сводка: новых — 1" in russian.subject
    assert "Здравствуйте, Alice Moreau!" in russian.body
    assert "Your daily digest: 1 new" in english.subject
    html = russian.alternatives[0][0]
    assert "Ваша ежедневная сводка" in html


def test_an_immediate_email_is_in_the_recipients_language(member, other_member, on_commit):
    actions.choose_language(member, "fr")
    with on_commit(execute=True):
        notify([member], "reply", actor=other_member, summary="Bob replied", url="/forum/p/1/")
    (message,) = mail.outbox
    assert "Modifier ce que vous recevez" in message.body


def test_the_javascript_catalog_follows_the_language(client):
    french = client.get("/jsi18n/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Derni\\u00e8res notifications" in french or "Dernières notifications" in french
    english = client.get("/jsi18n/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Dernières" not in english and "Derni\\u00e8res" not in english
    assert "function" in english  # the gettext functions themselves
