package model

// Kind is the shape of a front-matter value.
type Kind int

const (
	KindString Kind = iota // one line of text
	KindText               // prose; may span lines
	KindInt                // whole number
	KindNumber             // any number (amounts)
	KindYear               // a year such as 2014
	KindBool               // true or false
	KindDate               // YYYY, YYYY-MM or YYYY-MM-DD
	KindURL                // an http(s) or mailto URL
	KindEnum               // one of Values
	KindRef                // the key of another item, of type Ref
	KindList               // a list of Elem
	KindObject             // a mapping with the sub-fields Fields
	KindMap                // a mapping from Key to Elem
	KindLang               // a language code such as en or el
)

var kindNames = map[Kind]string{
	KindString: "text", KindText: "text", KindInt: "whole number", KindNumber: "number",
	KindYear: "year", KindBool: "true or false", KindDate: "date (YYYY, YYYY-MM or YYYY-MM-DD)",
	KindURL: "URL", KindEnum: "one of a fixed list", KindRef: "reference", KindList: "list",
	KindObject: "mapping", KindMap: "mapping", KindLang: "language code",
}

func (k Kind) String() string { return kindNames[k] }

// Field describes one front-matter field. The same description drives
// validation, the schema reference and the files `polisee new` writes, so
// they cannot drift apart.
type Field struct {
	Name     string
	Kind     Kind
	Required bool
	Doc      string
	Values   []string // KindEnum: the allowed values
	Ref      string   // KindRef: the folder of the referenced type
	Elem     *Field   // KindList, KindMap: the element
	Key      *Field   // KindMap: the key
	Fields   []*Field // KindObject: the sub-fields
	MaxLen   int      // KindString, KindText: most characters allowed (0: the default cap)
	Min, Max int      // KindInt: inclusive bounds when Max > Min
	// Example is a value polisee new shows for the field, when its
	// description would not do as one.
	Example string
	// Scalar accepts a plain string in place of the object (KindObject),
	// stored as the value of the named sub-field: a source may be a bare URL.
	Scalar string
}

// Type is one content type: a folder of Markdown files.
type Type struct {
	Folder   string // "practices"; also the URL segment
	Singular string // "practice"; used in messages
	Title    string // "Good practices"; the list page heading
	Doc      string
	Fields   []*Field
	// Sections are the second-level headings a body of this type is
	// expected to have, in order.
	Sections []string
	// KeyField names the field whose value other items use to refer to
	// this type (iso2 for countries, nuts for regions); empty means the slug.
	KeyField string
	// Terms marks a type whose items name terms: search takes an item's
	// title in every language, and its aliases, as names of one thing,
	// so that a query with one name also finds pages with the others.
	Terms bool
	// Present is how the site shows the type's items.
	Present Presentation
}

// Presentation is how the site shows a type: the generator reads it and
// names no content folder of its own, so a type declared in a site's
// schema.yaml gets its menu entry, feed, open data, list order and pages
// like the built-in ones.
type Presentation struct {
	// Nav is the type's position in the header's main menu, from 1;
	// Footer its position among the footer's links. 0 leaves it out.
	Nav, Footer int
	// Feed puts the type's items in the Atom feeds, newest first (by
	// updated, then the first date field, then start).
	Feed bool
	// OpenData writes data/FOLDER.json and data/FOLDER.csv, one record per
	// item, with Columns (besides slug and url) or, when Columns is empty,
	// every field of the type in schema order.
	OpenData bool
	Columns  []string
	// Order is the order of the list page: "title" (the default), or a
	// field, ascending, or descending with a leading "-" (e.g. "-date",
	// newest first); items without the field come last, ties by title.
	Order string
	// Group, a field, shows the list page in groups, one heading per
	// value of the field (an enumerated value, a reference's title, the
	// year of a date).
	Group string
	// Facets are enumerated fields each of whose values gets a list page
	// of its own, /FOLDER/FIELD/VALUE/, linked from the list page.
	Facets []string
	// Related shows, on each item's page, related items of the related
	// types: those sharing the most countries and areas.
	Related bool
	// Layout is the theme's layout for the type's item pages
	// (layouts/NAME.html), and ListLayout for its list page; "item" and
	// "list" when empty.
	Layout, ListLayout string
	// AtRoot publishes the items at /SLUG/ and gives the type no list
	// page (free pages such as about).
	AtRoot bool
	// FooterItems links each item from the footer, in list order, instead
	// of the type's list page.
	FooterItems bool
	// Views are the knowledge-base views that follow the type's entry in
	// the main menu, by name: "compare" (the profiles' compare matrix).
	Views []string
}

