// "Show contacts": fetch a seller's contacts on click, one request per click.
// Without this module the button posts the form and a page shows the contacts.
function item(label, text, href) {
  const li = document.createElement("li");
  if (label) li.append(`${label}: `);
  const link = document.createElement("a");
  link.href = href;
  link.textContent = text;
  if (href.startsWith("https:")) {
    link.target = "_blank";
    link.rel = "noopener nofollow";
  }
  li.append(link);
  return li;
}

function render(target, data) {
  const list = document.createElement("ul");
  list.className = "contacts-list";
  list.dataset.testid = "seller-contacts";
  if (data.phone) list.append(item(target.dataset.labelPhone, data.phone, data.phone_link));
  if (data.email) list.append(item(target.dataset.labelEmail, data.email, `mailto:${data.email}`));
  if (data.whatsapp_link) list.append(item("", "WhatsApp", data.whatsapp_link));
  if (data.telegram_link) list.append(item("", `Telegram ${data.telegram}`, data.telegram_link));
  target.replaceChildren(list);
}

// Ask for the contacts as JSON. A refusal the server explains (too many requests) is shown
// in place; anything else (no network, a page instead of JSON) sends the form the plain way,
// so the visitor gets the no-script page with the contacts or the server's own answer.
async function show(form) {
  const button = form.querySelector("button");
  const target = document.getElementById(form.dataset.contacts);
  button.disabled = true;
  const response = await fetch(form.action, {
    method: "POST",
    body: new FormData(form),
    headers: { Accept: "application/json" },
    credentials: "same-origin",
  });
  const data = await response.json();
  if (!response.ok) {
    target.textContent = data.error || "";
    button.disabled = false;
    return;
  }
  render(target, data);
  form.hidden = true;
}

document.querySelectorAll("form[data-contacts]").forEach((form) => {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    show(form).catch(() => form.submit());
  });
});
