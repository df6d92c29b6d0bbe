package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// apiGet decodes the JSON answer of the site to path, as a client of the API
// reads it: what the page shows is checked against it.
func (s *site) apiGet(t *testing.T, path string, v any) {
	t.Helper()
	resp, err := http.Get(s.url + path)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, path)
	require.NoError(t, json.NewDecoder(resp.Body).Decode(v))
}

type suggestion struct {
	Slug  string `json:"slug"`
	Title string `json:"title"`
}

// waitFor waits until the JavaScript expression is true, as long as the
// step allows (tab.run's deadline).
func waitFor(expr string) chromedp.Action {
	return chromedp.Poll(expr, nil, chromedp.WithPollingTimeout(0))
}

// clearBox empties the search box, as selecting its text and deleting it
// would, without suggestions for the empty text.
var clearBox = chromedp.Evaluate(`document.getElementById('cari-q').value = ''`, nil)

// waitState waits until the explorer shows view ready for the URL query.
func waitState(view, search string) chromedp.Action {
	return waitFor(fmt.Sprintf(`location.search === %q && document.querySelector('main').dataset.view === %q && document.querySelector('main').dataset.state === 'ready'`, search, view))
}

// press presses a key as a keyboard does: one keyDown that carries the
// key's text, so that a keydown handler's preventDefault keeps the
// character out (no "/" typed in the box, no form submitted by Enter).
// chromedp.KeyEvent sends the text in a separate char event, which no
// keydown handler can cancel.
func press(key, code, text string, keyCode int64) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		down := input.DispatchKeyEvent(input.KeyDown).WithKey(key).WithCode(code).
			WithText(text).WithUnmodifiedText(text).WithWindowsVirtualKeyCode(keyCode).WithNativeVirtualKeyCode(keyCode)
		if err := down.Do(ctx); err != nil {
			return err
		}
		return input.DispatchKeyEvent(input.KeyUp).WithKey(key).WithCode(code).
			WithWindowsVirtualKeyCode(keyCode).WithNativeVirtualKeyCode(keyCode).Do(ctx)
	})
}

var (
	pressSlash = press("/", "Slash", "/", 191)
	pressEnter = press("Enter", "Enter", "\r", 13)
)

const suggestions = `JSON.stringify([...document.querySelectorAll('#saran:not([hidden]) [role=option]')].map(o => o.dataset.slug))`

// TestSuggestions types in the search box and picks a suggestion, with the
// keyboard and with the mouse.
func TestSuggestions(t *testing.T) {
	s := newSite(t)
	tb := newTab(t, s)
	var kes struct{ Items []suggestion }
	s.apiGet(t, "/v1/suggest?q=kes", &kes)
	require.Greater(t, len(kes.Items), 1, "the test needs two suggestions for “kes”")
	want, err := json.Marshal(slugsOf(kes.Items))
	require.NoError(t, err)

	// "/" jumps to the box; the suggestions are the API's, in its order.
	tb.open(t, "/", "list")
	tb.run(t,
		pressSlash,
		waitFor(`document.activeElement.id === 'cari-q'`),
		chromedp.KeyEvent("kes"),
		waitFor(fmt.Sprintf(`%s === %q`, suggestions, want)))
	assert.Equal(t, titlesOf(kes.Items), eval[[]string](t, tb, `[...document.querySelectorAll('#saran [role=option]')].map(o => o.textContent)`))
	assert.Equal(t, "true", eval[string](t, tb, `document.getElementById('cari-q').getAttribute('aria-expanded')`))

	// Down twice and Enter opens the second suggestion.
	second := kes.Items[1]
	tb.run(t, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown),
		waitFor(`document.getElementById('cari-q').getAttribute('aria-activedescendant') === 'saran-1'`),
		pressEnter,
		waitState("profile", "?profil="+second.Slug))
	assert.Equal(t, second.Title, eval[string](t, tb, `document.querySelector('main h1').textContent`))
	assert.True(t, eval[bool](t, tb, `document.getElementById('saran').hidden`), "the suggestions close")
	assert.Empty(t, eval[string](t, tb, `document.getElementById('cari-q').value`), "the box holds what the URL does")
	assertProfileShown(t, tb, s.profile(t, second.Slug))

	// The mouse picks one as well.
	var man struct{ Items []suggestion }
	s.apiGet(t, "/v1/suggest?q=manajer", &man)
	require.NotEmpty(t, man.Items)
	want, err = json.Marshal(slugsOf(man.Items))
	require.NoError(t, err)
	tb.run(t,
		clearBox,
		chromedp.SendKeys(`#cari-q`, "manajer", chromedp.ByQuery),
		waitFor(fmt.Sprintf(`%s === %q`, suggestions, want)),
		chromedp.Click(fmt.Sprintf(`#saran [data-slug=%q]`, man.Items[0].Slug), chromedp.ByQuery),
		waitState("profile", "?profil="+man.Items[0].Slug))
	assert.Equal(t, man.Items[0].Title, eval[string](t, tb, `document.querySelector('main h1').textContent`))

	// Escape closes the list without leaving the page.
	tb.run(t,
		clearBox,
		chromedp.SendKeys(`#cari-q`, "kes", chromedp.ByQuery),
		waitFor(`!document.getElementById('saran').hidden`),
		chromedp.KeyEvent(kb.Escape),
		waitFor(`document.getElementById('saran').hidden`))
	assert.Equal(t, "?profil="+man.Items[0].Slug, eval[string](t, tb, `location.search`))
}

