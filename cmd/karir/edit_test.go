package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExportImportRoundTrip(t *testing.T) {
	db.Reset(t)
	vars := env(map[string]string{"DATABASE_URL": db.URL})
	ctx := context.Background()
	require.NoError(t, run(ctx, []string{"seed", seedsDir(t)}, vars, io.Discard))

	file := filepath.Join(t.TempDir(), "katalog.ndjson")
	require.NoError(t, run(ctx, []string{"export", file}, vars, io.Discard))
	exported, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Equal(t, 5, bytes.Count(exported, []byte("\n")), "one document a line")

	db.Reset(t)
	var out bytes.Buffer
	require.NoError(t, run(ctx, []string{"import", file}, vars, &out))
	assert.Equal(t, "imported 5 profiles from "+file+": 5 inserted, 0 updated, 0 unchanged\n", out.String())

	out.Reset()
	require.NoError(t, run(ctx, []string{"export"}, vars, &out))
	assert.Equal(t, string(exported), out.String(), "export, empty database, import: the same documents")
}

// TestSeedCommandKeepsTexts shows that a seed keeps each text it inserts
// or changes in its revision, and writes none for an unchanged file.
func TestSeedCommandKeepsTexts(t *testing.T) {
	db.Reset(t)
	vars := env(map[string]string{"DATABASE_URL": db.URL})
	ctx := context.Background()
	require.NoError(t, run(ctx, []string{"seed", seedsDir(t)}, vars, io.Discard))
	require.NoError(t, run(ctx, []string{"seed", seedsDir(t)}, vars, io.Discard))
	text, err := os.ReadFile(filepath.Join(seedsDir(t), "002_7b24272a60752fdb.txt"))
	require.NoError(t, err)

	var count int
	var stored string
	require.NoError(t, db.Pool.QueryRow(ctx, `SELECT count(*) FROM revisions`).Scan(&count))
	require.NoError(t, db.Pool.QueryRow(ctx,
		`SELECT source_text FROM revisions WHERE slug = 'manajer-pelayanan-sosial' AND revision = 1`).Scan(&stored))
	assert.Equal(t, 5, count, "one revision a profile; the second seed changed nothing")
	assert.Equal(t, string(text), stored)
}

func TestImportRefusesAWholeFile(t *testing.T) {
	db.Reset(t)
	vars := env(map[string]string{"DATABASE_URL": db.URL})
	ctx := context.Background()
	require.NoError(t, run(ctx, []string{"seed", seedsDir(t)}, vars, io.Discard))
	var exported bytes.Buffer
	require.NoError(t, run(ctx, []string{"export"}, vars, &exported))
	lines := strings.SplitAfter(exported.String(), "\n")
	db.Reset(t)

	dir := t.TempDir()
	for _, tc := range []struct {
		name, content, want string
	}{
		{"bad JSON on line 3", lines[0] + lines[1] + "{\n" + lines[2],
			"%s:3: The document is not valid JSON: it ends in the middle of a value."},
		{"invalid document", lines[0] + strings.Replace(lines[1], `"title":"`, `"title":"X`, 1),
			`%s:2: The profile's slug is`},
		{"a slug twice", lines[0] + lines[1] + "\n" + lines[0],
			`%s:4: the slug "direktur-lembaga-kesejahteraan-sosial" is already on line 1`},
		{"empty", "\n", "%s: no profiles to import"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".ndjson")
			require.NoError(t, os.WriteFile(file, []byte(tc.content), 0o644))
			err := run(ctx, []string{"import", file}, vars, io.Discard)
			require.Error(t, err)
			assert.Contains(t, err.Error(), strings.ReplaceAll(tc.want, "%s", file))
			assert.Equal(t, 0, countProfiles(t), "nothing is imported")
		})
	}
	assert.True(t, errors.As(run(ctx, []string{"import"}, vars, io.Discard), new(usageError)))
	assert.True(t, errors.As(run(ctx, []string{"export", "a", "b"}, vars, io.Discard), new(usageError)))
}

func TestServeRefusesBadEditingSettings(t *testing.T) {
	const secret = "rahasia-yang-panjang-sekali"
	for _, tc := range []struct {
		tokens, origins, want string
	}{
		{secret, "", "KARIR_ADMIN_TOKENS: entry 1 is not name:token"},
		{"alice:pendek", "", `KARIR_ADMIN_TOKENS: entry 1: the token of "alice" is shorter than 16 characters`},
		{"alice:" + secret + ",alice:" + secret + "2", "", `KARIR_ADMIN_TOKENS: entry 2: the name "alice" is given twice`},
		{"ali ce:" + secret, "", "KARIR_ADMIN_TOKENS: entry 1: the name must be 1 to 64 letters, digits, '.', '_' or '-'"},
		{"alice:" + secret, "https://editor.contoh.id/path", `KARIR_CORS_ORIGINS: "https://editor.contoh.id/path" is not an origin such as https://editor.example.org`},
		{"alice:" + secret, "*", `KARIR_CORS_ORIGINS: "*" is not an origin such as https://editor.example.org`},
	} {
		vars := env(map[string]string{
			"DATABASE_URL": db.URL, "KARIR_ADDR": "127.0.0.1:0",
			"KARIR_ADMIN_TOKENS": tc.tokens, "KARIR_CORS_ORIGINS": tc.origins,
		})
		err := run(context.Background(), []string{"serve"}, vars, io.Discard)
		assert.EqualError(t, err, tc.want)
		assert.NotContains(t, err.Error(), secret)
	}
}

// TestServeEditing writes through a served API with a token and looks for
// the token in the log.
func TestServeEditing(t *testing.T) {
	db.Reset(t)
	const token = "token-penyunting-0123456789"
	vars := env(map[string]string{
		"DATABASE_URL": db.URL, "KARIR_ADDR": "127.0.0.1:0",
		"KARIR_ADMIN_TOKENS": "sari:" + token, "KARIR_CORS_ORIGINS": "https://editor.contoh.id",
	})
	addr, logs, stop := startServe(t, vars)

	text, err := os.ReadFile(filepath.Join(seedsDir(t), "002_7b24272a60752fdb.txt"))
	require.NoError(t, err)
	req, err := http.NewRequest(http.MethodPost, "http://"+addr+"/v1/profiles", bytes.NewReader(text))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "text/plain; charset=utf-8")
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Origin", "https://editor.contoh.id")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Equal(t, "https://editor.contoh.id", resp.Header.Get("Access-Control-Allow-Origin"))

	require.NoError(t, stop())
	assert.Contains(t, logs.String(), `"msg":"editing","editors":["sari"],"write_origins":["https://editor.contoh.id"]`)
	assert.Contains(t, logs.String(), `"status":201`)
	assert.NotContains(t, logs.String(), token)
}
