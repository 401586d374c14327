// Catalogue import: follow the check or the import of a file while it runs.
// The page works without this module (it refreshes itself inside <noscript>); should this
// module fail, it falls back to the same: the page reloads every three seconds.
const section = document.querySelector("[data-import-progress]");

async function follow(url) {
  const bar = document.getElementById("import-progress");
  const status = document.getElementById("import-status");
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    let data;
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (!response.ok) continue;
      data = await response.json();
    } catch {
      continue; // a network hiccup: ask again
    }
    bar.value = data.percent;
    bar.textContent = `${data.percent}%`;
    status.textContent = data.label;
    if (!data.running) {
      window.location.reload();
      return;
    }
  }
}

if (section) {
  follow(section.dataset.importProgress).catch(() => {
    window.setTimeout(() => window.location.reload(), 3000);
  });
}
