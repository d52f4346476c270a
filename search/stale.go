//go:build !js

package search

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// The work folder of an index build is named after the process that made
// it: polisee-index-PID-RANDOM, made in one step (makeWorkFolder). A
// build that is killed cannot remove its folder; the next build removes
// the folders whose process has ended, so killed builds leave nothing
// behind for long. (Folders made before the process id went into the
// name hold it in ownerFile, written just after the folder was made; a
// build killed between the two left a folder no one could tell was its,
// which stayed.)
const (
	workPrefix = "polisee-index-"
	ownerFile  = "owner.pid"
)

// makeWorkFolder makes a new work folder in tmpDir ("" is the system's
// temporary folder), named after this process.
func makeWorkFolder(tmpDir string) (string, error) {
	return os.MkdirTemp(tmpDir, workPrefix+strconv.Itoa(os.Getpid())+"-")
}

// workOwner is the id of the process that made the work folder at path,
// from its name or, for a folder named the earlier way, its ownerFile;
// ok is false when neither says.
func workOwner(path string) (pid int, ok bool) {
	rest := strings.TrimPrefix(filepath.Base(path), workPrefix)
	if id, _, found := strings.Cut(rest, "-"); found {
		if pid, err := strconv.Atoi(id); err == nil && pid > 0 {
			return pid, true
		}
	}
	data, err := os.ReadFile(filepath.Join(path, ownerFile))
	if err != nil {
		return 0, false
	}
	pid, err = strconv.Atoi(strings.TrimSpace(string(data)))
	return pid, err == nil && pid > 0
}

// removeStale removes the work folders in tmpDir of index builds whose
// process no longer runs. Folders whose owner cannot be told (not ours)
// are left alone.
func removeStale(tmpDir string) {
	if tmpDir == "" {
		tmpDir = os.TempDir()
	}
	matches, _ := filepath.Glob(filepath.Join(tmpDir, workPrefix+"*"))
	for _, m := range matches {
		pid, ok := workOwner(m)
		if !ok || pid == os.Getpid() || processRuns(pid) {
			continue
		}
		os.RemoveAll(m)
	}
}
