/* polisee search worker: runs the WebAssembly search engine off the main
   thread. Paths are relative to this file, in the site's assets folder. */
"use strict";
importScripts("../search/wasm_exec.js", "search-engine.js");

var ready = Promise.all([polisee_fetch("../search/search.wasm"), polisee_fetch("../search/index.zap")]).then(function (pair) {
  return polisee_start(pair[0], pair[1]);
});

ready.then(function () {
  postMessage({ type: "ready" });
}, function (err) {
  postMessage({ type: "error", message: String(err && err.message || err) });
});

onmessage = function (e) {
  var m = e.data;
  ready.then(function (engine) {
    postMessage({ id: m.id, result: JSON.parse(engine.search(m.q, m.langs, m.n, m.shown || "")) });
  });
};
