package postgres_test

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/postgres"
	"github.com/karir/karir/internal/profile"
)

// fullProfile is a profile with every section filled, as the parser makes
// them.
func fullProfile(slug, title string) *profile.Profile {
	sum := sha256.Sum256([]byte(slug))
	p := &profile.Profile{
		Slug:     slug,
		Title:    title,
		Summary:  title + " merancang, membangun, dan merawat sistem.",
		Sections: profile.NewSections(),
		Warnings: []profile.Warning{
			{Section: profile.NonFit, Line: 14, Detail: "placed by order only: no sentence of this section has a cue"},
			{Section: profile.Comparisons, Line: 23, Detail: "comparison without a profession"},
		},
		Source: profile.Source{File: "seeds/" + slug + ".txt", SHA256: hex.EncodeToString(sum[:])},
	}
	s := &p.Sections
	s.Tasks.Sentences = []profile.Sentence{
		{Text: "Merancang arsitektur sistem.", Line: 5},
		{Text: "Menulis dan meninjau kode.", Line: 6},
		{Text: "Memantau layanan di produksi.", Line: 8},
	}
	s.Fit.Sentences = []profile.Sentence{{Text: "Cocok untuk yang analitis dan teliti.", Line: 11}}
	s.Fit.Traits = []string{"analitis", "teliti"}
	s.NonFit.Sentences = []profile.Sentence{{Text: "Kurang cocok untuk yang tidak sabar.", Line: 14}}
	s.NonFit.Traits = []string{"tidak sabar"}
	s.Misconceptions.Sentences = []profile.Sentence{
		{Text: "Banyak yang mengira pekerjaan ini hanya mengetik kode.", Line: 17},
		{Text: "Padahal sebagian besar waktu habis untuk berpikir.", Line: 17},
	}
	s.Misconceptions.Items = []profile.Misconception{
		{Myth: "Hanya mengetik kode.", Reality: "Sebagian besar waktu habis untuk berpikir."},
	}
	s.Expectations.Sentences = []profile.Sentence{{Text: "Ekspektasi: gaji langsung tinggi. Realita: naik bertahap.", Line: 20}}
	s.Expectations.Items = []profile.Expectation{
		{Expectation: "Gaji langsung tinggi.", Reality: "Naik bertahap."},
		{Expectation: "Kerja sendirian.", Reality: "Banyak rapat tim."},
	}
	s.Comparisons.Sentences = []profile.Sentence{{Text: "Berbeda dengan analis data yang fokus pada data.", Line: 23}}
	s.Comparisons.Items = []profile.Comparison{
		{Profession: "Analis Data", ThisFocus: "membangun sistem", OtherFocus: "menafsirkan data"},
		{Profession: "Desainer UI", ThisFocus: "logika aplikasi", OtherFocus: "tampilan aplikasi"},
	}
	return p
}

// emptyProfile has only the required fields, six empty sections and no
// warnings.
func emptyProfile(slug, title string) *profile.Profile {
	p := fullProfile(slug, title)
	p.Summary = ""
	p.Sections = profile.NewSections()
	p.Warnings = []profile.Warning{}
	return p
}

// dbState renders every data row with the transaction that last wrote it:
// equal states mean nothing was written in between.
func dbState(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	for _, table := range []string{"profiles", "sentences", "contrasts", "comparisons", "profile_traits"} {
		var rows string
		err := db.Pool.QueryRow(t.Context(), `
			SELECT coalesce(string_agg(r.xmin::text || ' ' || r::text, E'\n' ORDER BY r::text), '')
			FROM `+table+` r`).Scan(&rows)
		require.NoError(t, err)
		b.WriteString(table + ":\n" + rows + "\n")
	}
	return b.String()
}

func updatedAt(t *testing.T, slug string) time.Time {
	t.Helper()
	var at time.Time
	require.NoError(t, db.Pool.QueryRow(t.Context(), `SELECT updated_at FROM profiles WHERE slug = $1`, slug).Scan(&at))
	return at.UTC()
}

