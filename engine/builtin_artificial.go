package engine

import "fmt"

// NetStim is NEURON's spike generator: number spikes every interval ms from
// start. Only noise = 0 is supported (NEURON's random streams are not
// reproduced); a NetStim with noise > 0 fails at Init.
type NetStim struct{}

var netstimSpec = Spec{Name: "NetStim", Kind: Artificial, NetReceiveArgs: []string{"w"}, Variables: []Variable{
	{Name: "interval", Role: Parameter, Default: 10},
	{Name: "number", Role: Parameter, Default: 10},
	{Name: "start", Role: Parameter, Default: 50},
	{Name: "noise", Role: Parameter, Default: 0},
	{Name: "event", Role: Assigned},
	{Name: "on", Role: Assigned},
	{Name: "ispike", Role: Assigned},
}}

const (
	nsInterval = iota
	nsNumber
	nsStart
	nsNoise
	nsEvent
	nsOn
	nsIspike
)

// Spec describes NetStim.
func (*NetStim) Spec() *Spec { return netstimSpec.clone() }

func netstimInvl(x [][]float64, k int) float64 {
	mean := x[nsInterval][k]
	if mean <= 0. {
		mean = .01
	}
	return mean
}

// Init schedules the first spike.
func (*NetStim) Init(b *Block, e *Env) error {
	x := b.Vars
	for k := 0; k < b.N; k++ {
		x[nsOn][k] = 0
		x[nsIspike][k] = 0
		if x[nsNoise][k] < 0 {
			x[nsNoise][k] = 0
		}
		if x[nsNoise][k] > 1 {
			x[nsNoise][k] = 1
		}
		if x[nsNoise][k] != 0 {
			return fmt.Errorf("NetStim %d: %w", k, errNoise)
		}
		if x[nsStart][k] >= 0 && x[nsNumber][k] > 0 {
			x[nsOn][k] = 1
			ev := x[nsStart][k] + netstimInvl(x, k) - float64(x[nsInterval][k]*(1.-x[nsNoise][k]))
			if ev < 0 {
				ev = 0
			}
			x[nsEvent][k] = ev
			e.NetSend(b, k, ev, 3, nil)
		}
	}
	return nil
}

func netstimNextInvl(x [][]float64, k int) {
	if x[nsNumber][k] > 0 {
		x[nsEvent][k] = netstimInvl(x, k)
	}
	if x[nsIspike][k] >= x[nsNumber][k] {
		x[nsOn][k] = 0
	}
}

func netstimInitSequence(x [][]float64, k int) {
	if x[nsNumber][k] > 0 {
		x[nsOn][k] = 1
		x[nsEvent][k] = 0
		x[nsIspike][k] = 0
	}
}

// NetReceive runs the spike sequence (flags 3 and 1) and handles external
// events (flag 0: a positive weight restarts a stopped sequence, a negative
// one stops it).
func (*NetStim) NetReceive(b *Block, k int, args []float64, flag float64, e *Env) error {
	x := b.Vars
	w := 0.0
	if len(args) > 0 {
		w = args[0]
	}
	if flag == 0 {
		if w > 0 && x[nsOn][k] == 0 {
			netstimInitSequence(x, k)
			netstimNextInvl(x, k)
			x[nsEvent][k] = x[nsEvent][k] - float64(x[nsInterval][k]*(1.-x[nsNoise][k]))
			e.NetSend(b, k, x[nsEvent][k], 1, args)
		} else if w < 0 {
			x[nsOn][k] = 0
		}
	}
	if flag == 3 {
		if x[nsOn][k] == 1 {
			netstimInitSequence(x, k)
			e.NetSend(b, k, 0.0, 1, args)
		}
	}
	if flag == 1 && x[nsOn][k] == 1 {
		x[nsIspike][k] = x[nsIspike][k] + 1
		e.NetEvent(b, k, e.T)
		netstimNextInvl(x, k)
		if x[nsOn][k] == 1 {
			e.NetSend(b, k, x[nsEvent][k], 1, args)
		}
	}
	return nil
}

// VecStim plays a vector of event times (set with PointProcess.SetVector or
// Sim.SetVector) as spikes, like the VecStim of NEURON's vecevent.mod.
type VecStim struct{}

var vecstimSpec = Spec{Name: "VecStim", Kind: Artificial, NetReceiveArgs: []string{"w"}, Variables: []Variable{
	{Name: "index", Role: Assigned},
	{Name: "etime", Role: Assigned},
}}

const (
	vsIndex = iota
	vsEtime
)

// Spec describes VecStim.
func (*VecStim) Spec() *Spec { return vecstimSpec.clone() }

func vecstimElement(b *Block, k int) {
	x := b.Vars
	i := int(x[vsIndex][k])
	if i >= 0 {
		vec := b.Vectors[k]
		if vec != nil && i < len(vec) {
			x[vsEtime][k] = vec[i]
			x[vsIndex][k] += 1.
		} else {
			x[vsIndex][k] = -1.
		}
	}
}

// Init schedules the first element.
func (*VecStim) Init(b *Block, e *Env) error {
	for k := 0; k < b.N; k++ {
		b.Vars[vsIndex][k] = 0
		vecstimElement(b, k)
		if b.Vars[vsIndex][k] > 0 {
			e.NetSend(b, k, b.Vars[vsEtime][k]-e.T, 1, nil)
		}
	}
	return nil
}

// NetReceive fires and schedules the next element.
func (*VecStim) NetReceive(b *Block, k int, args []float64, flag float64, e *Env) error {
	if flag == 1 {
		e.NetEvent(b, k, e.T)
		vecstimElement(b, k)
		if b.Vars[vsIndex][k] > 0 {
			e.NetSend(b, k, b.Vars[vsEtime][k]-e.T, 1, args)
		}
	}
	return nil
}
