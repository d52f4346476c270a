package main

import (
	"runtime/debug"
	"testing"
)

func TestVersionOf(t *testing.T) {
	vcs := func(rev, modified string) *debug.BuildInfo {
		return &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified},
		}}
	}
	const rev = "0123456789abcdef0123456789abcdef01234567"
	for _, tc := range []struct {
		name                string
		info                *debug.BuildInfo
		ldVersion, ldCommit string
		version, commit     string
	}{
		{"no build info", nil, "", "", "devel", "unknown"},
		{"go build in a clean checkout", vcs(rev, "false"), "", "", "devel", rev},
		{"go build in a modified checkout", vcs(rev, "true"), "", "", "devel", rev + "+changes"},
		{"go install module@version", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}}, "", "", "v1.2.0", "unknown"},
		{"release binary", vcs(rev, "false"), "v1.2.0", "fedcba9876543210fedcba9876543210fedcba98", "v1.2.0", "fedcba9876543210fedcba9876543210fedcba98"},
		{"release version, commit from build info", vcs(rev, "false"), "v1.2.0", "", "v1.2.0", rev},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := versionOf(tc.info, tc.ldVersion, tc.ldCommit)
			if got.Version != tc.version || got.Commit != tc.commit {
				t.Errorf("version %q, commit %q; want %q, %q", got.Version, got.Commit, tc.version, tc.commit)
			}
		})
	}
}

func TestReleaseVersion(t *testing.T) {
	for v, want := range map[string]string{
		"v1.2.0":                               "1.2.0",
		"v0.1.0":                               "0.1.0",
		"v1.2.0-rc.1":                          "1.2.0-rc.1",
		"devel":                                "",
		"":                                     "",
		"1.2.0":                                "",
		"v1.2":                                 "",
		"v1.2.0+dirty":                         "",
		"v0.0.0-20261203024512-b0b7cf6e1a2d":   "",
		"v1.2.1-0.20261203024512-b0b7cf6e1a2d": "",
		"v1.3.0-rc.1.0.20261203024512-b0b7cf6e1a2d":  "",
		"v1.2.0-0.20261203024512-b0b7cf6e1a2d+dirty": "",
	} {
		if got := releaseVersion(v); got != want {
			t.Errorf("releaseVersion(%q) = %q, want %q", v, got, want)
		}
	}
}
