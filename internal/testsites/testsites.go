// Package testsites holds content that the tests of several packages
// build: the generator's checks its files as text, the theme's opens its
// pages in Chromium. Only tests import it.
package testsites

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
