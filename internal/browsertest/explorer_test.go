package browsertest

import (
	"fmt"
	"slices"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/profile"
)

// titles returns the titles of profiles.
func titles(profiles []*profile.Profile) []string {
	var out []string
	for _, p := range profiles {
		out = append(out, p.Title)
	}
	return out
}

const cardTitles = `[...document.querySelectorAll('#daftar-profil li.card h2')].map(e => e.textContent)`

func TestListPages(t *testing.T) {
	s := newSite(t)
	tb := newTab(t, s)

	tb.open(t, "/", "list")
	assert.Equal(t, titles(s.profiles), eval[[]string](t, tb, cardTitles))
	assert.Equal(t, "Profil Karier · karir", eval[string](t, tb, `document.title`))
	// The search box shows where the contract has search or suggestions.
	doc := loadContract(t)
	searchable := doc.Paths.Find("/v1/search") != nil || doc.Paths.Find("/v1/suggest") != nil
	assert.Equal(t, !searchable, eval[bool](t, tb, `document.getElementById('cari').hidden`))
	tb.shoot(t, "list", false)

	// Two a page: follow "Berikutnya" to the end.
	tb.open(t, "/?batas=2", "list")
	var seen []string
	for page := 1; ; page++ {
		got := eval[[]string](t, tb, cardTitles)
		assert.Len(t, got, min(2, len(s.profiles)-len(seen)), "page %d", page)
		seen = append(seen, got...)
		if !eval[bool](t, tb, `[...document.querySelectorAll('.pager a')].some(a => a.textContent.startsWith('Berikutnya'))`) {
			break
		}
		tb.run(t,
			chromedp.Evaluate(`[...document.querySelectorAll('.pager a')].find(a => a.textContent.startsWith('Berikutnya')).click()`, nil),
			chromedp.WaitVisible(fmt.Sprintf(`main[data-view=list][data-state=ready] #daftar-profil li.card:nth-child(1) h2 a[href="/?profil=%s"]`, s.profiles[len(seen)].Slug), chromedp.ByQuery))
		assert.Contains(t, eval[string](t, tb, `location.search`), "kursor=", "the page is in the URL")
	}
	assert.Equal(t, titles(s.profiles), seen)
}

// TestReadProfile opens a profile from the list with the keyboard and reads
// every section as the parser made it.
func TestReadProfile(t *testing.T) {
	s := newSite(t)
	tb := newTab(t, s)
	want := s.profile(t, "manajer-pelayanan-sosial")

	tb.open(t, "/", "list")
	tb.run(t,
		chromedp.Focus(`li.card[data-slug="manajer-pelayanan-sosial"] h2 a`, chromedp.ByQuery),
		chromedp.KeyEvent(kb.Enter),
		waitView("profile"))
	assert.Equal(t, "?profil=manajer-pelayanan-sosial", eval[string](t, tb, `location.search`))
	assert.Equal(t, want.Title, eval[string](t, tb, `document.querySelector('main h1').textContent`))
	assert.Equal(t, "H1", eval[string](t, tb, `document.activeElement.tagName`), "the focus moves to the new view's heading")
	assertProfileShown(t, tb, want)
	tb.shoot(t, "profile", false)

	// The back button returns to the list; forward to the profile.
	tb.run(t, chromedp.NavigateBack(), waitView("list"))
	tb.run(t, chromedp.NavigateForward(), waitView("profile"))
	assert.Equal(t, want.Title, eval[string](t, tb, `document.querySelector('main h1').textContent`))
}

