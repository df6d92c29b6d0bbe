package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/pgtest"
)

// docsKarir, set in the environment, makes the test binary run as karir
// itself, so that the examples' karir commands run the code under test
// without a separate build.
const docsKarir = "KARIR_DOCS_RUN_AS_KARIR"

func init() {
	if os.Getenv(docsKarir) == "1" {
		main()
		os.Exit(0)
	}
}

// docsTokens are the editors of the editing session in docs/editing.md.
const docsTokens = "sari:kunci-sari-4f9c2a7e1b8d,budi:kunci-budi-0a6e3c9f5d21"

// docsCursorKey seals the cursors the pages show, so that they stay the
// same from run to run.
const docsCursorKey = "kunci-kursor-dokumentasi-7c1e5a9b3f"

// update rewrites the pages' outputs with what the commands print now, for
// a change that means to alter them; read the diff before committing it.
var update = flag.Bool("update", false, "rewrite the outputs of README's and docs' console examples")

// example is one command of a console block and the output the page shows.
type example struct {
	line    int
	command string
	output  string
}

// TestDocsExamples replays every ```console block of README.md and
// docs/*.md, in that order, against serve over the seeds, as `make run`
// serves them: each block in one bash session, in a folder that shows the
// checkout, with localhost:8080 meaning this server and karir this code.
// Each command must print what the page shows, but for what differs from
// run to run (see normalise). Recorded runs that need another setting (a
// stopped database, a load generator) are ```text blocks and not replayed.
func TestDocsExamples(t *testing.T) {
	for _, tool := range []string{"bash", "curl", "jq"} {
		_, err := exec.LookPath(tool)
		require.NoError(t, err, "the examples need %s", tool)
	}
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	db.Reset(t)
	vars := env(map[string]string{"DATABASE_URL": db.URL, "KARIR_ADDR": "127.0.0.1:0", "KARIR_ADMIN_TOKENS": docsTokens, "KARIR_CURSOR_KEY": docsCursorKey})
	require.NoError(t, run(context.Background(), []string{"seed", seedsDir(t)}, vars, io.Discard))
	addr, logs, stop := startServe(t, vars)
	srv := docsServer{addr, logs}
	defer func() { assert.NoError(t, stop()) }()
	// The log is written out in the background: a write's wait must not
	// be met by the first load's line coming late.
	require.Eventually(t, func() bool { return srv.updates() > 0 }, 10*time.Second, 5*time.Millisecond)
	dir := shadowCheckout(t, repo)

	pages, err := filepath.Glob(filepath.Join(repo, "docs", "*.md"))
	require.NoError(t, err)
	replayed := 0
	for _, page := range append([]string{filepath.Join(repo, "README.md")}, pages...) {
		name, err := filepath.Rel(repo, page)
		require.NoError(t, err)
		text, err := os.ReadFile(page)
		require.NoError(t, err)
		outputs := map[int]string{}
		for _, block := range consoleBlocks(string(text)) {
			t.Run(fmt.Sprintf("%s:%d", name, block[0].line), func(t *testing.T) {
				for _, ex := range block {
					require.Regexp(t, replayable, ex.command, "%s:%d: only curl, karir, printf, echo, for and assignments replay; show other runs in a ```text block", name, ex.line)
				}
				got := replay(t, dir, srv, block)
				for i, ex := range block {
					if *update && normalise(ex.output) != normalise(got[i]) {
						outputs[ex.line] = got[i]
						continue
					}
					assert.Equal(t, normalise(ex.output), normalise(got[i]), "%s:%d: $ %s", name, ex.line, ex.command)
				}
			})
			replayed += len(block)
		}
		if *update {
			require.NoError(t, os.WriteFile(page, []byte(rewriteOutputs(string(text), outputs)), 0o644))
		}
	}
	assert.Greater(t, replayed, 40, "commands replayed")
}

// replayable are the commands a console block may hold: they talk to the
// server or run karir on the test's database, never a make target, a
// benchmark or the checkout's PostgreSQL.
var replayable = regexp.MustCompile(`^((curl|karir|bin/karir|printf|echo|for) |[A-Za-z_]+=)`)

// consoleBlocks returns the commands of each ```console block of a page,
// with the output shown under each.
func consoleBlocks(page string) [][]example {
	var blocks [][]example
	var block []example
	in := false
	for i, line := range strings.Split(page, "\n") {
		switch {
		case !in && strings.TrimSpace(line) == "```console":
			in, block = true, nil
		case in && strings.TrimSpace(line) == "```":
			in = false
			blocks = append(blocks, block)
		case in && strings.HasPrefix(line, "$ "):
			block = append(block, example{line: i + 1, command: line[2:]})
		case in && len(block) > 0:
			block[len(block)-1].output += line + "\n"
		}
	}
	return blocks
}

