/* polisee search engine loader, shared by the search page (search.js)
   and its worker (search-worker.js): starts the WebAssembly engine and
   opens the index. Needs wasm_exec.js loaded first. */
"use strict";

/* polisee_compile compiles the engine. Over http it compiles while the
   bytes download (WebAssembly.compileStreaming), which is also the one
   way a browser may keep the compiled code with the cached file (Chromium
   did not, for this engine: see the README's Measuring);
   a host that does not send application/wasm gets the bytes compiled
   once they are all there. From disk, source is the bytes themselves. */
self.polisee_compile = function (source) {
  if (typeof source === "string") {
    if (WebAssembly.compileStreaming) {
      return WebAssembly.compileStreaming(polisee_request(source)).catch(function () {
        return polisee_fetch(source).then(function (bytes) { return WebAssembly.compile(bytes); });
      });
    }
    return polisee_fetch(source).then(function (bytes) { return WebAssembly.compile(bytes); });
  }
  return WebAssembly.compile(source);
};

/* polisee_start runs the compiled engine and opens the index (bytes, or
   a promise of them). */
self.polisee_start = function (module, index) {
  var go = new Go();
  return WebAssembly.instantiate(module, go.importObject).then(function (instance) {
    go.run(instance);
    // main sets self.polisee before it blocks, within go.run's first turn.
    if (!self.polisee) { throw new Error("the search engine did not start"); }
    return index;
  }).then(function (bytes) {
    var err = self.polisee.open(new Uint8Array(bytes));
    if (err) { throw new Error(err); }
    return self.polisee;
  });
};

self.polisee_request = function (url) {
  return fetch(url).then(function (r) {
    if (!r.ok) { throw new Error("could not load " + url + " (" + r.status + ")"); }
    return r;
  });
};

self.polisee_fetch = function (url) {
  return polisee_request(url).then(function (r) { return r.arrayBuffer(); });
};

/* polisee_part fetches a part of the index in parts from the folder
   parts and adds it to the engine, once for every query that needs it:
   one that fails to load is tried again by the next caller. */
var polisee_parts = {};
self.polisee_part = function (engine, parts, name) {
  if (!polisee_parts[name]) {
    polisee_parts[name] = polisee_fetch(parts + name + ".bin").then(function (bytes) {
      var err = engine.addPart(name, new Uint8Array(bytes));
      if (err) { throw new Error(err); }
    });
    polisee_parts[name].catch(function () { delete polisee_parts[name]; });
  }
  return polisee_parts[name];
};

/* polisee_search runs a query (args: the arguments of engine.search) and
   resolves with its result. On an index in parts the engine may answer
   {need: [names]}: the parts are fetched from the folder parts, all at
   once, added, and the query asked again; one that fails to load makes
   this query answer {error}. */
self.polisee_search = function (engine, parts, args) {
  function attempt(round) {
    var res = engine.search.apply(engine, args);
    if (!res || !res.need || !parts) { return Promise.resolve(res); }
    if (round >= 50) { return Promise.resolve({ error: "the search needed more parts of the index than it should" }); }
    return Promise.all(res.need.map(function (name) { return polisee_part(engine, parts, name); })).then(function () {
      return attempt(round + 1);
    }, function (err) {
      return { error: String(err && err.message || err) };
    });
  }
  return attempt(0);
};

/* polisee_prefetch fetches and adds, in the background, the bundles of an
   index in parts (engine.bundles(): every chunk of stored fields in one
   file, where the build wrote one): called once the first results are
   shown, so that later queries fetch their postings and no chunk per
   hit. It resolves when they are in, or failed: queries then fetch the
   chunks they need, as before. */
self.polisee_prefetch = function (engine, parts) {
  if (!parts || !engine.bundles) { return Promise.resolve(); }
  return Promise.all(engine.bundles().map(function (name) {
    return polisee_part(engine, parts, name).catch(function () { /* queries fetch chunks instead */ });
  }));
};
