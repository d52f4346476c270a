package benchkit

import (
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/andybalholm/brotli"

	"github.com/clusterpolisee/polisee/generator/output"
)

// Size is a byte count, raw and as brotli.
type Size struct{ Raw, Brotli int64 }

// Add returns the sum of two sizes.
func (s Size) Add(t Size) Size { return Size{s.Raw + t.Raw, s.Brotli + t.Brotli} }

func (s Size) String() string { return MB(s.Raw) + " / " + MB(s.Brotli) }

// brotliLevel is the level every file the bench sizes is compressed at
// (the tables' brotli columns).
const brotliLevel = 9

// CompressBrotli compresses data at brotliLevel, with the writers
// package output reuses: a new one at level 9 allocates its tables
// afresh, which dominated measuring Pagefind's 100,000 small files.
func CompressBrotli(data []byte) ([]byte, error) {
	return output.Brotli(data, brotli.WriterOptions{Quality: brotliLevel})
}

// FileSize is a file's size and that of its brotli form: the .br file
// beside it, or made at brotliLevel.
func FileSize(name string) (Size, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return Size{}, err
	}
	br, err := os.ReadFile(name + ".br")
	if err != nil {
		if br, err = CompressBrotli(data); err != nil {
			return Size{}, err
		}
	}
	return Size{int64(len(data)), int64(len(br))}, nil
}

// TreeStats counts the regular files under dir and their bytes.
func TreeStats(dir string) (files int, size int64, err error) {
	err = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		size += info.Size()
		return nil
	})
	return files, size, err
}

// Percentile is the nearest-rank percentile: the smallest sample with at
// least p% of the samples at or below it; 0 without samples.
func Percentile(samples []time.Duration, p float64) time.Duration {
	if len(samples) == 0 {
		return 0
	}
	sorted := slices.Clone(samples)
	slices.Sort(sorted)
	i := int(math.Ceil(p/100*float64(len(sorted)))) - 1
	return sorted[max(i, 0)]
}

// MB writes a byte count in MB (2^20 bytes), or in KB below one MB.
func MB(n int64) string {
	if n < 1<<20 {
		return KB(n)
	}
	return fmt.Sprintf("%.2f MB", float64(n)/(1<<20))
}

// KB writes a byte count in KB (2^10 bytes).
func KB(n int64) string { return fmt.Sprintf("%.1f KB", float64(n)/(1<<10)) }

// MS writes a duration in milliseconds, with a decimal below 10 ms.
func MS(d time.Duration) string {
	v := float64(d) / float64(time.Millisecond)
	if v < 10 {
		return fmt.Sprintf("%.1f ms", v)
	}
	return fmt.Sprintf("%.0f ms", v)
}

// LoadAverage reads the system's load averages (1, 5, 15 minutes); ""
// where /proc has none.
func LoadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

// MemoryState reads how much memory the system has free and how much
// holds its file cache (/proc/meminfo); "" where there is no such file.
// On virtual machines whose host takes back memory the guest has freed
// (free page reporting), a build that needs more memory than the cache
// can give back pays for every new page: the same build was 20 to 30%
// slower here after gigabytes of files were deleted than with a full
// file cache (see docs/measurements.md).
func MemoryState() string {
	data, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return ""
	}
	var free, cached int64 = -1, -1
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		var v int64
		if _, err := fmt.Sscan(f[1], &v); err != nil {
			continue
		}
		switch f[0] {
		case "MemFree:":
			free = v
		case "Cached:":
			cached = v
		}
	}
	if free < 0 || cached < 0 {
		return ""
	}
	return fmt.Sprintf("%d MB free, %d MB file cache", free>>10, cached>>10)
}

// Ratio writes a/b with two decimals, or "-" when b is 0.
func Ratio(a, b float64) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", a/b)
}
