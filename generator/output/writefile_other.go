//go:build !unix

package output

import "os"

// writeFile is os.WriteFile(name, data, 0o644) (see writefile_unix.go).
func writeFile(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }
