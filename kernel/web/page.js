// Page runtime of a synaptune web session: shows the outputs the server sends,
// and provides window.synaptuneComm (see the Go package kernel) over the
// session's websocket.
(function () {
  "use strict";
  var token = new URLSearchParams(window.location.search).get("token") || "";
  var outputsBox = document.getElementById("synaptune-outputs");
  var statusEl = document.getElementById("synaptune-status");
  var outputs = new Map();  // output id -> element
  var handlers = new Map(); // address -> array of callbacks
  var latest = new Map();   // address -> newest value, either direction
  var socket = null;
  var pending = [];         // messages sent while disconnected
  var retryMs = 500;

  function setStatus(text, ok) {
    statusEl.textContent = text;
    statusEl.className = ok ? "status connected" : "status";
  }

  function transmit(text) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(text);
    } else {
      pending.push(text);
    }
  }

  function deliver(address, value) {
    latest.set(address, value);
    var list = handlers.get(address);
    if (!list) return;
    list.slice().forEach(function (fn) {
      try { fn(value); } catch (e) { console.error("synaptune: handler for " + address, e); }
    });
  }

  var comm = {
    send: function (address, value) {
      latest.set(address, value);
      transmit(JSON.stringify({ kind: "comm", address: address, value: value }));
    },
    on: function (address, fn) {
      var list = handlers.get(address);
      if (!list) { list = []; handlers.set(address, list); }
      list.push(fn);
      if (latest.has(address)) {
        try { fn(latest.get(address)); } catch (e) { console.error("synaptune: handler for " + address, e); }
      }
      return function () {
        var l = handlers.get(address);
        if (!l) return;
        var i = l.indexOf(fn);
        if (i >= 0) l.splice(i, 1);
        if (l.length === 0) handlers.delete(address);
      };
    }
  };
  window.synaptuneComm = comm;
  var queued = window.synaptuneCommReady || [];
  window.synaptuneCommReady = { push: function (fn) { fn(comm); } };
  queued.forEach(function (fn) { fn(comm); });

  // Scripts inserted with innerHTML do not run; replace each by a fresh copy.
  function runScripts(el) {
    el.querySelectorAll("script").forEach(function (old) {
      var s = document.createElement("script");
      for (var i = 0; i < old.attributes.length; i++) {
        s.setAttribute(old.attributes[i].name, old.attributes[i].value);
      }
      s.text = old.text;
      old.replaceWith(s);
    });
  }

  function showOutput(id, html) {
    var el = outputs.get(id);
    if (!el) {
      el = document.createElement("div");
      el.className = "synaptune-output";
      el.dataset.outputId = id;
      outputs.set(id, el);
      outputsBox.appendChild(el);
    }
    el.innerHTML = html;
    runScripts(el);
  }

  function showTransient(html) {
    var el = document.createElement("div");
    el.className = "synaptune-transient";
    el.innerHTML = html;
    outputsBox.appendChild(el);
    runScripts(el);
  }

  function reset() {
    outputsBox.innerHTML = "";
    outputs.clear();
    latest.clear();
  }

  function receive(event) {
    var m;
    try { m = JSON.parse(event.data); } catch (e) { console.error("synaptune: bad message", e); return; }
    switch (m.kind) {
      case "reset": reset(); break;
      case "output": showOutput(m.id, m.html || ""); break;
      case "transient": showTransient(m.html || ""); break;
      case "comm": deliver(m.address, m.value); break;
      default: console.warn("synaptune: unknown message kind", m.kind);
    }
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + "/ws?token=" + encodeURIComponent(token));
    socket.onopen = function () {
      retryMs = 500;
      setStatus("connected", true);
      var waiting = pending;
      pending = [];
      waiting.forEach(function (t) { socket.send(t); });
    };
    socket.onmessage = receive;
    socket.onclose = function () {
      setStatus("disconnected, retrying…", false);
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  }
  connect();
})();
