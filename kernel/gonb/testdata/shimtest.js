// Runs shim.js (path in argv[2]) against a fake gonb_comm with node and prints
// what happened as JSON, for shim_test.go.
"use strict";
var fs = require("fs");
var timers = [];
globalThis.window = globalThis;
window.setTimeout = function (fn) { timers.push(fn); };
var errors = [];
console.error = function () { errors.push(Array.prototype.join.call(arguments, " ")); };
function runTimers() { var t = timers; timers = []; t.forEach(function (fn) { fn(); }); }

function fakeGonb() {
  var g = { subs: {}, sent: [] };
  g.subscribe = function (a, cb) { (g.subs[a] = g.subs[a] || []).push(cb); };
  g.send = function (a, v) { g.sent.push([a, v]); };
  g.deliver = function (a, v) { (g.subs[a] || []).forEach(function (cb) { cb(a, v); }); };
  return g;
}

var early = null;
(window.synaptuneCommReady = window.synaptuneCommReady || []).push(function (c) { early = c; });
var code = fs.readFileSync(process.argv[2], "utf8");
new Function(code)();
var comm = window.synaptuneComm;
var result = { earlyGotComm: early === comm };
new Function(code)(); // installing twice keeps the first adapter
result.sameAfterReinstall = window.synaptuneComm === comm;

var got = [];
comm.on("w/visible", function (v) { got.push(v); });
comm.send("w/value", false);
comm.send("w/value", 0);
result.timersWhileWaiting = timers.length;

var g1 = fakeGonb();
globalThis.gonb_comm = g1;
runTimers();
result.subscribed1 = Object.keys(g1.subs);
result.sent = g1.sent.map(function (m) { var p = JSON.parse(m[1]); return [m[0], typeof p[0], p[1]]; });
var s0 = JSON.parse(g1.sent[0][1])[0], s1 = JSON.parse(g1.sent[1][1])[0];
result.increasing = s1 > s0;

g1.deliver("w/visible", "false");
g1.deliver("w/visible", "not json");
g1.deliver("w/visible", "\"\"");
result.got = got;
var late = [];
comm.on("w/visible", function (v) { late.push(v); });
result.late = late;

// A kernel restart replaces gonb_comm: the adapter subscribes again on next use.
var g2 = fakeGonb();
globalThis.gonb_comm = g2;
comm.send("w/value", 1);
result.subscribed2 = Object.keys(g2.subs);
result.sent2 = g2.sent.length;
result.errors = errors.length;
process.stdout.write(JSON.stringify(result));
