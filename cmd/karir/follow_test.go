package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/pgtest"
)

// server is a `karir serve` running in-process.
type server struct {
	url  string
	logs *pgtest.SyncBuffer
}

// startServer runs serve with vars on a free port, returns once it answers
// /readyz with 200, and stops it when the test ends.
func startServer(t *testing.T, vars map[string]string) *server {
	t.Helper()
	vars["KARIR_ADDR"] = "127.0.0.1:0"
	addr, logs, stop := startServe(t, env(vars))
	t.Cleanup(func() {
		assert.NoError(t, stop())
		if t.Failed() {
			t.Logf("serve's log:\n%s", logs.String())
		}
	})
	return &server{url: "http://" + addr, logs: logs}
}

// get returns the status and body of a GET; a failed exchange is status 0.
func (s *server) get(t *testing.T, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(s.url + path)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err.Error()
	}
	return resp.StatusCode, string(body)
}

// summary returns the summary the server shows for slug, or "" when it has
// no such profile.
func (s *server) summary(t *testing.T, slug string) string {
	t.Helper()
	status, body := s.get(t, "/v1/profiles/"+slug)
	if status != http.StatusOK {
		return ""
	}
	var p struct {
		Summary string `json:"summary"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &p))
	return p.Summary
}

// seedDir returns a folder holding the seed files, the text of name
// changed by edit when name is not empty.
func seedDir(t *testing.T, name string, edit func(string) string) string {
	t.Helper()
	dir := t.TempDir()
	files, err := filepath.Glob(filepath.Join(seedsDir(t), "*.txt"))
	require.NoError(t, err)
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		if filepath.Base(file) == name {
			data = []byte(edit(string(data)))
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, filepath.Base(file)), data, 0o644))
	}
	return dir
}

// newcomer is a job the seeds do not have.
const newcomer = `Pekerjaan sebagai pendamping sosial desa melibatkan pendampingan keluarga penerima manfaat di satu desa agar bantuan sosial tepat sasaran.
Setiap minggu ia mengunjungi rumah warga dan melaporkan kendala kepada dinas sosial kabupaten.
Pekerjaan ini cocok bagi orang yang sabar, teliti dalam pencatatan, dan senang bertemu banyak orang.
`

const kepala = "kepala-bagian-kesejahteraan-masyarakat"

// awaitEvery waits until check holds on every server, and returns how long
// that took.
func awaitEvery(t *testing.T, servers []*server, within time.Duration, what string, check func(*server) bool) time.Duration {
	t.Helper()
	start := time.Now()
	for _, s := range servers {
		require.Eventually(t, func() bool { return check(s) }, within, 5*time.Millisecond, "%s on %s", what, s.url)
	}
	return time.Since(start)
}

// TestTwoServersFollowOneDatabase runs two servers on one private
// database: a seed reaches both within a second; while PostgreSQL is down
// both keep answering from memory and say so on /readyz; once it is back
// both serve what was seeded after it returned.
func TestTwoServersFollowOneDatabase(t *testing.T) {
	cluster := pgtest.StartCluster(t)
	url := cluster.CreateDatabase(t, "karir")
	vars := map[string]string{"DATABASE_URL": url}
	require.NoError(t, run(context.Background(), []string{"seed", seedsDir(t)}, env(vars), io.Discard))
	servers := []*server{startServer(t, vars), startServer(t, vars)}
	before := servers[0].summary(t, kepala)
	require.NotEmpty(t, before)

	edited := seedDir(t, "001_4fa8a5dff1a9e866.txt", func(text string) string {
		return strings.Replace(text, "merancang, mengawasi", "merancang, memimpin, mengawasi", 1)
	})
	require.NoError(t, run(context.Background(), []string{"seed", edited}, env(vars), io.Discard))
	took := awaitEvery(t, servers, time.Second, "the edited summary", func(s *server) bool {
		return strings.Contains(s.summary(t, kepala), "memimpin")
	})
	t.Logf("the seed reached both servers in %s", took)

	cluster.Stop(t)
	// Readiness asks the database at most once a second.
	awaitEvery(t, servers, 5*time.Second, "readiness with the database away", func(s *server) bool {
		_, body := s.get(t, "/readyz")
		return strings.Contains(body, `"database":"unavailable"`)
	})
	for _, s := range servers {
		status, body := s.get(t, "/readyz")
		assert.Equal(t, http.StatusOK, status)
		assert.JSONEq(t, `{"status":"ready","database":"unavailable"}`, body)
		assert.Contains(t, s.summary(t, kepala), "memimpin", "reads are answered from memory")
		status, _ = s.get(t, "/v1/profiles?limit=2")
		assert.Equal(t, http.StatusOK, status)
	}

	cluster.Start(t)
	withNewcomer := seedDir(t, "", nil)
	require.NoError(t, os.WriteFile(filepath.Join(withNewcomer, "105_pendamping.txt"), []byte(newcomer), 0o644))
	require.NoError(t, run(context.Background(), []string{"seed", withNewcomer}, env(vars), io.Discard))
	awaitEvery(t, servers, 30*time.Second, "the profile seeded after the restart", func(s *server) bool {
		return s.summary(t, "pendamping-sosial-desa") != ""
	})
	awaitEvery(t, servers, 30*time.Second, "readiness with the database back", func(s *server) bool {
		_, body := s.get(t, "/readyz")
		return body == `{"status":"ready"}`
	})
	for _, s := range servers {
		assert.Equal(t, before, s.summary(t, kepala), "the seed after the restart put the original text back")
	}
}

// TestServerReadsFromStandby runs a server that loads from a hot standby
// and listens on the primary. With the standby's replay paused, a seed on
// the primary does not reach the server, which waits for the standby
// rather than load its old data; once replay resumes, the seed reaches it.
func TestServerReadsFromStandby(t *testing.T) {
	primary := pgtest.StartCluster(t)
	url := primary.CreateDatabase(t, "karir")
	vars := map[string]string{"DATABASE_URL": url}
	require.NoError(t, run(context.Background(), []string{"seed", seedsDir(t)}, env(vars), io.Discard))
	standby := pgtest.StartStandby(t, primary)
	s := startServer(t, map[string]string{"DATABASE_URL": url, "KARIR_READ_DATABASE_URL": standby.URL("karir")})
	require.NotEmpty(t, s.summary(t, kepala))

	replay := func(fn string) {
		t.Helper()
		conn, err := pgx.Connect(t.Context(), standby.URL("karir"))
		require.NoError(t, err)
		defer conn.Close(context.Background())
		_, err = conn.Exec(t.Context(), "SELECT "+fn+"()")
		require.NoError(t, err)
	}
	replay("pg_wal_replay_pause")
	watcher, err := pgx.Connect(t.Context(), standby.URL("karir"))
	require.NoError(t, err)
	defer watcher.Close(context.Background())
	var paused time.Time
	require.NoError(t, watcher.QueryRow(t.Context(), `SELECT clock_timestamp()`).Scan(&paused))
	withNewcomer := seedDir(t, "", nil)
	require.NoError(t, os.WriteFile(filepath.Join(withNewcomer, "105_pendamping.txt"), []byte(newcomer), 0o644))
	require.NoError(t, run(context.Background(), []string{"seed", withNewcomer}, env(vars), io.Discard))
	// The server got the notice and asks the standby how far it has replayed.
	require.Eventually(t, func() bool {
		var waiting bool
		err := watcher.QueryRow(t.Context(), `SELECT count(*) > 0 FROM pg_stat_activity
			WHERE query LIKE '%pg_last_wal_replay_lsn() >=%' AND query_start > $1`, paused).Scan(&waiting)
		return err == nil && waiting
	}, 30*time.Second, 10*time.Millisecond, "the server never waited for the standby")
	assert.Empty(t, s.summary(t, "pendamping-sosial-desa"), "the standby has not replayed the seed")

	replay("pg_wal_replay_resume")
	took := awaitEvery(t, []*server{s}, 30*time.Second, "the seed, through the standby", func(s *server) bool {
		return s.summary(t, "pendamping-sosial-desa") != ""
	})
	t.Logf("the seed reached the server %s after the standby resumed", took)
}
