// The expense line form (templates/staffing/expenses/_add_line.html, line_form.html): when the
// person picks an e-invoice PDF, the server reads its number and amount (staffing:invoice_read)
// and they are filled in for the person to check. No inline script: the page's CSP forbids it.
(function () {
  "use strict";
  function setup(form) {
    var input = form.querySelector("input[data-invoice-file]");
    var status = form.querySelector("[data-invoice-status]");
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    if (!input || !status || !token || !window.fetch || !window.FormData) return;
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      status.textContent = "";
      if (!file || !/\.pdf$/i.test(file.name)) return;
      var body = new FormData();
      body.append("invoice_file", file);
      status.textContent = form.dataset.reading || "…";
      fetch(form.dataset.invoiceRead, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token.value },
      })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          if (data.error) {
            status.textContent = data.error;
            status.classList.add("text-danger");
            return;
          }
          status.classList.remove("text-danger");
          var number = form.querySelector("input[name=invoice_no]");
          var amount = form.querySelector("input[name=amount]");
          if (number && data.number) number.value = data.number;
          if (amount && data.amount) amount.value = data.amount;
          status.textContent = form.dataset.filled || "";
        })
        .catch(function () { status.textContent = ""; });
    });
  }
  function start() {
    document.querySelectorAll("form[data-invoice-read]").forEach(setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
