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
  var category = filters.querySelector("[name=category]");
  function tell() {
    var message = { category: category.value, year: filters.querySelector("[name=year]").value };
    if (unit) message.unit = unit.value;
    channel.postMessage(message);
  }
  /* Each department has its own tree: the 栏目 choices follow the 部门 chosen, read from that unit's
   * search manifest ([id, name, parent index] per category, in tree order); 全部部门 shows the page's own. */
  var pageChoices = category.innerHTML, pageUnitId = pageUnit ? pageUnit.content : "";
  var searchRoot = new URL("../../../search/", document.currentScript ? document.currentScript.src : location.href);
  function showCategories(unitId) {
    if (!unitId || unitId === pageUnitId) {
      category.innerHTML = pageChoices;
      return Promise.resolve();
    }
    return fetch(new URL("units/" + unitId + "/manifest.json", searchRoot).href).then(function (response) {
      return response.json();
    }).then(function (manifest) {
      var chosen = category.value, keep = false;
      category.innerHTML = "";
      category.add(new Option("全部栏目", ""));
      (manifest.categories || []).forEach(function (entry) {
        var depth = 0, parent = entry[2];
        while (parent >= 0 && depth < 10) { depth += 1; parent = manifest.categories[parent][2]; }
        category.add(new Option("\u3000".repeat(depth) + entry[1], entry[0]));
        if (entry[0] === chosen) keep = true;
      });
      category.value = keep ? chosen : "";
    }, function () { category.innerHTML = pageChoices; });
  }
  filters.addEventListener("change", function (event) {
    if (unit && event.target === unit) showCategories(unit.value).then(tell);
    else tell();
  });
})();