// TestSearchCancelsSuggestions submits a search while suggestions for the
// text are on their way: the page cancels them, so that no stale list opens
// over the results.
func TestSearchCancelsSuggestions(t *testing.T) {
	s := newSite(t)
	tb := newTab(t, s)
	s.hold(t, "/v1/suggest")
	canceled := tb.watchCancel("/v1/suggest?q=evaluasi")

	tb.open(t, "/", "list")
	tb.run(t,
		chromedp.SendKeys(`#cari-q`, "evaluasi", chromedp.ByQuery),
		pressEnter,
		waitState("search", "?q=evaluasi"))
	select {
	case <-canceled:
	case <-time.After(stepTimeout):
		t.Fatal("the suggestions asked before the search were not cancelled")
	}
	assert.True(t, eval[bool](t, tb, `document.getElementById('saran').hidden`))
}

func slugsOf(items []suggestion) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Slug)
	}
	return out
}

func titlesOf(items []suggestion) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Title)
	}
	return out
}

// searchResult is the part of GET /v1/search's answer the page shows.
type searchResult struct {
	Total int `json:"total"`
	Items []struct {
		Slug    string `json:"slug"`
		Title   string `json:"title"`
		Matches []struct {
			Text    string `json:"text"`
			Snippet string `json:"snippet"`
		} `json:"matches"`
	} `json:"items"`
}

// shownResults reads the result cards: the slug and, per match, the
// snippet's text, its marked words and the tags it holds.
const shownResults = `[...document.querySelectorAll('ol.results li.card')].map(li => ({
	slug: li.dataset.slug,
	snippets: [...li.querySelectorAll('.snippet')].map(s => ({
		text: s.textContent,
		marks: [...s.querySelectorAll('mark')].map(m => m.textContent),
		tags: [...s.querySelectorAll('*')].map(e => e.tagName),
	})),
}))`

type shownResult struct {
	Slug     string `json:"slug"`
	Snippets []struct {
		Text  string   `json:"text"`
		Marks []string `json:"marks"`
		Tags  []string `json:"tags"`
	} `json:"snippets"`
}

