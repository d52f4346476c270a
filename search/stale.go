//go:build !js

package search

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// The work folder of an index build holds ownerFile, the id of the
// process that made it. A build that is killed cannot remove its folder;
// the next build removes the folders whose process has ended, so killed
// builds leave nothing behind for long.
const (
	workPrefix = "polisee-index-"
	ownerFile  = "owner.pid"
)

func markOwner(work string) error {
	return os.WriteFile(filepath.Join(work, ownerFile), []byte(strconv.Itoa(os.Getpid())), 0o644)
}

// removeStale removes the work folders in tmpDir of index builds whose
// process no longer runs. Folders without an owner (being made, or not
// ours) are left alone.
func removeStale(tmpDir string) {
	if tmpDir == "" {
		tmpDir = os.TempDir()
	}
	matches, _ := filepath.Glob(filepath.Join(tmpDir, workPrefix+"*"))
	for _, m := range matches {
		data, err := os.ReadFile(filepath.Join(m, ownerFile))
		if err != nil {
			continue
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
		if err != nil || pid <= 0 || pid == os.Getpid() || processRuns(pid) {
			continue
		}
		os.RemoveAll(m)
	}
}