// loaded returns the profile under slug as the store loads it for the read
// model, nil when there is none.
func loaded(t *testing.T, store *postgres.ProfileStore, slug string) *profile.Profile {
	t.Helper()
	ps, err := store.Load(t.Context(), []string{slug})
	require.NoError(t, err)
	if len(ps) == 0 {
		return nil
	}
	return ps[0]
}

func rowCounts(t *testing.T) map[string]int {
	t.Helper()
	counts := map[string]int{}
	for _, table := range []string{"profiles", "sentences", "contrasts", "comparisons", "profile_traits"} {
		var n int
		require.NoError(t, db.Pool.QueryRow(t.Context(), `SELECT count(*) FROM `+table).Scan(&n))
		counts[table] = n
	}
	return counts
}

func TestSeedCounts(t *testing.T) {
	store := postgres.NewProfileStore(db.Reset(t))
	ctx := t.Context()
	a, b := fullProfile("backend-developer", "Backend Developer"), fullProfile("data-analyst", "Data Analyst")

	got, err := store.Seed(ctx, []*profile.Profile{a, b})
	require.NoError(t, err)
	assert.Equal(t, profile.SeedResult{Inserted: 2}, got)

	before, aAt, bAt := dbState(t), updatedAt(t, a.Slug), updatedAt(t, b.Slug)
	got, err = store.Seed(ctx, []*profile.Profile{fullProfile(a.Slug, a.Title), fullProfile(b.Slug, b.Title)})
	require.NoError(t, err)
	assert.Equal(t, profile.SeedResult{Unchanged: 2}, got)
	assert.Equal(t, before, dbState(t), "an identical seed writes nothing")
	assert.Equal(t, aAt, updatedAt(t, a.Slug))

	changed := fullProfile(a.Slug, a.Title)
	changed.Sections.Tasks.Sentences[1].Text = "Menulis, menguji, dan meninjau kode."
	c := emptyProfile("ux-writer", "UX Writer")
	got, err = store.Seed(ctx, []*profile.Profile{c, changed, b})
	require.NoError(t, err)
	assert.Equal(t, profile.SeedResult{Inserted: 1, Updated: 1, Unchanged: 1}, got)
	assert.True(t, updatedAt(t, a.Slug).After(aAt), "an update moves updated_at")
	assert.Equal(t, bAt, updatedAt(t, b.Slug), "an unchanged profile keeps updated_at")

	stored := loaded(t, store, a.Slug)
	assert.Equal(t, "Menulis, menguji, dan meninjau kode.", stored.Sections.Tasks.Sentences[1].Text)

	got, err = store.Seed(ctx, []*profile.Profile{c})
	require.NoError(t, err)
	assert.Equal(t, profile.SeedResult{Unchanged: 1}, got)
	assert.Equal(t, 3, rowCounts(t)["profiles"], "profiles left out of a seed stay")
}

func TestSeedReplacesChildren(t *testing.T) {
	store := postgres.NewProfileStore(db.Reset(t))
	ctx := t.Context()
	other := fullProfile("data-analyst", "Data Analyst")
	_, err := store.Seed(ctx, []*profile.Profile{fullProfile("backend-developer", "Backend Developer"), other})
	require.NoError(t, err)

	next := fullProfile("backend-developer", "Backend Engineer")
	next.Summary = "Ringkasan baru."
	next.Source.SHA256 = strings.Repeat("0", 64)
	next.Sections.Tasks.Sentences = []profile.Sentence{{Text: "Hanya satu tugas.", Line: 2}}
	next.Sections.Fit.Traits = []string{"teliti", "kreatif", "analitis"}
	next.Sections.NonFit = profile.NewSections().NonFit
	next.Sections.Misconceptions.Items = next.Sections.Misconceptions.Items[:0]
	next.Sections.Expectations.Items = []profile.Expectation{{Expectation: "Santai.", Reality: "Sibuk."}}
	next.Sections.Comparisons = profile.NewSections().Comparisons
	next.Warnings = next.Warnings[1:]
	got, err := store.Seed(ctx, []*profile.Profile{next})
	require.NoError(t, err)
	assert.Equal(t, profile.SeedResult{Updated: 1}, got)

	next.UpdatedAt = updatedAt(t, next.Slug)
	assert.Equal(t, next, loaded(t, store, next.Slug))

	wantCounts := map[string]int{
		"profiles": 2,
		// next: 1 task, 1 fit, 2 misconception, 1 expectation sentences;
		// other: 9 sentences.
		"sentences":      5 + 9,
		"contrasts":      1 + 3,
		"comparisons":    0 + 2,
		"profile_traits": 3 + 3,
	}
	assert.Equal(t, wantCounts, rowCounts(t), "no child row of the old version is left")

	other.UpdatedAt = updatedAt(t, other.Slug)
	assert.Equal(t, other, loaded(t, store, other.Slug), "another profile's children are untouched")
}

