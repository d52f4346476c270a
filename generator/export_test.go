package generator

// SetSitemapLimit lets tests split sitemaps of small sites; it returns a
// function that restores the limit.
func SetSitemapLimit(n int) (restore func()) {
	old := sitemapLimit
	sitemapLimit = n
	return func() { sitemapLimit = old }
}