// assertProfileShown checks that the page shows the six sections of p, each
// sentence visible with its line, and the pairs side by side.
func assertProfileShown(t *testing.T, tb *tab, p *profile.Profile) {
	t.Helper()
	type shown struct {
		Label     string     `json:"label"`
		Sentences [][]string `json:"sentences"`
		Visible   bool       `json:"visible"`
		Traits    []string   `json:"traits"`
		Pairs     [][]string `json:"pairs"`
	}
	got := eval[map[string]shown](t, tb, `Object.fromEntries([...document.querySelectorAll('section[data-section]')].map(sec => {
		const lis = [...sec.querySelectorAll('li.sentence')]
		return [sec.dataset.section, {
			label: sec.querySelector('h2').textContent,
			sentences: lis.map(li => [li.querySelector('.text').textContent, li.querySelector('.line').textContent]),
			visible: lis.every(li => li.getBoundingClientRect().height > 0 && getComputedStyle(li).visibility === 'visible'),
			traits: [...sec.querySelectorAll('.traits .trait')].map(e => e.textContent),
			pairs: [...sec.querySelectorAll('.pair')].map(pair => [...pair.querySelectorAll('.side p')].map(e => e.textContent)),
		}]
	}))`)
	require.Len(t, got, len(profile.SectionKeys()))
	for _, key := range profile.SectionKeys() {
		var sentences [][]string
		for _, s := range *p.Sections.Sentences(key) {
			sentences = append(sentences, []string{s.Text, "baris " + strconv.Itoa(s.Line)})
		}
		g := got[string(key)]
		assert.Equal(t, key.Label(), g.Label, key)
		assert.Equal(t, sentences, g.Sentences, key)
		assert.True(t, g.Visible, "%s: every sentence is on screen", key)
	}
	assert.Equal(t, p.Sections.Fit.Traits, got["fit"].Traits)
	assert.Equal(t, p.Sections.NonFit.Traits, got["non_fit"].Traits)
	var myths, expectations, comparisons [][]string
	for _, m := range p.Sections.Misconceptions.Items {
		myths = append(myths, []string{m.Myth, m.Reality})
	}
	for _, e := range p.Sections.Expectations.Items {
		expectations = append(expectations, []string{e.Expectation, e.Reality})
	}
	for _, c := range p.Sections.Comparisons.Items {
		comparisons = append(comparisons, []string{c.ThisFocus, c.OtherFocus})
	}
	assert.Equal(t, myths, got["misconceptions"].Pairs)
	assert.Equal(t, expectations, got["expectations"].Pairs)
	assert.Equal(t, comparisons, got["comparisons"].Pairs)
	for _, c := range p.Sections.Comparisons.Items {
		assert.True(t, eval[bool](t, tb, fmt.Sprintf(
			`[...document.querySelectorAll('section[data-section=comparisons] .profession')].some(e => e.textContent === %q)`, c.Profession)),
			"the compared profession %q is named", c.Profession)
	}
	// Myth and reality sit side by side on a wide screen.
	assert.True(t, eval[bool](t, tb, `(() => {
		const [a, b] = document.querySelectorAll('section[data-section=misconceptions] .pair .side')
		return a.getBoundingClientRect().top === b.getBoundingClientRect().top && a.getBoundingClientRect().right <= b.getBoundingClientRect().left
	})()`))
}

func TestCompare(t *testing.T) {
	s := newSite(t)
	tb := newTab(t, s)
	slugs := []string{"manajer-pelayanan-sosial", "pengurus-program-kesejahteraan-sosial"}

	// Pick two profiles in the list; the tray links to their comparison.
	tb.open(t, "/", "list")
	for _, slug := range slugs {
		tb.run(t, chromedp.Click(fmt.Sprintf(`input.pick[data-slug=%q]`, slug), chromedp.ByQuery))
	}
	compared := tb.watch("/v1/compare?slugs=manajer-pelayanan-sosial%2Cpengurus-program-kesejahteraan-sosial")
	tb.run(t, chromedp.Click(`#bandingkan`, chromedp.ByQuery), waitView("compare"))
	assert.Equal(t, int64(200), awaitStatus(t, compared, "/v1/compare"), "the page compares through GET /v1/compare")
	assert.Equal(t, "?banding=manajer-pelayanan-sosial%2Cpengurus-program-kesejahteraan-sosial", eval[string](t, tb, `location.search`))
	assertCompared(t, tb, s, slugs)

	// Add a third from the page itself.
	slugs = append(slugs, "direktur-lembaga-kesejahteraan-sosial")
	tb.run(t,
		chromedp.Evaluate(fmt.Sprintf(`(() => {
			const select = document.getElementById('tambah')
			select.value = %q
			select.dispatchEvent(new Event('change'))
		})()`, slugs[2]), nil),
		chromedp.WaitVisible(`main[data-view=compare][data-state=ready] th[data-slug="direktur-lembaga-kesejahteraan-sosial"]`, chromedp.ByQuery))
	assertCompared(t, tb, s, slugs)
	tb.shoot(t, "compare", false)
}

// assertCompared checks the comparison of slugs: one column each in order,
// the traits they all ask for highlighted, the traits only one asks for
// marked in its column, and one chart row per trait.
func assertCompared(t *testing.T, tb *tab, s *site, slugs []string) {
	t.Helper()
	var shared, all []string
	distinct := map[string][]string{}
	for i, slug := range slugs {
		p := s.profile(t, slug)
		distinct[slug] = []string{}
		for _, trait := range p.Sections.Fit.Traits {
			if !slices.ContainsFunc(slugs, func(other string) bool {
				return other != slug && slices.Contains(s.profile(t, other).Sections.Fit.Traits, trait)
			}) {
				distinct[slug] = append(distinct[slug], trait)
			}
		}
		for _, trait := range p.Sections.Fit.Traits {
			if i == 0 && allHave(t, s, slugs, trait) {
				shared = append(shared, trait)
			}
		}
		for _, trait := range slices.Concat(p.Sections.Fit.Traits, p.Sections.NonFit.Traits) {
			if !slices.Contains(all, trait) {
				all = append(all, trait)
			}
		}
	}
	require.NotEmpty(t, shared, "the test needs profiles that share a trait")
	assert.Equal(t, slugs, eval[[]string](t, tb, `[...document.querySelectorAll('table.compare thead th[data-slug]')].map(e => e.dataset.slug)`))
	assert.Equal(t, shared, eval[[]string](t, tb, `[...document.querySelectorAll('#sifat-bersama + ul .trait.shared')].map(e => e.textContent)`))
	highlighted := eval[[]string](t, tb, `[...new Set([...document.querySelectorAll('table.compare .trait.shared')].map(e => e.textContent))]`)
	assert.ElementsMatch(t, shared, highlighted, "shared traits are highlighted in the columns")
	assert.Equal(t, distinct, eval[map[string][]string](t, tb, `Object.fromEntries([...document.querySelectorAll('table.compare thead th[data-slug]')].map((th, i) =>
		[th.dataset.slug, [...document.querySelectorAll('table.compare tbody tr:nth-child(2) td')[i].querySelectorAll('.trait.distinct')].map(e => e.textContent)]))`))
	rows := eval[[]string](t, tb, `[...document.querySelectorAll('svg.trait-chart g.row')].map(g => g.dataset.trait)`)
	assert.ElementsMatch(t, all, rows, "the chart has a row per trait")
	assert.ElementsMatch(t, shared, eval[[]string](t, tb, `[...document.querySelectorAll('svg.trait-chart g.row.shared')].map(g => g.dataset.trait)`))
}

