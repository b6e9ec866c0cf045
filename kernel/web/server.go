package web

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"html/template"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"github.com/synaptune/synaptune/kernel"
)

// Defaults for Options.
const (
	DefaultAddr            = "127.0.0.1:0"
	DefaultMaxMessageBytes = 64 << 10
	DefaultMaxFrameBytes   = 4 << 20
	maxAddressBytes        = 512
	clientQueue            = 1024
	writeTimeout           = 10 * time.Second
	pingInterval           = 30 * time.Second
	shutdownTimeout        = 5 * time.Second
)

// Options configures a Server. The zero value is valid.
type Options struct {
	// Addr is the address to listen on; empty means 127.0.0.1 on a free port.
	// Listening beyond loopback exposes the session to the network (the token
	// still guards it).
	Addr string
	// Title is the page title; empty means "synaptune".
	Title string
	// EChartsFile is the path of a local copy of echarts.min.js. When set, the
	// file is read by New (a missing file is an error) and the page loads it.
	EChartsFile string
	// MaxMessageBytes is the largest websocket message from the page that is
	// processed; larger ones are dropped. Zero means DefaultMaxMessageBytes.
	MaxMessageBytes int
	// MaxFrameBytes is the largest message read at all; a larger one closes the
	// connection. Zero means DefaultMaxFrameBytes (at least MaxMessageBytes).
	MaxFrameBytes int
	// Logger receives the log lines (dropped messages, connections). Nil means
	// a text logger on standard error.
	Logger *slog.Logger
}

//go:embed page.html
var pageTemplateText string

//go:embed page.js
var pageScript string

//go:embed page.css
var pageStyle string

// Server is a kernel.Frontend that serves one web page. Create it with New.
type Server struct {
	opts    Options
	log     *slog.Logger
	token   string
	ln      net.Listener
	page    []byte
	echarts []byte
	router  kernel.Router
	ids     *kernel.IDs
	upgr    websocket.Upgrader
	wg      sync.WaitGroup // client goroutines

	mu       sync.Mutex
	outputs  []*output
	byID     map[kernel.OutputID]*output
	latest   map[string]json.RawMessage
	order    []string // addresses in first-use order, for replay
	clients  map[*client]struct{}
	joined   chan struct{} // closed and replaced when a client connects
	shutdown bool
}

type output struct {
	id   kernel.OutputID
	html string
}

var _ kernel.Frontend = (*Server)(nil)

// New creates a server and binds its listener. Call Serve to start serving.
func New(opts Options) (*Server, error) {
	if opts.Addr == "" {
		opts.Addr = DefaultAddr
	}
	if opts.Title == "" {
		opts.Title = "synaptune"
	}
	if opts.MaxMessageBytes <= 0 {
		opts.MaxMessageBytes = DefaultMaxMessageBytes
	}
	if opts.MaxFrameBytes <= 0 {
		opts.MaxFrameBytes = DefaultMaxFrameBytes
	}
	opts.MaxFrameBytes = max(opts.MaxFrameBytes, opts.MaxMessageBytes)
	s := &Server{
		opts:    opts,
		log:     opts.Logger,
		ids:     kernel.NewIDs(),
		byID:    make(map[kernel.OutputID]*output),
		latest:  make(map[string]json.RawMessage),
		clients: make(map[*client]struct{}),
		joined:  make(chan struct{}),
	}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	var tok [16]byte
	if _, err := rand.Read(tok[:]); err != nil {
		return nil, fmt.Errorf("web: session token: %w", err)
	}
	s.token = hex.EncodeToString(tok[:])
	if opts.EChartsFile != "" {
		b, err := os.ReadFile(opts.EChartsFile)
		if err != nil {
			return nil, fmt.Errorf("web: echarts library: %w", err)
		}
		s.echarts = b
	}
	page, err := renderPage(opts.Title, s.token, s.echarts != nil)
	if err != nil {
		return nil, err
	}
	s.page = page
	s.upgr = websocket.Upgrader{ReadBufferSize: 4096, WriteBufferSize: 4096}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return nil, fmt.Errorf("web: listen on %s: %w", opts.Addr, err)
	}
	s.ln = ln
	return s, nil
}