// rewriteOutputs replaces the output under each command of page whose line
// outputs names with what it printed, keeping the blank lines after it.
func rewriteOutputs(page string, outputs map[int]string) string {
	var out []string
	lines := strings.Split(page, "\n")
	for _, block := range consoleBlocks(page) {
		for _, ex := range block {
			if _, ok := outputs[ex.line]; !ok {
				continue
			}
			shown := strings.Count(ex.output, "\n")
			for i := ex.line; i < ex.line+shown; i++ {
				lines[i] = "\x00"
			}
			// The blank lines that part the output from the next command stay.
			gap := strings.Repeat("\n", max(0, len(ex.output)-len(strings.TrimRight(ex.output, "\n"))-1))
			lines[ex.line-1] += "\x00" + printed(outputs[ex.line]) + gap
		}
	}
	for _, line := range lines {
		switch {
		case line == "\x00":
		case strings.Contains(line, "\x00"):
			command, output, _ := strings.Cut(line, "\x00")
			out = append(out, command)
			if output != "" {
				out = append(out, output)
			}
		default:
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}

// printed is a command's output as a page shows it: no trailing blanks.
func printed(s string) string {
	lines := strings.Split(strings.TrimRight(s, " \n"), "\n")
	for i, line := range lines {
		lines[i] = strings.TrimRight(line, " \r")
	}
	return strings.Join(lines, "\n")
}

// shadowCheckout returns a folder whose entries are links to those of the
// checkout, so that the examples read its files but write their own
// elsewhere, with karir and bin/karir running the test binary as karir.
func shadowCheckout(t *testing.T, repo string) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir(repo)
	require.NoError(t, err)
	for _, e := range entries {
		if e.Name() != "bin" {
			require.NoError(t, os.Symlink(filepath.Join(repo, e.Name()), filepath.Join(dir, e.Name())))
		}
	}
	wrapper := fmt.Sprintf("#!/bin/sh\n%s=1 exec %q \"$@\"\n", docsKarir, os.Args[0])
	require.NoError(t, os.Mkdir(filepath.Join(dir, "bin"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bin", "karir"), []byte(wrapper), 0o755))
	return dir
}

// replay runs a block's commands one by one in a bash session and returns
// what each printed, stdout and stderr together as a terminal shows them.
// After a command that wrote, it waits for the server's read model to take
// the change in, as it does within milliseconds for a person typing.
func replay(t *testing.T, dir string, srv docsServer, block []example) []string {
	t.Helper()
	const mark = "@@docs-example-done@@"
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "--noprofile", "--norc")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "DATABASE_URL="+db.URL, "PATH="+filepath.Join(dir, "bin")+":"+os.Getenv("PATH"))
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	defer func() {
		stdin.Close()
		assert.NoError(t, cmd.Wait())
	}()
	_, err = io.WriteString(stdin, "exec 2>&1\n")
	require.NoError(t, err)
	out := bufio.NewReader(stdout)
	got := make([]string, len(block))
	for i, ex := range block {
		revisions, updates := countRevisions(t), srv.updates()
		command := strings.ReplaceAll(ex.command, "localhost:8080", srv.addr)
		_, err := fmt.Fprintf(stdin, "{ %s\n} </dev/null\nprintf '\\n%s\\n'\n", command, mark)
		require.NoError(t, err)
		got[i] = readUntil(t, out, "\n"+mark+"\n")
		if countRevisions(t) > revisions {
			require.Eventually(t, func() bool { return srv.updates() > updates }, 10*time.Second, 5*time.Millisecond,
				"the read model did not take in the write of $ %s", ex.command)
		}
	}
	return got
}

// readUntil reads out up to end and returns what came before it.
func readUntil(t *testing.T, out *bufio.Reader, end string) string {
	t.Helper()
	var b strings.Builder
	for !strings.HasSuffix(b.String(), end) {
		line, err := out.ReadString('\n')
		b.WriteString(line)
		require.NoError(t, err, "the session ended: %s", b.String())
	}
	return strings.TrimSuffix(b.String(), end)
}

// countRevisions counts the revisions stored: every write keeps one.
func countRevisions(t *testing.T) int {
	t.Helper()
	var n int
	require.NoError(t, db.Pool.QueryRow(t.Context(), "SELECT count(*) FROM revisions").Scan(&n))
	return n
}

// docsServer is the server the examples talk to.
type docsServer struct {
	addr string
	logs *pgtest.SyncBuffer
}

// updates counts the snapshots its read model swapped in since it started,
// by the lines readmodel logs for them.
func (s docsServer) updates() int {
	logs := s.logs.String()
	return strings.Count(logs, `"msg":"read model refreshed"`) + strings.Count(logs, `"msg":"read model loaded"`)
}

// varying are what differs from one run of the examples to the next: the
// time of the seed or a write, the ETags of documents that hold it, request
// ids, the Date header and the server's version (a test binary is stamped
// with none).
var varying = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z`), "<time>"},
	{regexp.MustCompile(`(?i)(etag:? (?:is (?:now )?)?\\?")[0-9a-f]{64}`), "${1}<etag>"},
	{regexp.MustCompile(`(?i)(x-request-id: )[0-9a-z]+`), "${1}<id>"},
	{regexp.MustCompile(`(?im)^(date: ).*$`), "${1}<date>"},
	{regexp.MustCompile(`("version": )"[^"]*"`), `${1}"<version>"`},
}

// normalise replaces what varies by run and drops trailing blanks, which a
// page cannot show.
func normalise(s string) string {
	for _, v := range varying {
		s = v.re.ReplaceAllString(s, v.with)
	}
	return printed(s)
}

// TestReadmeConfigurationNamesEveryVariable holds README's configuration
// table to the variables serve reads, so that a new one is documented.
func TestReadmeConfigurationNamesEveryVariable(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	_, table, found := strings.Cut(string(readme), "\n## Configuration\n")
	require.True(t, found, "README has no Configuration section")
	table, _, _ = strings.Cut(table, "\n## ")
	for _, v := range new(config).vars() {
		assert.Contains(t, table, "\n| `"+v.name+"` |", "README's configuration table has no row for %s", v.name)
	}
}
