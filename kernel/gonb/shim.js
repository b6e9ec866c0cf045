// Browser-side adapter of synaptune's kernel/gonb: window.synaptuneComm over
// GoNB's gonb_comm. Values travel as JSON text (gonb_comm drops falsy values);
// messages to Go are [sequence, value] so Go can drop out-of-order ones.
(function () {
  "use strict";
  if (window.synaptuneComm && window.synaptuneComm.adapter === "gonb") return;
  var handlers = new Map();   // address -> callbacks
  var latest = new Map();     // address -> newest value, either direction
  var subscribed = new Set(); // addresses subscribed on the current gonb_comm
  var current = null;         // the gonb_comm those subscriptions belong to
  var outbox = [];            // [address, text] waiting for gonb_comm
  var seq = 0;
  var polling = false;

  function nextSeq() {
    seq = Math.max(seq + 1, Date.now() * 1000);
    return seq;
  }

  function call(fn, v, address) {
    try { fn(v); } catch (e) { console.error("synaptune: handler for " + address, e); }
  }

  function deliver(address, text) {
    var v;
    try { v = JSON.parse(text); } catch (e) {
      console.error("synaptune: dropped a comm value that is not JSON text", address);
      return;
    }
    latest.set(address, v);
    (handlers.get(address) || []).slice().forEach(function (fn) { call(fn, v, address); });
  }

  // attach subscribes pending addresses and flushes the outbox; it returns
  // false while gonb_comm does not exist yet.
  function attach() {
    var g = globalThis.gonb_comm;
    if (!g) return false;
    if (g !== current) { current = g; subscribed.clear(); } // new kernel connection
    handlers.forEach(function (_, address) {
      if (subscribed.has(address)) return;
      subscribed.add(address);
      g.subscribe(address, function (a, text) { deliver(a, text); });
    });
    var waiting = outbox;
    outbox = [];
    waiting.forEach(function (m) { g.send(m[0], m[1]); });
    return true;
  }

  function ensure() {
    if (attach() || polling) return;
    polling = true;
    var tries = 0;
    (function poll() {
      if (attach()) { polling = false; return; }
      if (++tries < 600) setTimeout(poll, 50); else polling = false;
    })();
  }

  var comm = {
    adapter: "gonb",
    send: function (address, value) {
      latest.set(address, value);
      outbox.push([address, JSON.stringify([nextSeq(), value])]);
      ensure();
    },
    on: function (address, fn) {
      var list = handlers.get(address);
      if (!list) { list = []; handlers.set(address, list); }
      list.push(fn);
      ensure();
      if (latest.has(address)) call(fn, latest.get(address), address);
      return function () {
        var i = list.indexOf(fn);
        if (i >= 0) list.splice(i, 1);
      };
    }
  };
  window.synaptuneComm = comm;
  var queued = window.synaptuneCommReady || [];
  window.synaptuneCommReady = { push: function (fn) { fn(comm); } };
  queued.forEach(function (fn) { fn(comm); });
})();
