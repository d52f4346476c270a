package generator

import "testing"

func TestRelURL(t *testing.T) {
	for _, tc := range []struct {
		from, to string
		index    bool
		want     string
	}{
		{"/", "/practices/x/", false, "practices/x/"},
		{"/practices/x/", "/practices/y/", false, "../y/"},
		{"/practices/x/", "/", false, "../../"},
		{"/practices/x/", "/", true, "../../index.html"},
		{"/practices/x/", "/practices/x/", false, "./"},
		{"/practices/x/", "/practices/x/#a", false, "./#a"},
		{"/404.html", "/areas/", false, "areas/"},
		{"/404.html", "/assets/style.css", false, "assets/style.css"},
		{"/404.html", "/", true, "index.html"},
		{"/a/b/c/", "/a/d/", true, "../../d/index.html"},
		{"/practices/x/", "/feed.xml", false, "../../feed.xml"},
	} {
		if got := relURL(tc.from, tc.to, tc.index); got != tc.want {
			t.Errorf("relURL(%q, %q, %v) = %q, want %q", tc.from, tc.to, tc.index, got, tc.want)
		}
	}
}
