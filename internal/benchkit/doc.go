// Package benchkit holds what polisee's benchmark commands share
// (cmd/polisee-bench, cmd/polisee-searchbench, cmd/polisee-relevance):
// running a tool as a child process and reading what it cost (wall, CPU,
// peak RSS), byte counts raw and as brotli, finding a built site's search
// files, a static file server that logs every request, picking queries
// from a corpus, Pagefind's index build, and the search measurements in
// headless Chromium, driven with chromedp.
//
// The server answers as a static host configured for content-hashed
// files: brotli (Content-Encoding: br) when the browser accepts it, from
// the .br file beside a file or made on the fly; a file whose name
// carries a hash of its content (ContentHashed: polisee's
// search.<hash>.wasm, wasm_exec.<hash>.js, index.<hash>.zap, Pagefind's
// chunks) with Cache-Control: public, max-age=31536000, immutable; any
// other (pages, assets, pagefind.js, Pagefind's wasm.<lang>.pagefind) with
// public, max-age=0, must-revalidate, an ETag and Last-Modified, and 304
// Not Modified when a conditional request names them. Each logged request
// holds the file's size, its brotli size and the bytes of the body sent.
//
// The browser measurements, for polisee:
//
//   - cold visit: a browser with a fresh profile opens /search/?q=WORD; a
//     script added before the page loads notes performance.now()
//     (milliseconds since navigation start) when the status line first
//     reads "N results for". The bytes are those of the requests made
//     before that moment (page, stylesheet, scripts, worker, engine and
//     index), raw, as brotli and as sent.
//   - warm visit: the browser stays open three seconds after the first
//     result, is closed (Browser.close), and a browser started on the same
//     profile opens the same address: the HTTP cache holds what the cold
//     visit fetched. Time and bytes as for the cold visit.
//   - queries: in another fresh browser, a blank page of the site
//     (/404.html) starts the engine as search.js does in the page (the Go
//     runtime's loader and the site's search-engine.js, polisee_compile while
//     downloading, polisee_start with the index, or with the head of the
//     index in parts), runs the cold word once, then times each
//     polisee.search(q, "en", 10) of the query list with
//     performance.now(); on an index in parts, each through
//     polisee_search, with the fetches of the parts it needs (the parts
//     that the queries before it fetched are kept, as the search page
//     keeps them). The engine returns an object; the JSON text
//     of earlier engines is read too.
//
// For Pagefind, the same cold and warm visits of /404.html?q=WORD, where a
// script added before the page loads imports
// /pagefind_bench/pagefind.js once the document is parsed, searches, and
// fetches the data() of the first ten results: the first result is then,
// measured from navigation start. Each query of the list is then timed in
// the warm page the same way (search plus data() of the first ten: what a
// results page needs). Pagefind fetches index chunks and fragments per
// query, over the loopback here, so its query times hold no network
// latency.
package benchkit
