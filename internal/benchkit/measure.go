package benchkit

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"
)

// Usage is what one run of a tool cost.
type Usage struct {
	Wall, CPU time.Duration
	PeakRSS   int64 // bytes; 0 when unknown
}

// Then is the cost of running u and then v, one after the other: the
// times add up, and the peak resident set is the larger of the two.
func (u Usage) Then(v Usage) Usage {
	return Usage{Wall: u.Wall + v.Wall, CPU: u.CPU + v.CPU, PeakRSS: max(u.PeakRSS, v.PeakRSS)}
}

// Measure runs a command to completion and reports its wall time, its
// user+system CPU time and its peak resident set, with what it wrote to
// stdout and stderr. The figures include the processes the command
// waited for (wait4 reports them with the command's own), e.g. the native
// binary behind npm's pagefind script.
//
// Running the tool as a child process is what makes the peak RSS its own
// rather than the harness's, with one catch: Go starts a child with
// vfork, and Linux counts the parent's high-water mark as the child's
// starting peak, so a child of a large harness would report the
// harness's size. Once the command has called InitMeasurer, Measure
// therefore starts the tool through a copy of this small executable,
// which reports the tool's figures; without it, the tool is started
// directly and its peak RSS is at least the harness's.
func Measure(ctx context.Context, env []string, name string, args ...string) (Usage, []byte, error) {
	var out bytes.Buffer
	u, err := measure(ctx, env, &out, name, args...)
	if err != nil {
		return Usage{}, out.Bytes(), fmt.Errorf("%s %s: %w\n%s", name, strings.Join(args, " "), err, Tail(out.String(), 20))
	}
	return u, out.Bytes(), nil
}

// direct runs the command as a child of this process and measures it.
func direct(ctx context.Context, env []string, out io.Writer, name string, args ...string) (Usage, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = out, out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return Usage{}, err
	}
	ps := cmd.ProcessState
	return Usage{Wall: wall, CPU: ps.UserTime() + ps.SystemTime(), PeakRSS: peakRSS(ps)}, nil
}

// Tail returns the last lines of s.
func Tail(s string, lines int) string {
	l := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(l) > lines {
		l = l[len(l)-lines:]
	}
	return strings.Join(l, "\n")
}
