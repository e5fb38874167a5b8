// Keeps the ORCID import status current while the background task runs, then reloads the page
// so the review form appears. Without JavaScript the member reloads the page by hand.
let status = document.getElementById("orcid-status");

async function poll() {
  const response = await fetch(status.dataset.pollUrl, {
    headers: { "X-Requested-With": "fetch" },
    credentials: "same-origin",
  });
  if (!response.ok) return;
  const html = await response.text();
  const next = new DOMParser().parseFromString(html, "text/html").getElementById("orcid-status");
  if (!next) return;
  if (next.dataset.orcidStatus !== "queued" && next.dataset.orcidStatus !== "fetching") {
    window.location.reload();
    return;
  }
  status.replaceWith(next);
  status = next;
  setTimeout(poll, 1500);
}

if (status) setTimeout(poll, 1500);
