package generator

// SetSitemapLimit lets tests split sitemaps of small sites; it returns a
// function that restores the limit.
func SetSitemapLimit(n int) (restore func()) {
	old := sitemapLimit
	sitemapLimit = n
	return func() { sitemapLimit = old }
}

// SetListPageSize lets tests cut the lists of small sites into pages; it
// returns a function that restores the size.
func SetListPageSize(n int) (restore func()) {
	old := listPageSize
	listPageSize = n
	return func() { listPageSize = old }
}

// WritePartFiles cuts an index into parts and gives put their files.
var WritePartFiles = writePartFiles

// SetFeedLimit lets tests cut the feeds of small sites; it returns a
// function that restores the limit.
func SetFeedLimit(n int) (restore func()) {
	old := feedLimit
	feedLimit = n
	return func() { feedLimit = old }
}

// InTwoLanguages gives a generated site Greek pages besides the English
// ones.
var InTwoLanguages = inTwoLanguages
