// A passkey ceremony that fails in the browser (cancelled, timed out, no key on this device)
// says so on the page instead of only in the console: allauth's webauthn.js dispatches
// "allauth.error"; the page's [data-passkey-error] message is shown.
document.addEventListener("allauth.error", (event) => {
  const message = document.querySelector("[data-passkey-error]");
  if (!message) return;
  event.preventDefault();
  message.hidden = false;
  message.focus?.();
});
