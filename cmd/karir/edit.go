package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/karir/karir/internal/postgres"
	"github.com/karir/karir/internal/profile"
)

// parseOrigins reads KARIR_CORS_ORIGINS: comma-separated origins such as
// https://editor.example.org, nothing else.
func parseOrigins(s string) ([]string, error) {
	var origins []string
	for _, origin := range strings.Split(s, ",") {
		origin = strings.TrimSpace(origin)
		if origin == "" {
			continue
		}
		u, err := url.Parse(origin)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.String() != u.Scheme+"://"+u.Host {
			return nil, fmt.Errorf("%q is not an origin such as https://editor.example.org", origin)
		}
		origins = append(origins, origin)
	}
	return origins, nil
}

// openStore migrates DATABASE_URL and returns a store on it, and the
// function that closes its pool.
func openStore(ctx context.Context, getenv func(string) string) (*postgres.ProfileStore, func(), error) {
	dbURL, err := databaseURL(getenv)
	if err != nil {
		return nil, nil, err
	}
	pool, err := openMigrated(ctx, dbURL)
	if err != nil {
		return nil, nil, err
	}
	return postgres.NewProfileStore(pool), pool.Close, nil
}

// export writes every profile as NDJSON, from one snapshot. A FILE is
// written whole or not at all: a failed export leaves no cut-off file.
func export(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) > 1 {
		return usageError{"export takes at most one FILE"}
	}
	store, closeStore, err := openStore(ctx, getenv)
	if err != nil {
		return err
	}
	defer closeStore()
	write := func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		err := store.Export(ctx, func(p *profile.Profile) error {
			line, err := profile.Encode(p)
			if err != nil {
				return err
			}
			_, err = bw.Write(append(line, '\n'))
			return err
		})
		if err != nil {
			return err
		}
		return bw.Flush()
	}
	if len(args) == 0 {
		return write(stdout)
	}
	return writeFileAtomically(args[0], write)
}

// writeFileAtomically writes file through a temporary file in its folder,
// renamed over it only once write has succeeded.
func writeFileAtomically(file string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".*")
	if err != nil {
		return fmt.Errorf("%s: cannot write: %w", file, errors.Unwrap(err))
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: cannot write: %w", file, err)
	}
	return os.Rename(tmp.Name(), file)
}

// maxExportLine bounds one line of an export: a document of a 1 MiB text,
// with JSON escapes, stays well below it.
const maxExportLine = 16 << 20

// importFile loads an export, all or nothing: every line must be a valid
// document before anything is written.
func importFile(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) != 1 {
		return usageError{"import needs one FILE"}
	}
	file := args[0]
	profiles, err := readExport(file)
	if err != nil {
		return err
	}
	store, closeStore, err := openStore(ctx, getenv)
	if err != nil {
		return err
	}
	defer closeStore()
	res, err := store.Import(ctx, profiles)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "imported %d profiles from %s: %d inserted, %d updated, %d unchanged\n",
		len(profiles), file, res.Inserted, res.Updated, res.Unchanged)
	return err
}

// readExport reads and checks every document of an export; errors name the
// file and line.
func readExport(file string) ([]*profile.Profile, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read: %w", file, errors.Unwrap(err))
	}
	defer f.Close()
	scanner := bufio.NewScanner(f)
	scanner.Buffer(nil, maxExportLine)
	var profiles []*profile.Profile
	lineOf := map[string]int{}
	for line := 1; scanner.Scan(); line++ {
		if strings.TrimSpace(scanner.Text()) == "" {
			continue
		}
		p, err := profile.DecodeDocument(scanner.Bytes())
		if err == nil {
			err = p.Validate()
		}
		if err == nil && lineOf[p.Slug] > 0 {
			err = fmt.Errorf("the slug %q is already on line %d", p.Slug, lineOf[p.Slug])
		}
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", file, line, err)
		}
		lineOf[p.Slug] = line
		profiles = append(profiles, p)
	}
	if err := scanner.Err(); err != nil {
		return nil, fmt.Errorf("%s: cannot read: %w", file, err)
	}
	if len(profiles) == 0 {
		return nil, fmt.Errorf("%s: no profiles to import", file)
	}
	return profiles, nil
}
