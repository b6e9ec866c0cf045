// Draws one synaptune figure. Go replaces the two arguments at the bottom:
// the div's id and the echarts option. Nothing here is declared at the top
// level, so the same text can run any number of times on one page.
(function (id, option) {
  "use strict";
  function draw(echarts) {
    var el = document.getElementById(id);
    if (!el) {
      return;
    }
    var charts = window.synaptunePlots || (window.synaptunePlots = {});
    var old = charts[id];
    if (old && !old.isDisposed()) {
      old.dispose();
    }
    var stale = echarts.getInstanceByDom(el);
    if (stale) {
      stale.dispose();
    }
    if (el.synaptuneResize) {
      el.synaptuneResize.disconnect();
    }
    var chart = echarts.init(el);
    chart.setOption(option);
    charts[id] = chart;
    if (window.ResizeObserver) {
      el.synaptuneResize = new ResizeObserver(function () {
        if (!chart.isDisposed()) {
          chart.resize();
        }
      });
      el.synaptuneResize.observe(el);
    }
  }
  if (window.echarts) {
    draw(window.echarts);
  } else {
    (window.synaptuneEChartsQueue = window.synaptuneEChartsQueue || []).push(draw);
  }
})("__ID__", __OPTION__);
