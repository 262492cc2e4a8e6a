// A native date picker beside each written-date box (data-date-picker): picking a day
// writes it into the box as 2023-02-03; a box holding such a date shows it in the picker.
(function () {
  "use strict";
  var ISO = /^\d{4}-\d{2}-\d{2}$/;
  document.querySelectorAll("input[data-date-picker]").forEach(function (box) {
    var picker = document.createElement("input");
    picker.type = "date";
    picker.className = "form-control date-picker ml-2";
    picker.setAttribute("aria-label", "Pick a day for " + (box.name || "the date"));
    picker.tabIndex = -1;
    var sync = function () { picker.value = ISO.test(box.value.trim()) ? box.value.trim() : ""; };
    picker.addEventListener("change", function () {
      if (picker.value) { box.value = picker.value; }
    });
    box.addEventListener("input", sync);
    sync();
    var row = document.createElement("div");
    row.className = "d-flex date-field";
    box.parentNode.insertBefore(row, box);
    row.appendChild(box);
    row.appendChild(picker);
  });
})();
