//go:build !unix

package benchkit

// syncDisk does nothing here (see the unix version).
func syncDisk() {}
