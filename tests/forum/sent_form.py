"""What a browser sends when a form is submitted as the page left it (HTML's "successful
controls"): text inputs and hidden fields with their value, checked boxes and radios, text areas,
and for each select its selected options, or its first option when a single select has none
selected. Tests fill in what a person would type and post the rest untouched."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, containing: str):
        super().__init__(convert_charrefs=True)
        self.containing = containing
        self.forms: list[list[tuple[str, str]]] = []
        self.current: list[tuple[str, str]] | None = None
        self.select: dict | None = None
        self.option: dict | None = None
        self.textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.current = []
        elif self.current is None:
            return
        elif tag == "input" and "name" in attrs and "disabled" not in attrs:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.current.append((attrs["name"], attrs.get("value", "on")))
            elif kind not in ("submit", "button", "reset", "file", "image"):
                self.current.append((attrs["name"], attrs.get("value", "")))
        elif tag == "textarea" and "name" in attrs:
            self.textarea = {"name": attrs["name"], "text": ""}
        elif tag == "select" and "name" in attrs:
            self.select = {"name": attrs["name"], "multiple": "multiple" in attrs, "options": []}
        elif tag == "option" and self.select is not None:
            self.option = {"value": attrs.get("value"), "selected": "selected" in attrs, "text": ""}
            self.select["options"].append(self.option)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea["text"] += data
        elif self.option is not None:
            self.option["text"] += data

    def handle_endtag(self, tag):
        if self.current is None:
            return
        if tag == "textarea" and self.textarea is not None:
            text = self.textarea["text"].removeprefix("\n")
            self.current.append((self.textarea["name"], text))
            self.textarea = None
        elif tag == "option":
            self.option = None
        elif tag == "select" and self.select is not None:
            options = self.select["options"]
            chosen = [option for option in options if option["selected"]]
            if not chosen and not self.select["multiple"] and options:
                chosen = options[:1]
            for option in chosen:
                value = option["value"] if option["value"] is not None else option["text"].strip()
                self.current.append((self.select["name"], value))
            self.select = None
        elif tag == "form":
            if any(name == self.containing for name, _value in self.current):
                self.forms.append(self.current)
            self.current = None


def as_sent(html: str, *, containing: str, typed: dict[str, str]) -> dict[str, list[str]]:
    """The fields of the page's form that has a control named ``containing``, as the browser
    sends them after a person typed ``typed`` into text fields."""
    reader = _FormReader(containing)
    reader.feed(html)
    assert len(reader.forms) == 1, f"{len(reader.forms)} forms with a field {containing!r}"
    sent: dict[str, list[str]] = {}
    for name, value in reader.forms[0]:
        sent.setdefault(name, []).append(value)
    for name, value in typed.items():
        assert name in sent, f"no field {name!r} in the form"
        sent[name] = [value]
    return sent
