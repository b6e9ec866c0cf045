// Defines window.echarts from the library text that Go puts in place of the
// marker below, then draws the figures that were queued before it existed.
// define, module and exports are parameters left undefined, so the library's
// UMD wrapper neither registers an AMD module (require.js in classic
// notebooks would swallow it) nor a CommonJS one: it sets globalThis.echarts.
// No "use strict" here: it would reach the library's own code.
(function () {
  if (!window.echarts) {
    (function (define, module, exports) {
      __LIBRARY__
    }).call(window);
  }
  var queue = window.synaptuneEChartsQueue || [];
  window.synaptuneEChartsQueue = [];
  for (var i = 0; i < queue.length; i++) {
    try {
      queue[i](window.echarts);
    } catch (e) {
      console.error("synaptune: drawing a queued figure failed", e);
    }
  }
})();
