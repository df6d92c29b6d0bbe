package search_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/karir/karir/internal/profile"
)

// TestRelatedRanking holds the score's rule to exact figures: traits, a
// compared profession (matched without case or accents) and title words,
// rounded half up to four places; ties by title then slug; a profile that
// shares only title words is no candidate.
func TestRelatedRanking(t *testing.T) {
	ix := discovered(t,
		person("Kepala Dinas Sosial", traits("empati", "komunikasi", "tim hore"), traits("kesabaran"), "Pekerja Sosial", "Guru"),
		// 0.6 × 2/4 + 0.15 × 2/4 = 0.375
		person("Kepala Seksi Sosial", traits("komunikasi", "empati", "analisis"), nil),
		// 0.25 + 0.15 × 1/8 = 0.26875, rounded up to 0.2688
		person("Kepala Urusan Rumah Tangga dan Gedung", nil, nil, "pekérja sosial"),
		// 0.6 × 1/3 + 0.15 × 1/6: the same 0.225, the titles break the tie
		person("Bendahara Umum Sosial Daerah", traits("empati"), nil),
		person("Analis Umum Sosial Daerah", traits("empati"), nil),
		// A trait outside the vocabulary counts like any: 0.6 × 1/3
		person("Juru Hore", traits("tim hore"), nil),
		// Title words alone make no candidate.
		person("Kepala Dinas Pangan", traits("kepemimpinan"), nil),
	)
	got := ix.related("kepala-dinas-sosial")
	assert.Equal(t, []profile.RelatedProfile{
		{Slug: "kepala-seksi-sosial", Title: "Kepala Seksi Sosial", Score: 0.375,
			Reason: "Sama-sama menuntut komunikasi dan empati. Judulnya sama-sama memuat kata “kepala” dan “sosial”."},
		{Slug: "kepala-urusan-rumah-tangga-dan-gedung", Title: "Kepala Urusan Rumah Tangga dan Gedung", Score: 0.2688,
			Reason: "Sama-sama dibandingkan dengan Pekerja Sosial. Judulnya sama-sama memuat kata “kepala”."},
		{Slug: "analis-umum-sosial-daerah", Title: "Analis Umum Sosial Daerah", Score: 0.225,
			Reason: "Sama-sama menuntut empati. Judulnya sama-sama memuat kata “sosial”."},
		{Slug: "bendahara-umum-sosial-daerah", Title: "Bendahara Umum Sosial Daerah", Score: 0.225,
			Reason: "Sama-sama menuntut empati. Judulnya sama-sama memuat kata “sosial”."},
		{Slug: "juru-hore", Title: "Juru Hore", Score: 0.2, Reason: "Sama-sama menuntut tim hore."},
	}, got)
}

// TestRelatedKeepsTheBest shows the cut at profile.MaxRelated: the best
// scores, ties in title order.
func TestRelatedKeepsTheBest(t *testing.T) {
	ps := []*profile.Profile{person("Pusat", traits("empati", "analisis"), nil)}
	for i := range 30 {
		fit := traits("empati")
		if i%3 == 0 {
			fit = traits("empati", "analisis")
		}
		ps = append(ps, person(fmt.Sprintf("Profil %02d", i), fit, nil))
	}
	got := discovered(t, ps...).related("pusat")
	var slugs []string
	for _, r := range got {
		slugs = append(slugs, r.Slug)
	}
	assert.Equal(t, []string{"profil-00", "profil-03", "profil-06", "profil-09", "profil-12", "profil-15", "profil-18",
		"profil-21", "profil-24", "profil-27"}, slugs)
	assert.Equal(t, 0.6, got[0].Score)
}
