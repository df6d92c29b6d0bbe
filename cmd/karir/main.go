// Command karir parses Indonesian job-profile texts, loads them into
// PostgreSQL and serves them as a JSON API.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/karir/karir/internal/httpapi"
	"github.com/karir/karir/internal/postgres"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/readmodel"
)

const usage = `usage:
  karir parse FILE...            print each file's profile as JSON
  karir parse --explain FILE...  say for every sentence where it went and why, then the items and warnings
  karir migrate up|down|version  manage the schema of DATABASE_URL
  karir seed [DIR]               load DIR/*.txt (default seeds/) into DATABASE_URL
  karir generate N DIR [SEEDS]   write N distinct texts recombined from SEEDS/*.txt (default seeds/) into DIR
  karir seed-bulk N [DIR]        add N distinct profiles made from DIR/*.txt (default seeds/)
  karir serve                    serve the API on KARIR_ADDR (default :8080), reading
                                 from KARIR_READ_DATABASE_URL when set (a hot standby)
  karir export [FILE]            write every profile as NDJSON to FILE (default stdout)
  karir import FILE              load an export back, all or nothing

serve also reads KARIR_ADMIN_TOKENS (name:token,... editors who may write;
writes are refused without it) and KARIR_CORS_ORIGINS (origin,... browser
origins allowed to write).`

// usageError is a command line karir cannot make sense of.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg + "\n" + usage }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "karir:", err)
		if errors.As(err, new(usageError)) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// run is the whole program, with its surroundings passed in so that tests
// can run it in-process.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) == 0 {
		return usageError{"no command"}
	}
	switch cmd, args := args[0], args[1:]; cmd {
	case "parse":
		return parseFiles(args, stdout)
	case "migrate":
		return migrate(args, getenv, stdout)
	case "seed":
		return seed(ctx, args, getenv, stdout)
	case "generate":
		return generateTexts(args, stdout)
	case "seed-bulk":
		return seedBulk(ctx, args, getenv, stdout)
	case "serve":
		if len(args) > 0 {
			return usageError{"serve takes no arguments"}
		}
		return serve(ctx, getenv, stdout)
	case "export":
		return export(ctx, args, getenv, stdout)
	case "import":
		return importFile(ctx, args, getenv, stdout)
	case "help", "-h", "--help":
		_, err := fmt.Fprintln(stdout, usage)
		return err
	default:
		return usageError{fmt.Sprintf("unknown command %q", cmd)}
	}
}

// parseFiles prints the profile of each file, or nothing if any is refused.
func parseFiles(args []string, stdout io.Writer) error {
	explain := len(args) > 0 && args[0] == "--explain"
	files := args
	if explain {
		files = args[1:]
	}
	if len(files) == 0 {
		return usageError{"parse needs at least one FILE"}
	}
	if explain {
		return explainFiles(files, stdout)
	}
	profiles, _, err := parseAll(files)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	for _, p := range profiles {
		if err := enc.Encode(p); err != nil {
			return err
		}
	}
	return nil
}

// parseAll parses files and returns their profiles and texts.
func parseAll(files []string) ([]*profile.Profile, []string, error) {
	profiles := make([]*profile.Profile, 0, len(files))
	texts := make([]string, 0, len(files))
	for _, file := range files {
		data, err := readLimited(file)
		if err != nil {
			return nil, nil, err
		}
		p, err := profile.Parse(file, data)
		if err != nil {
			return nil, nil, err
		}
		profiles = append(profiles, p)
		texts = append(texts, string(data))
	}
	return profiles, texts, nil
}

// explainFiles prints, for each file, every sentence with its line, the
// section it went to and why, then the items and the warnings; or nothing
// if any file is refused.
func explainFiles(files []string, stdout io.Writer) error {
	explanations := make([]*profile.Explanation, 0, len(files))
	for _, file := range files {
		data, err := readLimited(file)
		if err != nil {
			return err
		}
		e, err := profile.Explain(file, data)
		if err != nil {
			return err
		}
		explanations = append(explanations, e)
	}
	w := bufio.NewWriter(stdout)
	for _, e := range explanations {
		writeExplanation(w, e)
	}
	return w.Flush()
}

