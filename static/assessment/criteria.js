// The criteria form (templates/assessment/cycles/criteria.html): shows the running total of the
// weights as they are typed and says, before saving, that they must add up to 100 (the server
// refuses any other total all the same); adds a row from the formset's empty form. No inline
// script: the page's CSP forbids it.
(function () {
  "use strict";
  function setup(form) {
    var rows = form.querySelector("[data-rows]");
    var template = form.querySelector("template[data-empty-row]");
    var total = form.querySelector("input[name$='-TOTAL_FORMS']");
    var sum = form.querySelector("[data-sum]");
    var note = form.querySelector("[data-sum-note]");
    var add = form.querySelector("[data-add-row]");
    if (!rows || !sum) return;

    function weights() {
      var n = 0;
      rows.querySelectorAll("tr[data-row]").forEach(function (row) {
        var removed = row.querySelector("input[data-remove]");
        var weight = row.querySelector("input[data-weight]");
        // A row ticked for removal is greyed out and left out of the total.
        row.classList.toggle("opacity-50", !!(removed && removed.checked));
        if ((removed && removed.checked) || !weight || weight.value === "") return;
        var value = parseInt(weight.value, 10);
        if (!isNaN(value)) n += value;
      });
      return n;
    }

    function update() {
      var n = weights();
      sum.textContent = String(n);
      var right = n === 100;
      sum.classList.toggle("text-danger-emphasis", !right);
      sum.classList.toggle("text-success-emphasis", right);
      if (note) {
        note.textContent = right ? form.dataset.sumRight : form.dataset.sumWrong;
        note.classList.toggle("text-danger-emphasis", !right);
      }
    }

    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) {
      if (weights() !== 100 && !window.confirm(form.dataset.sumWrong)) {
        event.preventDefault();
      }
    });

    if (add && template && total) {
      add.classList.remove("d-none");
      add.addEventListener("click", function () {
        var index = parseInt(total.value, 10) || 0;
        var holder = document.createElement("tbody");
        holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
        var row = holder.querySelector("tr");
        if (!row) return;
        var order = row.querySelector("input[name$='-order']");
        if (order) order.value = String(index);
        rows.appendChild(row);
        total.value = String(index + 1);
        var first = row.querySelector("input:not([type=hidden])");
        if (first) first.focus();
        update();
      });
    }
    update();
  }
  function start() {
    document.querySelectorAll("form[data-criteria]").forEach(setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
