package browsertest

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/httpapi"
	"github.com/karir/karir/internal/postgres"
	"github.com/karir/karir/internal/profile"
)

// editorToken is the one editor's token of the studio's site.
const editorToken = "rahasia-editor-0123456789"

// newStudioSite serves the seeds with the editors' routes open to
// editorToken, and the read model following the store's notifications as
// karir serve does.
func newStudioSite(t *testing.T) *site {
	t.Helper()
	s := seedSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	var following sync.WaitGroup
	following.Go(func() { _ = s.model.Run(ctx) })
	following.Go(func() {
		_ = postgres.Listen(ctx, s.pool.Config().ConnString(), s.model.Changed, slog.New(slog.DiscardHandler))
	})
	t.Cleanup(func() {
		cancel()
		following.Wait()
	})
	tokens, err := httpapi.ParseTokens("editor:" + editorToken)
	require.NoError(t, err)
	s.serve(t, httpapi.Editing{Service: s.store, Tokens: tokens})
	return s
}

// studioText is a profile text the seeds do not hold, whose comparison
// the parser warns about.
func studioText(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "parser", "testdata", "fresh", "126_koordinator-penggalangan-dana.txt"))
	require.NoError(t, err)
	return string(data)
}

const studioSlug = "koordinator-penggalangan-dana"

// signIn opens path in the studio and signs in with token.
func (tb *tab) signIn(t *testing.T, path, token string) {
	t.Helper()
	tb.run(t,
		chromedp.Navigate(tb.site.url+path),
		chromedp.WaitVisible(`main[data-state="signed-out"] #token`, chromedp.ByQuery),
		chromedp.SendKeys(`#token`, token+kb.Enter, chromedp.ByQuery),
	)
}

// typeText replaces the editor's text, as a paste does.
func (tb *tab) typeText(t *testing.T, text string) {
	t.Helper()
	tb.run(t, chromedp.SetValue(`#teks`, text, chromedp.ByQuery),
		chromedp.Evaluate(`document.getElementById('teks').dispatchEvent(new Event('input')), true`, nil))
}

// waitBase waits until the studio works from revision n of studioSlug.
func waitBase(n string, deleted bool) chromedp.Action {
	return chromedp.WaitVisible(`main[data-state="ready"][data-profile="`+studioSlug+`"][data-base="`+n+`"][data-deleted="`+
		map[bool]string{true: "true", false: "false"}[deleted]+`"] #judul`, chromedp.ByQuery)
}

// revisionAction returns the action of revision n of studioSlug.
func revisionAction(t *testing.T, s *site, n int) profile.Action {
	t.Helper()
	rev, err := s.store.Revision(t.Context(), studioSlug, n)
	require.NoError(t, err)
	return rev.Action
}

