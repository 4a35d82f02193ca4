(function () {
  "use strict";
  var table = document.getElementById("sessions");
  var box = document.getElementById("filter");
  var input = document.getElementById("filter-input");
  var count = document.getElementById("filter-count");
  if (!table || !box || !input) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  box.hidden = false;
  input.addEventListener("input", function () {
    var q = input.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var match = q === "" || row.textContent.toLowerCase().indexOf(q) !== -1;
      row.hidden = !match;
      if (match) { shown += 1; }
    });
    count.textContent = q === "" ? "" : shown + " of " + rows.length;
  });
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, column) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    th.setAttribute("aria-sort", "none");
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(heads, function (other) { other.setAttribute("aria-sort", "none"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var key = function (row) {
        var cell = row.cells[column];
        return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.toLowerCase();
      };
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var nx = parseFloat(x), ny = parseFloat(y);
        var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : (x < y ? -1 : (x > y ? 1 : 0));
        return ascending ? c : -c;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
