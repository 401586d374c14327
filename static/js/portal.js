// Small progressive enhancements; every page works without them.

// Submit a form when a select marked data-autosubmit changes (language switch, sorting).
document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
  select.addEventListener("change", () => select.form.submit());
});

// Live character counter: <textarea maxlength=N data-counter="id-of-output">.
document.querySelectorAll("textarea[data-counter]").forEach((area) => {
  const output = document.getElementById(area.dataset.counter);
  if (!output) return;
  const update = () => {
    output.textContent = `${area.value.length} / ${area.maxLength}`;
  };
  area.addEventListener("input", update);
  update();
});
