/* 栏目 and 年份 selectors in Material's search dialog; they tell the search worker directly. */
(function () {
  "use strict";
  var template = document.getElementById("dc-search-filters");
  var output = document.querySelector(".md-search__output");
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
