"""The vocabulary boxes of the thread, initiative and practice forms: checkbox lists
(core.widgets.ChoiceList) in fieldsets named by a legend, no two boxes with the same words, no
Antarctica as a focus, and what a member ticks is saved."""

import re

import pytest
from django.urls import reverse

from directory.models import SDG, Method, Region, Theme
from forum.models import Category, Initiative, Practice, Thread
from tests.forum.sent_form import as_sent

pytestmark = pytest.mark.django_db

PAGES = {
    "forum:new_thread": ["themes", "regions"],
    "forum:new_initiative": [
        "themes",
        "regions",
        "sdgs",
        "sought_themes",
        "sought_methods",
        "sought_regions",
    ],
    "forum:new_practice": ["themes", "regions", "sdgs"],
}


@pytest.fixture
def categories(db):
    for i, slug in enumerate(["general", "initiatives", "practices"]):
        Category.objects.create(name=slug.title(), slug=slug, order=i)


def checkbox_labels(html: str, name: str) -> list[str]:
    found = re.findall(
        rf'<label for="id_{name}_[\d_]+"><input type="checkbox" name="{name}"[^>]*>'
        r"\s*([^<]*)</label>",
        html,
    )
    return [label.strip() for label in found]


def fieldset_legends(html: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", legend).strip()
        for legend in re.findall(r"<legend[^>]*>(.*?)</legend>", html, flags=re.S)
    ]


@pytest.mark.parametrize("page", PAGES)
def test_vocabularies_are_labelled_checkbox_lists_without_duplicates(
    page, member, categories, login
):
    html = login(member).get(reverse(page)).content.decode()
    # No multiple select: the only "multiple" control is the file input of attachments.
    assert '<select name="themes"' not in html and not re.search("<select[^>]* multiple", html)
    legends = fieldset_legends(html)
    assert "What it is about" in legends
    for name in PAGES[page]:
        labels = checkbox_labels(html, name)
        assert labels, name
        assert len(labels) == len(set(labels)), name
        assert "Antarctica" not in labels
    themes = checkbox_labels(html, "themes")
    assert len(themes) == Theme.objects.count()
    assert "All of Migration governance and policy" in themes
    assert "Migration governance and policy" in themes


def test_the_initiative_form_groups_the_expertise_sought(member, categories, login):
    html = login(member).get(reverse("forum:new_initiative")).content.decode()
    sought = html[html.index("<legend>Expertise sought</legend>") :]
    for legend in ("Themes sought", "Methods sought", "Regions sought"):
        assert f">{legend}" in sought
    assert len(checkbox_labels(html, "sought_methods")) == Method.objects.count()


def test_a_practice_cannot_be_set_in_antarctica(member, categories, login):
    html = login(member).get(reverse("forum:new_practice")).content.decode()
    country = html[
        html.index('name="country"') : html.index("</select>", html.index('name="country"'))
    ]
    assert ">Kenya<" in country
    assert "Antarctica" not in country


def test_the_ticked_terms_are_saved_with_the_initiative(member, categories, login):
    client = login(member)
    url = reverse("forum:new_initiative")
    area = Theme.objects.focus_areas().first()
    leaf = Theme.objects.leaves().first()
    region = Region.objects.get(code="002")
    sdg = SDG.objects.first()
    method = Method.objects.first()
    html = client.get(url).content.decode()
    ticked = {
        "themes": [str(area.pk), str(leaf.pk)],
        "regions": [str(region.pk)],
        "sdgs": [str(sdg.pk)],
        "sought_methods": [str(method.pk)],
    }
    for name, values in ticked.items():
        for value in values:
            assert f'name="{name}" value="{value}"' in html
    text = {"title": "Shared data lab", "summary": "Pool survey data.", "objectives": "Agree."}
    sent = as_sent(html, containing="title", typed=text) | ticked
    response = client.post(url, sent)
    assert response.status_code == 302
    initiative = Initiative.objects.get()
    assert set(initiative.thread.themes.all()) == {area, leaf}
    assert list(initiative.thread.regions.all()) == [region]
    assert list(initiative.sdgs.all()) == [sdg]
    assert list(initiative.sought_methods.all()) == [method]


def test_antarctica_is_refused_when_posted_anyway(member, categories, login):
    client = login(member)
    antarctica = Region.objects.get(code="010")
    response = client.post(
        reverse("forum:new_thread"),
        {
            "category": Category.objects.get(slug="general").pk,
            "title": "Polar stations",
            "body": "Who works there?",
            "regions": [antarctica.pk],
        },
    )
    assert response.status_code == 400
    assert "Polar stations" in response.content.decode()
    assert not Thread.objects.exists()
    assert not Practice.objects.exists()
