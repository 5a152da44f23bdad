/* A stand-in for ResizeObserver in browsers without one (Safari before 13.1, Chrome before 64, the older
 * engines of phone browsers): Material's bundle would otherwise load a polyfill from unpkg.com on every page,
 * a request to another host that this site promises never to make (and, where a server's policy blocks it,
 * the theme's scripts stop). It tells Material's observers of sizes at the moments such a browser can tell:
 * once when an element is first observed, when the window is resized and when the page has loaded. */
(function () {
  "use strict";
  if (typeof window.ResizeObserver !== "undefined") return;

  window.ResizeObserver = function (callback) {
    var targets = [], observer;
    function report(list) {
      if (list.length) callback(list.map(function (target) {
        return { target: target, contentRect: target.getBoundingClientRect() };
      }), observer);
    }
    function reportAll() { report(targets); }
    window.addEventListener("resize", reportAll);
    window.addEventListener("load", reportAll);
    observer = {
      observe: function (target) {
        if (targets.indexOf(target) >= 0) return;
        targets.push(target);
        setTimeout(function () { report([target]); }, 0);   // a real observer reports a new target once
      },
      unobserve: function (target) {
        targets = targets.filter(function (each) { return each !== target; });
      },
      disconnect: function () {
        targets = [];
        window.removeEventListener("resize", reportAll);
        window.removeEventListener("load", reportAll);
      }
    };
    return observer;   // what `new ResizeObserver(…)` gives
  };
})();
