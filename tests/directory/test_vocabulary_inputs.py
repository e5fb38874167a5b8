"""Long vocabularies in the directory's forms: checkbox lists (core.widgets.ChoiceList), no two
boxes with the same words, no Antarctica as a focus country."""

import re

import pytest
from django.urls import reverse

from directory.forms import CollaboratorsForm, ProfileForm
from directory.models import Theme

pytestmark = pytest.mark.django_db


def labels(bound_field) -> list[str]:
    return [str(checkbox.choice_label) for checkbox in bound_field]


def test_find_collaborators_lists_themes_under_their_area_without_duplicate_labels():
    form = CollaboratorsForm()
    themes = labels(form["themes"])
    assert len(themes) == len(set(themes)) == Theme.objects.count()
    assert "All of Migration governance and policy" in themes
    assert "Migration governance and policy" in themes
    assert "Antarctica" not in labels(form["regions"])


def test_the_profile_form_offers_no_antarctica_and_searchable_checkbox_lists():
    form = ProfileForm()
    assert "Antarctica" not in labels(form["countries"])
    assert "Kenya" in labels(form["countries"])
    for name in ("countries", "languages", "methods", "regions"):
        html = str(form[name])
        assert "data-choice-list" in html and 'type="checkbox"' in html, name
        assert "<select" not in html, name


def test_choosing_a_whole_area_in_find_collaborators_still_works(login, member):
    area = Theme.objects.focus_areas().first()
    response = login(member).get(reverse("directory:collaborators"), {"themes": [area.pk]})
    assert response.status_code == 200
    assert re.search(rf'value="{area.pk}"[^>]*checked', response.content.decode())
