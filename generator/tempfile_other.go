//go:build !linux

package generator

import (
	"errors"
	"os"
)

// openUnnamed is not available here: the bodies go to a named file.
func openUnnamed(string) (*os.File, error) { return nil, errors.ErrUnsupported }
