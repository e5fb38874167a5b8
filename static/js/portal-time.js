// Each event's time in the visitor's own time zone, beside the event's local time.
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
// In the page's language (the <html lang> the server set), not the browser's.
const format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
  weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit",
});
for (const start of document.querySelectorAll("time[data-local-start]")) {
  const holder = start.parentElement.querySelector("[data-visitor-time]");
  const end = start.parentElement.querySelector("time[data-local-end]");
  if (!holder || !end) continue;
  const from = new Date(start.dateTime);
  const to = new Date(end.dateTime);
  holder.textContent = `${holder.dataset.label} (${zone}): ${format.formatRange(from, to)}`;
  holder.hidden = false;
}
