package web_test

import (
	"encoding/json"
	"testing"

	"github.com/gorilla/websocket"

	"github.com/synaptune/synaptune/kernel"
	"github.com/synaptune/synaptune/kernel/web"
)

// BenchmarkCommRoundTrip measures page → Go → page over a loopback websocket:
// the page sends a value, a Go handler sends it back, the page reads it.
func BenchmarkCommRoundTrip(b *testing.B) {
	s, _ := startServer(b, web.Options{})
	s.Handle("ping", func(m kernel.Message) { _ = s.Send("pong", m.Value) })
	conn, resp, err := websocket.DefaultDialer.Dial(wsURL(s, s.Token()), nil)
	if err != nil {
		b.Fatal(err)
	}
	resp.Body.Close()
	defer conn.Close()
	read := func() serverMsg {
		for {
			_, data, err := conn.ReadMessage()
			if err != nil {
				b.Fatal(err)
			}
			var m serverMsg
			_ = json.Unmarshal(data, &m)
			if m.Kind == "comm" && m.Address == "pong" {
				return m
			}
		}
	}
	msg := []byte(`{"kind":"comm","address":"ping","value":0.5}`)
	b.ResetTimer()
	for b.Loop() {
		if err := conn.WriteMessage(websocket.TextMessage, msg); err != nil {
			b.Fatal(err)
		}
		read()
	}
}
