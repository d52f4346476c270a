/* polisee search worker: runs the WebAssembly search engine off the main
   thread. polisee writes it into the search folder after wasm_exec.js
   and search-engine.js, in one file. The page sends the addresses of
   the engine's scripts first (init), then those of the engine and the
   index (engine), then queries. */
"use strict";
var ready = null;
var sections = ""; // the sections' index, fetched once the page has shown results
var parts = ""; // the folder of the index's parts, when it comes in parts

function loadSections(engine) {
  var url = sections;
  sections = "";
  polisee_fetch(url).then(function (bytes) {
    if (!engine.sections(new Uint8Array(bytes))) {
      postMessage({ type: "sections" });
      polisee_prefetch(engine, parts); // the sections' bundle, if any
    }
  }, function () { /* hits then name no section */ });
}

onmessage = function (e) {
  var m = e.data;
  if (m.type === "init") {
    // The worker's file built by polisee carries both loaders already;
    // the theme's copy in assets/ does not.
    if (!self.polisee_start) { importScripts(m.exec, m.loader); }
    sections = m.sections || "";
    parts = m.parts || "";
    return;
  }
  if (m.type === "engine") {
    // The index downloads while the engine downloads and compiles.
    var index = polisee_fetch(m.index);
    index.catch(function () { /* polisee_start reports it */ });
    ready = polisee_compile(m.wasm, m.kept).then(function (module) { return polisee_start(module, index); });
    ready.then(function () {
      postMessage({ type: "ready" });
    }, function (err) {
      postMessage({ type: "error", message: String(err && err.message || err) });
    });
    return;
  }
  if (m.type === "shown" || m.type === "sections") {
    // The page has shown its first results: now the sections, which they
    // do not need, and the bundles of stored fields, which spare later
    // queries a fetch per hit (polisee_prefetch). ("sections" is what a
    // theme's search.js from before the bundles sends.)
    ready.then(function (engine) {
      if (sections) { loadSections(engine); }
      polisee_prefetch(engine, parts);
      // The engine, fetched this time, is kept for the next visit.
      if (self.polisee_keep) {
        polisee_keep().then(function (name) {
          if (name) { postMessage({ type: "kept", name: name }); }
        });
      }
    });
    return;
  }

  ready.then(function (engine) {
    return polisee_search(engine, parts, [m.q, m.langs, m.n, m.shown || "", m.sort || "", false, !!m.nosections]);
  }).then(function (result) {
    postMessage({ id: m.id, result: result });
  });
};
