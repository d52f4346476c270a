//go:build unix

package benchkit

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"syscall"
	"time"
)

// measurerEnv marks a process started by Measure as the measurer of the
// command in its arguments.
const measurerEnv = "POLISEE_BENCHKIT_MEASURER"

// measurer is this executable, once InitMeasurer has run: Measure starts
// tools through it.
var measurer string

// InitMeasurer, called first thing in main, makes the process the
// measurer when Measure started it as one: it runs the command in its
// arguments, reports the command's figures to Measure and exits with the
// command's status. Otherwise it returns, and Measure starts tools through
// a copy of this executable from then on (see Measure for why).
func InitMeasurer() {
	if os.Getenv(measurerEnv) == "" {
		if exe, err := os.Executable(); err == nil {
			measurer = exe
		}
		return
	}
	os.Exit(runMeasured(os.Args[1:]))
}

// measured is what the measurer reports on file descriptor 3.
type measured struct {
	Wall, CPU time.Duration
	PeakRSS   int64
	Exit      int
	Err       string
}

// runMeasured runs the command, its output going where the measurer's
// goes, and reports its figures; it returns the exit status.
func runMeasured(args []string) int {
	syscall.CloseOnExec(3) // the tool need not see it
	report := os.NewFile(3, "report")
	var m measured
	defer func() { json.NewEncoder(report).Encode(m) }()
	if len(args) == 0 {
		m.Exit, m.Err = 2, "no command to measure"
		return m.Exit
	}
	os.Unsetenv(measurerEnv)
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	m.Wall = time.Since(start)
	if ps := cmd.ProcessState; ps != nil {
		m.CPU, m.PeakRSS, m.Exit = ps.UserTime()+ps.SystemTime(), peakRSS(ps), ps.ExitCode()
	}
	if err != nil {
		m.Err = err.Error()
		m.Exit = max(m.Exit, 1)
	}
	return m.Exit
}

// measure runs the command through the measurer, in a process group of
// its own, so that a cancelled context stops the tool too.
func measure(ctx context.Context, env []string, out io.Writer, name string, args ...string) (Usage, error) {
	if measurer == "" {
		return direct(ctx, env, out, name, args...)
	}
	r, w, err := os.Pipe()
	if err != nil {
		return Usage{}, err
	}
	defer r.Close()
	cmd := exec.CommandContext(ctx, measurer, append([]string{name}, args...)...)
	cmd.Env = append(append(os.Environ(), env...), measurerEnv+"=1")
	cmd.Stdout, cmd.Stderr = out, out
	cmd.ExtraFiles = []*os.File{w}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	err = cmd.Start()
	w.Close()
	if err != nil {
		return Usage{}, err
	}
	var m measured
	decodeErr := json.NewDecoder(r).Decode(&m)
	waitErr := cmd.Wait()
	switch {
	case ctx.Err() != nil:
		return Usage{}, ctx.Err()
	case decodeErr != nil:
		return Usage{}, errors.Join(fmt.Errorf("no report from the measurer: %w", decodeErr), waitErr)
	case m.Err != "":
		return Usage{}, errors.New(m.Err)
	case waitErr != nil:
		return Usage{}, waitErr
	}
	return Usage{Wall: m.Wall, CPU: m.CPU, PeakRSS: m.PeakRSS}, nil
}

// peakRSS returns the largest resident set of a finished process, in
// bytes, from the rusage that wait4 reports; 0 when unknown.
func peakRSS(ps *os.ProcessState) int64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	// Linux and the BSDs report kilobytes, Darwin bytes.
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return int64(ru.Maxrss)
	}
	return int64(ru.Maxrss) * 1024
}
