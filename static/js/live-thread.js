// Live thread: new posts appear in place, rendered by the server for this member
// (notifications/consumers.py ThreadConsumer). Posts are in tree order, so a reply goes after
// the subtree of the post it answers; a new top-level post goes at the end of the last page.
// Posts of other pages are left for those pages.
import { announce, liveSocket } from "./live-socket.js";

const box = document.querySelector("#posts[data-live-thread]");

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

function onMessage(message) {
  if (message.type !== "post" || document.getElementById(`post-${message.id}`)) return;
  const place = insertionPoint(message);
  if (!place) return;
  const template = document.createElement("template");
  template.innerHTML = message.html.trim();
  const article = template.content.firstElementChild;
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
    onOpen: (socket) =>
      socket.send(JSON.stringify({ type: "hello", after_position: newestPosition() })),
    onMessage,
  });
}