// TestSearch submits a search and reads the results: the API's profiles in
// its order, each sentence with the matched words marked.
func TestSearch(t *testing.T) {
	s := newSite(t)
	tb := newTab(t, s)

	tb.open(t, "/", "list")
	tb.run(t,
		chromedp.SendKeys(`#cari-q`, "evaluasi", chromedp.ByQuery),
		pressEnter,
		waitState("search", "?q=evaluasi"))
	var want searchResult
	s.apiGet(t, "/v1/search?q=evaluasi", &want)
	require.NotEmpty(t, want.Items)
	got := eval[[]shownResult](t, tb, shownResults)
	require.Len(t, got, len(want.Items))
	for i, item := range want.Items {
		assert.Equal(t, item.Slug, got[i].Slug)
		require.Len(t, got[i].Snippets, len(item.Matches), item.Slug)
		for j, m := range item.Matches {
			shown := got[i].Snippets[j]
			assert.Equal(t, m.Text, shown.Text, "the snippet reads as the sentence")
			assert.NotEmpty(t, shown.Marks, "%s: a word is marked", item.Slug)
			for _, mark := range shown.Marks {
				assert.Equal(t, "evaluasi", strings.ToLower(mark))
			}
		}
	}
	assert.Contains(t, eval[string](t, tb, `document.querySelector('main .lead').textContent`), fmt.Sprintf("%d profil ditemukan", want.Total))
	tb.shoot(t, "search", false)

	// Two a page: the pages keep the query.
	tb.open(t, "/?q=evaluasi&batas=2", "search")
	var paged []string
	for {
		for _, r := range eval[[]shownResult](t, tb, shownResults) {
			paged = append(paged, r.Slug)
		}
		if !eval[bool](t, tb, `[...document.querySelectorAll('.pager a')].some(a => a.textContent.startsWith('Berikutnya'))`) {
			break
		}
		tb.run(t,
			chromedp.Evaluate(`[...document.querySelectorAll('.pager a')].find(a => a.textContent.startsWith('Berikutnya')).click()`, nil),
			waitFor(fmt.Sprintf(`document.querySelector('main').dataset.state === 'ready' && document.querySelector('ol.results li.card')?.dataset.slug === %q`, want.Items[len(paged)].Slug)))
		assert.Contains(t, eval[string](t, tb, `location.search`), "q=evaluasi")
	}
	var wantSlugs []string
	for _, item := range want.Items {
		wantSlugs = append(wantSlugs, item.Slug)
	}
	assert.Equal(t, wantSlugs, paged)

	// A deep link to a search shows its query in the box; a misspelled word
	// finds its profiles by similar spelling, and the page says so.
	tb.open(t, "/?q=komunkasi", "search")
	assert.Equal(t, "komunkasi", eval[string](t, tb, `document.getElementById('cari-q').value`))
	var fuzzy struct {
		Fuzzy bool `json:"fuzzy"`
		searchResult
	}
	s.apiGet(t, "/v1/search?q=komunkasi", &fuzzy)
	require.True(t, fuzzy.Fuzzy)
	require.NotEmpty(t, fuzzy.Items)
	assert.Contains(t, eval[string](t, tb, `document.querySelector('main .notice').textContent`), "ejaan yang mirip")
	assert.Len(t, eval[[]shownResult](t, tb, shownResults), len(fuzzy.Items))

	// A search that finds nothing says so.
	tb.open(t, "/?q=zzzqqqxxx", "search")
	assert.Contains(t, eval[string](t, tb, `document.querySelector('main .state.empty').textContent`), "Tidak ada profil yang cocok")
}

// TestSearchShowsMarkupAsText searches a profile whose text holds HTML:
// in the snippet its tags come out as text, only <mark> is an element, and
// its script never runs; nor on the profile's page.
func TestSearchShowsMarkupAsText(t *testing.T) {
	const markup = `<b>tebal</b> & <script>window.pwned = 1</script>`
	s := newSite(t, func(name string, text []byte) []byte {
		if name != "000_ed1c257391812fa3.txt" {
			return text
		}
		return bytes.Replace(text, []byte("pemantauan dan evaluasi"), []byte("pemantauan dan evaluasi "+markup), 1)
	})
	tb := newTab(t, s)

	tb.open(t, "/", "list")
	tb.run(t,
		chromedp.SendKeys(`#cari-q`, "tebal", chromedp.ByQuery),
		pressEnter,
		waitState("search", "?q=tebal"))
	got := eval[[]shownResult](t, tb, shownResults)
	require.Len(t, got, 1)
	require.Len(t, got[0].Snippets, 1)
	assert.Equal(t, "pengurus-program-kesejahteraan-sosial", got[0].Slug)
	assert.Contains(t, got[0].Snippets[0].Text, markup)
	assert.Equal(t, []string{"tebal"}, got[0].Snippets[0].Marks)
	assert.Equal(t, []string{"MARK"}, got[0].Snippets[0].Tags)
	assert.False(t, eval[bool](t, tb, `'pwned' in window`))

	// The result opens the profile, where the text is shown as written.
	tb.run(t,
		chromedp.Click(`ol.results li.card h2 a`, chromedp.ByQuery),
		waitState("profile", "?profil=pengurus-program-kesejahteraan-sosial"))
	assertProfileShown(t, tb, s.profile(t, "pengurus-program-kesejahteraan-sosial"))
	assert.False(t, eval[bool](t, tb, `'pwned' in window || !!document.querySelector('main b, main script')`))
}

