// Runs page.js (path in argv[2]) against a fake browser with node and prints
// what happened as JSON, for page_test.go.
"use strict";
var fs = require("fs");

function fakeElement(tag) {
  var el = {
    tagName: tag, className: "", textContent: "", dataset: {}, children: [], scripts: [], _html: "",
    appendChild: function (c) { el.children.push(c); c.parent = el; return c; },
    querySelectorAll: function (sel) { return sel === "script" ? el.scripts.slice() : []; },
  };
  Object.defineProperty(el, "innerHTML", {
    get: function () { return el._html; },
    set: function (h) {
      el._html = h;
      el.children = [];
      el.scripts = [];
      var re = /<script>([\s\S]*?)<\/script>/g, m;
      while ((m = re.exec(h)) !== null) {
        (function (code) {
          var s = { text: code, attributes: [], replaceWith: function (n) { runScript(n.text); } };
          el.scripts.push(s);
        })(m[1]);
      }
    },
  });
  return el;
}

function runScript(code) { new Function(code)(); }

var outputs = fakeElement("main");
var status = fakeElement("span");
var timers = [];
var sockets = [];
function FakeSocket(url) {
  this.url = url; this.readyState = 0; this.sent = [];
  sockets.push(this);
}
FakeSocket.OPEN = 1;
FakeSocket.prototype.send = function (t) { this.sent.push(t); };

globalThis.window = globalThis;
window.location = { search: "?token=tok123", protocol: "http:", host: "127.0.0.1:9999" };
window.WebSocket = FakeSocket;
window.setTimeout = function (fn, ms) { timers.push(ms); };
globalThis.document = {
  getElementById: function (id) {
    return id === "synaptune-outputs" ? outputs : id === "synaptune-status" ? status : null;
  },
  createElement: fakeElement,
};
var errors = [];
console.error = function () { errors.push(Array.prototype.join.call(arguments, " ")); };
console.warn = console.error;

// A widget script that ran before the runtime: it queues itself.
var early = null;
(window.synaptuneCommReady = window.synaptuneCommReady || []).push(function (c) { early = c; });

runScript(fs.readFileSync(process.argv[2], "utf8"));
var comm = window.synaptuneComm;
var ws = sockets[0];
var result = { earlyGotComm: early === comm, url: ws.url };

comm.send("a/value", 1);               // before the socket opens: queued
result.sentBeforeOpen = ws.sent.length;
ws.readyState = 1;
ws.onopen();
result.sentAfterOpen = ws.sent.slice();
result.status = status.textContent;

function recv(obj) { ws.onmessage({ data: typeof obj === "string" ? obj : JSON.stringify(obj) }); }
var got = [];
comm.on("b", function (v) { got.push(v); });
recv({ kind: "output", id: "o1", html: "<p>x</p><script>window.ran=(window.ran||0)+1</script>" });
recv({ kind: "output", id: "o1", html: "<p>y</p><script>window.ran=(window.ran||0)+10</script>" });
recv({ kind: "output", id: "o2", html: "<p>z</p>" });
result.outputs = outputs.children.map(function (c) { return c.dataset.outputId + ":" + c.innerHTML; });
result.ran = window.ran;
recv({ kind: "comm", address: "b", value: 5 });
var late = [];
comm.on("b", function (v) { late.push(v); });  // gets the newest value at once
result.got = got; result.late = late;
recv("{not json");
recv({ kind: "bogus" });
recv({ kind: "reset" });
result.afterReset = outputs.children.length;
var afterResetOn = [];
comm.on("b", function (v) { afterResetOn.push(v); });
result.afterResetOn = afterResetOn;
ws.onclose();
result.statusAfterClose = status.textContent;
result.retryScheduled = timers.length;
result.errors = errors.length;
process.stdout.write(JSON.stringify(result));
