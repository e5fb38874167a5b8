// The composer: "Write" and "Preview" tabs over each text area marked data-preview. The preview
// is the server's rendering of the text (sanitized Markdown, mentions linked), exactly as the
// post will show. Without this script the plain text area remains and works as it is.
let counter = 0;

function csrfToken(form) {
  const field = form && form.querySelector("[name=csrfmiddlewaretoken]");
  return field ? field.value : document.getElementById("posts")?.dataset.csrfToken || "";
}

function enhance(textarea) {
  counter += 1;
  const id = textarea.id || `composer-text-${counter}`;
  textarea.id = id;
  const tabs = document.createElement("div");
  tabs.className = "composer-tabs";
  tabs.setAttribute("role", "tablist");
  tabs.setAttribute("aria-label", textarea.dataset.previewTabsLabel);
  const panel = document.createElement("div");
  panel.id = `${id}-preview`;
  panel.className = "composer-preview prose";
  panel.setAttribute("role", "tabpanel");
  panel.tabIndex = 0;
  panel.hidden = true;

  const makeTab = (label, controls) => {
    const tab = document.createElement("button");
    tab.type = "button";
    tab.id = `${controls}-tab`;
    tab.setAttribute("role", "tab");
    tab.setAttribute("aria-controls", controls);
    tab.textContent = label;
    tabs.append(tab);
    return tab;
  };
  const write = makeTab(textarea.dataset.writeLabel, id);
  const preview = makeTab(textarea.dataset.previewLabel, panel.id);
  panel.setAttribute("aria-labelledby", preview.id);
  textarea.before(tabs);
  textarea.after(panel);

  let shown = null;
  async function render() {
    panel.setAttribute("aria-busy", "true");
    panel.textContent = textarea.dataset.previewLoading;
    const body = new FormData();
    body.append("body", textarea.value);
    try {
      const response = await fetch(textarea.dataset.preview, {
        method: "POST",
        body,
        headers: { "X-CSRFToken": csrfToken(textarea.form) },
        credentials: "same-origin",
      });
      const text = await response.text();
      if (response.ok) {
        // The server's sanitized rendering, the same HTML the post page will carry.
        panel.innerHTML = text;
      } else {
        const message = document.createElement("p");
        message.className = "errorlist";
        message.textContent = response.status === 429 ? textarea.dataset.previewBusy : text;
        panel.replaceChildren(message);
      }
    } catch {
      panel.textContent = textarea.dataset.previewFailed;
    } finally {
      panel.removeAttribute("aria-busy");
    }
  }

  function select(tab, { focus = false } = {}) {
    shown = tab;
    for (const each of [write, preview]) {
      each.setAttribute("aria-selected", String(each === tab));
      each.tabIndex = each === tab ? 0 : -1;
    }
    textarea.hidden = tab !== write;
    panel.hidden = tab !== preview;
    if (tab === preview) render();
    if (focus) tab.focus();
  }

  write.addEventListener("click", () => select(write));
  preview.addEventListener("click", () => select(preview));
  tabs.addEventListener("keydown", (event) => {
    if (["ArrowLeft", "ArrowRight", "Home", "End"].includes(event.key)) {
      event.preventDefault();
      // Two tabs: either arrow moves to the other one.
      let next = event.target.closest("[role=tab]") === write ? preview : write;
      if (event.key === "Home") next = write;
      if (event.key === "End") next = preview;
      select(next, { focus: true });
    }
  });
  // Writing again after a reply is posted or quoted: the text area must be in sight.
  textarea.addEventListener("focus", () => shown !== write && select(write));
  textarea.form?.addEventListener("submit", () => select(write));
  select(write);
}

document.querySelectorAll("textarea[data-preview]").forEach(enhance);
