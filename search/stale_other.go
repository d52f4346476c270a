//go:build !unix && !js

package search

// processRuns cannot tell here: every folder is taken to be in use.
func processRuns(pid int) bool { return true }
