// A minimal stand-in for a browser page, for testing the widget scripts with
// node. It reads {"html": ..., "steps": [...]} as JSON on stdin, builds fake
// elements for every tag with an id, runs the scripts in the HTML against a
// recording window.synaptuneComm, performs the steps, and prints what the
// scripts sent and the final state of the elements.
"use strict";

function makeElement(tag, attrs) {
  var listeners = {};
  var el = {
    tagName: tag.toUpperCase(),
    id: attrs.id,
    attrs: attrs,
    value: attrs.value !== undefined ? attrs.value : "",
    textContent: attrs.text || "",
    innerHTML: "",
    disabled: attrs.disabled !== undefined,
    isConnected: true,
    style: { display: /display:none/.test(attrs.style || "") ? "none" : "" },
    addEventListener: function (type, fn) { (listeners[type] = listeners[type] || []).push(fn); },
    fire: function (type) { (listeners[type] || []).forEach(function (fn) { fn({ type: type }); }); },
    setAttribute: function (k, v) { attrs[k] = String(v); },
    getAttribute: function (k) { return attrs[k]; },
    querySelectorAll: function () { return []; },
  };
  return el;
}

function parseAttrs(text) {
  var attrs = {};
  var re = /([a-zA-Z-]+)(?:="([^"]*)")?/g, m;
  while ((m = re.exec(text)) !== null) attrs[m[1]] = m[2] === undefined ? "" : m[2];
  return attrs;
}

function build(html) {
  var byId = new Map();
  var re = /<(input|select|button|output|span|div)\b([^>]*)>/g, m;
  while ((m = re.exec(html)) !== null) {
    var attrs = parseAttrs(m[2]);
    if (!attrs.id) continue;
    var el = makeElement(m[1], attrs);
    if (m[1] === "select") {
      var rest = html.slice(re.lastIndex);
      var sel = /<option value="([^"]*)" selected>/.exec(rest.slice(0, rest.indexOf("</select>")));
      if (sel) el.value = sel[1];
    }
    if (m[1] === "output" || m[1] === "span") {
      var end = html.indexOf("<", re.lastIndex);
      el.textContent = html.slice(re.lastIndex, end);
    }
    byId.set(attrs.id, el);
  }
  return byId;
}

var input = JSON.parse(require("fs").readFileSync(0, "utf8"));
var elements = build(input.html);
var sent = [];
var handlers = new Map();
var latest = new Map();
var comm = {
  send: function (a, v) { latest.set(a, v); sent.push([a, v]); },
  on: function (a, fn) {
    var l = handlers.get(a) || [];
    l.push(fn);
    handlers.set(a, l);
    if (latest.has(a)) fn(latest.get(a));
    return function () { var i = l.indexOf(fn); if (i >= 0) l.splice(i, 1); };
  },
};
globalThis.window = globalThis;
globalThis.document = {
  getElementById: function (id) { var e = elements.get(id); return e && e.isConnected ? e : null; },
  createElement: function (tag) { return makeElement(tag, {}); },
};
if (input.commFirst) window.synaptuneComm = comm;

var scripts = [], sre = /<script>([\s\S]*?)<\/script>/g, s;
while ((s = sre.exec(input.html)) !== null) scripts.push(s[1]);
scripts.forEach(function (code) { new Function(code)(); });
if (!input.commFirst) {
  // The front end appears after the scripts ran: flush their queue.
  window.synaptuneComm = comm;
  (window.synaptuneCommReady || []).forEach(function (fn) { fn(comm); });
}

(input.steps || []).forEach(function (st) {
  var el = st.id ? elements.get(st.id) : null;
  if (st.id && !el) throw new Error("no element " + st.id);
  switch (st.do) {
    case "set": el.value = st.value; el.fire(st.event); break;
    case "click": el.fire("click"); break;
    case "detach": el.isConnected = false; break;
    case "recv":
      latest.set(st.address, st.value);
      (handlers.get(st.address) || []).slice().forEach(function (fn) { fn(st.value); });
      break;
    default: throw new Error("unknown step " + st.do);
  }
});

var state = {};
elements.forEach(function (el, id) {
  state[id] = {
    value: String(el.value), text: el.textContent, html: el.innerHTML, display: el.style.display,
    disabled: el.disabled, pressed: el.attrs["aria-pressed"] || "",
  };
});
var subscribed = 0;
handlers.forEach(function (l) { subscribed += l.length; });
process.stdout.write(JSON.stringify({ sent: sent, state: state, handlers: subscribed }));
