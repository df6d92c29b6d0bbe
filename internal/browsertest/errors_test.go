package browsertest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/profile"
)

// errorPage is what the explorer's error view shows.
type errorPage struct {
	Kind    string `json:"kind"` // <main>'s data-error
	Heading string `json:"heading"`
	// Text is what a reader sees: the technical details stay folded.
	Text          string `json:"text"`
	Retry         string `json:"retry"` // the retry button's label, "" without one
	RetryDisabled bool   `json:"retryDisabled"`
	Technical     string `json:"technical"`
}

func readErrorPage(t *testing.T, tb *tab) errorPage {
	t.Helper()
	return eval[errorPage](t, tb, `(() => {
		const main = document.querySelector('main'), retry = main.querySelector('button.retry')
		return {
			kind: main.dataset.error, heading: main.querySelector('h1').textContent, text: main.innerText,
			retry: retry ? retry.textContent : '', retryDisabled: !!retry?.disabled,
			technical: main.querySelector('details.tech')?.textContent ?? '',
		}
	})()`)
}

// openError opens path in a new tab, the load of failing failing on
// purpose, and returns the tab and the error page it shows.
func openError(t *testing.T, s *site, path, failing string) (*tab, errorPage) {
	t.Helper()
	tb := newTab(t, s)
	tb.expectFailedLoad(failing)
	tb.open(t, path, "error")
	return tb, readErrorPage(t, tb)
}

// problem answers as karir does when it refuses: a problem document, and
// Retry-After when retryAfter is not empty.
func problem(status int, retryAfter, detail string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, _ := json.Marshal(map[string]any{
			"type": "about:blank", "title": http.StatusText(status), "status": status, "detail": detail, "instance": r.URL.Path,
		})
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		w.Header().Set("X-Request-Id", "permintaan-uji-1")
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}
}

// TestNotFound opens a profile no one wrote: it says so in Indonesian,
// leads back to the list, and offers no retry, which would find nothing
// more.
func TestNotFound(t *testing.T) {
	s := newSite(t)
	tb, page := openError(t, s, "/?profil=tidak-ada", "/v1/profiles/tidak-ada")
	assert.Equal(t, "not-found", page.Kind)
	assert.Equal(t, "Tidak ditemukan", page.Heading)
	assert.Contains(t, page.Text, "Tidak ada profil di alamat ini.")
	assert.Empty(t, page.Retry, "retrying finds nothing more")
	assert.NotContains(t, page.Text, "No profile", "the server's English stays in the technical details")
	assert.Contains(t, page.Technical, `No profile has the slug "tidak-ada".`)
	assert.Contains(t, page.Technical, "Status HTTP404")
	tb.run(t, chromedp.Click(`main .actions a[data-nav]`, chromedp.ByQuery), waitView("list"))
}

// TestDeletedProfile opens a profile an editor deleted: the page says so,
// offers no retry, and leads to the profile's history, whose newest
// revision is the delete.
func TestDeletedProfile(t *testing.T) {
	s := newSite(t)
	p := s.profile(t, "manajer-pelayanan-sosial")
	require.NoError(t, s.store.Delete(t.Context(), p.Slug, "editor-a", profile.Condition{IfMatch: &profile.Tags{Any: true}}))
	require.NoError(t, s.model.Reload(t.Context()))
	tb, page := openError(t, s, "/?profil="+p.Slug, "/v1/profiles/"+p.Slug)
	assert.Equal(t, "gone", page.Kind)
	assert.Equal(t, "Profil ini sudah dihapus", page.Heading)
	assert.Contains(t, page.Text, "Editor telah menghapus profil ini")
	assert.Contains(t, page.Text, "Lihat riwayat profil")
	assert.Empty(t, page.Retry, "retrying brings nothing back")
	assert.Contains(t, page.Technical, "Status HTTP410")

	tb.run(t, chromedp.Click(`main .actions a.history`, chromedp.ByQuery), waitView("history"))
	assert.Equal(t, "?riwayat="+p.Slug, eval[string](t, tb, `location.search`))
	assert.Equal(t, "Riwayat "+p.Title, eval[string](t, tb, `document.querySelector('main h1').textContent`))
	assert.Contains(t, eval[string](t, tb, `document.querySelector('main .lead').textContent`), "Profil ini dihapus pada ")
	assert.Equal(t, []string{"delete", "seed"}, eval[[]string](t, tb, `[...document.querySelectorAll('ol.revisions li')].map(li => li.dataset.action)`))
	assert.Contains(t, eval[string](t, tb, `document.querySelector('ol.revisions li').textContent`), "Revisi 2 — dihapus oleh editor-a")
	assert.Equal(t, []string{"/v1/profiles/" + p.Slug + "/revisions/2", "/v1/profiles/" + p.Slug + "/revisions/1"},
		eval[[]string](t, tb, `[...document.querySelectorAll('ol.revisions a.json')].map(a => a.getAttribute('href'))`))
}

