package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"github.com/synaptune/synaptune/kernel"
)

// client is one open websocket.
type client struct {
	conn      *websocket.Conn
	remote    string
	out       chan []byte
	done      chan struct{}
	closeOnce sync.Once
}

func (c *client) close() {
	c.closeOnce.Do(func() {
		close(c.done)
		_ = c.conn.Close()
	})
}

func (s *Server) serveWebsocket(w http.ResponseWriter, r *http.Request) {
	conn, err := s.upgr.Upgrade(w, r, nil)
	if err != nil {
		s.log.Warn("web: websocket upgrade failed", "remote", r.RemoteAddr, "err", err)
		return // Upgrade has replied with an HTTP error
	}
	conn.SetReadLimit(int64(s.opts.MaxFrameBytes))
	c := &client{conn: conn, remote: r.RemoteAddr, done: make(chan struct{})}

	s.mu.Lock()
	if s.shutdown {
		s.mu.Unlock()
		_ = conn.Close()
		return
	}
	replay := s.replayLocked()
	c.out = make(chan []byte, len(replay)+clientQueue)
	for _, m := range replay {
		c.out <- m
	}
	s.clients[c] = struct{}{}
	close(s.joined)
	s.joined = make(chan struct{})
	s.wg.Add(1)
	s.mu.Unlock()
	s.log.Info("web: page connected", "remote", c.remote)

	go func() {
		defer s.wg.Done()
		s.writeLoop(c)
	}()
	s.readLoop(c)

	s.mu.Lock()
	delete(s.clients, c)
	s.mu.Unlock()
	c.close()
	s.log.Info("web: page disconnected", "remote", c.remote)
}

func (s *Server) writeLoop(c *client) {
	ping := time.NewTicker(pingInterval)
	defer ping.Stop()
	for {
		select {
		case <-c.done:
			return
		case m := <-c.out:
			_ = c.conn.SetWriteDeadline(time.Now().Add(writeTimeout))
			if err := c.conn.WriteMessage(websocket.TextMessage, m); err != nil {
				c.close()
				return
			}
		case <-ping.C:
			if err := c.conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(writeTimeout)); err != nil {
				c.close()
				return
			}
		}
	}
}

// readLoop reads messages until the connection fails or closes. Bad messages
// are dropped with a log line.
func (s *Server) readLoop(c *client) {
	limit := int64(s.opts.MaxMessageBytes)
	for {
		typ, r, err := c.conn.NextReader()
		if err != nil {
			if errors.Is(err, websocket.ErrReadLimit) {
				s.log.Warn("web: websocket message above the frame limit, closing connection",
					"remote", c.remote, "limit", s.opts.MaxFrameBytes)
			}
			return
		}
		data, err := io.ReadAll(io.LimitReader(r, limit+1))
		if err != nil {
			if errors.Is(err, websocket.ErrReadLimit) {
				s.log.Warn("web: websocket message above the frame limit, closing connection",
					"remote", c.remote, "limit", s.opts.MaxFrameBytes)
			}
			return
		}
		if int64(len(data)) > limit {
			if _, err := io.Copy(io.Discard, r); err != nil {
				s.log.Warn("web: websocket message above the frame limit, closing connection",
					"remote", c.remote, "limit", s.opts.MaxFrameBytes)
				return
			}
			s.log.Warn("web: websocket message dropped: too large", "remote", c.remote, "limit", limit)
			continue
		}
		if typ != websocket.TextMessage {
			s.log.Warn("web: websocket message dropped: not text", "remote", c.remote)
			continue
		}
		m, reason := parseIncoming(data)
		if reason != "" {
			s.log.Warn("web: websocket message dropped: "+reason, "remote", c.remote, "bytes", len(data))
			continue
		}
		s.deliver(c, m)
	}
}

// parseIncoming validates a message from the page; it returns a reason when
// the message must be dropped.
func parseIncoming(data []byte) (kernel.Message, string) {
	var in wireIn
	if err := json.Unmarshal(data, &in); err != nil {
		return kernel.Message{}, "malformed JSON"
	}
	switch {
	case in.Kind != "comm":
		return kernel.Message{}, "unknown kind"
	case in.Address == "" || len(in.Address) > maxAddressBytes:
		return kernel.Message{}, "missing or overlong address"
	case len(in.Value) == 0:
		return kernel.Message{}, "missing value"
	}
	return kernel.Message{Address: in.Address, Value: in.Value}, ""
}

// deliver records the value for replay, passes it to the other pages and
// dispatches it to Go. A panic in a Go handler is logged, not fatal.
func (s *Server) deliver(from *client, m kernel.Message) {
	if msg, err := json.Marshal(wireOut{Kind: "comm", Address: m.Address, Value: m.Value}); err == nil {
		s.mu.Lock()
		s.rememberLocked(m.Address, m.Value)
		s.broadcastLocked(msg, from)
		s.mu.Unlock()
	}
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("web: comm handler panicked; message dropped", "address", m.Address, "panic", p)
		}
	}()
	s.router.Dispatch(m)
}
