package httpapi_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/profile"
)

// occupation mirrors the JSON-LD of a profile; the contract checks it.
type occupation struct {
	Context          string   `json:"@context"`
	Type             string   `json:"@type"`
	ID               string   `json:"@id"`
	URL              string   `json:"url"`
	Name             string   `json:"name"`
	Description      string   `json:"description"`
	Responsibilities []string `json:"responsibilities"`
	Skills           []string `json:"skills"`
	Qualifications   []string `json:"qualifications"`
	InLanguage       string   `json:"inLanguage"`
}

func TestProfileAsLinkedData(t *testing.T) {
	a := newAPI(t, nil)
	resp, body := a.do(t, http.MethodGet, manajerPath, http.Header{"Accept": {"application/ld+json"}})

	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "application/ld+json", resp.Header.Get("Content-Type"))
	assert.Equal(t, "Origin, Accept, Accept-Encoding", resp.Header.Get("Vary"))
	got := decode[occupation](t, body)
	want := decode[profile.Profile](t, mustGet(t, a, manajerPath))
	page := a.url + "/?profil=manajer-pelayanan-sosial"
	assert.Equal(t, "https://schema.org", got.Context)
	assert.Equal(t, "Occupation", got.Type)
	assert.Equal(t, page, got.ID)
	assert.Equal(t, page, got.URL)
	assert.Equal(t, want.Title, got.Name)
	assert.Equal(t, want.Summary, got.Description)
	require.Len(t, got.Responsibilities, len(want.Sections.Tasks.Sentences))
	assert.Equal(t, want.Sections.Tasks.Sentences[0].Text, got.Responsibilities[0])
	assert.Equal(t, want.Sections.Fit.Traits, got.Skills)
	require.Len(t, got.Qualifications, len(want.Sections.Fit.Sentences))
	assert.Equal(t, "id", got.InLanguage)

	// The tag revalidates the JSON-LD, not the JSON.
	resp, _ = a.do(t, http.MethodGet, manajerPath, http.Header{"Accept": {"application/ld+json"}, "If-None-Match": {resp.Header.Get("ETag")}})
	assert.Equal(t, http.StatusNotModified, resp.StatusCode)
}

func TestLinkedDataNegotiation(t *testing.T) {
	a := newAPI(t, nil)
	for accept, want := range map[string]string{
		"":                                      "application/json",
		"application/json":                      "application/json",
		"*/*":                                   "application/json",
		"application/ld+json, application/json": "application/json",
		"application/json;q=0.5, application/ld+json": "application/ld+json",
		"APPLICATION/LD+JSON":                         "application/ld+json",
		"application/ld+json, */*;q=0.1":              "application/ld+json",
	} {
		header := http.Header{}
		if accept != "" {
			header.Set("Accept", accept)
		}
		resp, _ := a.do(t, http.MethodGet, manajerPath, header)
		require.Equal(t, http.StatusOK, resp.StatusCode, accept)
		assert.Equal(t, want, resp.Header.Get("Content-Type"), accept)
		assert.Contains(t, resp.Header.Get("Vary"), "Accept,", accept)
	}
	// Sections and the list have one representation.
	resp, _ := a.do(t, http.MethodGet, manajerPath+"/tasks", http.Header{"Accept": {"application/ld+json"}})
	assert.Equal(t, http.StatusNotAcceptable, resp.StatusCode)
	resp, _ = a.do(t, http.MethodGet, "/v1/profiles/tidak-ada", http.Header{"Accept": {"application/ld+json"}})
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
}
