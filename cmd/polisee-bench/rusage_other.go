//go:build !unix

package main

import "os"

// peakRSS is unknown where the system reports no rusage.
func peakRSS(*os.ProcessState) int64 { return 0 }
