/* polisee search engine loader, shared by the search page (search.js)
   and its worker (search-worker.js): starts the WebAssembly engine on the
   engine and index bytes. Needs wasm_exec.js loaded first. */
"use strict";
self.polisee_start = function (wasm, index) {
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
  var go = new Go();
  return WebAssembly.instantiate(wasm, go.importObject).then(function (r) {
    go.run(r.instance);
    return waitFor(function () { return self.polisee; });
  }).then(function () {
    var err = self.polisee.open(new Uint8Array(index));
    if (err) { throw new Error(err); }
    return self.polisee;
  });
};

self.polisee_fetch = function (url) {
  return fetch(url).then(function (r) {
    if (!r.ok) { throw new Error("could not load " + url + " (" + r.status + ")"); }
    return r.arrayBuffer();
  });
};
