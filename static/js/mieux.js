// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("change", (event) => {
  const target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit")) {
    target.form.submit();
  }
});

// An attendance import running in the background: poll its JSON status, move the progress bar, and
// reload the page (which then shows the result or the errors) once the import is done or failed.
(() => {
  const panel = document.querySelector("[data-import-status-url]");
  if (!panel || panel.dataset.importFinished === "true") {
    return;
  }
  const url = panel.dataset.importStatusUrl;
  const bar = panel.querySelector("[data-import-progress]");
  const message = panel.querySelector("[data-import-message]");
  const label = document.querySelector("[data-import-label]");
  let delay = 700;
  const poll = () => {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((job) => {
        if (bar) {
          bar.style.width = `${job.progress}%`;
          bar.parentElement.setAttribute("aria-valuenow", String(job.progress));
        }
        if (message) {
          message.textContent = `${job.progress} %`;
        }
        if (label) {
          label.textContent = job.status_label;
          label.className = `status status--${job.status}`;
        }
        if (job.finished) {
          window.location.reload();
          return;
        }
        delay = Math.min(delay * 1.5, 5000);
        window.setTimeout(poll, delay);
      })
      .catch(() => window.setTimeout(poll, 5000));
  };
  window.setTimeout(poll, delay);
})();
