//go:build !unix

package benchkit

// SettleDisk does nothing here (see the unix version).
func SettleDisk() {}
