// The header's menu button and the language menu are <details> and work without this script.
// This adds what a menu button is expected to do besides: Escape closes it (focus back on the
// button), and so does a click or a focus move outside it.
for (const menu of document.querySelectorAll("[data-site-menu], [data-menu]")) {
  const button = menu.querySelector("summary");
  const close = (returnFocus) => {
    if (!menu.open) return;
    menu.open = false;
    if (returnFocus) button.focus();
  };
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && menu.open) close(menu.contains(document.activeElement));
  });
  document.addEventListener("click", (event) => {
    if (!menu.contains(event.target)) close(false);
  });
  menu.addEventListener("focusout", (event) => {
    if (event.relatedTarget && !menu.contains(event.relatedTarget)) close(false);
  });
}
