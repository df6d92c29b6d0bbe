package httpapi

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/profile"
)

// TestParsesWaitTheirTurn holds the only turn of a server of one parse at
// a time: another parse gets 503 once its wait is over, or stops with its
// request; given back, the turn is free.
func TestParsesWaitTheirTurn(t *testing.T) {
	p := newParses(Admission{Parses: 1})
	require.NoError(t, p.await(t.Context()))

	err := p.await(t.Context())
	assert.Equal(t, profile.EUNAVAILABLE, profile.ErrorCode(err))

	p.wait = time.Hour
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	assert.ErrorIs(t, p.await(ctx), context.Canceled)

	p.turns.give()
	r := httptest.NewRequestWithContext(t.Context(), "POST", "/v1/parse", nil)
	_, err = p.parse(r, []byte("Ia ada."))
	assert.Equal(t, profile.EUNPROCESSABLE, profile.ErrorCode(err), "the turn is free again")
	assert.True(t, p.turns.take(), "and given back after the parse")
}
