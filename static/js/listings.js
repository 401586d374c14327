// Listings: small enhancements; every page works without them.

// Gallery: show a thumbnail's photo in the main frame instead of opening the file.
const main = document.getElementById("gallery-main");
if (main) {
  const thumbs = document.querySelectorAll("[data-gallery-full]");
  thumbs.forEach((link, index) => {
    if (index === 0) link.setAttribute("aria-current", "true");
    link.addEventListener("click", (event) => {
      event.preventDefault();
      main.src = link.dataset.galleryFull;
      main.removeAttribute("width");
      main.removeAttribute("height");
      thumbs.forEach((other) => other.removeAttribute("aria-current"));
      link.setAttribute("aria-current", "true");
    });
  });
}

// Listing form: a price on request needs no price, so the price box is disabled then.
const onRequest = document.getElementById("id_price_on_request");
const price = document.getElementById("id_price");
if (onRequest && price) {
  const sync = () => {
    price.disabled = onRequest.checked;
    if (onRequest.checked) price.value = "";
  };
  onRequest.addEventListener("change", sync);
  sync();
}
