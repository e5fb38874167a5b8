// Live notifications for members: keeps the unread badge current, announces new items through
// the page's aria-live region, and adds a small dropdown of the latest items next to the link.
// The database is the source of truth: on every (re)connect we send the last id we have and the
// server answers with everything newer and the unread count, in pages (``more``) we follow.
// "The last id we have" is the newest id of the last answer, not the newest pushed: a push lost
// on the way (Redis restarting) leaves a gap below a later one, and the next answer fills it.
// While the socket stays open the page asks again every few minutes and when it is shown again.
// Hints (``{"type": "hint", "name": ...}``, see notifications.delivery.hint) and each completed
// sync are passed on to the page's other modules as the DOM events ``live:hint`` and
// ``live:synced``.
import { announce, liveSocket } from "./live-socket.js";

const LATEST = 8;
const RESYNC_EVERY = 5 * 60 * 1000;
const link = document.querySelector("[data-live-badge]");
const badge = link && link.querySelector("[data-unread-count]");
// The visually hidden "unread" after the count shows and hides with it.
const suffix = badge && badge.nextElementSibling;

let syncedId = 0;
let synced = false;
// During a catch-up of several pages: the new items so far and the first page's announcement.
let catchingUp = null;
let current = null;
let strings = {};
const items = [];

function format(template, values) {
  return (template || "").replace(/%\((\w+)\)s/g, (_, key) => values[key] ?? "");
}

function setUnread(count) {
  if (!badge) return;
  badge.textContent = String(count);
  badge.hidden = count <= 0;
  if (suffix && suffix.classList.contains("visually-hidden")) suffix.hidden = count <= 0;
}

function remember(item) {
  if (items.some((known) => known.id === item.id)) return false;
  items.push(item);
  items.sort((a, b) => b.id - a.id);
  items.length = Math.min(items.length, LATEST);
  return true;
}

// --- dropdown -------------------------------------------------------------------------------
let toggle = null;
let panel = null;

function buildDropdown() {
  const holder = link.parentElement;
  holder.classList.add("notif-menu");
  toggle = document.createElement("button");
  toggle.type = "button";
  toggle.className = "notif-toggle link-button";
  toggle.setAttribute("aria-expanded", "false");
  toggle.setAttribute("aria-controls", "notif-panel");
  toggle.innerHTML = '<span aria-hidden="true">▾</span><span class="visually-hidden"></span>';
  panel = document.createElement("div");
  panel.id = "notif-panel";
  panel.className = "notif-panel card";
  panel.hidden = true;
  holder.append(toggle, panel);
  toggle.addEventListener("click", () => (panel.hidden ? open() : close(false)));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !panel.hidden) close(holder.contains(document.activeElement));
  });
  document.addEventListener("click", (event) => {
    if (!panel.hidden && !holder.contains(event.target)) close(false);
  });
  renderDropdown();
}

function open() {
  panel.hidden = false;
  toggle.setAttribute("aria-expanded", "true");
  const first = panel.querySelector("a");
  if (first) first.focus();
}

function close(returnFocus) {
  panel.hidden = true;
  toggle.setAttribute("aria-expanded", "false");
  if (returnFocus) toggle.focus();
}

function renderDropdown() {
  if (!panel) return;
  toggle.querySelector(".visually-hidden").textContent = strings.title || gettext("Latest notifications");
  const heading = document.createElement("h2");
  heading.className = "notif-panel-title";
  heading.textContent = strings.title || gettext("Latest notifications");
  const list = document.createElement("ul");
  list.className = "notif-panel-list";
  for (const item of items) {
    const entry = document.createElement("li");
    if (!item.read) entry.className = "is-unread";
    const anchor = document.createElement("a");
    anchor.href = `${link.getAttribute("href")}${item.id}/`;
    anchor.textContent = item.summary;
    const meta = document.createElement("span");
    meta.className = "muted";
    meta.textContent = item.label;
    // Bold alone says "unread" to sighted members only.
    if (!item.read) {
      const state = document.createElement("span");
      state.className = "visually-hidden";
      state.textContent = ` (${strings.unread || gettext("unread")})`;
      anchor.append(state);
    }
    entry.append(anchor, meta);
    list.append(entry);
  }
  const all = document.createElement("a");
  all.href = link.getAttribute("href");
  all.className = "notif-panel-all";
  all.textContent = strings.all || gettext("All notifications");
  panel.replaceChildren(heading);
  if (items.length) {
    panel.append(list);
  } else {
    const empty = document.createElement("p");
    empty.className = "muted";
    empty.textContent = strings.empty || "";
    panel.append(empty);
  }
  panel.append(all);
}

// --- socket ---------------------------------------------------------------------------------
function hello(socket) {
  socket.send(JSON.stringify({ type: "hello", last_id: syncedId }));
}

function onMessage(message, socket) {
  if (message.type === "sync") {
    strings = message.strings || strings;
    const fresh = message.items.filter(remember);
    for (const item of message.items) syncedId = Math.max(syncedId, item.id);
    setUnread(message.unread);
    renderDropdown();
    // A page just loaded shows the newest; a reconnecting one follows the pages to the end.
    if (synced && message.more) {
      catchingUp = catchingUp || { fresh: [], announce: message.announce };
      catchingUp.fresh.push(...fresh);
      hello(socket);
      return;
    }
    const all = catchingUp ? [...catchingUp.fresh, ...fresh] : fresh;
    const text = catchingUp ? catchingUp.announce : message.announce;
    catchingUp = null;
    if (synced && all.length === 1) announce(format(strings.new, all[0]));
    else if (synced && all.length > 1) announce(text);
    synced = true;
    // Other modules of the page (conversation.js) catch up on what they show after every
    // (re)connect: a hint lost while the socket was down loses nothing.
    document.dispatchEvent(new CustomEvent("live:synced"));
  } else if (message.type === "hint") {
    // Something changed that a module of the page shows: it fetches what, with a request.
    document.dispatchEvent(new CustomEvent("live:hint", { detail: message }));
  } else if (message.type === "notification") {
    if (!remember(message.item)) return;
    if (!message.item.read && badge) setUnread(Number(badge.textContent || 0) + 1);
    announce(format(strings.new, message.item));
    renderDropdown();
  } else if (message.type === "unread") {
    // Read in another tab: the dropdown stops calling those items unread too.
    for (const item of items) {
      if (message.read === "all" || message.read.includes(item.id)) item.read = true;
    }
    // Taken back (about content this member can no longer open): out of the dropdown too.
    const removed = new Set(message.removed || []);
    for (let i = items.length - 1; i >= 0; i--) if (removed.has(items[i].id)) items.splice(i, 1);
    setUnread(message.unread);
    renderDropdown();
  }
}

if (link) {
  buildDropdown();
  liveSocket("/ws/notifications/", {
    onOpen: (socket) => {
      catchingUp = null;
      current = socket;
      hello(socket);
    },
    onMessage,
    onDown: () => (current = null),
  });
  const resync = () => {
    if (current && current.readyState === WebSocket.OPEN && !catchingUp) hello(current);
  };
  window.setInterval(resync, RESYNC_EVERY);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") resync();
  });
}
