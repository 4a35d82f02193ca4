(function () {
  "use strict";
  var box = document.getElementById("filter");
  var input = document.getElementById("filter-input");
  var count = document.getElementById("filter-count");
  // Printing shows every collapsed part (tool calls, thinking, long outputs), then restores them.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details:not([open])"), function (d) { d.open = true; opened.push(d); });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
  if (!box || !input) { return; }
  var events = Array.prototype.slice.call(document.querySelectorAll("article.event"));
  box.hidden = false;
  // Expand all / collapse all: every collapsible part of the events.
  [["expand-all", "Expand all", true], ["collapse-all", "Collapse all", false]].forEach(function (spec) {
    var button = document.createElement("button");
    button.type = "button";
    button.id = spec[0];
    button.textContent = spec[1];
    button.addEventListener("click", function () {
      Array.prototype.forEach.call(document.querySelectorAll("#events details"), function (d) { d.open = spec[2]; });
    });
    box.appendChild(document.createTextNode(" "));
    box.appendChild(button);
  });
  input.addEventListener("input", function () {
    var q = input.value.trim().toLowerCase();
    var shown = 0;
    events.forEach(function (event) {
      var match = q === "" || event.textContent.toLowerCase().indexOf(q) !== -1;
      event.hidden = !match;
      if (match) { shown += 1; }
    });
    count.textContent = q === "" ? "" : shown + " of " + events.length + " events";
  });
})();
