// The cookie banner: django-cookie-consent's own module shows it on a first visit and
// stores the choice; nothing optional loads until a group is accepted.
import { showCookieBar } from "../cookie_consent/cookiebar.module.js";

const template = document.getElementById("cookie-consent__cookie-bar");

// The module calls onAccept before its POST has stored the choice; loading a snippet
// then would set a cookie the server still considers unconsented (and deletes). So wait
// until the status endpoint reports the group as accepted.
async function whenAccepted(varname, attempts = 10) {
  for (let i = 0; i < attempts; i += 1) {
    const response = await window.fetch(template.dataset.statusUrl, {
      credentials: "same-origin",
      headers: { "X-Cookie-Consent-Fetch": "1" },
    });
    const status = await response.json();
    if (status.acceptedCookieGroups.includes(varname)) return true;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return false;
}

function loadAnalytics() {
  if (document.getElementById("analytics-snippet")) return;
  const script = document.createElement("script");
  script.id = "analytics-snippet";
  script.src = template.dataset.analyticsSrc;
  document.body.appendChild(script);
}

if (template) {
  showCookieBar({
    statusUrl: template.dataset.statusUrl,
    templateSelector: "#cookie-consent__cookie-bar",
    cookieGroupsSelector: "#cookie-consent__cookie-groups",
    // Without an event the groups were accepted on an earlier visit and the server has
    // rendered the snippet already; with one, the visitor just clicked "Accept".
    onAccept: async (groups, event) => {
      const analytics = groups.some((group) => group.varname === "analytics");
      if (event && analytics && (await whenAccepted("analytics"))) loadAnalytics();
    },
  });
}
