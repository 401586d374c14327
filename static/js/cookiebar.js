// The cookie banner: django-cookie-consent's own module shows it on a first visit and
// stores the choice; nothing optional loads until a group is accepted.
import { showCookieBar } from "../cookie_consent/cookiebar.module.js";

const template = document.getElementById("cookie-consent__cookie-bar");
if (template) {
  showCookieBar({
    statusUrl: template.dataset.statusUrl,
    templateSelector: "#cookie-consent__cookie-bar",
    cookieGroupsSelector: "#cookie-consent__cookie-groups",
    onAccept: (groups) => {
      document.dispatchEvent(new CustomEvent("cookies:accepted", { detail: groups }));
    },
  });
}
