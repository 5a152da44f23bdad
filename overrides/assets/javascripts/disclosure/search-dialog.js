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
  var channel = new BroadcastChannel("disclosure-search");
  filters.addEventListener("change", function () {
    channel.postMessage({
      category: filters.querySelector("[name=category]").value,
      year: filters.querySelector("[name=year]").value
    });
  });
})();
