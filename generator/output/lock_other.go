//go:build !unix && !windows

package output

import "os"

// tryLock has no advisory lock to take on this system (Plan 9, js/wasm):
// builds into one folder are not kept apart here.
func tryLock(*os.File) (busy bool, err error) { return false, nil }