func allHave(t *testing.T, s *site, slugs []string, trait string) bool {
	for _, slug := range slugs {
		if !slices.Contains(s.profile(t, slug).Sections.Fit.Traits, trait) {
			return false
		}
	}
	return true
}

// TestDeepLinks opens states of the explorer straight from their URL.
func TestDeepLinks(t *testing.T) {
	s := newSite(t)
	tb := newTab(t, s)

	tb.open(t, "/?profil=kepala-bagian-kesejahteraan-masyarakat#bagian-expectations", "profile")
	assertProfileShown(t, tb, s.profile(t, "kepala-bagian-kesejahteraan-masyarakat"))
	top := eval[float64](t, tb, `document.getElementById('bagian-expectations').getBoundingClientRect().top`)
	assert.True(t, top >= 0 && top < 100, "the page opens at the linked section (its top is at %vpx)", top)
	// Following a section link keeps the view (only the fragment changes).
	tb.run(t, chromedp.Click(`.toc a[href="#bagian-comparisons"]`, chromedp.ByQuery))
	assert.Equal(t, "#bagian-comparisons", eval[string](t, tb, `location.hash`))
	assert.Equal(t, "profile", eval[string](t, tb, `document.querySelector('main').dataset.view`))

	slugs := []string{"pengelola-program-pengembangan-masyarakat", "manajer-pelayanan-sosial", "direktur-lembaga-kesejahteraan-sosial"}
	tb.open(t, "/?banding=pengelola-program-pengembangan-masyarakat,manajer-pelayanan-sosial,direktur-lembaga-kesejahteraan-sosial", "compare")
	assert.Equal(t, slugs, eval[[]string](t, tb, `[...document.querySelectorAll('table.compare thead th[data-slug]')].map(e => e.dataset.slug)`))

	tb.open(t, "/?banding=manajer-pelayanan-sosial", "compare")
	assert.Contains(t, eval[string](t, tb, `document.querySelector('main .state.empty').textContent`), "Pilih 2 sampai 4 profil")
}

// TestPhoneWidth reads the pages on a 390-pixel-wide screen: nothing wider
// than the screen, and pairs stacked.
func TestPhoneWidth(t *testing.T) {
	s := newSite(t)
	tb := newTab(t, s)
	tb.run(t, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile))
	fits := `document.documentElement.scrollWidth <= window.innerWidth`

	tb.open(t, "/", "list")
	assert.True(t, eval[bool](t, tb, fits), "list")
	tb.shoot(t, "phone-list", true)

	tb.open(t, "/?profil=manajer-pelayanan-sosial", "profile")
	assert.True(t, eval[bool](t, tb, fits), "profile")
	assert.True(t, eval[bool](t, tb, `(() => {
		const [a, b] = document.querySelectorAll('section[data-section=misconceptions] .pair .side')
		return b.getBoundingClientRect().top >= a.getBoundingClientRect().bottom
	})()`), "myth above reality")
	tb.run(t, chromedp.ScrollIntoView(`section[data-section=misconceptions]`, chromedp.ByQuery))
	tb.shoot(t, "phone-profile", true)

	tb.open(t, "/?banding=manajer-pelayanan-sosial,pengurus-program-kesejahteraan-sosial", "compare")
	assert.True(t, eval[bool](t, tb, fits), "compare: the table scrolls inside its own box")

	tb.open(t, "/?q=evaluasi", "search")
	assert.True(t, eval[bool](t, tb, fits), "search")
	tb.run(t,
		clearBox,
		chromedp.SendKeys(`#cari-q`, "kes", chromedp.ByQuery),
		waitFor(`!document.getElementById('saran').hidden`))
	assert.True(t, eval[bool](t, tb, fits+` && document.getElementById('saran').getBoundingClientRect().right <= window.innerWidth`), "suggestions")
	tb.shoot(t, "phone-search", true)
}
