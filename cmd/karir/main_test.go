package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/pgtest"
	"github.com/karir/karir/internal/profile"
)

var db *pgtest.DB

func TestMain(m *testing.M) {
	db = pgtest.Create()
	code := m.Run()
	db.Drop()
	os.Exit(code)
}

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func seedsDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "seeds"))
	require.NoError(t, err)
	return dir
}

func TestParseCommand(t *testing.T) {
	file := filepath.Join(seedsDir(t), "004_7d2de9d7c1354217.txt")
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"parse", file}, env(nil), &out))

	data, err := os.ReadFile(file)
	require.NoError(t, err)
	want, err := profile.Parse(file, data)
	require.NoError(t, err)
	var got profile.Profile
	require.NoError(t, json.Unmarshal(out.Bytes(), &got))
	assert.Equal(t, *want, got)
	assert.Equal(t, "direktur-lembaga-kesejahteraan-sosial", got.Slug)
	assert.NotContains(t, out.String(), "updated_at", "a parsed profile has not been stored")
}

func TestParseCommandPrintsEveryFile(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(seedsDir(t), "*.txt"))
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), append([]string{"parse"}, files...), env(nil), &out))
	dec := json.NewDecoder(&out)
	var slugs []string
	for {
		var p profile.Profile
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else {
			require.NoError(t, err)
		}
		slugs = append(slugs, p.Slug)
	}
	assert.Equal(t, []string{
		"pengurus-program-kesejahteraan-sosial", "kepala-bagian-kesejahteraan-masyarakat",
		"manajer-pelayanan-sosial", "pengelola-program-pengembangan-masyarakat",
		"direktur-lembaga-kesejahteraan-sosial",
	}, slugs)
}

func TestParseCommandRefuses(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
		return path
	}
	good := filepath.Join(seedsDir(t), "000_ed1c257391812fa3.txt")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"empty file", []string{write("empty.txt", "")}, dir + "/empty.txt: input is empty"},
		{"invalid utf-8", []string{write("bad.txt", "Satu.\nDua \xfe.")}, dir + "/bad.txt:2: input is not valid UTF-8"},
		{"too large", []string{write("big.txt", strings.Repeat("kata ", profile.MaxInputSize))}, dir + "/big.txt: input is 1048577 bytes, more than the 1 MiB limit"},
		{"missing file", []string{dir + "/nope.txt"}, dir + "/nope.txt: cannot read: no such file or directory"},
		{"one bad among good ones", []string{good, write("prose.txt", "Hari ini cerah sekali.")}, dir + "/prose.txt: no recognisable section: the text does not read as a job profile"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			err := run(context.Background(), append([]string{"parse"}, tt.args...), env(nil), &out)
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
			assert.NotContains(t, err.Error(), "\n", "one line on stderr")
			assert.False(t, errors.As(err, new(usageError)), "bad input exits 1, not 2")
			assert.Empty(t, out.String(), "nothing is printed when a file is refused")
		})
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{nil, {"frobnicate"}, {"parse"}, {"migrate"}, {"migrate", "sideways"}, {"seed", "a", "b"}, {"serve", "x"}, {"serve", "--help", "x"}, {"version", "x"}} {
		// A usage error is reported first, whether DATABASE_URL is set or not.
		for _, vars := range []map[string]string{{"DATABASE_URL": db.URL}, nil} {
			err := run(context.Background(), args, env(vars), io.Discard)
			assert.True(t, errors.As(err, new(usageError)), "%v: %v", args, err)
		}
	}
	err := run(context.Background(), []string{"seed"}, env(nil), io.Discard)
	assert.EqualError(t, err, "DATABASE_URL is not set")
}

func countProfiles(t *testing.T) int {
	t.Helper()
	var n int
	require.NoError(t, db.Pool.QueryRow(context.Background(), "SELECT count(*) FROM profiles").Scan(&n))
	return n
}

func TestSeedCommand(t *testing.T) {
	db.Reset(t)
	vars := env(map[string]string{"DATABASE_URL": db.URL})
	dir := seedsDir(t)

	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"seed", dir}, vars, &out))
	assert.Equal(t, "seeded 5 profiles from "+dir+": 5 inserted, 0 updated, 0 unchanged\n", out.String())
	assert.Equal(t, 5, countProfiles(t))

	out.Reset()
	require.NoError(t, run(context.Background(), []string{"seed", dir}, vars, &out))
	assert.Equal(t, "seeded 5 profiles from "+dir+": 0 inserted, 0 updated, 5 unchanged; nothing changed\n", out.String())

	// One edited file is an update; the rest stay as they were.
	edited := t.TempDir()
	for _, name := range []string{"000_ed1c257391812fa3.txt", "001_4fa8a5dff1a9e866.txt"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		if name == "001_4fa8a5dff1a9e866.txt" {
			data = bytes.Replace(data, []byte("merancang, mengawasi"), []byte("merancang, memimpin, mengawasi"), 1)
		}
		require.NoError(t, os.WriteFile(filepath.Join(edited, name), data, 0o644))
	}
	out.Reset()
	require.NoError(t, run(context.Background(), []string{"seed", edited}, vars, &out))
	assert.Equal(t, "seeded 2 profiles from "+edited+": 0 inserted, 1 updated, 1 unchanged\n", out.String())
}

