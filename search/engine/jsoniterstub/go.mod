// A stand-in for github.com/json-iterator/go, used only when the browser's
// search engine is compiled (see ../gen). bleve's geo packages use it to
// read GeoJSON shapes, which polisee's index never holds; the real module
// would add about 0.1 MB to every reader's download.
module github.com/json-iterator/go

go 1.26
