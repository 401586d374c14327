// The cookie banner is rendered by the server (templates/privacy/_cookie_banner.html) and
// works without this script: its buttons post a form and come back to the page. This
// module only keeps the visitor on the page: it sends the same form in the background,
// removes the banner, and loads the analytics snippet once analytics is accepted.
const bar = document.getElementById("cookie-bar");

function loadAnalytics() {
  if (document.getElementById("analytics-snippet")) return;
  const script = document.createElement("script");
  script.type = "module";
  script.id = "analytics-snippet";
  script.src = bar.dataset.analyticsSrc;
  document.body.appendChild(script);
}

async function send(form) {
  const body = new FormData(form);
  const response = await window.fetch(form.action, {
    method: "POST",
    body,
    credentials: "same-origin",
    headers: { "X-Cookie-Consent-Fetch": "1" },
  });
  if (!response.ok) throw new Error(`cookie choice refused: ${response.status}`);
  return body.getAll("cookie_groups");
}

if (bar) {
  bar.querySelectorAll("form[data-cookie-choice]").forEach((form) => {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      let groups;
      try {
        groups = await send(form);
      } catch {
        form.submit(); // the plain form still works: the server answers with the page
        return;
      }
      bar.remove();
      document.getElementById("main")?.focus({ preventScroll: true });
      // The choice is stored by the response just received, so the server now counts
      // the analytics cookie as consented (and no longer deletes it).
      if (form.dataset.cookieChoice === "accept" && groups.includes("analytics")) loadAnalytics();
    });
  });
}
