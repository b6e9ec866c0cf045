package memory_test

import (
	"context"
	"testing"

	"github.com/synaptune/synaptune/kernel"
	"github.com/synaptune/synaptune/kernel/memory"
)

func TestOutputsRecorded(t *testing.T) {
	fe := memory.New()
	id, err := fe.DisplayHTML("<b>a</b>")
	if err != nil {
		t.Fatal(err)
	}
	if err := fe.UpdateHTML(id, "<b>b</b>"); err != nil {
		t.Fatal(err)
	}
	if err := fe.UpdateHTML("chosen", "<i>c</i>"); err != nil {
		t.Fatal(err)
	}
	if err := fe.UpdateHTML("", "x"); err == nil {
		t.Error("empty id accepted")
	}
	_ = fe.DisplayTransient("<script>1</script>")
	_ = fe.Print("hello\n")

	outs := fe.Outputs()
	if len(outs) != 2 || outs[0].HTML != "<b>b</b>" || outs[0].Updates != 1 || outs[1].ID != "chosen" {
		t.Errorf("outputs %+v", outs)
	}
	if tr := fe.Transients(); len(tr) != 1 {
		t.Errorf("transients %v", tr)
	}
	if fe.Printed() != "hello\n" {
		t.Errorf("printed %q", fe.Printed())
	}
}

func TestCommBothWays(t *testing.T) {
	fe := memory.New()
	if err := fe.Send("a", map[string]int{"x": 1}); err != nil {
		t.Fatal(err)
	}
	if err := fe.Send("a", 2); err != nil {
		t.Fatal(err)
	}
	if err := fe.Send("bad", func() {}); err == nil {
		t.Error("unencodable value accepted")
	}
	if v, ok := fe.LastSent("a"); !ok || string(v) != "2" || fe.SentCount("a") != 2 {
		t.Errorf("LastSent = %s %v, count %d", v, ok, fe.SentCount("a"))
	}

	var got []string
	stop := fe.Handle("in", func(m kernel.Message) { got = append(got, string(m.Value)) })
	if ok, err := fe.Inject("in", 1.5); err != nil || !ok {
		t.Fatalf("Inject: %v %v", ok, err)
	}
	stop()
	if ok, _ := fe.Inject("in", 2); ok {
		t.Error("Inject reported a listener after stop")
	}
	if len(got) != 1 || got[0] != "1.5" {
		t.Errorf("handler got %v", got)
	}
}

func TestConnected(t *testing.T) {
	fe := memory.New()
	if !fe.Connected(context.Background()) {
		t.Error("new memory front end not connected")
	}
	fe.SetConnected(false)
	if fe.Connected(context.Background()) {
		t.Error("still connected after SetConnected(false)")
	}
}
