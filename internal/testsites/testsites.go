// Package testsites holds content that the tests of several packages
// build: the generator's checks its files as text, the theme's opens its
// pages in Chromium. Only tests import it.
package testsites

import (
	"fmt"
	"io/fs"
	"testing/fstest"

	"github.com/clusterpolisee/polisee/content"
)

// GreekOnly is a practice written in Greek, with no original in English
// (lang: el), as a txtar archive of content files. Its words have
// "μικροηλεκτρονικής" (genitive, accented) and never "microelectronics".
const GreekOnly = `
-- practices/thermaikos.md --
---
title: Σύμπραξη μικροηλεκτρονικής Θερμαϊκού
summary: Οι επιχειρήσεις μικροηλεκτρονικής του Θερμαϊκού μοιράζονται εργαστήρια.
lang: el
countries: [GR]
areas: [innovation-rd]
level: regional
status: identified
sources: [https://example.org/thermaikos]
---
## Περιγραφή
Κοινά εργαστήρια για δώδεκα επιχειρήσεις.
## Απαιτούμενοι πόροι
Ένας συντονιστής.
## Αποδείξεις επιτυχίας
Τρία κοινά προϊόντα.
## Δυσκολίες
Καμία.
## Δυνατότητα μεταφοράς
Υψηλή.
`

// Starter copies the starter content into a map that a test can add to.
func Starter() (fstest.MapFS, error) {
	out := fstest.MapFS{}
	err := fs.WalkDir(content.Starter(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(content.Starter(), p)
		out[p] = &fstest.MapFile{Data: data, Mode: 0o644}
		return err
	})
	return out, err
}

// AddPractices adds n practices to a content tree, practices/generated-001.md
// and on, titled "Generated practice 001" and on: all piloted, national,
// in Greece, on innovation and R&D, with the five sections empty. They are
// made for tests of long lists, not content.
func AddPractices(fsys fstest.MapFS, n int) {
	for i := 1; i <= n; i++ {
		fsys[fmt.Sprintf("practices/generated-%03d.md", i)] = &fstest.MapFile{Mode: 0o644, Data: fmt.Appendf(nil, `---
title: Generated practice %03d
summary: A practice generated for a test of long lists.
countries: [GR]
areas: [innovation-rd]
level: national
status: piloted
sources: [https://example.org/generated-%03d]
---
## Description
## Resources needed
## Evidence of success
## Difficulties encountered
## Potential for transfer
`, i, i)}
	}
}

// AddProfiles adds n policy profiles to a content tree,
// profiles/generated-001.md and on, titled "Generated profile 001" and
// on: national, in Greece, 2014-2020, on innovation and R&D (not scored:
// the starter judges that area by its criteria).
// With the starter's, they are more than one compare page holds, so the
// comparison is cut by country. They are made for tests, not content.
func AddProfiles(fsys fstest.MapFS, n int) {
	for i := 1; i <= n; i++ {
		fsys[fmt.Sprintf("profiles/generated-%03d.md", i)] = &fstest.MapFile{Mode: 0o644, Data: fmt.Appendf(nil, `---
title: Generated profile %03d
summary: A profile generated for a test of long comparisons.
scope: country
country: GR
period: 2014-2020
areas: [innovation-rd]
assessment:
  innovation-rd: {note: Generated.}
sources: [https://example.org/generated-profile-%03d]
---
`, i, i)}
	}
}