func renderPage(title, token string, withECharts bool) ([]byte, error) {
	tmpl, err := template.New("page").Parse(pageTemplateText)
	if err != nil {
		return nil, fmt.Errorf("web: page template: %w", err)
	}
	var b bytes.Buffer
	err = tmpl.Execute(&b, struct {
		Title   string
		Token   string
		ECharts bool
		Style   template.CSS
		Script  template.JS
	}{title, token, withECharts, template.CSS(pageStyle), template.JS(pageScript)})
	if err != nil {
		return nil, fmt.Errorf("web: page template: %w", err)
	}
	return b.Bytes(), nil
}

// Addr returns the address the server listens on.
func (s *Server) Addr() net.Addr { return s.ln.Addr() }

// Token returns the session token.
func (s *Server) Token() string { return s.token }

// URL returns the page's address, token included.
func (s *Server) URL() string {
	return "http://" + s.ln.Addr().String() + "/?token=" + s.token
}

// Handler returns the HTTP handler of the session (Serve uses it; tests may
// mount it on an httptest server).
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.servePage)
	mux.HandleFunc("GET /ws", s.serveWebsocket)
	mux.HandleFunc("GET /assets/echarts.min.js", s.serveECharts)
	return s.checkToken(mux)
}

func (s *Server) checkToken(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := r.URL.Query().Get("token")
		if subtle.ConstantTimeCompare([]byte(got), []byte(s.token)) != 1 {
			s.log.Warn("web: request without a valid session token refused", "path", r.URL.Path, "remote", r.RemoteAddr)
			http.Error(w, "forbidden: missing or wrong session token", http.StatusForbidden)
			return
		}
		w.Header().Set("Referrer-Policy", "no-referrer")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

func (s *Server) servePage(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(s.page)
}

func (s *Server) serveECharts(w http.ResponseWriter, r *http.Request) {
	if s.echarts == nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	_, _ = w.Write(s.echarts)
}

// Serve serves HTTP until ctx is cancelled, then shuts the server down: the
// listener closes, websockets are closed, and Serve returns nil once every
// connection goroutine has ended.
func (s *Server) Serve(ctx context.Context) error {
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second, ErrorLog: slog.NewLogLogger(s.log.Handler(), slog.LevelWarn)}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(s.ln) }()
	select {
	case err := <-errc:
		s.closeClients()
		s.wg.Wait()
		return fmt.Errorf("web: serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	s.closeClients()
	s.wg.Wait()
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	if err != nil {
		return fmt.Errorf("web: shutdown: %w", err)
	}
	return nil
}

// Close closes the listener and all websockets without serving; use it when
// Serve is never called.
func (s *Server) Close() error {
	s.closeClients()
	s.wg.Wait()
	if err := s.ln.Close(); err != nil && !errors.Is(err, net.ErrClosed) {
		return fmt.Errorf("web: close: %w", err)
	}
	return nil
}

func (s *Server) closeClients() {
	s.mu.Lock()
	s.shutdown = true
	clients := make([]*client, 0, len(s.clients))
	for c := range s.clients {
		clients = append(clients, c)
	}
	s.mu.Unlock()
	for _, c := range clients {
		c.close()
	}
}

// NewID implements kernel.Frontend.
func (s *Server) NewID(prefix string) string { return s.ids.New(prefix) }

// DisplayHTML implements kernel.Display.
func (s *Server) DisplayHTML(content string) (kernel.OutputID, error) {
	id := kernel.OutputID(s.ids.New("out"))
	return id, s.UpdateHTML(id, content)
}

// UpdateHTML implements kernel.Display.
func (s *Server) UpdateHTML(id kernel.OutputID, content string) error {
	if id == "" {
		return errors.New("web: update output: empty id")
	}
	msg, err := json.Marshal(wireOut{Kind: "output", ID: string(id), HTML: content})
	if err != nil {
		return fmt.Errorf("web: update output %s: %w", id, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if o, ok := s.byID[id]; ok {
		o.html = content
	} else {
		o := &output{id: id, html: content}
		s.outputs = append(s.outputs, o)
		s.byID[id] = o
	}
	s.broadcastLocked(msg, nil)
	return nil
}

// DisplayTransient implements kernel.Display.
func (s *Server) DisplayTransient(content string) error {
	msg, err := json.Marshal(wireOut{Kind: "transient", HTML: content})
	if err != nil {
		return fmt.Errorf("web: transient output: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.broadcastLocked(msg, nil)
	return nil
}

// Print implements kernel.Display: the text becomes a preformatted output.
func (s *Server) Print(text string) error {
	_, err := s.DisplayHTML(`<pre class="synaptune-text">` + html.EscapeString(text) + `</pre>`)
	return err
}

// Send implements kernel.Comm.
func (s *Server) Send(address string, value any) error {
	b, err := json.Marshal(value)
	if err != nil {
		return fmt.Errorf("web: send to %q: %w", address, err)
	}
	msg, err := json.Marshal(wireOut{Kind: "comm", Address: address, Value: b})
	if err != nil {
		return fmt.Errorf("web: send to %q: %w", address, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rememberLocked(address, b)
	s.broadcastLocked(msg, nil)
	return nil
}

func (s *Server) rememberLocked(address string, value json.RawMessage) {
	if _, ok := s.latest[address]; !ok {
		s.order = append(s.order, address)
	}
	s.latest[address] = value
}

// Subscribe implements kernel.Comm.
func (s *Server) Subscribe(address string) *kernel.Subscription { return s.router.Subscribe(address) }

// Handle implements kernel.Comm.
func (s *Server) Handle(address string, fn func(kernel.Message)) (stop func()) {
	return s.router.Handle(address, fn)
}

// StartProgress implements kernel.Frontend with an HTML progress bar.
func (s *Server) StartProgress(label string, total int) (kernel.Progress, error) {
	return kernel.StartHTMLProgress(s, label, total, kernel.ProgressOptions{})
}

// Connected implements kernel.Frontend: it reports whether a page holds an
// open websocket, waiting for one until ctx is done.
func (s *Server) Connected(ctx context.Context) bool {
	for {
		s.mu.Lock()
		n, joined := len(s.clients), s.joined
		s.mu.Unlock()
		if n > 0 {
			return true
		}
		select {
		case <-joined:
		case <-ctx.Done():
			return false
		}
	}
}

// wireOut is a message from the server to the page.
type wireOut struct {
	Kind    string          `json:"kind"`
	ID      string          `json:"id,omitempty"`
	HTML    string          `json:"html,omitempty"`
	Address string          `json:"address,omitempty"`
	Value   json.RawMessage `json:"value,omitempty"`
}

// wireIn is a message from the page to the server.
type wireIn struct {
	Kind    string          `json:"kind"`
	Address string          `json:"address"`
	Value   json.RawMessage `json:"value"`
}

// broadcastLocked queues msg for every client except skip. A client whose
// queue is full is disconnected; its page reconnects and is rebuilt.
func (s *Server) broadcastLocked(msg []byte, skip *client) {
	for c := range s.clients {
		if c == skip {
			continue
		}
		select {
		case c.out <- msg:
		default:
			s.log.Warn("web: page too slow, disconnecting it", "remote", c.remote)
			go c.close()
		}
	}
}

// replayLocked returns the messages that rebuild the page.
func (s *Server) replayLocked() [][]byte {
	msgs := make([][]byte, 0, 1+len(s.outputs)+len(s.order))
	reset, _ := json.Marshal(wireOut{Kind: "reset"})
	msgs = append(msgs, reset)
	for _, o := range s.outputs {
		if m, err := json.Marshal(wireOut{Kind: "output", ID: string(o.id), HTML: o.html}); err == nil {
			msgs = append(msgs, m)
		}
	}
	for _, a := range s.order {
		if m, err := json.Marshal(wireOut{Kind: "comm", Address: a, Value: s.latest[a]}); err == nil {
			msgs = append(msgs, m)
		}
	}
	return msgs
}
