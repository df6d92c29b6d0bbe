package readmodel_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/readmodel"
)

// loaded returns a model loaded with ps.
func loaded(t *testing.T, ps ...*profile.Profile) *readmodel.Model {
	t.Helper()
	m, _ := newModel(t, ps...)
	require.NoError(t, m.Reload(t.Context()))
	return m
}

// person is a profile made for ranking: its title, fit and non_fit traits
// and the professions it compares itself with.
func person(title string, fit, nonFit []string, professions ...string) *profile.Profile {
	p := &profile.Profile{Slug: profile.Slugify(title), Title: title, Sections: profile.NewSections()}
	p.Sections.Fit.Traits = fit
	p.Sections.NonFit.Traits = nonFit
	for _, prof := range professions {
		p.Sections.Comparisons.Items = append(p.Sections.Comparisons.Items, profile.Comparison{Profession: prof})
	}
	return p
}

func traits(names ...string) []string { return names }

func TestTraitsOfTheSeeds(t *testing.T) {
	m := loaded(t, seeds(t)...)
	got, err := m.Traits(t.Context())
	require.NoError(t, err)
	require.Len(t, got, len(profile.TraitNames()))
	assert.Equal(t, profile.TraitCount{Name: "empati", Label: "Empati", FitCount: 2, NonFitCount: 5}, got[0])
	assert.Equal(t, profile.TraitCount{Name: "komunikasi", Label: "Komunikasi", FitCount: 5, NonFitCount: 3}, got[2])
	assert.Equal(t, profile.TraitCount{Name: "kerja sama tim", Label: "Kerja sama tim", FitCount: 2, NonFitCount: 1}, got[5])
}

func TestRelatedSeeds(t *testing.T) {
	m := loaded(t, seeds(t)...)
	got, err := m.Related(t.Context(), "manajer-pelayanan-sosial")
	require.NoError(t, err)
	require.Len(t, got, 4)
	assert.Equal(t, profile.RelatedProfile{
		Slug:   "direktur-lembaga-kesejahteraan-sosial",
		Title:  "Direktur Lembaga Kesejahteraan Sosial",
		Score:  0.25,
		Reason: "Sama-sama menuntut wawasan sosial, kepemimpinan dan komunikasi. Judulnya sama-sama memuat kata “sosial”.",
	}, got[0])
	assert.Equal(t, "pengelola-program-pengembangan-masyarakat", got[3].Slug)
	assert.Equal(t, "Sama-sama menuntut komunikasi.", got[3].Reason)

	_, err = m.Related(t.Context(), "juru-masak")
	assert.Equal(t, profile.ENOTFOUND, profile.ErrorCode(err))
}

func TestMatchSeeds(t *testing.T) {
	m := loaded(t, seeds(t)...)
	got, err := m.Match(t.Context(), profile.MatchRequest{
		Traits: []string{"empati", "komunikasi"}, Avoid: []string{"kepemimpinan"}, Limit: 3,
	})
	require.NoError(t, err)
	require.Len(t, got, 3)
	assert.Equal(t, profile.MatchResult{
		Slug:     "pengelola-program-pengembangan-masyarakat",
		Title:    "Pengelola Program Pengembangan Masyarakat",
		Score:    66.67,
		Matched:  []string{"komunikasi", "empati"},
		Missing:  []string{"kepedulian"},
		Warnings: []string{"Profil ini tidak cocok bagi orang yang kurang dalam kepedulian."},
	}, got[0])
	assert.Equal(t, "direktur-lembaga-kesejahteraan-sosial", got[2].Slug)
	assert.Equal(t, 8.33, got[2].Score)
	assert.Equal(t, []string{
		"Pekerjaan ini menuntut kepemimpinan, yang ingin Anda hindari.",
		"Profil ini tidak cocok bagi orang yang kurang dalam kepedulian.",
	}, got[2].Warnings)

	for _, req := range []profile.MatchRequest{
		{Traits: []string{"terbang"}, Limit: 3},
		{Traits: []string{"empati"}, Avoid: []string{"malas"}, Limit: 3},
		{Avoid: []string{"empati"}, Limit: 3},
		{Traits: []string{"empati"}},
	} {
		_, err := m.Match(t.Context(), req)
		assert.Equal(t, profile.EINVALID, profile.ErrorCode(err), "%+v", req)
	}
}

// TestDiscoveryFollowsRefresh shows the counts and rankings of the
// snapshot a refresh swaps in.
func TestDiscoveryFollowsRefresh(t *testing.T) {
	m, c := newModel(t, person("Analis", traits("empati"), nil), person("Bendahara", traits("empati"), nil))
	require.NoError(t, m.Reload(t.Context()))
	c.put(person("Camat", traits("empati", "analisis"), nil))
	c.remove("analis")
	require.NoError(t, m.Refresh(t.Context(), []string{"camat", "analis"}))

	got, err := m.Traits(t.Context())
	require.NoError(t, err)
	assert.Equal(t, 2, got[0].FitCount)
	related, err := m.Related(t.Context(), "bendahara")
	require.NoError(t, err)
	assert.Equal(t, []profile.RelatedProfile{{Slug: "camat", Title: "Camat", Score: 0.3, Reason: "Sama-sama menuntut empati."}}, related)
	_, err = m.Related(t.Context(), "analis")
	assert.Equal(t, profile.ENOTFOUND, profile.ErrorCode(err))
}

