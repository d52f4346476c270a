//go:build !unix

package benchkit

import (
	"context"
	"io"
	"os"
)

// InitMeasurer does nothing where the system reports no rusage.
func InitMeasurer() {}

func measure(ctx context.Context, env []string, out io.Writer, name string, args ...string) (Usage, error) {
	return direct(ctx, env, out, name, args...)
}

// peakRSS is unknown where the system reports no rusage.
func peakRSS(*os.ProcessState) int64 { return 0 }
