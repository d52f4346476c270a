//go:build unix

package benchkit

import "syscall"

// SettleDisk waits for the file system to write out what earlier steps
// left pending (a corpus just written, an earlier output just removed),
// so that a measured build does not pay for another's writes and
// discards. Without it, polisee's one build right after the 10,000-document
// corpus was written took 24.8 s of wall time for 34.0 s of CPU, where
// other runs of the same CPU time took 17.8 to 18.8 s.
func SettleDisk() { syscall.Sync() }
