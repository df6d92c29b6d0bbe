package postgres_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/postgres"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/wire"
)

// change is an editor's change of a valid profile: its slug is that of its
// title, as Validate requires.
func change(title, author string) profile.Change {
	p := fullProfile(profile.Slugify(title), title)
	p.Source.File = p.Slug + ".txt"
	return profile.Change{Profile: p, SourceText: title + "\nteks sumber", Author: author}
}

func etagOf(t *testing.T, p *profile.Profile) string {
	t.Helper()
	body, err := profile.Encode(p)
	require.NoError(t, err)
	return wire.ETag(body)
}

func ifMatch(etag string) profile.Condition {
	return profile.Condition{IfMatch: &profile.Tags{List: []string{etag}}}
}

// anyVersion is If-Match: *, a write over whatever version is stored.
var anyVersion = profile.Condition{IfMatch: &profile.Tags{Any: true}}

// history returns the action and author of every revision of slug, oldest first.
func history(t *testing.T, slug string) []string {
	t.Helper()
	rows, err := db.Pool.Query(t.Context(), `SELECT action || ' by ' || author FROM revisions WHERE slug = $1 ORDER BY revision`, slug)
	require.NoError(t, err)
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	require.NoError(t, err)
	return out
}

func TestCreate(t *testing.T) {
	store := postgres.NewProfileStore(db.Reset(t))
	ctx := t.Context()
	conn := listen(t)
	c := change("Backend Developer", "alice")

	stored, err := store.Create(ctx, c)
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now(), stored.UpdatedAt, time.Minute)
	assert.Equal(t, stored, loaded(t, store, c.Profile.Slug), "Create returns the profile as the store reads it")
	assert.Equal(t, []string{c.Profile.Slug}, payloads(t, conn, 1))

	rev, err := store.Revision(ctx, c.Profile.Slug, 1)
	require.NoError(t, err)
	assert.Equal(t, &profile.Revision{
		Slug: c.Profile.Slug, Number: 1, CreatedAt: stored.UpdatedAt, Action: profile.ActionCreate,
		Author: "alice", SourceText: c.SourceText, Profile: stored,
	}, rev)

	before := dbState(t)
	_, err = store.Create(ctx, change("Backend Developer", "bob"))
	assert.Equal(t, profile.ECONFLICT, profile.ErrorCode(err))
	assert.EqualError(t, err, `A profile with the slug "backend-developer" exists already.`)
	assert.Equal(t, before, dbState(t))
	assert.Equal(t, []string{"create by alice"}, history(t, c.Profile.Slug))

	bad := change("Data Analyst", "alice")
	bad.Profile.Slug = "analyst"
	_, err = store.Create(ctx, bad)
	assert.Equal(t, profile.EINVALID, profile.ErrorCode(err))
	assert.Equal(t, before, dbState(t), "an invalid profile writes nothing")
}

func TestPut(t *testing.T) {
	store := postgres.NewProfileStore(db.Reset(t))
	ctx := t.Context()
	c := change("Backend Developer", "alice")
	slug := c.Profile.Slug

	first, created, err := store.Put(ctx, c, profile.Condition{IfNoneMatch: &profile.Tags{Any: true}})
	require.NoError(t, err)
	assert.True(t, created)

	_, _, err = store.Put(ctx, c, profile.Condition{IfNoneMatch: &profile.Tags{Any: true}})
	assert.Equal(t, profile.EPRECONDITION, profile.ErrorCode(err), "If-None-Match: * creates only")

	same, created, err := store.Put(ctx, c, ifMatch(etagOf(t, first)))
	require.NoError(t, err)
	assert.False(t, created)
	assert.Equal(t, first, same, "an unchanged profile keeps its UpdatedAt, so its ETag")
	assert.Equal(t, []string{"create by alice"}, history(t, slug), "and writes no revision")

	next := change("Backend Developer", "bob")
	next.Profile.Summary = "Ringkasan baru."
	next.SourceText = ""
	second, created, err := store.Put(ctx, next, ifMatch(etagOf(t, first)))
	require.NoError(t, err)
	assert.False(t, created)
	assert.Equal(t, "Ringkasan baru.", second.Summary)
	assert.True(t, second.UpdatedAt.After(first.UpdatedAt))
	assert.Equal(t, []string{"create by alice", "replace by bob"}, history(t, slug))

	before := dbState(t)
	_, _, err = store.Put(ctx, c, ifMatch(etagOf(t, first)))
	assert.Equal(t, profile.EPRECONDITION, profile.ErrorCode(err), "a stale If-Match")
	_, _, err = store.Put(ctx, c, profile.Condition{})
	assert.Equal(t, profile.EPRECONDREQ, profile.ErrorCode(err), "a replace without a condition")
	assert.ErrorContains(t, err, etagOf(t, second), "names the current ETag")
	assert.Equal(t, profile.EPRECONDREQ, profile.ErrorCode(store.Delete(ctx, slug, "bob", profile.Condition{})),
		"a delete without a condition")
	assert.Equal(t, before, dbState(t))

	rev, err := store.Revision(ctx, slug, 2)
	require.NoError(t, err)
	assert.Equal(t, "", rev.SourceText, "a document has no source text")
	assert.Equal(t, second, rev.Profile)
}