func writeExplanation(w io.Writer, e *profile.Explanation) {
	p := e.Profile
	fmt.Fprintf(w, "%s: %s (%s)\n", p.Source.File, p.Title, p.Slug)
	fmt.Fprintf(w, "%5s  %-14s  %-38s  %s\n", "line", "section", "why", "sentence")
	for _, s := range e.Placements {
		fmt.Fprintf(w, "%5d  %-14s  %-38s  %s\n", s.Line, s.Section, s.Reason, clip(s.Text, 50))
	}
	fmt.Fprintln(w, "items:")
	for _, m := range p.Sections.Misconceptions.Items {
		fmt.Fprintf(w, "  misconception  %q -> %q\n", m.Myth, m.Reality)
	}
	for _, x := range p.Sections.Expectations.Items {
		fmt.Fprintf(w, "  expectation    %q -> %q\n", x.Expectation, x.Reality)
	}
	for _, c := range p.Sections.Comparisons.Items {
		fmt.Fprintf(w, "  comparison     %s: %q / %q\n", c.Profession, c.ThisFocus, c.OtherFocus)
	}
	fmt.Fprintf(w, "  fit traits     %s\n  non_fit traits %s\n", list(p.Sections.Fit.Traits), list(p.Sections.NonFit.Traits))
	if len(p.Warnings) == 0 {
		fmt.Fprintln(w, "warnings: none")
		return
	}
	fmt.Fprintln(w, "warnings:")
	for _, x := range p.Warnings {
		fmt.Fprintf(w, "  line %d, %s: %s\n", x.Line, x.Section, x.Detail)
	}
}

func list(words []string) string {
	if len(words) == 0 {
		return "none"
	}
	return strings.Join(words, ", ")
}

// clip shortens s to at most n runes, marking the cut.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// readLimited reads a file but no more than one byte past the parser's
// limit, so that a huge file is refused without being loaded whole.
func readLimited(file string) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read: %w", file, errors.Unwrap(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, profile.MaxInputSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read: %w", file, errors.Unwrap(err))
	}
	return data, nil
}

func databaseURL(getenv func(string) string) (string, error) {
	url := getenv("DATABASE_URL")
	if url == "" {
		return "", errors.New("DATABASE_URL is not set")
	}
	return url, nil
}

func migrate(args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) != 1 {
		return usageError{"migrate needs one of up, down, version"}
	}
	url, err := databaseURL(getenv)
	if err != nil {
		return err
	}
	switch args[0] {
	case "up":
		err = postgres.MigrateUp(url)
	case "down":
		err = postgres.MigrateDown(url)
	case "version":
	default:
		return usageError{fmt.Sprintf("unknown migrate direction %q", args[0])}
	}
	if err != nil {
		return err
	}
	version, dirty, err := postgres.MigrationVersion(url)
	if err != nil {
		return err
	}
	state := ""
	if dirty {
		state = " (dirty: a migration failed half-way; fix it by hand)"
	}
	_, err = fmt.Fprintf(stdout, "schema version %d%s\n", version, state)
	return err
}

// seed loads every *.txt of a folder in one transaction: a bad file stops it
// before anything is written.
func seed(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	dir := "seeds"
	switch len(args) {
	case 0:
	case 1:
		dir = args[0]
	default:
		return usageError{"seed takes at most one DIR"}
	}
	url, err := databaseURL(getenv)
	if err != nil {
		return err
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return err
	}
	if len(files) == 0 {
		if _, err := os.Stat(dir); err != nil {
			return fmt.Errorf("%s: cannot read: %w", dir, errors.Unwrap(err))
		}
		return fmt.Errorf("%s: no *.txt files to seed", dir)
	}
	sort.Strings(files)
	profiles, texts, err := parseAll(files)
	if err != nil {
		return err
	}
	pool, err := openMigrated(ctx, url)
	if err != nil {
		return err
	}
	defer pool.Close()
	res, err := postgres.NewProfileStore(pool).SeedTexts(ctx, profiles, texts)
	if err != nil {
		return err
	}
	outcome := ""
	if res.Inserted+res.Updated == 0 {
		outcome = "; nothing changed"
	}
	_, err = fmt.Fprintf(stdout, "seeded %d profiles from %s: %d inserted, %d updated, %d unchanged%s\n",
		len(profiles), dir, res.Inserted, res.Updated, res.Unchanged, outcome)
	return err
}

