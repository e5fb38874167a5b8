// A small profile card when a pointer rests on a link to a person's profile, or the keyboard
// focuses it: name, position, institute, top themes, photo (WCAG 1.4.13: it stays while the
// pointer is over the link or the card, and Escape dismisses it). Without this script the link
// is a plain link to the profile. The card is an HTML fragment from the directory
// (directory:card), which answers only for profiles the viewer may see.
const meta = document.querySelector('meta[name="person-card"]');

if (meta) {
  const cardUrl = meta.content; // ".../people/0/card/"
  const patterns = [meta.dataset.profile, meta.dataset.public]
    .filter(Boolean)
    .map((address) => {
      const [before, after] = address.split("/0/");
      const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      return new RegExp(`^${escape(before)}/(\\d+)/${escape(after)}$`);
    });
  const fragments = new Map();
  const card = document.createElement("div");
  card.className = "person-card";
  card.id = "person-card";
  card.setAttribute("role", "tooltip");
  card.hidden = true;
  document.body.append(card);

  let current = null; // the link the card describes
  let showTimer = 0;
  let hideTimer = 0;

  const profileOf = (link) => {
    if (!(link instanceof HTMLAnchorElement) || link.closest(".person-card")) return null;
    if (link.origin !== window.location.origin) return null;
    for (const pattern of patterns) {
      const match = link.pathname.match(pattern);
      if (match) return match[1];
    }
    return null;
  };

  const fetchCard = (pk) => {
    if (!fragments.has(pk)) {
      const address = cardUrl.replace("/0/", `/${pk}/`);
      fragments.set(
        pk,
        fetch(address, { credentials: "same-origin", headers: { Accept: "text/html" } })
          .then((response) => (response.ok ? response.text() : null))
          .catch(() => null),
      );
    }
    return fragments.get(pk);
  };

  const place = (link) => {
    const box = link.getBoundingClientRect();
    const rtl = document.documentElement.dir === "rtl";
    const width = card.offsetWidth;
    const viewport = document.documentElement.clientWidth;
    let start = rtl ? viewport - box.right : box.left;
    start = Math.max(8, Math.min(start, viewport - width - 8));
    const below = box.bottom + 6;
    const fitsBelow = below + card.offsetHeight < window.innerHeight;
    const top = fitsBelow ? below : Math.max(8, box.top - card.offsetHeight - 6);
    card.style.insetBlockStart = `${top + window.scrollY}px`;
    card.style.insetInlineStart = `${start + (rtl ? -window.scrollX : window.scrollX)}px`;
  };

  const hide = () => {
    window.clearTimeout(showTimer);
    window.clearTimeout(hideTimer);
    if (current) current.removeAttribute("aria-describedby");
    current = null;
    card.hidden = true;
  };

  const show = async (link, pk) => {
    const html = await fetchCard(pk);
    if (!html || document.activeElement !== link && !link.matches(":hover")) return;
    if (current && current !== link) current.removeAttribute("aria-describedby");
    current = link;
    card.innerHTML = html;
    card.hidden = false;
    link.setAttribute("aria-describedby", card.id);
    place(link);
  };

  const soon = (link, delay) => {
    const pk = profileOf(link);
    if (!pk) return;
    window.clearTimeout(hideTimer);
    window.clearTimeout(showTimer);
    if (current === link && !card.hidden) return;
    showTimer = window.setTimeout(() => show(link, pk), delay);
  };

  const later = () => {
    window.clearTimeout(showTimer);
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(() => {
      if (card.matches(":hover") || (current && current.matches(":hover"))) return;
      if (current && document.activeElement === current) return;
      hide();
    }, 300);
  };

  document.addEventListener("mouseover", (event) => {
    const link = event.target.closest?.("a[href]");
    if (link && profileOf(link)) soon(link, 350);
    else if (card.contains(event.target)) window.clearTimeout(hideTimer);
  });
  document.addEventListener("mouseout", (event) => {
    const link = event.target.closest?.("a[href]");
    if ((link && link === current) || card.contains(event.target)) later();
    else if (link && profileOf(link)) window.clearTimeout(showTimer);
  });
  document.addEventListener("focusin", (event) => {
    const link = event.target.closest?.("a[href]");
    if (link && profileOf(link)) soon(link, 0);
    else if (current) hide();
  });
  document.addEventListener("focusout", (event) => {
    if (event.target === current) later();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !card.hidden) {
      hide();
    }
  });
  window.addEventListener("resize", () => current && !card.hidden && place(current));
}
