/* polisee search worker: runs the WebAssembly search engine off the main
   thread. Paths are relative to this file, in the site's assets folder. */
"use strict";
importScripts("../search/wasm_exec.js");

function bytes(path) {
  return fetch(path).then(function (r) {
    if (!r.ok) { throw new Error("could not load " + path + " (" + r.status + ")"); }
    return r.arrayBuffer();
  });
}

function waitFor(test) {
  return new Promise(function (resolve, reject) {
    var tries = 0;
    (function poll() {
      if (test()) { resolve(); return; }
      if (++tries > 500) { reject(new Error("the search engine did not start")); return; }
      setTimeout(poll, 10);
    })();
  });
}

var ready = Promise.all([bytes("../search/search.wasm"), bytes("../search/index.zap")]).then(function (pair) {
  var go = new Go();
  return WebAssembly.instantiate(pair[0], go.importObject).then(function (r) {
    go.run(r.instance);
    return waitFor(function () { return self.polisee; });
  }).then(function () {
    var err = self.polisee.open(new Uint8Array(pair[1]));
    if (err) { throw new Error(err); }
  });
});

ready.then(function () {
  postMessage({ type: "ready" });
}, function (err) {
  postMessage({ type: "error", message: String(err && err.message || err) });
});

onmessage = function (e) {
  var m = e.data;
  ready.then(function () {
    postMessage({ id: m.id, result: JSON.parse(self.polisee.search(m.q, m.langs, m.n)) });
  });
};
