"""core.widgets.ChoiceList: long vocabularies as labelled checkboxes, grouped, and searchable
once long enough (the search box itself comes from static/js/choice-list.js)."""

from django import forms

from core.widgets import ChoiceList

PLACES = [(f"p{i}", f"Place {i}") for i in range(20)]


class PlacesForm(forms.Form):
    places = forms.MultipleChoiceField(choices=PLACES, widget=ChoiceList, required=False)
    few = forms.MultipleChoiceField(
        choices=PLACES[:3], widget=ChoiceList, required=False, label="Few"
    )
    grouped = forms.MultipleChoiceField(
        choices=[("North", PLACES[:2]), ("South", PLACES[2:4])], widget=ChoiceList
    )


def test_every_choice_is_a_labelled_checkbox_and_chosen_ones_stay_checked():
    html = str(PlacesForm(data={"places": ["p3"], "grouped": ["p0"]})["places"])
    assert html.count('type="checkbox"') == 20
    assert '<label for="id_places_3"><input type="checkbox" name="places" value="p3"' in html
    assert 'value="p3" id="id_places_3" checked' in html
    assert "data-choice-list" in html


def test_only_long_lists_get_a_search_box():
    form = PlacesForm()
    assert "data-searchable" in str(form["places"])
    assert "data-searchable" not in str(form["few"])


def test_groups_are_named_for_assistive_technology():
    html = str(PlacesForm()["grouped"])
    assert html.count('role="group"') == 2
    assert 'aria-labelledby="id_grouped_group_0"' in html
    assert '<p class="choice-group-label" id="id_grouped_group_0">North</p>' in html


def test_the_submitted_choice_is_validated_as_a_plain_multiple_choice():
    form = PlacesForm(data={"places": ["p1", "nowhere"], "grouped": ["p2"]})
    assert not form.is_valid()
    assert "places" in form.errors