// TestRateLimited meets a 429: the page asks the reader to wait, keeps the
// retry button disabled for the seconds Retry-After gives, and a retry
// then shows the profile.
func TestRateLimited(t *testing.T) {
	s := newSite(t)
	path := "/v1/profiles/manajer-pelayanan-sosial"
	stop := s.answer(t, path, problem(http.StatusTooManyRequests, "2",
		"Too many requests from your address; at most 50 per second with bursts of 100. Retry after 2 s."))
	tb, page := openError(t, s, "/?profil=manajer-pelayanan-sosial", path)
	assert.Equal(t, "rate-limited", page.Kind)
	assert.Equal(t, "Terlalu banyak permintaan", page.Heading)
	assert.Contains(t, page.Text, "menahan permintaan dari alamat Anda sebentar")
	assert.True(t, page.RetryDisabled, "retrying before Retry-After is up would be refused again")
	assert.Regexp(t, `^Coba lagi dalam [12] detik$`, page.Retry)
	assert.NotContains(t, page.Text, "Too many requests")
	assert.Contains(t, page.Technical, "Kode permintaanpermintaan-uji-1")

	stop()
	tb.run(t, chromedp.WaitEnabled(`main button.retry`, chromedp.ByQuery))
	assert.Equal(t, "Coba lagi", readErrorPage(t, tb).Retry)
	tb.run(t, chromedp.Click(`main button.retry`, chromedp.ByQuery), waitView("profile"))
}

// TestUnavailable meets a 503 on the list: the page says the service is
// away for a moment, retries after Retry-After, and then shows the list.
func TestUnavailable(t *testing.T) {
	s := newSite(t)
	stop := s.answer(t, "/v1/profiles", problem(http.StatusServiceUnavailable, "2",
		"The database is unavailable. Please try again later."))
	tb, page := openError(t, s, "/", "/v1/profiles?")
	assert.Equal(t, "unavailable", page.Kind)
	assert.Equal(t, "Layanan sedang tidak tersedia", page.Heading)
	assert.Contains(t, page.Text, "tidak dapat menjangkau basis datanya")
	assert.True(t, page.RetryDisabled)
	assert.Regexp(t, `^Coba lagi dalam [12] detik$`, page.Retry)
	assert.NotContains(t, page.Text, "database is unavailable")

	stop()
	tb.run(t, chromedp.WaitEnabled(`main button.retry`, chromedp.ByQuery),
		chromedp.Click(`main button.retry`, chromedp.ByQuery), waitView("list"))
}

// TestOffline loses the network on the way to a profile: the page says the
// device is offline, and shows the profile by itself once the network is
// back.
func TestOffline(t *testing.T) {
	s := newSite(t)
	tb := newTab(t, s)
	tb.open(t, "/", "list")
	tb.expectFailedLoad(s.url)

	tb.run(t, network.EmulateNetworkConditions(true, 0, -1, -1),
		waitFor(`navigator.onLine === false`),
		chromedp.Click(`li.card[data-slug="manajer-pelayanan-sosial"] h2 a`, chromedp.ByQuery), waitView("error"))
	page := readErrorPage(t, tb)
	assert.Equal(t, "offline", page.Kind)
	assert.Equal(t, "Anda sedang luring", page.Heading)
	assert.Contains(t, page.Text, "dimuat ulang sendiri begitu koneksi kembali")
	assert.Equal(t, "Coba lagi", page.Retry)
	assert.False(t, page.RetryDisabled)

	tb.run(t, network.EmulateNetworkConditions(false, 0, -1, -1), waitView("profile"))
	assert.Equal(t, "?profil=manajer-pelayanan-sosial", eval[string](t, tb, `location.search`))
}

// TestServerDown clicks a profile after the server went away: the page
// says the server cannot be reached and offers to try again.
func TestServerDown(t *testing.T) {
	s := newSite(t)
	tb := newTab(t, s)

	tb.open(t, "/", "list")
	s.srv.Close()
	tb.expectFailedLoad(s.url)
	tb.run(t, chromedp.Click(`li.card[data-slug="manajer-pelayanan-sosial"] h2 a`, chromedp.ByQuery), waitView("error"))
	page := readErrorPage(t, tb)
	assert.Equal(t, "unreachable", page.Kind)
	assert.Equal(t, "Server tidak dapat dihubungi", page.Heading)
	assert.Equal(t, "Coba lagi", page.Retry, "the error offers to try again")
}

// TestBadCursor opens a list page whose cursor the server cannot read: the
// page leads back to the first page and offers no retry, which would be
// refused the same way.
func TestBadCursor(t *testing.T) {
	s := newSite(t)
	tb, page := openError(t, s, "/?kursor=rusak", "/v1/profiles?")
	assert.Equal(t, "bad-request", page.Kind)
	assert.Equal(t, "Alamat halaman tidak valid", page.Heading)
	assert.Empty(t, page.Retry)
	assert.Contains(t, page.Technical, "Status HTTP400")
	tb.run(t, chromedp.Click(`main .actions a[data-nav]`, chromedp.ByQuery), waitState("list", ""))
	assert.Equal(t, fmt.Sprint(len(s.profiles)), eval[string](t, tb, `String(document.querySelectorAll('#daftar-profil li.card').length)`))
}
