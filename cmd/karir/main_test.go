package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/buildinfo"
	"github.com/karir/karir/internal/parser"
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
	want, err := parser.Parse(file, data)
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

func TestParseCommandExplains(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "desa.txt")
	text := "# Pendamping Desa\n\nPendamping Desa mendampingi warga menyusun rencana desa.\n\n" +
		"Orang yang cocok untuk pekerjaan ini adalah orang yang sabar.\n\n" +
		"Posisi ini kurang cocok bagi orang yang mudah marah.\n\n" +
		"Banyak orang mengira pendamping desa membagikan uang. Faktanya, ia melatih warga.\n\n" +
		"Calon pendamping sering berharap bekerja di kantor. Nyatanya, ia lebih sering di lapangan.\n\n" +
		"Kalau camat memimpin wilayah, pendamping desa menemani warga menyusun rencana.\n"
	require.NoError(t, os.WriteFile(file, []byte(text), 0o644))
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"parse", "--explain", file}, env(nil), &out))
	want := `desa.txt: Pendamping Desa (pendamping-desa)
 line  section         why                                     sentence
    3  tasks           summary: the text opens with the job    Pendamping Desa mendampingi warga menyusun rencan…
    5  fit             cue "orang yang cocok"                  Orang yang cocok untuk pekerjaan ini adalah orang…
    7  non_fit         cue "kurang cocok bagi"                 Posisi ini kurang cocok bagi orang yang mudah mar…
    9  misconceptions  cue "banyak orang mengira"              Banyak orang mengira pendamping desa membagikan u…
    9  misconceptions  turn: the reality of the claim before   Faktanya, ia melatih warga.
   11  expectations    cue "calon pendamping sering berharap"  Calon pendamping sering berharap bekerja di kanto…
   11  expectations    turn: the reality of the claim before   Nyatanya, ia lebih sering di lapangan.
   13  comparisons     order                                   Kalau camat memimpin wilayah, pendamping desa men…
order: usual
  tasks           from line 3     summary: the text opens with the job
  fit             from line 5     cue "orang yang cocok"
  non_fit         from line 7     cue "kurang cocok bagi"
  misconceptions  from line 9     cue "banyak orang mengira"
  expectations    from line 11    cue "calon pendamping sering berharap"
  comparisons     from line 13    order
items:
  misconception  "Pendamping desa membagikan uang." -> "Ia melatih warga."
  expectation    "Berharap bekerja di kantor." -> "Ia lebih sering di lapangan."
  comparison     camat: "menemani warga menyusun rencana" / "memimpin wilayah"
  fit traits     kesabaran
  non_fit traits none
warnings:
  line 13, comparisons: placed by order only: no sentence here carries a cue of this part; check where it starts and ends
`
	assert.Equal(t, want, out.String())

	out.Reset()
	require.NoError(t, run(context.Background(), []string{"parse", "--explain", filepath.Join(seedsDir(t), "000_ed1c257391812fa3.txt")}, env(nil), &out))
	assert.Contains(t, out.String(), "    7  misconceptions  cue \"miskonsepsi\"")
	assert.True(t, strings.HasSuffix(out.String(), "\nwarnings: none\n"), out.String())

	err := run(context.Background(), []string{"parse", "--explain"}, env(nil), &out)
	assert.True(t, errors.As(err, new(usageError)))
}

