/* Material's search dialog, adapted for Chinese readers. */
(function () {
  "use strict";
  var input = document.querySelector(".md-search__input");
  var output = document.querySelector(".md-search__output");

  /* Material searches on keyup only. Text committed by an IME, pasted with the mouse or
   * dictated arrives as an input event without a keyup, so pass it on. */
  if (input) {
    input.addEventListener("input", function (event) {
      if (!event.isComposing) input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    });
  }

  /* 栏目 and 年份 selectors; they tell the search worker directly (Material's protocol has no filters). */
  var template = document.getElementById("dc-search-filters");
  if (!template || !output || typeof BroadcastChannel === "undefined") return;
  var filters = template.content.firstElementChild.cloneNode(true);
  output.insertBefore(filters, output.firstChild);
  /* On a platform, a department's pages search that department by default (仅搜索本部门): the page
   * names its unit in <meta name="disclosure-unit">, and loads the worker with ?unit= to match. */
  var unit = filters.querySelector("[name=unit]");
  var pageUnit = document.querySelector('meta[name="disclosure-unit"]');
  if (unit && pageUnit) unit.value = pageUnit.content;
  var channel = new BroadcastChannel("disclosure-search");
  filters.addEventListener("change", function () {
    var message = {
      category: filters.querySelector("[name=category]").value,
      year: filters.querySelector("[name=year]").value
    };
    if (unit) message.unit = unit.value;
    channel.postMessage(message);
  });
})();