// TestTraitFilter narrows the list to the profiles that ask for chosen
// traits, pages through the narrowed list and restores it from its URL.
func TestTraitFilter(t *testing.T) {
	s := newSite(t)
	tb := newTab(t, s)
	having := func(traits ...string) []string {
		var out []string
		for _, p := range s.profiles {
			if !slices.ContainsFunc(traits, func(t string) bool { return !slices.Contains(p.Sections.Fit.Traits, t) }) {
				out = append(out, p.Title)
			}
		}
		return out
	}
	leaders := having("kepemimpinan")
	require.Len(t, leaders, 3, "the test needs three profiles asking for kepemimpinan")
	both := having("kepemimpinan", "kerja sama tim")
	require.NotEmpty(t, both)
	require.Less(t, len(both), len(leaders))
	toggle := func(trait string) string {
		return fmt.Sprintf(`.filter a.trait.toggle[data-trait=%q]`, trait)
	}
	pressed := `[...document.querySelectorAll('.filter a.trait.toggle[aria-pressed=true]')].map(a => a.textContent)`

	tb.open(t, "/", "list")
	tb.run(t, chromedp.Click(toggle("kepemimpinan"), chromedp.ByQuery), waitState("list", "?sifat=kepemimpinan"))
	assert.Equal(t, leaders, eval[[]string](t, tb, cardTitles))
	assert.Equal(t, []string{"Kepemimpinan (3)"}, eval[[]string](t, tb, pressed))
	tb.run(t, chromedp.Click(toggle("kerja sama tim"), chromedp.ByQuery), waitState("list", "?sifat=kepemimpinan&sifat=kerja+sama+tim"))
	assert.Equal(t, both, eval[[]string](t, tb, cardTitles))
	// Pressing a chosen trait again lets it go.
	tb.run(t, chromedp.Click(toggle("kerja sama tim"), chromedp.ByQuery), waitState("list", "?sifat=kepemimpinan"))
	assert.Equal(t, leaders, eval[[]string](t, tb, cardTitles))

	// A deep link restores the filter; the pages keep it.
	tb.open(t, "/?batas=2&sifat=kepemimpinan", "list")
	assert.Equal(t, []string{"Kepemimpinan (3)"}, eval[[]string](t, tb, pressed))
	assert.Equal(t, leaders[:2], eval[[]string](t, tb, cardTitles))
	tb.run(t,
		chromedp.Click(`.pager a:last-child`, chromedp.ByQuery),
		waitFor(`location.search.includes('kursor=') && document.querySelector('main').dataset.state === 'ready'`))
	assert.Equal(t, leaders[2:], eval[[]string](t, tb, cardTitles))
	next, err := url.ParseQuery(strings.TrimPrefix(eval[string](t, tb, `location.search`), "?"))
	require.NoError(t, err)
	assert.Equal(t, []string{"kepemimpinan"}, next["sifat"], "the URL keeps the filter")
	assert.Equal(t, []string{"Kepemimpinan (3)"}, eval[[]string](t, tb, pressed))
	assert.False(t, eval[bool](t, tb, `[...document.querySelectorAll('.pager a')].some(a => a.textContent.startsWith('Berikutnya'))`))
}

// TestRelated shows a profile's related profiles as the API ranks them and
// follows one.
func TestRelated(t *testing.T) {
	s := newSite(t)
	tb := newTab(t, s)
	var want struct {
		Items []struct {
			Slug   string `json:"slug"`
			Title  string `json:"title"`
			Reason string `json:"reason"`
		}
	}
	s.apiGet(t, "/v1/profiles/manajer-pelayanan-sosial/related", &want)
	require.NotEmpty(t, want.Items)
	var rows [][]string
	for _, it := range want.Items {
		rows = append(rows, []string{it.Slug, it.Title + " — " + it.Reason})
	}

	tb.open(t, "/?profil=manajer-pelayanan-sosial", "profile")
	assert.Equal(t, "Profil serupa", eval[string](t, tb, `document.querySelector('#serupa h2').textContent`))
	assert.Equal(t, rows, eval[[][]string](t, tb, `[...document.querySelectorAll('#serupa li')].map(li => [li.dataset.slug, li.textContent])`))
	first := want.Items[0]
	tb.run(t,
		chromedp.Click(fmt.Sprintf(`#serupa li[data-slug=%q] a`, first.Slug), chromedp.ByQuery),
		waitState("profile", "?profil="+first.Slug))
	assert.Equal(t, first.Title, eval[string](t, tb, `document.querySelector('main h1').textContent`))
}

// awaitStatus returns the status of the response ch reports, failing the
// test when none comes within stepTimeout.
func awaitStatus(t *testing.T, ch <-chan int64, what string) int64 {
	t.Helper()
	select {
	case status := <-ch:
		return status
	case <-time.After(stepTimeout):
		t.Fatalf("the page did not request %s", what)
		return 0
	}
}
