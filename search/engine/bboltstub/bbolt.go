// Package bbolt stands in for go.etcd.io/bbolt in the browser's search
// engine, which imports bleve's util package (and, through it, bbolt) but
// never opens a bolt database. It declares the types and functions that
// util uses; each fails with ErrUnsupported. It is polisee's own code,
// compiled only into the engine (see ../gen): native builds use the real
// bbolt.
package bbolt

import (
	"errors"
	"os"
)

// ErrUnsupported is returned by every operation.
var ErrUnsupported = errors.New("bolt databases are not supported in the browser's search engine")

// Options are bolt's open options; none is read.
type Options struct{}

// DB is a database that cannot be opened.
type DB struct{}

// Tx is a transaction that cannot begin.
type Tx struct{}

// Bucket is a bucket that holds nothing.
type Bucket struct{}

// Open always fails.
func Open(string, os.FileMode, *Options) (*DB, error) { return nil, ErrUnsupported }

func (*DB) Begin(bool) (*Tx, error)      { return nil, ErrUnsupported }
func (*DB) View(func(*Tx) error) error   { return ErrUnsupported }
func (*DB) Update(func(*Tx) error) error { return ErrUnsupported }
func (*DB) Close() error                 { return nil }

func (*Tx) CreateBucketIfNotExists([]byte) (*Bucket, error) { return nil, ErrUnsupported }
func (*Tx) Bucket([]byte) *Bucket                           { return nil }

func (*Bucket) Bucket([]byte) *Bucket                           { return nil }
func (*Bucket) CreateBucketIfNotExists([]byte) (*Bucket, error) { return nil, ErrUnsupported }
func (*Bucket) ForEach(func(k, v []byte) error) error           { return ErrUnsupported }
func (*Bucket) Put(k, v []byte) error                           { return ErrUnsupported }
func (*Bucket) Get([]byte) []byte                               { return nil }
