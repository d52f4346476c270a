package main

import (
	"encoding/binary"
	"hash/crc32"
	"os"
	"strconv"

	"github.com/rogpeppe/go-internal/testscript"
)

func init() { scriptCmds["corrupt"] = cmdCorrupt }

// corrupt FILE MODE [N] damages a file as disks, downloads and hands do:
//
//	truncate N   keep the first N bytes (N < 0: drop -N bytes from the end)
//	flip N       invert the byte at offset N (N < 0: from the end)
//	empty        make it empty
//	version      change the format version in a zap footer (and fix the
//	             checksum: an index written by another version)
func cmdCorrupt(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: corrupt FILE truncate|flip|empty|version [N]")
	}
	name := ts.MkAbs(args[0])
	data, err := os.ReadFile(name)
	ts.Check(err)
	n := 0
	if len(args) > 2 {
		n, err = strconv.Atoi(args[2])
		ts.Check(err)
	}
	at := func(n int) int {
		if n < 0 {
			n += len(data)
		}
		if n < 0 || n >= len(data) {
			ts.Fatalf("corrupt: offset %d outside the file's %d bytes", n, len(data))
		}
		return n
	}
	switch args[1] {
	case "truncate":
		if n < 0 {
			n += len(data)
		}
		data = data[:max(0, min(n, len(data)))]
	case "flip":
		data[at(n)] ^= 0xff
	case "empty":
		data = nil
	case "version":
		v := binary.BigEndian.Uint32(data[len(data)-8:])
		binary.BigEndian.PutUint32(data[len(data)-8:], v+100)
		binary.BigEndian.PutUint32(data[len(data)-4:], crc32.ChecksumIEEE(data[:len(data)-4]))
	default:
		ts.Fatalf("corrupt: unknown mode %q", args[1])
	}
	ts.Check(os.WriteFile(name, data, 0o644))
}
