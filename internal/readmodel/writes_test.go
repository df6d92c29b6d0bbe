package readmodel_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/mock"
	"github.com/karir/karir/internal/profile"
)

// TestWritesApplyBeforeTheyReturn shows that a write through the model
// is in it when the write returns, a failed write changes nothing, and a
// write the model cannot load at once is left to Run.
func TestWritesApplyBeforeTheyReturn(t *testing.T) {
	ps := titled(4)
	m, c := newModel(t, ps...)
	require.NoError(t, m.Reload(t.Context()))
	changed := *ps[1]
	changed.Summary = "Ditulis."
	refused := profile.PreconditionRequired("x.")
	svc := m.Writes(&mock.ProfileService{
		PutFn: func(_ context.Context, ch profile.Change, cond profile.Condition) (*profile.Profile, bool, error) {
			if cond.IfMatch == nil {
				return nil, false, refused
			}
			c.put(ch.Profile)
			return ch.Profile, false, nil
		},
		DeleteFn: func(_ context.Context, slug, _ string, _ profile.Condition) error {
			c.remove(slug)
			return nil
		},
		RestoreFn: func(_ context.Context, slug string, _ int, _ string, _ profile.Condition) (*profile.Profile, bool, error) {
			c.put(ps[2])
			return ps[2], true, nil
		},
	})
	anyVersion := profile.Condition{IfMatch: &profile.Tags{Any: true}}

	_, _, err := svc.Put(t.Context(), profile.Change{Profile: &changed}, profile.Condition{})
	assert.Equal(t, refused, err)
	_, _, err = svc.Put(t.Context(), profile.Change{Profile: &changed}, anyVersion)
	require.NoError(t, err)
	got, err := get(m, changed.Slug)
	require.NoError(t, err)
	assert.Equal(t, "Ditulis.", got.Summary, "the write is read back at once")

	require.NoError(t, svc.Delete(t.Context(), ps[2].Slug, "uji", anyVersion))
	_, err = get(m, ps[2].Slug)
	assert.Equal(t, profile.ENOTFOUND, profile.ErrorCode(err))
	_, _, err = svc.Restore(t.Context(), ps[2].Slug, 1, "uji", profile.Condition{IfNoneMatch: &profile.Tags{Any: true}})
	require.NoError(t, err)
	_, err = get(m, ps[2].Slug)
	assert.NoError(t, err, "an undelete is read back at once")

	c.setFail(errors.New("database away"))
	again := changed
	again.Summary = "Lagi."
	_, _, err = svc.Put(t.Context(), profile.Change{Profile: &again}, anyVersion)
	require.NoError(t, err, "the write stands though the model could not load it")
	updated := m.Updated()
	c.setFail(nil)
	go func() { _ = m.Run(t.Context()) }()
	<-updated
	got, err = get(m, changed.Slug)
	require.NoError(t, err)
	assert.Equal(t, "Lagi.", got.Summary, "Run applies it")
}
