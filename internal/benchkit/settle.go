package benchkit

import (
	"fmt"
	"os"
)

// SettleDisk waits for the file system to write out what earlier steps
// left pending (a corpus just written), so that a measured build does
// not pay for another's writes. Without it, polisee's one build right
// after the 10,000-document corpus was written took 24.8 s of wall time
// for 34.0 s of CPU, where other runs of the same CPU time took 17.8 to
// 18.8 s.
//
// Deletions cost a later build more than waiting can fix: ext4 without
// a journal (the machine the README measures on) skips, as it hands out
// each new inode, the free ones deleted in the last 60 s, or 360 s while
// their inode table block has unwritten changes, which a build making
// files beside them keeps making; it looks each one up on the way. A
// 10,000-document build right after a site was deleted spent a fifth of
// its samples there (see docs/measurements.md). So the commands delete
// nothing while they measure: each run writes a new folder (FreshFolder),
// an earlier output is moved aside (MoveAside), and everything goes when
// the command ends.
func SettleDisk() { syncDisk() }

// FreshFolder returns a path beside base (base.1, base.2 …) that does not
// exist yet, for a measured run to write into.
func FreshFolder(base string) (string, error) {
	for i := 1; i < 10000; i++ {
		p := fmt.Sprintf("%s.%d", base, i)
		if _, err := os.Lstat(p); os.IsNotExist(err) {
			return p, nil
		}
	}
	return "", fmt.Errorf("no free folder name beside %s", base)
}

// MoveAside renames what is at path to a FreshFolder name beside it, if
// anything is there, rather than deleting it (see SettleDisk).
func MoveAside(path string) error {
	if _, err := os.Lstat(path); os.IsNotExist(err) {
		return nil
	} else if err != nil {
		return err
	}
	aside, err := FreshFolder(path)
	if err != nil {
		return err
	}
	return os.Rename(path, aside)
}