func TestDiscoveryBeforeTheFirstLoad(t *testing.T) {
	m, _ := newModel(t)
	_, err := m.Traits(t.Context())
	assert.Equal(t, profile.EUNAVAILABLE, profile.ErrorCode(err))
	_, err = m.Related(t.Context(), "analis")
	assert.Equal(t, profile.EUNAVAILABLE, profile.ErrorCode(err))
	_, err = m.Match(t.Context(), profile.MatchRequest{Traits: traits("empati"), Limit: 1})
	assert.Equal(t, profile.EUNAVAILABLE, profile.ErrorCode(err))
}

// TestListTraitFilterPages pages a filter through profiles that span many
// words of the trait bit sets, with page sizes that end inside and at the
// end of a word, and a filter that leaves nothing.
func TestListTraitFilterPages(t *testing.T) {
	var ps []*profile.Profile
	for i := range 300 {
		fit := traits("empati")
		if i%3 == 0 || i%7 == 0 {
			fit = append(fit, "analisis")
		}
		ps = append(ps, person(fmt.Sprintf("Profil %03d", i), fit, nil))
	}
	m := loaded(t, ps...)
	for _, tc := range []struct {
		traits []string
		want   []string
	}{
		{traits("analisis", "empati"), nil},
		{traits("empati"), nil},
		{traits("kesabaran"), []string{}},
	} {
		want := []string{}
		for _, p := range ps {
			if !slices.ContainsFunc(tc.traits, func(t string) bool { return !slices.Contains(p.Sections.Fit.Traits, t) }) {
				want = append(want, p.Slug)
			}
		}
		for _, limit := range []int{1, 5, 64, 100, 1000} {
			got := []string{}
			var after *profile.PageKey
			for {
				page, err := m.List(t.Context(), limit, after, profile.ListFilter{Traits: tc.traits})
				require.NoError(t, err)
				require.Equal(t, len(want), page.Total)
				require.LessOrEqual(t, len(page.Items), limit)
				for _, s := range page.Items {
					got = append(got, s.Slug)
				}
				if page.Next == nil {
					break
				}
				after = page.Next
			}
			assert.Equal(t, want, got, "%v by %d", tc.traits, limit)
		}
	}
}

// TestRefreshedIndexAsReloaded changes, adds and removes random profiles
// in batches and holds every discovery answer of the refreshed model to a
// model loaded afresh from the same catalogue.
func TestRefreshedIndexAsReloaded(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 9))
	names := append(profile.TraitNames(), "tim hore", "jiwa seni")
	words := []string{"Kepala", "Seksi", "Sosial", "Dinas", "Anak", "Lansia", "Wilayah", "Pusat", "Ko"}
	professions := []string{"Pekerja Sosial", "pekérja sosial", "Guru", "Perawat"}
	pick := func(list []string, n int) []string {
		out := []string{}
		for _, i := range r.Perm(len(list))[:n] {
			out = append(out, list[i])
		}
		return out
	}
	random := func(i int) *profile.Profile {
		title := strings.Join(append(pick(words, 1+r.IntN(3)), fmt.Sprint(i)), " ")
		return person(title, pick(names, r.IntN(6)), pick(names, r.IntN(4)), pick(professions, r.IntN(3))...)
	}
	c := &catalogue{profiles: map[string]*profile.Profile{}}
	var slugs []string
	for i := range 150 {
		p := random(i)
		c.put(p)
		slugs = append(slugs, p.Slug)
	}
	m := readmodel.New(c.loader(), readmodel.Options{})
	require.NoError(t, m.Reload(t.Context()))
	for round := range 25 {
		var changed []string
		for range 1 + r.IntN(8) {
			i := r.IntN(len(slugs))
			switch r.IntN(3) {
			case 0:
				c.remove(slugs[i])
			case 1:
				p := random(i)
				p.Title, p.Slug = p.Title+" Baru", slugs[i] // the same slug under a changed title
				c.put(p)
			default:
				p := random(1000*round + i)
				c.put(p)
				slugs = append(slugs, p.Slug)
				changed = append(changed, p.Slug)
			}
			changed = append(changed, slugs[i])
		}
		slices.Sort(changed)
		require.NoError(t, m.Refresh(t.Context(), slices.Compact(changed)))
		fresh := readmodel.New(c.loader(), readmodel.Options{})
		require.NoError(t, fresh.Reload(t.Context()))

		want, err := fresh.Traits(t.Context())
		require.NoError(t, err)
		got, err := m.Traits(t.Context())
		require.NoError(t, err)
		require.Equal(t, want, got, "round %d", round)
		for _, slug := range slugs {
			want, wantErr := fresh.Related(t.Context(), slug)
			got, err := m.Related(t.Context(), slug)
			require.Equal(t, wantErr, err)
			require.Equal(t, want, got, "round %d, %s", round, slug)
		}
		for _, traits := range [][]string{{"empati"}, {"komunikasi", "analisis"}, {"kepemimpinan", "empati", "adaptasi"}} {
			req := profile.MatchRequest{Traits: traits, Avoid: []string{"negosiasi"}, Limit: 30}
			want, err := fresh.Match(t.Context(), req)
			require.NoError(t, err)
			got, err := m.Match(t.Context(), req)
			require.NoError(t, err)
			require.Equal(t, want, got, "round %d, %v", round, traits)
			wantPage, err := fresh.List(t.Context(), 100, nil, profile.ListFilter{Traits: traits})
			require.NoError(t, err)
			gotPage, err := m.List(t.Context(), 100, nil, profile.ListFilter{Traits: traits})
			require.NoError(t, err)
			require.Equal(t, wantPage, gotPage, "round %d, %v", round, traits)
		}
	}
}
