// Replaces the option of a figure already drawn, in place.
(function (id, option) {
  "use strict";
  var chart = window.synaptunePlots && window.synaptunePlots[id];
  if (chart && !chart.isDisposed()) {
    chart.setOption(option, { notMerge: true });
  }
})("__ID__", __OPTION__);
