// Forum enhancements; every page works without them.
// - replying and quoting inline on the thread page (the links open a reply page otherwise);
// - @mention autocomplete on text areas marked data-mentions (JSON endpoint of member names);
// - CSRF token for forms in posts inserted live (rendered without a request).

const postsBox = () => document.getElementById("posts");

document.addEventListener("submit", (event) => {
  const form = event.target;
  const box = postsBox();
  if (!box || !box.contains(form) || form.querySelector("[name=csrfmiddlewaretoken]")) return;
  const input = document.createElement("input");
  input.type = "hidden";
  input.name = "csrfmiddlewaretoken";
  input.value = box.dataset.csrfToken || "";
  form.append(input);
});

function replyForm() {
  return document.getElementById("reply-form");
}

function setReplyTarget(postId, name) {
  const form = replyForm();
  form.querySelector("[name=reply_to]").value = postId || "";
  // The note is a live region that stays in the page: only its text changes, so it is announced.
  const note = form.querySelector("[data-replying-to]");
  note.textContent = "";
  if (!postId) return;
  const label = document.createElement("span");
  label.textContent = `${form.dataset.replyingLabel} ${name} `;
  const cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "link-button";
  cancel.textContent = form.dataset.cancelLabel;
  cancel.addEventListener("click", () => setReplyTarget(null));
  note.append(label, cancel);
}

document.addEventListener("click", (event) => {
  const form = replyForm();
  if (!form) return;
  const replyLink = event.target.closest("[data-reply-to]");
  const quoteLink = event.target.closest("[data-quote]");
  const link = replyLink || quoteLink;
  if (!link) return;
  event.preventDefault();
  const textarea = form.querySelector("textarea");
  if (replyLink) {
    setReplyTarget(replyLink.dataset.replyTo, replyLink.dataset.replyName);
  } else {
    const article = quoteLink.closest("article");
    const selection = String(window.getSelection() || "").trim();
    const source = article.querySelector("[data-quote-source]");
    const text = selection || (source ? source.innerText.trim() : "");
    const quoted = text.split("\n").map((line) => `> ${line}`).join("\n");
    textarea.value += `${textarea.value ? "\n\n" : ""}@[${quoteLink.dataset.quoteName}]:\n${quoted}\n\n`;
    setReplyTarget(quoteLink.dataset.quote, quoteLink.dataset.quoteName);
  }
  textarea.focus();
  textarea.setSelectionRange(textarea.value.length, textarea.value.length);
});

// @mention autocomplete: a listbox under the textarea, arrow keys and Enter or Tab to choose.
// The combobox keyboard model (aria-activedescendant, aria-selected options) on a textarea,
// which may not take the combobox role or aria-expanded: a status message says when
// suggestions appear and how to choose one.
const MENTION_BEFORE_CARET = /@\[?([^\]\n@[]{1,40})$/;

function attachMentions(textarea) {
  const list = document.createElement("ul");
  list.className = "mention-suggestions";
  list.id = `${textarea.id || "body"}-mentions`;
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", textarea.dataset.mentionsLabel);
  list.hidden = true;
  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  textarea.after(list, status);
  textarea.setAttribute("aria-controls", list.id);
  textarea.setAttribute("aria-autocomplete", "list");
  let active = -1;
  let controller = null;

  const close = () => {
    if (controller) controller.abort(); // an answer arriving later must not reopen the list
    controller = null;
    status.textContent = "";
    list.hidden = true;
    list.textContent = "";
    active = -1;
    textarea.removeAttribute("aria-activedescendant");
  };
  const highlight = (index) => {
    const items = [...list.children];
    items.forEach((item, i) => item.setAttribute("aria-selected", String(i === index)));
    active = index;
    if (items[index]) textarea.setAttribute("aria-activedescendant", items[index].id);
  };
  const choose = (name) => {
    const caret = textarea.selectionStart;
    const before = textarea.value.slice(0, caret).replace(MENTION_BEFORE_CARET, `@[${name}] `);
    textarea.value = before + textarea.value.slice(caret);
    textarea.setSelectionRange(before.length, before.length);
    close();
    textarea.focus();
  };

  textarea.addEventListener("input", async () => {
    const match = textarea.value.slice(0, textarea.selectionStart).match(MENTION_BEFORE_CARET);
    if (!match) return close();
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const url = `${textarea.dataset.mentions}?q=${encodeURIComponent(match[1])}`;
      const response = await fetch(url, { signal: controller.signal, credentials: "same-origin" });
      if (!response.ok) return close();
      const { results } = await response.json();
      list.textContent = "";
      results.forEach((person, i) => {
        const item = document.createElement("li");
        item.id = `${list.id}-${i}`;
        item.setAttribute("role", "option");
        item.textContent = person.institute ? `${person.name} (${person.institute})` : person.name;
        item.dataset.name = person.name;
        item.addEventListener("mousedown", (e) => {
          e.preventDefault();
          choose(person.name);
        });
        list.append(item);
      });
      list.hidden = results.length === 0;
      status.textContent = textarea.dataset.mentionsStatus.replace("%(count)s", results.length);
      highlight(results.length ? 0 : -1);
    } catch (error) {
      if (error.name !== "AbortError") close();
    }
  });
  textarea.addEventListener("keydown", (event) => {
    if (list.hidden) return;
    const count = list.children.length;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      highlight((active + 1) % count);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      highlight((active - 1 + count) % count);
    } else if ((event.key === "Enter" || event.key === "Tab") && active >= 0) {
      event.preventDefault();
      choose(list.children[active].dataset.name);
    } else if (event.key === "Escape") {
      close();
    }
  });
  textarea.addEventListener("blur", () => setTimeout(close, 150));
}

document.querySelectorAll("textarea[data-mentions]").forEach(attachMentions);