// TestStudio walks an editor's whole way: sign in, write a new profile
// with its preview, save, clash with a second tab, read the history and a
// diff, restore, delete and undelete.
func TestStudio(t *testing.T) {
	s := newStudioSite(t)
	a := newTab(t, s)

	a.expectFailedLoad("/restore") // signing in asks with a restore that must be refused
	a.signIn(t, "/edit", "token-yang-salah-sekali")
	a.run(t, chromedp.WaitVisible(`#masuk-pesan`, chromedp.ByQuery))
	assert.Contains(t, eval[string](t, a, `document.getElementById('masuk-pesan').textContent`), "Token salah")
	assert.Empty(t, eval[string](t, a, `sessionStorage.getItem('karir.token') || ''`), "a wrong token is not kept")
	a.run(t, chromedp.SendKeys(`#token`, editorToken+kb.Enter, chromedp.ByQuery),
		chromedp.WaitVisible(`main[data-state="ready"] #teks`, chromedp.ByQuery))
	assert.Equal(t, editorToken, eval[string](t, a, `sessionStorage.getItem('karir.token')`))
	assert.Empty(t, eval[string](t, a, `localStorage.getItem('karir.token') || ''`), "the token stays in the tab")

	// A new text: the six parts and the warning, which leads to its line.
	text := studioText(t)
	a.typeText(t, text)
	a.run(t, chromedp.WaitVisible(`#pratinjau[data-slug="`+studioSlug+`"] .warnings`, chromedp.ByQuery))
	assert.Equal(t, 6, eval[int](t, a, `document.querySelectorAll('#pratinjau .part').length`))
	assert.Equal(t, 1, eval[int](t, a, `document.querySelectorAll('#peringatan li').length`))
	assert.Contains(t, eval[string](t, a, `localStorage.getItem('karir.draf.baru')`), "Koordinator Penggalangan Dana", "the draft is kept while typing")
	a.shoot(t, "studio-preview", false)
	a.run(t, chromedp.Click(`#peringatan button.line`, chromedp.ByQuery))
	line := eval[int](t, a, `Number(document.querySelector('#peringatan button.line').dataset.line)`)
	lines := strings.Split(text, "\n")
	assert.Equal(t, "teks", eval[string](t, a, `document.activeElement.id`))
	assert.Equal(t, lines[line-1], eval[string](t, a, `(() => { const t = document.getElementById('teks'); return t.value.slice(t.selectionStart, t.selectionEnd) })()`))

	// Ctrl+S creates it.
	a.run(t, chromedp.KeyEvent("s", chromedp.KeyModifiers(2)), waitBase("1", false))
	assert.Equal(t, "/edit?profil="+studioSlug, eval[string](t, a, `location.pathname + location.search`))
	assert.Empty(t, eval[string](t, a, `localStorage.getItem('karir.draf.baru') || ''`), "a save clears the draft")

	// A second tab opens it; the first saves an edit of one sentence.
	b := newTab(t, s)
	b.expectFailedLoad("/restore")
	b.signIn(t, "/edit?profil="+studioSlug, editorToken)
	b.run(t, waitBase("1", false))
	a.typeText(t, strings.Replace(text, "Kejujuran juga mutlak", "Kejujuran sangat mutlak", 1))
	a.run(t, chromedp.Click(`#simpan`, chromedp.ByQuery), waitBase("2", false))

	// The second tab's save is refused: it sees what changed, keeps its text.
	theirs := strings.Replace(text, "Orang awam sering mengira", "Banyak orang awam mengira", 1)
	b.expectFailedLoad("/v1/profiles/" + studioSlug)
	b.typeText(t, theirs)
	b.run(t, chromedp.Click(`#simpan`, chromedp.ByQuery), chromedp.WaitVisible(`#konflik .diff[data-from="1"][data-to="2"]`, chromedp.ByQuery))
	assert.Contains(t, eval[string](t, b, `document.querySelector('#konflik .diff-part[data-part="fit"] .added').textContent`), "Kejujuran sangat mutlak")
	assert.Equal(t, theirs, eval[string](t, b, `document.getElementById('teks').value`), "the editor's text stays")
	b.run(t, chromedp.Click(`#konflik-timpa`, chromedp.ByQuery), waitBase("3", false))
	assert.Equal(t, theirs, eval[string](t, b, `document.getElementById('teks').value`))

	// The history: three revisions; two picked show their diff.
	b.run(t, chromedp.Click(`#buka-riwayat`, chromedp.ByQuery), chromedp.WaitVisible(`#riwayat[data-count="3"]`, chromedp.ByQuery))
	assert.Contains(t, eval[string](t, b, `document.querySelector('#riwayat li[data-revision="2"]').textContent`), "Siapa yang Cocok")
	b.run(t,
		chromedp.Click(`#riwayat li[data-revision="1"] input`, chromedp.ByQuery),
		chromedp.Click(`#riwayat li[data-revision="3"] input`, chromedp.ByQuery),
		chromedp.WaitVisible(`#riwayat-beda .diff[data-from="1"][data-to="3"] .text-diff`, chromedp.ByQuery))
	diff := eval[string](t, b, `document.querySelector('#riwayat-beda .diff').textContent`)
	assert.Contains(t, diff, "Miskonsepsi")
	assert.Contains(t, diff, "Banyak orang awam mengira")
	b.shoot(t, "studio-history", false)

	// Restore the first revision: its text is back, as revision 4.
	b.run(t, chromedp.Click(`#riwayat li[data-revision="1"] button.restore`, chromedp.ByQuery), waitBase("4", false),
		chromedp.WaitVisible(`#riwayat[data-count="4"]`, chromedp.ByQuery))
	assert.Equal(t, text, eval[string](t, b, `document.getElementById('teks').value`))
	assert.Equal(t, "restore", eval[string](t, b, `document.querySelector('#riwayat li[data-revision="4"]').dataset.action`))

	// Delete asks first; the deleted profile offers to come back.
	b.run(t, chromedp.Click(`#hapus`, chromedp.ByQuery), chromedp.WaitVisible(`#konfirmasi-hapus`, chromedp.ByQuery))
	assert.Equal(t, "hapus-batal", eval[string](t, b, `document.activeElement.id`), "the safe answer has the focus")
	b.run(t, chromedp.Click(`#hapus-ya`, chromedp.ByQuery), waitBase("5", true), chromedp.WaitVisible(`#terhapus`, chromedp.ByQuery))
	assert.Equal(t, profile.ActionDelete, revisionAction(t, s, 5))
	b.run(t, chromedp.Click(`#batal-hapus`, chromedp.ByQuery), waitBase("6", false))
	assert.Equal(t, text, eval[string](t, b, `document.getElementById('teks').value`))
	assert.Equal(t, profile.ActionRestore, revisionAction(t, s, 6))

	// Signing out forgets the token.
	b.run(t, chromedp.Click(`#keluar`, chromedp.ByQuery), chromedp.WaitVisible(`#masuk`, chromedp.ByQuery))
	assert.Empty(t, eval[string](t, b, `sessionStorage.getItem('karir.token') || ''`))
}

// TestExplorerLinksTheStudio follows a profile page's link into the
// studio, which opens the profile and fits a phone.
func TestExplorerLinksTheStudio(t *testing.T) {
	s := newStudioSite(t)
	tb := newTab(t, s)
	slug := s.profiles[0].Slug
	tb.open(t, "/?profil="+slug, "profile")
	tb.expectFailedLoad("/restore")
	tb.run(t, chromedp.Click(`main a.edit`, chromedp.ByQuery),
		chromedp.WaitVisible(`main[data-state="signed-out"] #token`, chromedp.ByQuery),
		chromedp.SendKeys(`#token`, editorToken+kb.Enter, chromedp.ByQuery),
		chromedp.WaitVisible(`main[data-state="ready"][data-profile="`+slug+`"] #judul`, chromedp.ByQuery))
	assert.Equal(t, s.profiles[0].Title, eval[string](t, tb, `document.getElementById('judul').textContent`))

	// At a phone's width the preview goes below the text, and nothing
	// needs a sideways scroll.
	tb.run(t, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile),
		chromedp.WaitVisible(`#pratinjau`, chromedp.ByQuery))
	assert.LessOrEqual(t, eval[int](t, tb, `document.documentElement.scrollWidth`), 390)
	assert.True(t, eval[bool](t, tb,
		`document.getElementById('pratinjau').getBoundingClientRect().top >= document.getElementById('teks').getBoundingClientRect().bottom`))
}