func TestSeedCommandWritesNothingWhenOneFileIsBad(t *testing.T) {
	db.Reset(t)
	vars := env(map[string]string{"DATABASE_URL": db.URL})
	dir := t.TempDir()
	for _, name := range []string{"000_ed1c257391812fa3.txt", "001_4fa8a5dff1a9e866.txt"} {
		data, err := os.ReadFile(filepath.Join(seedsDir(t), name))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o644))
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "002_bad.txt"), []byte("Baris satu.\n\xff"), 0o644))

	err := run(context.Background(), []string{"seed", dir}, vars, io.Discard)
	require.EqualError(t, err, dir+"/002_bad.txt:2: input is not valid UTF-8")
	assert.Equal(t, 0, countProfiles(t))

	// Two files naming the same job are refused together, too.
	require.NoError(t, os.Remove(filepath.Join(dir, "002_bad.txt")))
	data, err := os.ReadFile(filepath.Join(dir, "000_ed1c257391812fa3.txt"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "003_copy.txt"), data, 0o644))
	err = run(context.Background(), []string{"seed", dir}, vars, io.Discard)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "000_ed1c257391812fa3.txt")
	assert.Contains(t, err.Error(), "003_copy.txt")
	assert.Equal(t, 0, countProfiles(t))
}

func TestSeedCommandFolderErrors(t *testing.T) {
	vars := env(map[string]string{"DATABASE_URL": db.URL})
	empty := t.TempDir()
	assert.EqualError(t, run(context.Background(), []string{"seed", empty}, vars, io.Discard), empty+": no *.txt files to seed")
	assert.EqualError(t, run(context.Background(), []string{"seed", empty + "/missing"}, vars, io.Discard), empty+"/missing: cannot read: no such file or directory")
}

func TestMigrateCommand(t *testing.T) {
	vars := env(map[string]string{"DATABASE_URL": db.URL})
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"migrate", "version"}, vars, &out))
	latest := out.String()
	assert.Regexp(t, `^schema version [1-9][0-9]*\n$`, latest)

	out.Reset()
	require.NoError(t, run(context.Background(), []string{"migrate", "up"}, vars, &out))
	assert.Equal(t, latest, out.String(), "up on an up-to-date schema changes nothing")

	out.Reset()
	require.NoError(t, run(context.Background(), []string{"migrate", "down"}, vars, &out))
	assert.NotEqual(t, latest, out.String())
	out.Reset()
	require.NoError(t, run(context.Background(), []string{"migrate", "up"}, vars, &out))
	assert.Equal(t, latest, out.String())
}

func TestServeCommand(t *testing.T) {
	db.Reset(t)
	vars := env(map[string]string{"DATABASE_URL": db.URL, "KARIR_ADDR": "127.0.0.1:0"})
	require.NoError(t, run(context.Background(), []string{"seed", seedsDir(t)}, vars, io.Discard))

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var logs pgtest.SyncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, vars, &logs) }()

	addr := listeningAddr(t, &logs)

	resp, err := http.Get("http://" + addr + "/v1/profiles")
	require.NoError(t, err)
	var page struct {
		Total int `json:"total"`
		Items []struct {
			Slug string `json:"slug"`
		} `json:"items"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&page))
	require.NoError(t, resp.Body.Close())
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, 5, page.Total)
	assert.Len(t, page.Items, 5)

	resp, err = http.Get("http://" + addr + "/readyz")
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	assert.Equal(t, http.StatusOK, resp.StatusCode)

	cancel()
	select {
	case err := <-done:
		assert.NoError(t, err, "a signal ends serve cleanly")
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not shut down")
	}
	assert.Contains(t, logs.String(), `"msg":"shut down"`)
	assert.Contains(t, logs.String(), `"requests_cancelled":false`)
}

// listeningAddr waits until serve logs the address it listens on.
func listeningAddr(t *testing.T, logs *pgtest.SyncBuffer) string {
	t.Helper()
	listening := regexp.MustCompile(`"msg":"listening","addr":"(127\.0\.0\.1:\d+)"`)
	var addr string
	require.Eventually(t, func() bool {
		m := listening.FindStringSubmatch(logs.String())
		if m != nil {
			addr = m[1]
		}
		return m != nil
	}, 30*time.Second, 10*time.Millisecond, "serve never said where it listens: %s", logs.String())
	return addr
}
