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
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/karir/karir/internal/parser"
	"github.com/karir/karir/internal/postgres"
	"github.com/karir/karir/internal/profile"
)

const usage = `usage:
  karir parse FILE...            print each file's profile as JSON
  karir parse --explain FILE...  say for every sentence where it went and why, then the items and warnings
  karir migrate up|down|version  manage the schema of DATABASE_URL
  karir seed [DIR]               migrate DATABASE_URL up, then load DIR/*.txt (default seeds/)
  karir generate N DIR [SEEDS]   write N distinct texts recombined from SEEDS/*.txt (default seeds/) into DIR
  karir seed-bulk N [DIR]        migrate DATABASE_URL up, then add N distinct profiles made from DIR/*.txt (default seeds/)
  karir serve [--help]           migrate DATABASE_URL up, then serve the API on KARIR_ADDR
                                 (--help lists every environment variable with its default)
  karir export [FILE]            write every profile as NDJSON to FILE (default stdout)
  karir import FILE              load an export back, all or nothing
  karir health [URL]             exit 0 if the server at URL (default: KARIR_ADDR on this machine)
                                 answers /readyz with 200 within 2s, else 1 with the reason on stderr
  karir version                  print the version and commit this binary was built from`

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
		switch {
		case len(args) == 1 && (args[0] == "--help" || args[0] == "-h"):
			return serveHelp(stdout)
		case len(args) > 0:
			return usageError{"serve takes no arguments but --help"}
		}
		return serve(ctx, getenv, stdout)
	case "export":
		return export(ctx, args, getenv, stdout)
	case "import":
		return importFile(ctx, args, getenv, stdout)
	case "health":
		return health(ctx, args, getenv, stdout)
	case "version":
		if len(args) > 0 {
			return usageError{"version takes no arguments"}
		}
		return printVersion(stdout)
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
		p, err := parser.Parse(file, data)
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
	explanations := make([]*parser.Explanation, 0, len(files))
	for _, file := range files {
		data, err := readLimited(file)
		if err != nil {
			return err
		}
		e, err := parser.Explain(file, data)
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

func writeExplanation(w io.Writer, e *parser.Explanation) {
	p := e.Profile
	fmt.Fprintf(w, "%s: %s (%s)\n", p.Source.File, p.Title, p.Slug)
	fmt.Fprintf(w, "%5s  %-14s  %-38s  %s\n", "line", "section", "why", "sentence")
	for _, s := range e.Placements {
		fmt.Fprintf(w, "%5d  %-14s  %-38s  %s\n", s.Line, s.Section, s.Reason, clip(s.Text, 50))
	}
	writeOrder(w, e.Order)
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

// writeOrder says in what order the parts came, where each opens and why,
// and, for an unusual order, by how much it reads the text better than the
// usual one.
func writeOrder(w io.Writer, o parser.Order) {
	if o.Unusual {
		fmt.Fprintf(w, "order: unusual, chosen over the best reading in the usual order by %d points\n", o.Margin)
	} else {
		fmt.Fprintln(w, "order: usual")
	}
	for _, p := range o.Parts {
		fmt.Fprintf(w, "  %-14s  from line %-4d  %s\n", p.Section, p.Line, p.Reason)
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
	data, err := io.ReadAll(io.LimitReader(f, parser.MaxInputSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read: %w", file, errors.Unwrap(err))
	}
	return data, nil
}

var errDatabaseURL = errors.New("DATABASE_URL is not set")

func databaseURL(getenv func(string) string) (string, error) {
	url := getenv("DATABASE_URL")
	if url == "" {
		return "", errDatabaseURL
	}
	return url, nil
}

func migrate(args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) != 1 {
		return usageError{"migrate needs one of up, down, version"}
	}
	var apply func(string) error
	switch args[0] {
	case "up":
		apply = postgres.MigrateUp
	case "down":
		apply = postgres.MigrateDown
	case "version":
		apply = func(string) error { return nil }
	default:
		return usageError{fmt.Sprintf("unknown migrate direction %q", args[0])}
	}
	url, err := databaseURL(getenv)
	if err != nil {
		return err
	}
	if err := apply(url); err != nil {
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
