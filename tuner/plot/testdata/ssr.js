// Renders synaptune figures with the real echarts library on the server side
// (echarts' SSR mode, no browser) and prints each SVG as JSON.
//
// Usage: node ssr.js <path of echarts.min.js> < [{"option": …, "width": …, "height": …}, …]
// Output: [{"svg": "<svg …>", "error": ""}, …]
"use strict";
const fs = require("fs");
const echarts = require(process.argv[2]);

const figures = JSON.parse(fs.readFileSync(0, "utf8"));
const out = figures.map((f) => {
  try {
    const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: f.width, height: f.height });
    chart.setOption(f.option);
    const svg = chart.renderToSVGString();
    chart.dispose();
    return { svg: svg, error: "" };
  } catch (e) {
    return { svg: "", error: String(e && e.stack || e) };
  }
});
process.stdout.write(JSON.stringify(out));