// TestPutRace races editors who all read the same version and PUT with its
// ETag: exactly one wins each round, the others get EPRECONDITION.
func TestPutRace(t *testing.T) {
	store := postgres.NewProfileStore(db.Reset(t))
	ctx := t.Context()
	current, err := store.Create(ctx, change("Backend Developer", "alice"))
	require.NoError(t, err)

	const rounds, editors = 10, 4
	for round := range rounds {
		etag := etagOf(t, current)
		results := make([]*profile.Profile, editors)
		errs := make([]error, editors)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range editors {
			c := change("Backend Developer", fmt.Sprintf("editor-%d", i))
			c.Profile.Summary = fmt.Sprintf("Ronde %d, penyunting %d.", round, i)
			wg.Go(func() {
				<-start
				results[i], _, errs[i] = store.Put(ctx, c, ifMatch(etag))
			})
		}
		close(start)
		wg.Wait()
		winners := 0
		for i := range editors {
			if errs[i] == nil {
				winners++
				current = results[i]
				continue
			}
			assert.Equal(t, profile.EPRECONDITION, profile.ErrorCode(errs[i]), "%v", errs[i])
		}
		require.Equal(t, 1, winners, "round %d", round)
	}
	assert.Len(t, history(t, current.Slug), 1+rounds)
	assert.Equal(t, current, loaded(t, store, current.Slug))
}

func TestDeleteAndCreateAgain(t *testing.T) {
	store := postgres.NewProfileStore(db.Reset(t))
	ctx := t.Context()
	conn := listen(t)
	c := change("Backend Developer", "alice")
	slug := c.Profile.Slug
	first, err := store.Create(ctx, c)
	require.NoError(t, err)
	other, err := store.Create(ctx, change("Data Analyst", "alice"))
	require.NoError(t, err)
	payloads(t, conn, 2)

	err = store.Delete(ctx, slug, "bob", ifMatch(`"stale"`))
	assert.Equal(t, profile.EPRECONDITION, profile.ErrorCode(err))
	require.NoError(t, store.Delete(ctx, slug, "bob", ifMatch(etagOf(t, first))))
	assert.Equal(t, []string{slug}, payloads(t, conn, 1))

	assert.Nil(t, loaded(t, store, slug))
	err = store.Delete(ctx, slug, "bob", profile.Condition{})
	assert.Equal(t, profile.EGONE, profile.ErrorCode(err))
	assert.EqualError(t, err, `The profile with the slug "backend-developer" was deleted; its revisions stay readable.`)
	assert.Equal(t, profile.ENOTFOUND, profile.ErrorCode(store.Delete(ctx, "juru-masak", "bob", profile.Condition{})))
	_, _, err = store.Put(ctx, c, ifMatch(etagOf(t, first)))
	assert.Equal(t, profile.EPRECONDITION, profile.ErrorCode(err), "If-Match needs a current profile")
	assert.Equal(t, map[string]int{
		"profiles": 1, "sentences": 9, "contrasts": 3, "comparisons": 2, "profile_traits": 3,
	}, rowCounts(t), "the children go with the profile")
	assert.Equal(t, other, loaded(t, store, other.Slug))

	deleted, err := store.Revision(ctx, slug, 2)
	require.NoError(t, err)
	assert.Equal(t, profile.ActionDelete, deleted.Action)
	assert.Equal(t, first, deleted.Profile, "a delete keeps the document as it was")

	again, err := store.Create(ctx, change("Backend Developer", "carol"))
	require.NoError(t, err)
	assert.Equal(t, again, loaded(t, store, slug))
	assert.Equal(t, []string{"create by alice", "delete by bob", "create by carol"}, history(t, slug))
	rev, err := store.Revision(ctx, slug, 1)
	require.NoError(t, err)
	assert.Equal(t, first, rev.Profile, "the first version survives delete and re-create")
}

