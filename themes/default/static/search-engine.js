/* polisee search engine loader, shared by the search page (search.js)
   and its worker (search-worker.js): starts the WebAssembly engine and
   opens the index. Needs wasm_exec.js loaded first. */
"use strict";

/* polisee_compile compiles the engine. Over http it compiles while the
   bytes download (WebAssembly.compileStreaming), which is also the one
   way a browser may keep the compiled code with the cached file (Chromium
   did not, for this engine: see the README's Measuring);
   a host that does not send application/wasm gets the bytes compiled
   once they are all there. From disk, source is the bytes themselves.
   When kept names this very file (the page saw polisee_keep store it),
   the bytes are read from the origin's private file system first: the
   engine's 4.9 MB took 130-150 ms to come out of Chromium's HTTP cache,
   and 40-60 ms from there. Anything amiss there, and it is fetched. */
var polisee_unkept = null; // the engine fetched, until polisee_keep stores it
self.polisee_compile = function (source, kept) {
  if (typeof source !== "string") { return WebAssembly.compile(source); }
  var name = polisee_keptName(source);
  function fetched() {
    // The bytes to keep are fetched again once the first results are
    // shown (from the HTTP cache, as a rule): a copy of this response
    // would be read while the engine compiles.
    polisee_unkept = { name: name, source: source };
    if (WebAssembly.compileStreaming) {
      return WebAssembly.compileStreaming(polisee_request(source)).catch(function () {
        return fromBytes();
      });
    }
    return fromBytes();
  }
  function fromBytes() {
    var bytes = polisee_fetch(source);
    polisee_unkept = { name: name, bytes: bytes };
    return bytes.then(function (b) { return WebAssembly.compile(b); });
  }
  if (kept !== name) { return fetched(); }
  return polisee_readKept(name).then(function (bytes) {
    return bytes ? WebAssembly.compile(bytes).catch(fetched) : fetched();
  });
};

/* The engine is kept in a folder of its own in the origin's private
   file system, in a file named by the engine's path on the host (sites
   under one origin keep one each): a new engine replaces the site's
   old one. The folder is null where the browser has no such file system, or
   none a worker can read at once (createSyncAccessHandle). */
self.polisee_canKeep = function () {
  return !!(self.navigator && navigator.storage && navigator.storage.getDirectory &&
    self.FileSystemFileHandle && FileSystemFileHandle.prototype.createSyncAccessHandle);
};
self.polisee_keepFolder = function () {
  if (!polisee_canKeep()) { return null; }
  return navigator.storage.getDirectory().then(function (root) {
    return root.getDirectoryHandle("polisee-search", { create: true });
  });
};

/* polisee_readKept resolves with the bytes of the kept file name, or null. */
self.polisee_readKept = function (name) {
  var folder = polisee_keepFolder();
  if (!folder) { return Promise.resolve(null); }
  return folder.then(function (dir) { return dir.getFileHandle(name); }).then(function (file) {
    return file.createSyncAccessHandle();
  }).then(function (h) {
    try {
      var bytes = new Uint8Array(h.getSize());
      return h.read(bytes, { at: 0 }) === bytes.length && bytes.length > 0 ? bytes : null;
    } finally { h.close(); }
  }).catch(function () { return null; });
};

/* polisee_keep stores the engine fetched by polisee_compile, once the
   page has shown its first results, and removes any other file of the
   folder (an engine of before). It resolves with the file's name, or ""
   when there was nothing to keep or it could not be kept. */
self.polisee_keep = function () {
  var unkept = polisee_unkept;
  var folder = unkept && polisee_keepFolder();
  polisee_unkept = null;
  if (!folder) { return Promise.resolve(""); }
  var bytes = unkept.bytes || fetch(unkept.source, { cache: "force-cache" }).then(function (r) {
    if (!r.ok) { throw new Error("no engine to keep"); }
    return r.arrayBuffer();
  });
  return Promise.all([folder, bytes]).then(function (got) {
    var dir = got[0];
    var data = new Uint8Array(got[1]);
    return dir.getFileHandle(unkept.name, { create: true }).then(function (file) {
      return file.createSyncAccessHandle();
    }).then(function (h) {
      // A file another tab holds open is left to it; one written in
      // part is removed.
      var whole = false;
      try {
        h.truncate(0);
        whole = h.write(data, { at: 0 }) === data.length;
        h.flush();
      } catch (e) {
        whole = false;
      } finally { h.close(); }
      if (!whole) { return dir.removeEntry(unkept.name).then(function () { return ""; }, function () { return ""; }); }
      return polisee_removeOthers(dir, unkept.name).then(function () { return unkept.name; });
    });
  }).catch(function () { return ""; });
};

/* polisee_keptName is the name of the engine at url in the folder: its
   path, encoded. */
self.polisee_keptName = function (url) {
  return encodeURIComponent(new URL(url, self.location.href).pathname);
};

/* polisee_removeOthers removes the files of dir that hold another engine
   of the same site (same folder on the host) than the one kept as name. */
self.polisee_removeOthers = function (dir, name) {
  if (!dir.keys) { return Promise.resolve(); }
  var site = name.slice(0, name.lastIndexOf("%2F") + 3);
  var others = [];
  var it = dir.keys();
  function next() {
    return it.next().then(function (r) {
      if (r.done) { return Promise.all(others.map(function (n) { return dir.removeEntry(n).catch(function () {}); })); }
      var n = r.value;
      if (n !== name && n.slice(0, site.length) === site && n.lastIndexOf("%2F") + 3 === site.length) { others.push(n); }
      return next();
    });
  }
  return next();
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
