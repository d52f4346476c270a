package main

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/clusterpolisee/polisee/search/engine"
)

// Release builds set these with the linker:
//
//	go build -ldflags "-X main.version=v1.2.0 -X main.commit=0123abcd..." ./cmd/polisee
//
// (.goreleaser.yaml does). Otherwise the version and commit come from the
// build information that go install and go build record.
var (
	version string
	commit  string
)

// buildVersion is what polisee version prints.
type buildVersion struct {
	Version string // v1.2.0, a pseudo-version, or "devel"
	Commit  string // a Git commit, with "+changes" when built from a modified tree; "unknown" when not recorded
	Go      string // the Go version that built the binary
	Engine  string // the hash of the browser search engine inside the binary
}

// currentVersion describes the running binary.
func currentVersion() buildVersion {
	info, _ := debug.ReadBuildInfo()
	v := versionOf(info, version, commit)
	v.Go = runtime.Version()
	v.Engine = engine.Hash()
	return v
}

// versionOf works out the version and commit: the linker's values first,
// then the build information (the module's version when installed with
// go install module@version; the VCS revision when built in a checkout).
func versionOf(info *debug.BuildInfo, ldVersion, ldCommit string) buildVersion {
	v := buildVersion{Version: ldVersion, Commit: ldCommit}
	if info != nil {
		if v.Version == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			v.Version = info.Main.Version
		}
		if v.Commit == "" {
			var rev string
			var modified bool
			for _, s := range info.Settings {
				switch s.Key {
				case "vcs.revision":
					rev = s.Value
				case "vcs.modified":
					modified = s.Value == "true"
				}
			}
			if rev != "" && modified {
				rev += "+changes"
			}
			v.Commit = rev
		}
	}
	if v.Version == "" {
		v.Version = "devel"
	}
	if v.Commit == "" {
		v.Commit = "unknown"
	}
	return v
}

// pseudoVersion matches the versions Go gives untagged commits
// (v0.0.0-20260101120000-0123456789ab, v1.2.1-0.20260101120000-...).
var pseudoVersion = regexp.MustCompile(`(^|[-.])\d{14}-[0-9a-f]{12}$`)

// releaseVersion is v's number as the release downloads name it (1.2.0
// for v1.2.0), or "" when v names no release: a development build, a
// pseudo-version, or a build from a modified tree.
func releaseVersion(v string) string {
	if !strings.HasPrefix(v, "v") || strings.Contains(v, "+") || pseudoVersion.MatchString(v) {
		return ""
	}
	if !releaseRE.MatchString(v) {
		return ""
	}
	return strings.TrimPrefix(v, "v")
}

var releaseRE = regexp.MustCompile(`^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$`)

// runVersion prints the version, the commit, the Go version and the
// browser search engine's hash, one per line.
func runVersion(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlagSet("version", stderr)
	if err := parse(fl, args); err != nil {
		return err
	}
	v := currentVersion()
	_, err := fmt.Fprintf(stdout, "polisee %s\ncommit: %s\ngo: %s\nsearch engine: %s\n", v.Version, v.Commit, v.Go, v.Engine)
	return err
}
