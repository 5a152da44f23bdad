/* Text size (大/中/小) and high contrast, applied before the page paints and remembered. */
(function () {
  "use strict";
  var root = document.documentElement;
  var SIZE = "disclosure.size", CONTRAST = "disclosure.contrast";

  function stored(key) {
    try { return localStorage.getItem(key); } catch (error) { return null; }  // private mode
  }
  function store(key, value) {
    try { value ? localStorage.setItem(key, value) : localStorage.removeItem(key); } catch (error) { /* not kept */ }
  }
  function apply() {
    var size = stored(SIZE);
    size && size !== "中" ? root.setAttribute("data-dc-size", size) : root.removeAttribute("data-dc-size");
    stored(CONTRAST) ? root.setAttribute("data-dc-contrast", "") : root.removeAttribute("data-dc-contrast");
    var buttons = document.querySelectorAll(".dc-reading__button");
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i], pressed;
      if (button.hasAttribute("data-dc-contrast")) pressed = !!stored(CONTRAST);
      else pressed = button.getAttribute("data-dc-size") === (stored(SIZE) || "中");
      button.setAttribute("aria-pressed", pressed ? "true" : "false");
    }
  }

  apply();
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".dc-reading__button");
    if (!button) return;
    if (button.hasAttribute("data-dc-contrast")) store(CONTRAST, stored(CONTRAST) ? "" : "1");
    else store(SIZE, button.getAttribute("data-dc-size"));
    apply();
  });
  document.addEventListener("DOMContentLoaded", apply);
})();