// TestChangeKeepsTheVersionBeforeRevisions shows that a profile stored
// before revisions were kept gets its old version as revision 1 when it is
// first replaced or deleted.
func TestChangeKeepsTheVersionBeforeRevisions(t *testing.T) {
	store := postgres.NewProfileStore(db.Reset(t))
	ctx := t.Context()
	old := map[string]*profile.Profile{}
	for _, title := range []string{"Backend Developer", "Data Analyst", "UX Writer"} {
		p, err := store.Create(ctx, change(title, "alice"))
		require.NoError(t, err)
		old[p.Slug] = p
	}
	_, err := db.Pool.Exec(ctx, `TRUNCATE revisions`)
	require.NoError(t, err)

	c := change("Backend Developer", "bob")
	c.Profile.Summary = "Baru."
	_, _, err = store.Put(ctx, c, anyVersion)
	require.NoError(t, err)
	require.NoError(t, store.Delete(ctx, "data-analyst", "bob", anyVersion))
	seeded := fullProfile("ux-writer", "UX Writer")
	seeded.Summary = "Baru juga."
	_, err = store.Seed(ctx, []*profile.Profile{seeded})
	require.NoError(t, err)

	assert.Equal(t, []string{"seed by seed", "replace by bob"}, history(t, "backend-developer"))
	assert.Equal(t, []string{"seed by seed", "delete by bob"}, history(t, "data-analyst"))
	assert.Equal(t, []string{"seed by seed", "seed by seed"}, history(t, "ux-writer"))
	for slug, p := range old {
		rev, err := store.Revision(ctx, slug, 1)
		require.NoError(t, err)
		assert.Equal(t, p, rev.Profile, slug)
	}
}

func TestRevisions(t *testing.T) {
	store := postgres.NewProfileStore(db.Reset(t))
	ctx := t.Context()
	c := change("Backend Developer", "alice")
	cond := profile.Condition{}
	for i := range 5 {
		c.Profile.Summary = fmt.Sprintf("Versi %d.", i)
		_, _, err := store.Put(ctx, c, cond)
		require.NoError(t, err)
		cond = anyVersion
	}

	page, err := store.Revisions(ctx, c.Profile.Slug, 2, 0)
	require.NoError(t, err)
	numbers := func(p profile.RevisionPage) []int {
		var out []int
		for _, r := range p.Items {
			assert.Equal(t, "alice", r.Author)
			assert.Nil(t, r.Profile)
			out = append(out, r.Number)
		}
		return out
	}
	assert.Equal(t, []int{5, 4}, numbers(page))
	assert.Equal(t, 5, page.Total)
	assert.Equal(t, 4, page.Next)
	assert.Equal(t, profile.ActionReplace, page.Items[0].Action)

	page, err = store.Revisions(ctx, c.Profile.Slug, 2, page.Next)
	require.NoError(t, err)
	assert.Equal(t, []int{3, 2}, numbers(page))
	page, err = store.Revisions(ctx, c.Profile.Slug, 2, page.Next)
	require.NoError(t, err)
	assert.Equal(t, []int{1}, numbers(page))
	assert.Equal(t, 0, page.Next)
	assert.Equal(t, profile.ActionCreate, page.Items[0].Action)

	_, err = store.Revisions(ctx, "juru-masak", 2, 0)
	assert.Equal(t, profile.ENOTFOUND, profile.ErrorCode(err))
	_, err = store.Revisions(ctx, c.Profile.Slug, 0, 0)
	assert.Equal(t, profile.EINVALID, profile.ErrorCode(err))
	_, err = store.Revision(ctx, c.Profile.Slug, 6)
	assert.Equal(t, profile.ENOTFOUND, profile.ErrorCode(err))
	assert.EqualError(t, err, `The slug "backend-developer" has no revision 6.`)
}