// Field returns the field called name, or nil.
func (t *Type) Field(name string) *Field {
	for _, f := range t.Fields {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// Referring lists the type's fields that refer to items of folder: a
// reference, or a list of them.
func (t *Type) Referring(folder string) []*Field {
	var out []*Field
	for _, f := range t.Fields {
		target := f
		if f.Kind == KindList && f.Elem != nil {
			target = f.Elem
		}
		if target.Kind == KindRef && target.Ref == folder {
			out = append(out, f)
		}
	}
	return out
}

// Controlled vocabularies.
var (
	OrganisationKinds = []string{"public-authority", "ministry", "development-agency", "research",
		"university", "cluster-organisation", "chamber", "business-support", "other"}
	OrganisationRoles = []string{"lead", "partner", "associated", "external"}
	PracticeLevels    = []string{"national", "regional", "local", "transnational"}
	PracticeStatuses  = []string{"identified", "piloted", "transferred"}
	PilotStatuses     = []string{"planned", "running", "completed", "evaluated"}
	ProfileScopes     = []string{"country", "region"}
	DocumentKinds     = []string{"joint-strategy", "sustainability-plan", "see-initiative", "factsheet",
		"assessment", "report"}
	// JudgementStates are how a profile meets a criterion of the
	// assessment framework; unknown where its sources are silent.
	JudgementStates = []string{"met", "partly", "not-met", "unknown"}
	InstrumentKinds = []string{"grant", "voucher", "loan", "guarantee", "equity", "tax", "network",
		"label", "training", "advisory", "infrastructure", "other"}
)

// PracticeSections are the body sections of a good practice, after the
// Interreg Europe good-practice template.
var PracticeSections = []string{"Description", "Resources needed", "Evidence of success",
	"Difficulties encountered", "Potential for transfer"}

func str(name, doc string) *Field  { return &Field{Name: name, Kind: KindString, Doc: doc} }
func text(name, doc string) *Field { return &Field{Name: name, Kind: KindText, Doc: doc} }
func req(f *Field) *Field          { f.Required = true; return f }
func enum(name, doc string, values []string) *Field {
	return &Field{Name: name, Kind: KindEnum, Doc: doc, Values: values}
}
func ref(name, folder, doc string) *Field {
	return &Field{Name: name, Kind: KindRef, Ref: folder, Doc: doc}
}
func list(name, doc string, elem *Field) *Field {
	return &Field{Name: name, Kind: KindList, Doc: doc, Elem: elem}
}
func refs(name, folder, doc string) *Field {
	return list(name, doc, &Field{Kind: KindRef, Ref: folder})
}

func sourcesField() *Field {
	return list("sources", "public sources for the facts on the page: {title, url}, or a bare URL",
		&Field{Kind: KindObject, Scalar: "url", Fields: []*Field{
			str("title", "title of the source"),
			req(&Field{Name: "url", Kind: KindURL, Doc: "address of the source"}),
		}})
}

// common fields every type accepts.
func common() []*Field {
	return []*Field{
		{Name: "draft", Kind: KindBool, Doc: "true keeps the page out of the site unless built with -drafts"},
		{Name: "updated", Kind: KindDate, Doc: "when the entry was written or last revised"},
		sourcesField(),
		list("tags", "free keywords, lowercase", &Field{Kind: KindString, MaxLen: 60}),
		{Name: "lang", Kind: KindLang, Doc: "language it is written in, one of languages in site.yaml, when not the default (it then has no original in the default); a translation's is its file name's (slug.el.md)"},
	}
}

func withCommon(fields ...*Field) []*Field { return append(fields, common()...) }

// withSources is withCommon with sources required: practices and profiles
// state facts, and every fact needs its public source.
func withSources(fields ...*Field) []*Field {
	all := withCommon(fields...)
	for _, f := range all {
		if f.Name == "sources" {
			f.Required = true
		}
	}
	return all
}

func summary(max int) *Field {
	f := req(text("summary", "one or two sentences shown in lists and search results"))
	f.MaxLen = max
	return f
}

// Types lists every content type, in the order the site presents them.
var Types = []*Type{
	{Folder: "practices", Singular: "practice", Title: "Good practices",
		Doc: "A good-practice case: a policy measure or instrument that worked somewhere and may be transferred.",
		Fields: withSources(
			req(str("title", "name of the practice")),
			summary(300),
			req(refs("countries", "countries", "countries where it runs (ISO 3166-1 alpha-2, e.g. GR)")),
			req(refs("areas", "areas", "thematic areas it belongs to")),
			req(enum("level", "level of government or scale it works at", PracticeLevels)),
			req(enum("status", "how far it has been tested", PracticeStatuses)),
			refs("regions", "regions", "NUTS regions where it runs (e.g. EL30)"),
			ref("owner", "organisations", "organisation that runs it"),
			&Field{Name: "start", Kind: KindDate, Doc: "when it started"},
			&Field{Name: "end", Kind: KindDate, Doc: "when it ended (leave out if it still runs)"},
			list("sectors", "NACE Rev. 2 codes of the sectors it targets (e.g. C26)", &Field{Kind: KindString, MaxLen: 8}),
			ref("pilot", "pilots", "pilot action that tested it"),
			ref("profile", "profiles", "policy profile it belongs to"),
			reviewedField(),
		),
		Sections: PracticeSections,
		Present:  Presentation{Nav: 2, Feed: true, OpenData: true, Facets: []string{"status"}, Related: true}},
	{Folder: "profiles", Singular: "profile", Title: "Policy profiles",
		Doc: "A country's or region's cluster policy, with an assessment per thematic area.",
		Fields: withSources(
			req(str("title", "name of the policy profile")),
			summary(600),
			req(enum("scope", "whether it covers a whole country or one region", ProfileScopes)),
			req(ref("country", "countries", "country (ISO 3166-1 alpha-2)")),
			ref("region", "regions", "region (NUTS code), when scope is region"),
			req(str("period", "programming period it covers, e.g. 2014-2020")),
			ref("previous", "profiles", "the profile this one succeeds, of the same place (e.g. its 2007-2013 policy); the page shows what changed"),
			req(refs("areas", "areas", "thematic areas it covers")),
			&Field{Name: "assessment", Kind: KindMap, Doc: "per area: score 1-4 (leave out when not assessed, or when the area has criteria: the score then comes from judgements) and a note",
				Key: &Field{Kind: KindRef, Ref: "areas"},
				Elem: &Field{Kind: KindObject, Fields: []*Field{
					{Name: "score", Kind: KindInt, Min: 1, Max: 4, Doc: "1 (weak) to 4 (strong); leave out when not assessed"},
					text("note", "what the assessment rests on"),
				}}},
			&Field{Name: "judgements", Kind: KindMap, Doc: "per area: the criteria of its assessment framework (assessment/AREA.md) as the profile's sources show them; the area's score is derived from them",
				Key: &Field{Kind: KindRef, Ref: "areas"},
				Elem: &Field{Kind: KindList, Elem: &Field{Kind: KindObject, Fields: []*Field{
					req(str("criterion", "id of a criterion of the area's framework")),
					req(enum("state", "met, partly, not-met, or unknown where the sources are silent", JudgementStates)),
					&Field{Name: "source", Kind: KindURL, Doc: "the source of the evidence: one of the profile's sources (required unless unknown)"},
					str("where", "where in the source: a page, a section or a heading"),
					text("note", "the evidence in a sentence, in your own words (required unless unknown)"),
				}}}},
			list("instruments", "policy instruments of the profile", &Field{Kind: KindObject, Fields: []*Field{
				req(str("name", "name of the instrument")),
				req(enum("kind", "kind of instrument", InstrumentKinds)),
				{Name: "budget_eur", Kind: KindNumber, Doc: "budget in euro, when a source gives it"},
				{Name: "start", Kind: KindYear, Doc: "first year"},
				{Name: "end", Kind: KindYear, Doc: "last year"},
			}}),
		),
		Present: Presentation{Nav: 3, OpenData: true, Related: true, Views: []string{"compare"}}},
	{Folder: "assessment", Singular: "criteria", Title: "Assessment framework",
		Doc: "The criteria a policy profile is assessed against on one thematic area, drawn from the project's policy factsheets and assessment report.",
		Fields: withSources(
			req(str("title", "name of the criteria set")),
			summary(600),
			req(ref("area", "areas", "the thematic area the criteria assess")),
			req(list("criteria", "the criteria, each one thing a policy does or has", &Field{Kind: KindObject, Fields: []*Field{
				req(&Field{Name: "id", Kind: KindString, MaxLen: 60, Doc: "a short, stable id in lowercase letters, digits and hyphens", Example: "joint-rd-funding"}),
				req(str("text", "what a policy that meets it does or has, in one sentence")),
				text("basis", "the need, challenge or recommendation of the sources it comes from"),
			}})),
		),
		Present: Presentation{Footer: 6}},
	{Folder: "pilots", Singular: "pilot", Title: "Pilot actions",
		Doc: "A pilot action that tests a policy learning mechanism.",
		Fields: withCommon(
			req(str("title", "name of the pilot")),
			summary(600),
			req(ref("lead", "organisations", "organisation that leads it")),
			req(refs("countries", "countries", "countries involved")),
			req(refs("areas", "areas", "thematic areas")),
			req(enum("status", "where it stands", PilotStatuses)),
			ref("mechanism", "mechanisms", "mechanism it tests"),
			str("period", "when it ran, e.g. 2014"),
		),
		Present: Presentation{Nav: 5, Related: true}},
	{Folder: "mechanisms", Singular: "mechanism", Title: "Policy learning mechanisms",
		Doc: "A policy learning mechanism: a repeatable way for regions to learn from each other.",
		Fields: withCommon(
			req(str("title", "name of the mechanism")),
			summary(600),
			req(ref("area", "areas", "thematic area")),
			list("steps", "steps, in order", &Field{Kind: KindText}),
			list("tools", "tools it uses", &Field{Kind: KindString}),
			refs("tested_by", "pilots", "pilot actions that tested it"),
		),
		Present: Presentation{Footer: 4}},
	{Folder: "documents", Singular: "document", Title: "Documents",
		Doc: "A strategy, factsheet, assessment or report.",
		Fields: withCommon(
			req(str("title", "title of the document")),
			summary(600),
			req(enum("kind", "kind of document", DocumentKinds)),
			req(&Field{Name: "date", Kind: KindDate, Doc: "publication date, as precise as known"}),
			refs("authors", "organisations", "organisations that wrote it"),
			refs("areas", "areas", "thematic areas it covers"),
			&Field{Name: "url", Kind: KindURL, Doc: "where the document can be read"},
			&Field{Name: "builds_on", Kind: KindObject, Doc: "the evidence it builds on, only where its sources say so; each listed item links back to it",
				Fields: []*Field{
					refs("practices", "practices", "good practices"),
					refs("profiles", "profiles", "policy profiles"),
					refs("pilots", "pilots", "pilot actions"),
					refs("mechanisms", "mechanisms", "policy learning mechanisms"),
				}},
		),
		Present: Presentation{Nav: 6, Feed: true}},
	{Folder: "areas", Singular: "area", Title: "Thematic areas",
		Doc: "One of the thematic priority areas (working groups).",
		Fields: withCommon(
			req(str("title", "name of the area")),
			req(str("short", "short label for menus and charts")),
			&Field{Name: "order", Kind: KindInt, Min: 1, Max: 99, Doc: "position in menus"},
			text("summary", "one or two sentences"),
		),
		Present: Presentation{Nav: 1, Order: "order"}},
	{Folder: "countries", Singular: "country", Title: "Countries", KeyField: "iso2",
		Doc: "A partner country.",
		Fields: withCommon(
			req(str("title", "English name of the country")),
			req(str("iso2", "ISO 3166-1 alpha-2 code, uppercase; the file is named after it in lowercase")),
			str("nuts_prefix", "NUTS prefix when it differs from the ISO code (EL for GR)"),
			&Field{Name: "eu", Kind: KindBool, Doc: "member of the European Union"},
			text("summary", "one or two sentences"),
		),
		Present: Presentation{Nav: 4}},
	{Folder: "regions", Singular: "region", Title: "Regions", KeyField: "nuts",
		Doc: "A NUTS region.",
		Fields: withCommon(
			req(str("title", "name of the region")),
			req(str("nuts", "NUTS code, uppercase; the file is named after it in lowercase; a NUTS 2021 code must be one of the map boundaries (the partner countries' NUTS 1, 2 and 3 regions)")),
			req(ref("country", "countries", "country (ISO 3166-1 alpha-2)")),
			&Field{Name: "nuts_version", Kind: KindYear, Doc: "NUTS version the code belongs to, e.g. 2021 (assumed when absent); the maps draw NUTS 2021, so a region of another version is listed without a shape"},
			text("summary", "one or two sentences"),
		),
		Present: Presentation{Footer: 3}},
	{Folder: "organisations", Singular: "organisation", Title: "Organisations",
		Doc: "A partner or another organisation.",
		Fields: withCommon(
			req(str("title", "name of the organisation")),
			req(ref("country", "countries", "country (ISO 3166-1 alpha-2)")),
			req(enum("kind", "kind of organisation", OrganisationKinds)),
			ref("region", "regions", "region (NUTS code)"),
			enum("role", "role in the project", OrganisationRoles),
			&Field{Name: "website", Kind: KindURL, Doc: "web site"},
			text("summary", "one or two sentences"),
		),
		Present: Presentation{Footer: 2}},
	{Folder: "glossary", Singular: "term", Title: "Glossary", Terms: true,
		Doc: "A term and its meaning. Search takes its title in every language, and its aliases, as one term: a query with one of them also finds pages with the others.",
		Fields: withCommon(
			req(str("title", "the term")),
			summary(600),
			refs("see_also", "glossary", "related terms"),
			list("aliases", "other names readers search for, in the file's language: synonyms, abbreviations, plurals", &Field{Kind: KindString, MaxLen: 120}),
		),
		Present: Presentation{Footer: 5}},
	{Folder: "pages", Singular: "page", Title: "Pages",
		Doc: "A free page such as about; published at /slug/.",
		Fields: withCommon(
			req(str("title", "page title")),
			text("summary", "one or two sentences"),
			&Field{Name: "order", Kind: KindInt, Min: 0, Max: 99, Doc: "position in the footer menu"},
		),
		Present: Presentation{Footer: 1, FooterItems: true, AtRoot: true, Order: "order"}},
}

// TypeByFolder returns the type stored in folder, or nil.
func TypeByFolder(folder string) *Type {
	for _, t := range Types {
		if t.Folder == folder {
			return t
		}
	}
	return nil
}

// SiteFields is the schema of the site configuration file, site.yaml.
var SiteFields = []*Field{
	req(str("title", "name of the site")),
	text("description", "one sentence shown on the home page and to search engines"),
	&Field{Name: "base_url", Kind: KindURL, Doc: "absolute URL the site is published at; used for the sitemap and feed"},
	&Field{Name: "repository", Kind: KindURL, Doc: "web address of the Git repository, for \"edit this page\" links"},
	str("branch", "branch that editors change (default main)"),
	str("content_dir", "folder of the content inside the repository (default content)"),
	list("languages", "language codes of the site; the first is the default (default [en])", &Field{Kind: KindLang}),
	cmsField(),
}
