// Package jsoniter stands in for github.com/json-iterator/go in the
// browser's search engine: the one configuration bleve's geo packages use,
// answered by encoding/json. It is polisee's own code, compiled only into
// the engine (see ../gen): native builds use the real module.
package jsoniter

import "encoding/json"

// API is the part of json-iterator's configuration that bleve calls.
type API interface {
	Marshal(v any) ([]byte, error)
	Unmarshal(data []byte, v any) error
}

type standard struct{}

func (standard) Marshal(v any) ([]byte, error)      { return json.Marshal(v) }
func (standard) Unmarshal(data []byte, v any) error { return json.Unmarshal(data, v) }

// ConfigCompatibleWithStandardLibrary behaves as encoding/json, which it is.
var ConfigCompatibleWithStandardLibrary API = standard{}
