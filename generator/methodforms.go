package generator

import (
	"github.com/clusterpolisee/polisee/generator/model"
	text "github.com/clusterpolisee/polisee/internal/gotemplate/text"
)

// The methods layouts call on a page's view and on items are called
// through forms (text.RegisterMethodForm), with Go's own call rather
// than reflect's: at 100,000 generated documents reflect's calls of
// them cost about 6 s of the render's CPU in its own work (building a
// frame and a slice of results per call, looking up the frame's layout).
// A method missing here works all the same, through reflect. A line
// here follows its method's types when they change; one whose method
// comes to take another number of parameters, or an error result it
// did not, no longer compiles; one naming another method than it holds
// stops the program as it starts (RegisterMethodForm checks the type
// and the code).
func init() {
	// Every exported method of the view but those of shapes the forms do
	// not take (Listed, More, TypeT, TypeTn).
	text.RegisterMethodForm("AllGaps", text.Form0((*view).AllGaps))
	text.RegisterMethodForm("Alternates", text.Form0((*view).Alternates))
	text.RegisterMethodForm("AreaLinks", text.Form1((*view).AreaLinks))
	text.RegisterMethodForm("AreaShort", text.Form1((*view).AreaShort))
	text.RegisterMethodForm("AssessedBy", text.Form1((*view).AssessedBy))
	text.RegisterMethodForm("Asset", text.Form1((*view).Asset))
	text.RegisterMethodForm("BacklinkTitle", text.Form2((*view).BacklinkTitle))
	text.RegisterMethodForm("Backlinks", text.Form1((*view).Backlinks))
	text.RegisterMethodForm("BacklinksExcept", text.Form1V((*view).BacklinksExcept))
	text.RegisterMethodForm("Body", text.Form1E((*view).Body))
	text.RegisterMethodForm("BuildsOn", text.Form1((*view).BuildsOn))
	text.RegisterMethodForm("Canonical", text.Form0((*view).Canonical))
	text.RegisterMethodForm("Cards", text.Form1((*view).Cards))
	text.RegisterMethodForm("Changes", text.Form1((*view).Changes))
	text.RegisterMethodForm("Compare", text.Form0((*view).Compare))
	text.RegisterMethodForm("CompareURL", text.Form1((*view).CompareURL))
	text.RegisterMethodForm("ContentPath", text.Form1((*view).ContentPath))
	text.RegisterMethodForm("Count", text.Form2((*view).Count))
	text.RegisterMethodForm("CountryMap", text.Form1((*view).CountryMap))
	text.RegisterMethodForm("CriteriaAnchor", text.Form1((*view).CriteriaAnchor))
	text.RegisterMethodForm("Description", text.Form0((*view).Description))
	text.RegisterMethodForm("EditURL", text.Form1((*view).EditURL))
	text.RegisterMethodForm("Facets", text.Form1((*view).Facets))
	text.RegisterMethodForm("Fallback", text.Form1((*view).Fallback))
	text.RegisterMethodForm("FieldTable", text.Form2((*view).FieldTable))
	text.RegisterMethodForm("FooterLinks", text.Form0((*view).FooterLinks))
	text.RegisterMethodForm("Frame", text.Form1E((*view).Frame))
	text.RegisterMethodForm("GapAnchor", text.Form1((*view).GapAnchor))
	text.RegisterMethodForm("Gaps", text.Form1((*view).Gaps))
	text.RegisterMethodForm("GroupCards", text.Form1((*view).GroupCards))
	text.RegisterMethodForm("HasCriteria", text.Form0((*view).HasCriteria))
	text.RegisterMethodForm("Heat", text.Form0((*view).Heat))
	text.RegisterMethodForm("Home", text.Form0((*view).Home))
	text.RegisterMethodForm("HomeMap", text.Form0((*view).HomeMap))
	text.RegisterMethodForm("Items", text.Form1((*view).Items))
	text.RegisterMethodForm("Judged", text.Form1((*view).Judged))
	text.RegisterMethodForm("Lang", text.Form0((*view).Lang))
	text.RegisterMethodForm("LangAttr", text.Form1((*view).LangAttr))
	text.RegisterMethodForm("LanguageName", text.Form1((*view).LanguageName))
	text.RegisterMethodForm("Languages", text.Form0((*view).Languages))
	text.RegisterMethodForm("Latest", text.Form1((*view).Latest))
	text.RegisterMethodForm("LearningPath", text.Form1((*view).LearningPath))
	text.RegisterMethodForm("ListGroups", text.Form1((*view).ListGroups))
	text.RegisterMethodForm("MapBlock", text.Form2((*view).MapBlock))
	text.RegisterMethodForm("Meta", text.Form1((*view).Meta))
	text.RegisterMethodForm("Nav", text.Form0((*view).Nav))
	text.RegisterMethodForm("NewFileExample", text.Form0((*view).NewFileExample))
	text.RegisterMethodForm("Offline", text.Form0((*view).Offline))
	text.RegisterMethodForm("ProfileChart", text.Form1((*view).ProfileChart))
	text.RegisterMethodForm("ProfileLabel", text.Form1((*view).ProfileLabel))
	text.RegisterMethodForm("ProfileLocal", text.Form1((*view).ProfileLocal))
	text.RegisterMethodForm("ProfileLocalTotal", text.Form1((*view).ProfileLocalTotal))
	text.RegisterMethodForm("ProfileRow", text.Form1((*view).ProfileRow))
	text.RegisterMethodForm("ProfileScores", text.Form1((*view).ProfileScores))
	text.RegisterMethodForm("Ref", text.Form2((*view).Ref))
	text.RegisterMethodForm("RegionMap", text.Form1((*view).RegionMap))
	text.RegisterMethodForm("Rel", text.Form1((*view).Rel))
	text.RegisterMethodForm("Related", text.Form1((*view).Related))
	text.RegisterMethodForm("RepoAt", text.Form0((*view).RepoAt))
	text.RegisterMethodForm("RepoFile", text.Form2((*view).RepoFile))
	text.RegisterMethodForm("Root", text.Form0((*view).Root))
	text.RegisterMethodForm("Schema", text.Form0((*view).Schema))
	text.RegisterMethodForm("SchemaType", text.Form1((*view).SchemaType))
	text.RegisterMethodForm("SearchEnabled", text.Form0((*view).SearchEnabled))
	text.RegisterMethodForm("SearchFiles", text.Form0((*view).SearchFiles))
	text.RegisterMethodForm("SearchLabels", text.Form0E((*view).SearchLabels))
	text.RegisterMethodForm("SearchLanguages", text.Form0((*view).SearchLanguages))
	text.RegisterMethodForm("SearchStrings", text.Form0E((*view).SearchStrings))
	text.RegisterMethodForm("SectionList", text.Form1((*view).SectionList))
	text.RegisterMethodForm("Sections", text.Form1E((*view).Sections))
	text.RegisterMethodForm("Snapshot", text.Form0((*view).Snapshot))
	text.RegisterMethodForm("T", text.Form1V((*view).T))
	text.RegisterMethodForm("TH", text.Form1V((*view).TH))
	text.RegisterMethodForm("Tn", text.Form2V((*view).Tn))
	text.RegisterMethodForm("TypeDocOf", text.Form1((*view).TypeDocOf))
	text.RegisterMethodForm("TypeSingularOf", text.Form1((*view).TypeSingularOf))
	text.RegisterMethodForm("TypeTitleOf", text.Form1((*view).TypeTitleOf))
	text.RegisterMethodForm("UIStrings", text.Form1E((*view).UIStrings))
	// The items' methods layouts call.
	text.RegisterMethodForm("Countries", text.Form0((*model.Item).Countries))
	text.RegisterMethodForm("Criteria", text.Form0((*model.Item).Criteria))
	text.RegisterMethodForm("Date", text.Form1((*model.Item).Date))
	text.RegisterMethodForm("Has", text.Form1((*model.Item).Has))
	text.RegisterMethodForm("Instruments", text.Form0((*model.Item).Instruments))
	text.RegisterMethodForm("Int", text.Form1((*model.Item).Int))
	text.RegisterMethodForm("Key", text.Form0((*model.Item).Key))
	text.RegisterMethodForm("Sources", text.Form0((*model.Item).Sources))
	text.RegisterMethodForm("String", text.Form1((*model.Item).String))
	text.RegisterMethodForm("Strings", text.Form1((*model.Item).Strings))
	text.RegisterMethodForm("URL", text.Form0((*model.Item).URL))
}
