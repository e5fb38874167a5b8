// A WebSocket that reconnects with exponential backoff and jitter, and stops for good when the
// server says the session ended or the member may not connect (see notifications/consumers.py).
// ``onFinal(code)``, optional, hears that close code once, when the socket stops for good.

const FINAL_CODES = new Set([4001, 4401, 4403, 4413, 4415]);
const MIN_DELAY = 1000;
const MAX_DELAY = 30000;

export function socketUrl(path) {
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  return `${scheme}://${window.location.host}${path}`;
}

export function announce(text) {
  const region = document.getElementById("live-announcer");
  if (!region || !text) return;
  const line = document.createElement("p");
  line.textContent = text;
  region.append(line);
  while (region.childElementCount > 3) region.firstElementChild.remove();
}

export function liveSocket(path, { onOpen, onMessage, onDown, onFinal }) {
  let socket = null;
  let attempts = 0;
  let timer = null;
  let stopped = false;

  function connect() {
    timer = null;
    socket = new WebSocket(socketUrl(path));
    socket.addEventListener("open", () => onOpen && onOpen(socket));
    socket.addEventListener("message", (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      attempts = 0;
      onMessage(message, socket);
    });
    socket.addEventListener("close", (event) => {
      socket = null;
      if (FINAL_CODES.has(event.code)) {
        stopped = true;
        if (onFinal) onFinal(event.code);
        return;
      }
      if (onDown) onDown();
      schedule();
    });
  }

  function schedule() {
    if (stopped || timer) return;
    const ceiling = Math.min(MAX_DELAY, MIN_DELAY * 2 ** attempts);
    attempts += 1;
    timer = window.setTimeout(connect, ceiling / 2 + Math.random() * (ceiling / 2));
  }

  // Coming back to the tab or the network: try at once rather than wait for the backoff.
  function retryNow() {
    if (stopped || socket) return;
    if (timer) window.clearTimeout(timer);
    attempts = 0;
    connect();
  }
  window.addEventListener("online", retryNow);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") retryNow();
  });

  connect();
}
