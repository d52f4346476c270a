package cms

// The configuration file's shapes, in the order the file lists their
// keys (Decap CMS's format, which Sveltia CMS reads).

type config struct {
	Backend     backend      `yaml:"backend"`
	PublishMode string       `yaml:"publish_mode"`
	MediaFolder string       `yaml:"media_folder"`
	SiteURL     string       `yaml:"site_url,omitempty"`
	Slug        *slugOptions `yaml:"slug,omitempty"`
	Output      *output      `yaml:"output,omitempty"`
	I18n        *i18n        `yaml:"i18n,omitempty"`
	Collections []collection `yaml:"collections"`
}

type backend struct {
	Name   string `yaml:"name"`
	Repo   string `yaml:"repo,omitempty"`
	Branch string `yaml:"branch,omitempty"`
}

type slugOptions struct {
	Encoding            string `yaml:"encoding"`
	CleanAccents        bool   `yaml:"clean_accents"`
	SanitizeReplacement string `yaml:"sanitize_replacement"`
}

type output struct {
	OmitEmptyOptionalFields bool `yaml:"omit_empty_optional_fields"`
}

type i18n struct {
	Structure                     string   `yaml:"structure"`
	Locales                       []string `yaml:"locales,flow"`
	DefaultLocale                 string   `yaml:"default_locale"`
	OmitDefaultLocaleFromFilePath bool     `yaml:"omit_default_locale_from_file_path"`
	InitialLocales                string   `yaml:"initial_locales,omitempty"`
}

type collection struct {
	Name            string   `yaml:"name"`
	Label           string   `yaml:"label"`
	LabelSingular   string   `yaml:"label_singular"`
	Description     string   `yaml:"description,omitempty"`
	Folder          string   `yaml:"folder"`
	Create          bool     `yaml:"create"`
	Extension       string   `yaml:"extension"`
	Format          string   `yaml:"format"`
	IdentifierField string   `yaml:"identifier_field"`
	Slug            string   `yaml:"slug"`
	Summary         string   `yaml:"summary"`
	I18n            bool     `yaml:"i18n,omitempty"`
	Fields          []*field `yaml:"fields"`
}

// field is one form field. Required is true, false, or the locales in
// which the field is required (a fact a translation inherits).
type field struct {
	Name             string    `yaml:"name"`
	Label            string    `yaml:"label"`
	Widget           string    `yaml:"widget"`
	Required         any       `yaml:"required"`
	Hint             string    `yaml:"hint,omitempty"`
	I18n             bool      `yaml:"i18n,omitempty"`
	Default          string    `yaml:"default,omitempty"`
	Options          []string  `yaml:"options,omitempty,flow"`
	Pattern          []string  `yaml:"pattern,omitempty"`
	MaxLength        int       `yaml:"maxlength,omitempty"`
	ValueType        string    `yaml:"value_type,omitempty"`
	Min              *int      `yaml:"min,omitempty"`
	Max              *int      `yaml:"max,omitempty"`
	Collection       string    `yaml:"collection,omitempty"`
	ValueField       string    `yaml:"value_field,omitempty"`
	SearchFields     []string  `yaml:"search_fields,omitempty,flow"`
	DisplayFields    []string  `yaml:"display_fields,omitempty,flow"`
	Multiple         bool      `yaml:"multiple,omitempty"`
	Collapsed        bool      `yaml:"collapsed,omitempty"`
	Summary          string    `yaml:"summary,omitempty"`
	EditorComponents *[]string `yaml:"editor_components,omitempty,flow"`
	Field            *field    `yaml:"field,omitempty"`
	Fields           []*field  `yaml:"fields,omitempty"`
}