func TestSeedRefusesInvalidInput(t *testing.T) {
	tests := []struct {
		name string
		edit func(p *profile.Profile)
		want string
	}{
		{"slug with capitals", func(p *profile.Profile) { p.Slug = "Broken-Slug" }, `seeds/ux-writer.txt: rule profiles_slug_check: The profile with the slug "Broken-Slug" breaks a rule of the schema.`},
		{"slug with a trailing dash", func(p *profile.Profile) { p.Slug = "broken-" }, `seeds/ux-writer.txt: rule profiles_slug_check: The profile with the slug "broken-" breaks a rule of the schema.`},
		{"blank title", func(p *profile.Profile) { p.Title = "  " }, `seeds/ux-writer.txt: rule profiles_title_check: The profile with the slug "ux-writer" breaks a rule of the schema.`},
		{"blank source file", func(p *profile.Profile) { p.Source.File = "" }, `a profile with no source file: rule profiles_source_file_check: The profile with the slug "ux-writer" breaks a rule of the schema.`},
		{"short source sha256", func(p *profile.Profile) { p.Source.SHA256 = "abc" }, `seeds/ux-writer.txt: rule profiles_source_sha256_check: The profile with the slug "ux-writer" breaks a rule of the schema.`},
		{"blank sentence", func(p *profile.Profile) { p.Sections.Tasks.Sentences[2].Text = "" }, `seeds/ux-writer.txt: rule sentences_text_check: The profile with the slug "ux-writer" breaks a rule of the schema.`},
		{"line 0", func(p *profile.Profile) { p.Sections.Fit.Sentences[0].Line = 0 }, `seeds/ux-writer.txt: rule sentences_line_check: The profile with the slug "ux-writer" breaks a rule of the schema.`},
		{"duplicate trait", func(p *profile.Profile) { p.Sections.Fit.Traits = []string{"teliti", "teliti"} }, `seeds/ux-writer.txt: rule profile_traits_profile_id_section_name_key: The profile with the slug "ux-writer" breaks a rule of the schema.`},
		{"blank trait", func(p *profile.Profile) { p.Sections.NonFit.Traits = []string{""} }, `seeds/ux-writer.txt: rule profile_traits_name_check: The profile with the slug "ux-writer" breaks a rule of the schema.`},
		{"blank reality", func(p *profile.Profile) { p.Sections.Misconceptions.Items[0].Reality = "" }, `seeds/ux-writer.txt: rule contrasts_reality_check: The profile with the slug "ux-writer" breaks a rule of the schema.`},
		{"blank profession", func(p *profile.Profile) { p.Sections.Comparisons.Items[1].Profession = "" }, `seeds/ux-writer.txt: rule comparisons_profession_check: The profile with the slug "ux-writer" breaks a rule of the schema.`},
		{"NUL byte", func(p *profile.Profile) { p.Summary = "a\x00b" }, `seeds/ux-writer.txt: The profile with the slug "ux-writer" holds a value the database cannot store.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := postgres.NewProfileStore(db.Reset(t))
			ctx := t.Context()
			_, err := store.Seed(ctx, []*profile.Profile{fullProfile("backend-developer", "Backend Developer")})
			require.NoError(t, err)
			before := dbState(t)

			changed := fullProfile("backend-developer", "Backend Engineer")
			bad := fullProfile("ux-writer", "UX Writer")
			tt.edit(bad)
			_, err = store.Seed(ctx, []*profile.Profile{fullProfile("data-analyst", "Data Analyst"), changed, bad})
			assert.Equal(t, profile.EINVALID, profile.ErrorCode(err))
			assert.EqualError(t, err, tt.want)
			for _, sql := range []string{"INSERT", "UPDATE", "SELECT", "SQLSTATE"} {
				assert.NotContains(t, err.Error(), sql)
			}
			for _, name := range []string{"seeds/", "_check", "_key", "profiles_", "sentences_"} {
				assert.NotContains(t, profile.ErrorMessage(err), name, "clients see no file and no rule")
			}
			assert.Equal(t, before, dbState(t), "a refused seed writes nothing")
		})
	}
}

func TestSeedRefusesDuplicateSlugs(t *testing.T) {
	store := postgres.NewProfileStore(db.Reset(t))
	ctx := t.Context()
	_, err := store.Seed(ctx, []*profile.Profile{fullProfile("data-analyst", "Data Analyst")})
	require.NoError(t, err)
	before := dbState(t)

	first, second := fullProfile("backend-developer", "Backend Developer"), fullProfile("backend-developer", "Backend Engineer")
	second.Source.File = "seeds/backend-2.txt"
	_, err = store.Seed(ctx, []*profile.Profile{first, fullProfile("ux-writer", "UX Writer"), second})
	assert.Equal(t, profile.EINVALID, profile.ErrorCode(err))
	assert.EqualError(t, err,
		`seeds/backend-developer.txt and seeds/backend-2.txt: The slug "backend-developer" is given twice.`)
	assert.Equal(t, before, dbState(t))

	_, err = store.Seed(ctx, []*profile.Profile{first, nil})
	assert.EqualError(t, err, "Profile 1 of the seed is missing.")
	assert.Equal(t, before, dbState(t))
}

func TestSeedConcurrently(t *testing.T) {
	store := postgres.NewProfileStore(db.Reset(t))
	ctx := t.Context()
	const seeders = 4
	results := make([]profile.SeedResult, seeders)
	errs := make([]error, seeders)
	var wg sync.WaitGroup
	for i := range seeders {
		wg.Go(func() {
			results[i], errs[i] = store.Seed(ctx, []*profile.Profile{
				fullProfile("backend-developer", "Backend Developer"),
				fullProfile("data-analyst", "Data Analyst"),
				emptyProfile("ux-writer", "UX Writer"),
			})
		})
	}
	wg.Wait()

	var total profile.SeedResult
	for i := range seeders {
		require.NoError(t, errs[i])
		total.Inserted += results[i].Inserted
		total.Updated += results[i].Updated
		total.Unchanged += results[i].Unchanged
	}
	assert.Equal(t, profile.SeedResult{Inserted: 3, Unchanged: 3 * (seeders - 1)}, total)
	assert.Equal(t, map[string]int{
		"profiles": 3, "sentences": 18, "contrasts": 6, "comparisons": 4, "profile_traits": 6,
	}, rowCounts(t))
}

// TestStoredAsSeeded shows a profile read back as it was seeded, full or
// empty, with its time in UTC.
func TestStoredAsSeeded(t *testing.T) {
	store := postgres.NewProfileStore(db.Reset(t))
	ctx := t.Context()
	full, empty := fullProfile("backend-developer", "Backend Developer"), emptyProfile("ux-writer", "UX Writer")
	_, err := store.Seed(ctx, []*profile.Profile{full, empty})
	require.NoError(t, err)

	for _, want := range []*profile.Profile{full, empty} {
		t.Run(want.Slug, func(t *testing.T) {
			got := loaded(t, store, want.Slug)
			require.NotNil(t, got)
			assert.Equal(t, time.UTC, got.UpdatedAt.Location())
			assert.WithinDuration(t, time.Now(), got.UpdatedAt, time.Minute)
			want.UpdatedAt = updatedAt(t, want.Slug)
			assert.Equal(t, want, got)
		})
	}

	t.Run("no warnings given", func(t *testing.T) {
		p := fullProfile("data-analyst", "Data Analyst")
		p.Warnings = nil
		_, err := store.Seed(ctx, []*profile.Profile{p})
		require.NoError(t, err)
		assert.Equal(t, []profile.Warning{}, loaded(t, store, p.Slug).Warnings, "the API always serves a list")
	})
}
