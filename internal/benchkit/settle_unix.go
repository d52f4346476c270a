//go:build unix

package benchkit

import "syscall"

// syncDisk asks the system to write out what is pending.
func syncDisk() { syscall.Sync() }
