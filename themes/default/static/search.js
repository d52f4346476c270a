/* polisee search: runs the site's search engine (WebAssembly) on the
   prebuilt index, in a worker over http and in the page from disk.
   Every page loads this file; only the search page does more than warm
   the cache when the header search box gets focus. */
(function () {
  "use strict";
  var script = document.currentScript;
  // The site root holds the engine and the index; pages link into the
  // page's own language (data-pages, its folder), and the engine finds
  // what that language's pages show (data-lang).
  var root = new URL(script.getAttribute("data-root") || "./", location.href);
  var pagesRoot = new URL(script.getAttribute("data-pages") || script.getAttribute("data-root") || "./", location.href);
  var pageLang = script.getAttribute("data-lang") || "";
  var indexFiles = script.getAttribute("data-index-files") === "1";
  var langs = script.getAttribute("data-langs") || "en";
  var fromDisk = location.protocol === "file:";
  var RESULTS = 20;
  // A site built without the engine keeps its search page (it says so)
  // and loads nothing.
  if (script.hasAttribute("data-no-engine")) { return; }

  function at(path) { return new URL(path, root).href; }

  // Links to folders name their index.html in copies opened from disk.
  function pageURL(sitePath) {
    var u = new URL(sitePath.replace(/^\//, ""), pagesRoot);
    if ((indexFiles || fromDisk) && /\/$/.test(u.pathname)) { u.pathname += "index.html"; }
    return u.href;
  }

  // The engine's files are named by their content (data-wasm, data-exec,
  // data-worker, data-loader, data-index, from the site's root): a host
  // may keep them cached for good.
  var files = {
    wasm: script.getAttribute("data-wasm") || "search/search.wasm",
    exec: script.getAttribute("data-exec") || "search/wasm_exec.js",
    worker: script.getAttribute("data-worker") || "assets/search-worker.js",
    loader: script.getAttribute("data-loader") || "assets/search-engine.js",
    // Over http the index comes in parts when the site has them: the
    // head (data-head) first, then the parts (in data-parts) that
    // queries read; else, and from disk, whole.
    index: (!fromDisk && script.getAttribute("data-head")) || script.getAttribute("data-index") || "search/index.zap",
    parts: (!fromDisk && script.getAttribute("data-head") && script.getAttribute("data-parts")) || "",
    // The pages' sections, which say where in a page the words are: loaded
    // after the first results, which do not wait for them.
    sections: script.getAttribute("data-sections") || ""
  };

  // Warm the cache when the header search box is about to be used: the
  // search page it leads to then starts from cached files.
  var headerBox = document.getElementById("site-q");
  if (headerBox && !fromDisk) {
    var warmed = false;
    var warm = function () {
      if (warmed) { return; }
      warmed = true;
      // The worker's file carries the loaders the in-page engine fetches.
      [files.wasm, files.index, files.worker].forEach(function (p) {
        var l = document.createElement("link");
        l.rel = "prefetch";
        l.href = at(p);
        document.head.appendChild(l);
      });
    };
    headerBox.addEventListener("focus", warm);
    headerBox.addEventListener("pointerenter", warm);
  }

  var form = document.getElementById("search-form");
  if (!form) { return; }
  var input = document.getElementById("q");
  var sortBox = document.getElementById("sort");
  var statusLine = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var facetsBox = document.getElementById("search-facets");
  var labels = {};
  try { labels = JSON.parse(document.getElementById("search-labels").textContent); } catch (e) { labels = {}; }
  // The page's UI strings (search-strings, in the site's language), with
  // English when a string is missing.
  var strings = {};
  try { strings = JSON.parse(document.getElementById("search-strings").textContent) || {}; } catch (e) { strings = {}; }
  function str(key, fallback, vars) {
    var s = typeof strings[key] === "string" ? strings[key] : fallback;
    Object.keys(vars || {}).forEach(function (k) { s = s.split("{" + k + "}").join(String(vars[k])); });
    return s;
  }
  var facetTitles = { type: str("facet_type", "Type"), area: str("facet_area", "Thematic area"), country: str("facet_country", "Country"),
    region: str("facet_region", "Region"), status: str("facet_status", "Status"), year: str("facet_year", "Year") };

  function setStatus(text, busy) {
    statusLine.textContent = text;
    if (busy) { list.setAttribute("aria-busy", "true"); } else { list.removeAttribute("aria-busy"); }
  }

  function loadScript(path) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = at(path);
      s.onload = resolve;
      s.onerror = function () { reject(new Error("could not load " + path)); };
      document.head.appendChild(s);
    });
  }

  function fromBase64(text) {
    var bin = atob(text);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { out[i] = bin.charCodeAt(i); }
    return out;
  }

  // In the page: from disk the bytes come from classic scripts, because
  // browsers refuse fetch and workers for file:// addresses.
  function loadInPage() {
    var started = Promise.all([loadScript(files.exec), loadScript(files.loader)]).then(function () {
      if (fromDisk) {
        return Promise.all([loadScript("search/engine.js"), loadScript("search/index.js")]).then(function () {
          var wasm = fromBase64(self.POLISEE_ENGINE), index = fromBase64(self.POLISEE_INDEX);
          self.POLISEE_ENGINE = self.POLISEE_INDEX = null;
          return polisee_compile(wasm).then(function (module) { return polisee_start(module, index); });
        });
      }
      var index = polisee_fetch(at(files.index));
      return polisee_compile(at(files.wasm)).then(function (module) { return polisee_start(module, index); });
    });
    return started.then(function (engine) {
      var wanted = files.sections;
      // The sections come after the first results, which do not need them.
      function loadSections() {
        var bytes = fromDisk ? loadScript("search/sections.js").then(function () {
          var b = fromBase64(self.POLISEE_SECTIONS);
          self.POLISEE_SECTIONS = null;
          return b;
        }) : polisee_fetch(at(files.sections)).then(function (b) { return new Uint8Array(b); });
        bytes.then(function (b) {
          if (!engine.sections(b)) {
            sectionsReady();
            polisee_prefetch(engine, parts); // the sections' bundle, if any
          }
        }, function () { /* hits then name no section */ });
      }
      var parts = files.parts ? at(files.parts) : "";
      var prefetched = false;
      return {
        search: function (q, sort, sections) {
          return polisee_search(engine, parts, [q, langs, RESULTS, pageLang, sort, false, !sections]).then(function (res) {
            if (wanted) {
              wanted = "";
              setTimeout(loadSections, 0);
            }
            if (!prefetched) { // as the worker does
              prefetched = true;
              setTimeout(function () { polisee_prefetch(engine, parts); }, 0);
            }
            return res;
          });
        }
      };
    });
  }

  // Over http the engine runs in a worker, so a slow query never blocks
  // typing. The worker fetches the engine and the index itself, both at
  // once, and compiles the engine while it downloads: on its own thread
  // the bytes come in while the page is still being laid out. (Fetched
  // by the page, with the head preloading both, they reached the engine
  // later, and the page's DOMContentLoaded came later too: over eight
  // visits each, alternating, the first result came 50 ms sooner cold
  // and 37 ms sooner warm this way; see the README's Measuring.)
  function loadInWorker() {
    return new Promise(function (resolve, reject) {
      var worker = new Worker(at(files.worker));
      worker.postMessage({ type: "init", exec: at(files.exec), loader: at(files.loader), sections: files.sections ? at(files.sections) : "",
        parts: files.parts ? at(files.parts) : "" });
      worker.postMessage({ type: "engine", wasm: at(files.wasm), index: at(files.index), kept: engineKept() });
      var next = 1;
      var waiting = {};
      worker.onmessage = function (e) {
        var m = e.data;
        if (m.type === "ready") {
          var first = true;
          resolve({
            search: function (q, sort, sections) {
              return new Promise(function (res) {
                var id = next++;
                waiting[id] = res;
                worker.postMessage({ id: id, q: q, langs: langs, n: RESULTS, shown: pageLang, sort: sort, nosections: !sections });
              }).then(function (result) {
                // Once the first results are shown, the worker fetches
                // what they did not need: the sections, and the bundles
                // of stored fields.
                if (first) {
                  first = false;
                  setTimeout(function () { worker.postMessage({ type: "shown" }); }, 0);
                }
                return result;
              });
            }
          });
        } else if (m.type === "sections") {
          sectionsReady();
        } else if (m.type === "kept") {
          keptEngine(m.name);
        } else if (m.type === "error") {
          reject(new Error(m.message));
        } else if (waiting[m.id]) {
          waiting[m.id](m.result);
          delete waiting[m.id];
        }
      };
      worker.onerror = function (e) { e.preventDefault(); reject(new Error(e.message || "the search engine failed")); };
    });
  }

  // The worker keeps the engine in the origin's private file system once
  // it has fetched it (polisee_keep), and reads it from there on the next
  // visit (polisee_compile) when this page's storage names the very
  // engine it runs, so that a first visit does not look for it in vain.
  // One entry per site (the engine's folder on the host), naming the
  // engine kept ("" for none).
  function keptKey() {
    var path = new URL(at(files.wasm)).pathname;
    return "polisee-engine:" + path.slice(0, path.lastIndexOf("/") + 1);
  }
  function engineKept() {
    try { return localStorage.getItem(keptKey()) || ""; } catch (e) { return ""; }
  }
  function keptEngine(name) {
    try { localStorage.setItem(keptKey(), name); } catch (e) { /* the next visit fetches it */ }
  }

  // Once the sections are in, the results on screen are asked for again,
  // to name their sections, unless the reader is among them (a new list
  // would lose their place); the next query names them anyway.
  function sectionsReady() {
    if (sectionsInParts) {
      sectionsOpen = true;
      if (onScreen) { nameSections(onScreen); }
      return;
    }
    if (input.value.trim() && !list.contains(document.activeElement)) { run(); }
  }

  // When the sections come in parts (with the index's parts), a query's
  // hits are shown first and their sections asked for next, which reads
  // more parts: each hit then gets its section line in place, and the
  // reader's place in the list is kept. Sections read whole are named
  // with the hits, in one search.
  var sectionsInParts = !!files.parts && !!files.sections;
  var sectionsOpen = false;
  var onScreen = null; // the query whose hits are shown: {mine, q, sort}
  function nameSections(shown) {
    if (!sectionsOpen || !shown.q || shown.mine !== sequence) { return; }
    ensureEngine().then(function (e) { return e.search(shown.q, shown.sort, true); }).then(function (res) {
      if (shown.mine !== sequence || !res || res.error) { return; }
      res.hits.forEach(function (h) {
        if (!h.anchor) { return; }
        var li = list.querySelector('li[data-id="' + CSS.escape(h.id) + '"]');
        if (li && !li.querySelector(".hit-section")) { li.insertBefore(sectionLine(h, li.querySelector("h3 a")), li.lastChild); }
      });
    }, function () { /* the hits then name no section */ });
  }

  var engine = null;
  function ensureEngine() {
    if (!engine) {
      setStatus(str("loading", "Loading search…"), true);
      engine = (!fromDisk && window.Worker ? loadInWorker().catch(loadInPage) : loadInPage());
    }
    return engine;
  }

  function snippetNodes(html) {
    // The snippet is escaped text with <mark> around matches; only text and
    // marks are copied into the page.
    var frag = document.createDocumentFragment();
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    doc.body.firstChild.childNodes.forEach(function (n) {
      if (n.nodeName === "MARK") {
        var m = document.createElement("mark");
        m.textContent = n.textContent;
        frag.appendChild(m);
      } else {
        frag.appendChild(document.createTextNode(n.textContent));
      }
    });
    return frag;
  }

  function label(field, value) {
    var own = strings.facet_values && strings.facet_values[field];
    return (own && own[value]) || (labels[field] && labels[field][value]) || value;
  }

  function tokens(q) { return q.split(/\s+/).filter(Boolean); }

  function toggle(field, value) {
    var t = field + ":" + value;
    var parts = tokens(input.value);
    var i = parts.indexOf(t);
    if (i >= 0) { parts.splice(i, 1); } else { parts.push(t); }
    input.value = parts.join(" ");
    run();
  }

  function renderFacets(q, facets) {
    facetsBox.textContent = "";
    var active = tokens(q);
    Object.keys(facetTitles).forEach(function (field) {
      var counts = facets[field] || [];
      if (!counts.length) { return; }
      var group = document.createElement("div");
      group.className = "facet";
      var h = document.createElement("h3");
      h.textContent = facetTitles[field];
      group.appendChild(h);
      var ul = document.createElement("ul");
      counts.forEach(function (c) {
        var li = document.createElement("li");
        var b = document.createElement("button");
        b.type = "button";
        var on = active.indexOf(field + ":" + c.value) >= 0;
        b.setAttribute("aria-pressed", on ? "true" : "false");
        b.appendChild(document.createTextNode(label(field, c.value) + " "));
        var n = document.createElement("span");
        n.className = "n";
        n.textContent = c.count;
        b.appendChild(n);
        b.addEventListener("click", function () { toggle(field, c.value); });
        li.appendChild(b);
        ul.appendChild(li);
      });
      group.appendChild(ul);
      facetsBox.appendChild(group);
    });
  }

  function render(q, res) {
    list.textContent = "";
    if (res.error) {
      facetsBox.textContent = "";
      setStatus(/^bad query: /.test(res.error) ? str("cannot", "Cannot search for this: {error}", { error: res.error.replace(/^bad query: /, "") }) : res.error);
      return;
    }
    var shown = res.hits.length;
    var vars = { q: q, n: res.total, shown: shown };
    if (!q) {
      setStatus(shown < res.total ? str("browse_some", "{n} pages, the first {shown} shown; narrow them with the filters.", vars) :
        res.total === 1 ? str("browse_one", "{n} page.", vars) : str("browse_other", "{n} pages.", vars));
      renderHits(res);
      renderFacets(q, res.facets || {});
      return;
    }
    vars.suggestion = res.suggestion || "";
    setStatus(res.total === 0 ? str("no_results", "No results for “{q}”.", vars) :
      res.near ? (res.total === 1 ? str("near_one", "No results for “{q}”. {n} result for words close to it: “{suggestion}”.", vars) :
        str("near", "No results for “{q}”. {n} results for words close to it: “{suggestion}”.", vars)) :
      res.partial ? (res.total === 1 ? str("partial_one", "No page has every word of “{q}”. {n} partial match.", vars) :
        str("partial", "No page has every word of “{q}”. {n} partial matches, those with most of the words first.", vars)) :
      shown < res.total ? str("results_some", "{n} results for “{q}”, the first {shown} shown.", vars) :
      res.total === 1 ? str("results_one", "{n} result for “{q}”.", vars) :
      str("results_other", "{n} results for “{q}”.", vars));
    renderHits(res);
    renderFacets(q, res.facets || {});
  }

  // sectionLine says where in a hit's page the words are: the heading of
  // that section, linked; a is the hit's link.
  function sectionLine(h, a) {
    var where = document.createElement("p");
    where.className = "hit-section";
    where.appendChild(document.createTextNode(str("in_section", "In the section") + ": "));
    var sec = document.createElement("a");
    sec.href = pageURL(h.url) + "#" + encodeURIComponent(h.anchor);
    sec.textContent = h.section;
    if (a.lang) { sec.lang = a.lang; }
    where.appendChild(sec);
    return where;
  }

  function renderHits(res) {
    res.hits.forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = pageURL(h.url);
      a.textContent = h.title;
      var kind = document.createElement("span");
      kind.className = "badge";
      kind.textContent = label("type", h.type);
      var p = document.createElement("p");
      p.appendChild(snippetNodes(h.snippet));
      // A page in another language than this one's (one not translated
      // into it) says so, for screen readers and hyphenation.
      if (h.lang && h.lang !== pageLang) {
        a.lang = h.lang;
        p.lang = h.lang;
      }
      var title = document.createElement("h3");
      title.appendChild(a);
      li.appendChild(title);
      li.appendChild(kind);
      li.setAttribute("data-id", h.id);
      if (h.anchor) { li.appendChild(sectionLine(h, a)); }
      li.appendChild(p);
      list.appendChild(li);
    });
  }

  function updateAddress(q, sort) {
    try {
      var u = new URL(location.href);
      if (q) { u.searchParams.set("q", q); } else { u.searchParams.delete("q"); }
      if (sort) { u.searchParams.set("sort", sort); } else { u.searchParams.delete("sort"); }
      history.replaceState(null, "", u.href);
    } catch (e) { /* some browsers refuse this for file:// pages */ }
  }

  var sequence = 0;
  function run() {
    var q = input.value.trim();
    var sort = sortBox ? sortBox.value : "";
    updateAddress(q, sort);
    var mine = ++sequence;
    // An empty query lists every page of the language (newest first,
    // unless another order is chosen), with the filters.
    ensureEngine().then(function (e) { return e.search(q, sort, !sectionsInParts); }).then(function (res) {
      if (mine !== sequence) { return; }
      render(q, res);
      if (sectionsInParts && !res.error && !res.near && res.hits.length) {
        onScreen = { mine: mine, q: q, sort: sort };
        nameSections(onScreen);
      }
    }, fail(mine));
  }

  function fail(mine) {
    return function (err) {
      if (mine === sequence) { setStatus(str("could_not_start", "Search could not start: {error}", { error: err.message })); }
    };
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    run();
  });
  if (sortBox) {
    sortBox.addEventListener("change", function () { clearTimeout(timer); run(); });
    var askedSort = new URLSearchParams(location.search).get("sort") || "";
    if (["relevance", "date", "title"].indexOf(askedSort) >= 0) { sortBox.value = askedSort; }
  }
  input.value = new URLSearchParams(location.search).get("q") || "";
  run();
})();
