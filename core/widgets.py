"""Form widgets of the design system."""

from django import forms


class ChoiceList(forms.CheckboxSelectMultiple):
    """A multiple choice as a list of checkboxes for long vocabularies (countries, languages,
    themes): scrollable, with the chosen ones counted; ``static/js/choice-list.js`` adds a search
    box that narrows the list as one types. Without JavaScript the plain checkboxes remain, and
    they work with the keyboard either way (Tab, Space). Grouped choices are listed under their
    group's name."""

    template_name = "core/widgets/choice_list.html"

    def __init__(self, attrs=None, choices=(), *, search_from: int = 12):
        super().__init__(attrs, choices)
        self.search_from = search_from

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["searchable"] = (
            sum(len(options) for _group, options, _index in context["widget"]["optgroups"])
            >= self.search_from
        )
        return context
