/* polisee search worker: runs the WebAssembly search engine off the main
   thread. The page sends the addresses of the engine's files first (their
   names carry a hash of their content), then queries. */
"use strict";
var ready = null;
var sections = ""; // the sections' index, fetched when the page asks

function loadSections(engine) {
  var url = sections;
  sections = "";
  polisee_fetch(url).then(function (bytes) {
    if (!engine.sections(new Uint8Array(bytes))) { postMessage({ type: "sections" }); }
  }, function () { /* hits then name no section */ });
}

onmessage = function (e) {
  var m = e.data;
  if (m.type === "init") {
    importScripts(m.exec, m.loader);
    sections = m.sections || "";
    // The index downloads while the engine compiles.
    var index = polisee_fetch(m.index);
    ready = polisee_compile(m.wasm).then(function (module) { return polisee_start(module, index); });
    ready.then(function () {
      postMessage({ type: "ready" });
    }, function (err) {
      postMessage({ type: "error", message: String(err && err.message || err) });
    });
    return;
  }
  if (m.type === "sections") {
    // The page asks for them once it shows its first results.
    ready.then(function (engine) { if (sections) { loadSections(engine); } });
    return;
  }
  ready.then(function (engine) {
    postMessage({ id: m.id, result: engine.search(m.q, m.langs, m.n, m.shown || "", m.sort || "") });
  });
};