// openMigrated applies pending migrations, then opens a pool: seed and
// serve must never run against an old schema.
func openMigrated(ctx context.Context, url string) (*pgxpool.Pool, error) {
	if err := postgres.MigrateUp(url); err != nil {
		return nil, err
	}
	return postgres.Open(ctx, url)
}

// browserURL is where a person on this machine opens the explorer: an
// address that listens on every interface is reached at localhost.
func browserURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return ""
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// shutdownTimeout bounds how long serve waits for requests in flight.
const shutdownTimeout = 10 * time.Second

func serve(ctx context.Context, getenv func(string) string, stdout io.Writer) error {
	logs := newLogWriter(stdout)
	defer logs.Close()
	logger := slog.New(slog.NewTextHandler(logs, nil))
	url, err := databaseURL(getenv)
	if err != nil {
		return err
	}
	addr := getenv("KARIR_ADDR")
	if addr == "" {
		addr = ":8080"
	}
	editing, err := editingFromEnv(getenv)
	if err != nil {
		return err
	}
	pool, err := openMigrated(ctx, url)
	if err != nil {
		return err
	}
	defer pool.Close()
	model, readPool, err := openReadModel(ctx, pool, getenv("KARIR_READ_DATABASE_URL"), logger)
	if err != nil {
		return err
	}
	defer readPool.Close()

	// The model follows the changes until serve returns.
	followCtx, stopFollowing := context.WithCancel(ctx)
	var following sync.WaitGroup
	defer following.Wait()
	defer stopFollowing()
	following.Go(func() { _ = model.Run(followCtx) })
	following.Go(func() {
		if err := postgres.Listen(followCtx, url, model.Changed, logger); err != nil {
			logger.Error("cannot follow changes", "err", err)
		}
	})

	ready := func(ctx context.Context) error {
		if !model.Loaded() {
			return errors.New("the read model is not loaded yet")
		}
		pools := []*pgxpool.Pool{pool}
		if readPool != pool {
			pools = append(pools, readPool)
		}
		for _, p := range pools {
			if err := postgres.Ready(ctx, p); err != nil {
				return httpapi.DatabaseUnavailable{Err: err}
			}
		}
		return nil
	}
	store := postgres.NewProfileStore(pool)
	editing.Service = store
	logger.Info("editing", "editors", editing.Tokens.Names(), "write_origins", editing.Origins)
	srv := &http.Server{
		// Reads come from the model; search reads the read database, writes
		// go to the primary and reach the model through its notifications.
		Handler:           httpapi.NewHandler(model, postgres.NewSearchStore(readPool), ready, logger, httpapi.WithEditing(editing)),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	// Listening before serving lets KARIR_ADDR=127.0.0.1:0 pick a free port
	// that the log line then names.
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	logger.Info("listening", "addr", ln.Addr().String(), "explorer", browserURL(ln.Addr()))

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down", "timeout", shutdownTimeout)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// openReadModel returns the read model over the database it loads from:
// readURL, a hot standby, when it is set (the model then waits for the
// standby to replay each change the primary announces), else the primary's
// pool itself. The caller closes the returned pool.
func openReadModel(ctx context.Context, primary *pgxpool.Pool, readURL string, logger *slog.Logger) (*readmodel.Model, *pgxpool.Pool, error) {
	if readURL == "" {
		// The read pool is the primary's: closing it twice is harmless.
		return readmodel.New(postgres.NewProfileStore(primary), readmodel.Options{Logger: logger}), primary, nil
	}
	replica, err := postgres.Open(ctx, readURL)
	if err != nil {
		return nil, nil, fmt.Errorf("KARIR_READ_DATABASE_URL: %w", err)
	}
	model := readmodel.New(postgres.NewProfileStore(replica), readmodel.Options{
		CaughtUp: func(ctx context.Context) error { return postgres.CaughtUp(ctx, primary, replica) },
		Logger:   logger,
	})
	return model, replica, nil
}
