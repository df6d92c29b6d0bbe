package profile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/wire"
)

// parsedSeed returns the parser's profile of a seed, as the parser's golden
// file pins it: the yardstick of a valid document.
func parsedSeed(t *testing.T, name string) *Profile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "parser", "testdata", "golden", strings.TrimSuffix(name, ".txt")+".json"))
	require.NoError(t, err)
	p, err := DecodeDocument(data)
	require.NoError(t, err)
	return p
}

func TestValidateAcceptsParsedProfiles(t *testing.T) {
	golden, err := filepath.Glob(filepath.Join("..", "parser", "testdata", "golden", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, golden)
	for _, file := range golden {
		assert.NoError(t, parsedSeed(t, strings.TrimSuffix(filepath.Base(file), ".json")+".txt").Validate(), file)
	}
	empty := parsedSeed(t, "002_7b24272a60752fdb.txt")
	empty.Sections = NewSections()
	assert.NoError(t, empty.Validate(), "empty sections are sections")
}

func TestValidateRefuses(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(p *Profile)
		want string
	}{
		{"blank title", func(p *Profile) { p.Title = " " }, "The profile's title is missing or blank."},
		{"slug of another title", func(p *Profile) { p.Slug = "manajer" },
			`The profile's slug is "manajer", but the title "Manajer Pelayanan Sosial" gives the slug "manajer-pelayanan-sosial".`},
		{"NUL in the summary", func(p *Profile) { p.Summary = "a\x00" }, "The profile's summary holds invalid UTF-8 or a NUL character."},
		{"no source file", func(p *Profile) { p.Source.File = "" }, "The profile's source.file is missing or blank."},
		{"short sha256", func(p *Profile) { p.Source.SHA256 = "abc" }, "The profile's source.sha256 must be 64 lower-case hex digits."},
		{"missing section", func(p *Profile) { p.Sections.Expectations = ItemSection[Expectation]{} },
			`The profile's sections.expectations.label must be "Ekspektasi dan Realita".`},
		{"wrong label", func(p *Profile) { p.Sections.Tasks.Label = "Tugas" }, `The profile's sections.tasks.label must be "Tugas dan Tanggung Jawab".`},
		{"null sentences", func(p *Profile) { p.Sections.Fit.Sentences = nil }, "The profile's sections.fit.sentences is missing."},
		{"null traits", func(p *Profile) { p.Sections.NonFit.Traits = nil }, "The profile's sections.non_fit.traits is missing."},
		{"null items", func(p *Profile) { p.Sections.Comparisons.Items = nil }, "The profile's sections.comparisons.items is missing."},
		{"blank sentence", func(p *Profile) { p.Sections.Tasks.Sentences[1].Text = "" }, "The profile's sections.tasks.sentences[1].text is missing or blank."},
		{"line 0", func(p *Profile) { p.Sections.Misconceptions.Sentences[0].Line = 0 }, "The profile's sections.misconceptions.sentences[0].line must be from 1 to 1048576."},
		{"repeated trait", func(p *Profile) { p.Sections.Fit.Traits = []string{"empati", "empati"} }, `The profile's sections.fit.traits[1] repeats "empati".`},
		{"blank trait", func(p *Profile) { p.Sections.NonFit.Traits = []string{""} }, "The profile's sections.non_fit.traits[0] is missing or blank."},
		{"blank reality", func(p *Profile) { p.Sections.Misconceptions.Items[0].Reality = "" }, "The profile's sections.misconceptions.items[0].reality is missing or blank."},
		{"blank expectation", func(p *Profile) { p.Sections.Expectations.Items = []Expectation{{Reality: "r"}} }, "The profile's sections.expectations.items[0].expectation is missing or blank."},
		{"blank profession", func(p *Profile) { p.Sections.Comparisons.Items[0].Profession = "" }, "The profile's sections.comparisons.items[0].profession is missing or blank."},
		{"warning of no section", func(p *Profile) { p.Warnings = []Warning{{Section: "gaji", Line: 1, Detail: "d"}} },
			`The profile's warnings[0].section is "gaji", not one of the six sections.`},
		{"warning on line 0", func(p *Profile) { p.Warnings = []Warning{{Section: Fit, Detail: "d"}} }, "The profile's warnings[0].line must be from 1 to 1048576."},
		{"line past 2^31", func(p *Profile) { p.Sections.Tasks.Sentences[0].Line = 1 << 31 }, "The profile's sections.tasks.sentences[0].line must be from 1 to 1048576."},
		{"long trait", func(p *Profile) { p.Sections.Fit.Traits = []string{strings.Repeat("a", 201)} }, "The profile's sections.fit.traits[0] is longer than 200 characters."},
		{"blank warning", func(p *Profile) { p.Warnings = []Warning{{Section: Fit, Line: 2}} }, "The profile's warnings[0].detail is missing or blank."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := parsedSeed(t, "002_7b24272a60752fdb.txt")
			require.NoError(t, p.Validate())
			tc.edit(p)
			err := p.Validate()
			assert.Equal(t, EINVALID, ErrorCode(err))
			assert.EqualError(t, err, tc.want)
		})
	}
}

func TestConditionCheck(t *testing.T) {
	p := parsedSeed(t, "002_7b24272a60752fdb.txt")
	p.UpdatedAt = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	body, err := Encode(p)
	require.NoError(t, err)
	etag := wire.ETag(body)
	other := `"` + etag[2:] + `0"`
	tags := func(list ...string) *Tags { return &Tags{List: list} }
	for _, tc := range []struct {
		name    string
		cond    Condition
		current *Profile
		ok      bool
	}{
		{"none", Condition{}, p, false},
		{"none, no profile", Condition{}, nil, true},
		{"If-Match the tag", Condition{IfMatch: tags(etag)}, p, true},
		{"If-Match in a list", Condition{IfMatch: tags(other, etag)}, p, true},
		{"If-Match another tag", Condition{IfMatch: tags(other)}, p, false},
		{"If-Match weak tag", Condition{IfMatch: tags("W/" + etag)}, p, false},
		{"If-Match without a profile", Condition{IfMatch: tags(etag)}, nil, false},
		{"If-Match *", Condition{IfMatch: &Tags{Any: true}}, p, true},
		{"If-Match * without a profile", Condition{IfMatch: &Tags{Any: true}}, nil, false},
		{"If-None-Match *", Condition{IfNoneMatch: &Tags{Any: true}}, p, false},
		{"If-None-Match * without a profile", Condition{IfNoneMatch: &Tags{Any: true}}, nil, true},
		{"If-None-Match the weak tag", Condition{IfNoneMatch: tags("W/" + etag)}, p, false},
		{"If-None-Match another tag", Condition{IfNoneMatch: tags(other)}, p, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.cond.Check(p.Slug, tc.current)
			switch {
			case tc.ok:
				assert.NoError(t, err)
			case tc.cond == Condition{}:
				assert.Equal(t, EPRECONDREQ, ErrorCode(err), "%v", err)
			default:
				assert.Equal(t, EPRECONDITION, ErrorCode(err), "%v", err)
			}
		})
	}
	err = Condition{IfMatch: tags(other)}.Check(p.Slug, p)
	assert.EqualError(t, err, `If-Match does not hold: the profile "manajer-pelayanan-sosial" has changed since you read it; its ETag is now `+etag+".")
	err = Condition{}.Check(p.Slug, p)
	assert.EqualError(t, err, `The profile "manajer-pelayanan-sosial" exists and its ETag is `+etag+
		": send it in If-Match to change or delete the profile, so that no other editor's change is overwritten unseen.")
}
