package benchkit

import (
	"context"
	"os"
	"runtime"
	"strconv"
	"testing"
	"time"
)

// allocateEnv makes the test binary a tool that touches that many MB and
// exits: what TestMeasure measures.
const allocateEnv = "BENCHKIT_TEST_ALLOCATE_MB"

func TestMain(m *testing.M) {
	InitMeasurer() // exits when Measure started this binary as the measurer
	if s := os.Getenv(allocateEnv); s != "" {
		n, _ := strconv.Atoi(s)
		b := make([]byte, n<<20)
		for i := 0; i < len(b); i += 4096 {
			b[i] = 1
		}
		runtime.KeepAlive(b)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// The peak RSS is the tool's, not the harness's, however large the
// harness has grown (Linux counts a vfork parent's high-water mark as the
// child's starting peak).
func TestMeasurePeakRSSIsTheTools(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the vfork high-water inheritance is Linux's")
	}
	ballast := make([]byte, 400<<20)
	for i := 0; i < len(ballast); i += 4096 {
		ballast[i] = 1
	}
	ctx := context.Background()
	small, _, err := Measure(ctx, []string{allocateEnv + "=0"}, os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	big, _, err := Measure(ctx, []string{allocateEnv + "=150"}, os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	runtime.KeepAlive(ballast)
	const mb = 1 << 20
	t.Logf("peak RSS with 400 MB in the harness: %d MB for a tool that allocates nothing, %d MB for one that touches 150 MB", small.PeakRSS/mb, big.PeakRSS/mb)
	if small.PeakRSS <= 0 || small.PeakRSS > 100*mb {
		t.Errorf("a tool that allocates nothing: peak RSS %d MB, want above 0 and well below the harness's 400 MB", small.PeakRSS/mb)
	}
	if big.PeakRSS < 150*mb || big.PeakRSS > 300*mb {
		t.Errorf("a tool that touches 150 MB: peak RSS %d MB, want 150 to 300 MB", big.PeakRSS/mb)
	}
	if big.Wall <= 0 || big.CPU <= 0 || big.CPU > 10*time.Second {
		t.Errorf("wall %v, CPU %v", big.Wall, big.CPU)
	}
}

func TestMeasureFailure(t *testing.T) {
	_, out, err := Measure(context.Background(), nil, "sh", "-c", "echo broken >&2; exit 3")
	if err == nil {
		t.Fatal("a failing command measured without error")
	}
	if string(out) != "broken\n" {
		t.Errorf("output %q, want the command's stderr", out)
	}
}

func TestMeasureCancel(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, _, err := Measure(ctx, nil, "sleep", "30"); err == nil {
		t.Fatal("a cancelled command measured without error")
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("cancel took %v", d)
	}
}

func TestUsageThen(t *testing.T) {
	a := Usage{Wall: 2 * time.Second, CPU: 3 * time.Second, PeakRSS: 100}
	b := Usage{Wall: 5 * time.Second, CPU: 1 * time.Second, PeakRSS: 700}
	want := Usage{Wall: 7 * time.Second, CPU: 4 * time.Second, PeakRSS: 700}
	if got := a.Then(b); got != want {
		t.Errorf("a.Then(b) = %+v, want %+v", got, want)
	}
	if got := b.Then(a); got != want {
		t.Errorf("b.Then(a) = %+v, want %+v", got, want)
	}
}

func TestRatio(t *testing.T) {
	for _, c := range []struct {
		a, b float64
		want string
	}{{1, 4, "0.25"}, {3, 2, "1.50"}, {1, 0, "-"}, {0, 5, "0.00"}} {
		if got := Ratio(c.a, c.b); got != c.want {
			t.Errorf("Ratio(%v, %v) = %q, want %q", c.a, c.b, got, c.want)
		}
	}
}