func TestSeedWritesRevisionsOfChanges(t *testing.T) {
	store := postgres.NewProfileStore(db.Reset(t))
	ctx := t.Context()
	a, b := fullProfile("backend-developer", "Backend Developer"), fullProfile("data-analyst", "Data Analyst")
	_, err := store.Seed(ctx, []*profile.Profile{a, b})
	require.NoError(t, err)
	_, err = store.Seed(ctx, []*profile.Profile{a, b})
	require.NoError(t, err)
	changed := fullProfile(b.Slug, "Data Scientist")
	_, err = store.Seed(ctx, []*profile.Profile{a, changed})
	require.NoError(t, err)

	assert.Equal(t, []string{"seed by seed"}, history(t, a.Slug), "an unchanged profile writes no revision")
	assert.Equal(t, []string{"seed by seed", "seed by seed"}, history(t, b.Slug))
	rev, err := store.Revision(ctx, b.Slug, 2)
	require.NoError(t, err)
	stored := loaded(t, store, b.Slug)
	assert.Equal(t, stored, rev.Profile)
	assert.Equal(t, stored.UpdatedAt, rev.CreatedAt)
	assert.Equal(t, "", rev.SourceText, "Seed has no texts")

	again := fullProfile(b.Slug, "Data Engineer")
	_, err = store.SeedTexts(ctx, []*profile.Profile{a, again}, []string{"teks a", "teks b"})
	require.NoError(t, err)
	rev, err = store.Revision(ctx, b.Slug, 3)
	require.NoError(t, err)
	assert.Equal(t, "teks b", rev.SourceText, "SeedTexts keeps each text in its revision")
	assert.Equal(t, []string{"seed by seed"}, history(t, a.Slug))
	_, err = store.SeedTexts(ctx, []*profile.Profile{a}, nil)
	assert.EqualError(t, err, "postgres: seed: 0 texts for 1 profiles")
}

func exportAll(t *testing.T, store *postgres.ProfileStore) []*profile.Profile {
	t.Helper()
	var out []*profile.Profile
	require.NoError(t, store.Export(t.Context(), func(p *profile.Profile) error {
		out = append(out, p)
		return nil
	}))
	return out
}

func TestExportImportRoundTrip(t *testing.T) {
	store := postgres.NewProfileStore(db.Reset(t))
	ctx := t.Context()
	_, err := store.Seed(ctx, []*profile.Profile{fullProfile("data-analyst", "Data Analyst"), emptyProfile("ux-writer", "UX Writer")})
	require.NoError(t, err)
	_, err = store.Create(ctx, change("Backend Developer", "alice"))
	require.NoError(t, err)
	exported := exportAll(t, store)
	require.Len(t, exported, 3)
	assert.Equal(t, "backend-developer", exported[0].Slug, "in slug order")

	store = postgres.NewProfileStore(db.Reset(t))
	result, err := store.Import(ctx, exported)
	require.NoError(t, err)
	assert.Equal(t, profile.SeedResult{Inserted: 3}, result)
	assert.Equal(t, exported, exportAll(t, store), "the same documents, updated_at included")
	assert.Equal(t, []string{"seed by import"}, history(t, "ux-writer"))

	result, err = store.Import(ctx, exported)
	require.NoError(t, err)
	assert.Equal(t, profile.SeedResult{Unchanged: 3}, result)

	before := dbState(t)
	bad := *exported[2]
	bad.Title = ""
	_, err = store.Import(ctx, []*profile.Profile{fullProfile("zeta-engineer", "Zeta Engineer"), &bad})
	assert.Equal(t, profile.EINVALID, profile.ErrorCode(err))
	assert.Equal(t, before, dbState(t), "an import is all or nothing")
}

// TestExportReadsOneSnapshot deletes a profile while the export runs: the
// export still holds it, as the catalogue was when it began.
func TestExportReadsOneSnapshot(t *testing.T) {
	store := postgres.NewProfileStore(db.Reset(t))
	ctx := t.Context()
	_, err := store.Seed(ctx, []*profile.Profile{fullProfile("analyst", "Analyst"), fullProfile("zeta", "Zeta")})
	require.NoError(t, err)
	var slugs []string
	require.NoError(t, store.Export(ctx, func(p *profile.Profile) error {
		if len(slugs) == 0 {
			require.NoError(t, store.Delete(ctx, "zeta", "bob", anyVersion))
		}
		slugs = append(slugs, p.Slug)
		return nil
	}))
	assert.Equal(t, []string{"analyst", "zeta"}, slugs)
	assert.Len(t, exportAll(t, store), 1)
}
