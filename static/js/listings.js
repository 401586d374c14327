// Listings: small enhancements; every page works without them.
(function () {
  "use strict";
  // Gallery: show a thumbnail's photo in the main frame instead of opening the file.
  var main = document.getElementById("gallery-main");
  if (main) {
    document.querySelectorAll("[data-gallery-full]").forEach(function (link, index) {
      if (index === 0) link.setAttribute("aria-current", "true");
      link.addEventListener("click", function (event) {
        event.preventDefault();
        main.src = link.dataset.galleryFull;
        main.removeAttribute("width");
        main.removeAttribute("height");
        document.querySelectorAll("[data-gallery-full]").forEach(function (other) {
          other.removeAttribute("aria-current");
        });
        link.setAttribute("aria-current", "true");
      });
    });
  }
  // Listing form: a price on request needs no price, so the price box is disabled then.
  var onRequest = document.getElementById("id_price_on_request");
  var price = document.getElementById("id_price");
  if (onRequest && price) {
    var sync = function () {
      price.disabled = onRequest.checked;
      if (onRequest.checked) price.value = "";
    };
    onRequest.addEventListener("change", sync);
    sync();
  }
})();
