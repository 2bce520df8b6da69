package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gofrs/flock"
)

// ErrLockTimeout is returned (wrapped) when the lock stayed busy.
var ErrLockTimeout = errors.New("store is locked")

// Lock takes the store's lock, so that two ingests never interleave: both
// rewrite the index, and each compares its publication with what the other
// may be storing. The lock is an flock(2) on STORE/.lock, which the system
// releases when the process dies, so a killed ingest never leaves the
// store locked. When the lock is busy, waiting is called once (to tell the
// user), then Lock retries until timeout. The returned function unlocks.
func (s *Store) Lock(ctx context.Context, timeout time.Duration, waiting func()) (func(), error) {
	fl := flock.New(s.path(LockFile))
	ok, err := fl.TryLock()
	if err != nil {
		return nil, fmt.Errorf("cannot lock store %s: %v", s.Dir, err)
	}
	if !ok {
		if waiting != nil {
			waiting()
		}
		tctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		ok, err = fl.TryLockContext(tctx, 50*time.Millisecond)
		if !ok {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if err == nil || errors.Is(err, context.DeadlineExceeded) {
				return nil, fmt.Errorf("%w: gave up after %s waiting for %s, held by another ingest; nothing was written; try again when it has finished (or raise --lock-timeout)", ErrLockTimeout, timeout, fl.Path())
			}
			return nil, fmt.Errorf("cannot lock store %s: %v", s.Dir, err)
		}
	}
	return func() { fl.Unlock() }, nil
}
