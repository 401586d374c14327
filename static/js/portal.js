// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  // Submit a form when a select marked data-autosubmit changes (language switch, sorting).
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  // Live character counter: <textarea maxlength=N data-counter="id-of-output">.
  document.querySelectorAll("textarea[data-counter]").forEach(function (area) {
    var output = document.getElementById(area.dataset.counter);
    if (!output) return;
    var update = function () { output.textContent = area.value.length + " / " + area.maxLength; };
    area.addEventListener("input", update);
    update();
  });
})();
