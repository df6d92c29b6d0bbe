package postgres_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/postgres"
	"github.com/karir/karir/internal/profile"
)

func TestRestore(t *testing.T) {
	store := postgres.NewProfileStore(db.Reset(t))
	ctx := t.Context()
	conn := listen(t)
	c := change("Backend Developer", "alice")
	slug := c.Profile.Slug
	first, err := store.Create(ctx, c)
	require.NoError(t, err)
	edited := change("Backend Developer", "bob")
	edited.Profile.Sections.Tasks.Sentences[0].Text = "Merancang arsitektur layanan."
	edited.SourceText = "teks kedua"
	second, _, err := store.Put(ctx, edited, ifMatch(etagOf(t, first)))
	require.NoError(t, err)
	payloads(t, conn, 2)

	_, _, err = store.Restore(ctx, slug, 1, "carol", ifMatch(etagOf(t, first)))
	assert.Equal(t, profile.EPRECONDITION, profile.ErrorCode(err), "a stale If-Match")
	_, _, err = store.Restore(ctx, slug, 9, "carol", ifMatch(etagOf(t, second)))
	assert.EqualError(t, err, `The slug "backend-developer" has no revision 9.`)
	assert.Equal(t, profile.ENOTFOUND, profile.ErrorCode(err))

	restored, created, err := store.Restore(ctx, slug, 1, "carol", ifMatch(etagOf(t, second)))
	require.NoError(t, err)
	assert.False(t, created)
	assert.Equal(t, restored, loaded(t, store, slug))
	assert.Equal(t, withTime(first, restored), restored, "the first version is current again")
	assert.Equal(t, []string{slug}, payloads(t, conn, 1))
	rev, err := store.Revision(ctx, slug, 3)
	require.NoError(t, err)
	assert.Equal(t, profile.ActionRestore, rev.Action)
	assert.Equal(t, c.SourceText, rev.SourceText, "the text comes back with the document")

	again, created, err := store.Restore(ctx, slug, 1, "carol", ifMatch(etagOf(t, restored)))
	require.NoError(t, err)
	assert.False(t, created)
	assert.Equal(t, restored, again, "restoring what is current writes nothing")

	require.NoError(t, store.Delete(ctx, slug, "dave", ifMatch(etagOf(t, restored))))
	_, _, err = store.Restore(ctx, slug, 2, "carol", ifMatch(etagOf(t, restored)))
	assert.Equal(t, profile.EPRECONDITION, profile.ErrorCode(err), "If-Match needs a current profile")
	back, created, err := store.Restore(ctx, slug, 4, "carol", profile.Condition{IfNoneMatch: &profile.Tags{Any: true}})
	require.NoError(t, err)
	assert.True(t, created, "restoring the delete undeletes")
	assert.Equal(t, withTime(first, back), back)
	_, _, err = store.Restore(ctx, slug, 2, "carol", profile.Condition{IfNoneMatch: &profile.Tags{Any: true}})
	assert.Equal(t, profile.EPRECONDITION, profile.ErrorCode(err), "If-None-Match: * needs a deleted profile")
	assert.Equal(t, []string{"create by alice", "replace by bob", "restore by carol", "delete by dave", "restore by carol"}, history(t, slug))
}

// withTime returns p with the UpdatedAt of other.
func withTime(p, other *profile.Profile) *profile.Profile {
	c := *p
	c.UpdatedAt = other.UpdatedAt
	return &c
}

func TestRevisionsNameTheChangedSections(t *testing.T) {
	store := postgres.NewProfileStore(db.Reset(t))
	ctx := t.Context()
	c := change("Backend Developer", "alice")
	c.Profile.Sections.Expectations = profile.NewSections().Expectations
	_, err := store.Create(ctx, c)
	require.NoError(t, err)
	moved := change("Backend Developer", "alice")
	moved.Profile.Sections.Expectations = profile.NewSections().Expectations
	moved.Profile.Sections.Tasks.Sentences[0].Line = 4
	moved.Profile.Summary = "Ringkasan lain."
	_, _, err = store.Put(ctx, moved, profile.Condition{})
	require.NoError(t, err)
	edited := change("Backend Developer", "alice")
	edited.Profile.Sections.Fit.Traits = []string{"teliti"}
	edited.Profile.Sections.Comparisons.Sentences[0].Text = "Berbeda dengan analis data."
	_, _, err = store.Put(ctx, edited, profile.Condition{})
	require.NoError(t, err)
	require.NoError(t, store.Delete(ctx, c.Profile.Slug, "alice", profile.Condition{}))

	page, err := store.Revisions(ctx, c.Profile.Slug, 10, 0)
	require.NoError(t, err)
	var changed [][]profile.SectionKey
	for _, r := range page.Items {
		changed = append(changed, r.ChangedSections)
	}
	assert.Equal(t, [][]profile.SectionKey{
		{},
		{profile.Fit, profile.Expectations, profile.Comparisons},
		{},
		{profile.Tasks, profile.Fit, profile.NonFit, profile.Misconceptions, profile.Comparisons},
	}, changed, "newest first: the delete changes nothing, a moved line or a summary no section, the first every section it has")
}
