// Package benchkit holds what polisee's benchmark commands share
// (cmd/polisee-bench and cmd/polisee-searchbench): running a tool as a
// child process and reading what it cost (wall, CPU, peak RSS), byte
// counts raw and as brotli, a static file server that logs every request,
// picking queries from a corpus, Pagefind's index build, and the search
// measurements in headless Chromium, driven with chromedp.
//
// The browser measurements, for polisee:
//
//   - cold search page: a browser with a fresh profile opens
//     /search/?q=WORD; a script added before the page loads notes
//     performance.now() (milliseconds since navigation start) when the
//     status line first reads "N results for". The bytes are those of the
//     requests made before that moment (page, stylesheet, scripts, worker,
//     engine and index), raw and as brotli.
//   - queries: in another fresh browser, a blank page of the site
//     (/404.html) loads the engine itself, as search.js does in the page
//     (wasm_exec.js, search.wasm, index.zap, new Go(), go.run,
//     polisee.open), runs the cold word once, then times each
//     polisee.search(q, "en", 10) of the query list with performance.now().
//
// For Pagefind, in a fresh browser on /404.html: the first query is timed
// from before import('/pagefind_bench/pagefind.js') until the data() of
// its first ten results has arrived, the bytes being the requests made
// until then; then each query of the list the same way (search plus
// data() of the first ten: what a results page needs). Pagefind fetches
// index chunks and fragments per query, over the loopback here, so its
// query times hold no network latency.
package benchkit
