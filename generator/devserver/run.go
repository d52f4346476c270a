package devserver

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"
)

// Listen opens the address; the server then answers requests whose Host
// is that address or localhost with its port.
func (s *Server) Listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	s.Allow(ln.Addr())
	return ln, nil
}

// Loopback reports whether an address listens only on this machine.
func Loopback(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// Serve serves on ln and watches for changes until ctx ends.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	// The watches are in place before the first request is answered, so
	// that no save made after a page has loaded goes unseen.
	watchErr := make(chan error, 1)
	changes, stop, err := s.startWatching(ctx)
	if err != nil {
		// Keep serving the last build, but say that saves will not show
		// until the preview is restarted.
		s.cfg.Logf("not watching for changes: %v", err)
		watchErr <- err
	} else {
		go func() {
			defer stop()
			watchErr <- s.rebuildOnChanges(ctx, changes)
		}()
	}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	err = srv.Serve(ln)
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	if werr := <-watchErr; err == nil && werr != nil {
		err = werr
	}
	return err
}
