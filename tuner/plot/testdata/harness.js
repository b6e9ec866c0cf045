// Runs the scripts of synaptune plot snippets in node against a fake page
// and a fake echarts, and prints what happened as JSON.
//
// Input (stdin, JSON): {"steps": [{"do": "html" | "js" | "remove", ...}]}
//   html: registers every <div id="…"> of step.html as an element, then runs
//         each <script> element of it in order;
//   js:   runs step.js;
//   remove: forgets the element step.id (an output that was replaced).
// The page has a require.js-like define (with define.amd) and CommonJS-like
// module and exports globals, so a library that registers itself through
// them instead of setting window.echarts is caught.
"use strict";
const fs = require("fs");
const vm = require("vm");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const elements = {};
const instances = [];
const out = { defineCalls: 0, moduleTouched: false, errors: [] };

function fakeFactory() {
  return {
    version: "fake",
    init(el) {
      const c = {
        el: el, options: [], disposed: false,
        setOption(o, opt) { this.options.push({ option: o, notMerge: !!(opt && opt.notMerge) }); },
        dispose() { this.disposed = true; el.instance = null; },
        isDisposed() { return this.disposed; },
        resize() {},
      };
      el.instance = c;
      instances.push(c);
      return c;
    },
    getInstanceByDom(el) { return el.instance || null; },
  };
}

const ctx = {
  console: { error: (...a) => out.errors.push(a.map(String).join(" ")), log: () => {} },
  document: { getElementById: (id) => elements[id] || null },
  ResizeObserver: class { constructor(cb) { this.cb = cb; } observe() {} disconnect() {} },
  fakeFactory: fakeFactory,
};
ctx.window = ctx;
ctx.self = ctx;
ctx.define = function () { out.defineCalls++; };
ctx.define.amd = {};
ctx.exports = {};
ctx.module = { exports: ctx.exports };
vm.createContext(ctx);

function run(js) {
  try {
    vm.runInContext(js, ctx);
  } catch (e) {
    out.errors.push(String(e));
  }
}

for (const step of input.steps) {
  if (step.do === "html") {
    for (const m of step.html.matchAll(/<div id="([^"]+)"/g)) {
      elements[m[1]] = { id: m[1] };
    }
    for (const m of step.html.matchAll(/<script>([\s\S]*?)<\/script>/g)) {
      run(m[1]);
    }
  } else if (step.do === "js") {
    run(step.js);
  } else if (step.do === "remove") {
    delete elements[step.id];
  }
}

out.moduleTouched = Object.keys(ctx.exports).length > 0 || ctx.module.exports !== ctx.exports;
out.echarts = typeof ctx.echarts;
out.version = ctx.echarts ? String(ctx.echarts.version) : "";
out.queued = (ctx.synaptuneEChartsQueue || []).length;
out.charts = instances.map((c) => ({
  id: c.el.id,
  disposed: c.disposed,
  options: c.options.map((o) => ({ title: o.option.title, notMerge: o.notMerge })),
}));
out.live = Object.keys(ctx.synaptunePlots || {}).filter((id) => !ctx.synaptunePlots[id].isDisposed()).sort();
process.stdout.write(JSON.stringify(out));