// TestParseCommandExplainsAnUnusualOrder: the explanation says the order
// is unusual, where each part opens and why, and by how much the reading
// beats the best one in the usual order; a warning says so too.
func TestParseCommandExplainsAnUnusualOrder(t *testing.T) {
	file := filepath.Join(t.TempDir(), "desa.txt")
	text := "# Pendamping Desa\n\nBanyak orang mengira pendamping desa membagikan uang. Faktanya, ia melatih warga.\n\n" +
		"Pendamping Desa mendampingi warga menyusun rencana desa.\n\n" +
		"Posisi ini kurang cocok bagi orang yang mudah marah.\n\n" +
		"Orang yang cocok untuk pekerjaan ini adalah orang yang sabar.\n\n" +
		"Calon pendamping sering berharap bekerja di kantor. Nyatanya, ia lebih sering di lapangan.\n\n" +
		"Dibandingkan dengan camat, pendamping desa lebih dekat dengan warga.\n"
	require.NoError(t, os.WriteFile(file, []byte(text), 0o644))
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"parse", "--explain", file}, env(nil), &out))
	assert.Contains(t, out.String(), `order: unusual, chosen over the best reading in the usual order by 24 points
  misconceptions  from line 3     cue "banyak orang mengira"
  tasks           from line 5     subject: the job opens its tasks
  non_fit         from line 7     cue "kurang cocok bagi"
  fit             from line 9     cue "orang yang cocok"
  expectations    from line 11    cue "calon pendamping sering berharap"
  comparisons     from line 13    cue "dibandingkan dengan"
items:`)
	assert.Contains(t, out.String(), "  line 3, misconceptions: the parts come in an unusual order (misconceptions, tasks, non_fit, fit, expectations, comparisons): misconceptions comes before tasks; check where each part starts\n")
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
		{"too large", []string{write("big.txt", strings.Repeat("kata ", parser.MaxInputSize))}, dir + "/big.txt: input is over the 1 MiB limit"},
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
	for _, args := range [][]string{nil, {"frobnicate"}, {"parse"}, {"parse", "--explain"}, {"migrate"}, {"migrate", "sideways"}, {"seed", "a", "b"}, {"serve", "x"}, {"serve", "--help", "x"}, {"version", "x"}} {
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

	addr, logs, stop := startServe(t, vars)

	assert.Contains(t, logs.String(), `"explorer":"http://`+addr+`/"`, "the log names the page to open")

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

	resp, err = http.Get("http://" + addr + "/metrics")
	require.NoError(t, err)
	metrics, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	b := buildinfo.Read()
	assert.Contains(t, string(metrics), fmt.Sprintf("\nkarir_build_info{goversion=%q,revision=%q,version=%q} 1\n", b.GoVersion, b.Revision, b.Version))

	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"health", "http://" + addr}, env(nil), &out))
	assert.Equal(t, "http://"+addr+"/readyz: ready\n", out.String())

	assert.NoError(t, stop(), "a signal ends serve cleanly")
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

// startServe runs serve until stop, which returns serve's error, and
// returns the address serve listens on and its log.
func startServe(t *testing.T, vars func(string) string) (string, *pgtest.SyncBuffer, func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	logs := &pgtest.SyncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, vars, logs) }()

	addr := listeningAddr(t, logs)
	waitReady(t, addr, logs)
	stop := func() error {
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(30 * time.Second):
			t.Fatal("serve did not shut down")
			return nil
		}
	}
	return addr, logs, stop
}

func TestGenerateCommand(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"generate", "3", dir, seedsDir(t)}, env(nil), &out))
	assert.Equal(t, "wrote 3 texts to "+dir+"\n", out.String())
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	require.NoError(t, err)
	require.Len(t, files, 3)
	out.Reset()
	require.NoError(t, run(context.Background(), append([]string{"parse"}, files...), env(nil), &out))
	assert.Equal(t, 3, strings.Count(out.String(), `"slug": "`))

	err = run(context.Background(), []string{"generate", "0", dir}, env(nil), &out)
	assert.ErrorAs(t, err, new(usageError))
}

func TestBrowserURL(t *testing.T) {
	for addr, want := range map[string]string{
		"[::]:8080":       "http://localhost:8080/",
		"0.0.0.0:8080":    "http://localhost:8080/",
		"127.0.0.1:18446": "http://127.0.0.1:18446/",
		"[::1]:80":        "http://[::1]:80/",
	} {
		tcp, err := net.ResolveTCPAddr("tcp", addr)
		require.NoError(t, err)
		assert.Equal(t, want, browserURL(tcp), addr)
	}
}

// waitReady waits until serve at addr answers /readyz with 200: once the
// catalogue is in memory.
func waitReady(t *testing.T, addr string, logs *pgtest.SyncBuffer) {
	t.Helper()
	require.Eventually(t, func() bool {
		resp, err := http.Get("http://" + addr + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	}, 30*time.Second, 10*time.Millisecond, "serve never got ready: %s", logs.String())
}
