// The open conversation page: new messages appear as they are written. The server sends a hint
// with ids only over the member's notification socket (live.js passes it on as ``live:hint``);
// the page then asks for the messages after the last one it shows, rendered for its member, and
// does the same after every (re)connect (``live:synced``), so a hint lost while the socket was
// down loses nothing. Messages are announced in the page's live region.
import { announce } from "./live-socket.js";

const list = document.querySelector("[data-conversation]");

if (list) {
  const conversation = Number(list.dataset.conversation);
  const base = list.dataset.afterUrl.replace(/0\/$/, "");
  let lastId = Number(list.dataset.lastId || 0);
  let busy = false;
  let again = false;

  async function fetchNew() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      let more = true;
      while (more) {
        const seen = document.visibilityState === "visible" ? "?seen=1" : "";
        const response = await fetch(`${base}${lastId}/${seen}`, {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        });
        if (!response.ok) return;
        const answer = await response.json();
        for (const item of answer.items) {
          if (item.id <= lastId || document.getElementById(`m${item.id}`)) continue;
          const holder = document.createElement("template");
          holder.innerHTML = item.html.trim();
          list.append(holder.content);
          lastId = Math.max(lastId, item.id);
        }
        list.dataset.lastId = String(lastId);
        if (answer.announce) announce(answer.announce);
        more = answer.more && answer.items.length > 0;
      }
    } catch {
      // Offline: the next reconnect asks again.
    } finally {
      busy = false;
      if (again) {
        again = false;
        fetchNew();
      }
    }
  }

  document.addEventListener("live:hint", (event) => {
    const hint = event.detail;
    if (hint.name === "conversation" && hint.conversation === conversation && hint.message > lastId) {
      fetchNew();
    }
  });
  document.addEventListener("live:synced", fetchNew);
}
