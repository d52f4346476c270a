// A stand-in for go.etcd.io/bbolt, used only when the browser's search
// engine is compiled (see ../gen). bleve's util package imports bbolt,
// and no released bbolt compiles for js/wasm; the engine never opens a
// bolt file. Every function here fails at run time.
module go.etcd.io/bbolt

go 1.26
