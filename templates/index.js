(function () {
  "use strict";
  var table = document.getElementById("sessions");
  var box = document.getElementById("filter");
  if (!table || !box) { return; }
  var input = document.getElementById("filter-input");
  var count = document.getElementById("filter-count");
  var selects = { source: document.getElementById("filter-source"), agent: document.getElementById("filter-agent"), status: document.getElementById("filter-status") };
  var from = document.getElementById("filter-from");
  var to = document.getElementById("filter-to");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var heads = table.tHead.rows[0].cells;
  var columns = {};
  // A heading may end in a footnote mark ("Tokens¹") or a sort arrow: the column is its words.
  Array.prototype.forEach.call(heads, function (th, i) { columns[th.textContent.replace(/[^A-Za-z]+$/, "")] = i; });
  // Each select lists the values its rows carry, most frequent first.
  Object.keys(selects).forEach(function (key) {
    var select = selects[key];
    var seen = {};
    rows.forEach(function (row) { var v = row.getAttribute("data-" + key) || ""; if (v !== "") { seen[v] = (seen[v] || 0) + 1; } });
    Object.keys(seen).sort(function (a, b) { return seen[b] - seen[a] || (a < b ? -1 : 1); }).forEach(function (v) {
      var option = document.createElement("option");
      option.value = v;
      option.textContent = v + " (" + seen[v] + ")";
      select.appendChild(option);
    });
    if (Object.keys(seen).length < 2) { select.parentNode.hidden = true; }
  });
  function number(row, name) {
    var i = columns[name];
    if (i === undefined) { return null; }
    var v = parseFloat(row.cells[i].getAttribute("data-sort"));
    return isNaN(v) || v < 0 ? null : v;
  }
  function grouped(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }
  function totals(shown) {
    var messages = 0, tokens = null, cost = null;
    shown.forEach(function (row) {
      messages += number(row, "Messages") || 0;
      var t = number(row, "Tokens"); if (t !== null) { tokens = (tokens || 0) + t; }
      var c = number(row, "Cost"); if (c !== null) { cost = (cost || 0) + c; }
    });
    document.getElementById("total-count").textContent = shown.length === 1 ? "1 session" : shown.length + " sessions";
    document.getElementById("total-messages").textContent = grouped(messages);
    document.getElementById("total-tokens").textContent = tokens === null ? "\u2014" : grouped(tokens);
    document.getElementById("total-cost").textContent = cost === null ? "\u2014" : "$" + (Math.round(cost * 1e6) / 1e6);
  }
  function apply() {
    var q = input.value.trim().toLowerCase();
    var want = {};
    Object.keys(selects).forEach(function (key) { want[key] = selects[key].value; });
    var lo = from.value, hi = to.value;
    var shown = [];
    rows.forEach(function (row) {
      var day = row.getAttribute("data-day") || "";
      var match = (q === "" || row.textContent.toLowerCase().indexOf(q) !== -1) &&
        Object.keys(want).every(function (key) { return want[key] === "" || row.getAttribute("data-" + key) === want[key]; }) &&
        (lo === "" || (day !== "" && day >= lo)) && (hi === "" || (day !== "" && day <= hi));
      row.hidden = !match;
      if (match) { shown.push(row); }
    });
    var filtered = shown.length !== rows.length;
    count.textContent = filtered ? shown.length + " of " + rows.length + " shown" : "";
    totals(shown);
  }
  box.hidden = false;
  [input, from, to].forEach(function (el) { el.addEventListener("input", apply); });
  Object.keys(selects).forEach(function (key) { selects[key].addEventListener("change", apply); });
  Array.prototype.forEach.call(heads, function (th, column) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    if (!th.hasAttribute("aria-sort")) { th.setAttribute("aria-sort", "none"); }
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(heads, function (other) { other.setAttribute("aria-sort", "none"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var key = function (row) {
        var cell = row.cells[column];
        return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.toLowerCase();
      };
      var keyed = rows.map(function (row, i) { return [key(row), i, row]; });
      keyed.sort(function (a, b) {
        var x = a[0], y = b[0];
        var nx = parseFloat(x), ny = parseFloat(y);
        var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : (x < y ? -1 : (x > y ? 1 : 0));
        return (ascending ? c : -c) || a[1] - b[1];
      });
      rows = keyed.map(function (k) { return k[2]; });
      var fragment = document.createDocumentFragment();
      rows.forEach(function (row) { fragment.appendChild(row); });
      body.appendChild(fragment);
    });
  });
})();
