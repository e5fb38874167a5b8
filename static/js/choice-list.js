// Long checkbox lists (core.widgets.ChoiceList, the directory's filters): a search box that
// narrows the list as one types and a count of the chosen ones, announced politely. Without
// this script the plain checkboxes remain and work as they are.
const fold = (text) =>
  text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase().trim();

function enhance(list) {
  const options = [...list.querySelectorAll("input[type=checkbox]")].map((box) => ({
    box,
    row: box.closest(".choice-option, li") || box.parentElement,
    text: fold(box.closest("label")?.textContent || box.value),
  }));
  const groups = [...list.querySelectorAll(".choice-group")];
  const legend = list.closest("fieldset")?.querySelector("legend")?.textContent.trim() || "";
  const status = document.createElement("p");
  status.className = "choice-list-status";
  status.setAttribute("aria-live", "polite");
  const count = () => {
    const chosen = options.filter((option) => option.box.checked).length;
    status.textContent = chosen ? list.dataset.chosenLabel.replace("%(count)s", chosen) : "";
  };
  list.addEventListener("change", count);
  count();

  if (list.hasAttribute("data-searchable")) {
    const search = document.createElement("input");
    search.type = "search";
    search.className = "choice-list-search";
    search.autocomplete = "off";
    const label = list.dataset.searchLabel;
    search.setAttribute("aria-label", legend ? `${label}: ${legend}` : label);
    search.placeholder = label;
    const none = document.createElement("p");
    none.className = "choice-list-none muted";
    none.textContent = list.dataset.noneLabel;
    none.hidden = true;
    search.addEventListener("input", () => {
      const query = fold(search.value);
      let found = 0;
      for (const option of options) {
        const match = !query || option.text.includes(query);
        if (match) found += 1;
        // A chosen option stays in sight, so narrowing never hides what is already picked.
        option.row.hidden = !match && !option.box.checked;
      }
      for (const group of groups) {
        group.hidden = !group.querySelector(".choice-option:not([hidden])");
      }
      none.hidden = found > 0;
    });
    search.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault();
      if (event.key === "ArrowDown") {
        const first = options.find((option) => !option.row.hidden && option.row.checkVisibility());
        if (first) {
          event.preventDefault();
          first.box.focus();
        }
      }
    });
    list.prepend(search, status, none);
  } else {
    list.prepend(status);
  }
}

for (const list of document.querySelectorAll("[data-choice-list]")) enhance(list);
