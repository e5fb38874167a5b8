// Live thread: new posts appear in place, rendered by the server for this member
// (forum/consumers.py ThreadConsumer). Posts are in tree order, so a reply goes after
// the subtree of the post it answers; a new top-level post goes at the end of the last page.
// Posts of other pages are left for those pages. An edited, hidden, restored or deleted post is
// replaced in place by the server's rendering for this member (a tombstone when its text is gone).
// A thread deleted by a moderator is said so (text from the page, in its language), and the reply
// form is disabled; so is a thread whose socket is refused (4403) when it reconnects, as the
// reader may no longer read it. A moderator still reading hears when it is restored: the notice
// goes and the reply form works again.
import { announce, liveSocket } from "./live-socket.js";

const FORBIDDEN = 4403;

const box = document.querySelector("#posts[data-live-thread]");
// The server's time of our last catch-up: on reconnect, it sends the posts changed since.
let syncedAt = null;

function depthOf(article) {
  const match = /(?:^|\s)depth-(\d+)/.exec(article.className);
  return match ? Number(match[1]) : 0;
}

function isLastPage() {
  return !document.querySelector('.pagination a[rel="next"]');
}

function insertionPoint(message) {
  if (message.reply_to) {
    const answered = document.getElementById(`post-${message.reply_to}`);
    if (!answered || !box.contains(answered)) return null;
    let after = answered;
    let next = after.nextElementSibling;
    while (next && next.matches("article.post") && depthOf(next) >= message.depth) {
      after = next;
      next = after.nextElementSibling;
    }
    return { after };
  }
  return isLastPage() ? { append: true } : null;
}

function articleFrom(html) {
  const template = document.createElement("template");
  template.innerHTML = html.trim();
  return template.content.firstElementChild;
}

// Quietly: an edit is not news worth interrupting for. Focus inside the old post stays in the post.
function replace(message) {
  const current = document.getElementById(`post-${message.id}`);
  const article = current && box.contains(current) && articleFrom(message.html);
  if (!article) return;
  const hadFocus = current.contains(document.activeElement);
  current.replaceWith(article);
  if (hadFocus) {
    article.tabIndex = -1;
    article.focus();
  }
}

// Too much was missed to insert live: say so where the posts are, with a way to reload.
function showStale(text) {
  if (document.getElementById("live-stale")) return;
  const notice = document.createElement("p");
  notice.id = "live-stale";
  notice.className = "live-stale";
  const reload = document.createElement("a");
  reload.href = window.location.href;
  reload.textContent = text;
  notice.append(reload);
  box.before(notice);
}

// The reply form's controls stopped by showRemoved, to give back exactly those on restore.
let stoppedControls = [];

function refuseSubmit(event) {
  event.preventDefault();
}

// Shown where the posts are and said politely once; what was typed in the reply form stays.
function showRemoved() {
  const text = box.dataset.removedText;
  if (!text || document.getElementById("live-removed")) return;
  const notice = document.createElement("p");
  notice.id = "live-removed";
  notice.className = "message";
  notice.textContent = text;
  box.before(notice);
  announce(text);
  const form = document.getElementById("reply-form");
  if (form) {
    // Text already typed stays focusable and can be copied; only sending is stopped.
    for (const control of form.elements) {
      if ((control.tagName === "TEXTAREA" || control.type === "text") && !control.readOnly) {
        control.readOnly = true;
        stoppedControls.push(control);
      } else if ((control.type === "submit" || control.tagName === "BUTTON") && !control.disabled) {
        control.disabled = true;
        stoppedControls.push(control);
      }
    }
    form.addEventListener("submit", refuseSubmit);
  }
}

function showRestored() {
  const notice = document.getElementById("live-removed");
  if (!notice) return;
  notice.remove();
  for (const control of stoppedControls) {
    if (control.tagName === "TEXTAREA" || control.type === "text") control.readOnly = false;
    else control.disabled = false;
  }
  stoppedControls = [];
  const form = document.getElementById("reply-form");
  if (form) form.removeEventListener("submit", refuseSubmit);
  announce(box.dataset.restoredText);
}

function onMessage(message) {
  if (message.type === "thread.deleted") {
    showRemoved();
    return;
  }
  if (message.type === "thread.restored") {
    showRestored();
    return;
  }
  if (message.type === "post.update") {
    replace(message);
    return;
  }
  if (message.type === "synced") {
    syncedAt = message.at;
    return;
  }
  if (message.type === "announce" || message.type === "stale") {
    if (message.type === "stale") showStale(message.announce);
    announce(message.announce);
    return;
  }
  if (message.type !== "post" || document.getElementById(`post-${message.id}`)) return;
  const place = insertionPoint(message);
  if (!place) return;
  const article = articleFrom(message.html);
  if (!article) return;
  article.classList.add("live-new");
  if (place.after) place.after.after(article);
  else box.append(article);
  announce(message.announce);
}

// On every (re)connect, ask for the posts after the newest one shown, so none is missed.
function newestPosition() {
  let newest = 0;
  for (const article of box.querySelectorAll("article.post[data-position]")) {
    newest = Math.max(newest, Number(article.dataset.position) || 0);
  }
  return newest;
}

if (box) {
  liveSocket(`/ws/threads/${encodeURIComponent(box.dataset.liveThread)}/`, {
    onOpen: (socket) => {
      const hello = { type: "hello", after_position: newestPosition() };
      if (syncedAt) hello.changed_since = syncedAt;
      socket.send(JSON.stringify(hello));
    },
    onMessage,
    // Refused on (re)connect: the thread went while the socket was down.
    onFinal: (code) => {
      if (code === FORBIDDEN) showRemoved();
    },
  });
}
