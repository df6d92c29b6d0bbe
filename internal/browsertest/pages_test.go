package browsertest

import (
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
)

// TestProfilePageWithoutJavaScript reads a profile's page as a crawler or
// a reader without JavaScript does: the server's markup alone carries the
// title and the text.
func TestProfilePageWithoutJavaScript(t *testing.T) {
	s := newSite(t)
	tb := newTab(t, s)
	want := s.profile(t, "manajer-pelayanan-sosial")

	tb.run(t, emulation.SetScriptExecutionDisabled(true),
		chromedp.Navigate(s.url+"/?profil="+want.Slug),
		chromedp.WaitVisible(`main h1`, chromedp.ByQuery))

	assert.Equal(t, want.Title+" · karir", eval[string](t, tb, `document.title`))
	assert.Equal(t, want.Title, eval[string](t, tb, `document.querySelector('main h1').textContent`))
	assert.Equal(t, want.Summary, eval[string](t, tb, `document.querySelector('main .lead').textContent`))
	assert.Equal(t, want.Sections.Tasks.Sentences[0].Text,
		eval[string](t, tb, `document.querySelector('#bagian-tasks ol.sentences li').textContent`))
	assert.Equal(t, "loading", eval[string](t, tb, `document.querySelector('main').dataset.state`), "no script ran")
	tb.shoot(t, "profile-without-javascript", false)
}

// TestProfilePageScriptsTakeOver opens a profile's page with JavaScript:
// the explorer renders its own view over the server's markup, as on any
// other page.
func TestProfilePageScriptsTakeOver(t *testing.T) {
	s := newSite(t)
	tb := newTab(t, s)
	want := s.profile(t, "manajer-pelayanan-sosial")

	tb.open(t, "/?profil="+want.Slug, "profile")
	assertProfileShown(t, tb, want)
	assert.Equal(t, 1, eval[int](t, tb, `document.querySelectorAll('main h1').length`))
	assert.Equal(t, 1, eval[int](t, tb, `document.querySelectorAll('script[type="application/ld+json"]').length`))
}
